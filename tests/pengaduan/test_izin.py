"""Complaints: every persona × every action × own unit and another unit, through the URLs.

Handlers (the receiving unit's operator, the perencana, the administrator) read the reporter
and act; a Lurah reads his kelurahan's complaints and the Camat the whole PD's, both without
the reporter; the Bappeda verifikator reads the statistics only.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.core.models import Peran
from kinerja.core.pelaku import SISTEM
from kinerja.pengaduan import services
from kinerja.pengaduan.models import Kategori, Pengaduan

pytestmark = pytest.mark.django_db

NAMA = {"Gedog": "Bu Sumarni Gedog", "Rembang": "Pak Harjono Rembang"}
KONTAK = {"Gedog": "0813-5555-0101", "Rembang": "harjono@contoh.id"}


@pytest.fixture
def aduan(versi_sampel, settings, tmp_path):
    """One complaint per kelurahan with a named reporter and an attachment."""
    settings.MEDIA_ROOT = tmp_path
    pd = versi_sampel.pd
    hasil = {}
    for k in NAMA:
        hasil[k], _ = services.terima(
            pd=pd,
            unit=pd.unit_set.get(nama_pendek=k),
            kategori=Kategori.objects.filter(pd=pd).first(),
            kanal="web",
            judul=f"Lampu jalan padam di {k}",
            isi="Lampu jalan di gang tiga padam sejak seminggu.",
            nama_pelapor=NAMA[k],
            kontak_pelapor=KONTAK[k],
            lampiran=[SimpleUploadedFile("foto.png", b"\x89PNG uji", content_type="image/png")],
            pengguna=SISTEM,
        )
    return hasil


def _get(c, url) -> bool:
    r = c.get(url)
    assert r.status_code in (200, 403), (url, r.status_code)
    return r.status_code == 200


def _rinci(c, adu) -> str | None:
    r = c.get(reverse("pengaduan:rinci", args=[adu.pd_id, adu.pk]))
    assert r.status_code in (200, 403), r.status_code
    return r.content.decode() if r.status_code == 200 else None


def _kontak(c, adu) -> bool:
    teks = _rinci(c, adu)
    if teks is None:
        return False
    k = adu.unit.nama_pendek
    terlihat = NAMA[k] in teks and KONTAK[k] in teks
    assert terlihat or "disembunyikan" in teks
    return terlihat


def _tangani(c, adu) -> bool:
    r = c.post(
        reverse("pengaduan:rinci", args=[adu.pd_id, adu.pk]),
        {"status": "diverifikasi", "revisi": adu.revisi, "isi": ""},
    )
    berubah = Pengaduan.objects.get(pk=adu.pk).status == "diverifikasi"
    assert (r.status_code == 302 and berubah) or (r.status_code == 403 and not berubah), r.status_code
    return berubah


def _balas(c, adu) -> bool:
    sebelum = adu.tanggapan_set.count()
    r = c.post(
        reverse("pengaduan:rinci", args=[adu.pd_id, adu.pk]),
        {"aksi": "balas", "isi": "Sudah diteruskan ke PLN.", "untuk_pelapor": "1"},
    )
    baru = adu.tanggapan_set.count() == sebelum + 1
    assert (r.status_code == 302 and baru) or (r.status_code == 403 and not baru), r.status_code
    return baru


def _lampiran(c, adu) -> bool:
    lam = adu.lampiran_set.get()
    return _get(c, reverse("pengaduan:lampiran", args=[adu.pd_id, adu.pk, lam.pk]))


def _statistik_lain(c, adu) -> bool:
    """Does the statistics page show a unit none of the unit personas works for (PD-wide figures)?"""
    r = c.get(reverse("pengaduan:statistik", args=[adu.pd_id]) + "?tahun=2022")
    return r.status_code == 200 and "Kelurahan Klampok" in r.content.decode()


def _pd(a):
    return a["Gedog"].pd_id


AKSI = {
    "daftar": lambda c, a: _get(c, reverse("pengaduan:daftar", args=[_pd(a)])),
    "rinci_gedog": lambda c, a: _rinci(c, a["Gedog"]) is not None,
    "rinci_rembang": lambda c, a: _rinci(c, a["Rembang"]) is not None,
    "kontak_gedog": lambda c, a: _kontak(c, a["Gedog"]),
    "kontak_rembang": lambda c, a: _kontak(c, a["Rembang"]),
    "tangani_gedog": lambda c, a: _tangani(c, a["Gedog"]),
    "tangani_rembang": lambda c, a: _tangani(c, a["Rembang"]),
    "balas_gedog": lambda c, a: _balas(c, a["Gedog"]),
    "lampiran_gedog": lambda c, a: _lampiran(c, a["Gedog"]),
    "statistik": lambda c, a: _get(c, reverse("pengaduan:statistik", args=[_pd(a)])),
    "statistik_pd": lambda c, a: _statistik_lain(c, a["Gedog"]),
    "csv": lambda c, a: _get(c, reverse("pengaduan:ekspor", args=[_pd(a)])),
}

# Who may do what: the columns are the keys of AKSI, in order.
MATRIKS = {
    #                    daftar rinci_g rinci_r kontak_g kontak_r tangani_g tangani_r balas lamp stat stat_pd csv
    "operator-gedog":     (1,    1,      0,      1,       0,       1,        0,        1,    1,   1,   0,      1),
    "operator-rembang":   (1,    0,      1,      0,       1,       0,        1,        0,    0,   1,   0,      1),
    "operator-kecamatan": (1,    0,      0,      0,       0,       0,        0,        0,    0,   1,   0,      1),
    "lurah-gedog":        (1,    1,      0,      0,       0,       0,        0,        0,    0,   1,   0,      1),
    "lurah-rembang":      (1,    0,      1,      0,       0,       0,        0,        0,    0,   1,   0,      1),
    "camat":              (1,    1,      1,      0,       0,       0,        0,        0,    0,   1,   1,      1),
    "perencana":          (1,    1,      1,      1,       1,       1,        1,        1,    1,   1,   1,      1),
    "verifikator":        (0,    0,      0,      0,       0,       0,        0,        0,    0,   1,   1,      0),
    "admin":              (1,    1,      1,      1,       1,       1,        1,        1,    1,   1,   1,      1),
    "tamu":               (0,    0,      0,      0,       0,       0,        0,        0,    0,   0,   0,      0),
}  # fmt: skip


@pytest.mark.parametrize("persona", list(MATRIKS))
@pytest.mark.parametrize("aksi", list(AKSI))
def test_complaint_permission_matrix(masuk, aduan, persona, aksi):
    c = masuk(persona)
    harap = bool(MATRIKS[persona][list(AKSI).index(aksi)])
    assert AKSI[aksi](c, aduan) is harap


@pytest.mark.parametrize(
    "persona", ["lurah-gedog", "lurah-rembang", "camat", "verifikator", "operator-rembang"]
)
def test_the_samples_reporters_never_reach_a_non_handler(masuk, versi_sampel, persona):
    """Names and phone numbers of the sample's reporters are in no page a non-handler opens."""
    pd = versi_sampel.pd
    c = masuk(persona)
    rahasia = {
        (a.nama_pelapor, a.kontak_pelapor, a.unit.nama_pendek)
        for a in Pengaduan.objects.filter(pd=pd).exclude(nama_pelapor="").select_related("unit")
    }
    assert len(rahasia) > 10
    halaman = [
        reverse("pengaduan:daftar", args=[pd.pk]),
        reverse("pengaduan:statistik", args=[pd.pk]) + "?tahun=2022",
        reverse("pengaduan:ekspor", args=[pd.pk]),
    ]
    halaman += [reverse("pengaduan:rinci", args=[pd.pk, a.pk]) for a in Pengaduan.objects.filter(pd=pd)]
    dibaca = 0
    for url in halaman:
        r = c.get(url)
        if r.status_code != 200:
            continue
        dibaca += 1
        teks = r.content.decode("utf-8-sig")
        for nama, kontak, _unit in rahasia:
            if persona == "operator-rembang" and _unit == "Rembang":
                continue  # the handler of Rembang sees Rembang's reporters
            assert nama not in teks and kontak not in teks, (url, nama)
    assert dibaca >= (1 if persona == "verifikator" else 2)


