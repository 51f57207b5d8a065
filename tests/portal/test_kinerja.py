"""Public Kinerja and Anggaran pages, their downloads and datasets: open without login, only verified
values, figures computed by hand from the stored rows, sections that can be switched off."""

from __future__ import annotations

import io
import math
from decimal import Decimal
from fractions import Fraction

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.urls import reverse

from kinerja.core.angka import format_angka, format_rupiah
from kinerja.monev import alur
from kinerja.monev.models import Laporan, Realisasi, RealisasiAnggaran
from kinerja.portal import api
from kinerja.portal.pd import alamat_pd, pd_publik, sorotan_pd
from kinerja.portal.services import atur_publikasi
from kinerja.renstra.models import Pagu, PlanNode, Target
from kinerja.wilayah.models import Unit

pytestmark = pytest.mark.django_db
S = Laporan.Status
DATASET = ("rencana", "indikator", "pagu", "realisasi-anggaran")
NILAI_KHAS = Decimal("777777")
RP_KHAS = Decimal("123456789")


def _user(nama):
    return get_user_model().objects.get(username=nama)


def _bulat(f: Fraction) -> Decimal:
    """Half up to two decimals, by hand."""
    return Decimal(math.floor(f * 100 + Fraction(1, 2))) / 100


@pytest.fixture
def pd(versi_sampel):
    return versi_sampel.pd


def _url(pd, nama, *args, tahun=None):
    a = reverse(f"publik:{nama}", args=[pd.pemda.slug, pd.slug, *args])
    return f"{a}?tahun={tahun}" if tahun is not None else a


def _api(pd, kunci, **q):
    a = reverse("publik:api_dataset", args=[pd.pemda.slug, pd.slug, kunci])
    q.setdefault("per_halaman", 500)
    return a + "?" + "&".join(f"{k}={v}" for k, v in q.items())


def _semua_baris(client, pd, kunci, **q) -> list[dict]:
    r = client.get(_api(pd, kunci, **q))
    assert r.status_code == 200, r.content
    isi = r.json()
    baris = list(isi["data"])
    while isi["berikutnya"]:
        isi = client.get(isi["berikutnya"]).json()
        baris += isi["data"]
    assert len(baris) == r.json()["jumlah"]
    return baris


def _xlsx_nilai(konten: bytes) -> list:
    wb = openpyxl.load_workbook(io.BytesIO(konten))
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def _html(r) -> str:
    assert r.status_code == 200
    return r.content.decode()


# --- open pages ---------------------------------------------------------------------------------


def test_pages_and_downloads_open_without_login(client, pd):
    gedog = pd.unit_set.get(nama_pendek="Gedog")
    for nama, args in (("kinerja", ()), ("anggaran", ()), ("kinerja_kelurahan", (gedog.pk,))):
        h = _html(client.get(_url(pd, nama, *args)))
        assert h.count("<h1") == 1 and "data demonstrasi" in h
        assert "csrfmiddlewaretoken" not in h
    for nama, args in (
        ("kinerja_unduh", ()),
        ("anggaran_unduh", ()),
        ("kinerja_kelurahan_unduh", (gedog.pk,)),
    ):
        for fmt in ("csv", "xlsx"):
            r = client.get(_url(pd, nama, *args, fmt))
            assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
        assert client.get(_url(pd, nama, *args, "pdf")).status_code == 404
    # a unit of another kind (a section of the office) has no page of its own
    seksi = pd.unit_set.get(nama_pendek="Seksi Pelayanan")
    assert client.get(_url(pd, "kinerja_kelurahan", seksi.pk)).status_code == 404


def test_a_wrong_year_falls_back_to_the_latest_verified_year_with_a_notice(client, pd):
    # The sample's realisations are all of 2022 (the plan runs 2022–2026): 2022 is shown.
    for salah, pesan in (
        ("1999", "Tahun 1999 di luar periode rencana 2022–2026"),
        ("abc", "“abc” bukan tahun"),
    ):
        h = _html(client.get(_url(pd, "kinerja", tahun=salah)))
        assert pesan in h and "Capaian 2022" in h
        h = _html(client.get(_url(pd, "anggaran", tahun=salah)))
        assert pesan in h and "Anggaran dan realisasi 2022" in h
        assert client.get(_url(pd, "kinerja_unduh", "csv", tahun=salah)).status_code == 200
        r = client.get(_api(pd, "indikator", tahun=salah))
        assert r.status_code == 400 and "tahun" in r.json()["galat"]
    h = _html(client.get(_url(pd, "kinerja", tahun=2024)))
    assert "Capaian 2024" in h and "Belum ada realisasi 2024 yang terverifikasi" in h


