"""Writes to the plan: validated, scoped to one version, one transaction each."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from kinerja.core import angka
from kinerja.core.audit import catat
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
            try:
                n = angka.baca_terbatas(baru, BATAS_TARGET)
            except angka.NilaiDitolak as e:
                self.salah(kunci, e.pesan)
                continue
            if baru and (n.jenis in (angka.TAK_TERBACA, angka.TEKS) or n.terpotong):
                self.salah(
                    kunci, f"'{baru}' bukan angka, persen atau predikat (contoh: 97%, 1.250, Baik (84))."
                )
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
