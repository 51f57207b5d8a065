"""E.81 and E.80 as the forms of Permendagri 86/2017 draw them: headers against the column file,
footers per plan level computed by hand (with and without the 100% cap), the predikat of TW I–III
against the rencana aksi, the rencana aksi page, and the Renja follow-up typed by the operator."""

from __future__ import annotations

import json
from decimal import Decimal as D
from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kinerja.core.angka import format_angka
from kinerja.core.models import CatatanAudit
from kinerja.monev import capaian as cp
from kinerja.monev import ekspor
from kinerja.monev import rencana_aksi as ra
from kinerja.monev.laporan import (
    BELUM_AKHIR_TAHUN,
    KOLOM_CAPAIAN,
    KolomE81,
    per_tingkat,
    rata_kolom,
    tabel_e80,
    tabel_e81,
)
from kinerja.monev.models import Realisasi, TargetTriwulan
from kinerja.monev.selectors import muat_evaluasi
from kinerja.renstra.models import PlanNode, Target
from tests.hitung_tangan import setengah_ke_atas

pytestmark = pytest.mark.django_db
T = PlanNode.Tingkat
KOLOM = json.loads((Path(__file__).parents[1] / "data" / "kolom_formulir.json").read_text())


def _user(nama):
    return get_user_model().objects.get(username=nama)


def _kaki(t) -> list:
    return [b for b, k in zip(t.baris, t.kelas_baris, strict=True) if k == "kaki"]


def _baris_kaki(t, awal: str) -> list:
    return next(b for b in _kaki(t) if str(b[0].nilai).startswith(awal))


# --- headers against the column file ----------------------------------------------------------------


def _harap(spec: list[dict], isi: dict, tahun: list[int] | None = None) -> list[str]:
    """The flat column names a header must give, from the column file: the merged headers above a
    column, then K/Rp, then the form's column number."""
    hasil = []
    for k in spec:
        if "kelompok" in k:
            awal, akhir = (int(x) for x in k["nomor"].split("-"))
            sub = k.get("sub") or [f"{i} ({y})" for i, y in enumerate(tahun, start=1)]
            assert len(sub) == akhir - awal + 1
            for nomor, s in zip(range(awal, akhir + 1), sub, strict=True):
                hasil += [f"{k['kelompok']} {s} K {nomor}", f"{k['kelompok']} {s} Rp {nomor}"]
            continue
        judul = k["judul"].format(**isi)
        label = k.get("label_nomor", str(k["nomor"]))
        hasil += [f"{judul} K {label}", f"{judul} Rp {label}"] if k.get("k_rp") else [f"{judul} {label}"]
    return hasil


@pytest.mark.parametrize("tw", [4, 1])
def test_the_e81_header_is_the_forms_15_columns_then_this_systems_own(rencana_sampel, tw):
    ev = muat_evaluasi(rencana_sampel, 2022, tw)
    nama = tabel_e81(ev).nama_kolom()
    v = rencana_sampel.versi
    harap = _harap(KOLOM["e81"]["kolom"], {"tahun": 2022, "tahun_lalu": 2021, "tahun_akhir": v.tahun_akhir})
    assert len(harap) == 4 + 2 * 10 + 1  # 1–4, ten K/Rp pairs (5–14), 15
    assert nama[: len(harap)] == harap
    tambahan = KOLOM["e81"]["tambahan" if tw == 4 else "tambahan_triwulan_1_3"]
    assert nama[len(harap) :] == [f"{x.format(triwulan='I')} {16 + i}" for i, x in enumerate(tambahan)]


def test_the_e80_header_is_the_forms_22_columns_with_the_code_inside_column_3(rencana_sampel):
    v = rencana_sampel.versi
    tahun = v.tahun_rencana
    assert len(tahun) == 5  # the form's five years
    t = tabel_e80(rencana_sampel)
    nama = t.nama_kolom()
    harap = _harap(
        KOLOM["e80"]["kolom"],
        {"tahun_awal": v.tahun_kondisi_awal or "", "tahun_akhir": v.tahun_akhir},
        tahun,
    )
    assert len(harap) == 5 + 2 * 16 + 1  # 1–5, sixteen K/Rp pairs (6–21), 22
    assert nama[: len(harap)] == harap
    assert nama[len(harap) :] == [f"{x} {23 + i}" for i, x in enumerate(KOLOM["e80"]["tambahan"])]
    # The code sits before the name in column 3, never in a column of its own.
    program = next(b for b, k in zip(t.baris, t.kelas_baris, strict=True) if "t3" in k.split())
    node = PlanNode.objects.filter(versi=v, tingkat=T.PROGRAM).order_by("urutan", "pk").first()
    assert program[2].nilai == f"{node.kode} {node.nama}" and program[1] is not None and not program[1].nilai


