"""Menus show only links their user may open: every demo persona walks every <nav> link it is shown."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kinerja.core.akun import AKUN_DEMO

pytestmark = pytest.mark.django_db


class _TautanMenu(HTMLParser):
    """The href of every <a> inside a <nav> element."""

    def __init__(self):
        super().__init__()
        self.dalam = 0
        self.tautan: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "nav":
            self.dalam += 1
        elif tag == "a" and self.dalam:
            href = dict(attrs).get("href")
            if href:
                self.tautan.append(href)

    def handle_endtag(self, tag):
        if tag == "nav" and self.dalam:
            self.dalam -= 1


def tautan_menu(html: str) -> list[str]:
    p = _TautanMenu()
    p.feed(html)
    hasil = []
    for href in p.tautan:
        bagian = urlsplit(href)
        if bagian.scheme or bagian.netloc or not bagian.path:
            continue  # another site, or an anchor on the same page
        hasil.append(bagian.path + (f"?{bagian.query}" if bagian.query else ""))
    return hasil


def _buka(client, url: str):
    """GET a page following redirects; (final status, final path, html)."""
    r = client.get(url, follow=True)
    jenis = r.get("Content-Type", "")
    return r.status_code, r.request["PATH_INFO"], r.content.decode() if "html" in jenis else ""


@pytest.mark.parametrize("akun", AKUN_DEMO, ids=lambda a: a.username)
def test_every_menu_link_opens_for_its_user(client, versi_sampel, akun):
    client.force_login(get_user_model().objects.get(username=akun.username))
    # The landing page and one page of each app's menu (Renstra, Monev, Pelayanan) ...
    awal = [
        "/",
        reverse("renstra:dasbor", args=[versi_sampel.pk]),
        reverse("monev:beranda", args=[versi_sampel.pk]),
        reverse("layanan:rekap", args=[versi_sampel.pd_id]),
    ]
    dilihat: dict[str, int] = {}
    menolak: list[str] = []
    lapis = awal
    # ... then every menu link on them, and every menu link on those pages (one level further).
    for _ in range(3):
        berikut = []
        for url in lapis:
            if url in dilihat:
                continue
            status, akhir, html = _buka(client, url)
            dilihat[url] = status
            if status != 200 or akhir == reverse("login"):
                menolak.append(f"{url} → {status} {akhir}")
                continue
            berikut.extend(tautan_menu(html))
        lapis = berikut
    assert not menolak, f"{akun.username}: menu links that refuse their user: {menolak}"
    # The walk did reach the menus: each app's menu was seen.
    assert len(dilihat) >= 8, sorted(dilihat)


class _SemuaTautan(HTMLParser):
    """The href of every <a> of a page."""

    def __init__(self):
        super().__init__()
        self.tautan: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            self.tautan.append(href)


@pytest.mark.parametrize("nama", ["lurah-gedog", "operator-gedog", "camat"])
def test_every_link_of_the_report_pages_opens_for_a_unit_user(client, versi_sampel, nama):
    """The report bar, year links and unit choice of E.81 and the capaian page offer a unit's own
    user (lurah, operator) only what it may open — not the whole PD's reports."""
    user = get_user_model().objects.get(username=nama)
    client.force_login(user)
    gedog = versi_sampel.pd.unit_set.get(nama_pendek="Gedog")
    halaman = [
        reverse("monev:laporan", args=[versi_sampel.pk, 2022, "E.81"]) + f"?unit={gedog.pk}",
        reverse("monev:capaian", args=[versi_sampel.pk, 2022]) + f"?unit={gedog.pk}",
        "/kata-sandi/",
    ]
    menolak = []
    for url in halaman:
        r = client.get(url)
        assert r.status_code == 200, url
        p = _SemuaTautan()
        p.feed(r.content.decode())
        for href in p.tautan:
            bagian = urlsplit(href)
            if bagian.scheme or bagian.netloc or not bagian.path or "unduh." in bagian.path:
                continue
            tujuan = href if href.startswith("/") else urlsplit(url).path + href
            status, akhir, _ = _buka(client, tujuan)
            if status != 200 or akhir == reverse("login"):
                menolak.append(f"{url}: {href} → {status}")
    assert not menolak, menolak


@pytest.mark.parametrize("nama", ["perencana", "camat", "operator-gedog", "lurah-gedog", "verifikator"])
def test_menu_monev_menawarkan_daftar_risiko(client, versi_sampel, nama):
    """Every user of the PD's monitoring menu reads the risk register; the link opens for them."""
    client.force_login(get_user_model().objects.get(username=nama))
    html = client.get(reverse("monev:matriks", args=[versi_sampel.pk, 2022])).content.decode()
    tautan = reverse("risiko:kini", args=[versi_sampel.pd_id])
    assert tautan in tautan_menu(html)
    status, akhir, _ = _buka(client, tautan)
    assert status == 200 and akhir == reverse("risiko:daftar", args=[versi_sampel.pd_id, 2022])


def test_pengguna_pd_lain_tidak_membuka_daftar_risiko(client, versi_sampel):
    from kinerja.core.models import Peran
    from kinerja.wilayah.models import PerangkatDaerah

    lain = PerangkatDaerah.objects.create(pemda=versi_sampel.pd.pemda, nama="Dinas Lain", slug="dinas-lain")
    u = get_user_model().objects.create_user("perencana-lain")
    Peran.objects.create(pengguna=u, jenis="perencana", pd=lain)
    client.force_login(u)
    assert client.get(reverse("risiko:kini", args=[versi_sampel.pd_id])).status_code == 403
