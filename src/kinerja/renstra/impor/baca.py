"""Opening a plan workbook in the Tabel 6.1 or 6.2 layout: its header, its record, its PD.

The result is the workbook as data (see ``buku``); nothing is compared or saved here.
If any row is wrong, every error is raised at once with its sheet and row number.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from kinerja.renstra.impor.asal_pd import pd_beda, pd_tertulis
from kinerja.renstra.impor.buku import (
    BukuKerja,
    GalatImpor,
    ImporGagal,
    Kolom,
    LembarGanda,
    PembacaBaris,
    angka_sel,
    teks_sel,
)
from kinerja.renstra.models import RenstraVersi
from kinerja.wilayah.models import PerangkatDaerah

_TAHUN = re.compile(r"(19|20)\d\d")
_TAHUN_DI = re.compile(r"\b(?:19|20)\d\d\b")


_SUB_K = {"k", "target", "target kinerja", "kinerja", "tk"}
_SUB_RP = {"rp", "rp.", "anggaran", "pagu", "pagu indikatif", "dana", "pendanaan", "kerangka pendanaan"}


def _jenis_kolom(teks: str) -> str:
    """'K' or 'Rp' for the sub-header of a year column (Tabel 6.1 writes Target / Anggaran, a Renja
    often Target / Pagu Indikatif (Rp))."""
    t = " ".join(teks.replace("(", " ").replace(")", " ").split()).lower()
    t = t.removesuffix(" rp").removesuffix(" rp.") if t not in _SUB_RP else t
    return "K" if t in _SUB_K else "RP" if t in _SUB_RP else ""


# Header text that names a column, by its first words; checked in this order (a header such as
# "Program, Kegiatan dan Sub Kegiatan" is told from "Target Kinerja Program" by the rule below).
_AWALAN_KOLOM = (
    ("tujuan", "tujuan"),
    ("sasaran", "sasaran"),
    ("kode", "kode"),
    (None, "nama"),
    ("indikator", "indikator"),
    ("formulasi", "formulasi"),
    ("satuan", "satuan"),
    ("data", "data_awal"),
    ("unit kerja", "unit_kerja"),
)


def _kolom_bernama(kol: Kolom, gabung: list[str]) -> None:
    """The named columns (tujuan … lokasi) from each column's joined header text."""
    for c, teks in enumerate(gabung):
        for awalan, nama in _AWALAN_KOLOM:
            if awalan is None:
                cocok = (
                    "program" in teks
                    and "kegiatan" in teks
                    and kol.nama is None
                    and not teks.startswith("target")
                )
            else:
                cocok = teks.startswith(awalan)
            if cocok:
                setattr(kol, nama, c)
                if nama == "data_awal":
                    m = _TAHUN.search(teks)
                    kol.tahun_awal = int(m.group(0)) if m else None
                break
        else:
            if "lokasi" in teks:
                kol.lokasi = c


def _kolom_tahun(kol: Kolom, gabung: list[str], baris_jenis: list, baris_tahun: list, jumlah: int) -> None:
    """The target (K) and pagu (Rp) column of each year, and of the end-of-period condition.

    A year is written once over its K and Rp columns (merged cells), so the year read last holds
    until the next one; the "kondisi akhir" pair comes after the years."""
    tahun_sekarang, mode_akhir = None, False
    for c in range(jumlah):
        jenis = _jenis_kolom(teks_sel(baris_jenis[c]))
        t = teks_sel(baris_tahun[c])
        if jenis == "K":
            mode_akhir = "kondisi" in gabung[c] or "akhir" in gabung[c]
            if mode_akhir:
                kol.akhir_k = c
                continue
            if _TAHUN.fullmatch(t):
                tahun_sekarang = int(t)
            elif len(set(_TAHUN_DI.findall(gabung[c]))) == 1:  # "Rencana Tahun 2024" over K and Rp
                tahun_sekarang = int(_TAHUN_DI.search(gabung[c]).group(0))
            if tahun_sekarang:
                kol.tahun[tahun_sekarang] = (c, kol.tahun.get(tahun_sekarang, (None, None))[1])
        elif jenis == "RP":
            if mode_akhir:
                kol.akhir_rp = c
            elif tahun_sekarang:
                kol.tahun[tahun_sekarang] = (kol.tahun.get(tahun_sekarang, (None, None))[0], c)


