"""Workbooks a second PD brings: e-SAKIP exports without lokasi, of another PD, of fewer years,
with several table sheets, in other spreadsheet formats, and one-year (Renja-like) tables."""

from __future__ import annotations

import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command, load_command_class

from kinerja.core.pelaku import SISTEM
from kinerja.renstra.impor import ImporGagal, LembarGanda, siapkan_impor, simpan_impor
from kinerja.renstra.impor.asal_pd import pd_beda, pd_tertulis
from kinerja.renstra.models import RenstraVersi
from kinerja.renstra.selectors import muat_rencana

from .pembuat import RencanaKecil

pytestmark = pytest.mark.django_db

KOLOM = [
    "Tujuan",
    "Sasaran",
    "Kode",
    "Program, Kegiatan dan Sub Kegiatan",
    "Indikator Kinerja",
    "Satuan",
    "Data Capaian Awal 2020",
]


def _isi(ws, tahun: list[int]) -> None:
    """Element rows under the header: tujuan → sub kegiatan, the sub kegiatan with K and Rp per year."""
    n = len(tahun)
    kosong = [None] * (2 * n)
    ws.append(["Meningkatnya pelayanan", None, None, None, "Indeks kepuasan", "Indeks", 80, *kosong])
    ws.append(
        [None, "Meningkatnya mutu layanan", None, None, "Persentase layanan tepat waktu", "%", 90, *kosong]
    )
    ws.append(
        [
            None,
            None,
            "7.01.01",
            "Program Penunjang Urusan",
            "Persentase dokumen tepat waktu",
            "%",
            90,
            *kosong,
        ]
    )
    ws.append(
        [None, None, "7.01.01.2.01", "Perencanaan Perangkat Daerah", "Jumlah dokumen", "Dokumen", 2, *kosong]
    )
    nilai = []
    for i, _ in enumerate(tahun):
        nilai += [3 + i, 1000000 * (i + 1)]
    ws.append(
        [
            None,
            None,
            "7.01.01.2.01.0001",
            "Penyusunan Dokumen Renstra",
            "Jumlah laporan",
            "Laporan",
            2,
            *nilai,
        ]
    )


def buku_esakip(path, *, tahun=(2023, 2024, 2025), pd_baris="Kecamatan Dua", lembar=("Tabel 6.2",)):
    """An e-SAKIP-like export: title, a "Perangkat Daerah : …" line, no lokasi column."""
    tahun = list(tahun)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for nama in lembar:
        ws = wb.create_sheet(nama)
        ws.append(["Rencana Program, Kegiatan, Sub Kegiatan dan Pendanaan"])
        if pd_baris:
            ws.append(["Perangkat Daerah", ":", pd_baris])
        ws.append([])
        ws.append([*KOLOM, "Target Kinerja dan Kerangka Pendanaan"])
        baris_tahun = [None] * len(KOLOM)
        for y in tahun:
            baris_tahun += [str(y), None]
        ws.append(baris_tahun)
        ws.append([None] * len(KOLOM) + ["K", "Rp"] * len(tahun))
        ws.append([str(i) for i in range(1, len(KOLOM) + 2 * len(tahun) + 1)])
        _isi(ws, tahun)
    wb.save(path)
    return path


@pytest.fixture
def dua():
    return RencanaKecil("Dua")


# --- 1. the workbook's PD --------------------------------------------------------------------------


def test_a_plan_without_lokasi_is_read_into_its_own_pd(tmp_path, dua):
    p = siapkan_impor(buku_esakip(tmp_path / "b.xlsx"), pd=dua.pd, cadangan=dua.versi, pengguna=SISTEM)
    assert p.buku.pd_tertulis == "Kecamatan Dua" and p.buku.pd_beda == ""
    assert [b.lokasi_id for b in p.buku.baris] == [None] * 5
    baru = simpan_impor(pratinjau=p, pengguna=SISTEM, alasan="uji").versi
    r = muat_rencana(baru)
    # 3 years × the sub kegiatan's one indicator, plus nothing else: the upper rows carry no targets
    assert sorted((k[2], t.teks) for k, t in r.target.items()) == [(2023, "3"), (2024, "4"), (2025, "5")]
    assert sorted((x.tahun, x.jumlah) for x in r.pagu if x.lokasi_id is None and x.jumlah) == [
        (2023, Decimal(1000000)),
        (2024, Decimal(2000000)),
        (2025, Decimal(3000000)),
    ]


