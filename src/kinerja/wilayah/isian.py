"""Reading what a form or a spreadsheet row gives for the region's records: area, RT, population.

Pure functions on values (text typed into a form, or a cell as the workbook holds it): each
returns the values it could read and, per field, the Indonesian messages of what it could not.
The services check permissions and save; the import names each message by row and column.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kinerja.core import angka
from kinerja.core.angka import Batas, NilaiDitolak

# A kelurahan or desa is a few km²; the largest desa of the country are a few thousand.
LUAS_MAKS = Decimal("10000")
# More people than any kelurahan or desa has (the largest are in the hundreds of thousands).
JIWA_MAKS = 10_000_000
TAHUN_MIN = 2000
# Population is recorded for a year that has begun or the next one (a projection); 2099 is a typo.
TAHUN_DEPAN = 1
NOMOR_MAKS = 999  # RT and RW numbers are written with three digits (RT 003/RW 012)
LINTANG = (Decimal(-11), Decimal(6))  # Indonesia, south to north
BUJUR = (Decimal(94), Decimal(142))  # west to east
_BATAS_BACA = Batas(digit=16, desimal=8, negatif=True)

Galat = dict[str, list[str]]


def teks(nilai: object) -> str:
    """A form value or a workbook cell as text ('' for an empty cell)."""
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai == int(nilai):
        return str(int(nilai))
    return " ".join(str(nilai).split())


def tahun_maks() -> int:
    """The latest population year a form or a spreadsheet may give: next year."""
    return dt.date.today().year + TAHUN_DEPAN


def _angka(nilai: object, nama: str = "") -> Decimal | None:
    """The number in a value; None when empty; ``NilaiDitolak`` when it is not a plain number.

    ``nama`` names the field in the refusal, so a form's summary says which field is too long."""
    if isinstance(nilai, str) and not nilai.strip() or nilai is None:
        return None
    try:
        n = angka.baca_terbatas(nilai, _BATAS_BACA)
    except NilaiDitolak as e:
        if not nama:
            raise
        raise NilaiDitolak(f"{nama}: {e.pesan[:1].lower()}{e.pesan[1:]}") from e
    if n.angka is None or n.terpotong or n.jenis != angka.ANGKA or n.satuan:
        raise NilaiDitolak(f"'{teks(nilai)[:40]}' bukan angka. Tulis angkanya saja, mis. 1.234 atau 2,65.")
    return n.angka


def baca_luas(nilai: object) -> Decimal:
    """Area in km²: more than 0, at most two decimals, not beyond ``LUAS_MAKS``."""
    d = _angka(nilai, "Luas")
    if d is None:
        raise NilaiDitolak("Luas wajib diisi (km², mis. 2,65).")
    if d <= 0:
        raise NilaiDitolak("Luas harus lebih dari 0 km².")
    if d > LUAS_MAKS:
        raise NilaiDitolak(
            f"Luas {angka.format_angka(d, 2)} km² tidak masuk akal untuk satu kelurahan; "
            f"paling besar {angka.format_angka(LUAS_MAKS)} km²."
        )
    if -d.normalize().as_tuple().exponent > 2:
        raise NilaiDitolak("Luas paling banyak 2 angka di belakang koma (mis. 2,65).")
    return d


def baca_bulat(
    nilai: object, *, nama: str, bawah: int, atas: int, wajib: bool = False, ribuan: bool = True
) -> int | None:
    """A whole number in [bawah, atas]; None when empty (refused when ``wajib``).

    ``ribuan=False`` for a year: its refusal writes 2099, not 2.099."""
    d = _angka(nilai, nama)
    if d is None:
        if wajib:
            raise NilaiDitolak(f"{nama} wajib diisi.")
        return None
    if d != d.to_integral_value():
        raise NilaiDitolak(f"{nama} harus bilangan bulat, tanpa koma.")
    if d < bawah or d > atas:
        raise NilaiDitolak(
            f"{nama} {angka.format_angka(d, ribuan=ribuan)} di luar batas: "
            f"{angka.format_angka(bawah, ribuan=ribuan)}–{angka.format_angka(atas, ribuan=ribuan)}."
        )
    return int(d)


def baca_koordinat(nilai: object, *, nama: str, rentang: tuple[Decimal, Decimal]) -> Decimal | None:
    """Degrees with at most 6 decimals within ``rentang``; '-7,9' and '-7.9' both read."""
    t = teks(nilai)
    if not t:
        return None
    if isinstance(nilai, str) and t.count(".") == 1 and "," not in t:
        t = t.replace(".", ",")  # a point typed the usual way for coordinates
    d = _angka(t, nama)
    if d < rentang[0] or d > rentang[1]:
        raise NilaiDitolak(
            f"{nama} {angka.format_angka(d)} di luar wilayah Indonesia: "
            f"{angka.format_angka(rentang[0])} sampai {angka.format_angka(rentang[1])}."
        )
    if -d.normalize().as_tuple().exponent > 6:
        raise NilaiDitolak(f"{nama} paling banyak 6 angka di belakang koma.")
    return d


