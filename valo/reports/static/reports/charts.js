// Draws each <canvas data-chart="ID"> from the JSON of <script type="application/json" id="ID">
// (Django's json_script): {type, labels, datasets: [{label, data}], reverse, stacked}. The same numbers are
// in a table beside each chart, for reading and for screen readers.
(function () {
  "use strict";
  function draw() {
    if (typeof Chart === "undefined") {
      return;
    }
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) {
        return;
      }
      var spec = JSON.parse(source.textContent);
      var scales = {};
      if (spec.type !== "doughnut") {
        scales = {
          x: { stacked: !!spec.stacked },
          y: { beginAtZero: !spec.reverse, reverse: !!spec.reverse, stacked: !!spec.stacked, ticks: { precision: 0 } },
        };
      }
      canvas.chart = new Chart(canvas, {
        type: spec.type,
        data: { labels: spec.labels, datasets: spec.datasets },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { display: spec.datasets.length > 1 || spec.type === "doughnut" } },
          scales: scales,
        },
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
