"""What the base plans for a workbook's years that the workbook does not show.

Each such thing is a ``Kandidat`` for removal: listed as "tidak ada di buku kerja" and
removed only when the user ticks it.  An element that also has plans in other years
keeps existing; only its targets and pagu of the workbook's years go.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from kinerja.core import angka
from kinerja.renstra import nomenklatur as nmk
from kinerja.renstra.models import PlanNode

if TYPE_CHECKING:
    from kinerja.renstra.impor.gabung import Gabung

T = PlanNode.Tingkat
NOL = Decimal(0)


@dataclass
class Kandidat:
    """Something the base plans for the workbook's years that the workbook does not show."""

    kunci: str  # stable while the base is unchanged: "u:12", "i:34", "t:34:0", "p:12:5", "a:34:0"
    jenis: str  # unsur, isi unsur, indikator, isi indikator, target, pagu, kondisi awal
    unsur: str
    indikator: str = ""
    lokasi: str = ""
    rincian: str = ""
    pagu: dict[int, Decimal] = field(default_factory=dict)  # pagu removed per year when ticked
    aksi: tuple = ()


class PencariKandidat:
    """What the base shows for the workbook's years and the workbook does not."""

    def __init__(self, g: Gabung):
        self.g, self.b, self.th = g, g.b, set(g.tahun)
        self.hasil: list[Kandidat] = []
        self.w_target = {
            (g.ind_ke[(x.node, nmk.kunci_nama(x.indikator))], x.lokasi_id, y)
            for x in g.buku.baris
            if x.indikator
            for y in g.tahun
            if not x.k[y].kosong
        }
        self.w_awal = {
            (g.ind_ke[(x.node, nmk.kunci_nama(x.indikator))], x.lokasi_id)
            for x in g.buku.baris
            if x.indikator and not x.data_awal.kosong
        }
        self.cakup_ind = {k[0] for k in g.cakup_baris}
        self.awal_ind: dict[int, list] = defaultdict(list)
        for (ind, lok), a in self.b.awal.items():
            self.awal_ind[ind].append((lok, a))

    def cari(self) -> list[Kandidat]:
        b = self.b
        cakup_pohon = self._cakup_pohon()
        for n in b.node:
            if n.pk in self.g.node_cocok:
                self._isi_node(n)
            elif n.pk in cakup_pohon and (n.induk_id is None or n.induk_id in self.g.node_cocok):
                self._node(n)
        return self.hasil

    def _cakup_pohon(self) -> set[int]:
        """Nodes the workbook's years show, with every ancestor of one."""
        hasil = set()
        for pk in self.g.cakup_node:
            while pk is not None and pk not in hasil:
                hasil.add(pk)
                pk = self.b.node_id[pk].induk_id
        return hasil

    def _label(self, n) -> str:
        return f"{n.get_tingkat_display()} {n.kode + ' ' if n.kode else ''}{n.nama}"

    def _lokasi(self, lok) -> str:
        return self.b.lokasi_label(lok) or "tanpa lokasi"

    def _luar_tahun(self, node_pk: set[int], ind_pk: set[int]) -> list[int]:
        b = self.b
        tahun = {k[2] for k in b.target if k[0] in ind_pk and k[2] not in self.th}
        tahun |= {p.tahun for p in b.pagu if p.node_id in node_pk and p.tahun not in self.th}
        return sorted(tahun)

    def _node(self, n) -> None:
        b = self.b
        pohon = {n.pk} | {x.pk for x in b.keturunan(n)}
        ind = {i.pk for pk in pohon for i in b.indikator.get(pk, [])}
        target = [k for k in b.target if k[0] in ind and k[2] in self.th]
        pagu = [p for p in b.pagu if p.node_id in pohon and p.tahun in self.th]
        per_tahun: dict[int, Decimal] = defaultdict(lambda: NOL)
        for p in pagu:
            per_tahun[p.tahun] += Decimal(p.jumlah)
        luar = self._luar_tahun(pohon, ind)
        rinci = f"{len(ind)} indikator, {len(target)} target, {len(pagu)} pagu tahun {self._rentang()}"
        if luar:
            rinci += f"; unsurnya tetap karena ada rencana tahun {', '.join(map(str, luar))}"
        self.hasil.append(
            Kandidat(
                f"u:{n.pk}",
                "isi unsur" if luar else "unsur",
                self._label(n),
                rincian=rinci,
                pagu=dict(per_tahun),
                aksi=("isi_unsur" if luar else "unsur", {n.pk}),
            )
        )

    def _rentang(self) -> str:
        t = self.g.tahun
        return f"{t[0]}–{t[-1]}" if len(t) > 1 else str(t[0])

    def _isi_node(self, n) -> None:
        b, g = self.b, self.g
        label = self._label(n)
        for i in b.indikator.get(n.pk, []):
            if i.pk not in g.ind_cocok:
                if i.pk in self.cakup_ind:
                    self._indikator(n, i, label)
                continue
            self._nilai(i, label)
        if n.tingkat == T.SUB_KEGIATAN:
            self._pagu(n, label)

    def _indikator(self, n, i, label: str) -> None:
        target = [k for k in self.b.target if k[0] == i.pk and k[2] in self.th]
        luar = self._luar_tahun(set(), {i.pk})
        rinci = f"{len(target)} target tahun {self._rentang()}"
        if luar:
            rinci += f"; indikatornya tetap karena ada target tahun {', '.join(map(str, luar))}"
        self.hasil.append(
            Kandidat(
                f"i:{i.pk}",
                "isi indikator" if luar else "indikator",
                label,
                indikator=i.nama,
                rincian=rinci,
                aksi=("isi_indikator" if luar else "indikator", {i.pk}),
            )
        )

    def _nilai(self, i, label: str) -> None:
        b, g = self.b, self.g
        hilang: dict = defaultdict(list)
        for lok, tahun in b.target_per_indikator.get(i.pk, {}).items():
            for y in tahun & self.th:
                k = (i.pk, lok, y)
                if (i.pk, lok) in g.cakup_baris and b.target[k].teks.strip() and k not in self.w_target:
                    hilang[lok].append(y)
        for lok, tahun in sorted(hilang.items(), key=lambda x: (x[0] is not None, x[0] or 0)):
            tahun.sort()
            self.hasil.append(
                Kandidat(
                    f"t:{i.pk}:{lok or 0}",
                    "target",
                    label,
                    indikator=i.nama,
                    lokasi=self._lokasi(lok),
                    rincian="; ".join(f"{y}: {b.target[(i.pk, lok, y)].teks}" for y in tahun),
                    aksi=("target", {(i.pk, lok, y) for y in tahun}),
                )
            )
        for lok, a in self.awal_ind.get(i.pk, []):
            ind = i.pk
            if (ind, lok) in g.cakup_baris and a.teks.strip() and (ind, lok) not in self.w_awal:
                self.hasil.append(
                    Kandidat(
                        f"a:{ind}:{lok or 0}",
                        "kondisi awal",
                        label,
                        indikator=i.nama,
                        lokasi=self._lokasi(lok),
                        rincian=a.teks,
                        aksi=("awal", {(ind, lok)}),
                    )
                )

    def _pagu(self, n, label: str) -> None:
        g = self.g
        hilang: dict = defaultdict(list)
        for p in self.b.pagu:
            if (
                p.node_id == n.pk
                and p.tahun in self.th
                and (n.pk, p.lokasi_id) in g.cakup_pagu
                and (n.pk, p.lokasi_id, p.tahun) not in g.pagu_tulis
            ):
                hilang[p.lokasi_id].append(p)
        for lok, daftar in sorted(hilang.items(), key=lambda x: (x[0] is not None, x[0] or 0)):
            daftar.sort(key=lambda p: p.tahun)
            self.hasil.append(
                Kandidat(
                    f"p:{n.pk}:{lok or 0}",
                    "pagu",
                    label,
                    lokasi=self._lokasi(lok),
                    rincian="; ".join(f"{p.tahun}: Rp{angka.format_rupiah(p.jumlah)}" for p in daftar),
                    pagu={p.tahun: Decimal(p.jumlah) for p in daftar},
                    aksi=("pagu", {(n.pk, lok, p.tahun) for p in daftar}),
                )
            )
