from django.apps import AppConfig


class EvaluasiConfig(AppConfig):
    name = "kinerja.evaluasi"
    verbose_name = "Halaman evaluasi SAKIP"
