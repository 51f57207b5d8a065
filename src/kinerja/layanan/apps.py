from django.apps import AppConfig


class LayananConfig(AppConfig):
    name = "kinerja.layanan"
    verbose_name = "Standar dan catatan pelayanan"
