"""Bappeda's view of a whole pemda for a year and quarter: one row per PD.

The counts that grow with the number of PDs (reports, approvals, IKM, the freshness of each PD's data)
are read for every PD at once, in a fixed number of queries. Capaian, budget absorption and checker
findings are monev's and renstra's own figures (``muat_evaluasi`` — the PD's capaian page —, and
``periksa``), kept in the shared cache per PD: the key holds the PD's latest audit entry, so a change
made by a user makes that PD's figures be worked out again at the next view; values computed from
service records (kiosk answers are not audited) are at most ``UMUR`` seconds old.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Max

from kinerja.core.models import CatatanAudit
from kinerja.core.skala import Pita, pita
from kinerja.monev import capaian as cp
from kinerja.monev.models import Laporan, PersetujuanPD
from kinerja.monev.selectors import NAMA_TRIWULAN, batas_laporan, muat_evaluasi
from kinerja.renstra.models import RenstraVersi
from kinerja.renstra.periksa import periksa, ringkas
from kinerja.renstra.selectors import Rencana, muat_rencana, pilih_versi_utama
from kinerja.skm import selectors as skm_selectors
from kinerja.wilayah.izin import Cakupan, pelaku_wajib
from kinerja.wilayah.models import Pemda, PerangkatDaerah, Unit

S = Laporan.Status
P = PersetujuanPD.Status
# Seconds a PD's kept figures may stay: capaian and absorption (values computed from service records,
# which are not audited, may be this old), spread by PD so that they are not all worked out at once;
# the checker's findings depend on the plan alone, whose every change is audited.
UMUR = 1800
UMUR_TEMUAN = 86400
LABEL_SETUJU = {P.MENUNGGU: "menunggu", P.DISETUJUI: "disetujui", P.DIKEMBALIKAN: "dikembalikan"}


def boleh_pantau(c: Cakupan, pemda: Pemda) -> bool:
    """Bappeda (verifikator over the whole pemda), the pemda's administrator, or a superuser."""
    return c.semua or pemda.pk in c.pemda_verifikasi or pemda.pk in c.pemda_admin


def pemda_pantauan(c: Cakupan) -> list[int]:
    """The pemda ids whose page the user may open (all of them for a superuser: None)."""
    return sorted(c.pemda_verifikasi | c.pemda_admin)


@dataclass
class Kelengkapan:
    """Unit reports of a PD in one quarter."""

    unit: int = 0
    draft: int = 0
    diajukan: int = 0
    diverifikasi: int = 0
    dikembalikan: int = 0
    terlambat: int = 0
    dimulai: bool = True  # the quarter has begun
    direncanakan: bool = True  # the PD's plan covers the year: without one, nothing is due nor late
    persetujuan: str = ""  # menunggu / disetujui / dikembalikan, where the pemda uses two levels

    @property
    def diisi(self) -> int:
        """Reports entered (a row exists, whatever its state)."""
        return self.draft + self.diajukan + self.diverifikasi + self.dikembalikan

    @property
    def belum(self) -> int:
        return self.unit - self.diisi

    @property
    def lengkap(self) -> bool:
        return self.unit > 0 and self.diverifikasi == self.unit


@dataclass
class Angka:
    """A PD's figures for a quarter, as its own capaian page and checker show them."""

    ada_rencana: bool
    capaian: Decimal | None = None
    serapan: Decimal | None = None
    baris: int = 0  # indicator rows with a target this year
    terisi: int = 0  # of which with a realisation
    unit_verif: int = 0
    unit_lapor: int = 0
    temuan: dict = field(default_factory=dict)


@dataclass
class BarisPD:
    pd: PerangkatDaerah
    versi: RenstraVersi | None
    triwulan: dict[int, Kelengkapan]
    kini: Angka
    lalu: Angka | None
    ikm: Decimal | None = None
    responden: int = 0
    peringkat: int | None = None
    tw: int = 4
    dua_tingkat: bool = False

    @property
    def predikat(self) -> cp.Predikat | None:
        return cp.predikat(self.kini.capaian)

    @property
    def tren(self) -> Decimal | None:
        """Change of the mean capaian since the previous quarter (points), when both exist."""
        if self.lalu is None or self.lalu.capaian is None or self.kini.capaian is None:
            return None
        return self.kini.capaian - self.lalu.capaian

    @property
    def terverifikasi(self) -> bool:
        """Every reporting unit's report of the quarter is verified (and, on two levels, approved)."""
        k = self.kini
        return k.unit_lapor > 0 and k.unit_verif == k.unit_lapor

    @property
    def tanda_belum(self) -> str:
        """How the quarter's figures fall short of final: not every unit's report verified, or (on two
        levels) the PD's quarter not approved by Bappeda; "" when final."""
        if not self.terverifikasi:
            return "belum terverifikasi"
        if self.dua_tingkat and self.triwulan[self.tw].persetujuan != P.DISETUJUI:
            return "belum disetujui Bappeda"
        return ""

    @property
    def mutu_ikm(self) -> Pita | None:
        return pita("ikm", self.ikm) if self.ikm is not None else None


