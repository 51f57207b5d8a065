"""Indonesian number notation: the one place that reads and writes it.

Planning documents write numbers the Indonesian way (``10.907.100.008``, ``81,37``,
``97%``) and mix them with labels (``A (86,88)``, ``Baik(81,37)``), units
(``1dokumen``, ``4.144 WP``), placeholders (``NA``, ``-``) and damage left by PDF
conversion (``## ##``, a thousands group cut short such as ``5.87``).  ``baca``
turns any such cell into a ``Nilai`` and never raises; the ``format_*`` functions
write numbers back in Indonesian notation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import lru_cache

from kinerja.core.pembulatan import bulat

# Kinds of value a printed cell can hold.
KOSONG = "kosong"  # empty cell
NA = "na"  # "NA": data not available
STRIP = "strip"  # "-" or a stray quote: printed as nil
TAK_TERBACA = "tak_terbaca"  # "## ##": unreadable in the source
ANGKA = "angka"  # a number, possibly with a unit ("2 dokumen")
PERSEN = "persen"  # "97%"
LABEL = "label"  # a scale label, possibly with a score ("Baik (84)", "A")
TEKS = "teks"  # anything else

# Labels of the scales used in plans (IKM, SAKIP, predikat capaian).  A word on its
# own is read as a label only if it is one of these; otherwise it is plain text.
LABEL_DIKENAL = {
    "aa",
    "a",
    "bb",
    "b",
    "cc",
    "c",
    "d",
    "sangat baik",
    "baik",
    "kurang baik",
    "tidak baik",
    "cukup",
    "kurang",
    "sangat kurang",
    "memuaskan",
    "sangat memuaskan",
    "sangat tinggi",
    "tinggi",
    "sedang",
    "rendah",
    "sangat rendah",
}

_STRIP = {"-", "–", "—", "--", "'", "‘", "’", "`"}
_NA = {"na", "n/a", "n.a", "n.a.", "#n/a"}

_RE_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_RE_PLAIN = re.compile(r"^\d+(?:,\d+)?$")
_RE_ONE_SHORT_DOT = re.compile(r"^(\d+)\.(\d{1,2})$")
_RE_GROUPS_SHORT_TAIL = re.compile(r"^(\d{1,3}(?:\.\d{3})+)\.(\d{1,2})$")
_RE_LONG_DECIMAL_DOT = re.compile(r"^\d+\.\d{4,}$")
_RE_LABEL_SCORE = re.compile(r"^(?P<label>[A-Za-z][A-Za-z .]*?)\s*\(\s*(?P<num>[^()]*?)\s*\)$")
_RE_PERCENT = re.compile(r"^(?P<num>\S+?)\s*%$")
_RE_NUMBER_UNIT = re.compile(r"^(?P<num>\d[\d.,]*)\s*(?P<unit>[^\d\s.,%].*)?$")
_RE_WORDS = re.compile(r"^[A-Za-z][A-Za-z ]*$")


@dataclass(frozen=True)
class Nilai:
    """One printed cell, read."""

    teks: str
    jenis: str
    angka: Decimal | None = None
    label: str | None = None
    satuan: str | None = None
    # A number cut short by the conversion ("5.87" for 5.87x) lies between
    # ``angka`` and ``batas_atas``; for exact numbers ``batas_atas`` is None.
    batas_atas: Decimal | None = None
    catatan: tuple[str, ...] = field(default=())

    @property
    def terpotong(self) -> bool:
        return self.batas_atas is not None

    @property
    def ada_angka(self) -> bool:
        return self.angka is not None

    @property
    def kosong(self) -> bool:
        return self.jenis in (KOSONG, STRIP)

    def rentang(self) -> tuple[Decimal, Decimal] | None:
        """The interval the true value lies in (a point for exact numbers)."""
        if self.angka is None:
            return None
        return (self.angka, self.batas_atas if self.batas_atas is not None else self.angka)


def _angka(teks: str, *, bulat: bool) -> tuple[Decimal, Decimal | None, tuple[str, ...]] | None:
    """Read a bare number; ``bulat`` says the context holds whole numbers only."""
    s = teks.strip()
    if _RE_GROUPED.match(s) or _RE_PLAIN.match(s):
        return Decimal(s.replace(".", "").replace(",", ".")), None, ()
    m = _RE_GROUPS_SHORT_TAIL.match(s)
    if m:
        return _terpotong(m.group(1).replace(".", ""), m.group(2))
    m = _RE_ONE_SHORT_DOT.match(s)
    if m:
        if bulat:
            return _terpotong(m.group(1), m.group(2))
        return Decimal(s), None, ("titik dipakai sebagai pemisah desimal",)
    if _RE_LONG_DECIMAL_DOT.match(s) and not bulat:
        return Decimal(s), None, ("titik dipakai sebagai pemisah desimal",)
    return None


def _terpotong(depan: str, ekor: str) -> tuple[Decimal, Decimal, tuple[str, ...]]:
    hilang = 3 - len(ekor)
    dasar = Decimal(depan + ekor) * (10**hilang)
    atas = dasar + (10**hilang) - 1
    return dasar, atas, (f"kelompok ribuan terakhir terpotong ({hilang} digit hilang)",)


def baca(teks: object, *, bulat: bool = False) -> Nilai:
    """Read one printed cell.  Never raises.

    ``bulat=True`` is for cells that can only hold whole numbers (rupiah amounts,
    counts of people): there ``5.87`` is a thousands group cut short, not 5,87.
    """
    if isinstance(teks, str):
        return _baca_teks(teks, bulat)
    return _baca_apa_saja(teks, bulat=bulat)


@lru_cache(maxsize=65536)
def _baca_teks(teks: str, bulat: bool) -> Nilai:
    return _baca_apa_saja(teks, bulat=bulat)


def _baca_apa_saja(teks: object, *, bulat: bool = False) -> Nilai:
    """Read a cell of any type (numbers from a spreadsheet, text from a document)."""
    if teks is None:
        return Nilai("", KOSONG)
    if isinstance(teks, (int, Decimal)) and not isinstance(teks, bool):
        return Nilai(str(teks), ANGKA, angka=Decimal(teks))
    if isinstance(teks, float):
        try:
            return Nilai(str(teks), ANGKA, angka=Decimal(str(teks)))
        except InvalidOperation:
            return Nilai(str(teks), TEKS)
    t = " ".join(str(teks).replace("\u00a0", " ").split())
    if not t:
        return Nilai("", KOSONG)
    try:
        return _baca(t, bulat=bulat)
    except (InvalidOperation, ValueError, ArithmeticError):
        return Nilai(t, TEKS)


def _baca(t: str, *, bulat: bool) -> Nilai:
    if "#" in t:
        return Nilai(t, TAK_TERBACA)
    if t.lower() in _NA:
        return Nilai(t, NA)
    if t in _STRIP:
        return Nilai(t, STRIP)
    m = _RE_LABEL_SCORE.match(t)
    if m:
        hasil = _angka(m.group("num"), bulat=False)
        if hasil is not None:
            angka, atas, cat = hasil
            return Nilai(t, LABEL, angka=angka, label=m.group("label").strip(), batas_atas=atas, catatan=cat)
    m = _RE_PERCENT.match(t)
    if m:
        hasil = _angka(m.group("num"), bulat=False)
        if hasil is not None:
            angka, atas, cat = hasil
            return Nilai(t, PERSEN, angka=angka, satuan="%", batas_atas=atas, catatan=cat)
    m = _RE_NUMBER_UNIT.match(t)
    if m:
        hasil = _angka(m.group("num"), bulat=bulat or bool(m.group("unit")))
        if hasil is not None:
            angka, atas, cat = hasil
            unit = (m.group("unit") or "").strip() or None
            return Nilai(t, ANGKA, angka=angka, satuan=unit, batas_atas=atas, catatan=cat)
    if _RE_WORDS.match(t) and t.lower() in LABEL_DIKENAL:
        return Nilai(t, LABEL, label=t)
    return Nilai(t, TEKS)


def kunci_satuan(satuan: str | None) -> str:
    """Compare units ignoring case and spacing ('Orang / bulan' = 'orang/bulan')."""
    return "".join((satuan or "").casefold().split())


# --- writing -------------------------------------------------------------------

_TUKAR = str.maketrans(",.", ".,")
# Beyond 30 digits before the comma a number is no real figure of a plan (no column holds it):
# it is written as this word rather than spelt out, which for a million digits costs seconds.
DIGIT_TAMPIL = 30
TERLALU_BESAR = "(terlalu besar)"


def format_angka(
    nilai: Decimal | int | float | Fraction | None, desimal: int | None = None, *, ribuan: bool = True
) -> str:
    """``10907100008`` → ``10.907.100.008``; ``81.37`` → ``81,37``.

    ``desimal=None`` shows no decimals for whole numbers and at most two otherwise
    (trailing zeros dropped); a number gives exactly that many decimals.  ``ribuan=False``
    leaves out the thousands dots (``10907100008``), as CSV files carry numbers.
    """
    if nilai is None:
        return ""
    if not ribuan:
        return format_angka(nilai, desimal).replace(".", "")
    if isinstance(nilai, int) and not isinstance(nilai, bool):
        if abs(nilai) >= 10**DIGIT_TAMPIL:
            return TERLALU_BESAR
        if desimal is None:
            return f"{nilai:,}".replace(",", ".")
    if isinstance(nilai, Fraction):
        d = bulat(nilai, 2 if desimal is None else desimal)
    else:
        d = nilai if isinstance(nilai, (Decimal, int)) else Decimal(str(nilai))
        d = Decimal(d)
    if not d.is_finite():
        return ""
    if d != 0 and d.adjusted() >= DIGIT_TAMPIL:
        return TERLALU_BESAR  # stored beyond every column's bounds: shown, never a failed page
    if desimal is None:
        if d == d.to_integral_value():
            return f"{int(d):,}".replace(",", ".")
        d = bulat(d, 2)
        if d == d.to_integral_value():
            return f"{int(d):,}".replace(",", ".")
        teks = f"{d:,f}".rstrip("0")
    else:
        d = bulat(d, desimal)
        teks = f"{d:,f}"
    if teks.startswith("-") and not any(ch not in "-0.," for ch in teks):
        teks = teks[1:]  # no "-0"
    return teks.translate(_TUKAR)


def format_rupiah(nilai: Decimal | int | None, *, ribuan: bool = True) -> str:
    """Rupiah amounts: whole rupiah without decimals, sen with two."""
    if nilai is None:
        return ""
    if type(nilai) is int and ribuan and abs(nilai) < 10**DIGIT_TAMPIL:
        return f"{nilai:,}".replace(",", ".")
    d = nilai if isinstance(nilai, Decimal) else Decimal(nilai)
    return format_angka(d, 0 if d == d.to_integral_value() else 2, ribuan=ribuan)


def format_persen(nilai: Decimal | None, desimal: int = 2, *, ribuan: bool = True) -> str:
    if nilai is None:
        return ""
    teks = format_angka(nilai, desimal, ribuan=ribuan)
    return teks if teks == TERLALU_BESAR else teks + "%"


def format_ringkas(nilai: Decimal | int) -> str:
    """Large rupiah amounts for charts: 18.475.857.895 → '18,48 M', 745.518.304 → '745,52 jt'."""
    d = nilai if isinstance(nilai, Decimal) else Decimal(nilai)
    for batas, akhiran in (
        (Decimal(10) ** 12, "T"),
        (Decimal(10) ** 9, "M"),
        (Decimal(10) ** 6, "jt"),
        (Decimal(10) ** 3, "rb"),
    ):
        if abs(d) >= batas:
            return f"{format_angka(d / batas, 2 if abs(d / batas) < 100 else 1)} {akhiran}"
    return format_angka(d)


def format_nilai(n: Nilai) -> str:
    """Write a read value back in canonical Indonesian form."""
    if n.jenis in (KOSONG,):
        return ""
    if n.jenis in (NA, STRIP, TAK_TERBACA, TEKS):
        return n.teks
    if n.jenis == PERSEN:
        return format_angka(n.angka) + "%"
    if n.jenis == LABEL:
        return f"{n.label} ({format_angka(n.angka)})" if n.angka is not None else (n.label or "")
    teks = format_angka(n.angka)
    return f"{teks} {n.satuan}" if n.satuan else teks


# --- bounded reading of typed values ----------------------------------------------------------

# Longer input is refused before any Decimal is built: a 1.000.000-digit value costs
# seconds of CPU in every regular expression and conversion it reaches.
PANJANG_MAKS = 40

_RE_EKSPONEN = re.compile(r"^[+\-−]?\s*[\d.,]*\d\s*[eE]\s*[+\-−]?\s*\d+\s*%?$")
_TAK_HINGGA = {"nan", "snan", "inf", "infinity", "+inf", "-inf", "+infinity", "-infinity", "∞"}


class NilaiDitolak(ValueError):
    """A typed value outside its field's bounds; ``pesan`` says why in Indonesian."""

    def __init__(self, pesan: str):
        super().__init__(pesan)
        self.pesan = pesan


