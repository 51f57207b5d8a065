from django.urls import path

from kinerja.wilayah import views

app_name = "wilayah"

urlpatterns = [
    path("wilayah/<int:pd>/", views.daftar, name="daftar"),
    path("wilayah/<int:pd>/kelurahan/<int:unit>/", views.kelurahan, name="kelurahan"),
    path("wilayah/<int:pd>/kelurahan/<int:unit>/luas/", views.luas, name="luas"),
    path("wilayah/<int:pd>/kelurahan/<int:unit>/rt/", views.rt_tambah, name="rt_tambah"),
    path("wilayah/<int:pd>/kelurahan/<int:unit>/rt/<int:rt>/", views.rt_ubah, name="rt_ubah"),
    path("wilayah/<int:pd>/kelurahan/<int:unit>/rt/<int:rt>/status/", views.rt_status, name="rt_status"),
    path("wilayah/<int:pd>/kelurahan/<int:unit>/penduduk/", views.penduduk_tambah, name="penduduk_tambah"),
    path(
        "wilayah/<int:pd>/kelurahan/<int:unit>/penduduk/<int:pk>/", views.penduduk_ubah, name="penduduk_ubah"
    ),
    path("wilayah/<int:pd>/impor/", views.impor_halaman, name="impor"),
    path("wilayah/<int:pd>/impor/simpan/", views.impor_simpan, name="impor_simpan"),
    path("wilayah/<int:pd>/impor/templat.xlsx", views.templat, name="templat"),
]
