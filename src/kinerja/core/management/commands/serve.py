"""kinerja serve: run the web application."""

from __future__ import annotations

import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

from kinerja.core.demo import akun_demo_terbuka, mode_demo


class Command(BaseCommand):
    help = (
        "Jalankan aplikasi web. Bawaan: server produksi gunicorn di 127.0.0.1:8000 dengan 2 worker; "
        "--dev memakai server pengembangan Django yang memuat ulang kode."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--alamat", default=os.environ.get("KINERJA_ALAMAT", "127.0.0.1:8000"), help="host:port"
        )
        parser.add_argument(
            "--worker",
            type=int,
            default=int(os.environ.get("KINERJA_WORKER", "2")),
            help="jumlah proses worker",
        )
        parser.add_argument(
            "--dev", action="store_true", help="server pengembangan Django (memuat ulang kode)"
        )

    def handle(self, *args, **opsi):
        alamat = opsi["alamat"]
        self.stdout.write(self.style.SUCCESS(f"\nKinerja berjalan di http://{alamat}/"))
        akun = akun_demo_terbuka() if mode_demo() else []
        if akun:
            self.stdout.write("Mode demonstrasi — akun demo (data contoh):")
            for a in akun:
                self.stdout.write(f"  {a.username} / {a.password}  — {a.peran}")
        self.stdout.write("Hentikan dengan Ctrl+C.\n")
        sys.stdout.flush()
        if opsi["dev"]:
            call_command("runserver", alamat, use_reloader=True)
            return
        perintah = [
            sys.executable,
            "-m",
            "gunicorn",
            "kinerja.wsgi:application",
            "--bind",
            alamat,
            "--workers",
            str(opsi["worker"]),
            "--access-logfile",
            "-",
            "--timeout",
            "120",
        ]
        os.execvp(perintah[0], perintah)
