from django.apps import AppConfig


class MonevConfig(AppConfig):
    name = "kinerja.monev"
    verbose_name = "Monitoring dan evaluasi"

    def ready(self):
        from kinerja.core import kunci
        from kinerja.monev import pemeriksa_realisasi  # noqa: F401 (its rules join the checker)
        from kinerja.monev.kunci import ikm_terlapor

        # A reported quarter is closed to a kiosk's late answers (asked by skm through core.kunci).
        kunci.daftarkan(ikm_terlapor)
