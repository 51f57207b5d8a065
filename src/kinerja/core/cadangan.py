"""Backups and restore: one folder holding the database, the uploads and a manifest.

A backup is consistent while the site keeps writing: SQLite is copied with the online backup API
(one step, under a read lock), PostgreSQL is dumped by ``pg_dump -Fc`` inside a snapshot that the
row counts in the manifest are read from too.  The manifest (``manifest.json``) lists every file
with its sha256, the database vendor, the applied migrations, the row count of every table and a
fingerprint of the audit trail; ``manifest.sha256`` guards the manifest itself.

A restore checks every checksum before it touches anything, refuses a database that already
holds data unless forced, and afterwards compares the restored row counts and audit trail with
the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
SEGEL = "manifest.sha256"
BERKAS_SQLITE = "basis-data.sqlite3"
BERKAS_PG = "basis-data.dump"
UNGGAHAN = "unggahan"
TABEL_AUDIT = "core_catatanaudit"
# Tables a fresh `migrate` fills by itself, or that only hold short-lived state: a database
# whose only rows are here counts as empty.
TABEL_BAWAAN = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "django_session",
    "kinerja_cache",
}
# Django options that are not libpq connection parameters.
_OPSI_DJANGO = {"isolation_level", "server_side_binding", "pool", "assume_role", "cursor_factory", "context"}


class GagalCadangan(Exception):
    """A backup or restore that cannot go on; the message is for the user (Indonesian)."""


@dataclass
class Hasil:
    folder: Path
    manifest: dict


# --- database access without Django's type conversions -------------------------------------


def _vendor(alias: str = "default") -> str:
    return connections[alias].vendor


def _path_sqlite(alias: str = "default") -> Path:
    return Path(connections[alias].settings_dict["NAME"])


def _parameter_pg(alias: str = "default") -> dict:
    d = connections[alias].settings_dict
    p = {
        "dbname": d["NAME"],
        "user": d.get("USER") or None,
        "password": d.get("PASSWORD") or None,
        "host": d.get("HOST") or None,
        "port": d.get("PORT") or None,
    }
    p.update({k: v for k, v in (d.get("OPTIONS") or {}).items() if k not in _OPSI_DJANGO})
    return {k: v for k, v in p.items() if v not in (None, "")}


def _conninfo(param: dict) -> str:
    from psycopg.conninfo import make_conninfo

    return make_conninfo(**param)


def _tabel(cur, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cur.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    else:
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    return [r[0] for r in cur.fetchall()]


def _kutip(nama: str) -> str:
    return '"' + nama.replace('"', '""') + '"'


def jumlah_baris(cur, vendor: str) -> dict[str, int]:
    hasil = {}
    for t in _tabel(cur, vendor):
        cur.execute(f"SELECT COUNT(*) FROM {_kutip(t)}")
        hasil[t] = cur.fetchone()[0]
    return hasil


def migrasi(cur, vendor: str) -> dict[str, list[str]]:
    if "django_migrations" not in _tabel(cur, vendor):
        return {}
    cur.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    hasil: dict[str, list[str]] = {}
    for app, nama in cur.fetchall():
        hasil.setdefault(app, []).append(nama)
    return hasil


def jejak_audit(cur, vendor: str) -> dict:
    """Count, last id and a sha256 over every audit row in id order (as the driver reads it)."""
    if TABEL_AUDIT not in _tabel(cur, vendor):
        return {"jumlah": 0, "id_terakhir": None, "sha256": hashlib.sha256().hexdigest()}
    cur.execute(f"SELECT * FROM {TABEL_AUDIT} ORDER BY id")
    h = hashlib.sha256()
    n, terakhir = 0, None
    for baris in cur.fetchall():
        h.update(repr(tuple(baris)).encode("utf-8") + b"\n")
        n, terakhir = n + 1, baris[0]
    return {"jumlah": n, "id_terakhir": terakhir, "sha256": h.hexdigest()}


def _ringkas(cur, vendor: str) -> dict:
    return {
        "migrasi": migrasi(cur, vendor),
        "jumlah_baris": jumlah_baris(cur, vendor),
        "jejak_audit": jejak_audit(cur, vendor),
    }


# --- files ------------------------------------------------------------------------------------


def sha256_berkas(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while blok := f.read(1 << 20):
            h.update(blok)
    return h.hexdigest()


def _salin_unggahan(dari: Path, ke: Path) -> None:
    if dari.is_dir():
        shutil.copytree(dari, ke, dirs_exist_ok=True, symlinks=False)


def _semua_berkas(folder: Path) -> list[str]:
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.name not in (MANIFEST, SEGEL)
    )


# --- backup -----------------------------------------------------------------------------------


def buat_cadangan(ke: Path | None = None, alias: str = "default") -> Hasil:
    """Write a new backup folder under ``ke`` (default ``var/cadangan``) and return it."""
    induk = Path(ke) if ke else Path(settings.VAR_DIR) / "cadangan"
    induk.mkdir(parents=True, exist_ok=True)
    waktu = timezone.localtime()
    nama = f"kinerja-{waktu:%Y%m%d-%H%M%S}"
    folder = induk / nama
    n = 1
    while folder.exists() or (induk / f".{folder.name}.sebagian").exists():
        n += 1
        folder = induk / f"{nama}-{n}"
    # Written under a hidden name and renamed at the end: a half-made backup never looks whole.
    sementara = induk / f".{folder.name}.sebagian"
    sementara.mkdir()
    try:
        vendor = _vendor(alias)
        if vendor == "sqlite":
            berkas_db = BERKAS_SQLITE
            ringkas = _cadangkan_sqlite(alias, sementara / berkas_db)
        elif vendor == "postgresql":
            berkas_db = BERKAS_PG
            ringkas = _cadangkan_pg(alias, sementara / berkas_db)
        else:
            raise GagalCadangan(f"Basis data {vendor} tidak didukung (hanya SQLite dan PostgreSQL).")
        _salin_unggahan(Path(settings.MEDIA_ROOT), sementara / UNGGAHAN)
        manifest = {
            "format": FORMAT,
            "aplikasi": "kinerja",
            "dibuat": waktu.isoformat(),
            "vendor": vendor,
            "basis_data": berkas_db,
            **ringkas,
            "berkas": {p: sha256_berkas(sementara / p) for p in _semua_berkas(sementara)},
        }
        teks = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)
        (sementara / MANIFEST).write_text(teks, encoding="utf-8")
        (sementara / SEGEL).write_text(f"{hashlib.sha256(teks.encode('utf-8')).hexdigest()}  {MANIFEST}\n")
        os.replace(sementara, folder)
    except BaseException:
        shutil.rmtree(sementara, ignore_errors=True)
        raise
    return Hasil(folder, manifest)


def _cadangkan_sqlite(alias: str, tujuan: Path) -> dict:
    sumber = sqlite3.connect(_path_sqlite(alias), timeout=60)
    salinan = sqlite3.connect(tujuan)
    try:
        sumber.backup(salinan)  # all pages in one step: a snapshot, even while others write
    finally:
        sumber.close()
    try:
        # Everything in the manifest is read from the copy, so it describes exactly that copy.
        salinan.execute("PRAGMA journal_mode=DELETE")
        return _ringkas(salinan.cursor(), "sqlite")
    finally:
        salinan.close()


def _cadangkan_pg(alias: str, tujuan: Path) -> dict:
    import psycopg

    if not shutil.which("pg_dump"):
        raise GagalCadangan(
            "Program pg_dump tidak ditemukan: pasang klien PostgreSQL (paket postgresql-client)."
        )
    param = _parameter_pg(alias)
    with psycopg.connect(**param) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.cursor() as cur:
            cur.execute("SELECT pg_export_snapshot()")
            snapshot = cur.fetchone()[0]
            # pg_dump reads the same snapshot as the counts below.
            r = subprocess.run(
                [
                    "pg_dump",
                    "-Fc",
                    "--no-owner",
                    "--snapshot",
                    snapshot,
                    "-f",
                    str(tujuan),
                    "--dbname",
                    _conninfo(param),
                ],
                capture_output=True,
                text=True,
            )
            if r.returncode != 0:
                raise GagalCadangan(f"pg_dump gagal: {r.stderr.strip()}")
            return _ringkas(cur, "postgresql")


# --- restore ----------------------------------------------------------------------------------


def baca_manifest(folder: Path) -> dict:
    """The manifest, after every checksum was verified; GagalCadangan otherwise."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GagalCadangan(f"Folder cadangan {folder} tidak ditemukan.")
    if not (folder / MANIFEST).is_file():
        raise GagalCadangan(f"{folder} bukan folder cadangan Kinerja: {MANIFEST} tidak ada.")
    isi = (folder / MANIFEST).read_bytes()
    if (folder / SEGEL).is_file():
        segel = (folder / SEGEL).read_text().split()[:1]
        if segel != [hashlib.sha256(isi).hexdigest()]:
            raise GagalCadangan(
                f"Cadangan rusak: {MANIFEST} tidak cocok dengan {SEGEL}. Pemulihan dibatalkan."
            )
    try:
        manifest = json.loads(isi)
    except ValueError as e:
        raise GagalCadangan(f"Cadangan rusak: {MANIFEST} tidak dapat dibaca ({e}).") from e
    if manifest.get("aplikasi") != "kinerja" or manifest.get("format") != FORMAT:
        raise GagalCadangan(f"{MANIFEST} bukan manifest cadangan Kinerja format {FORMAT}.")
    berkas = manifest.get("berkas") or {}
    rusak = [p for p, h in berkas.items() if not (folder / p).is_file() or sha256_berkas(folder / p) != h]
    asing = [p for p in _semua_berkas(folder) if p not in berkas]
    if rusak or asing:
        rincian = [f"  berubah atau hilang: {p}" for p in rusak] + [f"  tidak tercatat: {p}" for p in asing]
        raise GagalCadangan(
            "Cadangan rusak: checksum tidak cocok. Pemulihan dibatalkan, basis data tidak disentuh.\n"
            + "\n".join(rincian)
        )
    if manifest.get("basis_data") not in berkas:
        raise GagalCadangan("Cadangan tidak berisi berkas basis data.")
    return manifest


