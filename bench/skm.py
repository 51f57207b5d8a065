"""Benchmark: the IKM over a million questionnaires, and kiosk submissions under load.

Prints, from one run:
* the IKM of 1 000 000 questionnaires computed in the database (one aggregate query + the
  exact arithmetic) ÷ the raw aggregate SQL over the same rows (goal ≤ 1,5×);
* kiosk submissions per second against the production server (`kinerja serve`: waitress, 8 threads) under
  concurrent load from a local load generator, as a share of the rate of the floor of the same
  work on the same server and database: a minimal view (bench/urls_lantai.py, loaded only by the
  benchmark's server through bench/pengaturan_lantai.py) that inserts one row into the same
  responses table in its own transaction (goal ≥ 50 %); and how many answers were lost or stored
  twice (goal 0). Ten per cent of the submissions are sent again with the same id, as a kiosk does
  after a lost reply. The rate of a view that writes nothing (/sehat/) is printed for reference.

Usage: python bench/skm.py [--respons 1000000] [--klien 16] [--kirim 2400]
The dataset goes to a temporary SQLite database unless DATABASE_URL is set.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import renstra as bench_renstra  # noqa: E402


def isi_respons(jumlah: int) -> int:
    """Questionnaires spread over the sample's units and 2024, inserted in plain batches."""
    import datetime as dt

    from django.db import connection, transaction
    from django.utils import timezone

    from kinerja.wilayah.models import Unit

    units = [u.pk for u in Unit.objects.filter(jenis__in=["kantor", "kelurahan"])]
    acak = random.Random(14)
    awal = timezone.make_aware(dt.datetime(2024, 1, 1, 8))
    adapt = connection.ops.adapt_datetimefield_value
    sql = (
        "INSERT INTO skm_respons (unit_id, id_klien, waktu, diterima, sumber, jenis_kelamin, pendidikan, pekerjaan, saran, "
        "alamat_hash, u1, u2, u3, u4, u5, u6, u7, u8, u9) VALUES (" + ", ".join(["%s"] * 19) + ")"
    )
    sekarang = adapt(timezone.now())
    dibuat = 0
    while dibuat < jumlah:
        n = min(20000, jumlah - dibuat)
        baris = []
        for i in range(n):
            waktu = adapt(awal + dt.timedelta(minutes=(dibuat + i) % 500000))
            jawab = [min(4, max(1, round(3.3 + acak.gauss(0, 0.6)))) for _ in range(9)]
            idk = uuid.UUID(int=acak.getrandbits(128), version=4)
            baris.append(
                (
                    acak.choice(units),
                    idk.hex if connection.vendor == "sqlite" else idk,
                    waktu,
                    sekarang,
                    "kertas",
                    "",
                    "",
                    "",
                    "",
                    "",
                    *jawab,
                )
            )
        with transaction.atomic(), connection.cursor() as c:
            c.executemany(sql, baris)
        dibuat += n
    return dibuat


def sql_mentah(jumlah_unit: int) -> str:
    """The aggregate the IKM needs, over the same rows (units and period) as the application reads."""
    return (
        "SELECT COUNT(*), "
        + ", ".join(f"SUM(u{i}), COUNT(u{i})" for i in range(1, 10))
        + f" FROM skm_respons WHERE unit_id IN ({', '.join(['%s'] * jumlah_unit)}) AND waktu >= %s AND waktu < %s"
    )


def tunggu_siap(port: int, kali: int = 100) -> None:
    """Wait until the server on ``port`` answers /sehat/ (at most ``kali`` tries)."""
    for _ in range(kali):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/sehat/")
            if c.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)


