"""Administration of service standards, holidays, complaint categories and kiosks (``/kelola/``)."""

urlpatterns: list = []
