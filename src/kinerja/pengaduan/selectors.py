"""Reads of complaints for other apps, per unit and quarter.

``monev`` computes the share of complaints followed up on time from here, not from the table.
"""

from __future__ import annotations

from django.db.models import Count, F, Q

from kinerja.layanan.selectors import Kelompok, kelompok_triwulan, rentang_tahun
from kinerja.pengaduan.models import Pengaduan


def tindak_lanjut_triwulan(unit_ids, mulai: int, akhir: int) -> Kelompok:
    """Per unit and quarter of receipt: ``dasar`` complaints not refused, of which ``tepat``
    followed up by their deadline."""

    def agregat(rentang):
        return {
            "dasar": Count("id", filter=rentang & ~Q(status="ditolak")),
            "tepat": Count("id", filter=rentang & Q(ditindaklanjuti_pada__date__lte=F("batas"))),
        }

    a, b = rentang_tahun(mulai, akhir)
    return kelompok_triwulan(
        Pengaduan.objects.filter(unit_id__in=unit_ids, diterima_pada__gte=a, diterima_pada__lt=b),
        "diterima_pada",
        agregat,
        mulai,
        akhir,
    )
