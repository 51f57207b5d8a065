"""Reads of complaints for other apps, per unit and quarter.

``monev`` computes the share of complaints followed up on time from here, not from the table;
the public portal reads the monthly statistics (counts only, never the reporter or the text).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils import timezone

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


def tahun_pengaduan(unit_ids) -> list[int]:
    """The years (local time) in which these units received a complaint, in order."""
    qs = Pengaduan.objects.filter(unit_id__in=unit_ids).datetimes("diterima_pada", "year")
    return sorted({timezone.localtime(w).year for w in qs})


@dataclass
class StatistikBulan:
    """Complaints of one month of receipt, category and status — counts only, nothing personal.

    ``tepat`` were followed up by their deadline (as ``tindak_lanjut_triwulan`` counts them);
    ``detik_tanggap`` is the total time from receipt to follow-up of the ``ditanggapi`` ones."""

    bulan: int
    kategori_id: int
    status: str
    jumlah: int = 0
    ditanggapi: int = 0
    tepat: int = 0
    menunggu: int = 0  # not followed up yet and still within the deadline on ``hari_ini``
    detik_tanggap: int = 0


def statistik_bulanan(unit_ids, tahun: int, hari_ini=None) -> list[StatistikBulan]:
    """Per month of receipt × category × status of one year (local time), in that order."""
    hari_ini = hari_ini or timezone.localdate()
    a, b = rentang_tahun(tahun, tahun)
    hasil: dict[tuple[int, int, str], StatistikBulan] = {}
    baris = Pengaduan.objects.filter(
        unit_id__in=unit_ids, diterima_pada__gte=a, diterima_pada__lt=b
    ).values_list("diterima_pada", "kategori_id", "status", "batas", "ditindaklanjuti_pada")
    for diterima, kategori_id, status, batas, tindak in baris:
        bulan = timezone.localtime(diterima).month
        s = hasil.setdefault((bulan, kategori_id, status), StatistikBulan(bulan, kategori_id, status))
        s.jumlah += 1
        if tindak is not None:
            s.ditanggapi += 1
            s.detik_tanggap += int((tindak - diterima).total_seconds())
            if timezone.localtime(tindak).date() <= batas:
                s.tepat += 1
        elif batas >= hari_ini:
            s.menunggu += 1
    return [hasil[k] for k in sorted(hasil)]
