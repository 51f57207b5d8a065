"""Benchmark: Bappeda's page of a whole kota (40 PD) against the raw SQL reading the same rows.

Every PD is a copy of the Sananwetan sample with its 2022 demonstration realisations (as in
bench/monev.py). Prints, from one run (median of turns):
* the page ``/kota/<pemda>/2022/?triwulan=4`` as Bappeda, with each PD's figures already kept in the
  cache (the usual view: they are worked out again only for a PD whose data changed) ÷ raw SQL;
* the same page with an empty cache (every PD's capaian for two quarters and its checker worked out)
  ÷ the same raw SQL;
* the number of queries of each, which for the kept figures does not grow with the number of PD.
The raw SQL reads, per PD, the plan, its realisations, budget realisations and reports (bench/monev.py),
and for the kota the survey answers per unit.

Usage: python bench/kota.py [--pd 40] [--ulang 3]
The dataset goes to a temporary SQLite database unless DATABASE_URL is set.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import monev as bench_monev  # noqa: E402
import renstra as bench_renstra  # noqa: E402

SQL_IKM = (
    "SELECT r.unit_id, COUNT(*), SUM(r.u1), SUM(r.u2), SUM(r.u3), SUM(r.u4), SUM(r.u5), SUM(r.u6), SUM(r.u7), "
    "SUM(r.u8), SUM(r.u9) FROM skm_respons r JOIN wilayah_unit u ON r.unit_id = u.id "
    "JOIN wilayah_perangkatdaerah p ON u.pd_id = p.id WHERE p.pemda_id = %s GROUP BY r.unit_id"
)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pd", type=int, default=40, help="jumlah perangkat daerah (bawaan 40)")
    p.add_argument("--ulang", type=int, default=3, help="ulangan tiap pengukuran (median)")
    opsi = p.parse_args(argv)
    bench_renstra.siapkan_lingkungan()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    t0 = time.perf_counter()
    versi = bench_renstra.buat_kota(opsi.pd)
    jumlah_real = bench_monev.salin_realisasi(versi)
    dibuat = time.perf_counter() - t0
    pemda = versi[0].pd.pemda
    ids = [v.pk for v in versi]
    klien = Client()
    klien.force_login(get_user_model().objects.get(username="verifikator"))
    url = f"/kota/{pemda.slug}/2022/?triwulan=4"

    def sql():
        n = sum(bench_monev.sql_mentah(i) for i in ids)
        with connection.cursor() as c:
            c.execute(SQL_IKM, [pemda.pk])
            n += len(c.fetchall())
        return n

    def halaman():
        r = klien.get(url)
        assert r.status_code == 200, r.status_code

    def dingin():
        cache.clear()
        halaman()

    def kueri(f) -> int:
        with CaptureQueriesContext(connection) as q:
            f()
        return len(q.captured_queries)

    baris = sql()
    w = bench_renstra.waktu_bergantian({"sql": sql, "hangat": halaman, "dingin": dingin}, opsi.ulang)
    n_dingin = kueri(dingin)
    n_hangat = kueri(halaman)
    mesin = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        f"Basis data: {mesin}; {opsi.pd} perangkat daerah, {jumlah_real} realisasi, dibuat dalam {dibuat:.1f} s"
    )
    print(f"Seluruh kota: {baris} baris data dibaca; median dari {opsi.ulang} ulangan")
    print(f"  SQL mentah (baris yang sama)            {w['sql'] * 1000:9.1f} ms")
    print(
        f"  Halaman Bappeda, angka PD tersimpan     {w['hangat'] * 1000:9.1f} ms  = "
        f"{w['hangat'] / w['sql']:5.2f} × SQL  (sasaran ≤ 3), {n_hangat} kueri"
    )
    print(
        f"  Halaman Bappeda, cache kosong           {w['dingin'] * 1000:9.1f} ms  = "
        f"{w['dingin'] / w['sql']:5.2f} × SQL, {n_dingin} kueri"
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    sys.exit(main())
