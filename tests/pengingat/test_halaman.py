"""The inbox page, the header's count and the reminder choices page."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.core.models import CatatanAudit
from kinerja.monev.models import Laporan
from kinerja.pengingat.models import Preferensi

pytestmark = pytest.mark.django_db


def test_the_inbox_lists_the_users_work_with_links(masuk, versi_sampel):
    klien = masuk("operator-rembang")
    r = klien.get("/kotak-masuk/")
    assert r.status_code == 200
    html = r.content.decode()
    kembali = Laporan.objects.get(unit__nama_pendek="Rembang", status="dikembalikan")
    assert (
        f'href="/monev/{versi_sampel.pk}/{kembali.tahun}/tw{kembali.triwulan}/unit/{kembali.unit_id}/"'
        in html
    )
    assert "Laporan dikembalikan" in html and kembali.catatan in html
    assert "data demonstrasi" in html
    assert 'aria-current="page">Kotak masuk' in html


def test_an_empty_inbox_says_so(masuk, versi_sampel):
    r = masuk("lurah-gedog").get("/kotak-masuk/")
    assert r.status_code == 200
    assert "Tidak ada yang menunggu tindakan Anda saat ini" in r.content.decode()


def test_the_inbox_needs_a_login(client):
    r = client.get("/kotak-masuk/")
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_the_header_links_the_inbox_and_loads_its_count_after_the_page(masuk, client, versi_sampel):
    html = masuk("perencana").get("/monev/verifikasi/").content.decode()
    assert 'href="/kotak-masuk/"' in html and 'hx-get="/kotak-masuk/jumlah/"' in html
    client.logout()
    assert "/kotak-masuk/" not in client.get("/masuk/").content.decode()


def test_the_count_is_kept_a_minute_per_user(masuk, versi_sampel):
    klien = masuk("perencana")
    pertama = klien.get("/kotak-masuk/jumlah/").content.decode()
    n = int(pertama.split("(")[1].split(")")[0])
    halaman = klien.get("/kotak-masuk/").content.decode()
    assert f"{n} hal menunggu tindakan Anda" in halaman
    # Kept: a second request does not compute the inbox again (only the session and the user are read).
    with CaptureQueriesContext(connection) as q:
        assert klien.get("/kotak-masuk/jumlah/").content.decode() == pertama
    assert len(q) <= 3  # the session, the user (and on PostgreSQL the cache table)
    cache.clear()
    with CaptureQueriesContext(connection) as q:
        klien.get("/kotak-masuk/jumlah/")
    assert len(q) > 5


def test_the_count_of_a_visitor_is_empty_not_a_redirect(client):
    r = client.get("/kotak-masuk/jumlah/")
    assert r.status_code == 200 and r.content == b""


def test_choices_page_shows_the_address_and_the_defaults(masuk, pengguna):
    pengguna("operator-gedog", "gedog@contoh.go.id")
    html = masuk("operator-gedog").get("/kotak-masuk/pengaturan/").content.decode()
    assert "gedog@contoh.go.id" in html
    assert 'value="isi" id="surel-isi" checked' in html
    assert 'value="pk" id="surel-pk" aria' in html  # no role for it: off
    assert "Peran Anda saat ini tidak menimbulkan pekerjaan ini" in html


def test_choices_page_without_an_address_says_nothing_can_be_sent(masuk):
    html = masuk("operator-gedog").get("/kotak-masuk/pengaturan/").content.decode()
    assert "belum mempunyai alamat surel" in html


def test_saving_choices(masuk, pengguna):
    klien = masuk("operator-gedog")
    r = klien.post("/kotak-masuk/pengaturan/", {"surel": ["isi", "pk"]})
    assert r.status_code == 302
    user = pengguna("operator-gedog")
    assert {p.jenis for p in Preferensi.objects.filter(pengguna=user, surel=True)} == {"isi", "pk"}
    assert CatatanAudit.objects.filter(aksi="pengingat.preferensi", objek_id=str(user.pk)).exists()
    html = klien.get(r["Location"]).content.decode()
    assert "Pilihan tersimpan" in html and 'value="pk" id="surel-pk" checked' in html
    # Nothing ticked: every reminder off.
    klien.post("/kotak-masuk/pengaturan/", {})
    assert not Preferensi.objects.filter(pengguna=user, surel=True).exists()


def test_an_unknown_kind_is_refused_in_indonesian_and_the_ticks_stay(masuk, pengguna):
    klien = masuk("operator-gedog")
    r = klien.post("/kotak-masuk/pengaturan/", {"surel": ["isi", "x" * 500, "<b>"]})
    assert r.status_code == 400
    html = r.content.decode()
    assert "Ada jenis pengingat yang tidak dikenal" in html and 'href="#isian-surel"' in html
    assert 'value="isi" id="surel-isi" checked' in html
    assert 'value="perbaiki" id="surel-perbaiki" aria' in html  # was not ticked: stays unticked
    assert "xxxxx" not in html and "&lt;b&gt;" not in html  # what was not offered is not echoed
    assert not Preferensi.objects.filter(pengguna=pengguna("operator-gedog")).exists()
