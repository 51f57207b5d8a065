"""A plan that names no lokasi at all is not reported as lacking them; one that names some is
told accurately which rows lack theirs."""

import pytest

from .pembuat import RencanaKecil

pytestmark = pytest.mark.django_db


def _baris(rk, ind, n, nomor, lokasi=None, node=None):
    rk.cetak(
        "6.2",
        nomor,
        {"indikator": ind.nama, "k_2023": "1", "rp_2023": "10", "k_2024": "1", "rp_2024": "11"},
        node=node or n["sub"],
        ind=ind,
        lokasi=lokasi,
    )


def test_no_lokasi_anywhere_is_not_a_finding():
    rk = RencanaKecil()
    n = rk.rantai()
    ind = rk.ind(n["sub"], "Jumlah laporan", "Laporan")
    lain = rk.node(5, "Sub kegiatan kedua", n["kegiatan"], "7.01.02.2.01.0002")
    ind2 = rk.ind(lain, "Jumlah rapat", "Kali")
    _baris(rk, ind, n, 1)
    _baris(rk, ind2, n, 2, node=lain)
    assert rk.periksa("LOKASI_KOSONG") == []
    # the rows are otherwise complete: no other rule of the same family fires either
    assert rk.periksa("SEL_KOSONG") == [] and rk.periksa("BARIS_KOSONG") == []


def test_a_sub_kegiatan_without_lokasi_among_others_with_lokasi_is_told_so():
    rk = RencanaKecil()
    n = rk.rantai()
    ind = rk.ind(n["sub"], "Jumlah laporan", "Laporan")
    lain = rk.node(5, "Sub kegiatan kedua", n["kegiatan"], "7.01.02.2.01.0002")
    ind2 = rk.ind(lain, "Jumlah rapat", "Kali")
    _baris(rk, ind, n, 1, lokasi=rk.gedog)
    _baris(rk, ind2, n, 2, node=lain)
    [t] = rk.periksa("LOKASI_KOSONG")
    assert t.source_lines == [2] and t.expected == "lokasi"
    assert "tidak mempunyai satu pun baris berlokasi" in t.message
    assert "sudah lengkap" not in t.message


def test_the_one_missing_lokasi_is_still_named():
    rk = RencanaKecil()
    n = rk.rantai()
    ind = rk.ind(n["sub"], "Jumlah laporan", "Laporan")
    _baris(rk, ind, n, 1, lokasi=rk.kantor)
    _baris(rk, ind, n, 2, lokasi=rk.gedog)
    _baris(rk, ind, n, 3)
    [t] = rk.periksa("LOKASI_KOSONG")
    # the hand-made PD has three lokasi: Kecamatan, Gedog and Rembang
    assert t.expected == "Rembang" and "kecuali Rembang" in t.message
