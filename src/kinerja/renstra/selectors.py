"""Reading a plan: one snapshot per version, fetched in a fixed number of queries.

Pages, exports and the checker all work on ``Rencana``: the tree, its indicators,
targets, baselines and pagu, with the sums of pagu over the tree computed once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from kinerja.core import angka
from kinerja.renstra.models import (
    BarisCetak,
    Indikator,
    KondisiAwal,
    Pagu,
    PlanNode,
    RenstraVersi,
    Target,
)
from kinerja.wilayah.models import Unit

T = PlanNode.Tingkat
NOL = Decimal(0)


@dataclass
class Rencana:
    versi: RenstraVersi
    unit: dict[int, Unit]
    lokasi: list[Unit]
    node: list[PlanNode]
    indikator: dict[int, list[Indikator]]
    target: dict[tuple[int, int | None, int], Target]
    awal: dict[tuple[int, int | None], KondisiAwal]
    pagu: list[Pagu]
    anak: dict[int | None, list[PlanNode]] = field(default_factory=dict)
    node_id: dict[int, PlanNode] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.anak = defaultdict(list)
        for n in self.node:
            self.anak[n.induk_id].append(n)
            self.node_id[n.pk] = n

    @property
    def pd(self):
        return self.versi.pd

    # --- tree ---------------------------------------------------------------------

    def akar(self) -> list[PlanNode]:
        return self.anak[None]

    def leluhur(self, node: PlanNode) -> list[PlanNode]:
        """The node's ancestors, tujuan first."""
        hasil = []
        n = node
        while n.induk_id is not None:
            n = self.node_id[n.induk_id]
            hasil.append(n)
        return list(reversed(hasil))

    def keturunan(self, node: PlanNode) -> list[PlanNode]:
        hasil = []
        for a in self.anak[node.pk]:
            hasil.append(a)
            hasil.extend(self.keturunan(a))
        return hasil

    def unit_kerja(self, node: PlanNode) -> Unit | None:
        """The responsible unit: the node's own, else its nearest ancestor's."""
        n = node
        while n is not None:
            if n.unit_kerja_id:
                return self.unit.get(n.unit_kerja_id)
            n = self.node_id.get(n.induk_id) if n.induk_id else None
        return None

    # --- pagu: planned on sub kegiatan, summed upwards ------------------------------

    @cached_property
    def _jumlah_pagu(self) -> tuple[dict, dict, set]:
        total: dict[tuple[int, int], Decimal] = defaultdict(lambda: NOL)
        per_lokasi: dict[tuple[int, int | None, int], Decimal] = defaultdict(lambda: NOL)
        ada: set[tuple[int, int]] = set()
        for p in self.pagu:
            node = self.node_id[p.node_id]
            rantai = [node, *self.leluhur(node)]
            for n in rantai:
                total[(n.pk, p.tahun)] += p.jumlah
                per_lokasi[(n.pk, p.lokasi_id, p.tahun)] += p.jumlah
                ada.add((n.pk, p.tahun))
        return total, per_lokasi, ada

    def pagu_node(self, node: PlanNode, tahun: int, lokasi_id: int | None | str = "semua") -> Decimal | None:
        """Pagu of a node in a year (all lokasi, or one); None when nothing is planned."""
        total, per_lokasi, ada = self._jumlah_pagu
        if (node.pk, tahun) not in ada:
            return None
        if lokasi_id == "semua":
            return total[(node.pk, tahun)]
        return per_lokasi.get((node.pk, lokasi_id, tahun))

    def pagu_tahun(self, tahun: int, lokasi_id: int | None | str = "semua") -> Decimal:
        return sum((self.pagu_node(n, tahun, lokasi_id) or NOL for n in self.akar()), NOL)

    @cached_property
    def target_per_indikator(self) -> dict[int, dict[int | None, set[int]]]:
        """indikator id → lokasi id → the years it has a target for."""
        hasil: dict[int, dict[int | None, set[int]]] = defaultdict(lambda: defaultdict(set))
        for ind_id, lok, tahun in self.target:
            hasil[ind_id][lok].add(tahun)
        return hasil

    @cached_property
    def _lokasi_tahun(self) -> dict[int, dict[int | None, set[int]]]:
        """sub kegiatan id → lokasi id → years with a pagu or an indicator target."""
        hasil: dict[int, dict[int | None, set[int]]] = defaultdict(lambda: defaultdict(set))
        for p in self.pagu:
            hasil[p.node_id][p.lokasi_id].add(p.tahun)
        for node_id, daftar in self.indikator.items():
            for ind in daftar:
                for lok, tahun in self.target_per_indikator.get(ind.pk, {}).items():
                    hasil[node_id][lok] |= tahun
        return hasil

    def lokasi_node(self, node: PlanNode, tahun: list[int]) -> list[int | None]:
        """The lokasi a sub kegiatan plans for in these years, in the PD's order."""
        urut = {u.pk: i for i, u in enumerate(self.lokasi)}
        tahun_set = set(tahun)
        ada = [lok for lok, th in self._lokasi_tahun.get(node.pk, {}).items() if th & tahun_set]
        return sorted(ada, key=lambda x: urut.get(x, 998) if x is not None else 999)

    # --- targets ------------------------------------------------------------------

    def target_teks(self, ind: Indikator, lokasi_id: int | None, tahun: int) -> str:
        t = self.target.get((ind.pk, lokasi_id, tahun))
        return t.teks if t else ""

    def awal_teks(self, ind: Indikator, lokasi_id: int | None) -> str:
        a = self.awal.get((ind.pk, lokasi_id))
        return a.teks if a else ""

    def kondisi_akhir(self, ind: Indikator, lokasi_id: int | None, tahun: list[int]) -> Target | None:
        """The end-of-period target by the indicator's own rule (sum, last, mean, max)."""
        nilai = [self.target.get((ind.pk, lokasi_id, y)) for y in tahun]
        ada = [t for t in nilai if t is not None and t.jenis not in (angka.KOSONG,)]
        if not ada:
            return None
        aturan = ind.agregasi_akhir
        if aturan == Indikator.Agregasi.TERAKHIR:
            return ada[-1]
        angka_ada = [t.nilai for t in ada if t.nilai is not None]
        if len(angka_ada) != len(ada):
            return None  # a label or an unreadable year: no sum can be made
        if aturan == Indikator.Agregasi.JUMLAH:
            hasil = sum(angka_ada, NOL)
        elif aturan == Indikator.Agregasi.MAKS:
            hasil = max(angka_ada)
        else:
            hasil = sum(angka_ada, NOL) / len(angka_ada)
        return Target(teks=angka.format_angka(hasil), jenis=angka.ANGKA, nilai=hasil)

    def lokasi_label(self, lokasi_id: int | None) -> str:
        if lokasi_id is None:
            return ""
        return self.unit[lokasi_id].nama_pendek


