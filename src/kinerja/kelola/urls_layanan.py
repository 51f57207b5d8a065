"""Administration of service standards, holidays, complaint categories and kiosks (``/kelola/``)."""

from django.urls import path, register_converter

from kinerja.kelola import views_layanan as standar
from kinerja.kelola import views_layanan_kategori as kategori
from kinerja.kelola import views_layanan_kios as kios
from kinerja.kelola import views_layanan_libur as libur


class IdBaris:
    """A row id in the address: at most 18 digits (a database integer), longer ones are not found."""

    regex = "[0-9]{1,18}"

    def to_python(self, nilai: str) -> int:
        return int(nilai)

    def to_url(self, nilai) -> str:
        return str(nilai)


register_converter(IdBaris, "id_baris")

urlpatterns = [
    path("layanan/<id_baris:pd>/", standar.daftar, name="layanan"),
    path("layanan/<id_baris:pd>/tambah/", standar.tambah, name="layanan_tambah"),
    path("layanan/<id_baris:pd>/<id_baris:pk>/", standar.ubah, name="layanan_ubah"),
    path("layanan/<id_baris:pd>/<id_baris:pk>/keadaan/", standar.status, name="layanan_status"),
    path("layanan/<id_baris:pd>/<id_baris:pk>/versi/", standar.versi, name="layanan_versi"),
    path("libur/", libur.daftar, name="libur"),
    path("libur/<id_baris:pk>/hapus/", libur.hapus, name="libur_hapus"),
    path("kategori/<id_baris:pd>/", kategori.daftar, name="kategori"),
    path("kategori/<id_baris:pd>/<id_baris:pk>/", kategori.ubah, name="kategori_ubah"),
    path("kategori/<id_baris:pd>/<id_baris:pk>/atur/", kategori.atur, name="kategori_atur"),
    path("kios/<id_baris:pd>/", kios.daftar, name="kios"),
    path("kios/<id_baris:pd>/<id_baris:pk>/", kios.ubah, name="kios_ubah"),
    path("kios/<id_baris:pd>/<id_baris:pk>/atur/", kios.atur, name="kios_atur"),
    path("kios/<id_baris:pd>/<id_baris:pk>/cetak/", kios.cetak, name="kios_cetak"),
]
