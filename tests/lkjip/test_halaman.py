"""The LKjIP document page per persona: who reads, who edits, refusals that lose nothing typed,
an untouched form that saves nothing, and both downloads."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.core.models import CatatanAudit
from kinerja.lkjip.models import NarasiLkjip

pytestmark = pytest.mark.django_db


def _alamat(v, tahun=2022):
    return reverse("lkjip:dokumen", args=[v.pk, tahun])


@pytest.mark.parametrize(
    ("nama", "baca", "ubah"),
    [
        ("perencana", True, True),
        ("camat", True, True),
        ("verifikator", True, False),
        ("operator-gedog", False, False),
        ("lurah-gedog", False, False),
        ("tamu", False, False),
    ],
)
def test_readers_and_editors(versi_sampel, masuk, nama, baca, ubah):
    klien = masuk(nama)
    r = klien.get(_alamat(versi_sampel))
    assert r.status_code == (200 if baca else 403)
    if baca:
        html = r.content.decode()
        assert ('name="penutup"' in html) is ubah
        assert "RANCANGAN." in html  # the sample's 2022 has quarters not yet verified
    unduh = klien.get(reverse("lkjip:unduh", args=[versi_sampel.pk, 2022, "pdf"]))
    assert unduh.status_code == (200 if baca else 403)
    kirim = klien.post(_alamat(versi_sampel), {"penutup": "Teks penutup baru."})
    assert kirim.status_code == (302 if ubah else 403)
    assert NarasiLkjip.objects.filter(kunci="penutup").exists() is ubah


def test_the_lkjip_page_links_the_document(versi_sampel, masuk):
    r = masuk("perencana").get(reverse("monev:laporan", args=[versi_sampel.pk, 2022, "LKJIP"]))
    assert _alamat(versi_sampel) in r.content.decode()


def test_a_refused_form_keeps_what_was_typed(versi_sampel, masuk):
    klien = masuk("perencana")
    panjang = "Analisis " + "x" * 20000
    r = klien.post(_alamat(versi_sampel), {"analisis": panjang, "penutup": "Penutup yang diketik."})
    assert r.status_code == 400
    html = r.content.decode()
    assert "Analisis Penyebab Keberhasilan dan Kegagalan terlalu panjang: 20.009 karakter" in html
    assert panjang in html and "Penutup yang diketik." in html
    assert 'aria-invalid="true"' in html
    assert not NarasiLkjip.objects.exists()


def test_an_untouched_form_saves_nothing_and_a_change_is_audited(versi_sampel, masuk):
    import re
    from html import unescape

    klien = masuk("perencana")
    html = klien.get(_alamat(versi_sampel)).content.decode()
    isian = {
        k: unescape(v) for k, v in re.findall(r'<textarea name="(\w+)"[^>]*>(.*?)</textarea>', html, re.S)
    }
    assert len(isian) == 8
    r = klien.post(_alamat(versi_sampel), isian, follow=True)
    assert "Tidak ada perubahan narasi." in r.content.decode()
    assert not NarasiLkjip.objects.exists()
    isian["ikhtisar"] += "\n\nTambahan dari perencana."
    r = klien.post(_alamat(versi_sampel), isian, follow=True)
    assert "Narasi LKjIP 2022 disimpan: Ikhtisar Eksekutif." in r.content.decode()
    n = NarasiLkjip.objects.get()
    assert n.kunci == "ikhtisar" and n.teks.endswith("Tambahan dari perencana.") and n.tahun == 2022
    assert CatatanAudit.objects.filter(aksi="lkjip.narasi", objek_id=str(n.pk)).count() == 1
    # Another year starts from its own draft.
    assert "Tambahan dari perencana." not in klien.get(_alamat(versi_sampel, 2023)).content.decode()


def test_wrong_year_format_or_version_is_not_found(versi_sampel, masuk):
    klien = masuk("perencana")
    assert klien.get(_alamat(versi_sampel, 2035)).status_code == 404
    assert klien.get(reverse("lkjip:unduh", args=[versi_sampel.pk, 2022, "odt"])).status_code == 404
    assert klien.get(reverse("lkjip:dokumen", args=[999999, 2022])).status_code == 404


def test_both_downloads(versi_sampel, masuk):
    klien = masuk("camat")
    r = klien.get(reverse("lkjip:unduh", args=[versi_sampel.pk, 2022, "docx"]))
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert 'filename="RANCANGAN-LKjIP-2022-Kecamatan-Sananwetan.docx"' in r["Content-Disposition"]
    r = klien.get(reverse("lkjip:unduh", args=[versi_sampel.pk, 2022, "pdf"]))
    assert r.status_code == 200 and r.content.startswith(b"%PDF") and r["Content-Type"] == "application/pdf"


def test_the_draft_tasks_and_functions_are_the_documents_own(versi_sampel, masuk):
    """Bab I's draft of tugas pokok dan fungsi is the Renstra's printed text (Perwali 77/2016 as quoted in
    Bab II of the document: 9 tasks, 19 functions), not a prompt to fill in."""
    html = masuk("perencana").get(_alamat(versi_sampel)).content.decode()
    assert "[Lengkapi: tugas pokok" not in html
    assert "7) Membina dan mengawasi penyelenggaraan kegiatan kelurahan;" in html
    assert "14) Pelaksanaan Sistem Pengendalian Intern Pemerintah (SPIP);" in html
    assert "19) Pelaksanaan tugas kedinasan lain yang diberikan oleh Walikota" in html
