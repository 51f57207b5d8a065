"""Logging in: demo accounts per role and unit, password rules, admin audit."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.urls import reverse

from kinerja.core.akun import AKUN_DEMO
from kinerja.core.models import CatatanAudit, Peran

pytestmark = pytest.mark.django_db


def _masuk(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_one_demo_account_per_role_and_unit_and_they_follow_the_password_rules(versi_sampel):
    User = get_user_model()
    units = set(
        versi_sampel.pd.unit_set.filter(jenis__in=["kantor", "kelurahan"]).values_list("pk", flat=True)
    )
    operator = set(Peran.objects.filter(jenis="operator").values_list("unit_id", flat=True))
    assert operator == units
    lurah = Peran.objects.filter(jenis="pimpinan", unit__jenis="kelurahan").count()
    assert lurah == 7
    for a in AKUN_DEMO:
        user = User.objects.get(username=a.username)
        assert user.check_password(a.password)
        validate_password(a.password, user)


def test_the_login_page_lists_the_demo_accounts(client):
    teks = client.get(reverse("login")).content.decode()
    assert "operator-gedog" in teks and "verifikator" in teks and "lurah-rembang" in teks
    assert "inspektorat" in teks and "inspektorat-blitar-2022" in teks


def test_a_user_changes_the_password_under_the_rules(client):
    user = get_user_model().objects.get(username="operator-gedog")
    client.force_login(user)
    r = client.post(
        reverse("password_change"),
        {"old_password": "isi-realisasi-2022", "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert r.status_code == 200 and "galat" in r.content.decode()
    user.refresh_from_db()
    assert user.check_password("isi-realisasi-2022")


def test_changes_through_the_admin_are_audited(client, versi_sampel):
    from kinerja.wilayah.models import Pemda

    client.force_login(get_user_model().objects.get(username="admin"))
    pemda = versi_sampel.pd.pemda
    url = reverse("admin:wilayah_pemda_change", args=[pemda.pk])
    halaman = client.get(url)
    assert halaman.status_code == 200
    data = {
        "kode": pemda.kode,
        "nama": pemda.nama,
        "jenis": pemda.jenis,
        "provinsi": pemda.provinsi,
        "slug": pemda.slug,
        "kepala_nama": "",
        "kepala_jabatan": pemda.kepala_jabatan,
        "batas_hari_laporan": 20,
    }
    r = client.post(url, data)
    assert r.status_code == 302, r.content.decode()[:2000]
    assert Pemda.objects.get(pk=pemda.pk).batas_hari_laporan == 20
    c = CatatanAudit.objects.get(aksi="admin.ubah", objek_tipe="wilayah.pemda")
    assert c.perubahan == {"batas_hari_laporan": [15, 20]} and c.pengguna.username == "admin"
