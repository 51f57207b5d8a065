"""The period of the statistics pages (services, survey, complaints): ``?tahun=&sampai=``.

Without a year the pages show the latest year that has data (the sample's records are from
2022; an empty current year would show nothing) and say so.  A year or quarter that cannot be
used is named in a message, the page shows the default instead, and the year field keeps what
was typed so it can be corrected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from kinerja.core.parameter import TAHUN_TERBESAR, TAHUN_TERKECIL, bilangan


@dataclass(frozen=True)
class Periode:
    tahun: int
    sampai: int  # the period runs from 1 January to the end of this quarter
    mulai: dt.date
    akhir: dt.date
    tahun_data: int | None  # the latest year with data (None: no data at all)
    bawaan: bool  # no usable year was asked for: the latest year with data is shown
    tahun_ketik: str  # the year field as typed, kept for the form
    pesan: tuple[str, ...] = ()


def akhir_triwulan(tahun: int, triwulan: int) -> dt.date:
    bulan_berikut = dt.date(tahun + 1, 1, 1) if triwulan == 4 else dt.date(tahun, 3 * triwulan + 1, 1)
    return bulan_berikut - dt.timedelta(days=1)


def baca_periode(request, *, tahun_terakhir: Callable[[], int | None]) -> Periode:
    """The period asked for in the address; ``tahun_terakhir`` gives the latest year with data."""
    pesan = []
    tahun_data = tahun_terakhir()
    teks_tahun = (request.GET.get("tahun") or "").strip()
    tahun = bilangan(teks_tahun, bawah=TAHUN_TERKECIL, atas=TAHUN_TERBESAR)
    bawaan = tahun is None
    if bawaan:
        tahun = tahun_data or timezone.localdate().year
        if teks_tahun:
            pesan.append(
                f"Tahun “{teks_tahun[:20]}” tidak dapat dipakai: isi tahun {TAHUN_TERKECIL}–{TAHUN_TERBESAR}. "
                f"Ditampilkan tahun {tahun}."
            )
    teks_sampai = (request.GET.get("sampai") or "").strip()
    sampai = bilangan(teks_sampai, bawah=1, atas=4)
    if sampai is None:
        if teks_sampai:
            pesan.append(
                f"Triwulan “{teks_sampai[:20]}” tidak dikenal: pilih triwulan 1–4. Ditampilkan s.d. triwulan 4."
            )
        sampai = 4
    return Periode(
        tahun=tahun,
        sampai=sampai,
        mulai=dt.date(tahun, 1, 1),
        akhir=akhir_triwulan(tahun, sampai),
        tahun_data=tahun_data,
        bawaan=bawaan,
        tahun_ketik=teks_tahun if bawaan and teks_tahun else str(tahun),
        pesan=tuple(pesan),
    )
