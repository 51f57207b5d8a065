"""kinerja skm: the IKM of questionnaires collected on paper, and the minimum sample size."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kinerja.core.angka import format_angka
from kinerja.core.pembulatan import bulat
from kinerja.skm import ikm


def baca_csv(path: Path) -> ikm.HasilIKM:
    """Columns U1…U9 (answers 1–4, blank = not answered); other columns are ignored."""
    try:
        teks = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CommandError(f"Berkas {path} tidak ada.") from None
    except UnicodeDecodeError:
        raise CommandError(f"Berkas {path} bukan teks UTF-8.") from None
    contoh = teks[:4096]
    try:
        dialek = csv.Sniffer().sniff(contoh, delimiters=",;\t")
    except csv.Error:
        dialek = csv.excel
    pembaca = csv.DictReader(teks.splitlines(), dialect=dialek)
    kolom = {(k or "").strip().upper(): k for k in pembaca.fieldnames or []}
    kurang = [u for u in ikm.UNSUR if u not in kolom]
    if kurang:
        raise CommandError(f"Kolom {', '.join(kurang)} tidak ada. Kolom yang dibaca: U1 … U9.")
    baris, galat = [], []
    for nomor, r in enumerate(pembaca, start=2):
        jawaban = {}
        for u in ikm.UNSUR:
            v = (r.get(kolom[u]) or "").strip()
            if not v:
                jawaban[u] = None
            elif v in ("1", "2", "3", "4"):
                jawaban[u] = int(v)
            else:
                galat.append(f"baris {nomor}: {u} = '{v}' (harus 1, 2, 3 atau 4, atau kosong)")
        if all(v is None for v in jawaban.values()):
            continue
        baris.append(jawaban)
    if galat:
        raise CommandError("Jawaban di luar 1–4, tidak ada yang dihitung:\n  " + "\n  ".join(galat))
    if not baris:
        raise CommandError("Tidak ada kuesioner berisi jawaban.")
    return ikm.dari_jawaban(baris)


class Command(BaseCommand):
    help = (
        "Survei kepuasan masyarakat (PermenPANRB 14/2017). 'ikm BERKAS.csv [--json]': NRR per unsur, IKM, mutu dan "
        "kinerja dari kuesioner kertas atau dari unduhan jawaban SKM (kolom U1…U9, jawaban 1–4, kosong = tidak "
        "dijawab; pemisah ';', ',' atau tab dikenali sendiri). "
        "'sampel N': sampel minimum Krejcie–Morgan untuk populasi N."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="aksi", required=True)
        p = sub.add_parser("ikm", help="hitung IKM dari berkas CSV")
        p.add_argument("berkas")
        p.add_argument("--json", action="store_true", help="tulis JSON: responden, nrr, ikm, mutu, kinerja")
        s = sub.add_parser("sampel", help="sampel minimum untuk populasi N")
        s.add_argument("populasi", type=int)

    def handle(self, *args, **opsi):
        if opsi["aksi"] == "sampel":
            if opsi["populasi"] < 1:
                raise CommandError("Populasi harus 1 atau lebih.")
            self.stdout.write(str(ikm.sampel_minimum(opsi["populasi"])))
            return
        h = baca_csv(Path(opsi["berkas"]))
        if opsi["json"]:
            data = {
                "responden": h.responden,
                "nrr": {u.kode: float(bulat(u.nrr, 4)) if u.nrr is not None else None for u in h.unsur},
                "nrr_tertimbang": {
                    u.kode: float(bulat(u.nrr_tertimbang, 4)) if u.nrr is not None else None for u in h.unsur
                },
                "ikm": float(h.ikm) if h.ikm is not None else None,
                "mutu": h.mutu,
                "kinerja": h.kinerja,
                "unsur_terlemah": h.terlemah.kode if h.terlemah else None,
                "pembulatan": "bobot 1/9 tepat; pembulatan dua desimal (setengah ke atas) hanya pada IKM akhir",
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"{format_angka(h.responden)} kuesioner")
        for u in h.unsur:
            nrr = format_angka(bulat(u.nrr, 2), 2) if u.nrr is not None else "–"
            self.stdout.write(
                f"  {u.kode} {u.nama:<42} jumlah {format_angka(u.jumlah):>7}  jawaban {format_angka(u.responden):>6}"
                f"  NRR {nrr}"
            )
        if h.ikm is None:
            self.stdout.write("IKM tidak dapat dihitung: ada unsur yang tidak dijawab sama sekali.")
            return
        self.stdout.write(
            f"IKM {format_angka(h.ikm, 2)} — mutu {h.mutu} ({h.kinerja}); unsur terlemah {h.terlemah.kode} {h.terlemah.nama}"
        )
        self.stdout.write("Bobot 1/9 tepat; dibulatkan dua desimal (setengah ke atas) hanya di akhir.")
