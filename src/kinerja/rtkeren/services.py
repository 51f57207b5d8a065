"""Writing RT Keren records: rembug warga and its proposals, allocations, activities and their
spending, evidence files, the musrenbang decisions and the pemda's settings.

Every function takes the actor (``pengguna``), checks its scope (``wewenang``), checks every value
of the form at once (a ``ValidationError`` keyed by the form's field names), writes in one
transaction and records the change in the audit trail.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Sum

from kinerja.core.angka import Batas, NilaiDitolak, baca_rupiah, baca_terbatas, format_rupiah
from kinerja.core.audit import catat
from kinerja.core.unggah import format_mb
from kinerja.renstra.models import PlanNode
from kinerja.renstra.selectors import versi_utama
from kinerja.rtkeren import wewenang
from kinerja.rtkeren.models import (
    Alokasi,
    Berkas,
    KegiatanRt,
    Musrenbang,
    Pengaturan,
    RealisasiRt,
    RembugWarga,
    Usulan,
)
from kinerja.wilayah.izin import pelaku_wajib
from kinerja.wilayah.models import PerangkatDaerah, RukunTetangga, Unit

S = Usulan.Status
EKSTENSI_BERKAS = {
    "jpg": Berkas.Jenis.FOTO,
    "jpeg": Berkas.Jenis.FOTO,
    "png": Berkas.Jenis.FOTO,
    "pdf": Berkas.Jenis.DOKUMEN,
}
# The first bytes of each accepted kind: a renamed file (an .exe called foto.jpg) is refused.
TANDA_BERKAS = {
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG",),
    "pdf": (b"%PDF",),
}
BATAS_BERKAS = 5 * 1024 * 1024
BATAS_HADIR = 100_000  # people at one meeting: anything above is a typing error
BATAS_RUPIAH = Batas.dari_kolom(Usulan._meta.get_field("perkiraan_biaya"), rupiah=True)
BATAS_VOLUME = Batas.dari_kolom(Usulan._meta.get_field("volume"))
BATAS_PERSEN = Batas(digit=5, desimal=2)
TOLAK_ISI = "Anda hanya dapat mengisi data RT Keren untuk RT di kelurahan Anda."
TOLAK_PD = (
    "Hanya perencana, administrator atau operator kantor/seksi kecamatan yang dapat memutuskan musrenbang."
)


class Galat:
    """The problems of one form, keyed by field name; raised together at the end."""

    def __init__(self) -> None:
        self.isi: dict[str, list[str]] = {}

    def tambah(self, medan: str, pesan: str) -> None:
        self.isi.setdefault(medan or NON_FIELD_ERRORS, []).append(pesan)

    def lempar(self) -> None:
        if self.isi:
            raise ValidationError(self.isi)


# --- reading typed values ---------------------------------------------------------------------------


def _teks(nilai) -> str:
    return " ".join(str(nilai or "").split())


def _baca_tanggal(teks: str) -> dt.date | None:
    """A date as the browser's date field sends it (tttt-bb-hh) or as people write it (hh-bb-tttt,
    hh/bb/tttt); None when it is neither."""
    for pola in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(teks, pola).date()
        except ValueError:
            continue
    return None


def _tanggal(nilai, galat: Galat, medan: str, tahun: int, nama: str = "Tanggal") -> dt.date | None:
    if isinstance(nilai, dt.date):
        t = nilai
    else:
        t = _baca_tanggal(str(nilai or "").strip())
        if t is None:
            galat.tambah(medan, f"{nama} wajib diisi dengan tanggal yang sah (hh-bb-tttt).")
            return None
    if t.year != tahun:
        galat.tambah(medan, f"{nama} harus di tahun {tahun}, bukan {t.year}.")
        return None
    if t > dt.date.today():
        galat.tambah(medan, f"{nama} belum tiba: {t:%d-%m-%Y} sesudah hari ini.")
        return None
    return t


def _cacah(nilai, galat: Galat, medan: str, nama: str, *, maks: int = BATAS_HADIR) -> int | None:
    teks = _teks(nilai)
    if isinstance(nilai, int):
        n = nilai
    elif not teks:
        return 0
    elif teks.isdigit() and len(teks) <= 9:
        n = int(teks)
    else:
        galat.tambah(medan, f"{nama} ditulis dengan bilangan bulat tidak negatif, mis. 25.")
        return None
    if n < 0 or n > maks:
        galat.tambah(medan, f"{nama} harus antara 0 dan {maks:,}.".replace(",", "."))
        return None
    return n


def _rupiah(nilai, galat: Galat, medan: str, nama: str, *, wajib: bool = True) -> Decimal | None:
    try:
        d = baca_rupiah(nilai, BATAS_RUPIAH, nama=nama)
    except NilaiDitolak as e:
        galat.tambah(medan, f"{nama}: {e.pesan}")
        return None
    if d is None and wajib:
        galat.tambah(medan, f"{nama} wajib diisi, mis. 12.500.000.")
    return d


def _desimal(nilai, galat: Galat, medan: str, nama: str, batas: Batas, maks: Decimal | None = None):
    if not _teks(nilai) and not isinstance(nilai, (int, Decimal)):
        galat.tambah(medan, f"{nama} wajib diisi.")
        return None
    try:
        n = baca_terbatas(nilai, batas)
    except NilaiDitolak as e:
        galat.tambah(medan, f"{nama}: {e.pesan}")
        return None
    if n.angka is None or n.satuan:
        galat.tambah(medan, f"{nama} ditulis dengan angka, mis. 12,5.")
        return None
    if maks is not None and n.angka > maks:
        galat.tambah(medan, f"{nama} paling besar {maks}.")
        return None
    return n.angka


def _persen(nilai, galat: Galat, medan: str, nama: str) -> Decimal | None:
    return _desimal(nilai, galat, medan, nama, BATAS_PERSEN, Decimal(100))


# --- scope ---------------------------------------------------------------------------------------------


def _boleh_isi(pengguna, unit: Unit) -> None:
    if not wewenang.isi_unit(pelaku_wajib(pengguna), unit):
        raise PermissionDenied(TOLAK_ISI)


def _boleh_pd(pengguna, pd_id: int) -> None:
    if not wewenang.seluruh_pd(pelaku_wajib(pengguna), pd_id):
        raise PermissionDenied(TOLAK_PD)


def _rt(rt: RukunTetangga) -> RukunTetangga:
    return RukunTetangga.objects.select_related("unit__pd").get(pk=rt.pk)


def _usulan(usulan: Usulan) -> Usulan:
    return Usulan.objects.select_related("rembug__rt__unit__pd").select_for_update().get(pk=usulan.pk)


# --- rembug warga and its proposals -----------------------------------------------------------------------


@transaction.atomic
def simpan_rembug(
    *,
    pengguna,
    rt: RukunTetangga,
    tahun: int,
    tanggal,
    tempat,
    hadir_laki,
    hadir_perempuan,
    notulen="",
    rembug: RembugWarga | None = None,
) -> RembugWarga:
    """Record a rembug warga of the RT in ``tahun`` (or change ``rembug``)."""
    rt = _rt(rt)
    _boleh_isi(pengguna, rt.unit)
    if rembug is not None and rembug.rt_id != rt.pk:
        raise PermissionDenied("Rembug warga ini bukan milik RT tersebut.")
    galat = Galat()
    if not rt.aktif:
        galat.tambah("", f"{rt} sudah tidak aktif.")
    t = _tanggal(tanggal, galat, "tanggal", tahun, "Tanggal rembug")
    tempat = _teks(tempat)
    if not tempat:
        galat.tambah("tempat", "Tulis tempat rembug warga, mis. rumah ketua RT.")
    elif len(tempat) > 200:
        galat.tambah("tempat", "Tempat paling panjang 200 huruf.")
    laki = _cacah(hadir_laki, galat, "hadir_laki", "Hadir laki-laki")
    perempuan = _cacah(hadir_perempuan, galat, "hadir_perempuan", "Hadir perempuan")
    if laki == 0 and perempuan == 0:
        galat.tambah("hadir_laki", "Tulis banyaknya warga yang hadir.")
    notulen = str(notulen or "").strip()
    if len(notulen) > 20_000:
        galat.tambah("notulen", "Notulen paling panjang 20.000 huruf.")
    galat.lempar()
    baru = rembug is None
    r = rembug or RembugWarga(
        rt=rt, dicatat_oleh=pengguna if getattr(pengguna, "is_authenticated", False) else None
    )
    lama = {k: getattr(r, k) for k in ("tanggal", "tempat", "hadir_laki", "hadir_perempuan", "notulen")}
    r.tanggal, r.tempat, r.hadir_laki, r.hadir_perempuan, r.notulen = t, tempat, laki, perempuan, notulen
    r.save()
    if not baru:
        Usulan.objects.filter(rembug=r).update(tahun=t.year)
    catat(
        aksi="rtkeren.rembug." + ("buat" if baru else "ubah"),
        objek=r,
        pengguna=pengguna,
        perubahan={k: (lama[k], getattr(r, k)) for k in lama if lama[k] != getattr(r, k)},
        pd=rt.unit.pd,
    )
    return r


@transaction.atomic
def tambah_usulan(
    *, pengguna, rembug: RembugWarga, bidang, uraian, volume, satuan, perkiraan_biaya, lokasi=""
) -> Usulan:
    """Add a proposal to a rembug warga, at the lowest priority (the end of its list)."""
    rembug = RembugWarga.objects.select_related("rt__unit__pd").get(pk=rembug.pk)
    _boleh_isi(pengguna, rembug.rt.unit)
    galat = Galat()
    if bidang not in Usulan.Bidang.values:
        galat.tambah("bidang", "Pilih bidang usulan: fisik atau non-fisik.")
    uraian, satuan, lokasi = _teks(uraian), _teks(satuan), _teks(lokasi)
    if not uraian:
        galat.tambah("uraian", "Uraikan usulannya, mis. paving jalan gang RT.")
    elif len(uraian) > 300:
        galat.tambah("uraian", "Uraian paling panjang 300 huruf.")
    v = _desimal(volume, galat, "volume", "Volume", BATAS_VOLUME)
    if v is not None and v <= 0:
        galat.tambah("volume", "Volume harus lebih dari 0.")
    if not satuan:
        galat.tambah("satuan", "Tulis satuan volume, mis. m², unit, kegiatan.")
    elif len(satuan) > 40:
        galat.tambah("satuan", "Satuan paling panjang 40 huruf.")
    biaya = _rupiah(perkiraan_biaya, galat, "perkiraan_biaya", "Perkiraan biaya")
    if len(lokasi) > 200:
        galat.tambah("lokasi", "Lokasi paling panjang 200 huruf.")
    galat.lempar()
    akhir = Usulan.objects.filter(rembug=rembug).aggregate(m=Max("prioritas"))["m"] or 0
    u = Usulan.objects.create(
        rembug=rembug,
        tahun=rembug.tanggal.year,
        prioritas=akhir + 1,
        bidang=bidang,
        uraian=uraian,
        volume=v,
        satuan=satuan,
        perkiraan_biaya=biaya,
        lokasi=lokasi,
    )
    catat(
        aksi="rtkeren.usulan.buat",
        objek=u,
        pengguna=pengguna,
        perubahan={
            "uraian": (None, uraian),
            "perkiraan_biaya": (None, biaya),
            "prioritas": (None, u.prioritas),
        },
        pd=rembug.rt.unit.pd,
    )
    return u


@transaction.atomic
def geser_usulan(*, pengguna, usulan: Usulan, naik: bool) -> Usulan:
    """Move a proposal one place up (``naik``) or down its rembug's ranking; priorities stay 1..n."""
    u = _usulan(usulan)
    _boleh_isi(pengguna, u.rembug.rt.unit)
    urut = list(Usulan.objects.select_for_update().filter(rembug_id=u.rembug_id).order_by("prioritas", "id"))
    i = next(i for i, x in enumerate(urut) if x.pk == u.pk)
    j = i - 1 if naik else i + 1
    if not 0 <= j < len(urut):
        return u
    urut[i], urut[j] = urut[j], urut[i]
    for n, x in enumerate(urut, start=1):
        if x.prioritas != n:
            Usulan.objects.filter(pk=x.pk).update(prioritas=n)
    u.refresh_from_db()
    catat(
        aksi="rtkeren.usulan.prioritas",
        objek=u,
        pengguna=pengguna,
        perubahan={"prioritas": (i + 1, j + 1)},
        pd=u.rembug.rt.unit.pd,
    )
    return u


