"""Printed totals against the sum of their parts (staff, budget, population, area, pagu)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from kinerja.core import angka
from kinerja.core.angka import format_angka, format_rupiah
from kinerja.renstra.models import BarisCetak, PlanNode
from kinerja.renstra.periksa.dasar import (
    BATAS_PEMBULATAN,
    GALAT,
    INFO,
    NOL,
    PEGAWAI,
    PERINGATAN,
    RENCANA,
    TC24,
    TC27,
    WILAYAH,
    Cetak,
    DataPeriksa,
    T,
    Temuan,
    _baris_label,
    _baris_pagu,
    _rp,
    _selisih,
    _tabel_rencana,
    aturan,
    sebutan_wilayah,
)
from kinerja.renstra.selectors import Rencana


@aturan(kode=("TOTAL_PEGAWAI",), nama="Jumlah pegawai per kelompok", tingkat=(GALAT,), tabel=(PEGAWAI,))
def cek_total_pegawai(d: DataPeriksa) -> Iterator[Temuan]:
    """The staff table (the document's 2.2): each printed 'Jumlah' against the rows of its block."""
    blok: list[BarisCetak] = []
    for b in d.baris_tabel(PEGAWAI):
        if b.tingkat != "jumlah":
            blok.append(b)
            continue
        tercetak = angka.baca(b.sel.get("jumlah")).angka
        bagian = [angka.baca(x.sel.get("jumlah")).angka or NOL for x in blok]
        hitung = sum(bagian, NOL)
        kelompok = blok[0].sel.get("kelompok", "") if blok else ""
        if tercetak is not None and tercetak != hitung:
            yield Temuan(
                code="TOTAL_PEGAWAI",
                severity=GALAT,
                table=b.tabel,
                row=f"Jumlah pegawai menurut {kelompok.replace('_', ' ')}",
                source_lines=[b.baris, *[x.baris for x in blok]],
                printed=format_angka(tercetak),
                expected=format_angka(hitung),
                message=f"{' + '.join(format_angka(x) for x in bagian)} = {format_angka(hitung)}, "
                f"tetapi tercetak {format_angka(tercetak)}.",
            )
        blok = []


@aturan(kode=("TOTAL_ANGGARAN",), nama="Jumlah belanja per tahun", tingkat=(GALAT,), tabel=(TC24,))
def cek_total_anggaran(d: DataPeriksa) -> Iterator[Temuan]:
    """T-C.24 (the document's 2.3.2): 'Jumlah Belanja' against its component rows, per year."""
    baris = d.baris_tabel(TC24)
    komponen = [b for b in baris if b.tingkat == "komponen"]
    for total in (b for b in baris if b.tingkat == "jumlah"):
        for jenis in ("anggaran", "realisasi"):
            for kunci in sorted(k for k in total.sel if k.startswith(jenis + "_")):
                tahun = kunci.split("_")[1]
                tercetak = _rp(total.sel.get(kunci)).angka
                bagian = [_rp(k.sel.get(kunci)).angka for k in komponen]
                if tercetak is None or any(x is None for x in bagian):
                    continue
                hitung = sum(bagian, NOL)
                if tercetak != hitung:
                    yield Temuan(
                        code="TOTAL_ANGGARAN",
                        severity=GALAT,
                        table=total.tabel,
                        row=f"Jumlah Belanja · {jenis} {tahun}",
                        source_lines=[total.baris, *[k.baris for k in komponen]],
                        printed=format_rupiah(tercetak),
                        expected=format_rupiah(hitung),
                        message=f"{' + '.join(format_rupiah(x) for x in bagian)} = {format_rupiah(hitung)}; "
                        f"tercetak {format_rupiah(tercetak)} (selisih {_selisih(tercetak, hitung)}).",
                    )


def _rentang(teks: str) -> tuple[Decimal, Decimal] | None:
    return angka.baca(teks, bulat=True).rentang()


@aturan(
    kode=("TOTAL_PENDUDUK", "TOTAL_LUAS"),
    nama="Penduduk dan luas per kelurahan",
    tingkat=(GALAT,),
    tabel=(WILAYAH,),
)
def cek_penduduk_wilayah(d: DataPeriksa) -> Iterator[Temuan]:
    """The area table (the document's 2.1): L + P = jumlah per kelurahan; kelurahan add up to the summary row."""
    baris = d.baris_tabel(WILAYAH)
    kel = [b for b in baris if b.tingkat == "kelurahan"]
    for b in kel:
        l_, p_, j_ = (_rentang(b.sel.get(k, "")) for k in ("laki_laki", "perempuan", "jumlah"))
        if not (l_ and p_ and j_):
            continue
        bawah, atas = l_[0] + p_[0], l_[1] + p_[1]
        if atas < j_[0] or bawah > j_[1]:
            yield Temuan(
                code="TOTAL_PENDUDUK",
                severity=GALAT,
                table=b.tabel,
                row=f"Kelurahan {b.sel.get('kelurahan', '')}",
                source_lines=[b.baris],
                printed=b.sel.get("jumlah", ""),
                expected=_teks_rentang(bawah, atas),
                message=f"L {b.sel.get('laki_laki')} + P {b.sel.get('perempuan')} = {_teks_rentang(bawah, atas)} jiwa"
                f"{' (angka terpotong dihitung sebagai rentang)' if atas != bawah else ''}, "
                f"tidak sama dengan jumlah tercetak {b.sel.get('jumlah')}.",
            )
    ringkas = next((b for b in baris if b.tingkat == "ringkasan"), None)
    if ringkas is None or not kel:
        return
    if ringkas.sel.get("luas"):
        luas = [angka.baca(b.sel.get("luas", "")).angka for b in kel]
        if all(x is not None for x in luas):
            hitung = sum(luas, NOL)
            tercetak = angka.baca(ringkas.sel["luas"]).angka
            if tercetak is not None and tercetak != hitung:
                yield Temuan(
                    code="TOTAL_LUAS",
                    severity=GALAT,
                    table=ringkas.tabel,
                    row=f"Luas wilayah {sebutan_wilayah(d.rencana.pd)}",
                    source_lines=[ringkas.baris, *[b.baris for b in kel]],
                    printed=format_angka(tercetak, 2),
                    expected=format_angka(hitung, 2),
                    message=f"Luas {len(kel)} kelurahan {' + '.join(format_angka(x, 2) for x in luas)} = "
                    f"{format_angka(hitung, 2)} km², teks menyebut {format_angka(tercetak, 2)} km².",
                )
    if ringkas.sel.get("penduduk"):
        rentang = [_rentang(b.sel.get("jumlah", "")) for b in kel]
        if all(rentang):
            bawah = sum((x[0] for x in rentang), NOL)
            atas = sum((x[1] for x in rentang), NOL)
            tercetak = angka.baca(ringkas.sel["penduduk"], bulat=True).angka
            if tercetak is not None and not bawah <= tercetak <= atas:
                yield Temuan(
                    code="TOTAL_PENDUDUK",
                    severity=GALAT,
                    table=ringkas.tabel,
                    row=f"Jumlah penduduk {sebutan_wilayah(d.rencana.pd)}",
                    source_lines=[ringkas.baris, *[b.baris for b in kel]],
                    printed=format_angka(tercetak),
                    expected=_teks_rentang(bawah, atas),
                    message=f"Jumlah penduduk {len(kel)} kelurahan paling banyak {format_angka(atas)} jiwa "
                    f"(digit yang terpotong dihitung 9), teks menyebut {format_angka(tercetak)} jiwa.",
                )


def _teks_rentang(bawah: Decimal, atas: Decimal) -> str:
    return format_angka(bawah) if bawah == atas else f"{format_angka(bawah)}–{format_angka(atas)}"


def _jumlah_cetak_per_induk(baris: list[BarisCetak], r: Rencana) -> dict[int, dict[int, Decimal]]:
    """Sum of the sub kegiatan Rp printed *below* each printed node row, per year."""
    hasil: dict[int, dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: NOL))
    induk: dict[int, BarisCetak] = {}
    for b in baris:
        node = r.node_id.get(b.node_id) if b.node_id else None
        if node is None:
            continue
        if node.tingkat < T.SUB_KEGIATAN and b.sel.get("nama"):
            induk[node.tingkat] = b
            for t in range(node.tingkat + 1, T.SUB_KEGIATAN):
                induk.pop(t, None)
        if node.tingkat == T.SUB_KEGIATAN:
            for y, n in _baris_pagu(b).items():
                if n.angka is not None:
                    for ib in induk.values():
                        hasil[ib.pk][y] += n.angka
    return hasil


