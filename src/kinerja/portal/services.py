"""Writes of the portal app: what a PD publishes (its admin only, audited)."""

from __future__ import annotations

from django.db import transaction

from kinerja.core.audit import catat
from kinerja.portal.models import BAGIAN, Publikasi
from kinerja.wilayah.izin import cakupan, wajib
from kinerja.wilayah.models import PerangkatDaerah

TOLAK_ATUR = "Hanya administrator perangkat daerah ini yang menentukan apa yang terbit di portal publik."


def atur_publikasi(*, pengguna, pd: PerangkatDaerah, terbuka: dict[str, bool]) -> Publikasi:
    """Set which sections of ``pd`` are public; sections not named keep their state."""
    wajib(cakupan(pengguna).kelola_pd(pd.pk), TOLAK_ATUR)
    with transaction.atomic():
        obj, _ = Publikasi.objects.select_for_update().get_or_create(pd=pd)
        perubahan = {}
        for k, _label in BAGIAN:
            if k in terbuka and bool(terbuka[k]) != getattr(obj, k):
                perubahan[k] = (getattr(obj, k), bool(terbuka[k]))
                setattr(obj, k, bool(terbuka[k]))
        if perubahan:
            obj.save()
            catat(aksi="ubah", objek=obj, pengguna=pengguna, perubahan=perubahan, pd=pd)
    return obj
