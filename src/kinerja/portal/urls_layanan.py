"""Public addresses of the portal's layanan sections (included by ``portal.urls`` under /publik/<pemda>/<pd>/)."""

from django.urls import path

from kinerja.portal import views_layanan as v

urlpatterns: list = [
    path("layanan/", v.layanan, name="layanan"),
    path("layanan.<slug:format_>", v.layanan_unduh, name="layanan_unduh"),
    path("layanan/<int:unit>/<slug:slug>/", v.layanan_standar, name="layanan_standar"),
    path("ikm/", v.ikm, name="ikm"),
    path("ikm.<slug:format_>", v.ikm_unduh, name="ikm_unduh"),
    path("survei/", v.survei, name="survei"),
    path("pengaduan/", v.pengaduan, name="pengaduan"),
    path("pengaduan.<slug:format_>", v.pengaduan_unduh, name="pengaduan_unduh"),
]
