/* Keeps the "Thống kê truy cập" widget current on cached pages: the numbers
   rendered with the page are the fallback; this refreshes them from the JSON
   endpoint at most once per interval while the page is visible. */
(function () {
  "use strict";
  var box = document.querySelector("[data-stats-url]");
  if (!box || !window.fetch) {
    return;
  }
  var url = box.getAttribute("data-stats-url");
  var period = (Number(box.getAttribute("data-stats-refresh")) || 60) * 1000;
  var shownAt = Number(box.getAttribute("data-stats-generated")) * 1000 || 0;
  var busy = false;

  function show(data) {
    Object.keys(data.formatted || {}).forEach(function (key) {
      var cell = box.querySelector('[data-stat="' + key + '"]');
      if (cell) {
        cell.textContent = data.formatted[key];
      }
    });
    shownAt = Date.now();
  }

  function refresh() {
    if (busy || document.hidden || Date.now() - shownAt < period) {
      return;
    }
    busy = true;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) { show(data); } })
      .catch(function () { /* keep the numbers already shown */ })
      .then(function () { busy = false; });
  }

  refresh();
  window.setInterval(refresh, Math.min(period, 60000) / 4);
  document.addEventListener("visibilitychange", refresh);
}());
