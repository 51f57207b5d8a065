"""A workbook naming lokasi and unit kerja the PD does not have: each name reported once, with what
to do, and no duplicate or pagu errors that only follow from it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.core.pelaku import SISTEM
from kinerja.renstra.ekspor import ekspor
from kinerja.renstra.impor import ImporGagal, siapkan_impor
from kinerja.renstra.selectors import muat_rencana

from .lembar import Lembar
from .pembuat import RencanaKecil

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_sementara(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


def _buku_lain(tmp_path, nama="Lain", kelurahan=("Gedog", "Rembang"), indikator=1):
    """A plan of another kecamatan: one sub kegiatan, its indicator and a different pagu at each
    kelurahan, its sub kegiatan and kegiatan done by the kecamatan office (unit kerja)."""
    lain = RencanaKecil(nama)
    for u, baru in zip((lain.gedog, lain.rembang), kelurahan, strict=True):
        u.nama, u.nama_pendek = f"Kelurahan {baru}", baru
        u.save()
    n = lain.rantai()
    for x in (n["kegiatan"], n["sub"]):
        x.unit_kerja = lain.kantor
        x.save()
    for k in range(indikator):
        ind = lain.ind(n["sub"], f"Jumlah laporan {k + 1}", "Laporan")
        for y in (2023, 2024):
            for i, lok in enumerate((lain.gedog, lain.rembang)):
                lain.target(ind, y, str(3 + i), lokasi=lok)
    for y in (2023, 2024):
        for i, lok in enumerate((lain.gedog, lain.rembang)):
            lain.pagu(n["sub"], y, 1000 * (i + 1), lokasi=lok)
    path = tmp_path / "lain.xlsx"
    path.write_bytes(ekspor("6.2", muat_rencana(lain.versi), format="xlsx"))
    return lain, path


def _baris_berisi(path, teks: str) -> list[int]:
    """Rows of the workbook with a cell holding exactly ``teks`` (read with openpyxl, not the importer)."""
    ws = Lembar(path).ws
    return [r[0].row for r in ws.iter_rows() if any(c.value == teks for c in r)]


def test_each_unknown_name_is_reported_once_without_derived_errors(tmp_path):
    lain, path = _buku_lain(tmp_path)
    baru = RencanaKecil("Baru")
    for u, nama in ((baru.gedog, "Mawar"), (baru.rembang, "Melati")):
        u.nama, u.nama_pendek = f"Kelurahan {nama}", nama
        u.save()
    with pytest.raises(ImporGagal) as e:
        siapkan_impor(path, pd=baru.pd, pengguna=SISTEM)
    pesan = [g.pesan for g in e.value.galat]
    # the other PD first, then one line per unknown name and nothing else
    assert pesan[0].startswith("buku kerja ini milik Kecamatan Lain")
    assert len(pesan) == 4, pesan
    assert not [p for p in pesan if "dua kali" in p or "sudah diisi" in p]
    halaman = f"/kelola/pd/{baru.pd.pk}/"
    for nama in ("Gedog", "Rembang"):
        baris = _baris_berisi(path, nama)
        assert len(baris) == 1  # one indicator, one row per lokasi
        [g] = [g for g in e.value.galat if f"lokasi '{nama}'" in g.pesan]
        assert g.baris == baris[0] and g.tautan == halaman
        assert f"({len(baris)} baris: {', '.join(map(str, baris))})" in g.pesan
        assert f"tambahkan unit '{nama}' di halaman perangkat daerah ({halaman})" in g.pesan
        assert "Mawar, Melati" in g.pesan
    baris_uk = _baris_berisi(path, "Kecamatan Lain")
    [g] = [g for g in e.value.galat if "unit kerja 'Kecamatan Lain'" in g.pesan]
    assert f"({len(baris_uk)} baris: {', '.join(map(str, baris_uk))})" in g.pesan


def test_many_rows_of_an_unknown_name_list_the_first_five(tmp_path):
    _, path = _buku_lain(tmp_path, indikator=4)
    lembar = Lembar(path)
    kolom_lokasi = lembar.kolom[str(len(lembar.kolom))]
    baris = [
        r for r in range(lembar.kepala + 1, lembar.ws.max_row + 1) if lembar.ws.cell(r, kolom_lokasi).value
    ]
    for r in baris:
        lembar.ws.cell(r, kolom_lokasi).value = "Tidak Ada"
    lembar.simpan()
    baru = RencanaKecil("Baru")
    with pytest.raises(ImporGagal) as e:
        siapkan_impor(path, pd=baru.pd, pengguna=SISTEM)
    [g] = [g for g in e.value.galat if "lokasi 'Tidak Ada'" in g.pesan]
    assert len(baris) == 8  # 4 indicators × 2 lokasi
    assert f"(8 baris: {', '.join(map(str, baris[:5]))}, …)" in g.pesan
    assert not [x for x in e.value.galat if "dua kali" in x.pesan or "sudah diisi" in x.pesan]


def test_the_refusal_page_links_to_the_pd_page_and_names_the_other_pd(klien, versi_sampel, tmp_path):
    _, path = _buku_lain(tmp_path, kelurahan=("Mawar", "Melati"))
    r = klien.post(
        reverse("renstra:impor", args=[versi_sampel.pk]),
        {"berkas": SimpleUploadedFile("lain.xlsx", path.read_bytes())},
    )
    html = r.content.decode()
    assert r.status_code == 400
    assert "uku kerja ini milik Kecamatan Lain" in html
    assert html.count("lokasi &#x27;Mawar&#x27; tidak dikenal") == 1
    assert f'<a href="/kelola/pd/{versi_sampel.pd_id}/">Buka halaman perangkat daerah</a>' in html
    assert "dua kali" not in html and "sudah diisi" not in html
