from django.urls import path

from kinerja.monev import views, views_laporan, views_tugas

app_name = "monev"

dasar = "monev/<int:versi>/<int:tahun>/"
isian = dasar + "tw<int:tw>/unit/<int:unit>/"

urlpatterns = [
    path("monev/verifikasi/", views_tugas.antrean, name="antrean"),
    path("monev/unit/<int:unit>/", views_tugas.isian_kini, name="isian_kini"),
    path("monev/pd/<int:pd>/capaian/", views_tugas.capaian_kini, name="capaian_kini"),
    path("monev/<int:versi>/", views.beranda, name="beranda"),
    path("monev/<int:versi>/aturan-isian/", views_laporan.aturan, name="aturan"),
    path("monev/<int:versi>/aturan-isian/<int:indikator>/", views_laporan.ubah_aturan, name="ubah_aturan"),
    path(dasar, views.matriks, name="matriks"),
    path(isian, views.isian, name="isian"),
    path(isian + "baris/<int:indikator>/<int:lok>/", views.simpan_baris, name="simpan_baris"),
    path(isian + "anggaran/<int:node>/<int:lok>/", views.simpan_anggaran, name="simpan_anggaran"),
    path(isian + "alur/", views.alur_laporan, name="alur"),
    path(dasar + "capaian/", views_laporan.capaian, name="capaian"),
    path(dasar + "pk/", views_laporan.pk, name="pk"),
    path(dasar + "renja/", views_laporan.renja, name="renja"),
    path(dasar + "rencana-aksi/", views_laporan.rencana_aksi, name="rencana_aksi"),
    path(dasar + "laporan/<str:kode>/", views_laporan.laporan, name="laporan"),
    path(dasar + "laporan/<str:kode>/unduh.<str:fmt>", views_laporan.unduh_laporan, name="unduh_laporan"),
    path("monev/riwayat/<str:tipe>/<int:pk>/", views.riwayat, name="riwayat"),
    path("monev/bukti/<int:pk>/", views.bukti, name="bukti"),
]
