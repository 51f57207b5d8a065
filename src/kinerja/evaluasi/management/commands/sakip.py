"""kinerja sakip: the SAKIP evaluation score of a PD for a year; or load a newer worksheet (LKE)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kinerja.core.angka import format_angka
from kinerja.core.pelaku import Sistem
from kinerja.core.pembulatan import bulat
from kinerja.renstra.opsi_perintah import pilih_pd
from kinerja.sakip import services
from kinerja.sakip.nilai import Skor
from kinerja.wilayah.models import Pemda

PELAKU = Sistem("kinerja sakip")


def _angka(x) -> float:
    return float(bulat(x))


def _objek(ev, skor: Skor, mandiri: Skor, sumber: str) -> dict:
    return {
        "pd": ev.pd.slug,
        "tahun": ev.tahun,
        "status": ev.status,
        "final": ev.status == ev.Status.SELESAI,
        "demonstrasi": ev.demonstrasi,
        "lke": ev.lke.kode,
        "sumber_nilai": sumber,
        "nilai": _angka(skor.nilai),
        "predikat": skor.predikat.kode if skor.predikat else None,
        "label_predikat": skor.predikat.label if skor.predikat else None,
        "lengkap": skor.lengkap,
        "komponen": [
            {"kode": k.kode, "nama": k.nama, "bobot": _angka(k.bobot), "nilai": _angka(k.nilai)}
            for k in skor.komponen
        ],
        "mandiri": {
            "nilai": _angka(mandiri.nilai),
            "predikat": mandiri.predikat.kode if mandiri.predikat else None,
            "lengkap": mandiri.lengkap,
        },
    }


class Command(BaseCommand):
    help = (
        "Nilai evaluasi SAKIP (LKE PermenPANRB 88/2021) satu perangkat daerah untuk satu tahun: nilai per komponen, "
        "nilai akhir dan predikat. Nilai yang dilaporkan adalah nilai evaluator Inspektorat bila sudah ada, selain itu "
        "nilai mandiri perangkat daerah (kunci sumber_nilai: evaluator atau mandiri; final: sudah ditetapkan). "
        "--json menulis satu objek dengan kunci nilai (2 desimal), predikat, komponen (kode, nama, bobot, nilai), "
        "status, final, demonstrasi dan mandiri. --muat BERKAS.toml --pemda SLUG memuat LKE yang lebih baru; "
        "berkas ditolak bila bobotnya tidak berjumlah benar."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", "--tahun", dest="tahun", type=int, help="tahun yang dievaluasi")
        parser.add_argument(
            "--pd",
            help="slug perangkat daerah (bawaan: satu-satunya PD; pada basis data demonstrasi, PD contoh; selain itu wajib)",
        )
        parser.add_argument("--json", action="store_true", help="tulis JSON")
        parser.add_argument(
            "--muat", metavar="BERKAS", help="muat lembar kerja evaluasi (TOML) untuk sebuah pemda"
        )
        parser.add_argument("--pemda", help="slug pemerintah daerah untuk --muat (bawaan: pemda pertama)")

    def handle(self, *args, **opsi):
        if opsi["muat"]:
            return self._muat(opsi)
        if opsi["tahun"] is None:
            raise CommandError("Sebutkan tahun dengan --year TAHUN (atau --muat BERKAS untuk memuat LKE).")
        pd = pilih_pd(opsi["pd"])
        ev = services.baca_evaluasi(pengguna=PELAKU, pd=pd, tahun=opsi["tahun"])
        if ev is None:
            raise CommandError(f"Belum ada evaluasi SAKIP {pd.nama} untuk tahun {opsi['tahun']}.")
        mandiri, evaluator = services.ringkasan(pengguna=PELAKU, evaluasi=ev)
        ada_evaluator = any(s.persen is not None for s in evaluator.sub())
        skor, sumber = (evaluator, "evaluator") if ada_evaluator else (mandiri, "mandiri")
        objek = _objek(ev, skor, mandiri, sumber)
        if opsi["json"]:
            self.stdout.write(json.dumps(objek, ensure_ascii=False, indent=1))
            return
        for k in skor.komponen:
            self.stdout.write(
                f"{k.kode}. {k.nama}: {format_angka(bulat(k.nilai), 2)} dari {format_angka(k.bobot)}"
            )
        p = skor.predikat
        self.stdout.write(
            f"\nNilai {'evaluator' if ada_evaluator else 'mandiri'} {pd.nama} {ev.tahun}: "
            f"{format_angka(bulat(skor.nilai), 2)} {p.kode + ' (' + p.label + ')' if p else ''}".rstrip()
            + ("" if skor.lengkap else " — belum lengkap")
            + f"; status: {ev.get_status_display().lower()}."
            + (" Data demonstrasi." if ev.demonstrasi else "")
        )

    def _muat(self, opsi):
        qs = Pemda.objects.order_by("id")
        pemda = qs.filter(slug=opsi["pemda"]).first() if opsi["pemda"] else qs.first()
        if pemda is None:
            raise CommandError(f"Pemerintah daerah '{opsi['pemda'] or ''}' tidak ada.")
        path = Path(opsi["muat"])
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ada.")
        try:
            lke = services.muat_lke(
                pengguna=PELAKU, pemda=pemda, isi=path.read_bytes(), nama_berkas=path.name
            )
        except ValidationError as e:
            raise CommandError("LKE ditolak:\n- " + "\n- ".join(e.messages)) from None
        self.stdout.write(f"LKE “{lke.judul}” ({lke.kode}) dimuat untuk {pemda.nama}; dipakai evaluasi baru.")
