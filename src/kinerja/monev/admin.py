from django.contrib import admin

from kinerja.core.admin import AdminTercatat
from kinerja.monev.models import AturanIsian, Laporan, PerjanjianKinerja, Realisasi, RealisasiAnggaran


@admin.register(Realisasi)
class RealisasiAdmin(AdminTercatat):
    list_display = ("indikator", "lokasi", "tahun", "triwulan", "teks", "sumber", "peringatan")
    list_filter = ("tahun", "triwulan", "sumber")
    raw_id_fields = ("indikator",)


@admin.register(RealisasiAnggaran)
class RealisasiAnggaranAdmin(AdminTercatat):
    list_display = ("node", "lokasi", "tahun", "triwulan", "jumlah")
    raw_id_fields = ("node",)


@admin.register(Laporan)
class LaporanAdmin(AdminTercatat):
    list_display = ("unit", "tahun", "triwulan", "status")
    list_filter = ("tahun", "triwulan", "status")


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(AdminTercatat):
    list_display = ("pd", "tahun", "ditandatangani_pada")


@admin.register(AturanIsian)
class AturanIsianAdmin(AdminTercatat):
    list_display = ("indikator", "bilangan_bulat", "boleh_lebih_100")
    raw_id_fields = ("indikator",)
