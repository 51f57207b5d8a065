"""Demonstration apart from production: the sample and its published passwords only in
demonstration mode, never on a fresh production database; the allowed hosts."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from kinerja.core.akun import AKUN_DEMO
from kinerja.core.demo import akun_demo_terbuka
from kinerja.demo.siap import ada_data_nyata

pytestmark = pytest.mark.django_db


def test_the_login_page_shows_the_demo_passwords_with_a_banner_in_demonstration_mode(client):
    teks = client.get(reverse("login")).content.decode()
    assert "Mode demonstrasi" in teks
    assert "operator-gedog" in teks and "isi-realisasi-2022" in teks and "sananwetan-admin" in teks


def test_without_demonstration_mode_no_password_is_shown(client, settings):
    settings.KINERJA_DEMO = False
    teks = client.get(reverse("login")).content.decode()
    assert "Mode demonstrasi" not in teks
    for a in AKUN_DEMO:
        assert a.password not in teks


def test_a_changed_password_is_no_longer_shown(client):
    user = get_user_model().objects.get(username="admin")
    user.set_password("rahasia-baru-kantor-2026")
    user.save()
    teks = client.get(reverse("login")).content.decode()
    assert "sananwetan-admin" not in teks
    assert "operator-gedog" in teks  # the others still have their demo password
    assert "admin" not in {a.username for a in akun_demo_terbuka()}


def test_the_sample_database_holds_only_demonstration_data():
    assert not ada_data_nyata()


def test_the_sample_command_refuses_a_database_with_real_data(monkeypatch):
    from kinerja.wilayah.models import Pemda

    Pemda.objects.create(
        kode="35.01", nama="Kabupaten Uji", jenis="kabupaten", provinsi="Jawa Timur", slug="uji"
    )
    assert ada_data_nyata()
    with pytest.raises(CommandError, match="bukan data demonstrasi"):
        call_command("sampel", "--ya")
    assert Pemda.objects.filter(slug="uji").exists()


def test_a_real_user_counts_as_real_data():
    get_user_model().objects.create_user("kasubag-umum")
    assert ada_data_nyata()


def test_reloading_the_sample_replaces_it_and_the_audit_table_stays_protected():
    from kinerja.demo.sampel import muat_sampel
    from kinerja.wilayah.models import Pemda

    muat_sampel()
    assert Pemda.objects.count() == 1
    assert get_user_model().objects.get(username="admin").check_password("sananwetan-admin")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
        c.execute("DELETE FROM core_catatanaudit")


def test_a_fresh_database_outside_demonstration_mode_starts_empty(tmp_path):
    basis = tmp_path / "produksi.sqlite3"
    env = {**os.environ, "KINERJA_VAR": str(tmp_path), "DATABASE_URL": f"sqlite:///{basis}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("KINERJA_DEMO", None)
    kinerja = Path(sys.executable).with_name("kinerja")
    hasil = subprocess.run(
        [str(kinerja), "versi", "--json"], env=env, capture_output=True, text=True, timeout=300
    )
    assert hasil.returncode == 0, hasil.stderr
    assert "kinerja pengguna NAMA --admin" in hasil.stderr and "memuat data contoh" not in hasil.stderr
    with sqlite3.connect(basis) as db:
        assert db.execute("SELECT count(*) FROM auth_user").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM wilayah_pemda").fetchone()[0] == 0
    # The first administrator, then the sample is refused on this (real) database with a non-zero exit.
    env["KINERJA_SANDI"] = "kunci-pintu-kantor-77"
    hasil = subprocess.run(
        [str(kinerja), "pengguna", "kepala", "--admin"], env=env, capture_output=True, text=True, timeout=300
    )
    assert hasil.returncode == 0, hasil.stderr
    hasil = subprocess.run(
        [str(kinerja), "sampel", "--ya"], env=env, capture_output=True, text=True, timeout=300
    )
    assert hasil.returncode != 0 and "bukan data demonstrasi" in hasil.stderr
    with sqlite3.connect(basis) as db:
        assert db.execute("SELECT username, is_superuser FROM auth_user").fetchall() == [("kepala", 1)]
        assert db.execute("SELECT count(*) FROM wilayah_pemda").fetchone()[0] == 0
        assert (
            db.execute("SELECT count(*) FROM core_catatanaudit WHERE aksi = 'pengguna.hak'").fetchone()[0]
            == 1
        )


def _hosts(env_tambahan: dict[str, str]) -> str:
    env = {k: v for k, v in os.environ.items() if k != "KINERJA_ALLOWED_HOSTS"} | env_tambahan
    kode = "from kinerja import settings; print(','.join(settings.ALLOWED_HOSTS))"
    return subprocess.run(
        [sys.executable, "-c", kode], env=env, capture_output=True, text=True, check=True
    ).stdout


def test_the_default_allowed_hosts_do_not_include_testserver(tmp_path):
    assert _hosts({"KINERJA_VAR": str(tmp_path)}).strip() == "127.0.0.1,localhost"
    hasil = _hosts(
        {"KINERJA_VAR": str(tmp_path), "KINERJA_ALLOWED_HOSTS": "kinerja.blitarkota.go.id, 10.0.0.5"}
    )
    assert hasil.strip() == "kinerja.blitarkota.go.id,10.0.0.5"