@aturan(
    kode=("PAGU_INDUK", "SEL_KOSONG"),
    nama="Pagu induk adalah jumlah pagu di bawahnya",
    tingkat=(GALAT, PERINGATAN),
    tabel=(TC27, RENCANA),
)
def cek_pagu_induk(d: DataPeriksa) -> Iterator[Temuan]:
    """Printed pagu of tujuan, sasaran, program and kegiatan rows against the sum of
    their sub kegiatan (by code) in the plan; one finding per printed row."""
    r = d.rencana
    for tabel in _tabel_rencana(d):
        baris = d.cetak_tabel[tabel]
        di_bawah = _jumlah_cetak_per_induk(baris, r)
        tingkat_berpagu = _tingkat_berpagu(baris, r)
        for b, node in _baris_induk(baris, r):
            salah, kosong, penjelasan = _bandingkan_pagu(d, tabel, b, node, tingkat_berpagu, di_bawah)
            if salah:
                yield _temuan_pagu_salah(d, tabel, b, node, salah, penjelasan)
            if kosong:
                yield _temuan_pagu_kosong(d, tabel, b, node, kosong)


def _tingkat_berpagu(baris: list[Cetak], r: Rencana) -> set[int]:
    """The levels that print a pagu somewhere in this table: a level that prints none has
    empty cells by layout."""
    return {
        r.node_id[b.node_id].tingkat
        for b in baris
        if b.node_id and any(n.angka is not None for n in _baris_pagu(b).values())
    }