@transaction.atomic
def hapus_usulan(*, pengguna, usulan: Usulan) -> None:
    """Remove a proposal that is still only proposed; the ranking below it moves up."""
    u = _usulan(usulan)
    _boleh_isi(pengguna, u.rembug.rt.unit)
    if u.status != S.DIUSULKAN:
        raise ValidationError("Hanya usulan yang belum diputuskan yang dapat dihapus.")
    catat(
        aksi="rtkeren.usulan.hapus",
        objek=u,
        pengguna=pengguna,
        perubahan={"uraian": (u.uraian, None)},
        pd=u.rembug.rt.unit.pd,
    )
    rembug_id = u.rembug_id
    u.delete()
    for n, pk in enumerate(
        Usulan.objects.filter(rembug_id=rembug_id).order_by("prioritas", "id").values_list("pk", flat=True), 1
    ):
        Usulan.objects.filter(pk=pk).update(prioritas=n)


# What the RT may do with its own proposals: fund it, send it to the musrenbang, or take either back.
ALUR_RT = {
    S.DIUSULKAN: {S.DIDANAI, S.MUSRENBANG_KELURAHAN},
    S.DIDANAI: {S.DIUSULKAN},
    S.MUSRENBANG_KELURAHAN: {S.DIUSULKAN},
}


