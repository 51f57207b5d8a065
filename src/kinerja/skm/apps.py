from django.apps import AppConfig


class SkmConfig(AppConfig):
    name = "kinerja.skm"
    verbose_name = "Survei kepuasan masyarakat"
