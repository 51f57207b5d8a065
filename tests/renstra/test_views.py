"""Pages: they render the plan in Indonesian, add up, and use a fixed number of queries."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.core.pelaku import SISTEM
from kinerja.renstra.models import PlanNode, RenstraVersi
from kinerja.renstra.views import susun_kaskade

from .pembuat import RencanaKecil

T = PlanNode.Tingkat
pytestmark = pytest.mark.django_db


def test_pages_need_a_login(client, versi_sampel):
    r = client.get(reverse("renstra:dasbor", args=[versi_sampel.pk]))
    assert r.status_code == 302 and "/masuk/" in r["Location"]


def test_the_login_page_shows_the_demo_accounts(client):
    r = client.get(reverse("login"))
    assert b"sananwetan-perencana" in r.content and b"Masuk" in r.content


@pytest.mark.parametrize(
    "nama, args, teks",
    [
        ("renstra:dasbor", [], "Visi dan misi Kota Blitar"),
        ("renstra:kaskade", [], "Jumlah seluruh pagu"),
        ("renstra:daftar_tabel", [], "Tabel 6.2"),
        ("renstra:pemeriksaan", [], "KECAMATAN_LAIN"),
        ("renstra:versi", [], "Perubahan Renstra Kecamatan Sananwetan"),
        ("renstra:ringkasan_temuan", [], "galat"),
        ("renstra:baris_cetak", ["6.2"], "1839"),
        ("renstra:dokumen", [], "Belum terintegrasinya pelayanan kecamatan dan kelurahan berbasis IT"),
    ],
)
def test_every_page_renders_the_sample(klien, versi_sampel, nama, args, teks):
    r = klien.get(reverse(nama, args=[versi_sampel.pk, *args]))
    assert r.status_code == 200
    assert teks in r.content.decode()


@pytest.mark.parametrize(
    "kode",
    ["2.1", "2.1-data", "2.2", "2.2-sarpras", "2.3.1", "2.3.2", "4.1.1", "5.1.1", "6.1", "6.2", "7.1", "7.2"],
)
def test_every_table_page_renders_with_indonesian_numbers(klien, versi_sampel, kode):
    r = klien.get(reverse("renstra:tabel", args=[versi_sampel.pk, kode]))
    assert r.status_code == 200
    html = r.content.decode()
    assert 'class="tabel-dokumen"' in html and "Unduh" in html
    # Every numeric cell is written the Indonesian way: dots between thousands, a decimal comma.
    angka = [
        m.group(1).strip()
        for m in re.finditer(r'<td class="[^"]*\bnum\b[^"]*"[^>]*>(?:<(?!/td)[^>]+>)*([^<]*)', html)
    ]
    indonesia = re.compile(r"-?\d{1,3}(\.\d{3})*(,\d+)?%?|-|")
    salah = [a for a in angka if not indonesia.fullmatch(a)]
    assert not salah, salah[:5]
    if kode in ("2.3.2", "6.1", "6.2"):  # tables of rupiah: thousands separators must show
        assert any("." in a for a in angka)


def test_table_pages_show_the_documents_figures(klien, versi_sampel):
    html = klien.get(reverse("renstra:tabel", args=[versi_sampel.pk, "6.2"])).content.decode()
    assert "1.203.370" in html and "Baik (81,37)" in html and "## ##" in html
    html = klien.get(reverse("renstra:tabel", args=[versi_sampel.pk, "2.3.2"])).content.decode()
    assert "6.489.787.023,33" in html and "96,44%" in html
    html = klien.get(reverse("renstra:tabel", args=[versi_sampel.pk, "6.1"]) + "?tahun=2022").content.decode()
    assert "84.477.500" in html


def test_downloads_are_files_a_spreadsheet_opens(klien, versi_sampel):
    r = klien.get(reverse("renstra:unduh_tabel", args=[versi_sampel.pk, "6.2", "xlsx"]))
    assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    # Seven header rows and the four columns that name a row (tujuan, sasaran, kode, program) stay put.
    assert wb.active.freeze_panes == "E8"
    r = klien.get(reverse("renstra:unduh_tabel", args=[versi_sampel.pk, "6.1", "csv"]) + "?tahun=2022")
    assert r.content.decode("utf-8-sig").startswith("Tujuan")


def test_the_explorer_totals_add_up_for_every_lokasi_and_year(rencana_sampel):
    r = rencana_sampel
    tahun = r.versi.tahun_rencana
    for lokasi in ["semua", None, *[u.pk for u in r.lokasi]]:
        akar, total = susun_kaskade(r, tahun, lokasi)

        def periksa(s):
            if s.anak:
                for i in range(len(tahun)):
                    anak = [a.pagu[i] for a in s.anak if a.pagu[i] is not None]
                    assert (s.pagu[i] or Decimal(0)) == sum(anak, Decimal(0))
            for a in s.anak:
                periksa(a)

        for a in akar:
            periksa(a)
        assert total == [sum((a.pagu[i] or Decimal(0) for a in akar), Decimal(0)) for i in range(len(tahun))]
    semua = susun_kaskade(r, tahun, "semua")[1]
    per_lokasi = [susun_kaskade(r, tahun, u.pk)[1] for u in r.lokasi] + [susun_kaskade(r, tahun, None)[1]]
    assert semua == [sum((p[i] for p in per_lokasi), Decimal(0)) for i in range(len(tahun))]


def test_the_explorer_filters_by_kelurahan_and_year(klien, versi_sampel, rencana_sampel):
    gedog = next(u for u in rencana_sampel.lokasi if u.nama_pendek == "Gedog")
    r = klien.get(reverse("renstra:kaskade", args=[versi_sampel.pk]), {"lokasi": gedog.pk, "tahun": 2023})
    html = r.content.decode()
    assert "Lokasi: Kelurahan Gedog" in html and "Tahun 2023" in html
    assert "1.203.370" in html  # Penyusunan Dokumen Perencanaan, Gedog, 2023
    r = klien.get(
        reverse("renstra:kaskade", args=[versi_sampel.pk]), {"lokasi": gedog.pk}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in r.content.decode()  # htmx gets the tree only


def _jumlah_query(klien, url):
    with CaptureQueriesContext(connection) as q:
        r = klien.get(url)
    assert r.status_code == 200
    return len(q.captured_queries)


def _rencana(nama, n_sub):
    rk = RencanaKecil(nama)
    n = rk.rantai()
    for i in range(n_sub):
        sub = rk.node(T.SUB_KEGIATAN, f"Sub {i}", n["kegiatan"], f"7.01.02.2.01.{i + 1:04d}")
        ind = rk.ind(sub, f"Jumlah laporan {i}", "Laporan")
        for lok in (rk.kantor, rk.gedog, rk.rembang):
            for y in (2022, 2023, 2024):
                rk.target(ind, y, str(i + 1), lokasi=lok)
                rk.pagu(sub, y, 1000 * (i + 1), lokasi=lok)
    _beri_peran("perencana", rk.versi.pd)
    return rk.versi


def _beri_peran(username, pd, jenis="perencana"):
    from django.contrib.auth import get_user_model

    from kinerja.core.models import Peran

    Peran.objects.create(pengguna=get_user_model().objects.get(username=username), jenis=jenis, pd=pd)


# Ceilings: what each page reads today (session and user included) plus two for middleware.
@pytest.mark.parametrize(
    "nama, args, batas",
    [
        ("renstra:dasbor", [], 16),  # 14 + the kelurahan and their population (density)
        ("renstra:kaskade", [], 12),
        ("renstra:tabel", ["6.2"], 12),
        ("renstra:tabel", ["6.1"], 12),
        ("renstra:tabel", ["4.1.1"], 12),
        ("renstra:tabel", ["7.1"], 12),
        ("renstra:unduh_tabel", ["6.2", "xlsx"], 12),
        ("renstra:unduh_tabel", ["6.2", "json"], 12),
        ("renstra:pemeriksaan", [], 23),  # 22 + the plan's revision (renstra.revisi)
        ("renstra:versi", [], 9),
    ],
)
def test_pages_use_the_same_number_of_queries_for_a_small_and_a_large_plan(klien, nama, args, batas):
    kecil = _rencana("Kecil", 1)
    besar = _rencana("Besar", 12)
    n_kecil = _jumlah_query(klien, reverse(nama, args=[kecil.pk, *args]))
    n_besar = _jumlah_query(klien, reverse(nama, args=[besar.pk, *args]))
    assert n_kecil == n_besar <= batas


def test_a_planner_imports_a_workbook_and_bad_rows_are_listed(
    klien, versi_sampel, rencana_sampel, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    from kinerja.renstra.ekspor import ekspor

    baik = ekspor("6.2", rencana_sampel, format="xlsx")
    sebelum = RenstraVersi.objects.count()
    wb = openpyxl.load_workbook(io.BytesIO(baik))
    ws = wb.active
    ws.cell(row=9, column=10).value = "satu juta"
    buruk = io.BytesIO()
    wb.save(buruk)
    buruk.seek(0)
    buruk.name = "buruk.xlsx"
    r = klien.post(reverse("renstra:impor", args=[versi_sampel.pk]), {"berkas": buruk})
    assert r.status_code == 400 and "satu juta" in r.content.decode() and "baris 9" not in r.content.decode()
    assert ">9<" in r.content.decode() and RenstraVersi.objects.count() == sebelum
    berkas = io.BytesIO(baik)
    berkas.name = "tabel.xlsx"
    r = klien.post(
        reverse("renstra:impor", args=[versi_sampel.pk]), {"berkas": berkas, "nama": "Draf revisi"}
    )
    assert r.status_code == 302 and "/impor/" in r["Location"]  # the preview comes first
    assert RenstraVersi.objects.count() == sebelum
    assert 'value="Draf revisi"' in klien.get(r["Location"]).content.decode()


def test_only_a_planner_may_import(client, versi_sampel):
    from django.contrib.auth import get_user_model

    tamu = get_user_model().objects.create_user("tamu", password="sandi-panjang-sekali-123")
    client.force_login(tamu)
    r = client.post(reverse("renstra:impor", args=[versi_sampel.pk]), {})
    assert r.status_code == 403


def test_the_difference_page_uses_a_fixed_number_of_queries(klien):
    from kinerja.renstra.salin import buat_perubahan

    jumlah = []
    for nama, n_sub in (("BedaKecil", 1), ("BedaBesar", 12)):
        lama = _rencana(nama, n_sub)
        baru = buat_perubahan(versi=lama, nama=f"Perubahan {nama}", pengguna=SISTEM)
        jumlah.append(_jumlah_query(klien, reverse("renstra:beda", args=[baru.pk])))
    assert jumlah[0] == jumlah[1] <= 25
