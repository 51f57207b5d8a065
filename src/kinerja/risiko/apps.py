from django.apps import AppConfig


class RisikoConfig(AppConfig):
    name = "kinerja.risiko"
    verbose_name = "Daftar risiko (SPIP)"

    def ready(self) -> None:
        from kinerja.core import sampel_tambahan
        from kinerja.risiko.sampel import muat_risiko_demo

        sampel_tambahan.daftarkan(muat_risiko_demo)
