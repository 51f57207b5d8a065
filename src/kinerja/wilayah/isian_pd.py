"""Reading the administration forms of a pemda, a PD and its units (and ``kinerja pd buat``).

Pure functions on typed values: each returns what it could read and, per field, the Indonesian
messages of what it could not. The services (``wilayah.services``) check the actor, the rules
that need the database (a slug already taken) and save.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify

from kinerja.wilayah.isian import Galat, teks
from kinerja.wilayah.models import PerangkatDaerah, Unit

JPD = PerangkatDaerah.Jenis
JU = Unit.Jenis
BATAS_HARI = (1, 90)
# A civil servant's NIP: 18 digits, often printed in groups ("19730304 199311 1 002").
_NIP = re.compile(r"[0-9]{18}")
_KODE_BIDANG = re.compile(r"[0-9]{1,2}(\.[0-9]{1,2}){0,2}")
BATAS_UNIT = 200  # units typed at once (a kecamatan has a dozen kelurahan, a dinas a few bidang)
JENIS_UNIT_TAMBAH = (JU.KELURAHAN, JU.DESA, JU.BAGIAN)
# The office's short name per kind of PD: the lokasi a plan names for the PD as a whole.
PENDEK_KANTOR = {JPD.KECAMATAN: "Kecamatan", JPD.DINAS: "Dinas", JPD.BADAN: "Badan", JPD.LAINNYA: "Kantor"}


def _tambah(galat: Galat, medan: str, pesan: str) -> None:
    galat.setdefault(medan, []).append(pesan)


def _teks(isian: dict, medan: str, label: str, panjang: int, galat: Galat, *, wajib: bool = False) -> str:
    nilai = teks(isian.get(medan))
    if wajib and not nilai:
        _tambah(galat, medan, f"{label} wajib diisi.")
    elif len(nilai) > panjang:
        _tambah(galat, medan, f"{label} paling panjang {panjang} huruf (tertulis {len(nilai)}).")
    return nilai[:panjang]


def baca_nip(nilai: object, label: str, medan: str, galat: Galat) -> str:
    """An NIP of 18 digits, spaces allowed (kept as typed, tidied); empty is allowed."""
    t = teks(nilai)
    if t and not _NIP.fullmatch(t.replace(" ", "")):
        _tambah(galat, medan, f"{label} terdiri atas 18 angka, mis. 19730304 199311 1 002.")
        return ""
    return t[:30]


def _pilihan(nilai: object, pilihan, label: str, medan: str, galat: Galat, *, wajib: bool = True) -> str:
    t = teks(nilai).lower()
    sah = {str(k): str(v) for k, v in pilihan}
    if t in sah:
        return t
    if t or wajib:
        _tambah(galat, medan, f"Pilih {label}: {', '.join(sah.values())}.")
    return ""


def _ya(nilai: object) -> bool:
    return teks(nilai).lower() in ("1", "on", "ya", "true", "benar")


def periksa_pemda(isian: dict) -> tuple[dict, Galat]:
    """The pemda settings a pemda's administrator changes."""
    galat: Galat = {}
    v = {
        "nama": _teks(isian, "nama", "Nama pemerintah daerah", 200, galat, wajib=True),
        "kepala_nama": _teks(isian, "kepala_nama", "Nama kepala daerah", 150, galat),
        "kepala_jabatan": _teks(isian, "kepala_jabatan", "Jabatan kepala daerah", 100, galat),
        "kepala_bappeda_nama": _teks(isian, "kepala_bappeda_nama", "Nama kepala Bappeda", 150, galat),
        "kepala_bappeda_nip": baca_nip(
            isian.get("kepala_bappeda_nip"), "NIP kepala Bappeda", "kepala_bappeda_nip", galat
        ),
        "batasi_capaian_100": _ya(isian.get("batasi_capaian_100")),
    }
    hari = teks(isian.get("batas_hari_laporan"))
    bawah, atas = BATAS_HARI
    if not hari:
        _tambah(galat, "batas_hari_laporan", f"Batas pelaporan wajib diisi: {bawah}–{atas} hari.")
    elif not re.fullmatch(r"[0-9]{1,3}", hari) or not bawah <= int(hari) <= atas:
        _tambah(
            galat,
            "batas_hari_laporan",
            f"Batas pelaporan '{hari[:20]}' tidak dapat dipakai: tulis jumlah hari {bawah}–{atas}.",
        )
    else:
        v["batas_hari_laporan"] = int(hari)
    tingkat = teks(isian.get("tingkat_persetujuan"))
    if tingkat in ("1", "2"):
        v["tingkat_persetujuan"] = int(tingkat)
    else:
        _tambah(galat, "tingkat_persetujuan", "Pilih satu atau dua tingkat persetujuan laporan triwulan.")
    return v, galat


def _slug(isian: dict, nama: str, galat: Galat) -> str:
    t = teks(isian.get("slug"))
    s = slugify(t or nama)[:60].strip("-")
    if t and s != t.lower():
        _tambah(
            galat,
            "slug",
            f"Slug '{t[:60]}' hanya boleh berisi huruf kecil, angka dan tanda hubung, mis. '{s or 'dinas-kesehatan'}'.",
        )
    elif not s:
        _tambah(galat, "slug", "Slug wajib diisi (huruf kecil, angka, tanda hubung), mis. 'dinas-kesehatan'.")
    return s


