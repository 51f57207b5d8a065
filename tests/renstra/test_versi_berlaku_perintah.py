"""Commands taking --versi choose, without it, the same version the pages use."""

import json

import pytest
from django.core.management import call_command

from kinerja.renstra.models import RenstraVersi
from kinerja.renstra.opsi_perintah import pilih_versi
from kinerja.renstra.selectors import versi_utama

pytestmark = pytest.mark.django_db
S = RenstraVersi.Status


def _draf_baru(v: RenstraVersi, status=S.DRAFT) -> RenstraVersi:
    return RenstraVersi.objects.create(
        pd=v.pd,
        jenis=RenstraVersi.Jenis.PERUBAHAN,
        nama=f"Draf kosong {status}",
        tahun_mulai=v.tahun_mulai,
        tahun_akhir=v.tahun_akhir,
        tahun_rencana_awal=v.tahun_rencana_awal,
        status=status,
    )


def test_a_newer_draft_does_not_replace_the_enacted_version(versi_sampel):
    RenstraVersi.objects.filter(pk=versi_sampel.pk).update(status=S.DITETAPKAN)
    baru = _draf_baru(versi_sampel)
    assert baru.pk > versi_sampel.pk
    assert pilih_versi({"pd": "kecamatan-sananwetan"}).pk == versi_sampel.pk
    assert versi_utama(versi_sampel.pd).pk == versi_sampel.pk


def test_without_an_enacted_version_the_newest_final_wins_over_a_newer_draft(versi_sampel):
    RenstraVersi.objects.filter(pd=versi_sampel.pd).update(status=S.DRAFT)
    final = _draf_baru(versi_sampel, S.FINAL)
    _draf_baru(versi_sampel, S.DRAFT)
    assert pilih_versi({"pd": "kecamatan-sananwetan"}).pk == final.pk


def test_only_drafts_the_newest_draft(versi_sampel):
    RenstraVersi.objects.filter(pd=versi_sampel.pd).update(status=S.DRAFT)
    terbaru = _draf_baru(versi_sampel)
    assert pilih_versi({"pd": "kecamatan-sananwetan"}).pk == terbaru.pk


def test_a_renja_chosen_by_its_number_stays_chosen(versi_sampel):
    assert pilih_versi({"versi": versi_sampel.pk}).pk == versi_sampel.pk


@pytest.mark.parametrize("perintah", ["capaian", "export"])
def test_the_rule_is_stated_in_help(perintah, capsys):
    with pytest.raises(SystemExit):
        call_command(perintah, "--help")
    teks = " ".join(capsys.readouterr().out.split())
    assert "ditetapkan terbaru" in teks and "final terbaru" in teks and "draf terbaru" in teks


def test_capaian_without_versi_reports_on_the_enacted_version(versi_sampel, capsys):
    RenstraVersi.objects.filter(pk=versi_sampel.pk).update(status=S.DITETAPKAN)
    _draf_baru(versi_sampel)
    call_command("capaian", "--pd", "kecamatan-sananwetan", "--tahun", "2022", "--json")
    # The empty draft has no rows at all; the enacted sample has its indicators.
    assert len(json.loads(capsys.readouterr().out)) > 0