# --- only verified --------------------------------------------------------------------------------


def _baris_klampok(versi, klampok):
    """A typed quarter IV value of Klampok (its report of that quarter is submitted, not verified)."""
    for r in (
        Realisasi.objects.filter(
            indikator__node__versi=versi, lokasi=klampok, tahun=2022, triwulan=4, nilai__isnull=False
        )
        .select_related("indikator")
        .order_by("pk")
    ):
        ind = r.indikator
        if ind.sumber_data == "manual" and ind.agregasi_triwulan in ("jumlah", "terakhir"):
            return r
    raise AssertionError("tidak ada realisasi ketik Klampok triwulan IV")


def _harapan_tahun(r: Realisasi) -> Decimal:
    """Klampok's year value of the row's indicator from the stored quarters, by the indicator's rule."""
    nilai = {
        x.triwulan: x.nilai
        for x in Realisasi.objects.filter(
            indikator=r.indikator, lokasi=r.lokasi, tahun=2022, triwulan__in=[1, 2, 3, 4], nilai__isnull=False
        )
    }
    if r.indikator.agregasi_triwulan == "jumlah":
        return sum(nilai.values(), Decimal(0))
    return nilai[max(nilai)]


def _rp_klampok(versi, klampok) -> Decimal:
    return RealisasiAnggaran.objects.filter(
        node__versi=versi, lokasi=klampok, tahun=2022, triwulan__in=[1, 2, 3, 4]
    ).aggregate(s=Sum("jumlah"))["s"]


def _semua_keluaran(client, pd, klampok) -> tuple[str, str, list, list]:
    """Pages, CSVs, XLSX cells and API rows that could show Klampok's 2022 values."""
    halaman = "".join(
        _html(client.get(u))
        for u in (
            _url(pd, "kinerja", tahun=2022),
            _url(pd, "kinerja_kelurahan", klampok.pk),
            _url(pd, "anggaran", tahun=2022),
        )
    )
    csv = "".join(
        client.get(u).content.decode("utf-8-sig")
        for u in (
            _url(pd, "kinerja_unduh", "csv", tahun=2022),
            _url(pd, "kinerja_kelurahan_unduh", klampok.pk, "csv"),
            _url(pd, "anggaran_unduh", "csv", tahun=2022),
        )
    )
    xlsx = []
    for u in (
        _url(pd, "kinerja_unduh", "xlsx", tahun=2022),
        _url(pd, "kinerja_kelurahan_unduh", klampok.pk, "xlsx"),
        _url(pd, "anggaran_unduh", "xlsx", tahun=2022),
    ):
        xlsx += _xlsx_nilai(client.get(u).content)
    baris = []
    for kunci in ("indikator", "realisasi-anggaran"):
        baris += _semua_baris(client, pd, kunci, tahun=2022)
    return halaman, csv, xlsx, baris


