"""An empty database on first start: the sample in demonstration mode, instructions otherwise.

Registered in ``core.siap`` by ``DemoConfig.ready``; ``core.siap.siapkan_basis_data`` (called by
``cli.py`` before a command) runs it after the migrations.
"""

from __future__ import annotations

from typing import TextIO

from django.contrib.auth import get_user_model

from kinerja.core.demo import mode_demo
from kinerja.core.models import PemdaDemo, SandiDemo
from kinerja.wilayah.models import Pemda

PETUNJUK_ADMIN = """\
Basis data masih kosong: belum ada pengguna.
Buat administrator pertama dengan:
    kinerja pengguna NAMA --admin
(kata sandi ditanyakan; atau berikan lewat variabel lingkungan KINERJA_SANDI).
Untuk mencoba dengan data contoh Kecamatan Sananwetan dan akun demo, jalankan dengan
KINERJA_DEMO=1 (mis. `make run`) atau muat dengan `kinerja sampel`.
"""


def isi_basis_data_kosong(keluaran: TextIO) -> None:
    """On an empty database load the sample only in demonstration mode.

    Outside demonstration mode nothing is created: no account with a known password ever exists
    on a production database; how to create the first administrator is printed instead.
    """
    if Pemda.objects.exists() or get_user_model().objects.exists():
        return
    if not mode_demo():
        keluaran.write(PETUNJUK_ADMIN)
        return
    from kinerja.demo.sampel import muat_sampel

    keluaran.write("Mode demonstrasi, basis data kosong: memuat data contoh Kecamatan Sananwetan…\n")
    ringkas = muat_sampel(kecamatan_demo=True)
    keluaran.write(ringkas + "\n")


def ada_data_nyata() -> bool:
    """Whether the database holds data that is not the demonstration sample.

    A pemda not marked as demonstration, or a user that is not a demo account.
    """
    if Pemda.objects.exclude(pk__in=PemdaDemo.objects.values("pemda_id")).exists():
        return True
    return get_user_model().objects.exclude(pk__in=SandiDemo.objects.values("pengguna_id")).exists()
