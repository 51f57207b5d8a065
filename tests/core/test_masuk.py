"""Logging in holds: every attempt counts, names lock for a growing time, an address only slows
down, /admin/login/ takes the same path, and the optional TOTP second step (RFC 6238)."""

from __future__ import annotations

import base64

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kinerja.core import masuk, totp
from kinerja.core.models import DuaLangkah

pytestmark = pytest.mark.django_db

SALAH = "Nama pengguna atau kata sandi salah"
T0 = 900.0 * 2_000_000  # the start of a 15-minute window of the address counter


@pytest.fixture
def jam(monkeypatch):
    """A clock the test moves by hand (the throttle reads it through ``masuk._sekarang``)."""
    waktu = {"t": T0}
    monkeypatch.setattr(masuk, "_sekarang", lambda: waktu["t"])
    return waktu


def _masuk(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def _masuk_ok(r) -> bool:
    return r.status_code == 302 and "_auth_user_id" in r.client.session


def test_an_empty_password_counts_and_does_not_reset_the_failures(client, jam):
    # The reported attack: 4 wrong passwords, then an empty one to wipe the count, and again.
    for _ in range(4):
        assert SALAH in _masuk(client, "operator-gedog", "salah-sandi").content.decode()
    _masuk(client, "operator-gedog", "")  # the 5th attempt: it counts like the others
    r = _masuk(client, "operator-gedog", "isi-realisasi-2022")
    teks = r.content.decode()
    assert not _masuk_ok(r)
    assert "Coba lagi dalam 1 menit" in teks  # 5 failures: the first lock, 60 seconds


def test_a_malformed_form_counts_too(client, jam):
    for _ in range(5):
        client.post(reverse("login"), {"username": "operator-gedog"})  # no password field at all
    assert not _masuk_ok(_masuk(client, "operator-gedog", "isi-realisasi-2022"))


def test_the_lock_grows_with_each_failure_and_only_a_success_clears_it(client, jam):
    for _ in range(5):
        _masuk(client, "operator-gedog", "salah-sandi")
    # Locked 60 s from the 5th failure (at T0).
    jam["t"] = T0 + 59
    assert not _masuk_ok(_masuk(client, "operator-gedog", "isi-realisasi-2022"))
    jam["t"] = T0 + 60
    assert SALAH in _masuk(client, "operator-gedog", "salah-lagi").content.decode()  # 6th failure
    # The 6th failure at T0+60 locks for 120 s: until T0+180.
    jam["t"] = T0 + 179
    assert (
        "Coba lagi dalam 1 menit" in _masuk(client, "operator-gedog", "isi-realisasi-2022").content.decode()
    )
    jam["t"] = T0 + 180
    assert _masuk_ok(_masuk(client, "operator-gedog", "isi-realisasi-2022"))
    client.logout()
    # The success cleared the count: four new failures do not lock.
    for _ in range(4):
        _masuk(client, "operator-gedog", "salah-sandi")
    assert _masuk_ok(_masuk(client, "operator-gedog", "isi-realisasi-2022"))


def test_another_name_is_not_locked_by_someone_elses_failures(client, jam):
    for _ in range(5):
        _masuk(client, "operator-gedog", "salah-sandi")
    assert _masuk_ok(_masuk(client, "operator-rembang", "isi-realisasi-2022"))


def test_twenty_failures_from_one_address_do_not_lock_out_a_colleague(client, jam):
    for _ in range(20):
        _masuk(client, "operator-gedog", "salah-sandi")
    assert _masuk_ok(_masuk(client, "operator-rembang", "isi-realisasi-2022"))


def test_many_failures_from_one_address_only_slow_it_down(client, jam):
    for _ in range(30):
        _masuk(client, "operator-gedog", "salah-sandi")
    # 30 failures > 20: the address waits min(60, 2^(30−20)) = 60 s after its last attempt.
    r = _masuk(client, "operator-rembang", "isi-realisasi-2022")
    assert not _masuk_ok(r) and "dari alamat ini. Coba lagi dalam 60 detik" in r.content.decode()
    # Another address is not slowed at all.
    assert _masuk_ok(_masuk(client, "lurah-gedog", "kinerja-pimpinan-2022", REMOTE_ADDR="10.0.0.9"))
    client.logout()
    jam["t"] = T0 + 60
    assert _masuk_ok(_masuk(client, "operator-rembang", "isi-realisasi-2022"))


def test_the_address_is_kept_only_as_a_salted_hash():
    assert "127.0.0.1" not in masuk.kunci_alamat("127.0.0.1")
    assert masuk.kunci_alamat("127.0.0.1") != masuk.kunci_alamat("127.0.0.2")


def test_the_admin_login_does_not_check_passwords_itself(client):
    r = client.post(
        reverse("admin:login") + "?next=/admin/", {"username": "admin", "password": "sananwetan-admin"}
    )
    assert r.status_code == 302 and r["Location"].startswith(reverse("login") + "?next=")
    assert "_auth_user_id" not in client.session
    # The admin sends a visitor to its login, which is the throttled one.
    r = client.get("/admin/", follow=True)
    assert r.redirect_chain[-1][0].startswith(reverse("login"))


def test_the_admin_login_is_throttled_like_the_login_page(client, jam):
    for _ in range(5):
        _masuk(client, "admin", "salah-sandi")
    r = client.post(
        reverse("admin:login"), {"username": "admin", "password": "sananwetan-admin"}, follow=True
    )
    assert "_auth_user_id" not in client.session
    r = _masuk(client, "admin", "sananwetan-admin")
    assert not _masuk_ok(r) and "Coba lagi" in r.content.decode()


def test_a_logged_in_user_without_staff_rights_gets_a_refusal_not_a_redirect_loop(client):
    client.force_login(get_user_model().objects.get(username="camat"))
    assert client.get(reverse("admin:login") + "?next=/admin/").status_code == 403


# RFC 6238 appendix B: the SHA-1 secret is the ASCII "12345678901234567890", 8 digits.
RFC_KUNCI = b"12345678901234567890"
RFC_VEKTOR = [
    (59, "94287082"),
    (1111111109, "07081804"),
    (1111111111, "14050471"),
    (1234567890, "89005924"),
    (2000000000, "69279037"),
    (20000000000, "65353130"),
]


@pytest.mark.parametrize(("waktu", "harapan"), RFC_VEKTOR)
def test_totp_matches_the_rfc_6238_test_vectors(waktu, harapan):
    assert totp.hotp(RFC_KUNCI, waktu // 30, digit=8) == harapan
    # Six digits are the last six of the eight (both are the same number modulo a power of ten).
    rahasia = base64.b32encode(RFC_KUNCI).decode()
    assert totp.kode(rahasia, waktu) == harapan[-6:]


def test_a_code_is_accepted_one_step_either_side_and_not_further():
    rahasia = base64.b32encode(RFC_KUNCI).decode()
    # The code for T=59 is that of step 1 (59 // 30); at T=89 we are in step 2, at T=120 in step 4.
    assert totp.cocok(rahasia, "287082", waktu=59) == 1
    assert totp.cocok(rahasia, "287082", waktu=89) == 1
    assert totp.cocok(rahasia, "287082", waktu=0) == 1
    assert totp.cocok(rahasia, "287082", waktu=120) is None
    assert totp.cocok(rahasia, "28708", waktu=59) is None
    assert totp.cocok(rahasia, "abcdef", waktu=59) is None


def test_the_otpauth_address_names_the_secret_and_the_user():
    alamat = totp.uri("JBSWY3DPEHPK3PXP", "verifikator")
    assert alamat.startswith("otpauth://totp/Kinerja%3Averifikator?")
    assert "secret=JBSWY3DPEHPK3PXP" in alamat and "digits=6" in alamat and "period=30" in alamat


def _kode_berikut(rahasia: str) -> str:
    """The code of the next step: accepted (±1 step) and after any step already used."""
    return totp.hotp(base64.b32decode(rahasia + "=" * (-len(rahasia) % 8)), totp.langkah() + 1)


def test_a_verifier_turns_on_the_second_step_and_then_needs_it_to_log_in(client):
    user = get_user_model().objects.get(username="verifikator")
    client.force_login(user)
    halaman = client.get(reverse("dua_langkah"))
    d = DuaLangkah.objects.get(pengguna=user)
    teks = halaman.content.decode()
    assert halaman.status_code == 200 and "otpauth://totp/" in teks and "<svg" in teks
    berlaku = {
        totp.hotp(base64.b32decode(d.rahasia + "=" * (-len(d.rahasia) % 8)), totp.langkah() + i)
        for i in (-2, -1, 0, 1, 2)
    }
    salah = next(k for k in ("000000", "000001", "000002", "000003", "000004", "000005") if k not in berlaku)
    html = client.post(reverse("dua_langkah"), {"kode": salah}).content.decode()
    # Listed on top, linked to its box, which is marked invalid (the same pattern as every form).
    assert "Kode salah" in html and 'href="#id_kode"' in html and 'aria-invalid="true"' in html
    d.refresh_from_db()
    assert not d.aktif
    client.post(reverse("dua_langkah"), {"aksi": "aktifkan", "kode": totp.kode(d.rahasia)})
    d.refresh_from_db()
    assert d.aktif
    client.logout()

    r = _masuk(client, "verifikator", "bappeda-blitar-2022")
    assert r.status_code == 302 and r["Location"] == reverse("masuk_kode")
    assert "_auth_user_id" not in client.session  # the password alone is not enough
    assert "_auth_user_id" not in client.post(reverse("masuk_kode"), {"kode": "12345"}).client.session
    kode = _kode_berikut(d.rahasia)
    r = client.post(reverse("masuk_kode"), {"kode": kode})
    assert r.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)
    client.logout()

    # The same code again (a replay) is refused, even after a correct password.
    _masuk(client, "verifikator", "bappeda-blitar-2022")
    r = client.post(reverse("masuk_kode"), {"kode": kode})
    assert "_auth_user_id" not in client.session and "sudah dipakai" in r.content.decode()


def test_an_operator_cannot_turn_on_the_second_step(client):
    client.force_login(get_user_model().objects.get(username="operator-gedog"))
    assert client.get(reverse("dua_langkah")).status_code == 403
