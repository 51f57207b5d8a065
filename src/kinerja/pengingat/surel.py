"""The reminder e-mail: whether e-mail is set up, and the Indonesian text of one user's reminders."""

from __future__ import annotations

from django.conf import global_settings, settings
from django.urls import reverse

from kinerja.pengingat.jenis import JENIS, PER_KODE


def surel_siap() -> bool:
    """E-mail is set up: ``KINERJA_EMAIL_URL``, or Django's own e-mail settings changed from the defaults."""
    return bool(
        getattr(settings, "KINERJA_EMAIL_URL", "")
        or settings.EMAIL_BACKEND != global_settings.EMAIL_BACKEND
        or settings.EMAIL_HOST != global_settings.EMAIL_HOST
    )


def alamat_situs() -> str:
    return (getattr(settings, "KINERJA_ALAMAT_SITUS", "") or "http://127.0.0.1:8000").rstrip("/")


def _demo(butir) -> tuple[bool, bool]:
    """(some items are demonstration data, all of them are)."""
    from kinerja.core.models import PemdaDemo

    ids = {b.pemda_id for b in butir if b.pemda_id}
    demo = (
        set(PemdaDemo.objects.filter(pemda_id__in=ids).values_list("pemda_id", flat=True)) if ids else set()
    )
    return bool(demo), bool(demo) and all(b.pemda_id in demo for b in butir)


def susun(pengguna, butir) -> tuple[str, str]:
    """Subject and body of the e-mail carrying these reminders to the user."""
    situs = alamat_situs()
    demo, semua_demo = _demo(butir)
    awal = "[Demonstrasi] " if demo else ""
    if len(butir) == 1:
        b = butir[0]
        judul = f"{awal}Kinerja: {PER_KODE[b.jenis].nama} — {b.judul_surel or b.judul}"
    else:
        judul = f"{awal}Kinerja: {len(butir)} hal menunggu tindakan Anda"
    baris = [f"Yth. {pengguna.get_full_name() or pengguna.username},", ""]
    baris.append("Berikut yang menunggu tindakan Anda di Kinerja:")
    for j in JENIS:
        milik = [b for b in butir if b.jenis == j.kode]
        if not milik:
            continue
        baris += ["", f"{j.nama} ({len(milik)})"]
        for b in milik:
            baris.append(f"- {b.judul_surel or b.judul}")
            baris.append(f"  {b.rincian}")
            baris.append(f"  {situs}{b.alamat}")
    if demo:
        bagian = "Isi" if semua_demo else "Sebagian isi"
        baris += [
            "",
            f"{bagian} surel ini berasal dari data demonstrasi (data contoh), bukan data sungguhan.",
        ]
    baris += [
        "",
        f"Semua yang menunggu Anda: {situs}{reverse('pengingat:kotak_masuk')}",
        f"Pilih pengingat yang dikirim lewat surel: {situs}{reverse('pengingat:pengaturan')}",
        "",
        "Surel ini dikirim otomatis oleh Kinerja; tidak perlu dibalas.",
    ]
    return judul[:200], "\n".join(baris) + "\n"
