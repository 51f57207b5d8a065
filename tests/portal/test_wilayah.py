"""The public Profil and RT Keren sections: every address answers without login, figures match the
raw rows (computed here by hand), the Tabel 2.1 fallback, public photos only, no personal data
anywhere, Indonesian 404s, the datasets' schemas and a phone without sideways scrolling."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum
from django.urls import reverse

from tests.hitung_tangan import setengah_ke_atas

pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
KETUA = ["Suparjo Wiryodiningrat", "Sri Wahyuningtyas Handayani"]
NOTULEN = "Dipimpin Bapak Kasmirin Atmosudiro"
TAHUN = 2022  # the sample's RT Keren year


@pytest.fixture
def pd(db):
    from kinerja.wilayah.models import PerangkatDaerah

    return PerangkatDaerah.objects.select_related("pemda").get(slug="kecamatan-sananwetan")


def _url(pd, nama: str, *args) -> str:
    return reverse(f"publik:{nama}", args=[pd.pemda.slug, pd.slug, *args])


def _unit(pd, nama_pendek: str):
    return pd.unit_set.get(nama_pendek=nama_pendek)


def _teks(r) -> str:
    """A page as plain text (tags dropped, spaces joined), for figures split by markup."""
    return " ".join(re.sub(r"<[^>]+>", " ", r.content.decode()).split())


def _isi(r) -> str:
    """Every text a response holds: HTML, CSV, or every XML part of an XLSX."""
    data = b"".join(r.streaming_content) if getattr(r, "streaming", False) else r.content
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return data.decode("utf-8", "replace")


def _foto(rembug, nama: str, isi: bytes, *, publik: bool, jenis: str = "foto"):
    from kinerja.rtkeren.models import Berkas

    return Berkas.objects.create(
        rembug=rembug,
        jenis=jenis,
        berkas=SimpleUploadedFile(nama, isi),
        judul=f"Kerja bakti {nama}",
        ukuran=len(isi),
        publik=publik,
    )


def _rembug_gedog(pd):
    from kinerja.rtkeren.models import RembugWarga

    return (
        RembugWarga.objects.filter(rt__unit=_unit(pd, "Gedog"), tanggal__year=TAHUN)
        .select_related("rt")
        .order_by("rt__rw", "rt__nomor", "pk")
        .first()
    )


# --- every address, and nothing personal in any of them ----------------------------------------------------


def test_every_registered_address_answers_without_login_and_names_no_person(client, pd, settings, tmp_path):
    """Each page, download and public photo of both sections answers 200 to an anonymous reader, and
    none of them holds a ketua RT's name, a rembug's minutes or any staff NIP of the sample."""
    from kinerja.portal.pd import alamat_pd, pd_publik
    from kinerja.sumberdaya.models import Pegawai
    from kinerja.wilayah.models import RukunTetangga

    settings.MEDIA_ROOT = tmp_path
    settings.KINERJA_BATAS_PUBLIK = 10_000  # one reader fetching ~760 addresses
    rembug = _rembug_gedog(pd)
    rembug.notulen = NOTULEN
    rembug.save(update_fields=["notulen"])
    foto = _foto(rembug, "bakti.jpg", JPEG, publik=True)
    for rt, nama in zip(RukunTetangga.objects.filter(unit__pd=pd).order_by("pk")[:2], KETUA, strict=True):
        rt.ketua = nama
        rt.save(update_fields=["ketua"])
    rt_ketua = RukunTetangga.objects.get(ketua=KETUA[0])
    nip = [n for n in Pegawai.objects.filter(unit__pd=pd).values_list("nip", flat=True) if n]
    nip.append(pd.pimpinan_nip)
    assert len(nip) > 10 and all(nip)
    rahasia = [*KETUA, NOTULEN, *nip, *(n.replace(" ", "") for n in nip)]

    dasar = _url(pd, "beranda_pd")
    semua = [a for a in alamat_pd(pd_publik(pd.pemda.slug, pd.slug)) if a.startswith(dasar)]
    milik = [a for a in semua if a[len(dasar) :].startswith(("profil", "rt-keren"))]
    jumlah_rt = RukunTetangga.objects.filter(unit__pd=pd).count()
    jumlah_kel = pd.unit_set.filter(jenis="kelurahan").count()
    assert jumlah_rt == 251 and jumlah_kel == 7
    # 3 per page (page, .csv, .xlsx): the two section pages, each kelurahan twice, each RT; one photo
    assert len(milik) == 3 * (2 + 2 * jumlah_kel + jumlah_rt) + 1
    assert _url(pd, "rtkeren_rt", rt_ketua.unit_id, rt_ketua.pk) in milik
    assert _url(pd, "rtkeren_foto", foto.pk) in milik
    for a in milik:
        r = client.get(a)
        assert r.status_code == 200, a
        isi = _isi(r)
        bocor = [s for s in rahasia if s in isi]
        assert not bocor, f"{a}: {bocor}"
    # the home page's headlines of both sections too
    beranda = _isi(client.get(dasar))
    assert "RT berdaya 2022" in beranda and not [s for s in rahasia if s in beranda]


def test_the_api_datasets_name_no_person_and_every_row_matches_its_schema(client, pd):
    from kinerja.portal import api
    from kinerja.wilayah.models import RukunTetangga

    RukunTetangga.objects.filter(unit__pd=pd, rw=1, nomor=1).update(ketua=KETUA[0])
    for kunci, ukuran in (("wilayah", 7), ("rt-keren", 251)):
        r = client.get(
            reverse("publik:api_dataset", args=[pd.pemda.slug, pd.slug, kunci]), {"per_halaman": 500}
        )
        assert r.status_code == 200
        assert KETUA[0] not in r.content.decode() and pd.pimpinan_nip not in r.content.decode()
        data = r.json()["data"]
        assert len(data) == ukuran
        skema = api.ambil(kunci).skema
        for baris in data:
            assert _cocok(baris, skema) == [], baris
    # a field of the wrong type is caught by the checker itself
    assert _cocok({**data[0], "berdaya": "ya"}, skema)


def _cocok(nilai, skema: dict, jalur: str = "") -> list[str]:
    """Where ``nilai`` breaks ``skema`` (the OpenAPI 3.0 subset the datasets use)."""
    if nilai is None:
        return [] if skema.get("nullable") else [f"{jalur}: null"]
    jenis = {
        "object": dict,
        "string": str,
        "integer": int,
        "number": (int, float),
        "boolean": bool,
    }[skema["type"]]
    if not isinstance(nilai, jenis) or (skema["type"] in ("integer", "number") and isinstance(nilai, bool)):
        return [f"{jalur}: {nilai!r} bukan {skema['type']}"]
    salah = []
    if "enum" in skema and nilai not in skema["enum"]:
        salah.append(f"{jalur}: {nilai!r} di luar enum")
    if "minimum" in skema and nilai < skema["minimum"]:
        salah.append(f"{jalur}: {nilai!r} < minimum")
    if skema["type"] == "object":
        salah += [f"{jalur}.{k}: wajib" for k in skema.get("required", []) if k not in nilai]
        for k, v in nilai.items():
            if k not in skema.get("properties", {}):
                if skema.get("additionalProperties") is False:
                    salah.append(f"{jalur}.{k}: tidak dikenal")
                continue
            salah += _cocok(v, skema["properties"][k], f"{jalur}.{k}")
    return salah


# --- Profil: figures from the raw rows ---------------------------------------------------------------------


def _id(n: int) -> str:
    """A whole number the Indonesian way: 10.907."""
    return f"{n:,}".replace(",", ".")


def _kepadatan(jumlah: int, luas: Decimal) -> int:
    """jiwa/km², half up to whole people, with integers only."""
    return int(setengah_ke_atas(Fraction(jumlah) / Fraction(luas), 0))


def test_profil_sums_the_population_and_computes_each_density_from_the_records(client, pd):
    from kinerja.wilayah.models import Penduduk

    kel = list(pd.unit_set.filter(jenis="kelurahan").order_by("urutan"))
    # a complete year for every kelurahan, newer than the sample's 2020
    angka = {}
    for i, u in enumerate(kel):
        laki, perempuan = 5000 + 111 * i, 5100 + 97 * i
        angka[u.pk] = (laki, perempuan, laki + perempuan)
        Penduduk.objects.create(
            unit=u,
            tahun=2023,
            laki_laki=laki,
            perempuan=perempuan,
            jumlah=laki + perempuan,
            sumber="Dukcapil 2023",
        )
    total = sum(j for _, _, j in angka.values())
    luas = sum(u.luas_km2 for u in kel)
    assert total == sum(5000 + 111 * i + 5100 + 97 * i for i in range(7))
    teks = _teks(client.get(_url(pd, "profil")))
    ribuan = _id(total)
    assert f"{ribuan} jiwa penduduk 2023" in teks
    assert "Jumlah 12,12 " in teks and str(luas) == "12.12"
    for u in kel:
        laki, perempuan, jumlah = angka[u.pk]
        d = _kepadatan(jumlah, u.luas_km2)
        baris = f"{u.nama} {str(u.luas_km2).replace('.', ',')} {_id(laki)} {_id(perempuan)} {_id(jumlah)} {_id(d)}"
        assert baris in teks, baris
    # density of the whole kecamatan over all seven
    assert f"Jumlah 12,12 {_id(sum(a[0] for a in angka.values()))} " in teks
    assert f" {_id(total)} {_id(_kepadatan(total, luas))} " in teks
    # the headline on the PD's home page
    beranda = _teks(client.get(_url(pd, "beranda_pd")))
    assert f"Penduduk 2023 {ribuan} jiwa di 7 kelurahan" in beranda
    # the CSV has the same figures without thousands dots
    csv = client.get(_url(pd, "profil_unduh", "csv")).content.decode("utf-8-sig")
    u = kel[0]
    assert f"{u.nama};2,65;{angka[u.pk][0]};{angka[u.pk][1]};{angka[u.pk][2]};" in csv


def test_a_kelurahan_without_a_population_record_shows_the_printed_tabel_2_1(client, pd):
    """Klampok's printed row (line 185: 2,56 / 2,54 truncated; 5.111 whole) stands in, and says so."""
    from kinerja.wilayah.models import Penduduk

    klampok = _unit(pd, "Klampok")
    Penduduk.objects.filter(unit=klampok).delete()
    r = client.get(_url(pd, "profil_kelurahan", klampok.pk))
    teks = _teks(r)
    assert "Penduduk 2020 5.111 jiwa" in teks
    assert "Tabel 2.1" in teks and "belum mempunyai catatan penduduk" in teks
    # density from the printed figures: 5111 / 1,53
    assert f"{_kepadatan(5111, Decimal('1.53')):,}".replace(",", ".") + " jiwa/km²" in teks
    baris = client.get(reverse("publik:api_dataset", args=[pd.pemda.slug, pd.slug, "wilayah"])).json()["data"]
    k = next(b for b in baris if b["kelurahan"] == klampok.nama)
    assert (k["asal"], k["jumlah"], k["laki_laki"], k["tahun"]) == ("tabel_2_1", 5111, None, 2020)
    assert next(b for b in baris if b["kelurahan"] == "Kelurahan Rembang")["asal"] == "catatan"
    # the kecamatan page says a row comes from the document
    assert "memakai Tabel 2.1 dokumen Renstra" in _teks(client.get(_url(pd, "profil")))


