"""Administration of pemda, PD, units and users (``/kelola/``)."""

urlpatterns: list = []
