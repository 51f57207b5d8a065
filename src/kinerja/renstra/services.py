"""Writes to the plan: validated, scoped to one version, one transaction each."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.db.models import Max
from django.db.models.deletion import Collector

from kinerja.core import angka
from kinerja.core.audit import catat
from kinerja.renstra import nomenklatur as nmk
from kinerja.renstra.models import (
    BarisCetak,
    Indikator,
    KondisiAwal,
    Misi,
    Nomenklatur,
    Pagu,
    PlanNode,
    RenstraVersi,
    RincianRenja,
    SumberDokumen,
    Target,
)
from kinerja.wilayah.izin import pelaku_wajib
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


def agregasi_triwulan_bawaan(agregasi_akhir: str) -> str:
    """Quarters add up when the years do (counts of things done); otherwise the latest quarter
    is the year's value (percentages, indices, levels reached)."""
    return "jumlah" if agregasi_akhir == Indikator.Agregasi.JUMLAH else "terakhir"


PESAN_PERENCANA = "Hanya perencana perangkat daerah ini yang dapat mengubah rencana."


def _cek_perencana(pengguna, pd_id: int) -> None:
    """Writes to a PD's plan: its perencana or admin (or the system actor) only."""
    if not pelaku_wajib(pengguna).ubah_rencana(pd_id):
        raise PermissionDenied(PESAN_PERENCANA)


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
    pengguna,
) -> RenstraVersi:
    _cek_perencana(pengguna, pd.pk)
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
    pengguna,
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
    _cek_perencana(pengguna, versi.pd_id)
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
    pengguna,
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
    _cek_perencana(pengguna, node.versi.pd_id)
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
        agregasi_triwulan=agregasi_triwulan_bawaan(agregasi_akhir or agregasi_bawaan),
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


# What the plan editor and the import may store (see ``angka.Batas``).
BATAS_TARGET = angka.Batas.dari_kolom(Target._meta.get_field("nilai"))
BATAS_PAGU = angka.Batas.dari_kolom(Pagu._meta.get_field("jumlah"), rupiah=True)


def nilai_target(teks: str) -> dict:
    """Fields of a Target read from its printed text."""
    n = angka.baca(teks)
    return {"teks": n.teks, "jenis": n.jenis, "nilai": n.angka, "label": n.label or ""}


def set_target(
    *,
    pengguna,
    indikator: Indikator,
    tahun: int,
    teks: str,
    lokasi: Unit | None = None,
    sumber_baris: int | None = None,
) -> Target:
    _cek_perencana(pengguna, indikator.node.versi.pd_id)
    return _set_target(indikator=indikator, tahun=tahun, teks=teks, lokasi=lokasi, sumber_baris=sumber_baris)


def _set_target(
    *, indikator: Indikator, tahun: int, teks: str, lokasi: Unit | None, sumber_baris: int | None = None
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
    *, pengguna, indikator: Indikator, teks: str, lokasi: Unit | None = None, sumber_baris: int | None = None
) -> KondisiAwal:
    versi = indikator.node.versi
    _cek_perencana(pengguna, versi.pd_id)
    _cek_lokasi(versi, lokasi)
    obj, _ = KondisiAwal.objects.update_or_create(
        indikator=indikator,
        lokasi=lokasi,
        defaults={**nilai_target(teks), "tahun": versi.tahun_kondisi_awal, "sumber_baris": sumber_baris},
    )
    return obj


def set_pagu(
    *,
    pengguna,
    node: PlanNode,
    tahun: int,
    jumlah: Decimal,
    lokasi: Unit | None = None,
    sumber_baris: int | None = None,
) -> Pagu:
    _cek_perencana(pengguna, node.versi.pd_id)
    return _set_pagu(node=node, tahun=tahun, jumlah=jumlah, lokasi=lokasi, sumber_baris=sumber_baris)


def _set_pagu(
    *, node: PlanNode, tahun: int, jumlah: Decimal, lokasi: Unit | None, sumber_baris: int | None = None
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
    *, pengguna, versi: RenstraVersi, jenis: str, judul: str, nama_berkas: str = "", sha256: str = ""
) -> SumberDokumen:
    _cek_perencana(pengguna, versi.pd_id)
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


# --- editing a draft version ----------------------------------------------------------------


class BentrokRencana(Exception):
    """Someone changed the same values since the editor was opened; nothing was saved.

    ``sel`` maps each such cell (see ``kunci_sel``) to the value stored now.
    """

    def __init__(self, pesan: list[str], sel: dict[str, str] | None = None):
        super().__init__("; ".join(pesan))
        self.pesan = pesan
        self.sel = sel or {}


