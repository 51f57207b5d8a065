"""Limits counted in the shared cache: per key, per window, across processes."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from kinerja.core import batas

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kosong():
    cache.clear()


def test_events_are_counted_per_key_and_window():
    t = 1_000_000.0  # the start of a 60-second window (1.000.000 = 16.666 × 60 + 40: 40 s into it)
    assert [batas.hitung("a", 60, sekarang=t) for _ in range(3)] == [1, 2, 3]
    assert batas.hitung("b", 60, sekarang=t) == 1  # another key counts apart
    assert batas.jumlah("a", 60, sekarang=t) == 3
    # 20 s later is the next window (1.000.020 ÷ 60 = 16.667): counting starts again
    assert batas.hitung("a", 60, sekarang=t + 20) == 1


def test_a_limit_lets_exactly_its_number_through():
    t = 600.0
    hasil = [batas.melebihi("kios:1", 5, 60, sekarang=t) for _ in range(7)]
    assert hasil == [False] * 5 + [True, True]
