"""Reading realisations with the plan: one ``Evaluasi`` per version, year and quarter.

E.81, the entry page, the LKjIP tables and ``kinerja capaian`` all read the same rows:
each indicator × lokasi row of the year with its target, its quarters, the year's
realisation, capaian and predikat, and the budget beside it. Everything is fetched in
a fixed number of queries and computed in memory.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from django.db.models import Q

from kinerja.core import angka
from kinerja.core.kueri_tetap import KueriTetap
from kinerja.core.pengumpul import tanpa_pengumpul
from kinerja.core.replika import kursor_baca
from kinerja.monev import capaian as cp
from kinerja.monev import verifikasi as vf
from kinerja.monev.anggaran import DasarAnggaran, dasar_anggaran, renja_ditetapkan
from kinerja.monev.models import AturanIsian, Laporan, PersetujuanPD, Realisasi, TargetTriwulan
from kinerja.monev.otomatis import realisasi_dihitung
from kinerja.renstra.models import PlanNode, RenstraVersi
from kinerja.renstra.selectors import (
    SQL_ID_VERSI,
    IndikatorData,
    NilaiData,
    NodeData,
    Rencana,
    desimal,
    muat_rencana,
    peta_asal,
    target_per_asal,
)
from kinerja.renstra.tabel_dokumen import baris_rencana
from kinerja.wilayah.models import Unit

T = PlanNode.Tingkat
NOL = Decimal(0)
_TIADA = object()  # "not worked out yet" in a memo whose values may be None
NAMA_TRIWULAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_TANPA_NILAI = (angka.KOSONG, "")


class RealData(NamedTuple):
    id: int
    indikator_id: int
    lokasi_id: int | None
    tahun: int
    triwulan: int
    teks: str
    jenis: str
    nilai: Decimal | None
    label: str
    sumber: str
    revisi: int
    faktor_pendorong: str
    faktor_penghambat: str
    tindak_lanjut: str
    tautan_bukti: str
    bukti: str
    penjelasan: str = ""  # the operator's explanation of an unusual value
    peringatan: str = ""  # why the value was flagged to the verifier ("" = not flagged)
    keterangan: str = ""  # for computed realisations: where the value comes from
    tindak_lanjut_renja: str = ""  # E.81: follow-up needed in next year's Renja


class AnggaranData(NamedTuple):
    id: int
    node_id: int
    lokasi_id: int | None
    tahun: int
    triwulan: int
    jumlah: Decimal
    sumber: str
    revisi: int


_SQL_REALISASI = """
    SELECT r.id, r.indikator_id, r.lokasi_id, r.tahun, r.triwulan, r.teks, r.jenis, r.nilai, r.label,
           r.sumber, r.revisi, r.faktor_pendorong, r.faktor_penghambat, r.tindak_lanjut, r.tautan_bukti, r.bukti,
           r.penjelasan, r.peringatan, '', r.tindak_lanjut_renja
    FROM monev_realisasi r
    WHERE {syarat} AND r.tahun BETWEEN %s AND %s
"""
_SQL_ANGGARAN = """
    SELECT a.id, a.node_id, a.lokasi_id, a.tahun, a.triwulan, a.jumlah, a.sumber, a.revisi
    FROM monev_realisasianggaran a
    WHERE {syarat} AND a.tahun BETWEEN %s AND %s
"""


def _baca_per_versi(
    jenis: str,
    sql: str,
    kolom: str,
    buat,
    posisi_desimal: int,
    versi_id: int,
    tahun_awal: int,
    tahun_akhir: int,
) -> dict[tuple, tuple]:
    """Rows of a version's elements (``jenis``: indikator or node) and of the rows they were copied
    from, keyed by (element id in this version, lokasi id, year, quarter). A row of the version
    itself wins over one of an earlier copy."""
    hasil: dict[tuple, tuple] = {}
    asal = peta_asal(jenis, versi_id)
    i = posisi_desimal
    with kursor_baca(Realisasi) as c:
        if asal:
            ids = list(asal)
            c.execute(
                sql.format(syarat=f"{kolom} IN ({','.join(['%s'] * len(ids))})"),
                [*ids, tahun_awal, tahun_akhir],
            )
            for r in c.fetchall():
                if type(r[i]) is float:
                    r = (*r[:i], desimal(r[i]), *r[i + 1 :])
                hasil[(asal[r[1]], r[2], r[3], r[4])] = buat(r)
        c.execute(
            sql.format(syarat=f"{kolom} IN ({SQL_ID_VERSI[jenis]})"), [versi_id, tahun_awal, tahun_akhir]
        )
        for r in c.fetchall():
            if type(r[i]) is float:  # only SQLite's fractions need rewriting (``desimal``)
                r = (*r[:i], desimal(r[i]), *r[i + 1 :])
            hasil[(r[1], r[2], r[3], r[4])] = buat(r)
    return hasil


def baca_realisasi(versi_id: int, tahun_awal: int, tahun_akhir: int) -> dict[tuple, RealData]:
    """Realisations of a version's indicators (and of the rows they were copied from).

    Key: (indikator id in this version, lokasi id, year, quarter).
    """
    return _baca_per_versi(
        "indikator", _SQL_REALISASI, "r.indikator_id", RealData._make, 7, versi_id, tahun_awal, tahun_akhir
    )


def baca_anggaran(versi_id: int, tahun_awal: int, tahun_akhir: int) -> dict[tuple, AnggaranData]:
    """Budget realisations of a version's sub kegiatan: (node id, lokasi id, year, quarter) → row."""
    return _baca_per_versi(
        "node", _SQL_ANGGARAN, "a.node_id", AnggaranData._make, 5, versi_id, tahun_awal, tahun_akhir
    )


