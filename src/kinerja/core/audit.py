"""Recording changes in the audit trail."""

from __future__ import annotations

from typing import Any

from django.db import models

from kinerja.core.models import CatatanAudit


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
