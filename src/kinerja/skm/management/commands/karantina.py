"""kinerja karantina: find bursts of public survey answers, quarantine them, restore them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from kinerja.core.angka import format_angka
from kinerja.core.pelaku import Sistem
from kinerja.skm import services
from kinerja.skm.models import Kios


def _waktu(teks: str | None, nama: str) -> dt.datetime | None:
    if not teks:
        return None
    w = parse_datetime(teks.replace(" ", "T")) if "T" in teks or " " in teks else None
    if w is None:
        try:
            w = dt.datetime.combine(dt.date.fromisoformat(teks), dt.time())
        except ValueError:
            raise CommandError(f"{nama} '{teks}' bukan waktu (mis. 2026-12-02 08:00).") from None
    return timezone.make_aware(w) if timezone.is_naive(w) else w


class Command(BaseCommand):
    help = (
        "Karantina jawaban survei dari kios/tautan ponsel atau alamat yang mengirim beruntun. "
        "'daftar': kelompok kiriman (kios, saluran, sidik alamat) yang besar sejak --jam jam lalu. "
        "'tandai' / 'pulihkan': keluarkan dari IKM atau kembalikan jawaban yang diterima dalam rentang "
        "--mulai … --sampai (atau --jam terakhir) dari --kios ID dan/atau --alamat SIDIK; wajib --alasan. "
        "Setiap tindakan tercatat di jejak audit unitnya."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="aksi", required=True)
        d = sub.add_parser("daftar", help="kelompok kiriman terbesar")
        d.add_argument("--jam", type=int, default=24, help="sejak berapa jam lalu (bawaan 24)")
        d.add_argument("--minimal", type=int, default=20, help="hanya kelompok paling sedikit sebanyak ini")
        for nama, bantuan in (("tandai", "karantinakan"), ("pulihkan", "pulihkan dari karantina")):
            p = sub.add_parser(nama, help=bantuan)
            p.add_argument("--kios", type=int, help="id kios (kios dan tautan ponselnya)")
            p.add_argument("--alamat", help="sidik alamat (alamat_hash) dari 'daftar'")
            p.add_argument("--mulai", help="diterima sejak (YYYY-MM-DD atau 'YYYY-MM-DD HH:MM')")
            p.add_argument("--sampai", help="diterima sebelum")
            p.add_argument("--jam", type=int, help="atau: diterima dalam sekian jam terakhir")
            p.add_argument("--alasan", required=True, help="alasan (tercatat di jejak audit)")

    def handle(self, *args, **o):
        if o["aksi"] == "daftar":
            sejak = timezone.now() - dt.timedelta(hours=o["jam"])
            baris = services.ringkas_kiriman(
                pengguna=Sistem("kinerja karantina"), sejak=sejak, minimal=o["minimal"]
            )
            if not baris:
                self.stdout.write(f"Tidak ada kelompok ≥ {o['minimal']} kiriman sejak {o['jam']} jam lalu.")
                return
            for b in baris:
                self.stdout.write(
                    f"kios {b['kios_id'] or '–'} {b['kios__nama'] or ''} · {b['sumber']} · alamat "
                    f"{b['alamat_hash'] or '–'} · {format_angka(b['jumlah'])} kiriman "
                    f"({format_angka(b['dikarantina'])} dikarantina) · "
                    f"{timezone.localtime(b['pertama']):%d-%m-%Y %H:%M}–{timezone.localtime(b['terakhir']):%H:%M}"
                )
            return
        kios = None
        if o["kios"] is not None:
            kios = Kios.objects.filter(pk=o["kios"]).first()
            if kios is None:
                raise CommandError(f"Kios {o['kios']} tidak ada.")
        if o["jam"]:
            sampai = timezone.now() + dt.timedelta(seconds=1)
            mulai = sampai - dt.timedelta(hours=o["jam"])
        else:
            mulai, sampai = _waktu(o["mulai"], "--mulai"), _waktu(o["sampai"], "--sampai")
        fungsi = services.karantina if o["aksi"] == "tandai" else services.pulihkan
        try:
            n = fungsi(
                pengguna=Sistem("kinerja karantina"),
                alasan=o["alasan"],
                kios=kios,
                alamat_hash=(o["alamat"] or "").strip(),
                mulai=mulai,
                sampai=sampai,
            )
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from None
        kata = "dikarantina" if o["aksi"] == "tandai" else "dipulihkan"
        self.stdout.write(f"{format_angka(n)} jawaban {kata}.")
