"""Checker findings carry plain names, and planners' marks on them survive re-runs while the finding is the same."""

import io
import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from kinerja.core.models import CatatanAudit
from kinerja.renstra import periksa as pemeriksa
from kinerja.renstra.models import BarisCetak, TandaTemuan
from kinerja.renstra.periksa import Temuan
from kinerja.renstra.tanda import beri_sidik

pytestmark = pytest.mark.django_db


def test_every_code_the_checker_can_yield_has_a_plain_name():
    sumber = "\n".join(p.read_text() for p in Path(pemeriksa.__file__).parent.glob("*.py"))
    kode = set(re.findall(r'\bcode="([A-Z][A-Z_]{3,})",$', sumber, re.M))
    assert len(kode) >= 30
    assert kode <= set(pemeriksa.NAMA_KODE)
    assert all(nama and nama[0].isupper() and "_" not in nama for nama in pemeriksa.NAMA_KODE.values())


def _t(**lain):
    dasar = dict(
        code="TARGET_BEDA",
        severity="peringatan",
        table="6.2",
        row="Sub kegiatan 1.01 Rapat · Gedog · 2023",
        source_lines=[1400],
        printed="5",
        expected="6",
        message="…",
        versi_id=1,
        node_id=7,
    )
    return Temuan(**{**dasar, **lain})


def test_the_fingerprint_is_what_the_finding_is_about_and_its_values_not_its_place():
    a, pindah, nilai_lain, lokasi_lain = (
        _t(),
        _t(source_lines=[1500], message="kalimat lain"),
        _t(printed="4"),
        _t(row="Sub kegiatan 1.01 Rapat · Rembang · 2023"),
    )
    for t in (a, pindah, nilai_lain, lokasi_lain):
        beri_sidik([t])
    assert (pindah.kunci, pindah.sidik) == (a.kunci, a.sidik)  # other line, other wording: same finding
    assert nilai_lain.kunci == a.kunci and nilai_lain.sidik != a.sidik  # same thing, changed values
    assert lokasi_lain.kunci != a.kunci
    # The order of the list does not move fingerprints.
    x, y = _t(row="A"), _t(row="B")
    beri_sidik([x, y])
    y2, x2 = _t(row="B"), _t(row="A")
    beri_sidik([y2, x2])
    assert (x.sidik, y.sidik) == (x2.sidik, y2.sidik)
    # Two findings with one label but different printed text keep apart.
    p, q = _t(row="naskah · misi ke-6", printed="keenam"), _t(row="naskah · misi ke-6", printed="ke enam")
    beri_sidik([p, q])
    assert p.kunci != q.kunci


def _temuan_kepadatan(versi):
    t = [x for x in pemeriksa.periksa(versi) if x.code == "KEPADATAN"]
    beri_sidik(t)
    return t[0]


def test_a_planner_accepts_a_finding_with_a_note_and_the_mark_holds_on_the_next_run(klien, versi_sampel):
    t = _temuan_kepadatan(versi_sampel)
    url = reverse("renstra:tandai_temuan", args=[versi_sampel.pk])
    catatan = "Angka tercetak dipertahankan sebagai catatan dokumen."
    r = klien.post(
        url, {"sidik": t.sidik, "status": "diterima", "catatan": catatan, "kembali": "kode=KEPADATAN"}
    )
    assert r.status_code == 302 and r["Location"].endswith(f"?kode=KEPADATAN#t-{t.sidik}")
    m = TandaTemuan.objects.get(versi=versi_sampel)
    assert (m.status, m.catatan, m.oleh.username, m.kode) == ("diterima", catatan, "perencana", "KEPADATAN")
    audit = CatatanAudit.objects.get(aksi="temuan.tandai", objek_id=str(m.pk))
    assert audit.perubahan["status"] == [None, "diterima"] and audit.pd_id == versi_sampel.pd_id
    # A new run of the page, the JSON and the command: the same finding, the same mark.
    html = klien.get(
        reverse("renstra:pemeriksaan", args=[versi_sampel.pk]), {"status": "diterima"}
    ).content.decode()
    assert html.count('class="temuan-') == 1 and catatan in html and "Kepadatan penduduk salah hitung" in html
    data = klien.get(reverse("renstra:pemeriksaan_json", args=[versi_sampel.pk])).json()
    (x,) = [d for d in data if d["code"] == "KEPADATAN"]
    assert (x["name"], x["status"], x["catatan"]) == ("Kepadatan penduduk salah hitung", "diterima", catatan)
    assert {d["status"] for d in data if d["code"] != "KEPADATAN"} == {"terbuka"}
    keluar = io.StringIO()
    call_command("periksa", "--json", "--versi", str(versi_sampel.pk), stdout=keluar)
    (y,) = [d for d in json.loads(keluar.getvalue()) if d["code"] == "KEPADATAN"]
    assert (y["status"], y["catatan"], y["fingerprint"]) == ("diterima", catatan, t.sidik)


