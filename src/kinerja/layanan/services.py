"""Logging services at the counter, and what the log says: on time, to standard, volumes.

On time: the time from receipt to completion within the standard's jangka waktu — counted in
working days (the receipt day is day 1; weekends and recorded holidays skipped), calendar days,
hours or minutes, as the standard says. To standard: finished on time with the outcome the
standard prescribes — the product when the requirements were complete, a refusal with its
reason when they were not. Services passed to another agency are counted in the volume only.

Administration (``/kelola/``): the standards with their versions and public switch, and the
holidays working days skip.
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
from kinerja.core.pelaku import Sistem
from kinerja.layanan import libur as kalender_libur
from kinerja.layanan.kait import pemakai_lain
from kinerja.layanan.kalender import jumlah_hari_kerja, libur_antara
from kinerja.layanan.models import HariLibur, JenisLayanan, Pelayanan, VersiLayanan
from kinerja.layanan.standar import baca_isian, isi_dari, ringkas
from kinerja.wilayah.izin import pelaku_wajib, wajib_unit
from kinerja.wilayah.models import Pemda, Unit

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


# --- administering the standards (``/kelola/layanan/``) -------------------------------------------
# The PD's admin (and the pemda's admin, who administers every PD of the pemda) writes; every save
# that changes the content adds a numbered version; each change goes to the audit trail.


def _wajib_kelola(pengguna, unit: Unit) -> None:
    if not pelaku_wajib(pengguna).kelola_pd(unit.pd_id):
        raise PermissionDenied(
            f"Hanya administrator {unit.pd.nama} (atau pemdanya) yang mengubah standar pelayanannya."
        )


def _cek_unik(unit: Unit, data: dict, jenis: JenisLayanan | None) -> None:
    """Code and slug unique within the unit; a slug once used by another standard of the unit stays
    that standard's old address."""
    lain = JenisLayanan.objects.filter(unit=unit).exclude(pk=getattr(jenis, "pk", None))
    galat: dict[str, list[str]] = {}
    kode = lain.filter(kode__iexact=data["kode"]).first()
    if kode is not None:
        galat["kode"] = [f"Kode {data['kode']} sudah dipakai “{kode.nama}” di {unit.nama}."]
    slug = lain.filter(slug=data["slug"]).first()
    if slug is not None:
        galat["slug"] = [f"Alamat “{data['slug']}” sudah dipakai “{slug.nama}” di {unit.nama}."]
    else:
        lama = (
            VersiLayanan.objects.filter(jenis__unit=unit, slug=data["slug"])
            .exclude(jenis=jenis)
            .select_related("jenis")
            .first()
        )
        if lama is not None:
            galat["slug"] = [
                f"Alamat “{data['slug']}” dahulu dipakai “{lama.jenis.nama}”; alamat lama itu tetap "
                "mengarah ke sana. Pilih alamat lain."
            ]
    if galat:
        raise ValidationError(galat)


def _versi_baru(jenis: JenisLayanan, pengguna, alasan: str) -> VersiLayanan:
    nomor = (jenis.versi_set.aggregate(m=Max("nomor"))["m"] or 0) + 1
    return VersiLayanan.objects.create(
        jenis=jenis,
        nomor=nomor,
        isi=isi_dari(jenis),
        slug=jenis.slug,
        waktu=timezone.now(),
        pengguna=pengguna if getattr(pengguna, "pk", None) else None,
        nama_pelaku=str(pengguna)[:60] if isinstance(pengguna, Sistem) else "",
        alasan=alasan[:300],
    )


def _pastikan_versi_awal(jenis: JenisLayanan) -> None:
    """A standard stored before versions were kept (or loaded in bulk) gets its content as
    version 1 before its first change, so that the text replaced stays readable."""
    if not jenis.versi_set.exists():
        _versi_baru(jenis, Sistem("isi awal"), "Isi sebelum perubahan pertama yang tercatat")


