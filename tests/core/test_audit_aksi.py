"""Every audit action a service writes fits the audit table's column: SQLite accepts a longer text,
PostgreSQL refuses it and the whole change with it."""

from __future__ import annotations

import re
from pathlib import Path

from kinerja.core.models import CatatanAudit

SRC = Path(__file__).resolve().parents[2] / "src" / "kinerja"


def test_every_literal_audit_action_fits_its_column():
    batas = CatatanAudit._meta.get_field("aksi").max_length
    panjang = {
        aksi: f"{berkas.relative_to(SRC)}"
        for berkas in SRC.rglob("*.py")
        for aksi in re.findall(r'\baksi="([^"{}]+)"', berkas.read_text(encoding="utf-8"))
        if len(aksi) > batas
    }
    assert not panjang, f"lebih dari {batas} huruf: {panjang}"
    assert batas == 30
