"""Benchmark: E.81 and the capaian roll-up for a whole kota (40 PD) against the raw SQL.

Every PD is a copy of the Sananwetan sample with its 2022 demonstration realisations.
Prints, from one run (median of turns):
* E.81 for every PD (evaluation snapshot + report table) ÷ raw SQL (goal ≤ 3×);
* capaian roll-up for every PD (snapshot + mean per element and per unit) ÷ raw SQL (goal ≤ 3×).

Two comparators are printed, and each ratio against both:
* the old one (``sql_mentah``): plan, realisations, budget realisations and reports of each PD, written by
  hand. E.81 reads more than that (APBD ``renstra_anggaran``, the Renja, Bappeda's approval, the SAKIP
  evaluation, indicator links, the units, the grouped service and RT Keren records behind computed rows);
* the new one (``sql_sama``): for each PD, the very statements the report itself runs (captured once before
  the timing, values written in) replayed on a raw cursor with every row fetched: what the report reads,
  no more, no less, and no Python work on the rows. The roll-up is compared with the statements it runs,
  which are fewer than E.81's. The report's statements read only the columns they use, so this comparator
  is barely slower than the old one.

With ``--bagian`` it also prints where E.81 of one PD (the second, a copy of the sample) spends its time: the
evaluation snapshot (reads and rows), then the Renstra columns, the budget columns and the verification marks of
every row, each as the difference of medians with the snapshot alone, and the rest (cells and footer).

Usage: python bench/monev.py [--pd 40] [--ulang 5] [--bagian]
The dataset goes to a temporary SQLite database unless DATABASE_URL is set.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import renstra as bench_renstra  # noqa: E402

TAHUN = 2022

SQL_REALISASI = [
    "SELECT r.* FROM monev_realisasi r JOIN renstra_indikator i ON r.indikator_id = i.id "
    "JOIN renstra_plannode n ON i.node_id = n.id WHERE n.versi_id = %s AND r.tahun BETWEEN 2021 AND 2022",
    "SELECT a.* FROM monev_realisasianggaran a JOIN renstra_plannode n ON a.node_id = n.id "
    "WHERE n.versi_id = %s AND a.tahun BETWEEN 2021 AND 2022",
    "SELECT l.* FROM monev_laporan l JOIN wilayah_unit u ON l.unit_id = u.id "
    "JOIN renstra_renstraversi v ON u.pd_id = v.pd_id WHERE v.id = %s AND l.tahun = 2022",
]


def salin_realisasi(versi: list) -> int:
    """The sample's realisations, copied onto every other PD of the kota."""
    from django.db import transaction

    from kinerja.monev.models import Laporan, Realisasi, RealisasiAnggaran

    asal = versi[0]
    real = list(Realisasi.objects.filter(indikator__node__versi=asal))
    rp = list(RealisasiAnggaran.objects.filter(node__versi=asal))
    lap = list(Laporan.objects.filter(unit__pd=asal.pd))
    n = 0
    for v in versi[1:]:
        unit, node, ind = bench_renstra.PETA[v.pk]
        with transaction.atomic():
            Realisasi.objects.bulk_create(
                Realisasi(
                    indikator_id=ind[r.indikator_id],
                    lokasi_id=unit.get(r.lokasi_id),
                    tahun=r.tahun,
                    triwulan=r.triwulan,
                    teks=r.teks,
                    jenis=r.jenis,
                    nilai=r.nilai,
                    label=r.label,
                    sumber=r.sumber,
                    faktor_pendorong=r.faktor_pendorong,
                    faktor_penghambat=r.faktor_penghambat,
                    tindak_lanjut=r.tindak_lanjut,
                )
                for r in real
            )
            RealisasiAnggaran.objects.bulk_create(
                RealisasiAnggaran(
                    node_id=node[a.node_id],
                    lokasi_id=unit.get(a.lokasi_id),
                    tahun=a.tahun,
                    triwulan=a.triwulan,
                    jumlah=a.jumlah,
                )
                for a in rp
            )
            Laporan.objects.bulk_create(
                Laporan(unit_id=unit[x.unit_id], tahun=x.tahun, triwulan=x.triwulan, status=x.status)
                for x in lap
            )
        n += len(real)
    return n + len(real)


def sql_mentah(versi_id: int) -> int:
    from django.db import connection

    baris = bench_renstra.sql_mentah(versi_id)
    with connection.cursor() as c:
        for q in SQL_REALISASI:
            c.execute(q, [versi_id])
            baris += len(c.fetchall())
    return baris


def e81_pd(versi_id: int) -> None:
    """E.81 of one PD as its page builds it: the plan, the evaluation snapshot and the report table."""
    from kinerja.monev.ekspor import tabel_laporan
    from kinerja.renstra.selectors import muat_rencana

    tabel_laporan("E.81", muat_rencana(versi_id), tahun=TAHUN, triwulan=4)


def rollup_pd(versi_id: int) -> None:
    """The capaian roll-up of one PD: the snapshot, the mean of every plan element and of every unit."""
    from kinerja.monev.selectors import muat_evaluasi

    ev = muat_evaluasi(versi_id, TAHUN, 4)
    for n in ev.r.node:
        ev.rollup(n)
    ev.per_unit()
    ev.rata_capaian()


