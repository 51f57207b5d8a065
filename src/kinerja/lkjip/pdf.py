"""The LKjIP document as PDF, drawn with fpdf2: a cover, a table of contents with page numbers,
"Halaman X dari Y" on every page, tables in the document's layout (merged header cells repeated on
each page; wide tables on landscape pages) and, on a draft, the word RANCANGAN across every page.

The core font (Helvetica) covers Indonesian text; the few typographic signs outside its code page
(≥, →, …) are written with their plain equivalents. Nothing is downloaded.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.fonts import FontFace

from kinerja.core.tabel import ANGKA, NILAI, PERSEN, RUPIAH, Tabel, teks_sel
from kinerja.lkjip import dokumen as dk
from kinerja.lkjip.docx_ import LEBAR_POTRET, lanskap_blok

KANAN = (ANGKA, RUPIAH, PERSEN, NILAI)
GANTI = {
    "–": "-",
    "—": "-",
    "−": "-",
    "≥": ">=",
    "≤": "<=",
    "→": "->",
    "…": "...",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "•": "-",
    "≈": "~",
}
HURUF = "helvetica"


def aman(teks: str) -> str:
    """Text the core font can write (Latin-1): typographic signs outside it made plain."""
    for a, b in GANTI.items():
        teks = teks.replace(a, b)
    return teks.encode("latin-1", "replace").decode("latin-1")


class _PDF(FPDF):
    def __init__(self, dok: dk.Dokumen):
        super().__init__(format="A4", unit="mm")
        self.dok = dok
        self.set_auto_page_break(True, margin=18)
        self.set_margins(20, 18, 20)

    def header(self):
        if self.dok.rancangan:
            cap_rancangan(self, "RANCANGAN - belum seluruh laporan triwulan terverifikasi")

    def footer(self):
        self.set_y(-13)
        self.set_font(HURUF, "", 8)
        self.set_text_color(60, 60, 60)
        teks = aman(f"LKjIP {self.dok.pd} Tahun {self.dok.tahun} · Halaman {self.page_no()} dari {{nb}}")
        self.cell(0, 6, teks, align="C")
        self.set_text_color(0, 0, 0)


def cap_rancangan(pdf: FPDF, keterangan: str) -> None:
    """A draft's mark, called from a page header: RANCANGAN across the page, behind its content, and
    ``keterangan`` on top."""
    pdf.set_font(HURUF, "B", 64)
    pdf.set_text_color(240, 205, 205)
    x, y = pdf.w / 2, pdf.h / 2
    with pdf.rotation(45, x, y):
        pdf.text(x - 75, y + 10, "RANCANGAN")
    pdf.set_font(HURUF, "B", 8)
    pdf.set_text_color(176, 28, 28)
    pdf.set_y(8)
    pdf.cell(0, 5, keterangan, align="C")
    pdf.set_text_color(0, 0, 0)
    pdf.set_y(18)


def _daftar_isi(pdf: FPDF, outline) -> None:
    pdf.set_font(HURUF, "B", 14)
    pdf.set_x(pdf.l_margin)
    pdf.cell(0, 10, "DAFTAR ISI", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for s in outline:
        pdf.set_font(HURUF, "B" if s.level == 0 else "", 10)
        indent = 6 * s.level
        lebar = pdf.epw - indent - 14
        pdf.set_x(pdf.l_margin + indent)
        nama = aman(s.name)
        pdf.cell(lebar, 6, nama, link=pdf.add_link(page=s.page_number))
        pdf.cell(14, 6, str(s.page_number), align="R", new_x="LMARGIN", new_y="NEXT")


def _tabel(pdf: FPDF, tabel: Tabel) -> None:
    if pdf.will_page_break(70):
        pdf.add_page(orientation=pdf.cur_orientation)  # the title stays with the table's first rows
    pdf.set_font(HURUF, "B", 9)
    pdf.multi_cell(0, 5, aman(tabel.judul), new_x="LMARGIN", new_y="NEXT")
    if tabel.subjudul:
        pdf.set_font(HURUF, "", 7)
        pdf.multi_cell(0, 4, aman(tabel.subjudul), new_x="LMARGIN", new_y="NEXT")
    n = tabel.jumlah_kolom
    lebar = tabel.lebar if len(tabel.lebar) == n else [1] * n
    pdf.set_font(HURUF, "", 6.5 if n > LEBAR_POTRET else 7.5)
    kelas_baris = tabel.kelas_baris or [""] * len(tabel.baris)
    with pdf.table(
        col_widths=lebar,
        num_heading_rows=len(tabel.kepala),
        text_align="LEFT",
        line_height=pdf.font_size * 1.3,
        headings_style=FontFace(emphasis="BOLD", fill_color=(231, 231, 231)),
        padding=0.8,
    ) as t:
        for baris in tabel.kepala:
            row = t.row()
            for k in baris:
                row.cell(aman(k.teks), align="C", colspan=k.colspan, rowspan=k.rowspan)
        for baris, kb in zip(tabel.baris, kelas_baris, strict=False):
            row = t.row()
            for s in baris:
                if s is None:
                    continue
                tebal = "tebal" in s.kelas or "tebal" in kb or "kaki" in kb
                row.cell(
                    aman(teks_sel(s)),
                    align="R" if s.jenis in KANAN and s.colspan == 1 else "L",
                    colspan=s.colspan,
                    rowspan=s.rowspan,
                    style=FontFace(emphasis="BOLD") if tebal else None,
                )
    pdf.set_font(HURUF, "", 6.5)
    for c in tabel.catatan:
        pdf.multi_cell(0, 3.4, aman(c), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _sampul(pdf: _PDF, dok: dk.Dokumen) -> None:
    pdf.add_page()
    pdf.set_y(80)
    for teks, ukuran in ((dok.judul, 16), (dok.pd.upper(), 14), (dok.pemda.upper(), 12)):
        pdf.set_font(HURUF, "B", ukuran)
        pdf.multi_cell(0, 9, aman(teks), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    if dok.rancangan:
        pdf.ln(10)
        pdf.set_font(HURUF, "B", 10)
        pdf.set_text_color(176, 28, 28)
        pdf.multi_cell(0, 6, aman(dok.keterangan_rancangan), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)


def _ttd(pdf: FPDF, ttd: dict) -> None:
    pdf.ln(8)
    pdf.set_font(HURUF, "", 10)
    x = pdf.l_margin + pdf.epw * 0.55
    for teks in (
        f"{ttd['tempat']}, {ttd['tanggal']}",
        ttd["jabatan"],
        "",
        "",
        "",
        ttd["nama"] or "......................................",
        ttd.get("pangkat") or "",
        f"NIP {ttd['nip']}" if ttd.get("nip") else "",
    ):
        pdf.set_x(x)
        pdf.multi_cell(pdf.epw * 0.45, 5, aman(teks), new_x="LMARGIN", new_y="NEXT")


def _tulis(pdf: _PDF, b: dk.Blok, dok: dk.Dokumen) -> None:
    if b.jenis == dk.DAFTAR_ISI:
        pdf.insert_toc_placeholder(_daftar_isi, pages=1)
    elif b.jenis == dk.JUDUL:
        if b.tingkat > 1 and pdf.will_page_break(85):
            pdf.add_page(orientation=pdf.cur_orientation)  # a section's title never ends a page alone
        pdf.start_section(aman(b.teks), level=b.tingkat - 1)
        pdf.set_font(HURUF, "B", 13 if b.tingkat == 1 else 11)
        pdf.ln(2)
        pdf.multi_cell(
            0, 7, aman(b.teks), align="C" if b.tingkat == 1 else "L", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.ln(2)
    elif b.jenis in (dk.PARAGRAF, dk.NARASI):
        pdf.set_font(HURUF, "", 10)
        for p in dk.paragraf(b.teks) or ["-"]:
            pdf.multi_cell(0, 5, aman(p), align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    elif b.jenis == dk.TABEL:
        _tabel(pdf, b.tabel)
    elif b.jenis == dk.TTD:
        _ttd(pdf, dok.ttd)


def ke_pdf(dok: dk.Dokumen, *, kompres: bool = True) -> bytes:
    """The document as PDF bytes (``kompres=False`` keeps the page text readable for tests)."""
    pdf = _PDF(dok)
    pdf.set_compression(kompres)
    pdf.set_title(aman(f"{dok.judul} {dok.pd}"))
    pdf.set_creator("Kinerja")
    _sampul(pdf, dok)
    pdf.add_page()
    lanskap, baru_saja = False, True
    for b, perlu in zip(dok.blok, lanskap_blok(dok.blok), strict=True):
        if b.jenis == dk.HALAMAN_BARU or perlu != lanskap:
            if not baru_saja or perlu != lanskap:
                lanskap = perlu
                pdf.add_page(orientation="L" if lanskap else "P")
            baru_saja = True
            if b.jenis == dk.HALAMAN_BARU:
                continue
        if b.jenis == dk.DAFTAR_ISI:
            baru_saja = True  # the placeholder ends its own page
        else:
            baru_saja = False
        _tulis(pdf, b, dok)
    return bytes(pdf.output())
