"""Which figure is a year's anggaran, per sub kegiatan × lokasi, for every report that speaks of it.

One rule (``dasar_anggaran``), in this order:

1. the APBD in force (``renstra.anggaran``: APBD perubahan over murni), when it is entered;
2. else the pagu of the year's adopted (ditetapkan) Renja — never of a draft or final one;
3. else the Renstra's pagu indikatif.

When an adopted Renja exists, step 3 is not used: a sub kegiatan the Renja leaves out has no
anggaran from the Renstra either, so that E.81 column 7 takes K and Rp from the same Renja.
Reports print which basis they used (``DasarAnggaran.teks``); E.81, LKjIP 3.4, T-C.24, the
capaian pages and every serapan read it through the ``Evaluasi`` (``ev.dasar_rp``, ``ev.dasar``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from kinerja.core.kueri_tetap import KueriTetap
from kinerja.renstra.anggaran import anggaran_berlaku_versi
from kinerja.renstra.models import Anggaran, PlanNode, RenstraVersi
from kinerja.renstra.selectors import Rencana, pagu_per_asal

T = PlanNode.Tingkat
NOL = Decimal(0)

APBD_PERUBAHAN = "apbd_perubahan"
APBD_MURNI = "apbd_murni"
RENJA = "renja"
PAGU_INDIKATIF = "pagu_indikatif"
URUTAN = (APBD_PERUBAHAN, APBD_MURNI, RENJA, PAGU_INDIKATIF)
APBD = frozenset({APBD_PERUBAHAN, APBD_MURNI})
LABEL = {
    APBD_PERUBAHAN: "APBD perubahan",
    APBD_MURNI: "APBD murni",
    RENJA: "pagu Renja yang ditetapkan",
    PAGU_INDIKATIF: "pagu indikatif Renstra",
}
_CARI = object()


_RENJA_DITETAPKAN = KueriTetap(
    lambda versi_id, tahun: RenstraVersi.objects.filter(
        asal_id=versi_id,
        jenis=RenstraVersi.Jenis.RENJA,
        tahun_mulai=tahun,
        status=RenstraVersi.Status.DITETAPKAN,
    ).order_by("-id")[:1]
)


def renja_ditetapkan(versi: RenstraVersi, tahun: int) -> RenstraVersi | None:
    """The adopted Renja of the year made from this version (the newest one), or None (one query,
    compiled once)."""
    return _RENJA_DITETAPKAN.pertama(versi.pk, tahun)


@dataclass(frozen=True)
class SelAnggaran:
    """The anggaran of one sub kegiatan × lokasi: its amount and where it comes from."""

    jumlah: Decimal
    dasar: str  # one of URUTAN
    sumber_dana: str = ""
    dokumen: str = ""
    demo: bool = False


@dataclass
class DasarAnggaran:
    """The year's anggaran of every sub kegiatan × lokasi, summed up the plan tree on demand."""

    r: Rencana
    tahun: int
    renja: RenstraVersi | None
    sel: dict[tuple[int, int | None], SelAnggaran]
    _memo: dict = field(default_factory=dict, repr=False)

    @cached_property
    def _per_node(self) -> dict[int, list[tuple[int | None, SelAnggaran]]]:
        hasil = defaultdict(list)
        for (node_id, lok), s in self.sel.items():
            hasil[node_id].append((lok, s))
        return hasil

    def _sel_node(self, node, lokasi_id) -> list[SelAnggaran]:
        """The cells a node's figure is made of: its own (sub kegiatan) or every one below it."""
        kunci = ("sel", node.pk, lokasi_id)
        if kunci in self._memo:
            return self._memo[kunci]
        if node.tingkat == T.SUB_KEGIATAN:
            hasil = [
                s for lok, s in self._per_node.get(node.pk, []) if lokasi_id == "semua" or lok == lokasi_id
            ]
        else:
            hasil = [s for anak in self.r.anak[node.pk] for s in self._sel_node(anak, lokasi_id)]
        self._memo[kunci] = hasil
        return hasil

    def jumlah(
        self, node, lokasi_id: int | None | str = "semua", *, hanya_apbd: bool = False
    ) -> Decimal | None:
        """The anggaran of a node (all lokasi, or one); None when no cell below it has one.

        ``hanya_apbd`` sums the appropriated cells only (T-C.24)."""
        daftar = [s.jumlah for s in self._sel_node(node, lokasi_id) if not hanya_apbd or s.dasar in APBD]
        return sum(daftar, NOL) if daftar else None

    def jumlah_dasar(
        self, node, lokasi_id: int | None | str = "semua"
    ) -> tuple[Decimal | None, tuple[str, ...]]:
        """``jumlah`` and ``dasar_node`` of a node at once (E.81 column 7 Rp and the bases it is made of)."""
        kunci = ("jumlah_dasar", node.pk, lokasi_id)
        hasil = self._memo.get(kunci)
        if hasil is None:
            jumlah, ada = self._jumlah_ada(node, lokasi_id)
            hasil = self._memo[kunci] = (jumlah, tuple(d for d in URUTAN if d in ada))
        return hasil

    def _jumlah_ada(self, node, lokasi_id: int | None | str) -> tuple[Decimal | None, frozenset]:
        """The sum of a node's cells and their bases, from its children's: each node is summed once
        (amounts of at most 20 digits add up exactly, so the grouping does not change the sum)."""
        kunci = ("jumlah_ada", node.pk, lokasi_id)
        hasil = self._memo.get(kunci)
        if hasil is None:
            if node.tingkat == T.SUB_KEGIATAN:
                daftar = self._sel_node(node, lokasi_id)
                jumlah = sum((s.jumlah for s in daftar), NOL) if daftar else None
                hasil = (jumlah, frozenset(s.dasar for s in daftar))
            else:
                jumlah, ada = None, frozenset()
                for anak in self.r.anak[node.pk]:
                    j, a = self._jumlah_ada(anak, lokasi_id)
                    if j is not None:
                        jumlah = (NOL if jumlah is None else jumlah) + j
                    ada |= a
                hasil = (jumlah, ada)
            self._memo[kunci] = hasil
        return hasil

    def dasar_node(self, node, lokasi_id: int | None | str = "semua") -> list[str]:
        """The bases a node's figure is made of, in ``URUTAN`` order."""
        ada = {s.dasar for s in self._sel_node(node, lokasi_id)}
        return [d for d in URUTAN if d in ada]

    def demo_node(self, node, lokasi_id: int | None | str = "semua") -> bool:
        """Some APBD cell below a node is demonstration data."""
        return any(s.demo for s in self._sel_node(node, lokasi_id))

    def tanpa_apbd(self, node, lokasi_id: int | None | str = "semua") -> int:
        """How many sub kegiatan × lokasi below a node have no APBD yet."""
        return sum(1 for s in self._sel_node(node, lokasi_id) if s.dasar not in APBD)

    @cached_property
    def hitung(self) -> Counter:
        return Counter(s.dasar for s in self.sel.values())

    @property
    def demo(self) -> bool:
        """Some APBD figure of the year is demonstration data."""
        return any(s.demo for s in self.sel.values())

    @property
    def ada_apbd(self) -> bool:
        return any(self.hitung[d] for d in APBD)

    def label(self, dasar: str) -> str:
        if dasar == RENJA and self.renja is not None:
            return f"pagu {self.renja.nama} (ditetapkan)"
        if dasar in APBD:
            return f"{LABEL[dasar]} {self.tahun}"
        return LABEL[dasar]

    @property
    def teks(self) -> str:
        """What the reports print under their tables, e.g. "Anggaran: APBD murni 2022 (Data demonstrasi)"."""
        demo = " (Data demonstrasi)" if self.demo else ""
        n = self.hitung
        if not n:
            return f"Anggaran {self.tahun}: belum ada pagu maupun APBD."
        if len(n) == 1:
            (d,) = n
            if d in APBD:
                return f"Anggaran: {self.label(d)}{demo}"
            return f"Anggaran {self.tahun}: {self.label(d)} — APBD belum diisi"
        bagian = ", ".join(f"{self.label(d)} untuk {n[d]}" for d in URUTAN if n[d])
        teks = f"Anggaran {self.tahun} per sub kegiatan × lokasi: {bagian} dari {sum(n.values())}{demo}"
        if all(d in APBD for d in n):
            # Murni and perubahan side by side: every cell has its APBD, none falls back to a pagu.
            return teks
        return (
            f"{teks}; yang belum mempunyai APBD memakai {self.label(RENJA if self.renja else PAGU_INDIKATIF)}"
        )