BIDANG_NODE = ("kode", "nama")
BIDANG_INDIKATOR = (
    "nama",
    "definisi",
    "satuan",
    "arah",
    "jenis_nilai",
    "agregasi_akhir",
    "agregasi_triwulan",
)
PESAN_ALASAN = "Tulis alasan perubahan; alasan tercatat di jejak audit bersama setiap nilai yang diubah."


def kunci_sel(jenis: str, lokasi_id: int | None, tahun: int) -> str:
    """The name of one cell of the editor's grid: 'target-0-2024', 'pagu-12-2025' (0 = no lokasi)."""
    return f"{jenis}-{lokasi_id or 0}-{tahun}"


def _label_lokasi(lokasi_id: int | None, unit: dict[int, Unit]) -> str:
    return unit[lokasi_id].nama_pendek if lokasi_id else "tanpa lokasi"


def galat_target(teks: str) -> str:
    """Why a typed target cannot be stored ("" when it can, or when it is empty)."""
    try:
        n = angka.baca_terbatas(teks, BATAS_TARGET)
    except angka.NilaiDitolak as e:
        return e.pesan
    if teks and (n.jenis in (angka.TAK_TERBACA, angka.TEKS) or n.terpotong):
        return f"'{teks}' bukan angka, persen atau predikat (contoh: 97%, 1.250, Baik (84))."
    return ""


def galat_pagu(teks: str) -> str:
    """Why a typed pagu cannot be stored ("" when it can, or when it is empty)."""
    if teks:
        try:
            angka.baca_rupiah(teks, BATAS_PAGU)
        except angka.NilaiDitolak as e:
            return e.pesan
    return ""


def _galat_kisi(jenis: str, isian: dict | None, periksa) -> dict[str, list[str]]:
    """The refused cells of a new element's grid, checked before anything is saved."""
    galat = {}
    for (lok, tahun), (_, baru) in (isian or {}).items():
        if salah := periksa(" ".join(baru.split())):
            galat[kunci_sel(jenis, lok, tahun)] = [salah]
    return galat


class _Ubahan:
    """The editor's changes to one element, checked cell by cell before anything is saved."""

    def __init__(self, versi: RenstraVersi, objek):
        self.versi, self.objek = versi, objek
        self.unit = {u.pk: u for u in Unit.objects.filter(pd_id=versi.pd_id)}
        self.bentrok: list[str] = []
        self.bentrok_sel: dict[str, str] = {}
        self.galat: dict[str, list[str]] = {}
        self.perubahan: dict[str, tuple] = {}
        self.target: list[tuple] = []
        self.pagu: list[tuple] = []

    def salah(self, kunci: str, pesan: str) -> None:
        self.galat.setdefault(kunci, []).append(pesan)

    def usang(self, kunci: str, nama: str, sekarang: str, asli: str) -> None:
        self.bentrok.append(f"{nama}: sekarang '{sekarang}', bukan '{asli}'")
        self.bentrok_sel[kunci] = sekarang

    def bidang(self, isian: dict[str, tuple[str, str]]) -> None:
        for kolom, (asli, baru) in isian.items():
            sekarang = str(getattr(self.objek, kolom) or "")
            baru = " ".join(baru.split()) if kolom != "definisi" else baru.strip()
            if sekarang != asli:
                self.usang(kolom, kolom, sekarang, asli)
            elif baru != sekarang:
                if kolom == "nama" and not baru:
                    self.salah(kolom, "Nama wajib diisi.")
                self.perubahan[kolom] = (sekarang, baru)

    def nilai_target(self, isian: dict[tuple[int | None, int], tuple[str, str]]) -> None:
        ada = {
            (t.lokasi_id, t.tahun): t
            for t in Target.objects.select_for_update().filter(indikator=self.objek).order_by()
        }
        for (lok, tahun), (asli, baru) in isian.items():
            t = ada.get((lok, tahun))
            sekarang, baru = (t.teks if t else ""), " ".join(baru.split())
            kunci, nama = kunci_sel("target", lok, tahun), f"target {tahun} {_label_lokasi(lok, self.unit)}"
            if sekarang != asli:
                self.usang(kunci, nama, sekarang, asli)
                continue
            if baru == sekarang:
                continue
            if not self.versi.tahun_mulai <= tahun <= self.versi.tahun_akhir:
                self.salah(
                    kunci, f"Tahun {tahun} di luar periode {self.versi.tahun_mulai}–{self.versi.tahun_akhir}."
                )
                continue
            if salah := galat_target(baru):
                self.salah(kunci, salah)
                continue
            self.perubahan[nama] = (sekarang, baru)
            self.target.append((lok, tahun, t, baru))

    def nilai_pagu(self, isian: dict[tuple[int | None, int], tuple[str, str]]) -> None:
        if self.objek.tingkat != TINGKAT.SUB_KEGIATAN:
            self.salah("__all__", "Pagu hanya diisi pada sub kegiatan.")
            return
        ada = {
            (p.lokasi_id, p.tahun): p
            for p in Pagu.objects.select_for_update().filter(node=self.objek).order_by()
        }
        for (lok, tahun), (asli, baru) in isian.items():
            p = ada.get((lok, tahun))
            sekarang, baru = (angka.format_rupiah(p.jumlah) if p else ""), " ".join(baru.split())
            kunci, nama = kunci_sel("pagu", lok, tahun), f"pagu {tahun} {_label_lokasi(lok, self.unit)}"
            if sekarang != asli:
                self.usang(kunci, nama, sekarang, asli)
                continue
            jumlah = None
            if baru:
                try:
                    jumlah = angka.baca_rupiah(baru, BATAS_PAGU)
                except angka.NilaiDitolak as e:
                    self.salah(kunci, e.pesan)
                    continue
            if (p.jumlah if p else None) == jumlah:
                continue
            self.perubahan[nama] = (sekarang, angka.format_rupiah(jumlah) if jumlah is not None else "")
            self.pagu.append((lok, tahun, p, jumlah))

    def simpan(self, bidang: dict) -> None:
        objek, unit = self.objek, self.unit
        for kolom in bidang:
            if kolom in self.perubahan:
                setattr(objek, kolom, self.perubahan[kolom][1])
        if any(k in self.perubahan for k in bidang):
            objek.full_clean(exclude=["versi", "induk", "node", "asal", "nomenklatur", "misi", "unit_kerja"])
            objek.save()
        for lok, tahun, t, baru in self.target:
            if not baru:
                t.delete()
            else:
                _set_target(indikator=objek, tahun=tahun, teks=baru, lokasi=unit.get(lok) if lok else None)
        for lok, tahun, p, jumlah in self.pagu:
            if jumlah is None:
                p.delete()
            else:
                _set_pagu(node=objek, tahun=tahun, jumlah=jumlah, lokasi=unit.get(lok) if lok else None)


