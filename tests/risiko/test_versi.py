"""A risk recorded on one plan version shows on the elements and indicators copied from it in a new
version (a Perubahan), as realisations do; deleting nothing, orphaning nothing."""

from __future__ import annotations

import pytest

from kinerja.core.pelaku import SISTEM
from kinerja.renstra import salin
from kinerja.renstra.models import Indikator, PlanNode
from kinerja.renstra.selectors import muat_rencana
from kinerja.risiko.models import Risiko
from kinerja.risiko.register import muat_register

pytestmark = pytest.mark.django_db


def test_risiko_mengikuti_salinan_unsur(versi):
    x = Risiko.objects.filter(pd=versi.pd, tahun=2022).order_by("pk").first()
    ind_lama = list(x.indikator.values_list("pk", flat=True))
    baru = salin.buat_perubahan(pengguna=SISTEM, versi=versi, nama="Perubahan uji")
    node_baru = PlanNode.objects.get(versi=baru, asal_id=x.node_id)
    reg = muat_register(muat_rencana(baru), 2022)
    kelompok = next(k for k in reg.kelompok if any(b.risiko.pk == x.pk for b in k.risiko))
    assert kelompok.node.pk == node_baru.pk
    assert not reg.yatim
    b = next(b for b in kelompok.risiko if b.risiko.pk == x.pk)
    ind_baru = set(
        Indikator.objects.filter(node__versi=baru, asal_id__in=ind_lama).values_list("pk", flat=True)
    )
    assert {i.pk for i in b.indikator} == ind_baru and ind_baru


def test_unsur_tanpa_penerus_tetap_tampil(versi):
    x = Risiko.objects.filter(pd=versi.pd, tahun=2022).order_by("pk").first()
    baru = salin.buat_perubahan(pengguna=SISTEM, versi=versi, nama="Perubahan uji")
    PlanNode.objects.filter(versi=baru, asal_id=x.node_id).delete()
    reg = muat_register(muat_rencana(baru), 2022)
    yatim = {b.risiko.pk for b in reg.yatim}
    assert x.pk in yatim  # (with the risks of the programs below it, deleted with it)
    assert len(reg.semua) == Risiko.objects.filter(pd=versi.pd, tahun=2022).count()  # none dropped
