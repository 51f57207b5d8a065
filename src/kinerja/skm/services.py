"""Storing questionnaires exactly once, and the IKM of any set of them in one aggregate query."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Min, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from kinerja.core import angka, kunci
from kinerja.core.audit import catat
from kinerja.core.parameter import bilangan
from kinerja.layanan.services import rentang_waktu
from kinerja.skm import hitungan, ikm
from kinerja.skm.models import Kios, Respons, _token
from kinerja.wilayah.izin import pelaku_wajib, wajib_unit
from kinerja.wilayah.models import Unit

KOLOM = [f"u{i}" for i in range(1, 10)]


class TerlaluSering(Exception):
    """Too many questionnaires from one kiosk, phone link or address in a short time."""

    def __init__(self, pesan: str, tunggu: int = 60):
        super().__init__(pesan)
        self.tunggu = tunggu


class WaktuDitolak(ValidationError):
    """A kiosk answer dated too far back, or into a quarter already submitted or verified."""


# Limits counted where every worker process and server sees them (kinerja.skm.hitungan: a table of
# their own on PostgreSQL, the shared cache otherwise).
# A busy kiosk sends one questionnaire every ~20 s (180 an hour) and, after a network cut, its
# whole offline queue at once (up to 200 within a minute): its own per-minute limit
# (Kios.batas_per_menit, 240 by default) and 2,5 × that an hour (600) allow both. Several kiosks
# of one office may share an address: 1.500 an hour from one address. The phone form is filled
# once per person: 10 in 10 minutes from one address (an office's guest network), 120 an hour
# through one printed QR code.
KIOS_JAM_PER_MENIT = Fraction(5, 2)
KIOS_ALAMAT_PER_JAM = 1500
PONSEL_ALAMAT = ((10, 10 * 60), (40, 24 * 3600))
PONSEL_TOKEN_PER_JAM = 120


def cek_batas(*, kios: Kios, sumber: str, alamat_hash: str = "") -> None:
    """Count one submission; TerlaluSering when the kiosk, the phone link or the address is over its limit."""
    if sumber == Respons.Sumber.KIOS:
        per_jam = int(kios.batas_per_menit * KIOS_JAM_PER_MENIT)
        aturan = [
            (f"skm:kios:{kios.pk}:menit", kios.batas_per_menit, 60),
            (f"skm:kios:{kios.pk}:jam", per_jam, 3600),
        ]
        if alamat_hash:
            aturan.append((f"skm:kios-alamat:{alamat_hash}", max(KIOS_ALAMAT_PER_JAM, per_jam), 3600))
        tunggu = hitungan.lampaui(*aturan)
        if tunggu:
            raise TerlaluSering(
                f"Kios {kios.nama} mengirim terlalu banyak kuesioner; antrean dicoba lagi nanti.", 30
            )
        return
    aturan = [(f"skm:ponsel:{kios.pk}:jam", PONSEL_TOKEN_PER_JAM, 3600)]
    if alamat_hash:
        aturan += [(f"skm:ponsel-alamat:{alamat_hash}:{j}", n, j) for n, j in PONSEL_ALAMAT]
    tunggu = hitungan.lampaui(*aturan)
    if tunggu:
        raise TerlaluSering(
            "Terlalu banyak kuesioner dikirim dari alamat atau tautan ini dalam waktu singkat.", tunggu
        )


def _triwulan(waktu: dt.datetime) -> tuple[int, int]:
    lokal = timezone.localtime(waktu)
    return lokal.year, (lokal.month - 1) // 3 + 1


def triwulan_terkunci(unit: Unit, tahun: int, triwulan: int) -> bool:
    """Whether the quarter is closed to late answers: the app that reports the IKM (monev) closes a
    quarter once the report of the unit, or of the PD's office, is submitted or verified."""
    return kunci.triwulan_terkunci(unit, tahun, triwulan)


