from django.apps import AppConfig


class SakipConfig(AppConfig):
    name = "kinerja.sakip"
    verbose_name = "Evaluasi SAKIP (LKE PermenPANRB 88/2021)"
