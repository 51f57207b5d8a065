"""kinerja pengingat: e-mail every reminder that is due and was not sent yet."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter
from django.utils import timezone

from kinerja.core.pelaku import Sistem
from kinerja.pengingat import services
from kinerja.pengingat.jenis import PER_KODE
from kinerja.pengingat.surel import alamat_situs, surel_siap


class _Bantuan(DjangoHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="Pemakaian: " if prefix is None else prefix)


def baca_sekarang(teks: str) -> dt.datetime:
    """``2026-12-04T08:00`` (or with a space, or a date alone) in local time."""
    teks = (teks or "").strip().replace(" ", "T")
    try:
        w = dt.datetime.fromisoformat(teks) if "T" in teks else dt.datetime.fromisoformat(teks + "T00:00")
    except ValueError:
        raise CommandError(
            f"--sekarang '{teks[:40]}' bukan waktu: tulis TTTT-BB-HHTJJ:MM, mis. 2026-12-04T08:00."
        ) from None
    return timezone.make_aware(w) if timezone.is_naive(w) else w


class Command(BaseCommand):
    help = (
        "Kirim lewat surel setiap pengingat yang jatuh waktu dan belum pernah terkirim: triwulan untuk diisi "
        "(saat triwulan berakhir, 3 hari sebelum batas, pada hari batas) atau diperbaiki, laporan yang menunggu "
        "verifikasi, triwulan perangkat daerah yang menunggu atau dikembalikan Bappeda, Perjanjian Kinerja yang "
        "belum ditandatangani (sebulan sekali), pengaduan yang mendekati atau melewati batas, sampel survei "
        "yang belum cukup. Setiap pengingat dikirim sekali per pengguna dan peristiwa, hanya kepada pengguna "
        "aktif yang mempunyai alamat surel dan memilihnya (halaman /kotak-masuk/pengaturan/). Aman dijalankan "
        "setiap jam dari cron atau timer systemd. Surel diatur dengan KINERJA_EMAIL_URL; tautan di surel memakai "
        "KINERJA_ALAMAT_SITUS. Tanpa surel yang diatur, perintah ini hanya mendaftar dan keluar dengan kode 0."
    )
    requires_system_checks = []
    suppressed_base_arguments = {
        "--version",
        "--settings",
        "--pythonpath",
        "--traceback",
        "--no-color",
        "--force-color",
        "--verbosity",
    }

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, formatter_class=_Bantuan, **kwargs)
        parser._optionals.title = "opsi"
        for aksi in parser._actions:
            if aksi.dest == "help":
                aksi.help = "tampilkan bantuan ini lalu keluar"
        return parser

    def add_arguments(self, parser):
        parser.add_argument(
            "--kering",
            action="store_true",
            help="hanya cetak apa yang akan dikirim kepada siapa; tidak ada yang dikirim atau dicatat",
        )
        parser.add_argument(
            "--sekarang",
            metavar="TTTT-BB-HHTJJ:MM",
            help="anggap sekarang waktu ini (waktu setempat), mis. 2026-12-04T08:00 — untuk mencoba jadwal",
        )

    def _daftar(self, hasil, judul: str) -> None:
        self.stdout.write(f"{judul} ({timezone.localtime(hasil.sekarang):%d-%m-%Y %H:%M}):")
        if not hasil.rencana:
            self.stdout.write("  Tidak ada pengingat yang jatuh waktu.")
        for r in hasil.rencana:
            keadaan = {
                "kering": "",
                "terkirim": " — terkirim",
                "gagal": f" — GAGAL ({r.galat}), dicoba lagi nanti",
            }
            self.stdout.write(f"  {r.pengguna.username}: {len(r.butir)} pengingat{keadaan[r.hasil]}")
            for b in r.butir:
                self.stdout.write(
                    f"    - {PER_KODE[b.jenis].nama}: {b.judul_surel or b.judul} [{b.kunci_kiriman}]"
                )

    def handle(self, *args, **o):
        sekarang = baca_sekarang(o["sekarang"]) if o["sekarang"] else None
        pelaku = Sistem("kinerja pengingat")
        siap = surel_siap()
        if o["kering"] or not siap:
            hasil = services.kirim_pengingat(pengguna=pelaku, sekarang=sekarang, kering=True)
            self._daftar(hasil, "Akan dikirim (tidak ada yang dikirim atau dicatat)")
            if not siap:
                self.stdout.write(
                    "Surel belum diatur (KINERJA_EMAIL_URL kosong): tidak ada yang dikirim. "
                    'Lihat README, bagian "Kotak masuk dan pengingat surel".'
                )
            return
        hasil = services.kirim_pengingat(pengguna=pelaku, sekarang=sekarang)
        if hasil.berjalan:
            self.stdout.write("Pengiriman lain sedang berjalan; tidak ada yang dilakukan kali ini.")
            return
        self._daftar(hasil, f"Pengingat surel, tautan ke {alamat_situs()}")
        self.stdout.write(f"{hasil.terkirim} surel terkirim, {hasil.gagal} gagal.")
        if hasil.gagal:
            raise CommandError(f"{hasil.gagal} surel gagal dikirim; dicoba lagi pada putaran berikutnya.")
