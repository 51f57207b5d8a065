"""The public layanan and pengaduan pages: catalogue, standards, IKM, survey links, complaint
statistics, their downloads and datasets — open without login, never showing a reporter."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
import zipfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.layanan.models import JenisLayanan
from kinerja.pengaduan.models import Kategori, Pengaduan
from kinerja.portal.pd import alamat_pd, pd_publik
from kinerja.skm.models import Kios, Respons
from tests.hitung_tangan import setengah_ke_atas

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "src" / "kinerja" / "data" / "sananwetan" / "layanan.csv"
UNSUR = [f"u{i}" for i in range(1, 10)]


@pytest.fixture
def ppd(versi_sampel):
    return pd_publik(versi_sampel.pd.pemda.slug, versi_sampel.pd.slug)


def _url(ppd, nama: str, *args) -> str:
    return reverse(f"publik:{nama}", args=[ppd.pemda.slug, ppd.slug, *args])


def _teks(r) -> str:
    return r.content.decode("utf-8-sig")


def _tabel_csv(isi: str) -> list[list[list[str]]]:
    """The tables of a CSV download (separated by an empty line)."""
    tabel, kini = [], []
    for baris in csv.reader(io.StringIO(isi), delimiter=";"):
        if not baris:
            tabel.append(kini)
            kini = []
        else:
            kini.append(baris)
    return [*tabel, kini] if kini else tabel


def _id(d) -> str:
    return f"{d:f}".replace(".", ",")


# --- every address, without login -----------------------------------------------------------------


def test_every_address_of_both_sections_opens_without_login(client, ppd):
    alamat = [
        a for a in alamat_pd(ppd) if "/layanan" in a or "/ikm" in a or "/survei" in a or "/pengaduan" in a
    ]
    jenis = JenisLayanan.objects.filter(unit__pd=ppd, aktif=True).count()
    # catalogue + 2 downloads, every standard, IKM + 2 downloads, survey; complaints + 2 downloads
    assert len(alamat) == 3 + jenis + 3 + 1 + 3
    for a in alamat:
        r = client.get(a)
        assert r.status_code == 200, a
        if a.endswith(".csv"):
            assert r["Content-Type"].startswith("text/csv")
        elif a.endswith(".xlsx"):
            assert zipfile.is_zipfile(io.BytesIO(r.content))
        else:
            assert _teks(r).count("<h1") == 1, a


# --- the catalogue --------------------------------------------------------------------------------


def _akta_dari_berkas() -> tuple[list[str], list[str]]:
    """Names of the sample's services whose name or requirements mention 'akta' (kecamatan, kelurahan)."""
    kec, kel = [], []
    with DATA.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if "akta" in (r["nama"] + " " + r["persyaratan"]).lower():
                (kec if r["unit"] == "kecamatan" else kel).append(r["nama"])
    return kec, kel


def test_search_finds_the_services_that_mention_akta_at_every_unit(client, ppd):
    kec, kel = _akta_dari_berkas()
    n_kelurahan = ppd.unit_set.filter(jenis="kelurahan").count()
    assert kec and kel and n_kelurahan == 7
    teks = _teks(client.get(_url(ppd, "layanan") + "?q=akta"))
    assert f"<strong>{len(kec) + n_kelurahan * len(kel)}</strong> layanan cocok dengan “akta”" in teks
    for nama in kec + kel:
        assert f">{nama}</a></h3>" in teks
    assert ">Surat Keterangan Usaha</a></h3>" not in teks  # no 'akta' in its name or requirements
    # Two words: both must be found ("akta" and "kematian").
    teks = _teks(client.get(_url(ppd, "layanan") + "?q=akta+kematian"))
    assert ">Surat Keterangan Usaha</a></h3>" not in teks and ">Surat Keterangan Ahli Waris</a></h3>" in teks


