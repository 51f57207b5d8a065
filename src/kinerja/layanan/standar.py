"""The content of a service standard: its components, read from a form with every problem at once,
and the differences between two versions of it.

Nothing is read from or written to the database here: ``layanan.services`` checks the actor, the
uniqueness of code and slug within the unit, stores the standard with its next version and writes
the audit trail.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from kinerja.core.parameter import bilangan
from kinerja.layanan.models import JenisLayanan

S = JenisLayanan.SatuanWaktu

# The components of a standard (PermenPANRB 15/2014) in the order of the form.
MEDAN = (
    "kode",
    "nama",
    "slug",
    "kelompok",
    "persyaratan",
    "prosedur",
    "jangka_waktu",
    "satuan_waktu",
    "biaya",
    "produk",
    "penanganan_pengaduan",
    "dasar_hukum",
    "urutan",
)
LABEL = {
    "kode": "Kode",
    "nama": "Nama layanan",
    "slug": "Alamat (slug)",
    "kelompok": "Kelompok",
    "persyaratan": "Persyaratan",
    "prosedur": "Prosedur",
    "jangka_waktu": "Jangka waktu",
    "satuan_waktu": "Satuan jangka waktu",
    "biaya": "Biaya/tarif",
    "produk": "Produk layanan",
    "penanganan_pengaduan": "Penanganan pengaduan",
    "dasar_hukum": "Dasar hukum",
    "urutan": "Urutan",
}
# Texts of one item per line, and the longer free texts (compared line by line too).
DAFTAR = ("persyaratan", "prosedur")
PARAGRAF = ("penanganan_pengaduan", "dasar_hukum")
PANJANG = {
    "kode": 20,
    "nama": 200,
    "slug": 80,
    "kelompok": 100,
    "biaya": 200,
    "produk": 250,
    "penanganan_pengaduan": 2000,
    "dasar_hukum": 2000,
}
BARIS_TERBANYAK, PANJANG_BARIS = 40, 500
# The longest time a standard may promise, per unit of time: a year, as hours or minutes a month / a day.
BATAS_WAKTU = {S.HARI_KERJA: 365, S.HARI: 365, S.JAM: 720, S.MENIT: 1440}
URUTAN_TERBESAR = 999
WAJIB = ("kode", "nama", "persyaratan", "prosedur", "biaya", "produk")


def isi_dari(j: JenisLayanan) -> dict:
    """The components of a standard as stored in a version (plain JSON values)."""
    return {m: getattr(j, m) for m in MEDAN}


def _rapi_baris(teks: str) -> str:
    """One item per line: spaces around each trimmed, empty lines dropped, Windows line ends read."""
    return "\n".join(
        b.strip() for b in teks.replace("\r\n", "\n").replace("\r", "\n").split("\n") if b.strip()
    )


def _teks(isian: dict, nama: str) -> str:
    nilai = isian.get(nama)
    teks = "" if nilai is None else str(nilai)
    return _rapi_baris(teks) if nama in DAFTAR or nama in PARAGRAF else " ".join(teks.split())


def _cek_daftar(nama: str, teks: str, tambah) -> None:
    baris = teks.split("\n") if teks else []
    if len(baris) > BARIS_TERBANYAK:
        tambah(nama, f"{LABEL[nama]} paling banyak {BARIS_TERBANYAK} baris (sekarang {len(baris)}).")
    panjang = [i for i, b in enumerate(baris, start=1) if len(b) > PANJANG_BARIS]
    if panjang:
        tambah(
            nama,
            f"{LABEL[nama]} baris ke-{panjang[0]} lebih dari {PANJANG_BARIS} huruf; pecah menjadi beberapa baris.",
        )


def _baca_jangka(isian: dict, tambah) -> tuple[int | None, str]:
    satuan = str(isian.get("satuan_waktu") or "")
    if satuan not in S.values:
        tambah("satuan_waktu", "Pilih satuan jangka waktu.")
    atas = BATAS_WAKTU.get(satuan, BATAS_WAKTU[S.HARI])
    teks = " ".join(str(isian.get("jangka_waktu") or "").split())
    n = bilangan(teks, bawah=1, atas=atas)
    if n is None:
        label = S(satuan).label if satuan in S.values else "hari"
        if not teks:
            tambah("jangka_waktu", f"Isi jangka waktu penyelesaian (1–{atas} {label}).")
        else:
            tambah(
                "jangka_waktu",
                f"Jangka waktu diisi bilangan bulat 1–{atas} {label}; “{teks[:20]}” tidak sah.",
            )
    return n, satuan


def _baca_urutan(isian: dict, tambah) -> int:
    teks = str(isian.get("urutan") or "").strip()
    if not teks:
        return 0
    n = bilangan(teks, bawah=0, atas=URUTAN_TERBESAR)
    if n is None:
        tambah("urutan", f"Urutan diisi bilangan bulat 0–{URUTAN_TERBESAR}.")
        return 0
    return n


def _baca_slug(teks: str, nama: str, tambah) -> str:
    """The slug typed (letters, digits and dashes only), or one made from the name when left empty."""
    if not teks:
        return slugify(nama)[: PANJANG["slug"]].strip("-")
    if slugify(teks) != teks:
        tambah("slug", "Alamat (slug) hanya huruf kecil, angka dan tanda hubung, mis. surat-pengantar-ktp.")
    return teks


def baca_isian(isian: dict) -> dict:
    """The standard's components from a form's values, tidied; ValidationError listing every problem
    at once, keyed by field name."""
    galat: dict[str, list[str]] = {}

    def tambah(medan: str, pesan: str) -> None:
        galat.setdefault(medan, []).append(pesan)

    data = {m: _teks(isian, m) for m in MEDAN if m not in ("jangka_waktu", "satuan_waktu", "urutan")}
    for m in WAJIB:
        if not data[m]:
            tambah(m, f"Isi {LABEL[m].lower()}.")
    for m, batas in PANJANG.items():
        if len(data[m]) > batas:
            tambah(m, f"{LABEL[m]} paling panjang {batas} huruf (sekarang {len(data[m])}).")
    for m in DAFTAR:
        _cek_daftar(m, data[m], tambah)
    if not galat.get("slug"):
        data["slug"] = _baca_slug(data["slug"], data["nama"], tambah)
    if not data["slug"] and data["nama"]:
        tambah("slug", "Nama ini tidak menghasilkan alamat; tulis alamat (slug) dengan huruf atau angka.")
    data["jangka_waktu"], data["satuan_waktu"] = _baca_jangka(isian, tambah)
    data["urutan"] = _baca_urutan(isian, tambah)
    if galat:
        raise ValidationError(galat)
    return data


# --- comparing two versions ----------------------------------------------------------------------


@dataclass
class Perbedaan:
    medan: str
    label: str
    lama: object
    baru: object
    # Texts of several lines: each line with its mark ("-" removed, "+" added, " " kept).
    baris: list[tuple[str, str]] = field(default_factory=list)


def _beda_baris(lama: str, baru: str) -> list[tuple[str, str]]:
    a, b = (lama or "").split("\n"), (baru or "").split("\n")
    hasil: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            hasil += [(" ", x) for x in a[i1:i2]]
            continue
        hasil += [("-", x) for x in a[i1:i2] if x]
        hasil += [("+", x) for x in b[j1:j2] if x]
    return hasil


def beda(lama: dict, baru: dict) -> list[Perbedaan]:
    """The components that differ between two contents, in the form's order."""
    hasil = []
    for m in MEDAN:
        a, b = lama.get(m), baru.get(m)
        if a == b:
            continue
        p = Perbedaan(m, LABEL[m], a, b)
        if m in DAFTAR or m in PARAGRAF:
            p.baris = _beda_baris(str(a or ""), str(b or ""))
        hasil.append(p)
    return hasil


def ringkas(nilai: object, batas: int = 200) -> object:
    """A value for the audit trail: long texts cut (the versions keep them whole)."""
    if isinstance(nilai, str) and len(nilai) > batas:
        return nilai[: batas - 1] + "…"
    return nilai
