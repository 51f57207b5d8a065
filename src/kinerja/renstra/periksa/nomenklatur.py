"""Codes and names against the national nomenclature, and where an element is printed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from kinerja.renstra import nomenklatur as nmk
from kinerja.renstra.models import Nomenklatur, PlanNode
from kinerja.renstra.periksa.dasar import (
    GALAT,
    INFO,
    PERINGATAN,
    RENCANA,
    TC27,
    DataPeriksa,
    T,
    Temuan,
    _nama_node,
    _tabel_rencana,
    aturan,
)


@aturan(
    kode=("NOMENKLATUR_KODE", "NOMENKLATUR_LAMA", "NOMENKLATUR_INDUK", "NOMENKLATUR_NAMA"),
    nama="Kode dan nama menurut nomenklatur",
    tingkat=(GALAT, PERINGATAN, INFO),
    tabel=(RENCANA, TC27),
)
def cek_nomenklatur(d: DataPeriksa) -> Iterator[Temuan]:
    """Each program, kegiatan and sub kegiatan of the plan: a code the nomenclature knows (or
    an old code it replaced), under the parent its code names, with the nomenclature's name."""
    r = d.rencana
    ejaan = _ejaan_tercetak(d)
    for node in r.node:
        if node.tingkat < T.PROGRAM:
            continue
        if not node.kode:
            yield _tanpa_kode(node)
            continue
        entri = d.nomenklatur.get(nmk.kode_nasional(node.kode, r.pd.kode_bidang))
        baris_node = sorted({x for s in ejaan[node.pk].values() for x in s})
        if entri is None:
            yield _kode_tak_dikenal(d, node, baris_node)
            continue
        yield from _induk_menurut_kode(d, node, baris_node)
        yield from _nama_menurut_nomenklatur(d, node, entri, ejaan[node.pk])


def _ejaan_tercetak(d: DataPeriksa) -> dict[int, dict[str, set[int]]]:
    """Element → each name a T-C.27 table prints for it → the lines that print it so."""
    ejaan: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for b in d.cetak:
        if b.node_id and b.sel.get("nama") and b.identitas == TC27:
            ejaan[b.node_id][b.sel["nama"]].add(b.baris)
    return ejaan


def _tanpa_kode(node: PlanNode) -> Temuan:
    return Temuan(
        code="NOMENKLATUR_KODE",
        severity=PERINGATAN,
        table="rencana",
        row=_nama_node(node),
        source_lines=[],
        printed="(tanpa kode)",
        expected="kode nomenklatur",
        message=f"{node.get_tingkat_display()} '{node.nama}' tidak berkode, sehingga tidak dapat dicocokkan dengan nomenklatur.",
        node_id=node.pk,
    )


def _kode_tak_dikenal(d: DataPeriksa, node: PlanNode, baris_node: list[int]) -> Temuan:
    """A code absent from the nomenclature: an old code it replaced, or no code at all."""
    # the code's own bidang where the PD's is not filled in (7.01.01… ↔ X.XX.01…)
    bidang = d.rencana.pd.kode_bidang or ".".join(node.kode.split(".")[:2])
    nas = nmk.kode_nasional(node.kode, bidang)
    lama = d.nomenklatur_lama.get(nas)
    if lama is not None:
        return Temuan(
            code="NOMENKLATUR_LAMA",
            severity=PERINGATAN,
            table="rencana",
            row=_nama_node(node),
            source_lines=baris_node,
            printed=f"{node.kode} {node.nama}",
            expected=f"{nmk.kode_pd(lama.kode, bidang)} {lama.nama}",
            message=f"Kode {node.kode} sudah diganti dalam nomenklatur revisi {nmk.REVISI} menjadi "
            f"{nmk.kode_pd(lama.kode, bidang)} '{lama.nama}'.",
            node_id=node.pk,
        )
    return Temuan(
        code="NOMENKLATUR_KODE",
        severity=GALAT,
        table="rencana",
        row=_nama_node(node),
        source_lines=baris_node,
        printed=node.kode,
        expected="kode yang ada di nomenklatur",
        message=f"Kode {node.kode} ({nas}) tidak ada dalam nomenklatur revisi {nmk.REVISI}{_daftar_lama(d)}.",
        node_id=node.pk,
    )