def test_the_unit_filter_shows_one_unit_and_a_bad_unit_shows_all_with_a_message(client, ppd):
    gedog = ppd.unit_set.get(nama_pendek="Gedog")
    teks = _teks(client.get(_url(ppd, "layanan") + f"?unit={gedog.pk}"))
    with DATA.open(encoding="utf-8") as f:
        kel = [r["nama"] for r in csv.DictReader(f) if r["unit"] == "kelurahan"]
    assert teks.count('class="kartu kartu-layanan"') == len(kel)
    assert "Kelurahan Bendogerit</h2>" not in teks and f'value="{gedog.pk}" selected' in teks
    semua = JenisLayanan.objects.filter(unit__pd=ppd, aktif=True).count()
    for salah in ("abc", "999999999", "99999999999999999999999", "-1"):
        r = client.get(_url(ppd, "layanan") + f"?unit={salah}")
        assert r.status_code == 200
        teks = _teks(r)
        assert "tidak dikenal; ditampilkan semua unit" in teks
        assert teks.count('class="kartu kartu-layanan"') == semua
    # The filter is applied by a button, not on change; the select is labelled.
    teks = _teks(client.get(_url(ppd, "layanan")))
    assert '<label for="pilih-unit">' in teks and ">Terapkan</button>" in teks and "onchange" not in teks


def test_a_standard_shows_every_component_and_an_inactive_service_is_not_found(
    client, ppd, django_capture_on_commit_callbacks
):
    j = JenisLayanan.objects.filter(unit__pd=ppd, unit__nama_pendek="Gedog").exclude(dasar_hukum="").first()
    teks = _teks(client.get(_url(ppd, "layanan_standar", j.unit_id, j.slug)))
    for bagian in (
        "Persyaratan",
        "Sistem, mekanisme dan prosedur",
        "Jangka waktu penyelesaian",
        "Biaya/tarif",
    ):
        assert bagian in teks
    for x in j.persyaratan.splitlines() + j.prosedur.splitlines():
        assert f"<li>{x.strip()}</li>" in teks
    kios = Kios.objects.filter(unit=j.unit, aktif=True).order_by("pk").first()
    assert reverse("skm:isi", args=[kios.token_ponsel]) in teks
    with django_capture_on_commit_callbacks(execute=True):  # the change moves the public data version on
        j.aktif = False
        j.save()
    assert client.get(_url(ppd, "layanan_standar", j.unit_id, j.slug)).status_code == 404
    assert client.get(_url(ppd, "layanan_standar", 10**40, j.slug)).status_code == 404


def test_the_old_catalogue_addresses_lead_to_the_portal_for_good(client, ppd):
    j = JenisLayanan.objects.filter(unit__pd=ppd).first()
    r = client.get(reverse("layanan:katalog", args=[ppd.pk]))
    assert r.status_code == 301 and r["Location"] == _url(ppd, "layanan")
    r = client.get(reverse("layanan:standar", args=[ppd.pk, j.unit_id, j.slug]))
    assert r.status_code == 301 and r["Location"] == _url(ppd, "layanan_standar", j.unit_id, j.slug)


# --- IKM ------------------------------------------------------------------------------------------


def _ikm_tangan(baris) -> tuple[int, list[Fraction], Fraction]:
    """Respondents, NRR per unsur and the exact IKM: mean of each unsur's answers, weight 1/9 each,
    sum × 25 (PermenPANRB 14/2017, DOMAIN.md)."""
    nrr = []
    for i in range(9):
        jawaban = [b[i] for b in baris if b[i] is not None]
        nrr.append(Fraction(sum(jawaban), len(jawaban)))
    return len(baris), nrr, sum(n * Fraction(1, 9) for n in nrr) * 25


def _mutu(nilai) -> str:
    return "A" if nilai >= 88.31 else "B" if nilai >= 76.61 else "C" if nilai >= 65 else "D"


