"""Whether a reported value is verified: the status of the quarterly report it belongs to.

* A value typed by an operator or generated for the demonstration is verified only when
  its unit's report of that quarter is verified. Rows without a lokasi are reported by
  the PD's office, so they follow the office's report.
* A value computed from service data (IKM, service log, complaints) follows the report of
  the unit that reports the row, like a typed one: it enters a report when that unit's
  quarter is verified.
* A value from the document's history (source "Dokumen", Tabel 2.3.1) is verified by
  nature: it was published in the signed Renstra.
* A yearly figure (quarter 0) that is not from the document follows the unit's quarter IV.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from kinerja.core.kueri_tetap import KueriTetap
from kinerja.monev.models import Laporan, Sumber
from kinerja.renstra.models import PlanNode

if TYPE_CHECKING:
    from kinerja.monev.selectors import BarisEvaluasi
    from kinerja.renstra.selectors import Rencana

S = Laporan.Status
T = PlanNode.Tingkat
# Worst first when a row mixes quarters: returned, then draft, then submitted.
URUTAN = {S.DIVERIFIKASI: 0, S.DIAJUKAN: 1, S.DRAFT: 2, S.DIKEMBALIKAN: 3}
# The words reports and JSON use.
KODE = {
    S.DIVERIFIKASI: "diverifikasi",
    S.DIAJUKAN: "diajukan",
    S.DRAFT: "draf",
    S.DIKEMBALIKAN: "dikembalikan",
}
LABEL = {
    S.DIVERIFIKASI: "Diverifikasi",
    S.DIAJUKAN: "Diajukan",
    S.DRAFT: "Draf",
    S.DIKEMBALIKAN: "Dikembalikan",
}
NAMA_TW = {0: "setahun", 1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}
CATATAN_STATUS = (
    "Kolom status verifikasi: Diverifikasi = semua nilai baris ini berasal dari laporan triwulan yang sudah "
    "diverifikasi; selain itu disebut triwulan dan unit yang belum (Diajukan = menunggu verifikasi, "
    "Dikembalikan = dikembalikan verifikator untuk diperbaiki, Draf = belum diajukan). Realisasi dari dokumen "
    "Renstra (Tabel 2.3.1) dianggap terverifikasi; realisasi yang dihitung dari data layanan mengikuti laporan "
    "unit pelapornya."
)
CATATAN_HANYA = (
    "Hanya yang terverifikasi: nilai dari laporan triwulan yang belum diverifikasi tidak dimasukkan ke baris, "
    "rata-rata, serapan maupun faktor pendorong/penghambat."
)


@dataclass
class StatusLaporan:
    """The report status of every unit, year and quarter of a PD, read in one query."""

    status: dict[tuple[int, int, int], str]
    kantor_id: int | None
    _memo: dict = field(default_factory=dict, repr=False)

    def unit(self, lokasi_id: int | None) -> int | None:
        """The unit that reports a lokasi's rows (the office for rows of the PD as a whole)."""
        return lokasi_id if lokasi_id is not None else self.kantor_id

    def laporan(self, unit_id: int | None, tahun: int, triwulan: int) -> str:
        if unit_id is None:
            return S.DRAFT
        return self.status.get((unit_id, tahun, triwulan or 4), S.DRAFT)

    def nilai(self, lokasi_id: int | None, tahun: int, triwulan: int, sumber: str) -> str:
        """The status of one stored or computed value."""
        if sumber == Sumber.SEJARAH:
            return S.DIVERIFIKASI
        kunci = (lokasi_id, tahun, triwulan)
        hasil = self._memo.get(kunci)
        if hasil is None:
            hasil = self._memo[kunci] = self.laporan(self.unit(lokasi_id), tahun, triwulan)
        return hasil

    def terverifikasi(self, lokasi_id: int | None, tahun: int, triwulan: int, sumber: str) -> bool:
        return self.nilai(lokasi_id, tahun, triwulan, sumber) == S.DIVERIFIKASI