# --- values ------------------------------------------------------------------------------


def angka_nilai(n: NilaiData | RealData | None) -> Decimal | None:
    if n is None or n.nilai is None:
        return None
    return n.nilai if isinstance(n.nilai, Decimal) else Decimal(n.nilai)


_BERLABEL = (angka.LABEL, angka.TEKS)


def _label(n) -> str:
    if n is None:
        return ""
    return n.label or (n.teks if n.jenis in _BERLABEL else "")


def capaian_nilai(
    ind: IndikatorData, target, realisasi_angka: Decimal | None, realisasi_label: str
) -> cp.Capaian:
    """Capaian of a row: numeric when both sides have numbers, else on the label scale."""
    t_angka = angka_nilai(target)
    if realisasi_angka is not None and t_angka is not None:
        return cp.hitung(arah=ind.arah, target=t_angka, realisasi=realisasi_angka)
    if realisasi_angka is None and not realisasi_label:
        return cp.hitung(arah=ind.arah, target=t_angka, realisasi=None)
    if target is None:
        return cp.hitung(arah=ind.arah, target=None, realisasi=realisasi_angka or NOL)
    return cp.hitung_label(
        skala=ind.skala,
        target=_label(target) or target.teks,
        realisasi=realisasi_label or angka.format_angka(realisasi_angka),
    )


# --- the rows ------------------------------------------------------------------------------


def _diisi(bawaan=None):
    """A row field set after the row is made (by ``_Penghitung`` and ``TandaBaris``): not an argument of
    the constructor, and read from the class until it is set."""
    return field(default=bawaan, init=False)


# The columns only some reports print, worked out when a row is first asked for one of them (E.81,
# E.80, LKjIP, the entry page): the capaian page and the roll-ups over a kota never read them.
# Group → its fields and their value on a row that has none.
_KOLOM_RENSTRA = {"target_akhir": None, "lalu": None, "sd_kini": None, "capaian_renstra": None}
_KOLOM_ANGGARAN = {
    "rp_akhir": None,
    "rp_lalu": None,
    "rp_target": None,
    "rp_pagu": None,
    "rp_dasar": (),
    "rp_tw": (),
    "rp_realisasi": None,
    "rp_sd_kini": None,
    "rp_capaian": None,
    "rp_capaian_renstra": None,
}
_KOLOM_TANDA = {"nilai_status": frozenset(), "ada_bagian": frozenset(), "status_laporan": None}


@dataclass(eq=False)
class BarisEvaluasi:
    node: NodeData
    ind: IndikatorData | None
    lokasi_id: int | None
    unit_id: int | None  # the unit that reports this row
    pertama_node: bool
    pertama_lokasi: bool
    target: NilaiData | None = _diisi()
    target_renja: NilaiData | None = _diisi()
    dari_renja: bool = _diisi(False)  # an adopted Renja of the year exists: column 7 is the Renja's, K and Rp
    tw: list[RealData | None] = _diisi(())  # quarters 1–4
    realisasi: Decimal | None = _diisi()
    realisasi_label: str = _diisi("")
    capaian: cp.Capaian | None = _diisi()
    # Budget: on the first row of a node (and of each lokasi for sub kegiatan).
    ada_rp: bool = _diisi(False)
    _hitung: _Penghitung | None = _diisi()  # works out the columns below when first read
    if TYPE_CHECKING:
        target_akhir: NilaiData | None  # E.81 column 5
        lalu: Decimal | None  # column 6
        sd_kini: Decimal | None  # column 13
        capaian_renstra: cp.Capaian | None  # column 14
        rp_akhir: Decimal | None
        rp_lalu: Decimal | None
        rp_target: Decimal | None  # column 7 Rp: the year's anggaran (``monev.anggaran``)
        rp_pagu: Decimal | None  # the Renstra's pagu indikatif of the year, for reference
        rp_dasar: tuple[str, ...]  # the bases column 7 Rp is made of (``monev.anggaran.URUTAN``)
        rp_tw: list[Decimal | None]
        rp_realisasi: Decimal | None
        rp_sd_kini: Decimal | None
        rp_capaian: Decimal | None
        rp_capaian_renstra: Decimal | None
        # Verification: (unit id, year, quarter, status, "kinerja"/"anggaran") of every value the
        # row is made of; which parts hold a value of this year; its unit's report status.
        nilai_status: frozenset
        ada_bagian: frozenset
        status_laporan: str | None

    def __getattr__(self, nama: str):
        # Only called for a field not set yet: its whole group is worked out (or given its empty values).
        if nama in _KOLOM_RENSTRA:
            self._isi_renstra()
        elif nama in _KOLOM_ANGGARAN:
            self._isi_anggaran()
        elif nama in _KOLOM_TANDA:
            self._isi_tanda()
        else:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {nama!r}")
        return self.__dict__[nama]

    def _isi_renstra(self) -> None:
        self.__dict__.update(_KOLOM_RENSTRA)
        if self._hitung and self.ind is not None:
            self._hitung.isi_renstra(self)

    def _isi_anggaran(self) -> None:
        self.__dict__.update(_KOLOM_ANGGARAN)
        if self._hitung and self.ada_rp:
            self._hitung.isi_anggaran(self)

    def _isi_tanda(self) -> None:
        self.__dict__.update(_KOLOM_TANDA)
        if self._hitung:
            self._hitung.tanda.isi(self)

    def lengkapi(self) -> None:
        """Every column group worked out now, for a report that prints them all (no group twice)."""
        d = self.__dict__
        if "target_akhir" not in d:
            self._isi_renstra()
        if "rp_akhir" not in d:
            self._isi_anggaran()
        if "nilai_status" not in d:
            self._isi_tanda()

    @property
    def target_tahun(self) -> NilaiData | None:
        """Column 7 K: the adopted Renja's target when the year has one, else the Renstra's."""
        return self.target_renja if self.dari_renja else self.target

    @property
    def predikat(self) -> cp.Predikat | None:
        return self.capaian.predikat if self.capaian else None

    @property
    def dihitung(self) -> RealData | None:
        """For a realisation computed from records (not typed): the latest quarter's value, which
        says where it comes from and links to the records; None for a typed row."""
        if self.ind is None or self.ind.sumber_data == "manual":
            return None
        return next((d for d in reversed(self.tw) if d is not None), None)

    @property
    def verifikasi(self) -> vf.StatusBaris:
        """The row's verification over all its values (performance and budget)."""
        return vf.status_baris(self)

    @property
    def verifikasi_kinerja(self) -> vf.StatusBaris:
        """The row's verification over its performance values only (tables without a budget)."""
        return vf.status_baris(self, (vf.KINERJA,))


