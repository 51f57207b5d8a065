"""A document table as data: header rows with merged cells, body cells with kinds.

Every table the system shows is built once as a ``Tabel`` and then written as HTML,
XLSX or CSV from that one structure, so screen, print and spreadsheet agree.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from typing import Any

from kinerja.core import angka

TEKS = "teks"
ANGKA = "angka"
RUPIAH = "rupiah"
PERSEN = "persen"
NILAI = "nilai"  # a target or value as written: a number, a percentage or a label


@dataclass(slots=True)
class Sel:
    nilai: Any = None
    jenis: str = TEKS
    kelas: str = ""
    rowspan: int = 1
    colspan: int = 1
    judul: str = ""
    tautan: str = ""
    # Fixed decimals for an ANGKA cell (e.g. NRR always with two); None drops trailing zeros.
    desimal: int | None = None

    @property
    def polos(self) -> bool:
        """No class, span, title or link: the cell's HTML follows from its value alone."""
        return not (self.kelas or self.judul or self.tautan) and self.rowspan == self.colspan == 1


# The empty cell, shared: cells are never changed once a row is built.
KOSONG = Sel()


@dataclass(slots=True)
class Kepala:
    teks: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Tabel:
    kode: str
    judul: str
    kepala: list[list[Kepala]]
    # Body rows are full grids: a cell covered by another cell's rowspan/colspan is None.
    baris: list[list[Sel | None]] = field(default_factory=list)
    subjudul: str = ""
    lebar: list[float] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    # Number of leading body columns that name the row (kept visible when scrolling).
    kolom_tetap: int = 0
    # A CSS class per body row ("tebal" = a bold total/parent row); empty = none.
    kelas_baris: list[str] = field(default_factory=list)

    def tambah(self, baris: list[Sel | None], kelas: str = "") -> None:
        self.baris.append(baris)
        self.kelas_baris.append(kelas)

    @property
    def jumlah_kolom(self) -> int:
        return sum(k.colspan for k in self.kepala[0]) if self.kepala else 0

    def nama_kolom(self) -> list[str]:
        """One flat name per column, joining the merged header cells above it."""
        n = self.jumlah_kolom
        grid: list[list[str]] = [[""] * n for _ in self.kepala]
        awal = _kolom_kepala(self)
        for r, baris in enumerate(self.kepala):
            for k, c in zip(baris, awal[r], strict=True):
                for dr in range(k.rowspan):
                    for dc in range(k.colspan):
                        if r + dr < len(grid) and c + dc < n:
                            grid[r + dr][c + dc] = k.teks if dr == 0 else ""
        nama = []
        for c in range(n):
            bagian = []
            for r in range(len(grid)):
                t = grid[r][c]
                if t and (not bagian or bagian[-1] != t):
                    bagian.append(t)
            nama.append(" ".join(bagian))
        return nama


_ANGKA_JENIS = (ANGKA, RUPIAH, PERSEN)
# Kinds whose whole-number cell is written with thousands dots only (see ``teks_sel``).
_BULAT_JENIS = (ANGKA, RUPIAH, NILAI)
# A body cell spanning this many columns or more holds running text (a report's footer).
LEBAR_BUNGKUS = 8


def _kolom_kepala(tabel: Tabel) -> list[list[int]]:
    """The first grid column of every header cell, skipping cells covered from the rows above."""
    n = tabel.jumlah_kolom
    terisi = [[False] * n for _ in tabel.kepala]
    hasil = []
    for r, baris in enumerate(tabel.kepala):
        c, kolom = 0, []
        for k in baris:
            while c < n and terisi[r][c]:
                c += 1
            kolom.append(c)
            for dr in range(k.rowspan):
                for dc in range(k.colspan):
                    if r + dr < len(terisi) and c + dc < n:
                        terisi[r + dr][c + dc] = True
            c += k.colspan
        hasil.append(kolom)
    return hasil


def teks_sel(sel: Sel, *, ribuan: bool = True) -> str:
    """A cell's value as Indonesian text (``ribuan=False``: numbers without thousands dots)."""
    v = sel.nilai
    if v is None or v == "":
        return ""
    if type(v) is int and sel.jenis != PERSEN and ribuan:
        return f"{v:,}".replace(",", ".")
    jenis = sel.jenis
    if jenis == RUPIAH:
        return angka.format_rupiah(v, ribuan=ribuan)
    if jenis == ANGKA:
        return angka.format_angka(v, sel.desimal, ribuan=ribuan)
    if jenis == PERSEN:
        return angka.format_persen(v, ribuan=ribuan)
    if isinstance(v, str):
        return v
    if isinstance(v, (Decimal, int)) and not isinstance(v, bool):
        return angka.format_angka(v, ribuan=ribuan)
    return str(v)


def _thead(tabel: Tabel) -> str:
    """The header rows; cells within the fixed columns carry their column's class."""
    tetap = tabel.kolom_tetap
    kolom_kepala = _kolom_kepala(tabel) if tetap else []
    keluar = ["<thead>"]
    for r, baris in enumerate(tabel.kepala):
        keluar.append("<tr>")
        for j, k in enumerate(baris):
            span = ""
            if k.rowspan > 1:
                span += f' rowspan="{k.rowspan}"'
            if k.colspan > 1:
                span += f' colspan="{k.colspan}"'
            if tetap and kolom_kepala[r][j] + k.colspan <= tetap:
                span += f' class="tetap tetap-{kolom_kepala[r][j]}"'
            keluar.append(f'<th scope="col"{span}>{escape(k.teks)}</th>')
        keluar.append("</tr>")
    keluar.append("</thead>")
    return "".join(keluar)


