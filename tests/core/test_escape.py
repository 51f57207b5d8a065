"""Text from users (plan names, locations, service names) cannot break out of tables and charts."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal as D

import pytest

from kinerja.core.grafik import batang_bertumpuk, batang_mendatar, garis
from kinerja.core.tabel import Kepala, Sel, Tabel, ke_html

JAHAT = '<script>alert("x")</script>&\'"><img src=x onerror=alert(1)>'
SVG = "{http://www.w3.org/2000/svg}"


def test_table_cells_headers_titles_and_links_are_escaped():
    t = Tabel(kode='X"><script>', judul=JAHAT, kepala=[[Kepala(JAHAT), Kepala("Nilai")]])
    t.tambah([Sel(JAHAT, judul=JAHAT, tautan='/x?a=1&b="2"'), Sel(D("1234.5"), "angka")])
    html = ke_html(t, id_html='t"><b>')
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    # The table code, the header, the cell's title and the cell's text each keep the text, escaped.
    assert html.count("&lt;script&gt;") == 4
    assert 'href="/x?a=1&amp;b=&quot;2&quot;"' in html
    # A well-formed fragment: every tag opened is closed, so nothing leaked into markup.
    root = ET.fromstring(html)
    assert root.tag == "table" and root.get("data-tabel") == 'X"><script>'
    assert root.find(".//td").get("title") == JAHAT
    assert JAHAT in "".join(root.find(".//td").itertext())
    assert root.find(".//th").text == JAHAT


@pytest.mark.parametrize(
    "svg",
    [
        lambda: batang_mendatar([JAHAT, "Gedog"], [D(10), D(5)], judul=JAHAT),
        lambda: batang_bertumpuk([JAHAT], [(JAHAT, [D(7)])], judul=JAHAT),
        lambda: garis(
            [JAHAT, "Feb"],
            [(JAHAT, [D(80), None])],
            judul=JAHAT,
            bawah_sumbu=D(60),
            atas_sumbu=D(100),
            acuan=[(D(88), JAHAT)],
        ),
    ],
)
def test_chart_labels_and_titles_are_escaped(svg):
    teks = svg()
    kotak = ET.fromstring(teks)  # parses: no markup was injected
    # The chart sits in its own scroll box, named like the chart, which the keyboard can reach.
    assert kotak.tag == "div" and kotak.get("role") == "region" and kotak.get("tabindex") == "0"
    assert kotak.get("aria-label") == JAHAT
    (root,) = list(kotak)
    assert root.tag == f"{SVG}svg"
    assert not root.findall(f".//{SVG}script") and not root.findall(".//script")
    assert root.get("aria-label") == JAHAT
    semua = "".join(root.itertext())
    assert JAHAT in semua


def test_horizontal_bars_are_drawn_to_scale():
    # Drawing area: 720 wide minus 130 for labels and 90 for values = 500 pixels for the largest bar.
    root = ET.fromstring(batang_mendatar(["A", "B", "C"], [D(40), D(10), D(0)], judul="Pagu"))
    lebar = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert lebar == [500.0, 125.0, 0.0]
    label = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "label"]
    assert label == ["A", "B", "C"]


def test_stacked_bars_stack_to_their_total_on_the_axis_scale():
    # Totals 30 and 60: ticks 0, 20, …, 60 (1-2-5 steps), so the taller bar fills the plot height.
    root = ET.fromstring(
        batang_bertumpuk(
            ["2023", "2024"], [("Gedog", [D(10), D(20)]), ("Rembang", [D(20), D(40)])], judul="P"
        )
    )
    tinggi_plot = 300 - 20 - 40
    kotak = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    tinggi = [float(r.get("height")) for r in kotak]
    assert tinggi == pytest.approx(
        [tinggi_plot * 10 / 60, tinggi_plot * 20 / 60, tinggi_plot * 20 / 60, tinggi_plot * 40 / 60], abs=0.05
    )
    assert sum(tinggi[2:]) == pytest.approx(tinggi_plot, abs=0.1)
