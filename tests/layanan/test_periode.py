"""The statistics pages' period: the latest year with data by default, said on the page; bad
years and quarters named in a message, never a server error."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from kinerja.layanan.models import JenisLayanan, Pelayanan

pytestmark = pytest.mark.django_db

HALAMAN = {
    "layanan:rekap": "Rekap pelayanan",
    "skm:hasil": "Survei Kepuasan Masyarakat",
    "pengaduan:statistik": "Statistik pengaduan",
}


@pytest.fixture
def camat(client):
    client.force_login(get_user_model().objects.get(username="camat"))
    return client


def _buka(client, versi_sampel, nama: str, query: str = ""):
    r = client.get(reverse(nama, args=[versi_sampel.pd_id]) + query)
    return r, r.content.decode()


@pytest.mark.parametrize("nama", HALAMAN)
def test_without_a_year_the_latest_year_with_data_is_shown_and_named(camat, versi_sampel, nama):
    # The sample's services, questionnaires and complaints are all from 2022.
    r, teks = _buka(camat, versi_sampel, nama)
    assert r.status_code == 200
    assert f"<h1>{HALAMAN[nama]} 2022" in teks
    assert "Ditampilkan tahun 2022: tahun terakhir yang mempunyai data." in teks
    assert 'name="tahun" value="2022"' in teks


def test_the_default_follows_the_data_not_a_fixed_year(camat, versi_sampel):
    gedog = versi_sampel.pd.unit_set.get(nama_pendek="Gedog")
    waktu = timezone.make_aware(dt.datetime(2024, 3, 4, 9))
    Pelayanan.objects.create(
        unit=gedog,
        jenis=JenisLayanan.objects.filter(unit=gedog).first(),
        nomor="20240304-001",
        diterima=waktu,
    )
    _, teks = _buka(camat, versi_sampel, "layanan:rekap")
    assert "<h1>Rekap pelayanan 2024" in teks and "<strong>1</strong> pelayanan" in teks
    # A unit without 2024 records still opens on its own latest year.
    rembang = versi_sampel.pd.unit_set.get(nama_pendek="Rembang")
    _, teks = _buka(camat, versi_sampel, "layanan:rekap", f"?unit={rembang.pk}")
    assert "<h1>Rekap pelayanan 2022" in teks


@pytest.mark.parametrize("nama", HALAMAN)
@pytest.mark.parametrize("tahun", ["0", "10000", "abc", "-1", "99999999999999999999", "²"])
def test_a_year_that_cannot_be_used_is_named_and_the_default_shown(camat, versi_sampel, nama, tahun):
    r, teks = _buka(camat, versi_sampel, nama, f"?tahun={tahun}")
    assert r.status_code == 200
    assert f"Tahun “{tahun}” tidak dapat dipakai: isi tahun 2000–2100. Ditampilkan tahun 2022." in teks
    assert f"<h1>{HALAMAN[nama]} 2022" in teks


def test_an_unknown_quarter_is_named_and_the_whole_year_shown(camat, versi_sampel):
    r, teks = _buka(camat, versi_sampel, "layanan:rekap", "?tahun=2022&sampai=9")
    assert r.status_code == 200
    assert "Triwulan “9” tidak dikenal: pilih triwulan 1–4." in teks and "01-01-2022 s.d. 31-12-2022" in teks
    _, teks = _buka(camat, versi_sampel, "layanan:rekap", "?tahun=2022&sampai=2")
    assert "01-01-2022 s.d. 30-06-2022" in teks and "tidak dikenal" not in teks


def test_a_year_without_data_points_to_the_latest_year_with_data(camat, versi_sampel):
    _, teks = _buka(camat, versi_sampel, "skm:hasil", "?tahun=2025")
    assert "<h1>Survei Kepuasan Masyarakat 2025" in teks
    assert "Belum ada data pada tahun 2025; data terakhir ada pada tahun" in teks and "?tahun=2022" in teks


@pytest.mark.parametrize("nama", HALAMAN)
def test_an_unknown_unit_is_a_404_that_names_it(camat, versi_sampel, nama):
    r, teks = _buka(camat, versi_sampel, nama, "?unit=abc")
    assert r.status_code == 404 and '<html lang="id">' in teks
    assert "Unit “abc” tidak dikenal atau tidak dapat Anda lihat." in teks


def test_an_unknown_service_on_the_survey_pages_is_a_404(camat, versi_sampel):
    for nama in ("skm:hasil", "skm:olah_xlsx", "skm:respons_csv"):
        r, teks = _buka(camat, versi_sampel, nama, "?jenis=99999999999999999999")
        assert r.status_code == 404 and "Layanan “99999999999999999999” tidak dikenal" in teks, nama


def test_quarters_are_told_apart_in_the_time_zone_in_force(versi_sampel):
    """The grouped statement is written once per shape, with its quarter boundaries: a service received
    at 03.00 on 1 April in Blitar is a second-quarter service there and a first-quarter one in UTC."""
    from django.test import override_settings

    from kinerja.layanan.selectors import rekap_pelayanan_triwulan

    gedog = versi_sampel.pd.unit_set.get(nama_pendek="Gedog")
    Pelayanan.objects.create(
        unit=gedog,
        jenis=JenisLayanan.objects.filter(unit=gedog).first(),
        nomor="20250401-001",
        diterima=dt.datetime(2025, 3, 31, 20, tzinfo=dt.UTC),  # 1 April 2025, 03.00 WIB
        hasil="selesai",
    )

    def triwulan(zona: str) -> set[int]:
        with override_settings(TIME_ZONE=zona):
            return {
                q
                for (u, th, q), n in rekap_pelayanan_triwulan([gedog.pk], 2025, 2025).items()
                if n["selesai"]
            }

    assert triwulan("Asia/Jakarta") == {2}
    assert triwulan("UTC") == {1}
    assert triwulan("Asia/Jakarta") == {2}
