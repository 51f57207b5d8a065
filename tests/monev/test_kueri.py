"""The entry page and the E.81 report read a constant number of queries, whatever the plan's size."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.core.models import Peran
from kinerja.monev.models import Laporan, Realisasi, RealisasiAnggaran
from kinerja.renstra.models import PlanNode
from kinerja.wilayah.models import Pemda
from tests.renstra.pembuat import RencanaKecil

pytestmark = pytest.mark.django_db
T = PlanNode.Tingkat


def _rencana(nama: str, n_sub: int):
    rk = RencanaKecil(nama)
    n = rk.rantai()
    for i in range(n_sub):
        sub = rk.node(T.SUB_KEGIATAN, f"Sub {i}", n["kegiatan"], f"7.01.02.2.01.{i + 1:04d}")
        ind = rk.ind(sub, f"Jumlah laporan {i}", "Laporan")
        for lok in (rk.kantor, rk.gedog, rk.rembang):
            rk.target(ind, 2022, str(i + 2), lokasi=lok)
            rk.pagu(sub, 2022, 1000 * (i + 1), lokasi=lok)
            for tw in (1, 2):
                Realisasi.objects.create(
                    indikator=ind, lokasi=lok, tahun=2022, triwulan=tw, teks="1", jenis="angka", nilai=1
                )
                RealisasiAnggaran.objects.create(node=sub, lokasi=lok, tahun=2022, triwulan=tw, jumlah=100)
    for u in (rk.kantor, rk.gedog, rk.rembang):
        for tw in (1, 2, 3, 4):
            Laporan.objects.create(unit=u, tahun=2022, triwulan=tw)
    User = get_user_model()
    user, _ = User.objects.get_or_create(username=f"pengguna-{nama.lower()}")
    Peran.objects.create(pengguna=user, jenis="perencana", pd=rk.pd)
    return rk, user


def _hitung(client, user, url) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as q:
        r = client.get(url)
    assert r.status_code == 200
    return len(q)


# Ceilings measured on these pages; report statuses, entry rules and flags are read once per page.
# One query of each page reads the version's indicator links (``Rencana.tautan``), and one the
# year's APBD in force (``monev.anggaran.dasar_anggaran``; the adopted Renja is looked up by the
# query that looked up any Renja before, its pagu only when there is one). One query reads the plan's
# revision (``renstra.revisi``): the plan itself is read only when its revision is not kept yet.
BATAS = {
    "isian": 21,
    # E.81 of TW I–III reads the quarter's rencana aksi targets (monev.TargetTriwulan): one query more.
    "e81": 21,
    "e81_terverifikasi": 21,
    "capaian": 18,
    "capaian_terverifikasi": 18,
    "matriks": 18,
}


def _alamat(rk, halaman: str) -> str:
    e81 = reverse("monev:laporan", args=[rk.versi.pk, 2022, "E.81"]) + "?triwulan=2"
    capaian = reverse("monev:capaian", args=[rk.versi.pk, 2022])
    return {
        "isian": reverse("monev:isian", args=[rk.versi.pk, 2022, 2, rk.gedog.pk]),
        "e81": e81 + "&terverifikasi=0",
        "e81_terverifikasi": e81 + "&terverifikasi=1",
        "capaian": capaian + "?terverifikasi=0",
        "capaian_terverifikasi": capaian + "?terverifikasi=1",
        "matriks": reverse("monev:matriks", args=[rk.versi.pk, 2022]),
        "e80": reverse("monev:laporan", args=[rk.versi.pk, 2022, "E.80"]),
        "lkjip": reverse("monev:laporan", args=[rk.versi.pk, 2022, "LKJIP"]),
    }[halaman]


@pytest.mark.parametrize("halaman", list(BATAS))
def test_monitoring_pages_use_the_same_number_of_queries_for_a_small_and_a_large_plan(client, halaman):
    hasil = []
    for nama, n in (("Kecil", 1), ("Besar", 15)):
        rk, user = _rencana(nama, n)
        hasil.append(_hitung(client, user, _alamat(rk, halaman)))
    assert hasil[0] == hasil[1] <= BATAS[halaman]


@pytest.mark.parametrize("halaman", ["isian", "e81", "capaian", "e80", "lkjip"])
def test_two_approval_levels_cost_each_report_one_query_at_most(client, halaman):
    """Where the pemda approves in two levels a report states Bappeda's approval: one query more."""
    rk, user = _rencana("Dua", 2)
    Laporan.objects.filter(unit__pd=rk.pd).update(status=Laporan.Status.DIVERIFIKASI)
    Pemda.objects.filter(pk=rk.pd.pemda_id).update(tingkat_persetujuan=1)
    _hitung(client, user, _alamat(rk, halaman))  # the plan is read once and kept: both counts below keep it
    satu = _hitung(client, user, _alamat(rk, halaman))
    Pemda.objects.filter(pk=rk.pd.pemda_id).update(tingkat_persetujuan=2)
    dua = _hitung(client, user, _alamat(rk, halaman))
    assert satu <= dua <= satu + 1
