"""Each checker rule on a small hand-made plan: one that triggers it, one that does not."""

from decimal import Decimal

import pytest

from kinerja.core.pelaku import SISTEM
from kinerja.renstra.models import Nomenklatur, PlanNode
from kinerja.renstra.nomenklatur import kode_pd

from .pembuat import RencanaKecil

T = PlanNode.Tingkat
pytestmark = pytest.mark.django_db


def kode(temuan):
    return sorted({t.code for t in temuan})


def test_it_finds_a_staff_total_that_is_not_the_sum_of_its_rows():
    rk = RencanaKecil()
    rk.cetak("2.2", 10, {"kelompok": "golongan", "uraian": "III/a", "jumlah": "2"}, tingkat="rincian")
    rk.cetak("2.2", 11, {"kelompok": "golongan", "uraian": "III/b", "jumlah": "3"}, tingkat="rincian")
    rk.cetak("2.2", 12, {"kelompok": "golongan", "uraian": "Jumlah", "jumlah": "6"}, tingkat="jumlah")
    rk.cetak("2.2", 13, {"kelompok": "pendidikan", "uraian": "S1", "jumlah": "4"}, tingkat="rincian")
    rk.cetak("2.2", 14, {"kelompok": "pendidikan", "uraian": "Jumlah", "jumlah": "4"}, tingkat="jumlah")
    [t] = rk.periksa("TOTAL_PEGAWAI")
    assert (t.printed, t.expected, t.source_lines[0]) == ("6", "5", 12)
    assert "2 + 3 = 5" in t.message


def test_it_finds_a_budget_total_that_is_not_the_sum_of_its_rows():
    rk = RencanaKecil()
    rk.cetak(
        "2.3.2",
        1,
        {"uraian": "Belanja A", "anggaran_2016": "100,00", "realisasi_2016": "90"},
        tingkat="komponen",
    )
    rk.cetak(
        "2.3.2",
        2,
        {"uraian": "Belanja B", "anggaran_2016": "200", "realisasi_2016": "150"},
        tingkat="komponen",
    )
    rk.cetak(
        "2.3.2", 3, {"uraian": "Jumlah", "anggaran_2016": "300", "realisasi_2016": "250"}, tingkat="jumlah"
    )
    [t] = rk.periksa("TOTAL_ANGGARAN")
    assert "realisasi 2016" in t.row and t.printed == "250" and t.expected == "240"


def test_it_reads_cut_short_population_as_a_range_before_calling_a_sum_wrong():
    rk = RencanaKecil()
    rk.cetak(
        "2.1",
        180,
        {"kelurahan": "Gedog", "laki_laki": "5.87", "perempuan": "5.83", "jumlah": "11.70", "luas": "2,65"},
        tingkat="kelurahan",
    )
    assert rk.periksa("TOTAL_PENDUDUK") == []
    rk.cetak(
        "2.1",
        182,
        {"kelurahan": "Rembang", "laki_laki": "7.17", "perempuan": "7341", "jumlah": "14.59", "luas": "2,12"},
        tingkat="kelurahan",
    )
    [t] = rk.periksa("TOTAL_PENDUDUK")
    assert t.source_lines == [182] and t.expected == "14.511–14.520"


