"""kinerja serve: run the web application."""

from __future__ import annotations

import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

from kinerja.core.demo import akun_demo_terbuka, mode_demo


class Command(BaseCommand):
    help = (
        "Jalankan aplikasi web. Bawaan: server produksi waitress di 127.0.0.1:8000 dengan 8 utas; "
        "klien lambat tidak menahan utas (permintaan dibaca utuh lebih dulu). "
        "--dev memakai server pengembangan Django yang memuat ulang kode."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--alamat", default=os.environ.get("KINERJA_ALAMAT", "127.0.0.1:8000"), help="host:port"
        )
        parser.add_argument(
            "--utas",
            type=int,
            default=int(os.environ.get("KINERJA_UTAS", "8")),
            help="jumlah utas yang menjalankan permintaan (bawaan 8, atau KINERJA_UTAS)",
        )
        parser.add_argument(
            "--batas-waktu",
            type=int,
            default=int(os.environ.get("KINERJA_BATAS_WAKTU", "60")),
            help="detik sebelum koneksi yang diam ditutup (bawaan 60, atau KINERJA_BATAS_WAKTU)",
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
        # Waitress reads each request whole in its event loop before a thread runs it: clients
        # that send their headers slowly (or never finish them) hold a connection, not a thread,
        # and are dropped after --batas-waktu seconds of silence.
        from django.core.wsgi import get_wsgi_application
        from waitress import serve

        application = get_wsgi_application()  # what kinerja.wsgi gives, without importing an entry point

        # Behind a reverse proxy on this machine (README: nginx), X-Forwarded-Proto and
        # X-Forwarded-For from that proxy are believed; from anyone else they are removed.
        proksi = os.environ.get("KINERJA_PROXY", "127.0.0.1")
        serve(
            application,
            listen=alamat,
            threads=max(1, opsi["utas"]),
            channel_timeout=max(1, opsi["batas_waktu"]),
            connection_limit=int(os.environ.get("KINERJA_BATAS_KONEKSI", "500")),
            trusted_proxy=proksi or None,
            trusted_proxy_headers={"x-forwarded-proto", "x-forwarded-for"} if proksi else None,
            clear_untrusted_proxy_headers=True,
            ident="kinerja",
        )
