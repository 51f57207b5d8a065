"""Counting events in the shared cache, for limits that must hold across workers and servers.

A fixed window per key: the count lives under ``batas:<key>:<window number>`` and expires with
its window. On Redis the increment is atomic; on the database cache (one server, the embedded
default) two requests at the same instant may both read the old count, so a limit can let one
extra event through under a burst — never fewer.
"""

from __future__ import annotations

import time

from django.core.cache import cache


def hitung(kunci: str, jendela: int, *, sekarang: float | None = None) -> int:
    """Record one event under ``kunci`` in the current window of ``jendela`` seconds; the count so far."""
    nomor = int((time.time() if sekarang is None else sekarang) // jendela)
    k = f"batas:{kunci}:{nomor}"
    if cache.add(k, 1, timeout=jendela + 1):
        return 1
    try:
        return cache.incr(k)
    except ValueError:  # expired between add and incr: this event opens the window again
        cache.add(k, 1, timeout=jendela + 1)
        return 1


def melebihi(kunci: str, batas: int, jendela: int, *, sekarang: float | None = None) -> bool:
    """Count this event; True when it is over ``batas`` events in the window."""
    return hitung(kunci, jendela, sekarang=sekarang) > batas


def jumlah(kunci: str, jendela: int, *, sekarang: float | None = None) -> int:
    """The events counted so far in the current window, without counting one more."""
    nomor = int((time.time() if sekarang is None else sekarang) // jendela)
    return cache.get(f"batas:{kunci}:{nomor}", 0)
