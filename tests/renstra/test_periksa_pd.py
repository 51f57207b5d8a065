"""The checker reads a plan by its PD's kind: a kecamatan, or a dinas that serves every kecamatan."""

import pytest

from kinerja.renstra.models import PlanNode

from .pembuat import RencanaKecil

T = PlanNode.Tingkat
pytestmark = pytest.mark.django_db


def _jadi_dinas(rk: RencanaKecil) -> None:
    """The same plan, its PD no longer a kecamatan: a dinas of the same pemda."""
    rk.pd.kecamatan = None
    rk.pd.nama = "Dinas Pekerjaan Umum"
    rk.pd.kode_bidang = "1.03"
    rk.pd.save()


def _sebut_kecamatan_lain(rk: RencanaKecil) -> None:
    rk.naskah("telaahan", "Jalan lingkungan di Kecamatan Sukamaju diperbaiki tahun 2023.", baris=40)
    n = rk.rantai()
    rk.node(T.SUB_KEGIATAN, "Rehabilitasi saluran Kecamatan Sukamaju", n["kegiatan"])


def test_a_kecamatan_naming_another_kecamatan_is_reported():
    rk = RencanaKecil()
    _sebut_kecamatan_lain(rk)
    [t] = rk.periksa("KECAMATAN_LAIN")
    assert t.row == "Kecamatan Sukamaju"
    assert t.table == "naskah, rencana" and t.source_lines == [40]


def test_a_dinas_may_name_every_kecamatan_of_its_pemda():
    rk = RencanaKecil()
    _sebut_kecamatan_lain(rk)
    rk.naskah("telaahan", "Kecamatan Contoh dan Kecamatan Sukamaju dilayani bersama.", baris=41, urutan=2)
    _jadi_dinas(rk)
    assert rk.periksa("KECAMATAN_LAIN") == []


def _wilayah_salah(rk: RencanaKecil) -> None:
    """A kelurahan of 200 people on 1 km²; the summary prints 1,50 km², 250 people, 120 per km²."""
    rk.cetak(
        "2.1",
        1,
        {"kelurahan": "Gedog", "laki_laki": "100", "perempuan": "100", "jumlah": "200", "luas": "1,00"},
        tingkat="kelurahan",
    )
    rk.cetak("2.1", 3, {"luas": "1,50", "penduduk": "250", "kepadatan": "120"}, tingkat="ringkasan")


def test_the_area_rows_name_a_kecamatans_area_as_the_kecamatan():
    rk = RencanaKecil()
    _wilayah_salah(rk)
    baris = {t.code: t.row for t in rk.periksa() if t.code in ("TOTAL_LUAS", "TOTAL_PENDUDUK", "KEPADATAN")}
    assert baris == {
        "TOTAL_LUAS": "Luas wilayah kecamatan",
        "TOTAL_PENDUDUK": "Jumlah penduduk kecamatan",
        "KEPADATAN": "Kepadatan penduduk kecamatan",
    }


def test_the_area_rows_name_a_dinas_area_as_its_pemda():
    rk = RencanaKecil("Dinas")
    _wilayah_salah(rk)
    _jadi_dinas(rk)
    baris = {t.code: t.row for t in rk.periksa() if t.code in ("TOTAL_LUAS", "TOTAL_PENDUDUK", "KEPADATAN")}
    assert baris == {
        "TOTAL_LUAS": "Luas wilayah Kota Uji Dinas",
        "TOTAL_PENDUDUK": "Jumlah penduduk Kota Uji Dinas",
        "KEPADATAN": "Kepadatan penduduk Kota Uji Dinas",
    }
