// valo's few behaviours. No inline scripts: the Content-Security-Policy forbids them.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (box.matches("[data-select-all]")) {
    box.closest("table").querySelectorAll("input[name=pk]").forEach((item) => {
      item.checked = box.checked;
    });
  }
});
