from __future__ import annotations

import pytest


@pytest.fixture
def versi(db):
    from kinerja.renstra.selectors import versi_utama
    from kinerja.wilayah.models import PerangkatDaerah

    return versi_utama(PerangkatDaerah.objects.get(slug="kecamatan-sananwetan"))


@pytest.fixture
def pd(versi):
    return versi.pd
