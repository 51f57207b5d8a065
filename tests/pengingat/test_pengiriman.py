"""E-mail reminders with a fake clock: at the right time, to the right people, once; never to a
deactivated user or one without an address; each user's choices respected; a dry run records nothing.
Django's locmem e-mail backend (pytest-django's default in tests) collects the e-mails."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from kinerja.core.models import CatatanAudit
from kinerja.core.pelaku import SISTEM
from kinerja.layanan.models import HariLibur
from kinerja.monev.models import Laporan, PersetujuanPD
from kinerja.pengaduan.models import Kategori, Pengaduan
from kinerja.pengingat import services
from kinerja.pengingat.models import Kiriman, Preferensi
from kinerja.wilayah.models import Pemda, Unit

from .conftest import pada

pytestmark = pytest.mark.django_db


def kirim(teks: str, **lain):
    return services.kirim_pengingat(pengguna=SISTEM, sekarang=pada(teks), **lain)


def _surel_untuk(alamat: str) -> list:
    return [m for m in mail.outbox if m.to == [alamat]]


def _kunci(hasil, nama: str) -> list[str]:
    return [b.kunci_kiriman for r in hasil.rencana if r.pengguna.username == nama for b in r.butir]


@pytest.fixture
def plosokerep(versi_sampel, pengguna):
    """Plosokerep's operator with an address; Plosokerep has no report of 2026, no open complaint."""
    u = Unit.objects.get(pd=versi_sampel.pd, nama_pendek="Plosokerep")
    assert not Laporan.objects.filter(unit=u, tahun=2026).exists()
    assert not Pengaduan.objects.filter(unit=u).exclude(status__in=["selesai", "ditolak"]).exists()
    return pengguna("operator-plosokerep", "plosokerep@contoh.go.id"), u


def test_a_quarter_is_reminded_when_it_ends_3_days_before_and_on_the_deadline_not_after(plosokerep):
    user, unit = plosokerep
    # Quarter III of 2026 ends on 30 September; its deadline is 15 days later, 15 October.
    jadwal = [
        ("2026-09-29T09:00", []),  # still running: in the inbox only
        ("2026-10-01T09:00", ["berakhir"]),
        ("2026-10-05T09:00", []),
        ("2026-10-12T09:00", ["segera"]),  # 3 days before the deadline
        ("2026-10-13T09:00", []),
        ("2026-10-15T09:00", ["hari-ini"]),
        ("2026-10-16T09:00", []),  # locked after the deadline: nothing the operator can do
        ("2026-10-20T09:00", []),
    ]
    for waktu, tahap in jadwal:
        sebelum = len(mail.outbox)
        hasil = kirim(waktu)
        q3 = [k for k in _kunci(hasil, user.username) if k.startswith(f"isi:{unit.pk}:2026:3:")]
        assert [k.split("@")[1] for k in q3] == tahap, waktu
        assert len(mail.outbox) - sebelum == (1 if tahap else 0), waktu
    judul = [m.subject for m in _surel_untuk("plosokerep@contoh.go.id")]
    assert (
        judul
        == ["[Demonstrasi] Kinerja: Triwulan untuk diisi — Triwulan III 2026 · Kelurahan Plosokerep"] * 3
    )
    assert Kiriman.objects.filter(pengguna=user, terkirim__isnull=False).count() == 3


def test_the_e_mail_is_indonesian_with_the_absolute_link(plosokerep, versi_sampel):
    user, unit = plosokerep
    with override_settings(KINERJA_ALAMAT_SITUS="https://kinerja.blitarkota.go.id"):
        kirim("2026-10-12T09:00")
    [m] = _surel_untuk("plosokerep@contoh.go.id")
    assert m.body.startswith(f"Yth. {user.get_full_name()},")
    assert "Batas pengisian 15-01-2027" not in m.body and "Batas pengisian 15-10-2026, 3 hari lagi." in m.body
    assert f"https://kinerja.blitarkota.go.id/monev/{versi_sampel.pk}/2026/tw3/unit/{unit.pk}/" in m.body
    assert "https://kinerja.blitarkota.go.id/kotak-masuk/pengaturan/" in m.body
    assert "Isi surel ini berasal dari data demonstrasi" in m.body


