"""Uploaded workbooks kept between the preview and the confirmation.

A file is stored under the var folder, in the uploader's own folder, named by its
sha256: the confirmation reads the very bytes the preview was made from, and nobody
else's upload can be opened by guessing a name.  Files left unconfirmed for a week
are removed at the next upload.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from pathlib import Path

from django.conf import settings

UMUR_MAKS = 7 * 24 * 3600
_KUNCI = re.compile(r"[0-9a-f]{64}")


def _folder(pengguna_id: int) -> Path:
    return Path(settings.VAR_DIR) / "impor" / str(int(pengguna_id))


def simpan_unggahan(*, pengguna_id: int, nama: str, potongan) -> str:
    """Store the uploaded bytes; returns the key (sha256) that names them."""
    folder = _folder(pengguna_id)
    folder.mkdir(parents=True, exist_ok=True)
    _bersihkan(folder)
    sementara = folder / f"unggah-{time.time_ns()}.tmp"
    h = hashlib.sha256()
    with sementara.open("wb") as f:
        for p in potongan:
            h.update(p)
            f.write(p)
    kunci = h.hexdigest()
    sementara.replace(folder / f"{kunci}.xlsx")
    (folder / f"{kunci}.json").write_text(json.dumps({"nama": Path(nama).name}), encoding="utf-8")
    return kunci


def baca_unggahan(*, pengguna_id: int, kunci: str) -> tuple[Path, str] | None:
    """(path, original file name) of a stored upload of this user, or None."""
    if not _KUNCI.fullmatch(kunci):
        return None
    folder = _folder(pengguna_id)
    path = folder / f"{kunci}.xlsx"
    if not path.exists():
        return None
    try:
        nama = json.loads((folder / f"{kunci}.json").read_text(encoding="utf-8"))["nama"]
    except (OSError, ValueError, KeyError):
        nama = path.name
    return path, nama


def hapus_unggahan(*, pengguna_id: int, kunci: str) -> None:
    if _KUNCI.fullmatch(kunci):
        for akhiran in (".xlsx", ".json"):
            (_folder(pengguna_id) / f"{kunci}{akhiran}").unlink(missing_ok=True)


def _bersihkan(folder: Path) -> None:
    batas = time.time() - UMUR_MAKS
    for p in folder.iterdir():
        try:
            if p.stat().st_mtime < batas:
                p.unlink()
        except OSError:
            continue
