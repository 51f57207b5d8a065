"""Each demo persona lands on its own work after logging in, and the deciding function per role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kinerja.beranda.tujuan import (
    ADMIN,
    DAFTAR_PD,
    INSPEKTORAT,
    KOTA,
    OPERATOR,
    PIMPINAN_PD,
    PIMPINAN_UNIT,
    VERIFIKASI,
    tujuan_beranda,
)
from kinerja.core.akun import AKUN_DEMO, KELURAHAN_SAMPEL
from kinerja.core.models import Peran
from kinerja.monev.models import Laporan
from kinerja.monev.tugas import triwulan_kerja
from kinerja.wilayah.izin import hitung_cakupan
from kinerja.wilayah.models import Unit

pytestmark = pytest.mark.django_db
SANDI = {a.username: a.password for a in AKUN_DEMO}


def _mendarat(client, username: str) -> str:
    """Log in through the login form and follow every redirect: the path (and query) landed on."""
    r = client.post(reverse("login"), {"username": username, "password": SANDI[username]}, follow=True)
    assert r.status_code == 200, (username, r.status_code)
    return r.request["PATH_INFO"] + (f"?{r.request['QUERY_STRING']}" if r.request.get("QUERY_STRING") else "")


@pytest.fixture
def unit(versi_sampel):
    return {u.nama_pendek: u for u in Unit.objects.filter(pd=versi_sampel.pd)}


def _isian(versi, unit, tw):
    return reverse("monev:isian", args=[versi.pk, 2022, tw, unit.pk])


def test_the_operator_of_gedog_lands_on_its_reopened_fourth_quarter(client, versi_sampel, unit):
    # The sample reopens Gedog's 2022 Q4 for practice: it is the quarter to fill now.
    assert _mendarat(client, "operator-gedog") == _isian(versi_sampel, unit["Gedog"], 4)


def test_the_operator_of_rembang_lands_on_the_quarter_returned_with_a_note(client, versi_sampel, unit):
    r = client.post(
        reverse("login"), {"username": "operator-rembang", "password": SANDI["operator-rembang"]}, follow=True
    )
    assert r.request["PATH_INFO"] == _isian(versi_sampel, unit["Rembang"], 4)
    teks = r.content.decode()
    # The note and the count of rows come before the first entry row.
    catatan = Laporan.objects.get(unit=unit["Rembang"], tahun=2022, triwulan=4).catatan
    assert catatan and teks.index(catatan) < teks.index("masih kosong") < teks.index('class="isian-daftar"')


@pytest.mark.parametrize("kelurahan", [k for k in KELURAHAN_SAMPEL if k not in ("Gedog", "Rembang")])
def test_operators_of_other_kelurahan_land_on_their_latest_quarter(client, versi_sampel, unit, kelurahan):
    # Nothing is open for them (Q1–Q3 verified, Q4 verified or awaiting verification): the latest quarter.
    assert _mendarat(client, f"operator-{kelurahan.lower()}") == _isian(versi_sampel, unit[kelurahan], 4)


def test_the_operator_of_the_office_lands_on_the_office_entry_page(client, versi_sampel, unit):
    assert _mendarat(client, "operator-kecamatan") == _isian(versi_sampel, unit["Kecamatan"], 4)


@pytest.mark.parametrize("kelurahan", KELURAHAN_SAMPEL)
def test_a_lurah_lands_on_his_kelurahans_capaian(client, versi_sampel, unit, kelurahan):
    alamat = reverse("monev:capaian", args=[versi_sampel.pk, 2022]) + f"?unit={unit[kelurahan].pk}"
    assert _mendarat(client, f"lurah-{kelurahan.lower()}") == alamat


def test_the_camat_lands_on_the_pds_capaian_with_the_unsigned_pk(client, versi_sampel):
    r = client.post(reverse("login"), {"username": "camat", "password": SANDI["camat"]}, follow=True)
    assert r.request["PATH_INFO"] == reverse("monev:capaian", args=[versi_sampel.pk, 2022])
    assert not r.request.get("QUERY_STRING")
    teks = r.content.decode()
    assert "Perjanjian Kinerja 2022 belum ditandatangani" in teks
    assert reverse("monev:pk", args=[versi_sampel.pk, 2022]) in teks


def test_the_pds_verifier_lands_on_what_awaits_verification(client):
    assert _mendarat(client, "perencana") == reverse("monev:antrean")


def test_bappeda_lands_on_the_page_of_every_pd_of_its_pemda(client, versi_sampel):
    # The verifikator of the whole pemda (Bappeda) compares PDs; its queue stays in the inbox.
    # /kota/ sends it on to its pemda's latest year with reports (the sample's 2022).
    assert _mendarat(client, "verifikator") == reverse(
        "kota:ringkasan", args=[versi_sampel.pd.pemda.slug, 2022]
    )


def test_the_administrator_lands_on_administration(client):
    r = client.post(reverse("login"), {"username": "admin", "password": SANDI["admin"]}, follow=True)
    assert r.request["PATH_INFO"] == reverse("beranda_admin")
    assert reverse("admin:index") in r.content.decode()


def test_the_inspektorat_lands_on_the_sakip_evaluations(client):
    r = client.post(
        reverse("login"), {"username": "inspektorat", "password": SANDI["inspektorat"]}, follow=True
    )
    assert r.request["PATH_INFO"] == reverse("evaluasi:daftar")
    assert "Evaluasi SAKIP perangkat daerah" in r.content.decode()


def test_the_pemda_administrator_lands_on_administration_without_djangos_admin(client):
    r = client.post(
        reverse("login"), {"username": "admin-kota", "password": SANDI["admin-kota"]}, follow=True
    )
    assert r.request["PATH_INFO"] == reverse("beranda_admin")
    teks = r.content.decode()
    assert reverse("kelola:pemda", args=["kota-blitar"]) in teks and reverse("admin:index") not in teks


def test_every_demo_persona_has_a_landing_test():
    # The tests above cover these accounts; a new demo account needs its own landing.
    diuji = (
        {f"operator-{k.lower()}" for k in KELURAHAN_SAMPEL}
        | {f"lurah-{k.lower()}" for k in KELURAHAN_SAMPEL}
        | {"operator-kecamatan", "camat", "perencana", "verifikator", "inspektorat", "admin", "admin-kota"}
    )
    assert {a.username for a in AKUN_DEMO} == diuji


def test_a_user_without_a_role_lands_on_an_explanation(client):
    client.force_login(get_user_model().objects.create_user("tamu"))
    r = client.get(reverse("beranda"), follow=True)
    assert r.request["PATH_INFO"] == reverse("daftar_pd")
    assert "belum mempunyai peran" in r.content.decode()


def test_the_landing_needs_a_login(client):
    r = client.get(reverse("beranda"))
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


def test_the_site_root_is_the_citizens_portal_and_a_signed_in_user_goes_to_work(client):
    """``/`` is the citizens' portal; a signed-in user is taken to their own work (``/mulai/``)
    and finds the portal at ``/publik/`` (linked in every page's footer)."""
    anonim = client.get("/")
    assert anonim.status_code == 200 and b"Masuk petugas" in anonim.content
    client.force_login(get_user_model().objects.create_user("tamu2"))
    r = client.get("/")
    assert r.status_code == 302 and r["Location"] == reverse("beranda")
    portal = client.get(reverse("publik:semua"))
    assert portal.status_code == 200 and b"Masuk petugas" not in portal.content


# --- the deciding function, role by role ------------------------------------------------------


def _tujuan(username):
    return tujuan_beranda(hitung_cakupan(get_user_model().objects.get(username=username)))


def test_the_decision_per_role(versi_sampel, unit):
    pd = versi_sampel.pd.pk
    assert _tujuan("admin").jenis == ADMIN
    assert _tujuan("perencana").jenis == VERIFIKASI
    assert _tujuan("verifikator").jenis == KOTA
    assert _tujuan("inspektorat").jenis == INSPEKTORAT
    assert (_tujuan("camat").jenis, _tujuan("camat").pd_id) == (PIMPINAN_PD, pd)
    t = _tujuan("lurah-klampok")
    assert (t.jenis, t.pd_id, t.unit_id) == (PIMPINAN_UNIT, pd, unit["Klampok"].pk)
    t = _tujuan("operator-plosokerep")
    assert (t.jenis, t.unit_id) == (OPERATOR, unit["Plosokerep"].pk)


def test_a_scoped_admin_role_and_the_pimpinan_of_the_office_and_a_second_role(versi_sampel, unit):
    User = get_user_model()
    pd = versi_sampel.pd
    kepala = User.objects.create_user("kepala-kantor")
    Peran.objects.create(pengguna=kepala, jenis=Peran.Jenis.PIMPINAN, unit=unit["Kecamatan"])
    # The pimpinan of the PD's own office reads the whole PD: it lands like the Camat.
    assert tujuan_beranda(hitung_cakupan(kepala)).jenis == PIMPINAN_PD
    admin_pd = User.objects.create_user("admin-pd")
    Peran.objects.create(pengguna=admin_pd, jenis=Peran.Jenis.ADMIN, pd=pd)
    assert tujuan_beranda(hitung_cakupan(admin_pd)).jenis == ADMIN
    # An operator who also verifies (a second role) lands on the verification queue first.
    op = User.objects.get(username="operator-gedog")
    Peran.objects.create(pengguna=op, jenis=Peran.Jenis.PERENCANA, pd=pd)
    assert tujuan_beranda(hitung_cakupan(op)).jenis == VERIFIKASI
    assert tujuan_beranda(hitung_cakupan(User.objects.create_user("tamu"))).jenis == DAFTAR_PD


def test_a_scoped_admin_gets_the_apps_administration_and_no_link_to_the_admin_site(client, versi_sampel):
    admin_pd = get_user_model().objects.create_user("admin-pd", is_staff=True)
    Peran.objects.create(pengguna=admin_pd, jenis=Peran.Jenis.ADMIN, pd=versi_sampel.pd)
    client.force_login(admin_pd)
    teks = client.get(reverse("beranda_admin")).content.decode()
    assert reverse("admin:index") not in teks and reverse("kelola:pd", args=[versi_sampel.pd_id]) in teks
    client.force_login(get_user_model().objects.get(username="camat"))
    assert client.get(reverse("beranda_admin")).status_code == 403


# --- which quarter an operator opens --------------------------------------------------------------


def test_a_returned_quarter_comes_before_the_latest_open_one(unit):
    u = unit["Bendogerit"]
    pada = dt.date(2022, 11, 20)  # Q4 has begun; Q3's deadline (15 October) has passed
    # Every 2022 report of Bendogerit is verified in the sample: nothing open, the latest quarter.
    assert triwulan_kerja(unit=u, tahun=2022, pada=pada) == 4
    Laporan.objects.filter(unit=u, tahun=2022, triwulan=4).delete()
    # Q4 has no report yet and its deadline (15 January 2023) is ahead: it is open.
    assert triwulan_kerja(unit=u, tahun=2022, pada=pada) == 4
    # Q4 has not begun on 20 September: the open quarter is then Q3 (deadline 15 October), once unlocked.
    Laporan.objects.filter(unit=u, tahun=2022, triwulan=3).update(status=Laporan.Status.DRAFT)
    assert triwulan_kerja(unit=u, tahun=2022, pada=dt.date(2022, 9, 20)) == 3
    # A quarter returned with a note is opened first, whatever is open after it.
    Laporan.objects.filter(unit=u, tahun=2022, triwulan=2).update(status=Laporan.Status.DIKEMBALIKAN)
    assert triwulan_kerja(unit=u, tahun=2022, pada=pada) == 2


def test_a_year_without_reports_opens_its_latest_quarter_begun(unit):
    # 2024 is over and every deadline passed: its last quarter; 2027 has not begun: its first.
    assert triwulan_kerja(unit=unit["Gedog"], tahun=2024, pada=dt.date(2026, 12, 1)) == 4
    assert triwulan_kerja(unit=unit["Gedog"], tahun=2027, pada=dt.date(2026, 12, 1)) == 1
    # On 10 May 2025 the second quarter has begun and is open (deadline 15 July).
    assert triwulan_kerja(unit=unit["Gedog"], tahun=2025, pada=dt.date(2025, 5, 10)) == 2
