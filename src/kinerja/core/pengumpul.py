"""Python's cyclic garbage collector held off while a report is built.

A report builds tens of thousands of objects that stay alive until it is done (rows, cells, values) and
are freed by reference counting afterwards; while they are alive they survive the young collections, reach
the oldest generation and set off full collections, each of which walks every object of the process (the
whole of Django included). On a kota's E.81 that was about a third of the time. ``tanpa_pengumpul`` turns
the cyclic collector off for the span of the work and back on when the last overlapping span ends (the
switch is process-wide, so spans of several threads are counted). Reference counting goes on freeing
memory as always; only garbage in reference cycles waits. So that overlapping spans under steady load
cannot hold it back for ever, a span that ends while others still run collects the young objects once
their count passes ``BATAS_MUDA``.
"""

from __future__ import annotations

import gc
import threading
from contextlib import ContextDecorator

# Young tracked objects (allocations less frees since the last collection) beyond which a span that ends
# while others are running collects the youngest generation itself: a few tens of megabytes at most.
BATAS_MUDA = 200_000

_kunci = threading.Lock()
_aktif = 0
_semula = True


class tanpa_pengumpul(ContextDecorator):  # noqa: N801 - used as a decorator, named like one
    """Context manager and decorator: no cyclic collection inside (nests; threads count together)."""

    def __enter__(self):
        global _aktif, _semula
        with _kunci:
            if _aktif == 0:
                _semula = gc.isenabled()
                gc.disable()
            _aktif += 1
        return self

    def __exit__(self, *galat) -> bool:
        global _aktif
        with _kunci:
            _aktif -= 1
            if _aktif == 0:
                if _semula:
                    gc.enable()
            elif gc.get_count()[0] > BATAS_MUDA:
                gc.collect(0)
        return False


def aktif() -> int:
    """How many spans are open now (for tests and diagnostics)."""
    return _aktif
