"""Append-only audit trail shared by every app."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models


class CatatanAudit(models.Model):
    """One change: who, when, what, from → to, why.  Never updated or deleted."""

    waktu = models.DateTimeField(auto_now_add=True, db_index=True)
    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    aksi = models.CharField(max_length=30)
    objek_tipe = models.CharField(max_length=80)
    objek_id = models.CharField(max_length=40, blank=True)
    objek_repr = models.CharField(max_length=300, blank=True)
    perubahan = models.JSONField(default=dict, blank=True)
    alasan = models.TextField(blank=True)
    pd = models.ForeignKey(
        "wilayah.PerangkatDaerah", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "catatan audit"
        verbose_name_plural = "catatan audit"
        ordering = ["-waktu", "-id"]
        indexes = [models.Index(fields=["objek_tipe", "objek_id"])]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.aksi} {self.objek_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("Catatan audit tidak dapat diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Catatan audit tidak dapat dihapus.")
