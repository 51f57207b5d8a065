"""kinerja cadangan: a consistent backup of the database and the uploads."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kinerja.core.cadangan import GagalCadangan, buat_cadangan


class Command(BaseCommand):
    help = (
        "Buat cadangan yang konsisten (boleh sambil aplikasi berjalan): basis data (SQLite lewat "
        "backup API, PostgreSQL lewat pg_dump -Fc), berkas unggahan, dan manifest.json berisi "
        "checksum sha256 setiap berkas, jenis basis data, keadaan migrasi, jumlah baris tiap tabel "
        "dan waktu. Hasilnya satu folder baru kinerja-TANGGAL-JAM di dalam --ke."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ke",
            metavar="FOLDER",
            type=Path,
            help="folder induk tempat folder cadangan dibuat (bawaan: var/cadangan)",
        )

    def handle(self, *args, **opsi):
        try:
            hasil = buat_cadangan(opsi["ke"])
        except (GagalCadangan, OSError) as e:
            raise CommandError(f"Cadangan gagal: {e}") from e
        m = hasil.manifest
        baris = sum(m["jumlah_baris"].values())
        unggahan = sum(1 for p in m["berkas"] if p.startswith("unggahan/"))
        self.stdout.write(
            f"Cadangan dibuat: {hasil.folder}\n"
            f"  basis data {m['vendor']}, {len(m['jumlah_baris'])} tabel, {baris} baris, "
            f"{m['jejak_audit']['jumlah']} catatan audit; {unggahan} berkas unggahan.\n"
        )
