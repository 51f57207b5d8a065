"""The plan's own growth rule for pagu from one year to the next."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from kinerja.core.angka import format_angka, format_rupiah
from kinerja.core.pembulatan import bulat
from kinerja.renstra.models import RenstraVersi
from kinerja.renstra.periksa.dasar import (
    PERINGATAN,
    RENCANA,
    TC27,
    DataPeriksa,
    T,
    Temuan,
    _baris_label,
    _baris_pagu,
    _nama_node,
    _tabel_rencana,
    aturan,
)


def _cek_deret(versi: RenstraVersi, deret: dict[int, Decimal]) -> list[tuple[int, Decimal, Decimal]]:
    """Years whose pagu is not the previous year's × (1 + laju), within rounding."""
    laju = versi.laju_pagu
    mulai = versi.laju_pagu_mulai or versi.tahun_rencana_awal
    salah = []
    tahun = sorted(y for y in deret if y >= mulai)
    for a, b in zip(tahun, tahun[1:], strict=False):
        if b != a + 1 or not deret[a] or not deret[b]:
            continue
        harap = deret[a] * (1 + laju)
        if abs(deret[b] - harap) > 2:
            salah.append((b, deret[b], harap))
    return salah


@aturan(kode=("LAJU_PAGU",), nama="Laju kenaikan pagu rencana", tingkat=(PERINGATAN,), tabel=(TC27, RENCANA))
def cek_laju_pagu(d: DataPeriksa) -> Iterator[Temuan]:
    r = d.rencana
    v = r.versi
    if v.laju_pagu is None:
        return
    persen = format_angka(v.laju_pagu * 100)
    deret: dict[tuple[int, int | None], dict[int, Decimal]] = defaultdict(dict)
    baris: dict[tuple[int, int | None], set[int]] = defaultdict(set)
    for p in r.pagu:
        deret[(p.node_id, p.lokasi_id)][p.tahun] = p.jumlah
        if p.sumber_baris:
            baris[(p.node_id, p.lokasi_id)].add(p.sumber_baris)
    for (node_id, lok), d_ in deret.items():
        salah = _cek_deret(v, d_)
        if salah:
            node = r.node_id[node_id]
            yield _temuan_laju(
                "rencana",
                _nama_node(node) + (f" · {r.unit[lok].nama_pendek}" if lok else ""),
                sorted(baris[(node_id, lok)]),
                salah,
                persen,
                node_id,
            )
    # printed totals of higher rows follow the same rule
    for tabel in _tabel_rencana(d):
        for b in d.cetak_tabel[tabel]:
            node = r.node_id.get(b.node_id) if b.node_id else None
            if node is None or node.tingkat == T.SUB_KEGIATAN or not b.sel.get("nama"):
                continue
            deret_cetak = {
                y: n.angka for y, n in _baris_pagu(b).items() if n.angka is not None and not n.terpotong
            }
            deret_data = {y: r.pagu_node(node, y) for y in deret_cetak}
            if _cek_deret(v, {y: x for y, x in deret_data.items() if x is not None}):
                continue  # its parts already break the rule (new or ended sub kegiatan): reported there
            salah = _cek_deret(v, deret_cetak)
            if salah:
                yield _temuan_laju(tabel, _baris_label(b, r), [b.baris], salah, persen, node.pk)


def _temuan_laju(tabel, label, baris, salah, persen, node_id) -> Temuan:
    rinci = "; ".join(
        f"{y}: {format_rupiah(nyata)} (seharusnya ± {format_rupiah(bulat(harap, 0))})"
        for y, nyata, harap in salah
    )
    y, nyata, harap = salah[0]
    return Temuan(
        code="LAJU_PAGU",
        severity=PERINGATAN,
        table=tabel,
        row=label,
        source_lines=baris,
        printed=format_rupiah(nyata),
        expected=format_rupiah(bulat(harap, 0)),
        message=f"Rencana ini menaikkan pagu {persen}% per tahun: pagu {y - 1} × {format_angka(1 + Decimal(persen) / 100, 2)} "
        f"= {format_rupiah(bulat(harap, 0))}, tercetak {format_rupiah(nyata)}. ({rinci})",
        node_id=node_id,
    )
