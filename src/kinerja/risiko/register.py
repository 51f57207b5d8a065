"""Reading the risk register of a PD's year against one plan version, the heat map, and the
suggested risks for indicators whose capaian is falling behind.

A risk recorded on an element (or indicator) of an earlier version shows on the element of this
version that was copied from it (``peta_asal``); one whose element has no successor here is listed
apart ("unsur tidak ada di versi ini"), never dropped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kinerja.monev.selectors import BarisEvaluasi, Evaluasi
from kinerja.renstra.models import PlanNode
from kinerja.renstra.selectors import IndikatorData, NodeData, Rencana, peta_asal
from kinerja.risiko.matriks import SKALA, Level, matriks
from kinerja.risiko.models import Risiko

T = PlanNode.Tingkat
PREDIKAT_RENDAH = ("R", "SR")  # Rendah, Sangat Rendah (monev.capaian.PREDIKAT)


@dataclass
class BarisRisiko:
    risiko: Risiko
    awal: Level
    kini: Level
    triwulan_kini: int | None  # the quarter of the monitoring that set ``kini``; None: not monitored yet
    indikator: list[IndikatorData | str]  # this version's indicators; the name when it has no successor here
    rtp: list = field(default_factory=list)
    pemantauan: list = field(default_factory=list)


@dataclass
class Kelompok:
    node: NodeData
    induk: NodeData | None  # a program's sasaran
    risiko: list[BarisRisiko]


@dataclass
class Register:
    r: Rencana
    tahun: int
    kelompok: list[Kelompok]
    yatim: list[BarisRisiko]

    @property
    def semua(self) -> list[BarisRisiko]:
        return [b for k in self.kelompok for b in k.risiko] + self.yatim

    @property
    def indikator_bertaut(self) -> set[int]:
        return {i.pk for b in self.semua for i in b.indikator if not isinstance(i, str)}


def level_kini(risiko: Risiko, pemantauan: list) -> tuple[Level, int | None]:
    """The risk's current level: the latest quarter's re-assessment, else the initial one."""
    terakhir = max(pemantauan, key=lambda p: p.triwulan, default=None)
    if terakhir is None:
        return matriks().level(risiko.kemungkinan, risiko.dampak), None
    return matriks().level(terakhir.kemungkinan, terakhir.dampak), terakhir.triwulan


def _peta(r: Rencana, jenis: str, kini: set[int]) -> dict[int, int]:
    peta = dict(peta_asal(jenis, r.versi.pk))
    peta.update({i: i for i in kini})
    return peta


def muat_register(r: Rencana, tahun: int) -> Register:
    pd_id = r.versi.pd_id
    semua_risiko = list(
        Risiko.objects.filter(pd_id=pd_id, tahun=tahun)
        .select_related("node")
        .prefetch_related("indikator", "rtp_set", "pemantauan_set")
        .order_by("id")
    )
    peta_node = _peta(r, "node", set(r.node_id))
    ind_id = r.indikator_id
    peta_ind = _peta(r, "indikator", set(ind_id))
    per_node: dict[int, list[BarisRisiko]] = defaultdict(list)
    yatim = []
    for x in semua_risiko:
        pantau = list(x.pemantauan_set.all())
        kini, tw = level_kini(x, pantau)
        indikator = [ind_id[peta_ind[i.pk]] if i.pk in peta_ind else i.nama for i in x.indikator.all()]
        b = BarisRisiko(
            risiko=x,
            awal=matriks().level(x.kemungkinan, x.dampak),
            kini=kini,
            triwulan_kini=tw,
            indikator=indikator,
            rtp=list(x.rtp_set.all()),
            pemantauan=sorted(pantau, key=lambda p: p.triwulan),
        )
        node = peta_node.get(x.node_id)
        (per_node[node] if node is not None else yatim).append(b)
    kelompok = [
        Kelompok(n, r.node_id.get(n.induk_id) if n.tingkat == T.PROGRAM else None, per_node.get(n.pk, []))
        for n in r.node
        if n.tingkat in (T.SASARAN, T.PROGRAM)
    ]
    return Register(r, tahun, kelompok, yatim)


def peta_panas(reg: Register, *, kini: bool = True) -> list[dict]:
    """Rows of the 5 × 5 heat map, likelihood 5 at the top: each cell's level, band and count of risks."""
    m = matriks()
    hitung: dict[tuple[int, int], int] = defaultdict(int)
    for b in reg.semua:
        lv = b.kini if kini else b.awal
        hitung[(lv.kemungkinan, lv.dampak)] += 1
    baris = []
    for k in reversed(SKALA):
        sel = [{"level": m.level(k, d), "jumlah": hitung[(k, d)]} for d in SKALA]
        baris.append({"kemungkinan": k, "nama": m.kemungkinan[k], "sel": sel})
    return baris


@dataclass
class Usulan:
    ind: IndikatorData
    node: NodeData  # the indicator's own element
    tujuan: NodeData | None  # the sasaran or program the risk would belong to (None: choose one)
    baris: list[BarisEvaluasi]  # the rows (per lokasi) with a low predikat

    @property
    def predikat(self):
        return min((b.predikat for b in self.baris), key=lambda p: p.bawah)


def _unsur_risiko(r: Rencana, node: NodeData) -> NodeData | None:
    if node.tingkat in (T.SASARAN, T.PROGRAM):
        return node
    for n in reversed(r.leluhur(node)):
        if n.tingkat == T.PROGRAM:
            return n
    return None


def usulan(ev: Evaluasi, reg: Register) -> list[Usulan]:
    """Every indicator with a row of predikat Rendah or Sangat Rendah (the capaian page's figures)
    that no risk of the year is linked to."""
    bertaut = reg.indikator_bertaut
    per_ind: dict[int, list[BarisEvaluasi]] = defaultdict(list)
    for b in ev.baris_indikator:
        p = b.predikat
        if p is not None and p.kode in PREDIKAT_RENDAH and b.ind.pk not in bertaut:
            per_ind[b.ind.pk].append(b)
    hasil = []
    for daftar in per_ind.values():
        b = daftar[0]
        hasil.append(Usulan(b.ind, b.node, _unsur_risiko(ev.r, b.node), daftar))
    return hasil