def test_a_lurah_reads_only_his_kelurahans_complaints(masuk, versi_sampel):
    pd = versi_sampel.pd
    c = masuk("lurah-gedog")
    teks = c.get(reverse("pengaduan:daftar", args=[pd.pk])).content.decode()
    gedog = Pengaduan.objects.filter(pd=pd, unit__nama_pendek="Gedog")
    lain = Pengaduan.objects.filter(pd=pd).exclude(unit__nama_pendek="Gedog")
    assert gedog.exists() and lain.exists()
    assert all(a.kode_tampil in teks for a in gedog)
    assert not any(a.kode_tampil in teks for a in lain)
    rinci = c.get(reverse("pengaduan:rinci", args=[pd.pk, gedog.first().pk])).content.decode()
    assert "disembunyikan" in rinci and "<h2>Tindak lanjut</h2>" not in rinci and 'name="aksi"' not in rinci


def test_an_operators_statistics_count_its_own_unit_only(masuk, versi_sampel):
    pd = versi_sampel.pd
    r = masuk("operator-gedog").get(reverse("pengaduan:statistik", args=[pd.pk]) + "?tahun=2022")
    jumlah = Pengaduan.objects.filter(pd=pd, unit__nama_pendek="Gedog", diterima_pada__year=2022).count()
    semua = Pengaduan.objects.filter(pd=pd, diterima_pada__year=2022).count()
    assert jumlah != semua
    assert r.context["total"].jumlah == jumlah
    assert sum(x.jumlah for _, x in r.context["per_bulan"]) == jumlah
    assert sum(x.jumlah for _, x in r.context["per_kategori"]) == jumlah


