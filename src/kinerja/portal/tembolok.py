"""Public pages and API answers kept in the shared cache, dropped when the data under them changes.

Every public answer is stored under the current *data version*: a number in the shared cache
(Redis when ``REDIS_URL`` is set, the database cache otherwise) that moves on whenever a record of
an app the portal shows is saved or deleted, or an audit entry is written (every service writes
one). A new version makes every stored answer unreachable at once — nothing has to know which
page showed what. Stored answers also expire after ``UMUR`` seconds, for writes that bypass model
signals (bulk loads of the sample). The key also holds a digest of the installed code, so that a
new release never serves a page stored by the previous one.

Each answer carries an ``ETag`` (a digest of its body) and ``Last-Modified`` (when the version
moved), and a repeated request with ``If-None-Match`` or ``If-Modified-Since`` gets 304. Requests
are counted per client address (hashed, as for complaints) and refused with an Indonesian 429 page
(or JSON for the API) beyond ``KINERJA_BATAS_PUBLIK`` per minute (setting; 240 by default).

Only anonymous requests are served from and stored in the cache: a signed-in user's page may
differ (their menu), and must never be shown to anyone else.
"""

from __future__ import annotations

import functools
import hashlib
import threading
import time
from collections import OrderedDict
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse, JsonResponse
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from kinerja.core import batas
from kinerja.core.galat import terlalu_sering

KUNCI_VERSI = "portal:versi"
UMUR = 600  # seconds a stored answer lives at most
JENDELA = 60

# Apps whose records the portal shows (core: the audit entry every service write makes).
APP_DATA = frozenset(
    {"wilayah", "sumberdaya", "renstra", "layanan", "skm", "pengaduan", "rtkeren", "monev", "portal"}
)
MODEL_CORE = frozenset({"catatanaudit"})


# A process trusts its last reading of the version for SEGAR seconds (a change made by another
# process reaches it within that time; one made by this process at once), and keeps the answers it
# served last in memory (LOKAL_MAKS bytes), so that a warm page costs no trip to the shared cache.
SEGAR = 1.0
LOKAL_MAKS = 32 * 1024 * 1024
_lokal_kunci = threading.Lock()
_lokal_versi: list = [None, 0.0]  # version, when read (monotonic)
_lokal_hal: OrderedDict[str, dict] = OrderedDict()
_lokal_ukuran = [0]


def lupakan_lokal() -> None:
    """Forget this process's copy of the version and of stored answers (tests, between databases)."""
    with _lokal_kunci:
        _lokal_versi[:] = [None, 0.0]
        _lokal_hal.clear()
        _lokal_ukuran[0] = 0


def versi() -> int:
    """The current data version (milliseconds since the epoch of the last change)."""
    kini = time.monotonic()
    if _lokal_versi[0] is not None and kini - _lokal_versi[1] < SEGAR:
        return _lokal_versi[0]
    v = cache.get(KUNCI_VERSI)
    if v is None:
        v = int(time.time() * 1000)
        if not cache.add(KUNCI_VERSI, v, timeout=None):
            v = cache.get(KUNCI_VERSI) or v
    _lokal_versi[:] = [v, kini]
    return v


def _setel_versi() -> None:
    transaction.get_connection()._portal_versi_menunggu = False
    baru = max(int(time.time() * 1000), (cache.get(KUNCI_VERSI) or 0) + 1)
    cache.set(KUNCI_VERSI, baru, timeout=None)
    _lokal_versi[:] = [baru, time.monotonic()]


def _ambil(kunci: str) -> dict | None:
    with _lokal_kunci:
        isi = _lokal_hal.get(kunci)
        if isi is not None and time.time() - isi["disimpan"] < UMUR:
            _lokal_hal.move_to_end(kunci)
            return isi
    isi = cache.get(kunci)
    if isi is not None:
        _simpan_lokal(kunci, isi)
    return isi


def _simpan_lokal(kunci: str, isi: dict) -> None:
    with _lokal_kunci:
        lama = _lokal_hal.pop(kunci, None)
        if lama is not None:
            _lokal_ukuran[0] -= len(lama["badan"])
        _lokal_hal[kunci] = isi
        _lokal_ukuran[0] += len(isi["badan"])
        while _lokal_ukuran[0] > LOKAL_MAKS and _lokal_hal:
            _k, lama = _lokal_hal.popitem(last=False)
            _lokal_ukuran[0] -= len(lama["badan"])


