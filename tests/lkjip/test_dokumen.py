"""The LKjIP document carries every sasaran's figures from the data, only verified ones, and says
RANCANGAN while a quarter is not verified; its narrative is saved per year, audited, by its PD's
perencana or pimpinan only."""

from __future__ import annotations

import io
import re
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from kinerja.core.models import CatatanAudit
from kinerja.core.pelaku import SISTEM
from kinerja.lkjip import dokumen as dk
from kinerja.lkjip.docx_ import ke_docx
from kinerja.lkjip.models import NarasiLkjip
from kinerja.lkjip.pdf import ke_pdf
from kinerja.lkjip.services import simpan_narasi
from kinerja.monev.models import Laporan, Realisasi
from kinerja.renstra.models import PlanNode
from tests.renstra.pembuat import RencanaKecil

pytestmark = pytest.mark.django_db
T = PlanNode.Tingkat

# Each sasaran/tujuan indicator of the small plan: name, unit, direction, 2022 target, TW IV value,
# and its capaian computed by hand (naik: R ÷ T × 100; turun: (2T − R) ÷ T × 100).
KASUS = [
    ("Indeks kualitas pelayanan kecamatan", "Indeks", "naik", "80", D("88"), D("110.00")),  # 88 ÷ 80
    ("Persentase dokumen selesai tepat waktu", "%", "naik", "90", D("81"), D("90.00")),  # 81 ÷ 90
    ("Jumlah aduan yang tertunda", "Kasus", "turun", "10", D("12"), D("80.00")),  # (20 − 12) ÷ 10
]


def _rencana(status_tw4=Laporan.Status.DIVERIFIKASI):
    rk = RencanaKecil("Dokumen")
    n = rk.rantai()
    ind = []
    for i, (nama, satuan, arah, target, nilai, _) in enumerate(KASUS):
        x = rk.ind(n["tujuan"] if i == 0 else n["sasaran"], nama, satuan, arah=arah)
        rk.target(x, 2022, target)
        Realisasi.objects.create(
            indikator=x, tahun=2022, triwulan=4, teks=str(nilai), jenis="angka", nilai=nilai
        )
        ind.append(x)
    for q in range(1, 5):
        status = status_tw4 if q == 4 else Laporan.Status.DIVERIFIKASI
        for u in (rk.kantor, rk.gedog, rk.rembang):
            Laporan.objects.create(unit=u, tahun=2022, triwulan=q, status=status)
    return rk


def _angka(teks: str) -> D | None:
    """A printed Indonesian number ("1.234,5%") back to a Decimal; None when no number is printed."""
    m = re.search(r"-?[\d.]+(,\d+)?", teks)
    return D(m.group(0).replace(".", "").replace(",", ".")) if m else None


def _tabel_capaian(docx: bytes) -> dict[str, list[str]]:
    """Table 3.1 of the DOCX: indicator name → its row's cell texts."""
    doc = Document(io.BytesIO(docx))
    for t in doc.tables:
        kepala = [c.text for c in t.rows[0].cells]
        if "Tujuan/Sasaran Strategis" in kepala and "Capaian (%)" in kepala:
            i_ind = kepala.index("Indikator Kinerja")
            return {r.cells[i_ind].text: [c.text for c in r.cells] for r in t.rows[2:]}
    raise AssertionError("tabel capaian sasaran tidak ada di DOCX")


def test_the_docx_holds_every_sasaran_figure_from_the_data():
    rk = _rencana()
    dok, _ = dk.susun(rk.versi, 2022)
    assert not dok.rancangan
    baris = _tabel_capaian(ke_docx(dok))
    kepala = [
        "No",
        "Tujuan/Sasaran Strategis",
        "Indikator Kinerja",
        "IKU",
        "Satuan",
        "Target",
        "Realisasi",
        "Capaian (%)",
    ]
    for nama, satuan, _, target, nilai, capaian in KASUS:
        sel = baris[nama]
        assert sel[kepala.index("Satuan")] == satuan
        assert _angka(sel[kepala.index("Target")]) == D(target)
        assert _angka(sel[kepala.index("Realisasi")]) == nilai
        assert _angka(sel[kepala.index("Capaian (%)")]) == capaian
    assert len(baris) == len(KASUS) + 2  # the indicators, then the average and the count rows