_LAPORAN_PD = KueriTetap(
    lambda pd_id, sampai_tahun: Laporan.objects.filter(
        unit__pd_id=pd_id, tahun__lte=sampai_tahun
    ).select_related("diperiksa_oleh")
)


def baca_laporan(pd_id: int, sampai_tahun: int) -> list[Laporan]:
    """Every quarterly report of a PD up to a year (one query, compiled once)."""
    return _LAPORAN_PD.daftar(pd_id, sampai_tahun)


KINERJA, ANGGARAN = "kinerja", "anggaran"
SEMUA = (KINERJA, ANGGARAN)


@dataclass(frozen=True)
class StatusBaris:
    """What a report row says about verification."""

    status: (
        str | None
    )  # worst status of its values; the report's status when it has none; None: nothing to verify
    belum: tuple  # its unverified values: (unit id, year, quarter, status, "kinerja" or "anggaran")
    ada_nilai: bool  # it holds a value of the report's year


def urut(belum: Iterable[tuple]) -> tuple:
    """Unverified values by year, quarter and unit, once each."""
    return tuple(sorted(set(belum), key=lambda x: (x[1], x[2], x[0] or 0, x[3], x[4])))


def terburuk(status: Iterable[str]) -> str | None:
    daftar = list(status)
    return max(daftar, key=URUTAN.__getitem__) if daftar else None


def status_baris(b: BarisEvaluasi, bagian: tuple[str, ...] = SEMUA) -> StatusBaris:
    """A row's verification over its performance values, its budget values, or both."""
    berisi = (KINERJA in bagian and b.ind is not None) or (ANGGARAN in bagian and b.ada_rp)
    return _status_nilai(b.nilai_status, bagian, berisi, b.status_laporan, b.ada_bagian)


@lru_cache(maxsize=4096)
def _status_nilai(
    nilai_status: frozenset,
    bagian: tuple[str, ...],
    berisi: bool,
    status_laporan: str | None,
    ada_bagian: frozenset,
) -> StatusBaris:
    # Rows of one unit share their values' statuses: each combination is worked out once.
    nilai = [x for x in nilai_status if x[4] in bagian]
    if nilai:
        status = terburuk(x[3] for x in nilai)
    elif berisi:
        status = status_laporan
    else:
        status = None
    belum = urut(x for x in nilai if x[3] != S.DIVERIFIKASI)
    return StatusBaris(status, belum, bool(ada_bagian & set(bagian)))


def gabung(daftar: Iterable[StatusBaris]) -> StatusBaris:
    """Several rows (or years) as one: the worst status among those holding values."""
    berisi = [s for s in daftar if s.status is not None and (s.ada_nilai or s.belum)]
    return StatusBaris(
        terburuk(s.status for s in berisi),
        urut(x for s in berisi for x in s.belum),
        any(s.ada_nilai for s in berisi),
    )


def rincian(belum: Iterable[tuple], nama_unit: dict[int, str], *, tahun_ini: int = 0) -> str:
    """Which quarters of which units are not verified: "TW IV Rembang: dikembalikan; …".

    The year is written unless it is ``tahun_ini``; budget values are named as such, so that a
    row's indicator is not taken for unverified because of the budget beside it.
    """
    bagian = []
    for unit_id, th, q, st, jenis in urut(belum):
        kapan = NAMA_TW[q] if th == tahun_ini else f"{th} {NAMA_TW[q]}"
        awal = "anggaran " if jenis == ANGGARAN else ""
        bagian.append(f"{awal}{kapan} {nama_unit.get(unit_id, '')}".rstrip() + f": {KODE[st]}")
    return "; ".join(bagian)


def keterangan(s: StatusBaris, nama_unit: dict[int, str], *, tahun_ini: int = 0) -> str:
    """A row's status in words: "Diverifikasi", or its worst status and which values are not verified yet."""
    if s.status is None:
        return ""
    teks = rincian(s.belum, nama_unit, tahun_ini=tahun_ini)
    return f"{LABEL[s.status]} — {teks}" if teks else LABEL[s.status]


