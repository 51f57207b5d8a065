"""Evidence files leave storage with their row; an empty save or a refused action makes no report row."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from kinerja.monev import services
from kinerja.monev.models import Laporan, Realisasi

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _isi(sampel, **lain):
    return services.simpan_realisasi(
        pengguna=get_user_model().objects.get(username="operator-gedog"),
        indikator=sampel.baris("Gedog"),
        lokasi=sampel.unit["Gedog"],
        tahun=2022,
        triwulan=4,
        revisi=None,
        **lain,
    )


def _pdf(nama: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, b"%PDF-1.4 " + nama.encode(), content_type="application/pdf")


def test_a_replaced_evidence_file_is_removed_after_the_commit(
    sampel, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pertama = _isi(sampel, teks="3", bukti=_pdf("daftar-hadir.pdf"))
    lama = media / pertama.bukti.name
    assert lama.exists()
    with django_capture_on_commit_callbacks(execute=False) as tunda:
        kedua = _isi(sampel, teks="3", bukti=_pdf("foto-kegiatan.pdf"))
    # Until the transaction commits both files are there: a rollback would still need the old one.
    assert lama.exists() and (media / kedua.bukti.name).exists()
    for f in tunda:
        f()
    assert not lama.exists()
    assert (media / kedua.bukti.name).read_bytes() == b"%PDF-1.4 foto-kegiatan.pdf"


def test_saving_other_fields_keeps_the_evidence_file(sampel, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = _isi(sampel, teks="3", bukti=_pdf("daftar-hadir.pdf"))
        _isi(sampel, teks="4", faktor_pendorong="Warga hadir.")
    assert (media / r.bukti.name).exists()


def test_a_deleted_row_takes_its_evidence_file_along(sampel, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = _isi(sampel, teks="3", bukti=_pdf("daftar-hadir.pdf"))
    berkas = media / r.bukti.name
    with django_capture_on_commit_callbacks(execute=True):
        Realisasi.objects.filter(pk=r.pk).delete()
    assert not berkas.exists()


def test_a_rolled_back_deletion_keeps_the_file(sampel, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = _isi(sampel, teks="3", bukti=_pdf("daftar-hadir.pdf"))
    berkas = media / r.bukti.name
    with django_capture_on_commit_callbacks(execute=True) as jalan:
        try:
            with transaction.atomic():
                Realisasi.objects.filter(pk=r.pk).delete()
                raise RuntimeError("batal")
        except RuntimeError:
            pass
    assert jalan == [] and berkas.exists() and Realisasi.objects.filter(pk=r.pk).exists()


def _triwulan_tanpa_laporan(sampel):
    """A quarter of Gedog with neither a report row nor a realisation of its first row."""
    ind, gedog = sampel.baris("Gedog"), sampel.unit["Gedog"]
    Realisasi.objects.filter(indikator=ind, lokasi=gedog, tahun=2022, triwulan=1).delete()
    Laporan.objects.filter(unit=gedog, tahun=2022, triwulan=1).delete()
    return ind, 1


def test_an_empty_save_on_an_empty_row_makes_no_report_row(sampel):
    ind, tw = _triwulan_tanpa_laporan(sampel)
    gedog = sampel.unit["Gedog"]
    op = get_user_model().objects.get(username="operator-gedog")
    hasil = services.simpan_realisasi(
        pengguna=op,
        indikator=ind,
        lokasi=gedog,
        tahun=2022,
        triwulan=tw,
        teks="  ",
        revisi=0,
        faktor_pendorong="",
    )
    assert hasil is None
    assert not Laporan.objects.filter(unit=gedog, tahun=2022, triwulan=tw).exists()


@pytest.mark.parametrize("aksi", ["ajukan", "tarik", "verifikasi", "kembalikan", "buka", "sembarang"])
def test_a_lurah_posting_a_workflow_action_makes_no_report_row(masuk, sampel, versi_sampel, aksi):
    ind, tw = _triwulan_tanpa_laporan(sampel)
    gedog = sampel.unit["Gedog"]
    c = masuk("lurah-gedog")
    c.raise_request_exception = False
    url = reverse("monev:alur", args=[versi_sampel.pk, 2022, tw, gedog.pk])
    r = c.post(url, {"aksi": aksi, "revisi": "0", "sampai": "2030-01-01", "alasan": "x", "catatan": "x"})
    assert r.status_code in (302, 400, 403)  # 400: an unknown action, shown on the page
    assert not Laporan.objects.filter(unit=gedog, tahun=2022, triwulan=tw).exists()
