"""An uploaded XLSX workbook checked before any spreadsheet library opens it.

A 28 KB workbook can declare a sheet of 1.048.576 × 16.384 cells and a 36 MB zip can
unpack to gigabytes; the library would try to hold all of it in memory.  ``periksa_buku``
looks at the zip directory and streams the sheets' XML (never more than one row in memory)
and refuses, with an Indonesian message, anything beyond the bounds below, external links,
and formula cells that carry no saved value (the reader would see them as empty).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse

BATAS_BERKAS = 10 * 1024 * 1024  # the upload itself
BATAS_ENTRI = 500  # parts inside the zip
BATAS_URAI = 60 * 1024 * 1024  # all parts unpacked
BATAS_RASIO = 200  # unpacked / packed of one part (a zip bomb packs zeros 1000×)
BATAS_BARIS = 5000
BATAS_KOLOM = 200
BATAS_RUMUS_DISEBUT = 10  # formula cells named in one message

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RE_DIMENSI = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')
_RE_SEL = re.compile(r"^([A-Z]{1,3})(\d+)$")


TAK_TERBACA = (
    "berkas ini tidak dapat dibaca sebagai buku kerja XLSX: rusak, terpotong, atau berkas jenis lain "
    "yang diberi akhiran .xlsx. Buka di program lembar kerja, simpan sebagai .xlsx, lalu unggah kembali."
)


class BukuDitolak(ValueError):
    """The workbook may not be opened; ``pesan`` says why, ``baris`` the row when there is one."""

    def __init__(self, pesan: str, baris: int = 0):
        super().__init__(pesan)
        self.pesan, self.baris = pesan, baris


@dataclass(frozen=True)
class _Ukuran:
    baris: int
    kolom: int


def nomor_kolom(huruf: str) -> int:
    """'A' → 1, 'Z' → 26, 'AA' → 27, 'XFD' → 16384."""
    n = 0
    for h in huruf:
        n = n * 26 + (ord(h) - 64)
    return n


def _mb(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"


def periksa_buku(path: str | Path) -> None:
    """Raise ``BukuDitolak`` unless the file is a workbook within every bound."""
    path = Path(path)
    if path.stat().st_size > BATAS_BERKAS:
        raise BukuDitolak(f"Berkas lebih besar dari {_mb(BATAS_BERKAS)}; pecah menjadi beberapa buku kerja.")
    try:
        with zipfile.ZipFile(path) as zf:
            _periksa_zip(zf)
    # RuntimeError: zipfile's answer to an encrypted part or an unsupported compression method.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, RuntimeError) as e:
        raise BukuDitolak(TAK_TERBACA) from e


def _periksa_zip(zf: zipfile.ZipFile) -> None:
    entri = zf.infolist()
    if len(entri) > BATAS_ENTRI:
        raise BukuDitolak(f"Buku kerja berisi {len(entri)} bagian; paling banyak {BATAS_ENTRI}.")
    if sum(e.file_size for e in entri) > BATAS_URAI:
        raise BukuDitolak(
            f"Isi buku kerja setelah dibuka lebih dari {_mb(BATAS_URAI)}; pecah menjadi beberapa buku kerja."
        )
    for e in entri:
        # Small parts compress well by nature; a large part packed a hundredfold is a bomb.
        if e.file_size > 1024 * 1024 and e.file_size > BATAS_RASIO * max(e.compress_size, 1):
            raise BukuDitolak(
                f"Bagian '{e.filename}' terurai {e.file_size // max(e.compress_size, 1)} kali ukuran "
                "terkemasnya: berkas ini ditolak sebagai bom zip."
            )
        nama = e.filename.lower()
        if nama.startswith("xl/externallinks/"):
            raise BukuDitolak(
                "Buku kerja berisi tautan ke buku kerja lain (tautan eksternal). Salin nilainya "
                "(Tempel Khusus → Nilai), hapus tautannya, lalu simpan dan unggah kembali."
            )
    nama_bagian = {e.filename for e in entri}
    if "xl/workbook.xml" not in nama_bagian:
        raise BukuDitolak(TAK_TERBACA)
    for e in entri:
        if e.filename.endswith(".xml") or e.filename.endswith(".rels"):
            with zf.open(e) as f:
                awal = f.read(4096)
            if b"<!DOCTYPE" in awal or b"<!ENTITY" in awal:
                raise BukuDitolak(
                    "Buku kerja berisi deklarasi DOCTYPE/ENTITY yang tidak dipakai Excel; ditolak."
                )
    for e in entri:
        if re.fullmatch(r"xl/worksheets/[^/]+\.xml", e.filename):
            _periksa_lembar(zf, e)


def _periksa_ukuran(u: _Ukuran, baris: int = 0) -> None:
    if u.baris > BATAS_BARIS or u.kolom > BATAS_KOLOM:
        raise BukuDitolak(
            f"Lembar kerja terlalu besar ({u.baris} baris × {u.kolom} kolom); paling banyak "
            f"{BATAS_BARIS} baris dan {BATAS_KOLOM} kolom. Hapus baris/kolom kosong di luar tabel.",
            baris,
        )


def _periksa_lembar(zf: zipfile.ZipFile, e: zipfile.ZipInfo) -> None:
    """The declared size first (from the start of the XML), then every row, streamed."""
    with zf.open(e) as f:
        m = _RE_DIMENSI.search(f.read(64 * 1024))
    if m and m.group(3):
        _periksa_ukuran(_Ukuran(int(m.group(4)), nomor_kolom(m.group(3).decode())))
    tanpa_nilai: list[str] = []
    try:
        with zf.open(e) as f:
            baris_ke = 0
            for _, el in iterparse(f, events=("end",)):
                tag = el.tag
                if tag == _NS + "c":
                    _periksa_sel(el, tanpa_nilai)
                elif tag == _NS + "row":
                    baris_ke = int(el.get("r") or baris_ke + 1)
                    if baris_ke > BATAS_BARIS:
                        _periksa_ukuran(_Ukuran(baris_ke, 0), baris_ke)
                    el.clear()
    except ParseError as err:
        raise BukuDitolak("Isi lembar kerja rusak (XML tidak sah).") from err
    if tanpa_nilai:
        disebut = ", ".join(tanpa_nilai[:BATAS_RUMUS_DISEBUT])
        lagi = (
            f" dan {len(tanpa_nilai) - BATAS_RUMUS_DISEBUT} sel lain"
            if len(tanpa_nilai) > BATAS_RUMUS_DISEBUT
            else ""
        )
        raise BukuDitolak(
            f"Sel {disebut}{lagi} berisi rumus tanpa nilai tersimpan; buka dan simpan ulang di Excel "
            "(atau LibreOffice) agar nilainya tersimpan, lalu unggah kembali.",
            int(_RE_SEL.match(tanpa_nilai[0]).group(2)) if _RE_SEL.match(tanpa_nilai[0]) else 0,
        )


def _periksa_sel(el, tanpa_nilai: list[str]) -> None:
    ref = el.get("r") or ""
    m = _RE_SEL.match(ref)
    if m and nomor_kolom(m.group(1)) > BATAS_KOLOM:
        _periksa_ukuran(_Ukuran(int(m.group(2)), nomor_kolom(m.group(1))), int(m.group(2)))
    rumus = el.find(_NS + "f")
    if rumus is not None:
        nilai = el.find(_NS + "v")
        if (nilai is None or nilai.text is None) and el.get("t") != "inlineStr":
            tanpa_nilai.append(ref or "?")
