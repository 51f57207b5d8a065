"""The Django admin, for superusers only: every save and delete made there is written to the audit trail.

Administrators of a pemda or a PD work in the app's own administration pages (``kelola``); a staff
account that is not a superuser cannot open this site."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.shortcuts import redirect

from kinerja.core.audit import catat, pelaku
from kinerja.core.label import label_aksi, label_objek
from kinerja.core.models import CatatanAudit, Peran
from kinerja.core.parameter import id_atau_none


def _pd(obj):
    """The PD a record belongs to, when it can be told."""
    for jalan in ("pd", "versi.pd", "node.versi.pd", "indikator.node.versi.pd", "unit.pd"):
        x = obj
        for bagian in jalan.split("."):
            x = getattr(x, bagian, None)
            if x is None:
                break
        if x is not None and x.__class__.__name__ == "PerangkatDaerah":
            return x
    return None


def hanya_superuser(request) -> bool:
    """Who may open Django's admin site: an active superuser (staff status alone is not enough)."""
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = hanya_superuser


class AdminTercatat(admin.ModelAdmin):
    """A ModelAdmin whose changes land in the audit trail with their before and after values."""

    def save_model(self, request, obj, form, change):
        perubahan = {}
        if change:
            for kolom in form.changed_data:
                if kolom.endswith("_nip") or kolom == "nip":
                    # A staff identifier is personal data: the trail says it changed, not what to.
                    perubahan[kolom] = ("(disembunyikan)", "(disembunyikan)")
                    continue
                perubahan[kolom] = (form.initial.get(kolom), form.cleaned_data.get(kolom))
        token = pelaku.set(request.user)
        try:
            super().save_model(request, obj, form, change)
        finally:
            pelaku.reset(token)
        catat(
            aksi="admin.ubah" if change else "admin.tambah",
            objek=obj,
            pengguna=request.user,
            perubahan=perubahan,
            pd=_pd(obj),
        )

    def get_object(self, request, object_id, from_field=None):
        # A key that is a related row's id (a one-to-one primary key) is not range-checked by the
        # ORM: an address with forty digits must find nothing rather than overflow the database.
        kunci = self.model._meta.pk
        if from_field is None and isinstance(getattr(kunci, "target_field", kunci), models.IntegerField):
            if id_atau_none(str(object_id)) is None:
                return None
        return super().get_object(request, object_id, from_field)

    def delete_model(self, request, obj):
        catat(aksi="admin.hapus", objek=obj, pengguna=request.user, pd=_pd(obj))
        token = pelaku.set(request.user)
        try:
            super().delete_model(request, obj)
        finally:
            pelaku.reset(token)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            catat(aksi="admin.hapus", objek=obj, pengguna=request.user, pd=_pd(obj))
        token = pelaku.set(request.user)
        try:
            super().delete_queryset(request, queryset)
        finally:
            pelaku.reset(token)


class TanpaHapusTeraudit:
    """A record the audit trail points at is deactivated, never deleted: no delete button, and the
    delete page sends the administrator back with the reason (the database refuses it too)."""

    pesan_hapus = "Data ini punya catatan audit sehingga tidak dapat dihapus."
    # The audit-trail lookup that reaches the record, e.g. "pengguna" or "pd__pemda".
    saring_audit = ""

    def teraudit(self, obj) -> bool:
        return obj is not None and CatatanAudit.objects.filter(**{self.saring_audit: obj}).exists()

    def has_delete_permission(self, request, obj=None):
        if self.teraudit(obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if self.teraudit(obj):
            messages.error(request, self.pesan_hapus)
            info = self.model._meta.app_label, self.model._meta.model_name
            return redirect(f"admin:{info[0]}_{info[1]}_change", obj.pk)
        return super().delete_view(request, object_id, extra_context)


@admin.register(Peran)
class PeranAdmin(AdminTercatat):
    list_display = ("pengguna", "jenis", "pemda", "pd", "unit")
    list_filter = ("jenis",)
    autocomplete_fields = ()


@admin.register(CatatanAudit)
class CatatanAuditAdmin(admin.ModelAdmin):
    list_display = ("waktu", "pengguna", "nama_pelaku", "kejadian", "jenis_catatan", "objek_repr")
    list_filter = ("aksi", "objek_tipe")
    search_fields = ("objek_repr", "alasan")

    @admin.display(description="kejadian", ordering="aksi")
    def kejadian(self, obj):
        return label_aksi(obj.aksi)

    @admin.display(description="jenis catatan", ordering="objek_tipe")
    def jenis_catatan(self, obj):
        return label_objek(obj.objek_tipe)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class PenggunaAdmin(TanpaHapusTeraudit, AdminTercatat, UserAdmin):
    """Users: privilege changes are audited; a user with audit entries is deactivated, not deleted."""

    pesan_hapus = (
        "Pengguna ini punya catatan audit sehingga tidak dapat dihapus. Nonaktifkan saja: "
        'hapus centang "Aktif" lalu simpan.'
    )

    saring_audit = "pengguna"
