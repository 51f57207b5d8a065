"""Benchmark: E.81 and the capaian roll-up for a whole kota (40 PD) against the raw SQL.

Every PD is a copy of the Sananwetan sample with its 2022 demonstration realisations.
Prints, from one run (median of turns):
* E.81 for every PD (evaluation snapshot + report table) ÷ raw SQL reading the same rows (goal ≤ 3×);
* capaian roll-up for every PD (snapshot + mean per element and per unit) ÷ the same raw SQL (goal ≤ 3×).

Usage: python bench/monev.py [--pd 40] [--ulang 5]
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


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pd", type=int, default=40, help="jumlah perangkat daerah (bawaan 40)")
    p.add_argument("--ulang", type=int, default=5, help="ulangan tiap pengukuran (median)")
    opsi = p.parse_args(argv)
    bench_renstra.siapkan_lingkungan()
    from django.conf import settings

    from kinerja.monev.laporan import tabel_e81
    from kinerja.monev.selectors import muat_evaluasi

    t0 = time.perf_counter()
    versi = bench_renstra.buat_kota(opsi.pd)
    jumlah_real = salin_realisasi(versi)
    dibuat = time.perf_counter() - t0
    ids = [v.pk for v in versi]

    def sql():
        return sum(sql_mentah(i) for i in ids)

    def e81():
        for i in ids:
            tabel_e81(muat_evaluasi(i, TAHUN, 4))

    def rollup():
        for i in ids:
            ev = muat_evaluasi(i, TAHUN, 4)
            for n in ev.r.node:
                ev.rollup(n)
            ev.per_unit()
            ev.rata_capaian()

    baris = sql()
    w = bench_renstra.waktu_bergantian({"sql": sql, "e81": e81, "rollup": rollup}, opsi.ulang)
    mesin = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        f"Basis data: {mesin}; {opsi.pd} perangkat daerah, {jumlah_real} realisasi, dibuat dalam {dibuat:.1f} s"
    )
    print(f"Seluruh kota: {baris} baris data dibaca; median dari {opsi.ulang} ulangan")
    print(f"  SQL mentah (baris yang sama)     {w['sql'] * 1000:9.1f} ms")
    print(
        f"  E.81 setiap PD                   {w['e81'] * 1000:9.1f} ms  = {w['e81'] / w['sql']:5.2f} × SQL  (sasaran ≤ 3)"
    )
    print(
        f"  Rekap capaian setiap PD          {w['rollup'] * 1000:9.1f} ms  = {w['rollup'] / w['sql']:5.2f} × SQL  (sasaran ≤ 3)"
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    sys.exit(main())
