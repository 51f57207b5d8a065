from django.apps import AppConfig


class RtKerenConfig(AppConfig):
    name = "kinerja.rtkeren"
    verbose_name = "RT Keren dan musrenbang"
