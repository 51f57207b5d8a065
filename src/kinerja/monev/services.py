"""Writes of monitoring: realisations, budget realisations and the quarterly report workflow.

Each function validates, writes in one transaction and records an audit entry. When a
user is given, the user's roles are checked here too, so that no page or command can
write what its user may not.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.core import angka
from kinerja.core.audit import catat
from kinerja.core.izin import cakupan
from kinerja.monev.models import BATAS_BUKTI, EKSTENSI_BUKTI, Laporan, Realisasi, RealisasiAnggaran, Sumber
from kinerja.monev.selectors import NAMA_TRIWULAN, batas_laporan
from kinerja.renstra.models import Indikator, Pagu, PlanNode, Target
from kinerja.wilayah.models import Unit

S = Laporan.Status


class Bentrok(Exception):
    """Someone else saved the same record after this user opened it."""

    def __init__(self, pesan: str, sekarang):
        super().__init__(pesan)
        self.pesan = pesan
        self.sekarang = sekarang


def hari_ini() -> dt.date:
    return timezone.localdate()


# --- which unit reports a row, and whether its report is open ------------------------------


def kantor_pd(pd_id: int) -> Unit | None:
    return (
        Unit.objects.filter(pd_id=pd_id, jenis=Unit.Jenis.KANTOR, induk__isnull=True)
        .order_by("urutan")
        .first()
    )


def unit_pelapor(*, pd_id: int, lokasi: Unit | None) -> Unit:
    """Rows of a lokasi are reported by that unit; rows of the PD as a whole by its office."""
    if lokasi is not None:
        return lokasi
    kantor = kantor_pd(pd_id)
    if kantor is None:
        raise ValidationError(
            "Perangkat daerah ini belum mempunyai unit kantor untuk melaporkan baris tanpa lokasi."
        )
    return kantor


def laporan_untuk(*, unit: Unit, tahun: int, triwulan: int) -> Laporan:
    if triwulan not in NAMA_TRIWULAN:
        raise ValidationError(f"Triwulan {triwulan} tidak dikenal: pilih 1, 2, 3 atau 4.")
    lap, _ = Laporan.objects.get_or_create(unit=unit, tahun=tahun, triwulan=triwulan)
    return lap


def batas(laporan: Laporan, batas_hari: int | None = None) -> dt.date:
    """The report's deadline; pages that know the pemda's days pass them (no query per report)."""
    if batas_hari is None:
        batas_hari = laporan.unit.pd.pemda.batas_hari_laporan
    return batas_laporan(laporan.tahun, laporan.triwulan, batas_hari)


def alasan_terkunci(laporan: Laporan, *, pada: dt.date | None = None, batas_hari: int | None = None) -> str:
    """Why a report cannot be filled now ("" when it can)."""
    pada = pada or hari_ini()
    if laporan.status == S.DIVERIFIKASI:
        return "Laporan sudah diverifikasi dan terkunci."
    if laporan.status == S.DIAJUKAN:
        return "Laporan sedang diajukan untuk verifikasi; menunggu hasil pemeriksaan."
    if laporan.status == S.DIKEMBALIKAN:
        return ""  # returned for correction: the operator may fix it whatever the date
    if laporan.dibuka_sampai and pada <= laporan.dibuka_sampai:
        return ""
    b = batas(laporan, batas_hari)
    if pada > b:
        return (
            f"Batas pengisian triwulan {NAMA_TRIWULAN[laporan.triwulan]} {laporan.tahun} sudah lewat "
            f"({b:%d-%m-%Y}); minta verifikator membukanya kembali."
        )
    return ""


def _cek_terbuka(laporan: Laporan, pada: dt.date | None) -> None:
    alasan = alasan_terkunci(laporan, pada=pada)
    if alasan:
        raise ValidationError(alasan)


# --- values ---------------------------------------------------------------------------------


def baca_isian(ind: Indikator, teks: str) -> dict:
    """Check a realisation typed by a user against the indicator's kind; the fields to store."""
    teks = " ".join((teks or "").split())
    if not teks:
        return {"teks": "", "jenis": angka.KOSONG, "nilai": None, "label": ""}
    n = angka.baca(teks)
    jenis = ind.jenis_nilai
    JN = Indikator.JenisNilai
    if n.terpotong or n.jenis in (angka.TAK_TERBACA,):
        raise ValidationError(
            f"'{teks}' tidak terbaca sebagai angka. Tulis angka dengan koma desimal, mis. 81,37."
        )
    if n.jenis in (angka.NA, angka.STRIP):
        raise ValidationError(
            f"'{teks}' bukan nilai realisasi. Kosongkan isian bila belum ada data, dan jelaskan pada faktor penghambat."
        )
    if jenis == JN.PREDIKAT:
        if n.jenis == angka.LABEL or n.angka is not None:
            return {"teks": angka.format_nilai(n), "jenis": n.jenis, "nilai": n.angka, "label": n.label or ""}
        raise ValidationError(f"'{teks}' bukan predikat yang dikenal (mis. A, BB, B atau 'A (86,88)').")
    if n.angka is None:
        contoh = "97 atau 97%" if jenis == JN.PERSEN else "12 atau 81,37"
        raise ValidationError(f"'{teks}' bukan angka. Isi dengan angka, mis. {contoh}.")
    if (
        n.jenis == angka.ANGKA
        and n.satuan
        and ind.satuan
        and angka.kunci_satuan(n.satuan) != angka.kunci_satuan(ind.satuan)
    ):
        raise ValidationError(
            f"Satuan '{n.satuan}' berbeda dengan satuan indikator '{ind.satuan}'. Tulis angkanya saja."
        )
    if jenis == JN.PERSEN:
        if n.angka > 1000:
            raise ValidationError(f"{angka.format_angka(n.angka)}% tidak masuk akal untuk persentase.")
        return {
            "teks": angka.format_angka(n.angka) + "%",
            "jenis": angka.PERSEN,
            "nilai": n.angka,
            "label": "",
        }
    if n.jenis == angka.LABEL:
        return {"teks": angka.format_nilai(n), "jenis": angka.LABEL, "nilai": n.angka, "label": n.label or ""}
    return {"teks": angka.format_angka(n.angka), "jenis": angka.ANGKA, "nilai": n.angka, "label": ""}