def test_a_submitted_quarter_shows_nowhere_until_it_is_verified(
    client, pd, versi_sampel, django_capture_on_commit_callbacks
):
    klampok = pd.unit_set.get(nama_pendek="Klampok")
    laporan = Laporan.objects.get(unit=klampok, tahun=2022, triwulan=4)
    assert laporan.status == S.DIAJUKAN
    r = _baris_klampok(versi_sampel, klampok)
    Realisasi.objects.filter(pk=r.pk).update(nilai=NILAI_KHAS, teks="777.777", jenis="angka")
    rp = RealisasiAnggaran.objects.filter(node__versi=versi_sampel, lokasi=klampok, tahun=2022, triwulan=4)
    rp_baris = rp.order_by("pk").first()
    RealisasiAnggaran.objects.filter(pk=rp_baris.pk).update(jumlah=RP_KHAS)
    tahun = _harapan_tahun(r)
    rp_tahun = _rp_klampok(versi_sampel, klampok)
    assert tahun >= NILAI_KHAS and rp_tahun > RP_KHAS

    halaman, csv, xlsx, baris = _semua_keluaran(client, pd, klampok)
    for teks in (format_angka(tahun), format_rupiah(rp_tahun), "777.777", "123.456.789"):
        assert teks not in halaman
    for teks in (
        format_angka(tahun, ribuan=False),
        format_rupiah(rp_tahun, ribuan=False),
        "777777",
        "123456789",
    ):
        assert teks not in csv
    assert not {tahun, rp_tahun, NILAI_KHAS, RP_KHAS} & {
        Decimal(str(v)) for v in xlsx if isinstance(v, int | float)
    }
    angka_api = {Decimal(str(v)) for b in baris for v in b.values() if isinstance(v, int | float)}
    assert not {tahun, rp_tahun, NILAI_KHAS, RP_KHAS} & angka_api
    ind_api = [b for b in baris if b.get("lokasi_id") == klampok.pk and b.get("id") == r.indikator_id]
    assert ind_api and all(b["triwulan_terverifikasi"] == 3 for b in ind_api)

    with django_capture_on_commit_callbacks(execute=True):
        alur.verifikasi(pengguna=_user("perencana"), laporan=laporan)

    halaman, csv, xlsx, baris = _semua_keluaran(client, pd, klampok)
    assert format_angka(tahun) in halaman and format_rupiah(rp_tahun) in halaman
    assert format_angka(tahun, ribuan=False) in csv and format_rupiah(rp_tahun, ribuan=False) in csv
    xlsx_angka = {Decimal(str(v)) for v in xlsx if isinstance(v, int | float)}
    assert tahun in xlsx_angka and rp_tahun in xlsx_angka
    ind_api = next(b for b in baris if b.get("lokasi_id") == klampok.pk and b.get("id") == r.indikator_id)
    assert Decimal(str(ind_api["realisasi"])) == tahun and ind_api["triwulan_terverifikasi"] == 4
    lokasi_rp = [
        b for b in baris if "serapan" in b and b["tingkat"] == "sub_kegiatan" and b["lokasi_id"] == klampok.pk
    ]
    assert sum(Decimal(str(b["realisasi"] or 0)) for b in lokasi_rp) == rp_tahun


def test_a_returned_quarter_is_left_out_and_the_page_says_up_to_which_quarter(client, pd):
    rembang = pd.unit_set.get(nama_pendek="Rembang")
    assert Laporan.objects.get(unit=rembang, tahun=2022, triwulan=4).status == S.DIKEMBALIKAN
    h = _html(client.get(_url(pd, "kinerja_kelurahan", rembang.pk)))
    assert "Realisasi terverifikasi sampai triwulan III 2022" in h
    h = _html(client.get(_url(pd, "kinerja")))
    assert "Realisasi terverifikasi sampai triwulan IV 2022" in h  # the office's rows: all four verified


# --- figures by hand -----------------------------------------------------------------------------


def test_capaian_of_a_sasaran_indicator_is_realisasi_over_target(client, pd, versi_sampel):
    t = Target.objects.get(
        indikator__node__versi=versi_sampel,
        indikator__node__tingkat=PlanNode.Tingkat.SASARAN,
        indikator__nama="Nilai SAKIP Perangkat Daerah Kecamatan Sananwetan",
        lokasi=None,
        tahun=2022,
    )
    # The realisation is the evaluator's final score of the year's (demonstration) SAKIP evaluation,
    # computed by hand in tests/evaluasi/test_halaman.py: 80,15; the target is "A (86,88)".
    assert not Realisasi.objects.filter(indikator=t.indikator, tahun=2022).exists()  # computed, not typed
    capaian = _bulat(Fraction("80.15") / Fraction(t.nilai) * 100)
    teks = format_angka(capaian, 2) + "%"
    assert teks in _html(client.get(_url(pd, "kinerja", tahun=2022)))
    assert teks in client.get(_url(pd, "kinerja_unduh", "csv", tahun=2022)).content.decode("utf-8-sig")
    baris = _semua_baris(client, pd, "indikator", tahun=2022, tingkat="sasaran")
    assert {b["tingkat"] for b in baris} == {"sasaran"}
    b = next(b for b in baris if b["id"] == t.indikator_id)
    assert Decimal(str(b["capaian"])) == capaian and b["predikat"] == "Sangat Tinggi"


