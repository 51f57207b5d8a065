"""The quarters monev closes: registered in ``core.kunci`` by ``MonevConfig.ready``."""

from __future__ import annotations

from django.db.models import Q

from kinerja.monev.models import Laporan
from kinerja.wilayah.models import Unit


def ikm_terlapor(unit: Unit, tahun: int, triwulan: int) -> bool:
    """Whether the quarter's IKM is already reported: the report of the unit, or of the PD's office
    (which reports the PD-wide IKM), is submitted or verified."""
    S = Laporan.Status
    return Laporan.objects.filter(
        Q(unit_id=unit.pk)
        | Q(unit__pd_id=unit.pd_id, unit__jenis=Unit.Jenis.KANTOR, unit__induk__isnull=True),
        tahun=tahun,
        triwulan=triwulan,
        status__in=[S.DIAJUKAN, S.DIVERIFIKASI],
    ).exists()
