from django.contrib import admin

from kinerja.core.admin import AdminTercatat
from kinerja.renstra.models import Indikator, Pagu, PlanNode, RenstraVersi, Target


@admin.register(RenstraVersi)
class RenstraVersiAdmin(AdminTercatat):
    list_display = ("nama", "pd", "jenis", "status", "tahun_mulai", "tahun_akhir")
    list_filter = ("jenis", "status")


@admin.register(PlanNode)
class PlanNodeAdmin(AdminTercatat):
    list_display = ("kode", "nama", "tingkat", "versi")
    list_filter = ("tingkat", "versi")
    search_fields = ("kode", "nama")
    raw_id_fields = ("induk", "nomenklatur", "asal")


@admin.register(Indikator)
class IndikatorAdmin(AdminTercatat):
    list_display = ("nama", "satuan", "arah", "jenis_nilai", "agregasi_akhir", "agregasi_triwulan")
    search_fields = ("nama",)
    raw_id_fields = ("node", "asal")


@admin.register(Target)
class TargetAdmin(AdminTercatat):
    list_display = ("indikator", "lokasi", "tahun", "teks")
    raw_id_fields = ("indikator",)


@admin.register(Pagu)
class PaguAdmin(AdminTercatat):
    list_display = ("node", "lokasi", "tahun", "jumlah")
    raw_id_fields = ("node",)
