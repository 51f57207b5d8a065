"""Sections a higher layer adds to the asset page (sumberdaya cannot import the plan).

``renstra`` registers, in its ``AppConfig.ready``, a function that returns the maintenance sub
kegiatan of the PD's plan with their pagu; the asset page includes what it returns.
"""

from __future__ import annotations

from collections.abc import Callable

_BAGIAN_ASET: list[Callable] = []


def daftarkan_bagian_aset(fungsi: Callable) -> None:
    """``fungsi(pd, tahun, pengguna, unit)`` → a dict with a ``templat`` to include and its context, or None."""
    if fungsi not in _BAGIAN_ASET:
        _BAGIAN_ASET.append(fungsi)


def bagian_aset(pd, tahun: int | None, pengguna, unit=None) -> list[dict]:
    return [b for b in (f(pd, tahun, pengguna, unit) for f in _BAGIAN_ASET) if b]
