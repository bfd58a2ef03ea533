// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Move focus to the error summary so screen reader and keyboard users land on it.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  });
  // A search from the filter panel folds it on a phone (where its summary line shows), as the
  // page without JavaScript does after a search: the results, not the form, come into view.
  document.addEventListener("submit", function (event) {
    var panel = event.target.closest ? event.target.closest("details.filter-panel") : null;
    var toggle = panel && panel.querySelector("summary");
    if (toggle && window.getComputedStyle(toggle).display !== "none") { panel.open = false; }
  });
})();