def test_it_checks_area_population_and_density_of_the_narrative():
    rk = RencanaKecil()
    rk.cetak(
        "2.1",
        1,
        {"kelurahan": "Gedog", "laki_laki": "100", "perempuan": "100", "jumlah": "200", "luas": "1,00"},
        tingkat="kelurahan",
    )
    rk.cetak(
        "2.1",
        2,
        {"kelurahan": "Rembang", "laki_laki": "50", "perempuan": "50", "jumlah": "100", "luas": "2,00"},
        tingkat="kelurahan",
    )
    rk.cetak("2.1", 3, {"luas": "3,00", "penduduk": "300", "kepadatan": "100"}, tingkat="ringkasan")
    assert kode(rk.periksa()) == [
        c for c in kode(rk.periksa()) if c not in ("KEPADATAN", "TOTAL_LUAS", "TOTAL_PENDUDUK")
    ]
    rk2 = RencanaKecil("Lain")
    rk2.cetak(
        "2.1",
        1,
        {"kelurahan": "Gedog", "laki_laki": "100", "perempuan": "100", "jumlah": "200", "luas": "1,00"},
        tingkat="kelurahan",
    )
    rk2.cetak("2.1", 3, {"luas": "1,50", "penduduk": "250", "kepadatan": "120"}, tingkat="ringkasan")
    temuan = {t.code: t for t in rk2.periksa()}
    assert temuan["TOTAL_LUAS"].expected == "1,00"
    assert temuan["TOTAL_PENDUDUK"].expected == "200"
    assert temuan["KEPADATAN"].expected == "167"  # 250 / 1,50


def test_it_counts_the_kelurahan_of_the_pd_in_its_messages():
    rk = RencanaKecil()
    for baris, nama, luas in ((1, "Gedog", "1,00"), (2, "Rembang", "2,00")):
        rk.cetak(
            "2.1",
            baris,
            {"kelurahan": nama, "laki_laki": "10", "perempuan": "10", "jumlah": "20", "luas": luas},
            tingkat="kelurahan",
        )
    rk.cetak("2.1", 3, {"luas": "4,00", "penduduk": "50", "kepadatan": "13"}, tingkat="ringkasan")
    temuan = {t.code: t for t in rk.periksa()}
    # two kelurahan printed: 1,00 + 2,00 = 3,00 km²; 20 + 20 = 40 jiwa
    assert temuan["TOTAL_LUAS"].message.startswith("Luas 2 kelurahan 1,00 + 2,00 = 3,00 km²")
    assert temuan["TOTAL_PENDUDUK"].message.startswith("Jumlah penduduk 2 kelurahan paling banyak 40 jiwa")
    assert not any("ketujuh" in t.message for t in temuan.values())


def _rencana_berpagu(rk, nilai=(100, 105)):
    n = rk.rantai()
    for tahun, v in zip((2023, 2024), nilai, strict=True):
        rk.pagu(n["sub"], tahun, v, rk.gedog)
    return n


def test_it_compares_printed_kegiatan_and_program_pagu_with_the_sum_of_sub_kegiatan():
    rk = RencanaKecil()
    n = _rencana_berpagu(rk)
    rk.cetak(
        "6.2",
        1,
        {"nama": n["kegiatan"].nama, "rp_2023": "100", "rp_2024": "105"},
        node=n["kegiatan"],
        tingkat="kegiatan",
    )
    rk.cetak(
        "6.2",
        2,
        {"nama": n["program"].nama, "rp_2023": "100", "rp_2024": "107"},
        node=n["program"],
        tingkat="program",
    )
    rk.cetak(
        "6.2",
        3,
        {
            "nama": n["sub"].nama,
            "indikator": "x",
            "k_2023": "1",
            "rp_2023": "100",
            "k_2024": "1",
            "rp_2024": "105",
        },
        node=n["sub"],
        lokasi=rk.gedog,
        tingkat="sub_kegiatan",
    )
    assert rk.periksa("PAGU_INDUK") == []
    [b] = rk.periksa("PEMBULATAN")  # 107 vs 105 is within rounding
    assert b.severity == "info" and b.source_lines == [2]
    rk2 = RencanaKecil("Dua")
    n2 = _rencana_berpagu(rk2)
    rk2.cetak(
        "6.2",
        7,
        {"nama": n2["kegiatan"].nama, "rp_2023": "150", "rp_2024": "105"},
        node=n2["kegiatan"],
        tingkat="kegiatan",
    )
    [t] = rk2.periksa("PAGU_INDUK")
    assert (t.printed, t.expected, t.source_lines) == ("2023: 150", "2023: 100", [7])


