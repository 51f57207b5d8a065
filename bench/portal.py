"""Benchmark: the public Kinerja page and the open-data indicator listing for a whole kota (40 PD).

Every PD is a copy of the Sananwetan sample with its 2022 demonstration realisations. Prints, from one
run (median of turns):
* cold (cache emptied before every request): the public Kinerja page and `/api/v1/…/indikator/` of
  every PD ÷ raw SQL reading the same rows (plan, targets, realisations, reports) — goal ≤ 3× each;
* warm (served from the shared cache) on the production server (`kinerja serve`: waitress, 8 threads):
  requests per second of the Kinerja page and of the API listing ÷ those of a trivial view (`/sehat/`)
  on the same server — goal ≥ 50 %.

Usage: python bench/portal.py [--pd 40] [--ulang 5] [--klien 16] [--permintaan 1200]
The dataset goes to a temporary SQLite database unless DATABASE_URL is set (REDIS_URL: Redis cache).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import monev as bench_monev  # noqa: E402
import renstra as bench_renstra  # noqa: E402
import skm as bench_skm  # noqa: E402


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pd", type=int, default=40, help="jumlah perangkat daerah (bawaan 40)")
    p.add_argument("--ulang", type=int, default=5, help="ulangan tiap pengukuran dingin (median)")
    p.add_argument("--klien", type=int, default=16, help="permintaan bersamaan pada uji hangat")
    p.add_argument("--permintaan", type=int, default=1200, help="permintaan per giliran uji hangat")
    opsi = p.parse_args(argv)
    os.environ["KINERJA_BATAS_PUBLIK"] = "1000000"  # the per-address limit would (rightly) stop a load test
    bench_renstra.siapkan_lingkungan()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    versi = bench_renstra.buat_kota(opsi.pd)
    bench_monev.salin_realisasi(versi)
    pd = [(v.pd.pemda.slug, v.pd.slug, v.pk) for v in versi]
    klien = Client()

    def alamat_kinerja(pemda, slug):
        return reverse("publik:kinerja", args=[pemda, slug]) + "?tahun=2022"

    def alamat_api(pemda, slug):
        return reverse("publik:api_dataset", args=[pemda, slug, "indikator"]) + "?tahun=2022&per_halaman=500"

    def dingin(alamat):
        def jalan():
            for pemda, slug, _ in pd:
                cache.clear()
                r = klien.get(alamat(pemda, slug))
                assert r.status_code == 200, (r.status_code, alamat(pemda, slug))

        return jalan

    def sql():
        return sum(bench_monev.sql_mentah(v) for _, _, v in pd)

    baris = sql()
    w = bench_renstra.waktu_bergantian(
        {"sql": sql, "kinerja": dingin(alamat_kinerja), "api": dingin(alamat_api)}, opsi.ulang
    )
    mesin = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    tembolok = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(
        f"Basis data: {mesin}, cache {tembolok}; {opsi.pd} perangkat daerah; median dari {opsi.ulang} ulangan"
    )
    print(f"Dingin (cache dikosongkan sebelum setiap permintaan), seluruh kota, {baris} baris data:")
    print(f"  SQL mentah (baris yang sama)       {w['sql'] * 1000:9.1f} ms")
    for k, nama in (("kinerja", "halaman Kinerja publik"), ("api", "API indikator")):
        print(f"  {nama:<34} {w[k] * 1000:9.1f} ms = {w[k] / w['sql']:5.2f} × SQL  (sasaran ≤ 3)")

    # --- warm, on the production server -----------------------------------------------------------
    port = bench_skm.port_bebas()
    env = {**os.environ, "KINERJA_ALLOWED_HOSTS": "127.0.0.1,localhost"}
    connection.close()
    server = subprocess.Popen(
        [sys.executable, "-m", "kinerja.cli", "serve", "--alamat", f"127.0.0.1:{port}", "--utas", "8"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    pemda, slug, _ = pd[len(pd) // 2]
    jalur = {"sehat": "/sehat/", "kinerja": alamat_kinerja(pemda, slug), "api": alamat_api(pemda, slug)}
    laju: dict[str, list[float]] = {k: [] for k in jalur}
    try:
        bench_skm.tunggu_siap(port)
        for k in ("kinerja", "api"):  # fill the cache
            _, kode = bench_skm.beban(port, jalur[k], None, 1, 1)
            assert kode == [200], (k, kode)
        for _ in range(3):  # interleaved turns, so that machine noise hits all alike
            for k, j in jalur.items():
                r, kode = bench_skm.beban(port, j, None, opsi.klien, opsi.permintaan)
                assert all(x == 200 for x in kode), (k, sorted(set(kode)))
                laju[k].append(r)
    finally:
        server.terminate()
        server.wait(timeout=30)
    m = {k: statistics.median(v) for k, v in laju.items()}
    print(f"Hangat (dari cache), kinerja serve (waitress, 8 utas), {opsi.klien} klien bersamaan:")
    print(f"  tampilan sepele /sehat/            {m['sehat']:9.1f} permintaan/detik")
    for k, nama in (("kinerja", "halaman Kinerja publik"), ("api", "API indikator")):
        print(
            f"  {nama:<34} {m[k]:9.1f} permintaan/detik = {m[k] / m['sehat'] * 100:5.1f} % /sehat/  (sasaran ≥ 50 %)"
        )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    sys.exit(main())
