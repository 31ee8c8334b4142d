/* Admin conveniences; every form works without them. */
(function () {
  "use strict";

  function start() {
    // Copy-friendly URL fields in the media library.
    document.querySelectorAll("[data-select-on-focus]").forEach(function (input) {
      input.addEventListener("focus", function () { input.select(); });
    });
    // Move focus to the error summary so screen readers announce it.
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
    // Show the publish time only when it matters.
    var status = document.getElementById("status");
    var publishAt = document.getElementById("publish_at");
    if (status && publishAt) {
      var field = publishAt.closest(".field");
      var update = function () {
        field.classList.toggle("muted", status.value === "draft");
      };
      status.addEventListener("change", update);
      update();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
