"""`kinerja pengingat` and the e-mail settings."""

from __future__ import annotations

import pytest
from django.conf import global_settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings

from kinerja import cli
from kinerja.pengingat.models import Kiriman
from kinerja.settings import surel_dari_url

TANPA_SUREL = {
    "EMAIL_BACKEND": global_settings.EMAIL_BACKEND,
    "EMAIL_HOST": global_settings.EMAIL_HOST,
    "KINERJA_EMAIL_URL": "",
}


@pytest.fixture
def operator(versi_sampel, pengguna):
    return pengguna("operator-plosokerep", "plosokerep@contoh.go.id")


@pytest.mark.django_db
def test_the_command_sends_and_a_second_run_sends_nothing(operator, capsys):
    call_command("pengingat", "--sekarang", "2026-10-12T09:00")
    keluar = capsys.readouterr().out
    assert "operator-plosokerep: 1 pengingat — terkirim" in keluar and "1 surel terkirim, 0 gagal." in keluar
    assert "plosokerep@contoh.go.id" not in keluar  # no address in the command's output (cron logs)
    assert len(mail.outbox) == 1
    call_command("pengingat", "--sekarang", "2026-10-12T10:00")
    assert "Tidak ada pengingat yang jatuh waktu." in capsys.readouterr().out
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_dry_run_prints_and_records_nothing(operator, capsys):
    call_command("pengingat", "--kering", "--sekarang", "2026-10-15 09:00")
    keluar = capsys.readouterr().out
    assert "Akan dikirim (tidak ada yang dikirim atau dicatat) (15-10-2026 09:00)" in keluar
    assert "Triwulan untuk diisi: Triwulan III 2026 · Kelurahan Plosokerep" in keluar
    assert not mail.outbox and not Kiriman.objects.exists()


@pytest.mark.django_db
@override_settings(**TANPA_SUREL)
def test_without_e_mail_set_up_it_lists_says_so_and_exits_0(operator, capsys):
    call_command("pengingat", "--sekarang", "2026-10-12T09:00")
    keluar = capsys.readouterr().out
    assert "operator-plosokerep: 1 pengingat" in keluar
    assert "Surel belum diatur (KINERJA_EMAIL_URL kosong): tidak ada yang dikirim." in keluar
    assert not mail.outbox and not Kiriman.objects.exists()


@pytest.mark.django_db
def test_a_wrong_time_is_refused_in_indonesian():
    with pytest.raises(CommandError, match="bukan waktu: tulis TTTT-BB-HHTJJ:MM"):
        call_command("pengingat", "--sekarang", "besok pagi")


def test_help_is_indonesian(capsys):
    with pytest.raises(SystemExit):
        call_command("pengingat", "--help")
    keluar = " ".join(capsys.readouterr().out.split())
    assert keluar.startswith("Pemakaian: ")
    for teks in ("--kering", "--sekarang", "sekali per pengguna dan peristiwa", "KINERJA_EMAIL_URL", "opsi:"):
        assert teks in keluar
    assert "show this help" not in keluar and "--traceback" not in keluar
    assert cli.main(["--help"]) == 0
    assert "pengingat [--kering]" in capsys.readouterr().out


def test_e_mail_urls():
    assert surel_dari_url("smtp://kinerja%40blitarkota.go.id:s%3Andi@mail.blitarkota.go.id:587?tls=1") == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.blitarkota.go.id",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "kinerja@blitarkota.go.id",
        "EMAIL_HOST_PASSWORD": "s:ndi",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 30,
    }
    ssl = surel_dari_url("smtps://u:p@smtp.contoh.id")
    assert (ssl["EMAIL_PORT"], ssl["EMAIL_USE_SSL"], ssl["EMAIL_USE_TLS"]) == (465, True, False)
    polos = surel_dari_url("smtp://localhost")
    assert (polos["EMAIL_PORT"], polos["EMAIL_HOST_USER"], polos["EMAIL_USE_TLS"]) == (25, "", False)
    assert surel_dari_url("smtp://h?timeout=5")["EMAIL_TIMEOUT"] == 5
    for salah in ("http://mail.contoh.id", "smtp://", "smtp://h:port", "smtp://h?timeout=lama"):
        with pytest.raises(ValueError, match="KINERJA_EMAIL_URL"):
            surel_dari_url(salah)
