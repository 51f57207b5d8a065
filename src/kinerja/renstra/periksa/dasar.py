"""What every rule of the consistency checker shares.

A finding (``Temuan``): a stable code, a severity, where it is, the printed and expected
values and one sentence a planner can verify by hand. The loaded data (``DataPeriksa``): the
plan (tree, targets, pagu) and what its sources printed (``BarisCetak``), with each printed
table known by the regulation's identity (T-C.23 … T-C.28). Shared readings of printed rows,
and the registry every rule enters itself in (``aturan``, ``daftar_aturan``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from kinerja.core import angka
from kinerja.core.angka import format_rupiah
from kinerja.renstra import nomenklatur as nmk
from kinerja.renstra.models import (
    BarisCetak,
    Naskah,
    Nomenklatur,
    PlanNode,
    RenstraVersi,
)
from kinerja.renstra.selectors import Rencana, muat_rencana
from kinerja.wilayah.models import PerangkatDaerah

T = PlanNode.Tingkat
NOL = Decimal(0)
SERATUS = Decimal(100)


GALAT = "galat"
PERINGATAN = "peringatan"
INFO = "info"
URUTAN_TINGKAT = {GALAT: 0, PERINGATAN: 1, INFO: 2}
LABEL_TINGKAT = {GALAT: "Galat", PERINGATAN: "Peringatan", INFO: "Info"}


# A plain Indonesian name for every finding code, for the page's filter and table and the JSON.
NAMA_KODE = {
    "TOTAL_PEGAWAI": "Jumlah pegawai tidak sama dengan rinciannya",
    "TOTAL_ANGGARAN": "Jumlah belanja tidak sama dengan rinciannya",
    "TOTAL_PENDUDUK": "Jumlah penduduk tidak cocok",
    "TOTAL_LUAS": "Luas wilayah bukan jumlah luas kelurahan",
    "KEPADATAN": "Kepadatan penduduk salah hitung",
    "PAGU_INDUK": "Pagu bukan jumlah pagu di bawahnya",
    "SEL_KOSONG": "Sel pagu kosong padahal ada pagu di bawahnya",
    "AKHIR_RP": "Kondisi akhir (Rp) bukan jumlah pagu tahunan",
    "AKHIR_K": "Kondisi akhir (target) menyalahi aturannya",
    "RASIO_CAPAIAN": "Rasio capaian salah hitung",
    "RASIO_ANGGARAN": "Rasio realisasi anggaran salah hitung",
    "PERTUMBUHAN": "Rata-rata pertumbuhan salah hitung",
    "TARGET_BEDA": "Target berbeda antartabel",
    "UKURAN_BEDA": "Ukuran yang sama dengan target berbeda",
    "AWAL_BEDA": "Kondisi awal berbeda",
    "LABEL_SKALA": "Predikat tidak sesuai skala nilainya",
    "LAJU_PAGU": "Pagu menyalahi laju kenaikan rencana",
    "BARIS_GANDA": "Baris yang sama tercetak lebih dari sekali",
    "BARIS_KOSONG": "Indikator tanpa target dan pagu",
    "LOKASI_KOSONG": "Lokasi tidak tercetak",
    "SEL_TAK_TERBACA": "Sel tidak terbaca",
    "SEL_TERBELAH": "Angka terbelah menjadi dua sel",
    "ANGKA_TERPOTONG": "Angka kehilangan digit terakhir",
    "BARIS_HILANG": "Baris induk tidak tercetak",
    "NAMA_KELURAHAN": "Nama kelurahan salah eja",
    "KECAMATAN_LAIN": "Menyebut kecamatan lain",
    "MISI_TIDAK_ADA": "Menyebut misi RPJMD yang tidak ada",
    "NAMA_BEDA": "Nama unsur berbeda antartabel",
    "INDIKATOR_MIRIP": "Indikator sama dengan ejaan berbeda",
    "NOMENKLATUR_KODE": "Kode tidak ada di nomenklatur",
    "NOMENKLATUR_LAMA": "Kode nomenklatur sudah diganti",
    "NOMENKLATUR_NAMA": "Nama berbeda dengan nomenklatur",
    "NOMENKLATUR_INDUK": "Tercetak di bawah induk yang salah",
    "PEMBULATAN": "Selisih pembulatan",
    "REALISASI_GANDA": "Satu ukuran dengan realisasi berbeda dalam setahun",
    "RT_KEREN_PAGU": "Alokasi RT Keren tidak sama dengan pagu kelurahan",
}


def nama_kode(code: str) -> str:
    return NAMA_KODE.get(code, code.replace("_", " ").capitalize())


# A difference this small between a printed total and its parts comes from rounding
# the parts for print; it is reported once per table, not row by row.
BATAS_PEMBULATAN = Decimal(5)


# --- table identities ----------------------------------------------------------------
# The Renstra tables of Permendagri 86/2017 (kab/kota numbering); chapter 2's tables on the
# area and the staff have no number there and are named by their subject.
TC23 = "T-C.23"  # Pencapaian Kinerja Pelayanan PD
TC24 = "T-C.24"  # Anggaran dan Realisasi Pendanaan Pelayanan PD
TC25 = "T-C.25"  # Tujuan dan Sasaran Jangka Menengah
TC26 = "T-C.26"  # Tujuan, Sasaran, Strategi dan Kebijakan
TC27 = "T-C.27"  # Rencana Program, Kegiatan dan Pendanaan (program/kegiatan/sub kegiatan, target, pagu)
TC28 = "T-C.28"  # Indikator Kinerja PD yang mengacu pada Tujuan dan Sasaran RPJMD
WILAYAH = "wilayah"  # luas, penduduk and kepadatan per kelurahan
PEGAWAI = "pegawai"  # pegawai per golongan, pendidikan, jabatan
NASKAH = "naskah"  # the document's running text
RENCANA = "rencana"  # the plan's own data, whatever its source
REALISASI = "realisasi"  # the realisations recorded in monitoring (rules registered by monev)
TABEL_CETAK = (WILAYAH, PEGAWAI, TC23, TC24, TC25, TC26, TC27, TC28)

# Each source's own numbering of its tables, by kind of source (a per-source table, as the
# model keeps none): the Sananwetan document numbers them by chapter, and a workbook exported
# from a plan keeps the number of the table it was exported from. A table without an identity
# (the document's sarana-prasarana list, its problem tables) is read only by the text rules.
PENOMORAN: dict[str, dict[str, str]] = {
    "teks": {
        "2.1": WILAYAH,
        "2.2": PEGAWAI,
        "2.3.1": TC23,
        "2.3.2": TC24,
        "4.1.1": TC25,
        "5.1.1": TC26,
        "6.1": TC27,
        "6.2": TC27,
        "7.1": TC28,
        "7.2": TC28,
    },
    "xlsx": {"6.1": TC27, "6.2": TC27},
}


def identitas_tabel(tabel: str, sumber: str = "teks") -> str:
    """The regulation's identity of a source's table ("6.2" of the document → "T-C.27"), or ""."""
    return PENOMORAN.get(sumber, {}).get(tabel, "")


@dataclass(kw_only=True)
class Temuan:
    code: str
    severity: str
    table: str
    row: str
    source_lines: list[int]
    printed: str
    expected: str
    message: str
    pd: str = ""
    versi: str = ""
    versi_id: int | None = None
    node_id: int | None = None
    # The values a finding is about, where it names them: indicators and years (so that reports
    # printing those values can mark them with the finding).
    indikator_ids: list[int] = field(default_factory=list)
    tahun: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        return nama_kode(self.code)

    def sebagai_dict(self) -> dict:
        return {**asdict(self), "name": self.name}


class Cetak:
    """A printed row as the rules read it: the model's fields plus cached readings."""

    __slots__ = ("pk", "id", "tabel", "urutan", "baris", "baris_lain", "tingkat", "node_id", "indikator_id",
                 "lokasi_id", "sel", "catatan", "identitas", "_tahun", "_pagu", "_semua")  # fmt: skip
    KOLOM = (
        "id",
        "tabel",
        "urutan",
        "baris",
        "baris_lain",
        "tingkat",
        "node_id",
        "indikator_id",
        "lokasi_id",
        "sel",
        "catatan",
        "sumber__jenis",
    )

    def __init__(self, baris: tuple):
        (self.id, self.tabel, self.urutan, self.baris, self.baris_lain, self.tingkat, self.node_id,
         self.indikator_id, self.lokasi_id, self.sel, self.catatan, jenis_sumber) = baris  # fmt: skip
        self.pk = self.id
        self.identitas = identitas_tabel(self.tabel, jenis_sumber)
        self._tahun = self._pagu = self._semua = None

    @property
    def semua_baris(self) -> list[int]:
        if self._semua is None:
            lain = [int(x) for x in self.baris_lain.split(";") if x.strip().isdigit()]
            self._semua = [self.baris, *lain]
        return self._semua


