"""A public table as a download: CSV for a spreadsheet with an Indonesian locale, or XLSX."""

from __future__ import annotations

from django.http import Http404, HttpResponse

from kinerja.core.tabel import Tabel, ke_baris_csv, ke_csv
from kinerja.core.xlsx import ke_xlsx

JENIS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def jawab_tabel(
    tabel: Tabel | list[Tabel], nama_berkas: str, format_: str, *, judul: str = ""
) -> HttpResponse:
    """``format_`` is "csv" (one table; ';', UTF-8 with BOM, numbers without thousands dots and
    with a decimal comma, formula-looking text neutralised) or "xlsx" (a sheet per table, numbers
    as numbers). Anything else is not found."""
    if format_ not in JENIS:
        raise Http404("Format unduhan tidak dikenal: pilih csv atau xlsx.")
    daftar = tabel if isinstance(tabel, list) else [tabel]
    if format_ == "csv":
        baris: list[list[str]] = []
        for i, t in enumerate(daftar):
            if i:
                baris.append([])
            baris.extend(ke_baris_csv(t, ribuan=False))
        isi = ke_csv(baris)
    else:
        isi = ke_xlsx(daftar, judul=judul or daftar[0].judul)
    jawab = HttpResponse(isi, content_type=JENIS[format_])
    jawab["Content-Disposition"] = f'attachment; filename="{nama_berkas}.{format_}"'
    return jawab
