"""The LKjIP document as DOCX (python-docx): heading styles and a TOC field Word fills, a static
list of the chapters beside it, "Halaman X dari Y" in the footer, tables in the document's layout
(merged header cells repeated on every page, numbers right-aligned, Indonesian number format)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from kinerja.core.tabel import ANGKA, NILAI, PERSEN, RUPIAH, Tabel, teks_sel
from kinerja.lkjip import dokumen as dk

KANAN = (ANGKA, RUPIAH, PERSEN, NILAI)
MERAH = RGBColor(0xB0, 0x1C, 0x1C)
LEBAR_POTRET = 9  # tables wider than this many columns are set on a landscape page


def _bidang(paragraf, perintah: str, isi: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC …) in a paragraph, with the text shown until it is updated."""
    run = paragraf.add_run()
    awal = OxmlElement("w:fldChar")
    awal.set(qn("w:fldCharType"), "begin")
    awal.set(qn("w:dirty"), "true")
    run._r.append(awal)
    run = paragraf.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {perintah} "
    run._r.append(instr)
    run = paragraf.add_run()
    pisah = OxmlElement("w:fldChar")
    pisah.set(qn("w:fldCharType"), "separate")
    run._r.append(pisah)
    paragraf.add_run(isi)
    run = paragraf.add_run()
    akhir = OxmlElement("w:fldChar")
    akhir.set(qn("w:fldCharType"), "end")
    run._r.append(akhir)


def _halaman(section, *, lanskap: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if lanskap else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if lanskap else (Mm(210), Mm(297))
    for sisi in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, sisi, Mm(20))


def _kepala_kaki(section, dok: dk.Dokumen) -> None:
    """Footer "Halaman X dari Y" and, on a draft, the RANCANGAN line in the header (later sections inherit them)."""
    kaki = section.footer.paragraphs[0]
    kaki.alignment = WD_ALIGN_PARAGRAPH.CENTER
    kaki.add_run(f"LKjIP {dok.pd} Tahun {dok.tahun} · Halaman ")
    _bidang(kaki, "PAGE", "1")
    kaki.add_run(" dari ")
    _bidang(kaki, "NUMPAGES", "1")
    if dok.rancangan:
        r = section.header.paragraphs[0].add_run("RANCANGAN — belum seluruh laporan triwulan terverifikasi")
        r.bold = True
        r.font.color.rgb = MERAH


def lanskap_blok(blok: list[dk.Blok]) -> list[bool]:
    """Per block, whether it sits on a landscape page: a heading's group (up to the next heading)
    goes landscape with its wide table, so a title never stays behind on the page before."""
    hasil = [False] * len(blok)
    awal = 0
    batas = [
        i
        for i, b in enumerate(blok)
        if b.jenis == dk.HALAMAN_BARU
        or (b.jenis == dk.JUDUL and b.tingkat > 1 and blok[i - 1].jenis != dk.JUDUL)
    ] + [len(blok)]
    for akhir in batas:
        grup = range(awal, akhir)
        lebar = any(blok[i].jenis == dk.TABEL and blok[i].tabel.jumlah_kolom > LEBAR_POTRET for i in grup)
        for i in grup:
            hasil[i] = lebar
        awal = akhir
    return hasil


def kolom_kepala(tabel: Tabel) -> list[list[int]]:
    """The first grid column of every header cell, skipping the cells covered from the rows above."""
    n = tabel.jumlah_kolom
    terisi = [[False] * n for _ in tabel.kepala]
    hasil = []
    for r, baris in enumerate(tabel.kepala):
        c, kolom = 0, []
        for k in baris:
            while c < n and terisi[r][c]:
                c += 1
            kolom.append(c)
            for dr in range(min(k.rowspan, len(terisi) - r)):
                for dc in range(min(k.colspan, n - c)):
                    terisi[r + dr][c + dc] = True
            c += k.colspan
        hasil.append(kolom)
    return hasil


def _sel(cell, teks: str, *, kanan: bool, tebal: bool, ukuran: float, latar: str = "") -> None:
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if kanan else WD_ALIGN_PARAGRAPH.LEFT
    run = p.add_run(teks)
    run.font.size = Pt(ukuran)
    run.bold = tebal
    if latar:
        arsir = OxmlElement("w:shd")
        arsir.set(qn("w:val"), "clear")
        arsir.set(qn("w:fill"), latar)
        cell._tc.get_or_add_tcPr().append(arsir)


