"""One indicator or measure printed with different values in different tables."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from kinerja.core import angka
from kinerja.renstra.models import BarisCetak, Indikator
from kinerja.renstra.periksa.dasar import (
    INFO,
    PERINGATAN,
    RENCANA,
    TC25,
    TC26,
    TC27,
    TC28,
    DataPeriksa,
    Temuan,
    _baris_label,
    _gabung,
    _nama_node,
    _sama,
    aturan,
)


def _nilai_tahun_cetak(b: BarisCetak) -> dict[int, str]:
    """Year → printed target of any table that prints targets by year."""
    hasil = {}
    for k, v in b.sel.items():
        m = re.fullmatch(r"(?:k|t)_(\d{4})", k)
        if m:
            hasil[int(m.group(1))] = _gabung(v)
    if b.identitas == TC27 and b.sel.get("tahun"):
        hasil[int(b.sel["tahun"])] = b.sel.get("target", "")
    return hasil


@aturan(
    kode=("TARGET_BEDA",),
    nama="Target yang sama di tabel lain",
    tingkat=(PERINGATAN, INFO),
    tabel=(TC25, TC26, TC27, TC28, RENCANA),
)
def cek_target_beda(d: DataPeriksa) -> Iterator[Temuan]:
    """A target printed in one table that differs from the plan's (taken from another)."""
    r = d.rencana
    ind_id = {i.pk: i for daftar in r.indikator.values() for i in daftar}
    kelompok: dict[tuple, list[BarisCetak]] = defaultdict(list)
    for b in d.cetak:
        ind = ind_id.get(b.indikator_id)
        if ind is None:
            continue
        for tahun, teks in _nilai_tahun_cetak(b).items():
            n = angka.baca(teks)
            if n.jenis in (angka.KOSONG, angka.TAK_TERBACA):
                continue
            model = r.target.get((ind.pk, b.lokasi_id, tahun))
            if model is None:
                continue
            m = angka.baca(model.teks)
            if _sama(n, m):
                continue
            kelompok[(ind.pk, b.lokasi_id, tahun, model.teks, n.teks)].append(b)
    for (ind_pk, lok, tahun, model_teks, cetak_teks), daftar in kelompok.items():
        ind = ind_id[ind_pk]
        model = r.target[(ind_pk, lok, tahun)]
        n, m = angka.baca(cetak_teks), angka.baca(model_teks)
        kurang_rinci = (
            n.label
            and m.label
            and n.label.casefold() == m.label.casefold()
            and (n.angka is None or m.angka is None)
        )
        tabel_cetak = sorted({b.tabel for b in daftar})
        yield Temuan(
            code="TARGET_BEDA",
            severity=INFO if kurang_rinci else PERINGATAN,
            table=", ".join(tabel_cetak),
            row=f"{_nama_node(r.node_id[ind.node_id])} · {ind.nama}"
            + (f" · {r.unit[lok].nama_pendek}" if lok else "")
            + f" · {tahun}",
            source_lines=sorted(
                {x for b in daftar for x in b.semua_baris}
                | ({model.sumber_baris} if model.sumber_baris else set())
            ),
            printed=cetak_teks,
            expected=model_teks,
            message=f"Tabel {', '.join(tabel_cetak)} mencetak '{cetak_teks}' untuk {tahun}, sedangkan rencana"
            f"{f' (baris {model.sumber_baris})' if model.sumber_baris else ''} menetapkan '{model_teks}'"
            + (": sama labelnya, hanya kurang rinci." if kurang_rinci else "."),
            node_id=ind.node_id,
        )