def _cari_kolom(kepala: list[list], jumlah: int, tahun_judul: int | None) -> tuple[Kolom, list[str]]:
    """Read the header rows of a Tabel 6.1 / 6.2 sheet, or of a one-year (Renja-like) table.

    ``tahun_judul`` is the one year the title above the table names, for a one-year table
    whose K and Rp columns carry no year of their own."""
    kol = Kolom()
    gabung = [" ".join(teks_sel(r[c]) for r in kepala if r[c] is not None).lower() for c in range(jumlah)]
    baris_jenis = next((r for r in kepala if {"K", "RP"} <= {_jenis_kolom(teks_sel(x)) for x in r}), None)
    baris_tahun = next(
        (r for r in kepala if any(_TAHUN.fullmatch(teks_sel(x)) for x in r) and r is not baris_jenis),
        [None] * jumlah,
    )
    _kolom_bernama(kol, gabung)
    if baris_jenis is None:
        return kol, [
            "baris judul kolom target dan pagu tidak ditemukan: di bawah tiap tahun harus ada judul "
            "'K' (atau 'Target') dan 'Rp' (atau 'Anggaran' / 'Pagu')"
        ]
    _kolom_tahun(kol, gabung, baris_jenis, baris_tahun, jumlah)
    if not kol.tahun:
        _satu_tahun_judul(kol, gabung, baris_jenis, tahun_judul)
    masalah = [
        f"kolom '{label}' tidak ditemukan"
        for nama, label in (
            ("tujuan", "Tujuan"),
            ("sasaran", "Sasaran"),
            ("kode", "Kode"),
            ("nama", "Program, Kegiatan dan Sub Kegiatan"),
            ("indikator", "Indikator"),
        )
        if getattr(kol, nama) is None
    ]
    masalah += [
        f"tahun {y} harus mempunyai kolom target dan pagu"
        for y, (k, rp) in kol.tahun.items()
        if None in (k, rp)
    ]
    if not kol.tahun:
        masalah.append(
            "kolom target (K) dan pagu (Rp) ditemukan, tetapi tahunnya tidak tertulis di atasnya maupun di "
            "judul tabel; tulis tahunnya (mis. 2024) di baris judul kolom"
        )
    return kol, masalah


def _satu_tahun_judul(kol: Kolom, gabung: list[str], baris_jenis: list, tahun: int | None) -> None:
    """A one-year table (a Renja) with one K and one Rp column and its year in the title only."""
    k = [c for c, x in enumerate(baris_jenis) if _jenis_kolom(teks_sel(x)) == "K" and c != kol.akhir_k]
    rp = [c for c, x in enumerate(baris_jenis) if _jenis_kolom(teks_sel(x)) == "RP" and c != kol.akhir_rp]
    if tahun is not None and len(k) == 1 and len(rp) == 1:
        kol.tahun[tahun] = (k[0], rp[0])


def _tahun_judul(judul: list[list]) -> int | None:
    """The one year the title rows above the table name ("Renja … Tahun 2024"), else None."""
    semua = {int(m) for r in judul for x in r if x is not None for m in _TAHUN_DI.findall(teks_sel(x))}
    return semua.pop() if len(semua) == 1 else None


def _tampak_tabel(ws) -> bool:
    """A sheet whose first rows end with the column numbers 1, 2, 3, … of a plan table."""
    awal = [list(r) for r in ws.iter_rows(max_row=20, values_only=True)]
    return _akhir_kepala(awal) is not None


def _pilih_lembar(wb, lembar: str, nama_berkas: str, calon: list[str]):
    """The sheet to import: the one named, else the only one that looks like a plan table.
    Several that do are listed for the user to choose (``LembarGanda``); none is picked silently."""
    if lembar:
        if lembar in wb.sheetnames:
            return wb[lembar]
        daftar = ", ".join(f"'{x}'" for x in wb.sheetnames)
        raise ImporGagal(
            [
                GalatImpor(
                    nama_berkas, 0, f"lembar '{lembar}' tidak ada; lembar buku kerja ini: {daftar}", "berkas"
                )
            ]
        )
    if len(calon) > 1:
        raise LembarGanda(nama_berkas, calon)
    if calon:
        return wb[calon[0]]
    for ws in wb.worksheets:
        if "6.2" in ws.title or "6.1" in ws.title:
            return ws
    return wb.worksheets[0]


def _sifat(wb) -> dict[str, str]:
    hasil = {}
    for p in getattr(wb, "custom_doc_props", None) or []:
        if p.name and p.name.startswith("kinerja."):
            hasil[p.name] = str(p.value or "")
    return hasil


# Spreadsheets of other formats: named by what their bytes are, whatever the file is called.
_JENIS_LAIN = {".ods": "OpenDocument (.ods)", ".xls": "Excel 97-2003 (.xls)", ".csv": "CSV (.csv)"}


