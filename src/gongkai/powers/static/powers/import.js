// Decisions import: the upload's progress (bytes going up, with XHR) and the job's progress (polling its
// status endpoint). No framework; without scripts the form posts normally and the job page refreshes itself.
(function () {
  "use strict";

  function show(bar, text, value, max, message) {
    if (max) {
      bar.max = max;
      bar.value = value;
    } else {
      bar.removeAttribute("value"); // indeterminate
    }
    text.textContent = message;
  }

  function upload(form) {
    var bar = document.getElementById("upload-progress");
    var text = document.getElementById("upload-progress-text");
    var button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", function (event) {
      if (!window.FormData || !window.XMLHttpRequest) return;
      event.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", window.location.pathname);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      xhr.responseType = "json";
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) return;
        var percent = Math.floor((e.loaded * 100) / e.total);
        show(bar, text, e.loaded, e.total, "正在上传：" + percent + "%");
      });
      xhr.addEventListener("load", function () {
        var answer = xhr.response || {};
        if (xhr.status === 200 && answer.next) {
          show(bar, text, 1, 1, "上传完成（100%），正在打开预览……");
          window.location.assign(answer.next);
          return;
        }
        button.disabled = false;
        show(bar, text, 0, 1, (answer.errors || ["上传失败，请重试"]).join("；"));
      });
      xhr.addEventListener("error", function () {
        button.disabled = false;
        show(bar, text, 0, 1, "上传失败：网络中断，请重试");
      });
      button.disabled = true;
      bar.hidden = false;
      show(bar, text, 0, 1, "正在上传：0%");
      xhr.send(new FormData(form));
    });
  }

  function poll(box) {
    var bar = box.querySelector("progress");
    var text = document.getElementById("import-progress-text");
    function tick() {
      fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (state) {
          if (state.percent === null) show(bar, text, 0, 0, state.text);
          else show(bar, text, state.percent, 100, state.text);
          if (state.finished) window.location.reload();
          else window.setTimeout(tick, 500);
        })
        .catch(function () {
          text.textContent = "暂时无法获取导入进度，正在重试……";
          window.setTimeout(tick, 2000);
        });
    }
    window.setTimeout(tick, 300);
  }

  var form = document.getElementById("upload-form");
  if (form) upload(form);
  var box = document.getElementById("import-job");
  if (box && box.dataset.finished !== "true") poll(box);
})();