def test_a_workbook_naming_another_pd_is_refused_unless_confirmed(tmp_path, dua):
    RencanaKecil("Tiga")
    path = buku_esakip(tmp_path / "b.xlsx", pd_baris="Kecamatan Tiga")
    p = siapkan_impor(path, pd=dua.pd, cadangan=dua.versi, pengguna=SISTEM)
    assert "Kecamatan Tiga (Kota Uji Tiga), bukan Kecamatan Dua (Kota Uji Dua)" in p.peringatan[0]
    with pytest.raises(ValidationError) as e:
        simpan_impor(pratinjau=p, pengguna=SISTEM, alasan="uji")
    assert "Kecamatan Tiga" in e.value.message_dict["paksa_pd"][0]
    assert simpan_impor(pratinjau=p, pengguna=SISTEM, alasan="uji", paksa_pd=True).versi.pd == dua.pd


def test_a_pd_named_but_unknown_is_still_a_mismatch(tmp_path, dua):
    path = buku_esakip(tmp_path / "b.xlsx", pd_baris="Kecamatan Kepanjenkidul")
    p = siapkan_impor(path, pd=dua.pd, cadangan=dua.versi, pengguna=SISTEM)
    assert p.buku.pd_beda == (
        "buku kerja ini menyebut perangkat daerah 'Kecamatan Kepanjenkidul', bukan Kecamatan Dua tempat ia diimpor"
    )


@pytest.mark.parametrize(
    ("judul", "nama"),
    [
        ([["SKPD : Kecamatan Tiga"]], "Kecamatan Tiga"),
        ([["Nama Perangkat Daerah", ":", "KECAMATAN TIGA"]], "KECAMATAN TIGA"),
        ([["OPD", "Kecamatan Tiga"]], "Kecamatan Tiga"),
        ([["RENSTRA KECAMATAN TIGA KOTA UJI TIGA 2026-2030"]], "Kecamatan Tiga"),
    ],
)
def test_the_pd_is_read_from_the_lines_an_export_carries(dua, judul, nama):
    tiga = RencanaKecil("Tiga")
    pd, tertulis = pd_tertulis({}, judul)
    assert pd == tiga.pd and tertulis == nama
    assert pd_beda(dua.pd, pd, tertulis).startswith("buku kerja ini milik Kecamatan Tiga (Kota Uji Tiga)")
    assert pd_beda(tiga.pd, pd, tertulis) == ""


def test_a_title_naming_no_known_pd_names_nothing(dua):
    assert pd_tertulis({}, [["Rencana Strategis Perangkat Daerah 2026-2030"]]) == (None, "")


def test_a_workbook_naming_no_pd_is_imported_where_asked(tmp_path, dua):
    p = siapkan_impor(buku_esakip(tmp_path / "b.xlsx", pd_baris=""), pd=dua.pd, pengguna=SISTEM)
    assert p.buku.pd_tertulis == "" and p.buku.pd_beda == ""
    # without a PD asked for and none named, nothing is guessed, even with one PD only in sight
    with pytest.raises(ImporGagal) as e:
        siapkan_impor(buku_esakip(tmp_path / "c.xlsx", pd_baris=""), pengguna=SISTEM)
    assert "tidak diketahui" in e.value.galat[0].pesan


def test_the_command_needs_pd_and_lists_the_slugs(tmp_path, dua):
    path = buku_esakip(tmp_path / "b.xlsx")
    with pytest.raises(CommandError) as e:
        call_command("import", str(path))
    assert (
        "--pd" in str(e.value) and "kecamatan-dua" in str(e.value) and "kecamatan-sananwetan" in str(e.value)
    )


def test_the_command_refuses_another_pd_without_paksa_pd(tmp_path, dua, capsys):
    RencanaKecil("Tiga")
    path = buku_esakip(tmp_path / "b.xlsx", pd_baris="Kecamatan Tiga")
    jumlah = RenstraVersi.objects.count()
    with pytest.raises(CommandError, match="--paksa-pd"):
        call_command("import", str(path), "--pd", "kecamatan-dua")
    assert "Kecamatan Tiga (Kota Uji Tiga), bukan Kecamatan Dua" in capsys.readouterr().out
    assert RenstraVersi.objects.count() == jumlah
    call_command("import", str(path), "--pd", "kecamatan-dua", "--paksa-pd")
    assert RenstraVersi.objects.count() == jumlah + 1