def tulis_tabel(doc, tabel: Tabel) -> None:
    """A Tabel as a Word table: header rows merged as in the document and repeated on each page."""
    judul = doc.add_paragraph()
    r = judul.add_run(tabel.judul)
    r.bold = True
    r.font.size = Pt(10)
    if tabel.subjudul:
        doc.add_paragraph().add_run(tabel.subjudul).font.size = Pt(8)
    n = tabel.jumlah_kolom
    ukuran = 7 if n > LEBAR_POTRET else 8
    wt = doc.add_table(rows=len(tabel.kepala) + len(tabel.baris), cols=n)
    wt.style = "Table Grid"
    wt.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r_, (baris, awal) in enumerate(zip(tabel.kepala, kolom_kepala(tabel), strict=True)):
        tr = wt.rows[r_]._tr.get_or_add_trPr()
        ulang = OxmlElement("w:tblHeader")
        ulang.set(qn("w:val"), "true")
        tr.append(ulang)
        for k, c in zip(baris, awal, strict=True):
            sel = wt.cell(r_, c)
            if k.rowspan > 1 or k.colspan > 1:
                sel = sel.merge(wt.cell(r_ + k.rowspan - 1, c + k.colspan - 1))
            _sel(sel, k.teks, kanan=False, tebal=True, ukuran=ukuran, latar="E7E7E7")
            sel.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    awal_badan = len(tabel.kepala)
    kelas_baris = tabel.kelas_baris or [""] * len(tabel.baris)
    for i, (baris, kb) in enumerate(zip(tabel.baris, kelas_baris, strict=False)):
        r_ = awal_badan + i
        for c, s in enumerate(baris):
            if s is None:
                continue
            sel = wt.cell(r_, c)
            if s.rowspan > 1 or s.colspan > 1:
                sel = sel.merge(wt.cell(r_ + s.rowspan - 1, c + s.colspan - 1))
            tebal = "tebal" in s.kelas or "tebal" in kb or "kaki" in kb
            _sel(sel, teks_sel(s), kanan=s.jenis in KANAN and s.colspan == 1, tebal=tebal, ukuran=ukuran)
    for c in tabel.catatan:
        p = doc.add_paragraph()
        p.add_run(c).font.size = Pt(7)


def _daftar_isi(doc, dok: dk.Dokumen) -> None:
    doc.add_paragraph("DAFTAR ISI", style="Title")
    p = doc.add_paragraph()
    _bidang(
        p,
        'TOC \\o "1-2" \\h \\z \\u',
        "(Daftar isi bernomor halaman: klik kanan di sini lalu Perbarui Bidang.)",
    )
    doc.add_paragraph("Susunan dokumen:")
    for tingkat, teks in dok.judul_bab():
        doc.add_paragraph(teks, style="List Bullet" if tingkat == 1 else "List Bullet 2")


def _sampul(doc, dok: dk.Dokumen) -> None:
    for teks, ukuran in ((dok.judul, 18), (dok.pd.upper(), 16), (dok.pemda.upper(), 14)):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(teks)
        r.bold = True
        r.font.size = Pt(ukuran)
    if dok.rancangan:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(dok.keterangan_rancangan)
        r.bold = True
        r.font.color.rgb = MERAH
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _ttd(doc, ttd: dict) -> None:
    for teks in (
        f"{ttd['tempat']}, {ttd['tanggal']}",
        ttd["jabatan"],
        "",
        "",
        ttd["nama"] or "……………………………",
        ttd.get("pangkat") or "",
        f"NIP {ttd['nip']}" if ttd.get("nip") else "",
    ):
        p = doc.add_paragraph(teks)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _tulis(doc, b: dk.Blok, dok: dk.Dokumen) -> None:
    if b.jenis == dk.DAFTAR_ISI:
        _daftar_isi(doc, dok)
    elif b.jenis == dk.JUDUL:
        doc.add_heading(b.teks, level=b.tingkat)
    elif b.jenis == dk.PARAGRAF:
        doc.add_paragraph(b.teks)
    elif b.jenis == dk.NARASI:
        for p in dk.paragraf(b.teks) or ["–"]:
            doc.add_paragraph(p)
    elif b.jenis == dk.TABEL:
        tulis_tabel(doc, b.tabel)
    elif b.jenis == dk.TTD:
        _ttd(doc, dok.ttd)


def ke_docx(dok: dk.Dokumen) -> bytes:
    doc = Document()
    doc.core_properties.title = f"{dok.judul} {dok.pd}"
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    _halaman(doc.sections[0], lanskap=False)
    _kepala_kaki(doc.sections[0], dok)
    _sampul(doc, dok)
    lanskap, baru_saja = False, True
    for b, perlu in zip(dok.blok, lanskap_blok(dok.blok), strict=True):
        if perlu != lanskap:
            lanskap = perlu
            _halaman(doc.add_section(WD_SECTION.NEW_PAGE), lanskap=lanskap)
            baru_saja = True
            if b.jenis == dk.HALAMAN_BARU:
                continue
        if b.jenis == dk.HALAMAN_BARU:
            if not baru_saja:
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            baru_saja = True
            continue
        baru_saja = False
        _tulis(doc, b, dok)
    keluar = io.BytesIO()
    doc.save(keluar)
    return keluar.getvalue()
