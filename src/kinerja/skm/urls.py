from django.urls import path

from kinerja.skm import views

app_name = "skm"

urlpatterns = [
    path("skm/kios/<str:token>/", views.kios, name="kios"),
    path("skm/kios/<str:token>/kirim/", views.kirim, name="kirim"),
    path("skm/isi/<str:token>/", views.isi, name="isi"),
    path("skm/isi/<str:token>/qr.svg", views.kode_qr, name="qr"),
    path("skm/<int:pd>/hasil/", views.hasil, name="hasil"),
    path("skm/<int:pd>/pengolahan.xlsx", views.olah_xlsx, name="olah_xlsx"),
    path("skm/<int:pd>/respons.csv", views.respons_csv, name="respons_csv"),
    path("skm/<int:pd>/kios/", views.buat_kios, name="buat_kios"),
]