def test_capaian_of_a_kelurahan_indicator_from_its_quarters(client, pd, versi_sampel):
    bendogerit = pd.unit_set.get(nama_pendek="Bendogerit")
    assert set(Laporan.objects.filter(unit=bendogerit, tahun=2022).values_list("status", flat=True)) == {
        S.DIVERIFIKASI
    }
    for t in Target.objects.filter(
        indikator__node__versi=versi_sampel, lokasi=bendogerit, tahun=2022, nilai__gt=0
    ).select_related("indikator"):
        ind = t.indikator
        if ind.sumber_data == "manual" and ind.arah == "naik" and ind.agregasi_triwulan == "jumlah":
            break
    nilai = Realisasi.objects.filter(
        indikator=ind, lokasi=bendogerit, tahun=2022, triwulan__in=[1, 2, 3, 4], nilai__isnull=False
    ).values_list("nilai", flat=True)
    capaian = _bulat(Fraction(sum(nilai, Decimal(0))) / Fraction(t.nilai) * 100)
    baris = _semua_baris(client, pd, "indikator", tahun=2022, tingkat="sub_kegiatan")
    b = next(b for b in baris if b["id"] == ind.pk and b["lokasi_id"] == bendogerit.pk)
    assert Decimal(str(b["capaian"])) == capaian
    h = _html(client.get(_url(pd, "kinerja_kelurahan", bendogerit.pk)))
    assert format_angka(capaian, 2) + "%" in h


def test_pagu_per_year_and_per_kelurahan_are_the_sums_of_the_sub_kegiatan_rows(client, pd, versi_sampel):
    sub = Pagu.objects.filter(node__versi=versi_sampel, node__tingkat=PlanNode.Tingkat.SUB_KEGIATAN)
    h = _html(client.get(_url(pd, "anggaran")))
    csv = client.get(_url(pd, "anggaran_unduh", "csv")).content.decode("utf-8-sig")
    for tahun in range(2022, 2027):
        total = sub.filter(tahun=tahun).aggregate(s=Sum("jumlah"))["s"]
        assert f'<td class="num">{format_rupiah(total)}</td>' in h
        assert f";{format_rupiah(total, ribuan=False)};" in csv
    gedog = Unit.objects.get(pd=pd, nama_pendek="Gedog")
    periode = sub.filter(lokasi=gedog).aggregate(s=Sum("jumlah"))["s"]
    assert format_rupiah(periode) in h
    baris = _semua_baris(client, pd, "pagu", tahun=2024, tingkat="sub_kegiatan")
    assert (
        sum(Decimal(str(b["pagu_indikatif"])) for b in baris)
        == sub.filter(tahun=2024).aggregate(s=Sum("jumlah"))["s"]
    )
    assert {b["dasar_anggaran"] for b in baris} == {"pagu indikatif Renstra"}


def test_csv_is_semicolon_separated_with_a_bom_and_no_thousands_dots(client, pd, versi_sampel):
    r = client.get(_url(pd, "anggaran_unduh", "csv", tahun=2022))
    assert r["Content-Type"].startswith("text/csv") and 'filename="anggaran-' in r["Content-Disposition"]
    assert r.content.startswith(b"\xef\xbb\xbf")
    teks = r.content.decode("utf-8-sig")
    assert teks.splitlines()[0].startswith("Tahun;Pagu indikatif Renstra (Rp);Anggaran (Rp)")
    total = Pagu.objects.filter(node__versi=versi_sampel, tahun=2023).aggregate(s=Sum("jumlah"))["s"]
    assert f"2023;{int(total)};" in teks and format_rupiah(total) not in teks


# --- datasets ----------------------------------------------------------------------------------------

