"""The second approval level: Bappeda approves a PD's quarter (``PersetujuanPD``).

Where the pemda approves in two levels (``Pemda.tingkat_persetujuan == 2``) the PD's perencana
verifies its units' quarterly reports; once every unit that reports the quarter is verified the
PD quarter waits for Bappeda (``menunggu``). Bappeda approves it (``disetujui``: final, the unit
reports are locked) or returns it with a note (``dikembalikan``). After a return the PD reopens the
unit reports it must fix (``alur.buka_kembali``) and the quarter waits again once all are verified
again, or the PD submits it again unchanged with an answer (``ajukan_kembali``). Bappeda may cancel
its approval with a reason (``batalkan``): the quarter goes back to the PD as returned, unlocked.

Every change bumps ``revisi`` (a page opened before it is told so; a new submission is a new
reminder in the inbox) and is written to the audit trail. With one level nothing here acts: a
quarter is final once its units are verified, as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.core.audit import catat
from kinerja.core.models import CatatanAudit
from kinerja.monev.models import Laporan, PersetujuanPD
from kinerja.monev.selectors import (
    NAMA_TRIWULAN,
    baca_persetujuan,
    dua_tingkat,
    kalimat_persetujuan,
    muat_evaluasi,
    tanggal_panjang,
)
from kinerja.monev.services import Bentrok
from kinerja.renstra.models import RenstraVersi
from kinerja.renstra.selectors import versi_utama
from kinerja.wilayah.izin import pelaku_wajib
from kinerja.wilayah.models import PerangkatDaerah, Unit

P = PersetujuanPD.Status
S = Laporan.Status


def _nama_tw(pd: PerangkatDaerah, tahun: int, triwulan: int) -> str:
    return f"Triwulan {NAMA_TRIWULAN[triwulan]} {tahun} {pd.nama}"


def _nama_orang(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _unit_pelapor(
    pd: PerangkatDaerah, tahun: int, triwulan: int, versi: RenstraVersi | None = None
) -> list[Unit]:
    """The units that report the PD's quarter in its main plan (those E.81 counts)."""
    versi = versi or versi_utama(pd)
    if versi is None:
        return []
    return muat_evaluasi(versi, tahun, triwulan).unit_pelapor()


def _laporan(units: list[Unit], tahun: int, triwulan: int) -> dict[int, Laporan]:
    qs = Laporan.objects.filter(unit__in=units, tahun=tahun, triwulan=triwulan).select_related(
        "diajukan_oleh", "diperiksa_oleh"
    )
    return {lap.unit_id: lap for lap in qs}


def _lengkap(units: list[Unit], laporan: dict[int, Laporan]) -> bool:
    return bool(units) and all(
        laporan.get(u.pk) is not None and laporan[u.pk].status == S.DIVERIFIKASI for u in units
    )


def _ambil(pd: PerangkatDaerah, tahun: int, triwulan: int, revisi: int | None) -> PersetujuanPD | None:
    p = PersetujuanPD.objects.select_for_update().filter(pd=pd, tahun=tahun, triwulan=triwulan).first()
    if revisi is not None and (p.revisi if p else 0) != revisi:
        sekarang = p.get_status_display() if p else "belum diajukan ke Bappeda"
        raise Bentrok(
            f"Persetujuan triwulan ini baru saja berubah (sekarang: {sekarang}). Muat ulang halaman lalu ulangi.",
            p,
        )
    return p


def _pindah(
    p: PersetujuanPD, aksi: str, pengguna, status: str, *, alasan: str = "", lain: dict | None = None
):
    perubahan = {"status": (p.status if p.pk else "", status)}
    p.status = status
    for k, v in (lain or {}).items():
        perubahan[k] = (str(getattr(p, k) or ""), str(v or ""))
        setattr(p, k, v)
    p.revisi = p.revisi + 1 if p.pk else 1
    p.save()
    catat(aksi=f"persetujuan.{aksi}", objek=p, pengguna=pengguna, perubahan=perubahan, alasan=alasan, pd=p.pd)
    return p


def _orang(pengguna):
    return pengguna if getattr(pengguna, "pk", None) else None


def _cek_dua_tingkat(pd: PerangkatDaerah) -> None:
    if not dua_tingkat(pd):
        raise ValidationError(
            f"{pd.pemda.nama} memakai satu tingkat persetujuan: triwulan sudah final setelah diverifikasi "
            "perangkat daerah, tanpa persetujuan Bappeda."
        )


def _cek_bappeda(pengguna, pd: PerangkatDaerah) -> None:
    if not pelaku_wajib(pengguna).setujui_pd(pd):
        raise PermissionDenied(
            f"Hanya Bappeda {pd.pemda.nama} yang dapat menyetujui triwulan perangkat daerah."
        )


