// Moves focus to the error summary when a form comes back with errors (as GOV.UK Frontend's
// own script does), so a screen reader reads the problem first. Pages work without it.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
})();
