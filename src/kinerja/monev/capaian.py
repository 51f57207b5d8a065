"""Capaian kinerja and its predikat: plain functions over values, no database.

Rules decided here (and shown to users on the report pages):

* Higher is better: capaian = realisasi / target × 100.
* Lower is better: capaian = (2 × target − realisasi) / target × 100, never below 0.
* A target of 0: higher is better → 100 % (any realisation meets it);
  lower is better → 100 % when the realisation is 0 as well, otherwise 0 %.
* No realisation → no capaian ("belum ada realisasi"), left out of every average.
* Qualitative values (a label such as "Baik" or "A") are compared on the indicator's
  scale: tercapai or tidak tercapai, with no percentage and no predikat.
* Capaian above 100 % is kept as computed, never cut to 100 %; only the footers' means of
  E.81 and E.80 count it as 100 % when the pemda chose so (``rata_rata(batas_100=True)``).
* Predikat uses the capaian rounded to two decimals, as shown: each band starts at its
  printed integer bound (≥ 91 Sangat Tinggi, ≥ 76 Tinggi, ≥ 66 Sedang, ≥ 51 Rendah,
  else Sangat Rendah), so 90,5 is Tinggi and 91 is Sangat Tinggi.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from kinerja.core import skala as skala_mod
from kinerja.core.angka import format_angka
from kinerja.core.pembulatan import bulat
from kinerja.renstra.aturan import kondisi_akhir

NOL = Decimal(0)
SERATUS = Decimal(100)


@dataclass(frozen=True)
class Predikat:
    kode: str
    label: str
    bawah: Decimal


PREDIKAT = (
    Predikat("ST", "Sangat Tinggi", Decimal(91)),
    Predikat("T", "Tinggi", Decimal(76)),
    Predikat("S", "Sedang", Decimal(66)),
    Predikat("R", "Rendah", Decimal(51)),
    Predikat("SR", "Sangat Rendah", Decimal("-Infinity")),
)


def predikat(capaian: Decimal | None) -> Predikat | None:
    """The evaluation band of a capaian in percent (None when there is no capaian)."""
    if capaian is None:
        return None
    return _pita(bulat(capaian if type(capaian) is Decimal else Decimal(capaian)))


def _pita(v: Decimal) -> Predikat:
    """The band of a capaian already rounded to two places."""
    for p in PREDIKAT:
        if v >= p.bawah:
            return p
    return PREDIKAT[-1]


class Status:
    DIHITUNG = "dihitung"
    TERCAPAI = "tercapai"
    TIDAK_TERCAPAI = "tidak_tercapai"
    BELUM_ADA = "belum_ada"
    TANPA_TARGET = "tanpa_target"
    TAK_TERBANDING = "tak_terbanding"


LABEL_STATUS = {
    Status.DIHITUNG: "",
    Status.TERCAPAI: "Tercapai",
    Status.TIDAK_TERCAPAI: "Tidak tercapai",
    Status.BELUM_ADA: "Belum ada realisasi",
    Status.TANPA_TARGET: "Tanpa target",
    Status.TAK_TERBANDING: "Tidak dapat dibandingkan",
}


@dataclass(frozen=True, slots=True)
class Capaian:
    nilai: Decimal | None  # percent, full precision
    status: str
    # How it was computed: a fixed sentence, or (arah, target, realisasi) to write one from
    # when asked (pages show it on hover; reports over a whole kota never ask).
    _rumus: str | tuple = ""
    # ``nilai`` rounded to two places, when worked out with it (``nilai_bulat``).
    _bulat: Decimal | None = field(default=None, compare=False)

    @property
    def nilai_bulat(self) -> Decimal | None:
        """The capaian rounded to two places, as every table shows it and as its predikat reads it."""
        if self._bulat is not None or self.nilai is None:
            return self._bulat
        return bulat(self.nilai)

    @property
    def rumus(self) -> str:
        """One sentence a planner can check by hand."""
        if isinstance(self._rumus, str):
            return self._rumus
        arah, target, realisasi = self._rumus
        if arah == "turun":
            catatan = " (hasil negatif dibulatkan ke 0)" if 2 * target - realisasi < 0 else ""
            return f"(2 × {_f(target)} − {_f(realisasi)}) ÷ {_f(target)} × 100 = {_f(self.nilai_bulat)}%{catatan}"
        return f"{_f(realisasi)} ÷ {_f(target)} × 100 = {_f(self.nilai_bulat)}%"

    @property
    def predikat(self) -> Predikat | None:
        v = self.nilai_bulat
        return None if v is None else _pita(v)

    @property
    def label_status(self) -> str:
        return LABEL_STATUS[self.status]

    @property
    def tercapai(self) -> bool | None:
        if self.status == Status.TERCAPAI:
            return True
        if self.status == Status.TIDAK_TERCAPAI:
            return False
        if self.nilai is None:
            return None
        return self.nilai_bulat >= SERATUS


@lru_cache(maxsize=8192)
def _f(v: Decimal) -> str:
    # Without fixed decimals the text depends on the value alone (1 and 1,0 are both "1").
    return format_angka(v, None)


# The capaian that do not depend on the values, shared (a Capaian is never changed once made).
BELUM_ADA = Capaian(None, Status.BELUM_ADA, "Realisasi belum diisi.")
TANPA_TARGET = Capaian(None, Status.TANPA_TARGET, "Tidak ada target untuk dibandingkan.")
TARGET_NOL_NAIK = Capaian(
    SERATUS,
    Status.DIHITUNG,
    "Target 0 pada indikator makin besar makin baik: setiap realisasi memenuhinya (100%).",
)


def hitung(*, arah: str, target: Decimal | None, realisasi: Decimal | None) -> Capaian:
    """Capaian of a numeric realisation against a numeric target.

    ``arah`` is "naik" (higher is better) or "turun" (lower is better).
    """
    if realisasi is None:
        return BELUM_ADA
    if target is None:
        return TANPA_TARGET
    if type(target) is not Decimal:
        target = Decimal(target)
    if type(realisasi) is not Decimal:
        realisasi = Decimal(realisasi)
    if arah == "turun":
        if target == 0:
            nilai = SERATUS if realisasi == 0 else NOL
            return Capaian(
                nilai,
                Status.DIHITUNG,
                "Target 0 pada indikator makin kecil makin baik: tercapai (100%) hanya bila realisasi juga 0.",
            )
        nilai = max((2 * target - realisasi) / target * SERATUS, NOL)
        return Capaian(nilai, Status.DIHITUNG, (arah, target, realisasi), bulat(nilai))
    if target == 0:
        return TARGET_NOL_NAIK
    nilai = realisasi / target * SERATUS
    return Capaian(nilai, Status.DIHITUNG, (arah, target, realisasi), bulat(nilai))


def _peringkat(skala: str, label: str) -> int | None:
    """Position of a label on a regulatory scale (higher is better), or None."""
    pita = skala_mod.SKALA.get(skala)
    if not pita:
        return None
    lab = " ".join(label.split()).casefold()
    for i, p in enumerate(pita):
        if lab in (p.kode.casefold(), p.label.casefold()):
            return i
    return None


def hitung_label(*, skala: str, target: str, realisasi: str) -> Capaian:
    """Capaian of a qualitative value: met or not, compared on the scale, no percent."""
    if not realisasi.strip():
        return BELUM_ADA
    if not target.strip():
        return TANPA_TARGET
    pt, pr = _peringkat(skala, target), _peringkat(skala, realisasi)
    if pt is not None and pr is not None:
        status = Status.TERCAPAI if pr >= pt else Status.TIDAK_TERCAPAI
        return Capaian(
            None,
            status,
            f"Nilai kualitatif: realisasi '{realisasi}' {'setara atau di atas' if pr >= pt else 'di bawah'} "
            f"target '{target}' pada {skala_mod.NAMA_SKALA[skala]}.",
        )
    if " ".join(target.split()).casefold() == " ".join(realisasi.split()).casefold():
        return Capaian(None, Status.TERCAPAI, f"Nilai kualitatif: realisasi sama dengan target '{target}'.")
    return Capaian(
        None,
        Status.TAK_TERBANDING,
        f"Nilai kualitatif '{realisasi}' tidak dapat dibandingkan dengan target '{target}' tanpa skala.",
    )


# --- quarters to a year ----------------------------------------------------------------


class Agregasi:
    JUMLAH = "jumlah"
    TERAKHIR = "terakhir"
    RATA = "rata"


def gabung_triwulan(nilai: Mapping[int, Decimal | None], aturan: str, sampai: int = 4) -> Decimal | None:
    """The realisation of the year up to a quarter, from the quarters' values.

    jumlah: sum of the quarters filled; terakhir: the latest quarter filled;
    rata: mean of the quarters filled.  None when no quarter up to ``sampai`` is filled.
    """
    return gabung_urut([v for v in (nilai.get(tw) for tw in range(1, sampai + 1)) if v is not None], aturan)


def gabung_urut(ada: list[Decimal], aturan: str) -> Decimal | None:
    """``gabung_triwulan`` of the quarters filled, given in the order of the quarters."""
    if not ada:
        return None
    if aturan == Agregasi.JUMLAH:
        return sum(ada, NOL)
    if aturan == Agregasi.RATA:
        return sum(ada, NOL) / len(ada)
    return ada[-1]


def gabung_tahun(nilai: Iterable[Decimal | None], aturan: str) -> Decimal | None:
    """Realisation over several years by the indicator's end-of-period rule (E.81 column 13)."""
    return kondisi_akhir(list(nilai), aturan)