def test_it_reports_an_empty_pagu_cell_only_where_the_table_prints_pagu_for_that_level():
    rk = RencanaKecil()
    n = _rencana_berpagu(rk)
    rk.cetak(
        "6.2",
        1,
        {"nama": n["kegiatan"].nama, "indikator": "i", "k_2023": "100", "rp_2024": "105"},
        node=n["kegiatan"],
        tingkat="kegiatan",
    )
    [t] = rk.periksa("SEL_KOSONG")
    assert "2023" in t.message
    rk2 = RencanaKecil("Dua")
    n2 = _rencana_berpagu(rk2)
    rk2.cetak(
        "6.2",
        1,
        {"nama": n2["tujuan"].nama, "indikator": "i", "k_2023": "1"},
        node=n2["tujuan"],
        tingkat="tujuan",
    )
    assert rk2.periksa("SEL_KOSONG") == []  # no tujuan row prints pagu: empty by layout


def test_it_checks_kondisi_akhir_rp_and_k_against_the_years():
    rk = RencanaKecil()
    n = rk.rantai()
    ind = rk.ind(n["sub"], "Jumlah laporan", "Laporan")
    baik = {
        "nama": "x",
        "indikator": ind.nama,
        "k_2023": "2",
        "rp_2023": "100",
        "k_2024": "2",
        "rp_2024": "105",
        "akhir_k": "4",
        "akhir_rp": "205",
    }
    rk.cetak("6.2", 1, baik, node=n["sub"], ind=ind, lokasi=rk.gedog)
    assert rk.periksa("AKHIR_RP") == [] and rk.periksa("AKHIR_K") == []
    rk.cetak("6.2", 2, {**baik, "akhir_k": "2", "akhir_rp": "105"}, node=n["sub"], ind=ind, lokasi=rk.rembang)
    [rp] = rk.periksa("AKHIR_RP")
    [k] = rk.periksa("AKHIR_K")
    assert rp.expected == "205" and "2024 saja" in rp.message
    assert k.expected == "4" and "jumlah target tahunan" in k.message


def test_a_stock_indicator_ends_at_its_last_year():
    rk = RencanaKecil()
    n = rk.rantai()
    ind = rk.ind(n["sub"], "Jumlah kendaraan yang dipelihara", "Unit", agregasi_akhir="terakhir")
    rk.cetak(
        "6.2",
        1,
        {"indikator": ind.nama, "k_2023": "6", "k_2024": "6", "akhir_k": "6"},
        node=n["sub"],
        ind=ind,
        lokasi=rk.gedog,
    )
    assert rk.periksa("AKHIR_K") == []


def test_it_checks_the_rasio_capaian_of_past_performance():
    rk = RencanaKecil()
    rk.cetak(
        "2.3.1",
        731,
        {"indikator": "Persentase", "target_2020": "94%", "realisasi_2020": "100%", "rasio_2020": "106%"},
    )
    assert rk.periksa("RASIO_CAPAIAN") == []
    rk.cetak(
        "2.3.1",
        732,
        {"indikator": "Persentase", "target_2020": "94%", "realisasi_2020": "10%", "rasio_2020": "106%"},
    )
    rk.cetak(
        "2.3.1",
        733,
        {"indikator": "SKM", "target_2020": "baik", "realisasi_2020": "baik", "rasio_2020": "baik"},
    )
    temuan = {t.source_lines[0]: t for t in rk.periksa("RASIO_CAPAIAN")}
    assert temuan[732].expected == "10,64%" and "terpotong" in temuan[732].message
    assert temuan[733].severity == "peringatan"


def test_it_checks_budget_ratio_and_average_growth():
    rk = RencanaKecil()
    sel = {
        "uraian": "Belanja",
        "anggaran_2016": "200",
        "anggaran_2017": "300",
        "realisasi_2016": "100",
        "realisasi_2017": "150",
        "rasio_2016": "50,00%",
        "rasio_2017": "50,00%",
        "pertumbuhan_anggaran": "100",
        "pertumbuhan_realisasi": "50",
    }
    rk.cetak("2.3.2", 1, sel, tingkat="komponen")
    assert rk.periksa("RASIO_ANGGARAN") == [] and rk.periksa("PERTUMBUHAN") == []
    rk.cetak("2.3.2", 2, {**sel, "rasio_2017": "55,00%", "pertumbuhan_anggaran": "120"}, tingkat="komponen")
    [r] = rk.periksa("RASIO_ANGGARAN")
    [p] = rk.periksa("PERTUMBUHAN")
    assert r.expected == "50,00%" and p.expected == "100"