def test_the_ikm_of_a_unit_equals_the_hand_computation_from_its_answers(client, ppd):
    gedog = ppd.unit_set.get(nama_pendek="Gedog")
    # Ten answers quarantined: they leave the index, as on the staff results page.
    ids = list(Respons.objects.filter(unit=gedog).order_by("pk").values_list("pk", flat=True)[:10])
    Respons.objects.filter(pk__in=ids).update(karantina=timezone.now())
    a = timezone.make_aware(dt.datetime(2022, 1, 1))
    b = timezone.make_aware(dt.datetime(2023, 1, 1))
    baris = list(
        Respons.objects.filter(unit=gedog, waktu__gte=a, waktu__lt=b, karantina__isnull=True).values_list(
            *UNSUR
        )
    )
    n, nrr, nilai = _ikm_tangan(baris)
    tabel = _tabel_csv(_teks(client.get(_url(ppd, "ikm_unduh", "csv") + "?tahun=2022")))
    gedog_csv = next(r for r in tabel[0] if r[0] == "Kelurahan Gedog")
    ikm = setengah_ke_atas(nilai)
    assert gedog_csv[1] == str(n) and n == 300 - 10
    assert gedog_csv[2:11] == [_id(setengah_ke_atas(x)) for x in nrr]
    assert gedog_csv[11] == _id(ikm) and gedog_csv[12].startswith(_mutu(ikm) + " · ")
    teks = _teks(client.get(_url(ppd, "ikm") + "?tahun=2022"))
    assert f"{_id(ikm)}</strong>" in teks and "triwulan 4 tahun 2022" in teks
    # The fourth quarter (the last complete one) from the answers of October–December.
    a4 = timezone.make_aware(dt.datetime(2022, 10, 1))
    q4 = list(
        Respons.objects.filter(unit=gedog, waktu__gte=a4, waktu__lt=b, karantina__isnull=True).values_list(
            *UNSUR
        )
    )
    n4, _nrr4, nilai4 = _ikm_tangan(q4)
    gedog_tw = next(r for r in tabel[1] if r[0] == "Kelurahan Gedog")
    assert gedog_tw[1] == str(n4) and gedog_tw[11] == _id(setengah_ke_atas(nilai4))
    api = client.get(
        reverse("publik:api_dataset", args=[ppd.pemda.slug, ppd.slug, "ikm"]) + "?tahun=2022"
    ).json()
    baris_api = next(r for r in api["data"] if r["unit_id"] == gedog.pk and r["triwulan"] == 4)
    assert baris_api["responden"] == n4 and Decimal(str(baris_api["ikm"])) == setengah_ke_atas(nilai4)


def test_the_pd_headline_ikm_is_every_units_answers_together(client, ppd):
    a = timezone.make_aware(dt.datetime(2022, 1, 1))
    b = timezone.make_aware(dt.datetime(2023, 1, 1))
    baris = list(
        Respons.objects.filter(unit__pd=ppd, waktu__gte=a, waktu__lt=b, karantina__isnull=True).values_list(
            *UNSUR
        )
    )
    n, _nrr, nilai = _ikm_tangan(baris)
    ikm = setengah_ke_atas(nilai)
    teks = _teks(client.get(reverse("publik:beranda_pd", args=[ppd.pemda.slug, ppd.slug])))
    assert f'IKM 2022</span> <strong class="sorotan-nilai">{_id(ikm)} ({_mutu(ikm)} · ' in teks
    assert f"{n:,}".replace(",", ".") + " responden" in teks


def test_the_survey_page_links_each_kiosk_phone_form_and_names_units_without_one(client, ppd):
    gedog = ppd.unit_set.get(nama_pendek="Gedog")
    rembang = ppd.unit_set.get(nama_pendek="Rembang")
    Kios.objects.filter(unit=rembang).update(aktif=False)
    teks = _teks(client.get(_url(ppd, "survei")))
    kios = Kios.objects.filter(unit=gedog).order_by("pk").first()
    assert reverse("skm:isi", args=[kios.token_ponsel]) in teks and "baru saja dilayani" in teks
    assert kios.token not in teks  # the tablet's own secret never
    assert 'Kelurahan Rembang</span> <span class="kecil">belum menerima survei daring' in teks


# --- complaints -----------------------------------------------------------------------------------


