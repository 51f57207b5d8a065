from django.urls import path

from kinerja.risiko import views

app_name = "risiko"

dasar = "<int:pd>/<int:tahun>/"
urlpatterns = [
    path("<int:pd>/", views.kini, name="kini"),
    path(dasar, views.daftar, name="daftar"),
    path(dasar + "peta/", views.peta, name="peta"),
    path(dasar + "unduh.xlsx", views.unduh, name="unduh"),
    path(dasar + "baru/", views.baru, name="baru"),
    path(dasar + "<int:pk>/", views.rinci, name="rinci"),
    path(dasar + "<int:pk>/ubah/", views.ubah, name="ubah"),
    path(dasar + "<int:pk>/hapus/", views.hapus, name="hapus"),
    path(dasar + "<int:pk>/rtp/", views.rtp, name="rtp"),
    path(dasar + "<int:pk>/pantau/", views.pantau, name="pantau"),
]
