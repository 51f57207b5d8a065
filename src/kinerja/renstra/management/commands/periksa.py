"""kinerja check: the consistency checker."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from kinerja.renstra.opsi_perintah import pilih_pd, pilih_versi
from kinerja.renstra.periksa import LABEL_TINGKAT, periksa, periksa_semua, ringkas
from kinerja.renstra.tanda import LABEL_STATUS, sebagai_dict, terapkan_tanda


class Command(BaseCommand):
    help = (
        "Periksa konsistensi Renstra: jumlah yang tidak cocok, target yang berbeda antartabel, label yang "
        "menyalahi skala, pagu yang menyalahi laju pertumbuhan, baris/sel yang hilang atau ganda, nama "
        "kelurahan/kecamatan, dan nomenklatur. Tanpa --pd/--versi semua versi di basis data diperiksa. "
        "Setiap temuan membawa tandanya (belum ditangani, ditangani, diterima, atau berubah sejak ditandai)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--json",
            action="store_true",
            help="tulis temuan sebagai JSON (daftar objek: code, name, severity, ..., status, catatan)",
        )
        parser.add_argument("--pd", help="hanya perangkat daerah ini (slug)")
        parser.add_argument("--versi", type=int, help="hanya versi Renstra ini (id)")
        parser.add_argument(
            "--tingkat",
            choices=["galat", "peringatan", "info"],
            help="hanya temuan setingkat ini atau lebih berat",
        )
        parser.add_argument(
            "--gagal-jika-galat",
            action="store_true",
            help="keluar dengan kode 1 bila ada temuan bertingkat galat",
        )

    def handle(self, *args, **opsi):
        if opsi["versi"]:
            temuan = periksa(pilih_versi(opsi))
        elif opsi["pd"]:
            temuan = periksa_semua(pilih_pd(opsi["pd"]))
        else:
            temuan = periksa_semua()
        if opsi["tingkat"]:
            batas = {"galat": 0, "peringatan": 1, "info": 2}[opsi["tingkat"]]
            temuan = [t for t in temuan if {"galat": 0, "peringatan": 1, "info": 2}[t.severity] <= batas]
        terapkan_tanda(temuan)
        if opsi["json"]:
            self.stdout.write(json.dumps([sebagai_dict(t) for t in temuan], ensure_ascii=False, indent=1))
        else:
            versi = None
            for t in temuan:
                if t.versi_id != versi:
                    versi = t.versi_id
                    self.stdout.write(self.style.MIGRATE_HEADING(f"\n{t.pd} — {t.versi}"))
                baris = ", ".join(str(b) for b in t.source_lines[:8]) + (
                    "…" if len(t.source_lines) > 8 else ""
                )
                self.stdout.write(
                    f"[{LABEL_TINGKAT[t.severity]}] {t.code} ({t.name}) · Tabel {t.table} · {t.row}"
                    + (f" · baris {baris}" if baris else "")
                )
                if t.printed or t.expected:
                    self.stdout.write(f"    tercetak: {t.printed}  |  seharusnya: {t.expected}")
                self.stdout.write(f"    {t.message}")
                if t.status != "terbuka":
                    catatan = f": {t.tanda.catatan}" if t.tanda.catatan else ""
                    self.stdout.write(f"    tanda: {LABEL_STATUS[t.status].lower()}{catatan}")
            h = ringkas(temuan)
            self.stdout.write(
                f"\n{len(temuan)} temuan: {h['galat']} galat, {h['peringatan']} peringatan, {h['info']} info."
            )
        if opsi["gagal_jika_galat"] and any(t.severity == "galat" for t in temuan):
            raise SystemExit(1)
