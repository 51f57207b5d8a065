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
from django.db.models import Q
from django.utils import timezone

from kinerja.core import angka
from kinerja.core.audit import catat
from kinerja.monev import aturan as at
from kinerja.monev import rencana_aksi as ra
from kinerja.monev.anggaran import renja_ditetapkan
from kinerja.monev.models import (
    BATAS_BUKTI,
    EKSTENSI_BUKTI,
    AturanIsian,
    Laporan,
    Realisasi,
    RealisasiAnggaran,
    Sumber,
    TargetTriwulan,
    hapus_berkas_setelah_commit,
)
from kinerja.monev.selectors import NAMA_TRIWULAN, batas_laporan
from kinerja.renstra.models import Indikator, Pagu, PlanNode, RenstraVersi, Target
from kinerja.renstra.selectors import Rencana
from kinerja.wilayah.izin import pelaku_wajib
from kinerja.wilayah.models import Unit

S = Laporan.Status


class PerluPenjelasan(ValidationError):
    """A value far from its target or history: saved only with the operator's explanation."""

    def __init__(self, peringatan: str):
        super().__init__(
            f"Nilai ini tidak biasa: {peringatan}. Tulis penjelasannya di kotak penjelasan lalu simpan lagi; "
            "baris ini akan ditandai untuk verifikator."
        )
        self.peringatan = peringatan


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


def laporan_untuk(*, pengguna, unit: Unit, tahun: int, triwulan: int) -> Laporan:
    """The report of a unit's quarter (made empty when missing), for someone who reads the unit."""
    if not pelaku_wajib(pengguna).baca_unit(unit):
        raise PermissionDenied(f"Anda tidak berwenang membuka laporan {unit.nama}.")
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


def cek_terbuka(laporan: Laporan, pada: dt.date | None) -> None:
    alasan = alasan_terkunci(laporan, pada=pada)
    if alasan:
        raise ValidationError(alasan)


# --- values ---------------------------------------------------------------------------------


def aturan_indikator(ind: Indikator) -> at.AturanNilai:
    """The entry rules of an indicator: its own setting, else that of the row it was copied from."""
    setelan = {a.indikator_id: a for a in AturanIsian.objects.filter(indikator_id__in=[ind.pk, ind.asal_id])}
    pilih = setelan.get(ind.pk) or setelan.get(ind.asal_id)
    return at.aturan_nilai(jenis_nilai=ind.jenis_nilai, satuan=ind.satuan, nama=ind.nama, setelan=pilih)


# The bounds of what a form may store: those of the columns (Realisasi.nilai has 20 digits,
# 4 of them decimals; RealisasiAnggaran.jumlah is whole rupiah within 20 digits, 2 decimals).
BATAS_NILAI = angka.Batas.dari_kolom(Realisasi._meta.get_field("nilai"))
BATAS_RUPIAH = angka.Batas.dari_kolom(RealisasiAnggaran._meta.get_field("jumlah"), rupiah=True)


def baca_isian(ind: Indikator, teks: str, aturan: at.AturanNilai | None = None) -> dict:
    """Check a realisation typed by a user against the indicator's kind; the fields to store."""
    try:
        teks = angka.periksa_panjang(teks)
        if not teks:
            return {"teks": "", "jenis": angka.KOSONG, "nilai": None, "label": ""}
        n = angka.baca_terbatas(teks, BATAS_NILAI)
    except angka.NilaiDitolak as e:
        raise ValidationError(e.pesan) from None
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
    aturan = aturan or at.aturan_nilai(jenis_nilai=jenis, satuan=ind.satuan, nama=ind.nama)
    if n.jenis == angka.PERSEN and jenis == JN.ANGKA and aturan.bulat:
        raise ValidationError(
            f"'{teks}': satuan indikator ini jumlah{f' ({ind.satuan})' if ind.satuan else ''}, bukan persen. "
            "Tulis jumlahnya, mis. 12."
        )
    if n.jenis != angka.LABEL:
        salah = at.cek_nilai(aturan, n.angka, teks=teks, satuan=ind.satuan)
        if salah:
            raise ValidationError(salah)
    if jenis == JN.PERSEN:
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
    """A budget realisation typed by a user ("Rp 12.500.000" accepted); None when left empty."""
    try:
        return angka.baca_rupiah(teks, BATAS_RUPIAH, nama="Realisasi anggaran")
    except angka.NilaiDitolak as e:
        raise ValidationError(e.pesan) from None


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


