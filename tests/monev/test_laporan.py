"""Report figures on the sample, checked against values computed by hand from the stored rows."""

from __future__ import annotations

import io
import json
from decimal import Decimal as D
from fractions import Fraction

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from kinerja.core.tabel import teks_sel
from kinerja.monev import capaian as cp
from kinerja.monev.laporan import tabel_e81
from kinerja.monev.lkjip import tabel_lkjip
from kinerja.monev.models import Realisasi, RealisasiAnggaran
from kinerja.monev.pk import tabel_pk
from kinerja.monev.selectors import muat_evaluasi
from kinerja.renstra.models import Anggaran, Indikator, Pagu, PlanNode, Target
from tests.hitung_tangan import setengah_ke_atas

pytestmark = pytest.mark.django_db
T = PlanNode.Tingkat


@pytest.fixture
def ev22(rencana_sampel):
    return muat_evaluasi(rencana_sampel, 2022, 4)


def _tangan(ind: Indikator, lokasi_id, tahun=2022, sampai=4) -> D | None:
    """The year's realisation the way a planner adds it up from the quarters."""
    nilai = {
        r.triwulan: r.nilai
        for r in Realisasi.objects.filter(
            indikator=ind, lokasi_id=lokasi_id, tahun=tahun, triwulan__gte=1, triwulan__lte=sampai
        )
        if r.nilai is not None
    }
    if not nilai:
        return None
    if ind.agregasi_triwulan == "jumlah":
        return sum(nilai.values(), D(0))
    return nilai[max(nilai)]


def test_the_ikm_of_2022_is_computed_from_the_individual_questionnaires(ev22):
    from kinerja.skm import ikm
    from kinerja.skm.models import Respons

    b = next(b for b in ev22.baris_indikator if b.ind.ukuran == "ikm" and b.node.tingkat == T.TUJUAN)
    jawaban = Respons.objects.filter(unit__pd=ev22.pd, waktu__year=2022).values(
        *[f"u{i}" for i in range(1, 10)]
    )
    tangan = ikm.dari_jawaban({f"U{i}": r[f"u{i}"] for i in range(1, 10)} for r in jawaban)
    assert b.realisasi == tangan.ikm and b.tw[3].sumber == "dihitung"
    assert f"IKM dari {tangan.responden} kuesioner" in b.tw[3].keterangan
    assert b.target_tahun.teks == "Baik (84)"
    assert b.capaian.nilai == tangan.ikm / D(84) * 100


def test_a_count_adds_up_its_quarters_and_a_missing_quarter_stays_missing(ev22, sampel):
    gedog = sampel.unit["Gedog"].pk
    b = next(b for b in ev22.baris_indikator if b.lokasi_id == gedog and b.ind.agregasi_triwulan == "jumlah")
    assert b.tw[3] is None  # Gedog's fourth quarter is open for practice: no value yet
    assert b.realisasi == _tangan(Indikator.objects.get(pk=b.ind.pk), gedog)
    t = Target.objects.get(indikator_id=b.ind.pk, lokasi_id=gedog, tahun=2022)
    assert b.capaian.nilai == b.realisasi / t.nilai * 100


def test_every_capaian_of_2022_matches_a_hand_computation(ev22):
    dibandingkan = set()
    for b in ev22.baris_indikator:
        ind = Indikator.objects.get(pk=b.ind.pk)
        real = _tangan(ind, b.lokasi_id)
        if real is None or b.target_tahun.nilai is None:
            continue
        assert b.realisasi == real, b.ind.nama
        target = D(b.target_tahun.nilai)
        assert b.capaian.nilai == (real / target * 100 if target else D(100)), b.ind.nama
        dibandingkan.add((b.ind.pk, b.lokasi_id))
    # Every row of the report that has a 2022 realisation and a 2022 target was compared.
    baris = {(b.ind.pk, b.lokasi_id) for b in ev22.baris_indikator}
    ada_realisasi = set(
        Realisasi.objects.filter(tahun=2022, triwulan__gte=1, nilai__isnull=False).values_list(
            "indikator_id", "lokasi_id"
        )
    )
    ada_target = set(
        Target.objects.filter(tahun=2022, nilai__isnull=False).values_list("indikator_id", "lokasi_id")
    )
    harap = baris & ada_realisasi & ada_target
    assert len(harap) > 100
    assert dibandingkan == harap


