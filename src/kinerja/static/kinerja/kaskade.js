// Cascade grid: each element row folds the rows below it. A row is shown only while every
// element above it is unfolded, so folding a program and unfolding it again restores what
// was open inside it. Listeners sit on the document: the grid is swapped by htmx filters.
(function () {
  "use strict";

  function tertutup(tabel) {
    var hasil = {};
    tabel.querySelectorAll("tr.unsur button.buka-tutup[aria-expanded=false]").forEach(function (b) {
      hasil[b.closest("tr").dataset.node] = true;
    });
    return hasil;
  }

  function tampilkan(tabel, baris) {
    var tutup = tertutup(tabel);
    baris.forEach(function (tr) {
      var jalur = tr.dataset.jalur ? tr.dataset.jalur.split(" ") : [];
      tr.hidden = jalur.some(function (id) { return tutup[id]; });
    });
  }

  document.addEventListener("click", function (e) {
    var tombol = e.target.closest("button.buka-tutup, button[data-kaskade]");
    if (!tombol) return;
    var tabel = document.getElementById("tabel-kaskade");
    if (!tabel) return;
    if (tombol.dataset.kaskade) {
      var buka = tombol.dataset.kaskade === "buka";
      tabel.querySelectorAll("button.buka-tutup").forEach(function (b) {
        b.setAttribute("aria-expanded", buka ? "true" : "false");
      });
      tampilkan(tabel, tabel.querySelectorAll("tr[data-jalur]"));
      return;
    }
    var terbuka = tombol.getAttribute("aria-expanded") === "true";
    tombol.setAttribute("aria-expanded", terbuka ? "false" : "true");
    var node = tombol.closest("tr").dataset.node;
    tampilkan(tabel, tabel.querySelectorAll('tr[data-jalur~="' + node + '"]'));
  });
})();
