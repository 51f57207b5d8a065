"""Receiving and handling complaints: states, deadlines in working days, replies, statistics."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from kinerja.core.audit import catat
from kinerja.core.parameter import bilangan
from kinerja.layanan.kalender import libur_antara, tambah_hari_kerja
from kinerja.layanan.services import rentang_waktu
from kinerja.pengaduan.models import (
    BATAS_LAMPIRAN,
    EKSTENSI_LAMPIRAN,
    JUMLAH_LAMPIRAN,
    Kategori,
    Lampiran,
    Pengaduan,
    Tanggapan,
)
from kinerja.wilayah.izin import Cakupan, pelaku_wajib, wajib_unit
from kinerja.wilayah.models import PerangkatDaerah, Unit

S = Pengaduan.Status
ALUR = {
    S.DITERIMA: {S.DIVERIFIKASI, S.DITOLAK},
    S.DIVERIFIKASI: {S.DITINDAKLANJUTI, S.DITOLAK},
    S.DITINDAKLANJUTI: {S.SELESAI},
    S.SELESAI: set(),
    S.DITOLAK: set(),
}


def batas_untuk(kategori: Kategori, diterima: dt.datetime) -> dt.date:
    hari = timezone.localtime(diterima).date()
    libur = libur_antara(hari, hari + dt.timedelta(days=kategori.batas_hari * 2 + 30))
    return tambah_hari_kerja(hari, kategori.batas_hari, libur)


def _cek_lampiran(berkas) -> None:
    ekstensi = berkas.name.rsplit(".", 1)[-1].lower() if "." in berkas.name else ""
    if ekstensi not in EKSTENSI_LAMPIRAN:
        raise ValidationError(
            f"Lampiran '{berkas.name}' tidak diterima: hanya {', '.join(EKSTENSI_LAMPIRAN)}."
        )
    if berkas.size > BATAS_LAMPIRAN:
        raise ValidationError(f"Lampiran '{berkas.name}' lebih dari {BATAS_LAMPIRAN // (1024 * 1024)} MB.")


def _cek_tujuan(pd, unit, kategori, tambah) -> None:
    """The unit and category chosen: present, of this PD, the category still in use."""
    if unit is None:
        tambah("unit", "Pilih unit yang diadukan.")
    if kategori is None:
        tambah("kategori", "Pilih kategori pengaduan.")
    elif not kategori.aktif:
        tambah("kategori", f"Kategori “{kategori.nama}” tidak dipakai lagi; pilih kategori lain.")
    if unit is not None and kategori is not None and (unit.pd_id != pd.pk or kategori.pd_id != pd.pk):
        tambah(NON_FIELD_ERRORS, "Unit atau kategori bukan milik perangkat daerah ini.")


def _cek_isian(*, pd, unit, kategori, kanal: str, judul: str, isi: str, nomor_lapor: str, lampiran) -> None:
    """Every problem of a complaint at once (ValidationError with all of them, keyed by the form's
    field names), so that the form shows them together, each at its field."""
    galat: dict[str, list[str]] = {}

    def tambah(medan: str, pesan: str) -> None:
        galat.setdefault(medan, []).append(pesan)

    _cek_tujuan(pd, unit, kategori, tambah)
    if kanal not in Pengaduan.Kanal.values:
        tambah(NON_FIELD_ERRORS, "Saluran pengaduan tidak dikenal.")
    if not (judul or "").strip():
        tambah("judul", "Tulis pokok pengaduan (judul).")
    elif len(judul.strip()) > 200:
        tambah(
            "judul",
            f"Pokok pengaduan paling panjang 200 huruf (sekarang {len(judul.strip())}); uraiannya tulis di isi.",
        )
    if len((isi or "").strip()) < 10:
        tambah("isi", "Uraikan pengaduan paling sedikit 10 huruf.")
    if kanal == Pengaduan.Kanal.LAPOR and not nomor_lapor.strip():
        tambah("nomor_lapor", "Pengaduan dari SP4N-LAPOR! perlu nomor tiketnya.")
    if len(lampiran or []) > JUMLAH_LAMPIRAN:
        tambah("lampiran", f"Paling banyak {JUMLAH_LAMPIRAN} lampiran.")
    for b in lampiran or []:
        try:
            _cek_lampiran(b)
        except ValidationError as e:
            for pesan in e.messages:
                tambah("lampiran", pesan)
    if galat:
        raise ValidationError(galat)


def cek_isian(**isian) -> None:
    """The checks of ``terima`` alone (nothing stored): a form refused for another reason (an
    attachment refused while it was uploaded) still lists every other problem at once."""
    _cek_isian(**isian)


def terima(
    *,
    pd: PerangkatDaerah,
    unit: Unit,
    kategori: Kategori,
    kanal: str,
    judul: str,
    isi: str,
    nama_pelapor: str = "",
    kontak_pelapor: str = "",
    anonim: bool = False,
    nomor_lapor: str = "",
    id_klien: uuid.UUID | str | None = None,
    lampiran: list | None = None,
    pengguna,
    diterima: dt.datetime | None = None,
    alamat_hash: str = "",
) -> tuple[Pengaduan, bool]:
    """Record a complaint (once per ``id_klien``); returns it and whether it is new.

    Anyone may complain: ``pengguna`` is the public (``PUBLIK``) or whoever records it,
    and is required only so that it is never forgotten in the audit entry."""
    pelaku_wajib(pengguna)
    if id_klien:
        try:
            id_klien = uuid.UUID(str(id_klien))
        except ValueError:
            raise ValidationError("Kode kiriman tidak sah.") from None
        ada = Pengaduan.objects.filter(id_klien=id_klien).first()
        if ada is not None:
            return ada, False
    _cek_isian(
        pd=pd,
        unit=unit,
        kategori=kategori,
        kanal=kanal,
        judul=judul,
        isi=isi,
        nomor_lapor=nomor_lapor,
        lampiran=lampiran,
    )
    diterima = diterima or timezone.now()
    try:
        with transaction.atomic():
            p = Pengaduan.objects.create(
                pd=pd,
                unit=unit,
                kategori=kategori,
                kanal=kanal,
                nomor_lapor=nomor_lapor.strip(),
                judul=judul.strip()[:200],
                isi=isi.strip(),
                anonim=anonim,
                nama_pelapor="" if anonim else nama_pelapor.strip()[:150],
                kontak_pelapor="" if anonim else kontak_pelapor.strip()[:150],
                diterima_pada=diterima,
                batas=batas_untuk(kategori, diterima),
                id_klien=id_klien or None,
                alamat_hash=alamat_hash,
            )
            for b in lampiran or []:
                Lampiran.objects.create(pengaduan=p, berkas=b, nama=b.name[:150])
            catat(
                aksi="pengaduan.terima",
                objek=p,
                pengguna=pengguna,
                perubahan={"status": (None, p.status)},
                pd=pd,
            )
    except IntegrityError:
        return Pengaduan.objects.get(id_klien=id_klien), False
    return p, True


def _cek_penanganan(pengguna, p: Pengaduan) -> None:
    # Handlers are defined in wilayah.izin (tangani_pengaduan); readers such as a Lurah may not act.
    if not pelaku_wajib(pengguna).tangani_pengaduan(p.unit):
        raise PermissionDenied(
            "Hanya petugas penanganan (operator unit, perencana, administrator) yang menindaklanjuti pengaduan."
        )


@transaction.atomic
def pindah(
    *, pengguna, pengaduan: Pengaduan, status: str, tanggapan: str = "", revisi: int | None = None
) -> Pengaduan:
    """Move a complaint on (diterima → diverifikasi → ditindaklanjuti → selesai, or ditolak)."""
    p = Pengaduan.objects.select_for_update().select_related("unit").get(pk=pengaduan.pk)
    _cek_penanganan(pengguna, p)
    if revisi is not None and revisi != p.revisi:
        raise ValidationError("Pengaduan ini baru saja diubah orang lain. Muat ulang halaman lalu ulangi.")
    if status not in ALUR.get(p.status, set()):
        raise ValidationError(
            f"Pengaduan berstatus {p.get_status_display().lower()} tidak dapat menjadi {dict(S.choices).get(status, status).lower()}."
        )
    tanggapan = (tanggapan or "").strip()
    if status == S.DITOLAK and not tanggapan:
        raise ValidationError({"isi": "Tulis alasan penolakan: pelapor akan membacanya."})
    if status in (S.DITINDAKLANJUTI, S.SELESAI) and not tanggapan:
        raise ValidationError({"isi": "Tulis tanggapan untuk pelapor: apa yang sudah dilakukan."})
    dari = p.status
    sekarang = timezone.now()
    p.status = status
    if status == S.DITOLAK:
        p.alasan_tolak = tanggapan
    if status == S.DITINDAKLANJUTI:
        p.ditindaklanjuti_pada = sekarang
    if status in (S.SELESAI, S.DITOLAK):
        p.selesai_pada = sekarang
    p.revisi += 1
    p.save()
    if tanggapan:
        Tanggapan.objects.create(
            pengaduan=p,
            oleh=pengguna if getattr(pengguna, "pk", None) else None,
            waktu=sekarang,
            isi=tanggapan,
            status=status,
        )
    catat(
        aksi=f"pengaduan.{status}",
        objek=p,
        pengguna=pengguna,
        perubahan={"status": (dari, status)},
        alasan=tanggapan,
        pd=p.pd,
    )
    return p


@transaction.atomic
def balas(*, pengguna, pengaduan: Pengaduan, isi: str, untuk_pelapor: bool = True) -> Tanggapan:
    _cek_penanganan(pengguna, pengaduan)
    if not (isi or "").strip():
        raise ValidationError({"isi": "Tanggapan kosong: tulis isi tanggapan."})
    t = Tanggapan.objects.create(
        pengaduan=pengaduan,
        oleh=pengguna if getattr(pengguna, "pk", None) else None,
        waktu=timezone.now(),
        isi=isi.strip(),
        untuk_pelapor=untuk_pelapor,
    )
    catat(
        aksi="pengaduan.tanggapan",
        objek=pengaduan,
        pengguna=pengguna,
        perubahan={"tanggapan": (None, isi.strip()[:200])},
        pd=pengaduan.pd,
    )
    return t


def terlambat(p: Pengaduan, hari: dt.date | None = None) -> bool:
    """Open past its deadline (or closed after it)."""
    hari = hari or timezone.localdate()
    if p.terbuka:
        return hari > p.batas
    return (
        p.status == S.SELESAI
        and p.selesai_pada is not None
        and timezone.localtime(p.selesai_pada).date() > p.batas
    )


# --- statistics -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RekapPengaduan:
    jumlah: int
    ditolak: int
    ditindaklanjuti: int  # reached ditindaklanjuti or selesai
    tepat_waktu: int  # followed up by the deadline
    terbuka: int

    @property
    def persen_tepat_waktu(self):
        from decimal import Decimal

        dasar = self.jumlah - self.ditolak
        return Decimal(self.tepat_waktu) * 100 / Decimal(dasar) if dasar else None


def _agregat():
    from django.db.models import F

    return {
        "jumlah": Count("id"),
        "ditolak": Count("id", filter=Q(status=S.DITOLAK)),
        "ditindaklanjuti": Count("id", filter=Q(ditindaklanjuti_pada__isnull=False)),
        "tepat_waktu": Count("id", filter=Q(ditindaklanjuti_pada__date__lte=F("batas"))),
        "terbuka": Count("id", filter=~Q(status__in=[S.SELESAI, S.DITOLAK])),
    }


def tahun_terakhir(*, pengguna, unit_ids: list[int]) -> int | None:
    """The latest year with a complaint at these units (None: none yet)."""
    wajib_unit(pengguna, unit_ids, Cakupan.statistik_pengaduan)
    akhir = Pengaduan.objects.filter(unit_id__in=unit_ids).aggregate(m=Max("diterima_pada"))["m"]
    return timezone.localtime(akhir).year if akhir else None


def rekap(*, pengguna, unit_ids: list[int], mulai: dt.date, akhir: dt.date) -> RekapPengaduan:
    wajib_unit(pengguna, unit_ids, Cakupan.statistik_pengaduan)
    a, b = rentang_waktu(mulai, akhir)
    return RekapPengaduan(
        **Pengaduan.objects.filter(unit_id__in=unit_ids, diterima_pada__gte=a, diterima_pada__lt=b).aggregate(
            **_agregat()
        )
    )


def rekap_per(
    *, pengguna, unit_ids: list[int], mulai: dt.date, akhir: dt.date, per: str
) -> list[tuple[object, RekapPengaduan]]:
    """Figures per month, unit or category, of the given units only (a reader sees no other unit)."""
    wajib_unit(pengguna, unit_ids, Cakupan.statistik_pengaduan)
    a, b = rentang_waktu(mulai, akhir)
    qs = Pengaduan.objects.filter(unit_id__in=unit_ids, diterima_pada__gte=a, diterima_pada__lt=b)
    if per == "bulan":
        qs, kunci = qs.annotate(bulan=TruncMonth("diterima_pada")).values("bulan"), "bulan"
    else:
        kunci = {"unit": "unit_id", "kategori": "kategori_id"}[per]
        qs = qs.values(kunci)
    hasil = []
    for r in qs.annotate(**_agregat()).order_by(kunci):
        k = r.pop(kunci)
        if per == "bulan" and isinstance(k, dt.datetime):
            k = timezone.localtime(k).date() if timezone.is_aware(k) else k.date()
        hasil.append((k, RekapPengaduan(**r)))
    return hasil


# --- complaint categories (``/kelola/kategori/``) -------------------------------------------------
# The PD's admin (or its pemda's admin) keeps the categories of the public form. A new deadline
# applies to complaints received from then on: each complaint keeps the deadline computed when it
# was received (``Pengaduan.batas``), so reports of earlier periods do not change.

BATAS_HARI_TERKECIL, BATAS_HARI_TERBESAR = 1, 60
PANJANG_NAMA_KATEGORI = 100


def _wajib_kelola(pengguna, pd: PerangkatDaerah) -> None:
    if not pelaku_wajib(pengguna).kelola_pd(pd.pk):
        raise PermissionDenied(
            f"Hanya administrator {pd.nama} (atau pemdanya) yang mengubah kategori pengaduannya."
        )


def _baca_kategori(
    pd: PerangkatDaerah, nama: str, batas_hari: str | int, kecuali: int | None
) -> tuple[str, int]:
    galat: dict[str, list[str]] = {}
    nama = " ".join(str(nama or "").split())
    if not nama:
        galat["nama"] = ["Tulis nama kategori, mis. Pelayanan administrasi."]
    elif len(nama) > PANJANG_NAMA_KATEGORI:
        galat["nama"] = [
            f"Nama kategori paling panjang {PANJANG_NAMA_KATEGORI} huruf (sekarang {len(nama)})."
        ]
    elif Kategori.objects.filter(pd=pd, nama__iexact=nama).exclude(pk=kecuali).exists():
        galat["nama"] = [f"Kategori “{nama}” sudah ada di {pd.nama}."]
    teks = " ".join(str(batas_hari if batas_hari is not None else "").split())
    hari = bilangan(teks, bawah=BATAS_HARI_TERKECIL, atas=BATAS_HARI_TERBESAR)
    if hari is None:
        galat["batas_hari"] = [
            f"Batas penyelesaian diisi bilangan bulat {BATAS_HARI_TERKECIL}–{BATAS_HARI_TERBESAR} hari kerja"
            + (f"; “{teks[:20]}” tidak sah." if teks else ".")
        ]
    if galat:
        raise ValidationError(galat)
    return nama, hari


@transaction.atomic
def tambah_kategori(*, pengguna, pd: PerangkatDaerah, nama: str, batas_hari: str | int) -> Kategori:
    """A new category at the end of the PD's list, on the public form at once."""
    _wajib_kelola(pengguna, pd)
    nama, hari = _baca_kategori(pd, nama, batas_hari, None)
    urutan = (Kategori.objects.filter(pd=pd).aggregate(m=Max("urutan"))["m"] or 0) + 1
    k = Kategori.objects.create(pd=pd, nama=nama, batas_hari=hari, urutan=urutan)
    catat(
        aksi="kategori.tambah",
        objek=k,
        pengguna=pengguna,
        perubahan={"nama": (None, nama), "batas_hari": (None, hari)},
        pd=pd,
    )
    return k


