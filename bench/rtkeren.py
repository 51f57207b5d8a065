"""Benchmark: RT Keren of a kota — 40 PD with 250 RT each and a year of RT Keren records.

Prints, from one run:
* the kecamatan RT Keren page of one PD (its seven kelurahan, 250 RT) ÷ the raw SQL reading the same
  rows: each RT with its allocation, its rembug count and its spending (goal ≤ 3×);
* the indicator feed of one PD (the four quarters of the RT Keren figures per kelurahan that the plan's
  realisations take, ``rtkeren.selectors.jumlah_rt_triwulan``) ÷ the raw SQL reading the same rows
  (goal ≤ 3×).

The first PD is the Sananwetan sample (251 RT and its demonstration year); the others are built
from it: seven kelurahan, 250 RT, per RT one or two rembug warga, four proposals, three funded
activities with three payments each (deterministic).

Usage: python bench/rtkeren.py [--pd 40] [--rt 250] [--ulang 15]
The dataset goes to a temporary SQLite database unless DATABASE_URL is set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import renstra as bench_renstra  # noqa: E402

TAHUN = 2022


def _pd_baru(pemda, i: int, jumlah_rt: int, acak: random.Random) -> int:
    from kinerja.rtkeren.models import Alokasi, KegiatanRt, RealisasiRt, RembugWarga, Usulan
    from kinerja.wilayah.models import PerangkatDaerah, RukunTetangga, Unit

    pd = PerangkatDaerah.objects.create(
        pemda=pemda, nama=f"Kecamatan Bench {i:02d}", slug=f"bench-rt-{i:02d}"
    )
    Unit.objects.create(
        pd=pd, jenis=Unit.Jenis.KANTOR, nama=f"Kecamatan Bench {i:02d}", nama_pendek="Kecamatan"
    )
    kel = [
        Unit.objects.create(
            pd=pd, jenis=Unit.Jenis.KELURAHAN, nama=f"Kelurahan B{i}-{k}", nama_pendek=f"B{k}", urutan=k
        )
        for k in range(1, 8)
    ]
    rt = RukunTetangga.objects.bulk_create(
        RukunTetangga(unit=kel[n % 7], rw=n // 35 + 1, nomor=n + 1) for n in range(jumlah_rt)
    )
    Alokasi.objects.bulk_create(Alokasi(rt=r, tahun=TAHUN, pagu=Decimal(70_000_000)) for r in rt)
    rembug = RembugWarga.objects.bulk_create(
        RembugWarga(rt=r, tanggal=dt.date(TAHUN, 1 + k * 5, 10), tempat="Balai RW")
        for r in rt
        for k in range(1 + (acak.random() < 0.1))
    )
    pertama = {}
    for rb in rembug:
        pertama.setdefault(rb.rt_id, rb)
    usulan = Usulan.objects.bulk_create(
        Usulan(
            rembug=rb,
            tahun=TAHUN,
            prioritas=p,
            bidang="fisik",
            uraian="Paving jalan lingkungan",
            volume=10,
            satuan="m²",
            perkiraan_biaya=Decimal(23_000_000),
            status="didanai" if p < 4 else "musrenbang_kelurahan",
        )
        for rb in pertama.values()
        for p in range(1, 5)
    )
    kegiatan = KegiatanRt.objects.bulk_create(
        KegiatanRt(usulan=u, nama=u.uraian) for u in usulan if u.status == "didanai"
    )
    RealisasiRt.objects.bulk_create(
        RealisasiRt(
            kegiatan=k,
            tanggal=dt.date(TAHUN, b, 15),
            jumlah=Decimal(acak.randint(4, 8) * 1_000_000),
            fisik=30 * j,
        )
        for k in kegiatan
        for j, b in enumerate((5, 8, 11), start=1)
    )
    return jumlah_rt


def buat_kota(jumlah_pd: int, jumlah_rt: int):
    from django.core.management import call_command
    from django.db import connection, transaction

    from kinerja.demo.sampel import muat_sampel
    from kinerja.wilayah.models import PerangkatDaerah

    call_command("migrate", interactive=False, verbosity=0)
    muat_sampel()
    asal = PerangkatDaerah.objects.get()
    acak = random.Random(40)
    n = 0
    for i in range(2, jumlah_pd + 1):
        with transaction.atomic():
            n += _pd_baru(asal.pemda, i, jumlah_rt, acak)
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")
    return asal, n


SQL_HALAMAN = """
SELECT rt.id, rt.unit_id, rt.rw, rt.nomor, a.pagu,
       (SELECT COUNT(*) FROM rtkeren_rembugwarga r WHERE r.rt_id = rt.id AND r.tanggal BETWEEN %s AND %s),
       (SELECT SUM(x.jumlah) FROM rtkeren_realisasirt x
          JOIN rtkeren_kegiatanrt k ON k.id = x.kegiatan_id
          JOIN rtkeren_usulan u ON u.id = k.usulan_id
          JOIN rtkeren_rembugwarga rb ON rb.id = u.rembug_id
         WHERE rb.rt_id = rt.id AND u.tahun = %s AND x.tanggal <= %s)
  FROM wilayah_rukuntetangga rt
  JOIN wilayah_unit w ON w.id = rt.unit_id
  LEFT JOIN rtkeren_alokasi a ON a.rt_id = rt.id AND a.tahun = %s
 WHERE w.pd_id = %s
