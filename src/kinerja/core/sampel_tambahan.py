"""Demonstration data of apps above ``demo``'s loaders: steps they register in ``AppConfig.ready``,
run by ``kinerja.demo.sampel`` after the whole sample is loaded (the same inversion as ``core.siap``)."""

from __future__ import annotations

from collections.abc import Callable

_LANGKAH: list[Callable[[object], str]] = []


def daftarkan(langkah: Callable[[object], str]) -> None:
    """Register a step called with the sample's plan version; it returns a short summary."""
    if langkah not in _LANGKAH:
        _LANGKAH.append(langkah)


def jalankan(versi) -> list[str]:
    return [langkah(versi) for langkah in _LANGKAH]
