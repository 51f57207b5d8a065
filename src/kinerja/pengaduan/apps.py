from django.apps import AppConfig


class PengaduanConfig(AppConfig):
    name = "kinerja.pengaduan"
    verbose_name = "Pengaduan masyarakat"
