"""Demonstration accounts that come with the sample data."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model


@dataclass(frozen=True)
class AkunDemo:
    username: str
    password: str
    peran: str
    superuser: bool = False


AKUN_DEMO = (
    AkunDemo("perencana", "sananwetan-perencana", "Perencana Subbag Program Kecamatan Sananwetan"),
    AkunDemo("admin", "sananwetan-admin", "Administrator sistem", superuser=True),
)


def buat_akun_demo(*, pd) -> list[AkunDemo]:
    """Create (or reset) the demo accounts; their passwords are public, in the README."""
    User = get_user_model()
    for akun in AKUN_DEMO:
        user, _ = User.objects.get_or_create(username=akun.username)
        user.first_name = akun.peran
        user.is_superuser = user.is_staff = akun.superuser
        user.set_password(akun.password)
        user.save()
    return list(AKUN_DEMO)
