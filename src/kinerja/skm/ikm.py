"""Indeks Kepuasan Masyarakat per PermenPANRB 14/2017: plain functions over answer totals.

NRR per unsur = total of its answers ÷ number of answers to it; NRR tertimbang = NRR × weight
(1/9 each unless a unit sets its own weights summing to 1); IKM = Σ NRR tertimbang × 25.
Everything is computed with exact fractions and rounded once, at the end, to two decimals
(half up); the mutu band is read from the rounded IKM (the bands have gaps: 64,99 / 65,00).
Published forms print the weight as 0,111 or 0,11; using those changes the result (e.g.
91,48 becomes 90,56), so they are never used here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from kinerja.core.pembulatan import bulat_atau_none, bulat_ke_atas
from kinerja.core.skala import PITA_IKM, Pita, pita

UNSUR = ("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9")
NAMA_UNSUR = {
    "U1": "Persyaratan",
    "U2": "Sistem, Mekanisme dan Prosedur",
    "U3": "Waktu Penyelesaian",
    "U4": "Biaya/Tarif",
    "U5": "Produk Spesifikasi Jenis Pelayanan",
    "U6": "Kompetensi Pelaksana",
    "U7": "Perilaku Pelaksana",
    "U8": "Penanganan Pengaduan, Saran dan Masukan",
    "U9": "Sarana dan Prasarana",
}
# The answer labels 1–4 per unsur (the regulation's questionnaire).
JAWABAN = {
    "U1": ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    "U2": ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    "U3": ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    "U4": ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    "U5": ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    "U6": ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    "U7": ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"),
    "U8": ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"),
    "U9": ("Buruk", "Cukup", "Baik", "Sangat baik"),
}
PERTANYAAN = {
    "U1": "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
    "U2": "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    "U3": "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    "U4": "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "U5": "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
    "U6": "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    "U7": "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
    "U8": "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
    "U9": "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
}
BOBOT_SAMA = {u: Fraction(1, 9) for u in UNSUR}


@dataclass(frozen=True)
class Unsur:
    kode: str
    jumlah: int  # total of the answers
    responden: int  # answers given to this unsur
    bobot: Fraction

    @property
    def nama(self) -> str:
        return NAMA_UNSUR[self.kode]

    @property
    def nrr(self) -> Fraction | None:
        return Fraction(self.jumlah, self.responden) if self.responden else None

    @property
    def nrr_tertimbang(self) -> Fraction | None:
        return self.nrr * self.bobot if self.nrr is not None else None


@dataclass(frozen=True)
class HasilIKM:
    responden: int
    unsur: tuple[Unsur, ...]

    @property
    def nilai_interval(self) -> Fraction | None:
        """Σ NRR tertimbang (1–4), exact; None when an unsur has no answer at all."""
        if any(u.nrr is None for u in self.unsur):
            return None
        return sum((u.nrr_tertimbang for u in self.unsur), Fraction(0))

    @property
    def ikm_tepat(self) -> Fraction | None:
        ni = self.nilai_interval
        return ni * 25 if ni is not None else None

    @property
    def ikm(self) -> Decimal | None:
        """The IKM on the 25–100 scale, rounded half up to two decimals."""
        return bulat_atau_none(self.ikm_tepat)

    @property
    def pita(self) -> Pita | None:
        return pita("ikm", self.ikm) if self.ikm is not None else None

    @property
    def mutu(self) -> str | None:
        return self.pita.kode if self.pita else None

    @property
    def kinerja(self) -> str | None:
        return self.pita.label if self.pita else None

    @property
    def terlemah(self) -> Unsur | None:
        """The unsur with the lowest NRR (the first in code order on a tie)."""
        ada = [u for u in self.unsur if u.nrr is not None]
        return min(ada, key=lambda u: u.nrr) if ada else None


def hitung(
    jumlah: Mapping[str, int],
    responden_unsur: Mapping[str, int],
    *,
    responden: int,
    bobot: Mapping[str, Fraction] | None = None,
) -> HasilIKM:
    """IKM from the totals and answer counts of each unsur (as one aggregate query gives them)."""
    bobot = bobot or BOBOT_SAMA
    if sum(bobot.values()) != 1:
        raise ValueError("Jumlah bobot unsur harus 1.")
    return HasilIKM(
        responden,
        tuple(
            Unsur(u, int(jumlah.get(u) or 0), int(responden_unsur.get(u) or 0), Fraction(bobot[u]))
            for u in UNSUR
        ),
    )


def dari_jawaban(
    baris: Iterable[Mapping[str, int | None]], *, bobot: Mapping[str, Fraction] | None = None
) -> HasilIKM:
    """IKM from individual questionnaires (answers 1–4, None = not answered)."""
    jumlah = dict.fromkeys(UNSUR, 0)
    hitung_unsur = dict.fromkeys(UNSUR, 0)
    n = 0
    for b in baris:
        n += 1
        for u in UNSUR:
            v = b.get(u)
            if v is None:
                continue
            if v not in (1, 2, 3, 4):
                raise ValueError(f"Jawaban {u} harus 1–4, bukan {v}.")
            jumlah[u] += v
            hitung_unsur[u] += 1
    return hitung(jumlah, hitung_unsur, responden=n, bobot=bobot)


def sampel_minimum(populasi: int) -> int:
    """Krejcie & Morgan: S = λ²·N·P·Q / (d²·(N−1) + λ²·P·Q), λ² = 3,841, P = Q = 0,5, d = 0,05, rounded up."""
    if populasi <= 0:
        return 0
    l2, p, d = Fraction("3.841"), Fraction(1, 2), Fraction(1, 20)
    s = l2 * populasi * p * p / (d * d * (populasi - 1) + l2 * p * p)
    return int(bulat_ke_atas(s))


def rentang_pita() -> list[tuple[str, str, str]]:
    """(mutu, kinerja, IKM range) for the results page's legend."""
    return [(p.kode, p.label, p.rentang()) for p in PITA_IKM]
