"""A kiosk's limit holds across two server processes that share the cache (Redis, or the database
cache of the embedded default): the second process does not grant the kiosk a fresh allowance."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import pytest

BATAS = 4  # the kiosk's own per-minute limit, set low for the test


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _redis_url() -> str | None:
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14"
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception:
        return None
    return url


def _jalankan(env: dict, port: int) -> subprocess.Popen:
    proses = subprocess.Popen(
        [sys.executable, "-m", "kinerja.cli", "serve", "--alamat", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(600):
        if proses.poll() is not None:
            pytest.fail(f"kinerja serve berhenti dengan kode {proses.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proses
        except OSError:
            time.sleep(0.5)
    proses.terminate()
    pytest.fail("kinerja serve tidak menjawab")


def _kirim(port: int, token: str) -> int:
    data = {
        "id": str(uuid.uuid4()),
        "jawaban": {f"U{i}": 3 for i in range(1, 10)},
        "waktu": (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat(),
    }
    permintaan = urllib.request.Request(
        f"http://127.0.0.1:{port}/skm/kios/{token}/kirim/",
        data=json.dumps(data).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(permintaan, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


@pytest.mark.parametrize("penyimpanan", ["redis", "basis-data"])
def test_kiosk_limit_holds_across_two_server_processes(tmp_path, penyimpanan):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KINERJA_", "DJANGO_"))}
    for k in ("DATABASE_REPLICA_URL", "REDIS_URL"):
        env.pop(k, None)
    basis = tmp_path / "dua.sqlite3"
    env.update(
        KINERJA_VAR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{basis}",
        KINERJA_DEMO="1",
        KINERJA_CACHE_PREFIX=f"uji-{uuid.uuid4().hex[:12]}",
    )
    if penyimpanan == "redis":
        url = _redis_url()
        if url is None:
            pytest.skip("Redis tidak tersedia")
        env["REDIS_URL"] = url
    port_a, port_b = _port_bebas(), _port_bebas()
    a = _jalankan(env, port_a)  # the first start creates the database and loads the sample
    b = None
    try:
        with sqlite3.connect(basis) as db:
            db.execute("UPDATE skm_kios SET batas_per_menit = ?", [BATAS])
            token = db.execute("SELECT token FROM skm_kios ORDER BY id LIMIT 1").fetchone()[0]
            sebelum = db.execute("SELECT COUNT(*) FROM skm_respons").fetchone()[0]
        b = _jalankan(env, port_b)
        # The limit counts per clock minute: start the burst early in a minute so that it stays in one.
        while dt.datetime.now().second > 40:
            time.sleep(1)
        kode = [_kirim(port_a if i % 2 == 0 else port_b, token) for i in range(3 * BATAS)]
    finally:
        for p in (a, b):
            if p is not None:
                p.terminate()
                p.wait(timeout=30)
    # Alternating between the two processes, the kiosk still gets BATAS answers in its minute,
    # not BATAS per process.
    assert kode.count(201) == BATAS, kode
    assert kode.count(429) == 2 * BATAS, kode
    with sqlite3.connect(basis) as db:
        assert db.execute("SELECT COUNT(*) FROM skm_respons").fetchone()[0] == sebelum + BATAS
