"""The shared cache of the embedded default: a SQLite file of its own next to the database.

Rate limits count every kiosk answer, login and complaint; in the main database each count would
be one more durable commit (``synchronous=FULL``), several per request. Here the counts live in a
second file with ``synchronous=OFF``: a power cut can only forget recent counts (a limit restarts,
nothing of the users' data is touched), and a count costs no disk flush. Every process of the
server opens the same file, so limits hold across processes as they do on Redis. Increments are
one atomic statement. Expired entries are deleted as writes go by.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

_BUAT = "CREATE TABLE IF NOT EXISTS cache (kunci TEXT PRIMARY KEY, nilai BLOB NOT NULL, kedaluwarsa REAL)"
_SEGAR = "(kedaluwarsa IS NULL OR kedaluwarsa > ?)"
SAPU_SETIAP = 500  # writes between two sweeps of expired entries


def _simpan(nilai):
    # Whole numbers stay numbers in the file so that incr() is one UPDATE; the rest is pickled.
    return nilai if type(nilai) is int else sqlite3.Binary(pickle.dumps(nilai, pickle.HIGHEST_PROTOCOL))


def _baca(nilai):
    return nilai if type(nilai) is int else pickle.loads(nilai)


class CacheSQLite(BaseCache):
    def __init__(self, location: str, params: dict):
        super().__init__(params)
        self.berkas = location
        self._lokal = threading.local()
        self._tulis = 0

    def _db(self) -> sqlite3.Connection:
        lokal = self._lokal
        if getattr(lokal, "pid", None) != os.getpid():  # a forked worker opens its own connection
            os.makedirs(os.path.dirname(os.path.abspath(self.berkas)), exist_ok=True)
            db = sqlite3.connect(self.berkas, timeout=30, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=OFF")
            db.execute(_BUAT)
            lokal.db, lokal.pid = db, os.getpid()
        return lokal.db

    def _batas(self, timeout) -> float | None:
        return self.get_backend_timeout(timeout)

    def _setelah_tulis(self, db: sqlite3.Connection) -> None:
        self._tulis += 1
        if self._tulis % SAPU_SETIAP == 0:
            db.execute("DELETE FROM cache WHERE kedaluwarsa IS NOT NULL AND kedaluwarsa <= ?", [time.time()])

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        kunci = self.make_and_validate_key(key, version=version)
        db = self._db()
        sekarang = time.time()
        c = db.execute(
            "INSERT INTO cache VALUES (?, ?, ?) ON CONFLICT(kunci) DO UPDATE SET "
            "nilai = excluded.nilai, kedaluwarsa = excluded.kedaluwarsa "
            "WHERE cache.kedaluwarsa IS NOT NULL AND cache.kedaluwarsa <= ?",
            [kunci, _simpan(value), self._batas(timeout), sekarang],
        )
        self._setelah_tulis(db)
        return c.rowcount == 1

    def get(self, key, default=None, version=None):
        kunci = self.make_and_validate_key(key, version=version)
        baris = (
            self._db()
            .execute(f"SELECT nilai FROM cache WHERE kunci = ? AND {_SEGAR}", [kunci, time.time()])
            .fetchone()
        )
        return default if baris is None else _baca(baris[0])

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        kunci = self.make_and_validate_key(key, version=version)
        db = self._db()
        db.execute(
            "INSERT OR REPLACE INTO cache VALUES (?, ?, ?)", [kunci, _simpan(value), self._batas(timeout)]
        )
        self._setelah_tulis(db)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        kunci = self.make_and_validate_key(key, version=version)
        c = self._db().execute(
            f"UPDATE cache SET kedaluwarsa = ? WHERE kunci = ? AND {_SEGAR}",
            [self._batas(timeout), kunci, time.time()],
        )
        return c.rowcount == 1

    def incr(self, key, delta=1, version=None) -> int:
        kunci = self.make_and_validate_key(key, version=version)
        baris = (
            self._db()
            .execute(
                f"UPDATE cache SET nilai = nilai + ? WHERE kunci = ? AND typeof(nilai) = 'integer' AND {_SEGAR} "
                "RETURNING nilai",
                [delta, kunci, time.time()],
            )
            .fetchone()
        )
        if baris is None:
            raise ValueError(f"Key '{key}' not found")
        return baris[0]

    def delete(self, key, version=None) -> bool:
        kunci = self.make_and_validate_key(key, version=version)
        return self._db().execute("DELETE FROM cache WHERE kunci = ?", [kunci]).rowcount == 1

    def has_key(self, key, version=None) -> bool:
        kunci = self.make_and_validate_key(key, version=version)
        return (
            self._db()
            .execute(f"SELECT 1 FROM cache WHERE kunci = ? AND {_SEGAR}", [kunci, time.time()])
            .fetchone()
            is not None
        )

    def clear(self) -> None:
        self._db().execute("DELETE FROM cache")

    def close(self, **kwargs) -> None:
        # Kept open across requests (one connection per thread); closed when the process ends.
        return None