@transaction.atomic
def tandai_usulan(*, pengguna, usulan: Usulan, status: str) -> Usulan:
    """The RT's decision on a proposal: funded by RT Keren, or forwarded to the musrenbang kelurahan."""
    u = _usulan(usulan)
    _boleh_isi(pengguna, u.rembug.rt.unit)
    if status not in ALUR_RT.get(u.status, set()):
        raise ValidationError(
            f"Usulan berstatus \u201c{u.get_status_display()}\u201d tidak dapat diubah menjadi "
            f"\u201c{dict(S.choices).get(status, status)}\u201d."
        )
    if u.status == S.DIDANAI and u.kegiatan_set.exists():
        raise ValidationError(
            "Usulan ini sudah dilaksanakan sebagai kegiatan; statusnya tidak dapat dibatalkan."
        )
    if u.status == S.MUSRENBANG_KELURAHAN and u.musrenbang_id:
        raise ValidationError("Usulan ini sudah dibahas musrenbang; statusnya tidak dapat dibatalkan.")
    lama = u.status
    u.status = status
    u.save(update_fields=["status"])
    catat(
        aksi="rtkeren.usulan.status",
        objek=u,
        pengguna=pengguna,
        perubahan={"status": (lama, status)},
        pd=u.rembug.rt.unit.pd,
    )
    return u


