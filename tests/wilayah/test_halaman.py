"""The region's pages, Tabel 2.1 from records and the dashboard's density."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.core.models import CatatanAudit
from kinerja.core.pelaku import SISTEM
from kinerja.renstra.selectors import muat_rencana
from kinerja.renstra.tabel_dokumen import buat_tabel
from kinerja.wilayah import services
from kinerja.wilayah.models import Penduduk, RukunTetangga

pytestmark = pytest.mark.django_db

# 2024 figures chosen for the test: (kelurahan, L, P); the area is the sample's (Tabel 2.1).
TAHUN_UJI = [
    ("Gedog", 6000, 5925),
    ("Bendogerit", 5600, 5710),
    ("Sananwetan", 7200, 7430),
    ("Karangtengah", 3890, 3853),
    ("Plosokerep", 2550, 2634),
    ("Klampok", 2560, 2551),
    ("Rembang", 1580, 1673),
]
# By hand: jumlah = L + P; kepadatan = jumlah ÷ luas, half up to whole people.
#   Gedog 11.925 ÷ 2,65 = 4.500          Bendogerit 11.310 ÷ 1,95 = 5.800
#   Sananwetan 14.630 ÷ 2,12 = 6.900,94 → 6.901   Karangtengah 7.743 ÷ 1,79 = 4.325,70 → 4.326
#   Plosokerep 5.184 ÷ 1,24 = 4.180,65 → 4.181     Klampok 5.111 ÷ 1,53 = 3.340,52 → 3.341
#   Rembang 3.253 ÷ 0,84 = 3.872,62 → 3.873
#   Jumlah: luas 12,12; L 29.380; P 29.776; jumlah 59.156; 59.156 ÷ 12,12 = 4.880,86 → 4.881
DIHARAPKAN = [
    ("Kelurahan Gedog", "2.65", 6000, 5925, 11925, 4500),
    ("Kelurahan Bendogerit", "1.95", 5600, 5710, 11310, 5800),
    ("Kelurahan Sananwetan", "2.12", 7200, 7430, 14630, 6901),
    ("Kelurahan Karangtengah", "1.79", 3890, 3853, 7743, 4326),
    ("Kelurahan Plosokerep", "1.24", 2550, 2634, 5184, 4181),
    ("Kelurahan Klampok", "1.53", 2560, 2551, 5111, 3341),
    ("Kelurahan Rembang", "0.84", 1580, 1673, 3253, 3873),
]


def _isi_2024(pd):
    for nama, l_, p_ in TAHUN_UJI:
        services.tambah_penduduk(
            pengguna=SISTEM,
            unit=pd.unit_set.get(nama_pendek=nama),
            isian={"tahun": "2024", "laki_laki": str(l_), "perempuan": str(p_), "sumber": "Uji"},
        )


def _nilai(tabel):
    return [[s.nilai if s else None for s in b] for b in tabel.baris]


def test_generated_tabel_2_1_equals_hand_figures_and_the_printed_one_stays(versi_sampel, pd):
    cetak_sebelum = _nilai(buat_tabel("2.1", muat_rencana(versi_sampel)))
    _isi_2024(pd)
    r = muat_rencana(versi_sampel)
    t = buat_tabel("2.1-data", r)  # latest year by default
    assert t.subjudul == "Dari data wilayah, penduduk tahun 2024"
    baris = _nilai(t)
    for no, (b, (nama, luas, l_, p_, j_, padat)) in enumerate(zip(baris, DIHARAPKAN, strict=False), start=1):
        assert b == [no, nama, Decimal(luas), l_, p_, j_, Decimal(padat)]
    assert baris[-1][1:] == ["Jumlah", Decimal("12.12"), 29380, 29776, 59156, Decimal(4881)]
    # the 2020 records: three kelurahan whose print was cut short have no total
    t2020 = _nilai(buat_tabel("2.1-data", r, tahun=2020))
    assert t2020[0][5] == "?" and t2020[3][5] == 7743 and t2020[-1][5] == "?"
    # the printed table is the document's record: unchanged by new records
    assert _nilai(buat_tabel("2.1", r)) == cetak_sebelum
    # printed "3.89", "3.85" (cut short) and "7.743"
    assert cetak_sebelum[3][1:6] == ["Kelurahan Karangtengah", Decimal("1.79"), "?", "?", 7743]


def test_dashboard_density_from_the_latest_year(klien, versi_sampel, pd):
    url = reverse("renstra:dasbor", args=[versi_sampel.pk])
    html = klien.get(url).content.decode()
    # 2020: four kelurahan complete: 7.743 + 5.184 + 5.111 + 3.253 = 21.291 jiwa on
    # 1,79 + 1,24 + 1,53 + 0,84 = 5,40 km² → 3.942,78 → 3.943 jiwa/km²
    assert "21.291 jiwa di 5,40 km², kepadatan <strong>3.943 jiwa/km²" in html
    _isi_2024(pd)
    html = klien.get(url).content.decode()
    assert "penduduk 2024: <strong>59.156 jiwa</strong>, kepadatan <strong>4.881 jiwa/km²" in html


def test_wilayah_page_figures_and_constant_queries(klien, pd, django_assert_max_num_queries):
    _isi_2024(pd)
    url = reverse("wilayah:daftar", args=[pd.pk])
    with django_assert_max_num_queries(14) as q:
        html = klien.get(url).content.decode()
    sedikit = len(q.captured_queries)
    assert "59.156" in html and "4.881" in html and "6.901" in html
    for u in pd.unit_set.filter(jenis="kelurahan"):
        for rw in range(1, 4):
            for n in range(1, 6):
                RukunTetangga.objects.create(unit=u, rw=rw, nomor=n)
    with django_assert_max_num_queries(sedikit):
        html = klien.get(url).content.decode()
    # 3 RW × 5 RT in each kelurahan
    assert '<td class="num">15</td>' in html


def test_kelurahan_page_for_admin_and_readers(client, admin_pd, pd, gedog, masuk):
    url = reverse("wilayah:kelurahan", args=[pd.pk, gedog.pk])
    client.force_login(admin_pd)
    html = client.get(url).content.decode()
    assert "Tambah RT" in html and "Simpan luas" in html
    for nama in ("perencana", "lurah-gedog", "camat"):
        html = masuk(nama).get(url).content.decode()
        assert "Tambah RT" not in html and "Simpan luas" not in html and "Ubah" not in html
        assert masuk(nama).get(reverse("wilayah:daftar", args=[pd.pk])).status_code == 200


@pytest.mark.parametrize("nama", ["perencana", "lurah-gedog"])
def test_readers_posting_by_hand_are_refused(masuk, nama, pd, gedog):
    c = masuk(nama)
    sebelum = (CatatanAudit.objects.count(), RukunTetangga.objects.count(), Penduduk.objects.count())
    args = [pd.pk, gedog.pk]
    assert c.post(reverse("wilayah:luas", args=args), {"luas_km2": "3"}).status_code == 403
    assert c.post(reverse("wilayah:rt_tambah", args=args), {"rw": "1", "nomor": "1"}).status_code == 403
    assert (
        c.post(reverse("wilayah:penduduk_tambah", args=args), {"tahun": "2024", "jumlah": "5"}).status_code
        == 403
    )
    assert c.get(reverse("wilayah:impor", args=[pd.pk])).status_code == 403
    assert (CatatanAudit.objects.count(), RukunTetangga.objects.count(), Penduduk.objects.count()) == sebelum


def test_crafted_urls_to_another_pd_are_refused(client, pd_lain, pd, gedog):
    """The other PD's admin cannot open or post to this PD's region, nor reach its kelurahan through
    the address of its own PD."""
    client.force_login(pd_lain["admin"])
    assert client.get(reverse("wilayah:daftar", args=[pd.pk])).status_code == 403
    assert client.post(reverse("wilayah:luas", args=[pd.pk, gedog.pk]), {"luas_km2": "3"}).status_code == 403
    # its own PD in the address, Gedog's id: not found there
    lain = pd_lain["pd"].pk
    assert client.get(reverse("wilayah:kelurahan", args=[lain, gedog.pk])).status_code == 404
    assert (
        client.post(
            reverse("wilayah:rt_tambah", args=[lain, gedog.pk]), {"rw": "1", "nomor": "1"}
        ).status_code
        == 404
    )
    assert client.get(reverse("wilayah:daftar", args=[999999])).status_code == 404
    gedog.refresh_from_db()
    assert gedog.luas_km2 == Decimal("2.65") and not RukunTetangga.objects.exists()


def test_admin_form_errors_keep_the_input(client, admin_pd, pd, gedog):
    client.force_login(admin_pd)
    r = client.post(
        reverse("wilayah:penduduk_tambah", args=[pd.pk, gedog.pk]),
        {"tahun": "2024", "laki_laki": "100", "perempuan": "120", "jumlah": "221"},
    )
    html = r.content.decode()
    assert r.status_code == 400
    assert "Ada 1 hal yang perlu diperbaiki" in html and "100 + 120 = 220" in html
    assert 'value="221"' in html and 'href="#penduduk-jumlah"' in html
    r = client.post(reverse("wilayah:luas", args=[pd.pk, gedog.pk]), {"luas_km2": "-1"})
    assert r.status_code == 400 and "lebih dari 0" in r.content.decode()


def test_import_pages_preview_then_save(client, admin_pd, pd, tmp_path):
    client.force_login(admin_pd)
    url = reverse("wilayah:impor", args=[pd.pk])
    assert client.get(url).status_code == 200
    templat = client.get(reverse("wilayah:templat", args=[pd.pk]))
    assert templat.status_code == 200 and templat["Content-Disposition"].endswith('.xlsx"')
    salah = tmp_path / "salah.csv"
    salah.write_text("kelurahan,rw,rt\nGedog,1,1\nAntah,1,2\n", encoding="utf-8")
    with salah.open("rb") as f:
        r = client.post(url, {"berkas": f})
    assert r.status_code == 400 and "Kelurahan &#x27;Antah&#x27; tidak dikenal" in r.content.decode()
    assert client.post(reverse("wilayah:impor_simpan", args=[pd.pk])).status_code == 302
    assert not RukunTetangga.objects.exists()
    baik = tmp_path / "baik.csv"
    baik.write_text("kelurahan,rw,rt\nGedog,1,1\nKlampok,1,2\n", encoding="utf-8")
    with baik.open("rb") as f:
        r = client.post(url, {"berkas": f})
    assert r.status_code == 200 and "2 catatan baru" in r.content.decode()
    assert not RukunTetangga.objects.exists()  # the preview saves nothing
    r = client.post(reverse("wilayah:impor_simpan", args=[pd.pk]))
    assert r.status_code == 302 and RukunTetangga.objects.count() == 2