def test_profil_shows_visi_misi_tujuan_and_staff_counts_per_unit(client, pd):
    import datetime as dt

    from django.db.models import Q

    from kinerja.renstra.models import PlanNode
    from kinerja.sumberdaya.models import Pegawai

    teks = _teks(client.get(_url(pd, "profil")))
    assert "KOTA BLITAR KEREN, Unggul, Makmur, dan Bermartabat" in teks
    tujuan = PlanNode.objects.filter(
        versi__pd=pd, versi__sumber_set__jenis="teks", tingkat=PlanNode.Tingkat.TUJUAN
    )
    assert tujuan.exists() and all(t.nama in teks for t in tujuan)
    hari_ini = dt.date.today()
    bertugas = Pegawai.objects.filter(unit__pd=pd, mulai__lte=hari_ini).filter(
        Q(selesai__isnull=True) | Q(selesai__gte=hari_ini)
    )
    gedog = _unit(pd, "Gedog")
    n = bertugas.filter(unit=gedog).count()
    assert n > 0
    assert f"— {gedog.nama} Kelurahan {bertugas.filter(unit=gedog, status='pns').count()} " in teks
    assert f"{bertugas.count()} orang seluruhnya" in teks
    assert f"bertugas {n} pegawai" in _teks(client.get(_url(pd, "profil_kelurahan", gedog.pk)))