def jenis_lain(path: Path, nama_berkas: str = "") -> str:
    """The kind of a spreadsheet that is not XLSX ("" for an XLSX or an unknown file)."""
    try:
        with open(path, "rb") as f:
            kepala = f.read(128)
    except OSError:
        return ""
    if kepala.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2: an Excel 97-2003 workbook
        return _JENIS_LAIN[".xls"]
    if kepala.startswith(b"PK") and b"mimetypeapplication/vnd.oasis.opendocument" in kepala:
        return _JENIS_LAIN[".ods"]
    akhiran = Path(nama_berkas or path.name).suffix.lower()
    return _JENIS_LAIN.get(akhiran, "") if not kepala.startswith(b"PK") else ""


def pesan_jenis_lain(jenis: str) -> str:
    return (
        f"berkas ini lembar kerja {jenis}, yang belum dapat dibaca Kinerja. Simpan berkas sebagai .xlsx lalu "
        "unggah lagi (di LibreOffice: File → Simpan sebagai → Excel 2007-365 (.xlsx); di Excel: File → "
        "Simpan sebagai → Buku Kerja Excel (.xlsx))"
    )


def muat_buku(path: Path, nama_berkas: str, *, read_only: bool = False):
    """An uploaded workbook after the safety checks every upload goes through (``core.buku_aman``);
    an unsafe or unreadable one raises ``ImporGagal`` named as the user named the file."""
    import openpyxl

    from kinerja.core.buku_aman import TAK_TERBACA, BukuDitolak, periksa_buku

    jenis = jenis_lain(path, nama_berkas)
    if jenis:
        raise ImporGagal([GalatImpor(nama_berkas, 0, pesan_jenis_lain(jenis), "berkas")])
    try:
        periksa_buku(path)
    except BukuDitolak as e:
        raise ImporGagal([GalatImpor(nama_berkas, e.baris, e.pesan)]) from e
    try:
        return openpyxl.load_workbook(path, data_only=True, read_only=read_only)
    except Exception as e:  # noqa: BLE001 - any unreadable file gets the same clear message
        # Named as the user named it: an upload is stored under its checksum.
        raise ImporGagal([GalatImpor(nama_berkas, 0, TAK_TERBACA, "berkas")]) from e


def _akhir_kepala(semua: list[list]) -> int | None:
    """The header ends at the row numbering the columns 1, 2, 3, …"""
    for i, r in enumerate(semua):
        nilai = [teks_sel(x) for x in r if x is not None and teks_sel(x) != ""]
        if len(nilai) >= 8 and nilai == [str(n) for n in range(1, len(nilai) + 1)]:
            return i
    return None


def _lembar_terbaca(ws) -> tuple[list[list], int, int, int]:
    """(rows padded to one width, width, index of the first header row, of the column-number row)."""
    semua = [list(r) for r in ws.iter_rows(values_only=True)]
    lebar = max((len(r) for r in semua), default=0)
    semua = [r + [None] * (lebar - len(r)) for r in semua]
    akhir = _akhir_kepala(semua)
    if akhir is None:
        raise ImporGagal(
            [
                GalatImpor(
                    ws.title,
                    0,
                    "baris nomor kolom (1, 2, 3, …) di bawah judul kolom tidak ditemukan; "
                    "pakai buku kerja hasil ekspor Tabel 6.2 sebagai contoh",
                )
            ]
        )
    awal = max(0, akhir - 4)
    while awal < akhir and not any(teks_sel(x).lower().startswith(("tujuan", "kode")) for x in semua[awal]):
        awal += 1
    return semua, lebar, awal, akhir


def _pd_tujuan(pd, sifat: dict, judul: list[list], lembar: str) -> tuple[PerangkatDaerah, str, str]:
    """(the PD imported into, the PD the workbook names, why they differ). Nothing is guessed: without a
    PD asked for, the workbook must name one that exists."""
    tertulis_pd, tertulis = pd_tertulis(sifat, judul)
    if pd is None:
        if tertulis_pd is None:
            sebut = f" (buku kerja menyebut '{tertulis}', yang tidak ada di basis data)" if tertulis else ""
            raise ImporGagal(
                [
                    GalatImpor(
                        lembar,
                        1,
                        f"perangkat daerah tujuan impor tidak diketahui{sebut}; sebutkan dengan --pd",
                    )
                ]
            )
        pd = tertulis_pd
    return pd, tertulis, pd_beda(pd, tertulis_pd, tertulis)


