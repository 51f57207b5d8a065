"""Survei Kepuasan Masyarakat: kiosks and the individual questionnaires."""

from __future__ import annotations

import secrets

from django.db import models

from kinerja.layanan.models import JenisLayanan, Pelayanan
from kinerja.wilayah.models import Unit


def _token() -> str:
    return secrets.token_urlsafe(18)


class Kios(models.Model):
    """A tablet in a unit's service room, and the phone link printed beside it as a QR code.

    Each has its own secret: ``token`` opens the kiosk page and its JSON API (which may send a
    queue of answers made offline), ``token_ponsel`` opens only the phone form (answers dated by
    the server). One cannot be used for the other.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="kios_set")
    nama = models.CharField(max_length=100)
    token = models.CharField(
        max_length=40, unique=True, default=_token, help_text="Bagian rahasia alamat kios (tablet)."
    )
    token_ponsel = models.CharField(
        max_length=40,
        unique=True,
        default=_token,
        help_text="Bagian rahasia alamat formulir ponsel (tautan dan kode QR); tidak membuka kios.",
    )
    aktif = models.BooleanField(default=True)
    batas_per_menit = models.PositiveSmallIntegerField(
        default=240,
        help_text="Kiriman terbanyak per menit dari kios ini; antrean luring yang terkirim sekaligus dapat "
        "mencapai 200 jawaban dalam semenit.",
    )

    class Meta:
        verbose_name = "kios survei"
        verbose_name_plural = "kios survei"
        ordering = ["unit", "nama"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.unit.nama_pendek})"


class Respons(models.Model):
    """One completed questionnaire: U1–U9 answered 1–4 (empty = not answered)."""

    class Sumber(models.TextChoices):
        KIOS = "kios", "Kios"
        PONSEL = "ponsel", "Formulir ponsel"
        KERTAS = "kertas", "Kuesioner kertas"
        DEMO = "demo", "Data demonstrasi"

    class JenisKelamin(models.TextChoices):
        L = "L", "Laki-laki"
        P = "P", "Perempuan"

    class Pendidikan(models.TextChoices):
        SD = "sd", "SD ke bawah"
        SMP = "smp", "SMP"
        SMA = "sma", "SMA/SMK"
        D3 = "d3", "Diploma (D1–D3)"
        S1 = "s1", "S1/D4"
        S2 = "s2", "S2 ke atas"

    class Pekerjaan(models.TextChoices):
        PNS = "pns", "PNS/TNI/Polri"
        SWASTA = "swasta", "Pegawai swasta"
        WIRAUSAHA = "wirausaha", "Wirausaha"
        PELAJAR = "pelajar", "Pelajar/mahasiswa"
        RUMAH_TANGGA = "rumah_tangga", "Mengurus rumah tangga"
        LAINNYA = "lainnya", "Lainnya"

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="respons_set")
    jenis_layanan = models.ForeignKey(
        JenisLayanan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pelayanan = models.ForeignKey(
        Pelayanan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kios = models.ForeignKey(
        Kios, null=True, blank=True, on_delete=models.SET_NULL, related_name="respons_set"
    )
    id_klien = models.UUIDField(
        unique=True, help_text="Dibuat oleh perangkat penjawab: kiriman yang sama disimpan sekali saja."
    )
    waktu = models.DateTimeField(help_text="Saat kuesioner diisi (di perangkat).")
    diterima = models.DateTimeField(auto_now_add=True)
    sumber = models.CharField(max_length=8, choices=Sumber.choices)
    umur = models.PositiveSmallIntegerField(null=True, blank=True)
    jenis_kelamin = models.CharField(max_length=1, choices=JenisKelamin.choices, blank=True)
    pendidikan = models.CharField(max_length=4, choices=Pendidikan.choices, blank=True)
    pekerjaan = models.CharField(max_length=12, choices=Pekerjaan.choices, blank=True)
    u1 = models.PositiveSmallIntegerField(null=True, blank=True)
    u2 = models.PositiveSmallIntegerField(null=True, blank=True)
    u3 = models.PositiveSmallIntegerField(null=True, blank=True)
    u4 = models.PositiveSmallIntegerField(null=True, blank=True)
    u5 = models.PositiveSmallIntegerField(null=True, blank=True)
    u6 = models.PositiveSmallIntegerField(null=True, blank=True)
    u7 = models.PositiveSmallIntegerField(null=True, blank=True)
    u8 = models.PositiveSmallIntegerField(null=True, blank=True)
    u9 = models.PositiveSmallIntegerField(null=True, blank=True)
    saran = models.TextField(blank=True)
    # Traceability of public submissions: the server's time is ``diterima``, the channel is
    # ``sumber`` with ``kios`` (kiosk or its phone link); the address only as a salted hash.
    alamat_hash = models.CharField(max_length=64, blank=True, db_index=True)
    karantina = models.DateTimeField(
        null=True, blank=True, help_text="Dikarantina sejak: tidak dihitung dalam IKM sampai dipulihkan."
    )

    class Meta:
        verbose_name = "respons survei"
        verbose_name_plural = "respons survei"
        ordering = ["-waktu", "-id"]
        indexes = [models.Index(fields=["unit", "waktu"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"u{i}__isnull": True})
                | models.Q(**{f"u{i}__gte": 1, f"u{i}__lte": 4}),
                name=f"respons_u{i}_1_sampai_4",
            )
            for i in range(1, 10)
        ]

    def __str__(self) -> str:
        return f"Respons {self.unit.nama_pendek} {self.waktu:%d-%m-%Y %H:%M}"


class Hitungan(models.Model):
    """A rate-limit counter of the public survey on PostgreSQL (see ``kinerja.skm.hitungan``): one
    row per rule, its current window and the count in it. The table is UNLOGGED there: a count
    costs no disk flush, and a crash only restarts the limits (no answer is touched)."""

    kunci = models.CharField(max_length=120, primary_key=True)
    jendela = models.BigIntegerField(help_text="Nomor jendela waktu (detik sejak epoch ÷ panjang jendela).")
    jumlah = models.PositiveIntegerField()
    sampai = models.FloatField(help_text="Akhir jendela (detik sejak epoch); baris lewat disapu.")

    class Meta:
        verbose_name = "hitungan batas survei"
        verbose_name_plural = "hitungan batas survei"