# --- RT Keren: figures from the raw rows --------------------------------------------------------------------


def _angka_rt(rt, tahun: int = TAHUN) -> tuple[Decimal, Decimal]:
    from kinerja.rtkeren.models import Alokasi, RealisasiRt

    pagu = Alokasi.objects.get(rt=rt, tahun=tahun).pagu
    belanja = RealisasiRt.objects.filter(
        kegiatan__usulan__rembug__rt=rt, kegiatan__usulan__tahun=tahun, tanggal__year=tahun
    ).aggregate(s=Sum("jumlah"))["s"] or Decimal(0)
    return pagu, belanja


def test_one_rts_penyerapan_is_its_spending_over_its_allocation(client, pd):
    from kinerja.rtkeren.models import RealisasiRt

    rt = RealisasiRt.objects.filter(kegiatan__usulan__rembug__rt__unit__pd=pd).order_by("pk").first()
    rt = rt.kegiatan.usulan.rembug.rt
    pagu, belanja = _angka_rt(rt)
    assert 0 < belanja < pagu
    serapan = setengah_ke_atas(Fraction(int(belanja) * 100, int(pagu)))
    tampil = f"{serapan}".replace(".", ",") + "%"
    r = client.get(_url(pd, "rtkeren_rt", rt.unit_id, rt.pk), {"tahun": TAHUN})
    teks = _teks(r)
    assert f"Penyerapan {tampil}" in teks
    assert f"Rp{int(pagu):,}".replace(",", ".") in teks and f"Rp{int(belanja):,}".replace(",", ".") in teks
    # the same RT in the dataset and in its kelurahan's table
    baris = client.get(
        reverse("publik:api_dataset", args=[pd.pemda.slug, pd.slug, "rt-keren"]),
        {"tahun": TAHUN, "per_halaman": 500},
    ).json()["data"]
    b = next(x for x in baris if x["rt"] == rt.nomor and x["rw"] == rt.rw and x["kelurahan"] == rt.unit.nama)
    assert (b["alokasi"], b["realisasi"], Decimal(str(b["penyerapan"]))) == (int(pagu), int(belanja), serapan)
    assert tampil in _teks(client.get(_url(pd, "rtkeren_kelurahan", rt.unit_id), {"tahun": TAHUN}))


