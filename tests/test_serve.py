"""`kinerja serve` as a real process: clients that never finish their headers do not stall it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, alamat: str = "/masuk/", header: str = "") -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(f"GET {alamat} HTTP/1.1\r\nHost: 127.0.0.1\r\n{header}Connection: close\r\n\r\n".encode())
        jawaban = b""
        while chunk := s.recv(65536):
            jawaban += chunk
        return jawaban


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    port = _port_bebas()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KINERJA_", "DJANGO_"))}
    env.pop("DATABASE_REPLICA_URL", None)
    env.update(
        KINERJA_VAR=str(folder),
        DATABASE_URL=f"sqlite:///{folder}/serve.sqlite3",
        # Two threads only: four stalled clients would hold every thread of a server that
        # gives each connection a thread as soon as it is accepted.
        KINERJA_UTAS="2",
        # Behind the reverse proxy of the README: HTTPS only.
        KINERJA_HTTPS="1",
    )
    proses = subprocess.Popen(
        [sys.executable, "-m", "kinerja.cli", "serve", "--alamat", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # The first start builds and fills the database; wait until the port answers.
        for _ in range(600):
            if proses.poll() is not None:
                pytest.fail(f"kinerja serve berhenti dengan kode {proses.returncode}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        yield port
    finally:
        proses.terminate()
        proses.wait(timeout=30)


HTTPS = "X-Forwarded-Proto: https\r\n"


def test_clients_that_stall_in_their_headers_do_not_block_a_normal_request(server):
    lambat = []
    try:
        for _ in range(4):
            s = socket.create_connection(("127.0.0.1", server), timeout=10)
            s.sendall(b"GET /masuk/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lambat: ")
            lambat.append(s)
        jawaban = _get(server, header=HTTPS)
    finally:
        for s in lambat:
            s.close()
    assert jawaban.startswith(b"HTTP/1.1 200")
    assert b"Content-Security-Policy: default-src 'self'" in jawaban


def test_behind_the_local_proxy_https_requests_are_served_and_plain_http_is_redirected(server):
    # Waitress believes X-Forwarded-Proto from 127.0.0.1 (the proxy on this machine) and Django,
    # with KINERJA_HTTPS=1, redirects what came in over plain HTTP.
    aman = _get(server, header=HTTPS)
    assert aman.startswith(b"HTTP/1.1 200")
    assert b"Strict-Transport-Security: max-age=31536000; includeSubDomains; preload" in aman
    polos = _get(server)
    assert polos.startswith(b"HTTP/1.1 301")
    assert b"Location: https://127.0.0.1/masuk/" in polos
