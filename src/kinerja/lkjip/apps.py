from django.apps import AppConfig


class LkjipConfig(AppConfig):
    name = "kinerja.lkjip"
    verbose_name = "Dokumen LKjIP"
