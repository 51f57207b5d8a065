"""kinerja sampel: reload the Sananwetan sample (and the two demonstration kecamatan)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from kinerja.core.siap import perlu_migrasi
from kinerja.demo.sampel import muat_sampel
from kinerja.demo.siap import ada_data_nyata
from kinerja.wilayah.models import Pemda


class Command(BaseCommand):
    help = (
        "Muat (ulang) data contoh Perubahan Renstra Kecamatan Sananwetan 2021–2026 beserta akun demo, "
        "serta dua kecamatan demonstrasi Kota Blitar (Kepanjenkidul dan Sukorejo, rencana kecil bertanda "
        "'(demo)') untuk halaman pantauan Bappeda; --tanpa-kecamatan-demo memuat Sananwetan saja. "
        "Semua pemda, perangkat daerah dan rencana yang ada dihapus lebih dulu. Ditolak bila basis data "
        "berisi data yang bukan data demonstrasi, kecuali dengan --paksa."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ya", action="store_true", help="jangan bertanya bila basis data sudah berisi data"
        )
        parser.add_argument(
            "--paksa",
            action="store_true",
            help="muat juga bila basis data berisi data sungguhan (data itu beserta catatan auditnya dihapus)",
        )

        parser.add_argument(
            "--tanpa-kecamatan-demo",
            action="store_true",
            help="jangan muat dua kecamatan demonstrasi (Kepanjenkidul, Sukorejo): Sananwetan saja",
        )

    def handle(self, *args, **opsi):
        if perlu_migrasi():
            from django.core.management import call_command

            call_command("migrate", interactive=False, verbosity=0)
        if ada_data_nyata() and not opsi["paksa"]:
            raise CommandError(
                "Basis data ini berisi data yang bukan data demonstrasi (pemda atau pengguna sungguhan). "
                "Data contoh tidak dimuat agar data itu tidak terhapus. Pakai --paksa bila memang "
                "ingin menghapusnya, atau pakai basis data lain (DATABASE_URL)."
            )
        if Pemda.objects.exists() and not opsi["ya"]:
            jawab = input("Basis data sudah berisi data; semua rencana akan dihapus. Lanjutkan? [y/T] ")
            if jawab.strip().lower() not in ("y", "ya"):
                raise CommandError("Dibatalkan.")
        self.stdout.write(muat_sampel(kecamatan_demo=not opsi["tanpa_kecamatan_demo"]))
        self.stdout.write(
            "Akun demo dengan kata sandi yang diumumkan (README) telah dibuat: jangan pakai basis data ini "
            "untuk data sungguhan. Halaman masuk menampilkannya bila KINERJA_DEMO=1."
        )
