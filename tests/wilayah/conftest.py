from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from kinerja.core.models import Peran
from kinerja.wilayah.models import PerangkatDaerah, Unit


@pytest.fixture
def pd(versi_sampel):
    return versi_sampel.pd


@pytest.fixture
def gedog(pd):
    return pd.unit_set.get(nama_pendek="Gedog")


@pytest.fixture
def admin_pd(pd):
    """An administrator of the sample PD (a role over the PD, not a superuser)."""
    user = get_user_model().objects.create_user("admin-sananwetan")
    Peran.objects.create(pengguna=user, jenis=Peran.Jenis.ADMIN, pd=pd)
    return user


@pytest.fixture
def pd_lain(pd):
    """Another PD of the same pemda with its own kelurahan and its own administrator."""
    lain = PerangkatDaerah.objects.create(
        pemda=pd.pemda, nama="Kecamatan Kepanjenkidul", slug="kepanjenkidul"
    )
    Unit.objects.create(
        pd=lain, jenis="kantor", nama="Kantor Kepanjenkidul", nama_pendek="Kecamatan", urutan=0
    )
    kel = Unit.objects.create(
        pd=lain, jenis="kelurahan", nama="Kelurahan Bendo", nama_pendek="Bendo", urutan=1
    )
    user = get_user_model().objects.create_user("admin-kepanjenkidul")
    Peran.objects.create(pengguna=user, jenis=Peran.Jenis.ADMIN, pd=lain)
    return {"pd": lain, "kelurahan": kel, "admin": user}
