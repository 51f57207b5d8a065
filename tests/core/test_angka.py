"""The Indonesian number reader and writer, on every form the source document uses."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.core import angka
from kinerja.core.angka import baca, format_angka, format_nilai, format_persen, format_rupiah


@pytest.mark.parametrize(
    "teks, jenis, nilai, label, satuan",
    [
        ("10.907.100.008", angka.ANGKA, Decimal("10907100008"), None, None),
        ("15.118.952.528,00", angka.ANGKA, Decimal("15118952528.00"), None, None),
        ("81,37", angka.ANGKA, Decimal("81.37"), None, None),
        ("97%", angka.PERSEN, Decimal("97"), None, "%"),
        ("98,80%", angka.PERSEN, Decimal("98.80"), None, "%"),
        ("A (86,88)", angka.LABEL, Decimal("86.88"), "A", None),
        ("A(86.88)", angka.LABEL, Decimal("86.88"), "A", None),
        ("Baik (84)", angka.LABEL, Decimal("84"), "Baik", None),
        ("Baik(81,37)", angka.LABEL, Decimal("81.37"), "Baik", None),
        ("baik", angka.LABEL, None, "baik", None),
        ("NA", angka.NA, None, None, None),
        ("-", angka.STRIP, None, None, None),
        ("'", angka.STRIP, None, None, None),
        ("1dokumen", angka.ANGKA, Decimal("1"), None, "dokumen"),
        ("4.144 WP", angka.ANGKA, Decimal("4144"), None, "WP"),
        ("2 tradisi lokal", angka.ANGKA, Decimal("2"), None, "tradisi lokal"),
        ("1095", angka.ANGKA, Decimal("1095"), None, None),
        ("## ##", angka.TAK_TERBACA, None, None, None),
        ("### #", angka.TAK_TERBACA, None, None, None),
        ("", angka.KOSONG, None, None, None),
        ("Orang / bulan", angka.TEKS, None, None, None),
    ],
)
def test_it_reads_every_form_of_the_seed(teks, jenis, nilai, label, satuan):
    n = baca(teks)
    assert n.jenis == jenis
    assert n.angka == nilai
    assert n.label == label
    assert n.satuan == satuan
    assert not n.terpotong


def test_it_reads_a_dot_with_two_digits_as_a_decimal_point_but_notes_it():
    n = baca("86.88")
    assert n.angka == Decimal("86.88")
    assert "titik" in n.catatan[0]


def test_it_reads_a_cut_short_thousands_group_as_a_range_in_whole_number_context():
    n = baca("5.87", bulat=True)
    assert n.terpotong
    assert n.rentang() == (Decimal(5870), Decimal(5879))
    n = baca("212.190.55")
    assert n.rentang() == (Decimal(212190550), Decimal(212190559))
    n = baca("7341", bulat=True)
    assert n.angka == 7341 and not n.terpotong


def test_it_writes_numbers_the_indonesian_way():
    assert format_angka(Decimal("10907100008")) == "10.907.100.008"
    assert format_angka(Decimal("81.37")) == "81,37"
    assert format_angka(Decimal("98.80")) == "98,8"
    assert format_angka(Decimal("98.8"), 2) == "98,80"
    assert format_angka(Decimal("-1234.5")) == "-1.234,5"
    assert format_angka(Decimal("0.005"), 2) == "0,01"  # half up, as people round
    assert format_rupiah(Decimal("6489787023.33")) == "6.489.787.023,33"
    assert format_rupiah(Decimal("449757621.00")) == "449.757.621"
    assert format_persen(Decimal("10.638")) == "10,64%"
    assert angka.format_ringkas(Decimal("18475857895")) == "18,48 M"


def test_it_writes_values_back_in_canonical_form():
    assert format_nilai(baca("Baik(81,37)")) == "Baik (81,37)"
    assert format_nilai(baca("A(86.88)")) == "A (86,88)"
    assert format_nilai(baca("1dokumen")) == "1 dokumen"
    assert format_nilai(baca("97%")) == "97%"
    assert format_nilai(baca("## ##")) == "## ##"


@given(st.text())
def test_it_never_crashes_on_arbitrary_text(teks):
    n = baca(teks)
    assert n.jenis in {
        angka.KOSONG,
        angka.NA,
        angka.STRIP,
        angka.TAK_TERBACA,
        angka.ANGKA,
        angka.PERSEN,
        angka.LABEL,
        angka.TEKS,
    }
    format_nilai(n)
    baca(teks, bulat=True)


@given(st.text(alphabet="0123456789.,% -'#()ABaikbNdokumen", max_size=20))
def test_it_never_crashes_on_number_like_text(teks):
    n = baca(teks)
    if n.angka is not None:
        assert n.angka.is_finite()


@given(st.decimals(min_value=0, max_value=10**15, places=2, allow_nan=False, allow_infinity=False))
def test_what_it_writes_it_reads_back(d):
    assert baca(format_angka(d, 2)).angka == d
    assert baca(format_rupiah(d)).angka == d


@pytest.mark.parametrize(
    "a, b, batas, jarak",
    [
        ("kitten", "sitting", 3, 3),
        ("gedog", "gedog", 2, 0),
        ("gedong", "gedog", 2, 1),
        ("kalmpok", "klampok", 2, 2),
        ("rembng", "rembang", 2, 1),
        ("abcdef", "ghijkl", 3, 4),  # more than the limit: limit + 1
        ("a", "", 3, 1),
        ("jumlahrtyangmelakukanrembukwarga", "jumlahrtyangmelakukanrebugwarga", 3, 2),
    ],
)
def test_edit_distance_within_a_limit(a, b, batas, jarak):
    from kinerja.core.teks import jarak_edit

    assert jarak_edit(a, b, batas) == jarak


def test_one_rupiah_reader_for_pagu_apbd_and_budget_realisation():
    from kinerja.core.angka import Batas, NilaiDitolak, baca_rupiah

    batas = Batas(digit=20, desimal=2, rupiah=True)
    assert baca_rupiah("Rp 12.500.000", batas) == Decimal("12500000")
    assert baca_rupiah(1_203_370, batas) == Decimal("1203370")
    assert baca_rupiah("  ", batas) is None and baca_rupiah(None, batas) is None
    for teks, pesan in (
        ("12,5 juta", "bukan jumlah rupiah"),
        ("sembilan juta", "bukan jumlah rupiah"),
        ("1e5", "notasi eksponen"),
        ("NaN", "bukan angka (NaN)"),
        ("-5.000", "tidak boleh negatif"),
        ("12.500,50", "Anggaran dalam rupiah utuh"),
    ):
        with pytest.raises(NilaiDitolak, match=pesan.replace("(", r"\(").replace(")", r"\)")):
            baca_rupiah(teks, batas, nama="Anggaran")