# --- 2. the years the workbook covers -----------------------------------------------------------


def test_the_years_the_workbook_lacks_are_named(tmp_path, dua, capsys):
    # the plan's Tabel 6.2 covers 2023–2026 (a Perubahan planned from 2022); the workbook 2023–2024
    path = buku_esakip(tmp_path / "b.xlsx", tahun=(2023, 2024))
    p = siapkan_impor(path, pd=dua.pd, cadangan=dua.versi, pengguna=SISTEM)
    assert "Tahun 2025 dan 2026 tidak ada di berkas: targetnya akan kosong." in p.peringatan
    assert p.catatan[0] == (
        "Berkas ini berisi tahun 2023 dan 2024 (lembar 'Tabel 6.2', Tabel 6.2); Tabel 6.2 rencananya mencakup "
        "2023–2026."
    )
    call_command("import", str(path), "--pd", "kecamatan-dua", "--pratinjau")
    keluar = capsys.readouterr().out
    assert "Peringatan: Tahun 2025 dan 2026 tidak ada di berkas: targetnya akan kosong." in keluar
    assert "Berkas ini berisi tahun 2023 dan 2024" in keluar


def test_a_missing_year_with_data_in_the_base_is_said_to_stay(tmp_path, dua):
    n = dua.rantai()
    ind = dua.ind(n["sub"], "Jumlah rapat", "Kali")
    dua.target(ind, 2026, "7")
    path = buku_esakip(tmp_path / "b.xlsx", tahun=(2023, 2024, 2025))
    p = siapkan_impor(path, pd=dua.pd, cadangan=dua.versi, pengguna=SISTEM)
    assert (
        "Tahun 2026 tidak ada di berkas: target dan pagu versi dasar untuk tahun itu tetap; yang tidak ada di versi dasar akan kosong."
        in p.peringatan
    )
    assert not any("targetnya akan kosong" in w for w in p.peringatan)


def test_a_workbook_with_every_year_warns_nothing_about_years(tmp_path, dua):
    path = buku_esakip(tmp_path / "b.xlsx", tahun=(2023, 2024, 2025, 2026))
    p = siapkan_impor(path, pd=dua.pd, cadangan=dua.versi, pengguna=SISTEM)
    assert not any("tidak ada di berkas" in w for w in p.peringatan)


# --- 3. several table sheets ------------------------------------------------------------------------


def test_two_table_sheets_are_listed_and_the_chosen_one_is_read(tmp_path, dua, capsys):
    path = buku_esakip(tmp_path / "b.xlsx", lembar=("6.2 (lama)", "6.2"))
    with pytest.raises(LembarGanda) as e:
        siapkan_impor(path, pd=dua.pd, cadangan=dua.versi, pengguna=SISTEM)
    assert e.value.pilihan == ["6.2 (lama)", "6.2"]
    p = siapkan_impor(path, pd=dua.pd, cadangan=dua.versi, pengguna=SISTEM, lembar="6.2")
    assert p.buku.lembar == "6.2" and p.buku.lembar_calon == ["6.2 (lama)", "6.2"]
    with pytest.raises(ImporGagal) as e:
        siapkan_impor(path, pd=dua.pd, cadangan=dua.versi, pengguna=SISTEM, lembar="Entah")
    assert e.value.galat[0].pesan == "lembar 'Entah' tidak ada; lembar buku kerja ini: '6.2 (lama)', '6.2'"
    with pytest.raises(CommandError, match="--lembar"):
        call_command("import", str(path), "--pd", "kecamatan-dua", "--pratinjau")
    call_command("import", str(path), "--pd", "kecamatan-dua", "--pratinjau", "--lembar", "6.2 (lama)")
    assert "lembar '6.2 (lama)'" in capsys.readouterr().out