def test_sent_once_across_runs_and_the_record_is_unique(plosokerep):
    user, _ = plosokerep
    assert kirim("2026-10-12T09:00").terkirim == 1
    assert kirim("2026-10-12T10:00").terkirim == 0
    assert kirim("2026-10-13T09:00").terkirim == 0
    assert len(_surel_untuk("plosokerep@contoh.go.id")) == 1
    k = Kiriman.objects.get(pengguna=user)
    assert (k.jenis, k.percobaan, k.galat) == ("isi", 1, "")
    audit = CatatanAudit.objects.filter(aksi="pengingat.kirim").get()
    assert audit.nama_pelaku == "sistem" and "@contoh" not in (audit.alasan + audit.objek_repr)


def test_the_right_people_only(plosokerep, pengguna, versi_sampel):
    pengguna("lurah-plosokerep", "lurah@contoh.go.id")
    pengguna("operator-gedog", "gedog@contoh.go.id")
    hasil = kirim("2026-10-12T09:00")
    assert {r.pengguna.username for r in hasil.rencana} == {"operator-plosokerep", "operator-gedog"}
    gedog = Unit.objects.get(pd=versi_sampel.pd, nama_pendek="Gedog")
    # Gedog's operator hears of Gedog's quarter, not Plosokerep's.
    assert all(f":{gedog.pk}:" in k or k.startswith("pengaduan:") for k in _kunci(hasil, "operator-gedog"))
    assert not _surel_untuk("lurah@contoh.go.id")


def test_none_to_a_deactivated_user_or_one_without_an_address(plosokerep, pengguna):
    user, _ = plosokerep
    user.is_active = False
    user.save()
    pengguna("operator-klampok", "")
    hasil = kirim("2026-10-12T09:00")
    assert not hasil.rencana and not mail.outbox and not Kiriman.objects.exists()


def test_a_users_choices_are_respected(plosokerep):
    user, _ = plosokerep
    services.simpan_preferensi(pengguna=user, surel=["perbaiki", "survei"])
    pilihan = dict(Preferensi.objects.filter(pengguna=user).values_list("jenis", "surel"))
    assert len(pilihan) == 10 and {k for k, v in pilihan.items() if v} == {"perbaiki", "survei"}
    audit = CatatanAudit.objects.get(aksi="pengingat.preferensi")
    assert audit.perubahan == {"isi": [True, False], "pengaduan": [True, False]}  # late quarters: not his
    assert not kirim("2026-10-12T09:00").rencana
    services.simpan_preferensi(pengguna=user, surel=["isi"])
    assert kirim("2026-10-12T10:00").terkirim == 1


def test_defaults_follow_the_roles(pengguna):
    operator = {p.jenis.kode: p.surel for p in services.preferensi(pengguna=pengguna("operator-gedog"))}
    assert operator == {
        "perbaiki": True, "isi": True, "verifikasi": False, "persetujuan": False,
        "kembali_bappeda": False, "pk": False, "pengaduan": True, "survei": True, "terlambat": False,
        "risiko": False,
    }  # fmt: skip
    camat = {p.jenis.kode for p in services.preferensi(pengguna=pengguna("camat")) if p.surel}
    assert camat == {"pk", "risiko"}  # the PD head keeps the risk register with the planners
    bappeda = {p.jenis.kode for p in services.preferensi(pengguna=pengguna("verifikator")) if p.surel}
    assert bappeda == {"verifikasi", "persetujuan", "terlambat"}


def test_a_dry_run_lists_and_records_nothing(plosokerep):
    hasil = kirim("2026-10-12T09:00", kering=True)
    assert _kunci(hasil, "operator-plosokerep")
    assert not mail.outbox and not Kiriman.objects.exists()
    assert not CatatanAudit.objects.filter(aksi="pengingat.kirim").exists()
    assert kirim("2026-10-12T09:00").terkirim == 1  # and the real run still sends it


