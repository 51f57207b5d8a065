// Quarterly entry form: Enter in a value moves on to the next row's value; leaving the field
// saves the row. A row the server refused takes the cursor back, so that typing row after row
// does not skip past its message.
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    var el = e.target;
    if (e.key !== "Enter" || !el.matches || !el.matches(".isian-nilai input:not([readonly])")) return;
    e.preventDefault();
    var semua = Array.prototype.slice.call(document.querySelectorAll(".isian-nilai input:not([readonly])"));
    var berikut = semua[semua.indexOf(el) + 1];
    if (berikut) { berikut.focus(); berikut.select(); } else { el.blur(); }
  });
  document.addEventListener("htmx:afterSettle", function (e) {
    var lama = e.detail && e.detail.target;
    if (!lama || !lama.id) return;
    var baris = document.getElementById(lama.id);
    if (!baris || !baris.classList.contains("ada-galat")) return;
    var isian = baris.querySelector('[aria-invalid="true"]') || baris.querySelector('input[name="nilai"]');
    if (isian) { isian.focus(); if (isian.select) isian.select(); }
  });
})();
