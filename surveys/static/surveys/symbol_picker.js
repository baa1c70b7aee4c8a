// The admin's symbol picker: show the chosen symbol beside the list (surveys/symbol_picker.py).
// Delegated, so rows an inline panel adds later work too.
document.addEventListener("change", (event) => {
  const select = event.target.closest("[data-symbol-picker] select");
  if (!select) return;
  const preview = select.closest("[data-symbol-picker]").querySelector(".symbol-picker__preview");
  const url = select.selectedOptions[0]?.dataset.preview;
  preview.hidden = !url;
  if (url) preview.src = url;
});
