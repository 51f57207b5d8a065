"""Writing tables as XLSX workbooks (Office Open XML, written directly).

Numbers are stored as numbers; their display format carries the Indonesian locale
(``[$-421]``) so a spreadsheet shows 10.907.100.008 and 81,37.  Header cells are
merged as in the document, header rows are frozen and repeated on every printed
page, and pages are A4 landscape, one page wide.

The parts are written as text rather than through a general-purpose library: a
Tabel 6.2 has thousands of cells and this is several times faster.  The output is
byte-for-byte deterministic (fixed timestamps, no creation dates), so the same table
always gives the same file.
"""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from operator import itemgetter
from xml.sax.saxutils import escape, quoteattr

from kinerja.core.tabel import ANGKA, NILAI, PERSEN, RUPIAH, Tabel, teks_sel
from kinerja.core.tinggi_baris import TINGGI_BAWAAN, TinggiBaris

FORMAT_BULAT = "[$-421]#,##0"
FORMAT_DESIMAL = "[$-421]#,##0.00"
FORMAT_PERSEN = "[$-421]0.00%"
_TAK_BOLEH_LEMBAR = re.compile(r"[\[\]:*?/\\]")
_KARAKTER_LIAR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Stands for the row number in a body cell's XML written once for many rows: _teks_xml drops it from
# every text, and numbers and styles never hold it.
_NOMOR = "\x00"
_WAKTU_ZIP = (2000, 1, 1, 0, 0, 0)

# cellXfs indices (see _STYLES)
S_JUDUL, S_SUBJUDUL, S_KEPALA, S_TEKS, S_TEKS_TEBAL = 1, 2, 3, 4, 5
S_BULAT, S_BULAT_TEBAL, S_DESIMAL, S_DESIMAL_TEBAL, S_PERSEN, S_PERSEN_TEBAL, S_CATATAN = (
    6,
    7,
    8,
    9,
    10,
    11,
    12,
)

_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="3"><numFmt numFmtId="164" formatCode={quoteattr(FORMAT_BULAT)}/><numFmt numFmtId="165" formatCode={quoteattr(FORMAT_DESIMAL)}/><numFmt numFmtId="166" formatCode={quoteattr(FORMAT_PERSEN)}/></numFmts>
<fonts count="5"><font><sz val="9"/><name val="Arial"/></font><font><b/><sz val="9"/><name val="Arial"/></font><font><b/><sz val="12"/><name val="Arial"/></font><font><sz val="10"/><name val="Arial"/></font><font><i/><sz val="8"/><name val="Arial"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE8EEF4"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="13">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="164" fontId="1" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="165" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="165" fontId="1" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="166" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="166" fontId="1" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="0" fontId="4" fillId="0" borderId="0" xfId="0" applyFont="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def nama_lembar(teks: str) -> str:
    return _TAK_BOLEH_LEMBAR.sub("-", teks)[:31]