@transaction.atomic
def ubah_kategori(
    *, pengguna, kategori: Kategori, nama: str, batas_hari: str | int, alasan: str = ""
) -> bool:
    """Rename a category or change its deadline; whether anything changed. Complaints already
    received keep their deadline."""
    _wajib_kelola(pengguna, kategori.pd)
    k = Kategori.objects.select_for_update().get(pk=kategori.pk)
    nama, hari = _baca_kategori(k.pd, nama, batas_hari, k.pk)
    perubahan = {
        m: (getattr(k, m), v) for m, v in (("nama", nama), ("batas_hari", hari)) if getattr(k, m) != v
    }
    if not perubahan:
        return False
    k.nama, k.batas_hari = nama, hari
    k.save(update_fields=["nama", "batas_hari"])
    catat(
        aksi="kategori.ubah",
        objek=k,
        pengguna=pengguna,
        perubahan=perubahan,
        alasan=" ".join((alasan or "").split())[:300],
        pd=k.pd,
    )
    return True


@transaction.atomic
def geser_kategori(*, pengguna, kategori: Kategori, naik: bool) -> bool:
    """Move a category one place up or down the PD's list; whether it moved. The list is numbered
    1, 2, 3 … afresh, so equal numbers from before are put in order too."""
    _wajib_kelola(pengguna, kategori.pd)
    daftar = list(
        Kategori.objects.select_for_update().filter(pd_id=kategori.pd_id).order_by("urutan", "nama", "pk")
    )
    i = next(i for i, k in enumerate(daftar) if k.pk == kategori.pk)
    j = i - 1 if naik else i + 1
    if not 0 <= j < len(daftar):
        return False
    daftar[i], daftar[j] = daftar[j], daftar[i]
    for n, k in enumerate(daftar, start=1):
        if k.urutan != n:
            lama, k.urutan = k.urutan, n
            k.save(update_fields=["urutan"])
            if k.pk == kategori.pk:
                catat(
                    aksi="kategori.urutan",
                    objek=k,
                    pengguna=pengguna,
                    perubahan={"urutan": (lama, n)},
                    pd=kategori.pd,
                )
    return True


