"""kinerja capaian: capaian and predikat of every indicator row for a year (up to a quarter)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from kinerja.core.angka import format_angka
from kinerja.monev import capaian as cp
from kinerja.monev.ekspor import baris_capaian
from kinerja.monev.selectors import muat_evaluasi
from kinerja.renstra.opsi_perintah import pilih_versi, tambah_opsi_versi


class Command(BaseCommand):
    help = (
        "Hitung capaian dan predikat setiap baris indikator × lokasi untuk satu tahun, sampai triwulan tertentu. "
        "--json menulis satu objek per baris dengan kunci indikator, lokasi, arah, target, realisasi, capaian, predikat, "
        "sumber (manual, atau sumber realisasi yang dihitung: ikm, sesuai_standar, tepat_waktu, pengaduan, rt_rembug, "
        "rt_serapan, rt_berdaya, kelurahan_berdaya, sakip) dan status_verifikasi. --terverifikasi: hanya realisasi dari laporan triwulan yang sudah diverifikasi."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", "--tahun", dest="tahun", type=int, required=True, help="tahun yang dievaluasi"
        )
        parser.add_argument(
            "--triwulan",
            type=int,
            choices=[1, 2, 3, 4],
            default=4,
            help="sampai triwulan ini (bawaan: 4 = setahun)",
        )
        parser.add_argument("--json", action="store_true", help="tulis JSON, satu objek per baris")
        parser.add_argument(
            "--terverifikasi",
            action="store_true",
            help="hanya realisasi dari laporan triwulan yang sudah diverifikasi (yang lain tidak dihitung)",
        )
        tambah_opsi_versi(parser)

    def handle(self, *args, **opsi):
        versi = pilih_versi(opsi)
        tahun = opsi["tahun"]
        if not versi.tahun_mulai <= tahun <= versi.tahun_akhir:
            raise CommandError(f"Tahun {tahun} di luar periode {versi.tahun_mulai}–{versi.tahun_akhir}.")
        ev = muat_evaluasi(versi, tahun, opsi["triwulan"], hanya_terverifikasi=opsi["terverifikasi"])
        baris = baris_capaian(ev)
        if opsi["json"]:
            self.stdout.write(json.dumps(baris, ensure_ascii=False, indent=1))
            return
        for b in baris:
            capaian = f"{format_angka(b['capaian'], 2)}%" if b["capaian"] is not None else (b["status"] or "")
            lokasi = f" [{b['lokasi']}]" if b["lokasi"] else ""
            belum = (
                f" ({b['status_verifikasi']})" if b["status_verifikasi"] not in (None, "diverifikasi") else ""
            )
            self.stdout.write(
                f"{b['indikator']}{lokasi}: target {b['target'] if b['target'] is not None else '-'}, "
                f"realisasi {b['realisasi'] if b['realisasi'] is not None else '-'} → {capaian} {b['predikat'] or ''}".rstrip()
                + belum
            )
        rata = ev.rata_capaian()
        p = cp.predikat(rata)
        self.stdout.write(
            f"\n{len(baris)} baris; rata-rata capaian {format_angka(rata, 2) + '%' if rata is not None else '-'}"
            f" ({p.label if p else 'tanpa predikat'}); {versi.pd}, {tahun} s.d. triwulan {opsi['triwulan']}."
            f"\n{ev.kalimat_verifikasi()}."
        )
