from django.urls import path

from kinerja.rtkeren import views, views_isian

app_name = "rtkeren"

urlpatterns = [
    path("rt-keren/<int:pd>/", views.beranda, name="beranda"),
    path("rt-keren/<int:pd>/pengaturan/", views_isian.pengaturan, name="pengaturan"),
    path("rt-keren/<int:pd>/berkas/<int:pk>/", views.berkas, name="berkas"),
    path("rt-keren/<int:pd>/berkas/<int:pk>/hapus/", views_isian.berkas_hapus, name="berkas_hapus"),
    path("rt-keren/<int:pd>/<int:tahun>/", views.kecamatan, name="kecamatan"),
    path("rt-keren/<int:pd>/<int:tahun>/kelurahan/<int:unit>/", views.kelurahan, name="kelurahan"),
    path("rt-keren/<int:pd>/<int:tahun>/rt/<int:rt>/", views.rt, name="rt"),
    path("rt-keren/<int:pd>/<int:tahun>/rt/<int:rt>/alokasi/", views_isian.alokasi, name="alokasi"),
    path("rt-keren/<int:pd>/<int:tahun>/rt/<int:rt>/rembug/", views_isian.rembug_baru, name="rembug_baru"),
    path("rt-keren/<int:pd>/<int:tahun>/rembug/<int:pk>/", views.rembug, name="rembug"),
    path("rt-keren/<int:pd>/<int:tahun>/rembug/<int:pk>/ubah/", views_isian.rembug_ubah, name="rembug_ubah"),
    path(
        "rt-keren/<int:pd>/<int:tahun>/rembug/<int:pk>/usulan/",
        views_isian.usulan_tambah,
        name="usulan_tambah",
    ),
    path(
        "rt-keren/<int:pd>/<int:tahun>/<str:jenis>/<int:pk>/berkas/",
        views_isian.berkas_tambah,
        name="berkas_tambah",
    ),
    path("rt-keren/<int:pd>/<int:tahun>/usulan/<int:pk>/", views_isian.usulan_aksi, name="usulan_aksi"),
    path(
        "rt-keren/<int:pd>/<int:tahun>/usulan/<int:pk>/kegiatan/",
        views_isian.kegiatan_baru,
        name="kegiatan_baru",
    ),
    path("rt-keren/<int:pd>/<int:tahun>/kegiatan/<int:pk>/", views.kegiatan, name="kegiatan"),
    path(
        "rt-keren/<int:pd>/<int:tahun>/kegiatan/<int:pk>/realisasi/", views_isian.realisasi, name="realisasi"
    ),
    path("rt-keren/<int:pd>/<int:tahun>/kegiatan/<int:pk>/lpj/", views_isian.lpj, name="lpj"),
    path("musrenbang/<int:pd>/", views.musrenbang_beranda, name="musrenbang_beranda"),
    path("musrenbang/<int:pd>/<int:tahun>/", views.musrenbang, name="musrenbang"),
    path("musrenbang/<int:pd>/<int:tahun>/simpan/", views_isian.musrenbang_simpan, name="musrenbang_simpan"),
    path(
        "musrenbang/<int:pd>/<int:tahun>/kelurahan/<int:unit>/",
        views.musrenbang_kelurahan,
        name="musrenbang_kelurahan",
    ),
    path(
        "musrenbang/<int:pd>/<int:tahun>/kelurahan/<int:unit>/simpan/",
        views_isian.musrenbang_simpan,
        name="musrenbang_kelurahan_simpan",
    ),
    path("musrenbang/<int:pd>/<int:tahun>/usulan/<int:pk>/", views_isian.putuskan, name="putuskan"),
]
