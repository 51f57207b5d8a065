"""Chart axes: round ticks in 1-2-5 steps, written the Indonesian way."""

import re
from decimal import Decimal as D

import pytest

from kinerja.core.grafik import batang_bertumpuk, garis, label_tik, tik_sumbu


@pytest.mark.parametrize(
    "bawah, atas, harapan",
    [
        # 40.152.018.689 ÷ 5 intervals = 8,03 M a step: the next 1-2-5 step is 10 M, up to 50 M.
        (0, D("40152018689"), [D(10) ** 10 * i for i in range(6)]),
        # 9.250 ÷ 5 = 1.850: step 2.000, up to 10.000.
        (0, 9250, [0, 2000, 4000, 6000, 8000, 10000]),
        # 37 ÷ 5 = 7,4: step 10.
        (0, 37, [0, 10, 20, 30, 40]),
        # 60–100 (IKM): 40 ÷ 5 = 8: step 10.
        (60, 100, [60, 70, 80, 90, 100]),
        # 0–1,2: 0,24 a step: 0,5.
        (0, D("1.2"), [D(0), D("0.5"), D("1.0"), D("1.5")]),
        # 3,1–3,9 (NRR): 0,16: step 0,2, from 3,0 to 4,0.
        (D("3.1"), D("3.9"), [D("3.0"), D("3.2"), D("3.4"), D("3.6"), D("3.8"), D("4.0")]),
    ],
)
def test_ticks_are_1_2_5_steps_covering_the_range(bawah, atas, harapan):
    tik = tik_sumbu(bawah, atas)
    assert tik == harapan
    langkah = tik[1] - tik[0]
    mantissa = langkah.scaleb(-langkah.adjusted()).normalize()
    assert mantissa in (1, 2, 5) and tik[0] <= bawah and tik[-1] >= atas


def test_counts_never_get_fractional_ticks():
    assert tik_sumbu(0, 3, langkah_min=1) == [0, 1, 2, 3]
    assert tik_sumbu(0, 0, langkah_min=1) == [0, 1]


def test_tick_labels_are_indonesian():
    assert label_tik(D(10) ** 10, "Rp") == "10 M"
    assert label_tik(D(2_500_000), "Rp") == "2,5 jt"
    assert label_tik(D(10000)) == "10.000" and label_tik(D("0.5")) == "0,5" and label_tik(D(0), "Rp") == "0"


def test_charts_draw_their_axis_at_the_round_ticks():
    svg = batang_bertumpuk(["2022"], [("Gedog", [D(9250)])], judul="Pelayanan", satuan="")
    label = re.findall(r'text-anchor="end" class="label">([^<]+)<', svg)
    assert label == ["0", "2.000", "4.000", "6.000", "8.000", "10.000"]
    svg = garis(["Jan"], [("IKM", [D("86.2")])], judul="IKM", bawah_sumbu=D(60), atas_sumbu=D(100))
    assert re.findall(r'text-anchor="end" class="label">([^<]+)<', svg) == ["60", "70", "80", "90", "100"]
