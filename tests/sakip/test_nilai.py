"""Scores recomputed by hand from a small worksheet, and the predicate bands at their exact edges."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.sakip.lke import baca_lke, teks_bawaan
from kinerja.sakip.nilai import hitung, saran_jawaban
from tests.sakip.test_lke import KECIL


def test_scores_of_the_small_worksheet_by_hand():
    lembar = baca_lke(KECIL)
    s = hitung(lembar, {"1.a": "AA", "1.b": "B", "2.a": "C", "2.b": "D"})
    # 1.a: 20 × 100 % = 20; 1.b: 40 × 70 % = 28 → component 1 = 48
    # 2.a: 10 × 50 % = 5;   2.b: 30 × 30 % = 9  → component 2 = 14; total 62 → B (> 60–70)
    assert [k.nilai for k in s.komponen] == [Decimal(48), Decimal(14)]
    assert s.nilai == Decimal(62) and s.predikat.kode == "B" and s.lengkap


def test_an_ungraded_sub_component_scores_nothing_and_the_total_is_incomplete():
    s = hitung(baca_lke(KECIL), {"1.a": "AA", "2.b": "E"})
    assert s.nilai == Decimal(20) and not s.lengkap
    assert [x.nilai for x in s.sub()] == [Decimal(20), None, None, Decimal(0)]


def test_the_shipped_worksheet_by_hand():
    lembar = baca_lke(teks_bawaan())
    jawaban = {s.kode: "A" for s in lembar.semua_sub()} | {"1.a": "AA", "3.b": "CC", "4.c": "E"}
    s = hitung(lembar, jawaban)
    # 1: 6 + 9×0,9 + 15×0,9 = 27,6; 2: 30×0,9 = 27; 3: 3×0,9 + 4,5×0,6 + 7,5×0,9 = 12,15;
    # 4: 5×0,9 + 7,5×0,9 + 0 = 11,25 → 78,00 → BB
    assert [k.nilai for k in s.komponen] == [
        Decimal("27.6"),
        Decimal("27.0"),
        Decimal("12.15"),
        Decimal("11.25"),
    ]
    assert s.nilai == Decimal("78.00") and s.predikat.kode == "BB"
    assert [x.kode for x in s.terlemah(1)] == ["4.c"] and s.terkuat(1)[0].kode == "1.a"


# Band edges: the lower bound is exclusive (exactly 90 is A, exactly 30 is D).
@pytest.mark.parametrize(
    "nilai, kode",
    [
        ("100", "AA"), ("90.01", "AA"), ("90", "A"), ("80.01", "A"), ("80", "BB"), ("70.01", "BB"),
        ("70", "B"), ("60.01", "B"), ("60", "CC"), ("50.01", "CC"), ("50", "C"), ("30.01", "C"),
        ("30", "D"), ("0", "D"),
    ],
)  # fmt: skip
def test_band_edges(nilai, kode):
    lembar = baca_lke(teks_bawaan())
    assert lembar.predikat_dari(Decimal(nilai)).kode == kode


def test_band_edges_reached_by_grading():
    """Totals that land exactly on an edge through the small sheet's weights (20, 40, 10, 30)."""
    lembar = baca_lke(KECIL)
    s = hitung(lembar, {"1.a": "AA", "1.b": "B", "2.a": "AA", "2.b": "B"})  # 20 + 28 + 10 + 21 = 79
    assert s.nilai == 79 and s.predikat.kode == "BB"
    s = hitung(lembar, {"1.a": "C", "1.b": "AA", "2.a": "E", "2.b": "E"})  # 10 + 40 = 50
    assert s.nilai == 50 and s.predikat.kode == "C"
    s = hitung(lembar, {"1.a": "AA", "1.b": "AA", "2.a": "E", "2.b": "AA"})  # 20 + 40 + 0 + 30 = 90
    assert s.nilai == 90 and s.predikat.kode == "A"
    s = hitung(lembar, {"1.a": "C", "1.b": "E", "2.a": "AA", "2.b": "C"})  # 10 + 0 + 10 + 15 = 35
    assert s.nilai == 35 and s.predikat.kode == "C"
    s = hitung(lembar, {"1.a": "C", "1.b": "E", "2.a": "E", "2.b": "C"})  # 10 + 0 + 0 + 15 = 25
    assert s.predikat.kode == "D"


@pytest.mark.parametrize(
    "terpenuhi, jumlah, kode",
    [
        (4, 4, "B"),
        (4, 5, "B"),
        (3, 4, "CC"),
        (3, 5, "CC"),
        (2, 4, "C"),
        (1, 4, "D"),
        (1, 5, "D"),
        (0, 4, "E"),
    ],
)
def test_the_share_of_criteria_met_points_to_an_answer(terpenuhi, jumlah, kode):
    # > 75 % B, > 50 % CC, > 25 % C, > 0 % D, none E (BB and above need the evaluator's judgement)
    assert saran_jawaban(baca_lke(teks_bawaan()), terpenuhi, jumlah) == kode