@transaction.atomic
def ubah_rencana(
    *,
    pengguna,
    versi: RenstraVersi,
    objek: PlanNode | Indikator,
    bidang: dict[str, tuple[str, str]] | None = None,
    target: dict[tuple[int | None, int], tuple[str, str]] | None = None,
    pagu: dict[tuple[int | None, int], tuple[str, str]] | None = None,
    alasan: str = "",
) -> int:
    """Apply an editor's changes to one element of a draft version, with their reason.

    Every value comes as (value when the editor was opened, value now typed). When the
    stored value is no longer the one the editor showed, ``BentrokRencana`` lists the
    cells and nothing is saved; invalid values, or changes without a reason, raise a
    ``ValidationError`` keyed by cell (``kunci_sel``, a field name, or "alasan"), also
    saving nothing. Returns the number of values changed; one audit entry records them all.
    """
    _cek_perencana(pengguna, versi.pd_id)
    if versi.status != RenstraVersi.Status.DRAFT:
        raise ValidationError(
            f"{versi.nama} berstatus {versi.get_status_display().lower()}: tidak dapat diubah. Buat Perubahan atau Renja baru."
        )
    terkunci = type(objek).objects.select_for_update().get(pk=objek.pk)
    if (terkunci.versi_id if isinstance(terkunci, PlanNode) else terkunci.node.versi_id) != versi.pk:
        # The scope was checked on ``versi``: an element of another version is never changed through it.
        raise PermissionDenied("Unsur ini bukan bagian dari versi yang diubah.")
    u = _Ubahan(versi, terkunci)
    u.bidang(bidang or {})
    if target:
        u.nilai_target(target)
    if pagu:
        u.nilai_pagu(pagu)
    if u.bentrok:
        raise BentrokRencana(u.bentrok, u.bentrok_sel)
    alasan = " ".join((alasan or "").split())
    if u.perubahan and not alasan:
        u.salah("alasan", PESAN_ALASAN)
    if u.galat:
        raise ValidationError(u.galat)
    u.simpan(bidang or {})
    if u.perubahan:
        catat(
            aksi="rencana.ubah",
            objek=u.objek,
            pengguna=pengguna,
            perubahan=u.perubahan,
            alasan=alasan,
            pd=versi.pd,
        )
    return len(u.perubahan)