def dasar_anggaran(r: Rencana, tahun: int, *, renja: RenstraVersi | None | object = _CARI) -> DasarAnggaran:
    """The anggaran of every sub kegiatan × lokasi of ``r`` in ``tahun``, by the module's rule.

    ``renja``: the adopted Renja of the year when the caller has already looked it up (None: there
    is none); left out, it is looked up. Two queries (three with an adopted Renja).
    """
    if renja is _CARI:
        renja = renja_ditetapkan(r.versi, tahun)
    sel: dict[tuple[int, int | None], SelAnggaran] = {}
    sub = {n.pk for n in r.node if n.tingkat == T.SUB_KEGIATAN}
    if renja is not None:
        for (node_id, lok), jumlah in pagu_per_asal(renja.pk, tahun).items():
            if node_id in sub and jumlah is not None:
                sel[(node_id, lok)] = SelAnggaran(jumlah, RENJA)
    else:
        for p in r.pagu:
            if p.tahun == tahun and p.node_id in sub:
                sel[(p.node_id, p.lokasi_id)] = SelAnggaran(Decimal(p.jumlah), PAGU_INDIKATIF)
    for kunci, a in anggaran_berlaku_versi(r.versi.pk, tahun).items():
        if kunci[0] in sub:
            dasar = APBD_PERUBAHAN if a.tahap == Anggaran.Tahap.PERUBAHAN else APBD_MURNI
            sel[kunci] = SelAnggaran(a.jumlah, dasar, a.sumber_dana, a.dokumen, a.demo)
    return DasarAnggaran(r, tahun, renja, sel)
