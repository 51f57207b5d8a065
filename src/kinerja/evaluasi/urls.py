from django.urls import path

from kinerja.evaluasi import views

app_name = "evaluasi"

dasar = "evaluasi-sakip/<int:pd>/<int:tahun>/"
urlpatterns = [
    path("evaluasi-sakip/", views.daftar, name="daftar"),
    path("evaluasi-sakip/lke/", views.muat_lke, name="muat_lke"),
    path("evaluasi-sakip/berkas/<int:pk>/", views.berkas, name="berkas"),
    path(dasar, views.lembar, name="lembar"),
    path(dasar + "mulai/", views.mulai, name="mulai"),
    path(dasar + "sub/<str:kode>/", views.sub_pd, name="sub_pd"),
    path(dasar + "sub/<str:kode>/evaluator/", views.sub_evaluator, name="sub_evaluator"),
    path(dasar + "alur/<str:aksi>/", views.alur, name="alur"),
    path(dasar + "rekomendasi/", views.rekomendasi_tambah, name="rekomendasi_tambah"),
    path(dasar + "rekomendasi/<int:pk>/", views.rekomendasi_ubah, name="rekomendasi_ubah"),
]
