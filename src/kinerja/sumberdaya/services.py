"""The staff and asset registers: who may read and change them, and every change.

Every member of a PD reads its staff (without NIP/NIK) and its assets; only the PD's admin
(an admin role over the PD, its office or its pemda; a superuser) adds, edits and ends
assignments, adds assets and records their condition, and sees NIP/NIK. Every write is one
transaction with its audit entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kinerja.core import angka
from kinerja.core.audit import catat
from kinerja.core.models import Peran
from kinerja.core.pelaku import Sistem
from kinerja.sumberdaya.models import GOLONGAN_PPPK, Aset, Pegawai, RiwayatKondisiAset
from kinerja.wilayah.izin import Cakupan, pelaku_wajib
from kinerja.wilayah.models import PerangkatDaerah, Unit
from kinerja.wilayah.nip import normal_nip

P = Pegawai
TAHUN_TERKECIL = 1950
BATAS_JUMLAH = angka.Batas.dari_kolom(Aset._meta.get_field("jumlah"))


@dataclass(frozen=True)
class Wewenang:
    baca: bool  # list staff (without NIP/NIK) and assets
    kelola: bool  # write, and see NIP/NIK


def _admin_pd(c: Cakupan, pd: PerangkatDaerah) -> bool:
    if c.semua:
        return True
    for p in c.peran:
        if p.jenis != Peran.Jenis.ADMIN:
            continue
        if p.pd_id == pd.pk or (p.pemda_id and p.pemda_id == pd.pemda_id):
            return True
        if p.unit_id and p.unit.pd_id == pd.pk and p.unit.induk_id is None and p.unit.adalah_kantor:
            return True
    return False


def wewenang(*, pengguna, pd: PerangkatDaerah) -> Wewenang:
    """What the actor may do with the PD's registers."""
    c = pelaku_wajib(pengguna)
    kelola = _admin_pd(c, pd)
    return Wewenang(baca=kelola or c.anggota_pd(pd.pk), kelola=kelola)


def _wajib_baca(pengguna, pd) -> Wewenang:
    w = wewenang(pengguna=pengguna, pd=pd)
    if not w.baca:
        raise PermissionDenied("Anda tidak mempunyai peran di perangkat daerah ini.")
    return w


def _wajib_kelola(pengguna, pd) -> None:
    if not wewenang(pengguna=pengguna, pd=pd).kelola:
        raise PermissionDenied(
            "Hanya administrator perangkat daerah ini yang mengubah data pegawai dan aset."
        )


def _pelaku(pengguna) -> dict:
    if isinstance(pengguna, Sistem):
        return {"pengguna": None, "nama_pelaku": str(pengguna)[:60]}
    return {"pengguna": pengguna if getattr(pengguna, "pk", None) else None, "nama_pelaku": ""}


# --- reading ------------------------------------------------------------------------------------


def baca_tanggal(teks: str | None, *, label: str = "Tanggal", wajib: bool = True) -> dt.date | None:
    """A date typed as 2024-07-01 (the date field) or 01-07-2024, within 1950 … next year."""
    t = (teks or "").strip()
    if not t:
        if wajib:
            raise ValidationError(f"Isi {label.lower()}.")
        return None
    tanggal = None
    for pola in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            tanggal = dt.datetime.strptime(t[:20], pola).date()
            break
        except ValueError:
            continue
    if tanggal is None:
        raise ValidationError(f"{label} '{t[:20]}' tidak terbaca; tulis mis. 31-12-2022.")
    atas = timezone.localdate().year + 1
    if not TAHUN_TERKECIL <= tanggal.year <= atas:
        raise ValidationError(f"{label} {tanggal:%d-%m-%Y} di luar rentang {TAHUN_TERKECIL}–{atas}.")
    return tanggal


def _pegawai_per_tanggal(pd_id: int, tanggal: dt.date):
    """Assignments of a PD serving on ``tanggal`` (``selesai`` is their last day)."""
    return Pegawai.objects.filter(unit__pd_id=pd_id, mulai__lte=tanggal).filter(
        Q(selesai__isnull=True) | Q(selesai__gte=tanggal)
    )


