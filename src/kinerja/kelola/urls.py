"""Administration in the app's own layout (``/kelola/``): one URL module per area."""

from django.urls import include, path

from kinerja.kelola import urls_layanan, urls_pengguna

app_name = "kelola"

urlpatterns = [
    path("", include(urls_pengguna.urlpatterns)),
    path("", include(urls_layanan.urlpatterns)),
]
