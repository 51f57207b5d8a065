"""Staff and assets of a PD and its units."""

from __future__ import annotations

from django.db import models

from kinerja.wilayah.models import PerangkatDaerah, Unit


class RekapPegawai(models.Model):
    """Headcount of one category (a golongan, an education level, …) on a date."""

    class Kelompok(models.TextChoices):
        GOLONGAN = "golongan", "Pangkat/golongan"
        PENDIDIKAN = "pendidikan", "Tingkat pendidikan"
        JABATAN = "jabatan", "Pejabat struktural/fungsional"
        JENIS_KELAMIN = "jenis_kelamin", "Jenis kelamin"

    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="rekap_pegawai_set")
    keadaan = models.CharField("keadaan per", max_length=60)
    kelompok = models.CharField(max_length=15, choices=Kelompok.choices)
    urutan = models.PositiveSmallIntegerField()
    uraian = models.CharField(max_length=120)
    jumlah = models.PositiveIntegerField()

    class Meta:
        verbose_name = "rekap pegawai"
        verbose_name_plural = "rekap pegawai"
        ordering = ["pd", "keadaan", "kelompok", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["pd", "keadaan", "kelompok", "uraian"], name="rekap_pegawai_unik")
        ]


class Aset(models.Model):
    """Holdings of one kind of asset at one unit, with how many are damaged."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aset_set")
    urutan = models.PositiveSmallIntegerField()
    jenis_barang = models.CharField(max_length=120)
    jumlah = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    satuan = models.CharField(max_length=30, blank=True)
    rusak = models.PositiveIntegerField(default=0)
    keterangan_kondisi = models.CharField(max_length=60, blank=True)
    teks = models.CharField("seperti tercatat", max_length=120, blank=True)

    class Meta:
        verbose_name_plural = "aset"
        ordering = ["unit", "urutan"]
        constraints = [models.UniqueConstraint(fields=["unit", "jenis_barang"], name="aset_unik_per_unit")]

    @property
    def baik(self):
        if self.jumlah is None:
            return None
        return max(self.jumlah - self.rusak, 0)
