"""Users of a PD from a CSV file: columns nama, unit, peran, email (and optionally nama_pengguna).

The file is read whole and every row checked before anything is saved: the preview lists each
problem by its row number, and a file with any wrong row saves nothing. A row's ``unit`` is one of
the PD's active units by its short name, code or full name (empty: the role is over the whole PD);
``peran`` is operator, pimpinan, perencana, verifikator or admin(istrator). A username is made from
the name when the file gives none. Saved, each user gets its one-time invitation link
(``wilayah.pengguna``), listed once for the administrator.

A file over 1 MB or 2.000 rows is refused; it is read as UTF-8 (with or without the byte-order mark a
spreadsheet writes), else as Windows-1252 (what a spreadsheet calls "CSV" on Windows), and the
preview says which.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from kinerja.core.audit import catat
from kinerja.wilayah import pengguna as akun
from kinerja.wilayah.isian import teks
from kinerja.wilayah.izin import pelaku_wajib
from kinerja.wilayah.models import PerangkatDaerah, Unit

BATAS_BYTE = 1024 * 1024
BATAS_BARIS = 2000
WAJIB = ("nama", "unit", "peran", "email")
NAMA_KOLOM = {
    "nama": "nama",
    "nama lengkap": "nama",
    "unit": "unit",
    "unit kerja": "unit",
    "peran": "peran",
    "email": "email",
    "e-mail": "email",
    "e mail": "email",
    "surel": "email",
    "nama pengguna": "username",
    "username": "username",
}
TOLAK = "Hanya administrator perangkat daerah ini yang membuat penggunanya dari berkas."


class BerkasDitolak(Exception):
    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


@dataclass
class BarisPengguna:
    no: int  # the row number in the file (the header is row 1)
    nama: str
    unit: str
    peran: str
    email: str
    username: str = ""
    lingkup: akun.Lingkup | None = None
    galat: list[str] = field(default_factory=list)


@dataclass
class Pratinjau:
    pengodean: str
    baris: list[BarisPengguna] = field(default_factory=list)
    galat: list[str] = field(default_factory=list)  # of the whole file

    @property
    def jumlah_galat(self) -> int:
        return len(self.galat) + sum(len(b.galat) for b in self.baris)

    @property
    def sah(self) -> bool:
        return bool(self.baris) and not self.jumlah_galat


def dekode(isi: bytes) -> tuple[str, str]:
    """The file's text and the encoding it was read in; ``BerkasDitolak`` when unreadable."""
    if len(isi) > BATAS_BYTE:
        raise BerkasDitolak(
            "Berkas lebih dari 1 MB; pecah menjadi beberapa berkas (paling banyak 2.000 baris)."
        )
    if isi.startswith(b"PK\x03\x04") or isi.startswith(b"\xd0\xcf\x11\xe0"):
        raise BerkasDitolak("Ini buku kerja Excel, bukan CSV. Di Excel pilih Simpan Sebagai → CSV UTF-8.")
    try:
        return isi.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return isi.decode("cp1252"), "Windows-1252 (bukan UTF-8: periksa huruf seperti é atau – di pratinjau)"
    except UnicodeDecodeError:
        raise BerkasDitolak(
            "Berkas tidak dapat dibaca sebagai teks UTF-8 maupun Windows-1252. Simpan ulang sebagai CSV UTF-8."
        ) from None


def _baris(teks_csv: str) -> list[list[str]]:
    pertama = teks_csv.split("\n", 1)[0]
    pemisah = max((";", ",", "\t"), key=pertama.count)
    try:
        semua = list(csv.reader(io.StringIO(teks_csv, newline=""), delimiter=pemisah))
    except csv.Error as e:
        raise BerkasDitolak(f"Berkas bukan CSV yang dapat dibaca ({e}).") from None
    return semua


def _kepala(baris: list[str]) -> dict[str, int]:
    kolom: dict[str, int] = {}
    for i, k in enumerate(baris):
        nama = NAMA_KOLOM.get(" ".join(teks(k).lower().replace("_", " ").split()))
        if nama and nama not in kolom:
            kolom[nama] = i
    kurang = [k for k in WAJIB if k not in kolom]
    if kurang:
        raise BerkasDitolak(
            f"Baris 1 harus berisi nama kolom: {', '.join(WAJIB)} (boleh juga nama_pengguna). "
            f"Tidak ditemukan: {', '.join(kurang)}."
        )
    return kolom


def _usulan(nama: str) -> str:
    dasar = slugify(nama).replace("-", ".")[:140].strip(".")
    return dasar or "pengguna"


class _Peta:
    """What the rows are checked against: the PD's units, usernames and e-mail addresses in use."""

    def __init__(self, pd: PerangkatDaerah, baris: list[BarisPengguna]) -> None:
        self.pd = pd
        self.unit: dict[str, Unit] = {}
        for u in Unit.objects.filter(pd=pd).select_related("pd").order_by("-aktif", "urutan"):
            for kunci in (u.nama_pendek, u.kode, u.nama):
                if kunci:
                    self.unit.setdefault(kunci.lower(), u)
        User = get_user_model()
        self.dipakai = {u.lower() for u in User.objects.values_list("username", flat=True)}
        surel = {b.email.lower() for b in baris if b.email}
        self.surel = {
            e.lower(): n for e, n in User.objects.filter(email__in=surel).values_list("email", "username")
        }


