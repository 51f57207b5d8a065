from django.contrib import admin

from kinerja.pengingat.models import Kiriman, Preferensi


@admin.register(Kiriman)
class KirimanAdmin(admin.ModelAdmin):
    """The record of reminders sent (read only: written by ``kinerja pengingat``)."""

    list_display = ["pengguna", "jenis", "kunci", "dicatat", "terkirim", "percobaan", "galat"]
    list_filter = ["jenis", "terkirim"]
    search_fields = ["pengguna__username", "kunci"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Preferensi)
class PreferensiAdmin(admin.ModelAdmin):
    list_display = ["pengguna", "jenis", "surel", "diubah"]
    list_filter = ["jenis", "surel"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
