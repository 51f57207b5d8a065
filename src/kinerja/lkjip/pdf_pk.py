"""The Perjanjian Kinerja as a PDF to print and sign (PermenPANRB 53/2014's form): the statement with
both parties, the promise and the supervision, place and date, the two signature blocks (pihak kedua
on the left, pihak pertama on the right), then the annexes.

The content is ``monev.pk``'s: the signed snapshot once signed, else the draft computed from today's
data, marked RANCANGAN on every page. Drawn with the LKjIP document's fonts and table writer.
"""

from __future__ import annotations

from fpdf import FPDF

from kinerja.core.tabel import Tabel
from kinerja.lkjip.pdf import HURUF, _tabel, aman, cap_rancangan
from kinerja.monev import pk as pk_mod

TITIK = "……………………………"


class _PDFPK(FPDF):
    def __init__(self, isi: pk_mod.IsiPK, rancangan: bool):
        super().__init__(format="A4", unit="mm")
        self.isi = isi
        self.rancangan = rancangan
        self.set_auto_page_break(True, margin=18)
        self.set_margins(22, 18, 22)

    def header(self):
        if self.rancangan:
            cap_rancangan(self, "RANCANGAN - belum ditandatangani; isi dihitung dari data saat ini")

    def footer(self):
        self.set_y(-13)
        self.set_font(HURUF, "", 8)
        self.set_text_color(60, 60, 60)
        i = self.isi
        teks = (
            f"Perjanjian Kinerja {i.perangkat_daerah} Tahun {i.tahun} · Halaman {self.page_no()} dari {{nb}}"
        )
        self.cell(0, 6, aman(teks), align="C")
        self.set_text_color(0, 0, 0)


def _paragraf(pdf: FPDF, teks: str) -> None:
    pdf.set_font(HURUF, "", 10.5)
    pdf.multi_cell(0, 5.5, aman(teks), align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _pihak(pdf: FPDF, p: dict, *, nip_wajib: bool) -> None:
    pdf.set_font(HURUF, "", 10.5)
    baris = [("Nama", p.get("nama") or TITIK), ("Jabatan", p.get("jabatan") or TITIK)]
    if p.get("nip") or nip_wajib:  # the kepala daerah, an elected official, may have no NIP
        baris.append(("NIP", p.get("nip") or TITIK))
    for label, nilai in baris:
        pdf.set_x(pdf.l_margin + 8)
        pdf.cell(22, 5.5, aman(label))
        pdf.cell(4, 5.5, ":")
        pdf.multi_cell(0, 5.5, aman(nilai), new_x="LMARGIN", new_y="NEXT")


def _tanda_tangan(pdf: FPDF, isi: pk_mod.IsiPK) -> None:
    if pdf.will_page_break(62):
        pdf.add_page()
    pdf.ln(4)
    pdf.set_font(HURUF, "", 10.5)
    lebar = pdf.epw / 2
    tanggal = isi.tanggal_tercetak or f"{TITIK} {isi.tahun}"
    pdf.set_x(pdf.l_margin + lebar)
    pdf.multi_cell(
        lebar, 5.5, aman(f"{isi.tempat or TITIK}, {tanggal}"), align="C", new_x="LMARGIN", new_y="NEXT"
    )
    atas = pdf.get_y()
    for i, (sebutan, p) in enumerate(
        (("PIHAK KEDUA,", isi.pihak_kedua), ("PIHAK PERTAMA,", isi.pihak_pertama))
    ):
        x = pdf.l_margin + i * lebar
        pdf.set_xy(x, atas)
        pdf.set_font(HURUF, "B", 10.5)
        pdf.multi_cell(lebar, 5.5, sebutan, align="C", new_x="LEFT", new_y="NEXT")
        pdf.set_font(HURUF, "", 10.5)
        pdf.multi_cell(lebar, 5.5, aman(p.get("jabatan") or ""), align="C", new_x="LEFT", new_y="NEXT")
        pdf.ln(22)
        pdf.set_x(x)
        pdf.set_font(HURUF, "BU", 10.5)
        pdf.multi_cell(lebar, 5.5, aman(p.get("nama") or TITIK), align="C", new_x="LEFT", new_y="NEXT")
        pdf.set_font(HURUF, "", 10.5)
        for teks in (p.get("pangkat") or "", f"NIP. {p['nip']}" if p.get("nip") else ""):
            if teks:
                pdf.set_x(x)
                pdf.multi_cell(lebar, 5.5, aman(teks), align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_x(pdf.l_margin)
    pdf.ln(4)


def pk_ke_pdf(isi: pk_mod.IsiPK, keadaan: str, lampiran: list[Tabel], *, kompres: bool = True) -> bytes:
    """The agreement ``isi`` (signed snapshot or draft) with its annex tables as PDF bytes; ``keadaan`` is
    ``monev.pk.keadaan`` (a draft says RANCANGAN). ``kompres=False`` keeps the text readable for tests."""
    rancangan = keadaan.startswith("RANCANGAN")
    pdf = _PDFPK(isi, rancangan)
    pdf.set_compression(kompres)
    pdf.set_title(aman(f"Perjanjian Kinerja Tahun {isi.tahun} {isi.perangkat_daerah}"))
    pdf.set_creator("Kinerja")
    pdf.add_page()
    for teks, ukuran in (
        (f"PERJANJIAN KINERJA TAHUN {isi.tahun}", 14),
        (isi.perangkat_daerah.upper(), 12),
        (isi.pemda.upper(), 12),
    ):
        pdf.set_font(HURUF, "B", ukuran)
        pdf.multi_cell(0, 7, aman(teks), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    _paragraf(pdf, isi.pernyataan[0])
    _pihak(pdf, isi.pihak_pertama, nip_wajib=True)
    _paragraf(pdf, pk_mod.SEBUTAN_PERTAMA)
    _pihak(pdf, isi.pihak_kedua, nip_wajib=False)
    _paragraf(pdf, pk_mod.SEBUTAN_KEDUA)
    for teks in isi.pernyataan[1:]:
        _paragraf(pdf, teks)
    _tanda_tangan(pdf, isi)
    pdf.set_font(HURUF, "I", 8)
    pdf.multi_cell(0, 4, aman(keadaan), new_x="LMARGIN", new_y="NEXT")
    for t in lampiran:
        pdf.add_page()
        _tabel(pdf, t)
    return bytes(pdf.output())