def waktu_kios(unit: Unit, waktu: dt.datetime | None, sekarang: dt.datetime) -> dt.datetime:
    """The time a kiosk answer is stored under: its own, when within KINERJA_KIOS_MUNDUR_JAM hours
    back and not in a reported quarter; WaktuDitolak otherwise (never moved to another date)."""
    if waktu is None or waktu > sekarang:
        # No time, or a device clock running ahead: it was answered now.
        return sekarang if waktu is None or waktu > sekarang + dt.timedelta(minutes=10) else waktu
    jam = settings.KINERJA_KIOS_MUNDUR_JAM
    lokal = timezone.localtime(waktu)
    if waktu < sekarang - dt.timedelta(hours=jam):
        raise WaktuDitolak(
            f"Jawaban bertanggal {lokal:%d-%m-%Y %H:%M} lebih dari {jam} jam yang lalu; kios hanya boleh "
            f"mengirim antrean luring paling lama {jam} jam. Jawaban ini tidak disimpan."
        )
    tahun, tw = _triwulan(waktu)
    if triwulan_terkunci(unit, tahun, tw):
        raise WaktuDitolak(
            f"Jawaban bertanggal {lokal:%d-%m-%Y %H:%M} jatuh pada triwulan {tw} {tahun} yang laporannya sudah "
            "diajukan atau diverifikasi; IKM triwulan itu tidak diubah lagi. Jawaban ini tidak disimpan."
        )
    return waktu


def _jawaban(jawaban: Mapping[str, object], *, lengkap: bool) -> dict[str, int | None]:
    """The nine answers as 1–4; every wrong or missing one is reported at once, keyed by its unsur
    code (the phone form's field names U1…U9)."""
    hasil: dict[str, int | None] = {}
    galat: dict[str, list[str]] = {}
    for i, u in enumerate(ikm.UNSUR, start=1):
        v = jawaban.get(u, jawaban.get(u.lower()))
        hasil[f"u{i}"] = None
        if v in (None, ""):
            if lengkap:
                galat[u] = [f"Unsur {u} ({ikm.NAMA_UNSUR[u]}) belum dijawab."]
            continue
        try:
            n = int(v)
        except (TypeError, ValueError, OverflowError):  # OverflowError: JSON's Infinity
            galat[u] = [f"Jawaban {u} harus 1, 2, 3 atau 4."]
            continue
        if n not in (1, 2, 3, 4):
            galat[u] = [f"Jawaban {u} harus 1, 2, 3 atau 4, bukan {angka.format_angka(n)}."]
            continue
        hasil[f"u{i}"] = n
    if galat:
        raise ValidationError(galat)
    if not any(v is not None for v in hasil.values()):
        raise ValidationError("Kuesioner kosong: tidak ada unsur yang dijawab.")
    return hasil


def _cek_respons(jawaban, *, lengkap: bool, unit, jenis_layanan, profil: dict[str, str], umur) -> dict:
    """The answers as numbers; every problem of the questionnaire at once, keyed by field name."""
    galat: dict[str, list[str]] = {}
    nilai: dict = {}
    try:
        nilai = _jawaban(jawaban, lengkap=lengkap)
    except ValidationError as e:
        galat.update(e.message_dict if hasattr(e, "error_dict") else {NON_FIELD_ERRORS: e.messages})
    if jenis_layanan is not None and jenis_layanan.unit_id != unit.pk:
        galat["layanan"] = ["Layanan itu bukan layanan unit ini."]
    pilihan = {
        "jenis_kelamin": Respons.JenisKelamin.values,
        "pendidikan": Respons.Pendidikan.values,
        "pekerjaan": Respons.Pekerjaan.values,
    }
    for medan, v in profil.items():
        if v and v not in pilihan[medan]:
            galat[medan] = [f"Pilihan {medan.replace('_', ' ')} tidak dikenal."]
    if umur is not None and not 10 <= umur <= 110:
        galat["umur"] = ["Umur di luar 10–110 tahun."]
    if galat:
        raise ValidationError(galat)
    return nilai


def cek_jawaban(jawaban: Mapping[str, object]) -> None:
    """The nine answers of a complete questionnaire checked alone (nothing stored)."""
    _jawaban(jawaban, lengkap=True)


BATAS_UMUR = angka.Batas(digit=3, desimal=0)


def baca_umur(teks: object) -> int | None:
    """The age typed on a questionnaire (None when left empty); refused in Indonesian otherwise."""
    if teks is None or isinstance(teks, bool) or (isinstance(teks, str) and not teks.strip()):
        return None
    try:
        n = angka.baca_terbatas(teks if not isinstance(teks, str) else teks, BATAS_UMUR)
    except angka.NilaiDitolak as e:
        raise ValidationError(f"Umur: {e.pesan}") from None
    if n.angka is None or n.jenis != angka.ANGKA or n.satuan not in (None, "tahun"):
        raise ValidationError("Umur diisi dengan bilangan bulat tahun, mis. 35.")
    if n.angka != n.angka.to_integral_value():
        raise ValidationError("Umur diisi dengan bilangan bulat tahun, mis. 35.")
    return int(n.angka)


