"""Append-only audit trail shared by every app."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q


class CatatanAudit(models.Model):
    """One change: who, when, what, from → to, why.  Never updated or deleted."""

    waktu = models.DateTimeField(auto_now_add=True, db_index=True)
    # PROTECT: a user or PD with audit entries is deactivated, never deleted (the trail stays whole).
    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    # The system actor's name (a command, sample loading) when no user acted; empty otherwise.
    nama_pelaku = models.CharField("pelaku sistem", max_length=60, blank=True, default="", db_default="")
    aksi = models.CharField(max_length=30)
    objek_tipe = models.CharField(max_length=80)
    objek_id = models.CharField(max_length=40, blank=True)
    objek_repr = models.CharField(max_length=300, blank=True)
    perubahan = models.JSONField(default=dict, blank=True)
    alasan = models.TextField(blank=True)
    pd = models.ForeignKey(
        "wilayah.PerangkatDaerah", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
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


class Peran(models.Model):
    """A role a user holds over a scope: a unit, a PD or a whole pemda.

    pimpinan — Camat/Lurah: reads its unit and what is below, signs the PK;
    perencana — Subbag Program: edits the PD's plan, verifies the PD's realisations;
    operator — enters the realisations of one unit;
    verifikator — Bappeda: reads every PD of the pemda, verifies, returns, reopens;
    inspektorat — the pemda's internal auditor: reads every PD, scores their SAKIP evaluation;
    admin — everything within its scope (everything when no scope is set).
    """

    class Jenis(models.TextChoices):
        PIMPINAN = "pimpinan", "Pimpinan"
        PERENCANA = "perencana", "Perencana"
        OPERATOR = "operator", "Operator"
        VERIFIKATOR = "verifikator", "Verifikator"
        INSPEKTORAT = "inspektorat", "Inspektorat (evaluator SAKIP)"
        ADMIN = "admin", "Administrator"

    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peran_set")
    jenis = models.CharField(max_length=12, choices=Jenis.choices)
    pemda = models.ForeignKey(
        "wilayah.Pemda", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    pd = models.ForeignKey(
        "wilayah.PerangkatDaerah", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        "wilayah.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = "peran"
        verbose_name_plural = "peran"
        ordering = ["pengguna", "jenis"]
        # One scope per role (a unit, a PD, a pemda, or none = everywhere).  A unique constraint
        # over nullable columns never fires (NULL differs from NULL in SQL), so each kind of scope
        # has its own partial unique index.
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(unit__isnull=True, pd__isnull=True)
                    | Q(unit__isnull=True, pemda__isnull=True)
                    | Q(pd__isnull=True, pemda__isnull=True)
                ),
                name="peran_satu_cakupan",
            ),
            models.UniqueConstraint(
                fields=["pengguna", "jenis", "unit"], condition=Q(unit__isnull=False), name="peran_unik_unit"
            ),
            models.UniqueConstraint(
                fields=["pengguna", "jenis", "pd"], condition=Q(pd__isnull=False), name="peran_unik_pd"
            ),
            models.UniqueConstraint(
                fields=["pengguna", "jenis", "pemda"],
                condition=Q(pemda__isnull=False),
                name="peran_unik_pemda",
            ),
            models.UniqueConstraint(
                fields=["pengguna", "jenis"],
                condition=Q(unit__isnull=True, pd__isnull=True, pemda__isnull=True),
                name="peran_unik_semua",
            ),
        ]

    def __str__(self) -> str:
        cakupan = self.unit or self.pd or self.pemda or "semua"
        return f"{self.get_jenis_display()} · {cakupan}"


class SandiDemo(models.Model):
    """A demonstration account and the password hash it was created with.

    While ``pengguna.password`` still equals ``sandi_hash`` the account has its published demo
    password; once the user changes it, the login page stops showing it (no hashing needed).
    """

    pengguna = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sandi_hash = models.CharField(max_length=256)

    class Meta:
        verbose_name = "akun demonstrasi"
        verbose_name_plural = "akun demonstrasi"


class PemdaDemo(models.Model):
    """Marks a pemda as demonstration data (the Sananwetan sample), apart from real data."""

    pemda = models.OneToOneField("wilayah.Pemda", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "pemda demonstrasi"
        verbose_name_plural = "pemda demonstrasi"


class DuaLangkah(models.Model):
    """A user's TOTP second factor (RFC 6238): the shared secret and the last step accepted."""

    pengguna = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dua_langkah"
    )
    rahasia = models.CharField(max_length=64)
    aktif = models.BooleanField(default=False)
    # A code is accepted only for a step after this one: the same code cannot be used twice.
    langkah_terakhir = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "verifikasi dua langkah"
        verbose_name_plural = "verifikasi dua langkah"


class Undangan(models.Model):
    """A one-time link that lets a user set a password: an invitation for a new account, or a reset.

    Only the SHA-256 of the link's random token is kept (the link is shown once, to the
    administrator who sends it); it expires, and is dead once used or replaced by a newer link.
    """

    class Jenis(models.TextChoices):
        UNDANGAN = "undangan", "Undangan akun baru"
        ATUR_ULANG = "atur_ulang", "Atur ulang kata sandi"

    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="undangan_set"
    )
    jenis = models.CharField(max_length=12, choices=Jenis.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    berlaku_sampai = models.DateTimeField()
    dipakai = models.DateTimeField(null=True, blank=True)
    # Replaced by a newer link for the same user, or the account was deactivated.
    dicabut = models.DateTimeField(null=True, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "tautan sekali pakai"
        verbose_name_plural = "tautan sekali pakai"
        ordering = ["-dibuat", "-id"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} untuk {self.pengguna}"


class AsalPengguna(models.Model):
    """The pemda (and PD) an account was created for in the app.

    Whoever administers a user is decided by the user's roles; while an account holds no role
    (just created without one, or every role removed) this says whose administrator keeps it."""

    pengguna = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="asal")
    pemda = models.ForeignKey("wilayah.Pemda", on_delete=models.CASCADE, related_name="+")
    pd = models.ForeignKey(
        "wilayah.PerangkatDaerah", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "asal pengguna"
        verbose_name_plural = "asal pengguna"
