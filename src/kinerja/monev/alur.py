"""The quarterly report workflow: draft → diajukan → diverifikasi, or dikembalikan; withdrawn
back to draft by its operator before it is verified; reopened by a verifier.

Each action checks who may take it, moves the report in one transaction and records an
audit entry. A page that was open while someone else moved the report is told so
(``Bentrok``) and nothing changes.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.core.audit import catat
from kinerja.monev import persetujuan
from kinerja.monev.models import Laporan
from kinerja.monev.selectors import baris_kosong, muat_evaluasi
from kinerja.monev.services import Bentrok, alasan_terkunci, batas, cek_terbuka, hari_ini
from kinerja.renstra.models import RenstraVersi
from kinerja.renstra.selectors import versi_utama
from kinerja.wilayah.izin import pelaku_wajib

S = Laporan.Status


class BarisKosong(ValidationError):
    """A quarter submitted with empty rows: listed, and submitted only when confirmed."""

    def __init__(self, nama: list[str]):
        super().__init__(
            f"{len(nama)} baris masih kosong: "
            + "; ".join(nama)
            + ". Isi dulu, atau tetap ajukan bila memang "
            "belum ada datanya (jelaskan pada faktor penghambat)."
        )
        self.nama = nama


ALUR = {
    "ajukan": ({S.DRAFT, S.DIKEMBALIKAN}, S.DIAJUKAN),
    "tarik": ({S.DIAJUKAN}, S.DRAFT),
    "verifikasi": ({S.DIAJUKAN}, S.DIVERIFIKASI),
    "kembalikan": ({S.DIAJUKAN}, S.DIKEMBALIKAN),
}
NAMA_AKSI = {
    "ajukan": "diajukan",
    "tarik": "ditarik kembali",
    "verifikasi": "diverifikasi",
    "kembalikan": "dikembalikan",
    "buka": "dibuka kembali",
}


def _ambil(laporan: Laporan, revisi: int | None) -> Laporan:
    lap = Laporan.objects.select_for_update().select_related("unit__pd__pemda").get(pk=laporan.pk)
    if revisi is not None and lap.revisi != revisi:
        raise Bentrok(
            f"Laporan ini baru saja berubah (sekarang: {lap.get_status_display()}). Muat ulang halaman lalu ulangi.",
            lap,
        )
    return lap


def _cek_aksi(lap: Laporan, aksi: str) -> None:
    if lap.status not in ALUR[aksi][0]:
        raise ValidationError(f"Laporan berstatus {lap.get_status_display()} tidak dapat {NAMA_AKSI[aksi]}.")


def _pindah(lap: Laporan, aksi: str, pengguna, *, alasan: str = "", lain: dict | None = None) -> Laporan:
    dari = lap.status
    _cek_aksi(lap, aksi)
    lap.status = ALUR[aksi][1]
    perubahan = {"status": (dari, lap.status)}
    for k, v in (lain or {}).items():
        perubahan[k] = (getattr(lap, k), v)
        setattr(lap, k, v)
    lap.revisi += 1
    lap.save()
    catat(
        aksi=f"laporan.{aksi}",
        objek=lap,
        pengguna=pengguna,
        perubahan=perubahan,
        alasan=alasan,
        pd=lap.unit.pd,
    )
    return lap


def kosong_laporan(lap: Laporan, versi: RenstraVersi | None = None) -> list[str]:
    """The names of the report's rows still empty in its quarter (in the PD's main version by default)."""
    versi = versi or versi_utama(lap.unit.pd)
    if versi is None:
        return []
    ev = muat_evaluasi(versi, lap.tahun, lap.triwulan)
    return [
        b.ind.nama + (f" ({b.ind.satuan})" if b.ind.satuan else "")
        for b in baris_kosong(ev, lap.unit_id, lap.triwulan)
    ]


@transaction.atomic
def ajukan(
    *,
    pengguna,
    laporan: Laporan,
    revisi: int | None = None,
    pada: dt.date | None = None,
    tetap: bool = False,
    versi: RenstraVersi | None = None,
) -> Laporan:
    """Submit a quarter for verification; with empty rows only when ``tetap`` confirms it.

    Without the confirmation ``BarisKosong`` lists the empty rows and nothing changes.
    """
    lap = _ambil(laporan, revisi)
    if not pelaku_wajib(pengguna).isi_unit(lap.unit):
        raise PermissionDenied(f"Hanya operator {lap.unit.nama} yang dapat mengajukan laporan ini.")
    _cek_aksi(lap, "ajukan")
    cek_terbuka(lap, pada)
    kosong = kosong_laporan(lap, versi)
    if kosong and not tetap:
        raise BarisKosong(kosong)
    return _pindah(
        lap,
        "ajukan",
        pengguna,
        alasan=f"Tetap diajukan dengan {len(kosong)} baris kosong." if kosong else "",
        lain={
            "diajukan_pada": timezone.now(),
            "diajukan_oleh": pengguna if getattr(pengguna, "pk", None) else None,
        },
    )


@transaction.atomic
def tarik(
    *, pengguna, laporan: Laporan, alasan: str = "", revisi: int | None = None, pada: dt.date | None = None
) -> Laporan:
    """Withdraw a submitted quarter before it is verified: back to draft, to be corrected and submitted again."""
    lap = _ambil(laporan, revisi)
    if not pelaku_wajib(pengguna).isi_unit(lap.unit):
        raise PermissionDenied(f"Hanya operator {lap.unit.nama} yang dapat menarik kembali laporan ini.")
    _cek_aksi(lap, "tarik")
    # A draft past its deadline is locked: withdrawing it then would leave nothing the operator can do.
    kunci = alasan_terkunci(
        Laporan(
            unit=lap.unit,
            tahun=lap.tahun,
            triwulan=lap.triwulan,
            status=S.DRAFT,
            dibuka_sampai=lap.dibuka_sampai,
        ),
        pada=pada,
    )
    if kunci:
        raise ValidationError(
            f"Laporan tidak dapat ditarik kembali: batas pengisian ({batas(lap):%d-%m-%Y}) sudah lewat, sehingga "
            "drafnya tidak dapat diisi lagi. Minta verifikator mengembalikannya bila perlu diperbaiki."
        )
    return _pindah(
        lap,
        "tarik",
        pengguna,
        alasan=(alasan or "").strip(),
        lain={"diajukan_pada": None, "diajukan_oleh": None},
    )


def _cek_verifikator(pengguna, lap: Laporan) -> None:
    if not pelaku_wajib(pengguna).verifikasi(lap.unit.pd_id):
        raise PermissionDenied(
            "Hanya perencana perangkat daerah atau verifikator yang dapat memeriksa laporan."
        )


@transaction.atomic
def verifikasi(*, pengguna, laporan: Laporan, catatan: str = "", revisi: int | None = None) -> Laporan:
    """Verify a submitted report; where the pemda approves in two levels, the PD quarter then waits for
    Bappeda once every unit of it is verified (``persetujuan.ikuti_laporan``)."""
    lap = _ambil(laporan, revisi)
    _cek_verifikator(pengguna, lap)
    lap = _pindah(
        lap,
        "verifikasi",
        pengguna,
        alasan=catatan.strip(),
        lain={
            "catatan": catatan.strip(),
            "diperiksa_pada": timezone.now(),
            "diperiksa_oleh": pengguna if getattr(pengguna, "pk", None) else None,
        },
    )
    persetujuan.ikuti_laporan(pengguna=pengguna, pd=lap.unit.pd, tahun=lap.tahun, triwulan=lap.triwulan)
    return lap


@transaction.atomic
def kembalikan(*, pengguna, laporan: Laporan, catatan: str, revisi: int | None = None) -> Laporan:
    if not (catatan or "").strip():
        raise ValidationError({"catatan": "Tulis catatan untuk operator: apa yang harus diperbaiki."})
    lap = _ambil(laporan, revisi)
    _cek_verifikator(pengguna, lap)
    return _pindah(
        lap,
        "kembalikan",
        pengguna,
        alasan=catatan.strip(),
        lain={
            "catatan": catatan.strip(),
            "diperiksa_pada": timezone.now(),
            "diperiksa_oleh": pengguna if getattr(pengguna, "pk", None) else None,
        },
    )


@transaction.atomic
def buka_kembali(
    *,
    pengguna,
    laporan: Laporan,
    alasan: str,
    sampai: dt.date,
    revisi: int | None = None,
    pada: dt.date | None = None,
) -> Laporan:
    """Reopen a verified or overdue report until a date, with a reason: a verifikator, or the PD's perencana
    after Bappeda returned the PD quarter; never while Bappeda has it or after it approved it (two levels)."""
    if not (alasan or "").strip():
        raise ValidationError({"alasan": "Tulis alasan membuka kembali laporan ini."})
    pada = pada or hari_ini()
    if sampai < pada:
        raise ValidationError({"sampai": "Tanggal batas buka harus hari ini atau sesudahnya."})
    lap = _ambil(laporan, revisi)
    c = pelaku_wajib(pengguna)
    if not (c.buka_kembali(lap.unit.pd_id) or c.verifikasi(lap.unit.pd_id)):
        raise PermissionDenied("Hanya verifikator yang dapat membuka kembali laporan.")
    # Bappeda's lock comes first: the PD's perencana is told why, not only that it may not.
    kunci = persetujuan.alasan_kunci(lap)
    if kunci:
        raise ValidationError(kunci)
    if not persetujuan.boleh_buka_kembali(pengguna=pengguna, laporan=lap):
        raise PermissionDenied(
            "Hanya verifikator yang dapat membuka kembali laporan; perencana perangkat daerah hanya setelah "
            "Bappeda mengembalikan triwulan ini."
        )
    if lap.status == S.DIAJUKAN:
        raise ValidationError(
            "Laporan sedang diajukan: verifikasi atau kembalikan, tidak perlu dibuka kembali."
        )
    if not alasan_terkunci(lap, pada=pada):
        raise ValidationError("Laporan ini masih terbuka; tidak perlu dibuka kembali.")
    dari = {"status": lap.status, "dibuka_sampai": lap.dibuka_sampai}
    lap.status = S.DRAFT if lap.status == S.DIVERIFIKASI else lap.status
    lap.dibuka_sampai = sampai
    lap.alasan_buka = alasan.strip()
    lap.revisi += 1
    lap.save()
    catat(
        aksi="laporan.buka",
        objek=lap,
        pengguna=pengguna,
        perubahan={k: (v, getattr(lap, k)) for k, v in dari.items()},
        alasan=alasan.strip(),
        pd=lap.unit.pd,
    )
    persetujuan.ikuti_buka(pengguna=pengguna, laporan=lap)
    return lap