def serapan(realisasi: Decimal | None, pagu: Decimal | None) -> Decimal | None:
    """Budget absorption in percent; None without a pagu or without a realisation."""
    if realisasi is None or not pagu:
        return None
    return Decimal(realisasi) / Decimal(pagu) * SERATUS


def laju_pertumbuhan(nilai: dict[int, Decimal | None]) -> Decimal | None:
    """Compound average growth rate per year in percent, between the first and the last year with a value:
    ((last ÷ first) ^ (1 ÷ years between) − 1) × 100. None with fewer than two values or a first value of 0."""
    ada = sorted((y, Decimal(v)) for y, v in nilai.items() if v is not None)
    if len(ada) < 2 or ada[0][1] <= 0 or ada[-1][1] < 0:
        return None
    (y0, v0), (y1, v1) = ada[0], ada[-1]
    if v1 == 0:
        return -SERATUS
    return ((v1 / v0) ** (Decimal(1) / Decimal(y1 - y0)) - 1) * SERATUS


def rata_rata(nilai: Iterable[Decimal | None], *, batas_100: bool = False) -> Decimal | None:
    """Mean of the capaian that exist; None when there are none.

    ``batas_100``: a capaian above 100 % counts as 100 % in the mean (the pemda's setting
    ``Pemda.batasi_capaian_100`` for the footers of E.81 and E.80); the rows keep their value.
    """
    ada = [Decimal(v) for v in nilai if v is not None]
    if not ada:
        return None
    if batas_100:
        ada = [min(v, SERATUS) for v in ada]
    return sum(ada, NOL) / len(ada)
