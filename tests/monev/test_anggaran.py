"""Which figure is anggaran in the reports: APBD in force, else the adopted Renja, else pagu indikatif.

Expected figures are written out by hand from the amounts each test enters.
"""

from __future__ import annotations

import json
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from kinerja.core.pelaku import SISTEM
from kinerja.monev.ekspor import baris_e81
from kinerja.monev.laporan import tabel_e81
from kinerja.monev.lkjip import tabel_2_3_2_berjalan, tabel_lkjip
from kinerja.monev.models import RealisasiAnggaran
from kinerja.monev.selectors import muat_evaluasi
from kinerja.renstra import anggaran as ag
from kinerja.renstra import services
from kinerja.renstra.models import Pagu, PlanNode, Target
from kinerja.renstra.salin import buat_renja
from kinerja.renstra.selectors import muat_rencana
from tests.renstra.pembuat import RencanaKecil

pytestmark = pytest.mark.django_db
T = PlanNode.Tingkat


def _apbd(versi, node, lokasi, tahun, tahap, jumlah):
    ag.simpan_anggaran(
        pengguna=SISTEM,
        versi=versi,
        node=node,
        lokasi=lokasi,
        tahun=tahun,
        isian={tahap: {"jumlah": jumlah, "sumber_dana": "DAU", "dokumen": ""}},
    )


@pytest.fixture
def kecil():
    """One sub kegiatan at Gedog: pagu 1.000.000 / 1.100.000 / 1.200.000 in 2022–2024."""
    rk = RencanaKecil("Apbd")
    n = rk.rantai()
    ind = rk.ind(n["sub"], "Jumlah dokumen koordinasi", "Dokumen")
    for tahun, pagu in ((2022, 1_000_000), (2023, 1_100_000), (2024, 1_200_000)):
        rk.target(ind, tahun, "4", lokasi=rk.gedog)
        rk.pagu(n["sub"], tahun, pagu, lokasi=rk.gedog)
    rk.n = n
    return rk


def _baris_sub(ev, lokasi_id):
    return next(
        b for b in ev.baris if b.ada_rp and b.node.tingkat == T.SUB_KEGIATAN and b.lokasi_id == lokasi_id
    )


def test_apbd_perubahan_replaces_murni_and_serapan_is_against_it(kecil):
    sub, gedog = kecil.n["sub"], kecil.gedog
    _apbd(kecil.versi, sub, gedog, 2022, "murni", "900.000")
    _apbd(kecil.versi, sub, gedog, 2022, "perubahan", "950.000")
    for tw, jumlah in ((1, 200_000), (2, 275_000)):
        RealisasiAnggaran.objects.create(node=sub, lokasi=gedog, tahun=2022, triwulan=tw, jumlah=jumlah)
    ev = muat_evaluasi(kecil.versi, 2022, 4)
    b = _baris_sub(ev, gedog.pk)
    # 200.000 + 275.000 = 475.000 of the APBD perubahan 950.000 = 50 %; the pagu 1.000.000 stays beside it.
    assert (b.rp_target, b.rp_pagu, b.rp_dasar) == (D(950_000), D(1_000_000), ("apbd_perubahan",))
    assert b.rp_realisasi == D(475_000) and b.rp_capaian == D(50)
    assert ev.rata_serapan() == D(50)
    program = next(x for x in ev.baris if x.node.tingkat == T.PROGRAM and x.ada_rp)
    assert program.rp_target == D(950_000) and program.rp_capaian == D(50)
    assert ev.dasar == "Anggaran: APBD perubahan 2022"
    t = tabel_e81(ev)
    assert any("Anggaran: APBD perubahan 2022" in c for c in t.catatan)
    kaki = next(
        x for x, k in zip(t.baris, t.kelas_baris, strict=True) if k == "kaki" and "serapan" in x[0].nilai
    )
    assert kaki[4].nilai == "Rp475.000 dari anggaran Rp950.000 = 50,00%"
    data = baris_e81(ev)
    assert data["dasar_anggaran"] == "Anggaran: APBD perubahan 2022" and data["serapan_anggaran"] == 50
    rp = next(x["rp"] for x in data["baris"] if x["rp"] and x["kode"] == sub.kode)
    assert (rp["7"], rp["7_dasar"], rp["7_pagu_indikatif"]) == (950_000, ["apbd_perubahan"], 1_000_000)
    t34 = tabel_lkjip(muat_rencana(kecil.versi), 2022)[3]
    assert [t34.baris[0][3].nilai, t34.baris[0][4].nilai, t34.baris[0][5].nilai] == [
        D(950_000),
        D(475_000),
        50,
    ]


