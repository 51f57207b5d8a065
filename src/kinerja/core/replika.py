"""Reading from a PostgreSQL hot standby (``DATABASE_REPLICA_URL``) when a kota or province needs it.

Pages that only read (GET and HEAD: public pages, reports, exports, dashboards) run their queries
on the standby; everything that writes, and every read inside a transaction, stays on the primary.
A user who has just saved something reads from the primary for a few seconds (the standby may lag
behind by that much), so they always see their own change. Without a replica nothing here is used.
"""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections

ALIAS = "replika"
COOKIE = "kinerja_tulis"
_baca_replika: ContextVar[bool] = ContextVar("kinerja_baca_replika", default=False)
log = logging.getLogger(__name__)

# Tables that must never be read stale: the database cache holds rate-limit counters.
_SELALU_UTAMA = {"django_cache"}


def aktif() -> bool:
    return ALIAS in settings.DATABASES


def tahan_detik() -> int:
    """How long a user who wrote reads from the primary (the standby's expected lag, with a margin)."""
    return getattr(settings, "KINERJA_REPLIKA_TAHAN", 10)


class RuterReplika:
    """Reads go to the standby only while a request (or command) asked for it and no transaction is open."""

    def db_for_read(self, model, **hints):
        if (
            _baca_replika.get()
            and model._meta.app_label not in _SELALU_UTAMA
            and not connections["default"].in_atomic_block
        ):
            return ALIAS
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the standby is a copy of the primary: the same rows

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


def _replika_hidup() -> bool:
    try:
        connections[ALIAS].ensure_connection()
    except DatabaseError as e:
        log.warning("Replika tidak dapat dihubungi, membaca dari basis data utama: %s", e)
        return False
    return True


@contextmanager
def baca_dari_replika(boleh: bool = True):
    """Read from the standby inside this block (commands that only read: exports, reports)."""
    token = _baca_replika.set(boleh and aktif() and _replika_hidup())
    try:
        yield
    finally:
        _baca_replika.reset(token)


def _baru_menulis(request) -> bool:
    try:
        ditulis_ms = int(request.COOKIES.get(COOKIE, "0")[:20])
    except ValueError:
        return False
    return ditulis_ms > time.time_ns() // 1_000_000 - tahan_detik() * 1000


class PilihBasisData:
    """Middleware: a reading request reads from the standby, unless its user wrote a moment ago."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not aktif():
            return self.get_response(request)
        membaca = request.method in ("GET", "HEAD", "OPTIONS") and not _baru_menulis(request)
        with baca_dari_replika(membaca):
            response = self.get_response(request)
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
            # Read-your-writes: this browser reads from the primary until the standby has caught up.
            response.set_cookie(
                COOKIE,
                str(time.time_ns() // 1_000_000),
                max_age=tahan_detik(),
                httponly=True,
                samesite="Lax",
                secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
            )
        return response


def kursor_baca(model):
    """A cursor for raw reads of ``model``'s rows, on the database the router reads it from."""
    from django.db import router

    return connections[router.db_for_read(model)].cursor()
