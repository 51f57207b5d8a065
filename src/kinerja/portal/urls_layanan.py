"""Public addresses of the portal's layanan sections (included by ``portal.urls`` under /publik/<pemda>/<pd>/)."""

from django.urls import path

from kinerja.portal import views_layanan as v

urlpatterns: list = [
    path("layanan/", v.layanan, name="layanan"),
    path("layanan.<str:fmt>", v.layanan_unduh, name="layanan_unduh"),
    path("layanan/<int:unit>/<slug:slug>/", v.layanan_standar, name="layanan_standar"),
    path("ikm/", v.ikm, name="ikm"),
    path("ikm.<str:fmt>", v.ikm_unduh, name="ikm_unduh"),
    path("survei/", v.survei, name="survei"),
    path("pengaduan/", v.pengaduan, name="pengaduan"),
    path("pengaduan.<str:fmt>", v.pengaduan_unduh, name="pengaduan_unduh"),
]
