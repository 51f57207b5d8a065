"""A year or quarter from the address that the page cannot show is named, never silently replaced."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _pesan(r) -> list[str]:
    return [str(m) for m in r.context["messages"]]


def test_a_plan_table_names_the_year_it_cannot_show(klien, versi_sampel):
    url = reverse("renstra:tabel", args=[versi_sampel.pk, "6.1"])
    r = klien.get(url + "?tahun=2031")
    assert r.status_code == 200
    (pesan,) = _pesan(r)
    # The sample plan runs 2021–2026 (the document's title) and Tabel 6.1 opens on the first planned year.
    assert "Tahun “2031” tidak tersedia" in pesan
    assert "2021–2026" in pesan and "Ditampilkan tahun 2022" in pesan
    assert r.context["tahun"] == 2022


def test_a_year_inside_the_plan_shows_without_a_message(klien, versi_sampel):
    r = klien.get(reverse("renstra:tabel", args=[versi_sampel.pk, "6.1"]) + "?tahun=2024")
    assert r.status_code == 200 and r.context["tahun"] == 2024
    assert _pesan(r) == []


def test_the_cascade_says_it_shows_every_year_instead(klien, versi_sampel):
    r = klien.get(reverse("renstra:kaskade", args=[versi_sampel.pk]) + "?tahun=1999")
    assert r.status_code == 200
    (pesan,) = _pesan(r)
    assert "Tahun “1999” tidak tersedia" in pesan and "Ditampilkan semua tahun" in pesan
    assert r.context["tahun"] == [2022, 2023, 2024, 2025, 2026]


def test_capaian_names_the_quarter_it_cannot_show(klien, versi_sampel):
    r = klien.get(reverse("monev:capaian", args=[versi_sampel.pk, 2022]) + "?triwulan=7")
    assert r.status_code == 200
    (pesan,) = _pesan(r)
    assert pesan.startswith("Triwulan “7” tidak tersedia: pilih triwulan 1–4.")
    assert "Ditampilkan triwulan 4" in pesan


def test_a_download_refuses_a_year_outside_the_plan(klien, versi_sampel):
    r = klien.get(reverse("renstra:unduh_tabel", args=[versi_sampel.pk, "6.1", "csv"]) + "?tahun=2031")
    assert r.status_code == 404
    assert "Tahun “2031” tidak tersedia" in r.content.decode()
    r = klien.get(
        reverse("monev:unduh_laporan", args=[versi_sampel.pk, 2022, "E.81", "xlsx"]) + "?triwulan=0"
    )
    assert r.status_code == 404
    assert "Triwulan “0” tidak tersedia" in r.content.decode()