def batas_laporan(tahun: int, triwulan: int, batas_hari: int) -> dt.date:
    """The last day a quarter's report may be filled: quarter end + the pemda's days."""
    bulan_akhir = 3 * triwulan
    akhir = (
        dt.date(tahun, bulan_akhir + 1, 1) - dt.timedelta(days=1)
        if bulan_akhir < 12
        else dt.date(tahun, 12, 31)
    )
    return akhir + dt.timedelta(days=batas_hari)


@dataclass
class Evaluasi:
    r: Rencana
    tahun: int
    triwulan: int
    baris: list[BarisEvaluasi]
    realisasi: dict[tuple, RealData]
    anggaran: dict[tuple, AnggaranData]
    renja: RenstraVersi | None
    kantor_id: int | None
    laporan: dict[tuple[int, int], Laporan]  # (unit id, quarter) → report of this year
    status: vf.StatusLaporan  # every report of the PD up to this year
    hanya_terverifikasi: bool = False  # unverified values were left out of every figure
    dasar_rp: DasarAnggaran | None = None  # the year's anggaran per sub kegiatan × lokasi, and its basis

    @property
    def dasar(self) -> str:
        """Which figure the reports call anggaran this year, as printed under them."""
        return self.dasar_rp.teks if self.dasar_rp is not None else ""

    @property
    def versi(self) -> RenstraVersi:
        return self.r.versi

    @property
    def pd(self):
        return self.r.versi.pd

    def unit_pelapor(self) -> list[Unit]:
        ids = {b.unit_id for b in self.baris if b.unit_id is not None and b.ind is not None}
        ids |= {
            b.unit_id
            for b in self.baris
            if b.unit_id is not None and b.ada_rp and b.node.tingkat == T.SUB_KEGIATAN
        }
        return [u for u in self.r.unit.values() if u.pk in ids]

    @cached_property
    def baris_indikator(self) -> list[BarisEvaluasi]:
        return [b for b in self.baris if b.ind is not None and b.target is not None]

    def rata_capaian(self, baris: list[BarisEvaluasi] | None = None) -> Decimal | None:
        daftar = self.baris_indikator if baris is None else baris
        return cp.rata_rata(b.capaian.nilai for b in daftar if b.capaian)

    def rata_serapan(self) -> Decimal | None:
        # Absorption of the whole PD's budget: the sum of sub kegiatan realisations over their anggaran.
        pagu = real = None
        for b in self.baris:
            if b.ada_rp and b.node.tingkat == T.SUB_KEGIATAN and b.rp_target is not None:
                pagu = (pagu or NOL) + b.rp_target
                real = (real or NOL) + (b.rp_realisasi or NOL)
        return cp.serapan(real, pagu)

    @cached_property
    def _per_node(self) -> dict[int, list[BarisEvaluasi]]:
        hasil = defaultdict(list)
        for b in self.baris_indikator:
            hasil[b.node.pk].append(b)
        return hasil

    @cached_property
    def target_aksi(self) -> dict[tuple[int, int | None], Decimal]:
        """Rencana aksi: the cumulative target of each indicator row up to this report's quarter
        (empty for the whole year, whose target is the year's own). One query, when asked."""
        if self.triwulan >= 4:
            return {}
        return target_triwulan(self.versi.pk, self.tahun, self.triwulan)

    @cached_property
    def _bawah(self) -> dict[int, tuple[bool, list[Decimal | None]]]:
        return {}

    def _capaian_bawah(self, node_id: int) -> tuple[bool, list[Decimal | None]]:
        """Whether a node or anything below it has indicator rows, and their capaian in the order of the
        plan (the node's own rows, then each child's in turn); worked out once per node."""
        hasil = self._bawah.get(node_id)
        if hasil is None:
            sendiri = self._per_node.get(node_id, ())
            ada, daftar = bool(sendiri), [b.capaian.nilai for b in sendiri if b.capaian]
            for a in self.r.anak.get(node_id, ()):
                ada_bawah, bawah = self._capaian_bawah(a.pk)
                ada = ada or ada_bawah
                daftar += bawah
            hasil = self._bawah[node_id] = (ada, daftar)
        return hasil

    def rollup(self, node: NodeData) -> Decimal | None:
        """Mean capaian of the indicator rows of a node and everything below it."""
        ada, nilai = self._capaian_bawah(node.pk)
        return cp.rata_rata(nilai) if ada else None

    @cached_property
    def _per_unit(self) -> dict[int | None, list[BarisEvaluasi]]:
        hasil = defaultdict(list)
        for b in self.baris_indikator:
            hasil[b.unit_id].append(b)
        return hasil

    def per_unit(self) -> list[tuple[Unit, int, int, Decimal | None]]:
        """(unit, rows, rows filled, mean capaian) for each reporting unit."""
        hasil = []
        for u in self.unit_pelapor():
            daftar = self._per_unit.get(u.pk, [])
            terisi = sum(1 for b in daftar if b.realisasi is not None or b.realisasi_label)
            hasil.append((u, len(daftar), terisi, self.rata_capaian(daftar)))
        return hasil

    def faktor(self, kolom: str, baris: list[BarisEvaluasi] | None = None) -> list[tuple[str, str, str]]:
        """The explanations units gave this year (up to the quarter): (unit name, text, status).

        Texts of a returned quarter never appear: the verifier sent them back for correction.
        """
        return self.faktor_kolom((kolom,), baris)[kolom]

    def faktor_kolom(
        self, kolom: tuple[str, ...], baris: list[BarisEvaluasi] | None = None
    ) -> dict[str, list[tuple[str, str, str]]]:
        """``faktor`` of several columns (E.81's four footer rows), read in one pass over the rows."""
        lihat: dict[str, set] = {k: set() for k in kolom}
        hasil: dict[str, list] = {k: [] for k in kolom}
        nama_unit = {}
        ambil = attrgetter(*kolom) if len(kolom) > 1 else lambda d: (getattr(d, kolom[0]),)
        # A unit repeats its texts over many rows: texts of a unit already taken in full are skipped at once.
        selesai: set[tuple] = set()
        for b in self.baris if baris is None else baris:
            for d in b.tw:
                if d is None:
                    continue
                mentah = (b.unit_id, ambil(d))
                if mentah in selesai:
                    continue
                status = None
                for k, teks in zip(kolom, mentah[1], strict=True):
                    if not teks or not (teks := teks.strip()) or (b.unit_id, teks) in lihat[k]:
                        continue
                    if status is None:
                        status = self.status.nilai(d.lokasi_id, d.tahun, d.triwulan, d.sumber)
                    if status == vf.S.DIKEMBALIKAN:
                        break
                    lihat[k].add((b.unit_id, teks))
                    nama = nama_unit.get(b.unit_id)
                    if nama is None:
                        unit = self.r.unit.get(b.unit_id)
                        nama = nama_unit[b.unit_id] = unit.nama_pendek if unit is not None else ""
                    hasil[k].append((nama, teks, status))
                else:
                    selesai.add(mentah)
        return hasil

    def status_laporan(self, unit_id: int, triwulan: int) -> str:
        return self.status.laporan(unit_id, self.tahun, triwulan)

    def unit_terverifikasi(self, unit_id: int | None = None) -> tuple[int, int]:
        """(units whose report of this quarter is verified, reporting units) — of one unit if given."""
        unit = [u.pk for u in self.unit_pelapor() if unit_id is None or u.pk == unit_id]
        sudah = sum(1 for u in unit if self.status_laporan(u, self.triwulan) == vf.S.DIVERIFIKASI)
        return sudah, len(unit)

    def kalimat_verifikasi(self, unit_id: int | None = None) -> str:
        """The report's header line on verification, e.g. "5 dari 8 unit terverifikasi untuk triwulan IV"."""
        tw = NAMA_TRIWULAN[self.triwulan]
        if unit_id is not None:
            st = self.status_laporan(unit_id, self.triwulan)
            nama = self.r.unit[unit_id].nama if unit_id in self.r.unit else ""
            kalimat = f"Laporan triwulan {tw} {nama}: {vf.KODE[st]}"
            kalimat += "" if st == vf.S.DIVERIFIKASI else " (belum terverifikasi)"
        else:
            sudah, semua = self.unit_terverifikasi()
            kalimat = f"{sudah} dari {semua} unit terverifikasi untuk triwulan {tw}"
        if self.hanya_terverifikasi:
            kalimat += "; hanya realisasi yang terverifikasi yang dihitung"
        setuju = self.kalimat_persetujuan
        return kalimat + (f". {setuju}" if setuju else "")

    @cached_property
    def kalimat_persetujuan(self) -> str:
        """Bappeda's approval of this PD quarter, where the pemda approves in two levels ("" otherwise);
        read once (one query) when a report asks for it."""
        if not dua_tingkat(self.pd):
            return ""
        return kalimat_persetujuan(baca_persetujuan(self.pd, self.tahun, self.triwulan))


