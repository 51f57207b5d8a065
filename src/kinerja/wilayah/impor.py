"""Import of a PD's RTs and population from a workbook (XLSX) or CSV files: preview, then save.

An XLSX holds a sheet "RT" (kelurahan, rw, rt, ketua, lintang, bujur) and a sheet "Penduduk"
(kelurahan, tahun, laki_laki, perempuan, jumlah, sumber, tanggal); a CSV file holds one of
them, recognised by its columns. The first row names the columns. An RT is found by kelurahan,
RW and number, a population record by kelurahan and year: found ones are updated, others added.
Every row is checked and every error listed by sheet, row and column; when there is one,
nothing is saved. Workbooks pass ``core.buku_aman`` before openpyxl opens them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from kinerja.core.audit import catat
from kinerja.wilayah import isian as cek
from kinerja.wilayah import selectors
from kinerja.wilayah.izin import pelaku_wajib
from kinerja.wilayah.models import Penduduk, PerangkatDaerah, RukunTetangga, Unit
from kinerja.wilayah.services import TOLAK_UBAH

RT, PENDUDUK = "RT", "Penduduk"
KOLOM = {
    RT: ("kelurahan", "rw", "rt", "ketua", "lintang", "bujur"),
    PENDUDUK: ("kelurahan", "tahun", "laki_laki", "perempuan", "jumlah", "sumber", "tanggal"),
}
WAJIB = {RT: ("kelurahan", "rw", "rt"), PENDUDUK: ("kelurahan", "tahun")}
BATAS_CSV = 2 * 1024 * 1024
BATAS_BARIS = 5000
# The column names the import messages use for a field of the checks.
_MEDAN_KOLOM = {RT: {"nomor": "rt"}, PENDUDUK: {}}

Data = dict[str, list[dict[str, str]]]  # sheet → rows (with "_baris", the row number in the file)


class BerkasDitolak(ValueError):
    """The file cannot be read at all; ``pesan`` says why."""

    def __init__(self, pesan: str):
        super().__init__(pesan)
        self.pesan = pesan


@dataclass(frozen=True)
class GalatImpor:
    lembar: str
    baris: int
    kolom: str
    pesan: str


@dataclass
class BarisImpor:
    baris: int
    unit: Unit
    nilai: dict
    aksi: str  # "baru", "ubah" or "sama"
    lama: object = None


@dataclass
class Pratinjau:
    rt: list[BarisImpor] = field(default_factory=list)
    penduduk: list[BarisImpor] = field(default_factory=list)
    galat: list[GalatImpor] = field(default_factory=list)

    def hitung(self, aksi: str) -> int:
        return sum(1 for b in [*self.rt, *self.penduduk] if b.aksi == aksi)

    @property
    def baru(self) -> int:
        return self.hitung("baru")

    @property
    def ubah(self) -> int:
        return self.hitung("ubah")

    @property
    def sama(self) -> int:
        return self.hitung("sama")


# --- reading files ------------------------------------------------------------------------


def _nama_kolom(t: object) -> str:
    return cek.teks(t).casefold().replace("-", "_").replace(" ", "_")


def _sel(v: object) -> str:
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return cek.teks(v)


def _lembar(baris: list[list], nama_berkas: str) -> tuple[str | None, list[dict[str, str]]]:
    """Rows (first = column names) → the sheet they are (by their columns) and its rows."""
    if not baris:
        return None, []
    kepala = [_nama_kolom(k) for k in baris[0]]
    jenis = RT if "rt" in kepala else PENDUDUK if "tahun" in kepala else None
    if len(baris) - 1 > BATAS_BARIS:
        raise BerkasDitolak(f"{nama_berkas}: lebih dari {BATAS_BARIS} baris; pecah menjadi beberapa berkas.")
    hasil = []
    for no, r in enumerate(baris[1:], start=2):
        isi = {k: _sel(v) for k, v in zip(kepala, r, strict=False) if k}
        if any(isi.values()):
            hasil.append({**isi, "_baris": no})
    return jenis, hasil


def _baca_csv(path: Path, nama_berkas: str) -> list[list]:
    if path.stat().st_size > BATAS_CSV:
        raise BerkasDitolak(f"{nama_berkas}: berkas CSV lebih besar dari 2 MB.")
    try:
        teks = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BerkasDitolak(
            f"{nama_berkas}: berkas CSV tidak berkode UTF-8. Simpan ulang sebagai CSV UTF-8."
        ) from None
    pertama = teks.split("\n", 1)[0]
    pemisah = max((";", ",", "\t"), key=pertama.count)
    return list(csv.reader(io.StringIO(teks), delimiter=pemisah))


def _baca_xlsx(path: Path, nama_berkas: str) -> list[list[list]]:
    import openpyxl

    from kinerja.core.buku_aman import TAK_TERBACA, BukuDitolak, periksa_buku

    try:
        periksa_buku(path)
    except BukuDitolak as e:
        raise BerkasDitolak(f"{nama_berkas}: {e.pesan}") from e
    try:
        wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    except Exception as e:  # noqa: BLE001 - any unreadable file gets the same clear message
        raise BerkasDitolak(f"{nama_berkas}: {TAK_TERBACA}") from e
    try:
        return [[list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets]
    finally:
        wb.close()


def baca_berkas(path: str | Path, nama_berkas: str) -> Data:
    """The RT and population rows of an uploaded file (XLSX or CSV); ``BerkasDitolak`` if unreadable."""
    path = Path(path)
    if nama_berkas.lower().endswith(".csv"):
        semua = [_baca_csv(path, nama_berkas)]
    elif nama_berkas.lower().endswith(".xlsx"):
        semua = _baca_xlsx(path, nama_berkas)
    else:
        raise BerkasDitolak(f"{nama_berkas}: unggah berkas .xlsx atau .csv.")
    data: Data = {RT: [], PENDUDUK: []}
    for baris in semua:
        jenis, isi = _lembar(baris, nama_berkas)
        if jenis:
            data[jenis].extend(isi)
    if not data[RT] and not data[PENDUDUK]:
        raise BerkasDitolak(
            f"{nama_berkas}: tidak ada lembar RT (kolom kelurahan, rw, rt, …) atau Penduduk (kolom kelurahan, "
            "tahun, …) yang berisi. Pakai templat dari halaman ini."
        )
    return data


# --- checking -----------------------------------------------------------------------------


def _kunci_kelurahan(nama: str) -> str:
    t = " ".join(nama.casefold().split())
    for awal in ("kelurahan ", "kel. ", "desa "):
        if t.startswith(awal):
            t = t[len(awal) :]
    return t


def _peta_kelurahan(pd: PerangkatDaerah) -> dict[str, Unit]:
    peta = {}
    for u in selectors.kelurahan_pd(pd.pk):
        peta[_kunci_kelurahan(u.nama)] = u
        peta[_kunci_kelurahan(u.nama_pendek)] = u
    return peta


def _kelurahan(baris: dict, lembar: str, peta: dict, galat: list[GalatImpor], pd) -> Unit | None:
    nama = baris.get("kelurahan", "")
    if not nama:
        galat.append(GalatImpor(lembar, baris["_baris"], "kelurahan", "Kelurahan wajib diisi."))
        return None
    u = peta.get(_kunci_kelurahan(nama))
    if u is None:
        galat.append(
            GalatImpor(
                lembar, baris["_baris"], "kelurahan", f"Kelurahan '{nama[:60]}' tidak dikenal di {pd.nama}."
            )
        )
    return u


def _kolom_hilang(data: Data, galat: list[GalatImpor]) -> None:
    for lembar in (RT, PENDUDUK):
        if data[lembar]:
            ada = set().union(*(b.keys() for b in data[lembar]))
            for k in WAJIB[lembar]:
                if k not in ada:
                    galat.append(GalatImpor(lembar, 1, k, f"Kolom '{k}' tidak ada di baris judul."))


def _tambah_galat(galat: list[GalatImpor], lembar: str, no: int, g: cek.Galat) -> None:
    for medan, daftar in g.items():
        for pesan in daftar:
            galat.append(GalatImpor(lembar, no, _MEDAN_KOLOM[lembar].get(medan, medan), pesan))


def _periksa_rt(data: Data, peta, pd, hasil: Pratinjau) -> None:
    ada = {(r.unit_id, r.rw, r.nomor): r for r in RukunTetangga.objects.filter(unit__pd=pd)}
    dilihat: dict[tuple, int] = {}
    for b in data[RT]:
        no = b["_baris"]
        u = _kelurahan(b, RT, peta, hasil.galat, pd)
        v, g = cek.periksa_rt({**b, "nomor": b.get("rt")})
        _tambah_galat(hasil.galat, RT, no, g)
        if u is None or g:
            continue
        kunci = (u.pk, v["rw"], v["nomor"])
        if kunci in dilihat:
            hasil.galat.append(
                GalatImpor(
                    RT,
                    no,
                    "rt",
                    f"RT {v['nomor']:03d}/RW {v['rw']:03d} {u.nama} sudah ada di baris {dilihat[kunci]}.",
                )
            )
            continue
        dilihat[kunci] = no
        lama = ada.get(kunci)
        v["aktif"] = True
        sama = lama is not None and all(getattr(lama, k) == x for k, x in v.items())
        hasil.rt.append(BarisImpor(no, u, v, "baru" if lama is None else "sama" if sama else "ubah", lama))


def _periksa_penduduk(data: Data, peta, pd, hasil: Pratinjau) -> None:
    ada = {(p.unit_id, p.tahun): p for p in Penduduk.objects.filter(unit__pd=pd)}
    dilihat: dict[tuple, int] = {}
    for b in data[PENDUDUK]:
        no = b["_baris"]
        u = _kelurahan(b, PENDUDUK, peta, hasil.galat, pd)
        v, g = cek.periksa_penduduk(b)
        _tambah_galat(hasil.galat, PENDUDUK, no, g)
        if u is None or g:
            continue
        kunci = (u.pk, v["tahun"])
        if kunci in dilihat:
            hasil.galat.append(
                GalatImpor(
                    PENDUDUK,
                    no,
                    "tahun",
                    f"Penduduk {u.nama} tahun {v['tahun']} sudah ada di baris {dilihat[kunci]}.",
                )
            )
            continue
        dilihat[kunci] = no
        lama = ada.get(kunci)
        sama = lama is not None and all(getattr(lama, k) == x for k, x in v.items())
        hasil.penduduk.append(
            BarisImpor(no, u, v, "baru" if lama is None else "sama" if sama else "ubah", lama)
        )


def _wajib_kelola(pengguna, pd: PerangkatDaerah) -> None:
    if not pelaku_wajib(pengguna).kelola_pd(pd.pk):
        raise PermissionDenied(TOLAK_UBAH)


def periksa_impor(*, pengguna, pd: PerangkatDaerah, data: Data) -> Pratinjau:
    """Every row checked against the PD's kelurahan and records; nothing is written."""
    _wajib_kelola(pengguna, pd)
    hasil = Pratinjau()
    _kolom_hilang(data, hasil.galat)
    peta = _peta_kelurahan(pd)
    _periksa_rt(data, peta, pd, hasil)
    _periksa_penduduk(data, peta, pd, hasil)
    hasil.galat.sort(key=lambda g: (g.lembar != RT, g.baris))
    return hasil


