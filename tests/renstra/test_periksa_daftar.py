"""The checker's registry: every rule says which codes, severities and tables are its own."""

import pytest

from kinerja.renstra import periksa as pemeriksa
from kinerja.renstra.periksa import dasar

pytestmark = pytest.mark.django_db


def test_every_named_code_belongs_to_a_registered_rule_and_no_other_code_does():
    kode = {k for a in pemeriksa.daftar_aturan() for k in a.kode}
    assert kode == set(pemeriksa.NAMA_KODE)


def test_every_rule_has_a_plain_name_severities_and_known_tables():
    dikenal = {*dasar.TABEL_CETAK, dasar.NASKAH, dasar.RENCANA}
    aturan = pemeriksa.daftar_aturan()
    assert len(aturan) == 27
    assert len({a.id for a in aturan}) == 27
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
    # duplicated-row rule leaves the sample's printed rows to the printed rule
    assert dilihat == {a.id for a in pemeriksa.daftar_aturan()} - {"cek_lokasi_kembar"}


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
