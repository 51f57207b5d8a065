"""The public complaint form and tracking page: bounded uploads, limits, long tracking codes."""

from __future__ import annotations

import hashlib
import hmac
import re
import uuid

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.core import batas
from kinerja.core.pelaku import SISTEM
from kinerja.pengaduan import services
from kinerja.pengaduan.models import Kategori, Pengaduan, normal_kode, tampil_kode

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


@pytest.fixture
def pd(versi_sampel):
    return versi_sampel.pd


@pytest.fixture
def unggahan(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def satu_jendela(monkeypatch):
    monkeypatch.setattr(batas, "_kini", lambda: 9_000_000.0)


def _data(pd, **lain):
    return {
        "id": str(uuid.uuid4()),
        "unit": pd.unit_set.get(nama_pendek="Gedog").pk,
        "kategori": Kategori.objects.get(pd=pd, nama="Pelayanan administrasi").pk,
        "judul": "Lampu jalan padam",
        "isi": "Lampu jalan di depan balai kelurahan padam sejak seminggu.",
        "nama": "Warga",
        **lain,
    }


def _berkas_di(folder) -> list:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


# --- 4. uploads ------------------------------------------------------------------------------------


def test_a_6_mb_attachment_is_refused_nothing_is_written_and_the_typed_complaint_stays(client, pd, unggahan):
    sebelum = Pengaduan.objects.count()
    besar = SimpleUploadedFile("foto.jpg", b"\xff" * (6 * MB), content_type="image/jpeg")
    r = client.post(reverse("pengaduan:kirim", args=[pd.pk]), _data(pd, lampiran=besar))
    assert r.status_code == 200
    teks = r.content.decode()
    assert "lebih dari 5 MB" in teks and "foto.jpg" in teks
    assert "Lampu jalan padam" in teks and "sejak seminggu" in teks  # what was typed is still there
    assert Pengaduan.objects.count() == sebelum
    assert _berkas_di(unggahan) == []


def test_a_fourth_attachment_is_refused(client, pd, unggahan):
    kecil = [SimpleUploadedFile(f"s{i}.pdf", b"%PDF-1.4 x", content_type="application/pdf") for i in range(4)]
    r = client.post(reverse("pengaduan:kirim", args=[pd.pk]), _data(pd, lampiran=kecil))
    assert r.status_code == 200 and "paling banyak 3 berkas" in r.content.decode()
    assert _berkas_di(unggahan) == []


def test_a_small_attachment_is_stored(client, pd, unggahan):
    berkas = SimpleUploadedFile("surat.pdf", b"%PDF-1.4 " + b"x" * MB, content_type="application/pdf")
    data = _data(pd, lampiran=berkas)
    r = client.post(reverse("pengaduan:kirim", args=[pd.pk]), data)
    assert r.status_code == 302
    adu = Pengaduan.objects.get(id_klien=data["id"])
    assert adu.lampiran_set.count() == 1 and len(_berkas_di(unggahan)) == 1


def test_a_request_larger_than_the_total_is_refused_before_it_is_read(client, pd, unggahan):
    sebelum = Pengaduan.objects.count()
    r = client.post(reverse("pengaduan:kirim", args=[pd.pk]), _data(pd), CONTENT_LENGTH=str(1536 * MB))
    assert r.status_code == 413 and "terlalu besar" in r.content.decode()
    assert Pengaduan.objects.count() == sebelum and _berkas_di(unggahan) == []


def test_the_form_still_checks_its_csrf_key(pd):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    r = c.post(reverse("pengaduan:kirim", args=[pd.pk]), _data(pd))
    assert r.status_code == 403


# --- 3. limits ---------------------------------------------------------------------------------------


def test_complaints_from_one_address_are_limited_with_an_indonesian_429(client, pd, satu_jendela):
    kode = [client.post(reverse("pengaduan:kirim", args=[pd.pk]), _data(pd)).status_code for _ in range(6)]
    assert kode == [302] * 5 + [429]
    # Another address is not affected.
    r = client.post(reverse("pengaduan:kirim", args=[pd.pk]), _data(pd), REMOTE_ADDR="198.51.100.7")
    assert r.status_code == 302


def test_refused_attempts_do_not_use_up_the_limit_and_the_refusal_keeps_the_text(client, pd, satu_jendela):
    url = reverse("pengaduan:kirim", args=[pd.pk])
    # Four attempts refused for a missing category store nothing and count only as attempts.
    for _ in range(4):
        r = client.post(url, _data(pd, kategori=""))
        assert (
            r.status_code == 200
            and '<a href="#isian-kategori">Pilih kategori pengaduan.</a>' in r.content.decode()
        )
    assert [client.post(url, _data(pd)).status_code for _ in range(5)] == [302] * 5
    sebelum = Pengaduan.objects.count()
    r = client.post(url, _data(pd, judul="Selokan tersumbat"))
    teks = r.content.decode()
    assert r.status_code == 429 and int(r["Retry-After"]) > 0
    assert "isian Anda tetap ada" in teks and "Selokan tersumbat" in teks
    assert Pengaduan.objects.count() == sebelum


def test_tracking_code_lookups_are_limited_per_address(client, satu_jendela):
    url = reverse("pengaduan:lacak")
    kode = [client.get(url, {"kode": f"ADU-TEBAK{i:04d}"}).status_code for i in range(31)]
    assert kode == [200] * 30 + [429]
    r = client.get(url, {"kode": "ADU-TEBAKAN"})
    assert "Terlalu banyak permintaan" in r.content.decode() and int(r["Retry-After"]) > 0
    assert client.get(url).status_code == 200  # the empty form itself is not counted


# --- 5. tracking codes ---------------------------------------------------------------------------------


def test_new_tracking_codes_carry_80_bits(pd):
    adu, _ = services.terima(
        pd=pd,
        unit=pd.unit_set.get(nama_pendek="Gedog"),
        kategori=Kategori.objects.filter(pd=pd).first(),
        kanal="web",
        judul="x",
        isi="Uraian cukup panjang.",
        pengguna=SISTEM,
    )
    assert re.fullmatch(r"ADU-[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{16}", adu.kode)
    # 16 letters from an alphabet of 32 = 16 × 5 bits.
    assert 32**16 == 2**80


def test_a_code_is_shown_in_groups_of_four_and_found_whatever_its_case_spaces_or_dashes(client, pd):
    assert tampil_kode("ADU-ABCDEFGHJKLMNPQR") == "ADU-ABCD-EFGH-JKLM-NPQR"
    adu = Pengaduan.objects.filter(pd=pd).first()
    Pengaduan.objects.filter(pk=adu.pk).update(kode="ADU-ABCDEFGHJKLMNPQR")
    for ketik in (
        "adu-abcd-efgh-jklm-npqr",
        "ADU ABCD EFGH JKLM NPQR",
        "abcdefghjklmnpqr",
        " Adu-AbcdEfgh-jklmNPQR ",
    ):
        assert normal_kode(ketik) == "ADU-ABCDEFGHJKLMNPQR"
        r = client.get(reverse("pengaduan:lacak"), {"kode": ketik})
        assert r.context["adu"] is not None and r.context["adu"].pk == adu.pk
        assert "ADU-ABCD-EFGH-JKLM-NPQR" in r.content.decode()


def test_an_existing_short_code_stays_valid(client, pd):
    adu = Pengaduan.objects.filter(pd=pd).first()
    Pengaduan.objects.filter(pk=adu.pk).update(kode="ADU-K7M2P9QX")
    r = client.get(reverse("pengaduan:lacak"), {"kode": "adu-k7m2 p9qx"})
    assert r.context["adu"].pk == adu.pk and "ADU-K7M2-P9QX" in r.content.decode()


# --- 6. traceability ----------------------------------------------------------------------------------


def test_a_web_complaint_records_its_channel_and_a_salted_address_hash(client, pd):
    data = _data(pd)
    client.post(reverse("pengaduan:kirim", args=[pd.pk]), data, REMOTE_ADDR="192.0.2.44")
    adu = Pengaduan.objects.get(id_klien=data["id"])
    harap = hmac.new(settings.SECRET_KEY.encode(), b"alamat:192.0.2.44", hashlib.sha256).hexdigest()
    assert adu.kanal == "web" and adu.alamat_hash == harap and adu.diterima_pada is not None
    assert "192.0.2.44" not in str(Pengaduan.objects.filter(pk=adu.pk).values().get())


# --- 7. statistics for a unit operator -----------------------------------------------------------------


def test_a_unit_operator_cannot_widen_the_statistics_to_another_unit(masuk, pd):
    rembang = pd.unit_set.get(nama_pendek="Rembang")
    c = masuk("operator-gedog")
    for q in (f"?tahun=2022&unit={rembang.pk}", "?tahun=2022&unit=semua", "?tahun=2022"):
        r = c.get(reverse("pengaduan:statistik", args=[pd.pk]) + q)
        assert r.status_code in (200, 404)
        if r.status_code == 200:
            jumlah = Pengaduan.objects.filter(
                pd=pd, unit__nama_pendek="Gedog", diterima_pada__year=2022
            ).count()
            assert r.context["total"].jumlah == jumlah
            assert [u.nama_pendek for u in r.context["units"]] == ["Gedog"]
