"""An exported plan workbook opened for editing, the way a planner edits it in a spreadsheet."""

from __future__ import annotations

from pathlib import Path

import openpyxl


class Lembar:
    """Cells found by element code or indicator name and by printed column number (1, 2, …)."""

    def __init__(self, path: Path):
        self.path = path
        self.wb = openpyxl.load_workbook(path)
        self.ws = self.wb.active
        self.kepala = next(
            r
            for r in range(1, 12)
            if [self.ws.cell(row=r, column=c).value for c in (1, 2, 3)] == ["1", "2", "3"]
        )
        self.kolom = {
            str(self.ws.cell(row=self.kepala, column=c).value): c for c in range(1, self.ws.max_column + 1)
        }

    def baris(self, kode: str) -> int:
        """The first row of an element, by its code."""
        for r in range(self.kepala + 1, self.ws.max_row + 1):
            if self.ws.cell(row=r, column=self.kolom["3"]).value == kode:
                return r
        raise KeyError(kode)

    def baris_indikator(self, nama: str, lokasi: str | None = None, mulai: int | None = None) -> int:
        lok_kolom = self.kolom[str(len(self.kolom))]
        for r in range(mulai or self.kepala + 1, self.ws.max_row + 1):
            if self.ws.cell(row=r, column=self.kolom["5"]).value == nama and (
                lokasi is None or self.ws.cell(row=r, column=lok_kolom).value == lokasi
            ):
                return r
        raise KeyError(nama)

    def blok(self, kode: str) -> tuple[int, int]:
        """(first row, number of rows) of an element and its indicator × lokasi rows."""
        awal = self.baris(kode)
        r = awal + 1
        while r <= self.ws.max_row and not any(
            self.ws.cell(row=r, column=self.kolom[k]).value for k in ("1", "2", "3")
        ):
            if all(c.value in (None, "") for c in self.ws[r]):
                break
            r += 1
        return awal, r - awal

    def sel(self, baris: int, nomor: int):
        return self.ws.cell(row=baris, column=self.kolom[str(nomor)])

    def isi(self, baris: int, nomor: int, nilai) -> None:
        self.sel(baris, nomor).value = nilai

    def hapus_unsur(self, kode: str) -> None:
        awal, jumlah = self.blok(kode)
        self.ws.delete_rows(awal, jumlah)

    def simpan(self, path: Path | None = None) -> Path:
        path = path or self.path
        self.wb.save(path)
        return path