def test_rt_berdaya_headline_counts_the_rts_by_the_pemdas_definition(client, pd):
    """Counted here from the raw rows: at least one rembug in the year and spending ≥ 75 % of the allocation."""
    from kinerja.rtkeren.models import Alokasi, RealisasiRt, RembugWarga

    pagu = dict(Alokasi.objects.filter(rt__unit__pd=pd, tahun=TAHUN).values_list("rt_id", "pagu"))
    belanja = dict(
        RealisasiRt.objects.filter(kegiatan__usulan__rembug__rt__unit__pd=pd, kegiatan__usulan__tahun=TAHUN)
        .values("kegiatan__usulan__rembug__rt_id")
        .annotate(s=Sum("jumlah"))
        .values_list("kegiatan__usulan__rembug__rt_id", "s")
    )
    rembug = set(
        RembugWarga.objects.filter(rt__unit__pd=pd, tanggal__year=TAHUN).values_list("rt_id", flat=True)
    )
    berdaya = sum(1 for rt, p in pagu.items() if rt in rembug and belanja.get(rt, 0) * 100 >= 75 * p)
    assert 0 < berdaya < len(pagu) == 251
    assert f"RT berdaya {TAHUN} {berdaya} dari 251 RT" in _teks(client.get(_url(pd, "beranda_pd")))
    teks = _teks(client.get(_url(pd, "rtkeren"), {"tahun": TAHUN}))
    assert f"{berdaya} dari 251 RT berdaya" in teks
    total = setengah_ke_atas(Fraction(int(sum(belanja.values())) * 100, int(sum(pagu.values()))))
    assert f"{total}".replace(".", ",") + "% penyerapan" in teks
    assert "data demonstrasi" in teks


