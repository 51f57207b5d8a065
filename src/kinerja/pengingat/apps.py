from django.apps import AppConfig


class PengingatConfig(AppConfig):
    name = "kinerja.pengingat"
    verbose_name = "Pengingat dan kotak masuk"