def _kaki(t) -> list:
    return [baris for baris, kelas in zip(t.baris, t.kelas_baris, strict=True) if kelas == "kaki"]


def _baris_kaki(t, awal: str) -> list:
    return next(b for b in _kaki(t) if str(b[0].nilai).startswith(awal))


@pytest.mark.parametrize("batas", [False, True])
def test_the_e81_footer_gives_the_mean_of_each_plan_level(ev22, batas):
    ev22.pd.pemda.batasi_capaian_100 = batas
    t = tabel_e81(ev22)
    per: dict[int, list[Fraction]] = {}
    for b in ev22.baris_indikator:
        if b.capaian and b.capaian.nilai is not None:
            c = Fraction(b.capaian.nilai)
            per.setdefault(b.node.tingkat, []).append(min(c, Fraction(100)) if batas else c)
    assert {T.PROGRAM, T.KEGIATAN, T.SUB_KEGIATAN} <= set(per)
    for tingkat, nama in ((T.PROGRAM, "program"), (T.KEGIATAN, "kegiatan"), (T.SUB_KEGIATAN, "sub kegiatan")):
        harap = setengah_ke_atas(sum(per[tingkat]) / len(per[tingkat]))
        assert _baris_kaki(t, f"Rata-rata capaian kinerja {nama} (%)")[25].nilai == harap
        assert _baris_kaki(t, f"Predikat kinerja {nama}")[25].nilai == cp.predikat(harap).label
    kalimat = "dihitung 100% dalam rata-rata" if batas else "dihitung apa adanya (tidak dibatasi 100%)"
    assert kalimat in _baris_kaki(t, "Capaian di atas 100%")[4].nilai
    assert "Rp" in _baris_kaki(t, "Realisasi anggaran (serapan)")[4].nilai
    judul = [b[0].nilai for b in _kaki(t)]
    assert judul[-4:] == [
        "Faktor pendorong keberhasilan pencapaian",
        "Faktor penghambat pencapaian kinerja",
        "Tindak lanjut yang diperlukan dalam triwulan berikutnya",
        "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah tahun berikutnya",
    ]
    assert any("DEMONSTRASI" in c for c in t.catatan)


def test_budget_absorption_of_a_sub_kegiatan_is_its_quarters_over_its_apbd(ev22, sampel):
    rembang = sampel.unit["Rembang"].pk
    b = next(
        b for b in ev22.baris if b.ada_rp and b.node.tingkat == T.SUB_KEGIATAN and b.lokasi_id == rembang
    )
    jumlah = sum(
        a.jumlah for a in RealisasiAnggaran.objects.filter(node_id=b.node.pk, lokasi_id=rembang, tahun=2022)
    )
    # The sample's demonstration APBD murni 2022, not the Renstra's pagu indikatif.
    apbd = Anggaran.objects.get(node_id=b.node.pk, lokasi_id=rembang, tahun=2022, tahap="murni")
    pagu = Pagu.objects.get(node_id=b.node.pk, lokasi_id=rembang, tahun=2022).jumlah
    assert apbd.demo and apbd.jumlah != pagu
    assert b.rp_realisasi == jumlah and b.rp_capaian == jumlah / apbd.jumlah * 100
    assert b.rp_target == apbd.jumlah and b.rp_pagu == pagu and b.rp_dasar == ("apbd_murni",)


