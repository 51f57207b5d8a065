"""Opening a plan workbook in the Tabel 6.1 or 6.2 layout: its header, its record, its PD.

The result is the workbook as data (see ``buku``); nothing is compared or saved here.
If any row is wrong, every error is raised at once with its sheet and row number.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from kinerja.renstra.impor.buku import (
    BukuKerja,
    GalatImpor,
    ImporGagal,
    Kolom,
    PembacaBaris,
    angka_sel,
    teks_sel,
)
from kinerja.renstra.models import RenstraVersi
from kinerja.wilayah.models import PerangkatDaerah

_TAHUN = re.compile(r"(19|20)\d\d")


def _jenis_kolom(teks: str) -> str:
    """'K' or 'Rp' for the sub-header of a year column (Tabel 6.1 writes Target / Anggaran)."""
    t = teks.strip().lower()
    return {"k": "K", "target": "K", "rp": "RP", "anggaran": "RP"}.get(t, "")


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
            if tahun_sekarang:
                kol.tahun[tahun_sekarang] = (c, kol.tahun.get(tahun_sekarang, (None, None))[1])
        elif jenis == "RP":
            if mode_akhir:
                kol.akhir_rp = c
            elif tahun_sekarang:
                kol.tahun[tahun_sekarang] = (kol.tahun.get(tahun_sekarang, (None, None))[0], c)


def _cari_kolom(kepala: list[list], jumlah: int) -> tuple[Kolom, list[str]]:
    """Read the header rows of a Tabel 6.1 / 6.2 sheet."""
    kol = Kolom()
    gabung = [" ".join(teks_sel(r[c]) for r in kepala if r[c] is not None).lower() for c in range(jumlah)]
    baris_jenis = next((r for r in kepala if {"K", "RP"} <= {_jenis_kolom(teks_sel(x)) for x in r}), None)
    baris_tahun = next(
        (r for r in kepala if any(_TAHUN.fullmatch(teks_sel(x)) for x in r) and r is not baris_jenis), None
    )
    _kolom_bernama(kol, gabung)
    if baris_jenis is None or baris_tahun is None:
        return kol, ["baris judul kolom tahun (target dan pagu per tahun) tidak ditemukan"]
    _kolom_tahun(kol, gabung, baris_jenis, baris_tahun, jumlah)
    masalah = [
        f"kolom '{label}' tidak ditemukan"
        for nama, label in (
            ("tujuan", "Tujuan"),
            ("sasaran", "Sasaran"),
            ("kode", "Kode"),
            ("nama", "Program, Kegiatan dan Sub Kegiatan"),
            ("indikator", "Indikator"),
            ("lokasi", "Lokasi"),
        )
        if getattr(kol, nama) is None
    ]
    masalah += [
        f"tahun {y} harus mempunyai kolom target dan pagu"
        for y, (k, rp) in kol.tahun.items()
        if None in (k, rp)
    ]
    if not kol.tahun:
        masalah.append("tidak ada kolom tahun")
    return kol, masalah


def _pilih_lembar(wb):
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


def muat_buku(path: Path, nama_berkas: str, *, read_only: bool = False):
    """An uploaded workbook after the safety checks every upload goes through (``core.buku_aman``);
    an unsafe or unreadable one raises ``ImporGagal`` named as the user named the file."""
    import openpyxl

    from kinerja.core.buku_aman import TAK_TERBACA, BukuDitolak, periksa_buku

    try:
        periksa_buku(path)
    except BukuDitolak as e:
        raise ImporGagal([GalatImpor(nama_berkas, e.baris, e.pesan)]) from e
    try:
        return openpyxl.load_workbook(path, data_only=True, read_only=read_only)
    except Exception as e:  # noqa: BLE001 - any unreadable file gets the same clear message
        # Named as the user named it: an upload is stored under its checksum.
        raise ImporGagal([GalatImpor(nama_berkas, 0, TAK_TERBACA)]) from e


def _akhir_kepala(semua: list[list]) -> int | None:
    """The header ends at the row numbering the columns 1, 2, 3, …"""
    for i, r in enumerate(semua):
        nilai = [teks_sel(x) for x in r if x is not None and teks_sel(x) != ""]
        if len(nilai) >= 8 and nilai == [str(n) for n in range(1, len(nilai) + 1)]:
            return i
    return None


def _tebak_pd(judul: str) -> PerangkatDaerah | None:
    cocok = [
        pd for pd in PerangkatDaerah.objects.select_related("pemda") if pd.nama.casefold() in judul.casefold()
    ]
    if len(cocok) == 1:
        return cocok[0]
    cocok = [pd for pd in cocok if pd.pemda.nama.casefold() in judul.casefold()]
    if len(cocok) == 1:
        return cocok[0]
    semua = list(PerangkatDaerah.objects.all()[:2])
    return semua[0] if len(semua) == 1 else None


def _tentukan_pd(pd, sifat: dict, judul: str, lembar: str) -> PerangkatDaerah:
    """The PD the workbook belongs to: the one named in its properties must be the one asked for."""
    slug = sifat.get("kinerja.pd")
    asal = None
    if slug:
        asal = (
            PerangkatDaerah.objects.select_related("pemda")
            .filter(slug=slug, pemda__slug=sifat.get("kinerja.pemda", ""))
            .first()
        )
    if pd is not None and asal is not None and asal.pk != pd.pk:
        raise ImporGagal(
            [
                GalatImpor(
                    lembar,
                    0,
                    f"buku kerja ini diekspor dari {asal.nama} ({asal.pemda.nama}), bukan dari {pd.nama}; "
                    "impor di halaman versi perangkat daerah itu",
                )
            ]
        )
    pd = pd or asal or _tebak_pd(judul)
    if pd is None:
        raise ImporGagal(
            [
                GalatImpor(
                    lembar, 1, "perangkat daerah tidak dapat ditentukan dari judul; sebutkan dengan --pd"
                )
            ]
        )
    return pd


def baca_buku(
    path: str | Path,
    *,
    pd: PerangkatDaerah | None = None,
    nama_berkas: str = "",
    pilih_dasar: Callable[[PerangkatDaerah, dict, str, list[int]], RenstraVersi | None] | None = None,
) -> BukuKerja:
    """Read and check the whole workbook; raise ImporGagal listing every wrong row.

    ``pilih_dasar(pd, properties, table, years)`` names the version the workbook will
    change, once the header is read, so that years outside its period are reported
    with the other errors.
    """
    path = Path(path)
    isi = path.read_bytes()
    wb = muat_buku(path, nama_berkas or path.name)
    ws = _pilih_lembar(wb)
    sifat = _sifat(wb)
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
    while awal < akhir and not any(teks_sel(x).lower().startswith("tujuan") for x in semua[awal]):
        awal += 1
    kol, masalah = _cari_kolom(semua[awal:akhir], lebar)
    if masalah:
        raise ImporGagal([GalatImpor(ws.title, akhir, m) for m in masalah])
    _isi_sel_gabung(ws, semua, kol.lokasi, akhir)
    persen = _sel_persen(ws, kol, akhir)
    judul = " ".join(teks_sel(x) for r in semua[:awal] for x in r if x)
    pd = _tentukan_pd(pd, sifat, judul, ws.title)
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
    pembaca.baca(semua, akhir)
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
    )


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