def test_the_verifikators_statistics_cover_the_whole_pd(masuk, versi_sampel):
    pd = versi_sampel.pd
    r = masuk("verifikator").get(reverse("pengaduan:statistik", args=[pd.pk]) + "?tahun=2022")
    assert r.context["total"].jumlah == Pengaduan.objects.filter(pd=pd, diterima_pada__year=2022).count()
    assert f'href="{reverse("pengaduan:daftar", args=[pd.pk])}"' not in r.content.decode()


def test_a_reader_cannot_act_through_the_services_either(aduan):
    User = get_user_model()
    for username in ("lurah-gedog", "camat", "verifikator"):
        with pytest.raises(PermissionDenied):
            services.pindah(
                pengguna=User.objects.get(username=username),
                pengaduan=aduan["Gedog"],
                status="ditolak",
                tanggapan="x",
            )
        with pytest.raises(PermissionDenied):
            services.balas(pengguna=User.objects.get(username=username), pengaduan=aduan["Gedog"], isi="x")


def test_a_second_role_makes_the_verifikator_a_handler(masuk, versi_sampel, aduan):
    """The documented way: a role that grants handling — operator of a unit, or admin of the PD."""
    User = get_user_model()
    v = User.objects.get(username="verifikator")
    gedog = versi_sampel.pd.unit_set.get(nama_pendek="Gedog")
    Peran.objects.create(pengguna=v, jenis=Peran.Jenis.OPERATOR, unit=gedog)
    c = masuk("verifikator")
    assert _kontak(c, aduan["Gedog"]) and _rinci(c, aduan["Rembang"]) is None
    Peran.objects.create(pengguna=v, jenis=Peran.Jenis.ADMIN, pd=versi_sampel.pd)
    c = masuk("verifikator")
    assert _kontak(c, aduan["Rembang"]) and _tangani(c, aduan["Rembang"])


def test_the_menu_offers_the_list_to_readers_and_the_statistics_to_the_verifikator(masuk, versi_sampel):
    pd = versi_sampel.pd
    daftar = reverse("pengaduan:daftar", args=[pd.pk])
    statistik = reverse("pengaduan:statistik", args=[pd.pk])
    rekap = reverse("layanan:rekap", args=[pd.pk])
    teks = masuk("lurah-gedog").get(rekap).content.decode()
    assert f'href="{daftar}"' in teks
    teks = masuk("verifikator").get(rekap).content.decode()
    assert f'href="{daftar}"' not in teks and f'href="{statistik}"' in teks


def test_a_pd_without_units_shows_an_empty_complaint_page_to_its_admin(client):
    from kinerja.wilayah.models import PerangkatDaerah

    sananwetan = PerangkatDaerah.objects.get(slug="kecamatan-sananwetan")
    baru = PerangkatDaerah.objects.create(pemda=sananwetan.pemda, nama="Dinas Baru", slug="dinas-baru")
    client.force_login(get_user_model().objects.get(username="admin"))
    daftar = client.get(reverse("pengaduan:daftar", args=[baru.pk]))
    assert daftar.status_code == 200 and "Tidak ada pengaduan." in daftar.content.decode()
    assert client.get(reverse("pengaduan:statistik", args=[baru.pk])).status_code == 200
