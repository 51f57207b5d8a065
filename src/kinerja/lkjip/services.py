"""Saving the LKjIP's narrative sections of a PD and year: its perencana or pimpinan only, audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.core.audit import catat
from kinerja.lkjip.models import BAGIAN_NARASI, BATAS_TEKS, NarasiLkjip
from kinerja.renstra.models import RenstraVersi
from kinerja.wilayah.izin import Cakupan, pelaku_wajib

PESAN_DITOLAK = "Narasi LKjIP hanya diubah oleh perencana atau pimpinan perangkat daerahnya."


def _boleh_ubah(c: Cakupan, pd_id: int) -> bool:
    return c.ubah_rencana(pd_id) or c.tandatangan_pk(pd_id)


def _rapikan(teks: str) -> str:
    """Line endings made one kind and the trailing spaces of the whole text dropped; paragraphs kept."""
    return teks.replace("\r\n", "\n").replace("\r", "\n").strip()


@transaction.atomic
def simpan_narasi(
    *, pengguna, versi: RenstraVersi, tahun: int, isian: dict[str, str], draf: dict[str, str] | None = None
) -> list[str]:
    """Save the narrative sections given (key → text) for the version's PD and year.

    A section left unchanged writes nothing — nor does one never saved that still reads as the
    draft built from the data (``draf``), so an untouched form saves nothing; each changed one is written and audited with its old
    and new text. Returns the keys changed. Errors are per field (the section's key).
    """
    pd = versi.pd
    if not _boleh_ubah(pelaku_wajib(pengguna), pd.pk):
        raise PermissionDenied(PESAN_DITOLAK)
    galat: dict[str, list[str]] = {}
    if tahun not in versi.tahun_rencana:
        galat["__all__"] = [
            f"Tahun {tahun} di luar tahun rencana {versi.tahun_rencana[0]}–{versi.tahun_rencana[-1]}."
        ]
    bersih = {}
    for kunci, teks in isian.items():
        if kunci not in BAGIAN_NARASI:
            galat.setdefault("__all__", []).append(f"Bagian narasi tidak dikenal: {kunci}.")
            continue
        teks = _rapikan(teks or "")
        if len(teks) > BATAS_TEKS:
            galat[kunci] = [
                f"{BAGIAN_NARASI[kunci]} terlalu panjang: {len(teks):,} karakter; paling banyak {BATAS_TEKS:,}.".replace(
                    ",", "."
                )
            ]
        bersih[kunci] = teks
    if galat:
        raise ValidationError(galat)
    ada = {n.kunci: n for n in NarasiLkjip.objects.select_for_update().filter(pd=pd, tahun=tahun)}
    diubah = []
    for kunci, teks in bersih.items():
        lama = ada.get(kunci)
        if (lama.teks if lama is not None else _rapikan((draf or {}).get(kunci, "") or "")) == teks:
            continue
        obj = lama or NarasiLkjip(pd=pd, tahun=tahun, kunci=kunci)
        sebelum = lama.teks if lama is not None else None
        obj.teks = teks
        obj.diubah_oleh = pengguna if getattr(pengguna, "pk", None) else None
        obj.save()
        catat(
            aksi="lkjip.narasi",
            objek=obj,
            pengguna=pengguna,
            perubahan={"teks": (sebelum, teks)},
            pd=pd,
        )
        diubah.append(kunci)
    return diubah