_JENIS = {
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "object": dict,
    "array": list,
}


def _cocok(nilai, skema: dict, jalur: str) -> list[str]:
    """A small validator of the schema subset the datasets use (type, nullable, enum, required,
    properties, additionalProperties, minimum, maximum)."""
    if nilai is None:
        return [] if skema.get("nullable") else [f"{jalur}: null"]
    jenis = _JENIS[skema["type"]]
    if not isinstance(nilai, jenis) or (isinstance(nilai, bool) and skema["type"] != "boolean"):
        return [f"{jalur}: {nilai!r} bukan {skema['type']}"]
    salah = []
    if "enum" in skema and nilai not in skema["enum"]:
        salah.append(f"{jalur}: {nilai!r} tidak dalam enum")
    if "minimum" in skema and nilai < skema["minimum"] or "maximum" in skema and nilai > skema["maximum"]:
        salah.append(f"{jalur}: {nilai!r} di luar batas")
    if skema["type"] == "object":
        salah += [f"{jalur}.{k}: tidak ada" for k in skema.get("required", []) if k not in nilai]
        for k, v in nilai.items():
            if k in skema.get("properties", {}):
                salah += _cocok(v, skema["properties"][k], f"{jalur}.{k}")
            elif skema.get("additionalProperties") is False:
                salah.append(f"{jalur}.{k}: tidak ada di skema")
    return salah


def test_every_row_of_every_dataset_matches_its_schema(client, pd):
    for kunci in DATASET:
        ds = api.ambil(kunci)
        baris = _semua_baris(client, pd, kunci)
        assert baris, kunci
        salah = [m for i, b in enumerate(baris) for m in _cocok(b, ds.skema, f"{kunci}[{i}]")]
        assert not salah, "\n".join(salah[:20])
    # the schema is in the OpenAPI document as registered
    doc = client.get(reverse("publik:openapi")).json()
    for kunci in DATASET:
        jalur = doc["paths"][f"/pd/{{pemda}}/{{pd}}/{kunci}/"]["get"]
        isi = jalur["responses"]["200"]["content"]["application/json"]["schema"]
        assert isi["properties"]["data"]["items"] == api.ambil(kunci).skema


def test_the_plan_tree_has_stable_ids_and_parents(client, pd, versi_sampel):
    baris = _semua_baris(client, pd, "rencana")
    node = PlanNode.objects.filter(versi=versi_sampel)
    assert len(baris) == node.count()
    ids = {b["id"] for b in baris}
    assert len(ids) == len(baris)
    assert all(b["induk_id"] is None or b["induk_id"] in ids for b in baris)
    # the sample's version is an original: every element is its own origin
    asli = {n.pk: (n.kode, n.induk_id) for n in node}
    for b in baris:
        assert asli[b["id"]] == (b["kode"], b["induk_id"])
    jumlah = {t: sum(1 for b in baris if b["tingkat"] == t) for t in ("tujuan", "sasaran", "program")}
    assert jumlah == {"tujuan": 2, "sasaran": 3, "program": 4}
    assert client.get(_api(pd, "indikator", tingkat="bukan")).status_code == 400


# --- headlines, addresses, switching a section off ------------------------------------------------


def test_headlines_and_every_address_of_both_sections(client, pd):
    obj = pd_publik(pd.pemda.slug, pd.slug)
    label = [s.label for s in sorotan_pd(obj)]
    assert "Indikator sasaran tercapai 2022" in label and "Realisasi anggaran 2022" in label
    alamat = alamat_pd(obj)
    klampok = pd.unit_set.get(nama_pendek="Klampok")
    for a in (
        _url(pd, "kinerja"),
        _url(pd, "kinerja", tahun=2026),
        _url(pd, "kinerja_unduh", "xlsx", tahun=2023),
        _url(pd, "kinerja_kelurahan", klampok.pk),
        _url(pd, "kinerja_kelurahan_unduh", klampok.pk, "csv"),
        _url(pd, "anggaran", tahun=2025),
        _url(pd, "anggaran_unduh", "csv", tahun=2024),
    ):
        assert a in alamat
    for a in alamat:
        if "/kinerja" in a or "/anggaran" in a:
            assert client.get(a).status_code == 200, a


