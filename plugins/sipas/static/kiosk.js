// Kiosk: after a while without a touch or key press, go back to an empty
// questionnaire so the next person never sees the previous one's answers.
(function () {
  "use strict";
  var body = document.body;
  var seconds = parseInt(body.getAttribute("data-idle-seconds"), 10);
  var start = body.getAttribute("data-start-url");
  if (!seconds || !start) { return; }
  var timer = null;
  function reset() { window.location.replace(start); }
  function touched() {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(reset, seconds * 1000);
  }
  ["pointerdown", "keydown", "input", "scroll", "touchstart"].forEach(function (name) {
    document.addEventListener(name, touched, { passive: true });
  });
  touched();
})();
