"""The plan's four RT Keren indicators take their realisation from the records, as the CLI counts them."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command

from kinerja.monev import services
from kinerja.renstra.models import Indikator
from kinerja.wilayah.models import Unit


def _json(*perintah) -> list[dict]:
    keluar = StringIO()
    call_command(*perintah, "--json", stdout=keluar)
    return json.loads(keluar.getvalue())


def test_the_four_indicators_equal_the_cli_figures_and_say_they_are_computed(versi_sampel):
    capaian = _json("capaian", "--year", "2022")
    per = {}
    for b in capaian:
        if b["sumber"] in ("rt_rembug", "rt_serapan", "rt_berdaya", "kelurahan_berdaya"):
            per[(b["sumber"], b["lokasi"])] = b
    ringkas = {b["kelurahan"]: b for b in _json("rt", "--year", "2022", "--ringkas")}
    n_rt = sum(b["jumlah_rt"] for b in ringkas.values())
    berdaya = sum(b["rt_berdaya"] for b in ringkas.values())
    kel_berdaya = sum(b["berdaya"] for b in ringkas.values())
    # the percentages, recomputed from the CLI's counts and rounded half up to two decimals
    dua = Decimal("0.01")
    harap = (Decimal(berdaya * 100) / n_rt).quantize(dua, ROUND_HALF_UP)
    assert Decimal(str(per[("rt_berdaya", None)]["realisasi"])) == harap
    harap = (Decimal(kel_berdaya * 100) / 7).quantize(dua, ROUND_HALF_UP)
    assert Decimal(str(per[("kelurahan_berdaya", None)]["realisasi"])) == harap
    for (sumber, lokasi), b in per.items():
        if lokasi is None:
            continue
        kunci = "rt_rembug" if sumber == "rt_rembug" else "rt_serapan"
        assert b["realisasi"] == ringkas[lokasi][kunci], (sumber, lokasi)
    # every RT indicator of 2022 at a kelurahan is fed: 2 rembug spellings × 2 kelurahan each, 7 penyerapan
    assert (
        sum(1 for s, lok in per if s == "rt_rembug") == 4
        and sum(1 for s, lok in per if s == "rt_serapan") == 7
    )
    # Rembang: 6 of 14 RT reach 75 % in the sample, so the kelurahan is not berdaya
    assert ringkas["Rembang"]["rt_serapan"] == per[("rt_serapan", "Rembang")]["realisasi"]
    assert ringkas["Rembang"]["berdaya"] is False


def test_a_computed_rt_figure_cannot_be_typed(versi_sampel):
    ind = Indikator.objects.get(node__versi=versi_sampel, nama="Jumlah RT yang penyerapan anggarannya 75%")
    gedog = Unit.objects.get(pd=versi_sampel.pd, nama_pendek="Gedog")
    operator = get_user_model().objects.get(username="operator-gedog")
    with pytest.raises(ValidationError, match="dihitung dari"):
        services.simpan_realisasi(
            pengguna=operator, indikator=ind, lokasi=gedog, tahun=2022, triwulan=1, teks="50", revisi=None
        )


def test_reports_say_which_rows_are_computed_and_link_to_their_records(client, versi_sampel):
    from django.urls import reverse

    client.force_login(get_user_model().objects.get(username="camat"))
    pd = versi_sampel.pd
    gedog = Unit.objects.get(pd=pd, nama_pendek="Gedog")
    kecamatan = reverse("rtkeren:kecamatan", args=[pd.pk, 2022])
    kelurahan = reverse("rtkeren:kelurahan", args=[pd.pk, 2022, gedog.pk])
    e81 = client.get(
        reverse("monev:laporan", args=[versi_sampel.pk, 2022, "E.81"]) + "?triwulan=4"
    ).content.decode()
    assert "Realisasi yang dihitung dari catatan" in e81
    assert f'href="{kecamatan}"' in e81 and f'href="{kelurahan}"' in e81
    capaian = client.get(reverse("monev:capaian", args=[versi_sampel.pk, 2022])).content.decode()
    assert f'class="lencana dihitung" href="{kelurahan}"' in capaian
    assert "dari 251 RT berdaya" in capaian  # the computed value says what it is made of
