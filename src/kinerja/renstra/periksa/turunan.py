"""Derived values: kondisi akhir, rasio capaian and anggaran, growth, population density."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from kinerja.core import angka
from kinerja.core.angka import format_angka, format_rupiah
from kinerja.core.pembulatan import bulat
from kinerja.renstra.aturan import kondisi_akhir
from kinerja.renstra.models import BarisCetak, Indikator
from kinerja.renstra.periksa.dasar import (
    BATAS_PEMBULATAN,
    GALAT,
    NOL,
    PERINGATAN,
    SERATUS,
    TC23,
    TC24,
    TC27,
    TC28,
    WILAYAH,
    DataPeriksa,
    Temuan,
    _baris_label,
    _baris_pagu,
    _gabung,
    _nama_node,
    _rp,
    _sama,
    aturan,
    sebutan_wilayah,
)
from kinerja.renstra.tabel_dokumen import rasio_capaian, rata_pertumbuhan


@aturan(
    kode=("AKHIR_RP",), nama="Kondisi akhir (Rp) adalah jumlah pagu tahunan", tingkat=(GALAT,), tabel=(TC27,)
)
def cek_kondisi_akhir_rp(d: DataPeriksa) -> Iterator[Temuan]:
    """Kondisi akhir (Rp) of each row is the sum of its yearly pagu."""
    r = d.rencana
    for b in (b for t in d.tabel(TC27) if not d.setahun(t) for b in d.cetak_tabel[t]):
        akhir = _rp(b.sel.get("akhir_rp"))
        tahunan = _baris_pagu(b)
        nilai = [n for n in tahunan.values() if n.angka is not None and not n.terpotong]
        if not nilai or akhir.jenis == angka.KOSONG:
            continue
        hitung = sum((n.angka for n in nilai), NOL)
        if akhir.terpotong:
            lo, hi = akhir.rentang()
            if lo <= hitung <= hi:
                continue
        if akhir.angka is None or akhir.angka == hitung:
            continue
        if abs(akhir.angka - hitung) <= BATAS_PEMBULATAN:
            d.pembulatan.tambah(b.tabel, b.baris, akhir.angka - hitung)
            continue
        tahun_akhir = max(tahunan)
        sama_akhir = tahunan[tahun_akhir].angka == akhir.angka
        yield Temuan(
            code="AKHIR_RP",
            severity=GALAT,
            table=b.tabel,
            row=_baris_label(b, r),
            source_lines=[b.baris],
            printed=format_rupiah(akhir.angka),
            expected=format_rupiah(hitung),
            message=f"Kondisi akhir (Rp) = jumlah pagu {len(nilai)} tahun: "
            f"{' + '.join(format_rupiah(n.angka) for n in nilai)} = {format_rupiah(hitung)}; "
            f"tercetak {format_rupiah(akhir.angka)}"
            + (f", yaitu pagu tahun {tahun_akhir} saja." if sama_akhir else "."),
            node_id=b.node_id,
        )


_NAMA_AGREGASI = {
    Indikator.Agregasi.JUMLAH: "jumlah target tahunan",
    Indikator.Agregasi.TERAKHIR: "target tahun terakhir",
    Indikator.Agregasi.RATA: "rata-rata target tahunan",
    Indikator.Agregasi.MAKS: "target tertinggi",
}


def akhir_tercetak(aturan_akhir: str, nilai: list[angka.Nilai]) -> angka.Nilai | None:
    """The kondisi akhir of printed yearly values by a rule, as it would be printed."""
    ada = [n if n.jenis != angka.KOSONG else None for n in nilai]
    hasil = kondisi_akhir(ada, aturan_akhir, angka=lambda n: n.angka)
    if hasil is None or isinstance(hasil, angka.Nilai):
        return hasil
    return angka.baca(angka.format_angka(hasil))


@aturan(
    kode=("AKHIR_K",),
    nama="Kondisi akhir (target) menurut aturan indikatornya",
    tingkat=(PERINGATAN,),
    tabel=(TC27, TC28),
)
def cek_kondisi_akhir_k(d: DataPeriksa) -> Iterator[Temuan]:
    """Kondisi akhir (K) against the yearly targets by the indicator's own rule."""
    r = d.rencana
    ind_id = {i.pk: i for daftar in r.indikator.values() for i in daftar}
    for tabel, kunci_akhir, kunci_tahun in [
        *((t, "akhir_k", "k_") for t in d.tabel(TC27) if not d.setahun(t)),
        *((t, "kondisi_akhir", "t_") for t in d.tabel(TC28)),
    ]:
        per_indikator: dict[int, list[tuple[BarisCetak, angka.Nilai, angka.Nilai, list]]] = defaultdict(list)
        for b in d.cetak_tabel.get(tabel, []):
            ind = ind_id.get(b.indikator_id)
            if ind is None or not b.sel.get(kunci_akhir):
                continue
            tahun = sorted(k for k in b.sel if k.startswith(kunci_tahun) and k[len(kunci_tahun) :].isdigit())
            nilai = [angka.baca(_gabung(b.sel[k])) for k in tahun]
            akhir = angka.baca(_gabung(b.sel[kunci_akhir]))
            if akhir.jenis == angka.TAK_TERBACA or any(n.jenis == angka.TAK_TERBACA for n in nilai):
                continue
            hitung = akhir_tercetak(ind.agregasi_akhir, nilai)
            if hitung is None or _sama(akhir, hitung):
                continue
            per_indikator[ind.pk].append((b, akhir, hitung, nilai))
        for ind_pk, daftar in per_indikator.items():
            ind = ind_id[ind_pk]
            b0, akhir0, hitung0, nilai0 = daftar[0]
            contoh = "; ".join(
                f"baris {b.baris}: tercetak {a.teks}, seharusnya {angka.format_nilai(h)}"
                for b, a, h, _ in daftar[:4]
            )
            yield Temuan(
                code="AKHIR_K",
                severity=PERINGATAN,
                table=tabel,
                row=_baris_label(b0, r, ind.nama)
                if len(daftar) == 1
                else f"{_nama_node(r.node_id[ind.node_id])} · {len(daftar)} baris",
                source_lines=[b.baris for b, *_ in daftar],
                printed=akhir0.teks if len(daftar) == 1 else "; ".join(a.teks for _, a, _, _ in daftar[:6]),
                expected=angka.format_nilai(hitung0)
                if len(daftar) == 1
                else "; ".join(angka.format_nilai(h) for _, _, h, _ in daftar[:6]),
                message=f"Kondisi akhir '{ind.nama}' adalah {_NAMA_AGREGASI[ind.agregasi_akhir]} "
                f"(mis. {', '.join(n.teks or '–' for n in nilai0)} = {angka.format_nilai(hitung0)}). {contoh}.",
                node_id=b0.node_id,
            )