def test_without_apbd_the_reports_say_they_use_the_pagu_indikatif(kecil):
    ev = muat_evaluasi(kecil.versi, 2023, 4)
    assert _baris_sub(ev, kecil.gedog.pk).rp_target == D(1_100_000)
    assert ev.dasar == "Anggaran 2023: pagu indikatif Renstra — APBD belum diisi"
    # One of two cells with an APBD: the text counts both bases.
    rk = kecil
    with pytest.raises(ValidationError, match="tidak direncanakan di Rembang pada tahun 2023"):
        _apbd(rk.versi, rk.n["sub"], rk.rembang, 2023, "murni", "1.000")  # not in the plan: no hidden record
    rk.pagu(rk.n["sub"], 2023, 500_000, lokasi=rk.rembang)
    _apbd(rk.versi, rk.n["sub"], rk.gedog, 2023, "murni", "1.000.000")
    ev = muat_evaluasi(rk.versi, 2023, 4)
    assert _baris_sub(ev, rk.gedog.pk).rp_target == D(1_000_000)
    assert _baris_sub(ev, rk.rembang.pk).rp_target == D(500_000)
    assert ev.dasar.startswith(
        "Anggaran 2023 per sub kegiatan × lokasi: APBD murni 2023 untuk 1, pagu indikatif"
    )


def test_t_c_24_takes_the_apbd_and_states_growth_as_a_compound_rate(kecil):
    sub, gedog = kecil.n["sub"], kecil.gedog
    _apbd(kecil.versi, sub, gedog, 2022, "perubahan", "950.000")
    _apbd(kecil.versi, sub, gedog, 2024, "murni", "1.149.500")
    RealisasiAnggaran.objects.create(node=sub, lokasi=gedog, tahun=2022, triwulan=1, jumlah=475_000)
    RealisasiAnggaran.objects.create(node=sub, lokasi=gedog, tahun=2024, triwulan=1, jumlah=574_750)
    t = tabel_2_3_2_berjalan(muat_rencana(kecil.versi))
    program = t.baris[0]
    nilai = [s.nilai if s is not None else None for s in program]
    # Years 2022–2026: anggaran, realisasi, rasio, then the two growth rates.
    assert nilai[1:6] == [D(950_000), None, D(1_149_500), None, None]  # 2023: pagu only, not anggaran
    assert nilai[6:11] == [D(475_000), None, D(574_750), None, None]
    assert nilai[11] == D(50) and nilai[13] == D(50)
    # 950.000 → 1.149.500 over two years: × 1,21 = 1,1² → 10 % a year; 475.000 → 574.750 likewise.
    assert nilai[16:18] == [D("10.00"), D("10.00")]
    assert "Rata-rata Pertumbuhan per Tahun (%)" in [k.teks for k in t.kepala[0]]
    teks = " ".join(t.catatan)
    assert (
        "CAGR" in teks
        and "((nilai tahun terakhir ÷ nilai tahun pertama)^(1 ÷ jumlah selang tahun) − 1)" in teks
    )
    assert "APBD tahun 2023, 2025, 2026 belum diisi" in teks


