"""Bappeda's page of the whole kota (``kota:ringkasan``), with the two demonstration kecamatan.

Expected figures are worked out by hand from data/kota_blitar/kecamatan_demo.toml:
Kepanjenkidul (demo), triwulan III 2022 — nine indicator rows:
  indeks kepuasan: target 82, latest quarter 83 → 83/82 = 101,2195 %
  kelurahan tepat waktu: target 100 %, latest 71 → 71 %
  berkas per kelurahan (sum of quarters, target 120): Bendo 97, Kauman 83, Kepanjenkidul 98,
  Kepanjenlor 68, Ngadirejo 89, Sentul 93, Tanggung 53 (no TW III) → ÷ 120
  mean = 656,386 / 9 = 72,93 % (Sedang). Triwulan II: 81/82, 86/100, sums 62, 55, 68, 42, 58,
  38, 53 ÷ 120 → 498,114 / 9 = 55,35 %; trend +17,59 points.
  Budget: 7 × Rp 15.000.000; spent 20+25+25 % where reported, Tanggung only 20+25 % →
  (6 × 0,70 + 0,45) / 7 = 66,43 %.
Sukorejo (demo), triwulan II: 45/60 = 75 %; rembug per kelurahan (target 8): 4, 3, 3, 5, 2, 2, 3 →
  50; 37,5; 37,5; 62,5; 25; 25; 37,5 → 350 / 8 = 43,75 % (Sangat Rendah).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.core.models import Peran
from kinerja.core.pelaku import SISTEM
from kinerja.demo.kecamatan import baca_data, buat_kecamatan_demo, muat_kecamatan_demo
from kinerja.kota.ringkasan import ringkasan_kota
from kinerja.monev.selectors import muat_evaluasi
from kinerja.renstra.periksa import periksa, ringkas
from kinerja.renstra.selectors import versi_utama
from kinerja.wilayah import services as wilayah
from kinerja.wilayah.models import Pemda

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def pemda(versi_sampel):
    p = versi_sampel.pd.pemda
    muat_kecamatan_demo(p)
    return p


def _baris(data, slug):
    return next(b for b in data.baris if b.pd.slug == slug)


def _masuk(client, nama):
    client.force_login(User.objects.get(username=nama))


def test_figures_of_the_demo_kecamatan(pemda):
    data = ringkasan_kota(pengguna=SISTEM, pemda=pemda, tahun=2022, triwulan=3, hari=dt.date(2022, 10, 16))
    kk = _baris(data, "kecamatan-kepanjenkidul-demo")
    assert round(kk.kini.capaian, 2) == Decimal("72.93")
    assert kk.predikat.label == "Sedang"
    assert round(kk.lalu.capaian, 2) == Decimal("55.35")
    assert round(kk.tren, 2) == Decimal("17.59")
    assert round(kk.kini.serapan, 2) == Decimal("66.43")
    assert (kk.kini.baris, kk.kini.terisi) == (9, 9)
    # Sentul was returned, Tanggung is a draft, the rest submitted: nothing verified in TW III.
    assert not kk.terverifikasi
    tw3 = kk.triwulan[3]
    assert (tw3.unit, tw3.diajukan, tw3.draft, tw3.dikembalikan, tw3.diverifikasi) == (8, 6, 1, 1, 0)
    # TW III's deadline is 15 October: on the 16th Tanggung's draft is overdue.
    assert tw3.terlambat == 1
    assert kk.triwulan[1].lengkap and kk.triwulan[1].diverifikasi == 8
    # TW IV has begun (1 October) but its deadline is in January: empty, not yet overdue.
    assert (kk.triwulan[4].belum, kk.triwulan[4].terlambat) == (8, 0)
    sk = _baris(data, "kecamatan-sukorejo-demo")
    assert round(sk.kini.capaian, 2) == Decimal("43.75")
    assert sk.predikat.label == "Sangat Rendah"
    assert sk.tren == 0  # nothing entered in TW III: the same rows as TW II
    # TW III: no report at all from 8 units, whose deadline (15 October) has passed.
    assert (sk.triwulan[3].belum, sk.triwulan[3].terlambat) == (8, 8)
    assert (sk.triwulan[2].diajukan, sk.triwulan[2].draft, sk.triwulan[2].terlambat) == (6, 2, 2)
    assert sk.ikm is None
    # The checker's counts are those of the PD's own checker page (its findings by severity).
    assert sk.kini.temuan == ringkas(periksa(sk.versi))


def test_overdue_only_after_the_deadline(pemda):
    data = ringkasan_kota(pengguna=SISTEM, pemda=pemda, tahun=2022, triwulan=3, hari=dt.date(2022, 10, 15))
    assert _baris(data, "kecamatan-kepanjenkidul-demo").triwulan[3].terlambat == 0
    assert _baris(data, "kecamatan-sukorejo-demo").triwulan[3].terlambat == 0


def test_sananwetan_shows_its_own_capaian_page_figures_and_ranks(pemda, versi_sampel):
    data = ringkasan_kota(pengguna=SISTEM, pemda=pemda, tahun=2022, triwulan=3)
    sw = _baris(data, "kecamatan-sananwetan")
    ev = muat_evaluasi(versi_sampel, 2022, 3)
    assert sw.kini.capaian == ev.rata_capaian()
    assert sw.kini.serapan == ev.rata_serapan()
    # Ranks follow the means, highest first.
    urut = sorted(data.baris, key=lambda b: -b.kini.capaian)
    assert [b.peringkat for b in urut] == [1, 2, 3]
    assert _baris(data, "kecamatan-kepanjenkidul-demo").peringkat == (
        1 if Decimal("72.93") > sw.kini.capaian else 2
    )


def test_a_pd_without_plan_shows_belum_ada(client, pemda):
    wilayah.buat_pd(
        pengguna=SISTEM,
        pemda=pemda,
        isian={"nama": "Dinas Uji Kosong", "slug": "dinas-uji-kosong", "jenis": "dinas"},
        unit="Bidang A",
    )
    data = ringkasan_kota(pengguna=SISTEM, pemda=pemda, tahun=2022, triwulan=3)
    b = _baris(data, "dinas-uji-kosong")
    assert b.versi is None and b.kini.capaian is None and b.peringkat is None and b.kini.serapan is None
    _masuk(client, "verifikator")
    html = client.get(reverse("kota:ringkasan", args=[pemda.slug, 2022]) + "?triwulan=3").content.decode()
    baris = html[html.index('id="pd-dinas-uji-kosong"') :]
    baris = baris[: baris.index("</tr>")]
    assert "belum ada" in baris and "0,00%" not in baris


def test_pantauan_kota_link_only_for_those_who_may_open_it(client, pemda):
    for akun, ada in (("verifikator", True), ("admin-kota", True), ("camat", False), ("perencana", False)):
        _masuk(client, akun)
        html = client.get(reverse("pengingat:kotak_masuk")).content.decode()
        assert ('href="/kota/"' in html) is ada, akun


def test_page_marks_unverified_and_demo(client, pemda):
    _masuk(client, "verifikator")
    r = client.get(reverse("kota:ringkasan", args=[pemda.slug, 2022]) + "?triwulan=3")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Data demonstrasi" in html and "Kecamatan Kepanjenkidul (demo)" in html
    baris = html[html.index('id="pd-kecamatan-kepanjenkidul-demo"') :]
    baris = baris[: baris.index("</tr>")]
    assert "72,93%" in baris and "belum terverifikasi" in baris and "66,43%" in baris
    assert "naik 17,59 poin" in baris
    versi = versi_utama(pemda.pd_set.get(slug="kecamatan-kepanjenkidul-demo"))
    assert reverse("monev:laporan", args=[versi.pk, 2022, "E.81"]) + "?triwulan=3" in baris


@pytest.mark.parametrize(
    ("akun", "status"),
    [
        ("verifikator", 200),
        ("admin-kota", 200),
        ("admin", 200),
        ("perencana", 403),
        ("camat", 403),
        ("operator-gedog", 403),
        ("lurah-gedog", 403),
    ],
)
def test_who_sees_the_page(client, pemda, akun, status):
    _masuk(client, akun)
    r = client.get(reverse("kota:ringkasan", args=[pemda.slug, 2022]))
    assert r.status_code == status
    if status == 403:
        assert "Bappeda" in r.content.decode()


def test_another_pemdas_verifikator_is_refused(client, pemda):
    lain = Pemda.objects.create(kode="35.98", nama="Kota Lain", jenis="kota", slug="kota-lain")
    u = User.objects.create_user("bappeda-lain", password="x")
    Peran.objects.create(pengguna=u, jenis="verifikator", pemda=lain)
    client.force_login(u)
    assert client.get(reverse("kota:ringkasan", args=[pemda.slug, 2022])).status_code == 403
    r = client.get(reverse("kota:beranda"))
    assert r.status_code == 302 and r["Location"].startswith("/kota/kota-lain/")


def test_entry_redirects_to_the_latest_year_with_reports(client, pemda):
    _masuk(client, "verifikator")
    r = client.get(reverse("kota:beranda"))
    assert r.status_code == 302 and r["Location"] == f"/kota/{pemda.slug}/2022/"
    # The latest quarter with reports is the default: IV.
    assert "triwulan IV" in client.get(r["Location"]).content.decode()
    client.logout()
    assert client.get(reverse("kota:beranda")).status_code == 302  # to the login page
    _masuk(client, "camat")
    assert client.get(reverse("kota:beranda")).status_code == 403


def test_wrong_year_quarter_or_pemda(client, pemda):
    _masuk(client, "verifikator")
    r = client.get(reverse("kota:ringkasan", args=[pemda.slug, 1999]))
    assert r.status_code == 404 and "di luar periode" in r.content.decode()
    assert client.get(reverse("kota:ringkasan", args=["tidak-ada", 2022])).status_code == 404
    r = client.get(reverse("kota:ringkasan", args=[pemda.slug, 2022]) + "?triwulan=9")
    assert r.status_code == 200 and "Triwulan" in r.content.decode()


def _kota_uji(n: int) -> tuple[Pemda, object]:
    data = baca_data()
    p = Pemda.objects.create(kode=f"35.9{n}", nama=f"Kota Uji {n}", jenis="kota", slug=f"kota-uji-{n}")
    for i in range(n):
        d = dict(data["pd"][i % 2])
        d.update(nama=f"{d['nama']} {i}", slug=f"{d['slug']}-{i}", kecamatan=f"{d['kecamatan']} {i}")
        buat_kecamatan_demo(p, d, data["tahun"])
    u = User.objects.create_user(f"bappeda-{n}", password="x")
    Peran.objects.create(pengguna=u, jenis="verifikator", pemda=p)
    return p, u


def _kueri(client, p, u) -> int:
    client.force_login(u)
    alamat = reverse("kota:ringkasan", args=[p.slug, 2022]) + "?triwulan=3"
    assert client.get(alamat).status_code == 200  # works out and keeps each PD's figures
    with CaptureQueriesContext(connection) as q:
        assert client.get(alamat).status_code == 200
    return len(q.captured_queries)


def test_query_count_does_not_grow_with_the_number_of_pd(client, pemda):
    kueri_3 = _kueri(client, *_kota_uji(3))
    kueri_6 = _kueri(client, *_kota_uji(6))
    assert kueri_3 == kueri_6
    assert kueri_6 <= 20  # session, user, roles, and the page's fixed reads


def test_two_levels_show_bappedas_approval_per_quarter(client, pemda):
    from kinerja.monev.models import PersetujuanPD

    kk = pemda.pd_set.get(slug="kecamatan-kepanjenkidul-demo")
    sk = pemda.pd_set.get(slug="kecamatan-sukorejo-demo")
    # The sample's pemda approves in two levels with approvals of its own: start from one level, none kept.
    PersetujuanPD.objects.filter(pd__pemda=pemda).delete()
    pemda.tingkat_persetujuan = 1
    pemda.save()
    PersetujuanPD.objects.create(pd=kk, tahun=2022, triwulan=1, status="disetujui")
    PersetujuanPD.objects.create(pd=kk, tahun=2022, triwulan=2, status="menunggu")
    PersetujuanPD.objects.create(pd=sk, tahun=2022, triwulan=1, status="dikembalikan", catatan="x")
    data = ringkasan_kota(pengguna=SISTEM, pemda=pemda, tahun=2022, triwulan=3)
    assert not data.dua_tingkat and _baris(data, kk.slug).triwulan[1].persetujuan == ""
    pemda.tingkat_persetujuan = 2
    pemda.save()
    data = ringkasan_kota(pengguna=SISTEM, pemda=pemda, tahun=2022, triwulan=3)
    assert [_baris(data, kk.slug).triwulan[q].persetujuan for q in (1, 2, 3)] == ["disetujui", "menunggu", ""]
    assert _baris(data, sk.slug).triwulan[1].persetujuan == "dikembalikan"
    _masuk(client, "verifikator")
    html = client.get(reverse("kota:ringkasan", args=[pemda.slug, 2022]) + "?triwulan=3").content.decode()
    assert "Bappeda: disetujui" in html and "Bappeda: menunggu persetujuan" in html
    assert "Bappeda: dikembalikan" in html and "Bappeda: belum diajukan" in html
    # Sananwetan's TW III is verified but not approved by Bappeda: it must not look final.
    data = ringkasan_kota(pengguna=SISTEM, pemda=pemda, tahun=2022, triwulan=3)
    sw = _baris(data, "kecamatan-sananwetan")
    assert sw.terverifikasi and sw.tanda_belum == "belum disetujui Bappeda"
    assert _baris(data, kk.slug).tanda_belum == "belum terverifikasi"
    PersetujuanPD.objects.create(pd=sw.pd, tahun=2022, triwulan=3, status="disetujui")
    data = ringkasan_kota(pengguna=SISTEM, pemda=pemda, tahun=2022, triwulan=3)
    assert _baris(data, "kecamatan-sananwetan").tanda_belum == ""


def test_the_demo_kecamatan_are_marked_and_loaded_once(pemda):
    pds = list(pemda.pd_set.filter(slug__endswith="-demo").order_by("slug"))
    assert [p.nama for p in pds] == ["Kecamatan Kepanjenkidul (demo)", "Kecamatan Sukorejo (demo)"]
    assert sorted(pds[0].unit_set.filter(jenis="kelurahan").values_list("nama_pendek", flat=True)) == [
        "Bendo",
        "Kauman",
        "Kepanjenkidul",
        "Kepanjenlor",
        "Ngadirejo",
        "Sentul",
        "Tanggung",
    ]
    assert all("(demo)" in v.nama for p in pds for v in p.renstra_set.all())
    from kinerja.monev.models import Realisasi

    assert not Realisasi.objects.filter(indikator__node__versi__pd__in=pds).exclude(sumber="demo").exists()
    # The sample's pemda approves in two levels: the quarters whose 8 unit reports the data file marks all
    # verified (Kepanjenkidul I and II, Sukorejo I) wait for Bappeda; the others were never submitted.
    from kinerja.monev.models import PersetujuanPD

    menunggu = PersetujuanPD.objects.filter(pd__in=pds).values_list("pd__slug", "triwulan", "status")
    assert sorted(menunggu) == [
        ("kecamatan-kepanjenkidul-demo", 1, "menunggu"),
        ("kecamatan-kepanjenkidul-demo", 2, "menunggu"),
        ("kecamatan-sukorejo-demo", 1, "menunggu"),
    ]
    muat_kecamatan_demo(pemda)  # a second load leaves them as they are
    assert pemda.pd_set.filter(slug__endswith="-demo").count() == 2


def test_kept_figures_follow_an_audited_change(pemda):
    from kinerja.monev import alur
    from kinerja.monev.models import Laporan

    data = ringkasan_kota(pengguna=SISTEM, pemda=pemda, tahun=2022, triwulan=3)
    assert _baris(data, "kecamatan-kepanjenkidul-demo").kini.unit_verif == 0
    lap = Laporan.objects.get(
        unit__pd__slug="kecamatan-kepanjenkidul-demo", unit__nama_pendek="Bendo", tahun=2022, triwulan=3
    )
    alur.verifikasi(pengguna=User.objects.get(username="verifikator"), laporan=lap)
    data = ringkasan_kota(pengguna=SISTEM, pemda=pemda, tahun=2022, triwulan=3)
    kk = _baris(data, "kecamatan-kepanjenkidul-demo")
    assert kk.kini.unit_verif == 1 and kk.triwulan[3].diverifikasi == 1


def test_a_pd_whose_plan_starts_later_has_nothing_due_nor_late_that_year(pemda):
    """A kecamatan onboarded with a 2023–2026 plan has two kelurahan and its office: in 2022 nothing is
    due (no unit counted, none late); in 2023, a year long past its deadlines, all 3 are late each quarter."""
    from kinerja.renstra import services as renstra

    pd = wilayah.buat_pd(
        pengguna=SISTEM,
        pemda=pemda,
        isian={
            "nama": "Kecamatan Uji Baru",
            "slug": "kecamatan-uji-baru",
            "jenis": "kecamatan",
            "kecamatan": "Uji Baru",
        },
    )
    for nama in ("Mawar", "Melati"):
        wilayah.tambah_unit(
            pengguna=SISTEM,
            pd=pd,
            isian={"nama": f"Kelurahan {nama}", "nama_pendek": nama, "jenis": "kelurahan"},
        )
    renstra.buat_renstra_pertama(
        pengguna=SISTEM, pd=pd, tahun_mulai=2023, tahun_akhir=2026, bukan_lima_tahun=True
    )
    hari = dt.date(2026, 12, 5)
    b = _baris(ringkasan_kota(pengguna=SISTEM, pemda=pemda, tahun=2022, triwulan=4, hari=hari), pd.slug)
    assert all(not k.direncanakan and k.unit == 0 and k.terlambat == 0 for k in b.triwulan.values())
    b = _baris(ringkasan_kota(pengguna=SISTEM, pemda=pemda, tahun=2023, triwulan=4, hari=hari), pd.slug)
    assert [(k.unit, k.terlambat) for k in b.triwulan.values()] == [(3, 3)] * 4