def _baris_induk(baris: list[Cetak], r: Rencana) -> Iterator[tuple[Cetak, PlanNode]]:
    """The rows that print a parent's own pagu: a program or kegiatan row that prints its name,
    a tujuan or sasaran row of its own level (not one of its indicator rows)."""
    for b in baris:
        node = r.node_id.get(b.node_id) if b.node_id else None
        if node is None or node.tingkat == T.SUB_KEGIATAN:
            continue
        if node.tingkat > T.SASARAN and not b.sel.get("nama"):
            continue
        if node.tingkat <= T.SASARAN and b.tingkat != node.get_tingkat_display().lower():
            continue
        yield b, node


def _bandingkan_pagu(
    d: DataPeriksa,
    tabel: str,
    b: Cetak,
    node: PlanNode,
    tingkat_berpagu: set[int],
    di_bawah: dict[int, dict[int, Decimal]],
) -> tuple[list[tuple[int, Decimal, Decimal]], list[tuple[int, Decimal]], str]:
    """Each year's printed pagu of a parent row against the plan's sum: the years it is wrong
    (year, printed, sum), the years left empty though the sum is not (year, sum), and one
    sentence on where the difference may come from. A rounding difference is only collected."""
    r = d.rencana
    salah, kosong, penjelasan = [], [], ""
    for y, n in _baris_pagu(b).items():
        hitung = r.pagu_node(node, y)
        if n.jenis == angka.KOSONG:
            if hitung and node.tingkat in tingkat_berpagu:
                kosong.append((y, hitung))
            continue
        if n.angka is None or n.terpotong:
            continue
        hitung = hitung or NOL
        if n.angka == hitung:
            continue
        if abs(n.angka - hitung) <= BATAS_PEMBULATAN:
            d.pembulatan.tambah(tabel, b.baris, n.angka - hitung)
            continue
        salah.append((y, n.angka, hitung))
        if not penjelasan:
            penjelasan = _penjelasan_selisih(y, n.angka, hitung, di_bawah.get(b.pk, {}).get(y))
    return salah, kosong, penjelasan


def _penjelasan_selisih(y: int, tercetak: Decimal, hitung: Decimal, cetak_bawah: Decimal | None) -> str:
    """Where a parent's wrong pagu may come from: the rows printed below it, or nowhere."""
    if cetak_bawah is not None and cetak_bawah != hitung:
        if abs(cetak_bawah - tercetak) <= BATAS_PEMBULATAN:
            return (
                f" Angka tercetak sama dengan jumlah baris yang dicetak di bawahnya "
                f"({format_rupiah(cetak_bawah)}), tetapi menurut kode nomenklatur sebagian baris itu "
                "milik unsur lain."
            )
        return f" Baris yang dicetak di bawahnya berjumlah {format_rupiah(cetak_bawah)} ({y})."
    if tercetak > hitung:
        return " Selisihnya tidak tercetak sebagai baris mana pun di tabel ini."
    return ""


def _temuan_pagu_salah(
    d: DataPeriksa,
    tabel: str,
    b: Cetak,
    node: PlanNode,
    salah: list[tuple[int, Decimal, Decimal]],
    penjelasan: str,
) -> Temuan:
    rinci = "; ".join(
        f"{y}: tercetak {format_rupiah(c)}, jumlah {format_rupiah(h)} (selisih {_selisih(c, h)})"
        for y, c, h in salah
    )
    jenis_anak = "sub kegiatannya" if node.tingkat == T.KEGIATAN else "unsur di bawahnya"
    return Temuan(
        code="PAGU_INDUK",
        severity=GALAT,
        table=tabel,
        row=_baris_label(b, d.rencana),
        source_lines=[b.baris],
        printed="; ".join(f"{y}: {format_rupiah(c)}" for y, c, _ in salah),
        expected="; ".join(f"{y}: {format_rupiah(h)}" for y, _, h in salah),
        message=f"Pagu {node.get_tingkat_display().lower()} adalah jumlah pagu {jenis_anak}. {rinci}.{penjelasan}",
        node_id=node.pk,
    )


def _temuan_pagu_kosong(
    d: DataPeriksa, tabel: str, b: Cetak, node: PlanNode, kosong: list[tuple[int, Decimal]]
) -> Temuan:
    return Temuan(
        code="SEL_KOSONG",
        severity=PERINGATAN,
        table=tabel,
        row=_baris_label(b, d.rencana),
        source_lines=[b.baris],
        printed="(kosong)",
        expected="; ".join(f"{y}: {format_rupiah(h)}" for y, h in kosong),
        message="Sel pagu "
        + ", ".join(str(y) for y, _ in kosong)
        + " kosong, padahal sub kegiatannya berjumlah "
        + "; ".join(f"{format_rupiah(h)} ({y})" for y, h in kosong)
        + ".",
        node_id=node.pk,
    )


@aturan(
    kode=("PEMBULATAN",), nama="Selisih pembulatan per tabel", tingkat=(INFO,), tabel=(TC27,), terakhir=True
)
def cek_pembulatan(d: DataPeriksa) -> Iterator[Temuan]:
    """Rounding differences the other rules collected (run last)."""
    yield from d.pembulatan.temuan()
