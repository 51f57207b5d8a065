"""What the public Kinerja and Anggaran pages and their datasets show, built once per PD and data version.

Everything comes from the PD's main plan version (``renstra.selectors.versi_utama``) and, for every
plan year, its evaluation with **verified values only** (``monev.selectors.muat_evaluasi(...,
hanya_terverifikasi=True)``): a value of a quarter whose report is a draft, submitted or returned never
reaches a figure here. Capaian and predikat are ``monev.capaian``'s, as on the staff pages; the year's
anggaran is ``monev.anggaran.dasar_anggaran``'s (APBD when entered, else the adopted Renja's pagu,
else the Renstra's pagu indikatif).

The evaluations of every plan year cost about half a second; pages, downloads, API calls and the
headline figures of one PD share one ``DataKinerja`` per data version of the portal's cache
(``tembolok.versi``), so a change anywhere makes a fresh one.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from kinerja.core import angka
from kinerja.monev import capaian as cp
from kinerja.monev.models import PersetujuanPD
from kinerja.monev.selectors import NAMA_TRIWULAN, BarisEvaluasi, Evaluasi, dua_tingkat, muat_evaluasi
from kinerja.monev.verifikasi import S
from kinerja.portal import tembolok
from kinerja.renstra.models import PlanNode
from kinerja.renstra.selectors import NilaiData, Rencana, muat_rencana, peta_asal, versi_utama
from kinerja.wilayah.models import Unit

T = PlanNode.Tingkat
NOL = Decimal(0)
# The level of a plan element as the datasets write it.
KODE_TINGKAT = {
    T.TUJUAN: "tujuan",
    T.SASARAN: "sasaran",
    T.PROGRAM: "program",
    T.KEGIATAN: "kegiatan",
    T.SUB_KEGIATAN: "sub_kegiatan",
}
TINGKAT_KODE = {v: k for k, v in KODE_TINGKAT.items()}
# Bappeda's decision on a PD quarter as the public pages say it (only "disetujui" is final).
LABEL_PERSETUJUAN = {
    PersetujuanPD.Status.DISETUJUI: "disetujui",
    PersetujuanPD.Status.MENUNGGU: "menunggu persetujuan",
    PersetujuanPD.Status.DIKEMBALIKAN: "dikembalikan untuk diperbaiki",
}
# Without a number of its own an indicator's values cannot be drawn, only listed.
_JENIS_ANGKA = (angka.ANGKA, angka.PERSEN)


# --- quarters verified --------------------------------------------------------------------------


def triwulan_terverifikasi(ev: Evaluasi, unit_id: int | None) -> tuple[int, ...]:
    """The quarters of the evaluation's year whose report of this unit is verified."""
    return tuple(q for q in range(1, 5) if ev.status.laporan(unit_id, ev.tahun, q) == S.DIVERIFIKASI)


def sampai_triwulan(tw: tuple[int, ...]) -> int:
    """The last quarter up to which every quarter is verified (0: not even the first)."""
    n = 0
    while n + 1 in tw:
        n += 1
    return n


def kalimat_triwulan(tahun: int, tw: tuple[int, ...]) -> str:
    """ "Realisasi terverifikasi sampai triwulan III 2023", or which quarters when there is a gap."""
    if not tw:
        return f"Belum ada realisasi {tahun} yang terverifikasi"
    n = sampai_triwulan(tw)
    if n == len(tw):
        return f"Realisasi terverifikasi sampai triwulan {NAMA_TRIWULAN[n]} {tahun}"
    daftar = ", ".join(NAMA_TRIWULAN[q] for q in tw)
    return f"Realisasi terverifikasi hanya untuk triwulan {daftar} {tahun}"


