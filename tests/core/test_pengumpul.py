"""The cyclic collector is held off while a report is built, and always comes back."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest

from kinerja.core import pengumpul
from kinerja.core.pengumpul import tanpa_pengumpul


class Simpul:
    pass


def _siklus() -> weakref.ref:
    """An object in a reference cycle, unreachable once this returns: only the cyclic collector frees it."""
    a, b = Simpul(), Simpul()
    a.b, b.a = b, a
    return weakref.ref(a)


@pytest.fixture(autouse=True)
def _bersih():
    assert gc.isenabled() and pengumpul.aktif() == 0
    yield
    assert pengumpul.aktif() == 0
    gc.enable()


def test_mati_di_dalam_hidup_sesudahnya():
    with tanpa_pengumpul():
        assert not gc.isenabled()
        ref = _siklus()
        assert ref() is not None
    assert gc.isenabled()
    gc.collect()
    assert ref() is None


def test_bersarang_dan_galat():
    @tanpa_pengumpul()
    def gagal():
        assert not gc.isenabled()
        raise ValueError("x")

    with tanpa_pengumpul():
        with pytest.raises(ValueError):
            gagal()
        assert not gc.isenabled(), "the outer span is still open"
    assert gc.isenabled()


def test_yang_sudah_mati_tetap_mati():
    gc.disable()
    try:
        with tanpa_pengumpul():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_rentang_beberapa_utas_dihitung_bersama():
    mulai, selesai = threading.Event(), threading.Event()
    tercatat = []

    def kerja():
        with tanpa_pengumpul():
            mulai.set()
            selesai.wait(5)
        tercatat.append(gc.isenabled())

    t = threading.Thread(target=kerja)
    with tanpa_pengumpul():
        t.start()
        assert mulai.wait(5)
    assert not gc.isenabled(), "the other thread's span is still open"
    selesai.set()
    t.join(5)
    assert tercatat == [True] and gc.isenabled()


def test_rentang_bertumpuk_tidak_menahan_sampah_selamanya(monkeypatch):
    monkeypatch.setattr(pengumpul, "BATAS_MUDA", 0)
    with tanpa_pengumpul():
        with tanpa_pengumpul():
            ref = _siklus()
        assert not gc.isenabled()
        assert ref() is None, "a span ending above the bound collects the young generation"


def test_laporan_dibangun_tanpa_pengumpul(monkeypatch, versi_sampel):
    from kinerja.monev import laporan, selectors

    asli = selectors.baca_realisasi
    selama = []

    def baca(*a, **k):
        selama.append(gc.isenabled())
        return asli(*a, **k)

    monkeypatch.setattr(selectors, "baca_realisasi", baca)
    ev = selectors.muat_evaluasi(versi_sampel.pk, 2022, 4)
    asli_kolom = laporan._kolom_kinerja_e81
    monkeypatch.setattr(
        laporan, "_kolom_kinerja_e81", lambda *a: selama.append(gc.isenabled()) or asli_kolom(*a)
    )
    laporan.tabel_e81(ev)
    assert len(selama) > 1 and not any(selama)
    assert gc.isenabled()
