// Kiosk setup: the admin's link carries the device token after "#", which
// browsers never send to the server; fill it into the form, then drop it
// from the address bar.
(function () {
  "use strict";
  var match = /^#ma=([A-Za-z0-9_-]+)$/.exec(window.location.hash);
  var field = document.getElementById("token");
  if (!match || !field) { return; }
  field.value = match[1];
  window.history.replaceState(null, "", window.location.pathname + window.location.search);
})();
