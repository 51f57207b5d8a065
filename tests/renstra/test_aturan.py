"""The end-of-period rule: one function, the same answer in the tables, checker, import and E.81."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction

import pytest

from kinerja.core import angka
from kinerja.core.pelaku import SISTEM
from kinerja.monev import capaian as cp
from kinerja.renstra import aturan
from kinerja.renstra.ekspor import ekspor
from kinerja.renstra.impor import siapkan_impor, simpan_impor
from kinerja.renstra.models import Indikator
from kinerja.renstra.periksa.turunan import akhir_tercetak
from kinerja.renstra.selectors import muat_rencana

from .lembar import Lembar

IND_DOKUMEN = "Jumlah dokumen perencanaan perangkat daerah"


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


def test_the_import_reads_the_rule_that_reproduces_a_changed_kondisi_akhir(tmp_path, versi_sampel):
    """Sub kegiatan 7.01.01.2.01.0001 plans a count of documents per lokasi for 2023–2026, and the
    workbook's kondisi akhir (column 17) of each row is the sum of its four years (8 + 8 + 8 + 8 = 32 at
    the Kecamatan). A planner who types each row's 2026 value there instead means "the last year"."""
    path = tmp_path / "buku.xlsx"
    path.write_bytes(ekspor("6.2", muat_rencana(versi_sampel), format="xlsx"))
    lembar = Lembar(path)
    awal, jumlah = lembar.blok("7.01.01.2.01.0001")
    baris = [r for r in range(awal, awal + jumlah) if lembar.sel(r, 5).value == IND_DOKUMEN]
    assert baris
    for r in baris:
        tahunan = [lembar.sel(r, k).value for k in (9, 11, 13, 15)]
        assert lembar.sel(r, 17).value == sum(tahunan)  # printed as the sum
        lembar.isi(r, 17, tahunan[-1])
    lembar.wb.save(path)
    p = siapkan_impor(path, pd=versi_sampel.pd, pengguna=SISTEM)
    assert p.peringatan == []
    baru = simpan_impor(pratinjau=p, pengguna=SISTEM, alasan="uji aturan akhir", hapus=set()).versi
    ind = Indikator.objects.get(node__versi=baru, nama=IND_DOKUMEN, node__kode="7.01.01.2.01.0001")
    assert ind.agregasi_akhir == "terakhir"


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
