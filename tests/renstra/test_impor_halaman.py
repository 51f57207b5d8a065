"""The import pages and the editors, through the Django test client, as a planner uses them."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.core.pelaku import SISTEM
from kinerja.renstra import services
from kinerja.renstra.ekspor import ekspor
from kinerja.renstra.models import Indikator, PlanNode, RenstraVersi, TautanIndikator
from kinerja.renstra.salin import buat_perubahan
from kinerja.renstra.selectors import muat_rencana

from .lembar import Lembar

pytestmark = pytest.mark.django_db
IND_PERSEN = "Persentase pelayanan yang sesuai dengan standart pelayanan"


@pytest.fixture(autouse=True)
def var_sementara(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


def _unggah(klien, versi, isi: bytes, nama="Tabel-6.2.xlsx", follow=False, **lain):
    return klien.post(
        reverse("renstra:impor", args=[versi.pk]),
        {"berkas": SimpleUploadedFile(nama, isi), **lain},
        follow=follow,
    )


def _buku(tmp_path, versi, ubah=None) -> bytes:
    path = tmp_path / "unduh.xlsx"
    path.write_bytes(ekspor("6.2", muat_rencana(versi), format="xlsx"))
    if ubah:
        lembar = Lembar(path)
        ubah(lembar)
        lembar.simpan()
    return path.read_bytes()


def test_the_versions_page_round_trip_previews_no_difference_and_saves_an_equal_version(
    klien, versi_sampel, tmp_path, var_sementara
):
    # what the page tells the user to do: download Tabel 6.2 of this version, upload it again
    halaman = klien.get(reverse("renstra:versi", args=[versi_sampel.pk])).content.decode()
    unduh = reverse("renstra:unduh_tabel", args=[versi_sampel.pk, "6.2", "xlsx"])
    assert unduh in halaman
    isi = klien.get(unduh).content
    sebelum = RenstraVersi.objects.count()
    r = _unggah(klien, versi_sampel, isi, nama="Tabel-6.2-kecamatan-sananwetan.xlsx")
    kunci = hashlib.sha256(isi).hexdigest()
    assert r.status_code == 302 and r["Location"] == reverse(
        "renstra:impor_pratinjau", args=[versi_sampel.pk, kunci]
    )
    perencana = get_user_model().objects.get(username="perencana")
    assert (var_sementara / "impor" / str(perencana.pk) / f"{kunci}.xlsx").read_bytes() == isi
    assert RenstraVersi.objects.count() == sebelum  # nothing saved yet
    html = klien.get(r["Location"]).content.decode()
    assert "0 ditambah · 0 diubah · 0 tidak ada di buku kerja" in html
    assert "Tidak ada perbedaan" in html and f"diekspor dari versi #{versi_sampel.pk}" in html
    sidik = re.search(r'name="sidik" value="([0-9a-f]+)"', html).group(1)
    r = klien.post(r["Location"], {"sidik": sidik, "alasan": "Uji bolak-balik tanpa perubahan", "nama": ""})
    baru = RenstraVersi.objects.latest("id")
    assert r.status_code == 302 and r["Location"] == reverse("renstra:beda", args=[baru.pk])
    assert baru.asal == versi_sampel and RenstraVersi.objects.count() == sebelum + 1
    assert not (var_sementara / "impor" / str(perencana.pk) / f"{kunci}.xlsx").exists()
    html = klien.get(r["Location"]).content.decode()
    assert "0 perbedaan" in html and "Kedua versi sama" in html
    # the round trip keeps the indicator links, and names the proposals still waiting for a planner
    lama = TautanIndikator.objects.filter(versi=versi_sampel)
    assert TautanIndikator.objects.filter(versi=baru).count() == lama.count() >= 4
    assert "calon indikator lanjutan" in html


def test_a_confirmation_without_a_reason_keeps_the_ticks_and_the_name(klien, versi_sampel, tmp_path):
    isi = _buku(tmp_path, versi_sampel, lambda x: x.hapus_unsur("7.01.01.2.09.0005"))
    url = _unggah(klien, versi_sampel, isi)["Location"]
    html = klien.get(url).content.decode()
    mebel = PlanNode.objects.get(versi=versi_sampel, kode="7.01.01.2.09.0005")
    assert "Tidak ada di buku kerja (1)" in html and f'value="u:{mebel.pk}"' in html and "Pilih semua" in html
    sidik = re.search(r'name="sidik" value="([0-9a-f]+)"', html).group(1)
    sebelum = RenstraVersi.objects.count()
    r = klien.post(
        url, {"sidik": sidik, "alasan": " ", "nama": "Draf tanpa mebel", "hapus": [f"u:{mebel.pk}"]}
    )
    html = r.content.decode()
    assert r.status_code == 400 and RenstraVersi.objects.count() == sebelum
    assert (
        "Tulis alasan perubahan" in html
        and 'name="alasan" maxlength="300" value=" " aria-invalid="true"' in html
    )
    assert f'value="u:{mebel.pk}" checked' in html and 'value="Draf tanpa mebel"' in html
    r = klien.post(url, {"sidik": sidik, "alasan": "Mebel tidak dianggarkan", "nama": "Draf tanpa mebel",
                         "hapus": [f"u:{mebel.pk}"]})  # fmt: skip
    baru = RenstraVersi.objects.get(nama="Draf tanpa mebel")
    assert not PlanNode.objects.filter(versi=baru, kode="7.01.01.2.09.0005").exists()
    html = klien.get(r["Location"]).content.decode()
    assert "1 perbedaan" in html and "Mebel tidak dianggarkan" in html and "Dihapus" in html


def test_an_unticked_missing_element_is_kept(klien, versi_sampel, tmp_path):
    isi = _buku(tmp_path, versi_sampel, lambda x: x.hapus_unsur("7.01.01.2.09.0005"))
    url = _unggah(klien, versi_sampel, isi)["Location"]
    sidik = re.search(r'name="sidik" value="([0-9a-f]+)"', klien.get(url).content.decode()).group(1)
    klien.post(url, {"sidik": sidik, "alasan": "Tanpa menghapus", "nama": "Draf lengkap"})
    baru = RenstraVersi.objects.get(nama="Draf lengkap")
    assert PlanNode.objects.filter(versi=baru, kode="7.01.01.2.09.0005").exists()


def test_a_changed_workbook_preview_lists_the_change_with_its_pagu_effect(klien, versi_sampel, tmp_path):
    def ubah(lembar):
        lembar.isi(lembar.baris("7.01.01.2.01.0001"), 10, 9000000)  # was 8.982.432

    url = _unggah(klien, versi_sampel, _buku(tmp_path, versi_sampel, ubah))["Location"]
    html = klien.get(url).content.decode()
    assert "0 ditambah · 1 diubah · 0 tidak ada di buku kerja" in html
    assert "Rp8.982.432" in html and "Rp9.000.000" in html and "+17.568" in html  # 9.000.000 − 8.982.432
    assert "Kegiatan 7.01.01.2.01 " in html and "Jumlah seluruh pagu perangkat daerah" in html


def test_a_stale_preview_is_refused_and_shown_again(klien, versi_sampel, tmp_path):
    perubahan = buat_perubahan(versi=versi_sampel, nama="Draf yang berubah", pengguna=SISTEM)
    url = _unggah(klien, perubahan, _buku(tmp_path, perubahan))["Location"]
    sidik = re.search(r'name="sidik" value="([0-9a-f]+)"', klien.get(url).content.decode()).group(1)
    ind = Indikator.objects.get(node__versi=perubahan, nama=IND_PERSEN)
    services.ubah_rencana(
        pengguna=SISTEM, versi=perubahan, objek=ind, target={(None, 2024): ("97%", "96%")}, alasan="uji"
    )
    sebelum = RenstraVersi.objects.count()
    r = klien.post(url, {"sidik": sidik, "alasan": "Simpan"})
    html = r.content.decode()
    assert r.status_code == 400 and RenstraVersi.objects.count() == sebelum
    assert "berubah sejak pratinjau" in html and "sudah berubah sejak buku kerja ini diunduh" in html


def test_a_bad_workbook_is_listed_and_not_kept(klien, versi_sampel, tmp_path, var_sementara):
    isi = _buku(tmp_path, versi_sampel, lambda x: x.isi(x.baris("7.01.01.2.01.0001"), 10, "satu juta"))
    r = _unggah(klien, versi_sampel, isi)
    assert (
        r.status_code == 400
        and "satu juta" in r.content.decode()
        and "Tidak ada yang disimpan" in r.content.decode()
    )
    assert not list((var_sementara / "impor").rglob("*.xlsx"))


def test_an_empty_upload_and_a_wrong_file_get_indonesian_messages(klien, versi_sampel, monkeypatch):
    r = klien.post(reverse("renstra:impor", args=[versi_sampel.pk]), {}, follow=True)
    assert "Pilih berkas XLSX lebih dulu." in r.content.decode()
    r = _unggah(klien, versi_sampel, b"a,b", nama="tabel.csv")
    assert r.status_code == 302
    assert "bukan berkas .xlsx" in klien.get(r["Location"]).content.decode()
    from kinerja.renstra import views_versi

    monkeypatch.setattr(views_versi, "BATAS_UNGGAH", 2**20)
    r = _unggah(klien, versi_sampel, b"x" * (2**20 + 1), follow=True)
    assert "lebih dari 1 MB" in r.content.decode()


def _isian_nama(html: str) -> str:
    return re.search(r'id="nama-impor" maxlength="200" value="([^"]*)"', html).group(1)


def test_a_refused_file_keeps_the_version_name_the_user_typed(klien, versi_sampel):
    url = reverse("renstra:impor", args=[versi_sampel.pk])

    def kirim(**berkas):
        return klien.post(url, {"nama": "Revisi  pagu 2024", **berkas}, follow=True)

    # An .ods, an empty submit, and a file that is no workbook: the name typed is still there.
    html = kirim(berkas=SimpleUploadedFile("rencana.ods", b"ods")).content.decode()
    assert (
        "&#x27;rencana.ods&#x27; berupa lembar kerja OpenDocument (.ods)" in html and "Excel 2007-365" in html
    )
    assert _isian_nama(html) == "Revisi pagu 2024"
    html = kirim().content.decode()
    assert "Pilih berkas XLSX lebih dulu." in html and _isian_nama(html) == "Revisi pagu 2024"
    r = klien.post(url, {"nama": "Revisi pagu 2024", "berkas": SimpleUploadedFile("rencana.xlsx", b"teks")})
    kembali = reverse("renstra:versi", args=[versi_sampel.pk]) + "?nama=Revisi+pagu+2024"
    assert r.status_code == 400 and f'href="{kembali}"' in r.content.decode()
    assert _isian_nama(klien.get(kembali).content.decode()) == "Revisi pagu 2024"


def test_a_file_that_is_no_workbook_is_named_as_uploaded_in_plain_indonesian(klien, versi_sampel):
    r = _unggah(klien, versi_sampel, b"bukan buku kerja", nama="Tabel 6.2 revisi.xlsx")
    html = r.content.decode()
    assert r.status_code == 400
    # The sheet column names the user's file, not the checksum it is stored under.
    assert "<tr><td>Tabel 6.2 revisi.xlsx</td>" in html
    assert hashlib.sha256(b"bukan buku kerja").hexdigest() not in html
    assert "tidak dapat dibaca sebagai buku kerja XLSX" in html and "BadZipFile" not in html


def test_only_the_uploader_opens_the_preview_and_only_planners_import(client, klien, versi_sampel, tmp_path):
    url = _unggah(klien, versi_sampel, _buku(tmp_path, versi_sampel))["Location"]
    verifikator = get_user_model().objects.get(username="verifikator")
    client.force_login(verifikator)  # reads every PD of the pemda, does not edit plans
    assert client.get(url).status_code == 403
    operator = get_user_model().objects.get(username="operator-gedog")
    client.force_login(operator)
    assert client.get(url).status_code == 403
    assert _unggah(client, versi_sampel, b"x").status_code == 403
    lain = get_user_model().objects.create_user("perencana2", password="sandi-panjang-sekali-123")
    from kinerja.core.models import Peran

    Peran.objects.create(pengguna=lain, jenis="perencana", pd=versi_sampel.pd)
    client.force_login(lain)
    r = client.get(url, follow=True)  # another planner cannot open someone else's upload
    assert "tidak ada lagi" in r.content.decode()


def test_cancelling_an_import_removes_the_upload(klien, versi_sampel, tmp_path, var_sementara):
    url = _unggah(klien, versi_sampel, _buku(tmp_path, versi_sampel))["Location"]
    r = klien.post(url + "batal/", follow=True)
    assert "Impor dibatalkan" in r.content.decode()
    assert not list((var_sementara / "impor").rglob("*.xlsx"))
    assert "tidak ada lagi" in klien.get(url, follow=True).content.decode()


def test_an_imported_change_is_in_the_history_of_its_indicator(klien, versi_sampel, tmp_path):
    def ubah(lembar):
        lembar.isi(lembar.baris_indikator(IND_PERSEN), 11, 96)  # 2024: 97% → 96%

    url = _unggah(klien, versi_sampel, _buku(tmp_path, versi_sampel, ubah))["Location"]
    sidik = re.search(r'name="sidik" value="([0-9a-f]+)"', klien.get(url).content.decode()).group(1)
    klien.post(url, {"sidik": sidik, "alasan": "Disesuaikan dengan survei 2023", "nama": "Draf riwayat"})
    ind = Indikator.objects.get(node__versi__nama="Draf riwayat", nama=IND_PERSEN)
    html = klien.get(reverse("renstra:ubah_indikator", args=[ind.node.versi_id, ind.pk])).content.decode()
    assert "Target 2024 tanpa lokasi</strong>: 97% → 96%" in html
    assert "Disesuaikan dengan survei 2023" in html