def ke_html(tabel: Tabel, *, id_html: str = "") -> str:  # noqa: C901 (see the docstring)
    """The table as one HTML string (built directly: pages with thousands of cells).

    The body loop is one function on purpose (its branches are over a cell's kind, span and
    link): it runs once per cell of tables with tens of thousands of cells, where a call per cell
    is measurable in ``bench/renstra.py``.
    """
    keluar: list[str] = []
    tambah = keluar.append
    tetap = tabel.kolom_tetap
    tambah(f'<table class="tabel-dokumen" data-tabel="{escape(tabel.kode)}"')
    if id_html:
        tambah(f' id="{escape(id_html)}"')
    if tetap:
        tambah(f' data-kolom-tetap="{tetap}"')
    tambah(">")
    tambah(_thead(tabel))
    tambah("<tbody>")
    kelas_baris = tabel.kelas_baris or [""] * len(tabel.baris)
    kosong = KOSONG
    kelas_tetap = [f"tetap tetap-{c}" for c in range(tetap)]
    # Builders share one Sel among equal cells: outside the fixed columns a cell's HTML depends on
    # the Sel alone, so it is written once per Sel (the table holds every Sel while this runs).
    sudah: dict[int, str] = {}
    for baris, kb in zip(tabel.baris, kelas_baris, strict=False):
        tambah(f'<tr class="{kb}">' if kb else "<tr>")
        for c, sel in enumerate(baris):
            if sel is None:
                continue
            if sel is kosong:
                tambah(f'<td class="{kelas_tetap[c]}"></td>' if c < tetap else "<td></td>")
                continue
            if c >= tetap:
                td = sudah.get(id(sel))
                if td is not None:
                    tambah(td)
                    continue
                if type(sel.nilai) is int and sel.jenis in _BULAT_JENIS and sel.polos:
                    # Most cells of the plan tables: a whole number, written with thousands dots.
                    td = sudah[id(sel)] = f'<td class="num">{sel.nilai:,}</td>'.replace(",", ".")
                    tambah(td)
                    continue
            v = sel.nilai
            jenis = sel.jenis
            angka_sel = jenis in _ANGKA_JENIS or (jenis == NILAI and v is not None and not isinstance(v, str))
            kelas = sel.kelas
            if angka_sel:
                kelas = f"{kelas} num" if kelas else "num"
            if c < tetap and c + sel.colspan <= tetap:
                kelas = f"{kelas} {kelas_tetap[c]}" if kelas else kelas_tetap[c]
            atribut = f' class="{kelas}"' if kelas else ""
            if sel.rowspan > 1:
                atribut += f' rowspan="{sel.rowspan}"'
            if sel.colspan > 1:
                atribut += f' colspan="{sel.colspan}"'
            if sel.judul:
                atribut += f' title="{escape(sel.judul)}"'
            isi = teks_sel(sel)
            if not angka_sel and ("<" in isi or "&" in isi or ">" in isi or '"' in isi or "'" in isi):
                isi = escape(isi)
            if sel.tautan:
                isi = f'<a href="{escape(sel.tautan)}">{isi}</a>'
            if sel.colspan >= LEBAR_BUNGKUS:
                # A note spanning a wide report is wrapped to the visible width and kept in view when
                # the table is scrolled sideways, instead of one line thousands of pixels long.
                isi = f'<div class="isi-lebar">{isi}</div>'
            td = f"<td{atribut}>{isi}</td>"
            if c >= tetap:
                sudah[id(sel)] = td
            tambah(td)
        tambah("</tr>")
    tambah("</tbody></table>")
    return "".join(keluar)


def ke_baris_csv(tabel: Tabel, *, ribuan: bool = True) -> list[list[str]]:
    """Header (flattened) and body rows as text, for CSV (``ribuan=False``) and JSON."""
    hasil = [tabel.nama_kolom()]
    for baris in tabel.baris:
        hasil.append(["" if sel is None else teks_sel(sel, ribuan=ribuan) for sel in baris])
    return hasil


def ke_csv(baris: Iterable[Iterable[object]]) -> bytes:
    """Rows as the CSV a spreadsheet with an Indonesian locale opens with its columns split.

    ';' between fields (the comma is the decimal separator there), UTF-8 with a byte-order
    mark so that letters such as 'é' or '–' survive, CRLF line ends.  Numbers are written with
    a decimal comma and no thousands dots (10907100008; 81,37), which such a spreadsheet reads
    as numbers and a program reads with ``sep=';', decimal=','``.
    """
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(
        [sel_aman(sel) for sel in b] for b in baris
    )
    return buf.getvalue().encode("utf-8-sig")


# A spreadsheet runs a cell beginning with one of these as a formula (=HYPERLINK(…), +cmd|…, @SUM).
_AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r", "\n")
# A number as ``format_angka(ribuan=False)`` writes it: a negative one stays a number.
_RE_ANGKA_POLOS = re.compile(r"^-\d+(?:,\d+)?%?$")


def sel_aman(sel: object) -> object:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula (OWASP CSV injection).

    Text whose first character (after any spaces) is ``= + - @``, a tab or a line break gets a
    leading single quote.  Kept as they are: numbers, text that is a plain negative number
    (``-12,5``, ``-3%``) and the lone ``-`` that plans print for nil — neither can run.
    """
    if not isinstance(sel, str):
        return sel
    awal = sel.lstrip(" ")
    if not awal.startswith(_AWAL_RUMUS) or sel == "-" or _RE_ANGKA_POLOS.match(sel):
        return sel
    return "'" + sel
