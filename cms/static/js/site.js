/* Public site enhancements. Everything here is optional: without JavaScript
   the font-size links set a cookie through the server, the menu is simply
   shown in full, and the print button stays hidden. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  var SIZES = ["small", "normal", "large"];
  var YEAR = 365 * 24 * 3600;

  function setFontSize(size) {
    SIZES.forEach(function (s) { root.classList.remove("fs-" + s); });
    root.classList.add("fs-" + size);
    var secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = "font_size=" + size + "; Max-Age=" + YEAR + "; Path=/; SameSite=Lax" + secure;
    document.querySelectorAll("[data-font-size]").forEach(function (link) {
      if (link.getAttribute("data-font-size") === size) {
        link.setAttribute("aria-current", "true");
      } else {
        link.removeAttribute("aria-current");
      }
    });
  }

  function enhanceFontSize() {
    document.querySelectorAll("[data-font-size]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var size = link.getAttribute("data-font-size");
        if (SIZES.indexOf(size) < 0) return;
        event.preventDefault();
        setFontSize(size);
      });
    });
  }

  function enhanceMenu() {
    var toggle = document.querySelector(".nav-toggle");
    var menu = document.getElementById("site-menu");
    if (!toggle || !menu) return;
    toggle.hidden = false;
    menu.classList.add("collapsed");
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      menu.classList.toggle("collapsed", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        toggle.setAttribute("aria-expanded", "false");
        menu.classList.add("collapsed");
        toggle.focus();
      }
    });
  }

  function enhancePrint() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function start() {
    enhanceFontSize();
    enhanceMenu();
    enhancePrint();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
