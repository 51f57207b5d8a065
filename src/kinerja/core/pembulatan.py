"""Rounding: one rule for every figure the system shows, exports or compares.

Half up (``ROUND_HALF_UP``, ties away from zero), as the documents and the DOMAIN rules do:
two decimals for percentages, capaian, serapan and the IKM, whole numbers for rupiah and
people per km².  Python's ``round()`` and ``Decimal.quantize`` without a rounding argument
round half to even (99,625 → 99,62); nothing outside this module rounds on its own.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

Angka = Decimal | int | float | Fraction


def _tempat(desimal: int) -> Decimal:
    return _TEMPAT[desimal] if 0 <= desimal < len(_TEMPAT) else Decimal(1).scaleb(-desimal)


# The quantum of each number of places, made once (a report rounds thousands of values).
_TEMPAT = tuple(Decimal(1).scaleb(-d) for d in range(11))


def bulat(nilai: Angka, desimal: int = 2) -> Decimal:
    """``nilai`` rounded half up to ``desimal`` places (``desimal`` ≥ 0; 0 = whole numbers)."""
    if type(nilai) is not Decimal:
        if isinstance(nilai, Fraction):
            return _bulat_pecahan(nilai, desimal)
        if not isinstance(nilai, Decimal):
            # A float is taken at its exact binary value: 0,125 is a tie, 0,1 is not.
            nilai = Decimal(nilai)
    if nilai.adjusted() + desimal + 2 > 28 and nilai.is_finite():
        # More digits than the default context keeps (a value stored beyond its column's
        # bounds): round with the precision it needs instead of failing the whole page.
        with localcontext() as ctx:
            ctx.prec = nilai.adjusted() + desimal + 2
            return nilai.quantize(_tempat(desimal), rounding=ROUND_HALF_UP)
    return nilai.quantize(_tempat(desimal), rounding=ROUND_HALF_UP)


def _bulat_pecahan(nilai: Fraction, desimal: int) -> Decimal:
    """Exact: no division to 28 digits first, so a fraction is never rounded twice."""
    return _bulat_bagi(nilai.numerator, nilai.denominator, desimal)


def _bulat_bagi(pembilang: int, penyebut: int, desimal: int) -> Decimal:
    """pembilang ÷ penyebut (whole numbers, penyebut > 0) rounded half up, exactly."""
    hasil_bagi, sisa = divmod(abs(pembilang) * 10**desimal, penyebut)
    if 2 * sisa >= penyebut:
        hasil_bagi += 1
    return Decimal(-hasil_bagi if pembilang < 0 else hasil_bagi).scaleb(-desimal)


def persen(pembilang: Angka, penyebut: Angka, desimal: int = 2) -> Decimal | None:
    """pembilang ÷ penyebut × 100 rounded half up (None when penyebut is zero or empty). Whole
    numbers (rupiah, counts) are divided as integers, without building a fraction."""
    if not penyebut:
        return None
    a, b = Decimal(pembilang), Decimal(penyebut)
    if a == a.to_integral_value() and b == b.to_integral_value() and b > 0:
        return _bulat_bagi(int(a) * 100, int(b), desimal)
    return _bulat_pecahan(Fraction(pembilang) * 100 / Fraction(penyebut), desimal)


def bulat_atau_none(nilai: Angka | None, desimal: int = 2) -> Decimal | None:
    return None if nilai is None else bulat(nilai, desimal)


def bulat_ke_atas(nilai: Angka, desimal: int = 0) -> Decimal:
    """Rounded up (a minimum sample size: 277,7 respondents means 278)."""
    if isinstance(nilai, Fraction):
        return Decimal(-((-nilai.numerator * 10**desimal) // nilai.denominator)).scaleb(-desimal)
    if not isinstance(nilai, Decimal):
        nilai = Decimal(nilai)
    return nilai.quantize(_tempat(desimal), rounding=ROUND_CEILING)


def bulat_ke_bawah(nilai: Angka, desimal: int = 0) -> Decimal:
    """Rounded down (the whole numbers either side of a fraction typed for a count)."""
    if isinstance(nilai, Fraction):
        return Decimal((nilai.numerator * 10**desimal) // nilai.denominator).scaleb(-desimal)
    if not isinstance(nilai, Decimal):
        nilai = Decimal(nilai)
    return nilai.quantize(_tempat(desimal), rounding=ROUND_FLOOR)
