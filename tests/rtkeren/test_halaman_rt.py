"""RT Keren pages: who opens what, crafted addresses, form refusals, and query counts."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.core.models import Peran
from kinerja.rtkeren.models import Alokasi, Berkas, KegiatanRt, RealisasiRt, RembugWarga, Usulan
from kinerja.wilayah.models import PerangkatDaerah, RukunTetangga, Unit

pytestmark = pytest.mark.django_db
TAHUN = 2022


@pytest.fixture
def pd(versi_sampel):
    return versi_sampel.pd


def _rt(pd, kelurahan: str) -> RukunTetangga:
    return (
        RukunTetangga.objects.filter(unit__pd=pd, unit__nama_pendek=kelurahan).order_by("rw", "nomor").first()
    )


def _rembug(pd, kelurahan: str) -> RembugWarga:
    return RembugWarga.objects.filter(rt__unit__pd=pd, rt__unit__nama_pendek=kelurahan).order_by("pk").first()


# --- reading ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "nama", ["operator-gedog", "lurah-gedog", "camat", "perencana", "verifikator", "admin"]
)
def test_menu_entry_opens_for_each_persona(masuk, pd, nama):
    c = masuk(nama)
    for awal in (
        reverse("rtkeren:beranda", args=[pd.pk]),
        reverse("rtkeren:musrenbang_beranda", args=[pd.pk]),
    ):
        r = c.get(awal, follow=True)
        assert r.status_code == 200, (nama, awal)
        html = r.content.decode()
        assert html.count("<h1") == 1
        assert 'aria-label="Menu wilayah"' in html


def test_gedog_users_land_on_gedog_and_kecamatan_users_on_the_summary(masuk, pd):
    gedog = pd.unit_set.get(nama_pendek="Gedog")
    r = masuk("operator-gedog").get(reverse("rtkeren:beranda", args=[pd.pk]))
    assert r.url == reverse("rtkeren:kelurahan", args=[pd.pk, TAHUN, gedog.pk])
    r = masuk("camat").get(reverse("rtkeren:beranda", args=[pd.pk]))
    assert r.url == reverse("rtkeren:kecamatan", args=[pd.pk, TAHUN])


def test_kelurahan_page_shows_figures_and_the_plan_pagu(masuk, pd):
    gedog = pd.unit_set.get(nama_pendek="Gedog")
    html = (
        masuk("lurah-gedog").get(reverse("rtkeren:kelurahan", args=[pd.pk, TAHUN, gedog.pk])).content.decode()
    )
    # the sample's Gedog: 50 RTs whose allocations add up to the plan's 2022 pagu
    assert html.count(f'href="/rt-keren/{pd.pk}/2022/rt/') == 50
    assert "Sesuai" in html and "Tidak sesuai" not in html
    assert "≥ 1 rembug warga dalam tahun itu dan penyerapan anggaran RT Keren ≥ 75%" in html


def test_readers_see_no_forms(masuk, pd):
    r = _rt(pd, "Gedog")
    rembug = _rembug(pd, "Gedog")
    for nama in ("lurah-gedog", "camat", "verifikator"):
        c = masuk(nama)
        html = c.get(reverse("rtkeren:rt", args=[pd.pk, TAHUN, r.pk])).content.decode()
        assert "Simpan alokasi" not in html and "Catat rembug warga" not in html
        html = c.get(reverse("rtkeren:rembug", args=[pd.pk, TAHUN, rembug.pk])).content.decode()
        assert "Tambah usulan" not in html and "Unggah" not in html
        assert c.get(reverse("rtkeren:rembug_baru", args=[pd.pk, TAHUN, r.pk])).status_code == 403
        html = c.get(reverse("rtkeren:musrenbang", args=[pd.pk, TAHUN])).content.decode()
        assert "Terima, masuk Renja" not in html


def test_crafted_addresses_to_another_kelurahan_are_refused(masuk, pd):
    c = masuk("operator-gedog")
    klampok_rt = _rt(pd, "Klampok")
    klampok = klampok_rt.unit
    rembug = _rembug(pd, "Klampok")
    usulan = Usulan.objects.filter(rembug=rembug).first()
    kegiatan = KegiatanRt.objects.filter(usulan__rembug__rt__unit=klampok).first()
    get_403 = [
        reverse("rtkeren:kelurahan", args=[pd.pk, TAHUN, klampok.pk]),
        reverse("rtkeren:rt", args=[pd.pk, TAHUN, klampok_rt.pk]),
        reverse("rtkeren:rembug", args=[pd.pk, TAHUN, rembug.pk]),
        reverse("rtkeren:rembug_baru", args=[pd.pk, TAHUN, klampok_rt.pk]),
        reverse("rtkeren:kegiatan", args=[pd.pk, TAHUN, kegiatan.pk]),
        reverse("rtkeren:kecamatan", args=[pd.pk, TAHUN]),
        reverse("rtkeren:musrenbang_kelurahan", args=[pd.pk, TAHUN, klampok.pk]),
    ]
    for url in get_403:
        assert c.get(url).status_code == 403, url
    sebelum = (
        RembugWarga.objects.count(),
        Usulan.objects.count(),
        RealisasiRt.objects.count(),
        Alokasi.objects.count(),
    )
    post_403 = [
        (
            reverse("rtkeren:rembug_baru", args=[pd.pk, TAHUN, klampok_rt.pk]),
            {"tanggal": "2022-03-01", "tempat": "X", "hadir_laki": "3"},
        ),
        (
            reverse("rtkeren:usulan_tambah", args=[pd.pk, TAHUN, rembug.pk]),
            {"bidang": "fisik", "uraian": "X", "volume": "1", "satuan": "m", "perkiraan_biaya": "1000"},
        ),
        (reverse("rtkeren:usulan_aksi", args=[pd.pk, TAHUN, usulan.pk]), {"aksi": "naik"}),
        (reverse("rtkeren:alokasi", args=[pd.pk, TAHUN, klampok_rt.pk]), {"pagu": "60.000.000"}),
        (
            reverse("rtkeren:realisasi", args=[pd.pk, TAHUN, kegiatan.pk]),
            {"tanggal": "2022-12-01", "jumlah": "1", "fisik": "100"},
        ),
    ]
    for url, data in post_403:
        assert c.post(url, data).status_code == 403, url
    assert sebelum == (
        RembugWarga.objects.count(),
        Usulan.objects.count(),
        RealisasiRt.objects.count(),
        Alokasi.objects.count(),
    )
    r = c.post(reverse("rtkeren:putuskan", args=[pd.pk, TAHUN, usulan.pk]), {"keputusan": "terima"})
    assert r.status_code == 403


def test_records_of_another_pd_are_not_found(masuk, pd):
    lain = PerangkatDaerah.objects.create(pemda=pd.pemda, nama="Kecamatan Lain", slug="kecamatan-lain")
    c = masuk("perencana")
    r = _rt(pd, "Gedog")
    rembug = _rembug(pd, "Gedog")
    for url in (
        reverse("rtkeren:rt", args=[lain.pk, TAHUN, r.pk]),
        reverse("rtkeren:rembug", args=[lain.pk, TAHUN, rembug.pk]),
        reverse("rtkeren:kelurahan", args=[lain.pk, TAHUN, r.unit_id]),
    ):
        assert c.get(url).status_code == 404, url


def test_a_year_outside_the_plan_is_an_indonesian_404_with_links(masuk, pd):
    r = masuk("operator-gedog").get(reverse("rtkeren:rt", args=[pd.pk, 1999, _rt(pd, "Gedog").pk]))
    assert r.status_code == 404
    html = r.content.decode()
    assert "Tahun 1999 tidak ada dalam rencana" in html
    assert reverse("rtkeren:kecamatan", args=[pd.pk, TAHUN]) in html
    # a rembug of 2022 asked under 2023 does not exist there
    rembug = _rembug(pd, "Gedog")
    assert (
        masuk("operator-gedog").get(reverse("rtkeren:rembug", args=[pd.pk, 2023, rembug.pk])).status_code
        == 404
    )


# --- writing through the pages ---------------------------------------------------------------------------------


def test_operator_records_a_rembug_with_proposals_a_photo_and_spending(masuk, pd, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    c = masuk("operator-gedog")
    rt = RukunTetangga.objects.create(
        unit=pd.unit_set.get(nama_pendek="Gedog"), rw=98, nomor=7, ketua="Bu Siti"
    )
    # the empty form comes back with every problem listed and linked to its field
    r = c.post(reverse("rtkeren:rembug_baru", args=[pd.pk, TAHUN, rt.pk]), {})
    assert r.status_code == 400
    html = r.content.decode()
    assert (
        'href="#isian-tanggal"' in html and 'href="#isian-tempat"' in html and 'aria-invalid="true"' in html
    )
    r = c.post(
        reverse("rtkeren:rembug_baru", args=[pd.pk, TAHUN, rt.pk]),
        {"tanggal": "2022-01-15", "tempat": "Rumah Bu Siti", "hadir_laki": "14", "hadir_perempuan": "17"},
    )
    rembug = RembugWarga.objects.get(rt=rt)
    assert r.url == reverse("rtkeren:rembug", args=[pd.pk, TAHUN, rembug.pk])
    url_usulan = reverse("rtkeren:usulan_tambah", args=[pd.pk, TAHUN, rembug.pk])
    for uraian, biaya in (
        ("Paving", "30.000.000"),
        ("Lampu jalan", "Rp 12.000.000"),
        ("Gapura", "90.000.000"),
    ):
        c.post(
            url_usulan,
            {"bidang": "fisik", "uraian": uraian, "volume": "1", "satuan": "paket", "perkiraan_biaya": biaya},
        )
    r = c.post(
        url_usulan,
        {"bidang": "fisik", "uraian": "Mahal", "volume": "1", "satuan": "paket", "perkiraan_biaya": "9" * 30},
    )
    assert r.status_code == 400 and "Mahal" in r.content.decode()  # the typed value is kept
    paving, lampu, gapura = Usulan.objects.filter(rembug=rembug).order_by("prioritas")
    c.post(reverse("rtkeren:usulan_aksi", args=[pd.pk, TAHUN, lampu.pk]), {"aksi": "naik"})
    assert list(
        Usulan.objects.filter(rembug=rembug).order_by("prioritas").values_list("uraian", flat=True)
    ) == [
        "Lampu jalan",
        "Paving",
        "Gapura",
    ]
    foto = SimpleUploadedFile("rembug.jpg", b"\xff\xd8\xff\xe0" + b"0" * 200, content_type="image/jpeg")
    r = c.post(
        reverse("rtkeren:berkas_tambah", args=[pd.pk, TAHUN, "rembug", rembug.pk]),
        {"berkas": foto, "judul": "Suasana rembug"},
    )
    assert r.status_code == 302 and Berkas.objects.get(rembug=rembug).judul == "Suasana rembug"
    r = c.post(
        reverse("rtkeren:berkas_tambah", args=[pd.pk, TAHUN, "rembug", rembug.pk]),
        {"berkas": SimpleUploadedFile("virus.exe", b"MZ"), "judul": "x"},
    )
    assert r.status_code == 400 and "hanya JPG, PNG atau PDF" in r.content.decode()
    for u in (paving, lampu):
        c.post(reverse("rtkeren:usulan_aksi", args=[pd.pk, TAHUN, u.pk]), {"aksi": "didanai", "dari": "rt"})
    c.post(reverse("rtkeren:usulan_aksi", args=[pd.pk, TAHUN, gapura.pk]), {"aksi": "teruskan"})
    sub = re.search(
        r'<option value="(\d+)" selected>',
        c.get(reverse("rtkeren:rt", args=[pd.pk, TAHUN, rt.pk])).content.decode(),
    )
    r = c.post(
        reverse("rtkeren:alokasi", args=[pd.pk, TAHUN, rt.pk]),
        {"pagu": "150.000.000", "sub_kegiatan": sub.group(1)},
    )
    assert r.status_code == 400 and "antara Rp50.000.000 dan Rp100.000.000" in r.content.decode()
    c.post(
        reverse("rtkeren:alokasi", args=[pd.pk, TAHUN, rt.pk]),
        {"pagu": "60.000.000", "sub_kegiatan": sub.group(1)},
    )
    r = c.post(reverse("rtkeren:kegiatan_baru", args=[pd.pk, TAHUN, paving.pk]))
    k = KegiatanRt.objects.get(usulan=paving)
    url_real = reverse("rtkeren:realisasi", args=[pd.pk, TAHUN, k.pk])
    c.post(url_real, {"tanggal": "2022-05-02", "jumlah": "27.000.000", "fisik": "100"})
    r = c.post(url_real, {"tanggal": "2022-06-02", "jumlah": "34.000.000", "fisik": "100"})
    assert r.status_code == 400 and "melampaui pagu" in r.content.decode()
    html = c.get(reverse("rtkeren:rt", args=[pd.pk, TAHUN, rt.pk])).content.decode()
    # 27.000.000 of 60.000.000 = 45,00 %: below 75 %, not berdaya
    assert "45,00%" in html and "Belum berdaya" in html
    assert Usulan.objects.get(pk=gapura.pk).status == Usulan.Status.MUSRENBANG_KELURAHAN


def test_a_second_press_of_buat_kegiatan_makes_no_duplicate(masuk, pd):
    """Double submit or the back button: the activity of a funded proposal is made once."""
    c = masuk("operator-gedog")
    rt = RukunTetangga.objects.create(unit=pd.unit_set.get(nama_pendek="Gedog"), rw=98, nomor=8)
    rembug = RembugWarga.objects.create(rt=rt, tanggal=dt.date(2022, 2, 1), tempat="Balai RW")
    u = Usulan.objects.create(
        rembug=rembug,
        tahun=TAHUN,
        prioritas=1,
        bidang="fisik",
        uraian="Paving",
        volume=Decimal(10),
        satuan="m²",
        perkiraan_biaya=Decimal(20_000_000),
        status=Usulan.Status.DIDANAI,
    )
    url = reverse("rtkeren:kegiatan_baru", args=[pd.pk, TAHUN, u.pk])
    pertama = c.post(url)
    kedua = c.post(url)
    k = KegiatanRt.objects.get(usulan=u)  # exactly one
    assert pertama.url == kedua.url == reverse("rtkeren:kegiatan", args=[pd.pk, TAHUN, k.pk])
    html = c.get(reverse("rtkeren:rt", args=[pd.pk, TAHUN, rt.pk])).content.decode()
    assert "kegiatan sudah dibuat" in html and url not in html  # no button for a second one
    # a reader outside the kelurahan is still refused, duplicate or not
    assert masuk("operator-klampok").post(url).status_code == 403
    assert KegiatanRt.objects.filter(usulan=u).count() == 1


def test_demonstration_records_are_labelled_on_the_rt_keren_pages(masuk, pd):
    c = masuk("camat")
    gedog = pd.unit_set.get(nama_pendek="Gedog")
    contoh = _rt(pd, "Gedog")
    label = "<strong>data demonstrasi</strong>"
    for alamat in (
        reverse("rtkeren:kecamatan", args=[pd.pk, TAHUN]),
        reverse("rtkeren:kelurahan", args=[pd.pk, TAHUN, gedog.pk]),
        reverse("rtkeren:rt", args=[pd.pk, TAHUN, contoh.pk]),
    ):
        assert label in c.get(alamat).content.decode(), alamat
    # a year or an RT without sample records carries no label
    assert label not in c.get(reverse("rtkeren:kecamatan", args=[pd.pk, 2023])).content.decode()
    baru = RukunTetangga.objects.create(unit=gedog, rw=98, nomor=9)
    assert label not in c.get(reverse("rtkeren:rt", args=[pd.pk, TAHUN, baru.pk])).content.decode()


def test_upload_over_the_limit_is_refused_before_it_is_stored(masuk, pd, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    c = masuk("operator-gedog")
    rembug = _rembug(pd, "Gedog")
    besar = SimpleUploadedFile("besar.pdf", b"%PDF-1.4" + b"0" * (5 * 1024 * 1024 + 10))
    r = c.post(reverse("rtkeren:berkas_tambah", args=[pd.pk, TAHUN, "rembug", rembug.pk]), {"berkas": besar})
    assert r.status_code in (400, 413)
    assert not Berkas.objects.filter(rembug=rembug).exists()
    assert not any(tmp_path.rglob("*.pdf"))


def test_musrenbang_refusal_without_reason_comes_back_with_the_error(masuk, pd):
    c = masuk("perencana")
    u = Usulan.objects.filter(rembug__rt__unit__pd=pd, status=Usulan.Status.MUSRENBANG_KECAMATAN).first()
    r = c.post(
        reverse("rtkeren:putuskan", args=[pd.pk, TAHUN, u.pk]), {"tingkat": "kecamatan", "keputusan": "tolak"}
    )
    assert r.status_code == 400
    assert f'href="#isian-alasan-{u.pk}"' in r.content.decode()
    u.refresh_from_db()
    assert u.status == Usulan.Status.MUSRENBANG_KECAMATAN
    c.post(
        reverse("rtkeren:putuskan", args=[pd.pk, TAHUN, u.pk]),
        {"tingkat": "kecamatan", "keputusan": "tolak", "alasan": "Sudah ada di APBD"},
    )
    u.refresh_from_db()
    assert (u.status, u.alasan) == (Usulan.Status.DITOLAK, "Sudah ada di APBD")


def test_musrenbang_page_counts_participants(masuk, pd):
    html = masuk("camat").get(reverse("rtkeren:musrenbang", args=[pd.pk, TAHUN])).content.decode()
    from kinerja.rtkeren.models import Musrenbang

    total = sum(m.peserta_laki + m.peserta_perempuan for m in Musrenbang.objects.filter(pd=pd, tahun=TAHUN))
    assert f"{total:,}".replace(",", ".") in html


def test_settings_page_for_admin_only(masuk, pd):
    url = reverse("rtkeren:pengaturan", args=[pd.pk])
    assert masuk("perencana").get(url).status_code == 403
    c = masuk("admin")
    r = c.post(
        url,
        {
            "pagu_minimum": "90.000.000",
            "pagu_maksimum": "80.000.000",
            "minimal_rembug": "-1",
            "ambang_serapan": "150",
            "ambang_kelurahan": "75",
        },
    )
    assert r.status_code == 400
    html = r.content.decode()
    for medan in ("pagu_maksimum", "minimal_rembug", "ambang_serapan"):
        assert f'href="#isian-{medan}"' in html
    r = c.post(
        url,
        {
            "pagu_minimum": "40.000.000",
            "pagu_maksimum": "80.000.000",
            "minimal_rembug": "2",
            "ambang_serapan": "80",
            "ambang_kelurahan": "70",
        },
    )
    assert r.status_code == 302
    html = c.get(reverse("rtkeren:kecamatan", args=[pd.pk, TAHUN])).content.decode()
    assert "≥ 2 rembug warga" in html and "≥ 80%" in html and "≥ 70%" in html


# --- query counts ----------------------------------------------------------------------------------------


def _kecamatan_uji(pd_sampel, n: int, tahun: int):
    """A PD with one kelurahan of ``n`` RTs, each with a rembug, a funded proposal, an activity
    with one spending, and a file."""
    pd = PerangkatDaerah.objects.create(pemda=pd_sampel.pemda, nama=f"Kecamatan Uji {n}", slug=f"uji-{n}")
    unit = Unit.objects.create(
        pd=pd, jenis="kelurahan", nama=f"Kelurahan Uji {n}", nama_pendek="Uji", urutan=1
    )
    for i in range(1, n + 1):
        rt = RukunTetangga.objects.create(
            unit=unit,
            rw=1 + i // 10,
            nomor=i,
            lintang=Decimal("-8.1") - Decimal(i) / 1000,
            bujur=Decimal("112.17") + Decimal(i % 7) / 1000,
        )
        Alokasi.objects.create(rt=rt, tahun=tahun, pagu=Decimal(60_000_000))
        r = RembugWarga.objects.create(rt=rt, tanggal=dt.date(tahun, 2, 1), tempat="Balai", hadir_laki=5)
        u = Usulan.objects.create(
            rembug=r,
            tahun=tahun,
            prioritas=1,
            bidang="fisik",
            uraian="Paving",
            volume=1,
            satuan="m",
            perkiraan_biaya=1,
            status="didanai",
        )
        k = KegiatanRt.objects.create(usulan=u, nama="Paving")
        RealisasiRt.objects.create(
            kegiatan=k, tanggal=dt.date(tahun, 3, 1), jumlah=Decimal(50_000_000), fisik=100
        )
        Berkas.objects.create(rembug=r, jenis="foto", berkas="rtkeren/x.png", judul="Foto")
    return pd, unit


@pytest.mark.parametrize("halaman", ["kecamatan", "kelurahan", "rt", "musrenbang"])
def test_page_queries_do_not_grow_with_the_number_of_rts(client, pd, halaman, django_assert_max_num_queries):
    tahun = dt.date.today().year - 1
    user = get_user_model().objects.create_user("seksi-pmp")
    # measured: session, user, roles, PD, plan version, settings, then grouped reads
    # (+1 on the kecamatan and kelurahan pages: whether the year holds demonstration records)
    batas = {"kecamatan": 15, "kelurahan": 23, "rt": 19, "musrenbang": 10}[halaman]
    for n in (5, 40):
        pd_uji, unit = _kecamatan_uji(pd, n, tahun)
        Peran.objects.create(pengguna=user, jenis="perencana", pd=pd_uji)
        rt = RukunTetangga.objects.filter(unit=unit).order_by("nomor").last()
        url = {
            "kecamatan": reverse("rtkeren:kecamatan", args=[pd_uji.pk, tahun]),
            "kelurahan": reverse("rtkeren:kelurahan", args=[pd_uji.pk, tahun, unit.pk]),
            "rt": reverse("rtkeren:rt", args=[pd_uji.pk, tahun, rt.pk]),
            "musrenbang": reverse("rtkeren:musrenbang", args=[pd_uji.pk, tahun]),
        }[halaman]
        client.force_login(user)
        client.get(url)
        with django_assert_max_num_queries(batas):
            r = client.get(url)
        assert r.status_code == 200
        if halaman == "kelurahan":
            assert r.content.decode().count("<circle") == n + 2  # the map: one dot per RT, two in the legend
