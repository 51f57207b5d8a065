"""Marks "[T1]", "[T2]", … on report cells whose value the consistency checker found wrong.

A report printing a value the checker knows is wrong (in the document, e.g. a truncated "10%", or in
the data) prints the mark beside it, links it to the finding on the pemeriksaan page, and lists the
finding under the table. Used by the LKjIP tables (``monev.lkjip``) and Tabel 2.3.1 / T-C.23
(``renstra.tabel_dokumen``).
"""

from __future__ import annotations

from collections import defaultdict

from django.urls import reverse

from kinerja.core.tabel import KOSONG, NILAI, Sel, teks_sel
from kinerja.renstra import periksa as pemeriksa
from kinerja.renstra import tanda
from kinerja.renstra.periksa import INFO, Temuan


class Penanda:
    """Marks on report cells whose value the consistency checker found wrong in the document or
    in the data ("[T1]"), each linked to the finding's explanation on the pemeriksaan page.

    Findings are matched by the indicators and years they name (``Temuan.indikator_ids`` and
    ``Temuan.tahun``), or, for a printed table whose rows are not plan indicators, by the table,
    the row's label and the year (``tandai_baris``); info-level findings (rounding, spelling) are
    not marked. The numbers run across every table marked with the same ``Penanda``.
    """

    def __init__(self, versi_id: int, temuan: list[Temuan]):
        self.versi_id = versi_id
        self.per_nilai: dict[tuple[int, int], list[Temuan]] = defaultdict(list)
        self.per_baris: dict[tuple[str, str, int], list[Temuan]] = defaultdict(list)
        for t in temuan:
            if t.severity == INFO:
                continue
            label = t.row.rsplit(" · ", 1)[0].strip()
            for y in t.tahun:
                self.per_baris[(t.table, label, y)].append(t)
                for i in t.indikator_ids:
                    self.per_nilai[(i, y)].append(t)
        self.nomor: dict[str, int] = {}
        self.dipakai: dict[str, list[Temuan]] = defaultdict(list)

    @classmethod
    def dari_versi(cls, versi) -> Penanda:
        temuan = pemeriksa.periksa(versi)
        tanda.beri_sidik(temuan)
        return cls(versi.pk, temuan)

    def tandai(self, sel: Sel, ind_id: int, tahun: int, tabel: str) -> Sel:
        """The cell with the marks of the findings about this indicator's value in this year."""
        return self._tandai(sel, self.per_nilai.get((ind_id, tahun)), tabel)

    def tandai_baris(self, sel: Sel, tabel_cetak: str, label: str, tahun: int, tabel: str) -> Sel:
        """The cell with the marks of the findings about the row ``label`` of the printed table
        ``tabel_cetak`` (e.g. "2.3.1") in this year."""
        return self._tandai(sel, self.per_baris.get((tabel_cetak, label.strip(), tahun)), tabel)

    def _tandai(self, sel: Sel, temuan: list[Temuan] | None, tabel: str) -> Sel:
        if not temuan:
            return sel
        kode = []
        for t in temuan:
            if t.sidik not in self.nomor:
                self.nomor[t.sidik] = len(self.nomor) + 1
            if t not in self.dipakai[tabel]:
                self.dipakai[tabel].append(t)
            kode.append(f"[T{self.nomor[t.sidik]}]")
        teks = teks_sel(sel) if sel is not KOSONG else ""
        alamat = reverse("renstra:pemeriksaan", args=[self.versi_id]) + f"#t-{temuan[0].sidik}"
        return Sel(
            f"{teks} {' '.join(kode)}".strip(),
            NILAI,
            kelas=f"{sel.kelas} ada-temuan".strip(),
            judul=" ".join(t.message for t in temuan),
            tautan=alamat,
        )

    def catatan(self, tabel: str) -> list[str]:
        hasil = []
        for t in sorted(self.dipakai.get(tabel, []), key=lambda t: self.nomor[t.sidik]):
            baris = ", ".join(str(x) for x in t.source_lines)
            tempat = f"Tabel {t.table} baris {baris}" if t.source_lines else f"data {t.table}"
            hasil.append(f"[T{self.nomor[t.sidik]}] {t.name} (pemeriksa konsistensi, {tempat}): {t.message}")
        return hasil
