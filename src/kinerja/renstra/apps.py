from django.apps import AppConfig


class RenstraConfig(AppConfig):
    name = "kinerja.renstra"
    verbose_name = "Renstra"
