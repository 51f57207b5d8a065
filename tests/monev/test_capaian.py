"""Capaian and predikat: the rules planners compute by hand, without a database."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.monev import capaian as cp

S = cp.Status


def test_higher_is_better_is_realisation_over_target():
    c = cp.hitung(arah="naik", target=D(80), realisasi=D(60))
    assert c.nilai == D(75) and c.status == S.DIHITUNG
    assert c.rumus == "60 ÷ 80 × 100 = 75%"


def test_lower_is_better_meeting_its_target_exactly_is_100_percent():
    assert cp.hitung(arah="turun", target=D(12), realisasi=D(12)).nilai == D(100)


def test_lower_is_better_below_target_is_above_100_and_above_target_is_below():
    assert cp.hitung(arah="turun", target=D(10), realisasi=D(8)).nilai == D(120)
    assert cp.hitung(arah="turun", target=D(10), realisasi=D(13)).nilai == D(70)


def test_lower_is_better_never_goes_below_zero():
    c = cp.hitung(arah="turun", target=D(10), realisasi=D(25))
    assert c.nilai == D(0) and "dibulatkan ke 0" in c.rumus


def test_a_zero_target():
    assert cp.hitung(arah="naik", target=D(0), realisasi=D(5)).nilai == D(100)
    assert cp.hitung(arah="naik", target=D(0), realisasi=D(0)).nilai == D(100)
    assert cp.hitung(arah="turun", target=D(0), realisasi=D(0)).nilai == D(100)
    c = cp.hitung(arah="turun", target=D(0), realisasi=D(1))
    assert c.nilai == D(0) and "Target 0" in c.rumus


def test_a_missing_realisation_has_no_capaian_and_no_predikat():
    c = cp.hitung(arah="naik", target=D(10), realisasi=None)
    assert c.nilai is None and c.status == S.BELUM_ADA and c.predikat is None
    assert c.label_status == "Belum ada realisasi"


def test_a_row_without_target():
    assert cp.hitung(arah="naik", target=None, realisasi=D(3)).status == S.TANPA_TARGET


def test_above_100_percent_is_kept_not_cut():
    c = cp.hitung(arah="naik", target=D(4), realisasi=D(5))
    assert c.nilai == D(125) and c.predikat.label == "Sangat Tinggi" and c.tercapai


@pytest.mark.parametrize(
    "nilai, label",
    [
        ("100", "Sangat Tinggi"),
        ("91", "Sangat Tinggi"),
        ("90.995", "Sangat Tinggi"),  # shown as 91,00
        ("90.99", "Tinggi"),
        ("90.5", "Tinggi"),
        ("76", "Tinggi"),
        ("75.99", "Sedang"),
        ("66", "Sedang"),
        ("65.99", "Rendah"),
        ("51", "Rendah"),
        ("50.99", "Sangat Rendah"),
        ("50", "Sangat Rendah"),
        ("0", "Sangat Rendah"),
        ("250", "Sangat Tinggi"),
    ],
)
def test_predikat_bands_and_their_boundaries(nilai, label):
    assert cp.predikat(D(nilai)).label == label


def test_no_capaian_no_predikat():
    assert cp.predikat(None) is None


def test_qualitative_values_compare_on_their_scale():
    c = cp.hitung_label(skala="ikm", target="Baik", realisasi="Sangat Baik")
    assert c.status == S.TERCAPAI and c.nilai is None and c.predikat is None and c.tercapai
    c = cp.hitung_label(skala="ikm", target="sangat baik", realisasi="baik")
    assert c.status == S.TIDAK_TERCAPAI and c.tercapai is False
    assert cp.hitung_label(skala="sakip", target="A", realisasi="AA").status == S.TERCAPAI
    assert cp.hitung_label(skala="sakip", target="A", realisasi="BB").status == S.TIDAK_TERCAPAI


def test_qualitative_values_without_a_scale():
    assert cp.hitung_label(skala="", target="baik", realisasi="Baik").status == S.TERCAPAI
    assert cp.hitung_label(skala="", target="baik", realisasi="cukup").status == S.TAK_TERBANDING
    assert cp.hitung_label(skala="ikm", target="Baik", realisasi="").status == S.BELUM_ADA


def test_quarters_make_a_year_by_the_indicators_rule():
    tw = {1: D(3), 2: D(5), 3: None, 4: D(2)}
    assert cp.gabung_triwulan(tw, "jumlah") == D(10)
    assert cp.gabung_triwulan(tw, "terakhir") == D(2)
    assert cp.gabung_triwulan(tw, "rata") == D(10) / 3
    assert cp.gabung_triwulan(tw, "jumlah", sampai=2) == D(8)
    assert cp.gabung_triwulan(tw, "terakhir", sampai=3) == D(5)
    assert cp.gabung_triwulan({}, "jumlah") is None


def test_years_make_the_period_by_the_kondisi_akhir_rule():
    assert cp.gabung_tahun([D(2), None, D(3)], "jumlah") == D(5)
    assert cp.gabung_tahun([D(2), D(9), D(3)], "maks") == D(9)
    assert cp.gabung_tahun([D(70), D(80)], "terakhir") == D(80)
    assert cp.gabung_tahun([None, None], "jumlah") is None


def test_budget_absorption():
    assert cp.serapan(D(750), D(1000)) == D(75)
    assert cp.serapan(D(750), D(0)) is None and cp.serapan(None, D(1000)) is None


def test_mean_skips_rows_without_capaian():
    assert cp.rata_rata([D(80), None, D(100)]) == D(90)
    assert cp.rata_rata([None]) is None


angka_positif = st.decimals(min_value=D("0.01"), max_value=D("100000"), places=2)


@given(target=angka_positif, realisasi=angka_positif)
def test_higher_is_better_gives_back_the_realisation(target, realisasi):
    c = cp.hitung(arah="naik", target=target, realisasi=realisasi)
    assert abs(c.nilai * target / 100 - realisasi) < D("1e-20")


@given(target=angka_positif, realisasi=angka_positif)
def test_lower_is_better_mirrors_higher_is_better_around_the_target(target, realisasi):
    turun = cp.hitung(arah="turun", target=target, realisasi=realisasi).nilai
    naik = cp.hitung(arah="naik", target=target, realisasi=realisasi).nilai
    assert turun >= 0
    assert turun == max(D(200) - naik, D(0)) or abs(turun - max(D(200) - naik, D(0))) < D("1e-20")


def test_the_rounded_capaian_is_worked_out_once_and_read_alike_by_every_use():
    c = cp.hitung(arah="naik", target=D(3), realisasi=D(2))
    # 2 ÷ 3 × 100 = 66,666… → 66,67 half up: band Sedang (66 ≤ x < 76), not reached.
    assert c.nilai_bulat == D("66.67")
    assert c.predikat.kode == "S" and c.tercapai is False
    assert c.rumus == "2 ÷ 3 × 100 = 66,67%"
    # The same capaian made without its rounded value reads the same and compares equal.
    polos = cp.Capaian(c.nilai, c.status, c._rumus)
    assert polos == c and hash(polos) == hash(c)
    assert (polos.nilai_bulat, polos.predikat, polos.rumus) == (c.nilai_bulat, c.predikat, c.rumus)
    # 75,995 rounds half up to 76,00 before it is banded: Tinggi, not Sedang.
    tepi = cp.hitung(arah="naik", target=D(100), realisasi=D("75.995"))
    assert tepi.nilai_bulat == D("76.00") and tepi.predikat.kode == "T"
    turun = cp.hitung(arah="turun", target=D(3), realisasi=D(4))
    assert turun.nilai_bulat == D("66.67") and turun.predikat.kode == "S"
