"""The embedded default's shared cache file: Django's cache contract, shared by every instance."""

from __future__ import annotations

import threading
import time

import pytest

from kinerja.core.cache_sqlite import CacheSQLite


@pytest.fixture
def berkas(tmp_path):
    return str(tmp_path / "sub" / "uji.cache.sqlite3")


def _cache(berkas, **lain):
    return CacheSQLite(berkas, {"KEY_PREFIX": "uji", **lain})


def test_set_get_add_delete(berkas):
    c = _cache(berkas)
    assert c.get("a") is None and c.get("a", 7) == 7
    c.set("a", {"gagal": 2, "waktu": 1.5})
    assert c.get("a") == {"gagal": 2, "waktu": 1.5}
    assert c.add("a", "lain") is False and c.get("a") == {"gagal": 2, "waktu": 1.5}
    assert c.add("b", 1) is True and c.get("b") == 1
    assert c.has_key("b") and c.delete("b") and not c.has_key("b")
    assert c.delete("b") is False


def test_incr_counts_and_refuses_a_missing_key(berkas):
    c = _cache(berkas)
    with pytest.raises(ValueError):
        c.incr("n")
    c.add("n", 1)
    assert [c.incr("n") for _ in range(3)] == [2, 3, 4]
    assert c.incr("n", 10) == 14


def test_expired_entries_are_gone_and_can_be_added_again(berkas, monkeypatch):
    c = _cache(berkas)
    sekarang = [1_000_000.0]
    monkeypatch.setattr(time, "time", lambda: sekarang[0])
    c.add("k", 5, timeout=60)
    c.set("selamanya", "x", timeout=None)
    sekarang[0] += 59
    assert c.get("k") == 5 and c.incr("k") == 6
    sekarang[0] += 2
    assert c.get("k") is None and not c.has_key("k")
    with pytest.raises(ValueError):
        c.incr("k")
    assert c.add("k", 1, timeout=60) is True and c.get("k") == 1
    assert c.touch("k", timeout=600)
    sekarang[0] += 300
    assert c.get("k") == 1 and c.get("selamanya") == "x"


def test_expired_entries_are_swept_from_the_file(berkas, monkeypatch):
    import kinerja.core.cache_sqlite as modul

    monkeypatch.setattr(modul, "SAPU_SETIAP", 10)
    c = _cache(berkas)
    for i in range(5):
        c.set(f"lama{i}", i, timeout=0)  # expires at once
    for i in range(5):
        c.set(f"baru{i}", i, timeout=60)
    jumlah = c._db().execute("SELECT COUNT(*) FROM cache").fetchone()[0]
    assert jumlah == 5


def test_two_instances_on_one_file_share_their_counts(berkas):
    # Two server processes each build their own cache object over the same file.
    a, b = _cache(berkas), _cache(berkas)
    a.add("batas", 1, timeout=60)
    assert b.incr("batas") == 2 and a.incr("batas") == 3 and b.get("batas") == 3


def test_increments_from_many_threads_are_all_counted(berkas):
    c = _cache(berkas)
    c.add("n", 0, timeout=600)

    def kerja():
        for _ in range(50):
            c.incr("n")

    utas = [threading.Thread(target=kerja) for _ in range(8)]
    for u in utas:
        u.start()
    for u in utas:
        u.join()
    assert c.get("n") == 8 * 50
