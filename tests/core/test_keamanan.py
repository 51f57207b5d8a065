"""Deployment settings: HTTPS switch, security headers on every page, durable SQLite."""

from __future__ import annotations

import os
import secrets
import string
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection


def _check_deploy(tmp_path, **env_tambahan):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("KINERJA_", "DJANGO_")) and k not in ("DATABASE_URL", "DATABASE_REPLICA_URL")
    }
    env.update(
        KINERJA_VAR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path}/cek.sqlite3",
        KINERJA_ALLOWED_HOSTS="kinerja.example.go.id",
        **env_tambahan,
    )
    return subprocess.run(
        [sys.executable, "-m", "kinerja.cli", "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _kunci_acak() -> str:
    huruf = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(huruf) for _ in range(50))


def test_https_switch_passes_djangos_deployment_check(tmp_path):
    r = _check_deploy(tmp_path, KINERJA_HTTPS="1", KINERJA_SECRET_KEY=_kunci_acak())
    assert r.returncode == 0, r.stdout + r.stderr


def test_without_https_switch_the_deployment_check_complains(tmp_path):
    r = _check_deploy(tmp_path, KINERJA_SECRET_KEY=_kunci_acak())
    assert r.returncode != 0
    for kode in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert kode in r.stdout + r.stderr


@pytest.mark.django_db
def test_sqlite_runs_wal_with_full_sync():
    if connection.vendor != "sqlite":
        pytest.skip("PRAGMA hanya untuk SQLite")
    with connection.cursor() as c:
        c.execute("PRAGMA journal_mode")
        mode = c.fetchone()[0]
        c.execute("PRAGMA synchronous")
        sinkron = c.fetchone()[0]
    # The test database may be in memory (journal "memory"); a file database is in WAL.
    if settings.DATABASES["default"]["TEST"].get("NAME") or not connection.is_in_memory_db():
        assert mode == "wal"
    assert sinkron == 2  # 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