@dataclass
class Ringkasan:
    pemda: Pemda
    tahun: int
    triwulan: int
    baris: list[BarisPD]
    dua_tingkat: bool
    hari: dt.date

    @property
    def nama_triwulan(self) -> str:
        return NAMA_TRIWULAN[self.triwulan]


def _hitung_angka(versi: RenstraVersi | None, tahun: int, triwulan: int, r: Rencana | None = None) -> Angka:
    if versi is None:
        return Angka(ada_rencana=False)
    ev = muat_evaluasi(r or versi, tahun, triwulan)
    baris = ev.baris_indikator
    sudah, semua = ev.unit_terverifikasi()
    return Angka(
        ada_rencana=bool(baris),
        capaian=ev.rata_capaian(),
        # No budget realisation at all is "belum ada", not 0 %.
        serapan=ev.rata_serapan() if any(b.ada_rp and b.rp_realisasi is not None for b in ev.baris) else None,
        baris=len(baris),
        terisi=sum(1 for b in baris if b.realisasi is not None or b.realisasi_label),
        unit_verif=sudah,
        unit_lapor=semua,
    )


def _angka_semua(
    versi: dict[int, RenstraVersi | None], jejak: dict[int, tuple], tahun: int, tw: int
) -> dict[tuple, Angka]:
    """The figures of every PD for this quarter and the previous one, and the checker's findings on
    its version, from the cache where kept (one cache read for every PD)."""
    kunci = {}
    for pd_id, v in versi.items():
        dasar = f"kota:{pd_id}:{v.pk if v else 0}:{jejak.get(pd_id, (0,))[0]}"
        kunci[(pd_id, tw)] = f"{dasar}:{jejak.get(pd_id, (0, 0))[1]}:angka:{tahun}:{tw}"
        if tw > 1:
            kunci[(pd_id, tw - 1)] = f"{dasar}:{jejak.get(pd_id, (0, 0))[1]}:angka:{tahun}:{tw - 1}"
        if v is not None:
            kunci[(pd_id, "temuan")] = f"{dasar}:temuan"
    ada = cache.get_many(list(kunci.values()))
    rencana: dict[int, Rencana] = {}  # a plan read once for both quarters
    hasil = {}
    for (pd_id, q), k in kunci.items():
        a = ada.get(k)
        if a is None:
            v = versi[pd_id]
            if q == "temuan":
                a = ringkas(periksa(v))
                cache.set(k, a, UMUR_TEMUAN)
            else:
                if v is not None and pd_id not in rencana:
                    rencana[pd_id] = muat_rencana(v)
                a = _hitung_angka(v, tahun, q, rencana.get(pd_id))
                cache.set(k, a, UMUR + pd_id % 600)
        hasil[(pd_id, q)] = a
    for pd_id in versi:
        hasil[(pd_id, tw)].temuan = hasil.get((pd_id, "temuan"), {})
    return hasil


def _kelengkapan(
    pemda: Pemda, pds, units, tahun: int, hari: dt.date, dua_tingkat: bool, direncanakan: set[int]
):
    """PD id → quarter → counts of its reporting units' reports (three queries for all PDs together).

    Only a PD whose plan covers the year has reports due (``direncanakan``)."""
    lokasi: dict[int, set[int]] = {pd.pk: set() for pd in pds}
    for u in units:
        if u.adalah_lokasi and u.aktif and u.pd_id in direncanakan:
            lokasi[u.pd_id].add(u.pk)
    hasil = {
        pd.pk: {
            q: Kelengkapan(
                unit=len(lokasi[pd.pk]),
                dimulai=dt.date(tahun, 3 * q - 2, 1) <= hari,
                direncanakan=pd.pk in direncanakan,
            )
            for q in (1, 2, 3, 4)
        }
        for pd in pds
    }
    pd_unit = {u.pk: u.pd_id for u in units}
    for unit_id, q, status, dibuka in Laporan.objects.filter(
        unit__pd__pemda=pemda, tahun=tahun, unit__aktif=True
    ).values_list("unit_id", "triwulan", "status", "dibuka_sampai"):
        pd_id = pd_unit.get(unit_id)
        if pd_id is None or unit_id not in lokasi[pd_id]:
            continue
        k = hasil[pd_id][q]
        setattr(k, status, getattr(k, status) + 1)
        if status == S.DRAFT and _lewat(tahun, q, pemda, hari, dibuka):
            k.terlambat += 1
    for per_q in hasil.values():
        for q, k in per_q.items():
            # A unit with no report at all is overdue too once the deadline has passed.
            if _lewat(tahun, q, pemda, hari, None):
                k.terlambat += k.belum
    if dua_tingkat:
        for pd_id, q, status in PersetujuanPD.objects.filter(pd__pemda=pemda, tahun=tahun).values_list(
            "pd_id", "triwulan", "status"
        ):
            if pd_id in hasil:
                hasil[pd_id][q].persetujuan = status
    return hasil


