"""Every persona × every action × own unit and another unit, through the URLs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.monev.models import Laporan, PerjanjianKinerja, PersetujuanPD, Realisasi

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def _isian(s, unit, tw=4):
    return reverse("monev:isian", args=[s.versi.pk, 2022, tw, s.unit[unit].pk])


def _simpan(c, s, unit, nilai="7"):
    ind = s.baris(unit)
    lama = s.realisasi(unit, 4)
    url = reverse("monev:simpan_baris", args=[s.versi.pk, 2022, 4, s.unit[unit].pk, ind.pk, s.unit[unit].pk])
    r = c.post(url, {"nilai": nilai, "revisi": lama.revisi if lama else 0}, **HX)
    baru = s.realisasi(unit, 4)
    berubah = baru is not None and baru.teks == nilai
    assert (r.status_code == 200) == berubah, (r.status_code, berubah)
    return r.status_code != 403


def _alur(c, s, unit, tw, aksi, **data):
    lap = s.laporan(unit, tw)
    r = c.post(reverse("monev:alur", args=[s.versi.pk, 2022, tw, s.unit[unit].pk]), {"aksi": aksi, **data})
    berubah = Laporan.objects.get(pk=lap.pk).revisi != lap.revisi
    assert (r.status_code == 302 and berubah) or (r.status_code == 403 and not berubah), (
        r.status_code,
        berubah,
    )
    return berubah


def _get(c, url):
    r = c.get(url)
    assert r.status_code in (200, 403), r.status_code
    return r.status_code == 200


def _teken(c, s):
    r = c.post(
        reverse("monev:pk", args=[s.versi.pk, 2022]),
        {"konfirmasi": "1", "tempat": "Blitar", "nama_pihak_kedua": "Santoso"},
    )
    ada = PerjanjianKinerja.objects.filter(pd=s.versi.pd, tahun=2022).exists()
    assert (r.status_code == 302) == ada
    return ada


def _tarik(c, s):
    # Gedog's fourth quarter (open until well after today) is waiting for verification.
    Laporan.objects.filter(pk=s.laporan("Gedog", 4).pk).update(status=Laporan.Status.DIAJUKAN)
    berubah = _alur(c, s, "Gedog", 4, "tarik")
    assert (s.laporan("Gedog", 4).status == Laporan.Status.DRAFT) == berubah
    return berubah


def _tanda(c, s):
    """Flag one of Gedog's third-quarter rows; who sees it on the matrix and on the entry page."""
    real = s.realisasi("Gedog", 3)
    Realisasi.objects.filter(pk=real.pk).update(
        peringatan="capaian s.d. triwulan III menjadi 250% dari target 75 (di atas 200%)",
        penjelasan="Pembinaan diikuti seluruh kader kelurahan.",
    )
    m = c.get(reverse("monev:matriks", args=[s.versi.pk, 2022]))
    i = c.get(_isian(s, "Gedog", tw=3))
    di_matriks = m.status_code == 200 and "1 ditandai" in m.content.decode()
    di_isian = i.status_code == 200 and 'id="baris-ditandai"' in i.content.decode()
    assert di_matriks == di_isian, (di_matriks, di_isian)
    return di_isian


def _buka(c, s):
    """Reopen a verified quarter Bappeda does not hold (as one verified before the pemda used two levels).
    An approved quarter is locked for everyone, and the PD's perencana reopens one Bappeda returned:
    tests/monev/test_persetujuan.py."""
    PersetujuanPD.objects.filter(pd=s.versi.pd, tahun=2022, triwulan=1).delete()
    return _alur(c, s, "Gedog", 1, "buka", alasan="Koreksi data", sampai="2099-01-01")


def _riwayat(c, s):
    real = s.realisasi("Gedog", 3)
    return _get(c, reverse("monev:riwayat", args=["realisasi", real.pk]))


AKSI = {
    "lihat_isian_gedog": lambda c, s: _get(c, _isian(s, "Gedog")),
    "lihat_isian_rembang": lambda c, s: _get(c, _isian(s, "Rembang")),
    "isi_gedog": lambda c, s: _simpan(c, s, "Gedog"),
    "isi_rembang": lambda c, s: _simpan(c, s, "Rembang"),
    "ajukan_gedog": lambda c, s: _alur(c, s, "Gedog", 4, "ajukan", tetap="1"),
    "tarik_gedog": _tarik,
    "verifikasi_klampok": lambda c, s: _alur(c, s, "Klampok", 4, "verifikasi"),
    "buka_gedog_tw1": _buka,
    "e81_pd": lambda c, s: _get(c, reverse("monev:laporan", args=[s.versi.pk, 2022, "E.81"])),
    "e81_gedog": lambda c, s: _get(
        c, reverse("monev:laporan", args=[s.versi.pk, 2022, "E.81"]) + f"?unit={s.unit['Gedog'].pk}"
    ),
    "lkjip": lambda c, s: _get(c, reverse("monev:laporan", args=[s.versi.pk, 2022, "LKJIP"])),
    "teken_pk": _teken,
    "renstra": lambda c, s: _get(c, reverse("renstra:dasbor", args=[s.versi.pk])),
    "impor": lambda c, s: c.post(reverse("renstra:impor", args=[s.versi.pk]), {}).status_code != 403,
    "riwayat_gedog": _riwayat,
    "lihat_tanda": _tanda,
}