class ImporDitolak(ValidationError):
    """The file had errors; nothing was saved. ``pratinjau`` carries them."""

    def __init__(self, pratinjau: Pratinjau):
        super().__init__([g.pesan for g in pratinjau.galat])
        self.pratinjau = pratinjau


@transaction.atomic
def simpan_impor(*, pengguna, pd: PerangkatDaerah, data: Data, nama_berkas: str = "") -> Pratinjau:
    """Check again and save every row, or (``ImporDitolak``) none; one audit entry per record."""
    hasil = periksa_impor(pengguna=pengguna, pd=pd, data=data)
    if hasil.galat:
        raise ImporDitolak(hasil)
    alasan = f"Impor {nama_berkas}".strip()
    for b in hasil.rt:
        _simpan(b, RukunTetangga, "rt", pengguna, pd, alasan)
    for b in hasil.penduduk:
        _simpan(b, Penduduk, "penduduk", pengguna, pd, alasan)
    return hasil


def _simpan(b: BarisImpor, model, nama: str, pengguna, pd, alasan: str) -> None:
    if b.aksi == "sama":
        return
    if b.lama is None:
        obj = model.objects.create(unit=b.unit, **b.nilai)
        perubahan = {k: (None, x) for k, x in b.nilai.items() if x not in (None, "")}
        catat(
            aksi=f"wilayah.{nama}_tambah",
            objek=obj,
            pengguna=pengguna,
            perubahan=perubahan,
            alasan=alasan,
            pd=pd,
        )
        return
    obj = b.lama
    perubahan = {k: (getattr(obj, k), x) for k, x in b.nilai.items() if getattr(obj, k) != x}
    for k, (_, x) in perubahan.items():
        setattr(obj, k, x)
    obj.save(update_fields=list(perubahan))
    catat(
        aksi=f"wilayah.{nama}_ubah", objek=obj, pengguna=pengguna, perubahan=perubahan, alasan=alasan, pd=pd
    )


