"""kinerja pulihkan: restore a backup made by `kinerja cadangan` into an empty database."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kinerja.core.cadangan import GagalCadangan, pulihkan


class Command(BaseCommand):
    help = (
        "Pulihkan cadangan dari `kinerja cadangan` ke basis data DATABASE_URL. Checksum setiap "
        "berkas diperiksa lebih dulu (cadangan yang rusak ditolak); basis data tujuan harus kosong "
        "kecuali dengan --paksa; berkas unggahan dikembalikan; jumlah baris tiap tabel dan jejak "
        "audit dibandingkan dengan manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folder", metavar="FOLDER", type=Path, help="folder cadangan (berisi manifest.json)"
        )
        parser.add_argument(
            "--paksa",
            action="store_true",
            help="timpa basis data tujuan walaupun sudah berisi data (seluruh isinya diganti)",
        )

    def handle(self, *args, **opsi):
        try:
            m = pulihkan(opsi["folder"], paksa=opsi["paksa"])
        except (GagalCadangan, OSError) as e:
            raise CommandError(str(e)) from e
        self.stdout.write(
            f"Cadangan {m['dibuat']} dipulihkan: {len(m['jumlah_baris'])} tabel, "
            f"{sum(m['jumlah_baris'].values())} baris dan {m['jejak_audit']['jumlah']} catatan audit "
            "sesuai manifest.\n"
        )