@transaction.atomic
def atur_kategori(*, pengguna, kategori: Kategori, aktif: bool) -> bool:
    """Take a category off the public form (its complaints keep it), or back on; whether it changed."""
    _wajib_kelola(pengguna, kategori.pd)
    k = Kategori.objects.select_for_update().get(pk=kategori.pk)
    if k.aktif == aktif:
        return False
    k.aktif = aktif
    k.save(update_fields=["aktif"])
    catat(
        aksi="kategori.status", objek=k, pengguna=pengguna, perubahan={"aktif": (not aktif, aktif)}, pd=k.pd
    )
    return True


@transaction.atomic
def hapus_kategori(*, pengguna, kategori: Kategori) -> None:
    """Delete a category no complaint uses; a used one is deactivated instead."""
    _wajib_kelola(pengguna, kategori.pd)
    n = Pengaduan.objects.filter(kategori=kategori).count()
    if n:
        raise ValidationError(
            f"Kategori “{kategori.nama}” dipakai {n} pengaduan: tidak dihapus agar pengaduan itu tetap "
            "berkategori. Nonaktifkan saja; kategori itu lalu hilang dari formulir publik."
        )
    catat(
        aksi="kategori.hapus",
        objek=kategori,
        pengguna=pengguna,
        perubahan={"nama": (kategori.nama, None), "batas_hari": (kategori.batas_hari, None)},
        pd=kategori.pd,
    )
    kategori.delete()


def jumlah_per_kategori(*, pengguna, pd: PerangkatDaerah) -> dict[int, tuple[int, int]]:
    """Category id → (complaints, of which still open), for whoever reads the PD's complaint figures."""
    if not pelaku_wajib(pengguna).statistik_pengaduan_pd(pd.pk):
        raise PermissionDenied(f"Anda tidak berwenang membaca angka pengaduan {pd.nama}.")
    baris = (
        Pengaduan.objects.filter(pd=pd)
        .values("kategori_id")
        .annotate(n=Count("id"), buka=Count("id", filter=~Q(status__in=[S.SELESAI, S.DITOLAK])))
        .order_by()
    )
    return {b["kategori_id"]: (b["n"], b["buka"]) for b in baris}
