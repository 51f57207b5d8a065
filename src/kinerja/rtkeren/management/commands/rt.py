"""kinerja rt: each RT's RT Keren year (rembug warga, pagu, realisasi, penyerapan, berdaya)."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from kinerja.core.angka import format_angka, format_rupiah
from kinerja.renstra.opsi_perintah import pilih_pd
from kinerja.rtkeren import hitung
from kinerja.rtkeren.selectors import definisi


def _angka(x):
    return None if x is None else float(x) if x != int(x) else int(x)


class Command(BaseCommand):
    help = (
        "RT Keren per RT untuk satu tahun: rembug warga, pagu, realisasi, penyerapan dan berdaya, dihitung dari "
        "catatan RT Keren dengan ambang pemda. --json: satu objek per RT dengan kunci kelurahan, rw, rt, ketua, "
        "rembug, pagu, realisasi, penyerapan (persen atau null) dan berdaya. --ringkas: per kelurahan "
        "(jumlah_rt, rt_rembug, rt_serapan, rt_berdaya, persen_rt_berdaya, berdaya, pagu, realisasi, penyerapan, "
        "pagu_rencana)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", "--tahun", dest="tahun", type=int, required=True, help="tahun RT Keren")
        parser.add_argument("--kelurahan", help="nama pendek kelurahan (mis. Gedog); bawaan: semua")
        parser.add_argument("--sampai", help="keadaan per tanggal TTTT-BB-HH (bawaan: akhir tahun)")
        parser.add_argument("--ringkas", action="store_true", help="satu baris per kelurahan")
        parser.add_argument("--json", action="store_true", help="tulis JSON")
        parser.add_argument(
            "--pd",
            help="slug perangkat daerah (bawaan: satu-satunya PD; pada basis data demonstrasi, PD contoh; selain itu wajib)",
        )

    def _pilihan(self, opsi):
        pd = pilih_pd(opsi.get("pd"))
        tahun = opsi["tahun"]
        if not 2000 <= tahun <= 2100:
            raise CommandError(f"Tahun {tahun} tidak masuk akal.")
        sampai = None
        if opsi.get("sampai"):
            try:
                sampai = dt.date.fromisoformat(opsi["sampai"])
            except ValueError as e:
                raise CommandError(f"Tanggal '{opsi['sampai']}' tidak dikenali; tulis TTTT-BB-HH.") from e
        kel = hitung.kelurahan_pd(pd)
        if opsi.get("kelurahan"):
            pilih = [
                u
                for u in kel
                if opsi["kelurahan"].casefold() in (u.nama_pendek.casefold(), u.nama.casefold())
            ]
            if not pilih:
                nama = ", ".join(u.nama_pendek for u in kel)
                raise CommandError(f"Kelurahan '{opsi['kelurahan']}' tidak ada di {pd}. Pilihan: {nama}")
            kel = pilih
        return pd, tahun, sampai, kel

    def handle(self, *args, **opsi):
        pd, tahun, sampai, kel = self._pilihan(opsi)
        if opsi["ringkas"]:
            ids = {u.pk for u in kel}
            data = [k for k in hitung.keadaan_kelurahan(pd, tahun, sampai) if k.unit_id in ids]
            return self._ringkas(data, opsi["json"], pd)
        nama = {u.pk: u.nama_pendek for u in kel}
        data = hitung.keadaan_rt([u.pk for u in kel], tahun, sampai, hitung.pengaturan_pd(pd))
        if opsi["json"]:
            baris = [
                {
                    "kelurahan": nama[k.unit_id],
                    "rw": k.rw,
                    "rt": k.nomor,
                    "ketua": k.ketua or None,
                    "rembug": k.rembug,
                    "pagu": _angka(k.pagu),
                    "realisasi": _angka(k.realisasi),
                    "penyerapan": _angka(k.penyerapan),
                    "berdaya": k.berdaya,
                }
                for k in data
            ]
            self.stdout.write(json.dumps(baris, ensure_ascii=False, indent=1))
            return
        for k in data:
            serap = f"{format_angka(k.penyerapan, 2)}%" if k.penyerapan is not None else "-"
            pagu = format_rupiah(k.pagu) if k.pagu is not None else "belum ada"
            self.stdout.write(
                f"{nama[k.unit_id]} {k.nama}: {k.rembug} rembug, pagu {pagu}, realisasi {format_rupiah(k.realisasi)}, "
                f"penyerapan {serap}, {'berdaya' if k.berdaya else 'belum berdaya'}"
            )
        self.stdout.write(f"\n{len(data)} RT; {definisi(pd.pemda_id)['rt']}")

    def _ringkas(self, data, sebagai_json: bool, pd):
        if sebagai_json:
            baris = [
                {
                    "kelurahan": k.nama_pendek,
                    "jumlah_rt": k.jumlah_rt,
                    "rt_rembug": k.rt_rembug,
                    "rt_serapan": k.rt_serapan,
                    "rt_berdaya": k.rt_berdaya,
                    "persen_rt_berdaya": _angka(k.persen_rt_berdaya),
                    "berdaya": k.berdaya,
                    "pagu": _angka(k.pagu),
                    "realisasi": _angka(k.realisasi),
                    "penyerapan": _angka(k.penyerapan),
                    "pagu_rencana": _angka(k.pagu_rencana),
                }
                for k in data
            ]
            self.stdout.write(json.dumps(baris, ensure_ascii=False, indent=1))
            return
        for k in data:
            persen = f"{format_angka(k.persen_rt_berdaya, 2)}%" if k.persen_rt_berdaya is not None else "-"
            self.stdout.write(
                f"{k.nama}: {k.rt_berdaya} dari {k.jumlah_rt} RT berdaya ({persen}), "
                f"{'berdaya' if k.berdaya else 'belum berdaya'}; {k.rt_rembug} RT rembug warga, "
                f"{k.rt_serapan} RT penyerapan cukup"
            )
        d = definisi(pd.pemda_id)
        self.stdout.write(f"\n{d['rt']}\n{d['kelurahan']}")
