"""Every numeric field refuses oversized, negative, NaN, exponent and million-digit input in Indonesian.

Nothing is stored and no page fails: the same on SQLite, which would store a 28-digit value in a
20-digit column, and on PostgreSQL, which would answer with an error.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kinerja.core import angka
from kinerja.core.pelaku import SISTEM
from kinerja.monev.models import Laporan, Realisasi, RealisasiAnggaran
from kinerja.renstra.models import Indikator, Pagu, RenstraVersi, Target
from kinerja.renstra.salin import buat_perubahan
from kinerja.skm.models import Kios, Respons

pytestmark = pytest.mark.django_db

# (typed value, what the refusal says)
JAHAT = {
    "19 digit": ("9" * 19, "terlalu besar"),
    "28 digit": ("9" * 28, "terlalu besar"),
    "negatif": ("-5", "tidak boleh negatif"),
    "NaN": ("NaN", "bukan angka (NaN)"),
    "eksponen": ("1e5", "notasi eksponen"),
    "tak hingga": ("Infinity", "tak hingga"),
    "sejuta digit": ("9" * 1_000_000, "terlalu panjang"),
}


# --- the bounded reader on its own --------------------------------------------------------


BATAS = angka.Batas(digit=19, desimal=4)


@pytest.mark.parametrize("kasus", JAHAT, ids=list(JAHAT))
def test_the_reader_refuses_each_hostile_value(kasus):
    teks, pesan = JAHAT[kasus]
    with pytest.raises(angka.NilaiDitolak, match=pesan.replace("(", r"\(").replace(")", r"\)")):
        angka.baca_terbatas(teks, BATAS)


def test_the_reader_keeps_ordinary_indonesian_values():
    # 19 digits in a column of 20 with 4 decimals leaves 15 before the comma (16 minus a margin).
    assert angka.baca_terbatas("999.999.999.999.999", BATAS).angka == Decimal("999999999999999")
    with pytest.raises(angka.NilaiDitolak, match="paling banyak 15 angka sebelum koma"):
        angka.baca_terbatas("1.000.000.000.000.000", BATAS)
    assert angka.baca_terbatas("81,3750", BATAS).angka == Decimal("81.375")
    with pytest.raises(angka.NilaiDitolak, match="paling banyak 4 angka di belakang koma"):
        angka.baca_terbatas("81,37501", BATAS)
    assert angka.baca_terbatas("97%", BATAS).jenis == angka.PERSEN
    assert angka.baca_terbatas("Baik (84)", BATAS).label == "Baik"
    assert angka.baca_terbatas("-2,5", angka.Batas(digit=6, desimal=2, negatif=True)).angka == Decimal("-2.5")
    rp = angka.Batas(digit=19, desimal=2, rupiah=True)
    assert angka.baca_terbatas("Rp 1.000.000", rp).angka == 1_000_000
    assert angka.baca_terbatas("Rp1.000.000,-", rp).angka == 1_000_000
    with pytest.raises(angka.NilaiDitolak, match="rupiah utuh, tanpa sen"):
        angka.baca_terbatas("1.000.000,50", rp)


# --- every form that takes a number -------------------------------------------------------


def _masuk(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    client.raise_request_exception = False
    return client


def _realisasi(client, versi, teks):
    gedog = versi.pd.unit_set.get(nama_pendek="Gedog")
    t = (
        Target.objects.filter(indikator__node__versi=versi, lokasi=gedog, tahun=2022)
        .order_by("indikator__node__urutan", "indikator__urutan")
        .first()
    )
    Realisasi.objects.filter(indikator=t.indikator, lokasi=gedog, tahun=2022, triwulan=4).delete()
    sebelum = (Realisasi.objects.count(), Laporan.objects.count())
    url = reverse("monev:simpan_baris", args=[versi.pk, 2022, 4, gedog.pk, t.indikator_id, gedog.pk])
    r = _masuk(client, "operator-gedog").post(url, {"nilai": teks, "revisi": "0"}, HTTP_HX_REQUEST="true")
    return r, lambda: (Realisasi.objects.count(), Laporan.objects.count()) == sebelum


def _anggaran(client, versi, teks):
    gedog = versi.pd.unit_set.get(nama_pendek="Gedog")
    p = Pagu.objects.filter(node__versi=versi, lokasi=gedog, tahun=2022).select_related("node").first()
    RealisasiAnggaran.objects.filter(node=p.node, lokasi=gedog, tahun=2022, triwulan=4).delete()
    sebelum = (RealisasiAnggaran.objects.count(), Laporan.objects.count())
    url = reverse("monev:simpan_anggaran", args=[versi.pk, 2022, 4, gedog.pk, p.node_id, gedog.pk])
    r = _masuk(client, "operator-gedog").post(url, {"jumlah": teks, "revisi": "0"}, HTTP_HX_REQUEST="true")
    return r, lambda: (RealisasiAnggaran.objects.count(), Laporan.objects.count()) == sebelum


def _perubahan(versi, nama):
    return RenstraVersi.objects.filter(pd=versi.pd, nama=nama).first() or buat_perubahan(
        versi=versi, nama=nama, pengguna=SISTEM
    )


def _target(client, versi, teks):
    baru = _perubahan(versi, "Perubahan uji angka")
    ind = Indikator.objects.filter(node__versi=baru, target_set__lokasi=None, target_set__tahun=2024).first()
    lama = Target.objects.get(indikator=ind, lokasi=None, tahun=2024).teks
    url = reverse("renstra:ubah_indikator", args=[baru.pk, ind.pk])
    r = _masuk(client, "perencana").post(
        url, {"asli-target-0-2024": lama, "target-0-2024": teks, "alasan": "uji"}
    )
    return r, lambda: Target.objects.get(indikator=ind, lokasi=None, tahun=2024).teks == lama


def _pagu(client, versi, teks):
    baru = _perubahan(versi, "Perubahan uji pagu")
    p = Pagu.objects.filter(node__versi=baru, tahun=2024).exclude(lokasi=None).select_related("node").first()
    lama = angka.format_rupiah(p.jumlah)
    url = reverse("renstra:ubah_unsur", args=[baru.pk, p.node_id])
    r = _masuk(client, "perencana").post(
        url, {f"asli-pagu-{p.lokasi_id}-2024": lama, f"pagu-{p.lokasi_id}-2024": teks, "alasan": "uji"}
    )
    return r, lambda: Pagu.objects.get(pk=p.pk).jumlah == p.jumlah


def _kios(versi):
    unit = versi.pd.unit_set.get(nama_pendek="Gedog")
    return Kios.objects.filter(unit=unit).first() or Kios.objects.create(unit=unit, nama="Uji")


def _umur(client, versi, teks):
    k = _kios(versi)
    sebelum = Respons.objects.count()
    client.raise_request_exception = False
    data = {
        "umur": teks,
        **{f"U{i}": "4" for i in range(1, 10)},
        "id": "3b0c2c4e-0000-4000-8000-000000000001",
    }
    r = client.post(reverse("skm:isi", args=[k.token_ponsel]), data)
    return r, lambda: Respons.objects.count() == sebelum


def _jawaban_kios(client, versi, teks):
    k = _kios(versi)
    sebelum = Respons.objects.count()
    client.raise_request_exception = False
    jawaban = {f"U{i}": "4" for i in range(1, 10)}
    jawaban["U1"] = teks
    isi = json.dumps({"id": "3b0c2c4e-0000-4000-8000-000000000002", "jawaban": jawaban})
    r = client.post(reverse("skm:kirim", args=[k.token]), isi, content_type="application/json")
    return r, lambda: Respons.objects.count() == sebelum


BIDANG = {
    "realisasi": _realisasi,
    "realisasi anggaran": _anggaran,
    "target rencana": _target,
    "pagu rencana": _pagu,
    "umur responden": _umur,
}


@pytest.mark.parametrize("kasus", JAHAT, ids=list(JAHAT))
@pytest.mark.parametrize("bidang", BIDANG, ids=list(BIDANG))
def test_every_numeric_field_refuses_hostile_input_and_stores_nothing(client, versi_sampel, bidang, kasus):
    teks, pesan = JAHAT[kasus]
    r, utuh = BIDANG[bidang](client, versi_sampel, teks)
    assert r.status_code < 500
    html = r.content.decode()
    assert pesan in html.replace("&#x27;", "'"), (bidang, kasus, r.status_code)
    assert utuh()


@pytest.mark.parametrize("teks", ["9" * 28, "-5", "NaN", "1e5", "Infinity", "9" * 1_000_000])
def test_a_kiosk_answer_out_of_range_is_refused_not_a_server_error(client, versi_sampel, teks):
    r, utuh = _jawaban_kios(client, versi_sampel, teks)
    galat = r.json()["galat"]
    # A million digits is refused by size before the answers are read.
    assert r.status_code == 400 and ("1, 2, 3 atau 4" in galat or "terlalu besar" in galat)
    assert utuh()


def test_the_pagu_editor_takes_an_rp_prefix_but_no_sen(client, versi_sampel):
    # (A count refusing "150%" is in tests/monev/test_isian.py, with the indicator it concerns.)
    r, tetap = _pagu(client, versi_sampel, "Rp 1.000.000,50")
    assert r.status_code == 400 and "rupiah utuh, tanpa sen" in r.content.decode() and tetap()
    r, tetap = _pagu(client, versi_sampel, "Rp 1.000.000")
    assert r.status_code == 302 and not tetap()
    assert Pagu.objects.filter(node__versi__nama="Perubahan uji pagu", tahun=2024, jumlah=1_000_000).exists()