# --- files ------------------------------------------------------------------------------------------------


def _cek_berkas(berkas, galat: Galat) -> str | None:
    if berkas is None:
        galat.tambah("berkas", "Pilih berkas foto (JPG/PNG) atau dokumen (PDF).")
        return None
    nama = berkas.name or ""
    ekstensi = nama.rsplit(".", 1)[-1].lower() if "." in nama else ""
    if ekstensi not in EKSTENSI_BERKAS:
        galat.tambah("berkas", f"Berkas \u201c{nama}\u201d tidak diterima: hanya JPG, PNG atau PDF.")
        return None
    if berkas.size > BATAS_BERKAS:
        galat.tambah("berkas", f"Berkas \u201c{nama}\u201d lebih dari {format_mb(BATAS_BERKAS)}.")
        return None
    awal = berkas.read(8)
    berkas.seek(0)
    if not any(awal.startswith(t) for t in TANDA_BERKAS[ekstensi]):
        galat.tambah("berkas", f"Isi berkas \u201c{nama}\u201d bukan {ekstensi.upper()} yang sah.")
        return None
    return ekstensi


@transaction.atomic
def tambah_berkas(
    *,
    pengguna,
    berkas,
    judul,
    publik: bool = False,
    rembug: RembugWarga | None = None,
    kegiatan: KegiatanRt | None = None,
) -> Berkas:
    """Attach a photo or document to a rembug warga or to an activity (evidence, LPJ)."""
    if (rembug is None) == (kegiatan is None):
        raise ValueError("Berkas milik tepat satu rembug warga atau satu kegiatan.")
    if rembug is not None:
        rembug = RembugWarga.objects.select_related("rt__unit__pd").get(pk=rembug.pk)
        unit = rembug.rt.unit
    else:
        kegiatan = KegiatanRt.objects.select_related("usulan__rembug__rt__unit__pd").get(pk=kegiatan.pk)
        unit = kegiatan.usulan.rembug.rt.unit
    _boleh_isi(pengguna, unit)
    galat = Galat()
    ekstensi = _cek_berkas(berkas, galat)
    judul = _teks(judul) or (_teks(getattr(berkas, "name", ""))[:150])
    if len(judul) > 150:
        galat.tambah("judul", "Judul paling panjang 150 huruf.")
    galat.lempar()
    b = Berkas.objects.create(
        rembug=rembug,
        kegiatan=kegiatan,
        jenis=EKSTENSI_BERKAS[ekstensi],
        berkas=berkas,
        judul=judul,
        ukuran=berkas.size,
        publik=bool(publik),
    )
    catat(
        aksi="rtkeren.berkas.buat",
        objek=b,
        pengguna=pengguna,
        perubahan={"judul": (None, judul), "publik": (None, b.publik)},
        pd=unit.pd,
    )
    return b