@transaction.atomic
def ubah_status_versi(*, pengguna, versi: RenstraVersi, status: str, alasan: str = "") -> RenstraVersi:
    if not pelaku_wajib(pengguna).ubah_rencana(versi.pd_id):
        raise PermissionDenied("Hanya perencana yang dapat mengubah status versi.")
    if status not in RenstraVersi.Status.values:
        raise ValidationError("Status tidak dikenal.")
    urutan = list(RenstraVersi.Status.values)
    if urutan.index(status) < urutan.index(versi.status):
        raise ValidationError(
            f"Status {versi.get_status_display().lower()} tidak dapat dikembalikan; buat Perubahan bila rencana perlu diubah."
        )
    if status == versi.status:
        return versi
    dari = versi.status
    versi.status = status
    versi.save(update_fields=["status"])
    catat(
        aksi="versi.status",
        objek=versi,
        pengguna=pengguna,
        perubahan={"status": (dari, status)},
        alasan=alasan,
        pd=versi.pd,
    )
    return versi


PANJANG_SUMBER_DANA = RincianRenja._meta.get_field("sumber_dana").max_length
PANJANG_CATATAN = 2000


@transaction.atomic
def ubah_rincian_renja(
    *, pengguna, versi: RenstraVersi, node: PlanNode, lokasi: Unit | None, sumber_dana: str, catatan: str
) -> RincianRenja:
    """Sumber dana and catatan penting of one sub kegiatan × lokasi row of a draft Renja."""
    _cek_perencana(pengguna, versi.pd_id)
    if versi.jenis != RenstraVersi.Jenis.RENJA:
        raise ValidationError("Sumber dana dan catatan penting diisi pada versi Renja.")
    if versi.status != RenstraVersi.Status.DRAFT:
        raise ValidationError(
            f"{versi.nama} berstatus {versi.get_status_display().lower()}: tidak dapat diubah."
        )
    if node.versi_id != versi.pk:
        raise PermissionDenied("Unsur ini bukan bagian dari versi yang diubah.")
    if node.tingkat != TINGKAT.SUB_KEGIATAN:
        raise ValidationError("Sumber dana dan catatan penting diisi per sub kegiatan.")
    _cek_lokasi(versi, lokasi)
    sumber_dana = " ".join((sumber_dana or "").split())
    catatan = (catatan or "").strip()
    if len(sumber_dana) > PANJANG_SUMBER_DANA:
        raise ValidationError(f"Sumber dana paling panjang {PANJANG_SUMBER_DANA} karakter.")
    if len(catatan) > PANJANG_CATATAN:
        raise ValidationError(f"Catatan penting paling panjang {PANJANG_CATATAN} karakter.")
    lama = (
        RincianRenja.objects.select_for_update(of=("self",))
        .filter(node=node, lokasi=lokasi)
        .order_by("pk")  # not the model's ordering: it joins the nullable lokasi, which cannot be locked
        .first()
    )
    dulu = (lama.sumber_dana, lama.catatan) if lama else ("", "")
    if dulu == (sumber_dana, catatan):
        return lama or RincianRenja(node=node, lokasi=lokasi)
    obj, _ = RincianRenja.objects.update_or_create(
        node=node, lokasi=lokasi, defaults={"sumber_dana": sumber_dana, "catatan": catatan}
    )
    perubahan = {}
    if dulu[0] != sumber_dana:
        perubahan["sumber_dana"] = (dulu[0], sumber_dana)
    if dulu[1] != catatan:
        perubahan["catatan"] = (dulu[1], catatan)
    catat(
        aksi="renja.rincian",
        objek=node,
        pengguna=pengguna,
        perubahan=perubahan,
        alasan=f"lokasi {lokasi.nama_pendek if lokasi else 'seluruh PD'}",
        pd=versi.pd,
    )
    return obj


# --- a new PD's first plan; adding and deleting elements of a draft version ------------------

TAHUN_TERKECIL, TAHUN_TERBESAR = 2000, 2100
PANJANG_PERIODE = 5  # a Renstra runs five years (RPJMD period); other lengths need confirming
PANJANG_PERIODE_MAKS = 10
PANJANG_KODE = PlanNode._meta.get_field("kode").max_length
PANJANG_SATUAN = Indikator._meta.get_field("satuan").max_length
PANJANG_NAMA_VERSI = RenstraVersi._meta.get_field("nama").max_length
BAGIAN_KODE = {TINGKAT.PROGRAM: 3, TINGKAT.KEGIATAN: 5, TINGKAT.SUB_KEGIATAN: 6}
CONTOH_KODE = {
    TINGKAT.PROGRAM: "7.01.02",
    TINGKAT.KEGIATAN: "7.01.02.2.01",
    TINGKAT.SUB_KEGIATAN: "7.01.02.2.01.0001",
}


