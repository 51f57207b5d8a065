"""The LKjIP tables hide nothing: counts beside the average, past years with their capaian, the IKU
flag, and the checker's findings marked where their values are printed."""

from __future__ import annotations

from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from kinerja.core.tabel import teks_sel
from kinerja.monev import capaian as cp
from kinerja.monev.lkjip import hitung_tercapai, tabel_lkjip
from kinerja.monev.models import Realisasi
from kinerja.renstra.models import Indikator, PlanNode
from kinerja.renstra.selectors import muat_rencana
from kinerja.sakip.models import NilaiSub
from tests.renstra.pembuat import RencanaKecil

pytestmark = pytest.mark.django_db
T = PlanNode.Tingkat


def _baris(capaian):
    return SimpleNamespace(capaian=capaian)


def test_counts_include_qualitative_values():
    baris = [
        _baris(cp.hitung(arah="naik", target=D(84), realisasi=D("86.43"))),  # 102,89 % → tercapai
        _baris(cp.hitung(arah="naik", target=D(97), realisasi=D("94.73"))),  # 97,66 % → not
        _baris(cp.hitung_label(skala="sakip", target="A", realisasi="A")),  # same label → tercapai
        _baris(cp.hitung_label(skala="sakip", target="A", realisasi="B")),  # below → not
        _baris(cp.hitung(arah="naik", target=D(75), realisasi=None)),  # nothing yet
    ]
    assert hitung_tercapai(baris) == (2, 2, 1)


def _kaki(t31) -> str:
    return teks_sel(t31.baris[-1][0])


def test_the_sasaran_table_counts_the_unmet_label_beside_the_average(versi_sampel):
    t31 = tabel_lkjip(muat_rencana(versi_sampel), 2022)[0]
    sebelum = _kaki(t31)
    assert sebelum.startswith("Tercapai ") and " dari 5 indikator; tidak tercapai " in sebelum
    tercapai = int(sebelum.split()[1])
    # The tujuan's Nilai SAKIP (target "A", a label) takes the evaluator's final "A (80,15)" of the
    # demonstration evaluation: the same label, met. Graded B throughout (total 70 → B) it falls below
    # "A" on the SAKIP scale: one fewer tercapai, one more unmet. (The sasaran's Nilai SAKIP has the
    # numeric target "A (85)" and is measured as a percentage, in the average.)
    NilaiSub.objects.filter(evaluasi__pd=versi_sampel.pd, evaluasi__tahun=2022).update(nilai_evaluator="B")
    sesudah = _kaki(tabel_lkjip(muat_rencana(versi_sampel), 2022)[0])
    assert sesudah.startswith(f"Tercapai {tercapai - 1} dari 5 indikator; tidak tercapai {5 - tercapai + 1}")
    # The average row says how many rows it is made of: the four with a percentage.
    assert teks_sel(t31.baris[-2][0]) == "Rata-rata capaian sasaran (4 indikator bernilai angka)"


def test_the_iku_column_follows_the_indicators_flag(versi_sampel):
    t31 = tabel_lkjip(muat_rencana(versi_sampel), 2022)[0]
    iku = {teks_sel(b[2]): teks_sel(b[3]) for b in t31.baris[:-2]}
    # Tabel 7.2 (line 1882) names the IKM as the kecamatan's IKU; no other indicator is one.
    assert [k for k, v in iku.items() if v == "IKU"] == ["Indeks Kepuasan Masyarakat (IKM) Kecamatan"]
    Indikator.objects.filter(node__versi=versi_sampel, ukuran="kelurahan-berdaya").update(iku=True)
    t31 = tabel_lkjip(muat_rencana(versi_sampel), 2022)[0]
    assert {teks_sel(b[2]) for b in t31.baris[:-2] if teks_sel(b[3]) == "IKU"} == {
        "Indeks Kepuasan Masyarakat (IKM) Kecamatan",
        "Persentase kelurahan berdaya",
    }


def test_the_two_sakip_rows_show_the_one_final_evaluation(versi_sampel):
    """The tujuan's and the sasaran's Nilai SAKIP both come from the year's final evaluation, so they
    agree and carry no contradiction mark (contradicting typed values: see the tests below)."""
    t31 = tabel_lkjip(muat_rencana(versi_sampel), 2022)[0]
    sakip = [b for b in t31.baris[:-2] if teks_sel(b[2]).startswith("Nilai SAKIP")]
    assert len(sakip) == 2
    for b in sakip:
        assert teks_sel(b[6]) == "A (80,15)"


def _dua_sakip(nilai_tujuan: str, nilai_sasaran: str, lokasi_sama: bool = True):
    rk = RencanaKecil("Ganda")
    n = rk.rantai()
    a = rk.ind(
        n["tujuan"], "Nilai SAKIP tujuan", "Indeks", ukuran="sakip", jenis_nilai="predikat", skala="sakip"
    )
    b = rk.ind(
        n["sasaran"], "Nilai SAKIP sasaran", "Indeks", ukuran="sakip", jenis_nilai="predikat", skala="sakip"
    )
    for ind, teks in ((a, nilai_tujuan), (b, nilai_sasaran)):
        huruf, _, skor = teks.partition(" (")
        Realisasi.objects.create(
            indikator=ind,
            lokasi=None if lokasi_sama or ind is a else rk.gedog,
            tahun=2022,
            triwulan=4,
            teks=teks,
            jenis="label",
            nilai=D(skor.rstrip(")").replace(",", ".")) if skor else None,
            label=huruf,
        )
    return rk


def test_the_checker_flags_two_realisations_of_one_measure():
    rk = _dua_sakip("B (68,59)", "A (82,51)")
    temuan = rk.periksa("REALISASI_GANDA")
    assert len(temuan) == 1
    t = temuan[0]
    assert t.printed == "B (68,59) lawan A (82,51)" and t.tahun == [2022] and len(t.indikator_ids) == 2
    assert "mengukur hal yang sama (SAKIP)" in t.message and "realisasi 2022" in t.message


@pytest.mark.parametrize(
    "tujuan,sasaran,lokasi_sama",
    [("A (82,51)", "A (82,51)", True), ("A", "A (82,51)", True), ("B (68,59)", "A (82,51)", False)],
)
def test_the_checker_is_quiet_on_one_value_or_different_places(tujuan, sasaran, lokasi_sama):
    rk = _dua_sakip(tujuan, sasaran, lokasi_sama)
    assert rk.periksa("REALISASI_GANDA") == []
