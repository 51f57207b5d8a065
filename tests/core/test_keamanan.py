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


# --- every page under the Content-Security-Policy --------------------------------------------

from html.parser import HTMLParser  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402
from django.urls import get_resolver  # noqa: E402

from tests.core.test_jelajah import _pola, isi_rute, nilai_untuk, sah  # noqa: E402, F401

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class _Pemeriksa(HTMLParser):
    """Collects what a CSP without 'unsafe-inline' would refuse: inline scripts (a JSON data
    block is not run and is allowed), inline event handlers, style elements and attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.masalah: list[str] = []

    def handle_starttag(self, tag, attrs):
        nama = dict(attrs)
        if tag == "script" and not nama.get("src") and nama.get("type") != "application/json":
            self.masalah.append("<script> tanpa src")
        if tag == "style":
            self.masalah.append("<style>")
        for a, _ in attrs:
            if a.startswith("on"):
                self.masalah.append(f"<{tag} {a}=…>")
            if a == "style":
                self.masalah.append(f"<{tag} style=…>")

    handle_startendtag = handle_starttag


def masalah_csp(html: str) -> list[str]:
    p = _Pemeriksa()
    p.feed(html)
    return p.masalah


def test_the_checker_finds_inline_code():
    # The page checker itself, on a page holding each kind of inline code once.
    html = (
        '<html><head><style>p{}</style><script>alert(1)</script><script src="/a.js"></script>'
        '<script type="application/json">{"a": 1}</script></head>'
        '<body><button onclick="x()">A</button><p style="color:red">B</p><img src="x" onerror="y()"></body></html>'
    )
    assert sorted(masalah_csp(html)) == sorted(
        ["<style>", "<script> tanpa src", "<button onclick=…>", "<p style=…>", "<img onerror=…>"]
    )


def _header_keamanan(r, kecuali: tuple[str, ...] = ()) -> list[str]:
    harapan = {
        "Content-Security-Policy": CSP,
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
    }
    return [f"{k}: {r.get(k)!r}" for k, v in harapan.items() if r.get(k) != v and k not in kecuali]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonim", "admin", "operator-gedog"])
def test_every_page_runs_under_the_csp_and_carries_the_security_headers(client, sah, persona):  # noqa: F811
    client.raise_request_exception = False
    if persona != "anonim":
        client.force_login(get_user_model().objects.get(username=persona))
    masalah: list[str] = []
    halaman_html = 0
    for p in _pola(get_resolver().url_patterns):
        if p.sah_berat or "keluar" in p.rute or "logout" in p.rute:
            continue
        alamat = isi_rute(p, nilai_untuk(p, sah))
        r = client.get(alamat)
        masalah += [f"{alamat}: {m}" for m in _header_keamanan(r)]
        if "text/html" in r.get("Content-Type", "") and not getattr(r, "streaming", False):
            halaman_html += 1
            masalah += [f"{alamat}: {m}" for m in masalah_csp(r.content.decode("utf-8", "replace"))]
    # Error pages and static files carry the headers too (a script is never framed: WhiteNoise
    # answers before Django's X-Frame-Options middleware).
    alamat = "/tidak-ada-halaman-ini/"
    masalah += [f"{alamat}: {m}" for m in _header_keamanan(client.get(alamat))]
    alamat = "/static/kinerja/kinerja.js"
    masalah += [f"{alamat}: {m}" for m in _header_keamanan(client.get(alamat), kecuali=("X-Frame-Options",))]
    assert halaman_html > 30
    assert not masalah, "\n".join(masalah)