@aturan(kode=("KEPADATAN",), nama="Kepadatan penduduk", tingkat=(GALAT,), tabel=(WILAYAH,))
def cek_kepadatan(d: DataPeriksa) -> Iterator[Temuan]:
    ringkas = next((b for b in d.baris_tabel(WILAYAH) if b.tingkat == "ringkasan"), None)
    if ringkas is None:
        return
    luas = angka.baca(ringkas.sel.get("luas", "")).angka
    penduduk = angka.baca(ringkas.sel.get("penduduk", ""), bulat=True).angka
    padat = angka.baca(ringkas.sel.get("kepadatan", ""), bulat=True).angka
    if not (luas and penduduk and padat):
        return
    hitung = bulat(penduduk / luas, 0)
    if abs(hitung - padat) > 1:
        yield Temuan(
            code="KEPADATAN",
            severity=GALAT,
            table=ringkas.tabel,
            row=f"Kepadatan penduduk {sebutan_wilayah(d.rencana.pd)}",
            source_lines=[ringkas.baris],
            printed=format_angka(padat),
            expected=format_angka(hitung),
            message=f"{format_angka(penduduk)} jiwa ÷ {format_angka(luas, 2)} km² = {format_angka(hitung)} jiwa/km², "
            f"teks menyebut {format_angka(padat)}.",
        )