# --- the second approval level (Bappeda), read for every report --------------------------------

_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")  # fmt: skip


def tanggal_panjang(w: dt.datetime | dt.date | None) -> str:
    """ "3 Desember 2026" (local time)."""
    if w is None:
        return ""
    if isinstance(w, dt.datetime):
        from django.utils import timezone

        w = timezone.localtime(w).date()
    return f"{w.day} {_BULAN[w.month - 1]} {w.year}"


def dua_tingkat(pd) -> bool:
    """Whether the PD's pemda approves its quarters in two levels (Bappeda after the PD)."""
    return pd.pemda.tingkat_persetujuan == 2


# ``first()``: the model's ordering, one row.
_PERSETUJUAN = KueriTetap(
    lambda pd_id, tahun, triwulan: PersetujuanPD.objects.filter(
        pd_id=pd_id, tahun=tahun, triwulan=triwulan
    ).select_related("diperiksa_oleh")[:1]
)


def baca_persetujuan(pd, tahun: int, triwulan: int) -> PersetujuanPD | None:
    return _PERSETUJUAN.pertama(pd.pk, tahun, triwulan)


def persetujuan_tahun(pd, tahun: list[int], triwulan: int) -> dict[int, PersetujuanPD]:
    """Bappeda's approval of one quarter of several years (one query)."""
    qs = PersetujuanPD.objects.filter(pd=pd, tahun__in=tahun, triwulan=triwulan).select_related(
        "diperiksa_oleh"
    )
    return {p.tahun: p for p in qs}


