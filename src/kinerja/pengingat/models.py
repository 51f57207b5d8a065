"""A user's choice of e-mail reminders, and the record of every reminder sent.

The inbox itself is not stored: it is computed from the data each time (``kotak``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kinerja.pengingat.jenis import PILIHAN_JENIS


class Preferensi(models.Model):
    """Whether a user gets one kind of reminder by e-mail. Without a row the default holds: on for
    the kinds the user's roles give them, off for the others (``jenis.bawaan``)."""

    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferensi_pengingat"
    )
    jenis = models.CharField(max_length=20, choices=PILIHAN_JENIS)
    surel = models.BooleanField("kirim lewat surel")
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "preferensi pengingat"
        verbose_name_plural = "preferensi pengingat"
        ordering = ["pengguna", "jenis"]
        constraints = [
            models.UniqueConstraint(fields=["pengguna", "jenis"], name="preferensi_pengingat_unik")
        ]

    def __str__(self) -> str:
        return f"{self.pengguna} · {self.get_jenis_display()}: {'surel' if self.surel else 'tidak'}"


class Kiriman(models.Model):
    """One reminder (a user, a kind, an event) recorded for sending by ``kinerja pengingat``.

    The row is written (``dicatat``) before the e-mail is handed to the mail server and marked
    ``terkirim`` once the server accepted it. A marked row is never sent again; a row still unmarked
    (the server refused, or the run stopped between the two steps) is sent again by the next run
    while its event still stands. See ``services.kirim_pengingat``.
    """

    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(max_length=20, choices=PILIHAN_JENIS)
    kunci = models.CharField("kunci peristiwa", max_length=150)
    dicatat = models.DateTimeField()
    terkirim = models.DateTimeField(null=True, blank=True)
    percobaan = models.PositiveSmallIntegerField(default=0)
    galat = models.CharField("galat pengiriman terakhir", max_length=300, blank=True)

    class Meta:
        verbose_name = "kiriman pengingat"
        verbose_name_plural = "kiriman pengingat"
        ordering = ["-dicatat", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pengguna", "jenis", "kunci"], name="kiriman_pengingat_unik")
        ]

    def __str__(self) -> str:
        keadaan = f"terkirim {self.terkirim:%d-%m-%Y %H:%M}" if self.terkirim else "belum terkirim"
        return f"{self.get_jenis_display()} {self.kunci} · {keadaan}"
