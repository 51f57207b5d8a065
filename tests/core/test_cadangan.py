"""`kinerja cadangan` and `kinerja pulihkan` as real commands, on a copy of the sample database.

The backup is made while another connection keeps writing audit rows; it is restored into a fresh
database, and what the test reads there itself (row counts of every table, the audit rows) is
compared with the manifest and with the source.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

AUDIT = "core_catatanaudit"


class Basis:
    """One database the commands are pointed at, read and written here with the plain driver."""

    def __init__(self, vendor: str, url: str, sqlite_path: Path | None = None, pg: dict | None = None):
        self.vendor, self.url, self.sqlite_path, self.pg = vendor, url, sqlite_path, pg

    def sambung(self):
        if self.vendor == "sqlite":
            return sqlite3.connect(self.sqlite_path, timeout=60)
        import psycopg

        return psycopg.connect(**self.pg)

    def baca(self, sql: str, param=()) -> list[tuple]:
        with self.sambung() as c:
            cur = c.cursor()
            cur.execute(sql.replace("?", "%s") if self.vendor != "sqlite" else sql, param)
            return cur.fetchall()

    def tabel(self) -> list[str]:
        if self.vendor == "sqlite":
            sql = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        else:
            sql = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        return sorted(r[0] for r in self.baca(sql))

    def hitung(self) -> dict[str, int]:
        return {t: self.baca(f'SELECT COUNT(*) FROM "{t}"')[0][0] for t in self.tabel()}

    def audit(self) -> list[tuple]:
        return self.baca(f"SELECT id, aksi, objek_tipe, objek_id, alasan FROM {AUDIT} ORDER BY id")


class Pembuat:
    """Creates databases for one test and drops them afterwards (PostgreSQL)."""

    def __init__(self, tmp_path: Path):
        self.tmp = tmp_path
        self.vendor = connection.vendor
        self.dibuat: list[str] = []
        s = connection.settings_dict
        self.pg_dasar = {
            k: v
            for k, v in {
                "user": s.get("USER"),
                "password": s.get("PASSWORD"),
                "host": s.get("HOST"),
                "port": s.get("PORT"),
            }.items()
            if v
        }

    def _url_pg(self, nama: str) -> str:
        p = self.pg_dasar
        kredensial = quote(p.get("user", ""), safe="")
        if p.get("password"):
            kredensial += ":" + quote(p["password"], safe="")
        return f"postgres://{kredensial}@{p.get('host', '')}:{p.get('port', '5432')}/{nama}"

    def kosong(self, nama: str) -> Basis:
        if self.vendor == "sqlite":
            path = self.tmp / f"{nama}.sqlite3"
            return Basis("sqlite", f"sqlite:///{path}", sqlite_path=path)
        import psycopg

        nama = f"kinerja_uji_{nama}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(dbname="postgres", autocommit=True, **self.pg_dasar) as c:
            c.execute(f'CREATE DATABASE "{nama}"')
        self.dibuat.append(nama)
        return Basis("postgresql", self._url_pg(nama), pg={"dbname": nama, **self.pg_dasar})

    def salinan_sampel(self) -> Basis:
        """A database holding the sample: a copy of the test database."""
        b = self.kosong("sumber")
        if self.vendor == "sqlite":
            # (The backup API cannot read the test database from inside the test's transaction.)
            connection.ensure_connection()
            tujuan = sqlite3.connect(b.sqlite_path)
            tujuan.executescript("\n".join(connection.connection.iterdump()))
            tujuan.execute("PRAGMA journal_mode=WAL")
            tujuan.close()
            return b
        env = {**os.environ, "PGPASSWORD": self.pg_dasar.get("password", "")}
        sambung = ["-h", self.pg_dasar.get("host", ""), "-p", str(self.pg_dasar.get("port", 5432))]
        sambung += ["-U", self.pg_dasar.get("user", "")]
        dump = self.tmp / "sampel.dump"
        subprocess.run(
            ["pg_dump", "-Fc", *sambung, "-f", str(dump), connection.settings_dict["NAME"]],
            check=True,
            env=env,
        )
        subprocess.run(
            ["pg_restore", "--no-owner", *sambung, "-d", b.pg["dbname"], str(dump)], check=True, env=env
        )
        return b

    def bersihkan(self) -> None:
        if not self.dibuat:
            return
        import psycopg

        with psycopg.connect(dbname="postgres", autocommit=True, **self.pg_dasar) as c:
            for nama in self.dibuat:
                c.execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')


@pytest.fixture
def pembuat(tmp_path):
    p = Pembuat(tmp_path)
    yield p
    p.bersihkan()


def kinerja(basis: Basis, var: Path, *argumen: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("KINERJA_", "DJANGO_"))
        and k not in ("DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL")
    }
    env.update(DATABASE_URL=basis.url, KINERJA_VAR=str(var))
    return subprocess.run(
        [sys.executable, "-m", "kinerja.cli", *argumen], env=env, capture_output=True, text=True, timeout=600
    )


class Penulis(threading.Thread):
    """Keeps inserting audit rows, one committed transaction each, until stopped."""

    def __init__(self, basis: Basis):
        super().__init__(daemon=True)
        self.basis = basis
        self.berhenti = threading.Event()
        self.ditulis = 0
        self.cukup = threading.Event()
        self.galat: BaseException | None = None

    def run(self):
        try:
            with self.basis.sambung() as c:
                if self.basis.vendor == "sqlite":
                    c.isolation_level = None  # autocommit: every insert is its own transaction
                    sql = (
                        f"INSERT INTO {AUDIT} (waktu, aksi, objek_tipe, objek_id, objek_repr, perubahan, alasan) "
                        "VALUES (?, 'uji', 'cadangan', ?, '', '{}', 'ditulis selama pencadangan')"
                    )
                else:
                    c.autocommit = True
                    sql = (
                        f"INSERT INTO {AUDIT} (waktu, aksi, objek_tipe, objek_id, objek_repr, perubahan, alasan) "
                        "VALUES (%s, 'uji', 'cadangan', %s, '', '{}', 'ditulis selama pencadangan')"
                    )
                while not self.berhenti.is_set():
                    waktu = datetime.now(UTC)
                    c.execute(
                        sql,
                        (waktu.isoformat() if self.basis.vendor == "sqlite" else waktu, str(self.ditulis)),
                    )
                    self.ditulis += 1
                    if self.ditulis >= 20:
                        self.cukup.set()
                    self.berhenti.wait(0.005)
        except BaseException as e:  # reported by the test
            self.galat = e
            self.cukup.set()


def _unggahan(var: Path) -> Path:
    berkas = var / "unggahan" / "bukti" / "2022" / "foto laporan.jpg"
    berkas.parent.mkdir(parents=True)
    berkas.write_bytes(bytes(range(256)) * 40)
    return berkas


def test_a_backup_made_while_writing_restores_exactly_what_its_manifest_says(pembuat, tmp_path):
    sumber = pembuat.salinan_sampel()
    var_sumber = tmp_path / "var-sumber"
    foto = _unggahan(var_sumber)
    audit_awal = len(sumber.audit())

    penulis = Penulis(sumber)
    penulis.start()
    assert penulis.cukup.wait(60) and penulis.galat is None
    sebelum = penulis.ditulis
    r = kinerja(sumber, var_sumber, "cadangan", "--ke", str(tmp_path / "cadangan"))
    sesudah = penulis.ditulis
    penulis.berhenti.set()
    penulis.join(30)
    assert penulis.galat is None, penulis.galat
    assert r.returncode == 0, r.stderr
    (folder,) = (tmp_path / "cadangan").iterdir()
    assert folder.name.startswith("kinerja-") and f"Cadangan dibuat: {folder}" in r.stdout
    manifest = json.loads((folder / "manifest.json").read_text())

    # The snapshot holds every row written before the command started and none written after it.
    n = manifest["jejak_audit"]["jumlah"]
    assert audit_awal + sebelum <= n <= audit_awal + sesudah
    assert manifest["vendor"] == sumber.vendor
    assert datetime.fromisoformat(manifest["dibuat"]).tzinfo is not None
    assert set(manifest["berkas"]) == {manifest["basis_data"], "unggahan/bukti/2022/foto laporan.jpg"}
    assert "0001_initial" in manifest["migrasi"]["core"]

    tujuan = pembuat.kosong("tujuan")
    var_tujuan = tmp_path / "var-tujuan"
    r = kinerja(tujuan, var_tujuan, "pulihkan", str(folder))
    assert r.returncode == 0, r.stderr

    # Read back by the test itself: every table and its rows as the manifest counted them.
    hitung = tujuan.hitung()
    assert hitung == manifest["jumlah_baris"]
    # Tables the writer did not touch hold what the source holds; the audit trail is the source's
    # trail up to the snapshot, row for row.
    asli = sumber.hitung()
    assert {t: v for t, v in hitung.items() if t != AUDIT} == {t: v for t, v in asli.items() if t != AUDIT}
    assert tujuan.audit() == sumber.audit()[:n]
    assert hitung["auth_user"] > 0 and hitung["renstra_target"] > 1000
    assert (var_tujuan / "unggahan" / "bukti" / "2022" / "foto laporan.jpg").read_bytes() == foto.read_bytes()


def test_a_tampered_backup_is_refused_and_a_database_with_data_is_not_overwritten(pembuat, tmp_path):
    sumber = pembuat.salinan_sampel()
    var_sumber = tmp_path / "var-sumber"
    _unggahan(var_sumber)
    r = kinerja(sumber, var_sumber, "cadangan", "--ke", str(tmp_path / "cadangan"))
    assert r.returncode == 0, r.stderr
    (folder,) = (tmp_path / "cadangan").iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())

    # Into the source itself (it holds data): refused, nothing changed.
    audit = sumber.audit()
    r = kinerja(sumber, var_sumber, "pulihkan", str(folder))
    assert r.returncode != 0 and "tidak kosong" in r.stderr and "--paksa" in r.stderr
    assert sumber.audit() == audit

    # One changed byte in an upload: refused before the database is touched.
    rusak = tmp_path / "rusak"
    shutil.copytree(folder, rusak)
    foto = rusak / "unggahan" / "bukti" / "2022" / "foto laporan.jpg"
    isi = bytearray(foto.read_bytes())
    isi[100] ^= 1
    foto.write_bytes(bytes(isi))
    tujuan = pembuat.kosong("tujuan")
    r = kinerja(tujuan, tmp_path / "var-tujuan", "pulihkan", str(rusak))
    assert r.returncode != 0 and "checksum tidak cocok" in r.stderr and "foto laporan.jpg" in r.stderr
    assert tujuan.tabel() == []
    assert not (tmp_path / "var-tujuan" / "unggahan").exists()

    # The database file changed: refused as well.
    rusak_db = tmp_path / "rusak-db"
    shutil.copytree(folder, rusak_db)
    with open(rusak_db / manifest["basis_data"], "r+b") as f:
        f.seek(5000)
        b = f.read(1)
        f.seek(5000)
        f.write(bytes([b[0] ^ 0xFF]))
    r = kinerja(tujuan, tmp_path / "var-tujuan", "pulihkan", str(rusak_db))
    assert r.returncode != 0 and "checksum tidak cocok" in r.stderr
    assert tujuan.tabel() == []

    # The intact backup, forced over the source: restored and verified.
    r = kinerja(sumber, var_sumber, "pulihkan", str(folder), "--paksa")
    assert r.returncode == 0, r.stderr
    assert sumber.hitung() == manifest["jumlah_baris"]


def test_restoring_from_a_folder_that_is_not_a_backup_says_so(tmp_path):
    b = Basis("sqlite", f"sqlite:///{tmp_path}/x.sqlite3", sqlite_path=tmp_path / "x.sqlite3")
    r = kinerja(b, tmp_path, "pulihkan", str(tmp_path / "tidak-ada"))
    assert r.returncode != 0 and "tidak ditemukan" in r.stderr and "Traceback" not in r.stderr
    (tmp_path / "kosong").mkdir()
    r = kinerja(b, tmp_path, "pulihkan", str(tmp_path / "kosong"))
    assert r.returncode != 0 and "bukan folder cadangan" in r.stderr