def test_an_rt_page_shows_attendance_proposals_and_activities_but_not_the_minutes(client, pd):
    rembug = _rembug_gedog(pd)
    rembug.notulen = NOTULEN
    rembug.save(update_fields=["notulen"])
    rt = rembug.rt
    teks = _teks(client.get(_url(pd, "rtkeren_rt", rt.unit_id, rt.pk), {"tahun": TAHUN}))
    assert f"{rembug.tanggal:%d-%m-%Y} {rembug.hadir_laki} {rembug.hadir_perempuan} {rembug.hadir}" in teks
    for u in rembug.usulan_set.all():
        assert u.uraian in teks and u.get_status_display() in teks
    assert NOTULEN not in teks and "Notulen rembug tidak diterbitkan" in teks


# --- photos ----------------------------------------------------------------------------------------------------


def test_only_a_public_jpeg_or_png_photo_of_this_pd_is_served(client, pd, settings, tmp_path):
    from kinerja.portal.models import Publikasi

    settings.MEDIA_ROOT = tmp_path
    rembug = _rembug_gedog(pd)
    publik = _foto(rembug, "rembug.jpg", JPEG, publik=True)
    png = _foto(rembug, "peta.png", PNG, publik=True)
    tertutup = _foto(rembug, "warga.jpg", JPEG, publik=False)
    menyamar = _foto(rembug, "bukan.png", b"<svg onload=alert(1)>", publik=True)
    dokumen = _foto(rembug, "lpj.jpg", JPEG, publik=True, jenis="dokumen")
    r = client.get(_url(pd, "rtkeren_foto", publik.pk))
    assert r.status_code == 200 and r["Content-Type"] == "image/jpeg"
    assert b"".join(r.streaming_content) == JPEG
    assert client.get(_url(pd, "rtkeren_foto", png.pk))["Content-Type"] == "image/png"
    for b in (tertutup, menyamar, dokumen):
        r = client.get(_url(pd, "rtkeren_foto", b.pk))
        assert r.status_code == 404 and "tidak diterbitkan" in r.content.decode()
    # the RT page shows the public ones only
    halaman = client.get(
        _url(pd, "rtkeren_rt", rembug.rt.unit_id, rembug.rt.pk), {"tahun": TAHUN}
    ).content.decode()
    assert (
        _url(pd, "rtkeren_foto", publik.pk) in halaman
        and _url(pd, "rtkeren_foto", tertutup.pk) not in halaman
    )
    # a PD that stops publishing RT Keren serves no photo either
    Publikasi.objects.create(pd=pd, rtkeren=False)
    assert client.get(_url(pd, "rtkeren_foto", publik.pk)).status_code == 404
    assert client.get(_url(pd, "rtkeren")).status_code == 404


# --- wrong addresses --------------------------------------------------------------------------------------


def test_a_wrong_year_shows_the_default_year_with_a_notice_and_a_wrong_unit_or_rt_is_a_404(client, pd):
    from kinerja.wilayah.models import RukunTetangga

    gedog, rembang = _unit(pd, "Gedog"), _unit(pd, "Rembang")
    rt_rembang = RukunTetangga.objects.filter(unit=rembang).first()
    seksi = pd.unit_set.filter(jenis="bagian").first()
    for alamat, q in (
        (_url(pd, "rtkeren"), {"tahun": "1999"}),
        (_url(pd, "rtkeren"), {"tahun": "dua ribu"}),
        (_url(pd, "rtkeren_kelurahan", gedog.pk), {"tahun": "99999999999999999999999"}),
    ):
        r = client.get(alamat, q)
        teks = r.content.decode()
        assert (
            r.status_code == 200
            and "tidak tersedia untuk RT Keren" in teks
            and "Ditampilkan tahun 2022" in teks
        )
    salah = [
        (_url(pd, "rtkeren_unduh", "csv"), {"tahun": "1999"}, "Tahun"),
        (_url(pd, "rtkeren_kelurahan", seksi.pk), {}, "Kelurahan"),
        (_url(pd, "rtkeren_kelurahan", 987654), {}, "Kelurahan"),
        (_url(pd, "rtkeren_rt", gedog.pk, rt_rembang.pk), {}, "RT"),
        (_url(pd, "profil_kelurahan", seksi.pk), {}, "Kelurahan"),
        (_url(pd, "profil_unduh", "pdf"), {}, "Format unduhan"),
    ]
    for alamat, q, kata in salah:
        r = client.get(alamat, q)
        assert r.status_code == 404, alamat
        assert kata in r.content.decode() and "tidak" in r.content.decode(), alamat
    # the RT is found under its own kelurahan
    assert client.get(_url(pd, "rtkeren_rt", rembang.pk, rt_rembang.pk)).status_code == 200
    r = client.get(
        reverse("publik:api_dataset", args=[pd.pemda.slug, pd.slug, "rt-keren"]), {"tahun": "1999"}
    )
    assert r.status_code == 400 and "tahun" in r.json()["galat"]