def baca_rupiah(teks: str) -> Decimal | None:
    teks = " ".join((teks or "").split())
    if teks.lower().startswith("rp"):
        teks = teks[2:].strip(" .")
    if not teks:
        return None
    n = angka.baca(teks)
    if n.angka is None or n.terpotong or n.jenis != angka.ANGKA or n.satuan:
        raise ValidationError(f"'{teks}' bukan jumlah rupiah. Tulis angkanya saja, mis. 12.500.000.")
    return n.angka


def _cek_bukti(bukti) -> None:
    if bukti is None:
        return
    ekstensi = bukti.name.rsplit(".", 1)[-1].lower() if "." in bukti.name else ""
    if ekstensi not in EKSTENSI_BUKTI:
        raise ValidationError(
            f"Berkas bukti '{bukti.name}' tidak diterima: hanya {', '.join(EKSTENSI_BUKTI)}."
        )
    if bukti.size > BATAS_BUKTI:
        raise ValidationError(
            f"Berkas bukti '{bukti.name}' {angka.format_angka(Decimal(bukti.size) / 1048576, 1)} MB; paling besar 5 MB."
        )


def _nilai_audit(v):
    if hasattr(v, "name"):
        return v.name or ""
    return v


def _oleh_sendiri(lama, pengguna) -> bool:
    """A user's own earlier save (e.g. two fields of one row saved in quick succession) is no conflict."""
    return (
        lama is not None
        and pengguna is not None
        and lama.diubah_oleh_id is not None
        and lama.diubah_oleh_id == getattr(pengguna, "pk", None)
    )


# --- realisations -----------------------------------------------------------------------------


