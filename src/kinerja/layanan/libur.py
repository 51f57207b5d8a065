"""Holidays typed or pasted by an administrator: one date and name, checked before anything is stored.

A list is pasted one holiday a line, "dd-mm-yyyy nama" (as the SKB of three ministers prints them);
every wrong line is named at once and nothing is stored while one is wrong. Nothing is read from or
written to the database here: ``layanan.services`` checks the actor, stores and audits.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from kinerja.core.parameter import TAHUN_TERBESAR, TAHUN_TERKECIL
from kinerja.layanan.models import HariLibur

J = HariLibur.Jenis
OTOMATIS = "otomatis"  # the kind read from the name: "Cuti bersama …" is collective leave
PANJANG_NAMA = 150
BARIS_TERBANYAK = 200
_TANGGAL = re.compile(r"\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b|\s*(\d{4})-(\d{1,2})-(\d{1,2})\b")


@dataclass(frozen=True)
class BarisLibur:
    nomor: int  # the line of the pasted text (1 = first)
    tanggal: dt.date
    nama: str
    jenis: str


def jenis_dari_nama(nama: str) -> str:
    return J.CUTI if nama.strip().lower().startswith("cuti bersama") else J.LIBUR


def baca_tanggal(teks: str) -> dt.date:
    """A date as 31-12-2024, 31/12/2024 or 2024-12-31, within the years this system keeps."""
    t = (teks or "").strip()
    if not t:
        raise ValidationError("Isi tanggal hari libur.")
    m = _TANGGAL.fullmatch(t)
    if not m:
        raise ValidationError(f"Tanggal “{t[:20]}” tidak terbaca; tulis mis. 17-08-2025.")
    return _tanggal(m)


def _tanggal(m: re.Match) -> dt.date:
    h, b, t = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(5), m.group(4))
    try:
        tanggal = dt.date(int(t), int(b), int(h))
    except ValueError:
        raise ValidationError(f"Tanggal {h}-{b}-{t} tidak ada di kalender.") from None
    if not TAHUN_TERKECIL <= tanggal.year <= TAHUN_TERBESAR:
        raise ValidationError(f"Tahun {tanggal.year} di luar rentang {TAHUN_TERKECIL}–{TAHUN_TERBESAR}.")
    return tanggal


def cek_nama(nama: str) -> str:
    nama = " ".join((nama or "").split())
    if not nama:
        raise ValidationError("Tulis nama hari libur, mis. Hari Kemerdekaan Republik Indonesia.")
    if len(nama) > PANJANG_NAMA:
        raise ValidationError(f"Nama hari libur paling panjang {PANJANG_NAMA} huruf (sekarang {len(nama)}).")
    return nama


def cek_jenis(jenis: str, *, boleh_otomatis: bool = False) -> str:
    if jenis in J.values or (boleh_otomatis and jenis == OTOMATIS):
        return jenis
    raise ValidationError("Pilih jenis: libur nasional atau cuti bersama.")


def _baris(nomor: int, teks: str, jenis: str) -> BarisLibur:
    m = _TANGGAL.match(teks)
    if not m:
        raise ValidationError(
            f"Baris {nomor}: awali dengan tanggal dd-mm-yyyy, mis. “17-08-2025 Hari Kemerdekaan”."
        )
    try:
        tanggal = _tanggal(m)
        nama = cek_nama(teks[m.end() :].strip(" \t,;:–—-|"))
    except ValidationError as e:
        raise ValidationError(f"Baris {nomor}: {e.messages[0]}") from None
    return BarisLibur(nomor, tanggal, nama, jenis_dari_nama(nama) if jenis == OTOMATIS else jenis)


def baca_daftar(teks: str, jenis: str = OTOMATIS) -> list[BarisLibur]:
    """Every holiday of a pasted list; ValidationError naming every wrong line (nothing half-read)."""
    cek_jenis(jenis, boleh_otomatis=True)
    baris = [(i, b.strip()) for i, b in enumerate((teks or "").splitlines(), start=1) if b.strip()]
    if not baris:
        raise ValidationError("Tempelkan daftar hari libur: satu per baris, “dd-mm-yyyy nama”.")
    if len(baris) > BARIS_TERBANYAK:
        raise ValidationError(f"Paling banyak {BARIS_TERBANYAK} baris sekali impor (sekarang {len(baris)}).")
    hasil, galat, dilihat = [], [], {}
    for nomor, b in baris:
        try:
            x = _baris(nomor, b, jenis)
        except ValidationError as e:
            galat += e.messages
            continue
        if x.tanggal in dilihat:
            galat.append(
                f"Baris {nomor}: tanggal {x.tanggal:%d-%m-%Y} sudah ada di baris {dilihat[x.tanggal]}."
            )
            continue
        dilihat[x.tanggal] = nomor
        hasil.append(x)
    if galat:
        raise ValidationError(galat)
    return hasil
