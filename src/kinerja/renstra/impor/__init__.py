"""Importing a plan workbook (Tabel 6.1 or 6.2 layout): read, preview, save.

``siapkan_impor`` reads and checks the workbook and compares it with the version it
changes, saving nothing; ``simpan_impor`` saves the previewed result as a new draft
version.  See ``baca`` and ``buku`` (reading), ``gabung`` and ``kandidat`` (the workbook
over its base) and ``simpan``.
"""

from kinerja.renstra.impor.buku import GalatImpor, ImporGagal, LembarGanda
from kinerja.renstra.impor.kandidat import Kandidat
from kinerja.renstra.impor.pratinjau import Pratinjau, siapkan_impor
from kinerja.renstra.impor.simpan import HasilImpor, PratinjauUsang, simpan_impor

__all__ = [
    "GalatImpor",
    "HasilImpor",
    "ImporGagal",
    "Kandidat",
    "LembarGanda",
    "Pratinjau",
    "PratinjauUsang",
    "siapkan_impor",
    "simpan_impor",
]
