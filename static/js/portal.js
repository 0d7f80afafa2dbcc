// Vuxportal's own behaviour. No inline scripts (the CSP forbids them): pages mark
// elements with data attributes and this file wires them up.
(function () {
  "use strict";
  // Buttons with data-confirm ask before submitting their form.
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  // Selects with data-autosubmit submit their form when changed (filters).
  document.addEventListener("change", function (event) {
    var el = event.target.closest("[data-autosubmit]");
    if (el && el.form) { el.form.requestSubmit(); }
  });
})();
// Competence: buttons with data-check-all="name" tick every checkbox of that name in
// their form (bulk attendance).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-check-all]");
    if (!el || !el.form) { return; }
    var name = el.getAttribute("data-check-all");
    el.form.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (box) {
      box.checked = true;
    });
  });
})();