def test_both_footers_have_the_forms_rows_and_signatures(rencana_sampel):
    e81 = tabel_e81(muat_evaluasi(rencana_sampel, 2022, 4))
    e80 = tabel_e80(rencana_sampel)
    for t, spec in ((e81, KOLOM["e81"]), (e80, KOLOM["e80"])):
        judul = [str(b[0].nilai) for b in _kaki(t)]
        rata, predikat, *teks = spec["kaki"]
        awal = rata.removesuffix(" (%)")
        assert any(j.startswith(awal) and "(%)" in j for j in judul)
        assert any(j.startswith(predikat) for j in judul)
        assert judul[-len(teks) :] == teks
        assert [s.peran for s in t.ttd] == spec["tanda_tangan"]
    disusun, dievaluasi = e81.ttd
    pd = rencana_sampel.pd
    assert disusun.nama == pd.pimpinan_nama and pd.pimpinan_jabatan in disusun.jabatan
    assert "Kepala Perangkat Daerah" in disusun.jabatan
    assert dievaluasi.jabatan == f"Kepala Bappeda {pd.pemda.nama}"
    assert disusun.tempat_tanggal.startswith("Blitar, ")
    # The sample leaves the Bappeda head and the NIPs empty: the report says where to fill them.
    assert any("'Dievaluasi'" in c and "Administrasi, pengaturan pemerintah daerah" in c for c in e81.catatan)


def test_the_signatures_print_with_names_and_nip_once_filled(client, rencana_sampel):
    pemda = rencana_sampel.pd.pemda
    pemda.kepala_bappeda_nama, pemda.kepala_bappeda_nip = "Ir. Contoh Bappeda", "197001011990031001"
    pemda.save()
    pd = rencana_sampel.pd
    pd.pimpinan_nip = "198002022005011002"
    pd.save()
    client.force_login(_user("camat"))
    url = reverse("monev:laporan", args=[rencana_sampel.versi.pk, 2022, "E.81"]) + "?triwulan=4"
    halaman = client.get(url).content.decode()
    assert (
        "Dievaluasi," in halaman and "Ir. Contoh Bappeda" in halaman and "NIP. 197001011990031001" in halaman
    )
    assert "NIP. 198002022005011002" in halaman and "belum lengkap" not in halaman


# --- footers computed by hand ---------------------------------------------------------------------


def _baris(tingkat: int, arah: str, target: int, realisasi: int):
    return SimpleNamespace(
        node=SimpleNamespace(tingkat=tingkat),
        capaian=cp.hitung(arah=arah, target=D(target), realisasi=D(realisasi)),
    )


KECIL = [
    _baris(T.PROGRAM, "naik", 10, 12),  # 120%
    _baris(T.KEGIATAN, "naik", 10, 9),  # 90%
    _baris(T.KEGIATAN, "naik", 10, 7),  # 70%
    _baris(T.SUB_KEGIATAN, "naik", 10, 10),  # 100%
    _baris(T.SUB_KEGIATAN, "naik", 10, 5),  # 50%
    _baris(T.SUB_KEGIATAN, "naik", 10, 13),  # 130%
    _baris(T.SUB_KEGIATAN, "turun", 10, 5),  # (2 × 10 − 5) ÷ 10 = 150%
]