def _unit_berkas(b: Berkas) -> Unit:
    if b.rembug_id:
        return b.rembug.rt.unit
    return b.kegiatan.usulan.rembug.rt.unit


@transaction.atomic
def hapus_berkas(*, pengguna, berkas: Berkas) -> None:
    b = Berkas.objects.select_related("rembug__rt__unit__pd", "kegiatan__usulan__rembug__rt__unit__pd").get(
        pk=berkas.pk
    )
    unit = _unit_berkas(b)
    _boleh_isi(pengguna, unit)
    catat(
        aksi="rtkeren.berkas.hapus",
        objek=b,
        pengguna=pengguna,
        perubahan={"judul": (b.judul, None)},
        pd=unit.pd,
    )
    # the file goes once the transaction holds: a rollback keeps both the record and the file
    simpanan, nama = b.berkas.storage, b.berkas.name
    b.delete()
    transaction.on_commit(lambda: simpanan.delete(nama))


# --- allocation, activities and spending -----------------------------------------------------------------


def sub_kegiatan_pilihan(pd: PerangkatDaerah) -> list[PlanNode]:
    """The sub kegiatan of the PD's current plan an allocation may be charged to."""
    v = versi_utama(pd)
    if v is None:
        return []
    return list(
        PlanNode.objects.filter(versi=v, tingkat=PlanNode.Tingkat.SUB_KEGIATAN).order_by(
            "kode", "urutan", "id"
        )
    )


@transaction.atomic
def simpan_alokasi(
    *, pengguna, rt: RukunTetangga, tahun: int, pagu, sub_kegiatan: PlanNode | None
) -> Alokasi:
    """Set the RT's pagu for the year, within the pemda's range, charged to a sub kegiatan of the plan."""
    rt = _rt(rt)
    _boleh_isi(pengguna, rt.unit)
    pd = rt.unit.pd
    atur = Pengaturan.untuk(pd.pemda_id)
    galat = Galat()
    jumlah = _rupiah(pagu, galat, "pagu", "Pagu RT")
    if jumlah is not None and not atur.pagu_minimum <= jumlah <= atur.pagu_maksimum:
        galat.tambah(
            "pagu",
            f"Pagu RT harus antara Rp{format_rupiah(atur.pagu_minimum)} dan Rp{format_rupiah(atur.pagu_maksimum)} "
            f"(pengaturan {pd.pemda.nama if hasattr(pd, 'pemda') else 'pemda'}).",
        )
    pilihan = {n.pk for n in sub_kegiatan_pilihan(pd)}
    if sub_kegiatan is None or sub_kegiatan.pk not in pilihan:
        galat.tambah("sub_kegiatan", "Pilih sub kegiatan rencana yang membiayai RT Keren.")
    lama = Alokasi.objects.select_for_update().filter(rt=rt, tahun=tahun).first()
    if lama is not None and jumlah is not None:
        terpakai = _realisasi_rt(rt.pk, tahun)
        if jumlah < terpakai:
            galat.tambah(
                "pagu",
                f"Pagu tidak boleh kurang dari realisasi yang sudah tercatat (Rp{format_rupiah(terpakai)}).",
            )
    galat.lempar()
    a = lama or Alokasi(rt=rt, tahun=tahun)
    sebelum = {"pagu": a.pagu, "sub_kegiatan": a.sub_kegiatan_id}
    a.pagu, a.sub_kegiatan = jumlah, sub_kegiatan
    a.save()
    catat(
        aksi="rtkeren.alokasi." + ("ubah" if lama else "buat"),
        objek=a,
        pengguna=pengguna,
        perubahan={
            "pagu": (sebelum["pagu"], a.pagu),
            "sub_kegiatan": (sebelum["sub_kegiatan"], a.sub_kegiatan_id),
        },
        pd=pd,
    )
    return a


