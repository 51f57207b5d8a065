"""Shared fixtures: the Sananwetan sample is loaded once into the test database."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
# Tests run in demonstration mode (the sample and its demo accounts); tests of production mode
# override ``settings.KINERJA_DEMO``.  The variable also reaches the commands tests start.
os.environ["KINERJA_DEMO"] = "1"


def _live_server_satu_permintaan_sekaligus() -> None:
    """On SQLite the live server's request threads share the test thread's one in-memory connection
    (Django's ``connections_override``). Two requests a page fires at once (a page and its htmx part)
    then run statements on that one connection together, which can leave both waiting for ever. The
    live server keeps a thread per browser connection (keep-alive) but runs one request at a time."""
    import threading

    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test import testcases

    class ServerBerurutan(ThreadedWSGIServer):
        _kunci = threading.Lock()

        def set_app(self, app):
            def berurutan(environ, start_response):
                with self._kunci:
                    # the whole body is produced inside the lock: a streamed response reads the database too
                    return list(app(environ, start_response))

            super().set_app(berurutan)

    testcases.LiveServerThread.server_class = ServerBerurutan


def pytest_configure(config):
    """The SQLite cache file of a test run is its own, not the one beside var/'s database: a server
    started with `make run`, or a second test run, must not share (and clear) its counts."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        _live_server_satu_permintaan_sekaligus()

    cache = settings.CACHES["default"]
    if cache["BACKEND"].endswith("CacheSQLite"):
        config._folder_cache = tempfile.mkdtemp(prefix="kinerja-uji-")
        cache["LOCATION"] = str(Path(config._folder_cache) / "cache.sqlite3")


def pytest_unconfigure(config):
    folder = getattr(config, "_folder_cache", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def _mode_demo():
    from django.conf import settings

    settings.KINERJA_DEMO = True


@pytest.fixture(autouse=True)
def _cache_bersih():
    """Each test starts with an empty shared cache. The database cache is rolled back with each
    test's transaction; Redis (REDIS_URL, a database of its own in CI) and the SQLite cache file
    keep counts between tests, so rate-limit counters of one test would otherwise carry into the next."""
    from django.conf import settings

    from kinerja.portal.tembolok import lupakan_lokal

    lupakan_lokal()  # the portal's in-process copy of stored public answers
    if "DatabaseCache" not in settings.CACHES["default"]["BACKEND"]:
        from django.core.cache import cache

        cache.clear()
    yield


@pytest.fixture(autouse=True)
def _audit_untuk_flush(request):
    """SQLite empties tables with DELETE, which the audit table's trigger refuses: a test that
    flushes the database (the browser tests) lifts the trigger for the flush and restores it."""
    m = request.node.get_closest_marker("django_db")
    if not (request.node.get_closest_marker("browser") or (m and m.kwargs.get("transaction"))):
        yield
        return
    from django.db import connection

    from kinerja.core import pemicu

    request.getfixturevalue("transactional_db")
    pemicu.pasang(connection)
    yield
    if connection.vendor == "sqlite":
        pemicu.lepas(connection)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """No persistent connections in tests: the live server's thread must let the test database go."""
    from django.conf import settings
    from django.db import connections

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0
    connections.settings["default"]["CONN_MAX_AGE"] = 0
    connections["default"].settings_dict["CONN_MAX_AGE"] = 0
    if "replika" in settings.DATABASES:
        # A hot standby cannot create a database: the test database is created on the primary and
        # reaches the standby through replication (see django_db_setup).
        settings.DATABASES["replika"]["TEST"] = {"MIRROR": "default"}
        connections.settings["replika"]["TEST"] = {"MIRROR": "default"}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from kinerja.demo.sampel import muat_sampel

    with django_db_blocker.unblock():
        muat_sampel()
    _arahkan_replika()


def _arahkan_replika() -> None:
    """Point the 'replika' connection at the real standby, reading the replicated test database."""
    from django.conf import settings
    from django.db import connections

    if "replika" not in settings.DATABASES:
        return
    asli = settings.DATABASES["replika"]
    c = connections["replika"]
    c.close()
    c.settings_dict = {**connections["default"].settings_dict, "HOST": asli["HOST"], "PORT": asli["PORT"]}


def pytest_collection_modifyitems(config, items):
    """Browser tests flush the database when they finish: run them last."""
    items.sort(key=lambda item: 1 if item.get_closest_marker("browser") else 0)


@pytest.fixture
def versi_sampel(db):
    from kinerja.renstra.models import RenstraVersi

    return RenstraVersi.objects.select_related("pd__pemda", "rpjmd").get(
        pd__slug="kecamatan-sananwetan", sumber_set__jenis="teks"
    )


@pytest.fixture
def rencana_sampel(versi_sampel):
    from kinerja.renstra.selectors import muat_rencana

    return muat_rencana(versi_sampel)


@pytest.fixture
def klien(client, db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="perencana")
    client.force_login(user)
    return client


@pytest.fixture
def masuk(client):
    """Log the client in as a demo account (or as a user without any role: 'tamu')."""

    def _masuk(username: str):
        from django.contrib.auth import get_user_model

        User = get_user_model()
        user = User.objects.filter(username=username).first() or User.objects.create_user(username)
        client.force_login(user)
        return client

    return _masuk
