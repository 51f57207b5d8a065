"""The IKM exactly per PermenPANRB 14/2017, and the Krejcie–Morgan sample size."""

from decimal import Decimal as D
from fractions import Fraction

import pytest

from kinerja.core.skala import pita
from kinerja.skm import ikm
from tests.hitung_tangan import setengah_ke_atas

TOTAL = {"U1": 105, "U2": 101, "U3": 100, "U4": 116, "U5": 102, "U6": 105, "U7": 106, "U8": 105, "U9": 115}


def test_all_answers_4_give_100():
    h = ikm.dari_jawaban([{u: 4 for u in ikm.UNSUR}] * 7)
    assert h.ikm == D("100.00") and h.mutu == "A" and h.kinerja == "Sangat Baik"


def test_29_respondents_with_exact_weights_give_91_48():
    h = ikm.hitung(TOTAL, dict.fromkeys(ikm.UNSUR, 29), responden=29)
    assert h.ikm_tepat == Fraction(sum(TOTAL.values()), 29 * 9) * 25
    assert h.ikm == D("91.48") and h.mutu == "A"
    # The weight printed as 0,11 would give 90,56: the rule is 1/9.
    # Σ totals = 955: 955/29 · 0,11 · 25 = 2626,25/29 = 90,5603… → 90,56.
    dibulatkan = sum(Fraction(t, 29) * Fraction("0.11") for t in TOTAL.values()) * 25
    assert dibulatkan == Fraction(262625, 2900)
    assert setengah_ke_atas(dibulatkan) == D("90.56") != h.ikm


def test_a_partly_blank_questionnaire_counts_each_unsur_by_its_own_answers():
    baris = [{u: 4 for u in ikm.UNSUR}, {**{u: 2 for u in ikm.UNSUR}, "U9": None}]
    h = ikm.dari_jawaban(baris)
    u9 = h.unsur[8]
    assert (u9.jumlah, u9.responden, u9.nrr) == (4, 1, 4)
    assert h.unsur[0].nrr == 3 and h.responden == 2
    assert h.ikm_tepat == (Fraction(8 * 3 + 4, 9)) * 25


def test_an_unsur_nobody_answered_leaves_no_ikm():
    h = ikm.dari_jawaban([{**{u: 3 for u in ikm.UNSUR}, "U4": None}])
    assert h.ikm is None and h.mutu is None


def test_answers_outside_1_to_4_are_refused():
    with pytest.raises(ValueError, match="1–4"):
        ikm.dari_jawaban([{**{u: 3 for u in ikm.UNSUR}, "U2": 5}])


@pytest.mark.parametrize(
    "nilai, mutu",
    [
        ("64.99", "D"),
        ("65.00", "C"),
        ("76.60", "C"),
        ("76.61", "B"),
        ("88.30", "B"),
        ("88.31", "A"),
        ("25", "D"),
        ("100", "A"),
    ],
)
def test_band_boundaries(nilai, mutu):
    assert pita("ikm", D(nilai)).kode == mutu


def test_the_band_is_read_from_the_rounded_ikm():
    # 88,305 lies in the gap between B (…88,30) and A (88,31…): rounded first, it is A.
    assert pita("ikm", D("88.305")).kode == "A"
    assert pita("ikm", D("76.604")).kode == "C"


@pytest.mark.parametrize("n, s", [(100, 80), (1000, 278), (10000, 370), (1, 1), (0, 0)])
def test_krejcie_morgan(n, s):
    assert ikm.sampel_minimum(n) == s


def test_the_weakest_unsur():
    h = ikm.hitung(TOTAL, dict.fromkeys(ikm.UNSUR, 29), responden=29)
    assert h.terlemah.kode == "U3"


def test_a_unit_may_weight_unsur_differently_if_the_weights_sum_to_1():
    bobot = {u: Fraction(1, 10) for u in ikm.UNSUR} | {"U1": Fraction(2, 10)}
    h = ikm.hitung(TOTAL, dict.fromkeys(ikm.UNSUR, 29), responden=29, bobot=bobot)
    assert h.ikm_tepat == sum(Fraction(TOTAL[u], 29) * bobot[u] for u in ikm.UNSUR) * 25
    with pytest.raises(ValueError, match="bobot"):
        ikm.hitung(
            TOTAL, dict.fromkeys(ikm.UNSUR, 29), responden=29, bobot={u: Fraction(1, 10) for u in ikm.UNSUR}
        )
