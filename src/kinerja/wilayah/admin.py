from django.contrib import admin

from kinerja.core.admin import AdminTercatat
from kinerja.wilayah.models import Pemda, PerangkatDaerah, Unit


@admin.register(Pemda)
class PemdaAdmin(AdminTercatat):
    list_display = ("nama", "jenis", "provinsi", "batas_hari_laporan")


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(AdminTercatat):
    list_display = ("nama", "pemda", "pimpinan_nama")
    list_filter = ("pemda",)


@admin.register(Unit)
class UnitAdmin(AdminTercatat):
    list_display = ("nama", "jenis", "pd")
    list_filter = ("pd", "jenis")