def isi_basis_data(alias: str = "default") -> dict[str, int]:
    """Tables of the target database holding rows beyond what a fresh migrate creates."""
    conn = connections[alias]
    with conn.cursor() as cur:
        tabel = conn.introspection.table_names(cur)
        hasil = {}
        for t in tabel:
            if t in TABEL_BAWAAN:
                continue
            cur.execute(f"SELECT COUNT(*) FROM {conn.ops.quote_name(t)}")
            if n := cur.fetchone()[0]:
                hasil[t] = n
    return hasil


def pulihkan(folder: Path, *, paksa: bool = False, alias: str = "default") -> dict:
    """Restore the backup in ``folder``; returns the manifest.  GagalCadangan when refused."""
    folder = Path(folder)
    manifest = baca_manifest(folder)
    vendor = _vendor(alias)
    if manifest["vendor"] != vendor:
        raise GagalCadangan(
            f"Cadangan ini dari basis data {manifest['vendor']}, sedangkan basis data tujuan {vendor}. "
            "Pulihkan ke basis data sejenis (atur DATABASE_URL)."
        )
    terisi = isi_basis_data(alias)
    if terisi and not paksa:
        contoh = ", ".join(f"{t} ({n} baris)" for t, n in sorted(terisi.items())[:5])
        raise GagalCadangan(
            f"Basis data tujuan tidak kosong: {contoh}. Pemulihan akan menimpa seluruh isinya; "
            "ulangi dengan --paksa bila memang itu yang dikehendaki."
        )
    connections.close_all()
    berkas_db = folder / manifest["basis_data"]
    if vendor == "sqlite":
        ringkas = _pulihkan_sqlite(berkas_db, alias)
    else:
        ringkas = _pulihkan_pg(berkas_db, alias)
    _salin_unggahan(folder / UNGGAHAN, Path(settings.MEDIA_ROOT))
    beda = _bandingkan(manifest, ringkas)
    if beda:
        raise GagalCadangan("Pemulihan selesai tetapi hasilnya berbeda dari manifest:\n" + "\n".join(beda))
    return manifest


