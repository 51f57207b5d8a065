from django.apps import AppConfig


class KelolaConfig(AppConfig):
    name = "kinerja.kelola"
    verbose_name = "Administrasi"
