"""CSV for a spreadsheet with an Indonesian locale: ';', UTF-8 with a BOM, numbers with a decimal comma."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal as D
from fractions import Fraction

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from kinerja.core.tabel import ANGKA, PERSEN, RUPIAH, Kepala, Sel, Tabel, ke_baris_csv, ke_csv
from kinerja.renstra.ekspor import ekspor
from tests.hitung_tangan import setengah_ke_atas

pytestmark = pytest.mark.django_db


def _baca(isi: bytes) -> list[list[str]]:
    assert isi.startswith(b"\xef\xbb\xbf"), "tanpa BOM UTF-8"
    teks = isi.decode("utf-8-sig")
    assert "\r\n" in teks
    return list(csv.reader(io.StringIO(teks, newline=""), delimiter=";"))


def test_fields_are_separated_by_semicolons_and_quoted_when_they_hold_one():
    isi = ke_csv([["a", "b;c", 'kata "kutip"', "81,37"], ["Bendogerit – Sananwetan", "", 3, "é"]])
    assert isi == ('\ufeffa;"b;c";"kata ""kutip""";81,37\r\nBendogerit – Sananwetan;;3;é\r\n'.encode())
    assert _baca(isi) == [["a", "b;c", 'kata "kutip"', "81,37"], ["Bendogerit – Sananwetan", "", "3", "é"]]


def test_numbers_carry_a_decimal_comma_and_no_thousands_dots():
    t = Tabel(kode="U", judul="Uji", kepala=[[Kepala("a"), Kepala("b"), Kepala("c"), Kepala("d")]])
    t.tambah([Sel(D("10907100008"), RUPIAH), Sel(D("81.375"), ANGKA), Sel(D("97"), PERSEN), Sel("Baik (84)")])
    assert ke_baris_csv(t, ribuan=False)[1] == ["10907100008", "81,38", "97,00%", "Baik (84)"]
    # The screen and JSON keep the Indonesian thousands dots.
    assert ke_baris_csv(t)[1][0] == "10.907.100.008"


def test_tabel_6_2_csv_has_the_documents_figures_in_split_columns(rencana_sampel):
    baris = _baca(ekspor("6.2", rencana_sampel, format="csv"))
    kepala = baris[0]
    assert all(len(b) == len(kepala) == 20 for b in baris)
    [dok] = [b for b in baris if b[2] == "7.01.01.2.01.0001"]
    # Naskah line 1397: 8 | 8.982.432 | 8 | 9.431.554 | 8 | 9.903.131 | 8 | 10.398.288 | 32 | 38.715.405
    assert dok[8:18] == ["8", "8982432", "8", "9431554", "8", "9903131", "8", "10398288", "32", "38715405"]
    # Kondisi akhir (Rp) = 8.982.432 + 9.431.554 + 9.903.131 + 10.398.288 = 38.715.405
    assert sum(int(x) for x in dok[9:17:2]) == int(dok[17]) == 38715405


def test_csv_downloads_split_into_columns(client, versi_sampel):
    client.force_login(get_user_model().objects.get(username="camat"))
    for nama, kolom in (("pengaduan:ekspor", 12), ("skm:respons_csv", 18)):
        r = client.get(reverse(nama, args=[versi_sampel.pd_id]) + "?tahun=2022")
        assert r["Content-Type"] == "text/csv; charset=utf-8"
        baris = _baca(r.content)
        assert len(baris) > 10 and all(len(b) == kolom for b in baris), nama
    r = client.get(reverse("renstra:unduh_tabel", args=[versi_sampel.pk, "6.1", "csv"]) + "?tahun=2022")
    assert _baca(r.content)[0][0] == "Tujuan 1"


def test_the_raw_survey_answers_give_the_same_ikm_when_read_back(client, versi_sampel, tmp_path, capsys):
    """The downloaded CSV is machine-readable: `kinerja skm ikm` reads it and agrees with the page."""
    from kinerja.skm.models import Respons

    client.force_login(get_user_model().objects.get(username="camat"))
    gedog = versi_sampel.pd.unit_set.get(nama_pendek="Gedog")
    r = client.get(reverse("skm:respons_csv", args=[versi_sampel.pd_id]) + f"?tahun=2022&unit={gedog.pk}")
    berkas = tmp_path / "respons.csv"
    berkas.write_bytes(r.content)
    call_command("skm", "ikm", str(berkas), "--json")
    data = json.loads(capsys.readouterr().out)
    # Independently: IKM = Σ_u (Σ answers_u / n_u) · 1/9 · 25 over the stored questionnaires.
    qs = Respons.objects.filter(unit=gedog, waktu__year=2022)
    ikm = Fraction(0)
    for i in range(1, 10):
        nilai = [v for v in qs.values_list(f"u{i}", flat=True) if v is not None]
        ikm += Fraction(sum(nilai), len(nilai)) / 9 * 25
    assert data["responden"] == qs.count()
    assert D(str(data["ikm"])) == setengah_ke_atas(ikm)
