"""Quarters closed to late entries, asked by a lower app without importing the app that closes them.

A quarter is closed by an upper app (``monev``: a submitted or verified report). A lower app that
takes dated entries (``skm``: a kiosk's offline queue) must refuse an entry dated into a closed
quarter, but may not import the upper app. So the upper app registers a question here when Django
starts (its ``AppConfig.ready``), and the lower app asks ``triwulan_terkunci``.
"""

from __future__ import annotations

from collections.abc import Callable

# (unit, year, quarter) -> whether that quarter is closed for the unit.
Pemeriksa = Callable[[object, int, int], bool]

_PEMERIKSA: list[Pemeriksa] = []


def daftarkan(pemeriksa: Pemeriksa) -> None:
    """Register a question (once: registering the same function again changes nothing)."""
    if pemeriksa not in _PEMERIKSA:
        _PEMERIKSA.append(pemeriksa)


def triwulan_terkunci(unit, tahun: int, triwulan: int) -> bool:
    """Whether any registered app has closed this quarter for this unit."""
    return any(p(unit, tahun, triwulan) for p in _PEMERIKSA)
