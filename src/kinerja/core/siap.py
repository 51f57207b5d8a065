"""Making a database ready on first use: migrate, then (in demonstration mode only) load the sample."""

from __future__ import annotations

from typing import TextIO

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

PETUNJUK_ADMIN = """\
Basis data masih kosong: belum ada pengguna.
Buat administrator pertama dengan:
    kinerja pengguna NAMA --admin
(kata sandi ditanyakan; atau berikan lewat variabel lingkungan KINERJA_SANDI).
Untuk mencoba dengan data contoh Kecamatan Sananwetan dan akun demo, jalankan dengan
KINERJA_DEMO=1 (mis. `make run`) atau muat dengan `kinerja sampel`.
"""


def perlu_migrasi() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def siapkan_basis_data(*, keluaran: TextIO) -> None:
    """Apply pending migrations; on an empty database load the sample only in demonstration mode.

    Outside demonstration mode nothing is created: no account with a known password ever exists
    on a production database; how to create the first administrator is printed instead.
    """
    if perlu_migrasi():
        keluaran.write("Menyiapkan tabel basis data…\n")
        call_command("migrate", interactive=False, verbosity=0)
    from django.contrib.auth import get_user_model

    from kinerja.core.demo import mode_demo
    from kinerja.wilayah.models import Pemda

    if Pemda.objects.exists() or get_user_model().objects.exists():
        return
    if not mode_demo():
        keluaran.write(PETUNJUK_ADMIN)
        return
    from kinerja.renstra.sampel import muat_sampel

    keluaran.write("Mode demonstrasi, basis data kosong: memuat data contoh Kecamatan Sananwetan…\n")
    ringkas = muat_sampel()
    keluaran.write(ringkas + "\n")
