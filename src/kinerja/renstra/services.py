"""Writes to the plan: validated, scoped to one version, one transaction each."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from kinerja.core import angka
from kinerja.renstra.models import (
    BarisCetak,
    Indikator,
    KondisiAwal,
    Misi,
    Nomenklatur,
    Pagu,
    PlanNode,
    RenstraVersi,
    SumberDokumen,
    Target,
)
from kinerja.wilayah.models import PerangkatDaerah, Unit

TINGKAT = PlanNode.Tingkat


def aturan_bawaan(*, satuan: str, jenis_nilai: str | None = None) -> tuple[str, str]:
    """Default value kind and kondisi-akhir rule for an indicator with this satuan.

    Percentages, indices and labels end the period at their last value; counts
    ("Jumlah …") add up over the years.
    """
    s = (satuan or "").strip().lower()
    if jenis_nilai is None:
        if s in ("%", "persen"):
            jenis_nilai = Indikator.JenisNilai.PERSEN
        elif s in ("indeks", "nilai"):
            jenis_nilai = Indikator.JenisNilai.INDEKS
        else:
            jenis_nilai = Indikator.JenisNilai.ANGKA
    agregasi = (
        Indikator.Agregasi.JUMLAH
        if jenis_nilai == Indikator.JenisNilai.ANGKA
        else Indikator.Agregasi.TERAKHIR
    )
    return jenis_nilai, agregasi


def buat_versi(
    *,
    pd: PerangkatDaerah,
    nama: str,
    jenis: str,
    tahun_mulai: int,
    tahun_akhir: int,
    tahun_rencana_awal: int | None = None,
    tahun_kondisi_awal: int | None = None,
    status: str = RenstraVersi.Status.DRAFT,
    rpjmd=None,
    laju_pagu: Decimal | None = None,
    laju_pagu_mulai: int | None = None,
    dasar_hukum: str = "",
    tanggal_dokumen: str = "",
    penandatangan: str = "",
    asal: RenstraVersi | None = None,
    pengguna=None,
) -> RenstraVersi:
    if tahun_akhir < tahun_mulai:
        raise ValidationError("Tahun akhir periode tidak boleh sebelum tahun mulai.")
    awal = tahun_rencana_awal or tahun_mulai
    if not tahun_mulai <= awal <= tahun_akhir:
        raise ValidationError(f"Tahun rencana pertama {awal} di luar periode {tahun_mulai}–{tahun_akhir}.")
    return RenstraVersi.objects.create(
        pd=pd,
        nama=nama,
        jenis=jenis,
        tahun_mulai=tahun_mulai,
        tahun_akhir=tahun_akhir,
        tahun_rencana_awal=awal,
        tahun_kondisi_awal=tahun_kondisi_awal,
        status=status,
        rpjmd=rpjmd,
        laju_pagu=laju_pagu,
        laju_pagu_mulai=laju_pagu_mulai,
        dasar_hukum=dasar_hukum,
        tanggal_dokumen=tanggal_dokumen,
        penandatangan=penandatangan,
        asal=asal,
        dibuat_oleh=pengguna if getattr(pengguna, "is_authenticated", False) else None,
    )


def tambah_node(
    *,
    versi: RenstraVersi,
    tingkat: int,
    nama: str,
    induk: PlanNode | None = None,
    kode: str = "",
    nomenklatur: Nomenklatur | None = None,
    misi: Misi | None = None,
    unit_kerja: Unit | None = None,
    urutan: int | None = None,
) -> PlanNode:
    nama = " ".join((nama or "").split())
    if not nama:
        raise ValidationError("Nama unsur rencana wajib diisi.")
    if tingkat == TINGKAT.TUJUAN:
        if induk is not None:
            raise ValidationError("Tujuan tidak mempunyai induk.")
    else:
        if induk is None:
            raise ValidationError(
                f"{TINGKAT(tingkat).label} '{nama}' harus berada di bawah {TINGKAT(tingkat - 1).label.lower()}."
            )
        if induk.tingkat != tingkat - 1:
            raise ValidationError(
                f"{TINGKAT(tingkat).label} '{nama}' harus berada di bawah {TINGKAT(tingkat - 1).label.lower()}, "
                f"bukan di bawah {TINGKAT(induk.tingkat).label.lower()}."
            )
        if induk.versi_id != versi.pk:
            raise ValidationError("Induk berasal dari versi Renstra lain.")
    if urutan is None:
        urutan = (versi.node_set.aggregate(m=Max("urutan"))["m"] or 0) + 1
    return PlanNode.objects.create(
        versi=versi,
        tingkat=tingkat,
        induk=induk,
        nama=nama,
        kode=kode.strip(),
        nomenklatur=nomenklatur,
        misi=misi,
        unit_kerja=unit_kerja,
        urutan=urutan,
    )


def tambah_indikator(
    *,
    node: PlanNode,
    nama: str,
    definisi: str = "",
    satuan: str = "",
    jenis_nilai: str | None = None,
    skala: str = "",
    agregasi_akhir: str | None = None,
    arah: str = Indikator.Arah.NAIK,
    ukuran: str = "",
    iku: bool = False,
    rpjmd: bool = False,
    unit_kerja: Unit | None = None,
    urutan: int | None = None,
) -> Indikator:
    nama = " ".join((nama or "").split())
    if not nama:
        raise ValidationError("Nama indikator wajib diisi.")
    jenis_bawaan, agregasi_bawaan = aturan_bawaan(satuan=satuan, jenis_nilai=jenis_nilai)
    if urutan is None:
        urutan = (node.indikator_set.aggregate(m=Max("urutan"))["m"] or 0) + 1
    return Indikator.objects.create(
        node=node,
        nama=nama,
        definisi=(definisi or "").strip(),
        satuan=(satuan or "").strip(),
        jenis_nilai=jenis_bawaan,
        skala=skala,
        agregasi_akhir=agregasi_akhir or agregasi_bawaan,
        arah=arah,
        ukuran=ukuran,
        iku=iku,
        rpjmd=rpjmd,
        unit_kerja=unit_kerja,
        urutan=urutan,
    )


def _cek_tahun(versi: RenstraVersi, tahun: int) -> None:
    if not versi.tahun_mulai <= tahun <= versi.tahun_akhir:
        raise ValidationError(f"Tahun {tahun} di luar periode {versi.tahun_mulai}–{versi.tahun_akhir}.")


def _cek_lokasi(versi: RenstraVersi, lokasi: Unit | None) -> None:
    if lokasi is not None and (lokasi.pd_id != versi.pd_id or not lokasi.adalah_lokasi):
        raise ValidationError(f"'{lokasi}' bukan lokasi milik {versi.pd}.")


def nilai_target(teks: str) -> dict:
    """Fields of a Target read from its printed text."""
    n = angka.baca(teks)
    return {"teks": n.teks, "jenis": n.jenis, "nilai": n.angka, "label": n.label or ""}


def set_target(
    *,
    indikator: Indikator,
    tahun: int,
    teks: str,
    lokasi: Unit | None = None,
    sumber_baris: int | None = None,
) -> Target:
    versi = indikator.node.versi
    _cek_tahun(versi, tahun)
    _cek_lokasi(versi, lokasi)
    nilai = nilai_target(teks)
    obj, _ = Target.objects.update_or_create(
        indikator=indikator, lokasi=lokasi, tahun=tahun, defaults={**nilai, "sumber_baris": sumber_baris}
    )
    return obj


def set_kondisi_awal(
    *, indikator: Indikator, teks: str, lokasi: Unit | None = None, sumber_baris: int | None = None
) -> KondisiAwal:
    versi = indikator.node.versi
    _cek_lokasi(versi, lokasi)
    obj, _ = KondisiAwal.objects.update_or_create(
        indikator=indikator,
        lokasi=lokasi,
        defaults={**nilai_target(teks), "tahun": versi.tahun_kondisi_awal, "sumber_baris": sumber_baris},
    )
    return obj


def set_pagu(
    *,
    node: PlanNode,
    tahun: int,
    jumlah: Decimal,
    lokasi: Unit | None = None,
    sumber_baris: int | None = None,
) -> Pagu:
    if node.tingkat != TINGKAT.SUB_KEGIATAN:
        raise ValidationError(
            f"Pagu hanya direncanakan pada sub kegiatan; pagu {TINGKAT(node.tingkat).label.lower()} "
            "adalah jumlah sub kegiatannya."
        )
    _cek_tahun(node.versi, tahun)
    _cek_lokasi(node.versi, lokasi)
    if jumlah is None or jumlah < 0:
        raise ValidationError("Pagu harus berupa angka nol atau lebih.")
    obj, _ = Pagu.objects.update_or_create(
        node=node, lokasi=lokasi, tahun=tahun, defaults={"jumlah": jumlah, "sumber_baris": sumber_baris}
    )
    return obj


def buat_sumber(
    *, versi: RenstraVersi, jenis: str, judul: str, nama_berkas: str = "", sha256: str = ""
) -> SumberDokumen:
    return SumberDokumen.objects.create(
        versi=versi, jenis=jenis, judul=judul, nama_berkas=nama_berkas, sha256=sha256
    )


def baris_cetak(
    *,
    sumber: SumberDokumen,
    tabel: str,
    urutan: int,
    baris: int,
    sel: dict,
    baris_lain: str = "",
    lembar: str = "",
    tingkat: str = "",
    node: PlanNode | None = None,
    indikator: Indikator | None = None,
    lokasi: Unit | None = None,
    catatan: str = "",
) -> BarisCetak:
    """Build (not save) one printed row; callers bulk-create them."""
    return BarisCetak(
        sumber=sumber,
        tabel=tabel,
        urutan=urutan,
        baris=baris,
        baris_lain=baris_lain,
        lembar=lembar,
        tingkat=tingkat,
        node=node,
        indikator=indikator,
        lokasi=lokasi,
        sel={k: v for k, v in sel.items() if v not in (None, "")},
        catatan=catatan,
    )


@transaction.atomic
def hapus_versi(*, versi: RenstraVersi) -> None:
    versi.delete()
