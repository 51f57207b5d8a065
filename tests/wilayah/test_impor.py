"""Import of RTs and population: every error by row and column, all or nothing."""

from __future__ import annotations

import io

import openpyxl
import pytest

from kinerja.core.models import CatatanAudit
from kinerja.wilayah import impor
from kinerja.wilayah.models import Penduduk, RukunTetangga

pytestmark = pytest.mark.django_db


def _xlsx(tmp_path, rt: list[list], penduduk: list[list]):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "RT"
    for r in [list(impor.KOLOM["RT"]), *rt]:
        ws.append(r)
    wp = wb.create_sheet("Penduduk")
    for r in [list(impor.KOLOM["Penduduk"]), *penduduk]:
        wp.append(r)
    path = tmp_path / "wilayah.xlsx"
    wb.save(path)
    return path


def _jejak():
    return (RukunTetangga.objects.count(), Penduduk.objects.count(), CatatanAudit.objects.count())


def test_every_error_listed_by_row_and_column_and_nothing_saved(tmp_path, admin_pd, pd):
    path = _xlsx(
        tmp_path,
        [
            ["Gedog", 1, 1, "Pak A", None, None],  # good
            ["Kelurahan Gedog", 1, 2, "Pak B", -8.1, 112.2],  # good
            ["Sukorejo", 1, 3, "", None, None],  # row 4: unknown kelurahan
            ["Gedog", 1, 1, "Pak C", None, None],  # row 5: same RT as row 2
            ["Klampok", 0, 1, "", -8.1, None],  # row 6: RW 0; bujur missing
        ],
        [
            ["Gedog", 2024, 100, 120, 221, "Dispendukcapil", "31-12-2024"],  # row 2: L+P≠jumlah
            ["Rembang", 1990, None, None, 10, "", None],  # row 3: year
            ["Rembang", 2024, 10, 12, None, "", "31-12-2024"],  # good: jumlah = 22
        ],
    )
    data = impor.baca_berkas(path, "wilayah.xlsx")
    sebelum = _jejak()
    hasil = impor.periksa_impor(pengguna=admin_pd, pd=pd, data=data)
    assert [(g.lembar, g.baris, g.kolom) for g in hasil.galat] == [
        ("RT", 4, "kelurahan"),
        ("RT", 5, "rt"),
        ("RT", 6, "rw"),
        ("RT", 6, "bujur"),
        ("Penduduk", 2, "jumlah"),
        ("Penduduk", 3, "tahun"),
    ]
    pesan = {(g.lembar, g.baris, g.kolom): g.pesan for g in hasil.galat}
    assert pesan[("RT", 4, "kelurahan")] == f"Kelurahan 'Sukorejo' tidak dikenal di {pd.nama}."
    assert "sudah ada di baris 2" in pesan[("RT", 5, "rt")]
    assert "100 + 120 = 220" in pesan[("Penduduk", 2, "jumlah")]
    with pytest.raises(impor.ImporDitolak):
        impor.simpan_impor(pengguna=admin_pd, pd=pd, data=data)
    assert _jejak() == sebelum


