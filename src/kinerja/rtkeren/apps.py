from django.apps import AppConfig


class RtKerenConfig(AppConfig):
    name = "kinerja.rtkeren"
    verbose_name = "RT Keren dan musrenbang"

    def ready(self):
        from kinerja.rtkeren import pemeriksa_alokasi  # noqa: F401 (its rule joins the checker)
