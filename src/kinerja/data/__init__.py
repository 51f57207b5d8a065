"""The sample datasets that ship with the package (no code of any app: every app may read them)."""

from __future__ import annotations

import csv
from importlib.resources import files


def folder_sampel():
    """The Sananwetan sample's folder (see its README)."""
    return files("kinerja.data").joinpath("sananwetan")


def baca_csv_sampel(nama: str) -> list[dict[str, str]]:
    """A CSV file of the sample as rows of stripped strings."""
    with folder_sampel().joinpath(nama).open(encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(f)]