def test_a_good_file_saves_exactly_its_rows(tmp_path, admin_pd, pd):
    gedog = pd.unit_set.get(nama_pendek="Gedog")
    path = _xlsx(
        tmp_path,
        [
            ["Gedog", 1, 1, "Pak A", None, None],
            ["gedog", 1, 2, "Pak B", "-8,1", "112,2"],
            ["Klampok", 3, 1, "", None, None],
        ],
        [
            [
                "Gedog",
                2020,
                5870,
                5830,
                11700,
                "Koreksi Dispendukcapil",
                "31-12-2020",
            ],  # the sample's 2020: updated
            ["Rembang", 2024, 10, 12, None, "", None],
        ],
    )
    data = impor.baca_berkas(path, "wilayah.xlsx")
    rt0, p0, a0 = _jejak()
    hasil = impor.simpan_impor(pengguna=admin_pd, pd=pd, data=data, nama_berkas="wilayah.xlsx")
    assert (hasil.baru, hasil.ubah, hasil.sama) == (4, 1, 0)
    assert _jejak() == (rt0 + 3, p0 + 1, a0 + 5)
    assert list(
        RukunTetangga.objects.filter(unit__pd=pd)
        .order_by("unit__urutan", "rw", "nomor")
        .values_list("unit__nama_pendek", "rw", "nomor", "ketua")
    ) == [("Gedog", 1, 1, "Pak A"), ("Gedog", 1, 2, "Pak B"), ("Klampok", 3, 1, "")]
    p = Penduduk.objects.get(unit=gedog, tahun=2020)
    assert (p.laki_laki, p.perempuan, p.jumlah, p.sumber) == (5870, 5830, 11700, "Koreksi Dispendukcapil")
    assert Penduduk.objects.get(unit__nama_pendek="Rembang", tahun=2024).jumlah == 22
    # the same file again changes nothing
    hasil = impor.simpan_impor(pengguna=admin_pd, pd=pd, data=impor.baca_berkas(path, "wilayah.xlsx"))
    assert (hasil.baru, hasil.ubah, hasil.sama) == (0, 0, 5)


def test_csv_with_semicolons_is_read(tmp_path, admin_pd, pd):
    path = tmp_path / "rt.csv"
    path.write_text(
        "Kelurahan;RW;RT;Ketua;Lintang;Bujur\nGedog;1;7;Bu Ani;-8,1;112,2\nSananwetan;2;x;;;\n",
        encoding="utf-8",
    )
    data = impor.baca_berkas(path, "rt.csv")
    hasil = impor.periksa_impor(pengguna=admin_pd, pd=pd, data=data)
    assert [(g.lembar, g.baris, g.kolom) for g in hasil.galat] == [("RT", 3, "rt")]
    assert hasil.rt[0].nilai["nomor"] == 7


def test_a_population_year_far_ahead_is_refused_and_nothing_saved(tmp_path, admin_pd, pd):
    path = tmp_path / "penduduk.csv"
    path.write_text(
        "kelurahan;tahun;laki_laki;perempuan;jumlah;sumber;tanggal\n"
        "Gedog;2099;4000;4100;8100;BPS;31-12-2099\n"
        "Gedog;2021;4000;4100;8100;BPS;31-12-2021\n",
        encoding="utf-8",
    )
    sebelum = _jejak()
    data = impor.baca_berkas(path, "penduduk.csv")
    hasil = impor.periksa_impor(pengguna=admin_pd, pd=pd, data=data)
    assert [(g.lembar, g.baris, g.kolom) for g in hasil.galat] == [("Penduduk", 2, "tahun")]
    assert hasil.galat[0].pesan.startswith("Tahun 2099 di luar batas: 2000–")
    with pytest.raises(impor.ImporDitolak):
        impor.simpan_impor(pengguna=admin_pd, pd=pd, data=data)
    assert _jejak() == sebelum


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("a.txt", b"x", "unggah berkas .xlsx atau .csv"),
        ("a.xlsx", b"bukan zip", "tidak dapat dibaca"),
        ("a.csv", "kelurahan,rt\n".encode("utf-16"), "UTF-8"),
        ("a.csv", b"nama,umur\nA,1\n", "tidak ada lembar RT"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(tmp_path, nama, isi, pesan):
    path = tmp_path / nama
    path.write_bytes(isi)
    with pytest.raises(impor.BerkasDitolak) as e:
        impor.baca_berkas(path, nama)
    assert pesan in e.value.pesan


def test_template_reimports_without_changes(tmp_path, admin_pd, pd):
    path = tmp_path / "templat.xlsx"
    path.write_bytes(impor.templat_impor(pengguna=admin_pd, pd=pd))
    wb = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    assert wb.sheetnames == ["RT", "Penduduk"]
    hasil = impor.periksa_impor(pengguna=admin_pd, pd=pd, data=impor.baca_berkas(path, "templat.xlsx"))
    assert (
        hasil.galat == [] and hasil.baru == hasil.ubah == 0 and hasil.sama == 5
    )  # 2 of the 7 sample records have no figure at all