# Who may do what: the columns are the keys of AKSI, in order.
MATRIKS = {
    #                    lihat_g lihat_r isi_g isi_r ajukan tarik verif  buka  e81  e81_g lkjip  pk   renstra impor riwayat tanda
    "operator-gedog":     (1,     0,      1,    0,    1,     1,    0,     0,    0,   1,    0,     0,   1,      0,    1,      0),
    "operator-rembang":   (0,     1,      0,    1,    0,     0,    0,     0,    0,   0,    0,     0,   1,      0,    0,      0),
    "operator-kecamatan": (0,     0,      0,    0,    0,     0,    0,     0,    0,   0,    0,     0,   1,      0,    0,      0),
    "lurah-gedog":        (1,     0,      0,    0,    0,     0,    0,     0,    0,   1,    0,     0,   1,      0,    1,      0),
    "camat":              (1,     1,      0,    0,    0,     0,    0,     0,    1,   1,    1,     1,   1,      0,    1,      0),
    "perencana":          (1,     1,      0,    0,    0,     0,    1,     0,    1,   1,    1,     0,   1,      1,    1,      1),
    "verifikator":        (1,     1,      0,    0,    0,     0,    1,     1,    1,   1,    1,     0,   1,      0,    1,      1),
    "admin":              (1,     1,      1,    1,    1,     1,    1,     1,    1,   1,    1,     1,   1,      1,    1,      1),
    "tamu":               (0,     0,      0,    0,    0,     0,    0,     0,    0,   0,    0,     0,   0,      0,    0,      0),
}  # fmt: skip


@pytest.mark.parametrize("persona", list(MATRIKS))
@pytest.mark.parametrize("aksi", list(AKSI))
def test_permission_matrix(masuk, sampel, persona, aksi):
    c = masuk(persona)
    harap = bool(MATRIKS[persona][list(AKSI).index(aksi)])
    assert AKSI[aksi](c, sampel) is harap


def test_an_operator_cannot_write_another_kelurahans_row_through_its_own_url(masuk, sampel):
    c = masuk("operator-gedog")
    ind = sampel.baris("Rembang")
    gedog, rembang = sampel.unit["Gedog"].pk, sampel.unit["Rembang"].pk
    sebelum = Realisasi.objects.count()
    # Gedog's unit in the path, Rembang as the lokasi: refused before anything is read.
    url = reverse("monev:simpan_baris", args=[sampel.versi.pk, 2022, 4, gedog, ind.pk, rembang])
    assert c.post(url, {"nilai": "9", "revisi": 0}, **HX).status_code == 404
    # Gedog's unit and lokasi with an indicator Gedog has no target for: a clear refusal.
    tanpa = (
        sampel.versi.node_set.model.objects.filter(versi=sampel.versi, tingkat=1)
        .first()
        .indikator_set.first()
    )
    url = reverse("monev:simpan_baris", args=[sampel.versi.pk, 2022, 4, gedog, tanpa.pk, gedog])
    r = c.post(url, {"nilai": "9", "revisi": 0})
    assert r.status_code == 302
    assert Realisasi.objects.count() == sebelum


def test_an_operator_of_one_kelurahan_does_not_see_others_in_the_matrix(masuk, sampel):
    r = masuk("operator-gedog").get(reverse("monev:matriks", args=[sampel.versi.pk, 2022]))
    teks = r.content.decode()
    assert (
        "Kelurahan Gedog" in teks and "Kelurahan Rembang" not in teks and "Evaluasi &amp; laporan" not in teks
    )


def test_evidence_files_are_served_only_to_readers_of_the_row(masuk, sampel, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kinerja.monev import services

    settings.MEDIA_ROOT = tmp_path
    ind = sampel.baris("Gedog")
    from django.contrib.auth import get_user_model

    op = get_user_model().objects.get(username="operator-gedog")
    real = services.simpan_realisasi(
        pengguna=op,
        indikator=ind,
        lokasi=sampel.unit["Gedog"],
        tahun=2022,
        triwulan=4,
        teks="3",
        revisi=None,
        bukti=SimpleUploadedFile("daftar-hadir.pdf", b"%PDF-1.4 uji", content_type="application/pdf"),
    )
    url = reverse("monev:bukti", args=[real.pk])
    assert masuk("operator-rembang").get(url).status_code == 403
    r = masuk("lurah-gedog").get(url)
    assert r.status_code == 200 and b"".join(r.streaming_content) == b"%PDF-1.4 uji"