def persetujuan_triwulan(pd, tahun: int) -> dict[int, PersetujuanPD]:
    """Bappeda's approval of every quarter of a year (one query)."""
    return {p.triwulan: p for p in PersetujuanPD.objects.filter(pd=pd, tahun=tahun)}


def status_persetujuan_singkat(p: PersetujuanPD | None) -> str:
    """The approval in a few words, for a multi-year header: only ``disetujui`` reads as final."""
    if p is None:
        return "belum diajukan ke Bappeda"
    if p.status == PersetujuanPD.Status.DISETUJUI:
        return f"disetujui Bappeda {tanggal_panjang(p.diperiksa_pada)}"
    if p.status == PersetujuanPD.Status.DIKEMBALIKAN:
        return "dikembalikan Bappeda"
    return "menunggu persetujuan Bappeda"


def kalimat_persetujuan(p: PersetujuanPD | None) -> str:
    """What a report says of Bappeda's approval: only ``disetujui`` reads as final."""
    if p is None:
        return "Belum diajukan ke Bappeda: belum final"
    if p.status == PersetujuanPD.Status.DISETUJUI:
        oleh = p.diperiksa_oleh
        nama = f" oleh {oleh.get_full_name() or oleh.username}" if oleh else ""
        return f"Disetujui Bappeda {tanggal_panjang(p.diperiksa_pada)}{nama}"
    if p.status == PersetujuanPD.Status.DIKEMBALIKAN:
        return f"Dikembalikan Bappeda: {p.catatan or '(tanpa catatan)'} — belum final"
    return "Menunggu persetujuan Bappeda: belum final"


def target_triwulan(versi_id: int, tahun: int, triwulan: int | None = None) -> dict:
    """Quarterly cumulative targets (rencana aksi) of a version's indicators in a year.

    With ``triwulan``: (indikator id, lokasi id) → value of that quarter; without it:
    (indikator id, lokasi id, quarter) → value of every quarter.
    """
    rows = TargetTriwulan.objects.filter(indikator__node__versi_id=versi_id, tahun=tahun)
    if triwulan is not None:
        rows = rows.filter(triwulan=triwulan)
        return {(i, lok): n for i, lok, n in rows.values_list("indikator_id", "lokasi_id", "nilai")}
    return {
        (i, lok, q): n for i, lok, q, n in rows.values_list("indikator_id", "lokasi_id", "triwulan", "nilai")
    }


def renja_tahun(versi: RenstraVersi, tahun: int) -> RenstraVersi | None:
    """The Renja of the year made from this version: enacted first, then final, then the newest.

    For the Renja page only; evaluations read the adopted one (``renja_ditetapkan``)."""
    semua = list(
        RenstraVersi.objects.filter(asal=versi, jenis=RenstraVersi.Jenis.RENJA, tahun_mulai=tahun).order_by(
            "-id"
        )
    )
    for status in (RenstraVersi.Status.DITETAPKAN, RenstraVersi.Status.FINAL, RenstraVersi.Status.DRAFT):
        for v in semua:
            if v.status == status:
                return v
    return None


