"""A citizen on a phone, in a real browser: from the home page to a service's standard, the survey,
a complaint and its tracking — without logging in, and no page wider than the screen."""

from __future__ import annotations

import re

import pytest

from tests.test_browser import peramban  # noqa: F401  (the watched browser fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PONSEL = {"width": 360, "height": 780}


def _lebar_pas(halaman, dilihat: list[str]) -> None:
    halaman.wait_for_load_state("load")
    dokumen, layar = halaman.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    dilihat.append(halaman.url)
    assert dokumen <= layar, f"{halaman.url}: {dokumen} px dalam layar {layar} px"


def test_a_citizen_finds_a_service_answers_the_survey_and_tracks_a_complaint(live_server, peramban):  # noqa: F811
    from kinerja.demo.sampel import muat_sampel
    from kinerja.pengaduan.models import Pengaduan
    from kinerja.renstra.models import RenstraVersi
    from kinerja.skm.models import Respons

    if not RenstraVersi.objects.exists():
        muat_sampel()
    respons_awal = Respons.objects.count()
    halaman = peramban.new_page(viewport=PONSEL, is_mobile=True, has_touch=True)
    dilihat: list[str] = []

    halaman.goto(live_server.url + "/")
    _lebar_pas(halaman, dilihat)
    assert halaman.locator("h1").inner_text() == "Kecamatan Sananwetan"

    # what a service needs and costs
    halaman.get_by_role("link", name=re.compile("Layanan dan persyaratannya")).click()
    _lebar_pas(halaman, dilihat)
    halaman.locator("main a[href*='/layanan/']").filter(has_text=re.compile(r"\w")).nth(1).click()
    _lebar_pas(halaman, dilihat)
    teks = halaman.locator("main").inner_text()
    assert "Persyaratan" in teks and "Biaya" in teks

    # the survey, from the home page
    halaman.goto(live_server.url + "/")
    halaman.get_by_role("link", name=re.compile("Isi survei kepuasan")).click()
    _lebar_pas(halaman, dilihat)
    halaman.locator("main a[href*='/skm/isi/']").first.click()
    _lebar_pas(halaman, dilihat)
    for fieldset in halaman.locator("fieldset.unsur").all():
        fieldset.locator("input[type=radio][value='4']").check()
    halaman.get_by_role("button", name="Kirim jawaban").click()
    _lebar_pas(halaman, dilihat)
    assert "Terima kasih" in halaman.locator("h1").inner_text()
    assert Respons.objects.count() == respons_awal + 1
    # not a dead end: the thank-you page leads back to the portal
    halaman.locator("main a[href='/'], main a[href*='/publik/']").first.click()
    _lebar_pas(halaman, dilihat)

    # a complaint, then its tracking by code
    halaman.goto(live_server.url + "/")
    halaman.get_by_role("link", name=re.compile("Sampaikan pengaduan")).click()
    _lebar_pas(halaman, dilihat)
    halaman.select_option("#isian-unit", index=1)
    halaman.select_option("#isian-kategori", index=1)
    halaman.fill("#isian-judul", "Lampu jalan RT 02 padam")
    halaman.fill("#isian-isi", "Sudah tiga malam lampu jalan di depan balai RW padam.")
    halaman.locator("main button[type=submit]").click()
    _lebar_pas(halaman, dilihat)
    adu = Pengaduan.objects.get(judul="Lampu jalan RT 02 padam")
    assert adu.kode_tampil in halaman.locator("main").inner_text()
    halaman.goto(live_server.url + "/")
    halaman.get_by_role("link", name=re.compile("Lacak pengaduan")).click()
    _lebar_pas(halaman, dilihat)
    halaman.fill("input[name=kode]", adu.kode_tampil.lower().replace("-", " "))
    halaman.get_by_role("button", name="Lihat").click()
    _lebar_pas(halaman, dilihat)
    assert adu.kode_tampil in halaman.locator("main h2").first.inner_text()
    assert len(dilihat) >= 10
