"""Expected figures computed without the code under test: exact fractions and integer arithmetic."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction


def setengah_ke_atas(nilai: Fraction | int | str, desimal: int = 2) -> Decimal:
    """Round half away from zero with integers only: floor(|x| · 10ⁿ + ½), sign put back."""
    x = Fraction(nilai)
    skala = 10**desimal
    bulat = (abs(x) * skala + Fraction(1, 2)).__floor__()
    return Decimal(bulat if x >= 0 else -bulat) / skala
