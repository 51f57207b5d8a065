"""Expected figures computed without the code under test: exact fractions and integer arithmetic."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction


def setengah_ke_atas(nilai: Fraction | int | str, desimal: int = 2) -> Decimal:
    """Round half away from zero with integers only: floor(|x| · 10ⁿ + ½), sign put back."""
    x = Fraction(nilai)
    bulat = math.floor(abs(x) * 10**desimal + Fraction(1, 2))
    return Decimal(bulat if x >= 0 else -bulat).scaleb(-desimal)  # 86,40 keeps its two places
