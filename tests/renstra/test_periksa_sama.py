"""The checker finds on the sample exactly what it found before it became a package.

``temuan_sampel.json`` was written from the single-module checker before the split; the only
findings allowed to differ are the sentences that counted Sananwetan's kelurahan in words.
"""

import json
from pathlib import Path

import pytest

from kinerja.renstra.periksa import periksa
from kinerja.renstra.periksa.dasar import REALISASI

pytestmark = pytest.mark.django_db

SEBELUM = Path(__file__).with_name("temuan_sampel.json")

# "ketujuh" held only for Sananwetan; the count now comes from the PD's own rows.
DIUBAH = {
    "Luas ketujuh kelurahan ": "Luas 7 kelurahan ",
    "Jumlah penduduk ketujuh kelurahan ": "Jumlah penduduk 7 kelurahan ",
}


def _sebelum() -> list[dict]:
    hasil = json.loads(SEBELUM.read_text())
    for t in hasil:
        for lama, baru in DIUBAH.items():
            t["message"] = t["message"].replace(lama, baru)
    return hasil


def test_it_finds_on_the_sample_what_it_found_before(versi_sampel):
    semua = periksa(versi_sampel)
    # Rules over the recorded realisations (registered by monev) came after the file was written.
    # The sample's two Nilai SAKIP rows of 2022 (tujuan and sasaran) both take the final score of the
    # one (demonstration) SAKIP evaluation, so they agree and nothing is found; two typed values that
    # disagree are found in tests/monev/test_lkjip.py.
    assert [t for t in semua if t.table == REALISASI] == []
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
        for t in semua
        if t.table != REALISASI
    ]
    sebelum = _sebelum()
    assert sekarang == sebelum
    # exactly the two reworded findings differ from the file as written
    berubah = [t for t, asli in zip(sebelum, json.loads(SEBELUM.read_text()), strict=True) if t != asli]
    assert [t["code"] for t in berubah] == ["TOTAL_LUAS", "TOTAL_PENDUDUK"]


def test_cells_are_read_in_the_schema_order_whatever_order_the_database_keeps():
    from kinerja.renstra.periksa.dasar import TC27, WILAYAH
    from kinerja.renstra.periksa.skema import urut_sel

    # PostgreSQL's jsonb hands keys back shortest first; the document's order is the schema's.
    jsonb = {"jumlah": "11.70", "kelurahan": "Gedog", "laki_laki": "5.87", "perempuan": "5.83"}
    assert list(urut_sel(WILAYAH, jsonb)) == ["kelurahan", "laki_laki", "perempuan", "jumlah"]
    tc27 = {"k_2023": "1", "akhir_k": "2", "rp_2022": "3", "k_2022": "4", "rp_2023": "5"}
    assert list(urut_sel(TC27, tc27)) == ["k_2022", "k_2023", "rp_2022", "rp_2023", "akhir_k"]
    assert urut_sel(None, {"b": 1, "a": 2}) == {"b": 1, "a": 2}