def _target_tahun(ind: Indikator, lokasi: Unit | None, tahun: int) -> Target | None:
    """The year's target the entry page shows: the adopted Renja's when the year has one, else the Renstra's."""
    renja = renja_ditetapkan(ind.node.versi, tahun)
    if renja is not None:
        t = Target.objects.filter(
            indikator__asal=ind, indikator__node__versi=renja, lokasi=lokasi, tahun=tahun
        ).first()
        if t is not None:
            return t
    return Target.objects.filter(indikator=ind, lokasi=lokasi, tahun=tahun).first()


def kewajaran(*, indikator: Indikator, lokasi: Unit | None, tahun: int, triwulan: int, nilai: Decimal) -> str:
    """Why a quarter's value is far from its target or its previous quarter ("" when it is not)."""
    target = _target_tahun(indikator, lokasi, tahun)
    lain = {
        (r.tahun, r.triwulan): r.nilai
        for r in Realisasi.objects.filter(indikator=indikator, lokasi=lokasi)
        .filter(Q(tahun=tahun) | Q(tahun=tahun - 1, triwulan=4))
        .exclude(tahun=tahun, triwulan=triwulan)
        .only("tahun", "triwulan", "nilai")
    }
    kunci_lalu = (tahun, triwulan - 1) if triwulan > 1 else (tahun - 1, 4)
    nama_lalu = f"triwulan {NAMA_TRIWULAN[kunci_lalu[1]]}" + (f" {kunci_lalu[0]}" if triwulan == 1 else "")
    alasan = at.cek_kewajaran(
        arah=indikator.arah,
        agregasi=indikator.agregasi_triwulan,
        target=target.nilai if target is not None else None,
        per_tw={q: v for (th, q), v in lain.items() if th == tahun and q >= 1 and v is not None},
        triwulan=triwulan,
        nilai=nilai,
        sebelumnya=lain.get(kunci_lalu),
        nama_sebelumnya=nama_lalu,
    )
    return "; ".join(alasan)


KOLOM_TERCATAT = (
    "teks",
    "faktor_pendorong",
    "faktor_penghambat",
    "tindak_lanjut",
    "tindak_lanjut_renja",
    "tautan_bukti",
    "bukti",
    "penjelasan",
    "peringatan",
)


def _unit_boleh_diisi(*, pengguna, indikator: Indikator, lokasi: Unit | None, tahun: int) -> Unit:
    """The unit that reports this row, after checking that the actor may fill it and that the row
    is one to fill by hand in that year; raises otherwise."""
    pd_id = indikator.node.versi.pd_id
    unit = unit_pelapor(pd_id=pd_id, lokasi=lokasi)
    if not pelaku_wajib(pengguna).isi_unit(unit):
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
    return unit


def _cek_bentrok(lama: Realisasi | None, revisi: int | None, pengguna) -> None:
    """Bentrok when someone else saved the row after the revision the user saw."""
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


def _teks_pendamping(
    faktor_pendorong, faktor_penghambat, tindak_lanjut, tautan_bukti, penjelasan, tindak_lanjut_renja=None
) -> dict:
    """The texts that accompany a value, trimmed; a text not given (None) is left as it is."""
    return {
        k: v.strip()
        for k, v in (
            ("faktor_pendorong", faktor_pendorong),
            ("faktor_penghambat", faktor_penghambat),
            ("tindak_lanjut", tindak_lanjut),
            ("tindak_lanjut_renja", tindak_lanjut_renja),
            ("tautan_bukti", tautan_bukti),
            ("penjelasan", penjelasan),
        )
        if v is not None
    }