def _tambah(**isi) -> Respons:
    """INSERT one questionnaire. Outside a transaction the single statement is its own durable
    transaction (one round trip, no BEGIN and COMMIT of their own); inside a caller's transaction a
    savepoint keeps a refused duplicate from breaking it."""
    if transaction.get_connection().in_atomic_block:
        with transaction.atomic():
            return Respons.objects.create(**isi)
    return Respons.objects.create(**isi)


def simpan_respons(
    *,
    unit: Unit,
    id_klien: uuid.UUID | str,
    jawaban: Mapping[str, object],
    sumber: str,
    waktu: dt.datetime | None = None,
    kios: Kios | None = None,
    jenis_layanan=None,
    umur: int | None = None,
    jenis_kelamin: str = "",
    pendidikan: str = "",
    pekerjaan: str = "",
    saran: str = "",
    alamat_hash: str = "",
) -> tuple[Respons, bool]:
    """Store a questionnaire once: the same ``id_klien`` again returns the stored one (False).

    Only a kiosk's answer keeps its own ``waktu`` (see ``waktu_kios``); every other source is dated
    by the server. ``diterima`` is always the server's time."""
    try:
        id_klien = uuid.UUID(str(id_klien))
    except ValueError:
        raise ValidationError("Kode kiriman tidak sah.") from None
    nilai = _cek_respons(
        jawaban,
        lengkap=sumber in (Respons.Sumber.KIOS, Respons.Sumber.PONSEL),
        unit=unit,
        jenis_layanan=jenis_layanan,
        profil={"jenis_kelamin": jenis_kelamin, "pendidikan": pendidikan, "pekerjaan": pekerjaan},
        umur=umur,
    )
    sekarang = timezone.now()
    if kios is not None and not kios.aktif:
        raise ValidationError("Kios ini tidak aktif.")
    if sumber == Respons.Sumber.KIOS:
        waktu = waktu_kios(unit, waktu, sekarang)
    elif sumber == Respons.Sumber.PONSEL or waktu is None or waktu > sekarang:
        waktu = sekarang
    if kios is not None and sumber in (Respons.Sumber.KIOS, Respons.Sumber.PONSEL):
        cek_batas(kios=kios, sumber=sumber, alamat_hash=alamat_hash)
    try:
        r = _tambah(
            unit=unit,
            jenis_layanan=jenis_layanan,
            kios=kios,
            id_klien=id_klien,
            waktu=waktu,
            sumber=sumber,
            umur=umur,
            jenis_kelamin=jenis_kelamin,
            pendidikan=pendidikan,
            pekerjaan=pekerjaan,
            saran=saran.strip()[:2000],
            alamat_hash=alamat_hash,
            **nilai,
        )
    except IntegrityError:
        # Stored before (a kiosk resending after a lost reply): the first copy stands.
        ada = Respons.objects.filter(id_klien=id_klien).first()
        if ada is None:
            raise
        return ada, False
    return r, True


# --- results ------------------------------------------------------------------------------------

_AGREGAT = {"responden": Count("id")}
for _k in KOLOM:
    _AGREGAT[f"j_{_k}"] = Sum(_k)
    _AGREGAT[f"n_{_k}"] = Count(_k)


def _hasil(baris: Mapping[str, object]) -> ikm.HasilIKM:
    jumlah = {u: baris[f"j_u{i}"] or 0 for i, u in enumerate(ikm.UNSUR, start=1)}
    n = {u: baris[f"n_u{i}"] or 0 for i, u in enumerate(ikm.UNSUR, start=1)}
    return ikm.hitung(jumlah, n, responden=baris["responden"] or 0)


def _qs(unit_ids: list[int], mulai: dt.date, akhir: dt.date, jenis_id: int | None = None):
    a, b = rentang_waktu(mulai, akhir)
    qs = Respons.objects.filter(unit_id__in=unit_ids, waktu__gte=a, waktu__lt=b, karantina__isnull=True)
    if jenis_id:
        qs = qs.filter(jenis_layanan_id=jenis_id)
    return qs


