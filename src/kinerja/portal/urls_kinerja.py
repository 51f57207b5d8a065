"""Public addresses of the portal's kinerja sections (included by ``portal.urls`` under /publik/<pemda>/<pd>/)."""

from django.urls import path

from kinerja.portal import views_kinerja

urlpatterns: list = [
    path("kinerja/", views_kinerja.kinerja, name="kinerja"),
    path("kinerja.<str:fmt>", views_kinerja.kinerja_unduh, name="kinerja_unduh"),
    path("kinerja/<int:unit>/", views_kinerja.kinerja_kelurahan, name="kinerja_kelurahan"),
    path(
        "kinerja/<int:unit>.<str:fmt>", views_kinerja.kinerja_kelurahan_unduh, name="kinerja_kelurahan_unduh"
    ),
    path("anggaran/", views_kinerja.anggaran, name="anggaran"),
    path("anggaran.<str:fmt>", views_kinerja.anggaran_unduh, name="anggaran_unduh"),
]