@dataclass(frozen=True)
class Batas:
    """Bounds of one kind of field: digits before and after the comma, the smallest value."""

    digit: int  # all digits, as the column's max_digits
    desimal: int  # digits after the comma, as the column's decimal_places
    negatif: bool = False  # negative values make sense (a growth rate), not for counts or money
    rupiah: bool = False  # whole rupiah: no sen, an "Rp" prefix is accepted

    @classmethod
    def dari_kolom(cls, kolom, *, negatif: bool = False, rupiah: bool = False) -> Batas:
        """The bounds of a model's ``DecimalField`` (``Model._meta.get_field("nilai")``).

        One digit fewer than the column holds, so that a total of a few rows still fits it.
        """
        return cls(digit=kolom.max_digits - 1, desimal=kolom.decimal_places, negatif=negatif, rupiah=rupiah)

    @property
    def digit_bulat(self) -> int:
        return self.digit - self.desimal


def buang_rp(teks: str) -> str:
    """``Rp 1.000.000`` / ``Rp1.000.000,-`` → ``1.000.000``."""
    t = teks.strip()
    if t[:2].lower() == "rp":
        t = t[2:].strip(" .")
    if t.endswith(",-"):
        t = t[:-2].rstrip()
    return t


def periksa_panjang(teks: object) -> str:
    """The text of a typed value, refused when longer than ``PANJANG_MAKS`` characters."""
    t = "" if teks is None else str(teks)
    if len(t) > PANJANG_MAKS * 4 or len(" ".join(t.split())) > PANJANG_MAKS:
        raise NilaiDitolak(f"Nilai terlalu panjang: paling banyak {PANJANG_MAKS} karakter.")
    return " ".join(t.replace("\u00a0", " ").split())


