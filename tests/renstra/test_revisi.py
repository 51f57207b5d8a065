"""A plan is read again exactly when something it is made of has changed (renstra.revisi)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from kinerja.renstra import revisi
from kinerja.renstra.models import (
    Indikator,
    KondisiAwal,
    Pagu,
    PlanNode,
    RenstraVersi,
    RevisiRencana,
    Target,
    TautanIndikator,
)
from kinerja.renstra.selectors import lupakan_rencana, muat_rencana
from kinerja.wilayah.models import PerangkatDaerah, Unit


@pytest.fixture(autouse=True)
def _lupakan():
    lupakan_rencana()  # plans kept by earlier tests (the sample's revision holds across tests)
    yield
    lupakan_rencana()


def _revisi(v) -> int:
    return RevisiRencana.objects.get(versi_id=v.pk).nilai


def _baca(v):
    """The plan and the number of queries reading it took."""
    with CaptureQueriesContext(connection) as q:
        r = muat_rencana(v)
    return r, len(q)


def _target(v) -> Target:
    return Target.objects.filter(indikator__node__versi=v, lokasi__isnull=True).order_by("pk").first()


def test_skema_hasil_migrasi_memuat_semua_pemicu(db):
    with connection.cursor() as c:
        assert revisi.ada(c, connection.vendor)


def test_rencana_tersimpan_dibaca_dengan_satu_kueri(versi_sampel):
    r1, n1 = _baca(versi_sampel)
    r2, n2 = _baca(versi_sampel)
    assert n1 > 3 and n2 == 1, "a kept plan costs the revision query alone"
    assert r2 is not r1 and r2.versi is versi_sampel
    assert r2.target == r1.target and [n.pk for n in r2.node] == [n.pk for n in r1.node]
    # What one reader works out (the indicator links, one query) serves the next reader of the revision.
    tautan = r1.tautan
    with CaptureQueriesContext(connection) as q:
        assert r2.tautan is tautan
    assert len(q) == 0


def _sql_mentah(t):
    with connection.cursor() as c:
        c.execute("UPDATE renstra_target SET teks = %s WHERE id = %s", ["77", t.pk])


def _ganti_nama_indikator(v):
    i = Indikator.objects.filter(node__versi=v).order_by("pk").first()
    i.nama = "Indikator diganti"
    i.save()


def _tautkan(v):
    lama_i, baru_i = Indikator.objects.filter(node__versi=v).order_by("pk")[:2]
    TautanIndikator.objects.create(versi=v, lama=lama_i, baru=baru_i)
    return lama_i.pk, baru_i.pk


def _node(v) -> PlanNode:
    return PlanNode.objects.filter(versi=v).order_by("pk").first()


def _unit(v) -> Unit:
    return Unit.objects.filter(pd=v.pd).order_by("pk").first()


# Each write, below the ORM's save() where it can be: (change, what the plan read afterwards shows).
UBAH = {
    "target_update_massal": lambda v, t: Target.objects.filter(pk=t.pk).update(teks="77"),
    "target_sql_mentah": lambda v, t: _sql_mentah(t),
    "target_hapus": lambda v, t: t.delete(),
    "target_baru": lambda v, t: Target.objects.create(
        indikator=t.indikator, lokasi=None, tahun=2099, teks="77"
    ),
    "awal_update": lambda v, t: KondisiAwal.objects.filter(indikator__node__versi=v).update(teks="77"),
    "pagu_update": lambda v, t: Pagu.objects.filter(node__versi=v).update(jumlah=Decimal(77)),
    "indikator_save": lambda v, t: _ganti_nama_indikator(v),
    "node_update": lambda v, t: PlanNode.objects.filter(pk=_node(v).pk).update(nama="Unsur diganti"),
    "node_baru": lambda v, t: PlanNode.objects.create(
        versi=v, tingkat=_node(v).tingkat, nama="Unsur baru", urutan=999
    ),
    "tautan_baru": lambda v, t: _tautkan(v),
    "unit_ganti_nama": lambda v, t: Unit.objects.filter(pk=_unit(v).pk).update(nama="Unit diganti"),
    "pd_ganti_nama": lambda v, t: PerangkatDaerah.objects.filter(pk=v.pd_id).update(nama="PD diganti"),
    "versi_update": lambda v, t: RenstraVersi.objects.filter(pk=v.pk).update(
        tahun_rencana_awal=v.tahun_rencana_awal + 1
    ),
}
TERLIHAT = {
    "target_update_massal": lambda r, v, t, hasil: r.target[(t.indikator_id, None, t.tahun)].teks == "77",
    "target_sql_mentah": lambda r, v, t, hasil: r.target[(t.indikator_id, None, t.tahun)].teks == "77",
    "target_hapus": lambda r, v, t, hasil: (t.indikator_id, None, t.tahun) not in r.target,
    "target_baru": lambda r, v, t, hasil: (t.indikator_id, None, 2099) in r.target,
    "node_update": lambda r, v, t, hasil: r.node_id[_node(v).pk].nama == "Unsur diganti",
    "unit_ganti_nama": lambda r, v, t, hasil: r.unit[_unit(v).pk].nama == "Unit diganti",
    "tautan_baru": lambda r, v, t, hasil: r.tautan.get(hasil[0]) == hasil[1],
    "versi_update": lambda r, v, t, hasil: r.versi.tahun_rencana_awal == v.tahun_rencana_awal,
}


@pytest.mark.parametrize("ubah", list(UBAH))
def test_setiap_tulisan_mengganti_revisi_dan_rencana_dibaca_ulang(versi_sampel, ubah):
    v, t = versi_sampel, _target(versi_sampel)
    r_lama, _ = _baca(v)
    sebelum = {k: r_lama.target[k].teks for k in r_lama.target}
    lama = _revisi(v)
    hasil = UBAH[ubah](v, t)
    assert _revisi(v) != lama
    v = RenstraVersi.objects.select_related("pd__pemda", "rpjmd").get(pk=v.pk)
    r, n = _baca(v)
    assert n > 3, "the plan is read again"
    if ubah in TERLIHAT:
        assert TERLIHAT[ubah](r, v, t, hasil)
    assert {k: r_lama.target[k].teks for k in r_lama.target} == sebelum, "the earlier plan is unchanged"


def test_transaksi_yang_dibatalkan_tidak_meninggalkan_rencananya(versi_sampel):
    v = versi_sampel
    t = _target(v)
    _baca(v)
    with pytest.raises(RuntimeError), transaction.atomic():
        Target.objects.filter(pk=t.pk).update(teks="88")
        r, _ = _baca(v)
        assert r.target[(t.indikator_id, None, t.tahun)].teks == "88"
        raise RuntimeError("batal")
    r, n = _baca(v)
    assert r.target[(t.indikator_id, None, t.tahun)].teks == t.teks
    assert n == 1, "the revision is the one before the transaction: its plan is kept"


def test_tanpa_pemicu_tidak_ada_yang_disimpan(versi_sampel):
    with connection.cursor() as c:
        nama = sorted(revisi.nama_semua(connection.vendor))[0]
        tabel = next(t for t in revisi._SUMBER if nama.startswith(revisi.nama_pemicu(t)))
        c.execute(f"DROP TRIGGER {nama}" + (f" ON {tabel}" if connection.vendor == "postgresql" else ""))
        assert not revisi.ada(c, connection.vendor)
    _baca(versi_sampel)
    _, n = _baca(versi_sampel)
    assert n > 3, "one trigger missing: every read reads the plan"


def test_batas_jumlah_rencana(versi_sampel, settings):
    settings.KINERJA_SIMPANAN_RENCANA = 1
    lain = RenstraVersi.objects.get(pk=versi_sampel.pk)
    lain.pk = None
    lain.nama = "Versi uji"
    lain.save()
    assert _revisi(lain), "a new version has a revision from the start"
    _baca(versi_sampel)
    _, n = _baca(lain)
    assert n > 3
    _, n = _baca(versi_sampel)
    assert n > 3, "only one plan is kept: the other was read again"
    settings.KINERJA_SIMPANAN_RENCANA = 0
    _baca(versi_sampel)
    _, n = _baca(versi_sampel)
    assert n > 3