def test_column_7_takes_k_and_rp_from_the_same_adopted_renja(versi_sampel, rencana_sampel):
    ev = muat_evaluasi(rencana_sampel, 2023, 4)
    b = next(
        x
        for x in ev.baris
        if x.ada_rp and x.ind is not None and x.node.tingkat == T.SUB_KEGIATAN and x.lokasi_id is not None
    )
    node, lok, ind = b.node, b.lokasi_id, b.ind
    pagu = Pagu.objects.get(node_id=node.pk, lokasi_id=lok, tahun=2023).jumlah
    target = Target.objects.get(indikator_id=ind.pk, lokasi_id=lok, tahun=2023)
    assert b.rp_target == pagu and b.target_tahun.teks == target.teks and b.rp_dasar == ("pagu_indikatif",)
    renja = buat_renja(pengguna=SISTEM, versi=versi_sampel, tahun=2023)
    Pagu.objects.filter(node__versi=renja, node__asal_id=node.pk, lokasi_id=lok, tahun=2023).update(
        jumlah=123_456_000
    )
    Target.objects.filter(
        indikator__node__versi=renja, indikator__asal_id=ind.pk, lokasi_id=lok, tahun=2023
    ).update(teks="77", jenis="angka", nilai=77)

    def baris():
        ev = muat_evaluasi(rencana_sampel, 2023, 4)
        return ev, next(x for x in ev.baris if x.node.pk == node.pk and x.lokasi_id == lok and x.ada_rp)

    # A draft, then a final Renja changes nothing: neither K nor Rp.
    for status in ("draft", "final"):
        if status == "final":
            services.ubah_status_versi(pengguna=SISTEM, versi=renja, status="final")
        ev, x = baris()
        assert ev.renja is None and x.rp_target == pagu and x.target_tahun.teks == target.teks
    services.ubah_status_versi(pengguna=SISTEM, versi=renja, status="ditetapkan")
    ev, x = baris()
    assert ev.renja == renja
    assert (x.target_tahun.teks, x.rp_target, x.rp_dasar) == ("77", D(123_456_000), ("renja",))
    assert x.rp_pagu == pagu  # the Renstra's own figure is kept beside it
    assert any(f"K dan Rp dari {renja.nama} yang ditetapkan" in c for c in tabel_e81(ev).catatan)
    # A sub kegiatan × lokasi the adopted Renja leaves out has no anggaran: never the Renstra's pagu.
    lain = next(
        y for y in ev.baris if y.ada_rp and y.node.tingkat == T.SUB_KEGIATAN and y.rp_target and y is not x
    )
    Pagu.objects.filter(
        node__versi=renja, node__asal_id=lain.node.pk, lokasi_id=lain.lokasi_id, tahun=2023
    ).delete()
    ev = muat_evaluasi(rencana_sampel, 2023, 4)
    y = next(z for z in ev.baris if z.node.pk == lain.node.pk and z.lokasi_id == lain.lokasi_id and z.ada_rp)
    assert y.rp_target is None and y.rp_pagu is not None
    # The APBD, once entered, is the cell's anggaran over the Renja's pagu.
    lokasi = versi_sampel.pd.unit_set.get(pk=lok)
    _apbd(versi_sampel, PlanNode.objects.get(pk=node.pk), lokasi, 2023, "murni", "120.000.000")
    ev, x = baris()
    assert (x.target_tahun.teks, x.rp_target, x.rp_dasar) == ("77", D(120_000_000), ("apbd_murni",))


def test_the_sample_says_its_2022_apbd_is_demonstration_data(rencana_sampel):
    ev = muat_evaluasi(rencana_sampel, 2022, 4)
    assert ev.dasar == "Anggaran: APBD murni 2022 (Data demonstrasi)"
    assert any("DATA DEMONSTRASI" in c for c in tabel_e81(ev).catatan)


