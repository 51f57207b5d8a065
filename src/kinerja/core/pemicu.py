"""Database triggers that keep the audit table append-only, below the ORM.

Used by migration core 0005 and by the explicit sample reload (``izinkan_hapus_audit``).  SQLite
drops a table's triggers when a migration rebuilds the table: a later migration that alters
``core_catatanaudit`` must call ``pasang`` again.
"""

from __future__ import annotations

PESAN = "Catatan audit tidak dapat diubah atau dihapus."

_PG_PASANG = [
    f"""CREATE OR REPLACE FUNCTION core_catatanaudit_kekal() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{PESAN}';
END;
$$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS core_catatanaudit_kekal ON core_catatanaudit",
    """CREATE TRIGGER core_catatanaudit_kekal BEFORE UPDATE OR DELETE ON core_catatanaudit
FOR EACH ROW EXECUTE FUNCTION core_catatanaudit_kekal()""",
]
_PG_LEPAS = ["DROP TRIGGER IF EXISTS core_catatanaudit_kekal ON core_catatanaudit"]

_SQLITE_PASANG = [
    f"""CREATE TRIGGER IF NOT EXISTS core_catatanaudit_tanpa_ubah BEFORE UPDATE ON core_catatanaudit
BEGIN SELECT RAISE(ABORT, '{PESAN}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS core_catatanaudit_tanpa_hapus BEFORE DELETE ON core_catatanaudit
BEGIN SELECT RAISE(ABORT, '{PESAN}'); END""",
]
_SQLITE_LEPAS = [
    "DROP TRIGGER IF EXISTS core_catatanaudit_tanpa_ubah",
    "DROP TRIGGER IF EXISTS core_catatanaudit_tanpa_hapus",
]


def _jalankan(connection, perintah: list[str]) -> None:
    with connection.cursor() as c:
        for sql in perintah:
            c.execute(sql)


def pasang(connection) -> None:
    """Create the triggers refusing UPDATE and DELETE on the audit table."""
    if connection.vendor == "postgresql":
        _jalankan(connection, _PG_PASANG)
    elif connection.vendor == "sqlite":
        _jalankan(connection, _SQLITE_PASANG)


def lepas(connection) -> None:
    if connection.vendor == "postgresql":
        _jalankan(connection, _PG_LEPAS)
    elif connection.vendor == "sqlite":
        _jalankan(connection, _SQLITE_LEPAS)
