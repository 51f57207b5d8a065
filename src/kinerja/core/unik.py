"""Uniqueness of a row per lokasi, where "no lokasi" (the PD as a whole) is a lokasi of its own."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


def unik_per_lokasi(kolom: list[str], per_lokasi: str, tanpa_lokasi: str) -> list[models.UniqueConstraint]:
    """Two constraints: ``kolom`` (which names ``lokasi``) unique among rows with a lokasi, and the
    same without ``lokasi`` among rows without one — a NULL never collides in a plain unique index."""
    return [
        models.UniqueConstraint(fields=kolom, condition=Q(lokasi__isnull=False), name=per_lokasi),
        models.UniqueConstraint(
            fields=[k for k in kolom if k != "lokasi"], condition=Q(lokasi__isnull=True), name=tanpa_lokasi
        ),
    ]
