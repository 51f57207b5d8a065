"""The Perjanjian Kinerja as a signable document, signed only through a confirm step."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.core.models import CatatanAudit
from kinerja.monev import pk as pk_mod
from kinerja.monev.models import PerjanjianKinerja
from kinerja.monev.selectors import muat_evaluasi
from kinerja.renstra.models import Target

pytestmark = pytest.mark.django_db


def _user(nama):
    return get_user_model().objects.get(username=nama)


def _url(sampel, tahun=2022):
    return reverse("monev:pk", args=[sampel.versi.pk, tahun])


def test_one_click_signs_nothing_it_leads_to_the_confirm_step(client, sampel):
    client.force_login(_user("camat"))
    r = client.post(_url(sampel))
    assert r.status_code == 302 and r["Location"].endswith("?tandatangan=1#konfirmasi-teken")
    assert not PerjanjianKinerja.objects.exists()
    halaman = client.get(r["Location"]).content.decode()
    assert 'id="konfirmasi-teken"' in halaman and 'name="konfirmasi" value="1"' in halaman
    assert "Pihak Pertama: PURWANTO, AP" in halaman and 'value="Blitar"' in halaman


def test_the_confirm_step_warns_when_the_year_is_past(client, sampel, monkeypatch):
    from kinerja.monev import views_laporan

    client.force_login(_user("camat"))
    monkeypatch.setattr(views_laporan.timezone, "localdate", lambda: dt.date(2023, 1, 5))
    halaman = client.get(_url(sampel, 2022) + "?tandatangan=1").content.decode()
    assert "Tahun 2022 sudah lewat." in halaman
    halaman = client.get(_url(sampel, 2023) + "?tandatangan=1").content.decode()
    assert "sudah lewat" not in halaman and 'id="konfirmasi-teken"' in halaman


def test_signing_needs_a_place_and_keeps_what_was_typed(client, sampel):
    client.force_login(_user("camat"))
    r = client.post(_url(sampel), {"konfirmasi": "1", "tempat": "   "})
    assert r.status_code == 200 and "Tulis tempat penandatanganan" in r.content.decode()
    assert not PerjanjianKinerja.objects.exists()
    r = client.post(_url(sampel), {"konfirmasi": "1", "tempat": "Kota  Blitar"})
    assert r.status_code == 302
    pk = PerjanjianKinerja.objects.get()
    assert pk.tempat == "Kota Blitar" and pk.ditandatangani_oleh.username == "camat"
    a = CatatanAudit.objects.get(aksi="pk.tandatangan")
    assert a.perubahan["tempat"] == [None, "Kota Blitar"]


def test_only_the_pds_head_signs(sampel):
    ev = muat_evaluasi(sampel.versi, 2022, 4)
    with pytest.raises(PermissionDenied):
        pk_mod.tandatangani(
            pengguna=_user("perencana"),
            versi=sampel.versi,
            tahun=2022,
            isi=pk_mod.isi_pk(ev),
            tempat="Blitar",
        )
    pk_mod.tandatangani(
        pengguna=_user("camat"), versi=sampel.versi, tahun=2022, isi=pk_mod.isi_pk(ev), tempat="Blitar"
    )
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        pk_mod.tandatangani(
            pengguna=_user("camat"), versi=sampel.versi, tahun=2022, isi=pk_mod.isi_pk(ev), tempat="Blitar"
        )


def test_signing_for_a_past_year_is_recorded_as_such(sampel):
    ev = muat_evaluasi(sampel.versi, 2022, 4)
    pk_mod.tandatangani(
        pengguna=_user("camat"),
        versi=sampel.versi,
        tahun=2022,
        isi=pk_mod.isi_pk(ev),
        tempat="Blitar",
        pada=dt.date(2023, 2, 1),
    )
    assert CatatanAudit.objects.get(aksi="pk.tandatangan").alasan == (
        "Ditandatangani untuk tahun yang sudah lewat (2022)."
    )


def test_the_printed_document_has_the_parties_place_date_and_signature_blocks(client, sampel):
    client.force_login(_user("camat"))
    halaman = client.get(_url(sampel)).content.decode()
    assert "PERJANJIAN KINERJA TAHUN 2022" in halaman and "RANCANGAN — BELUM DITANDATANGANI" in halaman
    assert halaman.count("PIHAK PERTAMA,") == 2 and halaman.count("PIHAK KEDUA,") == 2  # document and annex
    assert "halaman-pk" in halaman and "monev.css" in halaman
    client.post(_url(sampel), {"konfirmasi": "1", "tempat": "Blitar"})
    teken = PerjanjianKinerja.objects.get()
    halaman = client.get(_url(sampel)).content.decode()
    tanggal = teken.ditandatangani_pada.astimezone(dt.timezone(dt.timedelta(hours=7)))
    bulan = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember"][tanggal.month - 1]  # fmt: skip
    assert f"Blitar, {tanggal.day} {bulan} {tanggal.year}" in halaman
    assert "RANCANGAN" not in halaman and "PURWANTO, AP" in halaman and "Wali Kota Blitar" in halaman


def test_after_signing_the_document_shows_the_signed_targets(client, sampel):
    client.force_login(_user("camat"))
    client.post(_url(sampel), {"konfirmasi": "1", "tempat": "Blitar"})
    t = Target.objects.get(
        indikator__node__versi=sampel.versi,
        indikator__ukuran="pelayanan-sesuai-standar",
        lokasi=None,
        tahun=2022,
    )
    t.teks = "99%"
    t.save()
    halaman = client.get(_url(sampel)).content.decode()
    lampiran = halaman[halaman.index("LAMPIRAN PERJANJIAN KINERJA") :]
    assert "97%" in lampiran and "99%" not in lampiran
    assert "target saat ditandatangani 97%, sekarang 99%" in halaman