def tahun_terakhir(*, pengguna, unit_ids: list[int]) -> int | None:
    """The latest year with a questionnaire at these units (None: none yet)."""
    wajib_unit(pengguna, unit_ids)
    akhir = Respons.objects.filter(unit_id__in=unit_ids, karantina__isnull=True).aggregate(m=Max("waktu"))[
        "m"
    ]
    return timezone.localtime(akhir).year if akhir else None


def hasil_ikm(
    *, pengguna, unit_ids: list[int], mulai: dt.date, akhir: dt.date, jenis_id: int | None = None
) -> ikm.HasilIKM:
    """The IKM of the questionnaires of some units in a period: one aggregate query."""
    wajib_unit(pengguna, unit_ids)
    return _hasil(_qs(unit_ids, mulai, akhir, jenis_id).aggregate(**_AGREGAT))


def hasil_ikm_per(
    *, pengguna, unit_ids: list[int], mulai: dt.date, akhir: dt.date, per: str
) -> list[tuple[object, ikm.HasilIKM]]:
    """Per unit, per service or per month, in one grouped query."""
    wajib_unit(pengguna, unit_ids)
    qs = _qs(unit_ids, mulai, akhir)
    if per == "bulan":
        qs, kunci = qs.annotate(bulan=TruncMonth("waktu")).values("bulan"), "bulan"
    else:
        kunci = {"unit": "unit_id", "jenis": "jenis_layanan_id"}[per]
        qs = qs.values(kunci)
    hasil = []
    for r in qs.annotate(**_AGREGAT).order_by(kunci):
        k = r[kunci]
        if per == "bulan" and isinstance(k, dt.datetime):
            k = timezone.localtime(k).date() if timezone.is_aware(k) else k.date()
        hasil.append((k, _hasil(r)))
    return hasil


# --- kiosks -------------------------------------------------------------------------------------


@transaction.atomic
def buat_kios(*, pengguna, unit: Unit, nama: str = "") -> Kios:
    """A new kiosk (its secret addresses are drawn on creation): the unit's operator or a planner."""
    c = pelaku_wajib(pengguna)
    if not (c.isi_unit(unit) or c.ubah_rencana(unit.pd_id)):
        raise PermissionDenied("Hanya operator unit atau perencana yang menambah kios.")
    _wajib_unit_aktif(unit)
    k = Kios.objects.create(unit=unit, nama=((nama or "").strip() or f"Kios {unit.nama_pendek}")[:100])
    catat(aksi="kios.buat", objek=k, pengguna=pengguna, perubahan={"nama": (None, k.nama)}, pd=unit.pd)
    return k


# --- administering kiosks (``/kelola/kios/``) ------------------------------------------------------
# The PD's admin (or its pemda's admin) names kiosks, sets their limit, switches them off and draws
# new secret addresses. A new address replaces the old one at once: a tablet or a printed QR code
# with the old one reaches a page saying the link is no longer valid.

BATAS_MENIT_TERKECIL, BATAS_MENIT_TERBESAR = 20, 1000
PANJANG_NAMA_KIOS = 100
TOKEN = {"kios": ("token", "alamat kios (tablet)"), "ponsel": ("token_ponsel", "alamat formulir ponsel")}


def _wajib_kelola(pengguna, unit: Unit) -> None:
    if not pelaku_wajib(pengguna).kelola_pd(unit.pd_id):
        raise PermissionDenied(
            f"Hanya administrator {unit.pd.nama} (atau pemdanya) yang mengatur kios survei unitnya."
        )


def _wajib_unit_aktif(unit: Unit) -> None:
    if not unit.aktif:
        raise ValidationError({"unit": f"{unit.nama} sudah nonaktif: kios baru tidak dipasang di sana."})


def _baca_kios(nama: str, batas_per_menit: str | int, unit: Unit) -> tuple[str, int]:
    galat: dict[str, list[str]] = {}
    nama = " ".join(str(nama or "").split()) or f"Kios {unit.nama_pendek}"
    if len(nama) > PANJANG_NAMA_KIOS:
        galat["nama"] = [f"Nama kios paling panjang {PANJANG_NAMA_KIOS} huruf (sekarang {len(nama)})."]
    teks = " ".join(str(batas_per_menit if batas_per_menit is not None else "").split())
    n = bilangan(teks, bawah=BATAS_MENIT_TERKECIL, atas=BATAS_MENIT_TERBESAR)
    if n is None:
        galat["batas_per_menit"] = [
            f"Batas kiriman per menit diisi bilangan bulat {BATAS_MENIT_TERKECIL}–{BATAS_MENIT_TERBESAR}"
            + (f"; “{teks[:20]}” tidak sah." if teks else ".")
        ]
    if galat:
        raise ValidationError(galat)
    return nama, n


