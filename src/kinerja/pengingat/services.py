"""Reading an inbox, choosing reminders, and sending them by e-mail.

Sending (``kirim_pengingat``) records each reminder before it is handed to the mail server and marks
it sent afterwards, one e-mail per user and run:

1. the user's due reminders are written (``Kiriman``, unmarked) and committed;
2. the e-mail is handed to the mail server;
3. once the server accepted it, the rows are marked ``terkirim`` and committed.

A marked reminder is never sent again. If the server refuses, or the run stops between 1 and 3,
the rows stay unmarked and the next run sends them again while their event still stands: a reminder
is never lost, and the only repetition possible is one e-mail when the run stops after the server
accepted it and before step 3 committed. Two runs never send side by side (a lock in the shared cache).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from kinerja.core.audit import catat
from kinerja.pengingat import surel
from kinerja.pengingat.jenis import JENIS, PER_KODE, Jenis, bawaan
from kinerja.pengingat.kotak import Butir, KotakMasuk, hitung_kotak
from kinerja.pengingat.models import Kiriman, Preferensi
from kinerja.wilayah.izin import cakupan, pelaku_wajib

KUNCI_JALAN = "pengingat:kirim:berjalan"
LAMA_KUNCI = 55 * 60  # a run that stopped without releasing the lock holds it at most this long


def _pemilik(pengguna, untuk, pesan: str):
    """The user whose inbox or choices are read or written: oneself; any user for the system or a
    superuser."""
    c = pelaku_wajib(pengguna)
    untuk = pengguna if untuk is None else untuk
    if not getattr(untuk, "pk", None):
        raise ValueError("Sebutkan pengguna pemilik kotak masuk (untuk=…).")
    if not c.semua and untuk.pk != getattr(pengguna, "pk", None):
        raise PermissionDenied(pesan)
    return untuk


def kotak_masuk(*, pengguna, untuk=None, sekarang: dt.datetime | None = None) -> KotakMasuk:
    """What needs ``untuk``'s action now (``untuk`` = the actor by default): read by its owner only."""
    untuk = _pemilik(pengguna, untuk, "Kotak masuk hanya dapat dibuka pemiliknya.")
    return hitung_kotak(untuk, sekarang=sekarang)


@dataclass(frozen=True)
class Pilihan:
    jenis: Jenis
    surel: bool  # gets this kind by e-mail
    berperan: bool  # the user's roles lead to this kind of work


def _pilihan_surel(untuk, preferensi: dict[str, bool] | None = None) -> dict[str, bool]:
    awal = bawaan(cakupan(untuk))
    if preferensi is None:
        preferensi = dict(Preferensi.objects.filter(pengguna=untuk).values_list("jenis", "surel"))
    return {kode: preferensi.get(kode, awal[kode]) for kode in awal}


def preferensi(*, pengguna, untuk=None) -> list[Pilihan]:
    """A user's e-mail choice for every kind (the default where they made none)."""
    untuk = _pemilik(pengguna, untuk, "Pengaturan pengingat hanya dapat dibuka pemiliknya.")
    pilih = _pilihan_surel(untuk)
    awal = bawaan(cakupan(untuk))
    return [Pilihan(j, pilih[j.kode], awal[j.kode]) for j in JENIS]


@transaction.atomic
def simpan_preferensi(*, pengguna, untuk=None, surel: Iterable[str]) -> list[Pilihan]:
    """Set which kinds ``untuk`` gets by e-mail: those named in ``surel``, none of the others."""
    untuk = _pemilik(pengguna, untuk, "Pengaturan pengingat hanya dapat diubah pemiliknya.")
    pilih = {str(x) for x in surel}
    if pilih - set(PER_KODE):
        raise ValidationError(
            {"surel": "Ada jenis pengingat yang tidak dikenal; pilih hanya dari daftar di bawah ini."}
        )
    lama = _pilihan_surel(untuk)
    ada = {p.jenis: p for p in Preferensi.objects.select_for_update().filter(pengguna=untuk)}
    perubahan = {}
    for j in JENIS:
        baru = j.kode in pilih
        p = ada.get(j.kode)
        if p is None:
            Preferensi.objects.create(pengguna=untuk, jenis=j.kode, surel=baru)
        elif p.surel != baru:
            p.surel = baru
            p.save(update_fields=["surel", "diubah"])
        if lama[j.kode] != baru:
            perubahan[j.kode] = (lama[j.kode], baru)
    if perubahan:
        catat(aksi="pengingat.preferensi", objek=untuk, pengguna=pengguna, perubahan=perubahan)
    return preferensi(pengguna=pengguna, untuk=untuk)


# --- sending -------------------------------------------------------------------------------------