def daftar_pegawai(*, pengguna, pd: PerangkatDaerah, tanggal: dt.date, unit: Unit | None = None) -> list:
    """Staff serving on ``tanggal``; NIP/NIK is not even read for anyone but the PD's admin."""
    w = _wajib_baca(pengguna, pd)
    qs = _pegawai_per_tanggal(pd.pk, tanggal).select_related("unit")
    if unit is not None:
        qs = qs.filter(unit=unit)
    if w.kelola:
        return list(qs)
    hasil = list(qs.defer("nip"))
    for p in hasil:
        p.nip = ""
    return hasil


def hitung_pegawai(*, pengguna, pd: PerangkatDaerah, tanggal: dt.date) -> list[tuple]:
    """The fields Tabel 2.2 counts, one tuple per person serving on ``tanggal`` (no names)."""
    _wajib_baca(pengguna, pd)
    return list(
        _pegawai_per_tanggal(pd.pk, tanggal).values_list(
            "status",
            "golongan",
            "golongan_pppk",
            "pendidikan",
            "jenis_jabatan",
            "nama_fungsional",
            "jenis_kelamin",
        )
    )


def daftar_aset(*, pengguna, pd: PerangkatDaerah, unit: Unit | None = None) -> list[Aset]:
    _wajib_baca(pengguna, pd)
    qs = Aset.objects.filter(unit__pd=pd).select_related("unit").order_by("unit__urutan", "urutan", "pk")
    if unit is not None:
        qs = qs.filter(unit=unit)
    return list(qs)


def riwayat_kondisi(*, pengguna, aset: Aset) -> list[RiwayatKondisiAset]:
    _wajib_baca(pengguna, aset.unit.pd)
    return list(aset.riwayat_kondisi.select_related("pengguna"))


# --- staff --------------------------------------------------------------------------------------


def _pilih(isian: dict, medan: str, pilihan, galat: dict, label: str) -> str:
    v = (isian.get(medan) or "").strip()
    if v not in dict(pilihan):
        galat[medan] = f"Pilih {label}."
        return ""
    return v


def _golongan(isian: dict, status: str, galat: dict) -> tuple[str, int | None]:
    gol = (isian.get("golongan") or "").strip()
    pppk = (isian.get("golongan_pppk") or "").strip()
    if status == P.Status.PNS:
        if gol not in P.Golongan.values:
            galat["golongan"] = "Pilih golongan PNS (I/a … IV/e)."
        if pppk:
            galat["golongan_pppk"] = "Golongan PPPK hanya untuk pegawai berstatus PPPK."
        return gol, None
    if gol:
        galat["golongan"] = "Golongan I/a … IV/e hanya untuk PNS; kosongkan untuk PPPK dan non-ASN."
    if status == P.Status.PPPK and pppk:
        if pppk not in {str(i) for i, _ in GOLONGAN_PPPK}:
            galat["golongan_pppk"] = "Pilih golongan PPPK (I … XVII)."
            return "", None
        return "", int(pppk)
    if pppk:
        galat["golongan_pppk"] = "Golongan PPPK hanya untuk pegawai berstatus PPPK."
    return "", None


def _nip(teks: str, status: str) -> str:
    t = (teks or "").strip()
    if not t:
        return ""
    if status == P.Status.NON_ASN:
        digit = "".join(c for c in t if not c.isspace())
        if not digit.isdigit() or len(digit) != 16:
            raise ValidationError("NIK terdiri atas 16 angka.")
        return digit
    return normal_nip(t)


def _teks(isian: dict, medan: str, galat: dict, label: str, *, wajib: bool, maks: int) -> str:
    v = " ".join((isian.get(medan) or "").split())
    if wajib and not v:
        galat[medan] = f"Isi {label}."
    elif len(v) > maks:
        galat[medan] = f"{label.capitalize()} paling panjang {maks} karakter."
    return v


