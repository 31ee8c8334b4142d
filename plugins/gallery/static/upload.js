/* Album upload: files chosen with the picker or dropped on the zone are sent
 * one per request (two at a time), each with its own progress bar and its own
 * result; a refused file does not stop the others. The server answers JSON;
 * the CSRF token travels in the X-CSRFToken header. Without this script the
 * form posts all files at once and the server reports per file. */
(function () {
  "use strict";

  var PARALLEL = 2;

  function setup(form) {
    var input = form.querySelector('input[type="file"]');
    var zone = form.querySelector("[data-dropzone]");
    var list = form.querySelector("[data-upload-list]");
    var summary = form.querySelector("[data-upload-summary]");
    var summaryText = form.querySelector("[data-upload-summary-text]");
    var token = form.querySelector('input[name="csrf_token"]');
    var credit = form.querySelector('input[name="credit"]');
    var messages = form.dataset;
    var maxBytes = Number(messages.maxBytes) || Infinity;
    var queue = [];
    var running = 0;
    var totals = { ok: 0, total: 0 };

    function row(file) {
      var item = document.createElement("li");
      var name = document.createElement("span");
      var bar = document.createElement("progress");
      var status = document.createElement("span");
      item.className = "upload-item";
      name.className = "upload-name";
      name.textContent = file.name;
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute("aria-label", file.name);
      status.className = "upload-status";
      status.textContent = messages.msgWaiting;
      item.appendChild(name);
      item.appendChild(bar);
      item.appendChild(status);
      list.appendChild(item);
      return { item: item, bar: bar, status: status };
    }

    function finish(view, ok, message) {
      view.item.classList.add(ok ? "upload-ok" : "upload-error");
      view.bar.value = ok ? 100 : view.bar.value;
      view.status.textContent = message;
      if (ok) { totals.ok += 1; }
      running -= 1;
      pump();
    }

    function send(job) {
      var request = new XMLHttpRequest();
      var body = new FormData();
      body.append("files", job.file, job.file.name);
      body.append("credit", credit ? credit.value : "");
      request.open("POST", form.action);
      request.setRequestHeader("Accept", "application/json");
      if (token) { request.setRequestHeader("X-CSRFToken", token.value); }
      request.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) { job.view.bar.value = Math.round(100 * event.loaded / event.total); }
      });
      request.addEventListener("load", function () {
        var answer = {};
        try { answer = JSON.parse(request.responseText); } catch (ignored) { answer = {}; }
        var ok = request.status >= 200 && request.status < 300 && answer.ok;
        finish(job.view, ok, ok ? (answer.message || messages.msgDone) : (answer.error || answer.message || messages.msgFailed));
      });
      request.addEventListener("error", function () { finish(job.view, false, messages.msgNetwork); });
      job.view.status.textContent = messages.msgUploading;
      request.send(body);
    }

    function pump() {
      while (running < PARALLEL && queue.length) {
        running += 1;
        send(queue.shift());
      }
      if (!running && !queue.length && totals.total) {
        summaryText.textContent = messages.msgSummary.replace("{ok}", totals.ok).replace("{total}", totals.total);
        summary.hidden = false;
      }
    }

    function add(files) {
      Array.prototype.forEach.call(files, function (file) {
        var view = row(file);
        totals.total += 1;
        if (file.size > maxBytes) {
          view.item.classList.add("upload-error");
          view.status.textContent = messages.msgTooLarge;
          return;
        }
        queue.push({ file: file, view: view });
      });
      summary.hidden = true;
      pump();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      add(input.files);
      input.value = "";
    });
    input.addEventListener("change", function () {
      add(input.files);
      input.value = "";
    });
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) {
        event.preventDefault();
        zone.classList.add("is-dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("is-dragging"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      add(event.dataTransfer.files);
    });
    form.classList.add("is-enhanced");
  }

  document.querySelectorAll("[data-gallery-upload]").forEach(setup);
}());