@tanpa_pengumpul()
def muat_evaluasi(
    versi: RenstraVersi | int | Rencana,
    tahun: int,
    triwulan: int = 4,
    *,
    r: Rencana | None = None,
    hanya_terverifikasi: bool = False,
) -> Evaluasi:
    """The evaluation of a version's year up to a quarter (4 = the whole year).

    ``hanya_terverifikasi`` leaves every value of a report that is not verified out of the
    rows, averages and footers; the rows still say which of their values were left out.
    """
    if isinstance(versi, Rencana):
        r = versi
    elif r is None:
        r = muat_rencana(versi)
    v = r.versi
    mulai = min(v.tahun_mulai, tahun)
    realisasi = baca_realisasi(v.pk, mulai, tahun)
    realisasi.update(realisasi_dihitung(r, mulai, tahun, RealData))
    anggaran = baca_anggaran(v.pk, mulai, tahun)
    renja = renja_ditetapkan(v, tahun)
    dasar = dasar_anggaran(r, tahun, renja=renja)
    kantor_id = next((u.pk for u in r.unit.values() if u.adalah_kantor and u.induk_id is None), None)
    semua_laporan = vf.baca_laporan(v.pd_id, tahun)
    status = vf.StatusLaporan({(x.unit_id, x.tahun, x.triwulan): x.status for x in semua_laporan}, kantor_id)
    semua = (realisasi, anggaran)
    if hanya_terverifikasi:
        realisasi = {k: d for k, d in realisasi.items() if status.terverifikasi(k[1], k[2], k[3], d.sumber)}
        anggaran = {k: a for k, a in anggaran.items() if status.terverifikasi(k[1], k[2], k[3], a.sumber)}
    hitung = _Penghitung(r, tahun, triwulan, realisasi, anggaran, dasar)
    # Statuses are read from every value, so that a row says what was left out.
    hitung.tanda_dari = (status, *semua)
    target_renja = target_per_asal(renja.pk) if renja is not None else {}
    baris: list[BarisEvaluasi] = []
    for br in baris_rencana(r, [tahun]):
        node, ind, lok = br.node, br.indikator, br.lokasi_id
        b = BarisEvaluasi(
            node=node,
            ind=ind,
            lokasi_id=lok,
            unit_id=lok
            if lok is not None
            else (kantor_id if node.tingkat == T.SUB_KEGIATAN or ind else None),
            pertama_node=br.pertama_node,
            pertama_lokasi=br.pertama_lokasi,
        )
        b._hitung = hitung
        b.ada_rp = br.pertama_lokasi
        if ind is not None:
            b.dari_renja = renja is not None
            b.target_renja = target_renja.get((ind.pk, lok, tahun))
            hitung.isi_kinerja(b)
        baris.append(b)
    return Evaluasi(
        r=r,
        tahun=tahun,
        triwulan=triwulan,
        baris=baris,
        realisasi=realisasi,
        anggaran=anggaran,
        renja=renja,
        kantor_id=kantor_id,
        laporan={(x.unit_id, x.triwulan): x for x in semua_laporan if x.tahun == tahun},
        status=status,
        hanya_terverifikasi=hanya_terverifikasi,
        dasar_rp=dasar,
    )


def pohon_unit(ev: Evaluasi, unit_id: int) -> list[dict]:
    """Capaian and budget up the plan tree from one reporting unit's rows only (a Lurah's view).

    A node is listed when the unit reports an indicator row or a budget at it or below it.
    """
    r = ev.r
    induk = {n.pk: n.induk_id for n in r.node}

    def naik(node_id):
        while node_id is not None:
            yield node_id
            node_id = induk.get(node_id)

    sendiri: dict[int, list[BarisEvaluasi]] = defaultdict(list)
    semua: dict[int, list[BarisEvaluasi]] = defaultdict(list)
    for b in ev.baris_indikator:
        if b.unit_id == unit_id:
            sendiri[b.node.pk].append(b)
            for n in naik(b.node.pk):
                semua[n].append(b)
    pagu: dict[int, Decimal] = {}
    real: dict[int, Decimal] = {}
    for b in ev.baris:
        if b.unit_id == unit_id and b.ada_rp and b.node.tingkat == T.SUB_KEGIATAN and b.rp_target is not None:
            for n in naik(b.node.pk):
                pagu[n] = pagu.get(n, NOL) + b.rp_target
                real[n] = real.get(n, NOL) + (b.rp_realisasi or NOL)
    hasil = []
    for n in r.node:
        if n.pk not in semua and n.pk not in pagu:
            continue
        rata = ev.rata_capaian(semua[n.pk]) if n.pk in semua else None
        hasil.append(
            {
                "node": n,
                "rata": rata,
                "predikat": cp.predikat(rata),
                "sendiri": sendiri.get(n.pk, []),
                "jumlah_baris": len(semua.get(n.pk, [])),
                "pagu": pagu.get(n.pk),
                "realisasi": real.get(n.pk),
                "serapan": cp.serapan(real.get(n.pk), pagu.get(n.pk)),
            }
        )
    return hasil


