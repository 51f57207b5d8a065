"""Counting public survey submissions for their rate limits: one statement per submission on PostgreSQL.

In the database cache each rule of a kiosk post cost an add and an increment: seven statements and
two durable commits, each commit holding the counter's row until the disk flush, so the posts of one
kiosk queued behind each other's flushes. On PostgreSQL every rule of a submission is counted here in
one ``INSERT … ON CONFLICT … RETURNING`` into ``skm_hitungan``, an UNLOGGED table: the increment is
atomic (the database cache's read-then-write could let a burst past a limit), it holds across every
process and server of the database, and its commit waits for no flush. A crash empties the table,
which only restarts the limits, as the cache would. Other databases count in the shared cache
(``kinerja.core.batas``): the embedded SQLite's cache file already counts without a flush.
"""

from __future__ import annotations

from django.db import connection

from kinerja.core import batas

SAPU_SETIAP = 1000  # counts between two sweeps of ended windows (per process)
_HITUNG = (
    "INSERT INTO skm_hitungan AS h (kunci, jendela, jumlah, sampai) VALUES {baris} "
    "ON CONFLICT (kunci) DO UPDATE SET "
    "jumlah = CASE WHEN h.jendela >= EXCLUDED.jendela THEN h.jumlah + 1 ELSE 1 END, "
    "jendela = GREATEST(h.jendela, EXCLUDED.jendela), sampai = GREATEST(h.sampai, EXCLUDED.sampai) "
    "RETURNING kunci, jumlah"
)
_hitung_sejak_sapu = [0]


def lampaui(*aturan: tuple[str, int, int]) -> int | None:
    """Count one event under each (key, limit, window seconds) rule; the window of the first rule
    now over its limit (for Retry-After), or None when every rule still allows it — as
    ``kinerja.core.batas.lampaui``, whose clock it reads (a key names one rule)."""
    if connection.vendor != "postgresql":
        return batas.lampaui(*aturan)
    kini = batas._kini()
    nilai: list = []
    # Rows in key order: two submissions sharing keys lock them in the same order.
    for kunci, jendela in sorted({k: j for k, _n, j in aturan}.items()):
        nomor = int(kini // jendela)
        nilai += [kunci, nomor, float((nomor + 1) * jendela)]
    with connection.cursor() as c:
        c.execute(_HITUNG.format(baris=", ".join(["(%s, %s, 1, %s)"] * (len(nilai) // 3))), nilai)
        jumlah = dict(c.fetchall())
        _hitung_sejak_sapu[0] += 1
        if _hitung_sejak_sapu[0] >= SAPU_SETIAP:
            _hitung_sejak_sapu[0] = 0
            c.execute("DELETE FROM skm_hitungan WHERE sampai <= %s", [kini])
    for kunci, n, jendela in aturan:
        if jumlah[kunci] > n:
            return jendela
    return None
