"""The page of a PD quarter (``kota:triwulan_pd``): Bappeda approves or returns it; the PD reads it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kinerja.core.models import Peran
from kinerja.monev.models import Laporan, PersetujuanPD
from kinerja.wilayah.models import Pemda

pytestmark = pytest.mark.django_db
P = PersetujuanPD.Status


def _url(tw: int = 3, tahun: int = 2022, pd: str = "kecamatan-sananwetan", pemda: str | None = None) -> str:
    from kinerja.wilayah.models import PerangkatDaerah

    pemda = pemda or PerangkatDaerah.objects.get(slug="kecamatan-sananwetan").pemda.slug
    return reverse("kota:triwulan_pd", args=[pemda, tahun, tw, pd])


def _p(tw: int) -> PersetujuanPD:
    return PersetujuanPD.objects.get(pd__slug="kecamatan-sananwetan", tahun=2022, triwulan=tw)


def test_bappeda_sees_every_unit_and_the_forms(masuk, versi_sampel):
    r = masuk("verifikator").get(_url())
    assert r.status_code == 200
    teks = r.content.decode()
    assert "Menunggu persetujuan Bappeda" in teks and 'id="tombol-setujui"' in teks
    n_unit = Laporan.objects.filter(unit__pd=versi_sampel.pd, tahun=2022, triwulan=3).count()
    assert teks.count("status-diverifikasi") >= n_unit
    assert reverse("monev:laporan", args=[versi_sampel.pk, 2022, "E.81"]) + "?triwulan=3" in teks


@pytest.mark.parametrize("siapa", ["perencana", "camat"])
def test_the_pd_reads_without_forms(masuk, siapa):
    r = masuk(siapa).get(_url())
    assert r.status_code == 200
    assert 'id="tombol-setujui"' not in r.content.decode()


@pytest.mark.parametrize("siapa", ["operator-gedog", "lurah-gedog", "tamu", "verifikator-lain"])
def test_others_are_refused(masuk, siapa):
    if siapa == "verifikator-lain":
        user = get_user_model().objects.create_user(siapa)
        Peran.objects.create(
            pengguna=user, jenis="verifikator", pemda=Pemda.objects.create(nama="Lain", slug="lain")
        )
    r = masuk(siapa).get(_url())
    assert r.status_code == 403
    r = masuk(siapa).post(_url(), {"aksi": "setujui", "revisi": _p(3).revisi})
    assert r.status_code == 403 and _p(3).status == P.MENUNGGU


@pytest.mark.parametrize(
    "alamat",
    [
        lambda: _url(tw=5),
        lambda: _url(tahun=1990),
        lambda: _url(pd="tidak-ada"),
        lambda: _url(pemda="pemda-lain"),
    ],
)
def test_wrong_quarter_year_or_slug_is_404(masuk, alamat):
    assert masuk("verifikator").get(alamat()).status_code == 404


def test_approve_from_the_page(masuk):
    r = masuk("verifikator").post(_url(), {"aksi": "setujui", "revisi": _p(3).revisi})
    assert r.status_code == 302
    assert _p(3).status == P.DISETUJUI
    teks = masuk("verifikator").get(_url()).content.decode()
    assert "Disetujui Bappeda" in teks and "Batalkan persetujuan" in teks


def test_return_without_a_note_is_400_and_keeps_nothing_lost(masuk):
    revisi = _p(3).revisi
    r = masuk("verifikator").post(_url(), {"aksi": "kembalikan", "revisi": revisi, "catatan": "  "})
    assert r.status_code == 400
    teks = r.content.decode()
    assert "ringkasan-galat" in teks and "Tulis catatan untuk perangkat daerah" in teks
    assert _p(3).status == P.MENUNGGU and _p(3).revisi == revisi


def test_a_stale_page_gets_400_and_changes_nothing(masuk):
    lama = _p(3).revisi
    masuk("verifikator").post(_url(), {"aksi": "kembalikan", "revisi": lama, "catatan": "Cek Gedog"})
    r = masuk("verifikator").post(_url(), {"aksi": "setujui", "revisi": lama})
    assert r.status_code == 400 and "baru saja berubah" in r.content.decode()
    assert _p(3).status == P.DIKEMBALIKAN


def test_return_then_the_pd_answers_from_the_page(masuk):
    masuk("verifikator").post(_url(), {"aksi": "kembalikan", "revisi": _p(3).revisi, "catatan": "Cek Gedog"})
    k = masuk("perencana")
    teks = k.get(_url()).content.decode()
    assert "Cek Gedog" in teks and 'id="tombol-ajukan"' in teks
    r = k.post(_url(), {"aksi": "ajukan", "revisi": _p(3).revisi, "catatan": ""})
    assert r.status_code == 400 and "Tulis jawaban untuk Bappeda" in r.content.decode()
    r = k.post(_url(), {"aksi": "ajukan", "revisi": _p(3).revisi, "catatan": "Sudah diperiksa, tetap"})
    assert r.status_code == 302 and _p(3).status == P.MENUNGGU
    assert "Sudah diperiksa, tetap" in k.get(_url()).content.decode()  # in the history


def test_an_unknown_action_is_400(masuk):
    r = masuk("verifikator").post(_url(), {"aksi": "hapus", "revisi": _p(3).revisi})
    assert r.status_code == 400 and _p(3).status == P.MENUNGGU


def test_the_perencana_cannot_approve_by_posting(masuk):
    r = masuk("perencana").post(_url(), {"aksi": "setujui", "revisi": _p(3).revisi})
    assert r.status_code == 403 and _p(3).status == P.MENUNGGU


def test_the_quarterly_matrix_links_each_quarters_approval(masuk, versi_sampel):
    matriks = reverse("monev:matriks", args=[versi_sampel.pk, 2022])
    teks = masuk("perencana").get(matriks).content.decode()
    assert f'href="{_url(tw=3)}">triwulan III</a> menunggu persetujuan Bappeda' in teks
    assert f'href="{_url(tw=4)}">triwulan IV</a> belum diajukan ke Bappeda' in teks
    assert masuk("perencana").get(_url(tw=4)).status_code == 200  # the link never leads to a refusal
    Pemda.objects.filter(pk=versi_sampel.pd.pemda_id).update(tingkat_persetujuan=1)
    assert 'id="persetujuan-bappeda"' not in masuk("perencana").get(matriks).content.decode()


def test_a_never_submitted_quarter_is_offered_as_a_first_submission(masuk):
    # Triwulan II verified under one level (no approval row): the page must not speak of submitting "again".
    PersetujuanPD.objects.filter(pd__slug="kecamatan-sananwetan", tahun=2022, triwulan=2).delete()
    k = masuk("perencana")
    teks = k.get(_url(tw=2)).content.decode()
    assert "Ajukan ke Bappeda</button>" in teks and "Ajukan kembali" not in teks
    assert "Catatan untuk Bappeda (wajib)" in teks and "Jawaban untuk Bappeda" not in teks
    r = k.post(_url(tw=2), {"aksi": "ajukan", "revisi": 0, "catatan": " "})
    assert r.status_code == 400 and "Tulis catatan untuk Bappeda" in r.content.decode()
    assert not PersetujuanPD.objects.filter(pd__slug="kecamatan-sananwetan", tahun=2022, triwulan=2).exists()
    r = k.post(_url(tw=2), {"aksi": "ajukan", "revisi": 0, "catatan": "Diverifikasi sebelum dua tingkat"})
    assert r.status_code == 302 and _p(2).status == P.MENUNGGU
    riwayat = k.get(_url(tw=2)).content.decode()
    assert "Diajukan kembali" not in riwayat and "Diverifikasi sebelum dua tingkat" in riwayat
