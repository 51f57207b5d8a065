"""Hostile workbooks are refused before the spreadsheet library reads them, in Indonesian, saving nothing."""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.core.buku_aman import BukuDitolak, nomor_kolom, periksa_buku
from kinerja.renstra.ekspor import ekspor
from kinerja.renstra.impor import ImporGagal
from kinerja.renstra.impor.baca import baca_buku
from kinerja.renstra.models import PlanNode, RenstraVersi, Target
from kinerja.renstra.selectors import muat_rencana

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_sementara(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


@pytest.fixture
def buku_sah(versi_sampel) -> bytes:
    return ekspor("6.2", muat_rencana(versi_sampel), format="xlsx")


def _ganti(isi: bytes, ubah) -> bytes:
    """The workbook with ``ubah(name, bytes) -> bytes | None`` applied to each part (None drops it)."""
    keluar = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(isi)) as zin, zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as zout:
        for e in zin.infolist():
            data = ubah(e.filename, zin.read(e))
            if data is not None:
                zout.writestr(e.filename, data)
    return keluar.getvalue()


def _tambah(isi: bytes, nama: str, data: bytes) -> bytes:
    keluar = io.BytesIO(isi)
    with zipfile.ZipFile(keluar, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr(nama, data)
    return keluar.getvalue()


def _dimensi_raksasa(isi: bytes) -> bytes:
    def ubah(nama, data):
        if nama.startswith("xl/worksheets/sheet"):
            data = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:XFD1048576"/>', data)
            assert b"XFD1048576" in data
        return data

    return _ganti(isi, ubah)


def _bom(isi: bytes) -> bytes:
    return _tambah(isi, "xl/media/nol.bin", bytes(50 * 1024 * 1024))


def _tautan_luar(isi: bytes) -> bytes:
    return _tambah(
        isi,
        "xl/externalLinks/externalLink1.xml",
        b'<?xml version="1.0"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
    )


def _rumus(isi: bytes) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    ws = wb.worksheets[0]
    ws["D7"] = "=SUM(A1:A2)"
    ws["E9"] = "=D7*2"
    keluar = io.BytesIO()
    wb.save(keluar)
    return keluar.getvalue()


def _terpotong(isi: bytes) -> bytes:
    return isi[: len(isi) // 2]


def _acak(isi: bytes) -> bytes:
    return bytes((i * 7919 + 13) % 256 for i in range(20000))


KASUS = [
    (_dimensi_raksasa, "1048576 baris × 16384 kolom"),
    (_bom, "bom zip"),
    (_tautan_luar, "tautan eksternal"),
    (_rumus, "Sel D7, E9 berisi rumus tanpa nilai tersimpan; buka dan simpan ulang di Excel"),
    (_terpotong, "tidak dapat dibaca sebagai buku kerja XLSX"),
    (_acak, "tidak dapat dibaca sebagai buku kerja XLSX"),
]


def test_column_letters_count_like_a_spreadsheet():
    assert [nomor_kolom(h) for h in ("A", "Z", "AA", "AZ", "XFD")] == [1, 26, 27, 52, 16384]


def test_the_exported_workbook_itself_passes(buku_sah, tmp_path):
    path = tmp_path / "sah.xlsx"
    path.write_bytes(buku_sah)
    periksa_buku(path)


@pytest.mark.parametrize("buat, pesan", KASUS, ids=[f.__name__ for f, _ in KASUS])
def test_a_hostile_workbook_is_refused_with_bounded_memory(buat, pesan, buku_sah, tmp_path):
    path = tmp_path / "jahat.xlsx"
    path.write_bytes(buat(buku_sah))
    tracemalloc.start()
    try:
        with pytest.raises(ImporGagal) as e:
            baca_buku(path, nama_berkas="jahat.xlsx")
        _, puncak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert pesan in str(e.value.galat[0].pesan)
    assert e.value.galat[0].lembar == "jahat.xlsx"
    # A memory bound, not a timing: the 50 MB bomb and the 17-billion-cell sheet are never unpacked.
    assert puncak < 100 * 1024 * 1024


def test_the_formula_error_names_the_row(buku_sah, tmp_path):
    path = tmp_path / "rumus.xlsx"
    path.write_bytes(_rumus(buku_sah))
    with pytest.raises(BukuDitolak) as e:
        periksa_buku(path)
    assert e.value.baris == 7


@pytest.mark.parametrize("buat, pesan", KASUS, ids=[f.__name__ for f, _ in KASUS])
def test_the_import_page_refuses_a_hostile_workbook_and_saves_nothing(
    buat, pesan, klien, versi_sampel, buku_sah
):
    sebelum = (RenstraVersi.objects.count(), PlanNode.objects.count(), Target.objects.count())
    r = klien.post(
        reverse("renstra:impor", args=[versi_sampel.pk]),
        {"berkas": SimpleUploadedFile("Tabel-6.2.xlsx", buat(buku_sah))},
    )
    assert r.status_code == 400
    assert pesan.replace("×", "&times;") in r.content.decode() or pesan in r.content.decode()
    assert (RenstraVersi.objects.count(), PlanNode.objects.count(), Target.objects.count()) == sebelum


@pytest.mark.parametrize(
    "kolom, nilai, pesan",
    [
        (11, "9" * 28, "Nilai terlalu besar"),  # target 2024 as text
        (11, 10**27, "Nilai terlalu besar"),  # target 2024 as a number cell
        (11, "1e5", "notasi eksponen"),
        (10, "1.000.000,50", "rupiah utuh, tanpa sen"),  # pagu 2023
        (10, "9" * 60, "terlalu panjang"),
    ],
)
def test_a_workbook_number_beyond_its_column_is_an_error_on_its_row(
    versi_sampel, tmp_path, kolom, nilai, pesan
):
    from .lembar import Lembar

    path = tmp_path / "buku.xlsx"
    path.write_bytes(ekspor("6.2", muat_rencana(versi_sampel), format="xlsx"))
    lembar = Lembar(path)
    baris = (
        lembar.baris("7.01.01.2.01.0001")
        if kolom == 10
        else lembar.baris_indikator("Persentase pelayanan yang sesuai dengan standart pelayanan")
    )
    lembar.isi(baris, kolom, nilai)
    lembar.simpan()
    with pytest.raises(ImporGagal) as e:
        baca_buku(path)
    assert any(g.baris == baris and pesan in g.pesan for g in e.value.galat), [str(g) for g in e.value.galat]
