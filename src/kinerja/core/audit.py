"""Recording changes in the audit trail."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import connection, models, transaction

from kinerja.core.models import CatatanAudit
from kinerja.core.pelaku import Sistem


def _nilai_json(v: Any) -> Any:
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, models.Model):
        return str(v)
    return str(v)


def catat(
    *,
    aksi: str,
    objek: models.Model,
    pengguna=None,
    perubahan: dict[str, tuple[Any, Any]] | None = None,
    alasan: str = "",
    pd=None,
) -> CatatanAudit:
    """Write one audit entry; call inside the transaction that makes the change."""
    return CatatanAudit.objects.create(
        pengguna=pengguna if getattr(pengguna, "is_authenticated", False) else None,
        nama_pelaku=str(pengguna)[:60] if isinstance(pengguna, Sistem) else "",
        aksi=aksi,
        objek_tipe=objek._meta.label_lower,
        objek_id=str(objek.pk or ""),
        objek_repr=str(objek)[:300],
        perubahan={k: [_nilai_json(a), _nilai_json(b)] for k, (a, b) in (perubahan or {}).items()},
        alasan=alasan,
        pd=pd,
    )


def riwayat(objek: models.Model) -> list[CatatanAudit]:
    """The audit entries of one record, newest first."""
    return list(
        CatatanAudit.objects.filter(
            objek_tipe=objek._meta.label_lower, objek_id=str(objek.pk)
        ).select_related("pengguna")
    )


# Who is acting, for entries written by signals (role and superuser grants): set by the admin.
pelaku: ContextVar = ContextVar("pelaku", default=None)


@contextmanager
def izinkan_hapus_audit():
    """Lift the audit table's triggers inside one transaction (the explicit sample reload only)."""
    from kinerja.core import pemicu

    # On an error the transaction rolls back, and the dropped triggers come back with it.
    with transaction.atomic():
        pemicu.lepas(connection)
        yield
        pemicu.pasang(connection)
