"""The sample's units, demo accounts and rows, as the monitoring tests use them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kinerja.monev.models import Laporan, Realisasi
from kinerja.renstra.models import Indikator, RenstraVersi, Target
from kinerja.wilayah.models import Unit


@dataclass
class Sampel:
    versi: RenstraVersi
    unit: dict[str, Unit]

    def baris(self, unit: str, tahun: int = 2022) -> Indikator:
        """The first indicator with a target at this unit in the year."""
        t = (
            Target.objects.filter(indikator__node__versi=self.versi, lokasi=self.unit[unit], tahun=tahun)
            .select_related("indikator__node__versi__pd")
            .order_by("indikator__node__urutan", "indikator__urutan")
            .first()
        )
        return t.indikator

    def laporan(self, unit: str, tw: int, tahun: int = 2022) -> Laporan:
        return Laporan.objects.get(unit=self.unit[unit], tahun=tahun, triwulan=tw)

    def realisasi(self, unit: str, tw: int, tahun: int = 2022) -> Realisasi | None:
        return Realisasi.objects.filter(
            indikator=self.baris(unit, tahun), lokasi=self.unit[unit], tahun=tahun, triwulan=tw
        ).first()


@pytest.fixture
def sampel(versi_sampel) -> Sampel:
    return Sampel(versi_sampel, {u.nama_pendek: u for u in Unit.objects.filter(pd=versi_sampel.pd)})
