"""Records of upper apps that name a service standard, counted without importing those apps.

A standard with records is deactivated, never deleted, so that its records keep their service.
``layanan`` counts its own counter log; ``skm`` (a higher layer) registers, in its
``AppConfig.ready``, a function that counts the questionnaires naming each standard.
"""

from __future__ import annotations

from collections.abc import Callable

# (label, function of standard ids → {standard id: number of records})
_PEMAKAI: list[tuple[str, Callable[[list[int]], dict[int, int]]]] = []


def daftarkan_pemakai(label: str, fungsi: Callable[[list[int]], dict[int, int]]) -> None:
    """Register a count of records per standard under a label (e.g. "survei"), once."""
    if all(f is not fungsi for _, f in _PEMAKAI):
        _PEMAKAI.append((label, fungsi))


def pemakai_lain(jenis_ids: list[int]) -> dict[int, dict[str, int]]:
    """Standard id → {label: records} from every registered app (only non-zero counts)."""
    hasil: dict[int, dict[str, int]] = {}
    for label, fungsi in _PEMAKAI:
        for jenis_id, n in fungsi(list(jenis_ids)).items():
            if n:
                hasil.setdefault(jenis_id, {})[label] = n
    return hasil
