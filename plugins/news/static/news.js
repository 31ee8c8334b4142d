/* News pages: the "copy link" button, hidden in the markup and shown only
   where the Clipboard API exists, so without JavaScript nothing is broken. */
(function () {
  "use strict";

  function copyLink(button) {
    var url = button.getAttribute("data-copy");
    if (!navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(url).then(function () {
        button.textContent = button.getAttribute("data-done");
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".share-copy[data-copy]").forEach(copyLink);
  });
})();
