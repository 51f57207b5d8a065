from django import forms
from django.contrib import admin

from kinerja.core.admin import AdminTercatat, TanpaHapusTeraudit
from kinerja.wilayah.models import Pemda, PerangkatDaerah, Unit
from kinerja.wilayah.nip import normal_nip


class PemdaForm(forms.ModelForm):
    class Meta:
        model = Pemda
        fields = "__all__"

    def clean_kepala_bappeda_nip(self) -> str:
        return normal_nip(self.cleaned_data.get("kepala_bappeda_nip"), label="NIP kepala Bappeda")


class PerangkatDaerahForm(forms.ModelForm):
    class Meta:
        model = PerangkatDaerah
        fields = "__all__"
        help_texts = {
            "pimpinan_nip": "18 angka, mis. 19730304 199311 1 002; tercetak di Perjanjian Kinerja (Pihak Pertama).",
        }

    def clean_pimpinan_nip(self) -> str:
        return normal_nip(self.cleaned_data.get("pimpinan_nip"), label="NIP pimpinan")


@admin.register(Pemda)
class PemdaAdmin(TanpaHapusTeraudit, AdminTercatat):
    pesan_hapus = "Pemda ini punya perangkat daerah dengan catatan audit sehingga tidak dapat dihapus."

    saring_audit = "pd__pemda"
    form = PemdaForm

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
    form = PerangkatDaerahForm

    list_display = ("nama", "pemda", "pimpinan_nama")
    list_filter = ("pemda",)


@admin.register(Unit)
class UnitAdmin(AdminTercatat):
    list_display = ("nama", "jenis", "pd")
    list_filter = ("pd", "jenis")