def muat_rencana(versi: RenstraVersi | int) -> Rencana:
    """Everything a page, an export or the checker needs, in seven queries."""
    if not isinstance(versi, RenstraVersi):
        versi = RenstraVersi.objects.select_related("pd__pemda", "rpjmd").get(pk=versi)
    unit = {u.pk: u for u in Unit.objects.filter(pd_id=versi.pd_id).order_by("urutan", "nama")}
    lokasi = [u for u in unit.values() if u.adalah_lokasi]
    node = list(PlanNode.objects.filter(versi=versi).select_related("nomenklatur").order_by("urutan", "id"))
    indikator: dict[int, list[Indikator]] = defaultdict(list)
    for i in Indikator.objects.filter(node__versi=versi).order_by("node_id", "urutan", "id"):
        indikator[i.node_id].append(i)
    target = {
        (t.indikator_id, t.lokasi_id, t.tahun): t for t in Target.objects.filter(indikator__node__versi=versi)
    }
    awal = {
        (a.indikator_id, a.lokasi_id): a for a in KondisiAwal.objects.filter(indikator__node__versi=versi)
    }
    pagu = list(Pagu.objects.filter(node__versi=versi))
    return Rencana(
        versi=versi,
        unit=unit,
        lokasi=lokasi,
        node=node,
        indikator=indikator,
        target=target,
        awal=awal,
        pagu=pagu,
    )


def baris_cetak(versi: RenstraVersi, tabel: str | None = None) -> list[BarisCetak]:
    qs = BarisCetak.objects.filter(sumber__versi=versi).select_related("sumber")
    if tabel:
        qs = qs.filter(tabel=tabel)
    return list(qs.order_by("sumber_id", "tabel", "urutan"))


def versi_utama(pd) -> RenstraVersi | None:
    """The version a PD works with: the newest enacted one, else the newest final, else the newest."""
    semua = list(pd.renstra_set.select_related("pd__pemda", "rpjmd").order_by("-id"))
    for status in (RenstraVersi.Status.DITETAPKAN, RenstraVersi.Status.FINAL):
        for v in semua:
            if v.status == status:
                return v
    return semua[0] if semua else None
