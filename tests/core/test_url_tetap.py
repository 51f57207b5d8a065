"""{% url_tetap %} writes what {% url %} writes."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix

from kinerja.core.templatetags import kinerja as tag


def _tulis(teks: str, **konteks) -> str:
    return Template("{% load kinerja %}" + teks).render(Context(konteks))


@pytest.fixture(autouse=True)
def _kosong():
    tag._ALAMAT.clear()
    yield
    tag._ALAMAT.clear()
    set_script_prefix("/")


def test_sama_dengan_url_dan_diingat():
    teks = "{% url_tetap 'monev:laporan' v th 'E.81' %}|{% url 'monev:laporan' v th 'E.81' %}"
    a, b = _tulis(teks, v=7, th=2022).split("|")
    assert a == b == reverse("monev:laporan", args=[7, 2022, "E.81"])
    assert len(tag._ALAMAT) == 1
    assert _tulis("{% url_tetap 'monev:laporan' v th 'E.81' %}", v=8, th=2022) == reverse(
        "monev:laporan", args=[8, 2022, "E.81"]
    )
    assert len(tag._ALAMAT) == 2


def test_awalan_skrip_ikut_kunci():
    _tulis("{% url_tetap 'renstra:dasbor' 1 %}")
    set_script_prefix("/kinerja/")
    assert _tulis("{% url_tetap 'renstra:dasbor' 1 %}") == reverse("renstra:dasbor", args=[1])
    assert _tulis("{% url_tetap 'renstra:dasbor' 1 %}").startswith("/kinerja/")


def test_argumen_lain_tidak_diingat_dan_as():
    class Benda:
        def __str__(self):
            return "5"

    assert _tulis("{% url_tetap 'renstra:dasbor' b %}", b=Benda()) == reverse("renstra:dasbor", args=[5])
    assert tag._ALAMAT == {}
    assert _tulis("{% url_tetap 'tidak:ada' as x %}[{{ x }}]") == "[]"
    with pytest.raises(NoReverseMatch):
        _tulis("{% url_tetap 'tidak:ada' %}")
