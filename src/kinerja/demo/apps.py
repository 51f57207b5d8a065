from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kinerja.demo"
    verbose_name = "Data demonstrasi"

    def ready(self):
        from kinerja.core import siap
        from kinerja.demo.siap import isi_basis_data_kosong

        # First start: after the migrations, an empty database gets the sample (demonstration mode)
        # or the instructions for the first administrator.
        siap.daftarkan(isi_basis_data_kosong)