_FORMAT_TANGGAL = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


def baca_tanggal(nilai: object, *, tahun: int | None) -> dt.date | None:
    """A date ('31-12-2020', '2020-12-31' or a date cell) near ``tahun``: the year before to the one after."""
    if isinstance(nilai, dt.datetime):
        d = nilai.date()
    elif isinstance(nilai, dt.date):
        d = nilai
    else:
        t = teks(nilai)
        if not t:
            return None
        d = None
        for f in _FORMAT_TANGGAL:
            try:
                d = dt.datetime.strptime(t[:20], f).date()
                break
            except ValueError:
                continue
        if d is None:
            raise NilaiDitolak(f"'{t[:20]}' bukan tanggal. Tulis seperti 31-12-2020.")
    if tahun is not None and not (tahun - 1 <= d.year <= tahun + 1):
        raise NilaiDitolak(
            f"Tanggal data {d:%d-%m-%Y} terlalu jauh dari tahun {tahun}: "
            f"pilih tanggal antara 01-01-{tahun - 1} dan 31-12-{tahun + 1}."
        )
    return d


def coba(galat: Galat, medan: str, fungsi, *arg, **kw):
    """``fungsi(*arg, **kw)``, its refusal added to ``galat[medan]`` (then None)."""
    try:
        return fungsi(*arg, **kw)
    except NilaiDitolak as e:
        galat.setdefault(medan, []).append(e.pesan)
        return None


def _teks_pendek(galat: Galat, medan: str, nilai: object, *, nama: str, maks: int) -> str:
    t = teks(nilai)
    if len(t) > maks:
        galat.setdefault(medan, []).append(f"{nama} paling panjang {maks} huruf.")
    return t[:maks]


def periksa_rt(isian: dict) -> tuple[dict, Galat]:
    """RW, RT number, ketua, optional point (lintang and bujur, both or neither)."""
    galat: Galat = {}
    v = {
        "rw": coba(
            galat, "rw", baca_bulat, isian.get("rw"), nama="Nomor RW", bawah=1, atas=NOMOR_MAKS, wajib=True
        ),
        "nomor": coba(
            galat,
            "nomor",
            baca_bulat,
            isian.get("nomor"),
            nama="Nomor RT",
            bawah=1,
            atas=NOMOR_MAKS,
            wajib=True,
        ),
        "ketua": _teks_pendek(galat, "ketua", isian.get("ketua"), nama="Nama ketua RT", maks=150),
        "lintang": coba(
            galat, "lintang", baca_koordinat, isian.get("lintang"), nama="Lintang", rentang=LINTANG
        ),
        "bujur": coba(galat, "bujur", baca_koordinat, isian.get("bujur"), nama="Bujur", rentang=BUJUR),
    }
    if "lintang" not in galat and "bujur" not in galat and (v["lintang"] is None) != (v["bujur"] is None):
        kosong = "bujur" if v["bujur"] is None else "lintang"
        galat.setdefault(kosong, []).append(
            "Titik lokasi perlu lintang dan bujur sekaligus, atau kosongkan keduanya."
        )
    return v, galat


def periksa_penduduk(isian: dict) -> tuple[dict, Galat]:
    """Year, men, women, total (= men + women when all three are given), source and date."""
    galat: Galat = {}
    tahun = coba(
        galat,
        "tahun",
        baca_bulat,
        isian.get("tahun"),
        nama="Tahun",
        bawah=TAHUN_MIN,
        atas=tahun_maks(),
        wajib=True,
        ribuan=False,
    )
    v = {"tahun": tahun}
    for medan, nama in (
        ("laki_laki", "Penduduk laki-laki"),
        ("perempuan", "Penduduk perempuan"),
        ("jumlah", "Jumlah penduduk"),
    ):
        v[medan] = coba(galat, medan, baca_bulat, isian.get(medan), nama=nama, bawah=0, atas=JIWA_MAKS)
    v["sumber"] = _teks_pendek(galat, "sumber", isian.get("sumber"), nama="Sumber data", maks=200)
    v["tanggal"] = coba(galat, "tanggal", baca_tanggal, isian.get("tanggal"), tahun=tahun)
    l_, p_, j_ = v["laki_laki"], v["perempuan"], v["jumlah"]
    if not galat.keys() & {"laki_laki", "perempuan", "jumlah"}:
        if l_ is None and p_ is None and j_ is None:
            galat.setdefault("jumlah", []).append(
                "Isi paling sedikit jumlah penduduk, atau laki-laki dan perempuan."
            )
        elif l_ is not None and p_ is not None and j_ is None:
            v["jumlah"] = l_ + p_  # the total of the two figures given
        elif None not in (l_, p_, j_) and l_ + p_ != j_:
            galat.setdefault("jumlah", []).append(
                f"Jumlah {angka.format_angka(j_)} tidak sama dengan laki-laki + perempuan "
                f"({angka.format_angka(l_)} + {angka.format_angka(p_)} = {angka.format_angka(l_ + p_)})."
            )
    return v, galat
