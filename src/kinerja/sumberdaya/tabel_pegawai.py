"""Tabel 2.2 (Jumlah Pegawai) counted from the staff register, beside the printed table.

Rows carry the printed table's own labels ("Pembina Tk.I (IV/b)", "Sarjana ( S 1 )"); a
category the document did not print (IV/c, S3, a PPPK grade …) gets a row of its own only
when someone holds it, so the rows of a sample that mirrors the document are the printed ones.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kinerja.sumberdaya.models import GOLONGAN_PPPK, Pegawai, RekapPegawai

P = Pegawai
K = RekapPegawai.Kelompok

# PNS ranks (PP 99/2000) in the document's spelling where it printed them; note that the
# document writes I/b as "Juru Muda", the name the regulation gives I/a (I/b is Juru Muda Tk. I).
LABEL_GOLONGAN = {
    "IV/e": "Pembina Utama (IV/e)",
    "IV/d": "Pembina Utama Madya (IV/d)",
    "IV/c": "Pembina Utama Muda (IV/c)",
    "IV/b": "Pembina Tk.I (IV/b)",
    "IV/a": "Pembina (IV/a)",
    "III/d": "Penata Tk. I (III/d)",
    "III/c": "Penata (III/c)",
    "III/b": "Penata Md Tk I (III/b)",
    "III/a": "Penata Muda (III/a)",
    "II/d": "Pengatur Tk I (II/d)",
    "II/c": "Pengatur (II/c)",
    "II/b": "Pengatur Muda Tk. I (II/b)",
    "II/a": "Pengatur Muda (II/a)",
    "I/d": "Juru Tk. I (I/d)",
    "I/c": "Juru (I/c)",
    "I/b": "Juru Muda (I/b)",
    "I/a": "Juru Muda (I/a)",
}
LABEL_PENDIDIKAN = {
    "S3": "Doktor ( S3 )",
    "S2": "Pasca Sarjana ( S2 )",
    "S1": "Sarjana ( S 1 )",
    "D4": "Diploma IV",
    "D3": "Diploma III",
    "D2": "Diploma II",
    "D1": "Diploma I",
    "SMA": "SMA",
    "SMP": "SMP",
    "SD": "SD",
}
LABEL_KELAMIN = {"L": "Laki-laki", "P": "Perempuan"}
STRUKTURAL = "Pejabat Struktural"
TANPA_GOLONGAN = "Non-ASN (tanpa golongan)"


def label_fungsional(nama: str) -> str:
    return f"Pejabat Fungsional {nama}".strip()


@dataclass
class Baris:
    uraian: str
    jumlah: int | None  # from the register
    tercetak: int | None  # as printed; None when the document has no such row


@dataclass
class Kelompok:
    kunci: str
    judul: str
    baris: list[Baris] = field(default_factory=list)
    catatan: str = ""

    @property
    def jumlah(self) -> int:
        return sum(b.jumlah or 0 for b in self.baris)

    @property
    def jumlah_tercetak(self) -> int | None:
        angka = [b.tercetak for b in self.baris if b.tercetak is not None]
        return sum(angka) if angka else None


def _hitung(orang: list[tuple]) -> dict[str, Counter]:
    """Counts per group from (status, golongan, golongan_pppk, pendidikan, jenis_jabatan,
    nama_fungsional, jenis_kelamin) tuples."""
    hitung = {k: Counter() for k in K.values}
    romawi = dict(GOLONGAN_PPPK)
    for status, gol, pppk, pendidikan, jenis_jabatan, fungsional, kelamin in orang:
        if gol:
            hitung[K.GOLONGAN][LABEL_GOLONGAN[gol]] += 1
        elif status == P.Status.PPPK:
            hitung[K.GOLONGAN][f"PPPK golongan {romawi[pppk]}" if pppk else "PPPK"] += 1
        else:
            hitung[K.GOLONGAN][TANPA_GOLONGAN] += 1
        hitung[K.PENDIDIKAN][LABEL_PENDIDIKAN[pendidikan]] += 1
        if jenis_jabatan == P.JenisJabatan.STRUKTURAL:
            hitung[K.JABATAN][STRUKTURAL] += 1
        elif jenis_jabatan == P.JenisJabatan.FUNGSIONAL:
            hitung[K.JABATAN][label_fungsional(fungsional)] += 1
        hitung[K.JENIS_KELAMIN][LABEL_KELAMIN[kelamin]] += 1
    return hitung


_URUT_BAWAAN = {
    K.GOLONGAN: list(LABEL_GOLONGAN.values()),
    K.PENDIDIKAN: list(LABEL_PENDIDIKAN.values()),
    K.JABATAN: [STRUKTURAL],
    K.JENIS_KELAMIN: list(LABEL_KELAMIN.values()),
}


def _urutan(kunci: str, tercetak: list[str], terhitung: Counter) -> list[str]:
    """Printed rows in printed order, then the register's other rows in their natural order."""
    bawaan = _URUT_BAWAAN[kunci]
    lain = [u for u in terhitung if u not in tercetak]
    lain.sort(key=lambda u: (bawaan.index(u) if u in bawaan else len(bawaan), u))
    if kunci == K.GOLONGAN:  # ranks not printed go to their place among the printed ones
        hasil = list(tercetak)
        for u in lain:
            if u in bawaan:
                sesudah = [
                    i for i, t in enumerate(hasil) if t in bawaan and bawaan.index(t) < bawaan.index(u)
                ]
                hasil.insert(sesudah[-1] + 1 if sesudah else 0, u)
            else:
                hasil.append(u)
        return hasil
    return [*tercetak, *lain]


def susun_tabel(orang: list[tuple], tercetak: list[RekapPegawai]) -> list[Kelompok]:
    """The four groups of Tabel 2.2: counted from ``orang``, beside the printed ``tercetak``."""
    hitung = _hitung(orang)
    cetak: dict[str, dict[str, int]] = {k: {} for k in K.values}
    for r in sorted(tercetak, key=lambda r: r.urutan):
        cetak[r.kelompok][r.uraian] = r.jumlah
    hasil = []
    for kunci, judul in K.choices:
        kel = Kelompok(kunci, judul)
        for uraian in _urutan(kunci, list(cetak[kunci]), hitung[kunci]):
            kel.baris.append(Baris(uraian, hitung[kunci].get(uraian, 0), cetak[kunci].get(uraian)))
        if kunci == K.JABATAN:
            pelaksana = sum(1 for o in orang if o[4] == P.JenisJabatan.PELAKSANA)
            kel.catatan = (
                f"Pelaksana (tidak dihitung dalam kelompok ini, seperti tabel tercetak): {pelaksana} orang."
            )
        hasil.append(kel)
    return hasil