def test_an_unverified_quarter_is_left_out_and_the_document_is_a_draft():
    rk = _rencana(status_tw4=Laporan.Status.DIAJUKAN)
    dok, _ = dk.susun(rk.versi, 2022)
    assert dok.rancangan and "Kecamatan TW IV" in dok.keterangan_rancangan
    assert dok.nama_berkas.startswith("RANCANGAN-")
    docx = ke_docx(dok)
    baris = _tabel_capaian(docx)
    for nama, *_ in KASUS:
        # The TW IV values are only submitted: no realisation or capaian may be printed as if approved.
        assert _angka(baris[nama][6]) is None and _angka(baris[nama][7]) is None
    kepala = Document(io.BytesIO(docx)).sections[0].header.paragraphs[0].text
    assert kepala.startswith("RANCANGAN")
    assert b"RANCANGAN - belum seluruh laporan triwulan terverifikasi" in ke_pdf(dok, kompres=False)


def test_the_pdf_has_pages_page_numbers_and_the_sasaran():
    rk = _rencana()
    dok, _ = dk.susun(rk.versi, 2022)
    isi = ke_pdf(dok, kompres=False)
    assert isi.startswith(b"%PDF")
    halaman = len(re.findall(rb"/Type /Page\b", isi))
    assert halaman > 1
    # fpdf2 writes the total ("{nb}") as its own string on the same line: join the pieces.
    assert f"Halaman 2 dari {halaman}".encode() in isi.replace(b") Tj (", b"")
    for nama, *_ in KASUS:
        assert nama.encode("latin-1") in isi
    assert b"DAFTAR ISI" in isi and b"BAB III AKUNTABILITAS KINERJA" in isi
    # Every quarter verified: no draft mark on the pages (the unsigned PK annex still says it is a draft).
    assert b"belum seluruh laporan triwulan terverifikasi" not in isi
    assert b"RANCANGAN - belum ditandatangani" in isi


def test_the_docx_has_a_toc_field_page_numbers_and_heading_styles():
    rk = _rencana()
    dok, _ = dk.susun(rk.versi, 2022)
    doc = Document(io.BytesIO(ke_docx(dok)))
    xml = doc.element.xml
    assert "TOC \\o" in xml
    kaki = doc.sections[0].footer._element.xml
    assert "PAGE" in kaki and "NUMPAGES" in kaki
    judul = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert judul == [
        "IKHTISAR EKSEKUTIF",
        "BAB I PENDAHULUAN",
        "BAB II PERENCANAAN KINERJA",
        "BAB III AKUNTABILITAS KINERJA",
        "BAB IV PENUTUP",
        "LAMPIRAN: PERJANJIAN KINERJA",
    ]


def test_the_narrative_is_saved_per_year_and_audited():
    rk = _rencana()
    v = rk.versi
    diubah = simpan_narasi(
        pengguna=SISTEM, versi=v, tahun=2022, isian={"penutup": "Penutup 2022.\r\n\r\nKedua."}
    )
    assert diubah == ["penutup"]
    simpan_narasi(pengguna=SISTEM, versi=v, tahun=2023, isian={"penutup": "Penutup 2023."})
    assert NarasiLkjip.objects.get(pd=rk.pd, tahun=2022, kunci="penutup").teks == "Penutup 2022.\n\nKedua."
    assert NarasiLkjip.objects.get(pd=rk.pd, tahun=2023, kunci="penutup").teks == "Penutup 2023."
    jejak = CatatanAudit.objects.filter(aksi="lkjip.narasi", pd=rk.pd)
    assert jejak.count() == 2
    assert (
        jejak.get(objek_id=str(NarasiLkjip.objects.get(tahun=2022).pk))
        .perubahan["teks"][1]
        .startswith("Penutup 2022")
    )
    # The same text again changes nothing and writes no audit entry.
    assert (
        simpan_narasi(pengguna=SISTEM, versi=v, tahun=2022, isian={"penutup": "Penutup 2022.\n\nKedua."})
        == []
    )
    assert jejak.count() == 2
    dok, _ = dk.susun(v, 2022)
    penutup = next(b for b in dok.blok if b.kunci == "penutup")
    assert dk.paragraf(penutup.teks) == ["Penutup 2022.", "Kedua."]
    assert "Penutup 2022." in [p.text for p in Document(io.BytesIO(ke_docx(dok))).paragraphs]