@pytest.mark.parametrize(
    ("batas", "harap"),
    [
        # One flat mean would be 710 ÷ 7 = 101,43 (Sangat Tinggi) whatever the levels do.
        (
            False,
            {
                T.PROGRAM: ("120", "Sangat Tinggi"),
                T.KEGIATAN: ("80", "Tinggi"),
                T.SUB_KEGIATAN: ("107.5", "Sangat Tinggi"),
            },
        ),
        # Capped: 120 → 100; sub kegiatan (100 + 50 + 100 + 100) ÷ 4 = 87,5.
        (
            True,
            {
                T.PROGRAM: ("100", "Sangat Tinggi"),
                T.KEGIATAN: ("80", "Tinggi"),
                T.SUB_KEGIATAN: ("87.5", "Tinggi"),
            },
        ),
    ],
)
def test_means_per_level_of_a_small_plan_by_hand(batas, harap):
    per = per_tingkat(KECIL)
    assert list(per) == [T.PROGRAM, T.KEGIATAN, T.SUB_KEGIATAN]
    for tingkat, (nilai, predikat) in harap.items():
        r = rata_kolom(per[tingkat], lambda b: b.capaian.nilai, batas_100=batas)
        assert r.nilai == D(nilai) and r.predikat.label == predikat
        assert r.jumlah == len(per[tingkat])
    # The rows keep their own capaian: only the mean is capped.
    assert KECIL[0].capaian.nilai == 120


def test_the_e80_footer_is_the_mean_per_level_and_year_under_the_ratio_columns(rencana_sampel):
    t = tabel_e80(rencana_sampel)
    tahun = rencana_sampel.versi.tahun_rencana
    ev = muat_evaluasi(rencana_sampel, 2022, 4)
    sub = [
        Fraction(b.capaian.nilai)
        for b in ev.baris_indikator
        if b.node.tingkat == T.SUB_KEGIATAN and b.capaian.nilai is not None
    ]
    harap = setengah_ke_atas(sum(sub) / len(sub))
    baris = _baris_kaki(t, "Rata-rata capaian kinerja sub kegiatan (%)")
    k = 7 + 4 * len(tahun) + 2 * tahun.index(2022)  # the ratio K of 2022 (0-based column)
    assert baris[k].nilai == harap
    assert _baris_kaki(t, "Predikat kinerja sub kegiatan")[k].nilai == cp.predikat(harap).label
    assert _baris_kaki(t, "Usulan tindak lanjut pada Renstra")[4].nilai.startswith("–")


# --- TW I–III: predikat against the rencana aksi --------------------------------------------------------


def test_tw_i_without_quarterly_targets_says_belum_akhir_tahun(rencana_sampel):
    ev = muat_evaluasi(rencana_sampel, 2022, 1)
    t = tabel_e81(ev)
    kol = KolomE81(1)
    isi = [sel for b, sel in zip(ev.baris, t.baris, strict=False) if b.ind is not None]
    assert isi and all(sel[kol.predikat].nilai == BELUM_AKHIR_TAHUN for sel in isi)
    for nama in ("program", "kegiatan", "sub kegiatan"):
        pred = _baris_kaki(t, f"Predikat kinerja {nama}")
        assert (
            pred[KOLOM_CAPAIAN].nilai == BELUM_AKHIR_TAHUN
            and pred[kol.capaian_aksi].nilai == BELUM_AKHIR_TAHUN
        )
    assert any("belum akhir tahun" in c for c in t.catatan)
    data = ekspor.baris_e81(ev)
    assert data["kaki"]["predikat_tahunan"] == BELUM_AKHIR_TAHUN
    assert all(x["capaian_renja"]["predikat"] is None for x in data["kaki"]["rata_rata_per_tingkat"])
    # The rows of the JSON say so too: no predikat against the year's target on a part year.
    assert {x["predikat"] for x in data["baris"] if x["k"]} == {BELUM_AKHIR_TAHUN}