class _Penghitung:
    """A year's figures of the rows from the realisations read: quarters to a year, budget up the tree."""

    def __init__(
        self, r: Rencana, tahun: int, triwulan: int, realisasi: dict, anggaran: dict, dasar: DasarAnggaran
    ):
        self.r, self.tahun, self.triwulan, self.realisasi, self.dasar = r, tahun, triwulan, realisasi, dasar
        self.periode = r.versi.tahun_rencana
        # Columns 5, 6 and 13 stand on the same years for K and Rp: those the version plans.
        self.tahun_lalu = [y for y in self.periode if y < tahun]
        # The realisations of each (indicator, lokasi, year) by quarter (index 0 = the yearly figure).
        self.per_tahun: dict[tuple, list] = {}
        for (ind_id, lok, th, q), d in realisasi.items():
            per_q = self.per_tahun.get((ind_id, lok, th))
            if per_q is None:
                per_q = self.per_tahun[(ind_id, lok, th)] = [None] * 5
            if 0 <= q <= 4:
                per_q[q] = d
        # Worked out from the plan alone: kept with it (``Rencana.turunan``) for every report of the same revision.
        self._aturan_akhir: dict[int, str] = r.turunan(("monev", "aturan_akhir"), dict)
        self._pagu_akhir: dict[tuple, Decimal | None] = r.turunan(("monev", "pagu_akhir"), dict)
        self.tanda_dari: tuple = ()  # (report statuses, every realisation, every budget realisation)
        # Budget realisation per (sub kegiatan, lokasi, year, quarter) → summed up the tree on demand.
        self.rp_sub: dict[tuple, Decimal] = {}
        self.rp_sub_semua: dict[tuple, Decimal] = {}
        for (node_id, lok, th, tw), a in anggaran.items():
            if tw == 0 or tw <= (triwulan if th == tahun else 4):
                self.rp_sub[(node_id, lok, th, tw)] = a.jumlah
                k = (node_id, th, tw)
                self.rp_sub_semua[k] = self.rp_sub_semua.get(k, NOL) + a.jumlah
        self.memo: dict[tuple, Decimal | None] = {}

    @cached_property
    def tanda(self) -> vf.TandaBaris:
        """The status of every value of the rows, read when a row is first asked for it."""
        status, realisasi, anggaran = self.tanda_dari
        return vf.TandaBaris(self.r, status, self.tahun, self.triwulan, realisasi, anggaran)

    def rp_node(self, node, lok, th: int, tw: int) -> Decimal | None:
        """Budget realised by a node at a lokasi ("semua" = all) in one quarter (0 = the year's total row)."""
        if node.tingkat == T.SUB_KEGIATAN:  # a lookup already: nothing to keep
            if lok == "semua":
                return self.rp_sub_semua.get((node.pk, th, tw))
            return self.rp_sub.get((node.pk, lok, th, tw))
        kunci = (node.pk, lok, th, tw)
        if kunci in self.memo:
            return self.memo[kunci]
        hasil = None
        for anak in self.r.anak[node.pk]:
            x = self.rp_node(anak, lok, th, tw)
            if x is not None:
                hasil = x if hasil is None else hasil + x
        self.memo[kunci] = hasil
        return hasil

    def rp_tahun(self, node, lok, th: int, sampai: int = 4) -> Decimal | None:
        """A year's budget realisation: its quarters, or the yearly figure when no quarter is kept."""
        tw = [self.rp_node(node, lok, th, q) for q in range(1, sampai + 1)]
        ada = [x for x in tw if x is not None]
        if ada:
            return sum(ada, NOL)
        return self.rp_node(node, lok, th, 0)

    def nilai_tahun(self, ind, lok, th: int, sampai: int = 4) -> tuple[Decimal | None, str]:
        per_q = self.per_tahun.get((ind.pk, lok, th))
        if per_q is None:
            return None, ""
        ada = []  # the quarters' numbers, in order
        label = ""
        terisi = False
        for d in per_q[1 : sampai + 1]:
            if d is not None and d.jenis not in _TANPA_NILAI:
                terisi = True
                v = d.nilai
                if v is not None:
                    ada.append(v if type(v) is Decimal else Decimal(v))
                # ``_label`` written out: this loop runs for every quarter of every row
                lab = d.label or (d.teks if d.jenis in _BERLABEL else "")
                if lab:
                    label = lab
        if not terisi:
            d = per_q[0]
            if d is None or d.jenis == angka.KOSONG:
                return None, ""
            return angka_nilai(d), _label(d)
        # A computed quarter already holds the year so far: the latest quarter is the year's value.
        aturan = ind.agregasi_triwulan if ind.sumber_data == "manual" else "terakhir"
        return cp.gabung_urut(ada, aturan), label

    def nilai_rantai(self, ind, lok, th: int) -> Decimal | None:
        """A past year's realisation of the measure: the indicator's own, else a linked indicator's."""
        if (ind.pk, lok, th) in self.per_tahun:
            return self.nilai_tahun(ind, lok, th)[0]
        for lain in self.r.rantai(ind.pk):
            if (lain, lok, th) in self.per_tahun:
                return self.nilai_tahun(self.r.indikator_id[lain], lok, th)[0]
        return None

    def aturan_akhir(self, ind) -> str:
        """The end-of-period rule of the measure: that of the last indicator linked to this one."""
        hasil = self._aturan_akhir.get(ind.pk)
        if hasil is None:
            r = self.r
            hasil = self._aturan_akhir[ind.pk] = r.indikator_id.get(r.rantai(ind.pk)[-1], ind).agregasi_akhir
        return hasil

    def pagu_akhir(self, node, lok_rp) -> Decimal | None:
        """Column 5 Rp: the node's pagu over every year the version plans (kept with the plan)."""
        kunci = (node.pk, lok_rp)
        hasil = self._pagu_akhir.get(kunci, _TIADA)
        if hasil is _TIADA:
            r = self.r
            akhir = [x for x in (r.pagu_node(node, y, lok_rp) for y in self.periode) if x is not None]
            hasil = self._pagu_akhir[kunci] = sum(akhir, NOL) if akhir else None
        return hasil

    def isi_kinerja(self, b: BarisEvaluasi) -> None:
        """Target, quarters, the year's realisation and capaian of an indicator row."""
        ind, lok, tahun = b.ind, b.lokasi_id, self.tahun
        b.target = self.r.target.get((ind.pk, lok, tahun))
        per_q = self.per_tahun.get((ind.pk, lok, tahun))
        if per_q is None:
            b.tw = [None, None, None, None]
        else:
            b.tw = per_q[1 : self.triwulan + 1] + [None] * (4 - self.triwulan)
        b.realisasi, b.realisasi_label = self.nilai_tahun(ind, lok, tahun, self.triwulan)
        b.capaian = capaian_nilai(ind, b.target_tahun, b.realisasi, b.realisasi_label)

    def isi_renstra(self, b: BarisEvaluasi) -> None:
        """The Renstra columns (5, 6, 13, 14) of an indicator row, which follow the measure across
        linked indicators."""
        ind, lok = b.ind, b.lokasi_id
        b.target_akhir = self.r.akhir_periode(ind, lok)
        lalu = [self.nilai_rantai(ind, lok, y) for y in self.tahun_lalu]
        aturan_akhir = self.aturan_akhir(ind)
        b.lalu = cp.gabung_tahun(lalu, aturan_akhir) if lalu else None
        b.sd_kini = cp.gabung_tahun([*lalu, b.realisasi], aturan_akhir)
        lab_kini = b.realisasi_label if b.sd_kini is None else ""
        b.capaian_renstra = capaian_nilai(ind, b.target_akhir, b.sd_kini, lab_kini)

    def isi_anggaran(self, b: BarisEvaluasi) -> None:
        """The budget columns, on the first row of a node (and of each lokasi for sub kegiatan)."""
        r, node, tahun, triwulan = self.r, b.node, self.tahun, self.triwulan
        # A sub kegiatan reads its lokasi; every higher node the whole PD ("semua"), pagu as realisation.
        lok_rp = b.lokasi_id if node.tingkat == T.SUB_KEGIATAN else "semua"
        b.ada_rp = True
        b.rp_pagu = r.pagu_node(node, tahun, lok_rp)
        b.rp_target, b.rp_dasar = self.dasar.jumlah_dasar(node, lok_rp)
        b.rp_akhir = self.pagu_akhir(node, lok_rp)
        rp_node = self.rp_node
        b.rp_tw = [rp_node(node, lok_rp, tahun, q) if q <= triwulan else None for q in range(1, 5)]
        ada = [x for x in b.rp_tw if x is not None]
        b.rp_realisasi = sum(ada, NOL) if ada else rp_node(node, lok_rp, tahun, 0)
        ada_lalu = [x for x in (self.rp_tahun(node, lok_rp, y) for y in self.tahun_lalu) if x is not None]
        b.rp_lalu = sum(ada_lalu, NOL) if ada_lalu else None
        if b.rp_lalu is not None or b.rp_realisasi is not None:
            b.rp_sd_kini = (b.rp_lalu or NOL) + (b.rp_realisasi or NOL)
        b.rp_capaian = cp.serapan(b.rp_realisasi, b.rp_target)
        b.rp_capaian_renstra = cp.serapan(b.rp_sd_kini, b.rp_akhir)


