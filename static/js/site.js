// What GOV.UK Frontend's own scripts would do on every page, in a few lines: move focus to
// the error summary when a form comes back with errors, so a screen reader reads the problem
// first, and fold the navigation behind a "Menu" button on a phone. Pages work without it.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  var toggle = document.querySelector(".govuk-service-navigation__toggle");
  var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (!menu || !window.matchMedia) { return; }
  var wide = window.matchMedia("(min-width: 40.0625em)");
  var open = false;
  function show() {
    if (wide.matches) {
      menu.hidden = false;
      toggle.hidden = true;
      toggle.setAttribute("aria-hidden", "true");
      return;
    }
    toggle.hidden = false;
    toggle.removeAttribute("aria-hidden");
    toggle.setAttribute("aria-expanded", String(open));
    menu.hidden = !open;
  }
  toggle.addEventListener("click", function () { open = !open; show(); });
  wide.addEventListener("change", show);
  show();
})();