def test_t_c_24_shows_no_partial_apbd_as_a_programs_budget(kecil):
    rk = kecil
    rk.pagu(rk.n["sub"], 2022, 500_000, lokasi=rk.rembang)
    _apbd(rk.versi, rk.n["sub"], rk.gedog, 2022, "murni", "900.000")
    t = tabel_2_3_2_berjalan(muat_rencana(rk.versi))
    assert t.baris[0][1].nilai is None and t.baris[-1][1].nilai is None
    assert any(c.startswith("APBD 2022 belum lengkap: 1 dari 2 sub kegiatan × lokasi") for c in t.catatan)
    _apbd(rk.versi, rk.n["sub"], rk.rembang, 2022, "murni", "450.000")
    t = tabel_2_3_2_berjalan(muat_rencana(rk.versi))
    # 900.000 (Gedog) + 450.000 (Rembang)
    assert t.baris[0][1].nilai == D(1_350_000) and t.baris[-1][1].nilai == D(1_350_000)


def test_murni_and_perubahan_in_different_cells_claim_no_pagu_fallback(kecil):
    rk = kecil
    rk.pagu(rk.n["sub"], 2022, 500_000, lokasi=rk.rembang)
    _apbd(rk.versi, rk.n["sub"], rk.gedog, 2022, "murni", "900.000")
    _apbd(rk.versi, rk.n["sub"], rk.rembang, 2022, "perubahan", "450.000")
    ev = muat_evaluasi(rk.versi, 2022, 4)
    # Both cells have an APBD (one murni, one perubahan): nothing falls back to the pagu indikatif.
    assert (
        ev.dasar
        == "Anggaran 2022 per sub kegiatan × lokasi: APBD perubahan 2022 untuk 1, APBD murni 2022 untuk 1 dari 2"
    )
    assert (_baris_sub(ev, rk.gedog.pk).rp_target, _baris_sub(ev, rk.rembang.pk).rp_target) == (
        D(900_000),
        D(450_000),
    )
    t = tabel_2_3_2_berjalan(muat_rencana(rk.versi))
    assert t.baris[0][1].nilai == D(1_350_000)  # 900.000 + 450.000, the whole program
    teks = " ".join(t.catatan) + " ".join(tabel_e81(ev).catatan)
    assert "pagu indikatif Renstra untuk" not in teks and "yang belum mempunyai APBD" not in teks
    assert "APBD 2022 belum lengkap" not in teks


def test_the_command_writes_the_running_t_c_24_beside_the_documents_2_3_2(kecil, tmp_path):
    sub, gedog = kecil.n["sub"], kecil.gedog
    _apbd(kecil.versi, sub, gedog, 2022, "perubahan", "950.000")
    _apbd(kecil.versi, sub, gedog, 2024, "murni", "1.149.500")
    RealisasiAnggaran.objects.create(node=sub, lokasi=gedog, tahun=2022, triwulan=1, jumlah=475_000)
    berkas = tmp_path / "tc24.json"
    argumen = ["--format", "json", "--versi", str(kecil.versi.pk), "-o", str(berkas)]
    call_command("export", "t-c.24", *argumen, stderr=StringIO())
    (tabel,) = json.loads(berkas.read_text(encoding="utf-8"))
    assert tabel["tabel"] == "2.3.2-berjalan"
    program = tabel["baris"][0]
    # The APBD in force as anggaran (perubahan 950.000 in 2022; 2023 has only a pagu: empty),
    # 475.000 ÷ 950.000 = 50 %, and 950.000 → 1.149.500 over two years = 10 % a year.
    assert program["Anggaran pada Tahun ke 2022 2"] == "950.000"
    assert program["Anggaran pada Tahun ke 2023 3"] == ""
    assert program["Rasio antara Realisasi dan Anggaran Tahun ke 2022 12"] == "50,00%"
    assert program["Rata-rata Pertumbuhan per Tahun (%) Anggaran 17"].startswith("10,00")
    call_command("export", "T-C.23", *argumen, stderr=StringIO())
    assert json.loads(berkas.read_text(encoding="utf-8"))[0]["tabel"] == "2.3.1-berjalan"