def _realisasi_rt(rt_id: int, tahun: int) -> Decimal:
    # as hitung counts it: the spending on the activities of that year's proposals
    return RealisasiRt.objects.filter(
        kegiatan__usulan__rembug__rt_id=rt_id, kegiatan__usulan__tahun=tahun
    ).aggregate(s=Sum("jumlah"))["s"] or Decimal(0)


@transaction.atomic
def buat_kegiatan(*, pengguna, usulan: Usulan, nama="") -> KegiatanRt:
    """Start an activity that carries out a proposal the RT funds."""
    u = _usulan(usulan)
    _boleh_isi(pengguna, u.rembug.rt.unit)
    if u.status != S.DIDANAI:
        raise ValidationError({"nama": ["Kegiatan hanya dibuat dari usulan yang didanai RT Keren."]})
    nama = _teks(nama) or u.uraian
    if len(nama) > 300:
        raise ValidationError({"nama": ["Nama kegiatan paling panjang 300 huruf."]})
    k = KegiatanRt.objects.create(usulan=u, nama=nama)
    catat(
        aksi="rtkeren.kegiatan.buat",
        objek=k,
        pengguna=pengguna,
        perubahan={"nama": (None, nama)},
        pd=u.rembug.rt.unit.pd,
    )
    return k


def _kegiatan(kegiatan: KegiatanRt) -> KegiatanRt:
    return (
        KegiatanRt.objects.select_related("usulan__rembug__rt__unit__pd")
        .select_for_update()
        .get(pk=kegiatan.pk)
    )


@transaction.atomic
def catat_realisasi(*, pengguna, kegiatan: KegiatanRt, tanggal, jumlah, fisik, keterangan="") -> RealisasiRt:
    """Record money spent on an activity and its cumulative physical progress on that date.

    Refused when the RT's spending in the year would pass its pagu, and when the physical progress
    would fall below an earlier entry's (or rise above a later one's)."""
    k = _kegiatan(kegiatan)
    rt = k.usulan.rembug.rt
    _boleh_isi(pengguna, rt.unit)
    tahun = k.usulan.tahun
    galat = Galat()
    t = _tanggal(tanggal, galat, "tanggal", tahun, "Tanggal realisasi")
    rp = _rupiah(jumlah, galat, "jumlah", "Realisasi")
    f = _persen(fisik, galat, "fisik", "Kemajuan fisik")
    keterangan = _teks(keterangan)
    if len(keterangan) > 300:
        galat.tambah("keterangan", "Keterangan paling panjang 300 huruf.")
    alokasi = Alokasi.objects.select_for_update().filter(rt=rt, tahun=tahun).first()
    if alokasi is None:
        galat.tambah("", f"{rt} belum mempunyai alokasi (pagu) tahun {tahun}; isi alokasinya dahulu.")
    elif rp is not None:
        sudah = _realisasi_rt(rt.pk, tahun)
        if sudah + rp > alokasi.pagu:
            galat.tambah(
                "jumlah",
                f"Realisasi melampaui pagu RT: sudah Rp{format_rupiah(sudah)} dari pagu Rp{format_rupiah(alokasi.pagu)}, "
                f"sisa Rp{format_rupiah(alokasi.pagu - sudah)}.",
            )
    if t is not None and f is not None:
        lain = RealisasiRt.objects.filter(kegiatan=k)
        sebelum = lain.filter(tanggal__lte=t).aggregate(m=Max("fisik"))["m"]
        sesudah = lain.filter(tanggal__gt=t).order_by("fisik").values_list("fisik", flat=True).first()
        if sebelum is not None and f < sebelum:
            galat.tambah(
                "fisik", f"Kemajuan fisik kumulatif tidak boleh turun: sebelumnya sudah {sebelum} %."
            )
        elif sesudah is not None and f > sesudah:
            galat.tambah("fisik", f"Kemajuan fisik melebihi catatan sesudah tanggal ini ({sesudah} %).")
    galat.lempar()
    r = RealisasiRt.objects.create(
        kegiatan=k,
        tanggal=t,
        jumlah=rp,
        fisik=f,
        keterangan=keterangan,
        dicatat_oleh=pengguna if getattr(pengguna, "is_authenticated", False) else None,
    )
    catat(
        aksi="rtkeren.realisasi.buat",
        objek=r,
        pengguna=pengguna,
        perubahan={"jumlah": (None, rp), "fisik": (None, f), "tanggal": (None, t)},
        pd=rt.unit.pd,
    )
    return r