# --- the template -------------------------------------------------------------------------


def templat_impor(*, pengguna, pd: PerangkatDaerah) -> bytes:
    """A workbook with both sheets, filled with the PD's current records (re-importing it changes nothing).

    A population record without any figure (a source that could not give one) is left out: a row
    needs at least one figure to be imported."""
    _wajib_kelola(pengguna, pd)
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = RT
    ws.append(list(KOLOM[RT]))
    for r in (
        RukunTetangga.objects.filter(unit__pd=pd, aktif=True)
        .select_related("unit")
        .order_by("unit__urutan", "rw", "nomor")
    ):
        ws.append([r.unit.nama_pendek, r.rw, r.nomor, r.ketua, _koordinat(r.lintang), _koordinat(r.bujur)])
    wp = wb.create_sheet(PENDUDUK)
    wp.append(list(KOLOM[PENDUDUK]))
    tanpa_angka = Q(laki_laki=None, perempuan=None, jumlah=None)
    for p in (
        Penduduk.objects.filter(unit__pd=pd)
        .exclude(tanpa_angka)
        .select_related("unit")
        .order_by("unit__urutan", "tahun")
    ):
        wp.append(
            [
                p.unit.nama_pendek,
                p.tahun,
                p.laki_laki,
                p.perempuan,
                p.jumlah,
                p.sumber,
                p.tanggal.strftime("%d-%m-%Y") if p.tanggal else None,
            ]
        )
    for lembar in (ws, wp):
        for kolom in "ABCDEFG":
            lembar.column_dimensions[kolom].width = 16
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def _koordinat(d) -> str | None:
    return None if d is None else format(d.normalize(), "f").replace(".", ",")
