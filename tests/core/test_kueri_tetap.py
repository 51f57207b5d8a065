"""A query compiled once answers as the ORM does: the same rows, fields, related rows and order."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinerja.core.kueri_tetap import KueriTetap
from kinerja.monev.models import Laporan, PersetujuanPD
from kinerja.monev.selectors import baca_persetujuan
from kinerja.monev.verifikasi import baca_laporan
from kinerja.skm.models import Kios

pytestmark = pytest.mark.django_db

LAPORAN = KueriTetap(
    lambda pd_id, tahun: Laporan.objects.filter(unit__pd_id=pd_id, tahun__lte=tahun).select_related(
        "diperiksa_oleh"
    )
)


def _semua_medan(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_baris_dan_urutan_sama_dengan_orm(versi_sampel):
    pd = versi_sampel.pd
    orm = list(Laporan.objects.filter(unit__pd_id=pd.pk, tahun__lte=2022).select_related("diperiksa_oleh"))
    assert orm, "sampel mempunyai laporan triwulan"
    tetap = LAPORAN.daftar(pd.pk, 2022)
    assert [_semua_medan(x) for x in tetap] == [_semua_medan(x) for x in orm]
    assert all(x._state.db == "default" and not x._state.adding for x in tetap)


def test_relasi_select_related_terisi_tanpa_kueri(versi_sampel):
    pengguna = get_user_model().objects.create_user("pemeriksa-uji", password="x")
    lap = Laporan.objects.filter(unit__pd=versi_sampel.pd).order_by("id").first()
    Laporan.objects.filter(pk=lap.pk).update(diperiksa_oleh=pengguna, diperiksa_pada=timezone.now())
    hasil = {x.pk: x for x in LAPORAN.daftar(versi_sampel.pd_id, 2022)}
    with CaptureQueriesContext(connection) as c:
        assert hasil[lap.pk].diperiksa_oleh.username == "pemeriksa-uji"
        assert hasil[lap.pk].diperiksa_pada is not None
    assert len(c.captured_queries) == 0


def test_nilai_lain_memakai_sql_yang_sama_dan_tidak_tertukar(versi_sampel):
    pd_id = versi_sampel.pd_id
    LAPORAN.daftar(pd_id, 2022)
    with CaptureQueriesContext(connection) as c:
        tahun_2021 = LAPORAN.daftar(pd_id, 2021)
    assert len(c.captured_queries) == 1
    assert {x.tahun for x in tahun_2021} <= {2021, 2020}
    assert len(tahun_2021) == Laporan.objects.filter(unit__pd_id=pd_id, tahun__lte=2021).count()
    assert LAPORAN.daftar(pd_id + 1000, 2022) == []


def test_nilai_di_luar_rentang_dibaca_orm():
    # Beyond a 32-bit column the ORM finds nothing without asking; the compiled SQL is not used.
    assert LAPORAN.daftar(2**40, 2022) == []
    with pytest.raises(TypeError):
        LAPORAN.daftar(1)


def test_persetujuan_dan_laporan_pd(versi_sampel):
    pd = versi_sampel.pd
    PersetujuanPD.objects.filter(pd=pd, tahun=2021).delete()
    p = PersetujuanPD.objects.create(pd=pd, tahun=2021, triwulan=3, catatan="periksa lagi")
    assert baca_persetujuan(pd, 2021, 3) == p
    assert _semua_medan(baca_persetujuan(pd, 2021, 3)) == _semua_medan(p)
    assert baca_persetujuan(pd, 2021, 2) is None
    assert baca_laporan(pd.pk, 2022) == list(Laporan.objects.filter(unit__pd_id=pd.pk, tahun__lte=2022))


def _kios_token(token: str):
    return Kios.objects.select_related("unit").filter(token=token, aktif=True).order_by()


KIOS = KueriTetap(_kios_token)


def test_nilai_teks_dibandingkan_apa_adanya(versi_sampel):
    unit = versi_sampel.pd.unit_set.order_by("id").first()
    a = Kios.objects.create(unit=unit, nama="Kios A")
    b = Kios.objects.create(unit=unit, nama="Kios B")
    ditemukan = KIOS.pertama(a.token)
    assert _semua_medan(ditemukan) == _semua_medan(a)
    with CaptureQueriesContext(connection) as c:
        assert ditemukan.unit.nama == unit.nama
        assert KIOS.pertama(b.token).pk == b.pk
    assert len(c.captured_queries) == 1  # the unit came with the kiosk; b: one query
    # Text is a parameter, never part of the SQL: quotes, patterns and the stand-in itself find nothing.
    for asing in ("' OR '1'='1", "%", a.token.upper(), a.token[:-1], "\x1fkueri-tetap-0\x1f", ""):
        assert KIOS.pertama(asing) is None
    Kios.objects.filter(pk=a.pk).update(aktif=False)
    assert KIOS.pertama(a.token) is None
    # A value that is not text goes through the ORM, which answers as it always does.
    assert KIOS.daftar(12345) == list(_kios_token(12345))


def test_pencarian_yang_mengubah_teksnya_ditolak_saat_dikompilasi():
    def mirip(teks: str):
        return Kios.objects.filter(nama__icontains=teks)

    with pytest.raises(AssertionError, match="tidak setiap nilai menjadi parameter"):
        KueriTetap(mirip).daftar("kios")
