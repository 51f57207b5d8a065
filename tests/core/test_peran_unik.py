"""A role is held once per user, kind and scope, and over one scope at most."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from kinerja.core.models import Peran
from kinerja.wilayah.models import PerangkatDaerah

J = Peran.Jenis


@pytest.fixture
def orang(db):
    return get_user_model().objects.create_user("uji-peran", password="x-uji-peran-1")


@pytest.fixture
def pd(db):
    return PerangkatDaerah.objects.get(slug="kecamatan-sananwetan")


def _gagal(**kw):
    with pytest.raises(IntegrityError), transaction.atomic():
        Peran.objects.create(**kw)


@pytest.mark.parametrize("cakupan", ["unit", "pd", "pemda", "semua"])
def test_peran_sama_dua_kali_ditolak(orang, pd, cakupan):
    lingkup = {
        "unit": {"unit": pd.unit_set.order_by("id").first()},
        "pd": {"pd": pd},
        "pemda": {"pemda": pd.pemda},
        "semua": {},
    }[cakupan]
    Peran.objects.create(pengguna=orang, jenis=J.ADMIN, **lingkup)
    _gagal(pengguna=orang, jenis=J.ADMIN, **lingkup)
    assert Peran.objects.filter(pengguna=orang).count() == 1


def test_jenis_atau_cakupan_lain_boleh(orang, pd):
    unit = list(pd.unit_set.order_by("id")[:2])
    Peran.objects.create(pengguna=orang, jenis=J.OPERATOR, unit=unit[0])
    Peran.objects.create(pengguna=orang, jenis=J.OPERATOR, unit=unit[1])
    Peran.objects.create(pengguna=orang, jenis=J.PIMPINAN, unit=unit[0])
    Peran.objects.create(pengguna=orang, jenis=J.OPERATOR, pd=pd)
    assert Peran.objects.filter(pengguna=orang).count() == 4


def test_dua_cakupan_sekaligus_ditolak(orang, pd):
    unit = pd.unit_set.order_by("id").first()
    _gagal(pengguna=orang, jenis=J.OPERATOR, unit=unit, pd=pd)
    _gagal(pengguna=orang, jenis=J.OPERATOR, pd=pd, pemda=pd.pemda)
    _gagal(pengguna=orang, jenis=J.OPERATOR, unit=unit, pemda=pd.pemda)
    assert not Peran.objects.filter(pengguna=orang).exists()


def test_a_role_granted_outside_the_admin_is_recorded_as_the_system(orang, pd):
    from kinerja.core.models import CatatanAudit

    p = Peran.objects.create(pengguna=orang, jenis=J.OPERATOR, pd=pd)
    c = CatatanAudit.objects.filter(aksi="peran.beri", objek_id=str(p.pk)).get()
    assert c.pengguna is None and c.nama_pelaku == "sistem"
