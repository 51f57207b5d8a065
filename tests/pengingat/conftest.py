"""Clocks and users for the inbox and reminder tests."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone


def pada(teks: str) -> dt.datetime:
    """A moment in local time (WIB), e.g. ``pada("2026-12-04T09:00")``."""
    return timezone.make_aware(dt.datetime.fromisoformat(teks))


@pytest.fixture
def pengguna():
    def _ambil(nama: str, email: str | None = None):
        User = get_user_model()
        u = User.objects.get(username=nama)
        if email is not None:
            u.email = email
            u.save(update_fields=["email"])
        return u

    return _ambil
