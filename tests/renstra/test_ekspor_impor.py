"""Export in every format, and the Tabel 6.2 workbook round trip."""

import io
import json

import openpyxl
import pytest

from kinerja.core.pelaku import SISTEM
from kinerja.renstra.ekspor import ekspor
from kinerja.renstra.impor import ImporGagal, siapkan_impor, simpan_impor
from kinerja.renstra.models import RenstraVersi
from kinerja.renstra.selectors import muat_rencana
from kinerja.renstra.tabel_dokumen import DAFTAR_TABEL

pytestmark = pytest.mark.django_db
KUNCI_JSON = {
    "tujuan",
    "sasaran",
    "program",
    "kegiatan",
    "sub_kegiatan",
    "kode",
    "indikator",
    "satuan",
    "lokasi",
    "data_awal",
    "tahun",
    "source_line",
}


@pytest.mark.parametrize("kode", DAFTAR_TABEL)
@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_every_table_exports_in_every_format(rencana_sampel, kode, fmt):
    isi = ekspor(kode, rencana_sampel, format=fmt)
    assert isi
    if fmt == "xlsx":
        wb = openpyxl.load_workbook(io.BytesIO(isi))
        ws = wb.active
        assert ws.title == f"Tabel {kode}"
        assert ws.freeze_panes is not None
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    elif fmt == "json":
        assert isinstance(json.loads(isi), list)
    else:
        assert isi.decode("utf-8-sig").count("\n") > 1


def test_6_2_json_has_one_object_per_indicator_and_lokasi(rencana_sampel):
    data = json.loads(ekspor("6.2", rencana_sampel, format="json"))
    assert all(KUNCI_JSON <= set(d) for d in data)
    [baris] = [d for d in data if d["kode"] == "7.01.01.2.01.0001" and d["lokasi"] == "Gedog"]
    assert baris["tahun"]["2023"] == {"target": 5, "pagu": 1203370}
    assert baris["source_line"] == 1398 and baris["data_awal"] == 5
    assert baris["program"].startswith("Program Penunjang")
    unreadable = [d for d in data if d["kode"] == "7.01.05.2.01.0001" and d["lokasi"] == "Kecamatan"][0]
    assert unreadable["tahun"]["2024"]["target"] == "## ##"


def test_6_1_json_for_2022_and_for_any_year(rencana_sampel):
    data = json.loads(ekspor("6.1", rencana_sampel, format="json"))
    assert set(data[0]["tahun"]) == {"2022"}
    covid = [d for d in data if d["kode"] == "7.01.03.2.05.0002"]
    assert len(covid) == 8 and all(d["tahun"]["2022"]["pagu"] == 43858500 for d in covid)
    later = json.loads(ekspor("6.1", rencana_sampel, format="json", tahun=2025))
    assert set(later[0]["tahun"]) == {"2025"} and not [d for d in later if d["kode"] == "7.01.03.2.05.0002"]


def test_xlsx_numbers_are_numbers_with_indonesian_display(rencana_sampel):
    wb = openpyxl.load_workbook(io.BytesIO(ekspor("6.2", rencana_sampel, format="xlsx")))
    ws = wb.active
    angka = [c for row in ws.iter_rows(min_row=8) for c in row if isinstance(c.value, (int, float))]
    assert angka and all("[$-421]" in c.number_format for c in angka)
    assert any(str(m) == "H4:H4" or m.min_row == 4 for m in ws.merged_cells.ranges)
    assert ws.print_title_rows  # header repeated on every printed page


def _sel(path):
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    return [[c.value for c in r] for r in ws.iter_rows()], sorted(str(m) for m in ws.merged_cells.ranges)


def test_export_import_export_gives_identical_output(rencana_sampel, tmp_path):
    pertama = tmp_path / "a.xlsx"
    pertama.write_bytes(ekspor("6.2", rencana_sampel, format="xlsx"))
    hasil = simpan_impor(
        pratinjau=siapkan_impor(pertama, pengguna=SISTEM), pengguna=SISTEM, alasan="uji ekspor-impor"
    )
    assert hasil.versi.status == "draft" and hasil.versi.asal_id == rencana_sampel.versi.pk
    r2 = muat_rencana(hasil.versi)
    kedua = tmp_path / "b.xlsx"
    kedua.write_bytes(ekspor("6.2", r2, format="xlsx"))
    assert _sel(pertama) == _sel(kedua)
    tanpa_baris = lambda d: [{k: v for k, v in x.items() if k != "source_line"} for x in d]  # noqa: E731
    assert tanpa_baris(json.loads(ekspor("6.2", rencana_sampel, format="json"))) == tanpa_baris(
        json.loads(ekspor("6.2", r2, format="json"))
    )
    # the imported version keeps the workbook's rows for the checker
    assert r2.versi.sumber_set.get().jenis == "xlsx"


def test_a_workbook_with_bad_rows_is_refused_with_every_error_and_nothing_saved(rencana_sampel, tmp_path):
    path = tmp_path / "salah.xlsx"
    path.write_bytes(ekspor("6.2", rencana_sampel, format="xlsx"))
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    kolom = {ws.cell(row=7, column=c).value: c for c in range(1, ws.max_column + 1)}  # the column-number row
    baris = {
        ws.cell(row=r, column=3).value: r for r in range(8, ws.max_row + 1) if ws.cell(row=r, column=3).value
    }
    r_sub = baris["7.01.01.2.01.0001"]
    ws.cell(row=r_sub, column=kolom["20"]).value = "Kelurahan Entah"  # unknown lokasi
    ws.cell(row=r_sub + 1, column=kolom["10"]).value = "sejuta"  # text where a number belongs
    r_keg = baris["7.01.01.2.02"]
    ws.cell(row=r_keg, column=3).value = None
    ws.cell(row=r_keg, column=4).value = None  # the kegiatan row disappears: its sub kegiatan has no kegiatan
    ws.cell(row=5, column=15).value = "2031"  # a year outside the period 2021–2026
    wb.save(path)
    sebelum = RenstraVersi.objects.count()
    with pytest.raises(ImporGagal) as e:
        siapkan_impor(path, pd=rencana_sampel.pd, dari=rencana_sampel.versi, pengguna=SISTEM)
    pesan = [str(g) for g in e.value.galat]
    assert any("Kelurahan Entah" in p and f"baris {r_sub}" in p for p in pesan)
    assert any("sejuta" in p and f"baris {r_sub + 1}" in p for p in pesan)
    assert any("tidak termasuk kegiatan" in p or "tanpa kegiatan" in p for p in pesan)
    assert any("2031" in p and "di luar periode" in p for p in pesan)
    assert all(p.startswith("lembar 'Tabel 6.2'") for p in pesan)
    assert RenstraVersi.objects.count() == sebelum


def test_a_file_that_is_not_a_workbook_gets_a_clear_error(tmp_path, versi_sampel):
    path = tmp_path / "bukan.xlsx"
    path.write_text("ini bukan buku kerja")
    with pytest.raises(ImporGagal) as e:
        siapkan_impor(path, pd=versi_sampel.pd, pengguna=SISTEM)
    assert "tidak dapat dibaca" in str(e.value.galat[0])
