"""Units a reader can hold in mind: no function in ``src/kinerja`` longer than ``BATAS_BARIS`` lines
unless a comment on its first line says why (``# panjang: …``). Complexity is kept by ruff (C901,
max 15, in ``make lint``)."""

from __future__ import annotations

import ast
from pathlib import Path

PAKET = Path(__file__).resolve().parent.parent / "src" / "kinerja"
BATAS_BARIS = 80


def terlalu_panjang(sumber: str, nama_berkas: str = "<uji>") -> list[str]:
    """The functions of a module over the limit without a ``# panjang:`` reason on their def line."""
    baris = sumber.splitlines()
    hasil = []
    for n in ast.walk(ast.parse(sumber)):
        if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        panjang = n.end_lineno - n.lineno + 1
        if panjang > BATAS_BARIS and "# panjang:" not in baris[n.lineno - 1]:
            hasil.append(f"{nama_berkas}:{n.lineno} {n.name} ({panjang} baris)")
    return hasil


def test_the_check_finds_a_long_function_and_accepts_a_stated_reason():
    badan = "".join(f"    x{i} = {i}\n" for i in range(BATAS_BARIS))
    assert terlalu_panjang(f"def f():\n{badan}") == ["<uji>:1 f (81 baris)"]
    assert terlalu_panjang(f"def f():  # panjang: satu tabel konstanta\n{badan}") == []
    assert terlalu_panjang("def g():\n    return 1\n") == []


def test_no_function_in_src_is_over_the_limit_without_a_reason():
    temuan = []
    for berkas in sorted(PAKET.rglob("*.py")):
        if "migrations" in berkas.parts:
            continue
        temuan += terlalu_panjang(berkas.read_text(encoding="utf-8"), str(berkas.relative_to(PAKET)))
    assert temuan == []
