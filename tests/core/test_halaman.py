"""What every page carries: the icon, and a footer and page numbers when printed."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_favicon_is_served_at_the_root_path_browsers_ask_for(client):
    r = client.get("/favicon.ico")
    assert r.status_code == 200 and r["Content-Type"] == "image/x-icon"
    isi = r.content
    # ICONDIR: reserved 0, type 1 (icon), two images (16×16 and 32×32).
    assert isi[:6] == bytes([0, 0, 1, 0, 2, 0]) and (isi[6], isi[22]) == (16, 32)


def test_pages_link_the_icon_and_carry_a_print_footer_with_the_print_date(klien, versi_sampel):
    html = klien.get(reverse("renstra:tabel", args=[versi_sampel.pk, "6.2"])).content.decode()
    assert 'rel="icon" href="/static/kinerja/favicon.svg"' in html
    # The print date reaches the page margin through the print stylesheet (no inline <style>
    # under the Content-Security-Policy) and the footer line carries it as text.
    assert 'href="/static/kinerja/cetak.css" media="print" id="gaya-cetak"' in html
    assert '<span id="waktu-cetak">' in html
    assert 'class="hanya-cetak kaki-cetak"' in html and "oleh Perencana" in html
