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
// The header's menus, the disclosure pattern: a button with aria-expanded and
// aria-controls shows or hides its list of links. Escape closes the open menu and puts
// focus back on its button; on a phone, a second Escape folds the whole menu back behind
// the "Menu" button. Nothing depends on hover, so touch, keyboard and screen readers all
// work the same way.
(function () {
  "use strict";
  var OPEN = "[data-disclosure][aria-expanded=true]";

  function setOpen(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    document.getElementById(button.getAttribute("aria-controls")).hidden = !open;
  }

  function closeOthers(except) {
    document.querySelectorAll(OPEN).forEach(function (button) {
      if (button !== except) { setOpen(button, false); }
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-disclosure]");
    if (button) {
      closeOthers(button);
      setOpen(button, button.getAttribute("aria-expanded") !== "true");
      return;
    }
    // A click anywhere else closes an open menu, as a dropdown would.
    document.querySelectorAll(OPEN).forEach(function (open) {
      if (!open.parentElement.contains(event.target)) { setOpen(open, false); }
    });
  });

  // Tabbing out of a menu closes it, so an open list never covers the page behind focus.
  document.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    document.querySelectorAll(OPEN).forEach(function (open) {
      var container = open.parentElement;
      if (next && container.contains(event.target) && !container.contains(next)) {
        setOpen(open, false);
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = document.querySelector(OPEN);
    if (open) {
      setOpen(open, false);
      open.focus();
      return;
    }
    var nav = document.getElementById("main-nav");
    var toggler = document.querySelector("[data-bs-target='#main-nav']");
    if (nav && toggler && window.bootstrap && nav.classList.contains("show") &&
        toggler.offsetParent !== null && (nav.contains(document.activeElement) || document.activeElement === toggler)) {
      window.bootstrap.Collapse.getOrCreateInstance(nav, { toggle: false }).hide();
      toggler.focus();
    }
  });
})();