"""

SQL_UMPAN = [
    "SELECT rt.id, rt.unit_id, rt.aktif FROM wilayah_rukuntetangga rt JOIN wilayah_unit w ON w.id = rt.unit_id "
    "WHERE w.pd_id = %s",
    "SELECT a.rt_id, a.tahun, a.pagu FROM rtkeren_alokasi a JOIN wilayah_rukuntetangga rt ON rt.id = a.rt_id "
    "JOIN wilayah_unit w ON w.id = rt.unit_id WHERE w.pd_id = %s AND a.tahun = 2022",
    "SELECT r.rt_id, r.tanggal FROM rtkeren_rembugwarga r JOIN wilayah_rukuntetangga rt ON rt.id = r.rt_id "
    "JOIN wilayah_unit w ON w.id = rt.unit_id WHERE w.pd_id = %s AND r.tanggal BETWEEN '2022-01-01' AND '2022-12-31'",
    "SELECT rb.rt_id, u.tahun, x.tanggal, x.jumlah FROM rtkeren_realisasirt x "
    "JOIN rtkeren_kegiatanrt k ON k.id = x.kegiatan_id JOIN rtkeren_usulan u ON u.id = k.usulan_id "
    "JOIN rtkeren_rembugwarga rb ON rb.id = u.rembug_id JOIN wilayah_rukuntetangga rt ON rt.id = rb.rt_id "
    "JOIN wilayah_unit w ON w.id = rt.unit_id WHERE w.pd_id = %s AND u.tahun = 2022",
]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pd", type=int, default=40)
    p.add_argument("--rt", type=int, default=250, help="RT per perangkat daerah")
    p.add_argument("--ulang", type=int, default=15)
    opsi = p.parse_args(argv)
    bench_renstra.siapkan_lingkungan()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from kinerja.rtkeren import selectors
    from kinerja.rtkeren.models import RealisasiRt
    from kinerja.wilayah.models import Unit

    t0 = time.perf_counter()
    pd, n = buat_kota(opsi.pd, opsi.rt)
    print(
        f"Data: {opsi.pd} PD, {n + 251} RT, {RealisasiRt.objects.count()} realisasi ({time.perf_counter() - t0:.1f} s)"
    )
    klien = Client()
    klien.force_login(get_user_model().objects.get(username="perencana"))
    url = reverse("rtkeren:kecamatan", args=[pd.pk, TAHUN])
    assert klien.get(url).status_code == 200
    ids = list(Unit.objects.filter(pd=pd).values_list("pk", flat=True))

    def sql_halaman():
        with connection.cursor() as c:
            c.execute(
                SQL_HALAMAN,
                [dt.date(TAHUN, 1, 1), dt.date(TAHUN, 12, 31), TAHUN, dt.date(TAHUN, 12, 31), TAHUN, pd.pk],
            )
            return len(c.fetchall())

    def sql_umpan():
        with connection.cursor() as c:
            jumlah = 0
            for sql in SQL_UMPAN:
                c.execute(sql, [pd.pk])
                jumlah += len(c.fetchall())
            return jumlah

    fungsi = {
        "halaman": lambda: klien.get(url),
        "sql halaman": sql_halaman,
        "umpan": lambda: selectors.jumlah_rt_triwulan(ids, TAHUN, TAHUN),
        "sql umpan": sql_umpan,
    }
    waktu = bench_renstra.waktu_bergantian(fungsi, opsi.ulang)
    for nama, dasar in (("halaman", "sql halaman"), ("umpan", "sql umpan")):
        rasio = waktu[nama] / waktu[dasar]
        print(
            f"{nama}: {waktu[nama] * 1000:.1f} ms; SQL mentah {waktu[dasar] * 1000:.1f} ms; rasio {rasio:.2f}× "
            f"(sasaran ≤ 3×) {'OK' if rasio <= 3 else 'TIDAK'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