def _periksa_baris(b: BarisPengguna, peta: _Peta, surel_file: dict[str, int]) -> None:
    isian = {"nama": b.nama, "email": b.email, "username": b.username or _unik(_usulan(b.nama), peta.dipakai)}
    galat: dict[str, list[str]] = {}
    v = akun._baca_akun(isian, galat, baru=True, surel_unik=False)  # checked below, naming the row
    b.username = v["username"]
    if b.unit:
        u = peta.unit.get(b.unit.lower())
        if u is None:
            galat.setdefault("unit", []).append(
                f"unit '{b.unit[:60]}' tidak ada di {peta.pd.nama}; tulis nama pendek atau kode unitnya"
            )
        else:
            b.lingkup = akun.Lingkup("unit", u)
    else:
        b.lingkup = akun.Lingkup("pd", peta.pd)
    if b.lingkup or not b.unit:
        for pesan in akun.cek_peran(b.peran, b.lingkup).values():
            galat.setdefault("peran", []).extend(pesan)
    elif not b.peran:
        galat.setdefault("peran", []).append("peran wajib diisi")
    e = b.email.lower()
    if e and e in peta.surel:
        galat.setdefault("email", []).append(
            f"surel {b.email} sudah dipakai pengguna {peta.surel[e]}; beri perannya di halaman pengguna itu"
        )
    elif e and e in surel_file:
        galat.setdefault("email", []).append(f"surel {b.email} sama dengan baris {surel_file[e]}")
    elif e:
        surel_file[e] = b.no
    for pesan in galat.values():
        b.galat += [p[:1].upper() + p[1:].rstrip(".") for p in pesan]
    peta.dipakai.add(b.username.lower())


def _unik(dasar: str, dipakai: set[str]) -> str:
    if dasar not in dipakai:
        return dasar
    n = 2
    while f"{dasar}{n}" in dipakai:
        n += 1
    return f"{dasar}{n}"


def periksa_csv(*, pengguna, pd: PerangkatDaerah, teks_csv: str, pengodean: str = "UTF-8") -> Pratinjau:
    """Every row of the file checked (nothing is saved): the preview, with its errors by row."""
    if not pelaku_wajib(pengguna).kelola_pd(pd.pk):
        raise PermissionDenied(TOLAK)
    hasil = Pratinjau(pengodean)
    semua = _baris(teks_csv)
    if not semua or not any(teks(s) for s in semua[0]):
        raise BerkasDitolak("Berkas kosong. Baris 1 berisi nama kolom: nama, unit, peran, email.")
    kolom = _kepala(semua[0])
    isi = [(no, r) for no, r in enumerate(semua[1:], start=2) if any(teks(s) for s in r)]
    if len(isi) > BATAS_BARIS:
        raise BerkasDitolak(
            f"Berkas berisi {len(isi)} baris; paling banyak {BATAS_BARIS} baris sekali impor."
        )
    if not isi:
        raise BerkasDitolak("Berkas hanya berisi nama kolom; belum ada pengguna di bawahnya.")

    def sel(r: list[str], k: str) -> str:
        i = kolom.get(k)
        return teks(r[i])[:300] if i is not None and i < len(r) else ""

    hasil.baris = [
        BarisPengguna(
            no, sel(r, "nama"), sel(r, "unit"), sel(r, "peran").lower(), sel(r, "email"), sel(r, "username")
        )
        for no, r in isi
    ]
    peta = _Peta(pd, hasil.baris)
    # Usernames the file names itself are kept for their rows before any is made up from a name.
    ditulis = [b.username.lower() for b in hasil.baris if b.username]
    surel_file: dict[str, int] = {}
    for b in hasil.baris:
        if b.username and ditulis.count(b.username.lower()) > 1:
            b.galat.append(f"Nama pengguna {b.username} dipakai lebih dari satu baris")
        _periksa_baris(b, peta, surel_file)
    return hasil


@dataclass
class Dibuat:
    baris: BarisPengguna
    user: object
    token: str


@transaction.atomic
def simpan_csv(*, pengguna, pd: PerangkatDaerah, teks_csv: str, nama_berkas: str = "") -> list[Dibuat]:
    """Create every user of a file that has no wrong row, each with its role and invitation link;
    with any wrong row nothing is saved (``ValidationError`` with the rows' messages)."""
    p = periksa_csv(pengguna=pengguna, pd=pd, teks_csv=teks_csv)
    if not p.sah:
        raise ValidationError(p.galat + [f"Baris {b.no}: {g}." for b in p.baris for g in b.galat])
    hasil = []
    for b in p.baris:
        v = {"username": b.username, "first_name": b.nama, "email": b.email.lower()}
        user, token = akun._buat(pengguna, v, b.peran, b.lingkup, pd)
        hasil.append(Dibuat(b, user, token))
    catat(
        aksi="pengguna.impor",
        objek=pd,
        pengguna=pengguna,
        perubahan={"pengguna": (None, len(hasil)), "berkas": (None, nama_berkas[:100])},
        pd=pd,
    )
    return hasil
