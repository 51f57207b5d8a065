"""Logging services at the counter, and what the log says: on time, to standard, volumes.

On time: the time from receipt to completion within the standard's jangka waktu — counted in
working days (the receipt day is day 1; weekends and recorded holidays skipped), calendar days,
hours or minutes, as the standard says. To standard: finished on time with the outcome the
standard prescribes — the product when the requirements were complete, a refusal with its
reason when they were not. Services passed to another agency are counted in the volume only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from kinerja.core.audit import catat
from kinerja.layanan.kalender import jumlah_hari_kerja, libur_antara
from kinerja.layanan.models import JenisLayanan, Pelayanan
from kinerja.wilayah.izin import pelaku_wajib, wajib_unit
from kinerja.wilayah.models import Unit

H = Pelayanan.Hasil
SELESAI_ATAU_DITOLAK = (H.SELESAI, H.DITOLAK)


def tepat_waktu(
    jenis: JenisLayanan, diterima: dt.datetime, selesai: dt.datetime, libur: set[dt.date] | None = None
) -> bool:
    """Was the service finished within the standard's time?"""
    satuan = jenis.satuan_waktu
    S = JenisLayanan.SatuanWaktu
    if satuan == S.MENIT:
        return selesai - diterima <= dt.timedelta(minutes=jenis.jangka_waktu)
    if satuan == S.JAM:
        return selesai - diterima <= dt.timedelta(hours=jenis.jangka_waktu)
    a, b = timezone.localtime(diterima).date(), timezone.localtime(selesai).date()
    if satuan == S.HARI:
        return (b - a).days + 1 <= jenis.jangka_waktu
    if libur is None:
        libur = libur_antara(a, b)
    return jumlah_hari_kerja(a, b, libur) <= jenis.jangka_waktu


def _nilai_akhir(p: Pelayanan, libur: set[dt.date] | None = None) -> None:
    """Fill on-time and to-standard for a finished service (None while it is open or passed on)."""
    if p.hasil not in SELESAI_ATAU_DITOLAK or p.selesai is None:
        p.tepat_waktu = p.sesuai_standar = None
        return
    p.tepat_waktu = tepat_waktu(p.jenis, p.diterima, p.selesai, libur)
    hasil_benar = (p.hasil == H.SELESAI and p.syarat_lengkap) or (
        p.hasil == H.DITOLAK and not p.syarat_lengkap
    )
    p.sesuai_standar = p.tepat_waktu and hasil_benar


def _cek(pengguna, unit: Unit) -> None:
    if not pelaku_wajib(pengguna).isi_unit(unit):
        raise PermissionDenied(f"Anda tidak berwenang mencatat pelayanan {unit.nama}.")


def _nomor_berikut(unit: Unit, hari: dt.date) -> str:
    awalan = f"{hari:%Y%m%d}-"
    terakhir = (
        Pelayanan.objects.filter(unit=unit, nomor__startswith=awalan)
        .order_by("-nomor")
        .values_list("nomor", flat=True)
        .first()
    )
    n = int(terakhir.rsplit("-", 1)[1]) + 1 if terakhir else 1
    return f"{awalan}{n:03d}"


def catat_pelayanan(
    *,
    pengguna,
    unit: Unit,
    jenis: JenisLayanan,
    syarat_lengkap: bool = True,
    hasil: str = H.PROSES,
    nama_pemohon: str = "",
    catatan: str = "",
    diterima: dt.datetime | None = None,
    selesai: dt.datetime | None = None,
) -> Pelayanan:
    """Log a service; an officer typically records it as finished on the spot."""
    _cek(pengguna, unit)
    if jenis.unit_id != unit.pk:
        raise ValidationError(f"Layanan '{jenis.nama}' bukan layanan {unit.nama}.")
    if hasil not in H.values:
        raise ValidationError("Hasil pelayanan tidak dikenal.")
    sekarang = timezone.now()
    diterima = diterima or sekarang
    if hasil != H.PROSES and selesai is None:
        selesai = sekarang
    if selesai is not None and selesai < diterima:
        raise ValidationError("Waktu selesai tidak boleh sebelum waktu diterima.")
    if diterima > sekarang + dt.timedelta(minutes=5):
        raise ValidationError("Waktu diterima tidak boleh di masa depan.")
    for _ in range(3):  # two counters numbering at once: the unique constraint decides, then retry
        try:
            with transaction.atomic():
                p = Pelayanan(
                    unit=unit,
                    jenis=jenis,
                    nomor=_nomor_berikut(unit, timezone.localtime(diterima).date()),
                    petugas=pengguna if getattr(pengguna, "pk", None) else None,
                    nama_pemohon=nama_pemohon.strip()[:150],
                    diterima=diterima,
                    selesai=selesai,
                    syarat_lengkap=syarat_lengkap,
                    hasil=hasil,
                    catatan=catatan.strip()[:300],
                )
                _nilai_akhir(p)
                p.save()
                catat(
                    aksi="pelayanan.catat",
                    objek=p,
                    pengguna=pengguna,
                    perubahan={"hasil": (None, hasil)},
                    pd=unit.pd,
                )
                return p
        except IntegrityError:
            continue
    raise ValidationError("Nomor register sedang dipakai loket lain; simpan sekali lagi.")


