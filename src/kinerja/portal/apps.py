from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "kinerja.portal"
    verbose_name = "Portal publik"

    def ready(self):
        from kinerja.portal import tembolok

        tembolok.pasang_sinyal()