@transaction.atomic
def simpan_realisasi(
    *,
    pengguna,
    indikator: Indikator,
    lokasi: Unit | None,
    tahun: int,
    triwulan: int,
    teks: str,
    revisi: int | None,
    faktor_pendorong: str | None = None,
    faktor_penghambat: str | None = None,
    tindak_lanjut: str | None = None,
    tautan_bukti: str | None = None,
    bukti=None,
    pada: dt.date | None = None,
) -> Realisasi | None:
    """Save one quarter's realisation of a row (None when an empty row stays empty).

    ``revisi`` is the revision the user saw (0 when the row was empty); when someone
    saved in between, ``Bentrok`` is raised and nothing is written.
    """
    pd_id = indikator.node.versi.pd_id
    unit = unit_pelapor(pd_id=pd_id, lokasi=lokasi)
    if pengguna is not None and not cakupan(pengguna).isi_unit(unit):
        raise PermissionDenied(f"Anda tidak berwenang mengisi realisasi {unit.nama}.")
    if lokasi is not None and lokasi.pd_id != pd_id:
        raise ValidationError(f"{lokasi.nama} bukan lokasi {indikator.node.versi.pd}.")
    if indikator.sumber_data != Indikator.SumberData.MANUAL:
        raise ValidationError(
            f"Realisasi '{indikator.nama}' dihitung dari {indikator.get_sumber_data_display()}; "
            "tidak dapat diisi tangan. Perbaiki data sumbernya bila angkanya salah."
        )
    if not Target.objects.filter(indikator=indikator, lokasi=lokasi, tahun=tahun).exists():
        tempat = f" di {lokasi.nama}" if lokasi else ""
        raise ValidationError(
            f"Indikator '{indikator.nama}' tidak mempunyai target {tahun}{tempat}: tidak ada yang dilaporkan."
        )
    laporan = laporan_untuk(unit=unit, tahun=tahun, triwulan=triwulan)
    laporan = Laporan.objects.select_for_update().get(pk=laporan.pk)
    _cek_terbuka(laporan, pada)
    nilai = baca_isian(indikator, teks)
    _cek_bukti(bukti)
    lama = (
        Realisasi.objects.select_for_update()
        .filter(indikator=indikator, lokasi=lokasi, tahun=tahun, triwulan=triwulan)
        .order_by("pk")  # no join for the model's ordering: PostgreSQL locks no outer join
        .first()
    )
    if revisi is not None and (lama.revisi if lama else 0) != revisi and not _oleh_sendiri(lama, pengguna):
        siapa = (
            (lama.diubah_oleh.get_full_name() or lama.diubah_oleh.username)
            if lama and lama.diubah_oleh
            else "pengguna lain"
        )
        raise Bentrok(
            f"Baris ini baru saja diubah oleh {siapa} menjadi '{lama.teks if lama else ''}'. "
            "Isian Anda belum disimpan: periksa nilai terbaru lalu simpan lagi.",
            lama,
        )
    baru = {
        **nilai,
        **{
            k: v.strip()
            for k, v in (
                ("faktor_pendorong", faktor_pendorong),
                ("faktor_penghambat", faktor_penghambat),
                ("tindak_lanjut", tindak_lanjut),
                ("tautan_bukti", tautan_bukti),
            )
            if v is not None
        },
    }
    if bukti is not None:
        baru["bukti"] = bukti
    if lama is None and not any(v for v in baru.values() if v is not None and v != angka.KOSONG):
        return None  # an empty row left empty: nothing to record
    obj = lama or Realisasi(indikator=indikator, lokasi=lokasi, tahun=tahun, triwulan=triwulan, revisi=0)
    perubahan = {
        k: (_nilai_audit(getattr(obj, k)) if lama else None, _nilai_audit(v))
        for k, v in baru.items()
        if k in ("teks", "faktor_pendorong", "faktor_penghambat", "tindak_lanjut", "tautan_bukti", "bukti")
        and (not lama or _nilai_audit(getattr(obj, k)) != _nilai_audit(v))
    }
    if lama and not perubahan:
        return obj
    for k, v in baru.items():
        setattr(obj, k, v)
    obj.revisi += 1
    obj.sumber = Sumber.MANUAL
    obj.diubah_oleh = pengguna if getattr(pengguna, "is_authenticated", False) else None
    obj.full_clean(exclude=["indikator", "lokasi", "diubah_oleh"])
    obj.save()
    catat(
        aksi="realisasi.ubah" if lama else "realisasi.isi",
        objek=obj,
        pengguna=pengguna,
        perubahan=perubahan,
        pd=indikator.node.versi.pd,
    )
    return obj