@transaction.atomic
def ubah_lpj(*, pengguna, kegiatan: KegiatanRt, lpj: str) -> KegiatanRt:
    k = _kegiatan(kegiatan)
    _boleh_isi(pengguna, k.usulan.rembug.rt.unit)
    if lpj not in KegiatanRt.Lpj.values:
        raise ValidationError({"lpj": ["Pilih status LPJ yang dikenal."]})
    lama = k.lpj
    k.lpj = lpj
    k.save(update_fields=["lpj"])
    catat(
        aksi="rtkeren.kegiatan.lpj",
        objek=k,
        pengguna=pengguna,
        perubahan={"lpj": (lama, lpj)},
        pd=k.usulan.rembug.rt.unit.pd,
    )
    return k


# --- musrenbang ------------------------------------------------------------------------------------------


@transaction.atomic
def simpan_musrenbang(
    *,
    pengguna,
    pd: PerangkatDaerah,
    tahun: int,
    unit: Unit | None,
    tanggal,
    tempat="",
    peserta_laki,
    peserta_perempuan,
) -> Musrenbang:
    """Record the musrenbang of a kelurahan (``unit``) or of the kecamatan (``unit`` None) in a year;
    there is one of each per year, so a second call changes it."""
    _boleh_pd(pengguna, pd.pk)
    if unit is not None and (unit.pd_id != pd.pk or unit.adalah_kantor):
        raise PermissionDenied("Kelurahan ini bukan milik perangkat daerah tersebut.")
    galat = Galat()
    t = _tanggal(tanggal, galat, "tanggal", tahun, "Tanggal musrenbang")
    tempat = _teks(tempat)
    if len(tempat) > 200:
        galat.tambah("tempat", "Tempat paling panjang 200 huruf.")
    laki = _cacah(peserta_laki, galat, "peserta_laki", "Peserta laki-laki")
    perempuan = _cacah(peserta_perempuan, galat, "peserta_perempuan", "Peserta perempuan")
    if laki == 0 and perempuan == 0:
        galat.tambah("peserta_laki", "Tulis banyaknya peserta musrenbang.")
    galat.lempar()
    tingkat = Musrenbang.Tingkat.KECAMATAN if unit is None else Musrenbang.Tingkat.KELURAHAN
    m = Musrenbang.objects.select_for_update().filter(pd=pd, unit=unit, tingkat=tingkat, tahun=tahun).first()
    baru = m is None
    m = m or Musrenbang(pd=pd, unit=unit, tingkat=tingkat, tahun=tahun)
    lama = {k: getattr(m, k, None) for k in ("tanggal", "tempat", "peserta_laki", "peserta_perempuan")}
    m.tanggal, m.tempat, m.peserta_laki, m.peserta_perempuan = t, tempat, laki, perempuan
    m.save()
    catat(
        aksi="rtkeren.musrenbang." + ("buat" if baru else "ubah"),
        objek=m,
        pengguna=pengguna,
        perubahan={k: (lama[k], getattr(m, k)) for k in lama if lama[k] != getattr(m, k)},
        pd=pd,
    )
    return m


