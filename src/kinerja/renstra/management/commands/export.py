"""kinerja export: a Renstra table as XLSX, CSV or JSON."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kinerja.renstra.ekspor import FORMAT, ekspor, nama_berkas
from kinerja.renstra.selectors import muat_rencana
from kinerja.renstra.tabel_dokumen import DAFTAR_TABEL

from ._bersama import pilih_versi, tambah_opsi_versi


class Command(BaseCommand):
    help = (
        "Tulis satu tabel Renstra dalam tata letak dokumen. TABEL: "
        + ", ".join(DAFTAR_TABEL)
        + ". Untuk 6.1 dan 6.2, --format json menulis satu objek per indikator × lokasi."
    )

    def add_arguments(self, parser):
        parser.add_argument("tabel", help="nomor tabel, mis. 6.2")
        parser.add_argument("--year", "--tahun", dest="tahun", type=int, help="tahun (untuk Tabel 6.1)")
        parser.add_argument("--format", choices=FORMAT, default="xlsx", help="xlsx (bawaan), csv atau json")
        parser.add_argument(
            "-o",
            "--output",
            help="berkas tujuan; '-' = layar. Bawaan: layar untuk csv/json, berkas untuk xlsx",
        )
        tambah_opsi_versi(parser)

    def handle(self, *args, **opsi):
        kode = opsi["tabel"]
        if kode not in DAFTAR_TABEL:
            raise CommandError(f"Tabel '{kode}' tidak dikenal. Pilihan: {', '.join(DAFTAR_TABEL)}.")
        versi = pilih_versi(opsi)
        r = muat_rencana(versi)
        tahun = opsi["tahun"]
        if tahun is not None and not versi.tahun_mulai <= tahun <= versi.tahun_akhir:
            raise CommandError(f"Tahun {tahun} di luar periode {versi.tahun_mulai}–{versi.tahun_akhir}.")
        data = ekspor(kode, r, format=opsi["format"], tahun=tahun)
        keluaran = opsi["output"]
        if keluaran is None and opsi["format"] == "xlsx":
            keluaran = nama_berkas(kode, r, "xlsx", tahun)
        if keluaran in (None, "-"):
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        Path(keluaran).write_bytes(data)
        self.stderr.write(f"Ditulis: {keluaran} ({len(data):,} bita)".replace(",", "."))