def test_it_finds_a_target_printed_differently_from_the_plan():
    rk = RencanaKecil()
    n = rk.rantai()
    ind = rk.ind(n["sasaran"], "Persentase pelayanan sesuai standar", "%")
    rk.target(ind, 2025, "98", baris=905)
    rk.cetak("7.1", 1877, {"indikator": ind.nama, "t_2025": "98%"}, node=n["sasaran"], ind=ind)
    assert rk.periksa("TARGET_BEDA") == []
    rk.cetak("7.1", 1878, {"indikator": ind.nama, "t_2025": "97%"}, node=n["sasaran"], ind=ind)
    [t] = rk.periksa("TARGET_BEDA")
    assert t.printed == "97%" and t.expected == "98" and t.source_lines == [905, 1878]


def test_the_same_measure_at_two_levels_must_have_the_same_targets_and_baseline():
    from kinerja.renstra import services

    rk = RencanaKecil()
    n = rk.rantai()
    a = rk.ind(n["tujuan"], "IKM Kecamatan", "Indeks", ukuran="ikm")
    b = rk.ind(n["program"], "Indeks Kepuasan Masyarakat", "Indeks", ukuran="ikm")
    rk.target(a, 2023, "Baik (86)")
    rk.target(b, 2023, "Baik (86)")
    services.set_kondisi_awal(indikator=a, teks="Baik (81,37)", pengguna=SISTEM)
    services.set_kondisi_awal(indikator=b, teks="Baik(81,37)", pengguna=SISTEM)
    assert rk.periksa("UKURAN_BEDA") == [] and rk.periksa("AWAL_BEDA") == []
    rk.target(b, 2023, "Baik (83)")
    services.set_kondisi_awal(indikator=b, teks="Baik (81)", pengguna=SISTEM)
    [u] = rk.periksa("UKURAN_BEDA")
    [w] = rk.periksa("AWAL_BEDA")
    assert "2023: Baik (83) lawan Baik (86)" in u.printed and w.printed == "Baik (81)"


@pytest.mark.parametrize(
    "skala, teks, salah, harap",
    [
        ("ikm", "Baik (88,30)", False, ""),
        ("ikm", "Baik (88,31)", True, "Sangat Baik (88,31)"),
        ("ikm", "Baik (89)", True, "Sangat Baik (89)"),
        ("ikm", "Sangat Baik (90)", False, ""),
        ("ikm", "Kurang Baik (76,60)", False, ""),
        ("ikm", "B (76,61)", False, ""),
        ("ikm", "Baik (64,99)", True, "Tidak Baik (64,99)"),
        ("sakip", "A (86,88)", False, ""),
        ("sakip", "A (90,5)", True, "AA (90,5)"),
        ("sakip", "BB (80)", False, ""),
    ],
)
def test_a_label_must_match_the_band_of_its_score(skala, teks, salah, harap):
    rk = RencanaKecil()
    n = rk.rantai()
    ind = rk.ind(n["tujuan"], "Nilai", "Indeks", skala=skala)
    rk.target(ind, 2023, teks)
    temuan = rk.periksa("LABEL_SKALA")
    assert bool(temuan) == salah
    if salah:
        assert temuan[0].expected == harap