# --- following the unit reports ------------------------------------------------------------------


@transaction.atomic
def ikuti_laporan(*, pengguna, pd: PerangkatDaerah, tahun: int, triwulan: int) -> PersetujuanPD | None:
    """After a unit report is verified: when every unit of the PD quarter is verified, the quarter waits
    for Bappeda (new, or again after a return with ``revisi`` + 1). Does nothing with one level."""
    if not pelaku_wajib(pengguna).verifikasi(pd.pk):
        raise PermissionDenied(
            "Hanya perencana perangkat daerah atau verifikator yang dapat memeriksa laporan."
        )
    if not dua_tingkat(pd):
        return None
    units = _unit_pelapor(pd, tahun, triwulan)
    if not _lengkap(units, _laporan(units, tahun, triwulan)):
        return baca_persetujuan(pd, tahun, triwulan)
    p = _ambil(pd, tahun, triwulan, None)
    if p is not None and p.status != P.DIKEMBALIKAN:
        return p
    p = p or PersetujuanPD(pd=pd, tahun=tahun, triwulan=triwulan)
    return _pindah(
        p,
        "ajukan",
        pengguna,
        P.MENUNGGU,
        alasan=f"Semua {len(units)} laporan unit sudah diverifikasi perangkat daerah.",
        lain={"diajukan_pada": timezone.now()},
    )


BACA = object()  # "read the approval" (a page that has read it passes it: no second query)


@transaction.atomic
def ikuti_buka(*, pengguna, laporan: Laporan) -> PersetujuanPD | None:
    """After a unit report is reopened: an approval (or a wait for Bappeda) of its quarter no longer holds.

    With two levels a quarter Bappeda holds is never reopened (``alasan_kunci``); with one level the
    verifikator may reopen it, and should the pemda switch back to two levels the old approval must not
    stand for changed data: the quarter becomes returned, with a note saying why (audited)."""
    c = pelaku_wajib(pengguna)
    pd = laporan.unit.pd
    if not (c.buka_kembali(pd.pk) or c.verifikasi(pd.pk)):
        raise PermissionDenied("Hanya verifikator yang dapat membuka kembali laporan.")
    p = _ambil(pd, laporan.tahun, laporan.triwulan, None)
    if p is None or p.status == P.DIKEMBALIKAN:
        return p
    alasan = f"Laporan {laporan.unit.nama} dibuka kembali sesudah {p.get_status_display().lower()}."
    return _pindah(p, "lepas", pengguna, P.DIKEMBALIKAN, alasan=alasan, lain={"catatan": alasan})


def alasan_kunci(laporan: Laporan, pd: PerangkatDaerah | None = None, setuju=BACA) -> str:
    """Why the PD may not reopen or return this unit report because of Bappeda ("" when it may);
    ``pd``: the report's PD with its pemda, ``setuju``: its quarter's approval, when the caller has them."""
    pd = pd or laporan.unit.pd
    if not dua_tingkat(pd):
        return ""
    p = baca_persetujuan(pd, laporan.tahun, laporan.triwulan) if setuju is BACA else setuju
    if p is None or p.status == P.DIKEMBALIKAN:
        return ""
    nama = _nama_tw(pd, laporan.tahun, laporan.triwulan)
    if p.status == P.DISETUJUI:
        oleh = f" oleh {_nama_orang(p.diperiksa_oleh)}" if p.diperiksa_oleh_id else ""
        return (
            f"{nama} sudah disetujui Bappeda pada {tanggal_panjang(p.diperiksa_pada)}{oleh}: laporan unitnya "
            "terkunci dan tidak dapat dibuka kembali, dikembalikan atau diubah. Bila ada yang harus diperbaiki, "
            "minta Bappeda membatalkan persetujuannya."
        )
    return (
        f"{nama} sedang menunggu persetujuan Bappeda (diajukan {tanggal_panjang(p.diajukan_pada)}): laporan "
        "unitnya tidak dapat dibuka kembali. Bappeda dapat mengembalikannya ke perangkat daerah dengan catatan."
    )


def boleh_buka_kembali(*, pengguna, laporan: Laporan, pd: PerangkatDaerah | None = None, setuju=BACA) -> bool:
    """Whether the actor may reopen this unit report: a verifikator, or — once Bappeda has returned the
    PD quarter — the PD's own verifier (its perencana), to fix what Bappeda asked."""
    c = pelaku_wajib(pengguna)
    pd_id = laporan.unit.pd_id
    if c.buka_kembali(pd_id):
        return True
    if not c.verifikasi(pd_id) or laporan.status != S.DIVERIFIKASI:
        return False
    pd = pd or laporan.unit.pd
    if not dua_tingkat(pd):
        return False
    p = baca_persetujuan(pd, laporan.tahun, laporan.triwulan) if setuju is BACA else setuju
    return p is not None and p.status == P.DIKEMBALIKAN


