"""Benchmark: a kota-size dataset (40 PD with Sananwetan-like plans).

Prints, from one run:
* Tabel 6.2 page render time for one PD ÷ time of the raw SQL fetching the same rows (goal ≤ 3×);
* Tabel 6.2 XLSX export time for one PD ÷ the same raw SQL time (goal ≤ 5×);
* both again with the plan read afresh each time, as right after a change to the plan (no goal: a plan is
  kept by each process while its revision is unchanged, ``renstra.revisi``);
* `kinerja check` time for the whole kota (goal < 10 s on a 2-core machine).

Usage: python bench/renstra.py [--pd 40] [--ulang 15]
The dataset goes to a temporary SQLite database unless DATABASE_URL is set.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path


def siapkan_lingkungan() -> None:
    if not os.environ.get("DATABASE_URL"):
        folder = Path(tempfile.mkdtemp(prefix="kinerja-bench-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
        os.environ.setdefault("KINERJA_VAR", str(folder))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    os.environ.setdefault("KINERJA_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()


def buat_kota(jumlah_pd: int) -> list:
    """The Sananwetan sample, copied into jumlah_pd − 1 more PDs of one kota (deterministic)."""
    from django.core.management import call_command
    from django.db import transaction

    from kinerja.demo.sampel import muat_sampel
    from kinerja.renstra.models import (
        BarisCetak,
        Indikator,
        KondisiAwal,
        Pagu,
        PlanNode,
        SumberDokumen,
        Target,
    )
    from kinerja.wilayah.models import Kecamatan, PerangkatDaerah, Unit

    call_command("migrate", interactive=False, verbosity=0)
    muat_sampel()
    asal_pd = PerangkatDaerah.objects.get()
    asal = asal_pd.renstra_set.get()
    pemda = asal_pd.pemda
    unit_asal = list(Unit.objects.filter(pd=asal_pd).order_by("id"))
    node_asal = list(PlanNode.objects.filter(versi=asal).order_by("id"))
    ind_asal = list(Indikator.objects.filter(node__versi=asal).order_by("id"))
    target_asal = list(Target.objects.filter(indikator__node__versi=asal))
    awal_asal = list(KondisiAwal.objects.filter(indikator__node__versi=asal))
    pagu_asal = list(Pagu.objects.filter(node__versi=asal))
    sumber_asal = asal.sumber_set.get()
    cetak_asal = list(BarisCetak.objects.filter(sumber=sumber_asal))
    versi = [asal]
    for i in range(2, jumlah_pd + 1):
        with transaction.atomic():
            kec = Kecamatan.objects.create(pemda=pemda, nama=f"Bench {i:02d}")
            pd = PerangkatDaerah.objects.create(
                pemda=pemda,
                nama=f"Kecamatan Bench {i:02d}",
                slug=f"bench-{i:02d}",
                kode_bidang="7.01",
                kecamatan=kec,
            )
            peta_unit = {}
            for u in unit_asal:
                baru = Unit.objects.create(
                    pd=pd,
                    jenis=u.jenis,
                    nama=u.nama.replace("Sananwetan", f"Bench {i:02d}") if u.jenis == "kantor" else u.nama,
                    nama_pendek=u.nama_pendek,
                    urutan=u.urutan,
                    luas_km2=u.luas_km2,
                )
                peta_unit[u.pk] = baru.pk
            v = type(asal).objects.get(pk=asal.pk)  # a fresh copy: the sample's own object stays as it is
            v.pk = None
            v.pd = pd
            v.nama = f"Renstra {pd.nama}"
            v.save()
            v = type(asal).objects.get(pk=v.pk)
            peta_node = {}
            for n in node_asal:
                baru = PlanNode.objects.create(
                    versi=v,
                    tingkat=n.tingkat,
                    induk_id=peta_node.get(n.induk_id),
                    urutan=n.urutan,
                    kode=n.kode,
                    nama=n.nama,
                    nomenklatur_id=n.nomenklatur_id,
                    misi_id=n.misi_id,
                    unit_kerja_id=peta_unit.get(n.unit_kerja_id),
                )
                peta_node[n.pk] = baru.pk
            baru_ind = [
                Indikator(
                    node_id=peta_node[x.node_id],
                    urutan=x.urutan,
                    nama=x.nama,
                    definisi=x.definisi,
                    satuan=x.satuan,
                    jenis_nilai=x.jenis_nilai,
                    skala=x.skala,
                    agregasi_akhir=x.agregasi_akhir,
                    agregasi_triwulan=x.agregasi_triwulan,
                    sumber_data=x.sumber_data,
                    ukuran=x.ukuran,
                    iku=x.iku,
                    rpjmd=x.rpjmd,
                )
                for x in ind_asal
            ]
            Indikator.objects.bulk_create(baru_ind)
            peta_ind = {a.pk: b.pk for a, b in zip(ind_asal, baru_ind, strict=True)}
            faktor = Decimal(100 + i) / 100
            Target.objects.bulk_create(
                Target(
                    indikator_id=peta_ind[t.indikator_id],
                    lokasi_id=peta_unit.get(t.lokasi_id),
                    tahun=t.tahun,
                    teks=t.teks,
                    jenis=t.jenis,
                    nilai=t.nilai,
                    label=t.label,
                    sumber_baris=t.sumber_baris,
                )
                for t in target_asal
            )
            KondisiAwal.objects.bulk_create(
                KondisiAwal(
                    indikator_id=peta_ind[a.indikator_id],
                    lokasi_id=peta_unit.get(a.lokasi_id),
                    tahun=a.tahun,
                    teks=a.teks,
                    jenis=a.jenis,
                    nilai=a.nilai,
                    label=a.label,
                    sumber_baris=a.sumber_baris,
                )
                for a in awal_asal
            )
            Pagu.objects.bulk_create(
                Pagu(
                    node_id=peta_node[p.node_id],
                    lokasi_id=peta_unit.get(p.lokasi_id),
                    tahun=p.tahun,
                    jumlah=(p.jumlah * faktor).quantize(Decimal(1)),
                    sumber_baris=p.sumber_baris,
                )
                for p in pagu_asal
            )
            sumber = SumberDokumen.objects.create(versi=v, jenis=sumber_asal.jenis, judul=sumber_asal.judul)
            BarisCetak.objects.bulk_create(
                BarisCetak(
                    sumber=sumber,
                    tabel=b.tabel,
                    urutan=b.urutan,
                    baris=b.baris,
                    baris_lain=b.baris_lain,
                    tingkat=b.tingkat,
                    node_id=peta_node.get(b.node_id),
                    indikator_id=peta_ind.get(b.indikator_id),
                    lokasi_id=peta_unit.get(b.lokasi_id),
                    sel=b.sel,
                    catatan=b.catatan,
                )
                for b in cetak_asal
            )
            versi.append(v)
            PETA[v.pk] = (peta_unit, peta_node, peta_ind)
    return versi


# Copied PD version → (unit, node, indicator) id maps from the sample, for copying more data.
PETA: dict[int, tuple[dict, dict, dict]] = {}


SQL_MENTAH = [
    "SELECT * FROM renstra_renstraversi WHERE id = %s",
    "SELECT u.* FROM wilayah_unit u JOIN renstra_renstraversi v ON u.pd_id = v.pd_id WHERE v.id = %s",
    "SELECT n.* FROM renstra_plannode n WHERE n.versi_id = %s ORDER BY n.urutan",
    "SELECT i.* FROM renstra_indikator i JOIN renstra_plannode n ON i.node_id = n.id WHERE n.versi_id = %s",
    "SELECT t.* FROM renstra_target t JOIN renstra_indikator i ON t.indikator_id = i.id "
    "JOIN renstra_plannode n ON i.node_id = n.id WHERE n.versi_id = %s",
    "SELECT a.* FROM renstra_kondisiawal a JOIN renstra_indikator i ON a.indikator_id = i.id "
    "JOIN renstra_plannode n ON i.node_id = n.id WHERE n.versi_id = %s",
    "SELECT p.* FROM renstra_pagu p JOIN renstra_plannode n ON p.node_id = n.id WHERE n.versi_id = %s",
]


def sql_mentah(versi_id: int) -> int:
    """The same rows the page reads, fetched with raw SQL (no ORM, no rendering)."""
    from django.db import connection

    baris = 0
    with connection.cursor() as c:
        for q in SQL_MENTAH:
            c.execute(q, [versi_id])
            baris += len(c.fetchall())
    return baris


def waktu_bergantian(fungsi: dict, ulang: int) -> dict[str, float]:
    """Median time of each function, measured in turns so that machine noise hits all alike."""
    for f in fungsi.values():
        f()  # warm up caches and connections
    hasil: dict[str, list[float]] = {k: [] for k in fungsi}
    for _ in range(ulang):
        for k, f in fungsi.items():
            t0 = time.perf_counter()
            f()
            hasil[k].append(time.perf_counter() - t0)
    return {k: statistics.median(v) for k, v in hasil.items()}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pd", type=int, default=40, help="jumlah perangkat daerah (bawaan 40)")
    p.add_argument("--ulang", type=int, default=30, help="ulangan tiap pengukuran (median)")
    p.add_argument(
        "--bagian",
        action="store_true",
        help="cetak juga bagian-bagian halaman Tabel 6.2: membaca rencana, menyusun tabel, menulis HTML, "
        "dan permintaan kosong pengguna yang masuk",
    )
    opsi = p.parse_args(argv)
    siapkan_lingkungan()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from kinerja.renstra.ekspor import ekspor
    from kinerja.renstra.periksa import periksa_semua
    from kinerja.renstra.selectors import lupakan_rencana, muat_rencana

    t0 = time.perf_counter()
    versi = buat_kota(opsi.pd)
    dibuat = time.perf_counter() - t0
    v = versi[len(versi) // 2]
    klien = Client()
    # The administrator reads every PD; the sample's planner holds a role in Sananwetan only.
    klien.force_login(get_user_model().objects.get(username="admin"))
    url = f"/renstra/{v.pk}/tabel/6.2/"

    def halaman():
        r = klien.get(url)
        assert r.status_code == 200

    def xlsx():
        ekspor("6.2", muat_rencana(v.pk), format="xlsx")

    def halaman_dingin():
        lupakan_rencana()
        halaman()

    def xlsx_dingin():
        lupakan_rencana()
        xlsx()

    jumlah_baris = sql_mentah(v.pk)
    fungsi = {
        "sql": lambda: sql_mentah(v.pk),
        "halaman": halaman,
        "xlsx": xlsx,
        "halaman_dingin": halaman_dingin,
        "xlsx_dingin": xlsx_dingin,
    }
    if opsi.bagian:
        fungsi.update(_bagian(v, klien))
    w = waktu_bergantian(fungsi, opsi.ulang)
    t_sql, t_halaman, t_xlsx = w["sql"], w["halaman"], w["xlsx"]
    t0 = time.perf_counter()
    temuan = periksa_semua()
    t_check = time.perf_counter() - t0

    mesin = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"Basis data: {mesin}; {opsi.pd} perangkat daerah, dibuat dalam {dibuat:.1f} s")
    print(f"Satu PD (versi #{v.pk}): {jumlah_baris} baris data; median dari {opsi.ulang} ulangan")
    print(f"  SQL mentah (baris yang sama)   {t_sql * 1000:8.2f} ms")
    print(
        f"  Halaman Tabel 6.2              {t_halaman * 1000:8.2f} ms  = {t_halaman / t_sql:5.2f} × SQL  (sasaran ≤ 3)"
    )
    print(
        f"  Ekspor XLSX Tabel 6.2          {t_xlsx * 1000:8.2f} ms  = {t_xlsx / t_sql:5.2f} × SQL  (sasaran ≤ 5)"
    )
    for k, nama in (("halaman_dingin", "halaman"), ("xlsx_dingin", "XLSX")):
        print(
            f"  {nama + ', rencana dibaca ulang':<30} {w[k] * 1000:8.2f} ms  = {w[k] / t_sql:5.2f} × SQL  "
            "(tepat setelah rencana berubah; tanpa sasaran)"
        )
    print(f"Seluruh kota: kinerja check      {t_check:8.2f} s   ({len(temuan)} temuan; sasaran < 10 s)")
    if opsi.bagian:
        print("Bagian halaman Tabel 6.2 (masing-masing sendiri):")
        for k, nama in NAMA_BAGIAN.items():
            print(f"  {nama:<30} {w[k] * 1000:8.2f} ms  = {w[k] / t_sql:5.2f} × SQL")
    return 0


NAMA_BAGIAN = {
    "muat_dingin": "membaca rencana (dari SQL)",
    "muat": "membaca rencana (tersimpan)",
    "susun": "menyusun tabel",
    "html": "menulis HTML tabel",
    "kosong": "permintaan kosong (masuk)",
}


def _bagian(v, klien) -> dict:
    """The parts of the Tabel 6.2 page, each timed alone in the same turns."""
    from kinerja.core.tabel import ke_html
    from kinerja.renstra.selectors import lupakan_rencana, muat_rencana
    from kinerja.renstra.tabel_dokumen import buat_tabel

    def muat_dingin():
        lupakan_rencana()
        return muat_rencana(v.pk)

    r = muat_rencana(v.pk)
    t = buat_tabel("6.2", r)
    return {
        "muat_dingin": muat_dingin,
        "muat": lambda: muat_rencana(v.pk),
        "susun": lambda: buat_tabel("6.2", r),
        "html": lambda: ke_html(t),
        "kosong": lambda: klien.get("/kotak-masuk/jumlah/"),
    }


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    sys.exit(main())
