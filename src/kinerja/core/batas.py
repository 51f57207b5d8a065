"""Counting events in the shared cache, for limits that must hold across workers and servers.

A fixed window per key: the count lives under ``batas:<key>:<window number>`` and expires with
its window. On Redis the increment is atomic; on the database cache (one server, the embedded
default) two requests at the same instant may both read the old count, so a limit can let one
extra event through under a burst — never fewer.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache


def _kini() -> float:
    return time.time()


def hitung(kunci: str, jendela: int, *, sekarang: float | None = None) -> int:
    """Record one event under ``kunci`` in the current window of ``jendela`` seconds; the count so far."""
    nomor = int((_kini() if sekarang is None else sekarang) // jendela)
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
    nomor = int((_kini() if sekarang is None else sekarang) // jendela)
    return cache.get(f"batas:{kunci}:{nomor}", 0)


def lampaui(*aturan: tuple[str, int, int]) -> int | None:
    """Count one event under each (key, limit, window seconds) rule; the window of the first rule
    now over its limit (for Retry-After), or None when every rule still allows it."""
    lewat = None
    for kunci, batas, jendela in aturan:
        if melebihi(kunci, batas, jendela) and lewat is None:
            lewat = jendela
    return lewat


def alamat_hash(request) -> str:
    """The client's address as a salted hash (HMAC with SECRET_KEY): counts and traces a sender
    without storing where it came from. Empty when the address is unknown."""
    alamat = (request.META.get("REMOTE_ADDR") or "").strip()
    if not alamat:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), f"alamat:{alamat}".encode(), hashlib.sha256).hexdigest()


def pesan_tunggu(detik: int) -> str:
    """ "Coba lagi dalam N menit." for a refused burst."""
    menit = max(1, -(-int(detik) // 60))
    return f"Coba lagi dalam {menit} menit." if menit < 120 else f"Coba lagi dalam {menit // 60} jam."
