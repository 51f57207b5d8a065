"""Regulatory label scales: IKM mutu (PermenPANRB 14/2017) and SAKIP (PermenPANRB 88/2021)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kinerja.core.pembulatan import bulat


@dataclass(frozen=True)
class Pita:
    kode: str
    label: str
    bawah: Decimal
    atas: Decimal
    bawah_inklusif: bool = True

    def memuat(self, nilai: Decimal) -> bool:
        di_atas_bawah = nilai >= self.bawah if self.bawah_inklusif else nilai > self.bawah
        return di_atas_bawah and nilai <= self.atas

    def rentang(self) -> str:
        from kinerja.core.angka import format_angka

        tanda = "" if self.bawah_inklusif else "> "
        return f"{tanda}{format_angka(self.bawah, 2)}–{format_angka(self.atas, 2)}"


# IKM on the 25–100 scale; the IKM is rounded to two decimals before it is classified
# (the regulation's intervals have gaps between 64,99 and 65,00 and so on).
PITA_IKM = (
    Pita("D", "Tidak Baik", Decimal("25.00"), Decimal("64.99")),
    Pita("C", "Kurang Baik", Decimal("65.00"), Decimal("76.60")),
    Pita("B", "Baik", Decimal("76.61"), Decimal("88.30")),
    Pita("A", "Sangat Baik", Decimal("88.31"), Decimal("100.00")),
)

# SAKIP evaluation score: lower bounds exclusive except for D.
PITA_SAKIP = (
    Pita("D", "Sangat Kurang", Decimal("0"), Decimal("30")),
    Pita("C", "Kurang", Decimal("30"), Decimal("50"), bawah_inklusif=False),
    Pita("CC", "Cukup", Decimal("50"), Decimal("60"), bawah_inklusif=False),
    Pita("B", "Baik", Decimal("60"), Decimal("70"), bawah_inklusif=False),
    Pita("BB", "Sangat Baik", Decimal("70"), Decimal("80"), bawah_inklusif=False),
    Pita("A", "Memuaskan", Decimal("80"), Decimal("90"), bawah_inklusif=False),
    Pita("AA", "Sangat Memuaskan", Decimal("90"), Decimal("100"), bawah_inklusif=False),
)

SKALA = {"ikm": PITA_IKM, "sakip": PITA_SAKIP}
NAMA_SKALA = {
    "ikm": "mutu pelayanan IKM menurut PermenPANRB 14/2017",
    "sakip": "predikat SAKIP menurut PermenPANRB 88/2021",
}


def pita(skala: str, nilai: Decimal) -> Pita | None:
    """The band a score falls in, or None when it is outside the scale."""
    daftar = SKALA[skala]
    v = bulat(nilai) if skala == "ikm" else nilai
    for p in daftar:
        if p.memuat(v):
            return p
    return None


def label_cocok(skala: str, label: str, nilai: Decimal) -> tuple[bool, Pita | None]:
    """Does a printed label (a letter or a word) agree with the band of its score?"""
    p = pita(skala, nilai)
    if p is None:
        return False, None
    lab = " ".join(label.split()).casefold()
    return lab in (p.kode.casefold(), p.label.casefold()), p
