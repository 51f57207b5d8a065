"""Writes (and the pages' reads) of the region's records: kelurahan area, RT, population per year.

The PD's admin (or a superuser) writes; any member of the PD reads. Every write runs in one
transaction with its audit entry; a refused value raises ``ValidationError`` with a message per
field and writes nothing.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.core.audit import catat
from kinerja.wilayah import isian as cek
from kinerja.wilayah import selectors
from kinerja.wilayah.izin import pelaku_wajib
from kinerja.wilayah.models import Penduduk, PerangkatDaerah, RukunTetangga, Unit

TOLAK_UBAH = (
    "Data wilayah hanya dapat diubah oleh administrator perangkat daerah ini; "
    "Anda dapat membacanya tanpa mengubah."
)
TOLAK_BACA = "Anda tidak mempunyai peran di perangkat daerah ini."
JENIS_WILAYAH = selectors.JENIS_WILAYAH


def _wajib_kelola(pengguna, pd_id: int) -> None:
    if not pelaku_wajib(pengguna).kelola_pd(pd_id):
        raise PermissionDenied(TOLAK_UBAH)


def _wajib_baca(pengguna, pd_id: int) -> None:
    if not pelaku_wajib(pengguna).anggota_pd(pd_id):
        raise PermissionDenied(TOLAK_BACA)


def _wajib_kelurahan(unit: Unit) -> None:
    if unit.jenis not in JENIS_WILAYAH:
        raise ValidationError(
            f"{unit.nama} bukan kelurahan atau desa: luas, RT dan penduduk dicatat per kelurahan."
        )


def boleh_kelola(*, pengguna, pd: PerangkatDaerah) -> bool:
    """Whether the actor may edit the PD's region (pages show edit forms only then)."""
    _wajib_baca(pengguna, pd.pk)
    return pelaku_wajib(pengguna).kelola_pd(pd.pk)


def baca_wilayah(*, pengguna, pd: PerangkatDaerah, tahun: int | None = None) -> selectors.Ringkasan:
    """The PD's kelurahan with area, RW/RT and the population of ``tahun`` (default the latest)."""
    _wajib_baca(pengguna, pd.pk)
    return selectors.ringkasan_wilayah(selectors.kelurahan_pd(pd.pk), tahun)


def baca_kelurahan(*, pengguna, unit: Unit) -> dict:
    """A kelurahan's RTs (grouped by RW, inactive ones too) and its population per year."""
    _wajib_baca(pengguna, unit.pd_id)
    rw: dict[int, list[RukunTetangga]] = {}
    for rt in RukunTetangga.objects.filter(unit=unit).order_by("rw", "nomor"):
        rw.setdefault(rt.rw, []).append(rt)
    penduduk = list(Penduduk.objects.filter(unit=unit).order_by("-tahun"))
    for p in penduduk:
        p.kepadatan = selectors.kepadatan(p.jumlah, unit.luas_km2)
    return {"rw": sorted(rw.items()), "penduduk": penduduk}


def _galat(galat: cek.Galat) -> None:
    if galat:
        raise ValidationError(galat)


@transaction.atomic
def ubah_luas(*, pengguna, unit: Unit, luas: object) -> bool:
    """Set a kelurahan's area (km²); False when it was already that."""
    _wajib_kelola(pengguna, unit.pd_id)
    _wajib_kelurahan(unit)
    galat: cek.Galat = {}
    baru = cek.coba(galat, "luas_km2", cek.baca_luas, luas)
    _galat(galat)
    lama = unit.luas_km2
    if lama is not None and lama == baru:
        return False
    unit.luas_km2 = baru
    unit.save(update_fields=["luas_km2"])
    catat(
        aksi="wilayah.luas", objek=unit, pengguna=pengguna, perubahan={"luas_km2": (lama, baru)}, pd=unit.pd
    )
    return True


def _rt_unik(unit: Unit, v: dict, kecuali: int | None = None) -> None:
    qs = RukunTetangga.objects.filter(unit=unit, rw=v["rw"], nomor=v["nomor"])
    if kecuali:
        qs = qs.exclude(pk=kecuali)
    if qs.exists():
        raise ValidationError(
            {
                "nomor": [
                    f"RT {v['nomor']:03d}/RW {v['rw']:03d} sudah ada di {unit.nama}; ubah baris yang ada."
                ]
            }
        )