def test_it_checks_the_plans_own_growth_rule():
    rk = RencanaKecil()
    n = _rencana_berpagu(rk, (100_000, 105_000))
    rk.pagu(n["sub"], 2025, 110_250, rk.gedog)
    assert rk.periksa("LAJU_PAGU") == []
    rk.pagu(n["sub"], 2026, 110_250, rk.gedog)
    [t] = rk.periksa("LAJU_PAGU")
    assert t.expected == "115.763" and "2026" in t.message
    tanpa_aturan = RencanaKecil("Bebas", laju=None)
    _rencana_berpagu(tanpa_aturan, (100, 300))
    assert tanpa_aturan.periksa("LAJU_PAGU") == []


def test_it_finds_copied_and_duplicated_rows():
    rk = RencanaKecil()
    n = rk.rantai()
    ind = rk.ind(n["sub"], "Jumlah laporan", "Laporan")
    sel = {"indikator": ind.nama, "k_2023": "1", "rp_2023": "1.000", "k_2024": "1", "rp_2024": "1.050"}
    rk.cetak("6.2", 1, sel, node=n["sub"], ind=ind, lokasi=rk.gedog)
    rk.cetak("6.2", 2, {**sel, "rp_2024": "1.100"}, node=n["sub"], ind=ind, lokasi=rk.rembang)
    assert rk.periksa("BARIS_GANDA") == []
    rk.cetak("6.2", 3, sel, node=n["sub"], ind=ind, lokasi=rk.gedog)
    temuan = rk.periksa("BARIS_GANDA")
    assert {t.severity for t in temuan} == {"galat", "peringatan"}  # same lokasi twice; same series twice


def test_it_finds_empty_cells_rows_and_lokasi():
    rk = RencanaKecil()
    n = rk.rantai()
    ind = rk.ind(n["sub"], "Jumlah laporan", "Laporan")
    rk.cetak(
        "6.2",
        1,
        {"indikator": ind.nama, "k_2023": "1", "rp_2023": "10", "k_2024": "1", "rp_2024": "11"},
        node=n["sub"],
        ind=ind,
        lokasi=rk.gedog,
    )
    assert (
        rk.periksa("SEL_KOSONG") == []
        and rk.periksa("LOKASI_KOSONG") == []
        and rk.periksa("BARIS_KOSONG") == []
    )
    rk.cetak(
        "6.2",
        2,
        {"indikator": ind.nama, "k_2023": "1", "k_2024": "1", "rp_2024": "11"},
        node=n["sub"],
        ind=ind,
        lokasi=rk.rembang,
    )
    rk.cetak("6.2", 3, {"indikator": ind.nama, "k_2023": "1", "rp_2023": "10"}, node=n["sub"], ind=ind)
    rk.cetak("6.2", 4, {"indikator": ind.nama}, node=n["sub"], ind=ind, lokasi=rk.kantor)
    assert [t.source_lines for t in rk.periksa("SEL_KOSONG")] == [[2]]
    [lok] = rk.periksa("LOKASI_KOSONG")
    assert lok.source_lines == [3] and "semua 3 lokasi" in lok.message
    assert [t.source_lines for t in rk.periksa("BARIS_KOSONG")] == [[4]]


def test_a_missing_lokasi_is_named_when_only_one_is_left():
    rk = RencanaKecil()
    n = rk.rantai()
    ind = rk.ind(n["sub"], "Jumlah laporan", "Laporan")
    for i, lok in enumerate((rk.kantor, rk.gedog, None)):
        rk.cetak(
            "6.2",
            10 + i,
            {"indikator": ind.nama, "k_2023": "1", "rp_2023": "10"},
            node=n["sub"],
            ind=ind,
            lokasi=lok,
        )
    [lok] = rk.periksa("LOKASI_KOSONG")
    assert lok.expected == "Rembang" and lok.source_lines == [12]


