"""Inbox items of monitoring: quarters to fill or fix, to verify, to approve, and the PK to sign."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from kinerja.core.models import Peran
from kinerja.monev.models import Laporan, PerjanjianKinerja, PersetujuanPD
from kinerja.monev.selectors import NAMA_TRIWULAN, batas_laporan
from kinerja.monev.services import alasan_terkunci
from kinerja.monev.tugas import antrean_verifikasi
from kinerja.pengingat import jenis as J
from kinerja.pengingat.kotak import Butir, Konteks
from kinerja.wilayah.models import PerangkatDaerah, Unit

S = Laporan.Status
P = PersetujuanPD.Status
HARI_SEGERA = 3  # a quarter's deadline is "near" this many days before it


def _tanggal(w) -> str:
    from django.utils import timezone

    if w is None:
        return ""
    return f"{timezone.localtime(w):%d-%m-%Y}" if isinstance(w, dt.datetime) else f"{w:%d-%m-%Y}"


def _nama(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _triwulan(tahun: int, q: int) -> str:
    return f"Triwulan {NAMA_TRIWULAN[q]} {tahun}"


def _mulai(tahun: int, q: int) -> dt.date:
    return dt.date(tahun, 3 * q - 2, 1)


# --- the operator: quarters to fill, and quarters returned -------------------------------------


def tahap_isi(hari: dt.date, tenggat: dt.date, akhir_triwulan: dt.date) -> str:
    """The reminder stage of an open quarter: once it has ended, 3 days before its deadline and on the
    deadline day ("" while the quarter is still running: shown in the inbox only)."""
    sisa = (tenggat - hari).days
    if sisa == 0:
        return "hari-ini"
    if sisa <= HARI_SEGERA:
        return "segera"
    return "berakhir" if hari > akhir_triwulan else ""


def _butir_isi(k: Konteks, u: Unit, lap: Laporan, versi) -> Butir:
    y, q = lap.tahun, lap.triwulan
    akhir = batas_laporan(y, q, 0)
    tenggat = batas_laporan(y, q, u.pd.pemda.batas_hari_laporan)
    dibuka = lap.dibuka_sampai is not None and lap.dibuka_sampai > tenggat
    if dibuka:
        tenggat = lap.dibuka_sampai
    sisa = (tenggat - k.hari).days
    if sisa == 0:
        rincian = f"Belum diajukan. Hari ini ({tenggat:%d-%m-%Y}) batas terakhir pengisian."
    else:
        rincian = f"Belum diajukan. Batas pengisian {tenggat:%d-%m-%Y}, {sisa} hari lagi."
    if dibuka:
        rincian = f"Dibuka kembali oleh verifikator. {rincian}"
    elif k.hari <= akhir:
        rincian += f" Triwulan berjalan sampai {akhir:%d-%m-%Y}."
    return Butir(
        jenis=J.ISI,
        kunci=f"isi:{u.pk}:{y}:{q}:{tenggat.isoformat()}",
        judul=f"{_triwulan(y, q)} · {u.nama}",
        rincian=rincian,
        alamat=reverse("monev:isian", args=[versi.pk, y, q, u.pk]),
        pemda_id=u.pd.pemda_id,
        tahap=tahap_isi(k.hari, tenggat, akhir),
        tenggat=tenggat,
        tanda="hari ini batas" if sisa == 0 else f"{sisa} hari lagi" if sisa <= HARI_SEGERA else "",
        urut=(tenggat, u.urutan, u.pk),
    )


def _butir_perbaiki(k: Konteks, u: Unit, lap: Laporan) -> Butir:
    versi = k.versi_tahun(u.pd_id, lap.tahun)
    alamat = (
        reverse("monev:isian", args=[versi.pk, lap.tahun, lap.triwulan, u.pk])
        if versi
        else reverse("monev:isian_kini", args=[u.pk])
    )
    oleh = f" oleh {_nama(lap.diperiksa_oleh)}" if lap.diperiksa_oleh_id else ""
    return Butir(
        jenis=J.PERBAIKI,
        kunci=f"perbaiki:{lap.pk}:{lap.revisi}",
        judul=f"{_triwulan(lap.tahun, lap.triwulan)} · {u.nama}",
        rincian=f"Dikembalikan {_tanggal(lap.diperiksa_pada)}{oleh}: {lap.catatan or '(tanpa catatan)'}",
        alamat=alamat,
        pemda_id=u.pd.pemda_id,
        tahap="kembali",
        tanda="dikembalikan",
        urut=(lap.diperiksa_pada or k.sekarang, u.urutan, lap.pk),
    )


def _calon_triwulan(hari: dt.date, laporan: list[Laporan]) -> set[tuple[int, int]]:
    """Quarters that may be open: those of this and last year that have begun, and any reopened one."""
    calon = {(y, q) for y in (hari.year - 1, hari.year) for q in (1, 2, 3, 4) if _mulai(y, q) <= hari}
    calon |= {
        (lap.tahun, lap.triwulan)
        for lap in laporan
        if lap.dibuka_sampai and lap.dibuka_sampai >= hari and _mulai(lap.tahun, lap.triwulan) <= hari
    }
    return calon


def butir_laporan_unit(k: Konteks, jenis: set[str]) -> list[Butir]:
    """The quarters of the operator's units: open and not submitted (to fill), or returned (to fix).

    A quarter past its deadline is locked and needs a verifier to reopen it: not the operator's
    action, so not listed. Three queries for any number of units and reports."""
    units = list(
        Unit.objects.filter(pk__in=k.c.unit_isi).select_related("pd__pemda").order_by("pd_id", "urutan")
    )
    if not units:
        return []
    laporan = list(
        Laporan.objects.filter(unit__in=units)
        .filter(Q(tahun__gte=k.hari.year - 1) | Q(status=S.DIKEMBALIKAN) | Q(dibuka_sampai__gte=k.hari))
        .select_related("diperiksa_oleh")
    )
    k.muat_versi({u.pd_id for u in units})
    per_unit: dict[int, list[Laporan]] = {}
    for lap in laporan:
        per_unit.setdefault(lap.unit_id, []).append(lap)
    hasil = []
    for u in units:
        milik = per_unit.get(u.pk, [])
        if J.PERBAIKI in jenis:
            hasil += [_butir_perbaiki(k, u, lap) for lap in milik if lap.status == S.DIKEMBALIKAN]
        if J.ISI not in jenis or not u.adalah_lokasi:
            continue  # a section reports no row of its own: its quarters have nothing to fill
        ada = {(lap.tahun, lap.triwulan): lap for lap in milik}
        for y, q in sorted(_calon_triwulan(k.hari, milik)):
            versi = k.versi_tahun(u.pd_id, y)
            lap = ada.get((y, q)) or Laporan(unit=u, tahun=y, triwulan=q)
            if versi is None or lap.status != S.DRAFT:
                continue
            if alasan_terkunci(lap, pada=k.hari, batas_hari=u.pd.pemda.batas_hari_laporan):
                continue
            hasil.append(_butir_isi(k, u, lap, versi))
    return hasil


# --- perencana and verifikator: submitted quarters ------------------------------------------------


def _pd_verifikasi_sendiri(k: Konteks) -> set[int]:
    return {
        p.pd_id
        for p in k.c.peran
        if p.pd_id and p.jenis in (Peran.Jenis.PERENCANA, Peran.Jenis.VERIFIKATOR, Peran.Jenis.ADMIN)
    }


def butir_verifikasi(k: Konteks, jenis: set[str]) -> list[Butir]:
    """Submitted unit quarters waiting for this verifier (the verification queue, reused).

    Where the pemda approves in two levels, the units' quarters are the PD's to verify: Bappeda
    (who approves the PD's quarter afterwards) is not reminded of them."""
    hasil = []
    antrean = antrean_verifikasi(k.c)
    sendiri = _pd_verifikasi_sendiri(k)
    banyak_pd = len({m.laporan.unit.pd_id for m in antrean.diajukan}) > 1
    for m in antrean.diajukan:
        lap, pd = m.laporan, m.laporan.unit.pd
        if pd.pemda.tingkat_persetujuan == 2 and k.c.setujui_pd(pd) and pd.pk not in sendiri:
            continue
        rincian = f"Diajukan {_tanggal(lap.diajukan_pada)}"
        if lap.diajukan_oleh_id:
            rincian += f" oleh {_nama(lap.diajukan_oleh)}"
        rincian += "."
        if m.kembali:
            rincian += f" Diajukan ulang setelah dikembalikan {_tanggal(m.kembali.waktu)}: {m.kembali.alasan}"
        alamat = (
            reverse("monev:isian", args=[m.versi.pk, lap.tahun, lap.triwulan, lap.unit_id])
            if m.versi
            else reverse("monev:antrean")
        )
        hasil.append(
            Butir(
                jenis=J.VERIFIKASI,
                kunci=f"verifikasi:{lap.pk}:{lap.revisi}",
                judul=f"{_triwulan(lap.tahun, lap.triwulan)} · {lap.unit.nama}"
                + (f" · {pd.nama}" if banyak_pd else ""),
                rincian=rincian,
                alamat=alamat,
                pemda_id=pd.pemda_id,
                tahap="diajukan",
                urut=(lap.diajukan_pada or k.sekarang, lap.pk),
            )
        )
    return hasil


# --- two-level approval: Bappeda approves, the PD fixes what Bappeda returned ---------------------


def alamat_kota(pd: PerangkatDaerah, tahun: int, q: int) -> str:
    """Bappeda's page of a PD's quarter, where it is approved or returned (``kota:triwulan_pd``); where
    that page is missing, the pemda's page of every PD for the quarter."""
    try:
        return reverse("kota:triwulan_pd", args=[pd.pemda.slug, tahun, q, pd.slug])
    except NoReverseMatch:
        return f"/kota/{pd.pemda.slug}/{tahun}/?triwulan={q}"


def _butir_setujui(k: Konteks, p: PersetujuanPD) -> Butir:
    sejak = f" sejak {_tanggal(p.diajukan_pada)}" if p.diajukan_pada else ""
    return Butir(
        jenis=J.PERSETUJUAN,
        kunci=f"persetujuan:{p.pk}:{p.revisi}",
        judul=f"{_triwulan(p.tahun, p.triwulan)} · {p.pd.nama}",
        rincian=f"Semua laporan unit sudah diverifikasi perangkat daerah; menunggu persetujuan Anda{sejak}.",
        alamat=alamat_kota(p.pd, p.tahun, p.triwulan),
        pemda_id=p.pd.pemda_id,
        tahap="menunggu",
        urut=(p.diajukan_pada or k.sekarang, p.pk),
    )


def _butir_kembali_bappeda(k: Konteks, p: PersetujuanPD) -> Butir:
    versi = k.versi_tahun(p.pd_id, p.tahun)
    oleh = f" oleh {_nama(p.diperiksa_oleh)}" if p.diperiksa_oleh_id else ""
    return Butir(
        jenis=J.KEMBALI_BAPPEDA,
        kunci=f"kembali-bappeda:{p.pk}:{p.revisi}",
        judul=f"{_triwulan(p.tahun, p.triwulan)} · {p.pd.nama}",
        rincian=f"Dikembalikan Bappeda {_tanggal(p.diperiksa_pada)}{oleh}: {p.catatan or '(tanpa catatan)'}",
        alamat=reverse("monev:matriks", args=[versi.pk, p.tahun]) if versi else reverse("monev:antrean"),
        pemda_id=p.pd.pemda_id,
        tahap="kembali",
        tanda="dikembalikan",
        urut=(p.diperiksa_pada or k.sekarang, p.pk),
    )


def butir_persetujuan(k: Konteks, jenis: set[str]) -> list[Butir]:
    """PD quarters waiting for Bappeda (to Bappeda), and those Bappeda returned (to the PD's verifiers)."""
    qs = PersetujuanPD.objects.filter(
        status__in=[P.MENUNGGU, P.DIKEMBALIKAN], pd__pemda__tingkat_persetujuan=2
    ).select_related("pd__pemda", "diperiksa_oleh")
    if not k.c.semua:
        qs = qs.filter(Q(pd__pemda_id__in=k.c.pemda_verifikasi) | Q(pd_id__in=k.c.pd_verifikasi))
    daftar = list(qs)
    k.muat_versi({p.pd_id for p in daftar if p.status == P.DIKEMBALIKAN})
    hasil = []
    for p in daftar:
        if p.status == P.MENUNGGU and J.PERSETUJUAN in jenis and k.c.setujui_pd(p.pd):
            hasil.append(_butir_setujui(k, p))
        elif (
            p.status == P.DIKEMBALIKAN
            and J.KEMBALI_BAPPEDA in jenis
            and k.c.verifikasi(p.pd_id)
            and not k.c.setujui_pd(p.pd)
        ):
            hasil.append(_butir_kembali_bappeda(k, p))
    return hasil


# --- the PD's pimpinan: the Perjanjian Kinerja of the year ----------------------------------------


def butir_pk(k: Konteks, jenis: set[str]) -> list[Butir]:
    """The PK of the current year not yet signed, for each PD whose plan covers the year.

    E-mailed once a month (the stage is the month) until it is signed."""
    tahun = k.hari.year
    qs = PerangkatDaerah.objects.order_by("nama")
    if not k.c.semua:
        qs = qs.filter(pk__in=k.c.pd_pk)
    daftar = list(qs)
    k.muat_versi({p.pk for p in daftar})
    teken = set(PerjanjianKinerja.objects.filter(pd__in=daftar, tahun=tahun).values_list("pd_id", flat=True))
    hasil = []
    for pd in daftar:
        versi = k.versi_tahun(pd.pk, tahun)
        if versi is None or pd.pk in teken:
            continue
        hasil.append(
            Butir(
                jenis=J.PK,
                kunci=f"pk:{pd.pk}:{tahun}",
                judul=f"Perjanjian Kinerja {tahun} · {pd.nama}",
                rincian=f"Perjanjian Kinerja tahun {tahun} belum ditandatangani.",
                alamat=reverse("monev:pk", args=[versi.pk, tahun]),
                pemda_id=pd.pemda_id,
                tahap=f"bulan-{k.hari.month:02d}",
                urut=(pd.nama, pd.pk),
            )
        )
    return hasil


# --- verifiers and Bappeda: unit quarters past their deadline, not submitted ------------------------


def _tenggat(lap: Laporan | None, y: int, q: int, batas_hari: int) -> dt.date:
    tenggat = batas_laporan(y, q, batas_hari)
    if lap is not None and lap.dibuka_sampai and lap.dibuka_sampai > tenggat:
        return lap.dibuka_sampai  # reopened: late once the new date has passed
    return tenggat


def _pd_terlambat(k: Konteks) -> list[PerangkatDaerah]:
    qs = PerangkatDaerah.objects.select_related("pemda").order_by("nama")
    if not k.c.semua:
        qs = qs.filter(Q(pk__in=k.c.pd_verifikasi) | Q(pemda_id__in=k.c.pemda_verifikasi))
    return list(qs)


def _butir_terlambat(k: Konteks, pd: PerangkatDaerah, y: int, q: int, nama: list[str], versi) -> Butir:
    if k.c.setujui_pd(pd):
        alamat = alamat_kota(pd, y, q)
    else:
        alamat = reverse("monev:matriks", args=[versi.pk, y])
    tenggat = batas_laporan(y, q, pd.pemda.batas_hari_laporan)
    daftar = ", ".join(nama[:5]) + (f" dan {len(nama) - 5} lainnya" if len(nama) > 5 else "")
    return Butir(
        jenis=J.TERLAMBAT,
        kunci=f"terlambat:{pd.pk}:{y}:{q}",
        judul=f"{_triwulan(y, q)} · {pd.nama}",
        rincian=f"{len(nama)} laporan unit belum diajukan sesudah batas {tenggat:%d-%m-%Y}: {daftar}.",
        alamat=alamat,
        pemda_id=pd.pemda_id,
        tahap="terlambat",
        tenggat=tenggat,
        tanda="lewat batas",
        urut=(tenggat, pd.nama, pd.pk),
    )


def butir_terlambat(k: Konteks, jenis: set[str]) -> list[Butir]:
    """Per PD and quarter (of this year and the last, within the PD's plan), the active reporting units
    whose report is not submitted although its deadline (or the date it was reopened to) has passed:
    to the PD's verifiers, and to Bappeda for every PD of its pemda. Three queries in all."""
    pds = _pd_terlambat(k)
    if not pds:
        return []
    units = [
        u
        for u in Unit.objects.filter(pd__in=pds, aktif=True).order_by("pd_id", "urutan", "nama")
        if u.adalah_lokasi
    ]
    laporan = {
        (lap.unit_id, lap.tahun, lap.triwulan): lap
        for lap in Laporan.objects.filter(unit__in=units, tahun__gte=k.hari.year - 1)
    }
    k.muat_versi({p.pk for p in pds})
    per_pd: dict[int, list[Unit]] = {}
    for u in units:
        per_pd.setdefault(u.pd_id, []).append(u)
    hasil = []
    for pd in pds:
        for y, q in ((y, q) for y in (k.hari.year - 1, k.hari.year) for q in (1, 2, 3, 4)):
            versi = k.versi_tahun(pd.pk, y)
            if versi is None:
                continue
            nama = []
            for u in per_pd.get(pd.pk, []):
                lap = laporan.get((u.pk, y, q))
                if (lap is None or lap.status == S.DRAFT) and k.hari > _tenggat(
                    lap, y, q, pd.pemda.batas_hari_laporan
                ):
                    nama.append(u.nama)
            if nama:
                hasil.append(_butir_terlambat(k, pd, y, q, nama, versi))
    return hasil


PRODUSEN = [
    ({J.TERLAMBAT}, butir_terlambat),
    ({J.ISI, J.PERBAIKI}, butir_laporan_unit),
    ({J.VERIFIKASI}, butir_verifikasi),
    ({J.PERSETUJUAN, J.KEMBALI_BAPPEDA}, butir_persetujuan),
    ({J.PK}, butir_pk),
]
