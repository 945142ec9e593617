// Saves what the citizen has typed into an online submission as a draft, a few seconds after
// the last change, so a closed tab or a dropped connection loses nothing. Files are not sent.
(function () {
  var form = document.querySelector("form[data-draft]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = document.getElementById("draft-status");
  var timer = null;
  function save() {
    var data = new FormData(form);
    Array.from(form.querySelectorAll("input[type=file]")).forEach(function (input) { data.delete(input.name); });
    data.set("luu-nhap", "1");
    fetch(form.action || window.location.href, {
      method: "POST", body: data, credentials: "same-origin", headers: {"X-Draft": "1"}
    }).then(function (response) { return response.ok ? response.json() : null; }).then(function (body) {
      if (body && status) { status.textContent = "Đã tự động lưu nháp lúc " + body.saved_at + "."; }
    }).catch(function () {
      if (status) { status.textContent = "Chưa lưu được nháp (mất kết nối); sẽ thử lại khi bạn sửa tiếp."; }
    });
  }
  form.addEventListener("input", function (event) {
    if (event.target.type === "file") { return; }
    clearTimeout(timer);
    timer = setTimeout(save, 3000);
  });
}());