@transaction.atomic
def simpan_standar(
    *,
    pengguna,
    unit: Unit,
    isian: dict,
    jenis: JenisLayanan | None = None,
    alasan: str = "",
    dasar_versi: int | None = None,
) -> tuple[JenisLayanan, bool]:
    """Create a standard (``jenis`` None) or change one; returns it and whether anything changed.

    A change needs a reason and is refused when another save came since ``dasar_versi`` (the
    version the form was opened on). Saving an unchanged form stores nothing."""
    _wajib_kelola(pengguna, unit)
    if jenis is None and not unit.aktif:
        raise ValidationError(
            {"unit": f"{unit.nama} sudah nonaktif: standar layanan baru tidak diberikan kepadanya."}
        )
    if jenis is not None:
        jenis = JenisLayanan.objects.select_for_update().get(pk=jenis.pk)
        if jenis.unit_id != unit.pk:
            raise PermissionDenied("Standar ini bukan milik unit tersebut.")
    data = baca_isian(isian)
    _cek_unik(unit, data, jenis)
    lama = isi_dari(jenis) if jenis is not None else {}
    perubahan = {m: (ringkas(lama.get(m)), ringkas(v)) for m, v in data.items() if lama.get(m) != v}
    if jenis is not None and not perubahan:
        return jenis, False
    alasan = " ".join((alasan or "").split())
    if jenis is not None:
        terakhir = jenis.versi_set.aggregate(m=Max("nomor"))["m"] or 0
        if dasar_versi is not None and dasar_versi != terakhir:
            raise ValidationError(
                f"Standar ini baru saja disimpan orang lain (sekarang versi {terakhir}). Buka lagi halamannya, "
                "bandingkan, lalu ulangi perubahan Anda."
            )
        if not alasan:
            raise ValidationError({"alasan": ["Tulis alasan perubahan: tersimpan bersama versinya."]})
        _pastikan_versi_awal(jenis)
    if len(alasan) > 300:
        raise ValidationError({"alasan": [f"Alasan paling panjang 300 huruf (sekarang {len(alasan)})."]})
    baru = jenis or JenisLayanan(unit=unit)
    for m, v in data.items():
        setattr(baru, m, v)
    baru.save()
    v = _versi_baru(baru, pengguna, alasan or "Standar dibuat")
    catat(
        aksi="layanan.ubah" if jenis is not None else "layanan.buat",
        objek=baru,
        pengguna=pengguna,
        perubahan={**perubahan, "versi": (v.nomor - 1 or None, v.nomor)},
        alasan=alasan,
        pd=unit.pd,
    )
    return baru, True


@transaction.atomic
def atur_standar(*, pengguna, jenis: JenisLayanan, publik: bool | None = None, aktif: bool | None = None):
    """Show or hide a standard on public pages (``publik``); stop or resume giving it (``aktif``).
    Its versions, counter log and survey answers stay either way."""
    _wajib_kelola(pengguna, jenis.unit)
    j = JenisLayanan.objects.select_for_update().select_related("unit__pd").get(pk=jenis.pk)
    perubahan = {}
    for medan, nilai in (("publik", publik), ("aktif", aktif)):
        if nilai is not None and getattr(j, medan) != nilai:
            perubahan[medan] = (getattr(j, medan), nilai)
            setattr(j, medan, nilai)
    if perubahan:
        j.save(update_fields=list(perubahan))
        catat(aksi="layanan.status", objek=j, pengguna=pengguna, perubahan=perubahan, pd=j.unit.pd)
    return j


def pemakai_standar(*, pengguna, jenis_ids: list[int]) -> dict[int, dict[str, int]]:
    """Standard id → records naming it: ``pelayanan`` (counter log) and what upper apps register
    (``survei``). Readers of the standards' PD only."""
    c = pelaku_wajib(pengguna)
    pd_ids = set(JenisLayanan.objects.filter(pk__in=jenis_ids).values_list("unit__pd_id", flat=True))
    if not all(c.baca_pd(p) for p in pd_ids):
        raise PermissionDenied("Anda tidak berwenang membaca standar pelayanan perangkat daerah ini.")
    hasil: dict[int, dict[str, int]] = {}
    baris = (
        Pelayanan.objects.filter(jenis_id__in=jenis_ids).values("jenis_id").annotate(n=Count("id")).order_by()
    )
    for b in baris:
        hasil[b["jenis_id"]] = {"pelayanan": b["n"]}
    for jenis_id, lain in pemakai_lain(jenis_ids).items():
        hasil.setdefault(jenis_id, {}).update(lain)
    return hasil


@transaction.atomic
def hapus_standar(*, pengguna, jenis: JenisLayanan) -> None:
    """Delete a standard nobody has used yet; one with counter or survey records is deactivated instead."""
    _wajib_kelola(pengguna, jenis.unit)
    pakai = pemakai_standar(pengguna=pengguna, jenis_ids=[jenis.pk]).get(jenis.pk)
    if pakai:
        rincian = ", ".join(f"{n} {label}" for label, n in sorted(pakai.items()))
        raise ValidationError(
            f"“{jenis.nama}” sudah dipakai ({rincian}): tidak dihapus agar catatannya tetap utuh. "
            "Nonaktifkan saja; riwayatnya tetap tersimpan."
        )
    catat(
        aksi="layanan.hapus",
        objek=jenis,
        pengguna=pengguna,
        perubahan={"kode": (jenis.kode, None), "nama": (jenis.nama, None)},
        pd=jenis.unit.pd,
    )
    jenis.delete()