def _cek_draf(versi: RenstraVersi) -> None:
    if versi.status != RenstraVersi.Status.DRAFT:
        raise ValidationError(
            f"{versi.nama} berstatus {versi.get_status_display().lower()}: tidak dapat diubah. "
            "Buat Perubahan atau Renja baru."
        )


def _tahun_isian(teks, medan: str, label: str, contoh: int, galat: dict) -> int | None:
    teks = str(teks if teks is not None else "").strip()
    if not teks:
        galat[medan] = [f"Isi {label}, mis. {contoh}."]
        return None
    if not teks.isdigit() or not TAHUN_TERKECIL <= int(teks) <= TAHUN_TERBESAR:
        galat[medan] = [
            f"{label.capitalize()} '{teks}' bukan tahun antara {TAHUN_TERKECIL} dan {TAHUN_TERBESAR}."
        ]
        return None
    return int(teks)


def periksa_periode(tahun_mulai, tahun_akhir, *, bukan_lima_tahun: bool = False) -> tuple[int, int]:
    """The period of a new version from what was typed: (first year, last year) or field errors.

    A Renstra covers five years; a shorter or longer one (a transition period) must be
    confirmed with ``bukan_lima_tahun``; more than ten years is refused."""
    galat: dict[str, list[str]] = {}
    mulai = _tahun_isian(tahun_mulai, "tahun_mulai", "tahun mulai", 2025, galat)
    akhir = _tahun_isian(tahun_akhir, "tahun_akhir", "tahun akhir", 2029, galat)
    if mulai and akhir:
        panjang = akhir - mulai + 1
        if akhir < mulai:
            galat["tahun_akhir"] = [f"Tahun akhir {akhir} sebelum tahun mulai {mulai}."]
        elif panjang > PANJANG_PERIODE_MAKS:
            galat["tahun_akhir"] = [
                f"Periode {mulai}–{akhir} adalah {panjang} tahun; Renstra mencakup {PANJANG_PERIODE} tahun."
            ]
        elif panjang != PANJANG_PERIODE and not bukan_lima_tahun:
            galat["bukan_lima_tahun"] = [
                f"Periode {mulai}–{akhir} adalah {panjang} tahun, bukan {PANJANG_PERIODE} tahun seperti "
                "lazimnya Renstra. Bila memang demikian (mis. masa transisi), centang kotak ini lalu simpan lagi."
            ]
    if galat:
        raise ValidationError(galat)
    return mulai, akhir


@transaction.atomic
def buat_renstra_pertama(
    *,
    pengguna,
    pd: PerangkatDaerah,
    tahun_mulai,
    tahun_akhir,
    nama: str = "",
    dasar_hukum: str = "",
    bukan_lima_tahun: bool = False,
) -> RenstraVersi:
    """The first Renstra of a PD that has none: an empty draft to import into or type in. Audited."""
    _cek_perencana(pengguna, pd.pk)
    PerangkatDaerah.objects.select_for_update().filter(pk=pd.pk).first()
    ada = pd.renstra_set.exclude(jenis=RenstraVersi.Jenis.RENJA).order_by("pk").first()
    if ada is not None:
        raise ValidationError(
            f"{pd.nama} sudah mempunyai Renstra ({ada.nama}); buat versi baru dari halaman Versi versi itu."
        )
    mulai, akhir = periksa_periode(tahun_mulai, tahun_akhir, bukan_lima_tahun=bukan_lima_tahun)
    nama = " ".join((nama or "").split()) or f"Renstra {pd.nama} {mulai}–{akhir}"
    if len(nama) > PANJANG_NAMA_VERSI:
        raise ValidationError({"nama": [f"Nama versi paling panjang {PANJANG_NAMA_VERSI} karakter."]})
    versi = buat_versi(
        pd=pd,
        nama=nama,
        jenis=RenstraVersi.Jenis.RENSTRA,
        tahun_mulai=mulai,
        tahun_akhir=akhir,
        tahun_kondisi_awal=mulai - 1,
        dasar_hukum=(dasar_hukum or "").strip(),
        pengguna=pengguna,
    )
    catat(
        aksi="versi.buat",
        objek=versi,
        pengguna=pengguna,
        perubahan={
            "nama": (None, versi.nama),
            "periode": (None, f"{mulai}–{akhir}"),
            "status": (None, "draft"),
        },
        alasan="Renstra pertama perangkat daerah",
        pd=pd,
    )
    return versi