# --- Bappeda's decisions -----------------------------------------------------------------------


@transaction.atomic
def setujui(
    *, pengguna, pd: PerangkatDaerah, tahun: int, triwulan: int, revisi: int | None, catatan: str = ""
) -> PersetujuanPD:
    """Approve a PD quarter waiting for Bappeda: final, its unit reports locked."""
    _cek_bappeda(pengguna, pd)
    _cek_dua_tingkat(pd)
    p = _ambil(pd, tahun, triwulan, revisi)
    if p is None or p.status != P.MENUNGGU:
        st = p.get_status_display() if p else "belum diajukan ke Bappeda"
        raise ValidationError(f"{_nama_tw(pd, tahun, triwulan)} tidak dapat disetujui: {st}.")
    units = _unit_pelapor(pd, tahun, triwulan)
    if not _lengkap(units, _laporan(units, tahun, triwulan)):
        raise ValidationError("Belum semua laporan unit triwulan ini diverifikasi perangkat daerah.")
    return _pindah(
        p,
        "setujui",
        pengguna,
        P.DISETUJUI,
        alasan=(catatan or "").strip(),
        lain={
            "catatan": (catatan or "").strip(),
            "diperiksa_pada": timezone.now(),
            "diperiksa_oleh": _orang(pengguna),
        },
    )


@transaction.atomic
def kembalikan(
    *, pengguna, pd: PerangkatDaerah, tahun: int, triwulan: int, catatan: str, revisi: int | None
) -> PersetujuanPD:
    """Return a waiting PD quarter to the PD with a note (required): what it must fix."""
    _cek_bappeda(pengguna, pd)
    if not (catatan or "").strip():
        raise ValidationError({"catatan": "Tulis catatan untuk perangkat daerah: apa yang harus diperbaiki."})
    _cek_dua_tingkat(pd)
    p = _ambil(pd, tahun, triwulan, revisi)
    if p is None or p.status != P.MENUNGGU:
        st = p.get_status_display() if p else "belum diajukan ke Bappeda"
        raise ValidationError(f"{_nama_tw(pd, tahun, triwulan)} tidak dapat dikembalikan: {st}.")
    return _pindah(
        p,
        "kembalikan",
        pengguna,
        P.DIKEMBALIKAN,
        alasan=catatan.strip(),
        lain={
            "catatan": catatan.strip(),
            "diperiksa_pada": timezone.now(),
            "diperiksa_oleh": _orang(pengguna),
        },
    )


@transaction.atomic
def batalkan(
    *, pengguna, pd: PerangkatDaerah, tahun: int, triwulan: int, alasan: str, revisi: int | None
) -> PersetujuanPD:
    """Cancel Bappeda's approval with a reason (required): the quarter goes back to the PD as returned
    (the reason is its note), unlocked so that the PD can reopen its unit reports."""
    _cek_bappeda(pengguna, pd)
    if not (alasan or "").strip():
        raise ValidationError({"alasan": "Tulis alasan membatalkan persetujuan ini."})
    p = _ambil(pd, tahun, triwulan, revisi)
    if p is None or p.status != P.DISETUJUI:
        st = p.get_status_display() if p else "belum diajukan ke Bappeda"
        raise ValidationError(f"Persetujuan {_nama_tw(pd, tahun, triwulan)} tidak dapat dibatalkan: {st}.")
    return _pindah(
        p,
        "batalkan",
        pengguna,
        P.DIKEMBALIKAN,
        alasan=alasan.strip(),
        lain={
            "catatan": f"Persetujuan dibatalkan: {alasan.strip()}",
            "diperiksa_pada": timezone.now(),
            "diperiksa_oleh": _orang(pengguna),
        },
    )


# --- the PD answers --------------------------------------------------------------------------


