"""Workbooks state row heights that fit their wrapped text (spreadsheets do not fit them on opening)."""

from __future__ import annotations

import io
import math
import re
import zipfile

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from kinerja.core.pelaku import SISTEM
from kinerja.core.tabel import Kepala, Sel, Tabel
from kinerja.core.tinggi_baris import jumlah_baris
from kinerja.core.xlsx import ke_xlsx
from kinerja.monev.ekspor import ekspor_laporan
from kinerja.renstra.ekspor import ekspor
from kinerja.renstra.salin import buat_renja
from kinerja.renstra.tabel_dokumen import DAFTAR_TABEL


@pytest.mark.parametrize(
    "teks, kapasitas, harap",
    [
        ("", 10, 1),
        ("satu dua tiga", 20, 1),
        ("satu dua tiga", 8, 2),  # "satu dua" | "tiga"
        ("satu dua tiga", 4, 3),
        ("a\nb\n\nc", 10, 4),  # explicit newlines, an empty line included
        ("x" * 25, 10, 3),  # a word longer than a line is broken: 10 + 10 + 5
        ("ab " + "x" * 20, 10, 3),  # "ab" | 10 x | 10 x
    ],
)
def test_lines_of_wrapped_text(teks, kapasitas, harap):
    assert jumlah_baris(teks, kapasitas) == harap


def _baris_kurang(isi: bytes) -> list[str]:
    """Rows shorter than their wrapped text needs, by a rule of this test's own:
    about 1,2 characters per unit of column width at 9 pt, 1,2 × the font size per line."""
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    kurang = []
    for ws in wb.worksheets:
        gabung = {(g.min_row, g.min_col): g for g in ws.merged_cells.ranges}
        tertutup = {
            (r, c)
            for g in ws.merged_cells.ranges
            for r in range(g.min_row, g.max_row + 1)
            for c in range(g.min_col, g.max_col + 1)
            if (r, c) != (g.min_row, g.min_col)
        }

        lebar = {
            c: ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(1, ws.max_column + 1)
        }
        tinggi = {r: ws.row_dimensions[r].height or 12 for r in range(1, ws.max_row + 1)}
        for baris in ws.iter_rows():
            for sel in baris:
                if not isinstance(sel.value, str) or not sel.alignment.wrap_text:
                    continue
                if (sel.row, sel.column) in tertutup:
                    continue
                g = gabung.get((sel.row, sel.column))
                kolom = range(sel.column, (g.max_col if g else sel.column) + 1)
                deret = range(sel.row, (g.max_row if g else sel.row) + 1)
                pt = sel.font.sz or 9
                per_baris = math.floor(sum(lebar[c] for c in kolom) * 1.2 * 9 / pt)
                garis = sum(max(1, math.ceil(len(p) / per_baris)) for p in sel.value.split("\n"))
                perlu = garis * pt * 1.2
                ada = sum(tinggi[r] for r in deret)
                if ada < perlu:
                    kurang.append(
                        f"{ws.title}!{sel.coordinate}: {ada} pt < {perlu:.1f} pt untuk {garis} baris"
                    )
    return kurang


@pytest.mark.parametrize("kode", list(DAFTAR_TABEL))
def test_every_plan_table_workbook_fits_its_wrapped_text(rencana_sampel, kode):
    isi = ekspor(kode, rencana_sampel, format="xlsx", tahun=2022 if kode == "6.1" else None)
    assert not _baris_kurang(isi)


@pytest.mark.parametrize("kode", ["E.81", "E.80", "PK", "LKJIP", "RENJA"])
def test_every_report_workbook_fits_its_wrapped_text(rencana_sampel, kode):
    if kode == "RENJA":
        # 2023 as a rancangan (no Renja saved yet, with the evaluation of 2022), then a saved Renja 2022.
        assert not _baris_kurang(ekspor_laporan(kode, rencana_sampel, tahun=2023, triwulan=4))
        buat_renja(versi=rencana_sampel.versi, tahun=2022, pengguna=SISTEM)
    assert not _baris_kurang(ekspor_laporan(kode, rencana_sampel, tahun=2022, triwulan=4))


def test_merged_cells_use_their_merged_width_and_share_their_height():
    teks = "kata " * 40  # 200 characters
    t = Tabel(
        kode="U",
        judul="Uji tinggi baris",
        kepala=[[Kepala("Gabungan", colspan=2), Kepala("Tinggi", rowspan=2)], [Kepala("a"), Kepala("b")]],
        lebar=[10, 10, 10],
    )
    t.tambah([Sel(teks, colspan=2), None, Sel(teks, rowspan=2)])
    t.tambah([Sel("pendek"), Sel("x"), None])
    ws = openpyxl.load_workbook(io.BytesIO(ke_xlsx(t))).active
    # Row 5 holds the 20-wide merged cell: 200 characters need about 10 lines of ~21 characters,
    # not the ~20 lines a single 10-wide column would need.
    r5, r6 = ws.row_dimensions[5].height, ws.row_dimensions[6].height
    assert 10 * 9 * 1.2 <= r5 < 20 * 9 * 1.2
    # The 10-wide cell over rows 5 and 6 needs ~20 lines: the two rows share it.
    assert r5 + r6 >= 20 * 9 * 1.2
    assert not _baris_kurang(ke_xlsx(t))


def test_the_check_fails_a_workbook_without_row_heights():
    t = Tabel(kode="U", judul="Uji", kepala=[[Kepala("Indikator")]], lebar=[10])
    t.tambah([Sel("Persentase pelayanan yang sesuai dengan standar pelayanan")])
    ditulis = ke_xlsx(t)
    tanpa_tinggi = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(ditulis)) as z, zipfile.ZipFile(tanpa_tinggi, "w") as baru:
        for nama in z.namelist():
            data = z.read(nama)
            if nama.startswith("xl/worksheets/"):
                data = re.sub(rb' ht="[0-9.]+" customHeight="1"', b"", data)
            baru.writestr(nama, data)
    assert not _baris_kurang(ditulis)
    assert _baris_kurang(tanpa_tinggi.getvalue())
