"""Error pages: Indonesian, in the site layout, with the reason and a way back; 500 without a database."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import path, reverse

from kinerja import urls as urls_proyek

pytestmark = pytest.mark.django_db


def meledak(request):
    raise OperationalError("basis data mati")


# This module doubles as a URL configuration: the project's, plus a page that fails.
urlpatterns = [path("uji/meledak/", meledak), *urls_proyek.urlpatterns]
handler400 = urls_proyek.handler400
handler403 = urls_proyek.handler403
handler404 = urls_proyek.handler404
handler500 = urls_proyek.handler500


def _masuk(client, nama):
    client.force_login(get_user_model().objects.get(username=nama))
    return client


def test_a_year_outside_the_plan_is_a_404_that_says_why_and_leads_back(client, versi_sampel):
    _masuk(client, "perencana")
    asal = "http://testserver" + reverse("monev:beranda", args=[versi_sampel.pk])
    r = client.get(reverse("monev:matriks", args=[versi_sampel.pk, 2030]), HTTP_REFERER=asal)
    teks = r.content.decode()
    assert r.status_code == 404
    assert '<html lang="id">' in teks and "Halaman tidak ditemukan" in teks
    assert "Tahun 2030 di luar tahun rencana 2022–2026." in teks  # the reason the page raised
    assert f'href="{asal}"' in teks and 'href="/"' in teks  # back, and home
    assert (
        'class="merek"' in teks and "Perencana Subbag Program" in teks and "Keluar" in teks
    )  # site header, user
    # 2021 is the Renstra's baseline year (kondisi awal), not a plan year: no report, no PK for it.
    for url in (
        reverse("monev:matriks", args=[versi_sampel.pk, 2021]),
        reverse("monev:pk", args=[versi_sampel.pk, 2021]),
    ):
        assert client.get(url).status_code == 404


def test_a_refusal_is_an_indonesian_403_with_the_apps_reason(client, versi_sampel):
    _masuk(client, "operator-gedog")
    rembang = versi_sampel.pd.unit_set.get(nama_pendek="Rembang")
    r = client.get(reverse("layanan:loket", args=[versi_sampel.pd_id, rembang.pk]))
    teks = r.content.decode()
    assert r.status_code == 403
    assert '<html lang="id">' in teks and "Forbidden" not in teks
    assert "Anda tidak berwenang membuka loket unit ini." in teks
    assert "Anda tidak berwenang membuka halaman ini" in teks and 'href="/"' in teks


def test_djangos_own_english_message_is_not_shown(client):
    _masuk(client, "perencana")
    r = client.get(reverse("renstra:dasbor", args=[99999999]))
    teks = r.content.decode()
    assert r.status_code == 404 and "matches the given query" not in teks and "Not Found" not in teks
    assert "Alamat ini tidak menunjuk ke data yang ada" in teks


def test_the_way_back_never_leads_to_another_site(client, versi_sampel):
    r = client.get("/tidak-ada/", HTTP_REFERER="https://evil.example/tiruan")
    teks = r.content.decode()
    assert r.status_code == 404 and "evil.example" not in teks
    assert 'href="/masuk/?next=/tidak-ada/"' in teks  # an anonymous visitor may sign in


def test_a_forged_host_gets_an_indonesian_400(client):
    r = client.get("/", HTTP_HOST="evil.example")
    teks = r.content.decode()
    assert r.status_code == 400 and '<html lang="id">' in teks
    assert "Permintaan tidak dapat diproses" in teks and "evil.example" not in teks


def test_a_refused_form_explains_that_nothing_was_saved(versi_sampel):
    klien = Client(enforce_csrf_checks=True)
    _masuk(klien, "operator-gedog")
    gedog = versi_sampel.pd.unit_set.get(nama_pendek="Gedog")
    r = klien.post(reverse("layanan:loket", args=[versi_sampel.pd_id, gedog.pk]), {"jenis": "1"})
    teks = r.content.decode()
    assert r.status_code == 403 and '<html lang="id">' in teks
    assert "Formulir tidak dapat diterima" in teks and "Tidak ada yang tersimpan" in teks
    assert "CSRF verification failed" not in teks


@pytest.mark.urls("tests.core.test_galat")
def test_the_500_page_renders_while_the_database_is_down(client, monkeypatch, django_assert_num_queries):
    def mati(self, *a, **k):
        raise OperationalError("basis data mati")

    client.raise_request_exception = False
    with django_assert_num_queries(0):
        monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", mati)
        monkeypatch.setattr(BaseDatabaseWrapper, "cursor", mati)
        r = client.get("/uji/meledak/", HTTP_REFERER="http://testserver/layanan/1/rekap/")
        monkeypatch.undo()
    teks = r.content.decode()
    assert r.status_code == 500 and '<html lang="id">' in teks
    assert "Terjadi gangguan pada server" in teks
    assert 'href="http://testserver/layanan/1/rekap/"' in teks and 'href="/"' in teks
    assert "Server Error" not in teks


@pytest.mark.parametrize("alamat", ["/keluar/", "/renstra/{v}/impor/", "/renstra/{v}/pemeriksaan/tandai/"])
def test_opening_a_form_only_address_is_an_indonesian_page_not_a_blank_405(client, versi_sampel, alamat):
    client.force_login(get_user_model().objects.get(username="perencana"))
    r = client.get(alamat.format(v=versi_sampel.pk))
    teks = r.content.decode()
    assert r.status_code == 405 and r["Allow"].startswith("POST")
    assert '<html lang="id"' in teks and "hanya untuk mengirim formulir" in teks and 'href="/"' in teks