def _baca_isian_pegawai(isian: dict, pd: PerangkatDaerah) -> dict:
    """The fields of a staff form, checked together; every error raised at once, by field."""
    galat: dict[str, str] = {}
    data = {
        "nama": _teks(isian, "nama", galat, "nama", wajib=True, maks=150),
        "jabatan": _teks(isian, "jabatan", galat, "nama jabatan", wajib=True, maks=150),
        "jenis_jabatan": _pilih(isian, "jenis_jabatan", P.JenisJabatan.choices, galat, "jenis jabatan"),
        "status": _pilih(isian, "status", P.Status.choices, galat, "status kepegawaian"),
        "pendidikan": _pilih(isian, "pendidikan", P.Pendidikan.choices, galat, "pendidikan"),
        "jenis_kelamin": _pilih(isian, "jenis_kelamin", P.JenisKelamin.choices, galat, "jenis kelamin"),
    }
    fungsional = _teks(isian, "nama_fungsional", galat, "nama jabatan fungsional", wajib=False, maks=60)
    if data["jenis_jabatan"] == P.JenisJabatan.FUNGSIONAL and not fungsional:
        galat["nama_fungsional"] = "Isi nama jabatan fungsional, mis. P2UPD atau Auditor."
    data["nama_fungsional"] = fungsional if data["jenis_jabatan"] == P.JenisJabatan.FUNGSIONAL else ""
    data["golongan"], data["golongan_pppk"] = _golongan(isian, data["status"], galat)
    unit_id = (isian.get("unit") or "").strip()
    data["unit"] = (
        Unit.objects.filter(pd=pd, pk=int(unit_id)).first()
        if unit_id.isdigit() and len(unit_id) < 19
        else None
    )
    if data["unit"] is None:
        galat["unit"] = "Pilih unit kerja."
    for medan, fungsi in (
        ("nip", lambda: _nip(isian.get("nip", ""), data["status"])),
        ("mulai", lambda: baca_tanggal(isian.get("mulai"), label="Tanggal mulai")),
    ):
        try:
            data[medan] = fungsi()
        except ValidationError as e:
            galat[medan] = " ".join(e.messages)
    if galat:
        raise ValidationError(galat)
    return data


@transaction.atomic
def tambah_pegawai(*, pengguna, pd: PerangkatDaerah, isian: dict) -> Pegawai:
    _wajib_kelola(pengguna, pd)
    data = _baca_isian_pegawai(isian, pd)
    p = Pegawai.objects.create(**data)
    catat(aksi="pegawai.tambah", objek=p, pengguna=pengguna, pd=pd, perubahan=_audit_pegawai(None, p))
    return p


_MEDAN_AUDIT = (
    "unit",
    "nama",
    "jabatan",
    "jenis_jabatan",
    "nama_fungsional",
    "status",
    "golongan",
    "golongan_pppk",
    "pendidikan",
    "jenis_kelamin",
    "mulai",
    "selesai",
)


def _audit_pegawai(lama: dict | None, p: Pegawai) -> dict:
    """Changed fields, NIP/NIK only as "diubah" (the audit trail is read by more than the admin)."""
    baru = {m: getattr(p, m) for m in _MEDAN_AUDIT}
    lama = lama or {}
    hasil = {
        m: (lama.get(m), v) for m, v in baru.items() if lama.get(m) != v and (lama or v not in ("", None))
    }
    return hasil


@transaction.atomic
def ubah_pegawai(*, pengguna, pegawai: Pegawai, isian: dict, alasan: str = "") -> Pegawai:
    pd = pegawai.unit.pd
    _wajib_kelola(pengguna, pd)
    data = _baca_isian_pegawai(isian, pd)
    if pegawai.selesai and data["mulai"] > pegawai.selesai:
        raise ValidationError(
            {"mulai": f"Tanggal mulai sesudah tanggal selesai ({pegawai.selesai:%d-%m-%Y})."}
        )
    lama = {m: getattr(pegawai, m) for m in _MEDAN_AUDIT}
    nip_berubah = data["nip"] != pegawai.nip
    for k, v in data.items():
        setattr(pegawai, k, v)
    pegawai.demo = False  # an edited demonstration record is the PD's own data from now on
    pegawai.save()
    perubahan = _audit_pegawai(lama, pegawai)
    if nip_berubah:
        perubahan["nip"] = ("", "diubah")
    if perubahan:
        catat(
            aksi="pegawai.ubah",
            objek=pegawai,
            pengguna=pengguna,
            pd=pd,
            perubahan=perubahan,
            alasan=alasan[:500],
        )
    return pegawai


