"""The quarters monev closes: registered in ``core.kunci`` by ``MonevConfig.ready``."""

from __future__ import annotations

from django.db.models import Q

from kinerja.core.kueri_tetap import KueriTetap
from kinerja.monev.models import Laporan
from kinerja.wilayah.models import Unit


def _terlapor(unit_id: int, pd_id: int, tahun: int, triwulan: int):
    S = Laporan.Status
    return (
        Laporan.objects.filter(
            Q(unit_id=unit_id)
            | Q(unit__pd_id=pd_id, unit__jenis=Unit.Jenis.KANTOR, unit__induk__isnull=True),
            tahun=tahun,
            triwulan=triwulan,
            status__in=[S.DIAJUKAN, S.DIVERIFIKASI],
        )
        .order_by()
        .only("pk")[:1]
    )


# Asked for every kiosk answer: read each time (a report just submitted closes its quarter at once),
# with SQL compiled once.
_TERLAPOR = KueriTetap(_terlapor)


def ikm_terlapor(unit: Unit, tahun: int, triwulan: int) -> bool:
    """Whether the quarter's IKM is already reported: the report of the unit, or of the PD's office
    (which reports the PD-wide IKM), is submitted or verified."""
    return bool(_TERLAPOR.daftar(unit.pk, unit.pd_id, tahun, triwulan))
