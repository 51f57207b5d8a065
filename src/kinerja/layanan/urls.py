from django.urls import path

from kinerja.layanan import views

app_name = "layanan"

urlpatterns = [
    path("layanan/<int:pd>/", views.katalog, name="katalog"),
    path("layanan/<int:pd>/standar/<int:unit>/<slug:slug>/", views.standar, name="standar"),
    path("layanan/<int:pd>/loket/<int:unit>/", views.loket, name="loket"),
    path("layanan/<int:pd>/loket/<int:unit>/<int:pk>/selesai/", views.selesaikan, name="selesaikan"),
    path("layanan/<int:pd>/rekap/", views.rekap, name="rekap"),
]
