/* Gallery lightbox: any link marked data-lightbox-item inside a [data-lightbox]
 * list opens in a modal viewer. Keyboard: ← → move, Home/End jump, Escape
 * closes; Tab stays inside the viewer; focus returns to the photo that opened
 * it; swipe left/right on touch screens. Without this script each link simply
 * opens the photo's own page. Labels come from the list's data-label-* attributes. */
(function () {
  "use strict";

  var viewer = null;
  var state = { items: [], index: 0, opener: null, labels: {} };

  function element(tag, className, attributes) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function button(className, glyph) {
    var node = element("button", className, { type: "button" });
    var mark = element("span", "", { "aria-hidden": "true" });
    mark.textContent = glyph;
    node.appendChild(mark);
    return node;
  }

  function build() {
    var dialog = element("dialog", "lightbox", { "aria-modal": "true" });
    var figure = element("figure", "lightbox-figure");
    var picture = element("picture");
    var source = element("source", "", { type: "image/webp" });
    var image = element("img", "lightbox-image", { decoding: "async" });
    var caption = element("figcaption", "lightbox-caption");
    var counter = element("p", "lightbox-counter", { "aria-live": "polite" });
    var close = button("lightbox-close", "\u00d7");
    var prev = button("lightbox-prev", "\u2039");
    var next = button("lightbox-next", "\u203a");
    picture.appendChild(source);
    picture.appendChild(image);
    figure.appendChild(picture);
    figure.appendChild(caption);
    [close, prev, figure, next, counter].forEach(function (node) { dialog.appendChild(node); });
    document.body.appendChild(dialog);

    close.addEventListener("click", hide);
    prev.addEventListener("click", function () { go(state.index - 1); });
    next.addEventListener("click", function () { go(state.index + 1); });
    dialog.addEventListener("keydown", onKey);
    dialog.addEventListener("cancel", function (event) { event.preventDefault(); hide(); });
    dialog.addEventListener("click", function (event) { if (event.target === dialog) { hide(); } });
    listenForSwipes(figure);
    return { dialog: dialog, source: source, image: image, caption: caption, counter: counter,
             close: close, prev: prev, next: next };
  }

  function format(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function render() {
    var link = state.items[state.index];
    var data = link.dataset;
    var thumbnail = link.querySelector("img");
    var count = state.items.length;
    var labels = state.labels;
    viewer.source.srcset = data.webpSrcset || "";
    viewer.image.srcset = data.jpegSrcset || "";
    viewer.image.sizes = viewer.source.sizes = "100vw";
    viewer.image.src = data.src;
    var width = Number(data.width) || 0;
    var height = Number(data.height) || 0;
    viewer.image.width = width;
    viewer.image.height = height;
    if (width && height) {
      viewer.image.style.setProperty("--photo-ratio", String(width / height));
    } else {
      viewer.image.style.removeProperty("--photo-ratio");
    }
    viewer.image.alt = thumbnail ? thumbnail.alt : "";
    viewer.caption.textContent = "";
    if (data.caption) {
      viewer.caption.appendChild(document.createTextNode(data.caption));
    }
    if (data.credit) {
      var credit = element("span", "lightbox-credit");
      credit.textContent = format(labels.credit, { credit: data.credit });
      viewer.caption.appendChild(credit);
    }
    viewer.caption.hidden = !data.caption && !data.credit;
    viewer.counter.textContent = format(labels.counter, { i: state.index + 1, n: count });
    viewer.prev.hidden = viewer.next.hidden = count < 2;
    preload(state.index + 1);
    preload(state.index - 1);
  }

  function preload(index) {
    var link = state.items[(index + state.items.length) % state.items.length];
    if (link && link.dataset.src) {
      var image = new Image();
      image.sizes = "100vw";
      image.srcset = link.dataset.jpegSrcset || "";
      image.src = link.dataset.src;
    }
  }

  function go(index) {
    var count = state.items.length;
    state.index = (index + count) % count;
    render();
  }

  function labelsOf(list) {
    var data = list.dataset;
    return { dialog: data.labelDialog, close: data.labelClose, prev: data.labelPrev, next: data.labelNext,
             counter: data.labelCounter, credit: data.labelCredit };
  }

  function show(list, link) {
    viewer = viewer || build();
    state.items = Array.prototype.slice.call(list.querySelectorAll("[data-lightbox-item]"));
    state.index = Math.max(0, state.items.indexOf(link));
    state.opener = link;
    state.labels = labelsOf(list);
    viewer.dialog.setAttribute("aria-label", state.labels.dialog || "");
    viewer.close.setAttribute("aria-label", state.labels.close || "");
    viewer.prev.setAttribute("aria-label", state.labels.prev || "");
    viewer.next.setAttribute("aria-label", state.labels.next || "");
    render();
    document.documentElement.classList.add("lightbox-open");
    viewer.dialog.showModal();
    viewer.close.focus();
  }

  function hide() {
    if (!viewer || !viewer.dialog.open) { return; }
    viewer.dialog.close();
    document.documentElement.classList.remove("lightbox-open");
    if (state.opener && document.contains(state.opener)) { state.opener.focus(); }
  }

  function focusable() {
    return [viewer.close, viewer.prev, viewer.next].filter(function (node) { return !node.hidden; });
  }

  function trapTab(event) {
    var nodes = focusable();
    var first = nodes[0];
    var last = nodes[nodes.length - 1];
    var inside = nodes.indexOf(document.activeElement) !== -1;
    if (event.shiftKey && (document.activeElement === first || !inside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
      event.preventDefault();
      first.focus();
    }
  }

  function onKey(event) {
    var moves = { ArrowLeft: -1, ArrowRight: 1 };
    if (event.key in moves) {
      event.preventDefault();
      go(state.index + moves[event.key]);
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      go(event.key === "Home" ? 0 : state.items.length - 1);
    } else if (event.key === "Escape") {
      event.preventDefault();
      hide();
    } else if (event.key === "Tab") {
      trapTab(event);
    }
  }

  function listenForSwipes(area) {
    var start = null;
    area.addEventListener("touchstart", function (event) {
      var touch = event.changedTouches[0];
      start = { x: touch.clientX, y: touch.clientY };
    }, { passive: true });
    area.addEventListener("touchend", function (event) {
      if (!start) { return; }
      var touch = event.changedTouches[0];
      var dx = touch.clientX - start.x;
      var dy = touch.clientY - start.y;
      start = null;
      if (Math.abs(dx) > 50 && Math.abs(dx) > 1.5 * Math.abs(dy)) {
        go(state.index + (dx < 0 ? 1 : -1));
      }
    }, { passive: true });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-lightbox-item]") : null;
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
    var list = link.closest("[data-lightbox]");
    if (!list || typeof HTMLDialogElement === "undefined") { return; }
    event.preventDefault();
    show(list, link);
  });
}());
