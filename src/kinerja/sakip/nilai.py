"""Scores of an evaluation: per sub-component (its weight × the answer's percentage), per component
(their sum), the total (the sum of the components) and its predicate band, kept exact (``Decimal``)
and rounded only when shown. Two sets are computed side by side: the PD's own grades and the
evaluator's. A sub-component without a grade scores nothing and makes the total incomplete.

The grade the criteria point to (``saran_jawaban``): more than 75 % of the criteria met suggests B,
more than 50 % CC, more than 25 % C, more than 0 % D, none E (the thresholds come from the
worksheet's ``ambang_kriteria``); BB, A and AA need every criterion met and the evaluator's judgement,
so the system never proposes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from kinerja.sakip.lke import Lembar, Predikat

SERATUS = Decimal(100)


@dataclass
class SkorSub:
    kode: str
    nama: str
    bobot: Decimal
    jawaban: str  # '' when not graded
    nilai: Decimal | None
    persen: Decimal | None


@dataclass
class SkorKomponen:
    kode: str
    nama: str
    bobot: Decimal
    nilai: Decimal
    sub: list[SkorSub] = field(default_factory=list)


@dataclass
class Skor:
    komponen: list[SkorKomponen]
    nilai: Decimal
    predikat: Predikat | None
    lengkap: bool  # every sub-component graded

    def sub(self) -> list[SkorSub]:
        return [s for k in self.komponen for s in k.sub]

    def terkuat(self, n: int = 3) -> list[SkorSub]:
        dinilai = [s for s in self.sub() if s.persen is not None]
        return sorted(dinilai, key=lambda s: (-s.persen, s.kode))[:n]

    def terlemah(self, n: int = 3) -> list[SkorSub]:
        dinilai = [s for s in self.sub() if s.persen is not None]
        return sorted(dinilai, key=lambda s: (s.persen, s.kode))[:n]


def hitung(lembar: Lembar, jawaban: dict[str, str]) -> Skor:
    """Scores from a grade per sub-component code (``{'1.a': 'A', ...}``; missing or '' = not graded)."""
    komponen, lengkap = [], True
    for k in lembar.komponen:
        sk = SkorKomponen(k.kode, k.nama, k.bobot, Decimal(0))
        for s in k.sub:
            kode = jawaban.get(s.kode) or ""
            persen = lembar.persen(kode) if kode else None
            if persen is None:
                lengkap = False
                sk.sub.append(SkorSub(s.kode, s.nama, s.bobot, "", None, None))
                continue
            nilai = s.bobot * persen / SERATUS
            sk.nilai += nilai
            sk.sub.append(SkorSub(s.kode, s.nama, s.bobot, kode, nilai, persen))
        komponen.append(sk)
    total = sum((k.nilai for k in komponen), Decimal(0))
    return Skor(komponen, total, lembar.predikat_dari(total), lengkap)


def saran_jawaban(lembar: Lembar, terpenuhi: int, jumlah: int) -> str:
    """The answer the share of criteria met points to (B at most); '' when there are no criteria."""
    if jumlah <= 0:
        return ""
    persen = Decimal(terpenuhi) * SERATUS / Decimal(jumlah)
    pilihan = [j for j in lembar.jawaban if j.ambang is not None]
    # The highest answer reachable by the share alone: the one with the lowest percentage among those
    # whose threshold equals 100 % is not reachable without judgement, so only thresholds under 100 count.
    for j in sorted(pilihan, key=lambda j: j.persen, reverse=True):
        if j.ambang < SERATUS and persen > j.ambang:
            return j.kode
    nol = [j for j in lembar.jawaban if j.persen == 0]
    return nol[0].kode if nol else ""