def _kolom(c: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    huruf = ""
    c += 1
    while c:
        c, sisa = divmod(c - 1, 26)
        huruf = chr(65 + sisa) + huruf
    return huruf


_NAMA_KOLOM = [_kolom(i) for i in range(200)]


def _teks_xml(teks: str) -> str:
    teks = _KARAKTER_LIAR.sub("", teks)
    if teks != teks.strip() or "\n" in teks:
        return f'<t xml:space="preserve">{escape(teks)}</t>'
    return f"<t>{escape(teks)}</t>"


def _angka_xml(v) -> str | None:
    """A cell value as a number literal, or None when it is not a number."""
    if isinstance(v, bool) or v is None or v == "":
        return None
    if isinstance(v, int):
        return str(v)
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v.is_finite() else None
    if isinstance(v, float):
        return repr(v)
    return None


# Kinds whose whole number is written as it is in the bulat style (see _ekor_sel).
_JENIS_BULAT = (ANGKA, RUPIAH, NILAI)
_GAYA_ANGKA = {ANGKA: (S_BULAT, S_DESIMAL), RUPIAH: (S_BULAT, S_DESIMAL), NILAI: (S_BULAT, S_DESIMAL)}


# Font (points, bold) of each style that wraps its text (see _STYLES); the others hold numbers
# or a note on one line.
_HURUF = {S_JUDUL: (12, True), S_SUBJUDUL: (10, False), S_KEPALA: (9, True), S_TEKS: (9, False)}
_HURUF[S_TEKS_TEBAL] = (9, True)


class _Lembar:
    def __init__(self, tabel: Tabel):
        self.tabel = tabel
        self.n = max(tabel.jumlah_kolom, 1)
        self.baris_xml: list[tuple[int, str]] = []
        self.gabung: list[str] = []
        self.tinggi = TinggiBaris(tabel.lebar)

    def _teks(self, r: int, c: int, teks: str, gaya: int, colspan: int = 1, rowspan: int = 1) -> str:
        """A text cell; its wrapped lines are counted for the row height."""
        pt, tebal = _HURUF[gaya]
        self.tinggi.catat(r, c, teks, pt=pt, tebal=tebal, colspan=colspan, rowspan=rowspan)
        return f'<c r="{_NAMA_KOLOM[c]}{r}" s="{gaya}" t="inlineStr"><is>{_teks_xml(teks)}</is></c>'

    def tulis(self) -> str:
        t = self.tabel
        r = 1
        self._baris_gabung(r, t.judul, S_JUDUL)
        if t.subjudul:
            r += 1
            self._baris_gabung(r, t.subjudul, S_SUBJUDUL)
        self.awal_kepala = r + 2
        self._kepala()
        self.awal_badan = self.awal_kepala + len(t.kepala)
        self._badan()
        akhir = self.awal_badan + len(t.baris)
        for j, teks in enumerate(t.catatan):
            rr = akhir + 1 + j
            self.baris_xml.append(
                (rr, f'<c r="A{rr}" s="{S_CATATAN}" t="inlineStr"><is>{_teks_xml(teks)}</is></c>')
            )
        return self._lembar(max(akhir + len(t.catatan), self.awal_badan))

    def _kepala(self) -> None:
        """Header rows: a grid honouring rowspan/colspan; covered cells carry the header style."""
        t, n, awal = self.tabel, self.n, self.awal_kepala
        tinggi = len(t.kepala)
        grid: list[list[str]] = [
            [f'<c r="{_NAMA_KOLOM[c]}{awal + i}" s="{S_KEPALA}"/>' for c in range(n)] for i in range(tinggi)
        ]
        terisi = [[False] * n for _ in range(tinggi)]
        for i, baris in enumerate(t.kepala):
            c = 0
            for k in baris:
                while c < n and terisi[i][c]:
                    c += 1
                if c >= n:
                    break
                colspan, rowspan = min(k.colspan, n - c), min(k.rowspan, tinggi - i)
                grid[i][c] = self._teks(awal + i, c, k.teks, S_KEPALA, colspan, rowspan)
                for dr in range(rowspan):
                    for dc in range(colspan):
                        terisi[i + dr][c + dc] = True
                if rowspan > 1 or colspan > 1:
                    r0 = awal + i
                    self.gabung.append(
                        f"{_NAMA_KOLOM[c]}{r0}:{_NAMA_KOLOM[c + colspan - 1]}{r0 + rowspan - 1}"
                    )
                c += k.colspan
        for i in range(tinggi):
            self.baris_xml.append((awal + i, "".join(grid[i])))

    def _badan(self) -> None:
        """Body rows. Builders share one Sel among equal cells: a cell's XML, with its row number left
        as ``_NOMOR``, and what else it needs (a height, merging) are worked out once per (Sel, column,
        bold row); a row is then joined from them by lookups in C."""
        t = self.tabel
        kelas_baris = t.kelas_baris or [""] * len(t.baris)
        catat_tinggi, gabung, nama = self.tinggi.catat_tinggi, self.gabung, _NAMA_KOLOM
        n = max(map(len, t.baris), default=0)
        # bold row → column → id(Sel) → (XML, None or (height, rowspan, colspan, column))
        sudah = {False: [{} for _ in range(n)], True: [{} for _ in range(n)]}
        ambil, xml, lain = dict.get, itemgetter(0), itemgetter(1)
        for i, (baris, kb) in enumerate(zip(t.baris, kelas_baris, strict=False)):
            rr = self.awal_badan + i
            tebal_baris = "tebal" in kb
            per_kolom = sudah[tebal_baris]
            ada = list(map(ambil, per_kolom, map(id, baris)))
            if None in ada:
                for c, s in enumerate(baris):
                    if ada[c] is None:
                        ada[c] = per_kolom[c][id(s)] = self._sel_xml(c, s, tebal_baris)
            for tinggi, rowspan, colspan, c in filter(None, map(lain, ada)):
                if tinggi is not None:
                    catat_tinggi(rr, tinggi, rowspan)
                if rowspan > 1 or colspan > 1:
                    gabung.append(f"{nama[c]}{rr}:{nama[c + colspan - 1]}{rr + rowspan - 1}")
            self.baris_xml.append((rr, "".join(map(xml, ada)).replace(_NOMOR, str(rr))))

    def _sel_xml(self, c: int, s, tebal_baris: bool) -> tuple[str, tuple | None]:
        """A body cell's XML with ``_NOMOR`` for its row number, and its (height, rowspan, colspan,
        column) when it needs a height or merging (None otherwise)."""
        if s is None:
            return f'<c r="{_NAMA_KOLOM[c]}{_NOMOR}" s="{S_TEKS}"/>', None
        tebal = tebal_baris or "tebal" in s.kelas
        if type(s.nilai) is int and s.jenis in _JENIS_BULAT and s.rowspan == s.colspan == 1:
            # Most cells of the plan tables: a whole number (what _ekor_sel writes for it).
            gaya = S_BULAT_TEBAL if tebal else S_BULAT
            return f'<c r="{_NAMA_KOLOM[c]}{_NOMOR}" s="{gaya}"><v>{s.nilai}</v></c>', None
        ekor, tinggi = self._ekor_sel(c, s, tebal)
        lain = (
            (tinggi, s.rowspan, s.colspan, c)
            if tinggi is not None or s.rowspan > 1 or s.colspan > 1
            else None
        )
        return f'<c r="{_NAMA_KOLOM[c]}{_NOMOR}"{ekor}', lain

    def _ekor_sel(self, c: int, s, tebal: bool) -> tuple[str, float | None]:
        """A body cell's XML after ``<c r="…"``, and the height its text needs (None: none)."""
        v, jenis = s.nilai, s.jenis
        angka = _angka_xml(v) if jenis in (ANGKA, RUPIAH, PERSEN, NILAI) else None
        if angka is not None:
            if jenis == PERSEN:
                angka = format((Decimal(angka) / 100).normalize(), "f")
                gaya = S_PERSEN_TEBAL if tebal else S_PERSEN
            else:
                desimal = isinstance(v, (Decimal, float)) and v != int(v)
                gaya = (S_DESIMAL if desimal else S_BULAT) + (1 if tebal else 0)
            return f' s="{gaya}"><v>{angka}</v></c>', None
        teks = teks_sel(s) if jenis != NILAI else ("" if v is None else str(v))
        gaya = S_TEKS_TEBAL if tebal else S_TEKS
        if not teks:
            return f' s="{gaya}"/>', None
        pt, huruf_tebal = _HURUF[gaya]
        tinggi = self.tinggi.ukur(c, teks, pt=pt, tebal=huruf_tebal, colspan=s.colspan)
        return f' s="{gaya}" t="inlineStr"><is>{_teks_xml(teks)}</is></c>', tinggi

    def _lembar(self, baris_akhir: int) -> str:
        t, awal_badan = self.tabel, self.awal_badan
        kolom_tetap = t.kolom_tetap
        if kolom_tetap:
            pane = (
                f'<pane xSplit="{kolom_tetap}" ySplit="{awal_badan - 1}" topLeftCell="{_NAMA_KOLOM[kolom_tetap]}{awal_badan}" '
                f'activePane="bottomRight" state="frozen"/>'
            )
            aktif = "bottomRight"
        else:
            pane = f'<pane ySplit="{awal_badan - 1}" topLeftCell="A{awal_badan}" activePane="bottomLeft" state="frozen"/>'
            aktif = "bottomLeft"
        kolom = "".join(
            f'<col min="{i + 1}" max="{i + 1}" width="{lebar}" customWidth="1"/>'
            for i, lebar in enumerate(t.lebar)
        )
        gabung = (
            f'<mergeCells count="{len(self.gabung)}">'
            + "".join(f'<mergeCell ref="{g}"/>' for g in self.gabung)
            + "</mergeCells>"
            if self.gabung
            else ""
        )
        kaki = escape("&L&8" + t.judul.replace("&", "&&")[:120] + "&R&8Halaman &P dari &N")
        tinggi = self.tinggi.hasil()
        baris = "".join(
            f'<row r="{r}" ht="{tinggi[r]:g}" customHeight="1">{isi}</row>'
            if r in tinggi
            else f'<row r="{r}">{isi}</row>'
            for r, isi in self.baris_xml
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<worksheet xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}">'
            '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
            f'<dimension ref="A1:{_NAMA_KOLOM[self.n - 1]}{baris_akhir}"/>'
            f'<sheetViews><sheetView workbookViewId="0">{pane}<selection pane="{aktif}" activeCell="A{awal_badan}" sqref="A{awal_badan}"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="{TINGGI_BAWAAN:g}"/>'
            + (f"<cols>{kolom}</cols>" if kolom else "")
            + f"<sheetData>{baris}</sheetData>"
            + gabung
            + '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>'
            '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
            f"<headerFooter><oddFooter>{kaki}</oddFooter></headerFooter>"
            "</worksheet>"
        )

    def _baris_gabung(self, r: int, teks: str, gaya: int) -> None:
        """A title row merged across the whole table."""
        n = self.n
        sel = [self._teks(r, 0, teks, gaya, colspan=n)]
        sel += [f'<c r="{_NAMA_KOLOM[c]}{r}" s="{gaya}"/>' for c in range(1, n)]
        self.baris_xml.append((r, "".join(sel)))
        if n > 1:
            self.gabung.append(f"A{r}:{_NAMA_KOLOM[n - 1]}{r}")


