"""The NIP (Nomor Induk Pegawai) of a civil servant: 18 digits, written in four groups.

The groups are the date of birth (8), the month and year of appointment (6), the sex (1)
and a serial number (3), e.g. "19730304 199311 1 002" (PP 11/2017 and the BKN's notation).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

_BUKAN_ANGKA = re.compile(r"[\s.\-]")


def normal_nip(teks: str | None, *, wajib: bool = False, label: str = "NIP") -> str:
    """A NIP as written on signed documents ("19730304 199311 1 002"), or "" when left empty.

    Spaces, dots and dashes between the digits are accepted; anything else, or a number of
    digits other than 18, is refused with a message saying what a NIP looks like.
    """
    mentah = (teks or "").strip()
    if not mentah:
        if wajib:
            raise ValidationError(f"Tulis {label} (18 angka, mis. 19730304 199311 1 002).")
        return ""
    angka = _BUKAN_ANGKA.sub("", mentah)
    if not angka.isdigit() or len(angka) != 18:
        raise ValidationError(
            f"{label} '{mentah}' tidak sah: NIP terdiri atas 18 angka, mis. 19730304 199311 1 002."
        )
    return f"{angka[:8]} {angka[8:14]} {angka[14]} {angka[15:]}"
