"""The upload page with the workbooks a second PD brings: another PD's, two table sheets, .ods,
and fewer years than the plan."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.core.models import CatatanAudit
from kinerja.renstra.models import RenstraVersi

from .test_impor_kedua import _ods, buku_esakip

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_sementara(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


def _unggah(klien, versi, path, nama=None):
    return klien.post(
        reverse("renstra:impor", args=[versi.pk]),
        {"berkas": SimpleUploadedFile(nama or path.name, path.read_bytes())},
    )


def _sidik(html: str) -> str:
    return re.search(r'name="sidik" value="([0-9a-f]+)"', html).group(1)


def test_another_pds_workbook_needs_the_confirmation_box(klien, versi_sampel, tmp_path):
    path = buku_esakip(tmp_path / "kepanjen.xlsx", pd_baris="Kecamatan Kepanjenkidul")
    r = _unggah(klien, versi_sampel, path)
    assert r.status_code == 302
    url = r["Location"]
    html = klien.get(url).content.decode()
    assert "menyebut perangkat daerah &#x27;Kecamatan Kepanjenkidul&#x27;, bukan Kecamatan Sananwetan" in html
    assert 'name="paksa_pd"' in html
    sebelum = RenstraVersi.objects.count()
    r = klien.post(url, {"sidik": _sidik(html), "alasan": "Rencana kecamatan lain", "nama": "Coba"})
    html = r.content.decode()
    assert r.status_code == 400 and RenstraVersi.objects.count() == sebelum
    assert 'id="galat-paksa_pd"' in html and "Centang konfirmasi" in html
    # the summary at the top names the problem and links to the box, far below the table
    ringkasan = re.search(r'<div class="ringkasan-galat".*?</div>', html, re.S).group(0)
    assert (
        '<a href="#isian-paksa_pd">Tidak disimpan: ' in ringkasan and "Kecamatan Kepanjenkidul" in ringkasan
    )
    kotak = re.search(r'<input type="checkbox" name="paksa_pd"[^>]*>', html).group(0)
    assert 'id="isian-paksa_pd"' in kotak and 'aria-invalid="true"' in kotak
    assert 'aria-describedby="galat-paksa_pd"' in kotak and "checked" not in kotak
    assert 'value="Rencana kecamatan lain"' in html and 'value="Coba"' in html  # nothing typed is lost
    r = klien.post(url, {"sidik": _sidik(html), "alasan": "Rencana kecamatan lain", "paksa_pd": "1"})
    assert r.status_code == 302 and RenstraVersi.objects.count() == sebelum + 1
    audit = CatatanAudit.objects.filter(aksi="impor").order_by("-id").first()
    assert "Kecamatan Kepanjenkidul" in str(audit.perubahan)


def test_own_pds_workbook_has_no_confirmation_box(klien, versi_sampel, tmp_path):
    path = buku_esakip(tmp_path / "sendiri.xlsx", pd_baris="Kecamatan Sananwetan")
    html = klien.get(_unggah(klien, versi_sampel, path)["Location"]).content.decode()
    assert 'name="paksa_pd"' not in html


def test_the_preview_shows_the_period_and_names_the_missing_year(klien, versi_sampel, tmp_path):
    path = buku_esakip(tmp_path / "pendek.xlsx", pd_baris="Kecamatan Sananwetan", tahun=(2023, 2024, 2025))
    html = klien.get(_unggah(klien, versi_sampel, path)["Location"]).content.decode()
    assert "Berkas ini berisi tahun 2023, 2024 dan 2025" in html and "mencakup 2023–2026" in html
    assert (
        "Tahun 2026 tidak ada di berkas: target dan pagu versi dasar untuk tahun itu tetap; yang tidak ada di versi dasar akan kosong."
        in html
    )


def test_two_table_sheets_are_chosen_on_the_page(klien, versi_sampel, tmp_path):
    path = buku_esakip(tmp_path / "dua.xlsx", pd_baris="Kecamatan Sananwetan", lembar=("6.2 lama", "6.2"))
    r = _unggah(klien, versi_sampel, path)
    assert r.status_code == 302
    url = r["Location"]
    r = klien.get(url)
    html = r.content.decode()
    assert r.status_code == 200 and "Pilih lembar yang diimpor" in html
    assert '<option value="6.2 lama">' in html and '<option value="6.2">' in html
    r = klien.get(url, {"pilih": "1", "lembar": ""})
    assert r.status_code == 400 and "Pilih satu lembar dari daftar." in r.content.decode()
    r = klien.get(url, {"lembar": "6.2 lama"})
    html = r.content.decode()
    assert r.status_code == 200 and "lembar 6.2 lama" in html and 'name="lembar" value="6.2 lama"' in html
    sebelum = RenstraVersi.objects.count()
    r = klien.post(url, {"sidik": _sidik(html), "alasan": "Impor lembar lama", "lembar": "6.2 lama"})
    assert r.status_code == 302 and RenstraVersi.objects.count() == sebelum + 1


@pytest.mark.parametrize("nama", ["rencana.ods", "rencana.xls"])
def test_ods_and_xls_by_name_are_refused_in_indonesian(klien, versi_sampel, tmp_path, nama):
    path = _ods(tmp_path / "x.ods")
    r = klien.post(
        reverse("renstra:impor", args=[versi_sampel.pk]),
        {"berkas": SimpleUploadedFile(nama, path.read_bytes())},
        follow=True,
    )
    html = r.content.decode()
    assert "Simpan berkas sebagai .xlsx lalu unggah lagi" in html and nama in html


def test_an_ods_named_xlsx_is_refused_in_indonesian(klien, versi_sampel, tmp_path):
    path = _ods(tmp_path / "x.ods")
    r = _unggah(klien, versi_sampel, path, nama="rencana.xlsx")
    html = r.content.decode()
    assert r.status_code == 400 and "OpenDocument (.ods)" in html
    assert "Simpan berkas sebagai .xlsx lalu unggah lagi" in html