@transaction.atomic
def tambah_rt(*, pengguna, unit: Unit, isian: dict) -> RukunTetangga:
    """Add an RT to a kelurahan: RW, number (unique in the kelurahan's RW), ketua, optional point."""
    _wajib_kelola(pengguna, unit.pd_id)
    _wajib_kelurahan(unit)
    v, galat = cek.periksa_rt(isian)
    _galat(galat)
    _rt_unik(unit, v)
    rt = RukunTetangga.objects.create(unit=unit, **v)
    catat(
        aksi="wilayah.rt_tambah",
        objek=rt,
        pengguna=pengguna,
        perubahan={k: (None, x) for k, x in v.items() if x not in (None, "")},
        pd=unit.pd,
    )
    return rt


@transaction.atomic
def ubah_rt(*, pengguna, rt: RukunTetangga, isian: dict) -> list[str]:
    """Change an RT's RW, number, ketua or point; returns the fields changed."""
    unit = rt.unit
    _wajib_kelola(pengguna, unit.pd_id)
    v, galat = cek.periksa_rt(isian)
    _galat(galat)
    _rt_unik(unit, v, kecuali=rt.pk)
    perubahan = {k: (getattr(rt, k), x) for k, x in v.items() if getattr(rt, k) != x}
    if perubahan:
        for k, (_, x) in perubahan.items():
            setattr(rt, k, x)
        rt.save(update_fields=list(perubahan))
        catat(aksi="wilayah.rt_ubah", objek=rt, pengguna=pengguna, perubahan=perubahan, pd=unit.pd)
    return list(perubahan)


@transaction.atomic
def ubah_status_rt(*, pengguna, rt: RukunTetangga, aktif: bool) -> bool:
    """Deactivate (merged, dissolved) or reactivate an RT; its past years stay. False if unchanged."""
    _wajib_kelola(pengguna, rt.unit.pd_id)
    if rt.aktif == aktif:
        return False
    rt.aktif = aktif
    rt.save(update_fields=["aktif"])
    catat(
        aksi="wilayah.rt_aktif" if aktif else "wilayah.rt_nonaktif",
        objek=rt,
        pengguna=pengguna,
        perubahan={"aktif": (not aktif, aktif)},
        pd=rt.unit.pd,
    )
    return True


def _penduduk_unik(unit: Unit, tahun: int, kecuali: int | None = None) -> None:
    qs = Penduduk.objects.filter(unit=unit, tahun=tahun)
    if kecuali:
        qs = qs.exclude(pk=kecuali)
    if qs.exists():
        raise ValidationError(
            {"tahun": [f"Penduduk {unit.nama} tahun {tahun} sudah ada; ubah baris tahun itu."]}
        )


@transaction.atomic
def tambah_penduduk(*, pengguna, unit: Unit, isian: dict) -> Penduduk:
    """Add the population of a kelurahan for a year (one record per year)."""
    _wajib_kelola(pengguna, unit.pd_id)
    _wajib_kelurahan(unit)
    v, galat = cek.periksa_penduduk(isian)
    _galat(galat)
    _penduduk_unik(unit, v["tahun"])
    p = Penduduk.objects.create(unit=unit, **v)
    catat(
        aksi="wilayah.penduduk_tambah",
        objek=p,
        pengguna=pengguna,
        perubahan={k: (None, x) for k, x in v.items() if x not in (None, "")},
        pd=unit.pd,
    )
    return p


@transaction.atomic
def ubah_penduduk(*, pengguna, penduduk: Penduduk, isian: dict) -> list[str]:
    """Change a population record (its year too, if no other record has it); the fields changed."""
    unit = penduduk.unit
    _wajib_kelola(pengguna, unit.pd_id)
    v, galat = cek.periksa_penduduk(isian)
    _galat(galat)
    _penduduk_unik(unit, v["tahun"], kecuali=penduduk.pk)
    perubahan = {k: (getattr(penduduk, k), x) for k, x in v.items() if getattr(penduduk, k) != x}
    if perubahan:
        for k, (_, x) in perubahan.items():
            setattr(penduduk, k, x)
        penduduk.save(update_fields=list(perubahan))
        catat(
            aksi="wilayah.penduduk_ubah", objek=penduduk, pengguna=pengguna, perubahan=perubahan, pd=unit.pd
        )
    return list(perubahan)