def ringkas_unit(ev: Evaluasi, unit: list[Unit]) -> str:
    """Verification over several reporting units: "s.d. TW III semua unit; TW IV: 5 dari 8 unit"."""
    if not unit:
        return "tidak ada unit pelapor"
    jumlah = [
        sum(1 for u in unit if ev.status.laporan(u.pk, ev.tahun, q) == S.DIVERIFIKASI) for q in range(1, 5)
    ]
    penuh = 0
    while penuh < 4 and jumlah[penuh] == len(unit):
        penuh += 1
    bagian = [f"s.d. TW {NAMA_TRIWULAN[penuh]} semua unit"] if penuh else []
    bagian += [
        f"TW {NAMA_TRIWULAN[q + 1]}: {jumlah[q]} dari {len(unit)} unit" for q in range(penuh, 4) if jumlah[q]
    ]
    return "; ".join(bagian) if bagian else "belum ada laporan triwulan yang terverifikasi"


# --- one indicator over the plan years ----------------------------------------------------------


def teks_target(t: NilaiData | None) -> str:
    """A target as the public reads it: a number the Indonesian way, or its label as written."""
    if t is None or t.jenis == angka.KOSONG:
        return ""
    if t.jenis in _JENIS_ANGKA and t.nilai is not None:
        return angka.format_angka(Decimal(t.nilai))
    n = angka.baca(t.teks)
    return angka.format_nilai(n) if n.jenis in (angka.ANGKA, angka.PERSEN, angka.LABEL) else t.teks


def angka_target(t: NilaiData | None) -> Decimal | None:
    """A target's number: a plain number or percentage, or the number of a label ("Baik (84)" → 84),
    the figure capaian is computed against."""
    if t is None or t.jenis == angka.KOSONG or t.nilai is None:
        return None
    return Decimal(t.nilai)


@dataclass(frozen=True)
class NilaiTahun:
    """One year of an indicator row: target, verified realisation (quarter to date) and capaian."""

    tahun: int
    target: NilaiData | None
    realisasi: Decimal | None
    label: str
    capaian: cp.Capaian | None
    tw: tuple[int, ...]  # verified quarters of the unit reporting the row

    @property
    def target_teks(self) -> str:
        return teks_target(self.target)

    @property
    def target_angka(self) -> Decimal | None:
        return angka_target(self.target)

    @property
    def target_polos(self) -> bool:
        """The target is a plain number (a label such as "Baik (84)" is written as it is)."""
        return self.target is not None and self.target.jenis in _JENIS_ANGKA and self.target.nilai is not None

    @property
    def ada_realisasi(self) -> bool:
        return self.realisasi is not None or bool(self.label)

    @property
    def realisasi_teks(self) -> str:
        if self.realisasi is None:
            return self.label
        teks = angka.format_angka(self.realisasi)
        return f"{self.label} ({teks})" if self.label else teks

    @property
    def capaian_persen(self) -> Decimal | None:
        return self.capaian.nilai if self.capaian is not None else None

    @property
    def capaian_teks(self) -> str:
        """The capaian in percent, or in words for a qualitative value ("Tercapai")."""
        if self.capaian is None or not self.ada_realisasi:
            return ""
        if self.capaian.nilai is not None:
            return angka.format_persen(self.capaian.nilai)
        return self.capaian.label_status

    @property
    def predikat(self) -> str:
        if self.capaian is None or not self.ada_realisasi or self.capaian.predikat is None:
            return ""
        return self.capaian.predikat.label

    @property
    def tercapai(self) -> bool | None:
        if self.capaian is None or not self.ada_realisasi:
            return None
        return self.capaian.tercapai


@dataclass
class DeretIndikator:
    """An indicator at one lokasi (None: the PD as a whole) across the plan years."""

    node: object
    ind: object
    lokasi_id: int | None
    tahun: dict[int, NilaiTahun]

    def nilai(self, tahun: int) -> NilaiTahun | None:
        return self.tahun.get(tahun)

    @property
    def ada_angka(self) -> bool:
        """Some year holds a number to draw (a target or a realisation)."""
        return any(n.target_angka is not None or n.realisasi is not None for n in self.tahun.values())


# --- the PD's data --------------------------------------------------------------------------------


