"""Each user's inbox of what needs their action, and their reminder choices (``/kotak-masuk/``)."""

from django.urls import path

from kinerja.pengingat import views

app_name = "pengingat"

urlpatterns = [
    path("", views.kotak_masuk, name="kotak_masuk"),
    path("jumlah/", views.jumlah, name="jumlah"),
    path("pengaturan/", views.pengaturan, name="pengaturan"),
]