def bagian_e81(versi_id: int, ulang: int) -> dict[str, float]:
    """Median time of the parts of one PD's E.81 (see the module's description), in seconds."""
    from kinerja.monev.selectors import muat_evaluasi
    from kinerja.renstra.selectors import muat_rencana

    r = muat_rencana(versi_id)

    def sampai(kelompok: str | None):
        def f():
            ev = muat_evaluasi(r, TAHUN, 4)
            if kelompok:
                for b in ev.baris:
                    getattr(b, kelompok)()

        return f

    w = bench_renstra.waktu_bergantian(
        {
            "potret": sampai(None),
            "renstra": sampai("_isi_renstra"),
            "anggaran": sampai("_isi_anggaran"),
            "tanda": sampai("_isi_tanda"),
            "e81": lambda: e81_pd(versi_id),
        },
        ulang,
    )
    kolom = {k: w[k] - w["potret"] for k in ("renstra", "anggaran", "tanda")}
    return {
        "potret": w["potret"],
        **kolom,
        "sel": w["e81"] - w["potret"] - sum(kolom.values()),
        "e81": w["e81"],
    }


def tangkap(fungsi) -> list[str]:
    """The statements a call runs, with their values written in (``sql_sama`` replays them)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as c:
        fungsi()
    sql = [q["sql"] for q in c.captured_queries]
    tulis = [x for x in sql if not x.lstrip().upper().startswith(("SELECT", "WITH"))]
    if tulis:
        raise AssertionError(f"laporan menulis ke basis data: {tulis[0][:80]}")
    return sql


def sql_sama(perintah: list[str]) -> int:
    """The statements captured by ``tangkap``, run again on a raw cursor with every row fetched."""
    from django.db import connection

    baris = 0
    with connection.cursor() as c:
        for q in perintah:
            c.execute(q)
            baris += len(c.fetchall())
    return baris


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pd", type=int, default=40, help="jumlah perangkat daerah (bawaan 40)")
    p.add_argument("--ulang", type=int, default=5, help="ulangan tiap pengukuran (median)")
    p.add_argument(
        "--bagian",
        action="store_true",
        help="cetak juga bagian-bagian E.81 satu perangkat daerah: potret evaluasi, kolom Renstra, kolom "
        "anggaran, tanda verifikasi, sel dan kaki",
    )
    opsi = p.parse_args(argv)
    bench_renstra.siapkan_lingkungan()
    from django.conf import settings

    t0 = time.perf_counter()
    versi = bench_renstra.buat_kota(opsi.pd)
    jumlah_real = salin_realisasi(versi)
    dibuat = time.perf_counter() - t0
    ids = [v.pk for v in versi]

    def sql():
        return sum(sql_mentah(i) for i in ids)

    def e81():
        for i in ids:
            e81_pd(i)

    def rollup():
        for i in ids:
            rollup_pd(i)

    baris = sql()
    e81()  # the first call reads settings and compiles queries once: captured after it
    perintah_e81 = [tangkap(lambda i=i: e81_pd(i)) for i in ids]
    perintah_rollup = [tangkap(lambda i=i: rollup_pd(i)) for i in ids]
    baris_e81 = sum(sql_sama(p) for p in perintah_e81)
    baris_rollup = sum(sql_sama(p) for p in perintah_rollup)

    def sql_e81():
        for p in perintah_e81:
            sql_sama(p)

    def sql_rollup():
        for p in perintah_rollup:
            sql_sama(p)

    w = bench_renstra.waktu_bergantian(
        {"sql": sql, "sql_e81": sql_e81, "sql_rollup": sql_rollup, "e81": e81, "rollup": rollup}, opsi.ulang
    )
    mesin = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        f"Basis data: {mesin}; {opsi.pd} perangkat daerah, {jumlah_real} realisasi, dibuat dalam {dibuat:.1f} s"
    )
    print(f"Seluruh kota: {baris} baris data dibaca; median dari {opsi.ulang} ulangan")
    print(f"  SQL mentah lama (rencana, realisasi, anggaran, laporan)  {w['sql'] * 1000:9.1f} ms")
    jumlah_e81 = sum(map(len, perintah_e81))
    jumlah_rollup = sum(map(len, perintah_rollup))
    print(
        f"  SQL yang sama dengan E.81 ({jumlah_e81} kueri, {baris_e81} baris)       {w['sql_e81'] * 1000:9.1f} ms"
    )
    print(
        f"  SQL yang sama dengan rekap ({jumlah_rollup} kueri, {baris_rollup} baris)     {w['sql_rollup'] * 1000:9.1f} ms"
    )
    for kunci, nama, pembanding in (
        ("e81", "E.81 setiap PD", "sql_e81"),
        ("rollup", "Rekap capaian setiap PD", "sql_rollup"),
    ):
        print(
            f"  {nama:<25s} {w[kunci] * 1000:9.1f} ms  = {w[kunci] / w['sql']:5.2f} × SQL lama; "
            f"{w[kunci] / w[pembanding]:5.2f} × SQL yang sama  (sasaran ≤ 3)"
        )
    if opsi.bagian:
        b = bagian_e81(ids[min(1, len(ids) - 1)], max(opsi.ulang, 20))
        print(f"Bagian E.81 satu perangkat daerah (median dari {max(opsi.ulang, 20)} ulangan):")
        for kunci, nama in (
            ("potret", "potret evaluasi (membaca data, menyusun baris)"),
            ("renstra", "kolom Renstra (5, 6, 13, 14) setiap baris"),
            ("anggaran", "kolom anggaran setiap baris"),
            ("tanda", "tanda verifikasi setiap baris"),
            ("sel", "sel, kaki dan sisanya"),
            ("e81", "E.81 seluruhnya"),
        ):
            print(f"  {nama:<50s} {b[kunci] * 1000:7.2f} ms")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    sys.exit(main())
