"""Rows and cells: duplicated, empty, missing, and cells the conversion damaged."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from kinerja.core import angka
from kinerja.core.angka import format_angka, format_rupiah
from kinerja.renstra.models import BarisCetak, PlanNode
from kinerja.renstra.periksa.dasar import (
    GALAT,
    INFO,
    PERINGATAN,
    RENCANA,
    TABEL_CETAK,
    TC27,
    Cetak,
    DataPeriksa,
    T,
    Temuan,
    _baris_label,
    _baris_pagu,
    _gabung,
    _nama_node,
    _rp,
    _tabel_rencana,
    _tahun_cetak,
    aturan,
)


@aturan(kode=("BARIS_GANDA",), nama="Baris ganda", tingkat=(GALAT, PERINGATAN), tabel=(TC27,))
def cek_baris_ganda(d: DataPeriksa) -> Iterator[Temuan]:
    r = d.rencana
    for tabel in _tabel_rencana(d):
        sidik: dict[tuple, list[BarisCetak]] = defaultdict(list)
        tempat: dict[tuple, list[BarisCetak]] = defaultdict(list)
        for b in d.cetak_tabel[tabel]:
            node = r.node_id.get(b.node_id) if b.node_id else None
            if node is None or node.tingkat != T.SUB_KEGIATAN:
                continue
            if b.indikator_id:
                tempat[(b.node_id, b.indikator_id, b.lokasi_id)].append(b)
            pagu = tuple((y, n.angka) for y, n in _baris_pagu(b).items() if n.angka)
            if len(pagu) >= 2:
                sidik[(b.sel.get("indikator", "").casefold(), pagu)].append(b)
        for (_nama, pagu), daftar in sidik.items():
            if len(daftar) < 2:
                continue
            yield Temuan(
                code="BARIS_GANDA",
                severity=PERINGATAN,
                table=tabel,
                row=" / ".join(_baris_label(b, r) for b in daftar),
                source_lines=[b.baris for b in daftar],
                printed=", ".join(format_rupiah(p[1]) for p in pagu[:2]) + ("…" if len(pagu) > 2 else ""),
                expected="pagu tiap lokasi direncanakan sendiri",
                message=f"{len(daftar)} baris (baris {', '.join(str(b.baris) for b in daftar)}) mencetak indikator dan deret pagu "
                "yang persis sama; kemungkinan baris disalin tanpa diubah.",
            )
        for (node_id, _ind_id, lok), daftar in tempat.items():
            if len(daftar) > 1 and lok is not None:
                yield Temuan(
                    code="BARIS_GANDA",
                    severity=GALAT,
                    table=tabel,
                    row=_baris_label(daftar[0], r),
                    source_lines=[b.baris for b in daftar],
                    printed=f"{len(daftar)} baris",
                    expected="1 baris",
                    message=f"Indikator yang sama untuk lokasi yang sama tercetak {len(daftar)} kali; "
                    "rencana hanya memakai baris pertama.",
                    node_id=node_id,
                )


@aturan(
    kode=("BARIS_GANDA",),
    nama="Lokasi yang direncanakan persis sama",
    tingkat=(PERINGATAN,),
    tabel=(RENCANA,),
)
def cek_lokasi_kembar(d: DataPeriksa) -> Iterator[Temuan]:
    """Two or more lokasi of one sub kegiatan with the same pagu series and the same targets in
    the plan's own data, whatever its source: a row copied without change. A sub kegiatan a
    T-C.27 table prints is left to ``cek_baris_ganda``, which reports the printed rows."""
    r = d.rencana
    tercetak = {b.node_id for t in _tabel_rencana(d) for b in d.cetak_tabel[t] if b.node_id}
    deret: dict[tuple[int, int], dict[int, Decimal]] = defaultdict(dict)
    baris: dict[tuple[int, int], set[int]] = defaultdict(set)
    for p in r.pagu:
        if p.lokasi_id is None or not p.jumlah or p.node_id in tercetak:
            continue
        deret[(p.node_id, p.lokasi_id)][p.tahun] = p.jumlah
        if p.sumber_baris:
            baris[(p.node_id, p.lokasi_id)].add(p.sumber_baris)
    target_lokasi: dict[tuple[int, int | None], list[tuple[int, str]]] = defaultdict(list)
    for (i, lok, y), t in r.target.items():
        target_lokasi[(i, lok)].append((y, t.teks))
    kelompok: dict[tuple, list[int]] = defaultdict(list)
    for (node_id, lok), tahunan in deret.items():
        if len(tahunan) < 2:
            continue
        target = tuple((i.pk, *sorted(target_lokasi[(i.pk, lok)])) for i in r.indikator.get(node_id, []))
        kelompok[(node_id, tuple(sorted(tahunan.items())), target)].append(lok)
    for (node_id, tahunan, _target), daftar in kelompok.items():
        if len(daftar) < 2:
            continue
        node = r.node_id[node_id]
        nama_lokasi = [r.unit[lok].nama_pendek for lok in daftar]
        yield Temuan(
            code="BARIS_GANDA",
            severity=PERINGATAN,
            table="rencana",
            row=" / ".join(f"{_nama_node(node)} · {nama}" for nama in nama_lokasi),
            source_lines=sorted({x for lok in daftar for x in baris[(node_id, lok)]}),
            printed=", ".join(format_rupiah(p) for _, p in tahunan[:2]) + ("…" if len(tahunan) > 2 else ""),
            expected="pagu tiap lokasi direncanakan sendiri",
            message=f"{len(daftar)} lokasi ({', '.join(nama_lokasi)}) mempunyai deret pagu "
            f"({'; '.join(f'{y}: {format_rupiah(p)}' for y, p in tahunan)}) dan target yang persis sama; "
            "kemungkinan baris disalin tanpa diubah.",
            node_id=node_id,
        )


@aturan(
    kode=("BARIS_KOSONG", "SEL_KOSONG", "LOKASI_KOSONG"),
    nama="Target, pagu dan lokasi yang tidak terisi",
    tingkat=(PERINGATAN,),
    tabel=(TC27,),
)
def cek_sel_kosong(d: DataPeriksa) -> Iterator[Temuan]:
    """Rows with a target but no pagu (or the reverse), empty rows, empty lokasi."""
    r = d.rencana
    for tabel in _tabel_rencana(d):
        # A plan that names no lokasi anywhere in this table plans by PD, not by lokasi: nothing lacks.
        ada_lokasi = any(b.lokasi_id for b in d.cetak_tabel[tabel])
        for b in d.cetak_tabel[tabel]:
            node = r.node_id.get(b.node_id) if b.node_id else None
            if node is not None:
                yield from _sel_kosong_baris(d, tabel, b, node, ada_lokasi)


def _sel_kosong_baris(
    d: DataPeriksa, tabel: str, b: Cetak, node: PlanNode, ada_lokasi: bool = True
) -> Iterator[Temuan]:
    """One printed row of a T-C.27 table: at most one finding of an empty row or of an empty
    target in a one-year table; otherwise K or Rp cells without their pair, and an empty lokasi."""
    if _baris_tanpa_angka(d, tabel, b, node):
        yield _temuan_baris_kosong(d, tabel, b, node)
        return
    if d.setahun(tabel):
        if b.sel.get("indikator") and angka.baca(b.sel.get("target", "")).jenis == angka.KOSONG:
            yield _temuan_target_kosong(d, tabel, b, node)
        return
    if node.tingkat < T.SUB_KEGIATAN:
        return
    tahunan = _tahun_cetak(b)
    kosong = _sel_tanpa_pasangan(tahunan)
    if kosong:
        yield Temuan(
            code="SEL_KOSONG",
            severity=PERINGATAN,
            table=tabel,
            row=_baris_label(b, d.rencana),
            source_lines=[b.baris],
            printed=", ".join(kosong) + " kosong",
            expected="K dan Rp tiap tahun",
            message=f"Baris ini mengisi target atau pagu sebagian tahun saja: sel {', '.join(kosong)} kosong "
            "padahal pasangannya terisi.",
            node_id=node.pk,
        )
    if ada_lokasi and b.lokasi_id is None and any(v for v in tahunan.values()):
        yield _temuan_lokasi_kosong(d, tabel, b, node)


def _baris_tanpa_angka(d: DataPeriksa, tabel: str, b: Cetak, node: PlanNode) -> bool:
    """A sub kegiatan row of a multi-year table that prints an indicator and no K or Rp at all."""
    return bool(
        node.tingkat == T.SUB_KEGIATAN
        and b.sel.get("indikator")
        and all(
            angka.baca(k).jenis == angka.KOSONG and _rp(rp).jenis == angka.KOSONG
            for k, rp in _tahun_cetak(b).values()
        )
        and not d.setahun(tabel)
    )


def _temuan_baris_kosong(d: DataPeriksa, tabel: str, b: Cetak, node: PlanNode) -> Temuan:
    return Temuan(
        code="BARIS_KOSONG",
        severity=PERINGATAN,
        table=tabel,
        row=_baris_label(b, d.rencana),
        source_lines=[b.baris],
        printed="(tidak ada angka)",
        expected="target dan pagu",
        message="Baris sub kegiatan ini mencetak indikator tanpa satu pun target atau pagu.",
        node_id=node.pk,
    )


def _temuan_target_kosong(d: DataPeriksa, tabel: str, b: Cetak, node: PlanNode) -> Temuan:
    return Temuan(
        code="SEL_KOSONG",
        severity=PERINGATAN,
        table=tabel,
        row=_baris_label(b, d.rencana, b.sel["indikator"]),
        source_lines=[b.baris],
        printed="(kosong)",
        expected="target",
        message=f"Indikator '{b.sel['indikator']}' tercetak tanpa target {b.sel.get('tahun', '')}.",
        node_id=node.pk,
    )


def _sel_tanpa_pasangan(tahunan: dict[int, tuple[str, str]]) -> list[str]:
    """The cells ("Rp 2023", "K 2024") left empty in a year whose other cell holds a positive number."""
    kosong = []
    for y, (k, rp) in tahunan.items():
        kk, rr = angka.baca(_gabung(k)), _rp(rp)
        if kk.jenis != angka.KOSONG and rr.jenis == angka.KOSONG and (kk.angka or 0) > 0:
            kosong.append(f"Rp {y}")
        elif kk.jenis == angka.KOSONG and rr.jenis not in (angka.KOSONG, angka.STRIP) and (rr.angka or 0) > 0:
            kosong.append(f"K {y}")
    return kosong


def _temuan_lokasi_kosong(d: DataPeriksa, tabel: str, b: Cetak, node: PlanNode) -> Temuan:
    """A sub kegiatan row with figures and no lokasi; names the lokasi no other row of it prints."""
    r = d.rencana
    saudara = {x.lokasi_id for x in d.cetak_tabel[tabel] if x.node_id == b.node_id and x.lokasi_id}
    sisa = [u.nama_pendek for u in r.lokasi if u.pk not in saudara]
    if not saudara:
        alasan = (
            "; sub kegiatan ini tidak mempunyai satu pun baris berlokasi, padahal sub kegiatan lain di tabel "
            "ini mencantumkan lokasinya."
        )
    elif len(sisa) == 1:
        alasan = (
            f"; lokasi lain sub kegiatan ini sudah lengkap kecuali {sisa[0]}, jadi kemungkinan {sisa[0]}."
        )
    elif not sisa:
        alasan = (
            f"; semua {len(r.lokasi)} lokasi sudah mempunyai baris lain, jadi baris ini kemungkinan berlebih."
        )
    else:
        alasan = "."
    return Temuan(
        code="LOKASI_KOSONG",
        severity=PERINGATAN,
        table=tabel,
        row=_baris_label(b, r),
        source_lines=[b.baris],
        printed="(kosong)",
        expected=sisa[0] if saudara and len(sisa) == 1 else "lokasi",
        message="Lokasi baris ini tidak tercetak" + alasan,
        node_id=node.pk,
    )


@aturan(
    kode=("SEL_TAK_TERBACA", "SEL_TERBELAH", "ANGKA_TERPOTONG"),
    nama="Sel yang rusak oleh konversi",
    tingkat=(PERINGATAN, INFO),
    tabel=(*TABEL_CETAK,),
)
def cek_sel_cetak(d: DataPeriksa) -> Iterator[Temuan]:
    """Cells the conversion damaged: unreadable, cut short, or split over two cells."""
    r = d.rencana
    terpotong: dict[str, list] = defaultdict(list)
    for b in d.cetak:
        for k, v in b.sel.items():
            if not isinstance(v, str) or not v:
                continue
            if "#" in v:
                saran = ""
                akhir = b.sel.get("akhir_k")
                if k.startswith("k_") and akhir:
                    lain = [
                        angka.baca(_gabung(b.sel[x])).angka for x in b.sel if x.startswith("k_") and x != k
                    ]
                    lain = [x for x in lain if x is not None]
                    a = angka.baca(_gabung(akhir)).angka
                    if lain and a is not None and len(set(lain)) == 1 and a == lain[0] * (len(lain) + 1):
                        saran = f" Kondisi akhir {_gabung(akhir)} = {len(lain) + 1} × {format_angka(lain[0])} menunjukkan nilainya {format_angka(lain[0])}."
                yield Temuan(
                    code="SEL_TAK_TERBACA",
                    severity=PERINGATAN,
                    table=b.tabel,
                    row=_baris_label(b, r, _nama_kolom(k)),
                    source_lines=[b.baris],
                    printed=v,
                    expected="angka yang terbaca",
                    message=f"Sel {_nama_kolom(k)} tidak terbaca di naskah ('{v}'); data rencana mencatatnya sebagai tidak terbaca.{saran}",
                    node_id=b.node_id,
                )
            elif re.fullmatch(r"\d+ \d+", v):
                yield Temuan(
                    code="SEL_TERBELAH",
                    severity=INFO,
                    table=b.tabel,
                    row=_baris_label(b, r, _nama_kolom(k)),
                    source_lines=[b.baris],
                    printed=v,
                    expected=_gabung(v),
                    message=f"Angka sel {_nama_kolom(k)} terbelah dua sel oleh konversi ('{v}'); dibaca sebagai {_gabung(v)}.",
                    node_id=b.node_id,
                )
            elif k in ("laki_laki", "perempuan", "jumlah", "akhir_rp") or k.startswith(("rp_", "anggaran")):
                n = angka.baca(v, bulat=True)
                if n.terpotong:
                    terpotong[b.tabel].append((b, k, v, n))
    for tabel, daftar in terpotong.items():
        contoh = "; ".join(
            f"{v} (baris {b.baris}, {_nama_kolom(k)}: {format_angka(n.rentang()[0])}–{format_angka(n.rentang()[1])})"
            for b, k, v, n in daftar[:6]
        )
        yield Temuan(
            code="ANGKA_TERPOTONG",
            severity=PERINGATAN,
            table=tabel,
            row=f"{len(daftar)} angka",
            source_lines=sorted({b.baris for b, *_ in daftar}),
            printed=", ".join(v for _, _, v, _ in daftar[:8]),
            expected="angka utuh",
            message=f"{len(daftar)} angka di tabel ini kehilangan digit terakhirnya (kelompok ribuan tidak lengkap), sehingga hanya "
            f"rentangnya yang diketahui: {contoh}{'…' if len(daftar) > 6 else ''}. Data rencana tidak mengisi angka itu.",
        )


def _nama_kolom(k: str) -> str:
    m = re.fullmatch(r"(k|rp)_(\d{4})", k)
    if m:
        return f"{'K' if m.group(1) == 'k' else 'Rp'} {m.group(2)}"
    return {"akhir_k": "kondisi akhir K", "akhir_rp": "kondisi akhir Rp", "laki_laki": "laki-laki"}.get(
        k, k.replace("_", " ")
    )


@aturan(kode=("BARIS_HILANG",), nama="Baris induk yang tidak tercetak", tingkat=(GALAT,), tabel=(TC27,))
def cek_baris_hilang(d: DataPeriksa) -> Iterator[Temuan]:
    """Elements printed without their parent row, and tujuan/sasaran absent from a T-C.27 table."""
    r = d.rencana
    for tabel in _tabel_rencana(d):
        baris = d.cetak_tabel[tabel]
        tercetak = {
            b.node_id
            for b in baris
            if b.node_id and (b.sel.get("nama") or r.node_id[b.node_id].tingkat <= T.SASARAN)
        }
        sudah: set[int] = set()
        for b in baris:
            node = r.node_id.get(b.node_id) if b.node_id else None
            if node is None or node.induk_id is None or not b.sel.get("nama"):
                continue
            induk = r.node_id[node.induk_id]
            if induk.pk not in tercetak and induk.pk not in sudah:
                sudah.add(induk.pk)
                yield Temuan(
                    code="BARIS_HILANG",
                    severity=GALAT,
                    table=tabel,
                    row=_nama_node(induk),
                    source_lines=[b.baris],
                    printed="(tidak tercetak)",
                    expected=f"baris {induk.get_tingkat_display().lower()}",
                    message=f"{node.get_tingkat_display()} '{node.nama}' tercetak tanpa baris induknya "
                    f"({_nama_node(induk)}): target dan pagu {induk.get_tingkat_display().lower()} itu tidak tercetak di tabel ini.",
                    node_id=induk.pk,
                )
        for node in r.node:
            if (
                node.tingkat <= T.SASARAN
                and node.pk not in tercetak
                and any(x.pk in tercetak for x in r.keturunan(node))
                and node.pk not in sudah
            ):
                yield Temuan(
                    code="BARIS_HILANG",
                    severity=GALAT,
                    table=tabel,
                    row=_nama_node(node),
                    source_lines=sorted(
                        {b.baris for b in baris if b.node_id in {x.pk for x in r.keturunan(node)}}
                    )[:1],
                    printed="(tidak tercetak)",
                    expected=f"baris {node.get_tingkat_display().lower()}",
                    message=f"{node.get_tingkat_display()} '{node.nama}' dan indikatornya tidak tercetak di Tabel {tabel}, "
                    "padahal unsur di bawahnya tercetak.",
                    node_id=node.pk,
                )
