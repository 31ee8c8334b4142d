// Paper entry: one digit per box. An accepted digit moves to the next box,
// Backspace in an empty box goes back, Enter saves the form.
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".sipas-digit-input"));
  function move(box, step) {
    var next = boxes[boxes.indexOf(box) + step];
    if (next) { next.focus(); next.select(); }
  }
  boxes.forEach(function (box) {
    var allowed = box.getAttribute("data-values") || "";
    box.addEventListener("keydown", function (event) {
      if (event.key === "Backspace" && box.value === "") { event.preventDefault(); move(box, -1); }
      else if (event.key === "ArrowDown") { event.preventDefault(); move(box, 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(box, -1); }
    });
    box.addEventListener("input", function () {
      var digit = box.value.slice(-1);
      if (digit && allowed.indexOf(digit) === -1) { box.value = ""; box.setAttribute("aria-invalid", "true"); return; }
      box.removeAttribute("aria-invalid");
      box.value = digit;
      if (digit) { move(box, 1); }
    });
    box.addEventListener("focus", function () { box.select(); });
  });
})();