@transaction.atomic
def simpan_realisasi_anggaran(
    *,
    pengguna,
    node: PlanNode,
    lokasi: Unit | None,
    tahun: int,
    triwulan: int,
    teks: str,
    revisi: int | None,
    pada: dt.date | None = None,
) -> RealisasiAnggaran | None:
    """Save the budget a sub kegiatan spent at a lokasi in a quarter (empty text removes it)."""
    pd_id = node.versi.pd_id
    unit = unit_pelapor(pd_id=pd_id, lokasi=lokasi)
    if pengguna is not None and not cakupan(pengguna).isi_unit(unit):
        raise PermissionDenied(f"Anda tidak berwenang mengisi realisasi anggaran {unit.nama}.")
    if node.tingkat != PlanNode.Tingkat.SUB_KEGIATAN:
        raise ValidationError(
            "Realisasi anggaran diisi pada sub kegiatan; kegiatan dan program adalah jumlahnya."
        )
    pagu = Pagu.objects.filter(node=node, lokasi=lokasi, tahun=tahun).first()
    if pagu is None:
        raise ValidationError(f"Sub kegiatan '{node.nama}' tidak mempunyai pagu {tahun} di lokasi ini.")
    laporan = Laporan.objects.select_for_update().get(
        pk=laporan_untuk(unit=unit, tahun=tahun, triwulan=triwulan).pk
    )
    _cek_terbuka(laporan, pada)
    jumlah = baca_rupiah(teks)
    if jumlah is not None and jumlah < 0:
        raise ValidationError("Realisasi anggaran tidak boleh negatif.")
    lama = (
        RealisasiAnggaran.objects.select_for_update()
        .filter(node=node, lokasi=lokasi, tahun=tahun, triwulan=triwulan)
        .order_by("pk")
        .first()
    )
    if revisi is not None and (lama.revisi if lama else 0) != revisi and not _oleh_sendiri(lama, pengguna):
        raise Bentrok(
            f"Realisasi anggaran ini baru saja diubah menjadi Rp{angka.format_rupiah(lama.jumlah) if lama else '-'}. "
            "Isian Anda belum disimpan: periksa nilai terbaru lalu simpan lagi.",
            lama,
        )
    pd = node.versi.pd
    if jumlah is None:
        if lama is not None:
            catat(
                aksi="realisasi_anggaran.hapus",
                objek=lama,
                pengguna=pengguna,
                perubahan={"jumlah": (lama.jumlah, None)},
                pd=pd,
            )
            lama.delete()
        return None
    if lama is not None and lama.jumlah == jumlah:
        return lama
    obj = lama or RealisasiAnggaran(
        node=node, lokasi=lokasi, tahun=tahun, triwulan=triwulan, revisi=0, jumlah=jumlah
    )
    dari = lama.jumlah if lama else None
    obj.jumlah = jumlah
    obj.revisi += 1
    obj.sumber = Sumber.MANUAL
    obj.diubah_oleh = pengguna if getattr(pengguna, "is_authenticated", False) else None
    obj.save()
    catat(
        aksi="realisasi_anggaran.ubah" if lama else "realisasi_anggaran.isi",
        objek=obj,
        pengguna=pengguna,
        perubahan={"jumlah": (dari, jumlah)},
        pd=pd,
    )
    return obj


# --- the report workflow --------------------------------------------------------------------

ALUR = {
    "ajukan": ({S.DRAFT, S.DIKEMBALIKAN}, S.DIAJUKAN),
    "verifikasi": ({S.DIAJUKAN}, S.DIVERIFIKASI),
    "kembalikan": ({S.DIAJUKAN}, S.DIKEMBALIKAN),
}
NAMA_AKSI = {
    "ajukan": "diajukan",
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


def _pindah(lap: Laporan, aksi: str, pengguna, *, alasan: str = "", lain: dict | None = None) -> Laporan:
    dari = lap.status
    asal, ke = ALUR[aksi]
    if dari not in asal:
        raise ValidationError(f"Laporan berstatus {lap.get_status_display()} tidak dapat {NAMA_AKSI[aksi]}.")
    lap.status = ke
    perubahan = {"status": (dari, ke)}
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


@transaction.atomic
def ajukan(*, pengguna, laporan: Laporan, revisi: int | None = None, pada: dt.date | None = None) -> Laporan:
    lap = _ambil(laporan, revisi)
    if pengguna is not None and not cakupan(pengguna).isi_unit(lap.unit):
        raise PermissionDenied(f"Hanya operator {lap.unit.nama} yang dapat mengajukan laporan ini.")
    if lap.status in ALUR["ajukan"][0]:
        _cek_terbuka(lap, pada)
    return _pindah(
        lap,
        "ajukan",
        pengguna,
        lain={
            "diajukan_pada": timezone.now(),
            "diajukan_oleh": pengguna if getattr(pengguna, "pk", None) else None,
        },
    )


def _cek_verifikator(pengguna, lap: Laporan) -> None:
    if pengguna is not None and not cakupan(pengguna).verifikasi(lap.unit.pd_id):
        raise PermissionDenied(
            "Hanya perencana perangkat daerah atau verifikator yang dapat memeriksa laporan."
        )


@transaction.atomic
def verifikasi(*, pengguna, laporan: Laporan, catatan: str = "", revisi: int | None = None) -> Laporan:
    lap = _ambil(laporan, revisi)
    _cek_verifikator(pengguna, lap)
    return _pindah(
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


@transaction.atomic
def kembalikan(*, pengguna, laporan: Laporan, catatan: str, revisi: int | None = None) -> Laporan:
    if not (catatan or "").strip():
        raise ValidationError("Tulis catatan untuk operator: apa yang harus diperbaiki.")
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
    """Reopen a verified or overdue report until a date, with a reason (verifikator only)."""
    if not (alasan or "").strip():
        raise ValidationError("Tulis alasan membuka kembali laporan ini.")
    pada = pada or hari_ini()
    if sampai < pada:
        raise ValidationError("Tanggal batas buka harus hari ini atau sesudahnya.")
    lap = _ambil(laporan, revisi)
    if pengguna is not None and not cakupan(pengguna).buka_kembali(lap.unit.pd_id):
        raise PermissionDenied("Hanya verifikator yang dapat membuka kembali laporan.")
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
    return lap