def periksa_pd(isian: dict, *, baru: bool) -> tuple[dict, Galat]:
    """A PD's own record; ``baru``: also its slug and kind (fixed once the PD exists)."""
    galat: Galat = {}
    v = {
        "nama": _teks(isian, "nama", "Nama perangkat daerah", 200, galat, wajib=True),
        "singkatan": _teks(isian, "singkatan", "Singkatan", 40, galat),
        "kode_bidang": _teks(isian, "kode_bidang", "Kode bidang urusan", 10, galat),
        "alamat_web": _teks(isian, "alamat_web", "Alamat web", 200, galat),
        "pimpinan_nama": _teks(isian, "pimpinan_nama", "Nama kepala", 150, galat),
        "pimpinan_jabatan": _teks(isian, "pimpinan_jabatan", "Jabatan kepala", 100, galat),
        "pimpinan_pangkat": _teks(isian, "pimpinan_pangkat", "Pangkat kepala", 100, galat),
        "pimpinan_nip": baca_nip(isian.get("pimpinan_nip"), "NIP kepala", "pimpinan_nip", galat),
    }
    if v["kode_bidang"] and not _KODE_BIDANG.fullmatch(v["kode_bidang"]):
        _tambah(
            galat, "kode_bidang", "Kode bidang urusan ditulis seperti dalam nomenklatur, mis. 7.01 atau 1.02."
        )
    if v["alamat_web"]:
        try:
            URLValidator(schemes=["http", "https"])(v["alamat_web"])
        except ValidationError:
            _tambah(galat, "alamat_web", "Alamat web ditulis lengkap, mis. https://dinkes.blitarkota.go.id/.")
    if baru:
        v["slug"] = _slug(isian, v["nama"], galat)
        v["jenis"] = _pilihan(isian.get("jenis"), JPD.choices, "jenis perangkat daerah", "jenis", galat)
        v["kecamatan"] = _teks(isian, "kecamatan", "Nama kecamatan", 100, galat)
        if v["jenis"] == JPD.KECAMATAN and not v["kecamatan"]:
            _tambah(galat, "kecamatan", "Tulis nama kecamatan (wilayahnya), mis. Sananwetan.")
    return v, galat


def _nama_unit(baris: str, jenis_pd: str) -> tuple[str, str, str]:
    """A typed line as (name, short name, kind): 'Gedog' in a kecamatan is Kelurahan Gedog."""
    if jenis_pd != JPD.KECAMATAN:
        return baris, baris, JU.BAGIAN
    for awalan, jenis in (("kelurahan ", JU.KELURAHAN), ("desa ", JU.DESA)):
        if baris.lower().startswith(awalan):
            pendek = baris[len(awalan) :].strip()
            return f"{awalan.strip().capitalize()} {pendek}", pendek, jenis
    return f"Kelurahan {baris}", baris, JU.KELURAHAN


def baca_daftar_unit(
    teks_unit: str | list[str], jenis_pd: str, *, medan: str = "unit"
) -> tuple[list[dict], Galat]:
    """Units typed one per line (kelurahan of a kecamatan, bidang of a dinas), each checked."""
    galat: Galat = {}
    baris = teks_unit.splitlines() if isinstance(teks_unit, str) else list(teks_unit)
    hasil: list[dict] = []
    dilihat: dict[str, int] = {}
    for no, b in enumerate(baris, start=1):
        b = teks(b).strip(" ,;-•")
        if not b:
            continue
        if len(hasil) >= BATAS_UNIT:
            _tambah(
                galat, medan, f"Paling banyak {BATAS_UNIT} unit sekaligus; tambahkan sisanya di halaman PD."
            )
            break
        nama, pendek, jenis = _nama_unit(b, jenis_pd)
        if len(nama) > 200 or len(pendek) > 60:
            _tambah(
                galat,
                medan,
                f"Baris {no}: nama '{b[:40]}…' terlalu panjang (nama pendek paling panjang 60 huruf).",
            )
            continue
        kunci = pendek.lower()
        if kunci in dilihat or kunci in {k.lower() for k in PENDEK_KANTOR.values()}:
            _tambah(
                galat,
                medan,
                f"Baris {no}: '{pendek}' sudah ada"
                + (f" di baris {dilihat[kunci]}" if kunci in dilihat else " (nama pendek kantor)")
                + "; setiap unit bernama lain.",
            )
            continue
        dilihat[kunci] = no
        hasil.append({"nama": nama, "nama_pendek": pendek, "jenis": jenis})
    return hasil, galat


def periksa_unit(isian: dict, *, kantor: bool = False) -> tuple[dict, Galat]:
    """A unit added or edited on the PD page: names, kind (not the office's), code."""
    galat: Galat = {}
    v = {
        "nama": _teks(isian, "nama", "Nama unit", 200, galat, wajib=True),
        "nama_pendek": _teks(isian, "nama_pendek", "Nama pendek", 60, galat),
        "kode": _teks(isian, "kode", "Kode unit", 20, galat),
    }
    v["nama_pendek"] = v["nama_pendek"] or v["nama"][:60]
    if not kantor:
        pilihan = [(j.value, j.label) for j in JENIS_UNIT_TAMBAH]
        v["jenis"] = _pilihan(isian.get("jenis"), pilihan, "jenis unit", "jenis", galat)
    return v, galat