def test_it_reports_damaged_cells():
    rk = RencanaKecil()
    n = rk.rantai()
    ind = rk.ind(n["sub"], "Jumlah orang", "Orang")
    rk.cetak(
        "6.2",
        1,
        {"indikator": ind.nama, "k_2023": "1080", "k_2024": "1080", "akhir_rp": "12.345"},
        node=n["sub"],
        ind=ind,
        lokasi=rk.gedog,
    )
    assert [
        t.code for t in rk.periksa() if t.code in ("SEL_TAK_TERBACA", "SEL_TERBELAH", "ANGKA_TERPOTONG")
    ] == []
    rk.cetak(
        "6.2",
        2,
        {
            "indikator": ind.nama,
            "k_2023": "1080",
            "k_2024": "## ##",
            "k_2025": "60 0",
            "akhir_k": "3240",
            "akhir_rp": "212.190.55",
        },
        node=n["sub"],
        ind=ind,
        lokasi=rk.rembang,
    )
    [tak] = rk.periksa("SEL_TAK_TERBACA")
    [bel] = rk.periksa("SEL_TERBELAH")
    [pot] = rk.periksa("ANGKA_TERPOTONG")
    assert bel.expected == "600" and "212.190.550–212.190.559" in pot.message and tak.printed == "## ##"


def test_it_finds_an_element_printed_without_its_parent():
    rk = RencanaKecil()
    n = _rencana_berpagu(rk)
    for t, node in (
        (n["tujuan"], "tujuan"),
        (n["sasaran"], "sasaran"),
        (n["program"], "program"),
        (n["kegiatan"], "kegiatan"),
    ):
        rk.cetak(
            "6.2", 10 + t.tingkat, {"nama": t.nama, "rp_2023": "100", "rp_2024": "105"}, node=t, tingkat=node
        )
    assert rk.periksa("BARIS_HILANG") == []
    rk2 = RencanaKecil("Dua")
    n2 = _rencana_berpagu(rk2)
    rk2.cetak(
        "6.2",
        5,
        {"nama": n2["kegiatan"].nama, "rp_2023": "100", "rp_2024": "105"},
        node=n2["kegiatan"],
        tingkat="kegiatan",
    )
    hilang = {t.row for t in rk2.periksa("BARIS_HILANG")}
    assert any("Program 7.01.02" in r for r in hilang)


def test_it_finds_misspelt_kelurahan_but_not_ordinary_words():
    rk = RencanaKecil()
    n = rk.rantai()
    rk.cetak(
        "6.1",
        1,
        {"keterangan": "Kelurahan Gedog", "indikator": "Jumlah kelompok yang mengikuti pameran gedung"},
        node=n["sub"],
    )
    rk.naskah("sarpras_kolom", "No | KECAMATAN | GEDOG | REMBANG")
    assert rk.periksa("NAMA_KELURAHAN") == []
    rk.cetak("6.1", 2, {"keterangan": "Kelurahan Gedong"}, node=n["sub"])
    rk.naskah("sarpras_kolom", "No | KECAMATAN | GEDONG | REMBNG", baris=623, urutan=2)
    temuan = {t.printed: t for t in rk.periksa("NAMA_KELURAHAN")}
    assert set(temuan) == {"Gedong", "GEDONG", "REMBNG"}
    assert temuan["REMBNG"].expected == "Rembang"


def test_it_finds_another_kecamatans_name():
    rk = RencanaKecil()
    rk.naskah("telaahan", "Kecamatan Contoh mengemban misi kelima.", baris=831)
    assert rk.periksa("KECAMATAN_LAIN") == []
    rk.naskah(
        "telaahan",
        "Diantara kelima misi diatas Kecamatan Sukamaju mengemban misi kelima.",
        baris=832,
        urutan=2,
    )
    [t] = rk.periksa("KECAMATAN_LAIN")
    assert t.source_lines == [832] and t.row == "Kecamatan Sukamaju"


def test_it_finds_a_misi_number_the_rpjmd_does_not_have():
    rk = RencanaKecil()
    rk.naskah("narasi", "mendukung misi kelima yaitu tata kelola", baris=10)
    assert rk.periksa("MISI_TIDAK_ADA") == []
    rk.naskah("narasi", "mendukung misi Pemerintah Kota yang ke enam yakni", baris=11, urutan=2)
    [t] = rk.periksa("MISI_TIDAK_ADA")
    assert t.source_lines == [11]