@transaction.atomic
def tambah_kios(*, pengguna, unit: Unit, nama: str = "", batas_per_menit: str | int = 240) -> Kios:
    """A new kiosk of a unit, its two secret addresses drawn on creation."""
    _wajib_kelola(pengguna, unit)
    _wajib_unit_aktif(unit)
    nama, n = _baca_kios(nama, batas_per_menit, unit)
    k = Kios.objects.create(unit=unit, nama=nama, batas_per_menit=n)
    catat(
        aksi="kios.buat",
        objek=k,
        pengguna=pengguna,
        perubahan={"nama": (None, k.nama), "batas_per_menit": (None, n)},
        pd=unit.pd,
    )
    return k


@transaction.atomic
def ubah_kios(*, pengguna, kios: Kios, nama: str, batas_per_menit: str | int) -> bool:
    """Rename a kiosk or change its limit per minute; whether anything changed."""
    _wajib_kelola(pengguna, kios.unit)
    k = Kios.objects.select_for_update().select_related("unit__pd").get(pk=kios.pk)
    nama, n = _baca_kios(nama, batas_per_menit, k.unit)
    perubahan = {
        m: (getattr(k, m), v) for m, v in (("nama", nama), ("batas_per_menit", n)) if getattr(k, m) != v
    }
    if not perubahan:
        return False
    k.nama, k.batas_per_menit = nama, n
    k.save(update_fields=list(perubahan))
    catat(aksi="kios.ubah", objek=k, pengguna=pengguna, perubahan=perubahan, pd=k.unit.pd)
    return True


@transaction.atomic
def atur_kios(*, pengguna, kios: Kios, aktif: bool) -> bool:
    """Switch a kiosk (and its phone link) off or back on; its answers stay counted."""
    _wajib_kelola(pengguna, kios.unit)
    k = Kios.objects.select_for_update().select_related("unit__pd").get(pk=kios.pk)
    if k.aktif == aktif:
        return False
    k.aktif = aktif
    k.save(update_fields=["aktif"])
    catat(
        aksi="kios.status", objek=k, pengguna=pengguna, perubahan={"aktif": (not aktif, aktif)}, pd=k.unit.pd
    )
    return True


def _ujung(token: str) -> str:
    """The last characters of a secret, enough to tell two addresses apart in the audit trail."""
    return f"…{token[-4:]}"


@transaction.atomic
def ganti_token(*, pengguna, kios: Kios, jenis: str) -> Kios:
    """Draw a new secret for the kiosk's tablet address (``jenis="kios"``) or its phone link and QR
    code (``"ponsel"``); the old one stops working at once. The other address is left as it is."""
    _wajib_kelola(pengguna, kios.unit)
    if jenis not in TOKEN:
        raise ValidationError("Pilih alamat yang diganti: kios (tablet) atau formulir ponsel.")
    medan, label = TOKEN[jenis]
    k = Kios.objects.select_for_update().select_related("unit__pd").get(pk=kios.pk)
    lama = getattr(k, medan)
    baru = _token()
    while Kios.objects.filter(**{medan: baru}).exists():  # pragma: no cover - 144 random bits
        baru = _token()
    setattr(k, medan, baru)
    k.save(update_fields=[medan])
    catat(
        aksi=f"kios.ganti_{jenis}",
        objek=k,
        pengguna=pengguna,
        perubahan={medan: (_ujung(lama), _ujung(baru))},
        alasan=f"{label[:1].upper()}{label[1:]} diganti; alamat lama tidak berlaku lagi.",
        pd=k.unit.pd,
    )
    return k


# --- quarantine ---------------------------------------------------------------------------------


