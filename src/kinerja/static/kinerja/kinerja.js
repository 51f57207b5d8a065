// Document tables keep the columns that name a row in view when scrolled sideways
// (Tabel.kolom_tetap). Column widths follow the content, so each fixed column's left
// offset is measured here and handed to the stylesheet as --kiri-N.
(function () {
  "use strict";

  function aturKolomTetap(tabel) {
    var n = parseInt(tabel.dataset.kolomTetap, 10);
    var kiri = 0;
    for (var c = 0; c < n; c++) {
      tabel.style.setProperty("--kiri-" + c, kiri + "px");
      var sel = tabel.querySelector(".tetap-" + c + ":not([colspan])");
      if (!sel) return;
      kiri += sel.getBoundingClientRect().width;
    }
    tabel.querySelectorAll(".tetap-" + (n - 1)).forEach(function (s) { s.classList.add("tetap-akhir"); });
  }

  // A table wider than its place (a list or a statistic on a phone) scrolls inside its own box,
  // which the keyboard can reach and a screen reader names, instead of the whole page scrolling sideways.
  function bungkusTabelLebar() {
    document.querySelectorAll("main table").forEach(function (tabel) {
      var induk = tabel.parentElement;
      if (!induk || induk.classList.contains("gulir-otomatis") || /gulir/.test(induk.className)) return;
      if (tabel.scrollWidth <= induk.clientWidth + 1) return;
      var kotak = document.createElement("div");
      kotak.className = "gulir-otomatis";
      kotak.tabIndex = 0;
      kotak.setAttribute("role", "region");
      var judul = tabel.querySelector("caption") || tabel.closest("section") && tabel.closest("section").querySelector("h2");
      kotak.setAttribute("aria-label", judul ? judul.textContent.trim() : "Tabel (geser ke samping)");
      induk.insertBefore(kotak, tabel);
      kotak.appendChild(tabel);
    });
  }

  function aturSemua() {
    document.querySelectorAll("table.tabel-dokumen[data-kolom-tetap]").forEach(aturKolomTetap);
    bungkusTabelLebar();
  }

  // A page printed long after it was opened shows when it was printed, not when it was loaded.
  function waktuSekarang() {
    var bagian = {};
    new Intl.DateTimeFormat("id-ID", {
      timeZone: "Asia/Jakarta", day: "2-digit", month: "2-digit", year: "numeric",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }).formatToParts(new Date()).forEach(function (p) { bagian[p.type] = p.value; });
    return bagian.day + "-" + bagian.month + "-" + bagian.year + " " + bagian.hour + "." + bagian.minute;
  }
  // The date goes into the page margin through the print stylesheet's object model (cetak.css):
  // an inline <style> would be refused by the Content-Security-Policy.
  var aturanCetak = null;
  function tulisWaktuCetak(waktu) {
    var teks = document.getElementById("waktu-cetak");
    var gaya = document.getElementById("gaya-cetak");
    if (teks) teks.textContent = waktu;
    var lembar = gaya && gaya.sheet;
    if (!lembar) return;
    try {
      if (aturanCetak !== null && lembar.cssRules[aturanCetak]) lembar.deleteRule(aturanCetak);
      aturanCetak = lembar.insertRule(
        '@page { @bottom-left { content: "Dicetak ' + waktu + '"; } }', lembar.cssRules.length);
    } catch (e) {
      aturanCetak = null;  // a browser without page margin boxes keeps the footer line only
    }
  }
  window.addEventListener("beforeprint", function () { tulisWaktuCetak(waktuSekarang()); });
  function waktuHalaman() {
    var teks = document.getElementById("waktu-cetak");
    if (teks) tulisWaktuCetak(teks.textContent.trim());
  }
  var gayaCetak = document.getElementById("gaya-cetak");
  if (gayaCetak && !gayaCetak.sheet) gayaCetak.addEventListener("load", waktuHalaman);

  // Small behaviours named by data- attributes (no inline event handlers under the CSP):
  // data-kirim-saat-ubah submits the form when a choice changes, data-buka-tahun opens the
  // chosen year below the given address, data-pilih-semua="NAME" ticks every box NAME,
  // data-cetak prints the page.
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (!el.matches) return;
    if (el.matches("[data-kirim-saat-ubah]") && el.form) {
      if (el.form.requestSubmit) el.form.requestSubmit(); else el.form.submit();
    } else if (el.matches("[data-buka-tahun]")) {
      window.location.href = el.dataset.bukaTahun.replace(/\/?$/, "/") + encodeURIComponent(el.value) + "/";
    } else if (el.matches("[data-pilih-semua]")) {
      document.querySelectorAll('input[type="checkbox"][name="' + el.dataset.pilihSemua + '"]')
        .forEach(function (c) { c.checked = el.checked; });
    }
  });
  document.addEventListener("click", function (e) {
    var tombol = e.target.closest && e.target.closest("[data-cetak]");
    if (tombol) { e.preventDefault(); window.print(); }
  });

  var jeda;
  window.addEventListener("resize", function () {
    clearTimeout(jeda);
    jeda = setTimeout(aturSemua, 150);
  });
  document.addEventListener("htmx:afterSwap", aturSemua);
  function mulai() {
    aturSemua();
    waktuHalaman();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mulai);
  else mulai();
})();
