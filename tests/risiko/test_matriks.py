"""The risk level of every cell comes from the data file, checked against the matrix written out by hand."""

from __future__ import annotations

import pytest

from kinerja.risiko.matriks import baca_matriks, level, matriks

# The BPKP 5 × 5 matrix as printed: rows = kemungkinan 5 (top) … 1, columns = dampak 1 … 5.
TANGAN = {
    5: (9, 15, 18, 23, 25),
    4: (6, 12, 16, 19, 24),
    3: (4, 10, 14, 17, 22),
    2: (2, 7, 11, 13, 21),
    1: (1, 3, 5, 8, 20),
}


def _pita_tangan(n: int) -> str:
    if n <= 5:
        return "Sangat Rendah"
    if n <= 10:
        return "Rendah"
    if n <= 15:
        return "Sedang"
    if n <= 19:
        return "Tinggi"
    return "Sangat Tinggi"


@pytest.mark.parametrize("k", range(1, 6))
@pytest.mark.parametrize("d", range(1, 6))
def test_setiap_sel(k, d):
    lv = level(k, d)
    assert lv.nilai == TANGAN[k][d - 1]
    assert lv.pita.nama == _pita_tangan(TANGAN[k][d - 1])


@pytest.mark.parametrize(
    ("k", "d", "nilai", "pita"),
    [
        (1, 3, 5, "Sangat Rendah"),  # top of the lowest band
        (4, 1, 6, "Rendah"),  # bottom of Rendah
        (3, 2, 10, "Rendah"),  # top of Rendah
        (2, 3, 11, "Sedang"),  # bottom of Sedang
        (5, 2, 15, "Sedang"),  # top of Sedang
        (4, 3, 16, "Tinggi"),  # bottom of Tinggi
        (4, 4, 19, "Tinggi"),  # top of Tinggi
        (1, 5, 20, "Sangat Tinggi"),  # bottom of Sangat Tinggi: a catastrophic impact, however unlikely
        (5, 5, 25, "Sangat Tinggi"),
    ],
)
def test_batas_pita(k, d, nilai, pita):
    lv = level(k, d)
    assert (lv.nilai, lv.pita.nama) == (nilai, pita)


def test_level_bukan_hasil_kali():
    # 1 × 5 = 5 would be Sangat Rendah; the matrix says 20, Sangat Tinggi.
    assert level(1, 5).nilai == 20 and level(5, 1).nilai == 9


def test_skala_bernama_dan_bersumber():
    m = matriks()
    assert m.kemungkinan[1] == "Hampir tidak terjadi" and m.kemungkinan[5] == "Hampir pasti terjadi"
    assert m.dampak[1] == "Tidak signifikan" and m.dampak[5] == "Sangat signifikan"
    assert "BPKP" in m.sumber


_SAH = """
sumber = "uji"
kemungkinan = [{level=1,nama="a"},{level=2,nama="b"},{level=3,nama="c"},{level=4,nama="d"},{level=5,nama="e"}]
dampak = [{level=1,nama="a"},{level=2,nama="b"},{level=3,nama="c"},{level=4,nama="d"},{level=5,nama="e"}]
[matriks]
"5" = [9, 15, 18, 23, 25]
"4" = [6, 12, 16, 19, 24]
"3" = [4, 10, 14, 17, 22]
"2" = [2, 7, 11, 13, 21]
"1" = [1, 3, 5, 8, 20]
"""
_PITA = """
[[pita]]
kode = "R"
nama = "Rendah"
bawah = 1
atas = 12
[[pita]]
kode = "T"
nama = "Tinggi"
bawah = {bawah}
atas = 25
"""


def test_berkas_lain_dibaca_apa_adanya():
    m = baca_matriks(_SAH + _PITA.format(bawah=13))
    assert m.level(4, 2).pita.nama == "Rendah" and m.level(2, 4).pita.nama == "Tinggi"


def test_pita_berlubang_ditolak():
    with pytest.raises(ValueError, match="tidak bersambung"):
        baca_matriks(_SAH + _PITA.format(bawah=14))


def test_sel_kurang_ditolak():
    with pytest.raises(ValueError, match="5 sel"):
        baca_matriks(_SAH.replace("[1, 3, 5, 8, 20]", "[1, 3, 5, 8]") + _PITA.format(bawah=13))
