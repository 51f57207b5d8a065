"""Working days: Monday to Friday, minus the public holidays and collective leave days recorded."""

from __future__ import annotations

import datetime as dt

SATU_HARI = dt.timedelta(days=1)


def hari_kerja(tanggal: dt.date, libur: set[dt.date]) -> bool:
    return tanggal.weekday() < 5 and tanggal not in libur


def jumlah_hari_kerja(mulai: dt.date, selesai: dt.date, libur: set[dt.date]) -> int:
    """Working days from ``mulai`` through ``selesai``, both counted: a service finished on the
    day it was received took 1 working day."""
    if selesai < mulai:
        return 0
    n, d = 0, mulai
    while d <= selesai:
        n += hari_kerja(d, libur)
        d += SATU_HARI
    return max(n, 1)


def tambah_hari_kerja(mulai: dt.date, n: int, libur: set[dt.date]) -> dt.date:
    """The date by which something due in ``n`` working days, counting ``mulai`` as the first, is due."""
    d = mulai
    while not hari_kerja(d, libur):
        d += SATU_HARI
    hitung = 1
    while hitung < n:
        d += SATU_HARI
        if hari_kerja(d, libur):
            hitung += 1
    return d


def libur_antara(mulai: dt.date, selesai: dt.date) -> set[dt.date]:
    from kinerja.layanan.models import HariLibur

    return set(
        HariLibur.objects.filter(tanggal__gte=mulai, tanggal__lte=selesai).values_list("tanggal", flat=True)
    )
