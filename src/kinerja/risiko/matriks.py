"""The 5 × 5 risk analysis matrix: scales, the level of each cell and the bands, read from a data file.

The level of a cell is *looked up* in ``kinerja/data/risiko/matriks_5x5.toml`` (the file names its
source), never computed as likelihood × impact: the BPKP matrix assigns levels 1–25 to its cells.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

SKALA = range(1, 6)


@dataclass(frozen=True)
class Pita:
    kode: str
    nama: str
    bawah: int
    atas: int


@dataclass(frozen=True)
class Level:
    nilai: int
    pita: Pita
    kemungkinan: int
    dampak: int

    def __str__(self) -> str:
        return f"{self.nilai} ({self.pita.nama})"


@dataclass(frozen=True)
class Matriks:
    sumber: str
    kemungkinan: dict[int, str]
    dampak: dict[int, str]
    sel: dict[tuple[int, int], int]  # (kemungkinan, dampak) → level
    pita: tuple[Pita, ...]

    def pita_untuk(self, nilai: int) -> Pita:
        for p in self.pita:
            if p.bawah <= nilai <= p.atas:
                return p
        raise ValueError(f"Level {nilai} tidak masuk pita mana pun.")

    def level(self, kemungkinan: int, dampak: int) -> Level:
        nilai = self.sel[(int(kemungkinan), int(dampak))]
        return Level(nilai, self.pita_untuk(nilai), int(kemungkinan), int(dampak))


def baca_matriks(teks: str) -> Matriks:
    """A matrix from the TOML text; refuses a file with a missing cell, a gap or overlap in the bands."""
    d = tomllib.loads(teks)
    kem = {int(x["level"]): x["nama"] for x in d["kemungkinan"]}
    dam = {int(x["level"]): x["nama"] for x in d["dampak"]}
    if set(kem) != set(SKALA) or set(dam) != set(SKALA):
        raise ValueError("Skala kemungkinan dan dampak harus berisi level 1 sampai 5.")
    sel = {}
    for k in SKALA:
        baris = d["matriks"][str(k)]
        if len(baris) != 5:
            raise ValueError(f"Baris kemungkinan {k} harus berisi 5 sel.")
        for i, nilai in enumerate(baris, start=1):
            sel[(k, i)] = int(nilai)
    pita = tuple(Pita(p["kode"], p["nama"], int(p["bawah"]), int(p["atas"])) for p in d["pita"])
    urut = sorted(pita, key=lambda p: p.bawah)
    for a, b in zip(urut, urut[1:], strict=False):
        if b.bawah != a.atas + 1:
            raise ValueError(f"Pita {a.nama} dan {b.nama} tidak bersambung.")
    m = Matriks(d.get("sumber", ""), kem, dam, sel, tuple(urut))
    for nilai in sel.values():
        m.pita_untuk(nilai)
    return m


@lru_cache(maxsize=1)
def matriks() -> Matriks:
    """The matrix shipped with the package."""
    berkas = files("kinerja.data").joinpath("risiko", "matriks_5x5.toml")
    return baca_matriks(berkas.read_text(encoding="utf-8"))


def level(kemungkinan: int, dampak: int) -> Level:
    return matriks().level(kemungkinan, dampak)