def _pulihkan_sqlite(berkas: Path, alias: str) -> dict:
    tujuan = _path_sqlite(alias)
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    sumber = sqlite3.connect(Path(berkas).resolve().as_uri() + "?mode=ro", uri=True)
    target = sqlite3.connect(tujuan, timeout=60)
    try:
        sumber.backup(target)
        target.execute("PRAGMA journal_mode=WAL")
        return _ringkas(target.cursor(), "sqlite")
    finally:
        sumber.close()
        target.close()


def _pulihkan_pg(berkas: Path, alias: str) -> dict:
    import psycopg

    if not shutil.which("pg_restore"):
        raise GagalCadangan(
            "Program pg_restore tidak ditemukan: pasang klien PostgreSQL (paket postgresql-client)."
        )
    param = _parameter_pg(alias)
    r = subprocess.run(
        [
            "pg_restore",
            "--no-owner",
            "--no-acl",
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            _conninfo(param),
            str(berkas),
        ],
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        raise GagalCadangan(f"pg_restore gagal (basis data tidak berubah): {r.stderr.strip()}")
    with psycopg.connect(**param) as conn, conn.cursor() as cur:
        return _ringkas(cur, "postgresql")


def _bandingkan(manifest: dict, ringkas: dict) -> list[str]:
    beda = []
    harapan, nyata = manifest["jumlah_baris"], ringkas["jumlah_baris"]
    for t in sorted(set(harapan) | set(nyata)):
        if harapan.get(t) != nyata.get(t):
            beda.append(f"  tabel {t}: manifest {harapan.get(t)}, hasil {nyata.get(t)}")
    if manifest["jejak_audit"] != ringkas["jejak_audit"]:
        beda.append("  jejak audit berbeda dari manifest")
    if manifest["migrasi"] != ringkas["migrasi"]:
        beda.append("  keadaan migrasi berbeda dari manifest")
    return beda