@transaction.atomic
def ajukan_kembali(
    *, pengguna, pd: PerangkatDaerah, tahun: int, triwulan: int, catatan: str, revisi: int | None
) -> PersetujuanPD:
    """The PD submits its quarter to Bappeda (again) with an answer (required): after a return when
    nothing needed changing, or a quarter verified before the pemda switched to two levels."""
    if not pelaku_wajib(pengguna).verifikasi(pd.pk):
        raise PermissionDenied("Hanya perencana perangkat daerah yang dapat mengajukan triwulan ke Bappeda.")
    _cek_dua_tingkat(pd)
    p = _ambil(pd, tahun, triwulan, revisi)
    if not (catatan or "").strip():
        raise ValidationError(
            {
                "catatan": "Tulis jawaban untuk Bappeda: apa yang sudah diperbaiki atau mengapa tetap."
                if p is not None
                else "Tulis catatan untuk Bappeda: mengapa triwulan ini baru diajukan sekarang."
            }
        )
    if p is not None and p.status != P.DIKEMBALIKAN:
        raise ValidationError(
            f"{_nama_tw(pd, tahun, triwulan)} tidak dapat diajukan: {p.get_status_display()}."
        )
    units = _unit_pelapor(pd, tahun, triwulan)
    if not _lengkap(units, _laporan(units, tahun, triwulan)):
        raise ValidationError(
            "Belum semua laporan unit triwulan ini diverifikasi: verifikasi dulu, triwulan lalu diajukan sendiri."
        )
    return _pindah(
        p or PersetujuanPD(pd=pd, tahun=tahun, triwulan=triwulan),
        "ajukan_kembali" if p is not None else "ajukan",
        pengguna,
        P.MENUNGGU,
        alasan=catatan.strip(),
        lain={"diajukan_pada": timezone.now()},
    )


# --- the page of a PD quarter ---------------------------------------------------------------------


@dataclass
class KeadaanTriwulan:
    pd: PerangkatDaerah
    tahun: int
    triwulan: int
    versi: RenstraVersi | None
    dua_tingkat: bool
    persetujuan: PersetujuanPD | None
    unit: list[tuple[Unit, Laporan | None]]
    lengkap: bool
    riwayat: list[CatatanAudit] = field(default_factory=list)
    boleh_setujui: bool = False
    boleh_ajukan: bool = False

    @property
    def kalimat(self) -> str:
        return kalimat_persetujuan(self.persetujuan) if self.dua_tingkat else ""

    @property
    def nama_triwulan(self) -> str:
        return NAMA_TRIWULAN[self.triwulan]

    @property
    def riwayat_teks(self) -> list[tuple]:
        """(time, who, what, note) of every change of the approval, newest first."""
        return [
            (
                c.waktu,
                _nama_orang(c.pengguna) or c.nama_pelaku or "sistem",
                LABEL.get(c.aksi, c.aksi),
                c.alasan,
            )
            for c in self.riwayat
        ]


LABEL = {
    "persetujuan.ajukan": "Menunggu Bappeda: semua laporan unit sudah diverifikasi",
    "persetujuan.ajukan_kembali": "Diajukan kembali ke Bappeda oleh perangkat daerah",
    "persetujuan.setujui": "Disetujui Bappeda",
    "persetujuan.kembalikan": "Dikembalikan Bappeda",
    "persetujuan.batalkan": "Persetujuan dibatalkan Bappeda",
    "persetujuan.lepas": "Tidak berlaku lagi: laporan unit dibuka kembali",
}


def keadaan_triwulan(*, pengguna, pd: PerangkatDaerah, tahun: int, triwulan: int) -> KeadaanTriwulan:
    """A PD quarter as Bappeda and the PD see it: each unit's report, the approval and its history.

    Bappeda (verifikator or admin of the pemda) and whoever reads the whole PD; others are refused."""
    c = pelaku_wajib(pengguna)
    if not (c.setujui_pd(pd) or c.baca_pd(pd.pk)):
        raise PermissionDenied("Halaman persetujuan triwulan hanya untuk Bappeda dan perangkat daerah ini.")
    versi = versi_utama(pd)
    units = _unit_pelapor(pd, tahun, triwulan, versi)
    laporan = _laporan(units, tahun, triwulan)
    p = baca_persetujuan(pd, tahun, triwulan)
    lengkap = _lengkap(units, laporan)
    riwayat = (
        list(
            CatatanAudit.objects.filter(objek_tipe="monev.persetujuanpd", objek_id=str(p.pk)).select_related(
                "pengguna"
            )
        )
        if p
        else []
    )
    dua = dua_tingkat(pd)
    return KeadaanTriwulan(
        pd=pd,
        tahun=tahun,
        triwulan=triwulan,
        versi=versi,
        dua_tingkat=dua,
        persetujuan=p,
        unit=[(u, laporan.get(u.pk)) for u in units],
        lengkap=lengkap,
        riwayat=riwayat,
        boleh_setujui=dua and c.setujui_pd(pd),
        boleh_ajukan=dua and c.verifikasi(pd.pk) and lengkap and (p is None or p.status == P.DIKEMBALIKAN),
    )
