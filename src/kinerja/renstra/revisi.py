"""The revision of a version's plan: a number that changes with every write to what ``muat_rencana`` reads.

Database triggers (SQLite and PostgreSQL) give the version's row of ``renstra_revisirencana`` a new random
number whenever a row of its plan is inserted, changed or deleted: the version itself, its nodes,
indicators, targets, baselines, pagu and indicator links, and the units and name of its PD. They fire
below the ORM, so a bulk update, an import, the admin or raw SQL change the revision as a form does; a
transaction that is rolled back takes its numbers with it, and a random number is never handed out twice
in practice, so a revision seen once always means the same plan. ``muat_rencana`` keeps the plans it
has read under their revision and reads a plan again only when its revision has changed.

SQLite drops a table's triggers when a migration rebuilds the table: ``ada`` tells whether they are all in
place (the plan is never kept when one is missing), and ``pasang`` puts them back; a later migration that
rebuilds one of these tables must call it (``tests/renstra/test_revisi.py`` checks the migrated schema).
"""

from __future__ import annotations

from kinerja.wilayah.models import PerangkatDaerah, Unit

TABEL = "renstra_revisirencana"
_UNIT, _PD = Unit._meta.db_table, PerangkatDaerah._meta.db_table

# Source table → (events, the version ids a row touches, written with X for NEW or OLD).
_SUMBER = {
    "renstra_plannode": ("IUD", "SELECT X.versi_id AS v"),
    "renstra_indikator": ("IUD", "SELECT versi_id AS v FROM renstra_plannode WHERE id = X.node_id"),
    "renstra_target": (
        "IUD",
        "SELECT n.versi_id AS v FROM renstra_indikator i JOIN renstra_plannode n ON n.id = i.node_id "
        "WHERE i.id = X.indikator_id",
    ),
    "renstra_kondisiawal": (
        "IUD",
        "SELECT n.versi_id AS v FROM renstra_indikator i JOIN renstra_plannode n ON n.id = i.node_id "
        "WHERE i.id = X.indikator_id",
    ),
    "renstra_pagu": ("IUD", "SELECT versi_id AS v FROM renstra_plannode WHERE id = X.node_id"),
    "renstra_tautanindikator": ("IUD", "SELECT X.versi_id AS v"),
    _UNIT: ("IUD", "SELECT id AS v FROM renstra_renstraversi WHERE pd_id = X.pd_id"),
    _PD: ("U", "SELECT id AS v FROM renstra_renstraversi WHERE pd_id = X.id"),
    "renstra_renstraversi": ("IU", "SELECT X.id AS v"),
}
_PERISTIWA = {"I": "INSERT", "U": "UPDATE", "D": "DELETE"}


def nama_pemicu(tabel: str, peristiwa: str = "") -> str:
    return f"renstra_revisi_{tabel}{'_' + peristiwa.lower() if peristiwa else ''}"


def _sqlite_pasang() -> list[str]:
    perintah = []
    for tabel, (peristiwa, pilih) in _SUMBER.items():
        for p in peristiwa:
            baris = [pilih.replace("X.", "NEW.")] if p in "IU" else []
            baris += [pilih.replace("X.", "OLD.")] if p in "UD" else []
            gabung = " UNION ".join(baris)
            perintah.append(
                f"CREATE TRIGGER IF NOT EXISTS {nama_pemicu(tabel, _PERISTIWA[p])} AFTER {_PERISTIWA[p]} "
                f"ON {tabel} BEGIN INSERT INTO {TABEL} (versi_id, nilai) SELECT v, random() FROM "
                f"({gabung}) WHERE v IS NOT NULL "
                f"ON CONFLICT(versi_id) DO UPDATE SET nilai = excluded.nilai; END"
            )
    perintah.append(
        f"CREATE TRIGGER IF NOT EXISTS {nama_pemicu('renstra_renstraversi', 'DELETE')} AFTER DELETE "
        f"ON renstra_renstraversi BEGIN DELETE FROM {TABEL} WHERE versi_id = OLD.id; END"
    )
    return perintah


