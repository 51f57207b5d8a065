"""The narrative sections of a PD's LKjIP, saved per year; the figures come from monev."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kinerja.wilayah.models import PerangkatDaerah


class NarasiLkjip(models.Model):
    """One narrative section (ikhtisar, latar belakang, analisis, penutup …) of one PD's LKjIP of a year."""

    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    kunci = models.CharField(max_length=30)
    teks = models.TextField(blank=True)
    diubah = models.DateTimeField(auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "narasi LKjIP"
        verbose_name_plural = "narasi LKjIP"
        ordering = ["pd", "tahun", "kunci"]
        constraints = [models.UniqueConstraint(fields=["pd", "tahun", "kunci"], name="narasi_lkjip_unik")]

    def __str__(self) -> str:
        return f"Narasi LKjIP {self.tahun} ({self.kunci})"


# The narrative sections, in the document's order (PermenPANRB 53/2014's outline): key, title.
BAGIAN_NARASI: dict[str, str] = {
    "ikhtisar": "Ikhtisar Eksekutif",
    "latar_belakang": "Latar Belakang",
    "tugas_fungsi": "Tugas Pokok dan Fungsi",
    "struktur": "Struktur Organisasi",
    "isu_strategis": "Isu Strategis",
    "analisis": "Analisis Penyebab Keberhasilan dan Kegagalan",
    "efisiensi": "Analisis Efisiensi Penggunaan Sumber Daya",
    "penutup": "Penutup",
}
BATAS_TEKS = 20000
