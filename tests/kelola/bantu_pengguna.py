"""Shared helpers of the pemda, PD and user administration tests: a second PD with its own
administrator, and what an answer must look like."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from kinerja.core.models import Peran
from kinerja.wilayah.models import PerangkatDaerah, Unit


@dataclass
class Dunia:
    pd: PerangkatDaerah  # the sample's Kecamatan Sananwetan
    gedog: Unit
    lain: PerangkatDaerah  # a second PD of the same pemda
    lain_kantor: Unit
    lain_kel: Unit
    admin_kota: object  # the sample's pemda administrator
    admin_lain: object  # administrator of the second PD only (a role over its office)


def dunia(versi_sampel) -> Dunia:
    pd = versi_sampel.pd
    lain = PerangkatDaerah.objects.create(pemda=pd.pemda, nama="Kecamatan Uji", slug="kecamatan-uji")
    kantor = Unit.objects.create(
        pd=lain, jenis="kantor", nama="Kecamatan Uji", nama_pendek="Kecamatan", urutan=1
    )
    kel = Unit.objects.create(
        pd=lain, jenis="kelurahan", nama="Kelurahan Ujung", nama_pendek="Ujung", urutan=2, induk=kantor
    )
    User = get_user_model()
    admin_lain = User.objects.create_user("admin-uji", first_name="Admin Kecamatan Uji")
    Peran.objects.create(pengguna=admin_lain, jenis="admin", unit=kantor)
    return Dunia(
        pd=pd,
        gedog=pd.unit_set.get(nama_pendek="Gedog"),
        lain=lain,
        lain_kantor=kantor,
        lain_kel=kel,
        admin_kota=User.objects.get(username="admin-kota"),
        admin_lain=admin_lain,
    )


def teks(r) -> str:
    return r.content.decode()


def tolak_indonesia(r) -> bool:
    """A refusal page in Indonesian with a way back to the start."""
    isi = teks(r)
    return r.status_code == 403 and '<html lang="id"' in isi and 'href="/"' in isi and "Forbidden" not in isi