def baca_terbatas(teks: object, batas: Batas) -> Nilai:
    """Read a value typed into a form or a workbook cell, within ``batas``.

    The length is checked before any number is built; NaN, infinity and exponent notation
    (``1e5``) are refused; a leading minus is read (and refused unless ``batas.negatif``).
    Raises ``NilaiDitolak`` with an Indonesian message; returns the ``Nilai`` otherwise
    (possibly without a number: a label, "NA", text — the caller decides what it accepts).
    """
    if isinstance(teks, bool):
        raise NilaiDitolak("Nilai bukan angka.")
    if isinstance(teks, float):
        if teks != teks or teks in (float("inf"), float("-inf")):
            raise NilaiDitolak("Nilai tak hingga atau bukan angka (NaN) tidak diterima.")
        teks = Decimal(str(teks))
    if isinstance(teks, (int, Decimal)):
        if isinstance(teks, Decimal) and not teks.is_finite():
            raise NilaiDitolak("Nilai tak hingga atau bukan angka (NaN) tidak diterima.")
        if isinstance(teks, int) and abs(teks).bit_length() > 4 * PANJANG_MAKS:
            raise NilaiDitolak(f"Nilai terlalu panjang: paling banyak {PANJANG_MAKS} karakter.")
        d = Decimal(teks)
        if len(d.as_tuple().digits) > PANJANG_MAKS or abs(d.as_tuple().exponent) > PANJANG_MAKS:
            raise NilaiDitolak(f"Nilai terlalu panjang: paling banyak {PANJANG_MAKS} karakter.")
        n = Nilai(format_angka(d, ribuan=False) if d == d.to_integral_value() else str(d), ANGKA, angka=d)
        _cek_batas(n.angka, batas)
        return n
    t = periksa_panjang(teks)
    if batas.rupiah:
        t = buang_rp(t)
    if t.casefold() in _TAK_HINGGA:
        raise NilaiDitolak("Nilai tak hingga atau bukan angka (NaN) tidak diterima.")
    if _RE_EKSPONEN.match(t):
        raise NilaiDitolak(f"'{t}' ditulis dengan notasi eksponen; tulis angkanya lengkap, mis. 100.000.")
    minus = t[:1] in ("-", "−") and len(t) > 1 and t[1:].lstrip()[:1].isdigit()
    n = baca(t[1:].lstrip() if minus else t, bulat=batas.rupiah)
    if minus:
        if n.angka is None:
            return Nilai(t, TEKS)
        n = Nilai(t, n.jenis, angka=-n.angka, label=n.label, satuan=n.satuan, catatan=n.catatan)
    if n.angka is not None and not n.terpotong:
        _cek_batas(n.angka, batas)
        if n.angka.as_tuple().exponent < -batas.desimal:  # "12,50000": zeros beyond the column
            n = Nilai(n.teks, n.jenis, n.angka.normalize(), n.label, n.satuan, n.batas_atas, n.catatan)
    return n