def _saring_karantina(
    *,
    kios: Kios | None = None,
    alamat_hash: str = "",
    mulai: dt.datetime | None = None,
    sampai: dt.datetime | None = None,
    unit_ids: list[int] | None = None,
):
    if kios is None and not alamat_hash:
        raise ValidationError("Sebutkan kios/tautan ponsel atau sidik alamat yang dikarantina.")
    if mulai is None or sampai is None or sampai <= mulai:
        raise ValidationError("Sebutkan rentang waktu penerimaan (mulai sebelum sampai).")
    qs = Respons.objects.filter(diterima__gte=mulai, diterima__lt=sampai)
    if kios is not None:
        qs = qs.filter(kios=kios)
    if alamat_hash:
        qs = qs.filter(alamat_hash=alamat_hash)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    return qs


def _cek_karantina(pengguna, qs, kios: Kios | None) -> None:
    """Quarantine touches the answers of every unit selected: a planner or admin of each PD."""
    c = pelaku_wajib(pengguna)
    pd_ids = set(qs.values_list("unit__pd_id", flat=True).distinct())
    if kios is not None:
        pd_ids.add(kios.unit.pd_id)
    if not all(c.ubah_rencana(pd_id) for pd_id in pd_ids):
        raise PermissionDenied(
            "Hanya perencana perangkat daerah yang dapat mengarantina atau memulihkan respons."
        )


def _catat_karantina(aksi: str, ids: list[int], pengguna, alasan: str, unit_ids: set[int]) -> None:
    from kinerja.wilayah.models import Unit as U

    for unit in U.objects.filter(pk__in=unit_ids).select_related("pd"):
        ids_unit = list(Respons.objects.filter(pk__in=ids, unit=unit).values_list("pk", flat=True))
        catat(
            aksi=aksi,
            objek=unit,
            pengguna=pengguna,
            perubahan={"respons": (None, ids_unit)},
            alasan=alasan,
            pd=unit.pd,
        )


@transaction.atomic
def karantina(*, pengguna, alasan: str, **saring) -> int:
    """Quarantine the responses received from a kiosk/phone link and/or an address hash in a time
    window: they leave the IKM (and exports) until restored. Audited per unit; the count marked."""
    if not (alasan or "").strip():
        raise ValidationError("Tulis alasan karantina.")
    qs = _saring_karantina(**saring).filter(karantina__isnull=True)
    _cek_karantina(pengguna, qs, saring.get("kios"))
    baris = list(qs.values_list("pk", "unit_id"))
    ids = [pk for pk, _ in baris]
    Respons.objects.filter(pk__in=ids).update(karantina=timezone.now())
    _catat_karantina("skm.karantina", ids, pengguna, alasan.strip(), {u for _, u in baris})
    return len(ids)


@transaction.atomic
def pulihkan(*, pengguna, alasan: str, **saring) -> int:
    """Bring quarantined responses of the same kind of selection back into the IKM; audited."""
    if not (alasan or "").strip():
        raise ValidationError("Tulis alasan pemulihan.")
    qs = _saring_karantina(**saring).filter(karantina__isnull=False)
    _cek_karantina(pengguna, qs, saring.get("kios"))
    baris = list(qs.values_list("pk", "unit_id"))
    ids = [pk for pk, _ in baris]
    Respons.objects.filter(pk__in=ids).update(karantina=None)
    _catat_karantina("skm.pulihkan", ids, pengguna, alasan.strip(), {u for _, u in baris})
    return len(ids)


def ringkas_kiriman(*, pengguna, sejak: dt.datetime, unit_ids: list[int] | None = None, minimal: int = 20):
    """Bursts to look at: per kiosk, source and address hash, the responses received since a time
    (most first), with whether they are quarantined; only groups of at least ``minimal``.
    Every unit (``unit_ids`` None) is for the system actor only."""
    if unit_ids is None:
        if not pelaku_wajib(pengguna).semua:
            raise PermissionDenied("Ringkasan semua unit hanya untuk perintah sistem.")
    else:
        wajib_unit(pengguna, unit_ids)
    qs = Respons.objects.filter(diterima__gte=sejak).exclude(sumber=Respons.Sumber.DEMO)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    return list(
        qs.values("kios_id", "kios__nama", "sumber", "alamat_hash")
        .annotate(
            jumlah=Count("id"),
            dikarantina=Count("id", filter=Q(karantina__isnull=False)),
            pertama=Min("diterima"),
            terakhir=Max("diterima"),
        )
        .filter(jumlah__gte=minimal)
        .order_by("-jumlah")
    )