@transaction.atomic
def selesaikan(
    *, pengguna, pelayanan: Pelayanan, hasil: str, syarat_lengkap: bool | None = None
) -> Pelayanan:
    """Complete a service logged as still in process, the same day or later, now."""
    p = Pelayanan.objects.select_for_update().select_related("jenis", "unit__pd").get(pk=pelayanan.pk)
    _cek(pengguna, p.unit)
    if p.hasil != H.PROSES:
        raise ValidationError(f"Pelayanan {p.nomor} sudah berstatus {p.get_hasil_display().lower()}.")
    if hasil == H.PROSES or hasil not in H.values:
        raise ValidationError("Pilih hasil akhir pelayanan.")
    perubahan = {"hasil": (p.hasil, hasil)}
    p.hasil = hasil
    if syarat_lengkap is not None and syarat_lengkap != p.syarat_lengkap:
        perubahan["syarat_lengkap"] = (p.syarat_lengkap, syarat_lengkap)
        p.syarat_lengkap = syarat_lengkap
    # On time and to standard are judged from this moment, the completion, not from the receipt.
    p.selesai = timezone.now()
    perubahan["selesai"] = (None, timezone.localtime(p.selesai).strftime("%d-%m-%Y %H.%M"))
    _nilai_akhir(p)
    p.save()
    catat(aksi="pelayanan.selesai", objek=p, pengguna=pengguna, perubahan=perubahan, pd=p.unit.pd)
    return p


# --- what the log says -------------------------------------------------------------------------


@dataclass(frozen=True)
class Rekap:
    jumlah: int
    selesai: int  # finished (product or refusal)
    tepat_waktu: int
    sesuai_standar: int

    @staticmethod
    def _persen(a: int, b: int) -> Decimal | None:
        return Decimal(a) * 100 / Decimal(b) if b else None

    @property
    def persen_tepat_waktu(self) -> Decimal | None:
        return self._persen(self.tepat_waktu, self.selesai)

    @property
    def persen_sesuai_standar(self) -> Decimal | None:
        return self._persen(self.sesuai_standar, self.selesai)


_AGREGAT = {
    "jumlah": Count("id"),
    "selesai": Count("id", filter=Q(hasil__in=SELESAI_ATAU_DITOLAK)),
    "tepat_waktu": Count("id", filter=Q(hasil__in=SELESAI_ATAU_DITOLAK, tepat_waktu=True)),
    "sesuai_standar": Count("id", filter=Q(hasil__in=SELESAI_ATAU_DITOLAK, sesuai_standar=True)),
}


def rentang_waktu(mulai: dt.date, akhir: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[mulai 00:00, the day after akhir 00:00) in local time."""
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(mulai, dt.time(), tzinfo=tz),
        dt.datetime.combine(akhir + dt.timedelta(days=1), dt.time(), tzinfo=tz),
    )


def tahun_terakhir(*, pengguna, unit_ids: list[int]) -> int | None:
    """The latest year with a service logged at these units (None: nothing logged)."""
    wajib_unit(pengguna, unit_ids)
    akhir = Pelayanan.objects.filter(unit_id__in=unit_ids).aggregate(m=Max("diterima"))["m"]
    return timezone.localtime(akhir).year if akhir else None


def rekap(
    *, pengguna, unit_ids: list[int], mulai: dt.date, akhir: dt.date, jenis_id: int | None = None
) -> Rekap:
    wajib_unit(pengguna, unit_ids)
    a, b = rentang_waktu(mulai, akhir)
    qs = Pelayanan.objects.filter(unit_id__in=unit_ids, diterima__gte=a, diterima__lt=b)
    if jenis_id:
        qs = qs.filter(jenis_id=jenis_id)
    return Rekap(**qs.aggregate(**_AGREGAT))


def rekap_per(
    *, pengguna, unit_ids: list[int], mulai: dt.date, akhir: dt.date, per: str
) -> list[tuple[object, Rekap]]:
    """Per unit ("unit"), per service ("jenis") or per month ("bulan"), in one grouped query."""
    wajib_unit(pengguna, unit_ids)
    a, b = rentang_waktu(mulai, akhir)
    qs = Pelayanan.objects.filter(unit_id__in=unit_ids, diterima__gte=a, diterima__lt=b)
    if per == "bulan":
        qs = qs.annotate(bulan=TruncMonth("diterima")).values("bulan")
        kunci = "bulan"
    else:
        kunci = {"unit": "unit_id", "jenis": "jenis_id"}[per]
        qs = qs.values(kunci)
    hasil = []
    for r in qs.annotate(**_AGREGAT).order_by(kunci):
        k = r.pop(kunci)
        if per == "bulan" and isinstance(k, dt.datetime):
            k = timezone.localtime(k).date() if timezone.is_aware(k) else k.date()
        hasil.append((k, Rekap(**r)))
    return hasil