def _aduan_tangan(tahun: int) -> dict:
    """From the raw complaint rows: counts per category and status, on-time share, average days."""
    baris = [
        p
        for p in Pengaduan.objects.filter(unit__pd__slug="kecamatan-sananwetan").select_related("kategori")
        if timezone.localtime(p.diterima_pada).year == tahun
    ]
    tindak = [p for p in baris if p.ditindaklanjuti_pada]
    tepat = [p for p in tindak if timezone.localtime(p.ditindaklanjuti_pada).date() <= p.batas]
    ditolak = sum(p.status == "ditolak" for p in baris)
    detik = sum((p.ditindaklanjuti_pada - p.diterima_pada).total_seconds() for p in tindak)
    kategori, status = {}, {}
    for p in baris:
        kategori[p.kategori.nama] = kategori.get(p.kategori.nama, 0) + 1
        status[p.get_status_display()] = status.get(p.get_status_display(), 0) + 1
    return {
        "jumlah": len(baris),
        "kategori": kategori,
        "status": status,
        "tepat": len(tepat),
        "persen": setengah_ke_atas(Fraction(len(tepat) * 100, len(baris) - ditolak)),
        "hari": setengah_ke_atas(Fraction(int(detik), len(tindak) * 86400), 1),
    }


def test_complaint_statistics_equal_the_counts_from_the_raw_rows(client, ppd):
    h = _aduan_tangan(2022)
    assert h["jumlah"] > 20
    tabel = _tabel_csv(_teks(client.get(_url(ppd, "pengaduan_unduh", "csv") + "?tahun=2022")))
    kepala, jumlah = tabel[0][0], tabel[0][-1]
    assert jumlah[0] == "Jumlah" and jumlah[-1] == str(h["jumlah"])
    assert {k: int(v) for k, v in zip(kepala[1:-1], jumlah[1:-1], strict=True) if v != "0"} == h["kategori"]
    kepala, jumlah = tabel[1][0], tabel[1][-1]
    assert {k: int(v) for k, v in zip(kepala[1:-1], jumlah[1:-1], strict=True) if v != "0"} == h["status"]
    total = tabel[2][-1]
    assert total[4] == str(h["tepat"]) and total[5] == _id(h["persen"]) + "%" and total[6] == _id(h["hari"])
    teks = _teks(client.get(_url(ppd, "pengaduan") + "?tahun=2022"))
    assert f"{_id(h['persen'])}%</strong> ditindaklanjuti tepat waktu" in teks
    assert f"{_id(h['hari'])} hari</strong>" in teks
    assert reverse("pengaduan:kirim", args=[ppd.pk]) in teks and reverse("pengaduan:lacak") in teks
    # The dataset's rows add up to the same counts.
    api = client.get(
        reverse("publik:api_dataset", args=[ppd.pemda.slug, ppd.slug, "statistik-pengaduan"])
        + "?tahun=2022&per_halaman=500"
    ).json()
    assert sum(r["jumlah"] for r in api["data"]) == h["jumlah"]
    assert sum(r["tepat_waktu"] for r in api["data"]) == h["tepat"]


def test_a_year_that_cannot_be_read_is_named_and_a_year_without_complaints_says_so(client, ppd):
    r = client.get(_url(ppd, "pengaduan") + "?tahun=abc")
    assert r.status_code == 200 and "Tahun “abc” tidak dapat dipakai" in _teks(r)
    assert "Belum ada pengaduan yang tercatat pada tahun 2031" in _teks(
        client.get(_url(ppd, "pengaduan") + "?tahun=2031")
    )
    assert client.get(_url(ppd, "pengaduan_unduh", "csv") + "?tahun=abc").status_code == 404
    api = reverse("publik:api_dataset", args=[ppd.pemda.slug, ppd.slug, "statistik-pengaduan"])
    assert client.get(api + "?tahun=abc").status_code == 400


# --- datasets -------------------------------------------------------------------------------------


