"""Time-based one-time passwords (RFC 6238, HMAC-SHA1, 30-second steps, 6 digits)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
import time
from urllib.parse import quote, urlencode

LANGKAH = 30
DIGIT = 6


def rahasia_baru() -> str:
    """A new shared secret: 20 random bytes in base32 (what authenticator apps expect)."""
    return base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")


def _kunci(rahasia: str) -> bytes:
    r = rahasia.replace(" ", "").upper()
    return base64.b32decode(r + "=" * (-len(r) % 8))


def hotp(kunci: bytes, hitungan: int, *, digit: int = DIGIT, algoritme=hashlib.sha1) -> str:
    """RFC 4226: the code for one counter value."""
    h = hmac.new(kunci, struct.pack(">Q", hitungan), algoritme).digest()
    o = h[-1] & 0x0F
    angka = struct.unpack(">I", h[o : o + 4])[0] & 0x7FFFFFFF
    return str(angka % 10**digit).zfill(digit)


def langkah(waktu: float | None = None) -> int:
    return int((time.time() if waktu is None else waktu) // LANGKAH)


def kode(rahasia: str, waktu: float | None = None) -> str:
    return hotp(_kunci(rahasia), langkah(waktu))


def cocok(rahasia: str, masukan: str, waktu: float | None = None) -> int | None:
    """The step whose code equals ``masukan`` (now, or one step before or after), else None."""
    masukan = (masukan or "").replace(" ", "")
    if len(masukan) != DIGIT or not masukan.isdigit():
        return None
    try:
        k = _kunci(rahasia)
    except ValueError:
        return None
    sekarang = langkah(waktu)
    for s in (sekarang - 1, sekarang, sekarang + 1):
        if s >= 0 and hmac.compare_digest(hotp(k, s), masukan):
            return s
    return None


def uri(rahasia: str, username: str, penerbit: str = "Kinerja") -> str:
    """The otpauth:// address an authenticator app reads (from a QR code or typed in)."""
    label = quote(f"{penerbit}:{username}")
    return f"otpauth://totp/{label}?" + urlencode(
        {"secret": rahasia, "issuer": penerbit, "algorithm": "SHA1", "digits": DIGIT, "period": LANGKAH}
    )
