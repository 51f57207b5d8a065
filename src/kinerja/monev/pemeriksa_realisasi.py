"""Rules of the consistency checker over the realisations recorded in monitoring.

The checker lives in ``renstra.periksa`` (a lower layer, which cannot read realisations); the
rules here enter its registry when this app is ready (``MonevConfig.ready``) and run with
every other rule on ``kinerja check`` and the pemeriksaan page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from kinerja.core.angka import format_angka
from kinerja.monev import capaian as cp
from kinerja.monev.selectors import angka_nilai, baca_realisasi
from kinerja.renstra.periksa.dasar import PERINGATAN, REALISASI, DataPeriksa, Temuan, aturan
from kinerja.renstra.selectors import Rencana


def _nilai_tahun(per_tw: dict[int, object], agregasi: str) -> tuple[Decimal | None, str, str] | None:
    """A year's realisation of one row as (number, label, text as shown), from its quarters or
    from its whole-year value; None when nothing was recorded."""
    tw = {q: d for q, d in per_tw.items() if q and d is not None and (d.teks or d.nilai is not None)}
    if tw:
        angka = cp.gabung_triwulan({q: angka_nilai(d) for q, d in tw.items()}, agregasi)
        akhir = tw[max(tw)]
        label = (akhir.label or "").strip()
        if angka is None:
            return None, label, akhir.teks
        teks = (
            akhir.teks if len(tw) == 1 or agregasi == cp.Agregasi.TERAKHIR else format_angka(cp.bulat(angka))
        )
        return angka, label, teks
    d = per_tw.get(0)
    if d is None or not (d.teks or d.nilai is not None):
        return None
    return angka_nilai(d), (d.label or "").strip(), d.teks


def _sama(a: tuple, b: tuple) -> bool:
    """Two realisations say the same: equal numbers (to two decimals) and no differing label."""
    (na, la, ta), (nb, lb, tb) = a, b
    if na is not None and nb is not None and cp.bulat(na) != cp.bulat(nb):
        return False
    if la and lb and la.casefold() != lb.casefold():
        return False
    if na is None and nb is None and not (la and lb):
        return " ".join(ta.split()).casefold() == " ".join(tb.split()).casefold()
    return True


def _ukuran(r: Rencana, ind) -> str | None:
    """What an indicator measures, across its levels: its measure key, or its chain of links."""
    if ind.ukuran:
        return ind.ukuran
    rantai = r.rantai(ind.pk)
    return f"tautan-{rantai[0]}" if len(rantai) > 1 else None


@aturan(
    kode=("REALISASI_GANDA",),
    nama="Satu ukuran dengan dua realisasi berbeda dalam setahun",
    tingkat=(PERINGATAN,),
    tabel=(REALISASI,),
)
def cek_realisasi_ganda(d: DataPeriksa) -> Iterator[Temuan]:
    """Indicators that measure the same thing (one ``ukuran``, e.g. the SAKIP score of the tujuan
    and of the sasaran) must not report two different values for the same year and lokasi."""
    r = d.rencana
    ind_id = {i.pk: i for daftar in r.indikator.values() for i in daftar}
    ukuran = {pk: u for pk, i in ind_id.items() if (u := _ukuran(r, i))}
    if not ukuran:
        return
    sekelompok: dict[str, set[int]] = defaultdict(set)
    for pk, u in ukuran.items():
        sekelompok[u].add(pk)
    ganda = {pk for anggota in sekelompok.values() if len(anggota) > 1 for pk in anggota}
    if not ganda:
        return
    per_baris: dict[tuple, dict[int, object]] = defaultdict(dict)
    for (i, lokasi, tahun, tw), data in baca_realisasi(r.versi.pk, 0, 9999).items():
        if i in ganda:
            per_baris[(i, lokasi, tahun)][tw] = data
    nilai: dict[tuple, list[tuple[int, tuple]]] = defaultdict(list)
    for (i, lokasi, tahun), per_tw in sorted(per_baris.items(), key=lambda x: (x[0][2], _urut(r, x[0][0]))):
        n = _nilai_tahun(per_tw, ind_id[i].agregasi_triwulan)
        if n is not None:
            nilai[(ukuran[i], lokasi, tahun)].append((i, n))
    for (u, lokasi, tahun), daftar in sorted(nilai.items(), key=lambda x: (x[0][2], x[0][0])):
        if len(daftar) < 2 or all(_sama(daftar[0][1], n) for _, n in daftar[1:]):
            continue
        yield _temuan(r, ind_id, u, lokasi, tahun, daftar)


def _urut(r: Rencana, ind_pk: int) -> tuple:
    i = r.indikator_id[ind_pk]
    return (r.node_id[i.node_id].tingkat, r.node_id[i.node_id].urutan, i.urutan)


def _temuan(r: Rencana, ind_id: dict, u: str, lokasi, tahun: int, daftar: list) -> Temuan:
    sebut = [
        f"'{ind_id[i].nama}' ({r.node_id[ind_id[i].node_id].get_tingkat_display().lower()}): {n[2]}"
        for i, n in daftar
    ]
    tempat = r.lokasi_label(lokasi)
    nama_ukuran = u.upper() if not u.startswith("tautan-") else "indikator bertaut"
    return Temuan(
        code="REALISASI_GANDA",
        severity=PERINGATAN,
        table=REALISASI,
        row=f"{nama_ukuran} · {tahun}" + (f" · {tempat}" if tempat else ""),
        source_lines=[],
        printed=" lawan ".join(n[2] for _, n in daftar),
        expected="satu nilai",
        message=(
            f"Indikator-indikator ini mengukur hal yang sama ({nama_ukuran}), tetapi realisasi {tahun} "
            f"{'di ' + tempat + ' ' if tempat else ''}berbeda: {'; '.join(sebut)}. Satu ukuran hanya mempunyai "
            "satu nilai dalam setahun: samakan realisasinya, atau bila keduanya memang mengukur hal yang "
            "berbeda, lepaskan kunci ukuran salah satunya."
        ),
        node_id=ind_id[daftar[0][0]].node_id,
        indikator_ids=[i for i, _ in daftar],
        tahun=[tahun],
    )