class TandaBaris:
    """The status of every value a row is made of, up to the quarter (earlier years included)."""

    def __init__(self, r: Rencana, status: StatusLaporan, tahun: int, triwulan: int, realisasi, anggaran):
        self.r, self.status, self.tahun, self.triwulan = r, status, tahun, triwulan
        # Values per row and per sub kegiatan, read in one pass: {(unit id, year, quarter, status, part)}.
        # A value's mark depends on its lokasi, year, quarter, source and part only: each is made once and shared.
        tanda: dict[tuple, tuple] = {}

        def tanda_nilai(lok, th: int, q: int, sumber: str, bagian: str) -> tuple:
            k = (lok, th, q, sumber, bagian)
            t = tanda.get(k)
            if t is None:
                t = tanda[k] = (status.unit(lok), th, q, status.nilai(lok, th, q, sumber), bagian)
            return t

        self.kinerja: dict[tuple, set[tuple]] = defaultdict(set)
        for (ind_id, lok, th, q), d in realisasi.items():
            if d.teks and (th < tahun or q <= triwulan):
                self.kinerja[(ind_id, lok)].add(tanda_nilai(lok, th, q, d.sumber, KINERJA))
        self.rp: dict[int, set[tuple]] = defaultdict(set)
        for (node_id, lok, th, q), a in anggaran.items():
            if th < tahun or q <= triwulan:
                self.rp[node_id].add(tanda_nilai(lok, th, q, a.sumber, ANGGARAN))
        self._bawah: dict[int, frozenset] = {}
        # Rows share their sets: one frozenset per indicator × lokasi and per sub kegiatan × unit.
        self._kinerja_beku: dict[tuple, frozenset] = {}
        self._rp_unit: dict[tuple, frozenset] = {}
        self._bagian: dict[frozenset, frozenset] = {}

    def _anggaran_bawah(self, node) -> frozenset:
        """Budget values of every sub kegiatan under a node (computed once per node)."""
        hasil = self._bawah.get(node.pk)
        if hasil is None:
            if node.tingkat == T.SUB_KEGIATAN:
                hasil = frozenset(self.rp.get(node.pk, ()))
            else:
                hasil = frozenset().union(*(self._anggaran_bawah(a) for a in self.r.anak[node.pk]))
            self._bawah[node.pk] = hasil
        return hasil

    def _kinerja_baris(self, ind_id: int, lokasi_id: int | None) -> frozenset:
        kunci = (ind_id, lokasi_id)
        hasil = self._kinerja_beku.get(kunci)
        if hasil is None:
            hasil = self._kinerja_beku[kunci] = frozenset(self.kinerja.get(kunci, ()))
        return hasil

    def _anggaran_unit(self, node_id: int, lokasi_id: int | None) -> frozenset:
        """Budget values of a sub kegiatan reported by the unit of a lokasi."""
        unit = self.status.unit(lokasi_id)
        hasil = self._rp_unit.get((node_id, unit))
        if hasil is None:
            hasil = frozenset(x for x in self.rp.get(node_id, ()) if x[0] == unit)
            self._rp_unit[(node_id, unit)] = hasil
        return hasil

    def isi(self, b: BarisEvaluasi) -> None:
        """Set the row's ``nilai_status``, ``ada_bagian`` and ``status_laporan``."""
        nilai = self._kinerja_baris(b.ind.pk, b.lokasi_id) if b.ind is not None else frozenset()
        if b.ada_rp:
            if b.node.tingkat == T.SUB_KEGIATAN:
                rp = self._anggaran_unit(b.node.pk, b.lokasi_id)
            else:
                rp = self._anggaran_bawah(b.node)
            nilai = nilai | rp if nilai else rp
        b.nilai_status = nilai
        bagian = self._bagian.get(nilai)
        if bagian is None:
            bagian = self._bagian[nilai] = frozenset(x[4] for x in nilai if x[1] == self.tahun)
        b.ada_bagian = bagian
        if b.unit_id is not None:
            b.status_laporan = self.status.laporan(b.unit_id, self.tahun, self.triwulan)
