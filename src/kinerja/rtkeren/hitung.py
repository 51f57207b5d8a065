"""Penyerapan and *berdaya*, computed from the RT Keren records; nothing of it is stored.

For an RT and a year, up to a date (the year's end unless asked otherwise):

* ``rembug`` — the rembug warga it held in that year up to the date;
* ``pagu`` — its allocation for the year; ``realisasi`` — what was spent up to the date on the
  activities of that year's proposals; ``penyerapan`` = realisasi ÷ pagu × 100 %;
* **berdaya** — at least ``Pengaturan.minimal_rembug`` rembug and penyerapan at least
  ``Pengaturan.ambang_serapan`` (compared exactly, before rounding: 74,996 % is not 75 %).

A kelurahan is **berdaya** when at least ``Pengaturan.ambang_kelurahan`` % of its RTs are. An RT
counts for a year when it is active or has an allocation in that year.

Every figure is read in a fixed number of grouped queries whatever the number of RTs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, DecimalField, IntegerField, OuterRef, Q, Subquery, Sum

from kinerja.core import pembulatan
from kinerja.renstra.models import Pagu
from kinerja.wilayah.models import PerangkatDaerah, RukunTetangga, Unit

from .models import Alokasi, Pengaturan, RealisasiRt, RembugWarga


@dataclass
class KeadaanRt:
    rt_id: int
    unit_id: int
    rw: int
    nomor: int
    ketua: str
    rembug: int
    pagu: Decimal | None
    realisasi: Decimal
    penyerapan: Decimal | None
    serapan_cukup: bool
    berdaya: bool

    @property
    def nama(self) -> str:
        return f"RT {self.nomor:03d}/RW {self.rw:03d}"


@dataclass
class KeadaanKelurahan:
    unit_id: int
    nama: str
    nama_pendek: str
    jumlah_rt: int
    rt_rembug: int
    rt_serapan: int
    rt_berdaya: int
    persen_rt_berdaya: Decimal | None
    berdaya: bool
    pagu: Decimal
    realisasi: Decimal
    penyerapan: Decimal | None
    pagu_rencana: Decimal | None

    @property
    def selisih_pagu(self) -> Decimal | None:
        """RT allocations minus the kelurahan's pagu in the plan (None when either is missing)."""
        if self.pagu_rencana is None or not self.pagu:
            return None
        return self.pagu - self.pagu_rencana


def pengaturan_pd(pd: PerangkatDaerah) -> Pengaturan:
    return Pengaturan.untuk(pd.pemda_id)


def _akhir_tahun(tahun: int, sampai: dt.date | None) -> dt.date:
    akhir = dt.date(tahun, 12, 31)
    return akhir if sampai is None or sampai > akhir else sampai


def persen(pembilang, penyebut) -> Decimal | None:
    """pembilang ÷ penyebut × 100, rounded half up to two decimals, exactly (``core.pembulatan``)."""
    return pembulatan.persen(pembilang, penyebut)


class DataRt(NamedTuple):
    pk: int
    unit_id: int
    rw: int
    nomor: int
    ketua: str


def _satu_kueri(unit_ids, tahun: int, sampai: dt.date):
    """Each RT counted in the year with its allocation, rembug count and spending: one query, the
    three figures as correlated subqueries."""
    alokasi = Alokasi.objects.filter(rt=OuterRef("pk"), tahun=tahun).order_by().values("pagu")[:1]
    rembug = (
        RembugWarga.objects.filter(rt=OuterRef("pk"), tanggal__gte=dt.date(tahun, 1, 1), tanggal__lte=sampai)
        .order_by()
        .values("rt")
        .annotate(n=Count("id"))
        .values("n")
    )
    belanja = (
        RealisasiRt.objects.filter(
            kegiatan__usulan__rembug__rt=OuterRef("pk"), kegiatan__usulan__tahun=tahun, tanggal__lte=sampai
        )
        .order_by()
        .values("kegiatan__usulan__rembug__rt")
        .annotate(s=Sum("jumlah"))
        .values("s")
    )
    return (
        RukunTetangga.objects.filter(unit_id__in=unit_ids)
        .annotate(
            pagu=Subquery(alokasi, output_field=DecimalField(max_digits=15, decimal_places=0)),
            n_rembug=Subquery(rembug, output_field=IntegerField()),
            belanja=Subquery(belanja, output_field=DecimalField(max_digits=20, decimal_places=0)),
        )
        .filter(Q(aktif=True) | Q(pagu__isnull=False))
        .order_by("unit__urutan", "unit_id", "rw", "nomor")
        .values_list("pk", "unit_id", "rw", "nomor", "ketua", "n_rembug", "pagu", "belanja")
    )


def serapan_cukup(realisasi, pagu, atur: Pengaturan) -> bool:
    """Spent at least the threshold share of a (non-zero) pagu, compared exactly."""
    return bool(pagu) and realisasi * 100 >= atur.ambang_serapan * pagu


