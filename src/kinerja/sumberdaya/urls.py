from django.urls import path

from kinerja.sumberdaya import views

app_name = "sumberdaya"

urlpatterns = [
    path("sumberdaya/<int:pd>/pegawai/", views.pegawai, name="pegawai"),
    path("sumberdaya/<int:pd>/pegawai/unduh.csv", views.unduh_pegawai, name="unduh_pegawai"),
    path("sumberdaya/<int:pd>/pegawai/tambah/", views.tambah_pegawai, name="tambah_pegawai"),
    path("sumberdaya/<int:pd>/pegawai/<int:pk>/", views.ubah_pegawai, name="ubah_pegawai"),
    path("sumberdaya/<int:pd>/pegawai/<int:pk>/selesai/", views.akhiri_pegawai, name="akhiri_pegawai"),
    path("sumberdaya/<int:pd>/pegawai/<int:pk>/riwayat/", views.riwayat_pegawai, name="riwayat_pegawai"),
    path("sumberdaya/<int:pd>/tabel-2-2/", views.tabel_pegawai, name="tabel_pegawai"),
    path("sumberdaya/<int:pd>/aset/", views.aset, name="aset"),
    path("sumberdaya/<int:pd>/aset/tambah/", views.tambah_aset, name="tambah_aset"),
    path("sumberdaya/<int:pd>/aset/<int:pk>/", views.kondisi_aset, name="kondisi_aset"),
]
