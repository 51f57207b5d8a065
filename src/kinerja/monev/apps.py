from django.apps import AppConfig


class MonevConfig(AppConfig):
    name = "kinerja.monev"
    verbose_name = "Monitoring dan evaluasi"
