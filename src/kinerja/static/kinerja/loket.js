// Counter: Enter records, from whichever field has the focus. Browsers submit on Enter
// only from text fields; the service list and the radio buttons are where the operator
// is. A second Enter while the page is still sending records nothing twice.
(function () {
  "use strict";
  var form = document.getElementById("form-loket");
  if (!form) return;
  form.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || e.isComposing) return;
    var t = e.target;
    if (t.tagName === "SELECT" || (t.tagName === "INPUT" && (t.type === "radio" || t.type === "checkbox"))) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener("submit", function (e) {
    if (form.dataset.terkirim) {
      e.preventDefault();
      return;
    }
    if (!form.checkValidity()) return;
    form.dataset.terkirim = "1";
    document.getElementById("tombol-catat").disabled = true;
  });
})();
