from django.urls import include, path

from kinerja.portal import urls_kinerja, urls_layanan, urls_wilayah, views

app_name = "publik"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("robots.txt", views.robots, name="robots"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("data/", views.data, name="data"),
    path("api/v1/", views.api_indeks, name="api_indeks"),
    path("api/v1/openapi.json", views.openapi, name="openapi"),
    path("api/v1/pd/", views.api_pd, name="api_pd"),
    path("api/v1/pd/<slug:pemda>/<slug:pd>/<slug:kunci>/", views.api_dataset, name="api_dataset"),
    path("publik/", views.semua, name="semua"),
    path("publik/<slug:pemda>/<slug:pd>/", views.beranda_pd, name="beranda_pd"),
    path("publik/<slug:pemda>/<slug:pd>/atur/", views.atur, name="atur"),
    path(
        "publik/<slug:pemda>/<slug:pd>/",
        include(urls_kinerja.urlpatterns + urls_layanan.urlpatterns + urls_wilayah.urlpatterns),
    ),
]
