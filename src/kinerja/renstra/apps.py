from django.apps import AppConfig


class RenstraConfig(AppConfig):
    name = "kinerja.renstra"
    verbose_name = "Renstra"

    def ready(self) -> None:
        from kinerja.renstra.pemeliharaan import pemeliharaan_aset
        from kinerja.sumberdaya.kait import daftarkan_bagian_aset

        daftarkan_bagian_aset(pemeliharaan_aset)
