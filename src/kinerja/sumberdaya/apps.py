from django.apps import AppConfig


class SumberdayaConfig(AppConfig):
    name = "kinerja.sumberdaya"
    verbose_name = "Sumber daya"