def test_a_section_switched_off_is_not_found_on_page_download_and_api(
    client, pd, django_capture_on_commit_callbacks
):
    klampok = pd.unit_set.get(nama_pendek="Klampok")
    assert client.get(_url(pd, "kinerja")).status_code == 200  # stored in the shared cache
    with django_capture_on_commit_callbacks(execute=True):
        atur_publikasi(pengguna=_user("admin"), pd=pd, terbuka={"kinerja": False})
    for u in (
        _url(pd, "kinerja"),
        _url(pd, "kinerja_unduh", "csv"),
        _url(pd, "kinerja_kelurahan", klampok.pk),
        _api(pd, "indikator"),
        _api(pd, "rencana"),
    ):
        assert client.get(u).status_code == 404, u
    assert (
        client.get(_api(pd, "indikator"))
        .json()["galat"]
        .endswith("tidak menerbitkan bagian Kinerja di portal publik.")
    )
    alamat = alamat_pd(pd_publik(pd.pemda.slug, pd.slug))
    assert not [a for a in alamat if "/kinerja" in a]
    assert client.get(_url(pd, "anggaran")).status_code == 200
    assert "Indikator sasaran tercapai 2022" not in [
        s.label for s in sorotan_pd(pd_publik(pd.pemda.slug, pd.slug))
    ]

    with django_capture_on_commit_callbacks(execute=True):
        atur_publikasi(pengguna=_user("admin"), pd=pd, terbuka={"anggaran": False})
    for u in (
        _url(pd, "anggaran"),
        _url(pd, "anggaran_unduh", "xlsx"),
        _api(pd, "pagu"),
        _api(pd, "realisasi-anggaran"),
    ):
        assert client.get(u).status_code == 404, u
    assert not [a for a in alamat_pd(pd_publik(pd.pemda.slug, pd.slug)) if "/anggaran" in a]


def test_under_two_levels_the_page_says_which_verified_quarters_bappeda_has_approved(
    client, pd, django_capture_on_commit_callbacks
):
    from kinerja.monev.models import PersetujuanPD
    from kinerja.wilayah.models import Pemda

    P = PersetujuanPD.Status
    with django_capture_on_commit_callbacks(execute=True):
        for q, st in ((1, P.DISETUJUI), (2, P.DISETUJUI), (3, P.MENUNGGU)):
            PersetujuanPD.objects.update_or_create(pd=pd, tahun=2022, triwulan=q, defaults={"status": st})
        PersetujuanPD.objects.filter(pd=pd, tahun=2022, triwulan=4).delete()
    h = _html(client.get(_url(pd, "kinerja", tahun=2022)))
    # The office's four quarters are verified; only I and II are final.
    assert (
        "Persetujuan Bappeda 2022: triwulan I–II disetujui; triwulan III menunggu persetujuan; "
        "triwulan IV belum diajukan ke Bappeda." in h
    )
    rembang = pd.unit_set.get(nama_pendek="Rembang")  # its fourth quarter is returned: I–III verified
    h = _html(client.get(_url(pd, "kinerja_kelurahan", rembang.pk)))
    assert (
        "Realisasi terverifikasi sampai triwulan III 2022 — Persetujuan Bappeda 2022: triwulan I–II disetujui; "
        "triwulan III menunggu persetujuan</li>" in h
    )
    with django_capture_on_commit_callbacks(execute=True):
        p2 = PersetujuanPD.objects.get(pd=pd, tahun=2022, triwulan=2)
        p2.status = P.DIKEMBALIKAN
        p2.save()  # saved, as the services do: the portal's stored pages are dropped
    h = _html(client.get(_url(pd, "kinerja", tahun=2022)))
    assert "triwulan I disetujui; triwulan II dikembalikan untuk diperbaiki; triwulan III menunggu" in h
    with django_capture_on_commit_callbacks(execute=True):
        pemda = Pemda.objects.get(pk=pd.pemda_id)
        pemda.tingkat_persetujuan = 1
        pemda.save()
    assert "Persetujuan Bappeda" not in _html(client.get(_url(pd, "kinerja", tahun=2022)))
