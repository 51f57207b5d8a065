"""Public addresses of the portal's wilayah sections (included by ``portal.urls`` under /publik/<pemda>/<pd>/).

A download is the page's own view with a format: ``profil.csv``, ``rt-keren.xlsx?tahun=2022``.
"""

from django.urls import path

from kinerja.portal import views_wilayah as v

urlpatterns: list = [
    path("profil/", v.profil, name="profil"),
    path("profil.<str:format_>", v.profil, name="profil_unduh"),
    path("profil/<int:unit>/", v.profil_kelurahan, name="profil_kelurahan"),
    path("profil/<int:unit>.<str:format_>", v.profil_kelurahan, name="profil_kelurahan_unduh"),
    path("rt-keren/", v.rtkeren, name="rtkeren"),
    path("rt-keren.<str:format_>", v.rtkeren, name="rtkeren_unduh"),
    path("rt-keren/foto/<int:pk>/", v.rtkeren_foto, name="rtkeren_foto"),
    path("rt-keren/<int:unit>/", v.rtkeren_kelurahan, name="rtkeren_kelurahan"),
    path("rt-keren/<int:unit>.<str:format_>", v.rtkeren_kelurahan, name="rtkeren_kelurahan_unduh"),
    path("rt-keren/<int:unit>/<int:rt>/", v.rtkeren_rt, name="rtkeren_rt"),
    path("rt-keren/<int:unit>/<int:rt>.<str:format_>", v.rtkeren_rt, name="rtkeren_rt_unduh"),
]
