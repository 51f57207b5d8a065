"""A value stored beyond its column's bounds (before the bounds existed) leaves every report readable."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, transaction
from django.urls import reverse

from kinerja.core import angka
from kinerja.monev.models import Realisasi, RealisasiAnggaran

pytestmark = pytest.mark.django_db


def test_formatting_an_absurd_number_writes_a_word_instead_of_failing():
    assert angka.format_angka(Decimal(10) ** 60) == angka.TERLALU_BESAR
    assert angka.format_angka(10**10000) == angka.TERLALU_BESAR  # beyond int → str's 4.300 digits
    assert angka.format_persen(Decimal(10) ** 59) == angka.TERLALU_BESAR
    assert angka.format_rupiah(Decimal(10) ** 40) == angka.TERLALU_BESAR
    # 28 digits: rounded with the precision it needs (1 followed by 27 zeros, dots every 3 digits).
    assert angka.format_angka(Decimal(10) ** 27) == "1" + ".000" * 9
    assert angka.format_persen(Decimal("1" + "0" * 27 + ".125")) == "1" + ".000" * 9 + ",13%"


@pytest.mark.parametrize("digit", [19, 28, 60])
def test_reports_stay_readable_with_a_huge_stored_value(client, versi_sampel, digit):
    v = versi_sampel
    besar = Decimal(10) ** (digit - 1)
    real = (
        Realisasi.objects.filter(indikator__node__versi=v, tahun=2022, nilai__isnull=False)
        .order_by("pk")
        .first()
    )
    rp = RealisasiAnggaran.objects.filter(node__versi=v, tahun=2022).order_by("pk").first()
    try:
        with transaction.atomic():
            Realisasi.objects.filter(pk=real.pk).update(nilai=besar)
            RealisasiAnggaran.objects.filter(pk=rp.pk).update(jumlah=besar)
    except DatabaseError:
        pytest.skip("this database refuses a value beyond the column (PostgreSQL): nothing to guard")
    client.force_login(get_user_model().objects.get(username="camat"))
    urls = [reverse(f"monev:{n}", args=[v.pk, 2022]) for n in ("matriks", "capaian", "pk", "renja")]
    for kode in ("E.81", "E.80", "LKJIP"):
        urls.append(reverse("monev:laporan", args=[v.pk, 2022, kode]))
        urls += [reverse("monev:unduh_laporan", args=[v.pk, 2022, kode, f]) for f in ("xlsx", "json")]
    urls.append(
        reverse(
            "monev:isian",
            args=[v.pk, 2022, 4, real.lokasi_id or real.indikator.node.versi.pd.unit_set.first().pk],
        )
    )
    for url in urls:
        assert client.get(url).status_code == 200, url
