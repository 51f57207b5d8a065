"""Comparing names that may be misspelt."""

from __future__ import annotations


def jarak_edit(a: str, b: str, batas: int = 3) -> int:
    """Levenshtein distance, computed only within a band of width ``batas`` around the
    diagonal; any distance above ``batas`` is returned as ``batas + 1``."""
    if a == b:
        return 0
    la, lb = len(a), len(b)
    if abs(la - lb) > batas:
        return batas + 1
    besar = batas + 1
    prev = [j if j <= batas else besar for j in range(lb + 1)]
    for i in range(1, la + 1):
        ca = a[i - 1]
        lo, hi = max(1, i - batas), min(lb, i + batas)
        cur = [besar] * (lb + 1)
        cur[0] = i if i <= batas else besar
        terkecil = cur[0]
        for j in range(lo, hi + 1):
            v = prev[j - 1] + (ca != b[j - 1])
            if prev[j] + 1 < v:
                v = prev[j] + 1
            if cur[j - 1] + 1 < v:
                v = cur[j - 1] + 1
            if v > besar:
                v = besar
            cur[j] = v
            if v < terkecil:
                terkecil = v
        if terkecil > batas:
            return besar
        prev = cur
    return min(prev[lb], besar)
