"""What a typed realisation must be, and when it is unusual: plain rules, no database."""

from __future__ import annotations

from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from kinerja.monev import aturan as at


@pytest.mark.parametrize(
    "satuan, hitungan",
    [
        ("kelompok", True),
        ("Tim", True),
        ("RT", True),
        ("Pokmas / Ormas", True),  # every part counts
        ("tradisi lokal", True),
        ("orang/bulan", False),  # a rate, not a count
        ("%", False),
        ("Indeks", False),
        ("km", False),
        ("", False),
    ],
)
def test_a_satuan_that_counts_things(satuan, hitungan):
    assert at.satuan_hitungan(satuan) is hitungan


def test_the_default_comes_from_the_kind_and_the_satuan():
    assert at.hitungan_bawaan(jenis_nilai="angka", satuan="kelompok")
    assert not at.hitungan_bawaan(jenis_nilai="persen", satuan="kelompok")
    assert not at.hitungan_bawaan(jenis_nilai="indeks", satuan="Indeks")
    # The document prints some counts without a satuan.
    assert at.hitungan_bawaan(jenis_nilai="angka", satuan="", nama="Jumlah TPS yang difasilitasi")
    assert not at.hitungan_bawaan(jenis_nilai="angka", satuan="", nama="Rasio guru dan murid")


def test_a_per_indicator_setting_overrides_the_default():
    biasa = at.aturan_nilai(jenis_nilai="angka", satuan="kelompok")
    assert biasa.bulat and not biasa.persen and biasa.bulat_bawaan
    pecahan = at.aturan_nilai(
        jenis_nilai="angka",
        satuan="kelompok",
        setelan=SimpleNamespace(bilangan_bulat="tidak", boleh_lebih_100=False),
    )
    assert not pecahan.bulat and pecahan.bulat_bawaan
    bulat = at.aturan_nilai(
        jenis_nilai="angka", satuan="km", setelan=SimpleNamespace(bilangan_bulat="ya", boleh_lebih_100=False)
    )
    assert bulat.bulat and not bulat.bulat_bawaan
    serapan = at.aturan_nilai(
        jenis_nilai="persen", satuan="%", setelan=SimpleNamespace(bilangan_bulat="", boleh_lebih_100=True)
    )
    assert serapan.persen and serapan.boleh_lebih_100


def test_half_a_group_is_not_a_count():
    kelompok = at.aturan_nilai(jenis_nilai="angka", satuan="kelompok")
    pesan = at.cek_nilai(kelompok, D("0.5"), teks="0,5", satuan="kelompok")
    assert "'0,5' bukan bilangan bulat" in pesan and "kelompok" in pesan and "0 atau 1" in pesan
    assert at.cek_nilai(kelompok, D(3), teks="3") == ""


def test_a_percentage_stays_within_100_unless_allowed():
    persen = at.aturan_nilai(jenis_nilai="persen", satuan="%")
    assert at.cek_nilai(persen, D(100), teks="100") == ""
    assert "150% melebihi 100%" in at.cek_nilai(persen, D(150), teks="150")
    boleh = at.aturan_nilai(
        jenis_nilai="persen", satuan="%", setelan=SimpleNamespace(bilangan_bulat="", boleh_lebih_100=True)
    )
    assert at.cek_nilai(boleh, D(150), teks="150") == ""
    assert "tidak masuk akal" in at.cek_nilai(boleh, D(1001), teks="1001")


def _kewajaran(**lain):
    dasar = {"arah": "naik", "agregasi": "jumlah", "sebelumnya": None, "nama_sebelumnya": "triwulan III"}
    return at.cek_kewajaran(**{**dasar, **lain})


def test_a_thousand_teams_against_a_target_of_thirty_is_unusual_twice():
    alasan = _kewajaran(
        target=D(30), per_tw={1: D(6), 2: D(8), 3: D(8)}, triwulan=4, nilai=D(1000), sebelumnya=D(8)
    )
    # (6 + 8 + 8 + 1000) / 30 × 100 = 1022 / 30 × 100 = 3.406,666… → 3.406,67%
    assert alasan == [
        "capaian s.d. triwulan IV menjadi 3.406,67% dari target 30 (di atas 200%)",
        "1.000 lebih dari 5 kali nilai triwulan III (8)",
    ]


def test_the_bounds_themselves_are_not_unusual():
    # 200% exactly: (6 + 8 + 8 + 38) / 30 = 60 / 30 = 200%; 40 is exactly 5 × 8.
    assert _kewajaran(target=D(30), per_tw={1: D(6), 2: D(8), 3: D(8)}, triwulan=4, nilai=D(38)) == []
    assert _kewajaran(target=D(1000), per_tw={}, triwulan=2, nilai=D(40), sebelumnya=D(8)) == []
    assert _kewajaran(target=D(1000), per_tw={}, triwulan=2, nilai=D(41), sebelumnya=D(8)) == [
        "41 lebih dari 5 kali nilai triwulan III (8)"
    ]


def test_a_low_count_is_only_unusual_once_the_year_is_complete():
    # Quarter II of a count: 2 of 30 so far is normal; in quarter IV 5 of 30 = 16,67% is not.
    assert _kewajaran(target=D(30), per_tw={1: D(0)}, triwulan=2, nilai=D(2)) == []
    assert _kewajaran(target=D(30), per_tw={1: D(1), 2: D(1), 3: D(1)}, triwulan=4, nilai=D(2)) == [
        "capaian s.d. triwulan IV hanya 16,67% dari target 30 (di bawah 20%)"
    ]


def test_a_low_level_is_unusual_in_any_quarter():
    # A percentage is the state at the quarter's end: 10% against 97% = 10,31%.
    assert _kewajaran(agregasi="terakhir", target=D(97), per_tw={}, triwulan=1, nilai=D(10)) == [
        "capaian s.d. triwulan I hanya 10,31% dari target 97 (di bawah 20%)"
    ]
    assert _kewajaran(agregasi="terakhir", target=D(97), per_tw={1: D(10)}, triwulan=2, nilai=D(95)) == []


def test_no_target_or_a_zero_target_or_a_zero_quarter_gives_no_basis():
    assert _kewajaran(target=None, per_tw={}, triwulan=4, nilai=D(5000)) == []
    assert _kewajaran(target=D(0), per_tw={}, triwulan=4, nilai=D(5000)) == []
    assert _kewajaran(target=D(10000), per_tw={}, triwulan=2, nilai=D(500), sebelumnya=D(0)) == []


def test_later_quarters_do_not_count_towards_an_earlier_one():
    # Correcting quarter II while III is filled: the year so far is I + II only = 4 + 3 = 7 of 30.
    assert _kewajaran(target=D(30), per_tw={1: D(4), 3: D(500)}, triwulan=2, nilai=D(3)) == []
