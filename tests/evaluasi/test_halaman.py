"""The SAKIP evaluation pages, the proposals from the data, the Nilai SAKIP realisation and the command."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from kinerja.monev.selectors import muat_evaluasi
from kinerja.renstra.models import Indikator
from kinerja.sakip import services
from kinerja.sakip.models import Evaluasi, JawabanKriteria, NilaiSub

pytestmark = pytest.mark.django_db
DEMO = 2022


def _u(nama):
    return get_user_model().objects.get(username=nama)


# The demonstration evaluation's evaluator grades (kinerja.sakip.sampel), scored by hand:
# 1: 6×0,9 + 9×0,9 + 15×0,8 = 25,5   2: 6×0,9 + 9×0,8 + 15×0,7 = 23,1
# 3: 3×0,9 + 4,5×0,8 + 7,5×0,8 = 12,3  4: 5×0,9 + 7,5×0,8 + 12,5×0,7 = 19,25   total 80,15 → A
NILAI_DEMO = Decimal("80.15")


def test_the_nilai_sakip_indicators_take_the_evaluators_final_score(versi_sampel):
    ind = list(Indikator.objects.filter(node__versi=versi_sampel, skala="sakip"))
    assert ind and all(i.sumber_data == "sakip" for i in ind)
    ev = muat_evaluasi(versi_sampel, DEMO, 4)
    for i in ind:
        d = ev.realisasi[(i.pk, None, DEMO, 4)]
        assert d.nilai == NILAI_DEMO and d.label == "A" and d.teks == "A (80,15)"
        assert d.sumber == "dihitung" and "demonstrasi" in d.keterangan
        assert d.tautan_bukti == reverse("evaluasi:lembar", args=[versi_sampel.pd_id, DEMO])
    # a year without a final evaluation computes nothing: what the document prints stays
    assert not any(
        k[0] in {i.pk for i in ind} and k[2] == 2023 for k in muat_evaluasi(versi_sampel, 2023, 4).realisasi
    )


def test_a_new_final_evaluation_becomes_the_realisation(versi_sampel):
    p, insp = _u("perencana"), _u("inspektorat")
    ev = services.mulai_evaluasi(pengguna=p, pd=versi_sampel.pd, tahun=2023)
    for s in ev.lke.lembar.semua_sub():
        services.simpan_nilai_pd(pengguna=p, evaluasi=ev, kode=s.kode, nilai="AA")
    services.ajukan(pengguna=p, evaluasi=ev)
    for s in ev.lke.lembar.semua_sub():
        services.simpan_nilai_evaluator(
            pengguna=insp, evaluasi=ev, kode=s.kode, nilai="CC" if s.kode == "4.c" else "A"
        )
    ind = Indikator.objects.filter(node__versi=versi_sampel, skala="sakip").first()
    assert (ind.pk, None, 2023, 4) not in muat_evaluasi(versi_sampel, 2023, 4).realisasi  # not final yet
    services.tetapkan(pengguna=insp, evaluasi=ev)
    # 87,5 × 0,9 + 12,5 × 0,6 = 78,75 + 7,5 = 86,25 → A
    d = muat_evaluasi(versi_sampel, 2023, 4).realisasi[(ind.pk, None, 2023, 4)]
    assert d.nilai == Decimal("86.25") and d.label == "A" and "demonstrasi" not in d.keterangan


def test_the_worksheet_page_for_each_role(client, versi_sampel):
    url = reverse("evaluasi:lembar", args=[versi_sampel.pd_id, DEMO])
    for nama in ("perencana", "camat", "inspektorat", "verifikator"):
        client.force_login(_u(nama))
        r = client.get(url)
        teks = r.content.decode()
        assert r.status_code == 200, nama
        assert "Data demonstrasi" in teks and "80,15" in teks and "Usulan sistem" in teks
    for nama in ("lurah-gedog", "operator-gedog"):
        client.force_login(_u(nama))
        assert client.get(url).status_code == 403
    client.force_login(_u("perencana"))
    assert client.get(reverse("evaluasi:lembar", args=[versi_sampel.pd_id, 1999])).status_code == 404
    assert client.get(reverse("evaluasi:lembar", args=[9999, DEMO])).status_code == 404


def test_filling_a_sub_component_on_the_page_keeps_what_was_typed_on_error(client, versi_sampel):
    client.force_login(_u("perencana"))
    pd = versi_sampel.pd_id
    assert client.post(reverse("evaluasi:mulai", args=[pd, 2023])).status_code == 302
    url = reverse("evaluasi:sub_pd", args=[pd, 2023, "1.a"])
    r = client.post(url, {"terpenuhi-1.a.1": "ya", "catatan-1.a.1": "Catatan saya", "nilai_pd": "ZZ"})
    teks = r.content.decode()
    assert r.status_code == 400 and "Pilih salah satu jawaban" in teks and "Catatan saya" in teks
    ev = Evaluasi.objects.get(pd_id=pd, tahun=2023)
    assert not JawabanKriteria.objects.filter(evaluasi=ev).exists()  # nothing saved on error
    bukti = reverse("renstra:dasbor", args=[versi_sampel.pk])
    r = client.post(
        url, {"terpenuhi-1.a.1": "ya", "tautan-1.a.1": [bukti], "catatan-1.a.1": "Ada", "nilai_pd": "B"}
    )
    assert r.status_code == 302
    j = JawabanKriteria.objects.get(evaluasi=ev, kode="1.a.1")
    assert (j.terpenuhi, j.tautan, j.catatan) == (True, [bukti], "Ada")
    assert NilaiSub.objects.get(evaluasi=ev, kode="1.a").nilai_pd == "B"
    # the evaluator's form refuses the PD
    r = client.post(reverse("evaluasi:sub_evaluator", args=[pd, 2023, "1.a"]), {"nilai_evaluator": "AA"})
    assert r.status_code == 403


def test_the_proposals_say_why(versi_sampel):
    from kinerja.evaluasi import usulan
    from kinerja.sakip.selectors import lke_berlaku

    k = usulan.konteks(versi_sampel.pd, DEMO)
    u = usulan.usulan_semua(k, lke_berlaku(versi_sampel.pd.pemda_id).lembar.semua_kriteria())
    n_iku = Indikator.objects.filter(node__versi=versi_sampel, iku=True).count()
    if n_iku:
        assert u["1.b.6"].terpenuhi is True and f"{n_iku} indikator ditandai IKU" in u["1.b.6"].alasan
    else:
        assert u["1.b.6"].terpenuhi is False
    assert "triwulan IV" in u["2.b.4"].alasan
    assert u["4.c.1"].terpenuhi is None  # no evaluation of 2021 to compare with
    assert all(t.startswith("/") for x in u.values() for _, t in x.tautan)


def test_the_command_prints_json(versi_sampel):
    out = StringIO()
    call_command("sakip", "--year", str(DEMO), "--pd", versi_sampel.pd.slug, "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["nilai"] == 80.15 and data["predikat"] == "A" and data["final"] and data["demonstrasi"]
    assert [(k["kode"], k["bobot"], k["nilai"]) for k in data["komponen"]] == [
        ("1", 30.0, 25.5), ("2", 30.0, 23.1), ("3", 15.0, 12.3), ("4", 25.0, 19.25),
    ]  # fmt: skip
    assert data["komponen"][0]["nama"] == "Perencanaan Kinerja"
    with pytest.raises(CommandError, match="Belum ada evaluasi SAKIP"):
        call_command("sakip", "--year", "1999", stdout=StringIO())
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("sakip", "--year", str(DEMO), "--pd", "tidak-ada", stdout=StringIO())


def test_an_evidence_file_is_uploaded_and_read_only_by_its_readers(client, versi_sampel):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pd = versi_sampel.pd_id
    client.force_login(_u("perencana"))
    client.post(reverse("evaluasi:mulai", args=[pd, 2023]))
    berkas = SimpleUploadedFile("pedoman.pdf", b"%PDF-1.4 pedoman teknis", content_type="application/pdf")
    r = client.post(
        reverse("evaluasi:sub_pd", args=[pd, 2023, "1.a"]),
        {"terpenuhi-1.a.1": "ya", "berkas-1.a.1": berkas, "nilai_pd": ""},
    )
    assert r.status_code == 302
    j = JawabanKriteria.objects.get(evaluasi__pd_id=pd, evaluasi__tahun=2023, kode="1.a.1")
    url = reverse("evaluasi:berkas", args=[j.pk])
    client.force_login(_u("inspektorat"))
    r = client.get(url)
    assert r.status_code == 200 and b"".join(r.streaming_content) == b"%PDF-1.4 pedoman teknis"
    client.force_login(_u("lurah-gedog"))
    assert client.get(url).status_code == 403
    j.berkas.delete(save=False)


def test_the_evaluator_adds_a_recommendation_and_the_pd_follows_it_up_on_the_page(client, versi_sampel):
    pd = versi_sampel.pd_id
    client.force_login(_u("inspektorat"))
    url = reverse("evaluasi:rekomendasi_tambah", args=[pd, DEMO])
    r = client.post(url, {"uraian": "", "batas_waktu": "30-06-2024"})
    teks = r.content.decode()
    assert r.status_code == 400 and "Tuliskan rekomendasinya" in teks and "TTTT-BB-HH" in teks
    r = client.post(url, {"uraian": "Susun pedoman teknis.", "batas_waktu": "2024-06-30"})
    assert r.status_code == 302
    rek = Evaluasi.objects.get(pd_id=pd, tahun=DEMO).rekomendasi_set.get(uraian="Susun pedoman teknis.")
    client.force_login(_u("camat"))
    ubah = reverse("evaluasi:rekomendasi_ubah", args=[pd, DEMO, rek.pk])
    data = {"rencana": "Rapat", "penanggung_jawab": "Sekcam", "batas_waktu": "2024-06-30", "status": "proses"}
    assert client.post(ubah, data).status_code == 302
    rek.refresh_from_db()
    assert (rek.rencana, rek.status) == ("Rapat", "proses")
    assert client.post(url, {"uraian": "PD tidak boleh"}).status_code == 403
