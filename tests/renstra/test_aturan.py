"""The end-of-period rule: one function, the same answer in the tables, checker, import and E.81."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction

import pytest

from kinerja.core import angka
from kinerja.monev import capaian as cp
from kinerja.renstra import aturan
from kinerja.renstra.checks import akhir_tercetak
from kinerja.renstra.impor import _aturan_akhir
from kinerja.renstra.models import Indikator


def test_the_rule_names_are_the_indicator_settings():
    assert set(aturan.ATURAN) == set(Indikator.Agregasi.values)


@pytest.mark.parametrize(
    "nama, harap",
    [
        ("jumlah", D(7)),  # 1 + 4 + 2
        ("terakhir", D(2)),  # the last year with a value
        ("maks", D(4)),
        ("rata", Fraction(7, 3)),  # (1 + 4 + 2) / 3
    ],
)
def test_each_rule_over_years_with_one_missing(nama, harap):
    hasil = aturan.kondisi_akhir([D(1), None, D(4), D(2), None], nama)
    # The mean 7/3 is a Decimal of 28 significant digits, kept unrounded until it is shown.
    assert abs(Fraction(hasil) - Fraction(harap)) < Fraction(1, 10**25)


def test_labels_stay_labels_for_the_last_year_and_cannot_be_summed():
    baik = angka.baca("Baik (84)")
    nilai = [angka.baca("Baik (81)"), baik]
    dari = {"angka": lambda n: n.angka if n.jenis != angka.LABEL else None}
    assert aturan.kondisi_akhir(nilai, "terakhir", **dari) is baik
    assert aturan.kondisi_akhir(nilai, "jumlah", **dari) is None
    assert aturan.kondisi_akhir([None, None], "jumlah") is None


def test_an_unknown_rule_is_refused():
    with pytest.raises(ValueError, match="tidak dikenal"):
        aturan.kondisi_akhir([D(1)], "median")


def test_the_checker_and_the_evaluation_agree_with_the_rule():
    tercetak = [angka.baca(t) for t in ("1", "", "4", "2")]
    assert angka.format_nilai(akhir_tercetak("jumlah", tercetak)) == "7"
    assert angka.format_nilai(akhir_tercetak("rata", tercetak)) == "2,33"  # 7/3
    assert angka.format_nilai(akhir_tercetak("terakhir", [angka.baca("A (85)"), angka.baca("")])) == "A (85)"
    assert cp.gabung_tahun([D(1), None, D(4), D(2)], "jumlah") == 7
    assert cp.gabung_tahun([D(70), D(80), None], "terakhir") == 80


@pytest.mark.parametrize(
    "satuan, akhir, harap",
    [
        ("dokumen", "7", "jumlah"),
        ("dokumen", "2", "terakhir"),
        ("dokumen", "4", "maks"),
        ("dokumen", "2,33", "rata"),
        ("%", "7", "jumlah"),
        ("%", "99", "terakhir"),  # nothing fits: the satuan's default (a percentage: the last year)
        ("dokumen", "99", "jumlah"),  # nothing fits: a count adds up
    ],
)
def test_the_import_reads_the_rule_that_reproduces_the_printed_kondisi_akhir(satuan, akhir, harap):
    assert _aturan_akhir(satuan, ["1", "", "4", "2"], akhir) == harap


def test_the_plan_tables_use_the_rule_of_each_indicator(rencana_sampel):
    """Every indicator × lokasi of the sample: kondisi akhir recomputed here from the yearly targets."""
    r = rencana_sampel
    tahun = r.versi.tahun_rencana
    dicek = {k: 0 for k in aturan.ATURAN}
    for daftar in r.indikator.values():
        for ind in daftar:
            for lok in r.target_per_indikator.get(ind.pk, {}):
                nilai = [r.target.get((ind.pk, lok, y)) for y in tahun]
                ada = [t for t in nilai if t is not None and t.jenis != angka.KOSONG]
                hasil = r.kondisi_akhir(ind, lok, tahun)
                if not ada:
                    assert hasil is None
                    continue
                if ind.agregasi_akhir == "terakhir":
                    assert hasil is ada[-1]
                elif any(t.nilai is None for t in ada):
                    assert hasil is None
                else:
                    pecahan = [Fraction(t.nilai) for t in ada]
                    harap = {
                        "jumlah": sum(pecahan),
                        "maks": max(pecahan),
                        "rata": sum(pecahan) / len(pecahan),
                    }[ind.agregasi_akhir]
                    assert abs(Fraction(hasil.nilai) - harap) < Fraction(1, 10**20), ind.nama
                dicek[ind.agregasi_akhir] += 1
    assert dicek["jumlah"] > 0 and dicek["terakhir"] > 0
