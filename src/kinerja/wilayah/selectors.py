"""Reads of the region's records for other apps (and the region's own pages).

The callers have checked who may read (a PD member); these take unit ids and return values.
Density is people per km² rounded to whole people (``core.pembulatan``), from one year's records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from kinerja.core.pembulatan import bulat
from kinerja.wilayah.models import Penduduk, RukunTetangga, Unit


def kepadatan(jumlah: int | None, luas: Decimal | None) -> Decimal | None:
    """People per km², whole; None when either figure is missing."""
    if jumlah is None or not luas:
        return None
    return bulat(Decimal(jumlah) / luas, 0)


def penduduk_terakhir(unit_ids) -> dict[int, Penduduk]:
    """unit id → its population record of the latest year it has one for."""
    hasil: dict[int, Penduduk] = {}
    for p in Penduduk.objects.filter(unit_id__in=list(unit_ids)).order_by("unit_id", "tahun"):
        hasil[p.unit_id] = p
    return hasil


def penduduk_tahun(unit_ids, tahun: int) -> dict[int, Penduduk]:
    """unit id → its population record of ``tahun``."""
    return {p.unit_id: p for p in Penduduk.objects.filter(unit_id__in=list(unit_ids), tahun=tahun)}


def tahun_penduduk(unit_ids) -> list[int]:
    """The years with a population record for any of the units, latest first."""
    return sorted(
        set(Penduduk.objects.filter(unit_id__in=list(unit_ids)).values_list("tahun", flat=True)), reverse=True
    )


def hitung_rt(unit_ids) -> dict[int, tuple[int, int]]:
    """unit id → (RW, RT) counts of its active RTs."""
    baris = (
        RukunTetangga.objects.filter(unit_id__in=list(unit_ids), aktif=True)
        .values("unit_id")
        .annotate(rt=Count("id"), rw=Count("rw", distinct=True))
    )
    return {b["unit_id"]: (b["rw"], b["rt"]) for b in baris}


@dataclass
class BarisWilayah:
    unit: Unit
    jumlah_rw: int = 0
    jumlah_rt: int = 0
    penduduk: Penduduk | None = None

    @property
    def kepadatan(self) -> Decimal | None:
        return kepadatan(self.penduduk.jumlah if self.penduduk else None, self.unit.luas_km2)


@dataclass
class Ringkasan:
    """The kelurahan of a PD in one year: each row, and the totals over the rows with figures."""

    tahun: int | None
    baris: list[BarisWilayah] = field(default_factory=list)

    @property
    def luas(self) -> Decimal:
        return sum((b.unit.luas_km2 for b in self.baris if b.unit.luas_km2), Decimal(0))

    def _jumlah(self, medan: str) -> int | None:
        nilai = [getattr(b.penduduk, medan) if b.penduduk else None for b in self.baris]
        return None if not nilai or None in nilai else sum(nilai)

    @property
    def laki_laki(self) -> int | None:
        return self._jumlah("laki_laki")

    @property
    def perempuan(self) -> int | None:
        return self._jumlah("perempuan")

    @property
    def jumlah(self) -> int | None:
        """All kelurahan's total, None unless every kelurahan has one for the year."""
        return self._jumlah("jumlah")

    @property
    def terhitung(self) -> list[BarisWilayah]:
        """The rows with both an area and a total population: what a density can be computed over."""
        return [b for b in self.baris if b.penduduk and b.penduduk.jumlah is not None and b.unit.luas_km2]

    @property
    def kepadatan(self) -> Decimal | None:
        """Density over the rows that have both figures (all of them when the year is complete)."""
        t = self.terhitung
        if not t:
            return None
        return kepadatan(sum(b.penduduk.jumlah for b in t), sum((b.unit.luas_km2 for b in t), Decimal(0)))

    @property
    def jumlah_terhitung(self) -> int:
        return sum(b.penduduk.jumlah for b in self.terhitung)

    @property
    def luas_terhitung(self) -> Decimal:
        return sum((b.unit.luas_km2 for b in self.terhitung), Decimal(0))


JENIS_WILAYAH = (Unit.Jenis.KELURAHAN, Unit.Jenis.DESA)


def kelurahan_pd(pd_id: int) -> list[Unit]:
    """The PD's kelurahan (and desa), in the plan's order."""
    return list(Unit.objects.filter(pd_id=pd_id, jenis__in=JENIS_WILAYAH).order_by("urutan", "nama"))


def ringkasan_wilayah(units: list[Unit], tahun: int | None = None, *, rt: bool = True) -> Ringkasan:
    """Area, RW/RT counts (unless ``rt`` is False) and population of ``tahun`` (default: the latest
    year any unit has); one query for the population of every year, one for the RT counts."""
    ids = [u.pk for u in units]
    semua = list(Penduduk.objects.filter(unit_id__in=ids)) if ids else []
    if tahun is None and semua:
        tahun = max(p.tahun for p in semua)
    penduduk = {p.unit_id: p for p in semua if p.tahun == tahun}
    jumlah_rt = hitung_rt(ids) if rt and ids else {}
    return Ringkasan(
        tahun=tahun,
        baris=[BarisWilayah(u, *jumlah_rt.get(u.pk, (0, 0)), penduduk=penduduk.get(u.pk)) for u in units],
    )