class _ServerMati:
    """A mail backend whose server refuses every message."""

    def __init__(self, *a, **k):
        pass

    def open(self):
        raise ConnectionRefusedError("server surel mati")

    def close(self):
        pass

    def send_messages(self, pesan):
        raise ConnectionRefusedError("server surel mati")


def test_a_refused_e_mail_stays_recorded_unsent_and_goes_with_the_next_run(plosokerep, monkeypatch):
    user, _ = plosokerep
    monkeypatch.setattr("kinerja.pengingat.services.get_connection", lambda **k: _ServerMati())
    hasil = kirim("2026-10-12T09:00")
    assert (hasil.terkirim, hasil.gagal) == (0, 1)
    k = Kiriman.objects.get(pengguna=user)
    assert k.terkirim is None and k.percobaan == 1 and k.galat.startswith("ConnectionRefusedError")
    monkeypatch.undo()
    hasil = kirim("2026-10-12T10:00")
    assert hasil.terkirim == 1 and len(mail.outbox) == 1
    k.refresh_from_db()
    assert k.terkirim is not None and k.percobaan == 2 and k.galat == ""


def test_a_reminder_recorded_as_sent_is_never_sent_again(plosokerep):
    """A run that stopped after the server accepted the e-mail and after marking it: nothing repeats."""
    user, unit = plosokerep
    Kiriman.objects.create(
        pengguna=user, jenis="isi", kunci=f"isi:{unit.pk}:2026:3:2026-10-15@segera",
        dicatat=pada("2026-10-12T09:00"), terkirim=pada("2026-10-12T09:00"),
    )  # fmt: skip
    assert kirim("2026-10-12T11:00").terkirim == 0 and not mail.outbox


def test_only_the_system_sends(pengguna):
    with pytest.raises(PermissionDenied):
        services.kirim_pengingat(pengguna=pengguna("perencana"))


def test_a_second_run_while_one_is_sending_does_nothing(plosokerep):
    from django.core.cache import cache

    cache.add(services.KUNCI_JALAN, "lain", 60)
    hasil = kirim("2026-10-12T09:00")
    assert hasil.berjalan and not mail.outbox and not Kiriman.objects.exists()
    cache.delete(services.KUNCI_JALAN)


def _aduan(pd, unit, batas: dt.date) -> Pengaduan:
    return Pengaduan.objects.create(
        pd=pd, unit=unit, kategori=Kategori.objects.filter(pd=pd).first(), kanal="web", judul="Lampu jalan mati",
        isi="Uraian", nama_pelapor="Budi Rahasia", kontak_pelapor="0812-0000-1111",
        diterima_pada=pada("2026-10-01T08:00"), batas=batas,
    )  # fmt: skip


def test_a_complaint_near_and_past_its_deadline_in_working_days(versi_sampel, pengguna):
    unit = Unit.objects.get(pd=versi_sampel.pd, nama_pendek="Plosokerep")
    pengguna("operator-plosokerep", "plosokerep@contoh.go.id")
    # Friday 16 October 2026: the Monday, Tuesday and Wednesday after a weekend are working days
    # unless a holiday is recorded (none in the sample's 2026).
    assert not HariLibur.objects.filter(
        tanggal__range=(dt.date(2026, 10, 16), dt.date(2026, 10, 23))
    ).exists()
    aduan = _aduan(versi_sampel.pd, unit, dt.date(2026, 10, 21))  # a Wednesday
    kunci = f"pengaduan:{aduan.pk}"

    def tahap(teks):
        return [
            k.split("@")[1] for k in _kunci(kirim(teks), "operator-plosokerep") if k.startswith(kunci + "@")
        ]

    assert tahap("2026-10-16T09:00") == []  # Mon, Tue, Wed: 3 working days left
    assert tahap("2026-10-19T09:00") == ["dekat"]  # Monday: Tue, Wed = 2 working days left
    assert tahap("2026-10-21T09:00") == []  # the deadline day: already reminded as near
    assert tahap("2026-10-22T09:00") == ["lewat"]
    assert tahap("2026-10-23T09:00") == []
    badan = " ".join(m.body + m.subject for m in _surel_untuk("plosokerep@contoh.go.id"))
    assert aduan.kode_tampil in badan
    for rahasia in ("Budi Rahasia", "0812-0000-1111", "Lampu jalan mati"):
        assert rahasia not in badan


