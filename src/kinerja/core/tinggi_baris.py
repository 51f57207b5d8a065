"""How tall a spreadsheet row must be for its wrapped text.

Neither LibreOffice nor Excel fits the rows of a generated workbook when it is opened: a
row without a height keeps the default of one line and its wrapped text runs over the rows
below.  The writer therefore states each height, estimated from the column widths (in
characters of the workbook's default font, Arial 9), the font of each cell and its text:
words wrapped greedily on lines of about ``lebar × faktor`` characters, explicit newlines
kept, a word longer than a line broken.  The estimate errs on the tall side: a row a little
too tall reads fine, one too short hides text.
"""

from __future__ import annotations

import math
from functools import lru_cache

LEBAR_BAWAAN = 8.43  # a column without a stated width, in characters
TINGGI_BAWAAN = 12.0  # one line of Arial 9, in points (the sheet's defaultRowHeight)

# Characters of running text per character of column width at 9 pt.  Column widths count the
# widest digit; Indonesian text with its spaces averages a little narrower, bold a little wider.
FAKTOR = {False: 1.1, True: 1.0}


def kapasitas(lebar: float, pt: float, tebal: bool) -> int:
    """Characters that fit on one line of a cell ``lebar`` wide (less one for the cell's margins)."""
    return max(1, int(lebar * FAKTOR[tebal] * 9 / pt) - 1)


@lru_cache(maxsize=65536)
def jumlah_baris(teks: str, kapasitas: int) -> int:
    """Lines the text takes when wrapped at word boundaries on lines of ``kapasitas`` characters."""
    total = 0
    for paragraf in teks.split("\n"):
        baris, isi = 1, 0
        for kata in paragraf.split():
            p = len(kata)
            if isi and isi + 1 + p <= kapasitas:
                isi += 1 + p
            elif not isi and p <= kapasitas:
                isi = p
            else:
                # The word starts a new line; a word longer than a line runs over several.
                baris += 1 if isi else 0
                lagi, sisa = divmod(p, kapasitas)
                if sisa == 0:
                    lagi, sisa = lagi - 1, kapasitas
                baris += lagi
                isi = sisa
        total += baris
    return total


def tinggi_pt(baris: int, pt: float) -> float:
    """Row height in points for this many lines of a font of ``pt`` points (to a quarter point)."""
    return max(TINGGI_BAWAAN, math.ceil((baris * pt * 1.25 + 2) * 4) / 4)


class TinggiBaris:
    """Collects what each cell needs; ``hasil`` gives the height of every row that needs one."""

    def __init__(self, lebar: list[float]):
        self.lebar_kolom = lebar
        self.perlu: dict[int, float] = {}
        self.perlu_gabung: list[tuple[int, int, float]] = []

    def lebar(self, kolom: int, colspan: int = 1) -> float:
        return sum(
            self.lebar_kolom[k] if k < len(self.lebar_kolom) and self.lebar_kolom[k] else LEBAR_BAWAAN
            for k in range(kolom, kolom + colspan)
        )

    def catat(
        self, baris: int, kolom: int, teks: str, *, pt: float, tebal: bool, colspan: int = 1, rowspan: int = 1
    ) -> None:
        if not teks:
            return
        self.catat_tinggi(baris, self.ukur(kolom, teks, pt=pt, tebal=tebal, colspan=colspan), rowspan)

    def ukur(self, kolom: int, teks: str, *, pt: float, tebal: bool, colspan: int = 1) -> float:
        """The height ``teks`` needs in this column (``catat`` = ``ukur`` + ``catat_tinggi``)."""
        return tinggi_pt(jumlah_baris(teks, kapasitas(self.lebar(kolom, colspan), pt, tebal)), pt)

    def catat_tinggi(self, baris: int, tinggi: float, rowspan: int = 1) -> None:
        if rowspan > 1:
            self.perlu_gabung.append((baris, rowspan, tinggi))
        elif tinggi > self.perlu.get(baris, 0):
            self.perlu[baris] = tinggi

    def hasil(self) -> dict[int, float]:
        """Row → height; a cell over several rows shares its shortfall out among them."""
        tinggi = dict(self.perlu)
        for awal, rowspan, perlu in self.perlu_gabung:
            rentang = range(awal, awal + rowspan)
            kurang = perlu - sum(tinggi.get(r, TINGGI_BAWAAN) for r in rentang)
            if kurang > 0:
                tambah = math.ceil(kurang / rowspan * 4) / 4
                for r in rentang:
                    tinggi[r] = tinggi.get(r, TINGGI_BAWAAN) + tambah
        return tinggi
