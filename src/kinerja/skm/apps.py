from django.apps import AppConfig


class SkmConfig(AppConfig):
    name = "kinerja.skm"
    verbose_name = "Survei kepuasan masyarakat"

    def ready(self):
        from kinerja.layanan.kait import daftarkan_pemakai
        from kinerja.skm.selectors import respons_per_layanan

        # A standard named by questionnaires is deactivated, not deleted (asked by layanan).
        daftarkan_pemakai("survei", respons_per_layanan)
