from django.urls import path

from kinerja.renstra import views, views_anggaran, views_tambah, views_tautan, views_ubah, views_versi

app_name = "renstra"

urlpatterns = [
    path("pd/<slug:pemda>/<slug:pd>/", views.dasbor_pd, name="dasbor_pd"),
    path("renstra/<int:versi>/", views.dasbor, name="dasbor"),
    path("renstra/<int:versi>/ringkasan-temuan/", views.ringkasan_temuan, name="ringkasan_temuan"),
    path("renstra/<int:versi>/kaskade/", views.kaskade, name="kaskade"),
    path("renstra/<int:versi>/dokumen/", views.dokumen, name="dokumen"),
    path("renstra/<int:versi>/tabel/", views.daftar_tabel, name="daftar_tabel"),
    path("renstra/<int:versi>/tabel/<str:kode>/", views.tabel, name="tabel"),
    path("renstra/<int:versi>/tabel/<str:kode>/unduh.<str:fmt>", views.unduh_tabel, name="unduh_tabel"),
    path("renstra/<int:versi>/pemeriksaan/", views.pemeriksaan, name="pemeriksaan"),
    path("renstra/<int:versi>/pemeriksaan.json", views.pemeriksaan_json, name="pemeriksaan_json"),
    path("renstra/<int:versi>/pemeriksaan/tandai/", views.tandai_temuan, name="tandai_temuan"),
    path("renstra/<int:versi>/tautan-indikator/", views_tautan.tautan_indikator, name="tautan_indikator"),
    path("renstra/<int:versi>/tercetak/<str:tabel_kode>/", views.baris_cetak, name="baris_cetak"),
    path("renstra/<int:versi>/versi/", views_versi.daftar_versi, name="versi"),
    path("renstra/<int:versi>/impor/", views_versi.impor, name="impor"),
    path("renstra/<int:versi>/impor/<str:kunci>/", views_versi.impor_pratinjau, name="impor_pratinjau"),
    path("renstra/<int:versi>/impor/<str:kunci>/batal/", views_versi.impor_batal, name="impor_batal"),
    path("renstra/<int:versi>/salin/", views_versi.salin, name="salin"),
    path("renstra/<int:versi>/status/", views_versi.status_versi, name="status_versi"),
    path("renstra/<int:versi>/beda/", views_versi.beda, name="beda"),
    path("renstra/<int:versi>/rincian-renja/", views_versi.rincian_renja, name="rincian_renja"),
    path("renstra/<int:versi>/beda/unduh.xlsx", views_versi.unduh_beda, name="unduh_beda"),
    path("renstra/<int:versi>/anggaran/", views_anggaran.anggaran_kini, name="anggaran_kini"),
    path("renstra/<int:versi>/anggaran/<int:tahun>/", views_anggaran.anggaran, name="anggaran"),
    path(
        "renstra/<int:versi>/anggaran/<int:tahun>/templat.xlsx",
        views_anggaran.unduh_templat,
        name="anggaran_templat",
    ),
    path("renstra/<int:versi>/anggaran/<int:tahun>/impor/", views_anggaran.impor, name="anggaran_impor"),
    path("renstra/<int:versi>/unsur/<int:node>/", views_ubah.ubah_unsur, name="ubah_unsur"),
    path("renstra/<int:versi>/indikator/<int:indikator>/", views_ubah.ubah_indikator, name="ubah_indikator"),
    path("renstra/pertama/<int:pd>/", views_tambah.renstra_pertama, name="renstra_pertama"),
    path("renstra/<int:versi>/susun/", views_tambah.susun, name="susun"),
    path("renstra/<int:versi>/tambah/", views_tambah.tambah_unsur, name="tambah_tujuan"),
    path("renstra/<int:versi>/unsur/<int:node>/tambah/", views_tambah.tambah_unsur, name="tambah_unsur"),
    path(
        "renstra/<int:versi>/unsur/<int:node>/indikator-baru/",
        views_tambah.tambah_indikator,
        name="tambah_indikator",
    ),
    path("renstra/<int:versi>/unsur/<int:node>/hapus/", views_tambah.hapus_unsur, name="hapus_unsur"),
    path(
        "renstra/<int:versi>/indikator/<int:indikator>/hapus/",
        views_tambah.hapus_indikator,
        name="hapus_indikator",
    ),
]
