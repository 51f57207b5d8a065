"""The rules that can read a plan's own data run on a plan imported from a workbook, with or
without the workbook's rows, and say each thing once."""

from decimal import Decimal

import pytest

from kinerja.core.pelaku import SISTEM
from kinerja.renstra.ekspor import ekspor
from kinerja.renstra.impor import siapkan_impor, simpan_impor
from kinerja.renstra.models import Indikator, PlanNode
from kinerja.renstra.periksa import periksa
from kinerja.renstra.selectors import muat_rencana

from .lembar import Lembar
from .pembuat import RencanaKecil

pytestmark = pytest.mark.django_db
T = PlanNode.Tingkat
IKM = "Indeks Kepuasan Masyarakat (IKM)"
TAHUN = (2023, 2024, 2025, 2026)


def _rencana(nama="Uji") -> RencanaKecil:
    """An IKM target per year on the tujuan; one sub kegiatan with a count at two kelurahan whose
    pagu follows the plan's 5% growth (within the rule's Rp2)."""
    rk = RencanaKecil(nama)
    n = rk.rantai()
    ikm = rk.ind(n["tujuan"], IKM, "Indeks", skala="ikm")
    for y, teks in zip(TAHUN, ("Baik (86)", "Baik (87)", "Baik (88)", "Baik (88)"), strict=True):
        rk.target(ikm, y, teks)
    ind = rk.ind(n["sub"], "Jumlah laporan", "Laporan")
    for lok, pagu in ((rk.gedog, (1000, 1050, 1102, 1158)), (rk.rembang, (1001, 1051, 1103, 1159))):
        for y, k, p in zip(TAHUN, ("1", "2", "3", "4"), pagu, strict=True):
            rk.target(ind, y, k, lokasi=lok)
            rk.pagu(n["sub"], y, p, lok)
    return rk


def _buku_diubah(rk: RencanaKecil, tmp_path):
    """The plan's Tabel 6.2 workbook, edited the way a planner gets it wrong.

    Row 8 is the tujuan (IKM), row 12 the sub kegiatan at Gedog, row 13 the same at Rembang;
    columns 9–16 are K and Rp for 2023–2026, 17–18 the kondisi akhir K and Rp.
    """
    path = tmp_path / "renstra.xlsx"
    path.write_bytes(ekspor("6.2", muat_rencana(rk.versi), format="xlsx"))
    lb = Lembar(path)
    assert lb.sel(8, 5).value == IKM and lb.sel(12, 20).value == "Gedog" and lb.sel(13, 20).value == "Rembang"
    lb.isi(8, 13, "Baik (89)")
    lb.isi(8, 15, "Baik (90)")
    lb.isi(8, 17, "Baik (90)")
    lb.isi(12, 16, 1300)  # Gedog 2026: 1.102 × 1,05 would be 1.157
    lb.isi(12, 17, 7)  # a count ends at the sum 1 + 2 + 3 + 4 = 10
    lb.isi(12, 18, 1158)  # the 2026 pagu it replaced, not the sum of the four years
    for kolom, rp in ((10, 1000), (12, 1050), (14, 1102), (16, 1300)):
        lb.isi(13, kolom, rp)  # Rembang becomes a copy of Gedog
    return lb.simpan()


def _ringkas(temuan):
    return sorted((t.code, t.table, t.printed, t.expected) for t in temuan)


def test_an_edited_workbook_imported_on_its_plan_is_checked_on_its_rows_and_its_data(tmp_path):
    rk = _rencana()
    assert periksa(rk.versi) == []
    versi = simpan_impor(
        pratinjau=siapkan_impor(_buku_diubah(rk, tmp_path), pengguna=SISTEM), pengguna=SISTEM, alasan="uji"
    ).versi
    temuan = periksa(versi)
    assert _ringkas(t for t in temuan if t.code != "PAGU_INDUK") == sorted(
        [
            # the workbook's kondisi akhir against its own years
            ("AKHIR_K", "6.2", "7", "10"),
            ("AKHIR_RP", "6.2", "1.158", "4.452"),  # 1.000 + 1.050 + 1.102 + 1.300
            ("AKHIR_RP", "6.2", "4.314", "4.452"),  # Rembang's untouched 1.001 + 1.051 + 1.103 + 1.159
            # Rembang's row is Gedog's: once, for the printed rows, not again for the data
            ("BARIS_GANDA", "6.2", "1.000, 1.050…", "pagu tiap lokasi direncanakan sendiri"),
            # 89 and 90 lie in the IKM band 88,31–100,00, which is "Sangat Baik"
            ("LABEL_SKALA", "Tabel 6.2, target 2025", "Baik (89)", "Sangat Baik (89)"),
            ("LABEL_SKALA", "Tabel 6.2, target 2026", "Baik (90)", "Sangat Baik (90)"),
            # both kelurahan: 2026 is 1.300, 1.102 × 1,05 = 1.157,1
            ("LAJU_PAGU", "rencana", "1.300", "1.157"),
            ("LAJU_PAGU", "rencana", "1.300", "1.157"),
            # the unedited higher rows still print 2.001 for 2023 (1.000 + 1.001), now 2.000
            ("PEMBULATAN", "6.2", "", ""),
        ]
    )
    # the tujuan, sasaran, program and kegiatan rows still print 1.158 + 1.159 = 2.317 for 2026
    induk = [t for t in temuan if t.code == "PAGU_INDUK"]
    assert len(induk) == 4 and {(t.printed, t.expected) for t in induk} == {("2026: 2.317", "2026: 2.600")}