def _daftar_lama(d: DataPeriksa) -> str:
    """Kinerja holds only the list of budget year REVISI: a plan starting earlier may have used an
    earlier list, in which the code may have been valid."""
    v = d.versi
    if v.tahun_mulai >= int(nmk.REVISI):
        return ""
    return (
        f", satu-satunya daftar yang dimuat Kinerja; rencana {v.tahun_mulai}–{v.tahun_akhir} mungkin disusun "
        "dengan nomenklatur yang berlaku sebelumnya — periksa kode ini pada daftar itu"
    )


def _induk_menurut_kode(d: DataPeriksa, node: PlanNode, baris_node: list[int]) -> Iterator[Temuan]:
    """A kegiatan or sub kegiatan whose code belongs to another parent than the plan's."""
    induk = d.rencana.node_id.get(node.induk_id)
    if (
        node.tingkat > T.PROGRAM
        and induk is not None
        and induk.kode
        and nmk.kode_induk(node.kode) != induk.kode
    ):
        yield Temuan(
            code="NOMENKLATUR_INDUK",
            severity=GALAT,
            table="rencana",
            row=_nama_node(node),
            source_lines=baris_node,
            printed=f"di bawah {induk.kode}",
            expected=f"di bawah {nmk.kode_induk(node.kode)}",
            message=f"Menurut kodenya, {node.kode} termasuk {nmk.kode_induk(node.kode)}, tetapi rencana menempatkannya di bawah {induk.kode}.",
            node_id=node.pk,
        )


def _nama_menurut_nomenklatur(
    d: DataPeriksa, node: PlanNode, entri: Nomenklatur, ejaan: dict[str, set[int]]
) -> Iterator[Temuan]:
    """The plan's name and each printed spelling of it, against the nomenclature's name."""
    nama_daftar = {node.nama: set(), **ejaan}
    for nama, baris in nama_daftar.items():
        if nmk.kunci_nama(nama) != nmk.kunci_nama(entri.nama):
            yield Temuan(
                code="NOMENKLATUR_NAMA",
                severity=INFO,
                table="rencana"
                if not baris
                else ", ".join(
                    sorted({b.tabel for b in d.cetak if b.node_id == node.pk and b.sel.get("nama") == nama})
                ),
                row=_nama_node(node),
                source_lines=sorted(baris),
                printed=nama,
                expected=entri.nama,
                message=f"Nama {node.get_tingkat_display().lower()} {node.kode} berbeda dengan nomenklatur revisi {nmk.REVISI}: "
                f"'{entri.nama}'.",
                node_id=node.pk,
            )


@aturan(kode=("NOMENKLATUR_INDUK",), nama="Induk tempat unsur tercetak", tingkat=(PERINGATAN,), tabel=(TC27,))
def cek_penempatan_cetak(d: DataPeriksa) -> Iterator[Temuan]:
    """An element printed under another parent than its code says (document layout)."""
    r = d.rencana
    for tabel in _tabel_rencana(d):
        induk_cetak: dict[int, PlanNode] = {}
        sudah = set()
        for b in d.cetak_tabel[tabel]:
            node = r.node_id.get(b.node_id) if b.node_id else None
            if node is None or not b.sel.get("nama"):
                continue
            induk_cetak[node.tingkat] = node
            for t in range(node.tingkat + 1, T.SUB_KEGIATAN + 1):
                induk_cetak.pop(t, None)
            atas = induk_cetak.get(node.tingkat - 1)
            if (
                atas is None
                or node.induk_id == atas.pk
                or node.tingkat <= T.SASARAN
                or (node.pk, atas.pk) in sudah
            ):
                continue
            sudah.add((node.pk, atas.pk))
            induk = r.node_id[node.induk_id]
            yield Temuan(
                code="NOMENKLATUR_INDUK",
                severity=PERINGATAN,
                table=tabel,
                row=_nama_node(node),
                source_lines=[b.baris],
                printed=f"di bawah {atas.kode or atas.nama}",
                expected=f"di bawah {induk.kode or induk.nama}",
                message=f"Tabel {tabel} mencetak {node.get_tingkat_display().lower()} ini di bawah {_nama_node(atas)}, "
                f"padahal menurut {'rencana' if node.tingkat == T.PROGRAM else 'kodenya'} ia milik {_nama_node(induk)}; "
                "jumlah pagu induk di tabel ikut bergeser.",
                node_id=node.pk,
            )
