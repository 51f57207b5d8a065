"""One rounding rule, half up, wherever a figure is rounded; nothing in src/ rounds on its own."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal as D
from fractions import Fraction as F
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from kinerja.core.angka import format_angka, format_persen, format_rupiah
from kinerja.core.pelaku import SISTEM
from kinerja.core.pembulatan import bulat, bulat_ke_atas
from kinerja.core.skala import pita
from kinerja.monev import capaian as cp
from kinerja.skm import ikm
from tests.hitung_tangan import setengah_ke_atas

SRC = Path(__file__).resolve().parents[2] / "src" / "kinerja"


@pytest.mark.parametrize(
    "nilai, desimal, harap",
    [
        # 0,125 → 0,13 (half to even would give 0,12); 0,135 → 0,14 either way.
        (D("0.125"), 2, D("0.13")),
        (D("0.135"), 2, D("0.14")),
        (D("0.145"), 2, D("0.15")),
        (D("-0.125"), 2, D("-0.13")),  # ties go away from zero
        (D("2.5"), 0, D("3")),  # whole rupiah: half to even would give 2
        (D("99.625"), 2, D("99.63")),
        (0.125, 2, D("0.13")),  # a float is exactly 1/8: a true tie
        (F(797 * 100, 800), 2, D("99.63")),
        (F(1, 3), 3, D("0.333")),
    ],
)
def test_bulat_rounds_half_up(nilai, desimal, harap):
    assert bulat(nilai, desimal) == harap == setengah_ke_atas(F(nilai), desimal)


def test_a_fraction_is_rounded_once_not_after_a_28_digit_division():
    # 1/2 − 10⁻³⁰ is below the tie: 0,00…; a division to 28 digits first would make it 0,5 → 1.
    x = F(1, 2) - F(1, 10**30)
    assert bulat(x, 0) == 0 == setengah_ke_atas(x, 0)


def test_a_sample_size_is_rounded_up():
    assert bulat_ke_atas(F(2777, 10)) == 278 and bulat_ke_atas(D("277")) == 277


def test_797_of_800_is_99_63_in_every_writer():
    # 797/800 = 0,99625 → 99,625 % → half up 99,63 (half to even gives 99,62).
    persen = D(797) * 100 / D(800)
    assert format_persen(persen) == "99,63%"
    assert format_angka(persen) == "99,63"
    assert format_angka(F(797 * 100, 800)) == "99,63"


def test_rupiah_and_thousands_round_half_up():
    assert format_rupiah(D("1234.5")) == "1.234,50"
    assert format_angka(D("1234.5"), 0) == "1.235"  # 1.234,5 → 1.235 (half to even: 1.234)
    assert format_angka(D("2.5"), 0) == "3"


def test_ikm_is_rounded_half_up_at_the_tie():
    # 8 respondents: one answers 4 to all nine unsur, seven answer 3 → every NRR = (4 + 7·3)/8 = 25/8.
    # IKM = Σ (25/8 · 1/9) · 25 = 25/8 · 25 = 78,125 exactly → half up 78,13 (half to even: 78,12).
    h = ikm.dari_jawaban([dict.fromkeys(ikm.UNSUR, 4)] + [dict.fromkeys(ikm.UNSUR, 3)] * 7)
    assert h.ikm_tepat == F(625, 8)
    assert h.ikm == D("78.13") == setengah_ke_atas(F(625, 8))


def test_the_ikm_band_is_read_from_the_value_rounded_half_up():
    # 88,305 → 88,31, the first value of band A; half to even would give 88,30 (band B).
    assert pita("ikm", D("88.305")).kode == "A"
    assert pita("ikm", D("88.304")).kode == "B"


def test_capaian_predikat_and_its_sentence_round_half_up():
    c = cp.hitung(arah="naik", target=D(800), realisasi=D(797))
    assert c.nilai == D("99.625")  # 797 ÷ 800 × 100, unrounded
    assert cp.bulat(c.nilai) == D("99.63")
    assert c.rumus.endswith("= 99,63%")
    # 90,995 → 91,00 → Sangat Tinggi (half to even would also give 91,00; 90,985 → 90,99 stays Tinggi).
    assert cp.predikat(D("90.995")).label == "Sangat Tinggi"
    assert cp.predikat(D("90.985")).label == "Tinggi"
    turun = cp.hitung(arah="turun", target=D(8), realisasi=D("8.01"))
    # (2·8 − 8,01) ÷ 8 × 100 = 7,99 ÷ 8 × 100 = 99,875 → 99,88
    assert cp.bulat(turun.nilai) == D("99.88") == setengah_ke_atas(F(799, 8))


def test_serapan_rounds_half_up():
    # Rp 797 of a Rp 800 pagu: 99,625 % → 99,63 %
    s = cp.serapan(D(797), D(800))
    assert format_persen(s) == "99,63%" and cp.bulat(s) == setengah_ke_atas(F(797 * 100, 800))


@pytest.fixture
def log_2024(versi_sampel):
    """800 finished services at Gedog in February 2024 (a year the sample has no log for), 797 on time."""
    from kinerja.layanan.models import JenisLayanan, Pelayanan

    gedog = versi_sampel.pd.unit_set.get(nama_pendek="Gedog")
    jenis = JenisLayanan.objects.filter(unit=gedog).first()
    mulai = timezone.make_aware(dt.datetime(2024, 2, 1, 9))
    Pelayanan.objects.bulk_create(
        Pelayanan(
            unit=gedog,
            jenis=jenis,
            nomor=f"20240201-{i:04d}",
            diterima=mulai + dt.timedelta(minutes=i),
            selesai=mulai + dt.timedelta(minutes=i + 30),
            hasil=Pelayanan.Hasil.SELESAI,
            tepat_waktu=i >= 3,
            sesuai_standar=i >= 3,
        )
        for i in range(800)
    )
    return gedog


def test_797_of_800_on_time_is_99_63_on_the_service_rekap(client, versi_sampel, log_2024):
    from kinerja.layanan import services

    r = services.rekap(
        unit_ids=[log_2024.pk], mulai=dt.date(2024, 1, 1), akhir=dt.date(2024, 12, 31), pengguna=SISTEM
    )
    assert (r.selesai, r.tepat_waktu) == (800, 797)
    assert r.persen_tepat_waktu == F(797 * 100, 800)  # exact 99,625
    client.force_login(get_user_model().objects.get(username="camat"))
    teks = client.get(
        reverse("layanan:rekap", args=[versi_sampel.pd_id]) + f"?tahun=2024&unit={log_2024.pk}"
    ).content.decode()
    assert "<strong>99,63%</strong> tepat waktu (797 dari 800 selesai)" in teks
    assert "99,62" not in teks


def test_797_of_800_on_time_is_99_63_as_the_computed_realisation(rencana_sampel, log_2024):
    from kinerja.monev.selectors import muat_evaluasi

    ev = muat_evaluasi(rencana_sampel, 2024, 4)
    baris = [
        b
        for b in ev.baris_indikator
        if b.ind.ukuran in ("layanan-tepat-waktu", "pelayanan-sesuai-standar")
        and b.lokasi_id in (None, log_2024.pk)
    ]
    assert {b.ind.ukuran for b in baris} == {"layanan-tepat-waktu", "pelayanan-sesuai-standar"}
    for b in baris:
        assert b.realisasi == D("99.63") == setengah_ke_atas(F(797 * 100, 800)), b.ind.nama


# --- nothing else rounds ---------------------------------------------------------------------------

# Drawing coordinates in SVG charts are pixels, not figures anyone reads.
BOLEH = {("core/grafik.py", "presisi"), ("rtkeren/grafik.py", "presisi")}
POLA = {
    "quantize": re.compile(r"\.quantize\("),
    "round": re.compile(r"(?<![\w.])round\("),
    "ROUND_": re.compile(r"\bROUND_[A-Z_]+"),
    "presisi": re.compile(r"\{[^{}]*:[,_]?\.\d+[fe%]\}"),
}


def test_no_rounding_outside_the_one_module():
    temuan = []
    for berkas in sorted(SRC.rglob("*.py")):
        rel = berkas.relative_to(SRC).as_posix()
        if rel == "core/pembulatan.py" or "/migrations/" in rel:
            continue
        for nomor, baris in enumerate(berkas.read_text(encoding="utf-8").splitlines(), start=1):
            for nama, pola in POLA.items():
                if pola.search(baris) and (rel, nama) not in BOLEH:
                    temuan.append(f"{rel}:{nomor}: {baris.strip()}")
    for berkas in sorted(SRC.rglob("*.html")):
        for nomor, baris in enumerate(berkas.read_text(encoding="utf-8").splitlines(), start=1):
            if "floatformat" in baris or "widthratio" in baris:
                temuan.append(f"{berkas.relative_to(SRC)}:{nomor}: {baris.strip()}")
    assert not temuan, "Pembulatan di luar kinerja.core.pembulatan:\n" + "\n".join(temuan)


def test_the_rounding_check_would_catch_a_stray_rounding():
    contoh = [
        'x = nilai.quantize(Decimal("0.01"))',
        "n = round(x, 2)",
        "from decimal import ROUND_HALF_EVEN",
        'teks = f"{nilai:.2f}"',
    ]
    for baris in contoh:
        assert any(p.search(baris) for p in POLA.values()), baris
    assert not any(p.search("hasil = bulat(nilai, 2)  # ground(x)") for p in POLA.values())


def test_a_percentage_of_whole_numbers_rounds_half_up_exactly():
    from kinerja.core.pembulatan import persen

    # 1 ÷ 8 = 12,5 % exactly; 1 ÷ 3 = 33,333… %; 2 ÷ 3 = 66,666… %; 75.000.000 ÷ 100.000.001 = 74,99999925 %
    assert persen(1, 8, 1) == D("12.5") and persen(1, 80, 2) == D("1.25") and persen(1, 800, 1) == D("0.1")
    assert persen(1, 3) == D("33.33") and persen(2, 3) == D("66.67")
    assert persen(D(75_000_000), D(100_000_001)) == D("75.00")
    assert persen(D("0.5"), 3) == D("16.67") and persen(5, 0) is None and persen(5, None) is None
    # a tie: 1 ÷ 16 = 6,25 % → 6,3 with one decimal (half up, not to even)
    assert persen(1, 16, 1) == D("6.3")