def test_a_pd_without_rt_keren_records_says_so(client, pd):
    from kinerja.rtkeren.models import Alokasi, KegiatanRt, Musrenbang, RembugWarga

    KegiatanRt.objects.all().delete()
    RembugWarga.objects.all().delete()
    Alokasi.objects.all().delete()
    Musrenbang.objects.all().delete()
    r = client.get(_url(pd, "rtkeren"))
    assert r.status_code == 200 and "belum mempunyai catatan RT Keren" in r.content.decode()
    assert "RT berdaya" not in _teks(client.get(_url(pd, "beranda_pd")))


# --- a phone ----------------------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_profil_and_an_rt_page_do_not_scroll_sideways_on_a_phone(live_server):
    import os

    from playwright.sync_api import sync_playwright

    from kinerja.demo.sampel import muat_sampel
    from kinerja.rtkeren.models import RembugWarga
    from kinerja.wilayah.models import PerangkatDaerah

    if not PerangkatDaerah.objects.filter(slug="kecamatan-sananwetan").exists():
        muat_sampel()
    p = PerangkatDaerah.objects.select_related("pemda").get(slug="kecamatan-sananwetan")
    rt = RembugWarga.objects.filter(rt__unit__pd=p).select_related("rt").first().rt
    assert os.path.exists("/usr/bin/chromium"), "Pasang Chromium: apt-get install chromium"
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        halaman = b.new_context(viewport={"width": 390, "height": 844}).new_page()
        for alamat in (_url(p, "profil"), _url(p, "rtkeren_rt", rt.unit_id, rt.pk) + f"?tahun={TAHUN}"):
            halaman.goto(live_server.url + alamat)
            assert halaman.locator("h1").count() == 1
            lebar, layar = halaman.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert lebar <= layar, alamat
            # the wide tables scroll inside their own focusable box
            assert halaman.locator(".gulir[tabindex='0'][role=region]").count() >= 1
        b.close()


def test_a_deactivated_kelurahan_without_staff_leaves_the_count_and_the_organisation(
    client, pd, django_capture_on_commit_callbacks
):
    """Seven kelurahan in the sample; an eighth added is counted and listed while active, and once
    dissolved (deactivated, no staff left) it is neither counted nor shown as part of today's organisation."""
    from kinerja.wilayah.models import Unit

    with django_capture_on_commit_callbacks(execute=True):  # the portal's stored pages are renewed
        baru = Unit.objects.create(
            pd=pd, nama="Kelurahan Uji Lama", nama_pendek="Uji Lama", jenis=Unit.Jenis.KELURAHAN, urutan=99
        )
    beranda = reverse("publik:beranda_pd", args=[pd.pemda.slug, pd.slug])
    assert "membawahi 8 kelurahan" in _teks(client.get(beranda))
    assert "Kelurahan Uji Lama" in _teks(client.get(_url(pd, "profil")))
    with django_capture_on_commit_callbacks(execute=True):
        baru.aktif = False
        baru.save(update_fields=["aktif"])
    assert "membawahi 7 kelurahan" in _teks(client.get(beranda))
    assert "Kelurahan Uji Lama" not in _teks(client.get(_url(pd, "profil")))