# --- holidays and cuti bersama (``/kelola/libur/``) -----------------------------------------------


def boleh_ubah_libur(*, pengguna) -> bool:
    """Holidays are one table for every pemda this server serves (working-day deadlines of all of
    them read it): an administrator without scope limits changes it, and a pemda's administrator
    too while its pemda is the only one on the server."""
    c = pelaku_wajib(pengguna)
    if c.semua:
        return True
    if not c.pemda_admin:
        return False
    return set(Pemda.objects.values_list("pk", flat=True)) <= c.pemda_admin


def _wajib_libur(pengguna) -> None:
    if not boleh_ubah_libur(pengguna=pengguna):
        raise PermissionDenied(
            "Hari libur berlaku untuk semua pemda di server ini: hanya administrator sistem (atau "
            "administrator pemda bila server ini hanya melayani pemdanya) yang mengubahnya."
        )


def _audit_libur(x: HariLibur) -> dict:
    return {"tanggal": x.tanggal.strftime("%d-%m-%Y"), "nama": x.nama, "jenis": x.jenis}


@transaction.atomic
def tambah_libur(*, pengguna, tanggal: str | dt.date, nama: str, jenis: str) -> HariLibur:
    """Record one holiday or collective leave day; a date already recorded is refused."""
    _wajib_libur(pengguna)
    galat: dict[str, list[str]] = {}

    def baca(medan: str, fungsi, nilai):
        try:
            return fungsi(nilai)
        except ValidationError as e:
            galat[medan] = e.messages
            return None

    hari = tanggal if isinstance(tanggal, dt.date) else baca("tanggal", kalender_libur.baca_tanggal, tanggal)
    nama = baca("nama", kalender_libur.cek_nama, nama)
    jenis = baca("jenis", kalender_libur.cek_jenis, jenis)
    if "tanggal" not in galat:
        ada = HariLibur.objects.filter(tanggal=hari).first()
        if ada is not None:
            galat["tanggal"] = [
                f"{hari:%d-%m-%Y} sudah tercatat: {ada.nama} ({ada.get_jenis_display().lower()})."
            ]
    if galat:
        raise ValidationError(galat)
    x = HariLibur.objects.create(tanggal=hari, nama=nama, jenis=jenis)
    catat(
        aksi="libur.tambah",
        objek=x,
        pengguna=pengguna,
        perubahan={k: (None, v) for k, v in _audit_libur(x).items()},
    )
    return x


@transaction.atomic
def hapus_libur(*, pengguna, libur: HariLibur) -> None:
    """Remove a holiday: from now on that date is a working day again (when it is a weekday)."""
    _wajib_libur(pengguna)
    catat(
        aksi="libur.hapus",
        objek=libur,
        pengguna=pengguna,
        perubahan={k: (v, None) for k, v in _audit_libur(libur).items()},
    )
    libur.delete()


@dataclass(frozen=True)
class HasilImpor:
    baru: list[HariLibur]
    ubah: list[HariLibur]
    sama: int


@transaction.atomic
def impor_libur(*, pengguna, teks: str, jenis: str = kalender_libur.OTOMATIS) -> HasilImpor:
    """A pasted list, one "dd-mm-yyyy nama" a line: new dates added, recorded dates renamed or
    re-kinded to the list, unchanged ones left; nothing stored while a line is wrong."""
    _wajib_libur(pengguna)
    daftar = kalender_libur.baca_daftar(teks, jenis)
    ada = {x.tanggal: x for x in HariLibur.objects.filter(tanggal__in=[b.tanggal for b in daftar])}
    baru, ubah, sama = [], [], 0
    for b in daftar:
        x = ada.get(b.tanggal)
        if x is None:
            x = HariLibur.objects.create(tanggal=b.tanggal, nama=b.nama, jenis=b.jenis)
            perubahan = {k: (None, v) for k, v in _audit_libur(x).items()}
            baru.append(x)
        elif (x.nama, x.jenis) != (b.nama, b.jenis):
            perubahan = {
                k: (v, w) for k, v, w in (("nama", x.nama, b.nama), ("jenis", x.jenis, b.jenis)) if v != w
            }
            x.nama, x.jenis = b.nama, b.jenis
            x.save(update_fields=["nama", "jenis"])
            ubah.append(x)
        else:
            sama += 1
            continue
        catat(
            aksi="libur.impor",
            objek=x,
            pengguna=pengguna,
            perubahan=perubahan,
            alasan="Impor daftar hari libur",
        )
    return HasilImpor(baru, ubah, sama)
