from django.urls import path

from kinerja.pengaduan import views

app_name = "pengaduan"

urlpatterns = [
    path("pengaduan/lacak/", views.lacak, name="lacak"),
    path("pengaduan/<int:pd>/kirim/", views.kirim, name="kirim"),
    path("pengaduan/<int:pd>/", views.daftar, name="daftar"),
    path("pengaduan/<int:pd>/statistik/", views.statistik, name="statistik"),
    path("pengaduan/<int:pd>/pengaduan.csv", views.ekspor, name="ekspor"),
    path("pengaduan/<int:pd>/<int:pk>/", views.rinci, name="rinci"),
    path("pengaduan/<int:pd>/<int:pk>/lampiran/<int:lampiran_id>/", views.lampiran, name="lampiran"),
]