@dataclass
class DataKinerja:
    pd: object
    r: Rencana
    ev: dict[int, Evaluasi]  # plan year → its evaluation with verified values only
    _memo: dict = field(default_factory=dict, repr=False)

    @property
    def versi(self):
        return self.r.versi

    @property
    def tahun(self) -> list[int]:
        return list(self.ev)

    @cached_property
    def kantor_id(self) -> int | None:
        return next(iter(self.ev.values())).kantor_id

    @cached_property
    def lokasi(self) -> list[Unit]:
        """The units with targets of their own (the office and each kelurahan), in the PD's order."""
        return list(self.r.lokasi)

    def unit(self, unit_id: int) -> Unit | None:
        return next((u for u in self.lokasi if u.pk == unit_id), None)

    def nama_lokasi(self, lokasi_id: int | None) -> str:
        if lokasi_id is None:
            return self.pd.nama
        u = self.r.unit.get(lokasi_id)
        return u.nama if u is not None else ""

    # --- stable ids: the element an element was first copied from ----------------------------

    def _asli(self, jenis: str) -> dict[int, int]:
        kunci = ("asli", jenis)
        if kunci not in self._memo:
            asli: dict[int, int] = {}
            for lama, kini in peta_asal(jenis, self.versi.pk).items():
                asli[kini] = min(asli.get(kini, kini), lama)
            self._memo[kunci] = asli
        return self._memo[kunci]

    def id_node(self, node_id: int | None) -> int | None:
        """The stable id of a plan element: the id of the element it was first copied from (a copy is
        always made after its original, so the earliest id of the chain), else its own."""
        if node_id is None:
            return None
        return self._asli("node").get(node_id, node_id)

    def id_indikator(self, ind_id: int) -> int:
        return self._asli("indikator").get(ind_id, ind_id)

    # --- years -------------------------------------------------------------------------------

    @cached_property
    def tahun_kinerja(self) -> int:
        """The latest plan year with a verified realisation, else the first plan year."""
        for y in reversed(self.tahun):
            if any(b.realisasi is not None or b.realisasi_label for b in self.ev[y].baris_indikator):
                return y
        return self.tahun[0]

    @cached_property
    def tahun_anggaran(self) -> int:
        """The latest plan year with a verified budget realisation, else the first plan year."""
        for y in reversed(self.tahun):
            if self.anggaran_tahun(y)[1] is not None:
                return y
        return self.tahun[0]

    def tw_kantor(self, tahun: int) -> tuple[int, ...]:
        return triwulan_terverifikasi(self.ev[tahun], self.kantor_id)

    def tw_unit(self, tahun: int, lokasi_id: int | None) -> tuple[int, ...]:
        return triwulan_terverifikasi(self.ev[tahun], lokasi_id if lokasi_id is not None else self.kantor_id)

    @cached_property
    def _persetujuan(self) -> dict[tuple[int, int], str] | None:
        """(year, quarter) → Bappeda's decision on the PD's quarter, where the pemda approves in two
        levels (None otherwise): read once for every plan year."""
        if not dua_tingkat(self.pd):
            return None
        baris = PersetujuanPD.objects.filter(pd=self.pd, tahun__in=self.tahun).values_list(
            "tahun", "triwulan", "status"
        )
        return {(y, q): st for y, q, st in baris}

    def kalimat_persetujuan(self, tahun: int, lokasi_id: int | None = None) -> str:
        """ "Persetujuan Bappeda: triwulan I–II disetujui; triwulan III menunggu" over the year's verified
        quarters, where the pemda approves in two levels ("" otherwise): a verified value Bappeda has not
        approved is published as verified, never as final."""
        if self._persetujuan is None:
            return ""
        tw = self.tw_unit(tahun, lokasi_id)
        if not tw:
            return ""
        kelompok: list[tuple[str, list[int]]] = []
        for q in tw:
            st = LABEL_PERSETUJUAN.get(self._persetujuan.get((tahun, q)), "belum diajukan ke Bappeda")
            if kelompok and kelompok[-1][0] == st and kelompok[-1][1][-1] == q - 1:
                kelompok[-1][1].append(q)
            else:
                kelompok.append((st, [q]))
        bagian = []
        for st, qs in kelompok:
            nama = NAMA_TRIWULAN[qs[0]] + (f"–{NAMA_TRIWULAN[qs[-1]]}" if len(qs) > 1 else "")
            bagian.append(f"triwulan {nama} {st}")
        return f"Persetujuan Bappeda {tahun}: " + "; ".join(bagian)

    def kalimat_tahun(self, tahun: int, lokasi_id: int | None = None) -> str:
        """A plan year's verified quarters and, under two levels, Bappeda's decisions on them."""
        verif = kalimat_triwulan(tahun, self.tw_unit(tahun, lokasi_id))
        setuju = self.kalimat_persetujuan(tahun, lokasi_id)
        return f"{verif} — {setuju}" if setuju else verif

    # --- indicators ----------------------------------------------------------------------------

    @cached_property
    def _baris(self) -> dict[int, dict[tuple[int, int | None], BarisEvaluasi]]:
        return {
            y: {(b.ind.pk, b.lokasi_id): b for b in ev.baris if b.ind is not None}
            for y, ev in self.ev.items()
        }

    def _deret(self, node, ind, lok: int | None) -> DeretIndikator:
        tahun = {}
        for y in self.tahun:
            b = self._baris[y].get((ind.pk, lok))
            target = self.r.target.get((ind.pk, lok, y))
            if b is None and target is None:
                continue
            tahun[y] = NilaiTahun(
                tahun=y,
                target=target,
                realisasi=b.realisasi if b is not None else None,
                label=b.realisasi_label if b is not None else "",
                capaian=b.capaian if b is not None else None,
                tw=self.tw_unit(y, lok),
            )
        return DeretIndikator(node, ind, lok, tahun)

    @cached_property
    def deret(self) -> list[DeretIndikator]:
        """Every indicator × lokasi with a target in some plan year, in plan order (PD rows first)."""
        urut = {u.pk: i for i, u in enumerate(self.lokasi)}
        hasil = []
        for node in self.r.node:
            for ind in self.r.indikator.get(node.pk, []):
                lokasi = self.r.target_per_indikator.get(ind.pk, {})
                for lok in sorted(lokasi, key=lambda x: -1 if x is None else urut.get(x, 999)):
                    hasil.append(self._deret(node, ind, lok))
        return hasil

    def deret_tingkat(self, *tingkat: int) -> list[DeretIndikator]:
        return [d for d in self.deret if d.node.tingkat in tingkat and d.lokasi_id is None]

    def deret_lokasi(self, lokasi_id: int) -> list[DeretIndikator]:
        return [d for d in self.deret if d.lokasi_id == lokasi_id]

    def ringkas_lokasi(self, tahun: int) -> list[dict]:
        """Per lokasi in a year: indicator rows, rows with a verified realisation, mean capaian, rows met."""
        hasil = []
        for u in self.lokasi:
            nilai = [n for d in self.deret_lokasi(u.pk) if (n := d.nilai(tahun)) and n.target is not None]
            if not nilai:
                continue
            ada = [n for n in nilai if n.ada_realisasi]
            hasil.append(
                {
                    "unit": u,
                    "jumlah": len(nilai),
                    "terisi": len(ada),
                    "rata": cp.rata_rata(n.capaian_persen for n in ada),
                    "tercapai": sum(1 for n in ada if n.tercapai),
                    "tw": self.tw_unit(tahun, u.pk),
                }
            )
        return hasil

    def sasaran_tercapai(self, tahun: int) -> tuple[int, int, Decimal | None]:
        """(sasaran indicators met, sasaran indicators with a target, their mean capaian) in a year."""
        nilai = [n for d in self.deret_tingkat(T.SASARAN) if (n := d.nilai(tahun)) and n.target is not None]
        tercapai = sum(1 for n in nilai if n.tercapai)
        return tercapai, len(nilai), cp.rata_rata(n.capaian_persen for n in nilai if n.ada_realisasi)

    # --- budget ----------------------------------------------------------------------------------

    def pagu_tahun(self, tahun: int) -> Decimal:
        """The Renstra's pagu indikatif of a year: the sum of its sub kegiatan rows."""
        return self.r.pagu_tahun(tahun)

    def _sub_anggaran(self, tahun: int) -> list[BarisEvaluasi]:
        return [b for b in self.ev[tahun].baris if b.ada_rp and b.node.tingkat == T.SUB_KEGIATAN]

    def anggaran_tahun(self, tahun: int, lokasi_id: int | None | str = "semua") -> tuple:
        """(anggaran, verified realisation) of a year over the sub kegiatan (of one lokasi if given)."""
        kunci = ("anggaran", tahun, lokasi_id)
        if kunci not in self._memo:
            anggaran = real = None
            for b in self._sub_anggaran(tahun):
                if lokasi_id != "semua" and b.lokasi_id != lokasi_id:
                    continue
                if b.rp_target is not None:
                    anggaran = (anggaran or NOL) + b.rp_target
                if b.rp_realisasi is not None:
                    real = (real or NOL) + b.rp_realisasi
            self._memo[kunci] = (anggaran, real)
        return self._memo[kunci]

    def pagu_lokasi(self) -> dict[int | None, dict[int, Decimal]]:
        """lokasi id → year → pagu indikatif (sub kegiatan rows of that lokasi)."""
        hasil: dict[int | None, dict[int, Decimal]] = {}
        sub = {n.pk for n in self.r.node if n.tingkat == T.SUB_KEGIATAN}
        for p in self.r.pagu:
            if p.node_id in sub and p.tahun in self.ev:
                per = hasil.setdefault(p.lokasi_id, {})
                per[p.tahun] = per.get(p.tahun, NOL) + Decimal(p.jumlah)
        return hasil

    def program(self) -> list:
        return [n for n in self.r.node if n.tingkat == T.PROGRAM]

    def baris_node(self, tahun: int, node) -> BarisEvaluasi | None:
        """The evaluation row carrying a program's or kegiatan's budget in a year."""
        return next((b for b in self.ev[tahun].baris if b.node.pk == node.pk and b.ada_rp), None)

    def unit_anggaran(self, tahun: int) -> list[Unit]:
        """The units reporting a sub kegiatan budget in a year."""
        ids = {self.ev[tahun].status.unit(b.lokasi_id) for b in self._sub_anggaran(tahun)}
        return [u for u in self.r.unit.values() if u.pk in ids]