def test_it_finds_indicators_that_differ_only_by_spelling():
    rk = RencanaKecil()
    n = rk.rantai()
    rk.ind(n["sub"], "Jumlah RT yang melakukan rembuk warga", "RT")
    rk.ind(n["sub"], "Jumlah lembaga kemasyarakatan yang difasilitasi", "lembaga")
    assert rk.periksa("INDIKATOR_MIRIP") == []
    rk.ind(n["sub"], "Jumlah RT yang melakukan rebug warga", "RT")
    [t] = rk.periksa("INDIKATOR_MIRIP")
    assert "rebug" in t.printed and "rembuk" in t.printed


def test_it_compares_codes_and_names_with_the_national_nomenclature():
    rk = RencanaKecil()
    rk.rantai()
    assert [t for t in rk.periksa() if t.code.startswith("NOMENKLATUR")] == []
    rk2 = RencanaKecil("Dua")
    n = rk2.rantai(kode_sub="7.01.02.2.01.0099")
    n["kegiatan"].nama = "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Kecamatan"
    n["kegiatan"].save()
    salah_induk = rk2.node(T.SUB_KEGIATAN, "Pemeliharaan Mebel", n["kegiatan"], "7.01.01.2.09.0005")
    temuan = {t.code: t for t in rk2.periksa() if t.code.startswith("NOMENKLATUR")}
    assert temuan["NOMENKLATUR_KODE"].printed == "7.01.02.2.01.0099"
    # a 2021–2026 plan is checked against the only list held, that of 2027, and the message says so
    assert "revisi 2027, satu-satunya daftar yang dimuat Kinerja; rencana 2021–2026" in (
        temuan["NOMENKLATUR_KODE"].message
    )
    assert "Tingkat Kecamatan" in temuan["NOMENKLATUR_NAMA"].expected
    assert temuan["NOMENKLATUR_INDUK"].node_id == salah_induk.pk


def test_the_supporting_programme_matches_when_the_pd_has_no_kode_bidang():
    # 7.01.01.2.09.0005 is listed nationally as X.XX.01.2.09.0005 (program penunjang); a PD whose
    # kode bidang urusan was left empty writes it with its own bidang all the same.
    nas = Nomenklatur.objects.get(jenis_pemda="KABKOT", kode="X.XX.01.2.09.0005")
    rk = RencanaKecil()
    rk.pd.kode_bidang = ""
    rk.pd.save()
    tujuan = rk.node(T.TUJUAN, "Tujuan")
    sasaran = rk.node(T.SASARAN, "Sasaran", tujuan)
    program = rk.node(T.PROGRAM, "Program penunjang", sasaran, "7.01.01")
    kegiatan = rk.node(T.KEGIATAN, "Kegiatan", program, "7.01.01.2.09")
    rk.node(T.SUB_KEGIATAN, nas.nama, kegiatan, "7.01.01.2.09.0005")
    rk.node(T.SUB_KEGIATAN, "Tidak ada", kegiatan, "7.01.01.2.09.0999")
    [t] = rk.periksa("NOMENKLATUR_KODE")
    assert t.printed == "7.01.01.2.09.0999"


def test_it_says_when_a_code_was_renamed_in_the_current_list():
    entri = (
        Nomenklatur.objects.filter(jenis_pemda="KABKOT", tingkat="sub_kegiatan")
        .exclude(kode_sebelumnya="")
        .first()
    )
    lama = kode_pd(entri.kode_sebelumnya.split(" ")[0], "7.01")
    bagian = lama.split(".")
    rk = RencanaKecil()
    tujuan = rk.node(T.TUJUAN, "Tujuan")
    sasaran = rk.node(T.SASARAN, "Sasaran", tujuan)
    program = rk.node(T.PROGRAM, "Program", sasaran, ".".join(bagian[:3]))
    kegiatan = rk.node(T.KEGIATAN, "Kegiatan", program, ".".join(bagian[:5]))
    rk.node(T.SUB_KEGIATAN, "Sub kegiatan lama", kegiatan, lama)
    [t] = rk.periksa("NOMENKLATUR_LAMA")
    assert entri.nama in t.expected


