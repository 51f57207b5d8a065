"""kinerja export: a Renstra table or a monev report as XLSX, CSV or JSON."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kinerja.monev.ekspor import FORMAT_LAPORAN, ekspor_laporan, nama_berkas_laporan
from kinerja.monev.laporan import DAFTAR_LAPORAN
from kinerja.renstra.ekspor import FORMAT, ekspor, nama_berkas
from kinerja.renstra.opsi_perintah import pilih_versi, tambah_opsi_versi
from kinerja.renstra.selectors import muat_rencana
from kinerja.renstra.tabel_dokumen import DAFTAR_TABEL

# The running T-C.23 and T-C.24 of the plan's period, computed from realisations and the APBD (the
# monev reports "2.3.1" and "2.3.2"); the numbers 2.3.1 and 2.3.2 alone name the document's tables.
BERJALAN = {"T-C.23": "2.3.1", "T-C.24": "2.3.2"}


class Command(BaseCommand):
    help = (
        "Tulis satu tabel Renstra dalam tata letak dokumen, atau satu laporan evaluasi. TABEL: "
        + ", ".join(DAFTAR_TABEL)
        + ". Untuk 6.1 dan 6.2, --format json menulis satu objek per indikator × lokasi. "
        + "LAPORAN (xlsx atau json, perlu --year): "
        + ", ".join(k for k in DAFTAR_LAPORAN if k not in DAFTAR_TABEL)
        + "; E.81 juga --triwulan; RENJA menulis tahun n dan prakiraan maju n+1, ditarik dari Renstra dan "
        + "ditandai rancangan selama Renja tahun itu belum dibuat. PK: pernyataan, para pihak dengan NIP, tempat, "
        + "tanggal dan kedua lampiran (sasaran; program dengan anggaran APBD atau pagu indikatif), dari isi yang "
        + "ditandatangani bila sudah ditandatangani; --format json menulis satu objek (pernyataan, pihak_pertama, "
        + "pihak_kedua, tempat, tanggal, sasaran, program). LKJIP menandai nilai yang salah menurut pemeriksa "
        + "dengan [T1], [T2], … E.81 dan E.80 membawa kaki "
        + "formulir (rata-rata capaian dan predikat per tingkat, batas 100% pemda, faktor dan tindak lanjut) "
        + "dan blok tanda tangan; di JSON sebagai 'kaki' dan 'tanda_tangan'. E.81 triwulan 1–3 memberi "
        + "predikat terhadap rencana aksi (target triwulan), selain itu 'belum akhir tahun'. "
        + "T-C.23 dan T-C.24: tabel periode rencana yang dihitung dari realisasi dan APBD (2.3.1 dan 2.3.2 "
        + "saja = tabel seperti tercetak di dokumen); T-C.24 memakai APBD sebagai anggaran dan laju "
        + "pertumbuhan majemuk (%). "
        + "--terverifikasi: hanya realisasi dari laporan triwulan yang sudah "
        + "diverifikasi (untuk PK: hanya perjanjian yang sudah ditandatangani)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "tabel", help="nomor tabel (mis. 6.2) atau laporan (E.81, E.80, PK, LKJIP, RENJA, T-C.23, T-C.24)"
        )
        parser.add_argument("--year", "--tahun", dest="tahun", type=int, help="tahun (Tabel 6.1 dan laporan)")
        parser.add_argument(
            "--triwulan", type=int, choices=[1, 2, 3, 4], default=4, help="triwulan laporan E.81 (bawaan: 4)"
        )
        parser.add_argument(
            "--format",
            choices=FORMAT,
            default="xlsx",
            help="xlsx (bawaan), csv (pemisah ';', koma desimal, UTF-8 dengan BOM) atau json",
        )
        parser.add_argument(
            "--terverifikasi",
            action="store_true",
            help="laporan: hanya realisasi yang sudah diverifikasi (PK: hanya yang sudah ditandatangani)",
        )
        parser.add_argument(
            "-o",
            "--output",
            help="berkas tujuan; '-' = layar. Bawaan: layar untuk csv/json, berkas untuk xlsx",
        )
        tambah_opsi_versi(parser)

    def handle(self, *args, **opsi):
        masuk = opsi["tabel"].upper()
        kode = BERJALAN.get(masuk) or (masuk if masuk in DAFTAR_LAPORAN else opsi["tabel"])
        laporan = masuk in BERJALAN or kode in ("E.81", "E.80", "PK", "LKJIP", "RENJA")
        if kode not in DAFTAR_TABEL and not laporan:
            raise CommandError(
                f"Tabel '{kode}' tidak dikenal. Pilihan: {', '.join(DAFTAR_TABEL)}, E.81, E.80, PK, LKJIP, RENJA, "
                "T-C.23, T-C.24."
            )
        versi = pilih_versi(opsi)
        r = muat_rencana(versi)
        tahun = opsi["tahun"]
        if tahun is not None and not versi.tahun_mulai <= tahun <= versi.tahun_akhir:
            raise CommandError(f"Tahun {tahun} di luar periode {versi.tahun_mulai}–{versi.tahun_akhir}.")
        if laporan:
            if opsi["format"] not in FORMAT_LAPORAN:
                raise CommandError(f"Laporan {kode} ditulis sebagai {' atau '.join(FORMAT_LAPORAN)}.")
            tahun = tahun or versi.tahun_rencana_awal
            hanya = opsi["terverifikasi"]
            try:
                data = ekspor_laporan(
                    kode,
                    r,
                    tahun=tahun,
                    triwulan=opsi["triwulan"],
                    format=opsi["format"],
                    hanya_terverifikasi=hanya,
                )
            except LookupError as e:
                raise CommandError(str(e)) from e
            nama = nama_berkas_laporan(
                kode, r, tahun=tahun, triwulan=opsi["triwulan"], format="xlsx", hanya_terverifikasi=hanya
            )
        else:
            if opsi["terverifikasi"]:
                raise CommandError("--terverifikasi hanya untuk laporan E.81, E.80, PK dan LKJIP.")
            data = ekspor(kode, r, format=opsi["format"], tahun=tahun)
            nama = nama_berkas(kode, r, "xlsx", tahun)
        keluaran = opsi["output"]
        if keluaran is None and opsi["format"] == "xlsx":
            keluaran = nama
        if keluaran in (None, "-"):
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        Path(keluaran).write_bytes(data)
        self.stderr.write(f"Ditulis: {keluaran} ({len(data):,} bita)".replace(",", "."))
