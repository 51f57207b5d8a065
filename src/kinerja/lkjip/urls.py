from django.urls import path

from kinerja.lkjip import views

app_name = "lkjip"

urlpatterns = [
    path("monev/<int:versi>/lkjip/<int:tahun>/dokumen/", views.dokumen, name="dokumen"),
    path("monev/<int:versi>/lkjip/<int:tahun>/dokumen.<str:fmt>", views.unduh, name="unduh"),
    path("monev/<int:versi>/<int:tahun>/pk.pdf", views.pk_pdf, name="pk_pdf"),
]