def _pg_pasang() -> list[str]:
    perintah = []
    for tabel, (peristiwa, pilih) in _SUMBER.items():
        nama = nama_pemicu(tabel)
        blok = []
        for x, op in (("NEW", "('INSERT', 'UPDATE')"), ("OLD", "('UPDATE', 'DELETE')")):
            blok.append(
                f"IF TG_OP IN {op} THEN INSERT INTO {TABEL} (versi_id, nilai) "
                f"SELECT s.v, floor(random() * 9007199254740991)::bigint "
                f"FROM ({pilih.replace('X.', x + '.')}) AS s WHERE s.v IS NOT NULL "
                f"ON CONFLICT (versi_id) DO UPDATE SET nilai = EXCLUDED.nilai; END IF;"
            )
        if tabel == "renstra_renstraversi":
            blok.append(f"IF TG_OP = 'DELETE' THEN DELETE FROM {TABEL} WHERE versi_id = OLD.id; END IF;")
            peristiwa = "IUD"
        perintah += [
            f"CREATE OR REPLACE FUNCTION {nama}() RETURNS trigger AS $$ BEGIN {' '.join(blok)} "
            "RETURN NULL; END; $$ LANGUAGE plpgsql",
            f"DROP TRIGGER IF EXISTS {nama} ON {tabel}",
            f"CREATE TRIGGER {nama} AFTER {' OR '.join(_PERISTIWA[p] for p in peristiwa)} ON {tabel} "
            f"FOR EACH ROW EXECUTE FUNCTION {nama}()",
        ]
    return perintah


def nama_semua(vendor: str) -> set[str]:
    """The names of every trigger ``pasang`` creates on this kind of database."""
    if vendor == "postgresql":
        return {nama_pemicu(t) for t in _SUMBER}
    nama = {nama_pemicu(t, _PERISTIWA[p]) for t, (peristiwa, _) in _SUMBER.items() for p in peristiwa}
    return nama | {nama_pemicu("renstra_renstraversi", "DELETE")}


def pasang(connection) -> None:
    """Create the triggers and give every version without a revision one."""
    if connection.vendor == "postgresql":
        perintah = _pg_pasang()
        acak = "floor(random() * 9007199254740991)::bigint"
    elif connection.vendor == "sqlite":
        perintah = _sqlite_pasang()
        acak = "random()"
    else:
        return
    perintah.append(
        f"INSERT INTO {TABEL} (versi_id, nilai) SELECT id, {acak} FROM renstra_renstraversi "
        f"WHERE id NOT IN (SELECT versi_id FROM {TABEL})"
    )
    with connection.cursor() as c:
        for sql in perintah:
            c.execute(sql)


def lepas(connection) -> None:
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            for t in _SUMBER:
                c.execute(f"DROP TRIGGER IF EXISTS {nama_pemicu(t)} ON {t}")
                c.execute(f"DROP FUNCTION IF EXISTS {nama_pemicu(t)}()")
        elif connection.vendor == "sqlite":
            for nama in nama_semua("sqlite"):
                c.execute(f"DROP TRIGGER IF EXISTS {nama}")


def _sql_hitung(vendor: str) -> str | None:
    if vendor == "postgresql":
        return "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'renstra_revisi_%%'"
    if vendor == "sqlite":
        return "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'renstra_revisi_%%'"
    return None


def ada(cursor, vendor: str) -> bool:
    """Whether every trigger is in place on the database of this cursor."""
    sql = _sql_hitung(vendor)
    if sql is None:
        return False
    cursor.execute(sql)
    return cursor.fetchone()[0] == len(nama_semua(vendor))


def sql_kunci(vendor: str) -> str | None:
    """One query, with the version id as its parameter: (its revision or NULL, whether every trigger is
    in place); None on a database without triggers."""
    hitung = _sql_hitung(vendor)
    if hitung is None:
        return None
    return f"SELECT (SELECT nilai FROM {TABEL} WHERE versi_id = %s), ({hitung}) = {len(nama_semua(vendor))}"