def baca_rupiah(teks: object, batas: Batas, *, nama: str = "Pagu") -> Decimal | None:
    """A rupiah amount typed into a form or read from a workbook cell ("Rp 12.500.000" accepted),
    within ``batas``; None when empty. Words ("12,5 juta"), sen, negatives and anything else that
    is not a whole amount raise ``NilaiDitolak`` naming the amount as ``nama``."""
    if teks is None or (isinstance(teks, str) and not teks.strip()):
        return None
    salah = f"'{' '.join(str(teks).split())[:40]}' bukan jumlah rupiah. Tulis angkanya saja, mis. 12.500.000."
    t = buang_rp(teks) if isinstance(teks, str) else ""
    if any(c.isalpha() for c in t) and t.casefold() not in _TAK_HINGGA and not _RE_EKSPONEN.match(t):
        raise NilaiDitolak(salah)  # "12,5 juta": a word is never read as a multiplier
    try:
        n = baca_terbatas(teks, batas)
    except NilaiDitolak as e:
        raise NilaiDitolak(e.pesan.replace("Pagu dalam", f"{nama} dalam")) from None
    if n.angka is None or n.terpotong or n.jenis != ANGKA or n.satuan:
        raise NilaiDitolak(salah)
    return n.angka


def _cek_batas(d: Decimal, batas: Batas) -> None:
    if d < 0 and not batas.negatif:
        raise NilaiDitolak("Nilai tidak boleh negatif.")
    utuh = d == d.to_integral_value()
    if batas.rupiah and not utuh:
        raise NilaiDitolak("Pagu dalam rupiah utuh, tanpa sen.")
    # trailing zeros ("12,50000") carry no information: count the decimals that remain
    if not utuh and -d.normalize().as_tuple().exponent > batas.desimal:
        raise NilaiDitolak(f"Nilai paling banyak {batas.desimal} angka di belakang koma.")
    if d != 0 and d.adjusted() + 1 > batas.digit_bulat:
        raise NilaiDitolak(
            f"Nilai terlalu besar: paling banyak {batas.digit_bulat} angka sebelum koma "
            f"(sampai {format_angka(Decimal(10) ** batas.digit_bulat - 1)})."
        )
