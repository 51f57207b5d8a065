"""Demonstration accounts that come with the sample data."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission


@dataclass(frozen=True)
class AkunDemo:
    username: str
    password: str
    peran: str
    superuser: bool = False
    grup: str = ""


# Planners write plans: a new version from a workbook, edits of the tree, targets and pagu.
GRUP_PERENCANA = "Perencana"
IZIN_PERENCANA = [
    f"{aksi}_{model}"
    for model in ("renstraversi", "plannode", "indikator", "target", "pagu", "kondisiawal")
    for aksi in ("add", "change", "view")
]

AKUN_DEMO = (
    AkunDemo(
        "perencana",
        "sananwetan-perencana",
        "Perencana Subbag Program Kecamatan Sananwetan",
        grup=GRUP_PERENCANA,
    ),
    AkunDemo("admin", "sananwetan-admin", "Administrator sistem", superuser=True),
)


def grup_perencana() -> Group:
    grup, _ = Group.objects.get_or_create(name=GRUP_PERENCANA)
    grup.permissions.set(
        Permission.objects.filter(content_type__app_label="renstra", codename__in=IZIN_PERENCANA)
    )
    return grup


def buat_akun_demo(*, pd) -> list[AkunDemo]:
    """Create (or reset) the demo accounts; their passwords are public, in the README."""
    User = get_user_model()
    perencana = grup_perencana()
    for akun in AKUN_DEMO:
        user, _ = User.objects.get_or_create(username=akun.username)
        user.first_name = akun.peran
        user.is_superuser = user.is_staff = akun.superuser
        user.set_password(akun.password)
        user.save()
        if akun.grup == GRUP_PERENCANA:
            user.groups.add(perencana)
    return list(AKUN_DEMO)