@dataclass
class DataPeriksa:
    rencana: Rencana
    cetak: list[Cetak]
    naskah: list[Naskah]
    nomenklatur: dict[str, Nomenklatur]
    nomenklatur_lama: dict[str, Nomenklatur]
    kecamatan_lain: list[str]
    kelurahan: list[str]
    cetak_tabel: dict[str, list[Cetak]] = field(default_factory=dict)
    pembulatan: _Pembulatan = field(default_factory=lambda: _Pembulatan())
    _teks: list | None = None

    _nomor: dict[str, list[str]] = field(default_factory=dict)
    _setahun: dict[str, bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.cetak_tabel = defaultdict(list)
        nomor = defaultdict(set)
        for b in self.cetak:
            self.cetak_tabel[b.tabel].append(b)
            if b.identitas:
                nomor[b.identitas].add(b.tabel)
        self._nomor = {k: sorted(v) for k, v in nomor.items()}

    def tabel(self, identitas: str) -> list[str]:
        """The source's own numbers of the tables that are this identity (T-C.27 → 6.1, 6.2)."""
        return self._nomor.get(identitas, [])

    def baris_tabel(self, identitas: str) -> list[Cetak]:
        """The printed rows of every table that is this identity, table by table."""
        return [b for t in self.tabel(identitas) for b in self.cetak_tabel[t]]

    def setahun(self, tabel: str) -> bool:
        """A T-C.27 table printed for one year (a 'tahun', 'target', 'anggaran' row) rather
        than as K and Rp per year."""
        if tabel not in self._setahun:
            self._setahun[tabel] = any("tahun" in b.sel for b in self.cetak_tabel.get(tabel, []))
        return self._setahun[tabel]

    @property
    def versi(self) -> RenstraVersi:
        return self.rencana.versi


def muat_data(versi: RenstraVersi | int) -> DataPeriksa:
    """Everything the rules need, in a fixed number of queries."""
    r = muat_rencana(versi)
    v = r.versi
    pd = v.pd
    kode_bidang = pd.kode_bidang
    kode = {nmk.kode_nasional(n.kode, kode_bidang) for n in r.node if n.kode}
    kode |= {nmk.kode_induk(k) for k in kode}
    entri = Nomenklatur.objects.filter(
        revisi=nmk.REVISI, jenis_pemda=pd.pemda.jenis_pemda, kode__in=kode
    ).only("kode", "nama", "tingkat", "kode_induk")
    lama = {}
    for e in Nomenklatur.objects.filter(revisi=nmk.REVISI, jenis_pemda=pd.pemda.jenis_pemda).exclude(
        kode_sebelumnya=""
    ):
        kode_lama = e.kode_sebelumnya.split(" ", 1)[0]
        lama[kode_lama] = e
    kelurahan = [u.nama_pendek for u in r.lokasi if u.jenis != u.Jenis.KANTOR]
    cetak = [
        Cetak(b)
        for b in BarisCetak.objects.filter(sumber__versi=v)
        .order_by("sumber_id", "tabel", "urutan")
        .values_list(*Cetak.KOLOM)
    ]
    from kinerja.renstra.periksa.skema import urut_sel  # the schema module reads this one

    for b in cetak:
        b.sel = urut_sel(b.identitas, b.sel)
    naskah = list(v.naskah_set.order_by("kunci", "urutan"))
    return DataPeriksa(
        rencana=r,
        cetak=cetak,
        naskah=naskah,
        nomenklatur={e.kode: e for e in entri},
        nomenklatur_lama=lama,
        kecamatan_lain=_kecamatan_lain(pd),
        kelurahan=kelurahan,
    )


def _kecamatan_lain(pd: PerangkatDaerah) -> list[str]:
    """The pemda's other kecamatan, for a PD that is a kecamatan. A PD that is not one (a dinas,
    a badan) serves every kecamatan, so none is another's: the list is empty."""
    if not pd.kecamatan_id:
        return []
    sendiri = pd.kecamatan.nama.casefold()
    return [k for k in pd.pemda.kecamatan_set.values_list("nama", flat=True) if k.casefold() != sendiri]


def sebutan_wilayah(pd: PerangkatDaerah) -> str:
    """How the checker's own labels name the PD's area: "kecamatan" for a kecamatan, the pemda's
    name for a PD that serves the whole pemda ("Luas wilayah Kota Probolinggo")."""
    return "kecamatan" if pd.kecamatan_id else pd.pemda.nama


def _nama_node(n: PlanNode) -> str:
    kepala = f"{n.get_tingkat_display()} {n.kode}".strip()
    return f"{kepala} {n.nama}"


def _baris_label(b: BarisCetak, r: Rencana, tambahan: str = "") -> str:
    bagian = []
    if b.node_id and b.node_id in r.node_id:
        bagian.append(_nama_node(r.node_id[b.node_id]))
    if b.lokasi_id:
        bagian.append(r.unit[b.lokasi_id].nama_pendek)
    if tambahan:
        bagian.append(tambahan)
    return " · ".join(bagian) or f"baris {b.baris}"


def _rp(teks: str | None) -> angka.Nilai:
    return angka.baca(teks or "", bulat=True)


def _tahun_cetak(b: Cetak) -> dict[int, tuple[str, str]]:
    """Year → (printed K, printed Rp) of a T-C.27 row, whatever its table's layout."""
    if b._tahun is None:
        b._tahun = _baca_tahun_cetak(b)
    return b._tahun


def _baca_tahun_cetak(b: Cetak) -> dict[int, tuple[str, str]]:
    hasil = {}
    if "tahun" in b.sel:
        tahun = int(b.sel.get("tahun", 0) or 0)
        if tahun:
            hasil[tahun] = (b.sel.get("target", ""), b.sel.get("anggaran", ""))
        return hasil
    for k in b.sel:
        m = re.fullmatch(r"[kr]p?_(\d{4})", k)
        if m:
            y = int(m.group(1))
            hasil[y] = (b.sel.get(f"k_{y}", ""), b.sel.get(f"rp_{y}", ""))
    return dict(sorted(hasil.items()))


def _baris_pagu(b: Cetak) -> dict[int, angka.Nilai]:
    if b._pagu is None:
        b._pagu = {y: _rp(rp) for y, (_, rp) in _tahun_cetak(b).items()}
    return b._pagu


def _tabel_rencana(d: DataPeriksa) -> list[str]:
    """The tables that print the plan (T-C.27), by the source's own numbers."""
    return d.tabel(TC27)


def _selisih(a: Decimal, b: Decimal) -> str:
    return format_rupiah(abs(a - b))


class _Pembulatan:
    """Collects totals off by a few rupiah, reported once per table."""

    def __init__(self):
        self.baris: dict[str, list[int]] = defaultdict(list)
        self.maks: dict[str, Decimal] = defaultdict(lambda: NOL)

    def tambah(self, tabel: str, baris: int, selisih: Decimal) -> None:
        self.baris[tabel].append(baris)
        self.maks[tabel] = max(self.maks[tabel], abs(selisih))

    def temuan(self) -> Iterator[Temuan]:
        for tabel, daftar in self.baris.items():
            yield Temuan(
                code="PEMBULATAN",
                severity=INFO,
                table=tabel,
                row=f"{len(set(daftar))} baris",
                source_lines=sorted(set(daftar)),
                printed="",
                expected="",
                message=f"Di {len(set(daftar))} baris, jumlah atau total yang tercetak berbeda paling banyak "
                f"Rp{format_rupiah(self.maks[tabel])} dari jumlah rinciannya: selisih pembulatan, bukan salah hitung.",
            )


def _sama(a: angka.Nilai, b: angka.Nilai) -> bool:
    """Two printed values say the same thing (number and label, whatever the notation)."""
    if a.jenis in (angka.KOSONG, angka.STRIP) and b.jenis in (angka.KOSONG, angka.STRIP):
        return True
    if a.angka is not None and b.angka is not None:
        if a.angka != b.angka:
            return False
        return (a.label or "").casefold() == (b.label or "").casefold() or not a.label or not b.label
    if a.label and b.label and a.angka is None and b.angka is None:
        return a.label.casefold() == b.label.casefold()
    return " ".join(a.teks.split()).casefold() == " ".join(b.teks.split()).casefold()


def _gabung(teks: str) -> str:
    m = re.fullmatch(r"(\d+) (\d+)", teks or "")
    return m.group(1) + m.group(2) if m else teks


# --- the registry ----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Aturan:
    """One rule: the codes of its findings, a plain name, its severities and the tables it reads."""

    fungsi: Callable[[DataPeriksa], Iterable[Temuan]]
    kode: tuple[str, ...]
    nama: str
    tingkat: tuple[str, ...]
    tabel: tuple[str, ...]
    # run after every other rule (it reports what the others collected)
    terakhir: bool = False

    @property
    def id(self) -> str:
        return self.fungsi.__name__

    @property
    def keluarga(self) -> str:
        return self.fungsi.__module__.rsplit(".", 1)[-1]


# keyed by the rule's qualified name, so that a module imported twice registers its rules once
_TERDAFTAR: dict[str, Aturan] = {}


def aturan(
    *,
    kode: tuple[str, ...],
    nama: str,
    tingkat: tuple[str, ...],
    tabel: tuple[str, ...],
    terakhir: bool = False,
) -> Callable:
    """Register a rule (see ``daftar_aturan`` for the order rules run in)."""

    def daftar(
        fungsi: Callable[[DataPeriksa], Iterable[Temuan]],
    ) -> Callable[[DataPeriksa], Iterable[Temuan]]:
        _TERDAFTAR[f"{fungsi.__module__}.{fungsi.__name__}"] = Aturan(
            fungsi=fungsi, kode=kode, nama=nama, tingkat=tingkat, tabel=tabel, terakhir=terakhir
        )
        return fungsi

    return daftar


# The families in the order they run; within a family, rules run in the order they are defined.
# "pemeriksa_realisasi" is monev's module of rules over realisations (it registers itself here).
URUTAN_KELUARGA = (
    "jumlah",
    "turunan",
    "antartabel",
    "skala",
    "laju",
    "baris",
    "nama",
    "nomenklatur",
    "pemeriksa_realisasi",
    "pemeriksa_alokasi",
)


def daftar_aturan() -> list[Aturan]:
    """Every registered rule in the order it runs (a stable order, whatever imported what first)."""
    urutan = {k: i for i, k in enumerate(URUTAN_KELUARGA)}
    return sorted(
        _TERDAFTAR.values(),
        key=lambda a: (a.terakhir, urutan.get(a.keluarga, len(urutan))),
    )
