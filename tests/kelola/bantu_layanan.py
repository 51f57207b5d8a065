"""Shared helpers of the service-administration tests: personas inside and outside a PD's scope."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from kinerja.core.models import Peran
from kinerja.wilayah.models import Pemda, PerangkatDaerah, Unit


def pd_lain(pd: PerangkatDaerah) -> PerangkatDaerah:
    """A second PD of the same pemda, with its office, and its own administrator ``admin-dinas``."""
    lain = PerangkatDaerah.objects.create(pemda=pd.pemda, nama="Dinas Uji", slug="dinas-uji")
    Unit.objects.create(pd=lain, jenis="kantor", nama="Dinas Uji", nama_pendek="Dinas", urutan=1)
    admin = get_user_model().objects.create_user("admin-dinas")
    Peran.objects.create(pengguna=admin, jenis="admin", pd=lain)
    return lain


def admin_pd(pd: PerangkatDaerah, username: str = "admin-pd"):
    """An administrator of this PD only (a role over the PD)."""
    user = get_user_model().objects.create_user(username)
    Peran.objects.create(pengguna=user, jenis="admin", pd=pd)
    return user


def pemda_kedua() -> Pemda:
    return Pemda.objects.create(kode="35.99", nama="Kabupaten Uji", jenis="kabupaten", slug="kabupaten-uji")