def test_two_level_approval_reminds_bappeda_and_then_the_pd(versi_sampel, pengguna):
    pemda = versi_sampel.pd.pemda
    pemda.tingkat_persetujuan = 2
    pemda.save()
    pengguna("verifikator", "bappeda@contoh.go.id")
    pengguna("perencana", "perencana@contoh.go.id")
    setuju = PersetujuanPD.objects.create(
        pd=versi_sampel.pd, tahun=2026, triwulan=3, diajukan_pada=pada("2026-10-20T08:00")
    )
    hasil = kirim("2026-10-20T09:00")
    bappeda = _kunci(hasil, "verifikator")
    assert f"persetujuan:{setuju.pk}:1@menunggu" in bappeda
    # With two levels the units' quarters are the PD's to verify, not Bappeda's.
    assert not [k for k in bappeda if k.startswith("verifikasi:")]
    assert [k for k in _kunci(hasil, "perencana") if k.startswith("verifikasi:")]
    assert not [k for k in _kunci(hasil, "perencana") if k.startswith("persetujuan:")]
    [m] = _surel_untuk("bappeda@contoh.go.id")
    # Bappeda's page of the PD's quarter (or, where it is missing, the pemda's page of the quarter)
    assert (
        f"/kota/{pemda.slug}/2026/tw3/{versi_sampel.pd.slug}/" in m.body
        or f"/kota/{pemda.slug}/2026/?triwulan=3" in m.body
    )
    setuju.status, setuju.catatan, setuju.revisi = "dikembalikan", "Capaian Gedog belum berbukti.", 2
    setuju.save()
    hasil = kirim("2026-10-21T09:00")
    assert f"kembali-bappeda:{setuju.pk}:2@kembali" in _kunci(hasil, "perencana")
    assert "verifikator" not in {r.pengguna.username for r in hasil.rencana}
    assert "Capaian Gedog belum berbukti." in _surel_untuk("perencana@contoh.go.id")[-1].body


def test_one_level_pemda_has_no_approval_reminder(versi_sampel, pengguna):
    pengguna("verifikator", "bappeda@contoh.go.id")
    Pemda.objects.filter(pk=versi_sampel.pd.pemda_id).update(tingkat_persetujuan=1)
    PersetujuanPD.objects.create(pd=versi_sampel.pd, tahun=2026, triwulan=3)
    assert not [k for k in _kunci(kirim("2026-10-20T09:00"), "verifikator") if k.startswith("persetujuan:")]


def test_a_returned_report_is_reminded_once_per_return(versi_sampel, pengguna):
    pengguna("operator-rembang", "rembang@contoh.go.id")
    lap = Laporan.objects.get(unit__pd=versi_sampel.pd, unit__nama_pendek="Rembang", status="dikembalikan")
    assert f"perbaiki:{lap.pk}:{lap.revisi}@kembali" in _kunci(kirim("2026-11-02T09:00"), "operator-rembang")
    assert not _kunci(kirim("2026-11-03T09:00"), "operator-rembang")
    # Submitted, returned again: a new event.
    Laporan.objects.filter(pk=lap.pk).update(revisi=lap.revisi + 2)
    assert f"perbaiki:{lap.pk}:{lap.revisi + 2}@kembali" in _kunci(
        kirim("2026-11-04T09:00"), "operator-rembang"
    )


def test_pk_is_reminded_once_a_month(pengguna):
    pengguna("camat", "camat@contoh.go.id")
    assert [k.split("@")[1] for k in _kunci(kirim("2026-01-05T09:00"), "camat")] == ["bulan-01"]
    assert not _kunci(kirim("2026-01-28T09:00"), "camat")
    assert [k.split("@")[1] for k in _kunci(kirim("2026-02-02T09:00"), "camat")] == ["bulan-02"]
    assert get_user_model().objects.get(username="camat").email == "camat@contoh.go.id"
