"""The national list of program, kegiatan and sub kegiatan, and matching against it."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib.resources import files

from django.db import transaction

from kinerja.renstra.models import Nomenklatur

REVISI = "2027"
_BERKAS = "sub-kegiatan-2027.csv"
_PENUNJANG = "X.XX"


def _pisah(teks: str) -> tuple[str, str]:
    """'7.01.02 PROGRAM …' → ('7.01.02', 'PROGRAM …'), whitespace normalised."""
    rapi = " ".join((teks or "").split())
    kode, _, nama = rapi.partition(" ")
    return kode, nama


def baca_berkas(path=None) -> list[Nomenklatur]:
    """Entries of the national CSV: each distinct program, kegiatan and sub kegiatan."""
    sumber = path or files("kinerja.data").joinpath("nomenklatur", _BERKAS)
    entri: dict[tuple[str, str], Nomenklatur] = {}
    with sumber.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            jp = r["jenis_pemda"].strip()
            kp, np = _pisah(r["program"])
            kk, nk = _pisah(r["kegiatan"])
            ks, ns = _pisah(r["sub_kegiatan"])
            entri.setdefault((jp, kp), Nomenklatur(jenis_pemda=jp, tingkat="program", kode=kp, nama=np))
            entri.setdefault(
                (jp, kk), Nomenklatur(jenis_pemda=jp, tingkat="kegiatan", kode=kk, nama=nk, kode_induk=kp)
            )
            entri[(jp, ks)] = Nomenklatur(
                jenis_pemda=jp,
                tingkat="sub_kegiatan",
                kode=ks,
                nama=ns,
                kode_induk=kk,
                kinerja=" ".join(r["kinerja"].split()),
                indikator=" ".join(r["indikator"].split()),
                satuan=" ".join(r["satuan"].split()),
                definisi_operasional=r["definisi_operasional"].strip(),
                kode_sebelumnya=" ".join(r["sub_kegiatan_sebelumnya"].split()),
            )
    for e in entri.values():
        e.revisi = REVISI
    return list(entri.values())


@transaction.atomic
def muat_nomenklatur(path=None) -> int:
    """Load the national list once (it is shared by every pemda)."""
    if Nomenklatur.objects.filter(revisi=REVISI).exists():
        return 0
    entri = baca_berkas(path)
    Nomenklatur.objects.bulk_create(entri, batch_size=1000)
    return len(entri)


# Program 01 of every bidang is the supporting programme, listed nationally only as X.XX.01: no
# bidang has a programme of its own numbered 01, so the code alone says it (7.01.01.2.01 → X.XX.01.2.01).
_KODE_PENUNJANG = re.compile(r"\d+\.\d+(?=\.01(?:\.|$))")


def kode_nasional(kode: str, kode_bidang: str = "") -> str:
    """A PD writes the supporting programme with its own bidang: 7.01.01 ↔ X.XX.01. The code
    itself names the bidang, so a PD whose kode bidang urusan is not filled in still matches."""
    if kode_bidang and kode.startswith(kode_bidang + ".01"):
        return _PENUNJANG + kode[len(kode_bidang) :]
    cocok = _KODE_PENUNJANG.match(kode or "")
    if cocok:
        return _PENUNJANG + kode[cocok.end() :]
    return kode


def kode_pd(kode_nas: str, kode_bidang: str) -> str:
    if kode_nas.startswith(_PENUNJANG) and kode_bidang:
        return kode_bidang + kode_nas[len(_PENUNJANG) :]
    return kode_nas


def tingkat_dari_kode(kode: str) -> str | None:
    """Program codes have 3 parts (7.01.02), kegiatan 5 (7.01.02.2.01), sub kegiatan 6."""
    jumlah = len(kode.split(".")) if kode else 0
    return {3: "program", 5: "kegiatan", 6: "sub_kegiatan"}.get(jumlah)


def kode_induk(kode: str) -> str:
    bagian = kode.split(".")
    if len(bagian) == 6:
        return ".".join(bagian[:5])
    if len(bagian) == 5:
        return ".".join(bagian[:3])
    return ""


_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def kunci_nama(teks: str) -> str:
    """Compare names ignoring case, spacing and punctuation."""
    return _NON_ALNUM.sub(" ", (teks or "").casefold()).strip()


# Urusan and unsur of the classification of Permendagri 90/2019 (Lampiran I): the national list
# (``sub-kegiatan-2027.csv``) names each bidang but not the urusan above it.
URUSAN = {
    "1": "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR",
    "2": "URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR",
    "3": "URUSAN PEMERINTAHAN PILIHAN",
    "4": "UNSUR PENDUKUNG URUSAN PEMERINTAHAN",
    "5": "UNSUR PENUNJANG URUSAN PEMERINTAHAN",
    "6": "UNSUR PENGAWASAN URUSAN PEMERINTAHAN",
    "7": "UNSUR KEWILAYAHAN",
    "8": "UNSUR PEMERINTAHAN UMUM",
}


@lru_cache(maxsize=2)
def _nama_bidang(jenis_pemda: str) -> dict[str, str]:
    """kode bidang → its name in the national list, for one kind of pemda ("7.01" → "KECAMATAN")."""
    hasil: dict[str, str] = {}
    with files("kinerja.data").joinpath("nomenklatur", _BERKAS).open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["jenis_pemda"].strip() == jenis_pemda:
                kode, nama = _pisah(r["bidang"])
                hasil.setdefault(kode, nama)
    return hasil


def urusan_bidang(kode_program: str, jenis_pemda: str) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """The urusan and the bidang urusan of a program code (7.01.02 → ("7", …), ("7.01", "KECAMATAN"));
    names from the national list, empty where it has none; None for a code without both parts."""
    bagian = (kode_program or "").split(".")
    if len(bagian) < 2 or not bagian[0] or not bagian[1] or bagian[0] == "X":
        return None
    ku, kb = bagian[0], f"{bagian[0]}.{bagian[1]}"
    return (ku, URUSAN.get(ku, "")), (kb, _nama_bidang(jenis_pemda).get(kb, ""))
