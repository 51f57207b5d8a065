"""The checker compares each kelurahan's RT allocations with its pagu in the plan."""

from __future__ import annotations

from decimal import Decimal

from kinerja.renstra.periksa import periksa
from kinerja.rtkeren.models import Alokasi


def _temuan(versi):
    return [t for t in periksa(versi) if t.code == "RT_KEREN_PAGU"]


def test_the_samples_allocations_match_and_one_rupiah_more_is_reported(versi_sampel):
    assert _temuan(versi_sampel) == []
    a = Alokasi.objects.filter(rt__unit__nama_pendek="Rembang", tahun=2022).order_by("pk").first()
    Alokasi.objects.filter(pk=a.pk).update(pagu=a.pagu + 1)
    (t,) = _temuan(versi_sampel)
    # Tabel 6.1 prints Rembang's 2022 pagu of the sub kegiatan as 1.080.602.400.
    assert (t.printed, t.expected) == ("1.080.602.401", "1.080.602.400")
    assert "Rembang" in t.row and t.tahun == [2022] and "14 RT" in t.message


def test_allocations_at_a_kelurahan_the_plan_gives_no_pagu_are_reported(versi_sampel):
    a = Alokasi.objects.filter(rt__unit__nama_pendek="Gedog", tahun=2022).order_by("pk").first()
    Alokasi.objects.filter(pk=a.pk).update(tahun=2021)
    temuan = {(t.tahun[0], t.expected) for t in _temuan(versi_sampel)}
    assert (2021, "tidak ada") in temuan and (2022, "3.165.939.900") in temuan
    assert Decimal(a.pagu) > 0
