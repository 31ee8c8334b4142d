/* News admin: the "select all" box of the article list. */
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var all = document.querySelector(".news-select-all");
    if (!all) {
      return;
    }
    var boxes = document.querySelectorAll(".news-table input[name=ids]");
    all.hidden = false;
    all.addEventListener("change", function () {
      boxes.forEach(function (box) {
        box.checked = all.checked;
      });
    });
  });
})();
