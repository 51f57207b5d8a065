"""The checker finds on the sample exactly what it found before it became a package.

``temuan_sampel.json`` was written from the single-module checker before the split.
"""

import json
from pathlib import Path

import pytest

from kinerja.renstra.periksa import periksa

pytestmark = pytest.mark.django_db

SEBELUM = Path(__file__).with_name("temuan_sampel.json")


def test_it_finds_on_the_sample_what_it_found_before(versi_sampel):
    sekarang = [
        {
            "code": t.code,
            "severity": t.severity,
            "table": t.table,
            "row": t.row,
            "source_lines": t.source_lines,
            "printed": t.printed,
            "expected": t.expected,
            "message": t.message,
        }
        for t in periksa(versi_sampel)
    ]
    assert sekarang == json.loads(SEBELUM.read_text())
