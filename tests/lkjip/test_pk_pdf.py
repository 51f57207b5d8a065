"""The Perjanjian Kinerja as PDF: the draft marked RANCANGAN, the signed agreement from its snapshot
(a target changed after signing does not reach it), for the PK page's readers only."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kinerja.lkjip.pdf_pk import pk_ke_pdf
from kinerja.monev import pk as pk_mod
from kinerja.monev.models import PerjanjianKinerja
from kinerja.monev.selectors import muat_evaluasi
from kinerja.renstra.models import Target

pytestmark = pytest.mark.django_db


def _pdf(versi) -> bytes:
    ev = muat_evaluasi(versi, 2022, 4)
    teken = PerjanjianKinerja.objects.filter(pd=versi.pd, tahun=2022).first()
    isi = pk_mod.isi_tertanda(teken) if teken else pk_mod.isi_pk(ev)
    return pk_ke_pdf(isi, pk_mod.keadaan(teken), pk_mod.tabel_pk(ev, isi, teken), kompres=False)


def _target_kelurahan_berdaya(versi) -> Target:
    return Target.objects.get(
        indikator__nama="Persentase kelurahan berdaya", indikator__node__versi=versi, tahun=2022, lokasi=None
    )


def test_the_draft_says_rancangan_and_carries_the_statement_parties_and_annex(versi_sampel):
    isi = _pdf(versi_sampel)
    assert isi.startswith(b"%PDF")
    assert b"RANCANGAN - belum ditandatangani" in isi and b"PERJANJIAN KINERJA TAHUN 2022" in isi
    # The Camat as printed in the document (Renstra's signature page), with his NIP.
    assert b"PURWANTO, AP" in isi and b"19730304 199311 1 002" in isi
    for kalimat in (pk_mod.SEBUTAN_PERTAMA, pk_mod.SEBUTAN_KEDUA, "PIHAK KEDUA,", "PIHAK PERTAMA,"):
        assert kalimat.encode() in isi
    assert b"Keberhasilan dan kegagalan pencapaian" in isi and b"melakukan supervisi" in isi
    assert _target_kelurahan_berdaya(versi_sampel).teks.encode() in isi  # the sasaran's 2022 target


def test_the_signed_agreement_is_printed_as_signed(versi_sampel):
    camat = get_user_model().objects.get(username="camat")
    isi = pk_mod.isi_pk(muat_evaluasi(versi_sampel, 2022, 4), camat)
    pk_mod.tandatangani(
        pengguna=camat,
        versi=versi_sampel,
        tahun=2022,
        isi=isi,
        tempat="Blitar",
        nama_pihak_kedua="Wali Kota Uji",
    )
    t = _target_kelurahan_berdaya(versi_sampel)
    ditandatangani = t.teks
    Target.objects.filter(pk=t.pk).update(teks="61%", nilai=D(61))  # changed after signing
    pdf = _pdf(versi_sampel)
    assert b"RANCANGAN" not in pdf and b"Wali Kota Uji" in pdf and b"Blitar, " in pdf
    assert ditandatangani.encode() in pdf and b"61%" not in pdf
    assert b"Ditandatangani di Blitar" in pdf


def test_readers_of_the_pk_page_download_it_others_are_refused(client, versi_sampel):
    url = reverse("lkjip:pk_pdf", args=[versi_sampel.pk, 2022])
    for nama, kode in (("perencana", 200), ("camat", 200), ("operator-gedog", 403)):
        client.force_login(get_user_model().objects.get(username=nama))
        r = client.get(url)
        assert r.status_code == kode, nama
        if kode == 200:
            assert r["Content-Type"] == "application/pdf"
            assert 'filename="PK-2022-kecamatan-sananwetan-rancangan.pdf"' in r["Content-Disposition"]
    client.force_login(get_user_model().objects.get(username="perencana"))
    assert client.get(reverse("lkjip:pk_pdf", args=[versi_sampel.pk, 2031])).status_code == 404
    halaman = client.get(reverse("monev:pk", args=[versi_sampel.pk, 2022])).content.decode()
    assert url in halaman  # the PK page offers it beside XLSX and JSON
