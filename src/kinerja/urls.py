from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from kinerja.beranda import profil as beranda_profil
from kinerja.beranda import views as beranda_views
from kinerja.core import views as core_views

urlpatterns = [
    path("", include("kinerja.portal.urls")),
    path("mulai/", beranda_views.beranda, name="beranda"),
    path("perangkat-daerah/", beranda_views.daftar_pd, name="daftar_pd"),
    path("aksesibilitas/", beranda_views.aksesibilitas, name="aksesibilitas"),
    path("kelurahan/<int:pd>/<int:unit>/", beranda_profil.profil_kelurahan, name="profil_kelurahan"),
    path("administrasi/", beranda_views.beranda_admin, name="beranda_admin"),
    path("sehat/", core_views.sehat, name="sehat"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("masuk/", core_views.MasukView.as_view(), name="login"),
    path("masuk/kode/", core_views.masuk_kode, name="masuk_kode"),
    path("akun/dua-langkah/", core_views.dua_langkah, name="dua_langkah"),
    path("admin/login/", core_views.masuk_admin, name="masuk_admin"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path(
        "kata-sandi/",
        auth_views.PasswordChangeView.as_view(
            template_name="registration/ganti_sandi.html", success_url=reverse_lazy("beranda")
        ),
        name="password_change",
    ),
    path("", include("kinerja.renstra.urls")),
    path("", include("kinerja.monev.urls")),
    path("", include("kinerja.lkjip.urls")),
    path("", include("kinerja.layanan.urls")),
    path("", include("kinerja.skm.urls")),
    path("", include("kinerja.pengaduan.urls")),
    path("", include("kinerja.rtkeren.urls")),
    path("", include("kinerja.wilayah.urls")),
    path("", include("kinerja.sumberdaya.urls")),
    path("kelola/", include("kinerja.kelola.urls")),
    path("kota/", include("kinerja.kota.urls")),
    path("kotak-masuk/", include("kinerja.pengingat.urls")),
    path("risiko/", include("kinerja.risiko.urls")),
    path("", include("kinerja.evaluasi.urls")),
]

# Indonesian error pages with the reason and a way back (used when DEBUG is off).
handler400 = "kinerja.core.galat.permintaan_buruk"
handler403 = "kinerja.core.galat.dilarang"
handler404 = "kinerja.core.galat.tidak_ditemukan"
handler500 = "kinerja.core.galat.galat_server"
