"""Document tables as HTML: the columns that name a row are marked to stay in view."""

import re

from kinerja.core.tabel import KOSONG, Kepala, Sel, Tabel, ke_html


def _tabel(kolom_tetap: int) -> Tabel:
    # Columns: 0 No, 1 Nama, 2-3 "2023" (K, Rp), 4 Lokasi.
    t = Tabel(
        kode="X",
        judul="Contoh",
        kepala=[
            [
                Kepala("No", rowspan=2),
                Kepala("Nama", rowspan=2),
                Kepala("2023", colspan=2),
                Kepala("Lokasi", rowspan=2),
            ],
            [Kepala("K"), Kepala("Rp")],
        ],
        kolom_tetap=kolom_tetap,
    )
    t.tambah([Sel(1), Sel("Program A"), Sel("5"), Sel(1000, "rupiah"), Sel("Gedog")])
    t.tambah([Sel("Jumlah", colspan=3), None, None, Sel(1000, "rupiah"), KOSONG])
    t.tambah([KOSONG, KOSONG, Sel("7"), KOSONG, KOSONG])
    return t


def _sel(html: str) -> list[list[str]]:
    """The class attribute of every cell, row by row."""
    baris = re.findall(r"<tr[^>]*>(.*?)</tr>", html)
    return [re.findall(r'<t[hd](?: [^>]*?class="([^"]*)")?[^>]*>', b) for b in baris]


def test_cells_of_the_fixed_columns_are_marked_by_column_in_header_and_body():
    html = ke_html(_tabel(2))
    assert 'data-kolom-tetap="2"' in html
    kepala1, kepala2, b1, b2, b3 = _sel(html)
    assert kepala1 == ["tetap tetap-0", "tetap tetap-1", "", ""]
    assert kepala2 == ["", ""]  # K and Rp sit in columns 2-3
    assert b1[:3] == ["tetap tetap-0", "tetap tetap-1", ""]
    # A cell spanning past the fixed columns scrolls with the rest (it cannot stick half-way).
    assert b2[0] == ""
    assert b3[:3] == ["tetap tetap-0", "tetap tetap-1", ""]


def test_a_table_without_fixed_columns_marks_nothing():
    html = ke_html(_tabel(0))
    assert "tetap" not in html and "data-kolom-tetap" not in html


def test_flat_column_names_still_join_the_merged_headers():
    assert _tabel(2).nama_kolom() == ["No", "Nama", "2023 K", "2023 Rp", "Lokasi"]