def _lewat(tahun: int, q: int, pemda: Pemda, hari: dt.date, dibuka: dt.date | None) -> bool:
    """The quarter's deadline (quarter end + the pemda's days) has passed, unless reopened until later
    — the same rule as the operators' inbox (``pengingat.kotak_monev``)."""
    tenggat = batas_laporan(tahun, q, pemda.batas_hari_laporan)
    if dibuka is not None and dibuka > tenggat:
        tenggat = dibuka
    return hari > tenggat


def _ikm(units, tahun: int, tw: int) -> dict[int, tuple[Decimal | None, int]]:
    """PD id → (IKM of the year up to the quarter, questionnaires), one query for every PD."""
    ids = [u.pk for u in units]
    if not ids:
        return {}
    data = skm_selectors.jumlah_ikm_triwulan(ids, tahun, tahun)
    pd_unit = {u.pk: u.pd_id for u in units}
    jumlah: dict[int, dict] = {}
    for (unit_id, th, q), isi in data.items():
        if th != tahun or q > tw:
            continue
        t = jumlah.setdefault(pd_unit[unit_id], {})
        for k, v in isi.items():
            t[k] = t.get(k, 0) + (v or 0)
    return {
        pd_id: (skm_selectors.hitung_ikm(t) if t.get("n") else None, t.get("n", 0))
        for pd_id, t in jumlah.items()
    }


def tahun_terakhir(pemda: Pemda, sampai: int) -> int | None:
    """The latest year up to ``sampai`` with any unit report of the pemda."""
    return Laporan.objects.filter(unit__pd__pemda=pemda, tahun__lte=sampai).aggregate(m=Max("tahun"))["m"]


def triwulan_terakhir(pemda: Pemda, tahun: int) -> int:
    """The latest quarter of the year with any unit report of the pemda (1 when there is none)."""
    q = Laporan.objects.filter(unit__pd__pemda=pemda, tahun=tahun).aggregate(m=Max("triwulan"))["m"]
    return q or 1


def ringkasan_kota(
    *, pengguna, pemda: Pemda, tahun: int, triwulan: int, hari: dt.date | None = None
) -> Ringkasan:
    """Every PD of the pemda for the year up to the quarter. Bappeda, the pemda admin, superuser."""
    c = pelaku_wajib(pengguna)
    if not boleh_pantau(c, pemda):
        raise PermissionDenied(
            "Pantauan seluruh perangkat daerah hanya untuk Bappeda dan administrator pemda."
        )
    hari = hari or dt.date.today()
    pds = list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("nama"))
    semua_versi: dict[int, list[RenstraVersi]] = {pd.pk: [] for pd in pds}
    for v in (
        RenstraVersi.objects.filter(pd__pemda=pemda)
        .exclude(jenis=RenstraVersi.Jenis.RENJA)
        .select_related("pd__pemda", "rpjmd")
        .order_by("-id")
    ):
        semua_versi[v.pd_id].append(v)
    versi = {pd_id: pilih_versi_utama(d) for pd_id, d in semua_versi.items()}
    units = list(Unit.objects.filter(pd__pemda=pemda).only("id", "pd_id", "jenis", "aktif", "induk_id"))
    dua = pemda.tingkat_persetujuan == 2
    direncanakan = {
        pd_id for pd_id, d in semua_versi.items() if any(v.tahun_mulai <= tahun <= v.tahun_akhir for v in d)
    }
    lengkap = _kelengkapan(pemda, pds, units, tahun, hari, dua, direncanakan)
    audit = dict(
        CatatanAudit.objects.filter(pd__pemda=pemda)
        .values_list("pd_id")
        .annotate(m=Max("id"))
        .values_list("pd_id", "m")
    )
    ikm = _ikm([u for u in units if u.aktif], tahun, triwulan)
    # A PD's kept figures are stale after any audited change to it, or a new questionnaire.
    jejak = {pd.pk: (audit.get(pd.pk, 0), ikm.get(pd.pk, (None, 0))[1]) for pd in pds}
    angka = _angka_semua(versi, jejak, tahun, triwulan)
    baris = [
        BarisPD(
            pd=pd,
            versi=versi[pd.pk],
            triwulan=lengkap[pd.pk],
            kini=angka[(pd.pk, triwulan)],
            lalu=angka.get((pd.pk, triwulan - 1)),
            ikm=ikm.get(pd.pk, (None, 0))[0],
            responden=ikm.get(pd.pk, (None, 0))[1],
            tw=triwulan,
            dua_tingkat=dua,
        )
        for pd in pds
    ]
    _beri_peringkat(baris)
    return Ringkasan(pemda=pemda, tahun=tahun, triwulan=triwulan, baris=baris, dua_tingkat=dua, hari=hari)


def _beri_peringkat(baris: list[BarisPD]) -> None:
    """Rank by mean capaian, highest first; equal figures share a rank; no figure, no rank."""
    urut = sorted((b for b in baris if b.kini.capaian is not None), key=lambda b: -b.kini.capaian)
    sebelum, pk = None, 0
    for i, b in enumerate(urut, start=1):
        if b.kini.capaian != sebelum:
            pk, sebelum = i, b.kini.capaian
        b.peringkat = pk
