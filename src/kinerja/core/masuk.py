"""Slowing down password guessing, in the shared cache so it holds across workers.

Every attempt counts, whatever its content (an empty or malformed form too); only a successful
login for a user name clears that name's count.

Per user name: from the ``BATAS_NAMA``-th failure on, the name is locked for a period that
doubles with each further failure (1 minute, 2, 4, … up to a day).  While locked the password
is not even checked, so nothing can be guessed.

Per address: an address is never locked out — people behind one NAT or proxy share it.  After
``BATAS_ALAMAT`` failures within ``JENDELA_ALAMAT`` it must wait a growing pause between two
attempts (2 s, 4 s, … up to a minute), which makes guessing slow while a colleague with the
right password gets in after a short wait.  The address is kept only as a salted hash.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from kinerja.core import batas

BATAS_NAMA = 5
KUNCI_AWAL = 60  # seconds of the first lock of a user name
KUNCI_MAKS = 24 * 3600
UMUR_NAMA = 2 * 24 * 3600  # a name's failures are forgotten after two quiet days

BATAS_ALAMAT = 20
JENDELA_ALAMAT = 15 * 60
JEDA_MAKS = 60


def _sekarang() -> float:
    return time.time()


def _sidik(teks: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), teks.encode(), hashlib.sha256).hexdigest()[:32]


def kunci_nama(username: str) -> str:
    return "masuk:nama:" + _sidik("nama:" + (username or "").strip().lower())


def kunci_alamat(alamat: str | None) -> str:
    return "masuk:alamat:" + _sidik("alamat:" + (alamat or "-"))


@dataclass
class Tolak:
    """Why an attempt is refused before the password is checked, and for how long."""

    detik: int
    alasan: str  # "nama" or "alamat"


def _lama_kunci(gagal: int) -> float:
    return min(KUNCI_MAKS, KUNCI_AWAL * 2 ** max(0, gagal - BATAS_NAMA))


def _jeda(gagal: int) -> float:
    return min(JEDA_MAKS, 2 ** max(1, gagal - BATAS_ALAMAT))


def periksa(username: str, alamat: str | None) -> Tolak | None:
    """Whether an attempt may check its password now (``None``) or must wait."""
    t = _sekarang()
    nama = cache.get(kunci_nama(username))
    if nama and nama["gagal"] >= BATAS_NAMA:
        sisa = nama["waktu"] + _lama_kunci(nama["gagal"]) - t
        if sisa > 0:
            return Tolak(math.ceil(sisa), "nama")
    k = kunci_alamat(alamat)
    gagal_alamat = batas.jumlah(k, JENDELA_ALAMAT, sekarang=t)
    if gagal_alamat > BATAS_ALAMAT:
        terakhir = cache.get(k + ":terakhir") or 0
        sisa = terakhir + _jeda(gagal_alamat) - t
        if sisa > 0:
            return Tolak(math.ceil(sisa), "alamat")
    return None


def gagal(username: str, alamat: str | None, *, hitung_nama: bool = True) -> None:
    """Count one attempt that did not log in."""
    t = _sekarang()
    if hitung_nama:
        k = kunci_nama(username)
        lama = cache.get(k) or {"gagal": 0}
        cache.set(k, {"gagal": lama["gagal"] + 1, "waktu": t}, timeout=UMUR_NAMA)
    k = kunci_alamat(alamat)
    batas.hitung(k, JENDELA_ALAMAT, sekarang=t)
    cache.set(k + ":terakhir", t, timeout=JENDELA_ALAMAT)


def berhasil(username: str) -> None:
    """A successful login clears that name's failures (and nothing else)."""
    cache.delete(kunci_nama(username))


def pesan(tolak: Tolak) -> str:
    if tolak.alasan == "nama":
        menit = max(1, math.ceil(tolak.detik / 60))
        return (
            "Terlalu banyak percobaan masuk yang gagal untuk nama pengguna ini. "
            f"Coba lagi dalam {menit} menit."
        )
    return f"Terlalu banyak percobaan masuk yang gagal dari alamat ini. Coba lagi dalam {tolak.detik} detik."
