"""The public portal as a whole: the home page, publication control, the shared cache (ETag, 304,
invalidation), the rate limit, robots/sitemap, the API against its OpenAPI document, and a scan of
every public address for personal data."""

from __future__ import annotations

import copy
import html
import io
import re
import zipfile

import jsonschema
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kinerja.core.models import CatatanAudit, PemdaDemo
from kinerja.portal import api, tembolok
from kinerja.portal.models import BAGIAN, Publikasi
from kinerja.portal.pd import alamat_pd, daftar_pd_publik
from kinerja.portal.services import atur_publikasi
from kinerja.wilayah.models import PerangkatDaerah

pytestmark = pytest.mark.django_db


@pytest.fixture
def pd_sampel(versi_sampel):
    return PerangkatDaerah.objects.select_related("pemda").get(pk=versi_sampel.pd_id)


def _admin():
    return get_user_model().objects.get(username="admin")


# --- home ---------------------------------------------------------------------------------------


def test_the_home_page_serves_a_citizen_without_login(client, pd_sampel):
    r = client.get("/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "<h1>Kecamatan Sananwetan</h1>" in html
    # the four things a citizen comes for, and the quiet way in for staff
    assert reverse("pengaduan:kirim", args=[pd_sampel.pk]) in html
    assert reverse("pengaduan:lacak") in html
    assert "Masuk petugas" in html and 'name="description"' in html and 'property="og:title"' in html
    # the sample's realisations are demonstration data and say so
    assert "data demonstrasi" in html


def test_a_kota_with_several_pds_lists_them(client, pd_sampel):
    PerangkatDaerah.objects.create(pemda=pd_sampel.pemda, nama="Dinas Contoh", slug="dinas-contoh")
    html = client.get("/").content.decode()
    assert reverse("publik:beranda_pd", args=[pd_sampel.pemda.slug, "dinas-contoh"]) in html
    assert reverse("publik:beranda_pd", args=[pd_sampel.pemda.slug, pd_sampel.slug]) in html


def test_an_unknown_pd_is_an_indonesian_404(client, pd_sampel):
    r = client.get(reverse("publik:beranda_pd", args=[pd_sampel.pemda.slug, "tidak-ada"]))
    assert r.status_code == 404 and "tidak ditemukan" in r.content.decode().lower()


def test_the_login_page_lists_demo_accounts_only_while_the_sample_is_loaded(client):
    assert "camat" in client.get(reverse("login")).content.decode()
    PemdaDemo.objects.all().delete()
    html = client.get(reverse("login")).content.decode()
    assert "kinerja-pimpinan-2022" not in html and "mode demonstrasi" not in html.lower()


# --- publication control ------------------------------------------------------------------------


def test_only_the_pd_admin_decides_what_is_published_and_it_is_audited(pd_sampel):
    perencana = get_user_model().objects.get(username="perencana")
    with pytest.raises(PermissionDenied):
        atur_publikasi(pengguna=perencana, pd=pd_sampel, terbuka={"kinerja": False})
    assert not Publikasi.objects.filter(pd=pd_sampel).exists()
    atur_publikasi(pengguna=_admin(), pd=pd_sampel, terbuka={"kinerja": False})
    p = Publikasi.objects.get(pd=pd_sampel)
    assert p.kinerja is False and p.layanan is True  # sections not named keep their state
    e = CatatanAudit.objects.filter(objek_tipe="portal.publikasi").latest("pk")
    assert e.perubahan == {"kinerja": [True, False]} and e.pd_id == pd_sampel.pk


def test_the_settings_page_saves_the_switches(client, pd_sampel):
    url = reverse("publik:atur", args=[pd_sampel.pemda.slug, pd_sampel.slug])
    assert client.get(url).status_code == 302  # login first
    client.force_login(_admin())
    assert url in client.get(reverse("beranda_admin")).content.decode()  # reached from the admin's page
    semua = {k: "1" for k, _ in BAGIAN if k != "anggaran"}
    r = client.post(url, semua, follow=True)
    assert r.status_code == 200 and "disimpan" in r.content.decode()
    assert Publikasi.objects.get(pd=pd_sampel).terbuka() == {k: k != "anggaran" for k, _ in BAGIAN}
    client.force_login(get_user_model().objects.get(username="lurah-klampok"))
    assert client.post(url, {}).status_code == 403


def test_a_section_switched_off_disappears_everywhere(client, pd_sampel, django_capture_on_commit_callbacks):
    """Every address of every section answers 404 once its section is off, and leaves the list."""
    semula = alamat_pd(_pd(pd_sampel))
    for bagian, _label in BAGIAN:
        with django_capture_on_commit_callbacks(execute=True):  # the change reaches stored answers
            atur_publikasi(pengguna=_admin(), pd=pd_sampel, terbuka={k: k != bagian for k, _ in BAGIAN})
        sisa = set(alamat_pd(_pd(pd_sampel)))
        hilang = [a for a in semula if a not in sisa]
        for a in hilang[:5]:
            assert client.get(a).status_code == 404, a
        for ds in api.daftar():
            url = reverse("publik:api_dataset", args=[pd_sampel.pemda.slug, pd_sampel.slug, ds.kunci])
            assert (client.get(url).status_code == 404) == (ds.bagian == bagian), (bagian, ds.kunci)
    atur_publikasi(pengguna=_admin(), pd=pd_sampel, terbuka={k: False for k, _ in BAGIAN})
    assert pd_sampel.pk not in [p.pk for p in daftar_pd_publik()]


def _pd(pd):
    from kinerja.portal.pd import pd_publik

    return pd_publik(pd.pemda.slug, pd.slug)


# --- the shared cache ---------------------------------------------------------------------------


def test_a_repeated_request_is_answered_304_and_a_change_makes_a_new_page(
    client, pd_sampel, django_capture_on_commit_callbacks
):
    pertama = client.get("/")
    etag = pertama["ETag"]
    assert etag and pertama["Last-Modified"]
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/", HTTP_IF_MODIFIED_SINCE=pertama["Last-Modified"]).status_code == 304
    # a change of the PD's data (its name) reaches the public page at once
    with django_capture_on_commit_callbacks(execute=True):
        obj = PerangkatDaerah.objects.get(pk=pd_sampel.pk)
        obj.nama = "Kecamatan Sananwetan Baru"
        obj.save()
    baru = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert baru.status_code == 200 and "Kecamatan Sananwetan Baru" in baru.content.decode()
    assert baru["ETag"] != etag


def test_one_version_bump_per_transaction(django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks() as panggilan:
        with transaction.atomic():
            for _ in range(5):
                tembolok.naikkan_versi()
    assert len(panggilan) == 1


def test_a_signed_in_user_is_never_served_a_stored_page(client, pd_sampel):
    client.get("/")  # stored for anonymous visitors
    client.force_login(_admin())
    r = client.get(reverse("publik:semua"))
    assert "Masuk petugas" not in r.content.decode() and not r.has_header("ETag")


def test_too_many_requests_get_an_indonesian_answer(client, settings, pd_sampel, monkeypatch):
    from kinerja.core import batas

    monkeypatch.setattr(batas, "_kini", lambda: 7_000_000.0)  # all requests in one window of the limit
    settings.KINERJA_BATAS_PUBLIK = 3
    for _ in range(3):
        assert client.get("/").status_code == 200
    r = client.get("/")
    assert (
        r.status_code == 429
        and r["Retry-After"] == "60"
        and "Terlalu banyak permintaan" in r.content.decode()
    )
    j = client.get(reverse("publik:api_indeks"))
    assert j.status_code == 429 and "Coba lagi" in j.json()["galat"]


# --- indexes ------------------------------------------------------------------------------------


def test_robots_and_sitemap_list_the_public_pages(client, pd_sampel):
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots and "Disallow: /admin/" in robots
    peta = client.get("/sitemap.xml").content.decode()
    lokasi = {html.unescape(a) for a in re.findall(r"<loc>http://testserver([^<]+)</loc>", peta)}
    halaman = {a for a in alamat_pd(_pd(pd_sampel)) if not a.split("?", 1)[0].endswith((".csv", ".xlsx"))}
    assert not any(".csv" in a or ".xlsx" in a for a in lokasi)  # downloads are not pages
    assert halaman <= lokasi and "/" in lokasi and reverse("publik:data") in lokasi


def test_the_data_page_explains_every_dataset(client, pd_sampel):
    html = client.get(reverse("publik:data")).content.decode()
    assert "CC BY 4.0" in html
    for ds in api.daftar():
        assert f'id="dataset-{ds.kunci}"' in html
        assert reverse("publik:api_dataset", args=[pd_sampel.pemda.slug, pd_sampel.slug, ds.kunci]) in html


# --- the API against its document ---------------------------------------------------------------


def _skema_json(skema: dict) -> dict:
    """OpenAPI 3.0 ``nullable`` → JSON Schema ``type: [t, "null"]`` (recursively)."""
    s = copy.deepcopy(skema)

    def ubah(x):
        if isinstance(x, dict):
            if x.pop("nullable", False) and "type" in x:
                x["type"] = [x["type"], "null"]
            for v in x.values():
                ubah(v)
        elif isinstance(x, list):
            for v in x:
                ubah(v)

    ubah(s)
    return s


def _isi_path(path: str, pd) -> str:
    return path.replace("{pemda}", pd.pemda.slug).replace("{pd}", pd.slug)


def test_every_api_path_answers_json_matching_the_openapi_document(client, pd_sampel):
    doc = client.get(reverse("publik:openapi")).json()
    assert doc["openapi"].startswith("3.")
    dasar = reverse("publik:api_indeks").rstrip("/")
    assert set(doc["paths"]) >= {"/", "/pd/"} | {f"/pd/{{pemda}}/{{pd}}/{d.kunci}/" for d in api.daftar()}
    for path, op in doc["paths"].items():
        skema = _skema_json(op["get"]["responses"]["200"]["content"]["application/json"]["schema"])
        url = dasar + _isi_path(path, pd_sampel)
        while url:
            r = client.get(url)
            assert r.status_code == 200 and r["Content-Type"].startswith("application/json"), url
            isi = r.json()
            jsonschema.validate(isi, skema)
            url = (isi.get("berikutnya") or "").replace("http://testserver", "")


def test_api_paging_and_bad_parameters(client, pd_sampel):
    url = reverse("publik:api_pd")
    isi = client.get(url, {"per_halaman": 1}).json()
    assert isi["jumlah"] >= 1 and len(isi["data"]) == 1 and isi["sebelumnya"] is None
    for salah in ({"halaman": "abc"}, {"per_halaman": 0}, {"per_halaman": 501}):
        r = client.get(url, salah)
        assert r.status_code == 400 and "Parameter" in r.json()["galat"]
    r = client.get(reverse("publik:api_dataset", args=[pd_sampel.pemda.slug, pd_sampel.slug, "tidak-ada"]))
    assert r.status_code == 404 and "tidak ada" in r.json()["galat"]
    r = client.get(reverse("publik:api_dataset", args=[pd_sampel.pemda.slug, "tidak-ada", "rencana"]))
    assert r.status_code == 404 and r.json()["galat"].startswith("Perangkat daerah “tidak-ada”")


# --- nothing private, anywhere ------------------------------------------------------------------


def _teks(r) -> str:
    """The text of an answer; an XLSX workbook is unzipped (its strings are inside compressed XML)."""
    if r["Content-Type"].startswith("application/vnd.openxmlformats"):
        with zipfile.ZipFile(io.BytesIO(r.content)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    return r.content.decode("utf-8-sig", "replace")


def _data_pribadi(pd) -> list[str]:
    from kinerja.monev.models import Realisasi
    from kinerja.pengaduan.models import Lampiran, Pengaduan
    from kinerja.sumberdaya.models import Pegawai
    from kinerja.wilayah.models import RukunTetangga

    nilai = set()
    for nama, kontak in Pengaduan.objects.values_list("nama_pelapor", "kontak_pelapor"):
        nilai |= {nama, kontak}
    nilai |= set(Lampiran.objects.values_list("nama", flat=True))
    nilai |= {
        b.rsplit("/", 1)[-1] for b in Realisasi.objects.exclude(bukti="").values_list("bukti", flat=True)
    }
    for nama, nip in Pegawai.objects.values_list("nama", "nip"):
        nilai |= {nama, nip}
    nilai |= set(RukunTetangga.objects.values_list("ketua", flat=True))
    pejabat = {pd.pimpinan_nama}
    return sorted(v for v in nilai if v and len(v) >= 5 and v not in pejabat)


def _alamat_publik(client, pd) -> list[str]:
    alamat = [
        "/",
        reverse("publik:data"),
        "/sitemap.xml",
        reverse("publik:api_indeks"),
        reverse("publik:api_pd"),
    ]
    alamat += [reverse("publik:openapi")]
    alamat += alamat_pd(_pd(pd))
    for ds in api.daftar():
        alamat.append(
            reverse("publik:api_dataset", args=[pd.pemda.slug, pd.slug, ds.kunci]) + "?per_halaman=500"
        )
    return alamat


def test_no_public_address_shows_personal_data(client, settings, pd_sampel):
    """Every public page, download and API answer of the sample, scanned for the reporters'
    names and contacts, attachment names, staff names and NIP and ketua RT names — those of the
    sample and distinctive ones added here through the public complaint form."""
    from kinerja.pengaduan.models import Pengaduan
    from kinerja.sumberdaya.models import Pegawai
    from kinerja.wilayah.models import RukunTetangga, Unit

    kantor = Unit.objects.filter(pd=pd_sampel, jenis="kantor").first()
    p = Pengaduan.objects.filter(unit__pd=pd_sampel).first()
    Pengaduan.objects.filter(pk=p.pk).update(
        nama_pelapor="Sutinah Rahayuningsih", kontak_pelapor="sutinah.r@contoh.id"
    )
    Pegawai.objects.filter(unit=kantor).update(nip="19791231 200501 2 077")
    RukunTetangga.objects.filter(unit__pd=pd_sampel).update(ketua="Bapak Suparjo Wiryokusumo")
    from kinerja.monev.models import Realisasi

    Realisasi.objects.filter(pk=Realisasi.objects.filter(lokasi__pd=pd_sampel).first().pk).update(
        bukti="monev/bukti/daftar-hadir-rahasia-0412.pdf"
    )
    settings.KINERJA_BATAS_PUBLIK = 100_000  # one reader fetching every public address
    rahasia = _data_pribadi(pd_sampel)
    assert {
        "Sutinah Rahayuningsih",
        "sutinah.r@contoh.id",
        "Bapak Suparjo Wiryokusumo",
        "daftar-hadir-rahasia-0412.pdf",
    } <= set(rahasia)
    bocor = []
    dikunjungi = 0
    for url in _alamat_publik(client, pd_sampel):
        r = client.get(url)
        assert r.status_code == 200, url
        dikunjungi += 1
        teks = _teks(r)
        bocor += [(url, v) for v in rahasia if v in teks]
    assert dikunjungi >= 500 and not bocor, bocor[:10]


def test_a_fresh_year_does_not_stand_for_the_unit_and_a_complaint_within_its_deadline_is_not_late(
    client, pd_sampel
):
    """One complaint sent today (the sample's complaints are of 2022): the headline keeps the last
    complete year, and in this year's statistics the new complaint is neither on time nor late."""
    from django.utils import timezone

    from kinerja.pengaduan.models import Kategori, Pengaduan
    from kinerja.portal import layanan as data
    from kinerja.wilayah.models import Unit

    unit = Unit.objects.filter(pd=pd_sampel, jenis="kelurahan").order_by("pk").first()
    kategori = Kategori.objects.filter(pd=pd_sampel).order_by("pk").first()
    r = client.post(
        reverse("pengaduan:kirim", args=[pd_sampel.pk]),
        {
            "unit": unit.pk,
            "kategori": kategori.pk,
            "judul": "Saluran tersumbat",
            "isi": "Air meluap.",
            "anonim": "1",
        },
    )
    assert r.status_code == 302 and Pengaduan.objects.filter(judul="Saluran tersumbat").exists()
    ini = timezone.localdate().year
    s, _ = data.statistik_aduan(pd_sampel, str(ini))
    assert (s.total.jumlah, s.total.menunggu, s.total.jatuh_tempo, s.total.persen_tepat) == (1, 1, 0, None)
    html = client.get("/").content.decode()
    assert "Pengaduan 2022 ditangani tepat waktu" in html and f"Pengaduan {ini}" not in html
    assert "IKM 2022" in html


def test_a_too_long_complaint_title_is_refused_with_a_reason_and_nothing_is_cut(client, pd_sampel):
    from kinerja.pengaduan.models import Kategori, Pengaduan
    from kinerja.wilayah.models import Unit

    unit = Unit.objects.filter(pd=pd_sampel, jenis="kelurahan").order_by("pk").first()
    kategori = Kategori.objects.filter(pd=pd_sampel).order_by("pk").first()
    judul = "Jalan rusak " * 25  # 300 letters
    n = Pengaduan.objects.count()
    r = client.post(
        reverse("pengaduan:kirim", args=[pd_sampel.pk]),
        {
            "unit": unit.pk,
            "kategori": kategori.pk,
            "judul": judul,
            "isi": "Berlubang di depan sekolah.",
            "anonim": "1",
        },
    )
    assert r.status_code in (200, 400) and "paling panjang 200 huruf" in r.content.decode()
    assert Pengaduan.objects.count() == n and "Berlubang di depan sekolah." in r.content.decode()  # kept


def test_a_missing_public_page_leads_back_to_the_portal(client, pd_sampel):
    r = client.get(reverse("publik:beranda_pd", args=[pd_sampel.pemda.slug, pd_sampel.slug]) + "tidak-ada/")
    assert r.status_code == 404 and reverse("publik:semua") in r.content.decode()


def test_a_kelurahan_verified_for_part_of_the_year_says_so_beside_its_mean_capaian(client, pd_sampel):
    """Klampok's fourth quarter of 2022 is only submitted in the sample: its mean capaian covers three
    quarters against the whole year's target, and the row says so; Bendogerit's (all four verified) does not."""
    from kinerja.monev.models import Laporan
    from kinerja.wilayah.models import Unit

    klampok = Unit.objects.get(pd=pd_sampel, nama_pendek="Klampok")
    bendogerit = Unit.objects.get(pd=pd_sampel, nama_pendek="Bendogerit")
    status = dict(Laporan.objects.filter(unit=klampok, tahun=2022).values_list("triwulan", "status"))
    assert status[4] != "diverifikasi" and all(status[q] == "diverifikasi" for q in (1, 2, 3))
    assert all(
        s == "diverifikasi"
        for s in Laporan.objects.filter(unit=bendogerit, tahun=2022).values_list("status", flat=True)
    )
    args = [pd_sampel.pemda.slug, pd_sampel.slug]
    assert (
        "Belum setahun penuh (s.d. TW III)"
        in client.get(reverse("publik:kinerja_kelurahan", args=[*args, klampok.pk])).content.decode()
    )
    assert (
        "Belum setahun penuh"
        not in client.get(reverse("publik:kinerja_kelurahan", args=[*args, bendogerit.pk]))
        .content.decode()
        .split("2023")[0]
    )