@transaction.atomic
def akhiri_tugas(*, pengguna, pegawai: Pegawai, selesai: str | dt.date, alasan: str = "") -> Pegawai:
    """End an assignment on ``selesai`` (its last day); the record stays for the dates before."""
    pd = pegawai.unit.pd
    _wajib_kelola(pengguna, pd)
    tanggal = selesai if isinstance(selesai, dt.date) else baca_tanggal(selesai, label="Tanggal selesai")
    if tanggal < pegawai.mulai:
        raise ValidationError(
            {"selesai": f"Tanggal selesai tidak boleh sebelum tanggal mulai ({pegawai.mulai:%d-%m-%Y})."}
        )
    lama = pegawai.selesai
    pegawai.selesai = tanggal
    pegawai.save(update_fields=["selesai"])
    catat(
        aksi="pegawai.selesai",
        objek=pegawai,
        pengguna=pengguna,
        pd=pd,
        perubahan={"selesai": (lama, tanggal)},
        alasan=" ".join((alasan or "").split())[:500],
    )
    return pegawai


# --- assets -------------------------------------------------------------------------------------


def _jumlah(isian: dict, medan: str, galat: dict, label: str, *, wajib: bool = True) -> Decimal | None:
    teks = (isian.get(medan) or "").strip()
    if not teks:
        if wajib:
            galat[medan] = f"Isi {label} (0 bila tidak ada)."
        return None
    try:
        n = angka.baca_terbatas(teks, BATAS_JUMLAH)
    except angka.NilaiDitolak as e:
        galat[medan] = f"{label.capitalize()}: {e.pesan}"
        return None
    if n.angka is None or n.terpotong or n.jenis != angka.ANGKA or n.satuan:
        galat[medan] = f"{label.capitalize()} '{teks[:20]}' bukan angka."
        return None
    return n.angka


def _baca_isian_kondisi(isian: dict, jumlah: Decimal | None) -> dict:
    """Date and the three counts of a condition record: not negative, summing to ``jumlah``."""
    galat: dict[str, str] = {}
    data = {
        "baik": _jumlah(isian, "baik", galat, "jumlah baik"),
        "rusak_ringan": _jumlah(isian, "rusak_ringan", galat, "jumlah rusak ringan"),
        "rusak_berat": _jumlah(isian, "rusak_berat", galat, "jumlah rusak berat"),
        "catatan": _teks(isian, "catatan", galat, "catatan", wajib=False, maks=300),
    }
    try:
        data["tanggal"] = baca_tanggal(isian.get("tanggal"), label="Tanggal")
        if data["tanggal"] > timezone.localdate():
            galat["tanggal"] = "Tanggal kondisi tidak boleh di masa depan."
    except ValidationError as e:
        galat["tanggal"] = " ".join(e.messages)
    if not galat and jumlah is not None:
        total = data["baik"] + data["rusak_ringan"] + data["rusak_berat"]
        if total != jumlah:
            galat["baik"] = (
                f"Baik + rusak ringan + rusak berat = {angka.format_angka(total)}, "
                f"harus sama dengan jumlah barang ({angka.format_angka(jumlah)})."
            )
    if galat:
        raise ValidationError(galat)
    return data


def _simpan_kondisi(aset: Aset, data: dict, pengguna) -> RiwayatKondisiAset:
    r = RiwayatKondisiAset.objects.create(aset=aset, **data, **_pelaku(pengguna))
    kini = aset.riwayat_kondisi.order_by("-tanggal", "-id").first()
    aset.baik, aset.rusak_ringan, aset.rusak_berat = kini.baik, kini.rusak_ringan, kini.rusak_berat
    aset.save(update_fields=["baik", "rusak_ringan", "rusak_berat"])
    return r