def galat_kode(kode: str, tingkat: int, induk: PlanNode | None) -> str:
    """Why a code cannot be a new element's ("" when it can): its length, and for program,
    kegiatan and sub kegiatan the parts of a kode nomenklatur under its parent's code."""
    if len(kode) > PANJANG_KODE:
        return f"Kode paling panjang {PANJANG_KODE} karakter."
    if not kode or tingkat not in BAGIAN_KODE:
        return ""
    bagian = kode.split(".")
    label = TINGKAT(tingkat).label.lower()
    if len(bagian) != BAGIAN_KODE[tingkat] or not all(
        b and (b.isdigit() or b.upper() in ("X", "XX")) for b in bagian
    ):
        return (
            f"Kode {label} terdiri atas {BAGIAN_KODE[tingkat]} bagian angka yang dipisah titik "
            f"(mis. {CONTOH_KODE[tingkat]}), bukan '{kode}'."
        )
    if induk is not None and induk.tingkat in BAGIAN_KODE and induk.kode:
        if nmk.kode_induk(kode) != induk.kode:
            return f"Kode {label} {kode} tidak berada di bawah {TINGKAT(induk.tingkat).label.lower()} {induk.kode}."
    return ""


def _kembar(qs, nama: str) -> bool:
    """Whether one of these elements or indicators already bears this name (spacing and case aside)."""
    kunci = nmk.kunci_nama(nama)
    return any(nmk.kunci_nama(n) == kunci for n in qs.values_list("nama", flat=True))


def _nomenklatur_kode(versi: RenstraVersi, kode: str, tingkat: int) -> Nomenklatur | None:
    if tingkat not in BAGIAN_KODE or not kode:
        return None
    pd = versi.pd
    return (
        Nomenklatur.objects.filter(
            revisi=nmk.REVISI, jenis_pemda=pd.pemda.jenis_pemda, kode=nmk.kode_nasional(kode, pd.kode_bidang)
        )
        .order_by("pk")
        .first()
    )


@transaction.atomic
def tambah_unsur(
    *,
    pengguna,
    versi: RenstraVersi,
    induk: PlanNode | None,
    kode: str = "",
    nama: str = "",
    pagu: dict[tuple[int | None, int], tuple[str, str]] | None = None,
) -> PlanNode:
    """A new element of a draft version: a tujuan at the root, else the level below ``induk``.

    Field errors (``kode``, ``nama``, pagu cells by ``kunci_sel``) raise one ``ValidationError``
    and nothing is saved. A program, kegiatan or sub kegiatan whose code the national list knows
    takes its name from it when no name is typed. One audit entry records the element and its pagu."""
    _cek_perencana(pengguna, versi.pd_id)
    _cek_draf(versi)
    if induk is not None and induk.versi_id != versi.pk:
        raise PermissionDenied("Unsur ini bukan bagian dari versi yang diubah.")
    tingkat = TINGKAT.TUJUAN if induk is None else induk.tingkat + 1
    if tingkat > TINGKAT.SUB_KEGIATAN:
        raise ValidationError("Sub kegiatan adalah tingkat terbawah: di bawahnya hanya ada indikator.")
    galat: dict[str, list[str]] = {}
    kode = "".join((kode or "").split())
    if salah := galat_kode(kode, tingkat, induk):
        galat["kode"] = [salah]
    nasional = None if salah else _nomenklatur_kode(versi, kode, tingkat)
    nama = " ".join((nama or "").split()) or (nasional.nama if nasional else "")
    if not nama:
        galat["nama"] = [f"Tulis nama {TINGKAT(tingkat).label.lower()}."]
    elif _kembar(versi.node_set.filter(induk=induk, tingkat=tingkat, kode=kode), nama):
        galat["nama"] = [
            f"{TINGKAT(tingkat).label} '{nama}' sudah ada di tempat ini (mungkin formulir terkirim dua kali)."
        ]
    if tingkat == TINGKAT.SUB_KEGIATAN:
        galat |= _galat_kisi("pagu", pagu, galat_pagu)
    if galat:
        raise ValidationError(galat)
    node = tambah_node(
        pengguna=pengguna,
        versi=versi,
        tingkat=tingkat,
        nama=nama,
        induk=induk,
        kode=kode,
        nomenklatur=nasional,
    )
    u = _Ubahan(versi, node)
    if pagu and tingkat == TINGKAT.SUB_KEGIATAN:
        u.nilai_pagu(pagu)
    if u.galat:
        raise ValidationError(u.galat)
    u.simpan({})
    catat(
        aksi="rencana.tambah",
        objek=node,
        pengguna=pengguna,
        perubahan={
            "tingkat": (None, TINGKAT(tingkat).label),
            "induk": (None, str(induk) if induk else ""),
            "kode": (None, kode),
            "nama": (None, nama),
            **u.perubahan,
        },
        pd=versi.pd,
    )
    return node


