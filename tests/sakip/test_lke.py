"""The worksheet as data: the shipped file loads with the regulation's structure; malformed files are refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kinerja.sakip.lke import baca_lke, teks_bawaan

# A small worksheet: two components 60 + 40, sub-components 20/40 and 10/30.
KECIL = """
[meta]
kode = "uji"
judul = "LKE uji"

[[skala_jawaban]]
kode = "AA"
nilai_persen = 100
ambang_kriteria = 100
[[skala_jawaban]]
kode = "B"
nilai_persen = 70
ambang_kriteria = 75
[[skala_jawaban]]
kode = "C"
nilai_persen = 50
ambang_kriteria = 25
[[skala_jawaban]]
kode = "D"
nilai_persen = 30
ambang_kriteria = 0
[[skala_jawaban]]
kode = "E"
nilai_persen = 0

[[predikat]]
kode = "AA"
label = "Sangat Memuaskan"
lebih_dari = 90.0
sampai_dengan = 100.0
[[predikat]]
kode = "A"
label = "Memuaskan"
lebih_dari = 80.0
sampai_dengan = 90.0
[[predikat]]
kode = "BB"
label = "Sangat Baik"
lebih_dari = 70.0
sampai_dengan = 80.0
[[predikat]]
kode = "B"
label = "Baik"
lebih_dari = 60.0
sampai_dengan = 70.0
[[predikat]]
kode = "CC"
label = "Cukup (Memadai)"
lebih_dari = 50.0
sampai_dengan = 60.0
[[predikat]]
kode = "C"
label = "Kurang"
lebih_dari = 30.0
sampai_dengan = 50.0
[[predikat]]
kode = "D"
label = "Sangat Kurang"
dari = 0.0
sampai_dengan = 30.0

[[komponen]]
kode = "1"
nama = "Perencanaan"
bobot = 60.0
  [[komponen.sub_komponen]]
  kode = "1.a"
  dimensi = "keberadaan"
  nama = "Ada"
  bobot = 20.0
    [[komponen.sub_komponen.kriteria]]
    kode = "1.a.1"
    pertanyaan = "Ada dokumen."
    [[komponen.sub_komponen.kriteria]]
    kode = "1.a.2"
    pertanyaan = "Ada pedoman."
  [[komponen.sub_komponen]]
  kode = "1.b"
  dimensi = "kualitas"
  nama = "Berkualitas"
  bobot = 40.0
    [[komponen.sub_komponen.kriteria]]
    kode = "1.b.1"
    pertanyaan = "Berkualitas."

[[komponen]]
kode = "2"
nama = "Pelaporan"
bobot = 40.0
  [[komponen.sub_komponen]]
  kode = "2.a"
  dimensi = "keberadaan"
  nama = "Ada laporan"
  bobot = 10.0
    [[komponen.sub_komponen.kriteria]]
    kode = "2.a.1"
    pertanyaan = "Laporan disusun."
  [[komponen.sub_komponen]]
  kode = "2.b"
  dimensi = "pemanfaatan"
  nama = "Dimanfaatkan"
  bobot = 30.0
    [[komponen.sub_komponen.kriteria]]
    kode = "2.b.1"
    pertanyaan = "Dimanfaatkan."
"""


def test_the_shipped_worksheet_has_the_regulations_structure():
    lembar = baca_lke(teks_bawaan())
    assert lembar.kode == "permenpanrb-88-2021"
    bobot = {k.nama: k.bobot for k in lembar.komponen}
    assert bobot == {
        "Perencanaan Kinerja": 30,
        "Pengukuran Kinerja": 30,
        "Pelaporan Kinerja": 15,
        "Evaluasi Akuntabilitas Kinerja Internal": 25,
    }
    # keberadaan / kualitas / pemanfaatan = 20 % / 30 % / 50 % of each component
    for k in lembar.komponen:
        assert [s.dimensi for s in k.sub] == ["keberadaan", "kualitas", "pemanfaatan"]
        assert [s.bobot for s in k.sub] == [k.bobot * Decimal(p) / 100 for p in (20, 30, 50)]
    assert [s.bobot for s in lembar.semua_sub()] == [
        Decimal(x) for x in "6 9 15 6 9 15 3 4.5 7.5 5 7.5 12.5".split()
    ]
    assert len(lembar.semua_kriteria()) == 80
    assert {j.kode: j.persen for j in lembar.jawaban} == {
        "AA": 100, "A": 90, "BB": 80, "B": 70, "CC": 60, "C": 50, "D": 30, "E": 0,
    }  # fmt: skip
    assert [p.kode for p in lembar.predikat] == ["AA", "A", "BB", "B", "CC", "C", "D"]


def test_every_weight_of_the_shipped_file_names_a_public_source():
    import tomllib

    data = tomllib.loads(teks_bawaan())
    for k in data["komponen"]:
        assert "https://" in k["sumber"]
        for s in k["sub_komponen"]:
            assert "https://" in s["sumber"]
    for x in data["skala_jawaban"] + data["predikat"]:
        assert "https://" in x["sumber"]
    teks = teks_bawaan()
    assert "indeks-id" not in teks and "naskah resmi" in teks


def test_a_small_worksheet_loads():
    lembar = baca_lke(KECIL)
    assert [k.bobot for k in lembar.komponen] == [60, 40]
    assert lembar.sub("2.b").bobot == 30


def _pesan(teks: str) -> str:
    with pytest.raises(ValidationError) as e:
        baca_lke(teks)
    return " | ".join(e.value.messages)


def test_components_that_do_not_add_up_to_100_are_refused():
    teks = KECIL.replace(
        'bobot = 40.0\n  [[komponen.sub_komponen]]\n  kode = "2.a"',
        'bobot = 45.0\n  [[komponen.sub_komponen]]\n  kode = "2.a"',
    )
    pesan = _pesan(teks)
    assert "Bobot komponen berjumlah 105, padahal harus 100" in pesan
    assert "Komponen 2: bobot sub-komponennya berjumlah 40, padahal bobot komponen 45" in pesan


def test_sub_components_that_do_not_add_up_to_their_component_are_refused():
    pesan = _pesan(KECIL.replace("bobot = 20.0", "bobot = 25.0"))
    assert "Komponen 1: bobot sub-komponennya berjumlah 65, padahal bobot komponen 60" in pesan


def test_a_band_gap_and_a_bad_grade_are_refused():
    pesan = _pesan(KECIL.replace("lebih_dari = 80.0", "lebih_dari = 81.0"))
    assert "Pita predikat BB dan A tidak bersambung" in pesan
    assert "nilai_persen paling besar 100" in _pesan(KECIL.replace("nilai_persen = 70", "nilai_persen = 170"))
    assert "tercantum lebih dari sekali" in _pesan(
        KECIL.replace('kode = "C"\nnilai_persen', 'kode = "B"\nnilai_persen')
    )


def test_not_toml_and_empty_files_are_refused():
    assert "bukan TOML" in _pesan("[[komponen]\n")
    pesan = _pesan("")
    assert "[meta]" in pesan and "[[komponen]]" in pesan