_MEMO: OrderedDict[tuple, DataKinerja | None] = OrderedDict()
_KUNCI = threading.Lock()
_MEMO_MAKS = 8


def muat(pd) -> DataKinerja | None:
    """The PD's public performance and budget data (None when it has no plan yet)."""
    kunci = (tembolok.versi(), pd.pk)
    with _KUNCI:
        if kunci in _MEMO:
            _MEMO.move_to_end(kunci)
            return _MEMO[kunci]
    data = _bangun(pd)
    with _KUNCI:
        _MEMO[kunci] = data
        while len(_MEMO) > _MEMO_MAKS:
            _MEMO.popitem(last=False)
    return data


def _bangun(pd) -> DataKinerja | None:
    versi = versi_utama(pd)
    if versi is None or not versi.tahun_rencana:
        return None
    r = muat_rencana(versi)
    ev = {y: muat_evaluasi(r, y, 4, hanya_terverifikasi=True) for y in versi.tahun_rencana}
    return DataKinerja(pd=pd, r=r, ev=ev)


# --- the year asked for ----------------------------------------------------------------------------


def pilih_tahun(teks: str | None, data: DataKinerja, bawaan: int) -> tuple[int, str]:
    """The plan year a page shows, and a notice when the one asked for cannot be shown."""
    teks = (teks or "").strip()
    if not teks:
        return bawaan, ""
    awal, akhir = data.tahun[0], data.tahun[-1]
    try:
        tahun = int(teks)
    except ValueError:
        return bawaan, f"“{teks[:20]}” bukan tahun. Ditampilkan tahun {bawaan}."
    if tahun not in data.ev:
        return bawaan, (
            f"Tahun {tahun} di luar periode rencana {awal}–{akhir}. Ditampilkan tahun {bawaan}; "
            f"pilih tahun {awal} sampai {akhir}."
        )
    return tahun, ""
