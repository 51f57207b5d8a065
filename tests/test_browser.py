"""A real browser: open the explorer, filter by a kelurahan, download the 6.2 workbook."""

import io

import openpyxl
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def peramban():
    import os

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium tidak ditemukan di {CHROMIUM}: pasang paket Debian 'chromium'.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


def test_a_planner_explores_by_kelurahan_and_downloads_tabel_6_2(live_server, peramban):
    from kinerja.renstra.models import RenstraVersi
    from kinerja.renstra.sampel import muat_sampel

    if not RenstraVersi.objects.exists():
        muat_sampel()
    halaman = peramban.new_page(accept_downloads=True)
    halaman.goto(f"{live_server.url}/masuk/")
    halaman.fill("#id_username", "perencana")
    halaman.fill("#id_password", "sananwetan-perencana")
    halaman.click("button[type=submit]")
    halaman.wait_for_url("**/renstra/**")
    assert "Visi dan misi Kota Blitar" in halaman.content()

    halaman.click("text=Kaskade")
    halaman.wait_for_selector("#total-kaskade")
    semua = halaman.inner_text("#total-kaskade")
    halaman.select_option("#pilih-lokasi", label="Kelurahan Gedog")  # htmx swaps the tree
    halaman.wait_for_selector("caption:has-text('Lokasi: Kelurahan Gedog')")
    gedog = halaman.inner_text("#total-kaskade")
    assert gedog != semua and "lokasi=" in halaman.url
    assert "1.203.370" in halaman.inner_text("#pohon")

    halaman.click("text=Tabel Renstra")
    halaman.click("text=Tabel 6.2")
    with halaman.expect_download() as unduh:
        halaman.click("a.tombol:has-text('XLSX')")
    berkas = unduh.value
    assert berkas.suggested_filename == "Tabel-6.2-kecamatan-sananwetan.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(open(berkas.path(), "rb").read()))
    ws = wb.active
    assert ws.title == "Tabel 6.2" and ws.max_row > 200