def test_column_13_adds_last_years_realisation_for_counts_and_takes_the_latest_for_levels(
    rencana_sampel, sampel
):
    klampok = sampel.unit["Klampok"]
    ev = muat_evaluasi(rencana_sampel, 2023, 4)
    hitung = next(
        b for b in ev.baris_indikator if b.lokasi_id == klampok.pk and b.ind.agregasi_akhir == "jumlah"
    )
    # The document plans other indicators for 2022 than for 2023, so give this one a 2022 result
    # (a whole-year figure) and two quarters of 2023.
    Realisasi.objects.create(
        indikator_id=hitung.ind.pk, lokasi=klampok, tahun=2022, triwulan=0, teks="3", jenis="angka", nilai=3
    )
    for tw, n in ((1, 2), (2, 1)):
        Realisasi.objects.create(
            indikator_id=hitung.ind.pk,
            lokasi=klampok,
            tahun=2023,
            triwulan=tw,
            teks=str(n),
            jenis="angka",
            nilai=n,
        )
    ev = muat_evaluasi(rencana_sampel, 2023, 4)
    b = next(x for x in ev.baris_indikator if x.ind.pk == hitung.ind.pk and x.lokasi_id == klampok.pk)
    assert (b.lalu, b.realisasi, b.sd_kini) == (3, 3, 6)
    akhir = rencana_sampel.kondisi_akhir(b.ind, klampok.pk, rencana_sampel.versi.tahun_rencana)
    assert b.capaian_renstra.nilai == D(6) / akhir.nilai * 100
    standar = next(b for b in ev.baris_indikator if b.ind.ukuran == "pelayanan-sesuai-standar")
    # A level takes its latest year: 2022 computed from the service log (2021 is printed as 10%
    # in Tabel 2.3.1), and nothing logged yet in 2023.
    from kinerja.layanan.models import Pelayanan

    selesai = Pelayanan.objects.filter(
        unit__pd=sampel.versi.pd, diterima__year=2022, hasil__in=["selesai", "ditolak"]
    )
    persen = setengah_ke_atas(Fraction(selesai.filter(sesuai_standar=True).count() * 100, selesai.count()))
    assert standar.lalu == persen and standar.sd_kini == standar.lalu


def test_lkjip_compares_with_the_documents_own_history(rencana_sampel):
    t31, t32, t33, t34 = tabel_lkjip(rencana_sampel, 2022)
    baris = next(b for b in t32.baris if b[1].nilai.startswith("Persentase pelayanan yang sesuai"))
    # Per year: target, realisasi, capaian. Tabel 2.3.1 (line 731) prints targets 90%, 92%, 94%, 97%
    # and realisasi 91%, 93%, 10%, 10% for 2018–2021.
    teks = [teks_sel(s) for s in baris[3:15]]
    assert teks[0::3] == ["90", "92", "94", "97"]
    assert [x.split(" [")[0] for x in teks[1::3]] == ["91", "93", "10", "10"]
    # 91 ÷ 90 = 101,11 %; 93 ÷ 92 = 101,09 %; 10 ÷ 94 = 10,64 %; 10 ÷ 97 = 10,31 %.
    assert teks[2::3] == ["101,11%", "101,09%", "10,64%", "10,31%"]
    # The truncated "10%" of 2020 and 2021 carries the checker's marks, explained in the notes.
    assert teks[7].startswith("10 [T") and teks[10].startswith("10 [T")
    tanda = teks[7].split(" ")[1]
    assert any(c.startswith(tanda) and "terpotong menjadi 10%" in c for c in t32.catatan)
    assert baris[10].tautan.startswith(f"/renstra/{rencana_sampel.versi.pk}/pemeriksaan/#t-")
    ikm = next(b for b in t32.baris if b[1].nilai.startswith("Indeks Kepuasan"))
    assert [teks_sel(s) for s in ikm[3:15]] == ["baik", "baik", "Tercapai"] * 4
    assert teks_sel(ikm[2]) == "IKU" and teks_sel(baris[2]) == ""
    jumlah = t34.baris[-1]
    # LKjIP 3.4's anggaran is the APBD in force; cells without one (pagu 0) keep their pagu indikatif.
    apbd = Anggaran.objects.filter(node__versi=rencana_sampel.versi, tahun=2022)
    ada = set(apbd.values_list("node_id", "lokasi_id"))
    sisa = Pagu.objects.filter(node__versi=rencana_sampel.versi, tahun=2022, node__tingkat=T.SUB_KEGIATAN)
    harap = sum(a.jumlah for a in apbd) + sum(p.jumlah for p in sisa if (p.node_id, p.lokasi_id) not in ada)
    assert jumlah[3].nilai == harap != rencana_sampel.pagu_tahun(2022)
    assert any("APBD murni 2022 (Data demonstrasi)" in c for c in t34.catatan)


