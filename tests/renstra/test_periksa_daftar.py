"""The checker's registry: every rule says which codes, severities and tables are its own."""

import re

import pytest

from kinerja.renstra import periksa as pemeriksa
from kinerja.renstra.periksa import dasar

pytestmark = pytest.mark.django_db


def test_every_named_code_belongs_to_a_registered_rule_and_no_other_code_does():
    kode = {k for a in pemeriksa.daftar_aturan() for k in a.kode}
    assert kode == set(pemeriksa.NAMA_KODE)


def test_every_rule_has_a_plain_name_severities_and_known_tables():
    dikenal = {*dasar.TABEL_CETAK, dasar.NASKAH, dasar.RENCANA, dasar.REALISASI}
    aturan = pemeriksa.daftar_aturan()
    # 27 rules over the plan and its sources, monev's rule over realisations and rtkeren's over
    # the RT allocations
    assert len(aturan) == 29
    assert len({a.id for a in aturan}) == 29
    for a in aturan:
        assert a.nama and a.nama[0].isupper() and "_" not in a.nama
        assert a.tingkat and set(a.tingkat) <= {pemeriksa.GALAT, pemeriksa.PERINGATAN, pemeriksa.INFO}
        assert a.tabel and set(a.tabel) <= dikenal


def test_rules_run_family_by_family_and_the_rounding_summary_last():
    aturan = pemeriksa.daftar_aturan()
    keluarga = [a.keluarga for a in aturan[:-1]]
    urutan = list(dasar.URUTAN_KELUARGA)
    assert keluarga == sorted(keluarga, key=urutan.index)
    assert aturan[0].id == "cek_total_pegawai"
    assert aturan[-1].id == "cek_pembulatan" and aturan[-1].terakhir


def test_each_rule_yields_only_its_own_codes_and_severities_on_the_sample(versi_sampel):
    d = pemeriksa.muat_data(versi_sampel)
    dilihat = set()
    for a in pemeriksa.daftar_aturan():
        for t in a.fungsi(d):
            assert t.code in a.kode, (a.id, t.code)
            assert t.severity in a.tingkat, (a.id, t.code, t.severity)
            dilihat.add(a.id)
    # the sample contradicts itself somewhere for every rule; the plan-data twin of the
    # duplicated-row rule leaves the sample's printed rows to the printed rule, and the sample's RT
    # allocations add up to the plan's pagu by construction (tests/rtkeren/test_pemeriksa.py breaks them);
    # the sample's two Nilai SAKIP rows come from one SAKIP evaluation and agree (tests/monev/test_lkjip.py
    # gives them two typed values that disagree)
    assert dilihat == {a.id for a in pemeriksa.daftar_aturan()} - {
        "cek_lokasi_kembar",
        "cek_alokasi_rt",
        "cek_realisasi_ganda",
    }


def test_a_finding_is_built_with_keywords_only():
    with pytest.raises(TypeError):
        pemeriksa.Temuan("TARGET_BEDA", "peringatan", "6.2", "x", [], "", "", "pesan")
    t = pemeriksa.Temuan(
        code="TARGET_BEDA",
        severity="peringatan",
        table="6.2",
        row="x",
        source_lines=[],
        printed="",
        expected="",
        message="pesan",
    )
    assert t.name == pemeriksa.NAMA_KODE["TARGET_BEDA"]


def test_the_sources_table_numbers_map_to_the_regulations_identities():
    assert dasar.identitas_tabel("6.1") == dasar.identitas_tabel("6.2") == "T-C.27"
    assert dasar.identitas_tabel("7.1") == dasar.identitas_tabel("7.2") == "T-C.28"
    assert [dasar.identitas_tabel(t) for t in ("2.3.1", "2.3.2", "4.1.1", "5.1.1")] == [
        "T-C.23",
        "T-C.24",
        "T-C.25",
        "T-C.26",
    ]
    assert dasar.identitas_tabel("6.2", "xlsx") == "T-C.27"
    assert dasar.identitas_tabel("2.2-sarpras") == "" and dasar.identitas_tabel("2.1", "xlsx") == ""


def test_rules_find_the_plan_tables_by_identity_and_layout(versi_sampel):
    d = pemeriksa.muat_data(versi_sampel)
    assert d.tabel(dasar.TC27) == ["6.1", "6.2"] and d.tabel(dasar.TC28) == ["7.1", "7.2"]
    assert d.setahun("6.1") and not d.setahun("6.2")
    assert {b.tabel for b in d.baris_tabel(dasar.TC24)} == {"2.3.2"}


def test_a_printed_row_with_an_undeclared_cell_is_refused():
    pemeriksa.periksa_skema("6.2", {"nama": "x", "k_2023": "1", "rp_2023": "100", "akhir_k": "1"})
    pemeriksa.periksa_skema("6.1", {"tahun": "2022", "target": "1", "anggaran": "100", "keterangan": "Gedog"})
    pemeriksa.periksa_skema("3.1", {"apa_saja": "x"})  # no identity: no table rule reads it
    with pytest.raises(ValueError, match=r"Tabel 6\.2 \(T-C\.27\).*lokasi_tercetak"):
        pemeriksa.periksa_skema("6.2", {"nama": "x", "lokasi_tercetak": "Gedog"})
    pemeriksa.periksa_skema("2.3.1", {"indikator": "x", "rasio_2020": "1"})
    with pytest.raises(ValueError, match="rasio_tahun"):
        pemeriksa.periksa_skema("2.3.1", {"indikator": "x", "rasio_tahun": "1"})


def test_every_cell_of_the_samples_tables_is_declared(versi_sampel):
    from kinerja.renstra.models import BarisCetak

    dibaca = 0
    for b in BarisCetak.objects.filter(sumber__versi=versi_sampel).select_related("sumber"):
        pemeriksa.periksa_skema(b.tabel, b.sel, sumber=b.sumber.jenis)
        dibaca += bool(dasar.identitas_tabel(b.tabel, b.sumber.jenis))
    assert dibaca > 600
    # the kelurahan-name rule reads the place columns of the schema
    assert set(pemeriksa.SKEMA[dasar.TC27]) >= {"lokasi_cetak", "keterangan"}


def test_every_cell_a_rule_reads_by_name_is_declared_in_the_schema():
    from pathlib import Path

    sumber = "\n".join(p.read_text() for p in Path(pemeriksa.__file__).parent.glob("*.py"))
    tetap = set(re.findall(r'sel(?:\.get)?[\[(]"([a-z_]+)"', sumber))
    bertahun = {f"{k}_{{tahun}}" for k in re.findall(r'sel(?:\.get)?[\[(]f"([a-z]+)_\{', sumber)}
    dibaca = tetap | bertahun
    assert len(dibaca) > 20
    dinyatakan = {k for kolom in pemeriksa.SKEMA.values() for k in kolom}
    assert dibaca - dinyatakan == set()
