"""Complaints: public form and tracking without personal data, states, deadlines, statistics."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kinerja.core.pelaku import SISTEM
from kinerja.pengaduan import services
from kinerja.pengaduan.models import Kategori, Pengaduan

pytestmark = pytest.mark.django_db
NAMA, KONTAK = "Siti Pelapor Rahasia", "0812-9999-1234"


@pytest.fixture
def pd(versi_sampel):
    return versi_sampel.pd


def _kirim(client, pd, **lain):
    gedog = pd.unit_set.get(nama_pendek="Gedog")
    kat = Kategori.objects.get(pd=pd, nama="Pelayanan administrasi")
    data = {
        "id": str(uuid.uuid4()),
        "unit": gedog.pk,
        "kategori": kat.pk,
        "judul": "Surat domisili lama",
        "isi": "Sudah tiga hari surat domisili belum selesai.",
        "nama": NAMA,
        "kontak": KONTAK,
        **lain,
    }
    return client.post(reverse("pengaduan:kirim", args=[pd.pk]), data), data


def test_a_citizen_sends_a_complaint_and_tracks_it_without_seeing_personal_data(client, pd):
    r, data = _kirim(client, pd)
    assert r.status_code == 302
    adu = Pengaduan.objects.get(id_klien=data["id"])
    assert adu.nama_pelapor == NAMA and adu.kanal == "web" and adu.status == "diterima"
    halaman = client.get(r["Location"]).content.decode()
    assert adu.kode_tampil in halaman and "Diterima" in halaman
    for rahasia in (NAMA, KONTAK, data["isi"]):
        assert rahasia not in halaman
    # Sent twice (a double tap): one complaint.
    _kirim(client, pd, id=data["id"])
    assert Pengaduan.objects.filter(id_klien=data["id"]).count() == 1


def test_the_deadline_counts_working_days_of_the_category(pd):
    kat = Kategori.objects.get(pd=pd, nama="Pelayanan administrasi")  # 5 working days
    jumat = timezone.make_aware(dt.datetime(2022, 4, 29, 10))
    # Fri 29 Apr is cuti bersama, 2–3 May Idul Fitri, 4–6 May cuti bersama (SKB 3 Menteri 2022):
    # the first working day is Mon 9 May, the fifth Fri 13 May.
    assert services.batas_untuk(kat, jumat) == dt.date(2022, 5, 13)


def test_states_move_forward_only_and_need_a_reply_where_the_reporter_must_be_told(pd):
    adu, _ = services.terima(
        pd=pd,
        unit=pd.unit_set.get(nama_pendek="Rembang"),
        kategori=Kategori.objects.filter(pd=pd).first(),
        kanal="langsung",
        judul="Jalan berlubang",
        isi="Jalan di depan balai RW berlubang besar.",
        pengguna=SISTEM,
    )
    petugas = get_user_model().objects.get(username="operator-rembang")
    with pytest.raises(ValidationError, match="tidak dapat menjadi selesai"):
        services.pindah(pengguna=petugas, pengaduan=adu, status="selesai", tanggapan="x")
    adu = services.pindah(pengguna=petugas, pengaduan=adu, status="diverifikasi")
    with pytest.raises(ValidationError, match="Tulis tanggapan"):
        services.pindah(pengguna=petugas, pengaduan=adu, status="ditindaklanjuti")
    adu = services.pindah(
        pengguna=petugas, pengaduan=adu, status="ditindaklanjuti", tanggapan="Sudah dilaporkan ke Dinas PUPR."
    )
    assert adu.ditindaklanjuti_pada is not None
    adu = services.pindah(
        pengguna=petugas, pengaduan=adu, status="selesai", tanggapan="Jalan sudah ditambal."
    )
    with pytest.raises(ValidationError):
        services.pindah(pengguna=petugas, pengaduan=adu, status="ditolak", tanggapan="x")
    assert [t.status for t in adu.tanggapan_set.all()] == ["ditindaklanjuti", "selesai"]


def test_a_refusal_needs_its_reason(pd):
    adu, _ = services.terima(
        pd=pd,
        unit=pd.unit_set.get(nama_pendek="Rembang"),
        kategori=Kategori.objects.filter(pd=pd).first(),
        kanal="whatsapp",
        judul="Pajak kendaraan",
        isi="Pajak kendaraan terlalu mahal tahun ini.",
        pengguna=SISTEM,
    )
    with pytest.raises(ValidationError, match="alasan penolakan"):
        services.pindah(pengguna=SISTEM, pengaduan=adu, status="ditolak")
    adu = services.pindah(
        pengguna=SISTEM,
        pengaduan=adu,
        status="ditolak",
        tanggapan="Bukan kewenangan kecamatan; silakan ke Samsat.",
    )
    assert adu.alasan_tolak.startswith("Bukan kewenangan")


def test_overdue_complaints_are_flagged(pd):
    adu = Pengaduan.objects.filter(pd=pd, status__in=["diverifikasi", "ditindaklanjuti"]).first()
    assert services.terlambat(adu, dt.date(2026, 1, 1))
    assert not services.terlambat(adu, adu.batas)


def test_a_lapor_complaint_needs_its_ticket_and_attachments_are_limited(pd):
    kw = dict(
        pd=pd,
        unit=pd.unit_set.get(nama_pendek="Gedog"),
        kategori=Kategori.objects.filter(pd=pd).first(),
        judul="x",
        isi="Uraian cukup panjang.",
        pengguna=SISTEM,
    )
    with pytest.raises(ValidationError, match="nomor tiketnya"):
        services.terima(kanal="lapor", **kw)
    with pytest.raises(ValidationError, match="tidak diterima"):
        services.terima(kanal="web", lampiran=[SimpleUploadedFile("a.exe", b"MZ")], **kw)


def test_handlers_only(client, pd):
    adu = Pengaduan.objects.filter(pd=pd, unit__nama_pendek="Gedog").first()
    url = reverse("pengaduan:rinci", args=[pd.pk, adu.pk])
    User = get_user_model()
    client.force_login(User.objects.get(username="operator-rembang"))
    assert client.get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        services.pindah(
            pengguna=User.objects.get(username="operator-rembang"), pengaduan=adu, status="diverifikasi"
        )
    client.force_login(User.objects.get(username="operator-gedog"))
    r = client.get(url)
    assert r.status_code == 200 and "Pelapor (rahasia)" in r.content.decode()


def test_exports_and_statistics_hold_no_personal_data(client, pd):
    _kirim(client, pd)
    client.force_login(get_user_model().objects.get(username="camat"))
    csv = client.get(reverse("pengaduan:ekspor", args=[pd.pk])).content.decode("utf-8-sig")
    assert "ADU-" in csv and NAMA not in csv and KONTAK not in csv and "0812-0000" not in csv
    stat = client.get(reverse("pengaduan:statistik", args=[pd.pk]) + "?tahun=2022").content.decode()
    assert "Per kategori" in stat and NAMA not in stat


def test_the_public_pages_never_show_reporters(client, pd):
    for adu in Pengaduan.objects.filter(pd=pd).exclude(nama_pelapor=""):
        teks = client.get(reverse("pengaduan:lacak") + f"?kode={adu.kode}").content.decode()
        assert adu.nama_pelapor not in teks and adu.kontak_pelapor not in teks


def test_a_refused_status_change_keeps_what_the_handler_typed(client, pd):
    adu, _ = services.terima(
        pd=pd,
        unit=pd.unit_set.get(nama_pendek="Gedog"),
        kategori=Kategori.objects.filter(pd=pd).first(),
        kanal="langsung",
        judul="Antrean lama",
        isi="Antrean surat pindah lebih dari dua jam.",
        pengguna=SISTEM,
    )
    client.force_login(get_user_model().objects.get(username="operator-gedog"))
    url = reverse("pengaduan:rinci", args=[pd.pk, adu.pk])
    # Received → finished skips two steps: refused, nothing saved, the reply stays in its box.
    r = client.post(url, {"status": "selesai", "isi": "Loket kedua sudah dibuka.", "revisi": "x"})
    teks = r.content.decode()
    assert r.status_code == 400 and "tidak dapat menjadi selesai" in teks
    assert 'id="ringkasan-galat" role="alert"' in teks and ">Loket kedua sudah dibuka.</textarea>" in teks
    assert Pengaduan.objects.get(pk=adu.pk).status == "diterima" and not adu.tanggapan_set.exists()
    # An empty reply: refused with a reason, nothing saved.
    r = client.post(url, {"aksi": "balas", "isi": "  "})
    teks = r.content.decode()
    assert r.status_code == 400 and 'href="#isian-isi-balas">Tanggapan kosong' in teks
    assert 'id="isian-isi-balas" rows="3" required aria-invalid="true" aria-describedby="galat-isi"' in teks
    # Rejecting without a reason: the reason box of the status form is the one marked.
    r = client.post(url, {"status": "ditolak", "isi": "", "revisi": adu.revisi})
    teks = r.content.decode()
    assert r.status_code == 400 and 'href="#isian-isi-status">Tulis alasan penolakan' in teks
    assert 'id="isian-isi-status" rows="3" aria-invalid="true" aria-describedby="galat-isi"' in teks
    assert not adu.tanggapan_set.exists()


def test_tracking_an_unknown_or_empty_code_marks_the_box_and_says_why(client, versi_sampel):
    url = reverse("pengaduan:lacak")
    teks = client.get(url, {"kode": "adu-zzzz"}).content.decode()
    assert (
        'id="ringkasan-galat" role="alert"' in teks
        and 'href="#isian-kode">Kode adu-zzzz tidak ditemukan' in teks
    )
    assert 'value="adu-zzzz" autocomplete="off" required aria-invalid="true"' in teks
    assert 'aria-describedby="galat-kode cara-kode"' in teks
    teks = client.get(url, {"kode": "  "}).content.decode()
    assert 'href="#isian-kode">Tulis kode lacak' in teks
    # Opening the page fresh is not a mistake.
    assert "ringkasan-galat" not in client.get(url).content.decode()
