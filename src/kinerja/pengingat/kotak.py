"""A user's inbox: what needs their action now, computed from the data (nothing is stored).

Each kind of work (``jenis``) has a producer that reads the other apps through their models,
services and selectors, within the user's scope (``Cakupan``), in a fixed number of queries
whatever the amount of data. A producer gives ``Butir``: a line of the inbox with the page where
the user acts, and — when the work should be e-mailed now — its reminder stage (``tahap``).

The e-mail reminder of an item is the event ``kunci@tahap``: the same event is sent once
(``services.kirim_pengingat``); a new stage (3 days before the deadline, the deadline day …) or a
new occurrence (returned again, submitted again) is a new event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from kinerja.core.models import PemdaDemo
from kinerja.pengingat.jenis import JENIS, Jenis
from kinerja.renstra.models import RenstraVersi
from kinerja.renstra.selectors import pilih_versi_utama
from kinerja.wilayah.izin import Cakupan, cakupan


@dataclass(frozen=True)
class Butir:
    jenis: str
    kunci: str  # the event this item is about (stable from one run to the next)
    judul: str
    rincian: str
    alamat: str  # the page where the user acts (a path on this site)
    pemda_id: int | None = None
    tahap: str = ""  # the reminder stage now; "" = shown in the inbox, not e-mailed now
    tenggat: dt.date | None = None
    tanda: str = ""  # a short mark of urgency ("hari ini batas", "lewat batas", "dikembalikan" …)
    urut: tuple = ()
    judul_surel: str = ""  # the title in an e-mail, where the inbox's may not leave the system

    @property
    def mendesak(self) -> bool:
        return bool(self.tanda)

    @property
    def kunci_kiriman(self) -> str:
        """The event an e-mail of this item records (``Kiriman.kunci``)."""
        return f"{self.kunci}@{self.tahap}"


@dataclass
class Kelompok:
    jenis: Jenis
    butir: list[Butir]


@dataclass
class KotakMasuk:
    kelompok: list[Kelompok]  # the kinds that have items, in the inbox's order
    sekarang: dt.datetime
    demo: set[int] = field(default_factory=set)  # pemda ids of demonstration data among the items

    @property
    def jumlah(self) -> int:
        return sum(len(k.butir) for k in self.kelompok)

    @property
    def butir(self) -> list[Butir]:
        return [b for k in self.kelompok for b in k.butir]

    @property
    def ada_demo(self) -> bool:
        return any(b.pemda_id in self.demo for b in self.butir)

    @property
    def semua_demo(self) -> bool:
        """Every item is demonstration data: one notice says so, no item needs its own mark."""
        return bool(self.butir) and all(b.pemda_id in self.demo for b in self.butir)


class Konteks:
    """What every producer needs: the user, their scope, the moment, and the PDs' plan versions
    (read once for all producers)."""

    def __init__(self, pengguna, c: Cakupan, sekarang: dt.datetime):
        self.pengguna = pengguna
        self.c = c
        self.sekarang = sekarang
        self.hari = timezone.localtime(sekarang).date()
        self._versi: dict[int, list[RenstraVersi]] = {}

    def muat_versi(self, pd_ids) -> None:
        """Read the plan versions of these PDs (one query for those not read yet)."""
        baru = {p for p in pd_ids if p not in self._versi}
        if not baru:
            return
        for p in baru:
            self._versi[p] = []
        qs = (
            RenstraVersi.objects.filter(pd_id__in=baru)
            .exclude(jenis=RenstraVersi.Jenis.RENJA)
            .order_by("-id")
        )
        for v in qs:
            self._versi[v.pd_id].append(v)

    def versi_tahun(self, pd_id: int, tahun: int) -> RenstraVersi | None:
        """The PD's main version among those covering the year (as the verification queue picks it)."""
        self.muat_versi([pd_id])
        return pilih_versi_utama([v for v in self._versi[pd_id] if v.tahun_mulai <= tahun <= v.tahun_akhir])


# A producer reads once for one or more kinds and gives the items of those asked for.
Produsen = Callable[[Konteks, set[str]], list[Butir]]


def _produsen() -> list[tuple[set[str], Produsen]]:
    from kinerja.pengingat import kotak_layanan, kotak_monev, kotak_risiko

    return [*kotak_monev.PRODUSEN, *kotak_risiko.PRODUSEN, *kotak_layanan.PRODUSEN]


def hitung_kotak(
    pengguna, *, sekarang: dt.datetime | None = None, jenis: set[str] | None = None
) -> KotakMasuk:
    """The user's inbox at ``sekarang`` (default: now); ``jenis`` limits it to some kinds.

    A kind the user's roles do not lead to is not read at all. Callers check who may read the inbox
    (``services.kotak_masuk``)."""
    sekarang = sekarang or timezone.now()
    k = Konteks(pengguna, cakupan(pengguna), sekarang)
    aktif = {j.kode for j in JENIS if (jenis is None or j.kode in jenis) and j.peran(k.c)}
    per_jenis: dict[str, list[Butir]] = {}
    for kode, f in _produsen():
        if kode & aktif:
            for b in f(k, kode & aktif):
                per_jenis.setdefault(b.jenis, []).append(b)
    kelompok = [
        Kelompok(j, sorted(per_jenis[j.kode], key=lambda b: b.urut)) for j in JENIS if per_jenis.get(j.kode)
    ]
    demo = set(PemdaDemo.objects.values_list("pemda_id", flat=True)) if kelompok else set()
    return KotakMasuk(kelompok, sekarang, demo)
