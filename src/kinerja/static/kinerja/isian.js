// Quarterly entry form: Enter in a value moves on to the next row's value; leaving the field
// saves the row.
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
})();
