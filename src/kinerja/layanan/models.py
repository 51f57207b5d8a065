"""Service standards (standar pelayanan) per unit, and the log of services given."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kinerja.wilayah.models import Unit


class JenisLayanan(models.Model):
    """A service a unit gives, with its standard (PermenPANRB 15/2014 components)."""

    class SatuanWaktu(models.TextChoices):
        HARI_KERJA = "hari_kerja", "hari kerja"
        HARI = "hari", "hari"
        JAM = "jam", "jam"
        MENIT = "menit", "menit"

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="layanan_set")
    kode = models.CharField(max_length=20)
    nama = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    kelompok = models.CharField(
        max_length=100, blank=True, help_text="mis. Administrasi kependudukan, Perizinan (PATEN)"
    )
    persyaratan = models.TextField(help_text="Satu persyaratan per baris.")
    prosedur = models.TextField(help_text="Satu langkah per baris.")
    jangka_waktu = models.PositiveIntegerField(help_text="Lama penyelesaian menurut standar.")
    satuan_waktu = models.CharField(
        max_length=10, choices=SatuanWaktu.choices, default=SatuanWaktu.HARI_KERJA
    )
    biaya = models.CharField("biaya/tarif", max_length=200, default="Tidak dipungut biaya (gratis)")
    produk = models.CharField("produk layanan", max_length=250)
    penanganan_pengaduan = models.TextField(blank=True)
    dasar_hukum = models.TextField(blank=True)
    # Still given: offered at the counter. A standard with counter or survey records is deactivated
    # instead of deleted, so that its records keep their service.
    aktif = models.BooleanField(default=True)
    # Shown to the public: the catalogue, the portal and the survey's service choices. A hidden
    # standard stays at the counter (e.g. while its new text awaits approval) and in every figure.
    publik = models.BooleanField("tampil publik", default=True)
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "jenis layanan"
        verbose_name_plural = "jenis layanan"
        ordering = ["unit", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "slug"], name="layanan_slug_unik_per_unit"),
            models.UniqueConstraint(fields=["unit", "kode"], name="layanan_kode_unik_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.unit.nama_pendek})"

    @property
    def jangka_teks(self) -> str:
        return f"{self.jangka_waktu} {self.get_satuan_waktu_display()}"

    def daftar(self, kolom: str) -> list[str]:
        return [b.strip(" -•\t") for b in getattr(self, kolom).splitlines() if b.strip(" -•\t")]

    @property
    def tampil_publik(self) -> bool:
        """In the public catalogue, the portal and the survey's choices."""
        return self.aktif and self.publik


class VersiLayanan(models.Model):
    """The content of a standard as saved once: every save adds the next number, so each earlier
    text stays readable and comparable (who, when, why). The standard itself holds the newest."""

    jenis = models.ForeignKey(JenisLayanan, on_delete=models.CASCADE, related_name="versi_set")
    nomor = models.PositiveIntegerField()
    isi = models.JSONField(help_text="Komponen standar pada versi ini (kode, nama, persyaratan, …).")
    # The slug of this version: an address printed or linked before a rename still finds the standard.
    slug = models.SlugField(max_length=80)
    waktu = models.DateTimeField()
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nama_pelaku = models.CharField(max_length=60, blank=True)
    alasan = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "versi standar pelayanan"
        verbose_name_plural = "versi standar pelayanan"
        ordering = ["jenis", "-nomor"]
        constraints = [models.UniqueConstraint(fields=["jenis", "nomor"], name="versi_layanan_unik")]
        indexes = [models.Index(fields=["slug"])]

    def __str__(self) -> str:
        return f"{self.jenis} versi {self.nomor}"


class HariLibur(models.Model):
    """A public holiday or collective leave day: not a working day for service deadlines.

    One table for every pemda of the deployment (national holidays and cuti bersama are set by
    the SKB of three ministers for the whole country)."""

    class Jenis(models.TextChoices):
        LIBUR = "libur", "Libur nasional"
        CUTI = "cuti", "Cuti bersama"

    tanggal = models.DateField(unique=True)
    nama = models.CharField(max_length=150)
    jenis = models.CharField(max_length=5, choices=Jenis.choices, default=Jenis.LIBUR)

    class Meta:
        verbose_name = "hari libur"
        verbose_name_plural = "hari libur"
        ordering = ["tanggal"]

    def __str__(self) -> str:
        return f"{self.tanggal:%d-%m-%Y} {self.nama}"


class Pelayanan(models.Model):
    """One service given at a counter."""

    class Hasil(models.TextChoices):
        PROSES = "proses", "Dalam proses"
        SELESAI = "selesai", "Selesai"
        DITOLAK = "ditolak", "Ditolak (persyaratan tidak terpenuhi)"
        DIALIHKAN = "dialihkan", "Dialihkan ke instansi lain"

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="pelayanan_set")
    jenis = models.ForeignKey(JenisLayanan, on_delete=models.RESTRICT, related_name="pelayanan_set")
    nomor = models.CharField(max_length=30, help_text="Nomor antrean/register.")
    petugas = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nama_pemohon = models.CharField(max_length=150, blank=True)
    diterima = models.DateTimeField()
    selesai = models.DateTimeField(null=True, blank=True)
    syarat_lengkap = models.BooleanField(default=True)
    hasil = models.CharField(max_length=10, choices=Hasil.choices, default=Hasil.PROSES)
    catatan = models.CharField(max_length=300, blank=True)
    # Computed when the service is completed, from the standard's jangka waktu (working days
    # skip weekends and HariLibur): kept on the row so that period statistics are one query.
    tepat_waktu = models.BooleanField(null=True)
    sesuai_standar = models.BooleanField(null=True)
    demo = models.BooleanField(default=False)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "pelayanan"
        verbose_name_plural = "pelayanan"
        ordering = ["-diterima", "-id"]
        indexes = [models.Index(fields=["unit", "diterima"])]
        constraints = [
            models.UniqueConstraint(fields=["unit", "nomor"], name="pelayanan_nomor_unik_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.nomor} {self.jenis.nama}"