def _tulis_realisasi(
    *, lama: Realisasi | None, baru: dict, pengguna, indikator: Indikator, lokasi, tahun: int, triwulan: int
) -> Realisasi:
    """Write the new values over the row (a new row when there was none) with their audit entry;
    an unchanged row is left as it is."""
    obj = lama or Realisasi(indikator=indikator, lokasi=lokasi, tahun=tahun, triwulan=triwulan, revisi=0)
    perubahan = {
        k: (_nilai_audit(getattr(obj, k)) if lama else None, _nilai_audit(v))
        for k, v in baru.items()
        if k in KOLOM_TERCATAT and (not lama or _nilai_audit(getattr(obj, k)) != _nilai_audit(v))
    }
    if lama and not perubahan:
        return obj
    bukti_lama = obj.bukti if lama and "bukti" in perubahan and obj.bukti else None
    for k, v in baru.items():
        setattr(obj, k, v)
    obj.revisi += 1
    obj.sumber = Sumber.MANUAL
    obj.diubah_oleh = pengguna if getattr(pengguna, "is_authenticated", False) else None
    obj.full_clean(exclude=["indikator", "lokasi", "diubah_oleh"])
    obj.save()
    if bukti_lama is not None and bukti_lama.name != obj.bukti.name:
        hapus_berkas_setelah_commit(bukti_lama)
    catat(
        aksi="realisasi.ubah" if lama else "realisasi.isi",
        objek=obj,
        pengguna=pengguna,
        perubahan=perubahan,
        pd=indikator.node.versi.pd,
    )
    return obj


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
    penjelasan: str | None = None,
    tindak_lanjut_renja: str | None = None,
    bukti=None,
    pada: dt.date | None = None,
) -> Realisasi | None:
    """Save one quarter's realisation of a row (None when an empty row stays empty).

    ``revisi`` is the revision the user saw (0 when the row was empty); when someone
    saved in between, ``Bentrok`` is raised and nothing is written. A value far from its
    target or its previous quarter needs ``penjelasan`` (or one already stored): without
    it ``PerluPenjelasan`` is raised and nothing is written; with it the row is flagged.
    """
    unit = _unit_boleh_diisi(pengguna=pengguna, indikator=indikator, lokasi=lokasi, tahun=tahun)
    nilai = baca_isian(indikator, teks, aturan_indikator(indikator))
    _cek_bukti(bukti)
    teks_lain = (
        faktor_pendorong,
        faktor_penghambat,
        tindak_lanjut,
        tautan_bukti,
        penjelasan,
        tindak_lanjut_renja,
    )
    if (
        nilai["jenis"] == angka.KOSONG
        and bukti is None
        and not any((t or "").strip() for t in teks_lain)
        and not Realisasi.objects.filter(
            indikator=indikator, lokasi=lokasi, tahun=tahun, triwulan=triwulan
        ).exists()
    ):
        return None  # an empty row left empty: no report row is made for it either
    laporan = laporan_untuk(pengguna=pengguna, unit=unit, tahun=tahun, triwulan=triwulan)
    laporan = Laporan.objects.select_for_update().get(pk=laporan.pk)
    cek_terbuka(laporan, pada)
    lama = (
        Realisasi.objects.select_for_update()
        .filter(indikator=indikator, lokasi=lokasi, tahun=tahun, triwulan=triwulan)
        .order_by("pk")  # no join for the model's ordering: PostgreSQL locks no outer join
        .first()
    )
    _cek_bentrok(lama, revisi, pengguna)
    baru = {
        **nilai,
        **_teks_pendamping(*teks_lain),
    }
    baru["peringatan"] = (
        kewajaran(indikator=indikator, lokasi=lokasi, tahun=tahun, triwulan=triwulan, nilai=nilai["nilai"])
        if nilai["nilai"] is not None
        else ""
    )
    if baru["peringatan"] and not baru.get("penjelasan", lama.penjelasan if lama else ""):
        raise PerluPenjelasan(baru["peringatan"])
    if bukti is not None:
        baru["bukti"] = bukti
    if lama is None and not any(v for v in baru.values() if v is not None and v != angka.KOSONG):
        return None  # an empty row left empty: nothing to record
    return _tulis_realisasi(
        lama=lama,
        baru=baru,
        pengguna=pengguna,
        indikator=indikator,
        lokasi=lokasi,
        tahun=tahun,
        triwulan=triwulan,
    )


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
    if not pelaku_wajib(pengguna).isi_unit(unit):
        raise PermissionDenied(f"Anda tidak berwenang mengisi realisasi anggaran {unit.nama}.")
    if node.tingkat != PlanNode.Tingkat.SUB_KEGIATAN:
        raise ValidationError(
            "Realisasi anggaran diisi pada sub kegiatan; kegiatan dan program adalah jumlahnya."
        )
    pagu = Pagu.objects.filter(node=node, lokasi=lokasi, tahun=tahun).first()
    if pagu is None:
        raise ValidationError(f"Sub kegiatan '{node.nama}' tidak mempunyai pagu {tahun} di lokasi ini.")
    jumlah = baca_rupiah(teks)
    if (
        jumlah is None
        and not RealisasiAnggaran.objects.filter(
            node=node, lokasi=lokasi, tahun=tahun, triwulan=triwulan
        ).exists()
    ):
        return None  # nothing typed where nothing was: no report row is made
    laporan = Laporan.objects.select_for_update().get(
        pk=laporan_untuk(pengguna=pengguna, unit=unit, tahun=tahun, triwulan=triwulan).pk
    )
    cek_terbuka(laporan, pada)
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