def _sifat_xml(sifat: dict[str, str]) -> str:
    """Custom document properties: spreadsheet programs keep them when the file is saved again."""
    isi = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i}" name={quoteattr(k)}>'
        f"<vt:lpwstr>{escape(v)}</vt:lpwstr></property>"
        for i, (k, v) in enumerate(sifat.items(), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{isi}</Properties>'
    )


def _bagian_buku(nama: list[str], cetak_judul: list[str], judul: str, sifat: bool) -> dict[str, str]:
    """The workbook's package parts other than its sheets: content types, relationships, document
    properties and the workbook with its sheet names and print titles."""
    jumlah = len(nama)
    return {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in range(jumlah)
            )
            + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
            + (
                '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
                if sifat
                else ""
            )
            + "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
            + (
                '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>'
                if sifat
                else ""
            )
            + "</Relationships>"
        ),
        "docProps/core.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{escape(judul)}</dc:title><dc:creator>Kinerja</dc:creator></cp:coreProperties>"
        ),
        "docProps/app.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>Kinerja</Application></Properties>"
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<workbook xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}"><bookViews><workbookView/></bookViews><sheets>'
            + "".join(
                f'<sheet name={quoteattr(n)} sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                for i, n in enumerate(nama)
            )
            + "</sheets><definedNames>"
            + "".join(cetak_judul)
            + "</definedNames></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{i + 1}" Type="{_NS_REL}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                for i in range(jumlah)
            )
            + f'<Relationship Id="rId{jumlah + 1}" Type="{_NS_REL}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": _STYLES,
    }


