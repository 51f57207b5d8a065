"""Making a database ready on first use: migrate, then load the sample."""

from __future__ import annotations

from typing import TextIO

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def perlu_migrasi() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def siapkan_basis_data(*, keluaran: TextIO) -> None:
    """Apply pending migrations; on an empty database load the Sananwetan sample."""
    if perlu_migrasi():
        keluaran.write("Menyiapkan tabel basis data…\n")
        call_command("migrate", interactive=False, verbosity=0)
    from kinerja.wilayah.models import Pemda

    if not Pemda.objects.exists():
        from kinerja.renstra.sampel import muat_sampel

        keluaran.write("Basis data kosong: memuat data contoh Kecamatan Sananwetan…\n")
        ringkas = muat_sampel()
        keluaran.write(ringkas + "\n")