@transaction.atomic
def catat_kondisi(*, pengguna, aset: Aset, isian: dict) -> RiwayatKondisiAset:
    """Record the condition of an asset on a date; the newest date is its condition now."""
    pd = aset.unit.pd
    _wajib_kelola(pengguna, pd)
    data = _baca_isian_kondisi(isian, aset.jumlah)
    lama = (aset.baik, aset.rusak_ringan, aset.rusak_berat)
    if aset.jumlah is None:  # the document's cell was unreadable: the first count sets the total
        aset.jumlah = data["baik"] + data["rusak_ringan"] + data["rusak_berat"]
        aset.save(update_fields=["jumlah"])
    r = _simpan_kondisi(aset, data, pengguna)
    catat(
        aksi="aset.kondisi",
        objek=aset,
        pengguna=pengguna,
        pd=pd,
        perubahan={
            "baik": (lama[0], aset.baik),
            "rusak_ringan": (lama[1], aset.rusak_ringan),
            "rusak_berat": (lama[2], aset.rusak_berat),
            "tanggal": ("", data["tanggal"]),
        },
        alasan=data["catatan"],
    )
    return r


def _tahun_perolehan(isian: dict, galat: dict) -> int | None:
    teks = (isian.get("tahun_perolehan") or "").strip()
    if not teks:
        return None
    atas = timezone.localdate().year
    if not (teks.isdigit() and len(teks) == 4 and TAHUN_TERKECIL <= int(teks) <= atas):
        galat["tahun_perolehan"] = f"Tahun perolehan antara {TAHUN_TERKECIL} dan {atas}."
        return None
    return int(teks)


def _baca_isian_aset(isian: dict, galat: dict[str, str]) -> dict:
    """The fields of a new asset, each refusal added to ``galat`` by field."""
    data = {
        "jenis_barang": _teks(isian, "jenis_barang", galat, "jenis barang", wajib=True, maks=120),
        "jumlah": _jumlah(isian, "jumlah", galat, "jumlah barang"),
        "satuan": _teks(isian, "satuan", galat, "satuan", wajib=False, maks=30),
        "kode_kib": _teks(isian, "kode_kib", galat, "kode KIB", wajib=False, maks=40),
        "tahun_perolehan": _tahun_perolehan(isian, galat),
    }
    try:
        data["kondisi"] = _baca_isian_kondisi(isian, data["jumlah"])
    except ValidationError as e:
        data["kondisi"] = {}
        for k, v in e.message_dict.items():
            galat.setdefault(k, " ".join(v))
    return data


def galat_isian_aset(isian: dict) -> dict[str, str]:
    """What is wrong in a new asset's fields apart from its unit, by field (empty when nothing).

    The page lists these beside "Pilih unit kerja" so that one submit shows every mistake."""
    galat: dict[str, str] = {}
    _baca_isian_aset(isian, galat)
    return galat


@transaction.atomic
def tambah_aset(*, pengguna, unit: Unit, isian: dict) -> Aset:
    """A new kind of asset at a unit, with its first condition count."""
    _wajib_kelola(pengguna, unit.pd)
    galat: dict[str, str] = {}
    data = _baca_isian_aset(isian, galat)
    jenis, jumlah, satuan = data["jenis_barang"], data["jumlah"], data["satuan"]
    kib, tahun, kondisi = data["kode_kib"], data["tahun_perolehan"], data["kondisi"]
    if jenis and Aset.objects.filter(unit=unit, jenis_barang__iexact=jenis).exists():
        galat["jenis_barang"] = (
            f"{unit.nama} sudah mencatat '{jenis}'; catat perubahan kondisinya di barisnya."
        )
    if galat:
        raise ValidationError(galat)
    urutan = (
        Aset.objects.filter(unit=unit).order_by("-urutan").values_list("urutan", flat=True).first() or 0
    ) + 1
    a = Aset.objects.create(
        unit=unit,
        urutan=urutan,
        jenis_barang=jenis,
        jumlah=jumlah,
        satuan=satuan,
        kode_kib=kib,
        tahun_perolehan=tahun,
        baik=kondisi["baik"],
        rusak_ringan=kondisi["rusak_ringan"],
        rusak_berat=kondisi["rusak_berat"],
    )
    _simpan_kondisi(a, kondisi, pengguna)
    catat(
        aksi="aset.tambah",
        objek=a,
        pengguna=pengguna,
        pd=unit.pd,
        perubahan={"jenis_barang": ("", jenis), "jumlah": ("", jumlah), "satuan": ("", satuan)},
    )
    return a
