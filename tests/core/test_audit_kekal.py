"""The audit trail cannot be stripped: audited users and PDs stay, the table refuses UPDATE and
DELETE below the ORM, and role and privilege grants are written to it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from kinerja.core.audit import catat
from kinerja.core.models import CatatanAudit, Peran

pytestmark = pytest.mark.django_db


@pytest.fixture
def tercatat():
    """A user with one audit entry of their own."""
    user = get_user_model().objects.create_user("petugas-uji", password="sandi-panjang-uji-1")
    catat(aksi="rencana.ubah", objek=user, pengguna=user, alasan="uji")
    return user


def test_deleting_a_user_with_audit_entries_fails_and_changes_nothing(tercatat):
    sebelum = CatatanAudit.objects.count()
    with pytest.raises(ProtectedError), transaction.atomic():
        tercatat.delete()
    assert get_user_model().objects.filter(pk=tercatat.pk).exists()
    assert CatatanAudit.objects.count() == sebelum
    assert CatatanAudit.objects.filter(pengguna=tercatat).count() == 1


def test_deleting_a_pd_with_audit_entries_fails(versi_sampel):
    pd = versi_sampel.pd
    assert CatatanAudit.objects.filter(pd=pd).exists()  # the sample load is itself audited
    with pytest.raises(ProtectedError), transaction.atomic():
        pd.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        pd.pemda.delete()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_catatanaudit SET alasan = 'diubah'",
        "UPDATE core_catatanaudit SET pengguna_id = NULL",
        "DELETE FROM core_catatanaudit",
    ],
)
def test_the_database_refuses_to_change_or_delete_audit_rows(tercatat, sql):
    sebelum = list(CatatanAudit.objects.values_list("id", "alasan", "pengguna_id"))
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
        c.execute(sql)
    assert list(CatatanAudit.objects.values_list("id", "alasan", "pengguna_id")) == sebelum


def test_granting_and_revoking_a_role_is_audited(versi_sampel):
    user = get_user_model().objects.create_user("calon-verifikator")
    peran = Peran.objects.create(pengguna=user, jenis=Peran.Jenis.VERIFIKATOR, pemda=versi_sampel.pd.pemda)
    c = CatatanAudit.objects.get(aksi="peran.beri", objek_id=str(peran.pk))
    assert c.perubahan["pengguna"] == [None, "calon-verifikator"] and c.perubahan["jenis"] == [
        None,
        "verifikator",
    ]
    pk = peran.pk
    peran.delete()
    c = CatatanAudit.objects.get(aksi="peran.cabut", objek_id=str(pk))
    assert c.perubahan["jenis"] == ["verifikator", None]


def test_making_a_user_superuser_or_staff_is_audited():
    user = get_user_model().objects.create_user("calon-admin")
    assert not CatatanAudit.objects.filter(aksi="pengguna.hak", objek_id=str(user.pk)).exists()
    user.is_superuser = user.is_staff = True
    user.save()
    c = CatatanAudit.objects.get(aksi="pengguna.hak", objek_id=str(user.pk))
    assert c.perubahan == {"is_superuser": [False, True], "is_staff": [False, True]}


def test_the_pengguna_command_audits_an_administrator_grant(monkeypatch):
    from django.core.management import call_command

    monkeypatch.setenv("KINERJA_SANDI", "kunci-pintu-kantor-77")
    call_command("pengguna", "kepala-tu", "--admin")
    user = get_user_model().objects.get(username="kepala-tu")
    assert user.is_superuser and user.check_password("kunci-pintu-kantor-77")
    c = CatatanAudit.objects.get(aksi="pengguna.hak", objek_id=str(user.pk))
    assert c.perubahan["is_superuser"] == [False, True]


def test_the_admin_refuses_to_delete_an_audited_user_and_says_why(client, tercatat):
    client.force_login(get_user_model().objects.get(username="admin"))
    url = reverse("admin:auth_user_delete", args=[tercatat.pk])
    r = client.post(url, {"post": "yes"}, follow=True)
    assert "tidak dapat dihapus" in r.content.decode() and "Nonaktifkan" in r.content.decode()
    assert get_user_model().objects.filter(pk=tercatat.pk).exists()
    halaman = client.get(reverse("admin:auth_user_change", args=[tercatat.pk])).content.decode()
    assert reverse("admin:auth_user_delete", args=[tercatat.pk]) not in halaman


def test_the_admin_refuses_to_delete_an_audited_pd(client, versi_sampel):
    client.force_login(get_user_model().objects.get(username="admin"))
    pd = versi_sampel.pd
    r = client.post(
        reverse("admin:wilayah_perangkatdaerah_delete", args=[pd.pk]), {"post": "yes"}, follow=True
    )
    assert "tidak dapat dihapus" in r.content.decode()
    assert type(pd).objects.filter(pk=pd.pk).exists()


def test_a_superuser_grant_through_the_admin_names_who_granted_it(client):
    admin = get_user_model().objects.get(username="admin")
    user = get_user_model().objects.create_user("staf-baru")
    client.force_login(admin)
    url = reverse("admin:auth_user_change", args=[user.pk])
    data = {
        "username": "staf-baru",
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "00:00:00",
    }
    r = client.post(url, data)
    assert r.status_code == 302, r.content.decode()[:3000]
    c = CatatanAudit.objects.get(aksi="pengguna.hak", objek_id=str(user.pk))
    assert c.pengguna == admin and c.perubahan["is_superuser"] == [False, True]


def test_deleting_a_user_without_audit_entries_still_works():
    user = get_user_model().objects.create_user("salah-ketik")
    user.delete()
    assert not get_user_model().objects.filter(username="salah-ketik").exists()