def baca_buku(
    path: str | Path,
    *,
    pd: PerangkatDaerah | None = None,
    nama_berkas: str = "",
    lembar: str = "",
    pilih_dasar: Callable[[PerangkatDaerah, dict, str, list[int]], RenstraVersi | None] | None = None,
) -> BukuKerja:
    """Read and check the whole workbook; raise ImporGagal listing every wrong row.

    ``lembar`` names the sheet when several look like a plan table (``LembarGanda`` lists them).
    ``pilih_dasar(pd, properties, table, years)`` names the version the workbook will
    change, once the header is read, so that years outside its period are reported
    with the other errors.  A workbook naming another PD than ``pd`` is read, its
    ``pd_beda`` saying so; the save refuses it unless confirmed.
    """
    path = Path(path)
    isi = path.read_bytes()
    wb = muat_buku(path, nama_berkas or path.name)
    calon = [ws.title for ws in wb.worksheets if _tampak_tabel(ws)]
    ws = _pilih_lembar(wb, lembar, nama_berkas or path.name, calon)
    sifat = _sifat(wb)
    semua, lebar, awal, akhir = _lembar_terbaca(ws)
    pd, tertulis, beda = _pd_tujuan(pd, sifat, semua[:awal], ws.title)
    kol, masalah = _cari_kolom(semua[awal:akhir], lebar, _tahun_judul(semua[:awal]))
    if masalah:
        raise ImporGagal(_dengan_beda(beda, ws.title, [GalatImpor(ws.title, akhir, m) for m in masalah]))
    _isi_sel_gabung(ws, semua, kol.lokasi, akhir)
    persen = _sel_persen(ws, kol, akhir)
    tabel = sifat.get("kinerja.tabel") or ("6.1" if len(kol.tahun) == 1 and kol.akhir_k is None else "6.2")
    pembaca = PembacaBaris(ws.title, kol, pd, persen, tabel)
    tahun = sorted(kol.tahun)
    dasar = pilih_dasar(pd, sifat, tabel, tahun) if pilih_dasar else None
    if dasar is not None:
        for y in tahun:
            if not dasar.tahun_mulai <= y <= dasar.tahun_akhir:
                pembaca.salah(
                    akhir, f"tahun {y} di luar periode {dasar.nama} ({dasar.tahun_mulai}–{dasar.tahun_akhir})"
                )
    try:
        pembaca.baca(semua, akhir)
    except ImporGagal as e:
        raise ImporGagal(_dengan_beda(beda, ws.title, e.galat)) from e
    wb.close()
    kolom_ada = {n for n in ("formulasi", "satuan", "unit_kerja") if getattr(kol, n) is not None}
    if kol.akhir_k is not None:
        kolom_ada.add("akhir")
    return BukuKerja(
        nama_berkas=nama_berkas or path.name,
        sha256=hashlib.sha256(isi).hexdigest(),
        lembar=ws.title,
        tabel=tabel,
        tahun=tahun,
        tahun_awal=kol.tahun_awal,
        sifat=sifat,
        pd=pd,
        node=pembaca.node,
        baris=pembaca.data,
        kolom_ada=kolom_ada,
        dasar=dasar,
        pd_tertulis=tertulis,
        pd_beda=beda,
        lembar_calon=calon,
    )


def _dengan_beda(beda: str, lembar: str, galat: list[GalatImpor]) -> list[GalatImpor]:
    """The errors of a workbook of another PD, that fact first: it often explains the rest."""
    if not beda:
        return galat
    return [GalatImpor(lembar, 0, f"{beda}; kesalahan berikut mungkin karena itu"), *galat]


def _isi_sel_gabung(ws, semua: list[list], kolom: int | None, akhir_kepala: int) -> None:
    """A lokasi merged over several rows (Tabel 6.1) belongs to each of them."""
    if kolom is None:
        return
    for g in ws.merged_cells.ranges:
        if g.min_col <= kolom + 1 <= g.max_col and g.min_row - 1 > akhir_kepala:
            nilai = semua[g.min_row - 1][g.min_col - 1]
            for r in range(g.min_row, min(g.max_row, len(semua)) + 1):
                semua[r - 1][kolom] = nilai


def _sel_persen(ws, kol: Kolom, akhir_kepala: int) -> set[tuple[int, int]]:
    """(row, column) of numbers shown as percentages: 0,97 typed as 97% in a spreadsheet."""
    kolom = {
        c + 1 for c in (kol.data_awal, kol.akhir_k, *(k for k, _ in kol.tahun.values())) if c is not None
    }
    hasil = set()
    for baris in ws.iter_rows(min_row=akhir_kepala + 2):
        for c in baris:
            if (
                getattr(c, "column", None) in kolom
                and "%" in (c.number_format or "")
                and angka_sel(c.value) is not None
            ):
                hasil.add((c.row - 1, c.column - 1))
    return hasil
