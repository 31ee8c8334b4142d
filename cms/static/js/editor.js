/* The rich-text editor.

   Every <textarea data-editor="rich"> becomes a Quill editor (served by the
   site from node_modules through /_vendor/). The textarea stays in the form,
   hidden, and is kept in step with the editor, so the form posts HTML exactly
   as it does without JavaScript, when the textarea is used directly.

   Images are uploaded to the site (the <script> tag's data-upload-url, or a
   textarea's own data-upload-url) and inserted by URL; pasted or dropped
   image files go the same way, never as data: URLs. A "HTML" button shows
   the textarea for editing the source. */
(function () {
  "use strict";

  var script = document.currentScript;
  var config = script ? script.dataset : {};
  var TEXT = {
    vi: {
      uploading: "Đang tải ảnh lên…",
      uploaded: "Đã chèn ảnh. Hãy mô tả ảnh cho người dùng trình đọc màn hình:",
      failed: "Không tải được ảnh: ",
      alt: "Mô tả ảnh",
      apply: "Áp dụng",
      source: "HTML",
      sourceTitle: "Sửa mã HTML",
      table: "Chèn bảng",
      unavailable: "Không tải được trình soạn thảo; bạn vẫn có thể nhập nội dung dạng HTML."
    },
    en: {
      uploading: "Uploading the image…",
      uploaded: "Image inserted. Describe it for screen-reader users:",
      failed: "Could not upload the image: ",
      alt: "Image description",
      apply: "Apply",
      source: "HTML",
      sourceTitle: "Edit the HTML source",
      table: "Insert a table",
      unavailable: "The editor could not be loaded; you can still type the content as HTML."
    }
  };
  var t = TEXT[(document.documentElement.lang || "vi").slice(0, 2)] || TEXT.vi;
  var IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];
  var TOOLBAR = [
    [{ header: [2, 3, 4, false] }],
    ["bold", "italic", "underline", "strike"],
    [{ list: "ordered" }, { list: "bullet" }, { indent: "-1" }, { indent: "+1" }],
    [{ align: [] }],
    ["blockquote", "link", "image", "table"],
    ["clean"]
  ];

  /* Quill binds Tab and Shift+Tab to indenting and to inserting a tab
     character, which traps keyboard users in the editor. Releasing them lets
     Tab move on to the next field; indenting stays on the toolbar. */
  var RELEASE_TAB = {
    tab: false, indent: false, outdent: false, "remove tab": false,
    "indent code-block": false, "outdent code-block": false, "table tab": false
  };

  /* Names for Quill's drop-down pickers and their choices, by data-value. */
  var PICKERS = {
    "ql-header": { label: "Kiểu đoạn", items: { "2": "Đề mục cấp 2", "3": "Đề mục cấp 3", "4": "Đề mục cấp 4", "": "Đoạn văn thường" } },
    "ql-align": { label: "Căn lề", items: { "": "Căn trái", center: "Căn giữa", right: "Căn phải", justify: "Căn đều hai bên" } }
  };

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function loadQuill(done, failed) {
    if (window.Quill) { done(); return; }
    if (!config.quillJs) { failed(); return; }
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = config.quillCss;
    document.head.appendChild(css);
    var js = document.createElement("script");
    js.src = config.quillJs;
    js.onload = done;
    js.onerror = failed;
    document.head.appendChild(js);
  }

  /* Quill 2 writes every space as &nbsp; in its semantic HTML; undo that. */
  function editorHTML(quill) {
    if (quill.getLength() <= 1) return "";
    return quill.getSemanticHTML().replace(/&nbsp;/g, " ");
  }

  function Editor(textarea) {
    this.textarea = textarea;
    this.uploadUrl = textarea.dataset.uploadUrl || config.uploadUrl;
    this.build();
  }

  Editor.prototype.build = function () {
    var self = this;
    var textarea = this.textarea;
    var wrapper = document.createElement("div");
    wrapper.className = "rich-editor";
    var host = document.createElement("div");
    host.className = "rich-editor-area";
    this.status = document.createElement("div");
    this.status.className = "rich-editor-status";
    this.status.setAttribute("role", "status");
    textarea.parentNode.insertBefore(wrapper, textarea);
    wrapper.appendChild(host);
    wrapper.appendChild(this.status);
    wrapper.appendChild(textarea);
    textarea.classList.add("rich-editor-source");
    textarea.hidden = true;
    this.wrapper = wrapper;

    var handlers = {
      image: function () { self.chooseImage(); },
      table: function () { self.quill.getModule("table").insertTable(3, 3); }
    };
    var modules = {
      toolbar: { container: TOOLBAR, handlers: handlers },
      table: true,
      keyboard: { bindings: RELEASE_TAB }
    };
    if (this.uploadUrl) {
      modules.uploader = { mimetypes: IMAGE_TYPES, handler: function (range, files) { self.uploadAll(range, files); } };
    }
    this.quill = new window.Quill(host, { theme: "snow", modules: modules });
    this.quill.setContents(this.quill.clipboard.convert({ html: textarea.value }), "silent");
    this.quill.root.setAttribute("aria-label", this.labelText());
    this.quill.root.setAttribute("role", "textbox");
    this.quill.root.setAttribute("aria-multiline", "true");
    if (textarea.getAttribute("aria-describedby")) {
      this.quill.root.setAttribute("aria-describedby", textarea.getAttribute("aria-describedby"));
    }
    this.quill.on("text-change", function () { textarea.value = editorHTML(self.quill); });
    this.labelToolbar();
    this.addSourceToggle();
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label) label.addEventListener("click", function () { self.quill.focus(); });
  };

  Editor.prototype.labelText = function () {
    var label = document.querySelector('label[for="' + this.textarea.id + '"]');
    return label ? label.textContent.trim() : "";
  };

  /* Quill's toolbar buttons carry only icons: give them accessible names. */
  Editor.prototype.labelToolbar = function () {
    var names = {
      "ql-bold": "Đậm", "ql-italic": "Nghiêng", "ql-underline": "Gạch chân", "ql-strike": "Gạch ngang",
      "ql-blockquote": "Trích dẫn", "ql-link": "Liên kết", "ql-image": "Chèn ảnh", "ql-clean": "Xóa định dạng",
      "ql-table": t.table
    };
    var toolbar = this.wrapper.querySelector(".ql-toolbar");
    toolbar.querySelectorAll("button").forEach(function (button) {
      var name = names[button.className.split(" ")[0]];
      var value = button.value;
      if (button.classList.contains("ql-list")) name = value === "ordered" ? "Danh sách số" : "Danh sách chấm";
      if (button.classList.contains("ql-indent")) name = value === "-1" ? "Giảm lề" : "Tăng lề";
      if (name) button.setAttribute("aria-label", name);  // Quill sets English names of its own
    });
    Object.keys(PICKERS).forEach(function (kind) {
      var picker = toolbar.querySelector(".ql-picker." + kind);
      if (!picker) return;
      picker.querySelector(".ql-picker-label").setAttribute("aria-label", PICKERS[kind].label);
      picker.querySelectorAll(".ql-picker-item").forEach(function (item) {
        var name = PICKERS[kind].items[item.getAttribute("data-value") || ""];
        if (name) item.setAttribute("aria-label", name);
      });
    });
  };

  Editor.prototype.addSourceToggle = function () {
    var self = this;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "rich-editor-toggle";
    button.textContent = t.source;
    button.title = t.sourceTitle;
    button.setAttribute("aria-pressed", "false");
    this.wrapper.querySelector(".ql-toolbar").appendChild(button);
    button.addEventListener("click", function () {
      var showSource = button.getAttribute("aria-pressed") !== "true";
      if (!showSource) {
        self.quill.setContents(self.quill.clipboard.convert({ html: self.textarea.value }), "silent");
      }
      button.setAttribute("aria-pressed", showSource ? "true" : "false");
      self.textarea.hidden = !showSource;
      self.wrapper.classList.toggle("showing-source", showSource);
      (showSource ? self.textarea : self.quill).focus();
    });
  };

  Editor.prototype.chooseImage = function () {
    var self = this;
    var input = document.createElement("input");
    input.type = "file";
    input.accept = IMAGE_TYPES.join(",");
    input.addEventListener("change", function () {
      if (input.files.length) self.uploadAll(self.quill.getSelection(true), input.files);
    });
    input.click();
  };

  Editor.prototype.uploadAll = function (range, files) {
    var self = this;
    var index = range ? range.index : this.quill.getLength();
    Array.prototype.forEach.call(files, function (file) {
      self.upload(file, index);
    });
  };

  Editor.prototype.upload = function (file, index) {
    var self = this;
    if (!this.uploadUrl) return;
    this.say(t.uploading);
    var body = new FormData();
    body.append("file", file);
    fetch(this.uploadUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) throw new Error(data.message || response.statusText);
        return data;
      });
    }).then(function (data) {
      self.quill.insertEmbed(index, "image", data.url, "user");
      self.quill.setSelection(index + 1, 0, "silent");
      self.askAlt(index);
    }).catch(function (error) {
      self.say(t.failed + error.message, true);
    });
  };

  /* After an upload, offer a field for the image's alternative text. */
  Editor.prototype.askAlt = function (index) {
    var self = this;
    this.status.textContent = "";
    this.status.classList.remove("error");
    var text = document.createElement("span");
    text.textContent = t.uploaded + " ";
    var input = document.createElement("input");
    input.type = "text";
    input.className = "rich-editor-alt";
    input.setAttribute("aria-label", t.alt);
    var apply = document.createElement("button");
    apply.type = "button";
    apply.className = "button";
    apply.textContent = t.apply;
    var done = function () {
      var Delta = window.Quill.import("delta");
      self.quill.updateContents(new Delta().retain(index).retain(1, { alt: input.value.trim() }), "user");
      self.say("");
    };
    apply.addEventListener("click", done);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); done(); }
    });
    this.status.appendChild(text);
    this.status.appendChild(input);
    this.status.appendChild(apply);
    input.focus();
  };

  Editor.prototype.say = function (message, isError) {
    this.status.textContent = message;
    this.status.classList.toggle("error", !!isError);
  };

  function start() {
    var areas = document.querySelectorAll('textarea[data-editor="rich"]');
    if (!areas.length) return;
    loadQuill(function () {
      areas.forEach(function (area) { area.cmsEditor = new Editor(area); });
    }, function () {
      areas.forEach(function (area) {
        var note = document.createElement("p");
        note.className = "hint";
        note.textContent = t.unavailable;
        area.parentNode.insertBefore(note, area);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