def rt_berdaya(cukup: bool, rembug: int, atur: Pengaturan) -> bool:
    """The pemda's definition of an RT berdaya: enough penyerapan and enough rembug warga."""
    return cukup and rembug >= atur.minimal_rembug


def nilai_rt(rt: DataRt, rembug: int, pagu: Decimal | None, realisasi, atur: Pengaturan) -> KeadaanRt:
    """One RT's figures and whether it is berdaya under these settings."""
    realisasi = Decimal(realisasi or 0)
    cukup = serapan_cukup(realisasi, pagu, atur)
    return KeadaanRt(
        rt_id=rt.pk,
        unit_id=rt.unit_id,
        rw=rt.rw,
        nomor=rt.nomor,
        ketua=rt.ketua,
        rembug=rembug,
        pagu=pagu,
        realisasi=realisasi,
        penyerapan=persen(realisasi, pagu),
        serapan_cukup=cukup,
        berdaya=rt_berdaya(cukup, rembug, atur),
    )


def keadaan_rt(unit_ids, tahun: int, sampai: dt.date | None = None, pengaturan: Pengaturan | None = None):
    """Each RT of these kelurahan in the year up to ``sampai``: list of ``KeadaanRt``."""
    unit_ids = list(unit_ids)
    if pengaturan is None:
        pemda = Unit.objects.filter(pk__in=unit_ids).values_list("pd__pemda_id", flat=True).first()
        pengaturan = Pengaturan.untuk(pemda)
    akhir = _akhir_tahun(tahun, sampai)
    return [
        nilai_rt(DataRt(pk, unit, rw, nomor, ketua), rembug or 0, pagu, belanja, pengaturan)
        for pk, unit, rw, nomor, ketua, rembug, pagu, belanja in _satu_kueri(unit_ids, tahun, akhir)
    ]


def ringkas(unit: Unit, daftar: list[KeadaanRt], atur: Pengaturan, pagu_rencana=None) -> KeadaanKelurahan:
    """A kelurahan's figures from its RTs' ones."""
    n = len(daftar)
    berdaya = sum(k.berdaya for k in daftar)
    pagu = sum((k.pagu or Decimal(0) for k in daftar), Decimal(0))
    realisasi = sum((k.realisasi for k in daftar), Decimal(0))
    return KeadaanKelurahan(
        unit_id=unit.pk,
        nama=unit.nama,
        nama_pendek=unit.nama_pendek,
        jumlah_rt=n,
        rt_rembug=sum(k.rembug >= 1 for k in daftar),
        rt_serapan=sum(k.serapan_cukup for k in daftar),
        rt_berdaya=berdaya,
        persen_rt_berdaya=persen(berdaya, n),
        berdaya=n > 0 and berdaya * 100 >= Decimal(atur.ambang_kelurahan) * n,
        pagu=pagu,
        realisasi=realisasi,
        penyerapan=persen(realisasi, pagu),
        pagu_rencana=pagu_rencana,
    )


def _pagu_rencana(unit_ids, tahun: int) -> dict[int, Decimal]:
    """Per kelurahan: its pagu in the plan for the sub kegiatan its RTs' allocations are charged to."""
    node = (
        Alokasi.objects.filter(rt__unit_id__in=unit_ids, tahun=tahun, sub_kegiatan__isnull=False)
        .order_by()
        .values("sub_kegiatan_id")
    )
    hasil: dict[int, Decimal] = defaultdict(Decimal)
    for lok, jumlah in (
        Pagu.objects.filter(node_id__in=Subquery(node), lokasi_id__in=unit_ids, tahun=tahun)
        .order_by()
        .values_list("lokasi_id", "jumlah")
    ):
        hasil[lok] += jumlah
    return dict(hasil)


def kelurahan_pd(pd: PerangkatDaerah) -> list[Unit]:
    return list(
        pd.unit_set.filter(jenis__in=[Unit.Jenis.KELURAHAN, Unit.Jenis.DESA]).order_by("urutan", "nama")
    )


def keadaan_kelurahan(
    pd: PerangkatDaerah, tahun: int, sampai: dt.date | None = None
) -> list[KeadaanKelurahan]:
    """Each kelurahan (or desa) of the PD in the year up to ``sampai``."""
    kel = kelurahan_pd(pd)
    atur = pengaturan_pd(pd)
    ids = [u.pk for u in kel]
    per_unit: dict[int, list[KeadaanRt]] = defaultdict(list)
    for k in keadaan_rt(ids, tahun, sampai, atur):
        per_unit[k.unit_id].append(k)
    rencana = _pagu_rencana(ids, tahun)
    return [ringkas(u, per_unit[u.pk], atur, rencana.get(u.pk)) for u in kel]