@aturan(
    kode=("UKURAN_BEDA", "AWAL_BEDA"),
    nama="Ukuran yang sama di dua tingkat rencana",
    tingkat=(PERINGATAN,),
    tabel=(RENCANA,),
)
def cek_ukuran_beda(d: DataPeriksa) -> Iterator[Temuan]:
    """The same measure (e.g. the IKM) at two levels of the plan with different targets or baselines."""
    r = d.rencana
    per_ukuran: dict[str, list[Indikator]] = defaultdict(list)
    for daftar in r.indikator.values():
        for i in daftar:
            if i.ukuran:
                per_ukuran[i.ukuran].append(i)
    for ukuran, inds in per_ukuran.items():
        if len(inds) < 2:
            continue
        acuan = min(inds, key=lambda i: (r.node_id[i.node_id].tingkat, r.node_id[i.node_id].urutan))
        for lain in inds:
            if lain.pk == acuan.pk:
                continue
            beda = []
            baris = set()
            for tahun in r.versi.tahun_rencana:
                a, b = r.target.get((acuan.pk, None, tahun)), r.target.get((lain.pk, None, tahun))
                if a and b and not _sama(angka.baca(a.teks), angka.baca(b.teks)):
                    beda.append(f"{tahun}: {b.teks} lawan {a.teks}")
                    baris |= {x for x in (a.sumber_baris, b.sumber_baris) if x}
            if beda:
                yield Temuan(
                    code="UKURAN_BEDA",
                    severity=PERINGATAN,
                    table="rencana",
                    row=f"{ukuran.upper()} · {_nama_node(r.node_id[lain.node_id])}",
                    source_lines=sorted(baris),
                    printed="; ".join(beda[:5]),
                    expected="target yang sama",
                    message=f"'{lain.nama}' di {r.node_id[lain.node_id].get_tingkat_display().lower()} mengukur hal yang sama "
                    f"dengan '{acuan.nama}' di {r.node_id[acuan.node_id].get_tingkat_display().lower()}, "
                    f"tetapi targetnya berbeda ({'; '.join(beda[:5])}).",
                    node_id=lain.node_id,
                )
            a0, b0 = r.awal.get((acuan.pk, None)), r.awal.get((lain.pk, None))
            if a0 and b0 and not _sama(angka.baca(a0.teks), angka.baca(b0.teks)):
                yield Temuan(
                    code="AWAL_BEDA",
                    severity=PERINGATAN,
                    table="rencana",
                    row=f"{ukuran.upper()} · kondisi awal",
                    source_lines=sorted({x for x in (a0.sumber_baris, b0.sumber_baris) if x}),
                    printed=b0.teks,
                    expected=a0.teks,
                    message=f"Kondisi awal '{lain.nama}' tercetak {b0.teks}, sedangkan '{acuan.nama}' {a0.teks}: "
                    "ukuran yang sama tidak boleh berangkat dari dua nilai awal.",
                    node_id=lain.node_id,
                )


@aturan(
    kode=("AWAL_BEDA",),
    nama="Kondisi awal yang sama di tabel lain",
    tingkat=(PERINGATAN, INFO),
    tabel=(TC25, TC26, TC27, TC28, RENCANA),
)
def cek_awal_beda(d: DataPeriksa) -> Iterator[Temuan]:
    """A baseline printed in one table that differs from the plan's."""
    r = d.rencana
    ind_id = {i.pk: i for daftar in r.indikator.values() for i in daftar}
    for b in d.cetak:
        ind = ind_id.get(b.indikator_id)
        teks = b.sel.get("data_awal") or b.sel.get("kondisi_awal")
        if ind is None or not teks:
            continue
        model = r.awal.get((ind.pk, b.lokasi_id))
        if model is None or model.sumber_baris == b.baris:
            continue
        n, m = angka.baca(teks), angka.baca(model.teks)
        if not _sama(n, m):
            kurang_rinci = bool(n.label and m.label and n.label.casefold() == m.label.casefold())
            yield Temuan(
                code="AWAL_BEDA",
                severity=INFO if kurang_rinci else PERINGATAN,
                table=b.tabel,
                row=_baris_label(b, r, ind.nama),
                source_lines=sorted({b.baris, *([model.sumber_baris] if model.sumber_baris else [])}),
                printed=teks,
                expected=model.teks,
                message=f"Tabel {b.tabel} mencetak kondisi awal '{teks}', rencana memakai '{model.teks}'"
                f"{f' (baris {model.sumber_baris})' if model.sumber_baris else ''}.",
                node_id=ind.node_id,
            )