def _cocok(nilai, skema: dict, jalan: str) -> None:
    """A small JSON-schema check (the subset the datasets use)."""
    if nilai is None:
        assert skema.get("nullable"), f"{jalan}: null"
        return
    jenis = skema["type"]
    py = {
        "object": dict,
        "array": list,
        "string": str,
        "integer": int,
        "number": (int, float),
        "boolean": bool,
    }
    assert isinstance(nilai, py[jenis]) and not (
        jenis in ("integer", "number") and isinstance(nilai, bool)
    ), f"{jalan}: {nilai!r} bukan {jenis}"
    if "enum" in skema:
        assert nilai in skema["enum"], jalan
    if "minimum" in skema:
        assert nilai >= skema["minimum"], jalan
    if "maximum" in skema:
        assert nilai <= skema["maximum"], jalan
    if jenis == "object":
        assert set(skema["required"]) <= set(nilai), f"{jalan}: kurang {set(skema['required']) - set(nilai)}"
        assert set(nilai) <= set(skema["properties"]), (
            f"{jalan}: lebih {set(nilai) - set(skema['properties'])}"
        )
        for k, v in nilai.items():
            _cocok(v, skema["properties"][k], f"{jalan}.{k}")
    if jenis == "array":
        for i, v in enumerate(nilai):
            _cocok(v, skema["items"], f"{jalan}[{i}]")


def test_every_row_of_the_four_datasets_matches_its_schema(client, ppd):
    from kinerja.portal import api

    for kunci, minimal in (
        ("layanan", 100),
        ("ikm", 32),
        ("statistik-pelayanan", 32),
        ("statistik-pengaduan", 20),
    ):
        ds = api.ambil(kunci)
        r = client.get(
            reverse("publik:api_dataset", args=[ppd.pemda.slug, ppd.slug, kunci]) + "?per_halaman=500"
        )
        assert r.status_code == 200, kunci
        data = r.json()["data"]
        assert len(data) >= minimal, kunci
        for i, baris in enumerate(data):
            _cocok(baris, ds.skema, f"{kunci}[{i}]")
    # The catalogue's ids stay the service's own, and its filters are those of the page.
    gedog = ppd.unit_set.get(nama_pendek="Gedog")
    alamat = reverse("publik:api_dataset", args=[ppd.pemda.slug, ppd.slug, "layanan"])
    data = client.get(alamat + f"?unit={gedog.pk}&q=akta").json()["data"]
    assert {d["id"] for d in data} == set(
        JenisLayanan.objects.filter(unit=gedog, nama__in=_akta_dari_berkas()[1]).values_list("pk", flat=True)
    )
    assert client.get(alamat + "?unit=abc").status_code == 400


# --- privacy --------------------------------------------------------------------------------------


