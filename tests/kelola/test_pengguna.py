"""Users and roles administered in the app: who manages whom, what may be granted, deactivation,
resets, the table of who may do what, and the audit trail of every change."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.core.models import AsalPengguna, CatatanAudit, Peran, Undangan
from kinerja.wilayah import pengguna as akun
from kinerja.wilayah.izin import hitung_cakupan
from tests.kelola.bantu_pengguna import dunia, teks, tolak_indonesia

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def d(versi_sampel):
    return dunia(versi_sampel)


def _buat(client, pd, **isian):
    data = {"username": "budi.santoso", "nama": "Budi Santoso", "email": "budi@contoh.go.id", **isian}
    return client.post(reverse("kelola:pengguna_buat", args=[pd.pk]), data)


def _tautan(html: str) -> str:
    m = re.search(r'value="(https?://[^"]+/kelola/undangan/([^"/]+)/)"', html)
    assert m, "the one-time link is shown"
    return m.group(2)


# --- creating a user ------------------------------------------------------------------------------


def test_the_pemda_administrator_creates_a_user_who_gets_a_one_time_link_shown_once(client, d):
    client.force_login(d.admin_kota)
    r = _buat(client, d.pd, peran="operator", cakupan=f"unit:{d.gedog.pk}")
    budi = User.objects.get(username="budi.santoso")
    assert r.status_code == 302 and r["Location"] == reverse("kelola:pengguna", args=[budi.pk])
    assert budi.first_name == "Budi Santoso" and budi.is_active and not budi.has_usable_password()
    assert list(Peran.objects.filter(pengguna=budi).values_list("jenis", "unit")) == [
        ("operator", d.gedog.pk)
    ]
    assert AsalPengguna.objects.get(pengguna=budi).pd == d.pd
    halaman = teks(client.get(r["Location"]))
    token = _tautan(halaman)
    assert len(token) >= 43  # 32 random bytes, base64: 256 bits
    # only its hash is stored, and the link is shown once
    u = Undangan.objects.get(pengguna=budi)
    assert u.token_hash == hashlib.sha256(token.encode()).hexdigest() and token not in u.token_hash
    assert token not in teks(client.get(r["Location"]))
    # the audit trail: created by the administrator, the role granted by the administrator; no e-mail in it
    buat = CatatanAudit.objects.get(aksi="pengguna.buat", objek_id=str(budi.pk))
    assert buat.pengguna == d.admin_kota and "budi@contoh.go.id" not in str(buat.perubahan)
    beri = CatatanAudit.objects.get(aksi="peran.beri", perubahan__pengguna__1="budi.santoso")
    assert beri.pengguna == d.admin_kota and beri.pd == d.pd


@pytest.mark.parametrize(
    "isian, medan, pesan",
    [
        ({"username": ""}, "username", "wajib"),
        ({"username": "budi santoso"}, "username", "tanpa spasi"),
        ({"username": "operator-gedog"}, "username", "sudah dipakai"),
        ({"username": "OPERATOR-GEDOG"}, "username", "sudah dipakai"),
        ({"nama": ""}, "nama", "wajib"),
        ({"email": "bukan-surel"}, "email", "tidak sah"),
        ({"email": "ADMIN-KOTA@contoh.go.id"}, "email", "sudah dipakai pengguna admin-kota"),
        ({"peran": ""}, "peran", "Pilih peran"),
        ({"peran": "superuser"}, "peran", "Pilih peran"),
        ({"cakupan": ""}, "cakupan", "Pilih cakupan"),
        ({"cakupan": "unit:" + "9" * 40}, "cakupan", "Pilih cakupan"),
        ({"cakupan": "semua:1"}, "cakupan", "Pilih cakupan"),
    ],
)
def test_a_refused_user_is_not_created_and_the_error_is_on_top(client, d, isian, medan, pesan):
    User.objects.filter(username="admin-kota").update(email="admin-kota@contoh.go.id")
    client.force_login(d.admin_kota)
    sebelum = User.objects.count()
    r = _buat(client, d.pd, **{"peran": "operator", "cakupan": f"unit:{d.gedog.pk}", **isian})
    assert r.status_code == 400
    isi = teks(r)
    assert f'href="#isian-{medan}"' in isi and pesan in isi
    assert User.objects.count() == sebelum


def test_a_role_must_fit_its_scope(client, d):
    client.force_login(d.admin_kota)
    r = _buat(client, d.pd, peran="operator", cakupan=f"pd:{d.pd.pk}")
    assert r.status_code == 400 and "Operator tidak diberikan atas seluruh perangkat daerah" in teks(r)
    r = _buat(client, d.pd, peran="perencana", cakupan=f"pemda:{d.pd.pemda_id}")
    assert r.status_code == 400 and "pilih seluruh perangkat daerah" in teks(r)
    assert not User.objects.filter(username="budi.santoso").exists()


def test_a_pd_administrator_grants_roles_inside_its_pd_only(client, d):
    client.force_login(d.admin_lain)
    # the other PD's unit, the other PD, and the whole pemda are refused (a hand-made form too)
    for cakupan in (f"unit:{d.gedog.pk}", f"pd:{d.pd.pk}", f"pemda:{d.pd.pemda_id}"):
        r = _buat(client, d.lain, peran="admin", cakupan=cakupan)
        assert tolak_indonesia(r), cakupan
    assert not User.objects.filter(username="budi.santoso").exists()
    # its own PD: the scopes offered are its PD and its units, never the pemda
    halaman = teks(client.get(reverse("kelola:pengguna_buat", args=[d.lain.pk])))
    assert f"pd:{d.lain.pk}" in halaman and f"unit:{d.lain_kel.pk}" in halaman
    assert f"pemda:{d.pd.pemda_id}" not in halaman and f"unit:{d.gedog.pk}" not in halaman
    assert _buat(client, d.lain, peran="operator", cakupan=f"unit:{d.lain_kel.pk}").status_code == 302
    budi = User.objects.get(username="budi.santoso")
    # … and may give it a second role in its PD, not one outside
    url = reverse("kelola:peran_tambah", args=[budi.pk])
    assert client.post(url, {"peran": "pimpinan", "cakupan": f"pd:{d.lain.pk}"}).status_code == 302
    assert tolak_indonesia(client.post(url, {"peran": "verifikator", "cakupan": f"pemda:{d.pd.pemda_id}"}))
    assert tolak_indonesia(client.post(url, {"peran": "operator", "cakupan": f"unit:{d.gedog.pk}"}))
    assert set(Peran.objects.filter(pengguna=budi).values_list("jenis", flat=True)) == {
        "operator",
        "pimpinan",
    }


def test_a_pd_administrator_manages_only_users_whose_every_role_is_in_its_pd(client, d):
    client.force_login(d.admin_lain)
    # a user of the sample PD, and one with a role in each PD
    assert tolak_indonesia(
        client.get(reverse("kelola:pengguna", args=[User.objects.get(username="operator-gedog").pk]))
    )
    dua = User.objects.create_user("dua-pd")
    Peran.objects.create(pengguna=dua, jenis="operator", unit=d.lain_kel)
    Peran.objects.create(pengguna=dua, jenis="operator", unit=d.gedog)
    for url in (
        reverse("kelola:pengguna", args=[dua.pk]),
        reverse("kelola:pengguna_status", args=[dua.pk]),
        reverse("kelola:pengguna_tautan", args=[dua.pk]),
    ):
        assert tolak_indonesia(client.post(url, {"aktif": "0", "nama": "X"})), url
    dua.refresh_from_db()
    assert dua.is_active and dua.first_name == ""
    # its own user: managed
    Peran.objects.filter(pengguna=dua, unit=d.gedog).delete()
    assert client.get(reverse("kelola:pengguna", args=[dua.pk])).status_code == 200


def test_nobody_grants_or_manages_superuser_or_scopeless_roles_in_the_app(client, d):
    admin = User.objects.get(username="admin")
    client.force_login(d.admin_kota)
    assert tolak_indonesia(client.get(reverse("kelola:pengguna", args=[admin.pk])))
    assert tolak_indonesia(client.post(reverse("kelola:pengguna_status", args=[admin.pk]), {"aktif": "0"}))
    # a superuser neither: a role over everything is not among the scopes, and not accepted by hand
    client.force_login(admin)
    budi = User.objects.create_user("budi")
    Peran.objects.create(pengguna=budi, jenis="operator", unit=d.gedog)
    r = client.post(reverse("kelola:peran_tambah", args=[budi.pk]), {"peran": "admin", "cakupan": "semua:0"})
    assert r.status_code == 400 and not Peran.objects.filter(pengguna=budi, jenis="admin").exists()
    # a role over everything given outside the app is not taken away here either
    semua = Peran.objects.create(pengguna=budi, jenis="admin")
    with pytest.raises(PermissionDenied):
        akun.cabut_peran(pengguna=admin, peran=semua)
    assert Peran.objects.filter(pk=semua.pk).exists()
    budi.refresh_from_db()
    assert not budi.is_superuser and not budi.is_staff


def test_nobody_changes_their_own_roles_or_status(client, d):
    client.force_login(d.admin_kota)
    me = d.admin_kota
    r = client.post(reverse("kelola:pengguna_status", args=[me.pk]), {"aktif": "0"})
    assert tolak_indonesia(r) and "administrator lain" in teks(r)
    peran = Peran.objects.get(pengguna=me)
    assert tolak_indonesia(client.post(reverse("kelola:peran_cabut", args=[me.pk, peran.pk])))
    me.refresh_from_db()
    assert me.is_active and Peran.objects.filter(pengguna=me).exists()
    # the page shows no such buttons to them
    halaman = teks(client.get(reverse("kelola:pengguna", args=[me.pk])))
    assert reverse("kelola:pengguna_status", args=[me.pk]) not in halaman


# --- deactivation and resets --------------------------------------------------------------------------------


def test_a_deactivated_user_is_logged_out_everywhere_and_kept(client, d):
    from django.test import Client

    op = User.objects.get(username="operator-gedog")
    sesi_op = Client()
    sesi_op.force_login(op)
    assert sesi_op.get(reverse("daftar_pd")).status_code == 200
    client.force_login(d.admin_kota)
    assert client.post(reverse("kelola:pengguna_status", args=[op.pk]), {"aktif": "0"}).status_code == 302
    op.refresh_from_db()
    assert not op.is_active and User.objects.filter(pk=op.pk).exists()
    r = sesi_op.get(reverse("daftar_pd"))
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
    from django.contrib.sessions.models import Session

    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(op.pk)]
    c = CatatanAudit.objects.get(aksi="pengguna.hak", objek_id=str(op.pk))
    assert c.pengguna == d.admin_kota and c.perubahan == {"is_active": [True, False]}
    # reactivated
    client.post(reverse("kelola:pengguna_status", args=[op.pk]), {"aktif": "1"})
    op.refresh_from_db()
    assert op.is_active


def test_a_reset_kills_the_old_password_and_gives_a_new_link(client, d):
    op = User.objects.get(username="operator-gedog")
    client.force_login(d.admin_kota)
    r = client.post(reverse("kelola:pengguna_tautan", args=[op.pk]), follow=True)
    token = _tautan(teks(r))
    op.refresh_from_db()
    assert not op.check_password("isi-realisasi-2022")
    assert Undangan.objects.get(pengguna=op).jenis == "atur_ulang"
    assert CatatanAudit.objects.filter(
        aksi="sandi.atur_ulang", objek_id=str(op.pk), pengguna=d.admin_kota
    ).exists()
    # a second reset replaces the first link
    client.post(reverse("kelola:pengguna_tautan", args=[op.pk]))
    with pytest.raises(akun.TautanDitolak, match="diganti"):
        akun.periksa_tautan(token)


def test_name_and_email_are_changed_and_refused_values_kept(client, d):
    op = User.objects.get(username="operator-gedog")
    client.force_login(d.admin_kota)
    url = reverse("kelola:pengguna", args=[op.pk])
    r = client.post(url, {"nama": "Siti Operator", "email": "salah@"})
    assert r.status_code == 400 and 'value="Siti Operator"' in teks(r)
    assert client.post(url, {"nama": "Siti Operator", "email": "siti@contoh.go.id"}).status_code == 302
    op.refresh_from_db()
    assert (op.first_name, op.email) == ("Siti Operator", "siti@contoh.go.id")
    c = CatatanAudit.objects.get(aksi="pengguna.ubah", objek_id=str(op.pk))
    assert c.perubahan["email"] == ["(disembunyikan)", "(disembunyikan)"] and c.pengguna == d.admin_kota


def test_a_role_is_removed_and_the_user_stays_with_its_administrators(client, d):
    client.force_login(d.admin_lain)
    op = User.objects.create_user("op-ujung")
    p = Peran.objects.create(pengguna=op, jenis="operator", unit=d.lain_kel)
    assert client.post(reverse("kelola:peran_cabut", args=[op.pk, p.pk])).status_code == 302
    assert not Peran.objects.filter(pengguna=op).exists()
    c = CatatanAudit.objects.get(aksi="peran.cabut", perubahan__pengguna__0="op-ujung")
    assert c.pengguna == d.admin_lain
    # without a role it is still this PD administrator's to manage (and no other PD's)
    assert client.get(reverse("kelola:pengguna", args=[op.pk])).status_code == 200
    assert not akun.boleh_kelola_pengguna(pengguna=User.objects.get(username="perencana"), target=op)


# --- lists and who may do what -------------------------------------------------------------------------------


def test_the_pd_list_shows_its_users_with_roles_and_state(client, d):
    client.force_login(d.admin_kota)
    _buat(client, d.pd, peran="operator", cakupan=f"unit:{d.gedog.pk}")
    isi = teks(client.get(reverse("kelola:pengguna_pd", args=[d.pd.pk])))
    assert "budi.santoso" in isi and "menunggu kata sandi" in isi
    assert "Operator atas Kelurahan Gedog" in isi and "akun demonstrasi" in isi
    assert "admin-uji" not in isi  # another PD's administrator
    assert "budi@contoh.go.id" in isi  # administrators see the e-mail address


def test_the_pemda_list_finds_users_of_every_pd(client, d):
    client.force_login(d.admin_kota)
    isi = teks(client.get(reverse("kelola:pengguna_pemda", args=[d.pd.pemda.slug])))
    assert "verifikator" in isi and "admin-kota" in isi and "operator-gedog" not in isi
    isi = teks(client.get(reverse("kelola:pengguna_pemda", args=[d.pd.pemda.slug]) + "?cari=gedog"))
    assert "operator-gedog" in isi and "lurah-gedog" in isi and "operator-klampok" not in isi


def _baris(baris, username):
    return next(b for b in baris if b.user.username == username)


def test_who_may_do_what_follows_each_users_roles(d):
    baris = akun.wewenang_pd(pengguna=d.admin_kota, pd=d.pd)
    nama = {b.user.username for b in baris}
    # everyone holding a role that reaches the PD, the pemda's too; not another PD's administrator
    assert {"camat", "perencana", "verifikator", "admin-kota", "operator-gedog", "lurah-gedog"} <= nama
    assert "admin-uji" not in nama and "admin" not in nama
    op = _baris(baris, "operator-gedog").bisa
    assert op["isi"] == ["Gedog"] and op["pengaduan"] == ["Gedog"] and op["baca"] == ["Gedog"]
    assert not op["rencana"] and not op["verifikasi"] and not op["pk"] and not op["kelola"]
    lurah = _baris(baris, "lurah-gedog").bisa
    assert lurah["baca"] == ["Gedog"] and lurah["isi"] is False
    camat = _baris(baris, "camat").bisa
    assert camat["baca"] is True and camat["pk"] is True and not camat["rencana"]
    perencana = _baris(baris, "perencana").bisa
    assert perencana["rencana"] and perencana["verifikasi"] and not perencana["buka"] and not perencana["pk"]
    bappeda = _baris(baris, "verifikator").bisa
    assert bappeda["verifikasi"] and bappeda["buka"] and bappeda["setujui"] and not bappeda["kelola"]
    kota = _baris(baris, "admin-kota")
    assert kota.bisa["kelola"] and kota.bisa["setujui"] and kota.peran == ["Administrator · seluruh pemda"]
    # the PD administrator of another PD does not see this PD's table
    with pytest.raises(PermissionDenied):
        akun.wewenang_pd(pengguna=d.admin_lain, pd=d.pd)


def test_the_table_answers_as_the_scope_rules_do(d):
    """Each cell is what ``izin.Cakupan`` answers for the user, not a second copy of the rules."""
    for b in akun.wewenang_pd(pengguna=d.admin_kota, pd=d.pd):
        c = hitung_cakupan(b.user)
        assert (b.bisa["rencana"], b.bisa["kelola"], b.bisa["pk"]) == (
            c.ubah_rencana(d.pd.pk),
            c.kelola_pd(d.pd.pk),
            c.tandatangan_pk(d.pd.pk),
        )


def test_a_user_created_in_one_pd_for_no_role_is_refused(d):
    with pytest.raises(ValidationError):
        akun.buat_pengguna(
            pengguna=d.admin_lain,
            isian={"username": "x.y", "nama": "X"},
            jenis="operator",
            lingkup=None,
            asal=d.lain,
        )
    assert not User.objects.filter(username="x.y").exists()