def test_tw_i_with_a_quarterly_target_gives_the_predikat_against_it(rencana_sampel):
    ev = muat_evaluasi(rencana_sampel, 2022, 1)
    b = next(
        b
        for b in ev.baris_indikator
        if b.node.tingkat == T.SUB_KEGIATAN and b.ind.arah == "naik" and b.realisasi and b.realisasi > 0
    )
    # The quarter's target is 5/4 of what was reached: capaian 4/5 = 80,00% → Tinggi.
    TargetTriwulan.objects.create(
        indikator_id=b.ind.pk, lokasi_id=b.lokasi_id, tahun=2022, triwulan=1, nilai=b.realisasi * 5 / 4
    )
    ev = muat_evaluasi(rencana_sampel, 2022, 1)
    t = tabel_e81(ev)
    kol = KolomE81(1)
    i = next(
        i
        for i, x in enumerate(ev.baris)
        if x.ind is not None and x.ind.pk == b.ind.pk and x.lokasi_id == b.lokasi_id
    )
    assert t.baris[i][kol.capaian_aksi].nilai == D("80.00")
    assert t.baris[i][kol.predikat].nilai == "Tinggi"
    rata = _baris_kaki(t, "Rata-rata capaian kinerja sub kegiatan (%)")
    assert rata[kol.target_aksi].nilai.startswith("1 dari ") and rata[kol.capaian_aksi].nilai == D("80.00")
    pred = _baris_kaki(t, "Predikat kinerja sub kegiatan")
    assert pred[kol.capaian_aksi].nilai == "Tinggi" and pred[KOLOM_CAPAIAN].nilai == BELUM_AKHIR_TAHUN
    sub = next(
        x for x in ekspor.baris_e81(ev)["kaki"]["rata_rata_per_tingkat"] if x["tingkat"] == "sub kegiatan"
    )
    assert sub["rencana_aksi"] == {
        "baris_bertarget": 1,
        "rata_rata": 80,
        "baris_dihitung": 1,
        "predikat": "Tinggi",
    }
    baris = [
        x
        for x in ekspor.baris_e81(ev)["baris"]
        if x["k"] and x["indikator"] == b.ind.nama and x["predikat"] != BELUM_AKHIR_TAHUN
    ]
    assert [(x["predikat"], x["capaian_rencana_aksi"]) for x in baris] == [("Tinggi", 80)]


# --- the rencana aksi page ------------------------------------------------------------------------------


def _url_aksi(versi, tahun=2022, lokasi=None):
    return reverse("monev:rencana_aksi", args=[versi.pk, tahun]) + (f"?lokasi={lokasi}" if lokasi else "")


def _dua_baris(rencana_sampel):
    baris = [
        b
        for b in ra.baris_aksi(rencana_sampel, 2022)
        if b.lokasi_id is None and b.ind.arah == "naik" and b.target_tahun > 0
    ]
    assert len(baris) >= 2
    return baris[0], baris[1]


def test_the_rencana_aksi_page_refuses_an_operator(client, rencana_sampel):
    client.force_login(_user("operator-gedog"))
    a, _ = _dua_baris(rencana_sampel)
    assert client.get(_url_aksi(rencana_sampel.versi)).status_code == 403
    r = client.post(_url_aksi(rencana_sampel.versi), {f"t-{a.kunci}-1": "1"})
    assert r.status_code == 403 and not TargetTriwulan.objects.exists()


def test_an_absurd_value_is_refused_in_indonesian_and_every_typed_value_stays(client, rencana_sampel):
    client.force_login(_user("perencana"))
    a, b = _dua_baris(rencana_sampel)
    besar = format_angka(a.target_tahun * 1000)
    r = client.post(
        _url_aksi(rencana_sampel.versi),
        {f"t-{a.kunci}-1": str(besar), f"t-{b.kunci}-1": "-3", f"t-{b.kunci}-2": "dua"},
    )
    teks = r.content.decode()
    assert r.status_code == 400 and "Belum disimpan" in teks
    assert "kali target setahun" in teks and "tidak boleh negatif" in teks and "bukan angka" in teks
    assert f'value="{besar}"' in teks and 'value="-3"' in teks and 'value="dua"' in teks
    assert not TargetTriwulan.objects.exists()


def test_a_number_with_a_word_after_it_is_refused_not_cut_short(client, rencana_sampel):
    """'3 ribu' is not 3 and '1e5' is not 1: only the indicator's own unit may follow the number."""
    client.force_login(_user("perencana"))
    a, b = _dua_baris(rencana_sampel)
    r = client.post(_url_aksi(rencana_sampel.versi), {f"t-{a.kunci}-1": "3 ribu", f"t-{b.kunci}-1": "1e5"})
    teks = r.content.decode()
    assert r.status_code == 400 and "bukan angka dalam satuan indikator ini" in teks and "eksponen" in teks
    assert 'value="3 ribu"' in teks and 'value="1e5"' in teks
    assert not TargetTriwulan.objects.exists()


def test_falling_cumulative_targets_are_refused(client, rencana_sampel):
    client.force_login(_user("perencana"))
    a, _ = _dua_baris(rencana_sampel)
    r = client.post(_url_aksi(rencana_sampel.versi), {f"t-{a.kunci}-1": "0,5", f"t-{a.kunci}-2": "0,25"})
    assert r.status_code == 400 and "lebih kecil dari triwulan I" in r.content.decode()
    assert not TargetTriwulan.objects.exists()


