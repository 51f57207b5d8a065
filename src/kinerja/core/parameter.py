"""Numbers read from the address (``?tahun=2022&sampai=4&unit=5``), never trusted.

``str.isdigit`` accepts "²" and "٣", which ``int`` then refuses, and a number of forty digits
overflows every database integer: both used to end in a server error.  Only plain ASCII
digits within a stated range are read here.
"""

from __future__ import annotations

import re

# The largest id a database here stores (a signed 64-bit integer).
ID_TERBESAR = 2**63 - 1
TAHUN_TERKECIL, TAHUN_TERBESAR = 2000, 2100

_BILANGAN = re.compile(r"-?[0-9]{1,19}")


def bilangan(teks: str | None, *, bawah: int = 0, atas: int = ID_TERBESAR) -> int | None:
    """The whole number ``teks`` holds when it lies in [bawah, atas]; otherwise None."""
    t = (teks or "").strip()
    if not _BILANGAN.fullmatch(t):
        return None
    n = int(t)
    return n if bawah <= n <= atas else None


def id_atau_none(teks: str | None) -> int | None:
    """A row id from the address: a positive number a database can hold, or None."""
    return bilangan(teks, bawah=1)


def pilihan(
    request,
    nama: str,
    *,
    bawah: int,
    atas: int,
    bawaan: int,
    label: str,
    unduhan: bool = False,
    yang_ditampilkan: str = "",
) -> int:
    """The number ``?nama=`` asks for when it lies in [bawah, atas], else ``bawaan``.

    A page says which typed value it could not use and what it shows instead; a download (which
    has no page to say it on) refuses with a 404 that names the allowed range.
    """
    from django.contrib import messages
    from django.http import Http404

    teks = (request.GET.get(nama) or "").strip()
    n = bilangan(teks, bawah=bawah, atas=atas)
    if n is not None:
        return n
    if teks:
        rentang = (
            f"{bawah}–{atas}" if atas - bawah > 1 else f"{bawah} atau {atas}" if atas > bawah else str(bawah)
        )
        if unduhan:
            raise Http404(f"{label} “{teks[:20]}” tidak tersedia: pilih {label.lower()} {rentang}.")
        messages.warning(
            request,
            f"{label} “{teks[:20]}” tidak tersedia: pilih {label.lower()} {rentang}. "
            f"Ditampilkan {yang_ditampilkan or f'{label.lower()} {bawaan}'}.",
        )
    return bawaan
