"""Suggested risks: exactly the indicators whose 2022 capaian is Rendah or Sangat Rendah (capaian
below 66 %, worked out here from target and realisation) and that no risk of the year is linked to."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from kinerja.core.pelaku import SISTEM
from kinerja.monev.selectors import muat_evaluasi
from kinerja.renstra.models import PlanNode
from kinerja.renstra.selectors import muat_rencana
from kinerja.risiko import services
from kinerja.risiko.models import Risiko
from kinerja.risiko.register import muat_register, usulan

pytestmark = pytest.mark.django_db
TAHUN = 2022


def _capaian_tangan(arah: str, t: Decimal, r: Decimal) -> Decimal:
    if t == 0:
        return Decimal(100) if arah == "naik" or r == 0 else Decimal(0)
    c = r / t * 100 if arah == "naik" else max(Decimal(0), (2 * t - r) / t * 100)
    return c.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _rendah_tangan(versi) -> set[int]:
    """Indicators with a row whose capaian rounds below 66 (the Sedang bound), by hand."""
    ev = muat_evaluasi(versi, TAHUN, 4)
    hasil = set()
    for b in ev.baris:
        if b.ind is None or b.target is None or b.realisasi is None:
            continue
        t = b.target_tahun.nilai if b.target_tahun is not None else None
        if t is None:
            continue
        if _capaian_tangan(b.ind.arah, t, b.realisasi) < 66:
            hasil.add(b.ind.pk)
    return hasil


def _bertaut(pd) -> set[int]:
    return {
        i for x in Risiko.objects.filter(pd=pd, tahun=TAHUN) for i in x.indikator.values_list("pk", flat=True)
    }


def _usulan(versi) -> set[int]:
    r = muat_rencana(versi)
    return {u.ind.pk for u in usulan(muat_evaluasi(r, TAHUN, 4), muat_register(r, TAHUN))}


def test_usulan_tepat_indikator_rendah_tanpa_risiko(versi):
    rendah = _rendah_tangan(versi)
    assert rendah, "the sample's demonstration year has low rows"
    assert _usulan(versi) == rendah - _bertaut(versi.pd)


def test_risiko_bertaut_menghapus_usulan(versi):
    sebelum = _usulan(versi)
    ind = min(sebelum)
    node = PlanNode.objects.filter(versi=versi, tingkat=PlanNode.Tingkat.SASARAN).first()
    services.simpan_risiko(
        pengguna=SISTEM,
        pd=versi.pd,
        tahun=TAHUN,
        data={
            "node": node.pk,
            "pernyataan": "Capaian rendah",
            "sebab": "s",
            "uraian_dampak": "d",
            "kemungkinan": "3",
            "dampak": "3",
            "pemilik": "Camat",
            "indikator": [str(ind)],
        },
    )
    assert _usulan(versi) == sebelum - {ind}


def test_risiko_tahun_lain_tidak_menghapus_usulan(versi):
    sebelum = _usulan(versi)
    ind = min(sebelum)
    node = PlanNode.objects.filter(versi=versi, tingkat=PlanNode.Tingkat.SASARAN).first()
    x = Risiko.objects.create(
        pd=versi.pd,
        tahun=2023,
        node=node,
        pernyataan="p",
        sebab="s",
        uraian_dampak="d",
        kemungkinan=1,
        dampak=1,
    )
    x.indikator.add(ind)
    assert _usulan(versi) == sebelum


def test_halaman_mengusulkan_dan_mengisi_formulir(versi, masuk):
    c = masuk("perencana")
    r = c.get(reverse("risiko:daftar", args=[versi.pd_id, TAHUN]))
    assert r.status_code == 200
    html = r.content.decode()
    harap = _rendah_tangan(versi) - _bertaut(versi.pd)
    assert html.count("Usulkan risiko<span") == len(harap)
    # The first suggestion's link pre-fills the form: the indicator ticked, a sasaran or program chosen.
    tautan = next(u for u in r.context["usulan"] if u.tujuan is not None)
    alamat = (
        reverse("risiko:baru", args=[versi.pd_id, TAHUN])
        + f"?node={tautan.tujuan.pk}&indikator={tautan.ind.pk}"
    )
    assert alamat.replace("&", "&amp;") in html
    f = c.get(alamat)
    isi = f.content.decode()
    assert f'value="{tautan.ind.pk}" checked' in isi
    assert f'<option value="{tautan.tujuan.pk}" selected>' in isi
    assert parse_qs(urlsplit(alamat).query)["indikator"] == [str(tautan.ind.pk)]


def test_usulan_tidak_untuk_operator(versi, masuk):
    r = masuk("operator-gedog").get(reverse("risiko:daftar", args=[versi.pd_id, TAHUN]))
    assert r.status_code == 200 and r.context["usulan"] is None and "Usulkan risiko" not in r.content.decode()