def port_bebas() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def beban(
    port: int, jalur: str, badan: list[bytes] | None, klien: int, jumlah: int
) -> tuple[float, list[int]]:
    """Send ``jumlah`` requests from ``klien`` threads; returns the rate and the status codes."""
    kode: list[int] = []
    kunci = threading.Lock()
    antre = list(range(jumlah))

    def kerja():
        while True:
            with kunci:
                if not antre:
                    return
                i = antre.pop()
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            if badan is None:
                c.request("GET", jalur)
            else:
                c.request("POST", jalur, body=badan[i], headers={"Content-Type": "application/json"})
            status = c.getresponse().status
            c.close()
            with kunci:
                kode.append(status)

    t0 = time.perf_counter()
    benang = [threading.Thread(target=kerja) for _ in range(klien)]
    for b in benang:
        b.start()
    for b in benang:
        b.join()
    return jumlah / (time.perf_counter() - t0), kode


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--respons", type=int, default=1_000_000)
    p.add_argument("--klien", type=int, default=16, help="permintaan bersamaan")
    p.add_argument("--kirim", type=int, default=2400, help="kiriman kios (termasuk 10% kiriman ulang)")
    p.add_argument("--ulang", type=int, default=5)
    opsi = p.parse_args(argv)
    bench_renstra.siapkan_lingkungan()
    import datetime as dt

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from kinerja.core.pelaku import SISTEM
    from kinerja.demo.sampel import muat_sampel
    from kinerja.layanan.services import rentang_waktu
    from kinerja.skm.models import Kios, Respons
    from kinerja.skm.services import hasil_ikm
    from kinerja.wilayah.models import Unit

    call_command("migrate", interactive=False, verbosity=0)
    muat_sampel()
    t0 = time.perf_counter()
    isi_respons(opsi.respons)
    dibuat = time.perf_counter() - t0
    units = list(Unit.objects.values_list("pk", flat=True))
    mulai, akhir = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    a, b = rentang_waktu(mulai, akhir)
    adapt = connection.ops.adapt_datetimefield_value

    def orm():
        return hasil_ikm(unit_ids=units, mulai=mulai, akhir=akhir, pengguna=SISTEM).ikm

    def mentah():
        with connection.cursor() as c:
            c.execute(sql_mentah(len(units)), [*units, adapt(a), adapt(b)])
            return c.fetchone()

    n = Respons.objects.filter(waktu__gte=a, waktu__lt=b).count()
    w = bench_renstra.waktu_bergantian({"sql": mentah, "ikm": orm}, opsi.ulang)
    mesin = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        f"Basis data: {mesin}; {n} kuesioner 2024 (dibuat dalam {dibuat:.1f} s); median dari {opsi.ulang} ulangan"
    )
    print(f"  SQL agregat mentah             {w['sql'] * 1000:9.1f} ms")
    print(
        f"  IKM (kueri agregat + hitung)   {w['ikm'] * 1000:9.1f} ms = {w['ikm'] / w['sql']:5.2f} × SQL  (sasaran ≤ 1,5)  IKM {orm()}"
    )

    # --- kiosk under load -----------------------------------------------------------------------
    kios = Kios.objects.select_related("unit").first()
    kios.batas_per_menit = 30_000  # the per-kiosk limit would (rightly) stop a load test
    kios.save()
    port = port_bebas()

    sekarang = timezone.now()
    bench = str(Path(__file__).resolve().parent)
    env = {
        **os.environ,
        "KINERJA_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "pengaturan_lantai",
        "PYTHONPATH": os.pathsep.join([bench, *filter(None, [os.environ.get("PYTHONPATH")])]),
    }
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
            "8",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        tunggu_siap(port)
        unik = int(opsi.kirim / 1.1)
        ids = [str(uuid.uuid4()) for _ in range(unik)]
        kirim = ids + random.Random(2).sample(ids, opsi.kirim - unik)
        random.Random(3).shuffle(kirim)
        # An hour ago: within the kiosk's offline window (answers older than 72 hours are refused).
        waktu_kios = (timezone.now() - dt.timedelta(hours=1)).isoformat()
        badan = [
            json.dumps(
                {
                    "id": i,
                    "jawaban": {f"U{k}": 3 + (k % 2) for k in range(1, 10)},
                    "waktu": waktu_kios,
                }
            ).encode()
            for i in kirim
        ]
        jalur = f"/skm/kios/{kios.token}/kirim/"
        jalur_lantai = f"/bench/lantai/{kios.unit_id}/"
        laju_sehat = []
        laju_lantai = []
        laju_kios = []
        semua_kode: list[int] = []
        potong = len(badan) // 3
        for k in range(3):  # interleaved turns, so that machine noise hits both alike
            laju, _ = beban(port, "/sehat/", None, opsi.klien, potong)
            laju_sehat.append(laju)
            laju, kode = beban(port, jalur_lantai, badan[k * potong : (k + 1) * potong], opsi.klien, potong)
            assert all(x == 201 for x in kode), "tampilan lantai gagal"
            laju_lantai.append(laju)
            laju, kode = beban(port, jalur, badan[k * potong : (k + 1) * potong], opsi.klien, potong)
            laju_kios.append(laju)
            semua_kode += kode
        if len(badan) > 3 * potong:
            _, kode = beban(port, jalur, badan[3 * potong :], opsi.klien, len(badan) - 3 * potong)
            semua_kode += kode
    finally:
        server.terminate()
        server.wait(timeout=30)
    tersimpan = Respons.objects.filter(kios=kios, sumber="kios").values_list("id_klien", flat=True)
    tersimpan = [str(x) for x in tersimpan]
    hilang = len(set(ids) - set(tersimpan))
    ganda = len(tersimpan) - len(set(tersimpan))
    gagal = sum(1 for x in semua_kode if x not in (200, 201))
    lantai = Respons.objects.filter(kios=None, sumber="kertas", waktu__gte=sekarang).count()
    ls, ll, lk = statistics.median(laju_sehat), statistics.median(laju_lantai), statistics.median(laju_kios)
    print(
        f"Kios: {len(badan)} kiriman ({unik} jawaban berbeda, {len(badan) - unik} kiriman ulang), {opsi.klien} klien bersamaan, kinerja serve (waitress, 8 utas)"
    )
    print(f"  tampilan sepele /sehat/        {ls:9.1f} permintaan/detik (tanpa menulis, sekadar pembanding)")
    print(f"  lantai: satu INSERT tahan-lama {ll:9.1f} permintaan/detik ({lantai} baris tersimpan)")
    print(
        f"  kiriman kios                   {lk:9.1f} permintaan/detik = {lk / ll * 100:5.1f} % lantai  (sasaran ≥ 50 %)"
    )
    print(f"  jawaban hilang {hilang}, tersimpan ganda {ganda}, jawaban galat {gagal}  (sasaran 0)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    sys.exit(main())
