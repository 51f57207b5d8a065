from django.contrib import admin

from kinerja.core.admin import AdminTercatat, TanpaHapusTeraudit
from kinerja.wilayah.models import Pemda, PerangkatDaerah, Unit


@admin.register(Pemda)
class PemdaAdmin(TanpaHapusTeraudit, AdminTercatat):
    pesan_hapus = "Pemda ini punya perangkat daerah dengan catatan audit sehingga tidak dapat dihapus."

    saring_audit = "pd__pemda"

    list_display = ("nama", "jenis", "provinsi", "batas_hari_laporan", "batasi_capaian_100")
    fieldsets = (
        (None, {"fields": ("kode", "nama", "jenis", "provinsi", "slug", "kepala_nama", "kepala_jabatan")}),
        ("Laporan triwulan", {"fields": ("batas_hari_laporan",)}),
        (
            "Evaluasi E.81 dan E.80",
            {
                "fields": ("batasi_capaian_100", "kepala_bappeda_nama", "kepala_bappeda_nip"),
                "description": "Rata-rata capaian di kaki E.81 dan E.80, dan blok tanda tangan 'Dievaluasi' "
                "(Kepala Bappeda) di E.81.",
            },
        ),
    )


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(TanpaHapusTeraudit, AdminTercatat):
    pesan_hapus = "Perangkat daerah ini punya catatan audit sehingga tidak dapat dihapus."

    saring_audit = "pd"

    list_display = ("nama", "pemda", "pimpinan_nama")
    list_filter = ("pemda",)


@admin.register(Unit)
class UnitAdmin(AdminTercatat):
    list_display = ("nama", "jenis", "pd")
    list_filter = ("pd", "jenis")
