from django.apps import AppConfig


class BerandaConfig(AppConfig):
    name = "kinerja.beranda"
    verbose_name = "Beranda"
