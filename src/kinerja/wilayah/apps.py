from django.apps import AppConfig


class WilayahConfig(AppConfig):
    name = "kinerja.wilayah"
    verbose_name = "Wilayah"
