"""The kelurahan profile: built from the records, readable by those who read the unit."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.rtkeren.models import Alokasi, RealisasiRt, RembugWarga
from kinerja.wilayah.models import RukunTetangga, Unit


@pytest.fixture
def unit(versi_sampel):
    return {u.nama_pendek: u for u in Unit.objects.filter(pd=versi_sampel.pd)}


def _buka(client, nama, pd, u, q=""):
    client.force_login(get_user_model().objects.get(username=nama))
    return client.get(reverse("profil_kelurahan", args=[pd.pk, u.pk]) + q)


def test_who_reads_which_profile(client, versi_sampel, unit):
    pd = versi_sampel.pd
    assert _buka(client, "lurah-gedog", pd, unit["Gedog"]).status_code == 200
    assert _buka(client, "lurah-gedog", pd, unit["Klampok"]).status_code == 403
    assert _buka(client, "operator-klampok", pd, unit["Gedog"]).status_code == 403
    assert _buka(client, "camat", pd, unit["Klampok"]).status_code == 200
    assert _buka(client, "camat", pd, unit["Kecamatan"]).status_code == 404  # the office is no kelurahan
    client.force_login(get_user_model().objects.get(username="camat"))
    assert client.get(reverse("profil_kelurahan", args=[pd.pk + 999, unit["Gedog"].pk])).status_code == 404


def test_the_profile_figures_equal_a_count_by_hand(client, versi_sampel, unit):
    klampok = unit["Klampok"]
    html = _buka(client, "camat", versi_sampel.pd, klampok, "?tahun=2099").content.decode()
    assert "Tahun 2099 tidak ada dalam rencana 2022–2026; yang ditampilkan tahun 2022." in html
    # Tabel 2.1: 1,53 km², 5.111 jiwa → 5.111 ÷ 1,53 = 3.340,5 → 3.341 jiwa/km²
    assert "1,53 km²" in html and "5.111 jiwa" in html and "3.341 jiwa/km²" in html
    # 24 RT, five to an RW
    assert "5 RW, 24 RT" in html
    rembug = {r.rt_id for r in RembugWarga.objects.filter(rt__unit=klampok, tanggal__year=2022)}
    belanja = defaultdict(Decimal)
    for x in RealisasiRt.objects.filter(
        kegiatan__usulan__rembug__rt__unit=klampok, kegiatan__usulan__tahun=2022
    ):
        belanja[x.kegiatan.usulan.rembug.rt_id] += x.jumlah
    berdaya = sum(
        1
        for a in Alokasi.objects.filter(rt__unit=klampok, tahun=2022)
        if a.rt_id in rembug and belanja[a.rt_id] * 4 >= a.pagu * 3
    )
    assert f"{berdaya} dari 24 RT" in html and f"{len(rembug)} dari 24 RT" in html
    assert "Realisasi pada bagian ini termasuk data demonstrasi" in html
    # Klampok's fourth quarter waits for verification: its rows say so, none looks verified
    assert "diajukan" in html and ">diverifikasi<" not in html


def test_the_profile_reads_the_same_number_of_queries_with_more_rts(client, versi_sampel, unit):
    gedog = unit["Gedog"]
    client.force_login(get_user_model().objects.get(username="camat"))
    alamat = reverse("profil_kelurahan", args=[versi_sampel.pd.pk, gedog.pk])

    def kueri():
        with CaptureQueriesContext(connection) as c:
            assert client.get(alamat).status_code == 200
        return len(c.captured_queries)

    sebelum = kueri()
    for i in range(1, 21):
        rt = RukunTetangga.objects.create(unit=gedog, rw=90, nomor=i)
        Alokasi.objects.create(rt=rt, tahun=2022, pagu=60_000_000)
        RembugWarga.objects.create(rt=rt, tanggal=dt.date(2022, 2, 1), tempat="Pos")
    assert kueri() == sebelum


def test_plan_rows_show_indonesian_numbers_and_link_computed_rows_to_their_records(
    client, versi_sampel, unit
):
    pd, gedog = versi_sampel.pd, unit["Gedog"]
    html = _buka(client, "camat", pd, gedog).content.decode()
    # Gedog's printed 2022 target of "Jumlah peserta musrenbang RKPD" is 1675 people: written 1.675
    assert ">1.675</td>" in html and ">1675</td>" not in html
    # the RT Keren rows say where their figure comes from, and link there
    rt_keren = reverse("rtkeren:kelurahan", args=[pd.pk, 2022, gedog.pk])
    assert f'<a class="lencana" href="{rt_keren}">dihitung dari catatan RT Keren</a>' in html
    # the RT holding a rembug warga in 2022, counted by hand, is the row's realisation
    rembug = len({r.rt_id for r in RembugWarga.objects.filter(rt__unit=gedog, tanggal__year=2022)})
    baris = html.split("rembuk warga", 1)[1].split("</tr>", 1)[0]
    assert f">{rembug}</td>" in baris


def test_the_rt_keren_year_of_the_sample_is_labelled_as_demonstration(client, versi_sampel, unit):
    html = _buka(client, "camat", versi_sampel.pd, unit["Gedog"]).content.decode()
    assert "Catatan RT Keren 2022 pada bagian ini termasuk data demonstrasi." in html
    RembugWarga.objects.filter(rt__unit=unit["Gedog"]).update(notulen="Notulen warga")
    html = _buka(client, "camat", versi_sampel.pd, unit["Gedog"]).content.decode()
    assert "Catatan RT Keren 2022 pada bagian ini termasuk data demonstrasi." not in html


def test_the_headline_population_is_the_latest_year_and_the_table_runs_oldest_first(
    client, versi_sampel, unit
):
    from kinerja.wilayah.models import Penduduk

    klampok = unit["Klampok"]
    Penduduk.objects.create(unit=klampok, tahun=2021, laki_laki=2600, perempuan=2600, jumlah=5200)
    html = _buka(client, "camat", versi_sampel.pd, klampok).content.decode()
    # 5.200 jiwa ÷ 1,53 km² = 3.398,7 → 3.399 jiwa/km² (2021, not the printed 2020 row)
    assert "<dt>Penduduk 2021</dt><dd>5.200 jiwa" in html and "3.399 jiwa/km²" in html
    tabel = html.split("<caption>Penduduk per tahun</caption>", 1)[1]
    assert tabel.index('<th scope="row">2020</th>') < tabel.index('<th scope="row">2021</th>')
