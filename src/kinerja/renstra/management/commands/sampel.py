"""kinerja sampel: reload the Sananwetan sample."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from kinerja.core.siap import perlu_migrasi
from kinerja.renstra.sampel import muat_sampel
from kinerja.wilayah.models import Pemda


class Command(BaseCommand):
    help = (
        "Muat (ulang) data contoh Perubahan Renstra Kecamatan Sananwetan 2021–2026 beserta akun demo. "
        "Semua pemda, perangkat daerah dan rencana yang ada dihapus lebih dulu."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ya", action="store_true", help="jangan bertanya bila basis data sudah berisi data"
        )

    def handle(self, *args, **opsi):
        if perlu_migrasi():
            from django.core.management import call_command

            call_command("migrate", interactive=False, verbosity=0)
        if Pemda.objects.exists() and not opsi["ya"]:
            jawab = input("Basis data sudah berisi data; semua rencana akan dihapus. Lanjutkan? [y/T] ")
            if jawab.strip().lower() not in ("y", "ya"):
                raise CommandError("Dibatalkan.")
        self.stdout.write(muat_sampel())
