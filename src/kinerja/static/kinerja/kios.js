// Kiosk questionnaire: one unsur per screen; finished questionnaires wait in localStorage
// until the server has them, so a network cut loses nothing. Every questionnaire carries an
// id made here; the server stores each id once, so sending again after a lost reply is safe.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data-kios").textContent);
  var layar = document.getElementById("layar");
  var info = document.getElementById("antrean");
  var KUNCI = "kinerja-kios-antrean-" + document.getElementById("kios").dataset.kios;
  var isian, langkah, jedaUlang;

  function idBaru() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function antrean() {
    try { return JSON.parse(localStorage.getItem(KUNCI) || "[]"); } catch (e) { return []; }
  }
  // Answers the server refused for good (e.g. dated before a quarter already reported): they
  // leave the queue, and their number stays on screen so staff see that something was refused.
  function ditolak() { return parseInt(localStorage.getItem(KUNCI + "-ditolak") || "0", 10) || 0; }
  function simpanAntrean(a) {
    localStorage.setItem(KUNCI, JSON.stringify(a));
    var teks = a.length ? a.length + " jawaban menunggu jaringan" : "";
    var n = ditolak();
    if (n) teks += (teks ? " · " : "") + n + " jawaban ditolak server (lebih dari batas waktu atau triwulan sudah dilaporkan)";
    info.textContent = teks;
  }
  var mengirim = false;
  function kirimAntrean() {
    var a = antrean();
    if (mengirim || !a.length) return;
    mengirim = true;
    var r = a[0];
    fetch(data.kirim, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(r) })
      .then(function (jawab) {
        // Stored (201), stored before (200) or refused for good (400): it leaves the queue.
        // Too many (429) or a server error: it stays and is tried again later.
        if (jawab.status === 201 || jawab.status === 200 || jawab.status === 400) {
          if (jawab.status === 400) localStorage.setItem(KUNCI + "-ditolak", String(ditolak() + 1));
          simpanAntrean(antrean().filter(function (x) { return x.id !== r.id; }));
          mengirim = false;
          kirimAntrean();
        } else {
          // 404: this address was replaced or the kiosk switched off. The answers stay on this
          // tablet; staff open the new kiosk address (answers under the old one are not sent).
          if (jawab.status === 404) {
            info.textContent = "Alamat kios ini tidak berlaku lagi (sudah diganti atau kios dinonaktifkan): " +
              a.length + " jawaban belum terkirim. Minta alamat kios yang baru kepada administrator.";
          }
          mengirim = false;
        }
      })
      .catch(function () { mengirim = false; });
  }
  window.addEventListener("online", kirimAntrean);
  setInterval(kirimAntrean, 10000);

  function el(tag, atribut, anak) {
    var e = document.createElement(tag);
    for (var k in atribut || {}) {
      if (k === "onclick") e.addEventListener("click", atribut[k]);
      else e.setAttribute(k, atribut[k]);
    }
    (anak || []).forEach(function (c) { e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function tampil(isi) {
    layar.innerHTML = "";
    isi.forEach(function (c) { layar.appendChild(c); });
    var pertama = layar.querySelector("button");
    if (pertama) pertama.focus();
  }

  function mulai() {
    clearTimeout(jedaUlang);
    isian = { id: idBaru(), jawaban: {} };
    langkah = 0;
    var tombol = [el("button", { class: "besar utama", id: "mulai", onclick: function () { pilihLayanan(); } }, ["Mulai survei"])];
    tampil([el("p", { class: "sambut" }, ["Bagaimana pelayanan kami hari ini? Sembilan pertanyaan singkat, tanpa nama."])].concat(tombol));
  }
  function pilihLayanan() {
    if (!data.layanan.length) return tanya();
    var daftar = data.layanan.map(function (l) {
      return el("button", { class: "pilihan", onclick: function () { isian.layanan = l.id; tanya(); } }, [l.nama]);
    });
    daftar.push(el("button", { class: "pilihan lewati", onclick: function () { tanya(); } }, ["Lainnya / tidak tahu"]));
    tampil([el("h2", {}, ["Layanan apa yang Anda terima?"]), el("div", { class: "kisi" }, daftar)]);
  }
  // Answers run 1 → 4 (worst to best), as the regulation's questionnaire and the phone form print them.
  function tanya() {
    var u = data.unsur[langkah];
    var pilihan = u.jawaban.map(function (j) {
      return el("button", {
        class: "pilihan nilai-" + j[0], "data-nilai": j[0], "data-unsur": u.kode,
        onclick: function () { isian.jawaban[u.kode] = j[0]; langkah++; langkah < data.unsur.length ? tanya() : profil(); }
      }, [j[1]]);
    });
    var kembali = el("button", { class: "kembali", onclick: function () { if (langkah) { langkah--; tanya(); } else { pilihLayanan(); } } }, ["← Kembali"]);
    tampil([
      el("p", { class: "nomor" }, ["Pertanyaan " + (langkah + 1) + " dari " + data.unsur.length + " · " + u.nama]),
      el("h2", {}, [u.tanya]),
      el("div", { class: "kisi" }, pilihan),
      kembali,
    ]);
  }
  function pilihBaris(judul, nama, daftar) {
    // A group of toggle buttons: the chosen one is announced as pressed (aria-pressed); choosing
    // it again clears the answer (the profile may be skipped).
    var idJudul = "judul-" + nama;
    var kotak = el("div", { class: "kisi kecil", role: "group", "aria-labelledby": idJudul }, daftar.map(function (p) {
      var b = el("button", { type: "button", class: "pilihan kecil", "aria-pressed": "false", onclick: function () {
        var sudah = b.getAttribute("aria-pressed") === "true";
        Array.prototype.forEach.call(kotak.children, function (x) {
          x.classList.remove("dipilih");
          x.setAttribute("aria-pressed", "false");
        });
        if (sudah) { delete isian[nama]; return; }
        isian[nama] = p[0];
        b.classList.add("dipilih");
        b.setAttribute("aria-pressed", "true");
      } }, [p[1]]);
      return b;
    }));
    return el("div", {}, [el("h3", { id: idJudul }, [judul]), kotak]);
  }
  function profil() {
    var umur = [["17", "di bawah 20"], ["25", "20–29"], ["35", "30–39"], ["45", "40–49"], ["55", "50–59"], ["65", "60 ke atas"]];
    tampil([
      el("h2", {}, ["Tentang Anda (boleh dilewati)"]),
      pilihBaris("Umur", "umur", umur),
      pilihBaris("Jenis kelamin", "jenis_kelamin", data.profil.jenis_kelamin),
      pilihBaris("Pendidikan", "pendidikan", data.profil.pendidikan),
      pilihBaris("Pekerjaan", "pekerjaan", data.profil.pekerjaan),
      el("button", { class: "besar utama", id: "kirim", onclick: selesai }, ["Kirim jawaban"]),
    ]);
  }
  function selesai() {
    isian.waktu = new Date().toISOString();
    var a = antrean();
    a.push(isian);
    simpanAntrean(a);
    kirimAntrean();
    tampil([el("h2", { class: "terima-kasih" }, ["Terima kasih!"]), el("p", {}, ["Jawaban Anda membantu kami memperbaiki pelayanan."]),
      el("button", { class: "besar", onclick: mulai }, ["Selesai"])]);
    jedaUlang = setTimeout(mulai, 6000);
  }
  simpanAntrean(antrean());
  kirimAntrean();
  mulai();
})();