@dataclass
class Rencana:
    """The reminders due to one user in this run, and what became of them."""

    pengguna: object
    butir: list[Butir]
    hasil: str = "kering"  # kering (dry run) | terkirim | gagal
    galat: str = ""


@dataclass
class HasilKirim:
    sekarang: dt.datetime
    rencana: list[Rencana] = field(default_factory=list)
    kering: bool = True
    berjalan: bool = False  # another run held the lock: nothing was done

    @property
    def terkirim(self) -> int:
        return sum(r.hasil == "terkirim" for r in self.rencana)

    @property
    def gagal(self) -> int:
        return sum(r.hasil == "gagal" for r in self.rencana)


def _rencana(sekarang: dt.datetime) -> list[Rencana]:
    """Every active user with an address, and the reminders due to them that were not sent yet."""
    User = get_user_model()
    pengguna = list(User.objects.filter(is_active=True).exclude(email="").order_by("username"))
    pref: dict[int, dict[str, bool]] = {}
    for uid, kode, kirim in Preferensi.objects.filter(pengguna__in=pengguna).values_list(
        "pengguna_id", "jenis", "surel"
    ):
        pref.setdefault(uid, {})[kode] = kirim
    hasil = []
    for u in pengguna:
        mau = {kode for kode, ya in _pilihan_surel(u, pref.get(u.pk, {})).items() if ya}
        if not mau:
            continue
        due = [b for b in hitung_kotak(u, sekarang=sekarang, jenis=mau).butir if b.tahap]
        if not due:
            continue
        sudah = set(
            Kiriman.objects.filter(
                pengguna=u, kunci__in=[b.kunci_kiriman for b in due], terkirim__isnull=False
            ).values_list("jenis", "kunci")
        )
        due = [b for b in due if (b.jenis, b.kunci_kiriman) not in sudah]
        if due:
            hasil.append(Rencana(u, due))
    return hasil


def _catat_kiriman(r: Rencana, sekarang: dt.datetime) -> list[int]:
    with transaction.atomic():
        ids = []
        for b in r.butir:
            k, _ = Kiriman.objects.get_or_create(
                pengguna=r.pengguna, jenis=b.jenis, kunci=b.kunci_kiriman, defaults={"dicatat": sekarang}
            )
            ids.append(k.pk)
        return ids


def _kirim_satu(r: Rencana, sekarang: dt.datetime, sambungan, pengguna) -> None:
    ids = _catat_kiriman(r, sekarang)
    judul, isi = surel.susun(r.pengguna, r.butir)
    try:
        EmailMessage(judul, isi, settings.DEFAULT_FROM_EMAIL, [r.pengguna.email], connection=sambungan).send()
    except Exception as e:  # the mail server refused or could not be reached: kept for the next run
        r.hasil, r.galat = "gagal", type(e).__name__
        Kiriman.objects.filter(pk__in=ids).update(
            galat=f"{type(e).__name__}: {e}"[:300], percobaan=F("percobaan") + 1
        )
        return
    with transaction.atomic():
        Kiriman.objects.filter(pk__in=ids).update(
            terkirim=timezone.now(), galat="", percobaan=F("percobaan") + 1
        )
        catat(
            aksi="pengingat.kirim",
            objek=r.pengguna,
            pengguna=pengguna,
            perubahan={"pengingat": (None, len(r.butir))},
            alasan="; ".join(b.kunci_kiriman for b in r.butir)[:1000],
        )
    r.hasil = "terkirim"


def kirim_pengingat(*, pengguna, sekarang: dt.datetime | None = None, kering: bool = False) -> HasilKirim:
    """Send every due reminder not sent yet (``kering``: only list them, record nothing).

    For the system (the ``kinerja pengingat`` command) or a superuser. See the module's docstring for
    the order of recording and sending."""
    if not pelaku_wajib(pengguna).semua:
        raise PermissionDenied("Hanya sistem (perintah kinerja pengingat) yang mengirim pengingat.")
    sekarang = sekarang or timezone.now()
    hasil = HasilKirim(sekarang, kering=kering)
    token = secrets.token_hex(8)
    if not kering and not cache.add(KUNCI_JALAN, token, LAMA_KUNCI):
        hasil.berjalan = True
        return hasil
    try:
        hasil.rencana = _rencana(sekarang)
        if kering or not hasil.rencana:
            return hasil
        sambungan = get_connection(fail_silently=False)
        try:
            sambungan.open()  # one connection for the run
        except Exception:  # noqa: S110 — each e-mail tries again and records its own failure
            pass
        try:
            for r in hasil.rencana:
                _kirim_satu(r, sekarang, sambungan, pengguna)
        finally:
            sambungan.close()
    finally:
        if not kering and cache.get(KUNCI_JALAN) == token:
            cache.delete(KUNCI_JALAN)
    return hasil