def test_it_finds_an_element_printed_under_another_parent_than_its_code():
    rk = RencanaKecil()
    n = rk.rantai()
    lain = rk.node(
        T.KEGIATAN,
        "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
        n["program"],
        "7.01.02.2.02",
    )
    rk.cetak("6.1", 1, {"nama": n["kegiatan"].nama}, node=n["kegiatan"], tingkat="kegiatan")
    rk.cetak("6.1", 2, {"nama": n["sub"].nama}, node=n["sub"], tingkat="sub_kegiatan")
    assert [t for t in rk.periksa("NOMENKLATUR_INDUK") if t.table == "6.1"] == []
    rk.cetak("6.1", 3, {"nama": lain.nama}, node=lain, tingkat="kegiatan")
    rk.cetak("6.1", 4, {"nama": n["sub"].nama}, node=n["sub"], tingkat="sub_kegiatan")
    [t] = [t for t in rk.periksa("NOMENKLATUR_INDUK") if t.table == "6.1"]
    assert t.source_lines == [4]


def test_a_plan_without_a_source_document_is_checked_on_its_data():
    rk = RencanaKecil()
    n = rk.rantai()
    ind = rk.ind(n["tujuan"], "IKM", "Indeks", skala="ikm")
    rk.target(ind, 2026, "Baik (90)")
    rk.pagu(n["sub"], 2023, Decimal(100), rk.gedog)
    rk.pagu(n["sub"], 2024, Decimal(100), rk.gedog)
    assert set(kode(rk.periksa())) == {"LABEL_SKALA", "LAJU_PAGU"}


def test_it_finds_a_baseline_printed_differently_from_the_plan():
    from kinerja.renstra import services

    rk = RencanaKecil()
    n = rk.rantai()
    ind = rk.ind(n["tujuan"], "Nilai SAKIP", "Indeks")
    services.set_kondisi_awal(indikator=ind, teks="A (83,89)", sumber_baris=1392, pengguna=SISTEM)
    rk.cetak("6.1", 947, {"indikator": ind.nama, "data_awal": "A (83,89)"}, node=n["tujuan"], ind=ind)
    assert rk.periksa("AWAL_BEDA") == []
    rk.cetak("6.1", 948, {"indikator": ind.nama, "data_awal": "A"}, node=n["tujuan"], ind=ind)
    rk.cetak("7.1", 1876, {"indikator": ind.nama, "kondisi_awal": "B (70)"}, node=n["tujuan"], ind=ind)
    temuan = {t.source_lines[0]: t for t in rk.periksa("AWAL_BEDA")}
    assert temuan[948].severity == "info"  # same label, only less precise
    assert temuan[1392].severity == "peringatan" and temuan[1392].printed == "B (70)"


def test_it_notes_a_tujuan_or_visi_printed_in_other_words():
    rk = RencanaKecil()
    n = rk.rantai()
    rk.cetak(
        "5.1.1",
        927,
        {"tujuan": n["tujuan"].nama, "sasaran": n["sasaran"].nama},
        node=n["sasaran"],
        tingkat="sasaran",
    )
    rk.naskah("visi_5_1_1", "Kota Uji Sejahtera", baris=923)
    assert rk.periksa("NAMA_BEDA") == []
    rk.cetak("7.2", 1888, {"kinerja_utama": "Meningkatnya Pelayanan di Kecamatan"}, node=n["tujuan"])
    rk.naskah("visi_5_1_1", "Terwujudnya Kota Uji yang Sejahtera", baris=924, urutan=2)
    temuan = {t.source_lines[0]: t for t in rk.periksa("NAMA_BEDA")}
    assert temuan[1888].expected == n["tujuan"].nama
    assert temuan[924].expected == "Kota Uji Sejahtera"