@transaction.atomic
def tambah_indikator_unsur(
    *,
    pengguna,
    node: PlanNode,
    nama: str,
    satuan: str = "",
    definisi: str = "",
    target: dict[tuple[int | None, int], tuple[str, str]] | None = None,
) -> Indikator:
    """A new indicator of an element of a draft version, with its targets per lokasi and year.

    Errors by field (``nama``, ``satuan``, target cells by ``kunci_sel``) save nothing; the value
    kind and end-of-period rule follow the satuan (``aturan_bawaan``). Audited."""
    versi = node.versi
    _cek_perencana(pengguna, versi.pd_id)
    _cek_draf(versi)
    galat: dict[str, list[str]] = {}
    nama = " ".join((nama or "").split())
    satuan = " ".join((satuan or "").split())
    if not nama:
        galat["nama"] = ["Tulis nama indikator."]
    elif _kembar(node.indikator_set.all(), nama):
        galat["nama"] = [f"Indikator '{nama}' sudah ada pada unsur ini (mungkin formulir terkirim dua kali)."]
    if len(satuan) > PANJANG_SATUAN:
        galat["satuan"] = [f"Satuan paling panjang {PANJANG_SATUAN} karakter."]
    galat |= _galat_kisi("target", target, galat_target)
    if galat:
        raise ValidationError(galat)
    ind = tambah_indikator(pengguna=pengguna, node=node, nama=nama, satuan=satuan, definisi=definisi)
    ind.agregasi_triwulan = agregasi_triwulan_bawaan(ind.agregasi_akhir)
    ind.save(update_fields=["agregasi_triwulan"])
    u = _Ubahan(versi, ind)
    u.nilai_target(target or {})
    if u.galat:
        raise ValidationError(u.galat)
    u.simpan({})
    catat(
        aksi="rencana.tambah",
        objek=ind,
        pengguna=pengguna,
        perubahan={"unsur": (None, str(node)), "nama": (None, nama), "satuan": (None, satuan), **u.perubahan},
        pd=versi.pd,
    )
    return ind


# What may go with an element or an indicator when it is deleted: its own plan values. Anything
# else that would go or lose its link (an element below it, a realisation, a link, a printed row
# of the source document, a copy in another version, a signed PK …) refuses the deletion.
_IKUT_HAPUS = {
    "renstra.indikator": "indikator",
    "renstra.target": "target",
    "renstra.kondisiawal": "kondisi awal",
    "renstra.pagu": "pagu",
}
_ALASAN_TOLAK = {
    "renstra.plannode": "masih ada {n} unsur rencana di bawahnya; hapus unsur-unsur itu lebih dulu",
    "monev.realisasi": "{n} realisasi indikator sudah diisi",
    "monev.realisasianggaran": "{n} realisasi anggaran sudah diisi",
    "monev.targettriwulan": "{n} target triwulan (rencana aksi) sudah ditetapkan",
    "monev.aturanisian": "aturan isian realisasinya sudah diatur",
    "renstra.tautanindikator": "ditautkan dengan indikator lain sebagai satu ukuran (halaman Tautan indikator)",
    "renstra.bariscetak": "{n} baris dokumen sumber (hasil impor) menunjuk ke sini; ubah lewat impor buku kerja",
    "renstra.anggaran": "{n} anggaran APBD sudah dicatat",
    "renstra.rincianrenja": "{n} rincian Renja (sumber dana, catatan) sudah diisi",
    "renstra.strategi": "{n} strategi dan arah kebijakan tercatat pada sasaran ini",
    "renstra.kinerjapelayanan": "{n} baris kinerja pelayanan (Tabel 2.3.1) memakai indikator ini",
    "rtkeren.alokasi": "{n} alokasi RT Keren menunjuk sub kegiatan ini",
    "salinan": "{n} unsur atau indikator versi lain (Perubahan, Renja) disalin dari sini",
}
_ALASAN_LAIN = "{n} catatan lain ({nama}) bergantung padanya"
_PK = "monev.perjanjiankinerja"


