"""The pemda's settings, opening a PD, a PD's record and its units: each persona inside and outside its
scope, refused values with every error on top and nothing saved, and the audit trail."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.core.models import CatatanAudit, Peran
from kinerja.wilayah.models import Kecamatan, Pemda, PerangkatDaerah, Unit
from tests.kelola.bantu_pengguna import dunia, teks, tolak_indonesia

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SETELAN = {
    "nama": "Kota Blitar",
    "kepala_nama": "Drs. Wali Uji",
    "kepala_jabatan": "Wali Kota Blitar",
    "kepala_bappeda_nama": "Ir. Kepala Bappeda",
    "kepala_bappeda_nip": "19700101 199003 1 002",
    "batas_hari_laporan": "20",
    "tingkat_persetujuan": "2",
    "batasi_capaian_100": "1",
}


@pytest.fixture
def d(versi_sampel):
    return dunia(versi_sampel)


def _masuk(client, user):
    client.force_login(user)
    return client


# --- who opens what ------------------------------------------------------------------------------


def _halaman_pemda(d):
    slug = d.pd.pemda.slug
    return [
        reverse("kelola:pemda", args=[slug]),
        reverse("kelola:daftar_pd", args=[slug]),
        reverse("kelola:pd_buat", args=[slug]),
        reverse("kelola:pengguna_pemda", args=[slug]),
        reverse("kelola:pengguna_buat_pemda", args=[slug]),
    ]


def _halaman_pd(pd, unit):
    return [
        reverse("kelola:pd", args=[pd.pk]),
        reverse("kelola:unit", args=[pd.pk, unit.pk]),
        reverse("kelola:panduan", args=[pd.pk]),
        reverse("kelola:pengguna_pd", args=[pd.pk]),
        reverse("kelola:pengguna_buat", args=[pd.pk]),
        reverse("kelola:wewenang", args=[pd.pk]),
        reverse("kelola:impor_pengguna", args=[pd.pk]),
    ]


def test_the_pemda_administrator_opens_every_page_of_the_pemda_and_of_each_pd(client, d):
    _masuk(client, d.admin_kota)
    for url in [reverse("beranda_admin"), *_halaman_pemda(d), *_halaman_pd(d.pd, d.gedog)]:
        assert client.get(url).status_code == 200, url
    for url in _halaman_pd(d.lain, d.lain_kel):
        assert client.get(url).status_code == 200, url


def test_a_pd_administrator_opens_its_pd_only_and_nothing_of_the_pemda(client, d):
    _masuk(client, d.admin_lain)
    for url in _halaman_pd(d.lain, d.lain_kel):
        assert client.get(url).status_code == 200, url
    for url in [*_halaman_pemda(d), *_halaman_pd(d.pd, d.gedog)]:
        r = client.get(url)
        assert tolak_indonesia(r), url
    # the other PD's unit through its own PD's address is not found
    assert client.get(reverse("kelola:unit", args=[d.lain.pk, d.gedog.pk])).status_code == 404


@pytest.mark.parametrize("nama", ["operator-gedog", "camat", "perencana", "verifikator", "lurah-gedog"])
def test_who_administers_nothing_sees_nothing_of_it(client, d, nama):
    _masuk(client, get_user_model().objects.get(username=nama))
    assert tolak_indonesia(client.get(reverse("beranda_admin")))
    for url in [*_halaman_pemda(d), *_halaman_pd(d.pd, d.gedog)]:
        assert tolak_indonesia(client.get(url)), url


def test_the_admin_home_shows_each_administrator_what_it_administers(client, d):
    kota = teks(_masuk(client, d.admin_kota).get(reverse("beranda_admin")))
    assert reverse("kelola:pemda", args=[d.pd.pemda.slug]) in kota
    assert reverse("kelola:pd_buat", args=[d.pd.pemda.slug]) in kota
    for pd in (d.pd, d.lain):
        assert reverse("kelola:pd", args=[pd.pk]) in kota and reverse("kelola:panduan", args=[pd.pk]) in kota
    # Django's admin site is not offered to a pemda's administrator
    assert reverse("admin:index") not in kota
    pd_admin = teks(_masuk(client, d.admin_lain).get(reverse("beranda_admin")))
    assert reverse("kelola:pd", args=[d.lain.pk]) in pd_admin
    assert reverse("kelola:pd", args=[d.pd.pk]) not in pd_admin
    assert reverse("kelola:pemda", args=[d.pd.pemda.slug]) not in pd_admin
    assert reverse("admin:index") not in pd_admin
    admin = teks(_masuk(client, get_user_model().objects.get(username="admin")).get(reverse("beranda_admin")))
    assert reverse("admin:index") in admin


# --- the pemda's settings -----------------------------------------------------------------------------


def test_the_pemda_settings_are_saved_and_audited_without_the_nip(client, d):
    _masuk(client, d.admin_kota)
    r = client.post(reverse("kelola:pemda", args=[d.pd.pemda.slug]), SETELAN)
    assert r.status_code == 302
    p = Pemda.objects.get(pk=d.pd.pemda_id)
    assert (p.batas_hari_laporan, p.tingkat_persetujuan, p.batasi_capaian_100) == (20, 2, True)
    assert p.kepala_bappeda_nip == "19700101 199003 1 002" and p.kepala_nama == "Drs. Wali Uji"
    c = CatatanAudit.objects.get(aksi="pemda.ubah")
    assert c.pengguna == d.admin_kota
    assert c.perubahan["batas_hari_laporan"] == [15, 20]
    assert c.perubahan["kepala_bappeda_nip"] == ["(disembunyikan)", "(disembunyikan)"]
    assert "19700101" not in str(c.perubahan)
    # the unchanged round trip changes nothing and writes nothing
    client.post(reverse("kelola:pemda", args=[d.pd.pemda.slug]), SETELAN)
    assert CatatanAudit.objects.filter(aksi="pemda.ubah").count() == 1


@pytest.mark.parametrize(
    "isian, medan, pesan",
    [
        ({"batas_hari_laporan": "0"}, "batas_hari_laporan", "1–90"),
        ({"batas_hari_laporan": "91"}, "batas_hari_laporan", "1–90"),
        ({"batas_hari_laporan": "lima"}, "batas_hari_laporan", "1–90"),
        ({"batas_hari_laporan": "9" * 60}, "batas_hari_laporan", "1–90"),
        ({"batas_hari_laporan": ""}, "batas_hari_laporan", "wajib"),
        ({"tingkat_persetujuan": "3"}, "tingkat_persetujuan", "tingkat persetujuan"),
        ({"kepala_bappeda_nip": "123"}, "kepala_bappeda_nip", "18 angka"),
        ({"nama": ""}, "nama", "wajib"),
        ({"nama": "x" * 201}, "nama", "paling panjang 200"),
    ],
)
def test_a_refused_setting_is_named_on_top_linked_to_its_field_and_nothing_changes(
    client, d, isian, medan, pesan
):
    _masuk(client, d.admin_kota)
    data = {**SETELAN, **isian}
    r = client.post(reverse("kelola:pemda", args=[d.pd.pemda.slug]), data)
    assert r.status_code == 400
    isi = teks(r)
    assert 'id="ringkasan-galat"' in isi and f'href="#isian-{medan}"' in isi and pesan in isi
    assert f'id="galat-{medan}"' in isi
    # what was typed is kept (another field of the form)
    assert "Drs. Wali Uji" in isi
    p = Pemda.objects.get(pk=d.pd.pemda_id)
    assert p.batas_hari_laporan == 15 and p.kepala_nama == ""
    assert not CatatanAudit.objects.filter(aksi="pemda.ubah").exists()


def test_the_empty_submit_is_refused_with_every_missing_field(client, d):
    r = _masuk(client, d.admin_kota).post(reverse("kelola:pemda", args=[d.pd.pemda.slug]), {})
    assert r.status_code == 400
    isi = teks(r)
    for medan in ("nama", "batas_hari_laporan", "tingkat_persetujuan"):
        assert f'href="#isian-{medan}"' in isi


def test_the_logo_is_checked_by_its_content_and_served_as_what_it_is(client, d, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _masuk(client, d.admin_kota)
    url = reverse("kelola:pemda_logo", args=[d.pd.pemda.slug])
    # a text file named .png, and a file over 1 MB, are refused
    palsu = SimpleUploadedFile("logo.png", b"bukan gambar", content_type="image/png")
    r = client.post(url, {"logo": palsu})
    assert r.status_code == 400 and "PNG atau JPG" in teks(r)
    besar = SimpleUploadedFile("logo.png", PNG + b"0" * (1024 * 1024), content_type="image/png")
    r = client.post(url, {"logo": besar})
    assert r.status_code == 400 and "1024 KB" in teks(r)
    assert client.post(url, {}).status_code == 400
    assert not Pemda.objects.get(pk=d.pd.pemda_id).logo
    # a real PNG under any name is stored and served as PNG
    r = client.post(url, {"logo": SimpleUploadedFile("lambang.jpg", PNG, content_type="image/jpeg")})
    assert r.status_code == 302
    p = Pemda.objects.get(pk=d.pd.pemda_id)
    assert p.logo.name.endswith(".png")
    logo = client.get(reverse("kelola:logo", args=[p.slug]))
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png"
    assert b"".join(logo.streaming_content) == PNG
    assert CatatanAudit.objects.filter(aksi="pemda.logo", pengguna=d.admin_kota).count() == 1
    # removed
    assert client.post(url, {"aksi": "hapus"}).status_code == 302
    assert not Pemda.objects.get(pk=d.pd.pemda_id).logo
    assert client.get(reverse("kelola:logo", args=[p.slug])).status_code == 404


def test_a_pd_administrator_cannot_change_the_pemda(client, d):
    _masuk(client, d.admin_lain)
    r = client.post(reverse("kelola:pemda", args=[d.pd.pemda.slug]), SETELAN)
    assert tolak_indonesia(r)
    r = client.post(
        reverse("kelola:pemda_logo", args=[d.pd.pemda.slug]), {"logo": SimpleUploadedFile("a.png", PNG)}
    )
    assert tolak_indonesia(r)
    assert Pemda.objects.get(pk=d.pd.pemda_id).batas_hari_laporan == 15


# --- opening a PD ---------------------------------------------------------------------------------------


def test_the_pemda_administrator_opens_a_kecamatan_with_its_kelurahan(client, d):
    _masuk(client, d.admin_kota)
    r = client.post(
        reverse("kelola:pd_buat", args=[d.pd.pemda.slug]),
        {
            "nama": "Kecamatan Cempaka",
            "singkatan": "Kec. Cempaka",
            "jenis": "kecamatan",
            "kecamatan": "Cempaka",
            "pimpinan_nama": "Camat Uji",
            "unit": "Bendo\nKauman\n\nKelurahan Cempaka\nDesa Sentul\n",
        },
    )
    pd = PerangkatDaerah.objects.get(slug="kecamatan-cempaka")
    assert r.status_code == 302 and r["Location"] == reverse("kelola:panduan", args=[pd.pk])
    assert pd.jenis == "kecamatan" and pd.kecamatan.nama == "Cempaka" and pd.pimpinan_nama == "Camat Uji"
    unit = list(pd.unit_set.order_by("urutan").values_list("nama", "nama_pendek", "jenis"))
    assert unit == [
        ("Kecamatan Cempaka", "Kecamatan", "kantor"),
        ("Kelurahan Bendo", "Bendo", "kelurahan"),
        ("Kelurahan Kauman", "Kauman", "kelurahan"),
        ("Kelurahan Cempaka", "Cempaka", "kelurahan"),
        ("Desa Sentul", "Sentul", "desa"),
    ]
    kantor = pd.unit_set.get(jenis="kantor")
    assert set(pd.unit_set.exclude(pk=kantor.pk).values_list("induk", flat=True)) == {kantor.pk}
    c = CatatanAudit.objects.get(aksi="pd.buat", objek_id=str(pd.pk))
    assert c.pengguna == d.admin_kota and c.pd == pd
    assert c.perubahan["unit"][1] == "Kecamatan, Bendo, Kauman, Cempaka, Sentul"


def test_a_dinas_gets_its_bidang_and_a_slug_from_its_name(client, d):
    _masuk(client, d.admin_kota).post(
        reverse("kelola:pd_buat", args=[d.pd.pemda.slug]),
        {"nama": "Dinas Kesehatan", "jenis": "dinas", "unit": "Sekretariat\nBidang Pelayanan Kesehatan"},
    )
    pd = PerangkatDaerah.objects.get(slug="dinas-kesehatan")
    assert pd.kecamatan is None
    assert list(pd.unit_set.order_by("urutan").values_list("nama_pendek", "jenis")) == [
        ("Dinas", "kantor"),
        ("Sekretariat", "bagian"),
        ("Bidang Pelayanan Kesehatan", "bagian"),
    ]


def test_a_refused_pd_is_not_opened_and_every_error_is_listed(client, d):
    _masuk(client, d.admin_kota)
    sebelum = (PerangkatDaerah.objects.count(), Unit.objects.count(), Kecamatan.objects.count())
    r = client.post(
        reverse("kelola:pd_buat", args=[d.pd.pemda.slug]),
        {
            "nama": "Kecamatan Sananwetan",
            "slug": "kecamatan-sananwetan",
            "jenis": "kecamatan",
            "kecamatan": "Sananwetan",
            "pimpinan_nip": "12ab",
            "unit": "Bendo\nbendo",
        },
    )
    assert r.status_code == 400
    isi = teks(r)
    for pesan in ("sudah dipakai", "sudah ada di Kota Blitar", "sudah dijalankan", "18 angka", "Baris 2"):
        assert pesan in isi, pesan
    # the typed units are kept
    assert "Bendo\nbendo" in isi
    assert (PerangkatDaerah.objects.count(), Unit.objects.count(), Kecamatan.objects.count()) == sebelum
    # a kecamatan needs its region's name; an unknown kind is refused
    r = client.post(
        reverse("kelola:pd_buat", args=[d.pd.pemda.slug]), {"nama": "Kecamatan X", "jenis": "kecamatan"}
    )
    assert r.status_code == 400 and "nama kecamatan" in teks(r)
    r = client.post(reverse("kelola:pd_buat", args=[d.pd.pemda.slug]), {"nama": "X", "jenis": "9" * 60})
    assert r.status_code == 400 and "Pilih jenis" in teks(r)
    assert PerangkatDaerah.objects.count() == sebelum[0]


def test_only_the_pemda_administrator_opens_a_pd(client, d):
    for user in (d.admin_lain, get_user_model().objects.get(username="verifikator")):
        r = _masuk(client, user).post(
            reverse("kelola:pd_buat", args=[d.pd.pemda.slug]), {"nama": "Dinas X", "jenis": "dinas"}
        )
        assert tolak_indonesia(r)
    assert not PerangkatDaerah.objects.filter(nama="Dinas X").exists()


# --- a PD's record and its units ------------------------------------------------------------------------


def test_a_pd_administrator_edits_its_own_pd_and_not_another(client, d):
    _masuk(client, d.admin_lain)
    data = {"nama": "Kecamatan Uji Baru", "pimpinan_nama": "Camat Baru", "pimpinan_nip": "197001011990031002"}
    assert client.post(reverse("kelola:pd", args=[d.lain.pk]), data).status_code == 302
    lain = PerangkatDaerah.objects.get(pk=d.lain.pk)
    assert (lain.nama, lain.pimpinan_nama) == ("Kecamatan Uji Baru", "Camat Baru")
    c = CatatanAudit.objects.get(aksi="pd.ubah")
    assert c.pengguna == d.admin_lain and c.perubahan["pimpinan_nip"] == [
        "(disembunyikan)",
        "(disembunyikan)",
    ]
    assert tolak_indonesia(client.post(reverse("kelola:pd", args=[d.pd.pk]), data))
    assert PerangkatDaerah.objects.get(pk=d.pd.pk).nama == "Kecamatan Sananwetan"
    # a name another PD of the pemda has is refused
    r = client.post(reverse("kelola:pd", args=[d.lain.pk]), {"nama": "kecamatan sananwetan"})
    assert r.status_code == 400 and "sudah ada" in teks(r)


@pytest.mark.parametrize("pd_id", ["0", "99999999999", "9" * 40])
def test_a_pd_that_does_not_exist_is_not_found(client, d, pd_id):
    assert _masuk(client, d.admin_kota).get(f"/kelola/pd/{pd_id}/").status_code == 404


def test_units_are_added_renamed_deactivated_and_deleted_only_without_data(client, d):
    _masuk(client, d.admin_lain)
    pd = d.lain
    r = client.post(
        reverse("kelola:unit_tambah", args=[pd.pk]), {"nama": "Kelurahan Baru", "jenis": "kelurahan"}
    )
    assert r.status_code == 302
    baru = Unit.objects.get(pd=pd, nama="Kelurahan Baru")
    assert (baru.nama_pendek, baru.induk, baru.aktif) == ("Kelurahan Baru", d.lain_kantor, True)
    # the same short name again, or another PD's unit as parent, is refused
    r = client.post(
        reverse("kelola:unit_tambah", args=[pd.pk]),
        {"nama": "Kelurahan Lain", "nama_pendek": "ujung", "jenis": "kelurahan", "induk": str(d.gedog.pk)},
    )
    assert r.status_code == 400
    isi = teks(r)
    assert "sudah dipakai" not in isi or "Ujung" not in isi  # the parent is refused first
    assert "unit induk" in isi
    r = client.post(
        reverse("kelola:unit_tambah", args=[pd.pk]),
        {"nama": "Kelurahan Lain", "nama_pendek": "ujung", "jenis": "x"},
    )
    assert r.status_code == 400 and "Pilih jenis unit" in teks(r)
    # renamed
    r = client.post(
        reverse("kelola:unit", args=[pd.pk, baru.pk]),
        {"nama": "Kelurahan Baru Sekali", "nama_pendek": "Baru"},
    )
    assert r.status_code == 302 and Unit.objects.get(pk=baru.pk).nama_pendek == "Baru"
    # a unit someone holds a role over is not deactivated until the role is gone
    op = get_user_model().objects.create_user("operator-baru")
    peran = Peran.objects.create(pengguna=op, jenis="operator", unit=baru)
    r = client.post(reverse("kelola:unit_status", args=[pd.pk, baru.pk]), {"aktif": "0"}, follow=True)
    assert "operator-baru" in teks(r) and Unit.objects.get(pk=baru.pk).aktif
    # … nor deleted: it has data (a role)
    r = client.post(reverse("kelola:unit_hapus", args=[pd.pk, baru.pk]), follow=True)
    assert "tidak dihapus" in teks(r) and Unit.objects.filter(pk=baru.pk).exists()
    peran.delete()
    assert (
        client.post(reverse("kelola:unit_status", args=[pd.pk, baru.pk]), {"aktif": "0"}).status_code == 302
    )
    assert not Unit.objects.get(pk=baru.pk).aktif
    # now without any record: deleted
    assert client.post(reverse("kelola:unit_hapus", args=[pd.pk, baru.pk])).status_code == 302
    assert not Unit.objects.filter(pk=baru.pk).exists()
    aksi = list(
        CatatanAudit.objects.filter(objek_tipe="wilayah.unit").order_by("id").values_list("aksi", flat=True)
    )
    assert aksi == ["unit.tambah", "unit.ubah", "unit.nonaktif", "unit.hapus"]
    # the office is neither deactivated nor deleted
    client.post(reverse("kelola:unit_status", args=[pd.pk, d.lain_kantor.pk]), {"aktif": "0"})
    client.post(reverse("kelola:unit_hapus", args=[pd.pk, d.lain_kantor.pk]))
    assert Unit.objects.get(pk=d.lain_kantor.pk).aktif


def test_a_unit_with_records_is_never_deleted(client, d):
    _masuk(client, d.admin_kota)
    r = client.get(reverse("kelola:unit", args=[d.pd.pk, d.gedog.pk]))
    assert r.status_code == 200 and reverse("kelola:unit_hapus", args=[d.pd.pk, d.gedog.pk]) not in teks(r)
    r = client.post(reverse("kelola:unit_hapus", args=[d.pd.pk, d.gedog.pk]), follow=True)
    assert "sudah mempunyai data" in teks(r)
    assert Unit.objects.filter(pk=d.gedog.pk).exists()


def test_a_pd_administrator_cannot_touch_another_pds_units(client, d):
    _masuk(client, d.admin_lain)
    assert tolak_indonesia(
        client.post(reverse("kelola:unit_tambah", args=[d.pd.pk]), {"nama": "X", "jenis": "bagian"})
    )
    assert tolak_indonesia(client.post(reverse("kelola:unit", args=[d.pd.pk, d.gedog.pk]), {"nama": "X"}))
    assert tolak_indonesia(
        client.post(reverse("kelola:unit_status", args=[d.pd.pk, d.gedog.pk]), {"aktif": "0"})
    )
    assert Unit.objects.get(pk=d.gedog.pk).nama == "Kelurahan Gedog"
    assert not Unit.objects.filter(nama="X").exists()