def test_the_head_sets_quarterly_targets_with_an_audit_entry(client, rencana_sampel):
    client.force_login(_user("camat"))
    a, _ = _dua_baris(rencana_sampel)
    r = client.post(_url_aksi(rencana_sampel.versi), {f"t-{a.kunci}-1": "0", f"t-{a.kunci}-2": ""})
    assert r.status_code == 302
    t = TargetTriwulan.objects.get()
    assert (t.indikator_id, t.lokasi_id, t.triwulan, t.nilai) == (a.ind.pk, None, 1, 0)
    assert CatatanAudit.objects.filter(aksi="target_triwulan.isi", objek_id=str(t.pk)).exists()
    halaman = client.get(_url_aksi(rencana_sampel.versi)).content.decode()
    assert f'name="t-{a.kunci}-1" id="t-{a.kunci}-1" value="0"' in halaman
    # An empty submit changes nothing; emptying the box removes the target.
    assert client.post(_url_aksi(rencana_sampel.versi), {}).status_code == 302
    assert TargetTriwulan.objects.count() == 1
    client.post(_url_aksi(rencana_sampel.versi), {f"t-{a.kunci}-1": ""})
    assert not TargetTriwulan.objects.exists()
    assert CatatanAudit.objects.filter(aksi="target_triwulan.hapus").exists()


def test_a_year_outside_the_plan_is_not_found(client, rencana_sampel):
    client.force_login(_user("perencana"))
    assert client.get(_url_aksi(rencana_sampel.versi, 2031)).status_code == 404


# --- the operator types the Renja follow-up --------------------------------------------------------------


def test_the_operator_fills_the_renja_follow_up_and_e81_prints_it_in_its_own_row(client, sampel):
    client.force_login(_user("operator-gedog"))
    nama = "Jumlah peserta pembinaan perekonomian dan kesejahteraan rakyat"
    ind = (
        Target.objects.filter(
            indikator__node__versi=sampel.versi, lokasi=sampel.unit["Gedog"], tahun=2022, indikator__nama=nama
        )
        .get()
        .indikator
    )
    u = sampel.unit["Gedog"].pk
    url = reverse("monev:simpan_baris", args=[sampel.versi.pk, 2022, 4, u, ind.pk, u])
    halaman = client.get(reverse("monev:isian", args=[sampel.versi.pk, 2022, 4, u])).content.decode()
    assert 'name="tindak_lanjut_renja"' in halaman
    teks = "Anggarkan pelatihan UMKM lanjutan dalam Renja 2023."
    r = client.post(url, {"nilai": "20", "revisi": 0, "tindak_lanjut_renja": teks})
    assert r.status_code == 302
    assert (
        Realisasi.objects.get(indikator=ind, lokasi_id=u, tahun=2022, triwulan=4).tindak_lanjut_renja == teks
    )
    assert CatatanAudit.objects.filter(
        aksi__startswith="realisasi.", perubahan__has_key="tindak_lanjut_renja"
    ).exists()
    t = tabel_e81(muat_evaluasi(sampel.versi, 2022, 4))
    assert teks in _baris_kaki(t, "Tindak lanjut yang diperlukan dalam Renja")[4].nilai
    assert teks not in _baris_kaki(t, "Tindak lanjut yang diperlukan dalam triwulan berikutnya")[4].nilai


def test_the_exports_carry_the_footer_and_signatures(rencana_sampel):
    import io

    import openpyxl

    isi = ekspor.ekspor_laporan("E.81", rencana_sampel, tahun=2022, triwulan=4, format="xlsx")
    teks = [
        str(c.value)
        for ws in openpyxl.load_workbook(io.BytesIO(isi))
        for row in ws.iter_rows()
        for c in row
        if c.value
    ]
    assert any(t.startswith("Rata-rata capaian kinerja program (%)") for t in teks)
    assert any(t.startswith("Dievaluasi, Blitar, ") for t in teks) and "Kepala Bappeda Kota Blitar" in teks
    data = json.loads(ekspor.ekspor_laporan("E.80", rencana_sampel, tahun=2022, format="json"))[0]
    tingkat = {x["tingkat"] for x in data["kaki"]["rata_rata_per_tingkat"]}
    assert {"program", "kegiatan", "sub kegiatan"} <= tingkat
    assert (
        data["kaki"]["usulan_tindak_lanjut_renstra"] == [] and data["tanda_tangan"][0]["peran"] == "Disusun"
    )