# --- entry rules per indicator ------------------------------------------------------------------


@transaction.atomic
def ubah_aturan_isian(
    *, pengguna, indikator: Indikator, bilangan_bulat: str, boleh_lebih_100: bool
) -> AturanIsian:
    """Set how an indicator's realisations are checked (planners of its PD only)."""
    pd = indikator.node.versi.pd
    if not pelaku_wajib(pengguna).ubah_rencana(pd.pk):
        raise PermissionDenied("Hanya perencana perangkat daerah yang mengubah aturan isian indikator.")
    if bilangan_bulat not in AturanIsian.Bulat.values:
        raise ValidationError("Pilihan bilangan bulat tidak dikenal.")
    if boleh_lebih_100 and indikator.jenis_nilai != Indikator.JenisNilai.PERSEN:
        raise ValidationError("Izin di atas 100% hanya untuk indikator persentase.")
    obj = AturanIsian.objects.select_for_update().filter(indikator=indikator).first()
    lama = {"bilangan_bulat": obj.bilangan_bulat, "boleh_lebih_100": obj.boleh_lebih_100} if obj else None
    obj = obj or AturanIsian(indikator=indikator)
    obj.bilangan_bulat = bilangan_bulat
    obj.boleh_lebih_100 = boleh_lebih_100
    perubahan = {
        k: (lama[k] if lama else None, getattr(obj, k))
        for k in ("bilangan_bulat", "boleh_lebih_100")
        if lama is None or lama[k] != getattr(obj, k)
    }
    if lama is not None and not perubahan:
        return obj
    obj.diubah_oleh = pengguna if getattr(pengguna, "is_authenticated", False) else None
    obj.save()
    catat(aksi="aturan_isian.ubah", objek=obj, pengguna=pengguna, perubahan=perubahan, pd=pd)
    return obj


# --- rencana aksi ---------------------------------------------------------------------------------


