"""Benchmark: a province on PostgreSQL — 38 pemda × 40 PD — served by `kinerja serve` under load.

Builds the data by bulk copying the Sananwetan sample inside the database (INSERT … SELECT over
generate_series, ids shifted by a fixed step per copy), keeps one quarter of realisations
(triwulan I 2022), then starts `kinerja serve` (waitress) with Redis as the cache (REDIS_URL,
bawaan redis://127.0.0.1:6379/14) and, when DATABASE_REPLICA_URL is given, reads from the replica.
Sixteen client threads (http.client, logged-in sessions where a page needs one) request the ten
most used pages of random PDs; prints p50/p95 per page and the RSS of the server process.

Usage: DATABASE_URL=postgres://… python bench/provinsi.py [--pemda 38] [--pd 40] [--klien 16]
       [--permintaan 1600] [--utas 8]   (DATABASE_REPLICA_URL=… optional)
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import skm as bench_skm  # noqa: E402

# Ids of each copy are shifted by a fixed step: PD copies inside the first pemda, then pemda copies.
LANGKAH_PD = 100_000
LANGKAH_PEMDA = 10_000_000

# Tables copied with every PD (in dependency order), and those copied with every pemda in addition.
MODEL_PD = [
    "wilayah.Kecamatan",
    "wilayah.PerangkatDaerah",
    "wilayah.Unit",
    "wilayah.Penduduk",
    "sumberdaya.RekapPegawai",
    "sumberdaya.Aset",
    "renstra.RenstraVersi",
    "renstra.PlanNode",
    "renstra.Strategi",
    "renstra.ArahKebijakan",
    "renstra.Permasalahan",
    "renstra.IsuStrategis",
    "renstra.Naskah",
    "renstra.Indikator",
    "renstra.KondisiAwal",
    "renstra.Target",
    "renstra.Pagu",
    "renstra.KinerjaPelayanan",
    "renstra.KinerjaPelayananTahun",
    "renstra.AnggaranPelayanan",
    "monev.Realisasi",
    "monev.RealisasiAnggaran",
    "monev.Laporan",
    "layanan.JenisLayanan",
    "skm.Kios",
    "pengaduan.Kategori",
    "pengaduan.Pengaduan",
    "pengaduan.Tanggapan",
]
MODEL_PEMDA = ["wilayah.Pemda", "renstra.RPJMD", "renstra.Misi"]


def salin(label_model: list[str], salinan: int, langkah: int, batas_id: int) -> int:
    """Copy every row with id < batas_id of these tables ``salinan`` times, in the database.

    Copy k gets id + k·langkah; so does every reference to a copied table.  Columns unique on
    their own get the new id in hex (a UUID: a hash of its copy), so that the copies stay unique.
    """
    from django.apps import apps
    from django.db import connection, models, transaction

    daftar = [apps.get_model(m) for m in label_model]
    tabel = {m._meta.db_table for m in daftar}
    jumlah = 0
    with transaction.atomic(), connection.cursor() as c:
        for m in daftar:
            disalin = {
                f.name
                for f in m._meta.concrete_fields
                if f.primary_key or (f.is_relation and f.related_model._meta.db_table in tabel)
            }
            # Unique sets that no shifted id keeps unique: their text and UUID columns get a suffix.
            unik = [(f.name,) for f in m._meta.concrete_fields if f.unique and not f.primary_key]
            unik += [tuple(u) for u in m._meta.unique_together]
            unik += [tuple(u.fields) for u in m._meta.constraints if getattr(u, "fields", None)]
            akhiran = {n for u in unik if not disalin & set(u) for n in u}
            kolom, isi = [], []
            for f in m._meta.concrete_fields:
                q = connection.ops.quote_name(f.column)
                kolom.append(q)
                if f.name in disalin:
                    isi.append(f"x.{q} + g.k * {langkah}")
                elif f.name in akhiran and isinstance(f, models.UUIDField):
                    isi.append(f"md5(x.{q}::text || g.k::text || '{langkah}')::uuid")
                elif f.name in akhiran and isinstance(f, models.CharField):
                    # The new id in hex keeps every copy unique (12 characters hold ids up to 2^40).
                    sisa = max(0, f.max_length - 11)
                    isi.append(f"left(x.{q}, {sisa}) || upper(to_hex(x.id + g.k * {langkah}))")
                else:
                    isi.append(f"x.{q}")
            c.execute(
                f"INSERT INTO {m._meta.db_table} ({', '.join(kolom)}) SELECT {', '.join(isi)} "
                f"FROM {m._meta.db_table} x CROSS JOIN generate_series(1, %s) AS g(k) WHERE x.id < %s",
                [salinan, batas_id],
            )
            jumlah += c.rowcount
        from django.core.management.color import no_style

        for sql in connection.ops.sequence_reset_sql(no_style(), daftar):
            c.execute(sql)
    return jumlah


def buat_provinsi(jumlah_pemda: int, jumlah_pd: int) -> int:
    from django.core.management import call_command

    from kinerja.demo.sampel import muat_sampel
    from kinerja.monev.models import Laporan, Realisasi, RealisasiAnggaran

    call_command("migrate", interactive=False, verbosity=0)
    muat_sampel()
    # One quarter of realisations: triwulan I of 2022.
    for m in (Realisasi, RealisasiAnggaran, Laporan):
        m.objects.exclude(tahun=2022, triwulan=1).delete()
    n = salin(MODEL_PD, jumlah_pd - 1, LANGKAH_PD, LANGKAH_PD)
    n += salin(MODEL_PEMDA + MODEL_PD, jumlah_pemda - 1, LANGKAH_PEMDA, LANGKAH_PEMDA)
    from django.db import connection

    with connection.cursor() as c:
        c.execute("ANALYZE")
    return n


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for baris in f:
            if baris.startswith("VmRSS:"):
                return int(baris.split()[1])
    return 0


def anak(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def main(argv=None) -> int:  # noqa: C901 (one run from building the province to its report, read top to bottom)
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pemda", type=int, default=38)
    p.add_argument("--pd", type=int, default=40, help="perangkat daerah per pemda")
    p.add_argument("--klien", type=int, default=16, help="klien bersamaan")
    p.add_argument(
        "--permintaan", type=int, default=1600, help="jumlah permintaan (dibagi rata ke 10 halaman)"
    )
    p.add_argument("--utas", type=int, default=8, help="utas server waitress")
    opsi = p.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("bench/provinsi.py memerlukan PostgreSQL: setel DATABASE_URL=postgres://…")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import renstra as bench_renstra

    bench_renstra.siapkan_lingkungan()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from kinerja.pengaduan.models import Pengaduan
    from kinerja.renstra.models import RenstraVersi
    from kinerja.skm.models import Kios
    from kinerja.wilayah.models import Pemda, PerangkatDaerah

    t0 = time.perf_counter()
    baris = buat_provinsi(opsi.pemda, opsi.pd)
    dibuat = time.perf_counter() - t0
    cache.clear()
    versi = list(RenstraVersi.objects.values_list("pk", flat=True))
    pd = list(PerangkatDaerah.objects.values_list("pk", flat=True))
    token = list(Kios.objects.values_list("token_ponsel", flat=True))
    kode_adu = list(Pengaduan.objects.values_list("kode", flat=True)[:5000])
    klien = Client()
    klien.force_login(get_user_model().objects.get(username="admin"))
    sesi = klien.cookies[settings.SESSION_COOKIE_NAME].value
    acak = random.Random(38)
    halaman = {
        "halaman masuk": (False, lambda: "/masuk/"),
        "beranda administrator": (True, lambda: "/administrasi/"),
        "daftar perangkat daerah": (True, lambda: "/perangkat-daerah/"),
        "dasbor Renstra PD": (True, lambda: f"/renstra/{acak.choice(versi)}/"),
        "Tabel 6.2 PD": (True, lambda: f"/renstra/{acak.choice(versi)}/tabel/6.2/"),
        "E.81 PD (2022)": (True, lambda: f"/monev/{acak.choice(versi)}/2022/laporan/E.81/"),
        "capaian PD (2022)": (True, lambda: f"/monev/{acak.choice(versi)}/2022/capaian/"),
        "katalog layanan": (False, lambda: f"/layanan/{acak.choice(pd)}/"),
        "formulir SKM ponsel": (False, lambda: f"/skm/isi/{acak.choice(token)}/"),
        "lacak pengaduan": (False, lambda: f"/pengaduan/lacak/?kode={acak.choice(kode_adu)}"),
    }
    tugas = [
        (nama, masuk, buat()) for nama, (masuk, buat) in halaman.items() for _ in range(opsi.permintaan // 10)
    ]
    acak.shuffle(tugas)

    port = bench_skm.port_bebas()
    env = {**os.environ, "KINERJA_ALLOWED_HOSTS": "127.0.0.1,localhost"}
    connection.close()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kinerja.cli",
            "serve",
            "--alamat",
            f"127.0.0.1:{port}",
            "--utas",
            str(opsi.utas),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    waktu: dict[str, list[float]] = {k: [] for k in halaman}
    gagal: dict[str, int] = dict.fromkeys(halaman, 0)
    rss_maks: dict[int, int] = {}
    kunci = threading.Lock()
    selesai = threading.Event()

    def kerja():
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with kunci:
                if not tugas:
                    break
                nama, masuk, jalur = tugas.pop()
            kepala = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={sesi}"} if masuk else {}
            t = time.perf_counter()
            try:
                c.request("GET", jalur, headers=kepala)
                r = c.getresponse()
                r.read()
                status = r.status
                if r.getheader("Connection", "").lower() == "close":
                    c.close()
            except (OSError, http.client.HTTPException):
                c.close()
                status = 0
            lama = time.perf_counter() - t
            with kunci:
                waktu[nama].append(lama)
                if status != 200:
                    gagal[nama] += 1
        c.close()

    def pantau():
        while not selesai.is_set():
            for w in [server.pid, *anak(server.pid)]:
                try:
                    rss_maks[w] = max(rss_maks.get(w, 0), rss_kb(w))
                except OSError:
                    pass
            time.sleep(0.5)

    try:
        bench_skm.tunggu_siap(port, 200)
        pemantau = threading.Thread(target=pantau, daemon=True)
        pemantau.start()
        t0 = time.perf_counter()
        benang = [threading.Thread(target=kerja) for _ in range(opsi.klien)]
        for b in benang:
            b.start()
        for b in benang:
            b.join()
        lama_total = time.perf_counter() - t0
        rss_akhir = {w: rss_kb(w) for w in [server.pid, *anak(server.pid)]}
        selesai.set()
    finally:
        server.terminate()
        server.wait(timeout=30)

    replika = "ya" if os.environ.get("DATABASE_REPLICA_URL") else "tidak"
    print(
        f"Provinsi: {Pemda.objects.count()} pemda, {len(pd)} perangkat daerah, {len(versi)} Renstra; "
        f"{baris} baris disalin dalam {dibuat:.1f} s (PostgreSQL, INSERT … SELECT)"
    )
    print(
        f"kinerja serve: waitress {opsi.utas} utas, cache Redis {os.environ['REDIS_URL']}, replika baca: {replika}; "
        f"{opsi.klien} klien bersamaan, {sum(map(len, waktu.values()))} permintaan dalam {lama_total:.1f} s"
    )
    print(f"  {'halaman':28s} {'p50 ms':>8s} {'p95 ms':>8s} {'bukan 200':>10s}")
    for nama, daftar in waktu.items():
        daftar.sort()
        p95 = daftar[min(len(daftar) - 1, int(len(daftar) * 0.95))]
        print(f"  {nama:28s} {statistics.median(daftar) * 1000:8.0f} {p95 * 1000:8.0f} {gagal[nama]:10d}")
    for w in sorted(rss_akhir):
        print(
            f"  proses PID {w}: RSS {rss_akhir[w] / 1024:.0f} MiB (tertinggi {rss_maks.get(w, 0) / 1024:.0f} MiB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
