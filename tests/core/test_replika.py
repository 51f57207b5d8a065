"""Reading from a hot standby: the router's rules, and (with a real standby) pages served from it.

The rules are tested everywhere. The pages are tested only when ``DATABASE_REPLICA_URL`` names a
real PostgreSQL hot standby of ``DATABASE_URL`` (``.ci/run`` starts one).
"""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.core import replika
from kinerja.core.models import CatatanAudit
from kinerja.renstra.models import RenstraVersi

ADA_REPLIKA = "replika" in settings.DATABASES


class _Model:
    class _meta:  # noqa: N801 - the shape of a model's _meta for the router
        app_label = "renstra"


class _Cache:
    class _meta:  # noqa: N801
        app_label = "django_cache"


@pytest.mark.django_db
def test_reads_go_to_the_standby_only_when_asked_and_outside_a_transaction():
    ruter = replika.RuterReplika()
    assert ruter.db_for_read(_Model) == "default"  # nobody asked
    token = replika._baca_replika.set(True)
    try:
        assert ruter.db_for_write(_Model) == "default"
        assert ruter.db_for_read(_Cache) == "default"  # rate-limit counters are never read stale
        # pytest-django wraps this test in a transaction: a read inside it stays on the primary
        assert connections["default"].in_atomic_block
        assert ruter.db_for_read(_Model) == "default"
    finally:
        replika._baca_replika.reset(token)
    assert ruter.allow_migrate("default", "renstra") and not ruter.allow_migrate("replika", "renstra")


def test_a_user_who_wrote_a_moment_ago_reads_from_the_primary(rf):
    minta = rf.get("/")
    assert not replika._baru_menulis(minta)
    minta.COOKIES[replika.COOKIE] = str(int((time.time() - 2) * 1000))
    assert replika._baru_menulis(minta)  # 2 s ago, within the 10 s hold
    minta.COOKIES[replika.COOKIE] = str(int((time.time() - replika.tahan_detik() - 1) * 1000))
    assert not replika._baru_menulis(minta)
    minta.COOKIES[replika.COOKIE] = "bukan angka"
    assert not replika._baru_menulis(minta)


# --- with a real hot standby ------------------------------------------------------------------

butuh_replika = pytest.mark.skipif(not ADA_REPLIKA, reason="DATABASE_REPLICA_URL tidak diatur")


def _tunggu_di_replika(syarat, batas: float = 20.0) -> None:
    """Wait until the standby has replayed what the primary committed."""
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        with replika.baca_dari_replika():
            if syarat():
                return
        time.sleep(0.1)
    raise AssertionError("replika tidak menyusul dalam batas waktu")


@butuh_replika
@pytest.mark.django_db(transaction=True, databases=["default", "replika"])
def test_the_standby_is_read_only_and_follows_the_primary():
    with connections["replika"].cursor() as c:
        c.execute("SELECT pg_is_in_recovery()")
        assert c.fetchone()[0] is True
    catatan = CatatanAudit.objects.create(aksi="uji.replika", objek_tipe="uji", objek_repr="replika")
    _tunggu_di_replika(lambda: CatatanAudit.objects.filter(pk=catatan.pk).exists())


@butuh_replika
@pytest.mark.django_db(transaction=True, databases=["default", "replika"])
def test_a_report_is_read_from_the_standby_and_a_writer_reads_its_own_write(client):
    from django.contrib.auth import get_user_model

    if not RenstraVersi.objects.exists():  # an earlier transactional test emptied the database
        from kinerja.demo.sampel import muat_sampel

        muat_sampel()
    versi = RenstraVersi.objects.get(sumber_set__jenis="teks")
    user = get_user_model().objects.get(username="perencana")
    client.force_login(user)
    sesi = client.session.session_key
    from django.contrib.sessions.models import Session

    _tunggu_di_replika(
        lambda: (
            Session.objects.filter(session_key=sesi).exists()
            and RenstraVersi.objects.filter(pk=versi.pk).exists()
        )
    )
    alamat = reverse("monev:laporan", args=[versi.pk, 2022, "E.81"])
    with (
        CaptureQueriesContext(connections["replika"]) as di_replika,
        CaptureQueriesContext(connections["default"]) as di_utama,
    ):
        assert client.get(alamat).status_code == 200
    assert len(di_replika) > 10  # the plan, its realisations, the reports' statuses …
    assert not [q for q in di_utama if q["sql"].lstrip().upper().startswith("SELECT")]

    # A write (a checker mark) sets the hold: the next page is read from the primary at once.
    r = client.post(
        reverse("renstra:tandai_temuan", args=[versi.pk]),
        {"sidik": "tidak-ada", "status": "ditangani", "catatan": ""},
    )
    assert r.status_code in (302, 400) and replika.COOKIE in r.cookies
    with CaptureQueriesContext(connections["replika"]) as di_replika:
        assert client.get(alamat).status_code == 200
    assert len(di_replika) == 0


@butuh_replika
@pytest.mark.django_db(transaction=True, databases=["default", "replika"])
def test_a_standby_that_cannot_be_reached_falls_back_to_the_primary(client, monkeypatch):
    from django.db import OperationalError

    def putus():
        raise OperationalError("koneksi ditolak")

    monkeypatch.setattr(connections["replika"], "ensure_connection", putus)
    assert client.get(reverse("login")).status_code == 200