def test_one_table_sheet_among_others_is_taken(tmp_path, dua):
    path = buku_esakip(tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Catatan").append(["Disusun oleh tim perencana"])
    wb.save(path)
    assert siapkan_impor(path, pd=dua.pd, cadangan=dua.versi, pengguna=SISTEM).buku.lembar == "Tabel 6.2"


# --- 4. other spreadsheet formats ------------------------------------------------------------------


def _ods(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    return path


def _xls(path):
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    return path


@pytest.mark.parametrize(
    ("buat", "nama", "jenis"),
    [
        (_ods, "rencana.ods", "OpenDocument (.ods)"),
        (_xls, "rencana.xls", "Excel 97-2003 (.xls)"),
        (_ods, "disamarkan.xlsx", "OpenDocument (.ods)"),  # named by what its bytes are
    ],
)
def test_ods_and_xls_are_refused_in_indonesian(tmp_path, dua, capsys, buat, nama, jenis):
    path = buat(tmp_path / nama)
    with pytest.raises(ImporGagal) as e:
        siapkan_impor(path, pd=dua.pd, pengguna=SISTEM, nama_berkas=nama)
    pesan = e.value.galat[0].pesan
    assert jenis in pesan and "Simpan berkas sebagai .xlsx lalu unggah lagi" in pesan
    with pytest.raises(CommandError):
        call_command("import", str(path), "--pd", "kecamatan-dua")
    err = capsys.readouterr().err
    assert f"berkas '{path.name}': berkas ini lembar kerja {jenis}" in err
    assert "Simpan berkas sebagai .xlsx" in err
    # as the command line prints it: no English exception name
    perintah = load_command_class("kinerja.renstra", "import")
    with pytest.raises(SystemExit):
        perintah.run_from_argv(["kinerja", "import", str(path), "--pd", "kecamatan-dua"])
    err = capsys.readouterr().err
    assert "Galat: Impor dibatalkan" in err and "Simpan berkas sebagai .xlsx" in err
    assert "Error" not in err and "Exception" not in err


# --- 5. the one-year layout -------------------------------------------------------------------------


def _renja(path, *, tahun_di_kolom: bool):
    """A Renja-like table: one year, Target and Pagu Indikatif (Rp), no tujuan column years."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Renja"
    ws.append(["Rencana Kerja Kecamatan Dua Tahun 2024"])
    ws.append([])
    if tahun_di_kolom:
        ws.append([*KOLOM, "Rencana Tahun 2024", None])
        ws.append([None] * len(KOLOM) + ["Target", "Pagu Indikatif (Rp)"])
    else:
        ws.append([*KOLOM, "Target", "Pagu Indikatif (Rp)"])
    ws.append([str(i) for i in range(1, len(KOLOM) + 3)])
    _isi(ws, [2024])
    wb.save(path)
    return path


@pytest.mark.parametrize("tahun_di_kolom", [True, False])
def test_a_one_year_renja_table_is_read(tmp_path, dua, tahun_di_kolom):
    path = _renja(tmp_path / "renja.xlsx", tahun_di_kolom=tahun_di_kolom)
    p = siapkan_impor(path, pd=dua.pd, cadangan=dua.versi, pengguna=SISTEM)
    assert p.buku.tahun == [2024] and p.buku.tabel == "6.1"
    [sub] = [b for b in p.buku.baris if b.indikator == "Jumlah laporan"]
    assert sub.k[2024].mentah == 3 and sub.rp[2024] == Decimal(1000000)
    # a one-year table says nothing of the plan's other years
    assert not any("tidak ada di berkas" in w for w in p.peringatan)


def test_a_one_year_table_without_any_year_is_refused_accurately(tmp_path, dua):
    path = _renja(tmp_path / "renja.xlsx", tahun_di_kolom=False)
    wb = openpyxl.load_workbook(path)
    wb.active["A1"] = "Rencana Kerja Kecamatan Dua"
    wb.save(path)
    with pytest.raises(ImporGagal) as e:
        siapkan_impor(path, pd=dua.pd, cadangan=dua.versi, pengguna=SISTEM)
    [g] = e.value.galat
    assert "tahunnya tidak tertulis" in g.pesan and "baris judul kolom target dan pagu" not in g.pesan


def test_a_table_without_k_and_rp_headers_says_which_headers_are_read(tmp_path, dua):
    path = _renja(tmp_path / "renja.xlsx", tahun_di_kolom=False)
    wb = openpyxl.load_workbook(path)
    wb.active["I3"] = "Biaya"
    wb.save(path)
    with pytest.raises(ImporGagal) as e:
        siapkan_impor(path, pd=dua.pd, cadangan=dua.versi, pengguna=SISTEM)
    assert "'Rp' (atau 'Anggaran' / 'Pagu')" in e.value.galat[0].pesan
