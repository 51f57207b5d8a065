"""The end-of-period rule (kondisi akhir periode), in one place.

Each indicator says how its end-of-period value follows from its yearly values: the sum
(jumlah), the last year's value (terakhir), the mean (rata) or the highest (maks).  The plan
tables, the consistency checker, the workbook import and the evaluation (E.81 column 13) all
call ``kondisi_akhir``; a plain function over values, so renstra and monev share it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TypeVar

# The values of ``Indikator.Agregasi`` (renstra.models), kept free of the models here.
JUMLAH = "jumlah"
TERAKHIR = "terakhir"
RATA = "rata"
MAKS = "maks"
ATURAN = (JUMLAH, TERAKHIR, RATA, MAKS)

T = TypeVar("T")


def _sendiri(v):
    return v


def kondisi_akhir(
    nilai: Sequence[T | None], aturan: str, *, angka: Callable[[T], Decimal | None] = _sendiri
) -> T | Decimal | None:
    """The end-of-period value of one value per year (None = no value that year).

    terakhir gives the last year's entry as it is, so a label such as "Baik (84)" stays a
    label; jumlah, rata and maks give a Decimal over the years that have a value, or None
    when one of them holds no number (a label or an unreadable cell cannot be summed).
    ``angka`` reads the number out of an entry.  None when no year has a value.
    """
    if aturan not in ATURAN:
        raise ValueError(f"Aturan kondisi akhir '{aturan}' tidak dikenal.")
    ada = [v for v in nilai if v is not None]
    if not ada:
        return None
    if aturan == TERAKHIR:
        return ada[-1]
    bilangan = list(map(angka, ada))
    if None in bilangan:
        return None
    if aturan == JUMLAH:
        return sum(bilangan, Decimal(0))
    if aturan == MAKS:
        return max(bilangan)
    return sum(bilangan, Decimal(0)) / len(bilangan)
