from django.apps import AppConfig


class KotaConfig(AppConfig):
    name = "kinerja.kota"
    verbose_name = "Pantauan Bappeda"
