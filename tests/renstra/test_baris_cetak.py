"""The printed-row viewer names its columns and row kinds in words."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_printed_rows_of_6_2_have_human_column_names(klien, versi_sampel):
    r = klien.get(reverse("renstra:baris_cetak", args=[versi_sampel.pk, "6.2"]), {"baris": "1398"})
    html = r.content.decode()
    for label in ("Target 2023", "Pagu 2024", "Lokasi tercetak", "Kondisi akhir (pagu)", "Data capaian awal"):
        assert f">{label}</th>" in html
    for mentah in ('">k_2023<', '">rp_2024<', '">lokasi_cetak<', ">sub_kegiatan<", ">tingkat<"):
        assert mentah not in html
    assert ">Sub kegiatan</td>" in html and 'id="b1398" class="sorot"' in html
    # Tabel 6.2 line 1398 prints Gedog's 2023 pagu for Penyusunan Dokumen Perencanaan: 1.203.370.
    assert ">1.203.370</td>" in html


def test_an_unknown_printed_table_is_not_found(klien, versi_sampel):
    r = klien.get(reverse("renstra:baris_cetak", args=[versi_sampel.pk, "9.9"]))
    assert r.status_code == 404
