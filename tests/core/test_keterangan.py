"""Extra information is never hidden in a ``title`` attribute that only a mouse pointer opens
(WCAG 1.4.13, 2.1.1): templates use the ``ket`` pattern (shown on hover, focus and tap, read by
screen readers in place), report cells have the "Tampilkan hitungan di setiap sel" toggle."""

from __future__ import annotations

import re
from pathlib import Path

PAKET = Path(__file__).resolve().parents[2] / "src" / "kinerja"
TITLE = re.compile(r"<(?!title\b)[a-z][^<>]*\stitle=\"", re.I)


def test_the_check_finds_a_title_attribute_and_accepts_an_svg_title_element():
    assert TITLE.search('<span title="rumus">97%</span>')
    assert not TITLE.search("<svg><title>Grafik</title></svg>")
    assert not TITLE.search('<span class="ket" tabindex="0">97%<span class="ket-isi">rumus</span></span>')


def test_no_template_puts_information_in_a_title_attribute():
    temuan = [
        f"{p.relative_to(PAKET)}:{n}"
        for p in sorted(PAKET.rglob("*.html"))
        for n, baris in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if TITLE.search(baris)
    ]
    assert temuan == []


def test_the_information_pattern_shows_on_focus_not_only_on_hover():
    css = (PAKET / "static" / "kinerja" / "kinerja.css").read_text(encoding="utf-8")
    assert ".ket:focus .ket-isi" in css and ".ket:hover .ket-isi" in css
