"""kinerja import: a workbook in the Tabel 6.2 layout becomes a new plan version."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kinerja.renstra.impor import ImporGagal, baca_buku_kerja
from kinerja.renstra.models import RenstraVersi

from ._bersama import pilih_pd


class Command(BaseCommand):
    help = (
        "Baca buku kerja XLSX bertata letak Tabel 6.2 (seperti hasil 'kinerja export 6.2') menjadi versi "
        "Renstra baru berstatus draf. Setiap baris diperiksa dulu; bila ada yang salah, semua kesalahan "
        "ditampilkan per lembar dan baris, dan tidak ada yang disimpan."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="berkas .xlsx")
        parser.add_argument("--pd", help="slug perangkat daerah (bawaan: ditebak dari judul tabel)")
        parser.add_argument(
            "--dari", type=int, help="id versi yang diubah (bawaan: versi terbaru PD dengan tahun yang sama)"
        )
        parser.add_argument("--nama", default="", help="nama versi baru")

    def handle(self, *args, **opsi):
        path = Path(opsi["berkas"])
        if not path.exists():
            raise CommandError(f"Berkas '{path}' tidak ada.")
        pd = pilih_pd(opsi["pd"]) if opsi["pd"] else None
        dari = None
        if opsi["dari"]:
            dari = RenstraVersi.objects.filter(pk=opsi["dari"]).first()
            if dari is None:
                raise CommandError(f"Versi {opsi['dari']} tidak ada.")
            pd = pd or dari.pd
        try:
            hasil = baca_buku_kerja(path, pd=pd, dari=dari, nama=opsi["nama"])
        except ImporGagal as e:
            for g in e.galat:
                self.stderr.write(f"- {g}")
            raise CommandError(f"Impor dibatalkan: {len(e.galat)} kesalahan, tidak ada yang disimpan.") from e
        v = hasil.versi
        self.stdout.write(
            f"Versi baru #{v.pk} '{v.nama}': {hasil.node} unsur rencana, {hasil.indikator} indikator, "
            f"{hasil.target} target, {hasil.pagu} pagu."
        )
