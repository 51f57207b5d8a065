"""Complaint categories of a PD: who may change them, deadline bounds, renaming, order, and deactivation
that takes a category off the public form while its complaints keep it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.core.models import CatatanAudit
from kinerja.pengaduan.models import Kategori, Pengaduan
from tests.kelola.bantu_layanan import admin_pd, pd_lain

pytestmark = pytest.mark.django_db


def _daftar(pd) -> str:
    return reverse("kelola:kategori", args=[pd.pk])


def _urutan(pd) -> list[str]:
    return list(
        Kategori.objects.filter(pd=pd).order_by("urutan", "nama", "pk").values_list("nama", flat=True)
    )


@pytest.mark.parametrize(
    ("akun", "baca", "tulis"),
    [
        ("admin-kota", True, True),
        ("admin-pd", True, True),
        ("admin", True, True),
        ("perencana", True, False),
        ("camat", True, False),
        ("operator-gedog", False, False),
        ("lurah-gedog", False, False),
        ("admin-dinas", False, False),
    ],
)
def test_each_persona_reads_and_changes_categories_only_within_its_scope(
    masuk, versi_sampel, akun, baca, tulis
):
    pd = versi_sampel.pd
    admin_pd(pd)
    pd_lain(pd)
    c = masuk(akun)
    k = Kategori.objects.filter(pd=pd).order_by("urutan").first()
    assert c.get(_daftar(pd)).status_code == (200 if baca else 403)
    assert c.get(reverse("kelola:kategori_ubah", args=[pd.pk, k.pk])).status_code == (200 if tulis else 403)
    r = c.post(_daftar(pd), {"nama": "Kebersihan", "batas_hari": "4"})
    assert r.status_code == (302 if tulis else 403)
    assert Kategori.objects.filter(pd=pd, nama="Kebersihan").exists() is tulis
    r = c.post(reverse("kelola:kategori_atur", args=[pd.pk, k.pk]), {"aksi": "nonaktifkan"})
    assert r.status_code == (302 if tulis else 403)
    k.refresh_from_db()
    assert k.aktif is not tulis


def test_another_pds_category_is_not_found_under_ones_own_pd(masuk, versi_sampel):
    lain = pd_lain(versi_sampel.pd)
    k = Kategori.objects.filter(pd=versi_sampel.pd).first()
    c = masuk("admin-dinas")
    assert c.get(reverse("kelola:kategori_ubah", args=[lain.pk, k.pk])).status_code == 404
    assert c.post(reverse("kelola:kategori_atur", args=[lain.pk, k.pk]), {"aksi": "hapus"}).status_code == 404


@pytest.mark.parametrize(
    ("batas", "diterima"),
    [("0", False), ("1", True), ("60", True), ("61", False), ("lima", False), ("9" * 60, False), ("", False)],
)
def test_the_deadline_is_bounded_to_1_to_60_working_days(masuk, versi_sampel, batas, diterima):
    pd = versi_sampel.pd
    r = masuk("admin-kota").post(_daftar(pd), {"nama": "Kebersihan", "batas_hari": batas})
    assert r.status_code == (302 if diterima else 400)
    assert Kategori.objects.filter(pd=pd, nama="Kebersihan").exists() is diterima
    if not diterima:
        html = r.content.decode()
        assert "Batas penyelesaian diisi bilangan bulat 1–60 hari kerja" in html
        assert 'value="Kebersihan"' in html and 'href="#isian-batas_hari"' in html


def test_a_renamed_category_keeps_unique_names_and_a_new_deadline_leaves_received_complaints_alone(
    masuk, versi_sampel
):
    pd = versi_sampel.pd
    c = masuk("admin-kota")
    k, lain = Kategori.objects.filter(pd=pd).order_by("urutan")[:2]
    batas_lama = {p.pk: p.batas for p in Pengaduan.objects.filter(kategori=k)}
    assert batas_lama
    url = reverse("kelola:kategori_ubah", args=[pd.pk, k.pk])
    r = c.post(url, {"nama": lain.nama.upper(), "batas_hari": "5"})
    assert r.status_code == 400 and f"Kategori “{lain.nama.upper()}” sudah ada" in r.content.decode()
    r = c.post(url, {"nama": "Administrasi kependudukan", "batas_hari": "14", "alasan": "SOP baru"})
    assert r.status_code == 302
    k.refresh_from_db()
    assert (k.nama, k.batas_hari) == ("Administrasi kependudukan", 14)
    assert {p.pk: p.batas for p in Pengaduan.objects.filter(kategori=k)} == batas_lama
    a = CatatanAudit.objects.filter(aksi="kategori.ubah", objek_id=str(k.pk)).get()
    assert a.perubahan["batas_hari"][1] == 14 and a.perubahan["nama"][1] == "Administrasi kependudukan"
    assert a.alasan == "SOP baru"
    # The unchanged round trip stores nothing.
    r = c.post(url, {"nama": "Administrasi kependudukan", "batas_hari": "14"}, follow=True)
    assert "Tidak ada yang berubah" in r.content.decode()
    assert CatatanAudit.objects.filter(aksi="kategori.ubah", objek_id=str(k.pk)).count() == 1


def test_categories_move_up_and_down_and_the_ends_stay_put(masuk, versi_sampel):
    pd = versi_sampel.pd
    c = masuk("admin-kota")
    awal = _urutan(pd)
    kedua = Kategori.objects.get(pd=pd, nama=awal[1])
    c.post(reverse("kelola:kategori_atur", args=[pd.pk, kedua.pk]), {"aksi": "naik"})
    assert _urutan(pd) == [awal[1], awal[0], *awal[2:]]
    c.post(reverse("kelola:kategori_atur", args=[pd.pk, kedua.pk]), {"aksi": "naik"})  # first already
    assert _urutan(pd) == [awal[1], awal[0], *awal[2:]]
    c.post(reverse("kelola:kategori_atur", args=[pd.pk, kedua.pk]), {"aksi": "turun"})
    assert _urutan(pd) == awal
    assert list(Kategori.objects.filter(pd=pd).order_by("urutan").values_list("urutan", flat=True)) == list(
        range(1, len(awal) + 1)
    )
    assert (
        c.post(reverse("kelola:kategori_atur", args=[pd.pk, kedua.pk]), {"aksi": "terbang"}).status_code
        == 403
    )


def test_an_inactive_category_leaves_the_public_form_and_its_complaints_keep_it(client, masuk, versi_sampel):
    pd = versi_sampel.pd
    k = Kategori.objects.filter(pd=pd, pengaduan_set__isnull=False).distinct().first()
    n = Pengaduan.objects.filter(kategori=k).count()
    formulir = reverse("pengaduan:kirim", args=[pd.pk])
    assert f"{k.nama} (dijawab ≤" in client.get(formulir).content.decode()
    r = masuk("admin-kota").post(
        reverse("kelola:kategori_atur", args=[pd.pk, k.pk]), {"aksi": "hapus"}, follow=True
    )
    assert f"dipakai {n} pengaduan: tidak dihapus" in r.content.decode()
    masuk("admin-kota").post(reverse("kelola:kategori_atur", args=[pd.pk, k.pk]), {"aksi": "nonaktifkan"})
    client.logout()
    assert f"{k.nama} (dijawab ≤" not in client.get(formulir).content.decode()
    # A form sent with it (an old page left open) is refused with the reason, nothing stored.
    r = client.post(
        formulir,
        {
            "unit": pd.unit_set.get(nama_pendek="Gedog").pk,
            "kategori": k.pk,
            "judul": "Uji",
            "isi": "Uraian pengaduan untuk uji.",
        },
    )
    assert r.status_code == 200 and "Pilih kategori pengaduan." in r.content.decode()
    assert Pengaduan.objects.filter(kategori=k).count() == n
    # Its complaints are still counted in the PD's statistics.
    html = masuk("perencana").get(reverse("kelola:kategori", args=[pd.pk])).content.decode()
    assert k.nama in html and "nonaktif" in html


def test_an_unused_category_may_be_deleted(masuk, versi_sampel):
    pd = versi_sampel.pd
    c = masuk("admin-kota")
    c.post(_daftar(pd), {"nama": "Sementara", "batas_hari": "3"})
    k = Kategori.objects.get(pd=pd, nama="Sementara")
    assert k.urutan == max(Kategori.objects.filter(pd=pd).values_list("urutan", flat=True))
    c.post(reverse("kelola:kategori_atur", args=[pd.pk, k.pk]), {"aksi": "hapus"})
    assert not Kategori.objects.filter(pk=k.pk).exists()
    assert CatatanAudit.objects.filter(aksi="kategori.hapus", objek_id=str(k.pk)).exists()
