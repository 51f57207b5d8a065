"""Bappeda's view of every PD of a pemda, and the second approval level (``/kota/``)."""

from django.urls import path

from kinerja.kota import views_ringkasan, views_triwulan

app_name = "kota"

urlpatterns: list = [
    path("", views_ringkasan.beranda, name="beranda"),
    path("<slug:pemda>/<int:tahun>/", views_ringkasan.ringkasan, name="ringkasan"),
    path(
        "<slug:pemda>/<int:tahun>/tw<int:triwulan>/<slug:pd>/",
        views_triwulan.triwulan_pd,
        name="triwulan_pd",
    ),
]
