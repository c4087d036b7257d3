// valo's few behaviours. No inline scripts: the Content-Security-Policy forbids them.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (box.matches("[data-select-all]")) {
    box.closest("table").querySelectorAll("input[name=pk]").forEach((item) => {
      item.checked = box.checked;
    });
  }
});

// Autocomplete pickers (valo.core.pickers): a <select data-autocomplete-url> becomes a search box
// whose suggestions come from the server, as the user types.
function valoPickers(root) {
  if (typeof TomSelect === "undefined") return;
  root.querySelectorAll("select[data-autocomplete-url]").forEach((select) => {
    if (select.tomselect) return;
    const url = select.dataset.autocompleteUrl;
    new TomSelect(select, {
      valueField: "value",
      labelField: "text",
      searchField: ["text"],
      maxOptions: 20,
      loadThrottle: 250,
      plugins: select.multiple ? ["remove_button"] : [],
      load(query, callback) {
        const address = new URL(url, window.location.origin);
        address.searchParams.set("q", query);
        fetch(address, { credentials: "same-origin" })
          .then((response) => response.json())
          .then((data) => callback(data.results))
          .catch(() => callback());
      },
    });
  });
}
document.addEventListener("DOMContentLoaded", () => valoPickers(document));
document.addEventListener("htmx:afterSwap", (event) => valoPickers(event.target));
