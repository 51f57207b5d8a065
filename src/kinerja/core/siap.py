"""Making a database ready on first use: migrate, then the steps other apps register (``demo``:
the sample in demonstration mode, see ``kinerja.demo.siap``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Run after the migrations, in registration order (``demo`` registers what an empty database gets).
_SESUDAH_MIGRASI: list[Callable[[TextIO], None]] = []


def daftarkan(langkah: Callable[[TextIO], None]) -> None:
    """Register a step run after the migrations (once: the same function again changes nothing)."""
    if langkah not in _SESUDAH_MIGRASI:
        _SESUDAH_MIGRASI.append(langkah)


def perlu_migrasi() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def siapkan_basis_data(*, keluaran: TextIO) -> None:
    """Apply pending migrations, then the registered steps (see ``kinerja.demo.siap``: on an empty
    database, the sample in demonstration mode or the instructions for the first administrator)."""
    if perlu_migrasi():
        keluaran.write("Menyiapkan tabel basis data…\n")
        call_command("migrate", interactive=False, verbosity=0)
    for langkah in _SESUDAH_MIGRASI:
        langkah(keluaran)
