"""Risk register (SPIP, PP 60/2008): risks of a PD's sasaran and programs per year, their treatment
plan (RTP) and quarterly monitoring.

A risk points at the plan element and indicators of the version it was recorded in; pages of a later
version (a Perubahan) follow ``asal`` back to it, as realisations do (``renstra.selectors.peta_asal``),
so a new plan version does not orphan it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from kinerja.renstra.models import Indikator, PlanNode
from kinerja.wilayah.models import PerangkatDaerah

SKALA = [MinValueValidator(1), MaxValueValidator(5)]


class Risiko(models.Model):
    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    node = models.ForeignKey(
        PlanNode, on_delete=models.CASCADE, related_name="+", help_text="Sasaran atau program yang berisiko."
    )
    pernyataan = models.TextField("pernyataan risiko")
    sebab = models.TextField("sebab")
    uraian_dampak = models.TextField("dampak")
    kemungkinan = models.PositiveSmallIntegerField("level kemungkinan", validators=SKALA)
    dampak = models.PositiveSmallIntegerField("level dampak", validators=SKALA)
    pemilik = models.CharField("pemilik risiko", max_length=200)
    pengendalian = models.TextField("pengendalian yang ada", blank=True)
    indikator = models.ManyToManyField(Indikator, blank=True, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "risiko"
        verbose_name_plural = "risiko"
        ordering = ["pd", "tahun", "id"]
        indexes = [models.Index(fields=["pd", "tahun"])]

    def __str__(self) -> str:
        return self.pernyataan[:120]


class RencanaTindak(models.Model):
    """A step of the risk treatment plan (RTP)."""

    class Status(models.TextChoices):
        BELUM = "belum", "Belum dimulai"
        BERJALAN = "berjalan", "Sedang berjalan"
        SELESAI = "selesai", "Selesai"

    risiko = models.ForeignKey(Risiko, on_delete=models.CASCADE, related_name="rtp_set")
    uraian = models.TextField("rencana tindak pengendalian")
    penanggung_jawab = models.CharField("penanggung jawab", max_length=200)
    tenggat = models.DateField("tenggat")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BELUM)

    class Meta:
        verbose_name = "rencana tindak pengendalian"
        verbose_name_plural = "rencana tindak pengendalian"
        ordering = ["risiko", "tenggat", "id"]

    def __str__(self) -> str:
        return self.uraian[:120]


class Pemantauan(models.Model):
    """One quarter's monitoring: progress of the treatment and the risk re-assessed."""

    risiko = models.ForeignKey(Risiko, on_delete=models.CASCADE, related_name="pemantauan_set")
    triwulan = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    kemajuan = models.TextField("kemajuan pengendalian")
    kemungkinan = models.PositiveSmallIntegerField("level kemungkinan", validators=SKALA)
    dampak = models.PositiveSmallIntegerField("level dampak", validators=SKALA)
    dicatat = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "pemantauan risiko"
        verbose_name_plural = "pemantauan risiko"
        ordering = ["risiko", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["risiko", "triwulan"], name="pemantauan_sekali_per_triwulan")
        ]

    def __str__(self) -> str:
        return f"Triwulan {self.triwulan}: {self.risiko}"
