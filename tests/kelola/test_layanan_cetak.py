"""The kiosk's QR poster, printed by a real Chromium: one sheet of the chosen size, portrait, with
neither the app's header nor its print footer; the phone address still opens the survey."""

from __future__ import annotations

import os
import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
# PDF points (1/72 inch) of a portrait sheet: A5 148 × 210 mm, A4 210 × 297 mm.
UKURAN = {"a5": (148 / 25.4 * 72, 210 / 25.4 * 72), "a4": (210 / 25.4 * 72, 297 / 25.4 * 72)}


def _lembar(pdf: bytes) -> list[tuple[float, float]]:
    return [
        (float(m.group(1)), float(m.group(2)))
        for m in re.finditer(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    ]


def test_the_qr_poster_prints_on_one_portrait_sheet_of_the_chosen_size(live_server):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium tidak ditemukan di {CHROMIUM}: pasang paket Debian 'chromium'.")
    from playwright.sync_api import sync_playwright

    from kinerja.demo.sampel import muat_sampel
    from kinerja.skm.models import Kios

    if not Kios.objects.exists():
        muat_sampel()
    kios = Kios.objects.select_related("unit").filter(unit__nama_pendek="Gedog").first()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for ukuran, (lebar, tinggi) in UKURAN.items():
            halaman = b.new_page()  # a fresh page each time: the print media is not left emulated
            halaman.goto(f"{live_server.url}/masuk/")
            halaman.fill("#id_username", "admin-kota")
            halaman.fill("#id_password", "kelola-pemda-blitar")
            halaman.click("main button[type=submit]")
            halaman.wait_for_url(lambda u: "/masuk/" not in u)
            halaman.goto(f"{live_server.url}/kelola/kios/{kios.unit.pd_id}/{kios.pk}/cetak/?ukuran={ukuran}")
            pdf = halaman.pdf(prefer_css_page_size=True, print_background=True)
            lembar = _lembar(pdf)
            assert len(lembar) == 1, (ukuran, lembar)
            assert abs(lembar[0][0] - lebar) < 2 and abs(lembar[0][1] - tinggi) < 2, (ukuran, lembar)
            halaman.emulate_media(media="print")
            terlihat = halaman.evaluate(
                "[...document.querySelectorAll('.atas, .menu, .jangan-cetak, .kaki-cetak, .poster-qr svg')]"
                ".map(e => [e.className.baseVal ?? e.className, getComputedStyle(e).display !== 'none'])"
            )
            assert [t for t in terlihat if t[1]] == [["segno", True]], terlihat
            alamat = halaman.inner_text(".poster-alamat .putus")
            assert alamat == f"{live_server.url}/skm/isi/{kios.token_ponsel}/"
            halaman.close()
        survei = b.new_page()
        survei.goto(alamat)
        assert "Survei Kepuasan Masyarakat" in survei.inner_text("h1")
        b.close()