def test_the_narrative_refuses_too_long_text_and_unknown_sections():
    rk = _rencana()
    with pytest.raises(ValidationError) as e:
        simpan_narasi(
            pengguna=SISTEM, versi=rk.versi, tahun=2022, isian={"analisis": "x" * 20001, "asing": "y"}
        )
    assert "analisis" in e.value.message_dict and "__all__" in e.value.message_dict
    with pytest.raises(ValidationError):
        simpan_narasi(pengguna=SISTEM, versi=rk.versi, tahun=2030, isian={"penutup": "z"})
    assert not NarasiLkjip.objects.exists()


def test_an_untouched_draft_saves_nothing():
    rk = _rencana()
    b = dk.Bahan.muat(rk.versi, 2022)
    teks, draf, _ = dk.isi_narasi(b)
    assert simpan_narasi(pengguna=SISTEM, versi=rk.versi, tahun=2022, isian=teks, draf=draf) == []
    assert not NarasiLkjip.objects.exists()
    # The draft counts the sasaran from the data: 1 of 3 tercapai (only the 110 % row).
    assert "Dari 3 indikator kinerja tujuan dan sasaran, 1 tercapai dan 2 tidak tercapai" in draf["ikhtisar"]


def test_an_operator_cannot_save_the_narrative(versi_sampel):
    from django.contrib.auth import get_user_model

    operator = get_user_model().objects.get(username="operator-gedog")
    with pytest.raises(PermissionDenied):
        simpan_narasi(pengguna=operator, versi=versi_sampel, tahun=2022, isian={"penutup": "x"})
    assert not NarasiLkjip.objects.exists()


def test_signs_and_symbols_outside_the_pdf_font_do_not_break_it():
    rk = _rencana()
    teks = "Capaian ≥ 100% → baik “sekali” … ✓ 😀"
    simpan_narasi(pengguna=SISTEM, versi=rk.versi, tahun=2022, isian={"penutup": teks})
    dok, _ = dk.susun(rk.versi, 2022)
    isi = ke_pdf(dok, kompres=False)
    assert (
        b'Capaian >= 100% -> baik \\"sekali\\" ... ? ?' in isi
        or b'Capaian >= 100% -> baik "sekali" ... ? ?' in isi
    )
    assert teks in [p.text for p in Document(io.BytesIO(ke_docx(dok))).paragraphs]


def test_the_pk_is_annexed_from_its_signed_snapshot(versi_sampel):
    from django.contrib.auth import get_user_model

    from kinerja.monev import pk as pk_mod
    from kinerja.monev.selectors import muat_evaluasi
    from kinerja.renstra.models import Target

    dok, _ = dk.susun(versi_sampel, 2022)
    assert any(
        b.jenis == dk.PARAGRAF and "Perjanjian Kinerja Tahun 2022: RANCANGAN" in b.teks for b in dok.blok
    )
    camat = get_user_model().objects.get(username="camat")
    isi = pk_mod.isi_pk(muat_evaluasi(versi_sampel, 2022, 4), camat)
    pk_mod.tandatangani(
        pengguna=camat,
        versi=versi_sampel,
        tahun=2022,
        isi=isi,
        tempat="Blitar",
        nama_pihak_kedua="Wali Kota Uji",
    )
    # A target changed after signing: the annex keeps the signed figure.
    t = Target.objects.get(
        indikator__nama="Persentase kelurahan berdaya",
        indikator__node__versi=versi_sampel,
        tahun=2022,
        lokasi=None,
    )
    Target.objects.filter(pk=t.pk).update(teks="60%", nilai=D(60))
    dok, _ = dk.susun(versi_sampel, 2022)
    lampiran = [b.tabel for b in dok.blok if b.jenis == dk.TABEL and b.tabel.kode == "PK"]
    assert lampiran and "Ditandatangani di Blitar" in lampiran[-1].subjudul
    baris = next(r for r in lampiran[-1].baris if r[2].nilai == "Persentase kelurahan berdaya")
    assert baris[4].nilai == "75%"