# --- what the entry page and the workflow ask ---------------------------------------------------


def baris_kosong(ev: Evaluasi, unit_id: int, triwulan: int) -> list[BarisEvaluasi]:
    """The unit's rows still empty in a quarter (rows computed from service data are never empty)."""
    return [
        b
        for b in ev.baris_indikator
        if b.unit_id == unit_id
        and b.ind.sumber_data == "manual"
        and not (b.tw[triwulan - 1] is not None and b.tw[triwulan - 1].teks)
    ]


def baris_ditandai(ev: Evaluasi, unit_id: int, triwulan: int) -> list[BarisEvaluasi]:
    """The unit's rows whose value of the quarter was flagged as unusual when saved."""
    return [
        b
        for b in ev.baris_indikator
        if b.unit_id == unit_id and b.tw[triwulan - 1] is not None and b.tw[triwulan - 1].peringatan
    ]


def baca_aturan(r: Rencana) -> dict[int, AturanIsian]:
    """Entry rules of a version's indicators by indicator id: their own, else the one of the row they
    were copied from (one query)."""
    dari_asal = {i.asal_id: i.pk for daftar in r.indikator.values() for i in daftar if i.asal_id}
    hasil: dict[int, AturanIsian] = {}
    for a in AturanIsian.objects.filter(
        Q(indikator__node__versi_id=r.versi.pk) | Q(indikator__salinan__node__versi_id=r.versi.pk)
    ).distinct():
        if a.indikator_id in dari_asal:
            hasil.setdefault(dari_asal[a.indikator_id], a)
        else:
            hasil[a.indikator_id] = a
    return hasil
