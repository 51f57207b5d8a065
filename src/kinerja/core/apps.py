from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kinerja.core"
    verbose_name = "Inti"

    def ready(self):
        from kinerja.core import sinyal  # noqa: F401  (role and superuser grants go to the audit trail)
