"""kinerja beda: the differences between two plan versions, each with its reason."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kinerja.core import angka
from kinerja.renstra.beda import LABEL_JENIS, asal_perbedaan, bandingkan, dampak_pagu, sebagai_json
from kinerja.renstra.models import RenstraVersi
from kinerja.renstra.selectors import muat_rencana


def _selisih(v) -> str:
    return ("+" if v > 0 else "") + angka.format_rupiah(v)


class Command(BaseCommand):
    help = (
        "Perbedaan versi ID2 terhadap versi ID1 (unsur, nomenklatur, indikator, kondisi awal, target, pagu), "
        "setiap perbedaan dengan alasan, oleh siapa dan kapan dari jejak audit versi ID2, serta dampaknya pada "
        "pagu program dan kegiatan. Lihat nomor versi dengan 'kinerja versi'."
    )

    def add_arguments(self, parser):
        parser.add_argument("id1", type=int, help="versi lama (pembanding)")
        parser.add_argument("id2", type=int, help="versi baru")
        parser.add_argument(
            "--json",
            action="store_true",
            help="tulis sebagai JSON: daftar objek dengan jenis, bagian, tingkat, kode, unsur, indikator, "
            "lokasi, tahun, kolom, dari, menjadi, selisih (rupiah, untuk pagu), alasan, oleh, waktu",
        )

    def handle(self, *args, **opsi):
        versi = []
        for pk in (opsi["id1"], opsi["id2"]):
            v = RenstraVersi.objects.select_related("pd__pemda", "rpjmd").filter(pk=pk).first()
            if v is None:
                raise CommandError(f"Versi {pk} tidak ada. Lihat daftarnya dengan 'kinerja versi'.")
            versi.append(v)
        if versi[0].pd_id != versi[1].pd_id:
            raise CommandError("Kedua versi harus milik perangkat daerah yang sama.")
        lama, baru = (muat_rencana(v) for v in versi)
        beda = bandingkan(lama, baru)
        asal = asal_perbedaan(baru, beda)
        if opsi["json"]:
            self.stdout.write(json.dumps(sebagai_json(beda, asal), ensure_ascii=False, indent=1))
            return
        tulis = self.stdout.write
        tulis(f"Perbedaan #{versi[1].pk} {versi[1].nama} terhadap #{versi[0].pk} {versi[0].nama}:")
        if not beda:
            tulis("Tidak ada perbedaan.")
            return
        for p, a in zip(beda, asal, strict=True):
            rinci = " · ".join(str(x) for x in (p.indikator, p.lokasi, p.tahun or "", p.kolom) if x)
            nilai = f": {p.dari or '(kosong)'} → {p.ke or '(kosong)'}" if p.dari or p.ke else ""
            if p.selisih is not None:
                nilai += f" (selisih {_selisih(p.selisih)})"
            oleh = (
                f" — {a.alasan or 'tanpa alasan'} ({a.oleh}, {timezone.localtime(a.waktu):%d-%m-%Y %H:%M})"
                if a
                else ""
            )
            tulis(
                f"- {LABEL_JENIS[p.jenis]} {p.bagian}: {p.unsur}"
                + (f" · {rinci}" if rinci else "")
                + nilai
                + oleh
            )
        dampak = dampak_pagu(lama, baru)
        if dampak:
            tulis("Dampak pada pagu program, kegiatan dan perangkat daerah:")
            for d in dampak:
                tulis(
                    f"- {d.unsur}, {d.tahun}: Rp{angka.format_rupiah(d.dari)} → Rp{angka.format_rupiah(d.ke)} "
                    f"(selisih {_selisih(d.selisih)})"
                )
        tulis(f"{len(beda)} perbedaan.")