def ke_xlsx(tabel: list[Tabel] | Tabel, *, judul: str = "", sifat: dict[str, str] | None = None) -> bytes:
    """The tables as one workbook, a sheet each; ``sifat`` become custom document properties."""
    daftar = tabel if isinstance(tabel, list) else [tabel]
    nama: list[str] = []
    for t in daftar:
        n = nama_lembar(f"Tabel {t.kode}")
        i = 2
        while n in nama:
            n = nama_lembar(f"Tabel {t.kode} ({i})")
            i += 1
        nama.append(n)
    lembar_xml, cetak_judul = [], []
    for i, t in enumerate(daftar):
        lembar = _Lembar(t)
        lembar_xml.append(lembar.tulis())
        rujuk = "'" + nama[i].replace("'", "''") + "'"
        cetak_judul.append(
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{escape(rujuk)}!${lembar.awal_kepala}:${lembar.awal_badan - 1}</definedName>'
        )
    bagian = _bagian_buku(nama, cetak_judul, judul or daftar[0].judul, bool(sifat))
    if sifat:
        bagian["docProps/custom.xml"] = _sifat_xml(sifat)
    for i, xml in enumerate(lembar_xml):
        bagian[f"xl/worksheets/sheet{i + 1}.xml"] = xml
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for nama_bagian, isi in bagian.items():
            info = zipfile.ZipInfo(nama_bagian, date_time=_WAKTU_ZIP)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, isi.encode("utf-8"), compresslevel=1)
    return buf.getvalue()