def naikkan_versi() -> None:
    """Make every stored public answer stale once the transaction that changed data commits (at
    once outside a transaction). One bump per transaction, however many rows it writes."""
    conn = transaction.get_connection()
    if (
        conn.in_atomic_block
        and getattr(conn, "_portal_versi_menunggu", False)
        and any(f is _setel_versi for _sid, f, _robust in conn.run_on_commit)
    ):
        return
    conn._portal_versi_menunggu = True
    transaction.on_commit(_setel_versi)


def _berubah(sender, **kwargs) -> None:
    meta = sender._meta
    if meta.app_label in APP_DATA or (meta.app_label == "core" and meta.model_name in MODEL_CORE):
        naikkan_versi()


def pasang_sinyal() -> None:
    post_save.connect(_berubah, dispatch_uid="portal-versi-simpan")
    post_delete.connect(_berubah, dispatch_uid="portal-versi-hapus")


@functools.cache
def kode_terpasang() -> str:
    """A digest of the installed code and templates: stored answers of an earlier release (the
    cache may outlive a restart, e.g. Redis or the cache file) are never served by a new one."""
    akar = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for berkas in sorted(akar.rglob("*")):
        if berkas.suffix in (".py", ".html") and berkas.is_file():
            h.update(str(berkas.relative_to(akar)).encode())
            h.update(berkas.read_bytes())
    return h.hexdigest()[:16]


def _tolak(request, api: bool) -> HttpResponse:
    if api:
        return JsonResponse(
            {"galat": "Terlalu banyak permintaan dari alamat ini. Coba lagi dalam 1 menit."},
            status=429,
            headers={"Retry-After": str(JENDELA)},
        )
    return terlalu_sering(request, "Batas permintaan halaman publik per alamat terlampaui.", tunggu=JENDELA)


def _belum_berubah(request, etag: str, diubah: int) -> bool:
    cocok = request.META.get("HTTP_IF_NONE_MATCH")
    if cocok is not None:
        return etag in [t.strip() for t in cocok.split(",")] or cocok.strip() == "*"
    sejak = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return sejak is not None and diubah // 1000 <= sejak


def _jawaban_tersimpan(isi: dict) -> HttpResponse:
    jawab = HttpResponse(isi["badan"], content_type=isi["jenis"], status=200)
    for k, v in isi["kepala"].items():
        jawab[k] = v
    return jawab


def _tandai(jawab: HttpResponse, etag: str, diubah: int) -> HttpResponse:
    jawab["ETag"] = etag
    jawab["Last-Modified"] = http_date(diubah // 1000)
    jawab["Cache-Control"] = "public, max-age=60"
    return jawab


KEPALA_DISIMPAN = ("Content-Disposition", "Content-Language")


def publik(api: bool = False):
    """Decorator for a public GET view: rate limit, shared cache per data version, ETag and 304."""

    def hias(view):
        @functools.wraps(view)
        def bungkus(request, *args, **kwargs):
            alamat = batas.alamat_hash(request)
            if alamat and batas.melebihi(f"portal:{alamat}", settings.KINERJA_BATAS_PUBLIK, JENDELA):
                return _tolak(request, api)
            if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
                return view(request, *args, **kwargs)
            v = versi()
            kunci = (
                "portal:hal:"
                + hashlib.sha256(f"{kode_terpasang()}|{v}|{request.get_full_path()}".encode()).hexdigest()
            )
            isi = _ambil(kunci)
            if isi is None:
                jawab = view(request, *args, **kwargs)
                if jawab.status_code != 200 or getattr(jawab, "streaming", False):
                    return jawab
                badan = jawab.content
                isi = {
                    "badan": badan,
                    "jenis": jawab["Content-Type"],
                    "kepala": {k: jawab[k] for k in KEPALA_DISIMPAN if jawab.has_header(k)},
                    "etag": quote_etag(hashlib.sha256(badan).hexdigest()[:32]),
                    "disimpan": time.time(),
                }
                cache.set(kunci, isi, timeout=UMUR)
                _simpan_lokal(kunci, isi)
            if _belum_berubah(request, isi["etag"], v):
                return _tandai(HttpResponse(status=304), isi["etag"], v)
            return _tandai(_jawaban_tersimpan(isi), isi["etag"], v)

        bungkus.publik = True
        return bungkus

    return hias