def _periksa_aksi(baris: list[ra.BarisAksi], isian: dict[str, dict[int, str]]) -> tuple[dict, dict]:
    """The typed quarterly targets read and checked: (row key → {quarter: value or None}, row key → errors)."""
    nilai: dict[str, dict[int, Decimal | None]] = {}
    galat: dict[str, list[str]] = {}
    for b in baris:
        ketik = isian.get(b.kunci)
        if ketik is None:
            continue
        baru: dict[int, Decimal | None] = {}
        for q in ra.TRIWULAN_AKSI:
            try:
                baru[q] = ra.baca_isian(ketik.get(q, ""), ind=b.ind, target_tahun=b.target_tahun)
            except ValueError as e:
                galat.setdefault(b.kunci, []).append(f"Triwulan {NAMA_TRIWULAN[q]}: {e}")
        if b.kunci not in galat:
            urutan = ra.periksa_urutan(
                b.ind, {q: v for q, v in baru.items() if v is not None}, b.target_tahun
            )
            if urutan:
                galat[b.kunci] = urutan
        nilai[b.kunci] = baru
    return nilai, galat


@transaction.atomic
def simpan_rencana_aksi(*, pengguna, r: Rencana, tahun: int, isian: dict[str, dict[int, str]]) -> int:
    """Set the rencana aksi of a year: cumulative targets up to TW I, II and III per indicator row.

    ``isian``: row key ("indikator id-lokasi id", 0 for none) → {quarter: typed text}; an empty text
    removes the quarter's target. All or nothing: any invalid value raises ``ValidationError`` with a
    message per row key and nothing is saved. Planners and the PD's head only. Returns the number of
    quarterly targets written or removed; each change goes to the audit trail.
    """
    versi: RenstraVersi = r.versi
    c = pelaku_wajib(pengguna)
    if not (c.ubah_rencana(versi.pd_id) or c.tandatangan_pk(versi.pd_id)):
        raise PermissionDenied("Hanya perencana dan pimpinan perangkat daerah yang menetapkan rencana aksi.")
    if tahun not in versi.tahun_rencana:
        raise ValidationError(
            f"Tahun {tahun} di luar periode {versi.tahun_rencana_awal}–{versi.tahun_akhir}."
        )
    baris = {b.kunci: b for b in ra.baris_aksi(r, tahun)}
    asing = sorted(set(isian) - set(baris))
    if asing:
        raise ValidationError(f"Baris {', '.join(asing)} tidak bertarget angka pada tahun {tahun}.")
    nilai, galat = _periksa_aksi(list(baris.values()), isian)
    if galat:
        raise ValidationError(galat)
    lama = {
        (t.indikator_id, t.lokasi_id, t.triwulan): t
        # No ordering: the model's ordering by lokasi joins the nullable unit, which PostgreSQL cannot lock.
        for t in TargetTriwulan.objects.select_for_update(of=("self",))
        .filter(indikator__node__versi_id=versi.pk, tahun=tahun)
        .order_by()
    }
    oleh = pengguna if getattr(pengguna, "is_authenticated", False) else None
    jumlah = 0
    for kunci, per_tw in nilai.items():
        b = baris[kunci]
        for q, v in per_tw.items():
            obj = lama.get((b.ind.pk, b.lokasi_id, q))
            if obj is not None and v is None:
                catat(
                    aksi="target_triwulan.hapus",
                    objek=obj,
                    pengguna=pengguna,
                    perubahan={"nilai": (obj.nilai, None)},
                    pd=versi.pd,
                )
                obj.delete()
            elif v is not None and (obj is None or obj.nilai != v):
                sebelum = obj.nilai if obj else None
                obj = obj or TargetTriwulan(
                    indikator_id=b.ind.pk, lokasi_id=b.lokasi_id, tahun=tahun, triwulan=q
                )
                obj.nilai, obj.diubah_oleh = v, oleh
                obj.save()
                catat(
                    aksi="target_triwulan.ubah" if sebelum is not None else "target_triwulan.isi",
                    objek=obj,
                    pengguna=pengguna,
                    perubahan={"nilai": (sebelum, v)},
                    pd=versi.pd,
                )
            else:
                continue
            jumlah += 1
    return jumlah