@transaction.atomic
def putuskan_usulan(*, pengguna, usulan: Usulan, musrenbang: Musrenbang, terima: bool, alasan="") -> Usulan:
    """The musrenbang's decision on a forwarded proposal: the kelurahan accepts it (on to the
    kecamatan) or refuses it; the kecamatan takes it into the Renja or refuses it. A refusal needs
    its reason."""
    u = _usulan(usulan)
    unit = u.rembug.rt.unit
    _boleh_pd(pengguna, unit.pd_id)
    if musrenbang.pd_id != unit.pd_id:
        raise PermissionDenied("Musrenbang ini bukan milik perangkat daerah usulan tersebut.")
    alasan = str(alasan or "").strip()
    galat = Galat()
    if musrenbang.tingkat == Musrenbang.Tingkat.KELURAHAN:
        perlu, jadi = S.MUSRENBANG_KELURAHAN, S.MUSRENBANG_KECAMATAN
        if musrenbang.unit_id != unit.pk:
            galat.tambah("", "Usulan ini diputuskan musrenbang kelurahannya sendiri.")
    else:
        perlu, jadi = S.MUSRENBANG_KECAMATAN, S.MASUK_RENJA
    if u.status != perlu:
        galat.tambah(
            "",
            f"Usulan berstatus \u201c{u.get_status_display()}\u201d tidak diputuskan di {musrenbang.get_tingkat_display().lower()}.",
        )
    if musrenbang.tahun != u.tahun:
        galat.tambah("", f"Usulan tahun {u.tahun} diputuskan musrenbang tahun {u.tahun}.")
    if not terima and not alasan:
        galat.tambah("alasan", "Tulis alasan penolakan: warga RT akan membacanya.")
    if len(alasan) > 2000:
        galat.tambah("alasan", "Alasan paling panjang 2.000 huruf.")
    galat.lempar()
    lama = u.status
    u.status = jadi if terima else S.DITOLAK
    u.alasan = alasan
    u.musrenbang = musrenbang
    u.save(update_fields=["status", "alasan", "musrenbang"])
    catat(
        aksi="rtkeren.usulan.musrenbang",
        objek=u,
        pengguna=pengguna,
        perubahan={"status": (lama, u.status)},
        alasan=alasan,
        pd=unit.pd,
    )
    return u


# --- settings --------------------------------------------------------------------------------------------


@transaction.atomic
def simpan_pengaturan(
    *,
    pengguna,
    pd: PerangkatDaerah,
    pagu_minimum,
    pagu_maksimum,
    minimal_rembug,
    ambang_serapan,
    ambang_kelurahan,
) -> Pengaturan:
    """The pemda's RT Keren definitions (the allocation range and what *berdaya* means)."""
    if not wewenang.atur(pelaku_wajib(pengguna), pd):
        raise PermissionDenied("Pengaturan RT Keren hanya diubah administrator.")
    galat = Galat()
    bawah = _rupiah(pagu_minimum, galat, "pagu_minimum", "Pagu paling sedikit")
    atas = _rupiah(pagu_maksimum, galat, "pagu_maksimum", "Pagu paling banyak")
    if bawah is not None and atas is not None and bawah > atas:
        galat.tambah("pagu_maksimum", "Pagu paling banyak tidak boleh kurang dari pagu paling sedikit.")
    if bawah is not None and bawah <= 0:
        galat.tambah("pagu_minimum", "Pagu paling sedikit harus lebih dari 0.")
    rembug = _cacah(minimal_rembug, galat, "minimal_rembug", "Rembug warga paling sedikit", maks=366)
    serapan = _persen(ambang_serapan, galat, "ambang_serapan", "Ambang penyerapan")
    kelurahan = _persen(ambang_kelurahan, galat, "ambang_kelurahan", "Ambang RT berdaya per kelurahan")
    galat.lempar()
    p = Pengaturan.objects.select_for_update().filter(pemda_id=pd.pemda_id).first() or Pengaturan(
        pemda_id=pd.pemda_id
    )
    nilai = {
        "pagu_minimum": bawah,
        "pagu_maksimum": atas,
        "minimal_rembug": rembug,
        "ambang_serapan": serapan,
        "ambang_kelurahan": kelurahan,
    }
    perubahan = {k: (getattr(p, k), v) for k, v in nilai.items() if getattr(p, k) != v or p.pk is None}
    for k, v in nilai.items():
        setattr(p, k, v)
    p.save()
    catat(aksi="rtkeren.pengaturan.ubah", objek=p, pengguna=pengguna, perubahan=perubahan, pd=pd)
    return p
