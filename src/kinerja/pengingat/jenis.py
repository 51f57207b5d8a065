"""The kinds of work an inbox shows (and a reminder is about), in the inbox's order.

Each kind names the roles that lead to it (a ``Cakupan`` question): a user's e-mail reminder of a
kind is on by default when their roles lead to it, off otherwise (``bawaan``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kinerja.core.models import Peran
from kinerja.wilayah.izin import Cakupan

J = Peran.Jenis


@dataclass(frozen=True)
class Jenis:
    kode: str
    nama: str
    uraian: str  # who gets it, and when it is e-mailed
    peran: Callable[[Cakupan], bool]


def verifikasi_pd(c: Cakupan) -> bool:
    """Verifies reports by a role over a PD itself (the PD's perencana or admin, a PD's verifikator),
    not only as Bappeda over the whole pemda."""
    return any(p.pd_id and p.jenis in (J.PERENCANA, J.VERIFIKATOR, J.ADMIN) for p in c.peran)


ISI = "isi"
PERBAIKI = "perbaiki"
VERIFIKASI = "verifikasi"
PERSETUJUAN = "persetujuan"
KEMBALI_BAPPEDA = "kembali_bappeda"
PK = "pk"
RISIKO = "risiko"
TERLAMBAT = "terlambat"
PENGADUAN = "pengaduan"
SURVEI = "survei"

JENIS: list[Jenis] = [
    Jenis(
        PERBAIKI,
        "Laporan dikembalikan",
        "Operator: laporan triwulan unit Anda yang dikembalikan dengan catatan verifikator. "
        "Surel sekali setiap kali dikembalikan.",
        lambda c: bool(c.unit_isi),
    ),
    Jenis(
        ISI,
        "Triwulan untuk diisi",
        "Operator: triwulan unit Anda yang sudah dimulai, masih terbuka dan belum diajukan, dengan batas "
        "pengisiannya. Surel saat triwulan berakhir, 3 hari sebelum batas dan pada hari batas.",
        lambda c: bool(c.unit_isi),
    ),
    Jenis(
        VERIFIKASI,
        "Menunggu verifikasi",
        "Perencana dan verifikator: laporan triwulan unit yang diajukan dan menunggu pemeriksaan Anda. "
        "Surel sekali setiap kali diajukan.",
        lambda c: c.semua or bool(c.pd_verifikasi),
    ),
    Jenis(
        TERLAMBAT,
        "Laporan unit terlambat",
        "Perencana dan verifikator perangkat daerah, dan Bappeda untuk setiap perangkat daerah pemdanya: "
        "triwulan (tahun ini dan tahun lalu) yang laporan unitnya belum diajukan sesudah batas pengisian. "
        "Surel sekali per triwulan perangkat daerah saat lewat batas.",
        lambda c: c.semua or bool(c.pd_verifikasi or c.pemda_verifikasi),
    ),
    Jenis(
        PERSETUJUAN,
        "Menunggu persetujuan Bappeda",
        "Bappeda (pemda dengan dua tingkat persetujuan): triwulan perangkat daerah yang semua unitnya "
        "sudah diverifikasi. Surel sekali setiap kali menunggu.",
        lambda c: c.semua or bool(c.pemda_verifikasi),
    ),
    Jenis(
        KEMBALI_BAPPEDA,
        "Dikembalikan Bappeda",
        "Perencana perangkat daerah: triwulan perangkat daerah yang dikembalikan Bappeda dengan catatan. "
        "Surel sekali setiap kali dikembalikan.",
        lambda c: c.semua or verifikasi_pd(c),
    ),
    Jenis(
        PK,
        "Perjanjian Kinerja belum ditandatangani",
        "Pimpinan perangkat daerah: Perjanjian Kinerja tahun berjalan yang belum ditandatangani. "
        "Surel sekali sebulan sampai ditandatangani.",
        lambda c: c.semua or bool(c.pd_pk),
    ),
    Jenis(
        RISIKO,
        "Rencana tindak risiko jatuh tempo",
        "Perencana dan pimpinan perangkat daerah: langkah rencana tindak pengendalian (RTP) dalam daftar "
        "risiko tahun ini dan tahun lalu yang belum selesai dan tenggatnya tinggal 7 hari atau kurang, atau "
        "sudah lewat. Surel sekali saat mendekati tenggat dan sekali saat lewat.",
        lambda c: c.semua or bool(c.pd_rencana or c.pd_pk),
    ),
    Jenis(
        PENGADUAN,
        "Pengaduan mendekati atau melewati batas",
        "Petugas penanganan pengaduan: pengaduan yang belum selesai dan batas penyelesaiannya tinggal "
        "2 hari kerja atau kurang, atau sudah lewat. Surel sekali saat mendekati batas dan sekali saat lewat.",
        lambda c: c.semua or bool(c.pd_pengaduan or c.unit_pengaduan),
    ),
    Jenis(
        SURVEI,
        "Sampel survei belum cukup",
        "Operator unit dan perencana: unit yang jumlah responden survei kepuasannya tahun ini masih di "
        "bawah sampel minimum Krejcie–Morgan untuk jumlah pelayanannya. Surel sekali pada bulan terakhir "
        "setiap triwulan.",
        lambda c: c.semua or bool(c.unit_isi or c.pd_rencana),
    ),
]

PER_KODE = {j.kode: j for j in JENIS}
PILIHAN_JENIS = [(j.kode, j.nama) for j in JENIS]


def bawaan(c: Cakupan) -> dict[str, bool]:
    """Each kind's default e-mail choice for a user of this scope."""
    return {j.kode: bool(j.peran(c)) for j in JENIS}