def test_the_pk_lists_the_sasaran_and_the_programs_with_their_pagu(ev22, rencana_sampel):
    sasaran, program = tabel_pk(ev22)
    # Sasaran only (Tabel 4.1.1 lines 905–907), the IKM of the tujuan and the tujuan's SAKIP left out.
    assert [b[4].nilai for b in sasaran.baris] == ["97%", "75%", "A (85)"]
    # Annex 2 takes the APBD in force (the sample's demonstration APBD murni 2022); a sub kegiatan ×
    # lokasi without one keeps its pagu indikatif.
    apbd = Anggaran.objects.filter(node__versi=rencana_sampel.versi, tahun=2022)
    ada = set(apbd.values_list("node_id", "lokasi_id"))
    sisa = Pagu.objects.filter(node__versi=rencana_sampel.versi, tahun=2022, node__tingkat=T.SUB_KEGIATAN)
    harap = sum(a.jumlah for a in apbd) + sum(p.jumlah for p in sisa if (p.node_id, p.lokasi_id) not in ada)
    assert program.baris[-1][3].nilai == harap != rencana_sampel.pagu_tahun(2022)
    assert all(
        b[4].nilai.startswith("APBD murni 2022") and b[4].nilai.endswith("(Data demonstrasi)")
        for b in program.baris[:-1]
    )


def test_the_running_tables_2_3_1_and_2_3_2(client, sampel):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="camat"))
    r = client.get(reverse("monev:laporan", args=[sampel.versi.pk, 2022, "2.3.2"]))
    assert r.status_code == 200 and "Jumlah" in r.content.decode()
    r = client.get(reverse("monev:laporan", args=[sampel.versi.pk, 2022, "2.3.1"]))
    assert "Indeks Kepuasan Masyarakat" in r.content.decode()


def test_kinerja_capaian_json(capsys):
    call_command("capaian", "--year", "2022", "--triwulan", "2", "--json")
    baris = json.loads(capsys.readouterr().out)
    assert {"indikator", "lokasi", "arah", "target", "realisasi", "capaian", "predikat"} <= set(baris[0])
    ikm = baris[0]
    assert ikm["arah"] == "naik" and ikm["target"] == 84 and ikm["triwulan"] == 2
    assert ikm["capaian"] == float(setengah_ke_atas(Fraction(str(ikm["realisasi"])) / 84 * 100))
    assert all(b["capaian"] is None or isinstance(b["capaian"], (int, float)) for b in baris)


def test_kinerja_capaian_refuses_a_year_outside_the_plan():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="di luar periode"):
        call_command("capaian", "--year", "2030")


@pytest.mark.parametrize("kode", ["E.81", "E.80", "PK", "LKJIP", "RENJA"])
def test_export_writes_every_report_as_a_workbook_with_numbers(kode, tmp_path):
    tujuan = tmp_path / f"{kode}.xlsx"
    call_command("export", kode, "--year", "2022", "--triwulan", "3", "-o", str(tujuan))
    wb = openpyxl.load_workbook(tujuan)
    angka = [c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, (int, float))]
    assert angka, "the workbook holds numbers as numbers"
    assert any("[$-421]" in c.number_format for ws in wb for row in ws.iter_rows() for c in row)


def test_export_e81_json(capsys):
    call_command("export", "E.81", "--year", "2022", "--triwulan", "4", "--format", "json", "-o", "-")
    data = json.loads(capsys.readouterr().out)
    assert data["laporan"] == "E.81" and data["triwulan"] == 4
    tingkat = {x["tingkat"]: x for x in data["kaki"]["rata_rata_per_tingkat"]}
    assert {"program", "kegiatan", "sub kegiatan"} <= set(tingkat)
    assert tingkat["program"]["capaian_renja"]["predikat"]
    assert data["kaki"]["batasi_capaian_100"] is False and "tindak_lanjut_renja_berikutnya" in data["kaki"]
    assert [t["peran"] for t in data["tanda_tangan"]] == ["Disusun", "Dievaluasi"]
    assert data["baris"][0]["k"]["8_11_triwulan"][0] is not None


def test_a_report_page_offers_its_workbook(client, sampel):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="camat"))
    r = client.get(
        reverse("monev:unduh_laporan", args=[sampel.versi.pk, 2022, "E.81", "xlsx"]) + "?triwulan=4"
    )
    assert r.status_code == 200 and "E81-2022-TW4" in r["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    assert wb.active.freeze_panes is not None