def test_the_same_plan_without_its_printed_rows_is_checked_on_its_data(tmp_path):
    rk = _rencana()
    versi = simpan_impor(
        pratinjau=siapkan_impor(_buku_diubah(rk, tmp_path), pengguna=SISTEM), pengguna=SISTEM, alasan="uji"
    ).versi
    versi.sumber_set.all().delete()
    temuan = periksa(versi)
    assert _ringkas(temuan) == sorted(
        [
            # Gedog and Rembang: pagu 1.000, 1.050, 1.102, 1.300 and targets 1, 2, 3, 4 at both
            ("BARIS_GANDA", "rencana", "1.000, 1.050…", "pagu tiap lokasi direncanakan sendiri"),
            ("LABEL_SKALA", "target 2025", "Baik (89)", "Sangat Baik (89)"),
            ("LABEL_SKALA", "target 2026", "Baik (90)", "Sangat Baik (90)"),
            ("LAJU_PAGU", "rencana", "1.300", "1.157"),
            ("LAJU_PAGU", "rencana", "1.300", "1.157"),
        ]
    )
    [ganda] = [t for t in temuan if t.code == "BARIS_GANDA"]
    assert "2 lokasi (Gedog, Rembang)" in ganda.message and "2026: 1.300" in ganda.message


def test_lokasi_planned_differently_are_not_copies():
    rk = _rencana()
    rk2 = _rencana("Dua")
    sub = PlanNode.objects.get(versi=rk2.versi, tingkat=T.SUB_KEGIATAN)
    rk2.pagu(sub, 2023, Decimal(1001), rk2.gedog)
    rk2.pagu(sub, 2024, Decimal(1051), rk2.gedog)
    rk2.pagu(sub, 2025, Decimal(1103), rk2.gedog)
    rk2.pagu(sub, 2026, Decimal(1159), rk2.gedog)
    # same pagu as Rembang now, but Gedog's count differs in 2026
    ind = Indikator.objects.get(node=sub)
    rk2.target(ind, 2026, "5", lokasi=rk2.gedog)
    assert rk.periksa("BARIS_GANDA") == [] and rk2.periksa("BARIS_GANDA") == []
    rk2.target(ind, 2026, "4", lokasi=rk2.gedog)
    [t] = rk2.periksa("BARIS_GANDA")
    assert t.table == "rencana" and t.node_id == sub.pk


def test_a_new_plan_from_a_workbook_reads_an_ikm_target_on_the_ikm_scale(tmp_path):
    rk = _rencana()
    path = _buku_diubah(rk, tmp_path)
    rk.versi.delete()
    versi = simpan_impor(
        pratinjau=siapkan_impor(path, pd=rk.pd, pengguna=SISTEM), pengguna=SISTEM, alasan="uji"
    ).versi
    # the workbook carries no scale: the new indicator has none, but its name is the IKM
    ikm = Indikator.objects.get(node__versi=versi, nama=IKM)
    assert ikm.skala == "" and ikm.jenis_nilai == Indikator.JenisNilai.INDEKS
    label = [(t.printed, t.expected) for t in periksa(versi) if t.code == "LABEL_SKALA"]
    assert label == [("Baik (89)", "Sangat Baik (89)"), ("Baik (90)", "Sangat Baik (90)")]
    # the same name as a plain count is not read on a scale
    ikm.jenis_nilai = Indikator.JenisNilai.ANGKA
    ikm.save()
    assert [t for t in periksa(versi) if t.code == "LABEL_SKALA"] == []


def test_an_element_under_a_parent_its_code_does_not_belong_to_is_found_in_the_data(tmp_path):
    rk = _rencana()
    kegiatan = PlanNode.objects.get(versi=rk.versi, tingkat=T.KEGIATAN)
    rk.node(T.SUB_KEGIATAN, "Pemeliharaan Mebel", kegiatan, "7.01.01.2.09.0005")
    path = tmp_path / "salah.xlsx"
    path.write_bytes(ekspor("6.2", muat_rencana(rk.versi), format="xlsx"))
    versi = simpan_impor(pratinjau=siapkan_impor(path, pengguna=SISTEM), pengguna=SISTEM, alasan="uji").versi
    salah = PlanNode.objects.get(versi=versi, kode="7.01.01.2.09.0005")
    # 7.01.01.2.09.0005 belongs to kegiatan 7.01.01.2.09, not to 7.01.02.2.01 it sits under
    [t] = periksa(versi)
    assert (t.code, t.severity, t.table, t.printed, t.expected, t.node_id) == (
        "NOMENKLATUR_INDUK",
        "galat",
        "rencana",
        "di bawah 7.01.02.2.01",
        "di bawah 7.01.01.2.09",
        salah.pk,
    )
