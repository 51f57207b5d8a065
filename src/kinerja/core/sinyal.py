"""Role grants and account privileges are audited wherever they change (admin, commands, code).

The acting user comes from ``audit.pelaku`` (set by the admin around its saves); from a command
or code it is the system actor (``core.pelaku.SISTEM``), named "sistem" in the trail.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from kinerja.core.audit import catat, pelaku
from kinerja.core.models import Peran
from kinerja.core.pelaku import SISTEM

HAK = ("is_superuser", "is_staff", "is_active")


def _pd(peran: Peran):
    if peran.pd_id:
        return peran.pd
    if peran.unit_id:
        return peran.unit.pd
    return None


@receiver(post_save, sender=Peran)
def peran_disimpan(sender, instance: Peran, created: bool, raw: bool = False, **kw):
    if raw:
        return
    catat(
        aksi="peran.beri" if created else "peran.ubah",
        objek=instance,
        pengguna=pelaku.get() or SISTEM,
        perubahan={"pengguna": (None, instance.pengguna.username), "jenis": (None, instance.jenis)},
        pd=_pd(instance),
    )


@receiver(post_delete, sender=Peran)
def peran_dicabut(sender, instance: Peran, **kw):
    from django.contrib.auth import get_user_model

    # The user itself may be going (a cascade): name it only while it still exists.
    nama = get_user_model().objects.filter(pk=instance.pengguna_id).values_list("username", flat=True).first()
    catat(
        aksi="peran.cabut",
        objek=instance,
        pengguna=pelaku.get() or SISTEM,
        perubahan={"pengguna": (nama or f"#{instance.pengguna_id}", None), "jenis": (instance.jenis, None)},
    )


def _hak_lama(sender, instance, raw: bool = False, update_fields=None, **kw):
    if raw or (update_fields is not None and not set(update_fields) & set(HAK)):
        return  # e.g. a login saving last_login: nothing to compare
    if instance.pk is None:
        instance._hak_lama = {k: False for k in HAK[:2]} | {"is_active": True}
        return
    lama = sender.objects.filter(pk=instance.pk).values(*HAK).first()
    instance._hak_lama = lama or {k: False for k in HAK[:2]} | {"is_active": True}


def _hak_baru(sender, instance, created: bool, raw: bool = False, **kw):
    lama = getattr(instance, "_hak_lama", None)
    if raw or lama is None:
        return
    del instance._hak_lama
    perubahan = {k: (lama[k], getattr(instance, k)) for k in HAK if lama[k] != getattr(instance, k)}
    if perubahan:
        catat(aksi="pengguna.hak", objek=instance, pengguna=pelaku.get() or SISTEM, perubahan=perubahan)


def _sambung_pengguna():
    from django.apps import apps

    model = apps.get_model(settings.AUTH_USER_MODEL)
    pre_save.connect(_hak_lama, sender=model, dispatch_uid="kinerja.hak_lama")
    post_save.connect(_hak_baru, sender=model, dispatch_uid="kinerja.hak_baru")


_sambung_pengguna()
