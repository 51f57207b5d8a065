"""What each PD publishes on the public portal, section by section (decided by its admin)."""

from __future__ import annotations

from django.db import models

from kinerja.wilayah.models import PerangkatDaerah

# (field, label shown to the admin and on the portal) — the portal's sections in menu order.
BAGIAN = (
    ("profil", "Profil"),
    ("kinerja", "Kinerja"),
    ("anggaran", "Anggaran"),
    ("layanan", "Layanan"),
    ("pengaduan", "Pengaduan"),
    ("rtkeren", "RT Keren"),
)


class Publikasi(models.Model):
    """One row per PD; a PD without a row publishes every section (the Camat's duty to publish)."""

    pd = models.OneToOneField(PerangkatDaerah, on_delete=models.CASCADE, related_name="publikasi")
    profil = models.BooleanField("profil", default=True)
    kinerja = models.BooleanField("kinerja", default=True)
    anggaran = models.BooleanField("anggaran", default=True)
    layanan = models.BooleanField("layanan", default=True)
    pengaduan = models.BooleanField("pengaduan", default=True)
    rtkeren = models.BooleanField("RT Keren", default=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "publikasi"
        verbose_name_plural = "publikasi"

    def __str__(self) -> str:
        return f"Publikasi {self.pd}"

    def terbuka(self) -> dict[str, bool]:
        return {k: getattr(self, k) for k, _ in BAGIAN}