def _isi_xlsx(isi: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def test_no_reporter_name_contact_or_complaint_text_appears_anywhere_in_these_sections(client, ppd):
    unit = ppd.unit_set.get(nama_pendek="Gedog")
    Pengaduan.objects.create(
        pd=ppd,
        unit=unit,
        kategori=Kategori.objects.filter(pd=ppd).first(),
        kanal="web",
        judul="Lampu jalan mati",
        isi="Rahasia isi pengaduan: lampu di depan rumah nomor 17 mati sejak lama.",
        nama_pelapor="Sulastri Pelapor Rahasia",
        kontak_pelapor="sulastri.rahasia@contoh.id",
        diterima_pada=timezone.make_aware(dt.datetime(2022, 6, 1, 9)),
        batas=dt.date(2022, 6, 8),
    )
    rahasia = {"Sulastri Pelapor Rahasia", "sulastri.rahasia@contoh.id", "Rahasia isi pengaduan"}
    for p in Pengaduan.objects.filter(pd=ppd):
        rahasia |= {x for x in (p.nama_pelapor, p.kontak_pelapor, p.isi) if x}
    assert len(rahasia) > 20
    alamat = [
        a for a in alamat_pd(ppd) if "/layanan" in a or "/ikm" in a or "/survei" in a or "/pengaduan" in a
    ]
    alamat += [a + "?tahun=2022" for a in alamat if "/pengaduan" in a]
    alamat += [
        reverse("publik:api_dataset", args=[ppd.pemda.slug, ppd.slug, k]) + "?per_halaman=500"
        for k in ("layanan", "ikm", "statistik-pelayanan", "statistik-pengaduan")
    ]
    for a in alamat:
        r = client.get(a)
        assert r.status_code == 200, a
        teks = _isi_xlsx(r.content) if a.split("?")[0].endswith(".xlsx") else _teks(r)
        if "/api/" in a:
            teks = json.dumps(r.json(), ensure_ascii=False)
        bocor = [x for x in rahasia if x in teks]
        assert not bocor, f"{a}: {bocor[:3]}"


# --- onward links from the end of a citizen's errand --------------------------------------------------


def test_the_survey_thank_you_page_links_onward(client, ppd):
    kios = Kios.objects.filter(unit__pd=ppd, aktif=True).order_by("pk").first()
    r = client.post(
        reverse("skm:isi", args=[kios.token_ponsel]),
        {"id": str(uuid.uuid4()), **{f"U{i}": "4" for i in range(1, 10)}},
    )
    teks = _teks(r)
    assert r.status_code == 200 and "Terima kasih" in teks
    for tujuan in (
        reverse("publik:beranda_pd", args=[ppd.pemda.slug, ppd.slug]),
        _url(ppd, "layanan"),
        _url(ppd, "ikm"),
        reverse("pengaduan:lacak"),
    ):
        assert f'href="{tujuan}"' in teks


def test_the_complaint_sent_and_tracking_pages_link_onward(client, ppd):
    adu = Pengaduan.objects.filter(pd=ppd).first()
    for tambahan in ("&baru=1", ""):
        teks = _teks(client.get(reverse("pengaduan:lacak") + f"?kode={adu.kode_tampil}{tambahan}"))
        for tujuan in (
            reverse("publik:beranda_pd", args=[ppd.pemda.slug, ppd.slug]),
            _url(ppd, "layanan"),
            _url(ppd, "pengaduan"),
        ):
            assert f'href="{tujuan}"' in teks
    teks = _teks(client.get(reverse("pengaduan:lacak")))
    assert f'href="{reverse("publik:beranda")}"' in teks


# --- in a real browser, on a phone ----------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_catalogue_leads_to_a_standard_without_sideways_scrolling(live_server):
    import os

    from playwright.sync_api import sync_playwright

    from kinerja.demo.sampel import muat_sampel
    from kinerja.renstra.models import RenstraVersi
    from kinerja.wilayah.models import PerangkatDaerah

    if not RenstraVersi.objects.exists():
        muat_sampel()
    assert os.path.exists("/usr/bin/chromium"), "Chromium tidak ditemukan di /usr/bin/chromium"
    pd = PerangkatDaerah.objects.select_related("pemda").get(slug="kecamatan-sananwetan")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        try:
            halaman = b.new_context(viewport={"width": 390, "height": 844}).new_page()
            halaman.goto(f"{live_server.url}/publik/{pd.pemda.slug}/{pd.slug}/layanan/")
            assert halaman.evaluate("document.documentElement.scrollWidth <= innerWidth")
            # One service per card: the cards of a unit sit one above the other, each the full width.
            kotak = halaman.eval_on_selector_all(
                ".kartu-layanan", "k => k.slice(0, 3).map(e => e.getBoundingClientRect().toJSON())"
            )
            assert kotak[0]["x"] == kotak[1]["x"] and kotak[1]["y"] > kotak[0]["y"] + kotak[0]["height"] - 1
            halaman.select_option("#pilih-unit", label="Kelurahan Gedog")
            halaman.click("button:has-text('Terapkan')")
            halaman.wait_for_url("**unit=*")
            halaman.click("text=Surat Keterangan Ahli Waris")
            halaman.wait_for_selector("h1:has-text('Surat Keterangan Ahli Waris')")
            assert "Kelurahan Gedog" in halaman.inner_text("h1")
            assert "Persyaratan" in halaman.content()
            assert halaman.evaluate("document.documentElement.scrollWidth <= innerWidth")
            for alamat in ("ikm/", "survei/", "pengaduan/"):
                halaman.goto(f"{live_server.url}/publik/{pd.pemda.slug}/{pd.slug}/{alamat}")
                assert halaman.evaluate("document.documentElement.scrollWidth <= innerWidth"), alamat
        finally:
            b.close()
