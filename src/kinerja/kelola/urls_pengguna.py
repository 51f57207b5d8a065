"""Administration of pemda, PD, units and users (``/kelola/``), and the one-time link a user opens."""

from django.urls import path

from kinerja.kelola import views_impor, views_pd, views_pemda, views_pengguna, views_undangan

urlpatterns = [
    path("pemda/<slug:pemda>/", views_pemda.pengaturan, name="pemda"),
    path("pemda/<slug:pemda>/logo/", views_pemda.logo, name="logo"),
    path("pemda/<slug:pemda>/logo/ubah/", views_pemda.ubah_logo, name="pemda_logo"),
    path("pemda/<slug:pemda>/pd/", views_pd.daftar, name="daftar_pd"),
    path("pemda/<slug:pemda>/pd/baru/", views_pd.buat, name="pd_buat"),
    path("pemda/<slug:pemda>/pengguna/", views_pengguna.daftar_pemda, name="pengguna_pemda"),
    path("pemda/<slug:pemda>/pengguna/baru/", views_pengguna.buat_pemda, name="pengguna_buat_pemda"),
    path("pd/<int:pd>/", views_pd.halaman_pd, name="pd"),
    path("pd/<int:pd>/unit/baru/", views_pd.unit_tambah, name="unit_tambah"),
    path("pd/<int:pd>/unit/<int:unit>/", views_pd.halaman_unit, name="unit"),
    path("pd/<int:pd>/unit/<int:unit>/status/", views_pd.unit_status, name="unit_status"),
    path("pd/<int:pd>/unit/<int:unit>/hapus/", views_pd.unit_hapus, name="unit_hapus"),
    path("pd/<int:pd>/panduan/", views_pd.panduan, name="panduan"),
    path("pd/<int:pd>/pengguna/", views_pengguna.daftar_pd, name="pengguna_pd"),
    path("pd/<int:pd>/pengguna/baru/", views_pengguna.buat_pd, name="pengguna_buat"),
    path("pd/<int:pd>/wewenang/", views_pengguna.wewenang, name="wewenang"),
    path("pd/<int:pd>/pengguna/impor/", views_impor.impor, name="impor_pengguna"),
    path("pd/<int:pd>/pengguna/impor/simpan/", views_impor.simpan, name="impor_simpan"),
    path("pd/<int:pd>/pengguna/impor/hasil/", views_impor.hasil, name="impor_hasil"),
    path("pd/<int:pd>/pengguna/impor/undangan.csv", views_impor.unduh, name="impor_unduh"),
    path("pd/<int:pd>/pengguna/impor/contoh.csv", views_impor.templat, name="impor_contoh"),
    path("pengguna/<int:id>/", views_pengguna.rinci, name="pengguna"),
    path("pengguna/<int:id>/peran/", views_pengguna.peran_tambah, name="peran_tambah"),
    path("pengguna/<int:id>/peran/<int:peran>/cabut/", views_pengguna.peran_cabut, name="peran_cabut"),
    path("pengguna/<int:id>/status/", views_pengguna.status, name="pengguna_status"),
    path("pengguna/<int:id>/tautan/", views_pengguna.tautan, name="pengguna_tautan"),
    path("undangan/<str:token>/", views_undangan.undangan, name="undangan"),
]
