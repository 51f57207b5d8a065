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

  // Every scroll box of the page (wide tables, the cascade grid) is a region the keyboard can reach
  // and scroll, named after its table's caption or the heading just before it (WCAG 2.1.1, 1.3.1).
  var nomorJudul = 0;
  function judulKotak(kotak) {
    var cap = kotak.querySelector("caption");
    if (cap) return cap;
    for (var e = kotak.previousElementSibling; e; e = e.previousElementSibling) {
      if (/^H[1-6]$/.test(e.tagName)) return e;
      if (e.classList.contains("gulir") || e.classList.contains("gulir-tabel")) break;
    }
    var bagian = kotak.closest("section, article");
    return bagian && bagian.querySelector("h1, h2, h3");
  }
  function tandaiKotakGulir() {
    document.querySelectorAll("main .gulir, main .gulir-tabel, main .gulir-kaskade").forEach(function (kotak) {
      if (kotak.hasAttribute("role")) return;
      kotak.tabIndex = 0;
      kotak.setAttribute("role", "region");
      var judul = judulKotak(kotak);
      if (judul) {
        if (!judul.id) judul.id = "judul-kotak-" + (++nomorJudul);
        kotak.setAttribute("aria-labelledby", judul.id);
      } else {
        kotak.setAttribute("aria-label", "Tabel (dapat digeser ke samping)");
      }
    });
  }

  // The calculation behind a report cell (its title, shown by a mouse pointer only) is written into
  // every cell by a toggle button, for the keyboard and touch screens (WCAG 1.4.13, 2.1.1).
  function tombolHitungan() {
    document.querySelectorAll(".gulir-tabel").forEach(function (kotak) {
      var tabel = kotak.querySelector("table.tabel-dokumen");
      if (!tabel || !tabel.querySelector("td[title]")) return;
      var sebelum = kotak.previousElementSibling;
      if (sebelum && sebelum.classList.contains("kendali-hitungan")) return;
      var wadah = document.createElement("p");
      wadah.className = "kendali-hitungan jangan-cetak";
      var tombol = document.createElement("button");
      tombol.type = "button";
      tombol.className = "sekunder-biru";
      tombol.setAttribute("aria-pressed", "false");
      tombol.textContent = "Tampilkan hitungan di setiap sel";
      tombol.addEventListener("click", function () {
        var tampil = tombol.getAttribute("aria-pressed") !== "true";
        tombol.setAttribute("aria-pressed", tampil ? "true" : "false");
        tabel.classList.toggle("tampil-hitungan", tampil);
        aturKolomTetap(tabel);
      });
      wadah.appendChild(tombol);
      kotak.parentNode.insertBefore(wadah, kotak);
    });
  }

  // After a form is refused, the list of its errors at the top takes the focus (WCAG 3.3.1).
  // (Again once the page has loaded: an address ending in #isi, left by the skip link, would
  // otherwise give the focus back to the main content.)
  function fokusRingkasanGalat() {
    // The error summary of a refused form; else the first refusal of an action (a flash message).
    var ringkasan = document.getElementById("ringkasan-galat") || document.querySelector(".pesan li[tabindex='-1']");
    var aktif = document.activeElement;
    if (ringkasan && (!aktif || aktif === document.body || aktif.id === "isi" || aktif === ringkasan)) {
      ringkasan.focus();
    }
  }
  window.addEventListener("load", fokusRingkasanGalat);

  function aturSemua() {
    document.querySelectorAll("table.tabel-dokumen[data-kolom-tetap]").forEach(aturKolomTetap);
    bungkusTabelLebar();
    tandaiKotakGulir();
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
  // a form data-buka-tahun opens the chosen year below the given address when submitted,
  // data-pilih-semua="NAME" ticks every box NAME, data-cetak prints the page. A choice in a
  // list never submits or navigates by itself (WCAG 3.2.2): forms have their own button.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.matches || !form.matches("form[data-buka-tahun]")) return;
    var pilih = form.querySelector("select[name=tahun]");
    if (!pilih) return;
    e.preventDefault();
    window.location.href = form.dataset.bukaTahun.replace(/\/?$/, "/") + encodeURIComponent(pilih.value) + "/";
  });
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el.matches && el.matches("[data-pilih-semua]")) {
      document.querySelectorAll('input[type="checkbox"][name="' + el.dataset.pilihSemua + '"]')
        .forEach(function (c) { c.checked = el.checked; });
    }
  });
  document.addEventListener("click", function (e) {
    var tombol = e.target.closest && e.target.closest("[data-cetak]");
    if (tombol) { e.preventDefault(); window.print(); }
    // A link of the error summary puts the cursor in its field, not only the page at it.
    var tautan = e.target.closest && e.target.closest(".ringkasan-galat a[href^='#']");
    var isian = tautan && document.getElementById(tautan.getAttribute("href").slice(1));
    if (isian) {
      e.preventDefault();
      var rinci = isian.closest("details");
      if (rinci) rinci.open = true;
      isian.scrollIntoView({ block: "center" });
      isian.focus();
      // The cursor after what was typed, ready to complete it.
      if (/^(TEXTAREA|INPUT)$/.test(isian.tagName) && /^(text|textarea|search|url|tel|email)$/.test(isian.type)) {
        isian.setSelectionRange(isian.value.length, isian.value.length);
      }
    }
  });

  var jeda;
  window.addEventListener("resize", function () {
    clearTimeout(jeda);
    jeda = setTimeout(aturSemua, 150);
  });
  document.addEventListener("htmx:afterSwap", aturSemua);
  function mulai() {
    aturSemua();
    tombolHitungan();
    waktuHalaman();
    fokusRingkasanGalat();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mulai);
  else mulai();
})();