@aturan(
    kode=("RASIO_CAPAIAN",),
    nama="Rasio capaian kinerja pelayanan",
    tingkat=(GALAT, PERINGATAN),
    tabel=(TC23,),
)
def cek_rasio_capaian(d: DataPeriksa) -> Iterator[Temuan]:
    """T-C.23 (the document's 2.3.1): rasio capaian = realisasi ÷ target × 100%."""
    for b in d.baris_tabel(TC23):
        nama = b.sel.get("indikator", "")
        label_tahun = [
            k.split("_")[1]
            for k in sorted(b.sel)
            if k.startswith("rasio_") and angka.baca(b.sel[k]).jenis in (angka.LABEL, angka.TEKS)
        ]
        if label_tahun:
            contoh = b.sel[f"rasio_{label_tahun[0]}"]
            yield Temuan(
                code="RASIO_CAPAIAN",
                severity=PERINGATAN,
                table=b.tabel,
                row=f"{nama} · {', '.join(label_tahun)}",
                source_lines=[b.baris],
                printed=contoh,
                expected="angka persen",
                message=f"Rasio capaian adalah realisasi ÷ target × 100%; '{contoh}' ({', '.join(label_tahun)}) bukan angka, "
                "dan target/realisasi kualitatif tidak dapat dibagi: cantumkan nilai indeksnya.",
            )
        for kunci in sorted(k for k in b.sel if k.startswith("rasio_")):
            tahun = kunci.split("_")[1]
            rasio = angka.baca(b.sel[kunci])
            target = angka.baca(b.sel.get(f"target_{tahun}", ""))
            real = angka.baca(b.sel.get(f"realisasi_{tahun}", ""))
            label = f"{nama} · {tahun}"
            if rasio.angka is None:
                continue
            hitung = rasio_capaian(target, real)
            if hitung is None:
                yield Temuan(
                    code="RASIO_CAPAIAN",
                    severity=PERINGATAN,
                    table=b.tabel,
                    row=label,
                    source_lines=[b.baris],
                    printed=rasio.teks,
                    expected="(tidak dapat dihitung)",
                    message=f"Rasio {rasio.teks} tercetak, padahal target '{target.teks or 'kosong'}' dan realisasi "
                    f"'{real.teks or 'kosong'}' tahun {tahun} tidak memberi angka untuk dibagi.",
                )
                continue
            if abs(hitung - rasio.angka) < Decimal("0.6"):
                continue
            saran = ""
            if target.angka and real.angka:
                perlu = rasio.angka * target.angka / SERATUS
                if abs(perlu - real.angka * 10) <= 1:
                    saran = (
                        f" Rasio {rasio.teks} akan berasal dari realisasi {format_angka(real.angka * 10)}%: "
                        f"kemungkinan angka realisasi terpotong menjadi {real.teks}."
                    )
            yield Temuan(
                code="RASIO_CAPAIAN",
                severity=GALAT,
                table=b.tabel,
                row=label,
                source_lines=[b.baris],
                printed=rasio.teks,
                expected=angka.format_persen(hitung),
                message=f"{real.teks} ÷ {target.teks} × 100% = {angka.format_persen(hitung)}, tercetak {rasio.teks}.{saran}",
                indikator_ids=[b.indikator_id] if b.indikator_id else [],
                tahun=[int(tahun)],
            )


@aturan(
    kode=("RASIO_ANGGARAN", "PERTUMBUHAN"),
    nama="Rasio realisasi anggaran dan rata-rata pertumbuhan",
    tingkat=(GALAT, PERINGATAN),
    tabel=(TC24,),
)
def cek_rasio_anggaran(d: DataPeriksa) -> Iterator[Temuan]:
    """T-C.24 (the document's 2.3.2): rasio = realisasi ÷ anggaran; rata-rata pertumbuhan."""
    for b in d.baris_tabel(TC24):
        if b.tingkat == "judul":
            continue
        uraian = b.sel.get("uraian", "")
        tahun = sorted(k.split("_")[1] for k in b.sel if k.startswith("anggaran_"))
        for y in tahun:
            ang = _rp(b.sel.get(f"anggaran_{y}")).angka
            real = _rp(b.sel.get(f"realisasi_{y}")).angka
            rasio = angka.baca(b.sel.get(f"rasio_{y}", "")).angka
            if not ang or real is None or rasio is None:
                continue
            hitung = real / ang * SERATUS
            if abs(bulat(hitung) - rasio) > Decimal("0.011"):
                yield Temuan(
                    code="RASIO_ANGGARAN",
                    severity=GALAT,
                    table=b.tabel,
                    row=f"{uraian} · {y}",
                    source_lines=[b.baris],
                    printed=angka.format_persen(rasio),
                    expected=angka.format_persen(hitung),
                    message=f"Realisasi {format_rupiah(real)} ÷ anggaran {format_rupiah(ang)} × 100% = "
                    f"{angka.format_persen(hitung)}, tercetak {angka.format_persen(rasio)}.",
                )
        for jenis, kunci in (("anggaran", "pertumbuhan_anggaran"), ("realisasi", "pertumbuhan_realisasi")):
            tercetak = _rp(b.sel.get(kunci)).angka
            nilai = [_rp(b.sel.get(f"{jenis}_{y}")).angka for y in tahun]
            hitung = rata_pertumbuhan(nilai)
            if tercetak is None or hitung is None or abs(tercetak - hitung) < 1:
                continue
            yield Temuan(
                code="PERTUMBUHAN",
                severity=PERINGATAN,
                table=b.tabel,
                row=f"{uraian} · rata-rata pertumbuhan {jenis}",
                source_lines=[b.baris],
                printed=format_rupiah(tercetak),
                expected=format_rupiah(bulat(hitung)),
                message=f"({format_rupiah(nilai[-1])} − {format_rupiah(nilai[0])}) ÷ {len(nilai) - 1} = "
                f"{format_rupiah(bulat(hitung))} per tahun, tercetak {format_rupiah(tercetak)}.",
            )
