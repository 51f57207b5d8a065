"""The sample says what the document says, and the checker explains its contradictions."""

from decimal import Decimal

import pytest

from kinerja.renstra.models import BarisCetak, KondisiAwal, Pagu, PlanNode, Target
from kinerja.renstra.periksa import periksa
from kinerja.sumberdaya.models import Aset, RekapPegawai
from kinerja.wilayah.models import Penduduk, Unit

T = PlanNode.Tingkat
pytestmark = pytest.mark.django_db


def test_the_region_and_organisation_are_loaded(versi_sampel):
    pd = versi_sampel.pd
    assert pd.pemda.nama == "Kota Blitar"
    kel = list(Unit.objects.filter(pd=pd, jenis="kelurahan").values_list("nama_pendek", flat=True))
    assert kel == ["Gedog", "Bendogerit", "Sananwetan", "Karangtengah", "Plosokerep", "Klampok", "Rembang"]
    gedog = Unit.objects.get(pd=pd, nama_pendek="Gedog")
    assert gedog.luas_km2 == Decimal("2.65")
    # a population cut short in print is not guessed
    p = Penduduk.objects.get(unit=gedog)
    assert (p.laki_laki, p.perempuan, p.jumlah) == (None, None, None)
    assert Penduduk.objects.get(unit__nama_pendek="Karangtengah").jumlah == 7743


def test_staff_and_assets_are_loaded(versi_sampel):
    pd = versi_sampel.pd
    assert (
        sum(RekapPegawai.objects.filter(pd=pd, kelompok="pendidikan").values_list("jumlah", flat=True)) == 73
    )
    motor = Aset.objects.get(unit__pd=pd, unit__nama_pendek="Kecamatan", jenis_barang="Sepeda Motor")
    assert (motor.jumlah, motor.satuan, motor.rusak) == (7, "unit", 1)
    ketik = Aset.objects.get(unit__nama_pendek="Kecamatan", jenis_barang="Mesin ketik manual")
    assert ketik.rusak == 1 and ketik.baik == 0


def test_the_cascade_follows_the_nomenclature(rencana_sampel):
    r = rencana_sampel
    tingkat = [n.tingkat for n in r.node]
    assert tingkat.count(T.TUJUAN) == 2 and tingkat.count(T.SASARAN) == 3
    kode = {n.kode: n for n in r.node if n.kode}
    assert {"7.01.01", "7.01.02", "7.01.03", "7.01.05"} <= set(kode)
    # printed under 'Perencanaan' in Tabel 6.1 but placed by code under Administrasi Keuangan
    assert r.node_id[kode["7.01.01.2.02.0007"].induk_id].kode == "7.01.01.2.02"
    for n in r.node:
        if n.kode and n.tingkat > T.PROGRAM:
            assert n.kode.startswith(r.node_id[n.induk_id].kode)


def test_pagu_and_targets_are_the_printed_ones(rencana_sampel):
    r = rencana_sampel
    kode = {n.kode: n for n in r.node if n.kode}
    sub = kode["7.01.01.2.01.0001"]
    gedog = next(u for u in r.lokasi if u.nama_pendek == "Gedog")
    bendo = next(u for u in r.lokasi if u.nama_pendek == "Bendogerit")
    # Tabel 6.2 line 1398
    assert [r.pagu_node(sub, y, gedog.pk) for y in (2023, 2024, 2025, 2026)] == [
        Decimal("1203370"),
        Decimal("1263539"),
        Decimal("1326715"),
        Decimal("1393051"),
    ]
    # Tabel 6.1: Bendogerit's amount printed one line above its group (line 1176)
    pel = kode["7.01.02.2.02.0001"]
    p = Pagu.objects.get(node_id=pel.id, lokasi=bendo, tahun=2022)
    assert p.jumlah == Decimal("84477500") and p.sumber_baris == 1176
    # a cell the conversion made unreadable stays unreadable
    wawasan = kode["7.01.05.2.01.0001"]
    t = Target.objects.get(indikator__node_id=wawasan.id, lokasi__nama_pendek="Kecamatan", tahun=2024)
    assert (t.teks, t.jenis, t.nilai) == ("## ##", "tak_terbaca", None)
    # a number split over two cells is joined
    assert Target.objects.get(indikator__node_id=wawasan.id, lokasi=gedog, tahun=2024).nilai == 600
    # kondisi awal per lokasi, from the document
    assert (
        KondisiAwal.objects.get(
            indikator__node_id=sub.id, lokasi=gedog, indikator__nama__startswith="Jumlah dokumen perencanaan"
        ).teks
        == "5"
    )


def test_every_printed_row_is_kept_with_its_source_line(versi_sampel):
    baris = BarisCetak.objects.filter(sumber__versi=versi_sampel)
    assert baris.filter(tabel="6.1").count() == 405
    assert baris.filter(tabel="6.2").count() == 226
    b = baris.get(tabel="6.2", baris=1839)
    assert b.sel["k_2024"] == "## ##" and b.sel["lokasi"] == "Kecamatan"
    assert not baris.filter(baris__lt=1).exists()


def test_the_checker_explains_the_documents_contradictions(versi_sampel):
    temuan = periksa(versi_sampel)

    def ada(kode, **kw):
        return [t for t in temuan if t.code == kode and all(getattr(t, k) == v for k, v in kw.items())]

    assert ada("TOTAL_PEGAWAI", printed="73", expected="71")
    assert ada("KEPADATAN", printed="4.566", expected="4.886")
    assert ada("TOTAL_ANGGARAN", printed="14.526.175.503,30", expected="15.526.175.503,33")
    assert ada("RASIO_CAPAIAN", printed="106%", expected="10,64%")
    ikm = {t.printed: t for t in ada("LABEL_SKALA")}
    assert set(ikm) == {"Baik (89)", "Baik (90)"} and ikm["Baik (89)"].expected == "Sangat Baik (89)"
    assert 1876 in ikm["Baik (89)"].source_lines and 905 in ikm["Baik (90)"].source_lines
    assert ada("KECAMATAN_LAIN", row="Kecamatan Sukorejo", source_lines=[831])
    assert {t.printed for t in ada("NAMA_KELURAHAN")} >= {
        "Kalmpok",
        "Klompok",
        "Sananawetan",
        "GEDONG",
        "BENDOGERT",
        "PLOSOKERP",
    }
    assert ada("TARGET_BEDA", table="7.1", printed="97%", expected="98%")
    assert ada("LAJU_PAGU", source_lines=[1834])
    program_6_1 = ada("PAGU_INDUK", table="6.1", source_lines=[949])
    assert program_6_1 and program_6_1[0].printed == "2022: 10.907.100.008"
    assert ada("AKHIR_RP", source_lines=[1819])
    assert ada("BARIS_HILANG", table="6.2")
    assert ada("SEL_TAK_TERBACA", source_lines=[1839])
    assert ada("MISI_TIDAK_ADA")
    assert ada("NOMENKLATUR_INDUK", table="6.1", source_lines=[966])
    for t in temuan:
        assert t.message and t.severity in ("galat", "peringatan", "info")
        assert all(isinstance(b, int) for b in t.source_lines)