@dataclass
class DampakHapus:
    """What deleting an element or an indicator would take with it, and why it may not be deleted."""

    ikut: list[str]  # "2 indikator", "10 target"
    tolak: list[str]  # reasons, in Indonesian; empty when it may be deleted

    @property
    def boleh(self) -> bool:
        return not self.tolak


def _jumlah(objs) -> int:
    return len(objs) if isinstance(objs, list | set | tuple) else objs.count()


def _tambah(hitung: dict[str, int], label: str, n: int) -> None:
    if n:
        hitung[label] = hitung.get(label, 0) + n


def _pk_versi(versi: RenstraVersi) -> list[int]:
    """Years of the Perjanjian Kinerja signed on this version (a later layer's record, read by relation)."""
    for rel in RenstraVersi._meta.get_fields(include_hidden=True):
        if rel.auto_created and not rel.concrete and rel.related_model._meta.label_lower == _PK:
            qs = rel.related_model._default_manager.filter(**{rel.field.name: versi})
            return sorted(qs.values_list("tahun", flat=True))
    return []


def _dampak(objek: PlanNode | Indikator, versi: RenstraVersi) -> DampakHapus:
    """From the database's own cascade: a relation added later refuses deletions until it is named here."""
    c = Collector(using=router.db_for_write(type(objek)))
    c.collect([objek])
    hilang: dict[str, int] = {}
    for model, objs in c.data.items():
        _tambah(hilang, model._meta.label_lower, len(objs))
    for qs in c.fast_deletes:
        _tambah(hilang, qs.model._meta.label_lower, _jumlah(qs))
    hilang[objek._meta.label_lower] -= 1
    for (medan, _), daftar in c.field_updates.items():
        label = "salinan" if medan.name == "asal" else medan.model._meta.label_lower
        _tambah(hilang, label, sum(_jumlah(o) for o in daftar))
    boleh = set(_IKUT_HAPUS) - ({"renstra.indikator"} if isinstance(objek, Indikator) else set())
    tolak = [
        _ALASAN_TOLAK.get(label, _ALASAN_LAIN).format(n=n, nama=label)
        for label, n in sorted(hilang.items())
        if n and label not in boleh
    ]
    if tahun := _pk_versi(versi):
        tolak.append(
            "Perjanjian Kinerja tahun " + ", ".join(map(str, tahun)) + " sudah ditandatangani atas versi ini"
        )
    ikut = [f"{hilang[k]} {nama}" for k, nama in _IKUT_HAPUS.items() if k in boleh and hilang.get(k)]
    return DampakHapus(ikut=ikut, tolak=tolak)


def _objek_versi(versi: RenstraVersi, objek: PlanNode | Indikator) -> None:
    if (objek.versi_id if isinstance(objek, PlanNode) else objek.node.versi_id) != versi.pk:
        raise PermissionDenied("Unsur ini bukan bagian dari versi yang diubah.")


def dampak_hapus(*, pengguna, versi: RenstraVersi, objek: PlanNode | Indikator) -> DampakHapus:
    """What deleting this element or indicator of a draft version takes with it, or why it may not."""
    _cek_perencana(pengguna, versi.pd_id)
    _objek_versi(versi, objek)
    d = _dampak(objek, versi)
    if versi.status != RenstraVersi.Status.DRAFT:
        d.tolak.insert(
            0, f"{versi.nama} berstatus {versi.get_status_display().lower()} dan tidak dapat diubah"
        )
    return d


@transaction.atomic
def hapus_rencana(
    *, pengguna, versi: RenstraVersi, objek: PlanNode | Indikator, alasan: str = ""
) -> DampakHapus:
    """Delete an element (with its own indicators, targets and pagu) or an indicator (with its targets)
    of a draft version; refused with the reasons when anything else depends on it. Audited."""
    _cek_perencana(pengguna, versi.pd_id)
    _cek_draf(versi)
    terkunci = type(objek).objects.select_for_update().get(pk=objek.pk)
    _objek_versi(versi, terkunci)
    d = _dampak(terkunci, versi)
    if d.tolak:
        raise ValidationError("Tidak dapat dihapus: " + "; ".join(d.tolak) + ".")
    catat(
        aksi="rencana.hapus",
        objek=terkunci,
        pengguna=pengguna,
        perubahan={
            "nama": (str(terkunci), None),
            **({"ikut terhapus": (", ".join(d.ikut), None)} if d.ikut else {}),
        },
        alasan=" ".join((alasan or "").split()),
        pd=versi.pd,
    )
    terkunci.delete()
    return d
