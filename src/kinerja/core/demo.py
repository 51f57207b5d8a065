"""Demonstration mode: the Sananwetan sample and its published demo accounts, apart from production.

The sample and its accounts are loaded only when ``KINERJA_DEMO=1`` is set (``make run``, the
tests) or by the explicit ``kinerja sampel`` command (both in the ``kinerja.demo`` app).  Demo
data is marked (``PemdaDemo``, ``SandiDemo``) so the system can tell it from real data.
"""

from __future__ import annotations

from django.conf import settings


def mode_demo() -> bool:
    return bool(getattr(settings, "KINERJA_DEMO", False))


def akun_demo_terbuka() -> list:
    """The demo accounts (``akun.AKUN_DEMO``) whose password is still the published one.

    Cheap: the password hash stored when the account was made is compared with the user's current
    hash (one query, no password hashing); a changed password no longer matches.
    """
    from django.db.models import F

    from kinerja.core.akun import AKUN_DEMO
    from kinerja.core.models import SandiDemo

    nama = set(
        SandiDemo.objects.filter(pengguna__password=F("sandi_hash"), pengguna__is_active=True).values_list(
            "pengguna__username", flat=True
        )
    )
    return [a for a in AKUN_DEMO if a.username in nama]