def test_a_finding_whose_values_change_loses_its_mark(klien, versi_sampel):
    t = _temuan_kepadatan(versi_sampel)
    klien.post(
        reverse("renstra:tandai_temuan", args=[versi_sampel.pk]),
        {"sidik": t.sidik, "status": "ditangani", "catatan": ""},
    )
    # The printed density of Tabel 2.1 is read again as 4.567 instead of 4.566: same finding, new value.
    b = BarisCetak.objects.get(sumber__versi=versi_sampel, tabel="2.1", tingkat="ringkasan")
    b.sel["kepadatan"] = "4.567"
    b.save()
    html = klien.get(
        reverse("renstra:pemeriksaan", args=[versi_sampel.pk]), {"status": "berubah"}
    ).content.decode()
    assert html.count('class="temuan-') == 1 and "Berubah sejak ditandai" in html and "4.567" in html
    assert "Semula ditangani" in html
    data = klien.get(reverse("renstra:pemeriksaan_json", args=[versi_sampel.pk])).json()
    assert [d["status"] for d in data if d["code"] == "KEPADATAN"] == ["berubah"]
    html = klien.get(
        reverse("renstra:pemeriksaan", args=[versi_sampel.pk]), {"status": "ditangani"}
    ).content.decode()
    assert "Tidak ada temuan untuk pilihan ini." in html


def test_a_refused_mark_keeps_what_was_typed_and_stores_nothing(klien, versi_sampel):
    t = _temuan_kepadatan(versi_sampel)
    url = reverse("renstra:tandai_temuan", args=[versi_sampel.pk])
    r = klien.post(
        url, {"sidik": t.sidik, "status": "diterima", "catatan": "  ", "kembali": "kode=KEPADATAN"}
    )
    html = r.content.decode()
    assert r.status_code == 400 and "Tulis alasan temuan ini diterima" in html
    assert (
        'value="diterima" required checked' in html
        and '<details class="form-tanda jangan-cetak" open>' in html
    )
    r = klien.post(url, {"sidik": "0" * 40, "status": "ditangani", "catatan": "sudah diperbaiki di draf"})
    assert r.status_code == 400 and "sudah diperbaiki di draf" in r.content.decode()
    assert "berubah atau tidak muncul lagi" in r.content.decode()
    assert not TandaTemuan.objects.exists()


def test_only_who_may_edit_the_plan_marks_findings(client, versi_sampel):
    t = _temuan_kepadatan(versi_sampel)
    client.force_login(get_user_model().objects.get(username="camat"))
    html = client.get(reverse("renstra:pemeriksaan", args=[versi_sampel.pk])).content.decode()
    assert "Belum ditangani" in html and "form-tanda" not in html
    r = client.post(
        reverse("renstra:tandai_temuan", args=[versi_sampel.pk]), {"sidik": t.sidik, "status": "ditangani"}
    )
    assert r.status_code == 403 and not TandaTemuan.objects.exists()


def test_names_replace_codes_in_the_filter_and_no_label_is_cut_mid_word(klien, versi_sampel):
    html = klien.get(reverse("renstra:pemeriksaan", args=[versi_sampel.pk])).content.decode()
    assert "Pagu bukan jumlah pagu di bawahnya (16)" in html
    # Long element names are printed whole (the sample's longest sub kegiatan name ends in "...Pancasila").
    for t in pemeriksa.periksa(versi_sampel):
        assert not re.search(r"\w…", t.row), t.row


def test_sending_the_same_mark_again_records_nothing_new(klien, versi_sampel):
    t = _temuan_kepadatan(versi_sampel)
    url = reverse("renstra:tandai_temuan", args=[versi_sampel.pk])
    isian = {"sidik": t.sidik, "status": "ditangani", "catatan": "Dicek ulang dengan BPS."}
    klien.post(url, isian)
    r = klien.post(url, isian, follow=True)
    assert "tidak berubah" in r.content.decode()
    assert CatatanAudit.objects.filter(aksi="temuan.tandai").count() == 1
    klien.post(url, {**isian, "status": "terbuka"})  # opened again: a second entry, from → to
    audit = CatatanAudit.objects.filter(aksi="temuan.tandai").first()
    assert audit.perubahan["status"] == ["ditangani", "terbuka"]
