"""The register's pages read a fixed number of queries, however many risks the year has."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.risiko.models import Pemantauan, RencanaTindak, Risiko

pytestmark = pytest.mark.django_db


def _hitung(c, url: str) -> int:
    c.get(url)
    with CaptureQueriesContext(connection) as q:
        assert c.get(url).status_code == 200
    return len(q.captured_queries)


@pytest.mark.parametrize(("nama", "batas"), [("daftar", 40), ("peta", 25), ("unduh", 25)])
def test_kueri_tetap(versi, masuk, nama, batas):
    c = masuk("perencana")
    url = reverse(f"risiko:{nama}", args=[versi.pd_id, 2022])
    awal = _hitung(c, url)
    assert awal <= batas
    contoh = Risiko.objects.filter(pd=versi.pd, tahun=2022).first()
    for i in range(5):
        x = Risiko.objects.create(
            pd=versi.pd,
            tahun=2022,
            node=contoh.node,
            pernyataan=f"r{i}",
            sebab="s",
            uraian_dampak="d",
            kemungkinan=2,
            dampak=3,
            pemilik="p",
        )
        x.indikator.set(contoh.indikator.all())
        RencanaTindak.objects.create(risiko=x, uraian="u", penanggung_jawab="p", tenggat="2022-05-01")
        Pemantauan.objects.create(risiko=x, triwulan=1, kemajuan="k", kemungkinan=1, dampak=1)
    assert _hitung(c, url) == awal
