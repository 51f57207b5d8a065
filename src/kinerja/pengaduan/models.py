"""Complaints from the public: channels, categories with deadlines, handling and replies."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models

from kinerja.wilayah.models import PerangkatDaerah, Unit

# No look-alike characters: the code is read aloud and typed on phones.
_HURUF_KODE = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
EKSTENSI_LAMPIRAN = ["pdf", "jpg", "jpeg", "png"]
BATAS_LAMPIRAN = 5 * 1024 * 1024  # per file
JUMLAH_LAMPIRAN = 3


PANJANG_KODE = 16  # 16 letters of 32 = 80 bits: not guessable even at many lookups a second


def kode_lacak() -> str:
    return "ADU-" + "".join(secrets.choice(_HURUF_KODE) for _ in range(PANJANG_KODE))


def normal_kode(teks: str) -> str:
    """A typed tracking code as stored: case, spaces and dashes ignored ("adu-ab12 cd34…" → "ADU-AB12CD34…").

    Codes of 8 letters from before stay valid."""
    inti = "".join(c for c in str(teks or "").upper() if c.isalnum())
    if inti.startswith("ADU"):
        inti = inti[3:]
    return f"ADU-{inti}" if inti else ""


def tampil_kode(kode: str) -> str:
    """The code in groups of four for reading aloud: "ADU-AB12-CD34-EF56-GH78"."""
    inti = kode[4:] if kode.startswith("ADU-") else kode
    return "ADU-" + "-".join(inti[i : i + 4] for i in range(0, len(inti), 4))


class Kategori(models.Model):
    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="kategori_pengaduan_set")
    nama = models.CharField(max_length=100)
    batas_hari = models.PositiveSmallIntegerField(
        help_text="Hari kerja untuk menyelesaikan pengaduan kategori ini."
    )
    urutan = models.PositiveSmallIntegerField(default=0)
    # An inactive category leaves the public form; the complaints filed under it keep it.
    aktif = models.BooleanField(default=True)

    class Meta:
        verbose_name = "kategori pengaduan"
        verbose_name_plural = "kategori pengaduan"
        ordering = ["pd", "urutan", "nama"]
        constraints = [models.UniqueConstraint(fields=["pd", "nama"], name="kategori_pengaduan_unik")]

    def __str__(self) -> str:
        return self.nama


class Pengaduan(models.Model):
    class Kanal(models.TextChoices):
        KOTAK_SARAN = "kotak_saran", "Kotak saran"
        WEB = "web", "Formulir web"
        WHATSAPP = "whatsapp", "WhatsApp"
        INSTAGRAM = "instagram", "Instagram"
        LANGSUNG = "langsung", "Datang langsung"
        LAPOR = "lapor", "SP4N-LAPOR!"

    class Status(models.TextChoices):
        DITERIMA = "diterima", "Diterima"
        DIVERIFIKASI = "diverifikasi", "Diverifikasi"
        DITINDAKLANJUTI = "ditindaklanjuti", "Ditindaklanjuti"
        SELESAI = "selesai", "Selesai"
        DITOLAK = "ditolak", "Ditolak"

    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="pengaduan_set")
    unit = models.ForeignKey(
        Unit, on_delete=models.RESTRICT, related_name="pengaduan_set", help_text="Unit yang menangani."
    )
    kategori = models.ForeignKey(Kategori, on_delete=models.RESTRICT, related_name="pengaduan_set")
    kode = models.CharField("kode lacak", max_length=24, unique=True, default=kode_lacak)
    kanal = models.CharField(max_length=12, choices=Kanal.choices)
    nomor_lapor = models.CharField("nomor tiket SP4N-LAPOR!", max_length=40, blank=True)
    judul = models.CharField(max_length=200)
    isi = models.TextField()
    # Personal data: shown to handlers only, never on public pages or in exports.
    anonim = models.BooleanField(default=False)
    nama_pelapor = models.CharField(max_length=150, blank=True)
    kontak_pelapor = models.CharField(
        max_length=150, blank=True, help_text="Nomor telepon/WhatsApp atau surel."
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DITERIMA)
    alasan_tolak = models.TextField(blank=True)
    diterima_pada = models.DateTimeField()
    batas = models.DateField(help_text="Tenggat penyelesaian menurut kategori (hari kerja).")
    ditindaklanjuti_pada = models.DateTimeField(null=True, blank=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)
    id_klien = models.UUIDField(
        null=True, blank=True, unique=True, help_text="Kiriman formulir yang sama disimpan sekali."
    )
    demo = models.BooleanField(default=False)
    revisi = models.PositiveIntegerField(default=1)
    # Public submissions: the client's address only as a salted hash (never the address itself).
    alamat_hash = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = "pengaduan"
        verbose_name_plural = "pengaduan"
        ordering = ["-diterima_pada", "-id"]
        indexes = [models.Index(fields=["pd", "diterima_pada"])]

    def __str__(self) -> str:
        return f"{self.kode} {self.judul}"

    @property
    def kode_tampil(self) -> str:
        return tampil_kode(self.kode)

    @property
    def terbuka(self) -> bool:
        return self.status not in (self.Status.SELESAI, self.Status.DITOLAK)


class Tanggapan(models.Model):
    pengaduan = models.ForeignKey(Pengaduan, on_delete=models.CASCADE, related_name="tanggapan_set")
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    waktu = models.DateTimeField()
    isi = models.TextField()
    untuk_pelapor = models.BooleanField(default=True, help_text="Tampil di halaman lacak untuk pelapor.")
    status = models.CharField(max_length=16, choices=Pengaduan.Status.choices, blank=True)

    class Meta:
        verbose_name = "tanggapan"
        verbose_name_plural = "tanggapan"
        ordering = ["pengaduan", "waktu", "id"]


class Lampiran(models.Model):
    pengaduan = models.ForeignKey(Pengaduan, on_delete=models.CASCADE, related_name="lampiran_set")
    berkas = models.FileField(
        upload_to="pengaduan/%Y/%m/", validators=[FileExtensionValidator(EKSTENSI_LAMPIRAN)]
    )
    nama = models.CharField(max_length=150)

    class Meta:
        verbose_name = "lampiran"
        verbose_name_plural = "lampiran"
