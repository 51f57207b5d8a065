"""Writing tables as XLSX workbooks.

Numbers are stored as numbers; their display format carries the Indonesian locale
(``[$-421]``) so a spreadsheet shows 10.907.100.008 and 81,37.  Header cells are
merged as in the document, header rows are frozen and repeated on every printed
page, and pages are A4 landscape, one page wide.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

import xlsxwriter

from kinerja.core.tabel import ANGKA, NILAI, PERSEN, RUPIAH, Tabel, teks_sel

FORMAT_BULAT = "[$-421]#,##0"
FORMAT_DESIMAL = "[$-421]#,##0.00"
FORMAT_PERSEN = "[$-421]0.00%"
_TAK_BOLEH = re.compile(r"[\[\]:*?/\\]")


def nama_lembar(teks: str) -> str:
    return _TAK_BOLEH.sub("-", teks)[:31]


class _Format:
    def __init__(self, wb: xlsxwriter.Workbook):
        dasar = {"border": 1, "valign": "top", "font_size": 9, "font_name": "Arial"}
        self.judul = wb.add_format({"bold": True, "font_size": 12, "font_name": "Arial", "align": "center"})
        self.subjudul = wb.add_format({"font_size": 10, "font_name": "Arial", "align": "center"})
        self.catatan = wb.add_format({"italic": True, "font_size": 8, "font_name": "Arial"})
        self.kepala = wb.add_format(
            {
                **dasar,
                "bold": True,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
                "bg_color": "#E8EEF4",
            }
        )
        self._cache: dict[tuple[str, bool], xlsxwriter.format.Format] = {}
        self._wb = wb
        self._dasar = dasar

    def sel(self, jenis: str, tebal: bool, desimal: bool = False):
        kunci = (jenis + ("." if desimal else ""), tebal)
        if kunci not in self._cache:
            opsi = {**self._dasar, "bold": tebal}
            if jenis in (ANGKA, RUPIAH, NILAI):
                opsi["num_format"] = FORMAT_DESIMAL if desimal else FORMAT_BULAT
            elif jenis == PERSEN:
                opsi["num_format"] = FORMAT_PERSEN
            else:
                opsi["text_wrap"] = True
            self._cache[kunci] = self._wb.add_format(opsi)
        return self._cache[kunci]


def _angka(v) -> float | None:
    if isinstance(v, bool) or v is None or v == "":
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, Decimal):
        return float(v)
    return None


def tulis_lembar(wb: xlsxwriter.Workbook, fmt: _Format, tabel: Tabel, nama: str | None = None) -> None:
    ws = wb.add_worksheet(nama_lembar(nama or f"Tabel {tabel.kode}"))
    n = max(tabel.jumlah_kolom, 1)
    ws.merge_range(0, 0, 0, n - 1, tabel.judul, fmt.judul) if n > 1 else ws.write(
        0, 0, tabel.judul, fmt.judul
    )
    baris = 1
    if tabel.subjudul:
        if n > 1:
            ws.merge_range(1, 0, 1, n - 1, tabel.subjudul, fmt.subjudul)
        else:
            ws.write(1, 0, tabel.subjudul, fmt.subjudul)
        baris = 2
    awal_kepala = baris + 1
    terisi: set[tuple[int, int]] = set()
    for r, kepala in enumerate(tabel.kepala):
        c = 0
        for k in kepala:
            while (r, c) in terisi:
                c += 1
            r0, c0 = awal_kepala + r, c
            r1, c1 = r0 + k.rowspan - 1, c0 + k.colspan - 1
            if r1 > r0 or c1 > c0:
                ws.merge_range(r0, c0, r1, c1, k.teks, fmt.kepala)
            else:
                ws.write_string(r0, c0, k.teks, fmt.kepala)
            for dr in range(k.rowspan):
                for dc in range(k.colspan):
                    terisi.add((r + dr, c + dc))
            c += k.colspan
    awal_badan = awal_kepala + len(tabel.kepala)
    for r, isi in enumerate(tabel.baris):
        rr = awal_badan + r
        for c, sel in enumerate(isi):
            if sel is None:
                continue
            tebal = "tebal" in sel.kelas
            v = sel.nilai
            angka_v = _angka(v) if sel.jenis in (ANGKA, RUPIAH, PERSEN, NILAI) else None
            if angka_v is not None:
                if sel.jenis == PERSEN:
                    angka_v = angka_v / 100
                desimal = isinstance(v, Decimal) and v != v.to_integral_value()
                f = fmt.sel(sel.jenis, tebal, desimal)
                if sel.rowspan > 1 or sel.colspan > 1:
                    ws.merge_range(rr, c, rr + sel.rowspan - 1, c + sel.colspan - 1, angka_v, f)
                else:
                    ws.write_number(rr, c, angka_v, f)
            else:
                f = fmt.sel("teks", tebal)
                teks = teks_sel(sel) if sel.jenis != NILAI else ("" if v is None else str(v))
                if sel.rowspan > 1 or sel.colspan > 1:
                    ws.merge_range(rr, c, rr + sel.rowspan - 1, c + sel.colspan - 1, teks, f)
                elif teks:
                    ws.write_string(rr, c, teks, f)
                else:
                    ws.write_blank(rr, c, None, f)
    akhir = awal_badan + len(tabel.baris)
    for i, teks in enumerate(tabel.catatan):
        ws.write_string(akhir + 1 + i, 0, teks, fmt.catatan)
    for c, lebar in enumerate(tabel.lebar):
        ws.set_column(c, c, lebar)
    ws.freeze_panes(awal_badan, tabel.kolom_tetap)
    ws.repeat_rows(awal_kepala, awal_badan - 1)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.set_footer("&L&8" + tabel.judul.replace("&", "&&")[:120] + "&R&8Halaman &P dari &N")


def ke_xlsx(tabel: list[Tabel] | Tabel, *, judul: str = "") -> bytes:
    daftar = tabel if isinstance(tabel, list) else [tabel]
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buf,
        {
            "in_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    wb.set_properties(
        {"title": judul or daftar[0].judul, "author": "Kinerja", "comments": "Dibuat oleh Kinerja"}
    )
    fmt = _Format(wb)
    dipakai: set[str] = set()
    for t in daftar:
        nama = nama_lembar(f"Tabel {t.kode}")
        i = 2
        while nama in dipakai:
            nama = nama_lembar(f"Tabel {t.kode} ({i})")
            i += 1
        dipakai.add(nama)
        tulis_lembar(wb, fmt, t, nama)
    wb.close()
    return buf.getvalue()
