"""The cascade explorer: the plan tree with pagu and targets per year, and its grid.

``susun_kaskade`` builds the tree for a lokasi and years; ``ratakan_kaskade`` turns it into
rows in reading order; ``kaskade_html`` writes the grid directly (several thousand cells:
a template loop over them took longer than reading the plan).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from django.urls import reverse

from kinerja.core import angka
from kinerja.renstra.models import PlanNode
from kinerja.renstra.selectors import Rencana

T = PlanNode.Tingkat
NOL = Decimal(0)


@dataclass
class SimpulKaskade:
    node: PlanNode
    pagu: list[Decimal | None]
    baris_indikator: list[dict] = field(default_factory=list)
    anak: list[SimpulKaskade] = field(default_factory=list)

    @property
    def jumlah_pagu(self) -> Decimal | None:
        ada = [p for p in self.pagu if p is not None]
        return sum(ada, NOL) if ada else None


def susun_kaskade(
    r: Rencana, tahun: list[int], lokasi: str | int | None
) -> tuple[list[SimpulKaskade], list[Decimal]]:
    """The tree with pagu per year (restricted to one lokasi or not) and indicator rows."""
    urutan_lokasi = {u.pk: i for i, u in enumerate(r.lokasi)}

    def pagu(node, y):
        if lokasi == "semua":
            return r.pagu_node(node, y)
        return r.pagu_node(node, y, lokasi)

    def bangun(node) -> SimpulKaskade | None:
        anak = [a for a in (bangun(x) for x in r.anak[node.pk]) if a is not None]
        nilai = [pagu(node, y) for y in tahun]
        baris = []
        for ind in r.indikator.get(node.pk, []):
            per_lokasi = r.target_per_indikator.get(ind.pk, {})
            daftar_lok = [lok for lok in per_lokasi if lokasi == "semua" or lok == lokasi or lok is None]
            daftar_lok.sort(key=lambda x: urutan_lokasi.get(x, -1))
            for lok in daftar_lok:
                target = [r.target_teks(ind, lok, y) for y in tahun]
                if not any(target):
                    continue
                akhir = r.kondisi_akhir(ind, lok, tahun)
                baris.append(
                    {
                        "ind": ind,
                        "lokasi": r.lokasi_label(lok) if lok else "",
                        "awal": r.awal_teks(ind, lok),
                        "target": target,
                        "akhir": akhir.teks if akhir else "",
                    }
                )
        if (
            lokasi != "semua"
            and node.tingkat == T.SUB_KEGIATAN
            and not any(v is not None for v in nilai)
            and not baris
        ):
            return None
        if node.tingkat > T.SASARAN and not anak and not baris and not any(v is not None for v in nilai):
            return None
        return SimpulKaskade(node, nilai, baris, anak)

    akar = [a for a in (bangun(n) for n in r.akar()) if a is not None]
    total = [sum((x for a in akar for x in [a.pagu[i]] if x is not None), NOL) for i in range(len(tahun))]
    return akar, total


@dataclass
class BarisKaskade:
    """One row of the cascade grid: an element (with its pagu) or one of its indicator rows."""

    simpul: SimpulKaskade
    # The element rows above this row, space-separated, so the page can fold a branch.
    jalur: str
    indikator: dict | None = None
    terbuka: bool = False
    tersembunyi: bool = False

    @property
    def punya_isi(self) -> bool:
        return bool(self.simpul.anak or self.simpul.baris_indikator)


def ratakan_kaskade(akar: list[SimpulKaskade], *, buka_sampai: int = T.PROGRAM) -> list[BarisKaskade]:
    """The tree as grid rows in reading order; elements down to ``buka_sampai`` start unfolded."""
    hasil: list[BarisKaskade] = []

    def jalan(s: SimpulKaskade, leluhur: list[int], tertutup: bool) -> None:
        jalur = " ".join(map(str, leluhur))
        terbuka = s.node.tingkat <= buka_sampai
        hasil.append(BarisKaskade(s, jalur, terbuka=terbuka, tersembunyi=tertutup))
        sendiri = [*leluhur, s.node.pk]
        jalur_anak = " ".join(map(str, sendiri))
        for b in s.baris_indikator:
            hasil.append(BarisKaskade(s, jalur_anak, indikator=b, tersembunyi=tertutup or not terbuka))
        for a in s.anak:
            jalan(a, sendiri, tertutup or not terbuka)

    for s in akar:
        jalan(s, [], False)
    return hasil


def _nilai(teks: str) -> str:
    """A target as written, in canonical Indonesian form (as the 'nilai' template filter)."""
    if not teks:
        return ""
    n = angka.baca(teks)
    return angka.format_nilai(n) if n.jenis in (angka.ANGKA, angka.PERSEN, angka.LABEL) else n.teks


def _rp(v: Decimal | None) -> str:
    return "–" if v is None else angka.format_rupiah(v)


def _sel_tahun(teks: str, label: str) -> str:
    """An amount cell that names its year for a screen reader reading the row (WCAG 1.3.1)."""
    return f'<td class="num"><span class="hanya-pembaca">{label}: </span>{teks}</td>'


def _baris_unsur(b: BarisKaskade, lokasi: str, ubah: str, akhir: bool, tahun: list[int]) -> str:
    s, n = b.simpul, b.simpul.node
    tersembunyi = " hidden" if b.tersembunyi else ""
    if b.punya_isi:
        label = escape(f"Buka atau tutup {n.get_tingkat_display().lower()} {n.kode or n.nama}")
        tombol = (
            f'<button type="button" class="buka-tutup" aria-expanded="{"true" if b.terbuka else "false"}" '
            f'aria-label="{label}"></button>'
        )
    else:
        tombol = '<span class="buka-tutup kosong"></span>'
    kode = f"<code>{escape(n.kode)}</code> " if n.kode else ""
    tautan = f' <a class="kecil jangan-cetak" href="{ubah}">ubah</a>' if ubah else ""
    pagu = "".join(_sel_tahun(_rp(p), f"Pagu {y}") for p, y in zip(s.pagu, tahun, strict=False))
    if akhir:
        pagu += _sel_tahun(_rp(s.jumlah_pagu), "Pagu akhir periode")
    return (
        f'<tr class="unsur t{n.tingkat}" data-node="{n.pk}" data-jalur="{b.jalur}"{tersembunyi}>'
        f'<th scope="row" class="nama-unsur">{tombol}<span class="lencana tingkat">{n.get_tingkat_display()}</span> '
        f'{kode}<span class="nama">{escape(n.nama)}</span>{tautan}</th>'
        f'<td class="kecil">Rp</td><td>{escape(lokasi)}</td><td></td>{pagu}</tr>'
    )


def _baris_indikator(b: BarisKaskade, ubah: str, akhir: bool, tahun: list[int]) -> str:
    i, n = b.indikator, b.simpul.node
    tersembunyi = " hidden" if b.tersembunyi else ""
    tautan = f' <a class="kecil jangan-cetak" href="{ubah}">ubah</a>' if ubah else ""
    target = "".join(
        _sel_tahun(escape(_nilai(x)), f"Target {y}") for x, y in zip(i["target"], tahun, strict=False)
    )
    if akhir:
        target += _sel_tahun(escape(_nilai(i["akhir"])), "Target akhir periode")
    return (
        f'<tr class="indikator t{n.tingkat}" data-jalur="{b.jalur}"{tersembunyi}>'
        f'<td class="nama-indikator">{escape(i["ind"].nama)}{tautan}</td><td>{escape(i["ind"].satuan)}</td>'
        f"<td>{escape(i['lokasi'] or '—')}</td><td>{escape(_nilai(i['awal']))}</td>{target}</tr>"
    )


def kaskade_html(
    baris: list[BarisKaskade], *, tahun: list[int], versi_id: int, nama_lokasi: str, ubah: bool
) -> str:
    """The grid's body rows; with ``ubah`` every element and indicator links to its editor."""
    akhir = len(tahun) > 1
    keluar = []
    for b in baris:
        if b.indikator is None:
            url = reverse("renstra:ubah_unsur", args=[versi_id, b.simpul.node.pk]) if ubah else ""
            keluar.append(_baris_unsur(b, nama_lokasi, url, akhir, tahun))
        else:
            url = reverse("renstra:ubah_indikator", args=[versi_id, b.indikator["ind"].pk]) if ubah else ""
            keluar.append(_baris_indikator(b, url, akhir, tahun))
    return "\n".join(keluar)
