"""The risk register as a workbook (one row per risk), through the project's XLSX writer.

Every text a user typed passes ``core.tabel.sel_aman``: a cell beginning with ``=``, ``+``, ``-`` or
``@`` is kept as text, so the file never runs a formula when opened or re-saved as CSV.
"""

from __future__ import annotations

from kinerja.core.tabel import ANGKA, Kepala, Sel, Tabel, sel_aman
from kinerja.core.xlsx import ke_xlsx
from kinerja.risiko.matriks import matriks
from kinerja.risiko.register import BarisRisiko, Register

KOLOM = (
    "No",
    "Sasaran / program",
    "Pernyataan risiko",
    "Sebab",
    "Dampak",
    "Pemilik risiko",
    "Pengendalian yang ada",
    "Kemungkinan",
    "Dampak (level)",
    "Level awal",
    "Tingkat awal",
    "Indikator terkait",
    "Rencana tindak pengendalian (RTP)",
    "Pemantauan triwulan",
    "Level kini",
    "Tingkat kini",
)


def _teks(v: str) -> Sel:
    return Sel(sel_aman(v or ""))


def _rtp(b: BarisRisiko) -> str:
    return "\n".join(
        f"{x.uraian} — {x.penanggung_jawab}, tenggat {x.tenggat:%d-%m-%Y} ({x.get_status_display()})"
        for x in b.rtp
    )


def _pantau(b: BarisRisiko) -> str:
    m = matriks()
    return "\n".join(
        f"TW {p.triwulan}: {p.kemajuan} — level {m.level(p.kemungkinan, p.dampak)}" for p in b.pemantauan
    )


def tabel_risiko(reg: Register) -> Tabel:
    r = reg.r
    t = Tabel(
        kode="Risiko",
        judul=f"Daftar Risiko {r.versi.pd.nama} Tahun {reg.tahun}",
        subjudul=f"Matriks: {matriks().sumber}",
        kepala=[[Kepala(k) for k in KOLOM]],
        lebar=[5, 30, 35, 30, 30, 20, 30, 12, 10, 10, 14, 35, 45, 45, 10, 14],
    )
    no = 0
    unsur = {b.risiko.pk: k.node for k in reg.kelompok for b in k.risiko}
    for b in reg.semua:
        no += 1
        x = b.risiko
        node = unsur.get(x.pk)
        nama_unsur = f"{node.get_tingkat_display()} {node}" if node else f"(versi lain) {x.node}"
        indikator = "\n".join(str(i) for i in b.indikator)
        t.tambah(
            [
                Sel(no, ANGKA),
                _teks(nama_unsur),
                _teks(x.pernyataan),
                _teks(x.sebab),
                _teks(x.uraian_dampak),
                _teks(x.pemilik),
                _teks(x.pengendalian),
                Sel(x.kemungkinan, ANGKA),
                Sel(x.dampak, ANGKA),
                Sel(b.awal.nilai, ANGKA),
                Sel(b.awal.pita.nama),
                _teks(indikator),
                _teks(_rtp(b)),
                _teks(_pantau(b)),
                Sel(b.kini.nilai, ANGKA),
                Sel(b.kini.pita.nama),
            ]
        )
    return t


def buku_risiko(reg: Register) -> bytes:
    return ke_xlsx(tabel_risiko(reg))
