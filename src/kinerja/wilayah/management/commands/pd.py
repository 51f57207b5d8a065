"""kinerja pd buat: open a new PD of a pemda with its units (the same service as the administration page)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kinerja.core.pelaku import Sistem
from kinerja.wilayah import services
from kinerja.wilayah.models import Pemda, PerangkatDaerah

# The command line acts as the system, named in the audit trail.
PELAKU = Sistem("kinerja pd buat")
NAMA_MEDAN = {
    "nama": "--nama",
    "slug": "--slug",
    "jenis": "--jenis",
    "kecamatan": "--kecamatan",
    "singkatan": "--singkatan",
    "unit": "--unit",
}


class Galat(CommandError):
    """A refusal; Django prints the class name before the message, so it is named in Indonesian."""


def _pemda(slug: str | None) -> Pemda:
    semua = list(Pemda.objects.order_by("slug"))
    if slug:
        p = next((x for x in semua if x.slug == slug), None)
        if p is None:
            pilihan = ", ".join(x.slug for x in semua) or "(belum ada)"
            raise Galat(f"Pemerintah daerah '{slug}' tidak ada. Pilihan: {pilihan}", returncode=2)
        return p
    if not semua:
        raise Galat(
            "Belum ada pemerintah daerah di basis data; buat lebih dulu lewat halaman admin atau muat data contoh.",
            returncode=2,
        )
    if len(semua) > 1:
        raise Galat(
            f"Ada {len(semua)} pemerintah daerah; sebutkan salah satu dengan --pemda: "
            + ", ".join(x.slug for x in semua),
            returncode=2,
        )
    return semua[0]


class Command(BaseCommand):
    help = (
        "Kelola perangkat daerah. 'kinerja pd buat' membuka perangkat daerah baru beserta kantornya dan unitnya "
        "(kelurahan sebuah kecamatan, bidang sebuah dinas), tercatat di jejak audit atas nama 'kinerja pd buat'."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="aksi", required=True, metavar="buat")
        buat = sub.add_parser(
            "buat",
            help="buka perangkat daerah baru",
            description="Buka perangkat daerah baru beserta kantornya dan unitnya, lalu cetak langkah berikutnya. "
            "Kesalahan (slug ganda, pemda tidak dikenal, beberapa pemda tanpa --pemda) keluar dengan kode 2.",
        )
        buat.add_argument("--nama", default="", help="(wajib) nama, mis. 'Kecamatan Kepanjenkidul'")
        buat.add_argument(
            "--slug", default="", help="(wajib) slug alamat dan perintah, mis. kecamatan-kepanjenkidul"
        )
        buat.add_argument(
            "--jenis",
            default="",
            help="jenis perangkat daerah: "
            + ", ".join(j.value for j in PerangkatDaerah.Jenis)
            + " (bawaan: kecamatan bila --kecamatan diberikan, selain itu dinas)",
        )
        buat.add_argument("--kecamatan", default="", help="nama wilayah kecamatan, mis. Kepanjenkidul")
        buat.add_argument("--singkatan", default="", help="singkatan, mis. 'Kec. Kepanjenkidul'")
        buat.add_argument("--pemda", help="slug pemerintah daerah (bawaan: satu-satunya pemda di basis data)")
        buat.add_argument(
            "--unit",
            action="append",
            default=[],
            metavar="NAMA",
            help="satu unit; ulangi untuk setiap unit (kelurahan sebuah kecamatan, mis. --unit Bendo "
            "--unit Kauman; bidang sebuah dinas). Kantor perangkat daerah dibuat sendiri.",
        )

    def handle(self, *args, **opsi):
        kurang = [f"--{k}" for k in ("nama", "slug") if not opsi[k].strip()]
        if kurang:
            raise Galat(
                f"Tulis {' dan '.join(kurang)}, mis. kinerja pd buat --nama NAMA --slug SLUG.", returncode=2
            )
        pemda = _pemda(opsi["pemda"])
        jenis = opsi["jenis"] or ("kecamatan" if opsi["kecamatan"] else "dinas")
        isian = {k: opsi[k] for k in ("nama", "slug", "kecamatan", "singkatan")} | {"jenis": jenis}
        try:
            pd = services.buat_pd(pengguna=PELAKU, pemda=pemda, isian=isian, unit=opsi["unit"])
        except ValidationError as e:
            for medan, pesan in e.message_dict.items():
                for p in pesan:
                    self.stderr.write(f"- {NAMA_MEDAN.get(medan, medan)}: {p}")
            raise Galat("Perangkat daerah tidak dibuat.", returncode=2) from e
        unit = list(pd.unit_set.order_by("urutan"))
        self.stdout.write(
            f"Perangkat daerah dibuat: {pd.nama} ({pd.get_jenis_display().lower()}) di {pemda.nama}."
        )
        self.stdout.write(f"  slug {pd.slug}, nomor {pd.pk}")
        self.stdout.write(
            f"  unit ({len(unit)}): "
            + ", ".join(f"{u.nama_pendek} ({u.get_jenis_display().lower()})" for u in unit)
        )
        self.stdout.write("Langkah berikutnya:")
        self.stdout.write(
            f"  1. Renstra:  halaman /renstra/pertama/{pd.pk}/ (draf baru, lalu impor buku kerja Tabel 6.2 "
            f"atau ketik di editor), atau dari server: kinerja import BERKAS.xlsx --pd {pd.slug}"
        )
        self.stdout.write(
            f"  2. Buat pengguna:  halaman /kelola/pd/{pd.pk}/pengguna/ (satu per satu atau dari CSV), "
            "oleh administrator pemda"
        )
        self.stdout.write(f"  3. Lihat yang masih kurang:  /kelola/pd/{pd.pk}/panduan/")
