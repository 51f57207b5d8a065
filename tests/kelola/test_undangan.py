"""The one-time link: a new user sets a password that passes the rules and is logged in; a link used
twice, expired, replaced, unknown or of a deactivated account says so in Indonesian."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from kinerja.core.models import CatatanAudit, Undangan
from kinerja.wilayah import pengguna as akun
from tests.kelola.bantu_pengguna import dunia, teks

pytestmark = pytest.mark.django_db
User = get_user_model()
SANDI = "kebun-mangga-tujuh"


@pytest.fixture
def d(versi_sampel):
    return dunia(versi_sampel)


@pytest.fixture
def baru(d):
    """A user just created by the pemda's administrator, and its invitation token."""
    user, token = akun.buat_pengguna(
        pengguna=d.admin_kota,
        isian={"username": "siti", "nama": "Siti Aminah", "email": "siti@contoh.go.id"},
        jenis="operator",
        lingkup=akun.Lingkup("unit", d.gedog),
        asal=d.pd,
    )
    return user, token


def _url(token: str) -> str:
    return reverse("kelola:undangan", args=[token])


def test_the_invitee_sets_a_password_and_is_logged_in(client, baru):
    user, token = baru
    r = client.get(_url(token))
    assert r.status_code == 200 and "siti" in teks(r) and r["Cache-Control"].startswith("max-age=0")
    r = client.post(_url(token), {"sandi": SANDI, "sandi_ulang": SANDI})
    assert r.status_code == 302 and r["Location"] == reverse("beranda")
    assert client.session["_auth_user_id"] == str(user.pk)
    user.refresh_from_db()
    assert user.check_password(SANDI)
    u = Undangan.objects.get(pengguna=user)
    assert u.dipakai is not None
    c = CatatanAudit.objects.get(aksi="undangan.pakai", objek_id=str(user.pk))
    assert c.pengguna == user
    # used twice: refused, says so, and changes nothing
    client.logout()
    r = client.post(_url(token), {"sandi": "lain-sandi-panjang-1", "sandi_ulang": "lain-sandi-panjang-1"})
    assert r.status_code == 410 and "sudah dipakai" in teks(r) and 'href="/"' in teks(r)
    user.refresh_from_db()
    assert user.check_password(SANDI)
    # and the user logs in with it
    r = client.post(reverse("login"), {"username": "siti", "password": SANDI})
    assert r.status_code == 302


@pytest.mark.parametrize(
    "sandi, ulang, pesan",
    [
        ("12345678901", "12345678901", "seluruhnya terdiri dari angka"),
        ("password", "password", "terlalu umum"),
        ("pendek", "pendek", "terlalu pendek"),
        ("siti-aminah", "siti-aminah", "terlalu mirip"),
        (SANDI, SANDI + "x", "tidak sama"),
        ("", "", "Tulis kata sandi"),
    ],
)
def test_a_weak_or_mistyped_password_is_refused_and_the_link_stays_usable(client, baru, sandi, ulang, pesan):
    user, token = baru
    r = client.post(_url(token), {"sandi": sandi, "sandi_ulang": ulang})
    assert r.status_code == 400
    isi = teks(r)
    assert pesan in isi and 'id="ringkasan-galat"' in isi
    user.refresh_from_db()
    assert not user.has_usable_password() and "_auth_user_id" not in client.session
    assert akun.periksa_tautan(token).pk


def test_an_expired_link_says_so(client, baru):
    user, token = baru
    Undangan.objects.filter(pengguna=user).update(berlaku_sampai=timezone.now() - dt.timedelta(minutes=1))
    for r in (client.get(_url(token)), client.post(_url(token), {"sandi": SANDI, "sandi_ulang": SANDI})):
        assert r.status_code == 410 and "kedaluwarsa" in teks(r)
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_the_link_lives_seven_days(baru):
    user, _ = baru
    u = Undangan.objects.get(pengguna=user)
    assert abs(u.berlaku_sampai - u.dibuat - dt.timedelta(days=7)) < dt.timedelta(seconds=5)


def test_an_unknown_or_replaced_link_and_one_of_a_deactivated_account(client, d, baru):
    user, token = baru
    r = client.get(_url("x" * 43))
    assert r.status_code == 404 and "tidak dikenal" in teks(r)
    assert client.get(_url("9" * 300)).status_code == 404
    baru_token = akun.tautan_undangan_baru(pengguna=d.admin_kota, target=user)
    r = client.get(_url(token))
    assert r.status_code == 410 and "diganti" in teks(r)
    assert client.get(_url(baru_token)).status_code == 200
    akun.ubah_status_pengguna(pengguna=d.admin_kota, target=user, aktif=False)
    r = client.get(_url(baru_token))
    assert r.status_code == 410
    assert "dinonaktifkan" in teks(r) or "diganti" in teks(r)


def test_a_new_invitation_is_not_made_for_a_user_with_a_password(d, baru):
    user, token = baru
    akun.pakai_tautan(token=token, sandi=SANDI, sandi_ulang=SANDI)
    with pytest.raises(Exception, match="sudah membuat kata sandi"):
        akun.tautan_undangan_baru(pengguna=d.admin_kota, target=User.objects.get(pk=user.pk))
