"""Inbox items of public service: complaints near or past their deadline, and survey samples too small."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse

from kinerja.core.angka import format_angka
from kinerja.layanan import services as layanan
from kinerja.layanan.kalender import hari_kerja, libur_antara
from kinerja.pengaduan.models import Pengaduan
from kinerja.pengaduan.services import terlambat
from kinerja.pengingat import jenis as J
from kinerja.pengingat.kotak import Butir, Konteks
from kinerja.skm import ikm
from kinerja.skm import services as skm
from kinerja.wilayah.models import Unit

HARI_KERJA_DEKAT = 2  # a complaint is near its deadline this many working days before it
# Only what a reminder names is read: never the reporter's name or contact.
KOLOM_PENGADUAN = (
    "id",
    "pd_id",
    "unit_id",
    "kode",
    "judul",
    "status",
    "batas",
    "demo",
    "unit__nama",
    "kategori__nama",
)


def sisa_hari_kerja(hari: dt.date, batas: dt.date, libur: set[dt.date]) -> int:
    """Working days after ``hari`` up to and including ``batas`` (0: the deadline is today)."""
    n, d = 0, hari + dt.timedelta(days=1)
    while d <= batas:
        n += hari_kerja(d, libur)
        d += dt.timedelta(days=1)
    return n


def butir_pengaduan(k: Konteks, jenis: set[str]) -> list[Butir]:
    """Unfinished complaints the user handles whose deadline is at most 2 working days away, or past.

    E-mailed once when it comes near and once when it is past. Two queries."""
    # Any holiday stretch is shorter than this: a deadline beyond it is more than 2 working days away.
    ujung = k.hari + dt.timedelta(days=30)
    qs = (
        Pengaduan.objects.filter(batas__lte=ujung)
        .exclude(status__in=[Pengaduan.Status.SELESAI, Pengaduan.Status.DITOLAK])
        .select_related("unit", "kategori", "pd")
        .only(*KOLOM_PENGADUAN, "pd__pemda_id", "unit__pd_id")
        .order_by("batas", "pk")
    )
    if not k.c.semua:
        qs = qs.filter(Q(unit_id__in=k.c.unit_pengaduan) | Q(pd_id__in=k.c.pd_pengaduan))
    daftar = list(qs)
    if not daftar:
        return []
    libur = libur_antara(k.hari, ujung)
    hasil = []
    for p in daftar:
        if terlambat(p, k.hari):
            lewat = (k.hari - p.batas).days
            tahap, tanda = "lewat", "lewat batas"
            rincian = f"Batas penyelesaian {p.batas:%d-%m-%Y} sudah lewat {lewat} hari."
        else:
            sisa = sisa_hari_kerja(k.hari, p.batas, libur)
            if sisa > HARI_KERJA_DEKAT:
                continue
            tahap = "dekat"
            tanda = "hari ini batas" if sisa == 0 else f"{sisa} hari kerja lagi"
            rincian = (
                f"Batas penyelesaian hari ini ({p.batas:%d-%m-%Y})."
                if sisa == 0
                else f"Batas penyelesaian {p.batas:%d-%m-%Y}, {sisa} hari kerja lagi."
            )
        hasil.append(
            Butir(
                jenis=J.PENGADUAN,
                kunci=f"pengaduan:{p.pk}",
                judul=f"{p.kode_tampil} · {p.judul}",
                # the complaint's own words stay in the system: the e-mail names its code only
                judul_surel=f"Pengaduan {p.kode_tampil}",
                rincian=f"{p.unit.nama} · {p.kategori.nama} · {p.get_status_display()}. {rincian}",
                alamat=reverse("pengaduan:rinci", args=[p.pd_id, p.pk]),
                pemda_id=p.pd.pemda_id,
                tahap=tahap,
                tenggat=p.batas,
                tanda=tanda,
                urut=(p.batas, p.pk),
            )
        )
    return hasil


def _unit_survei(k: Konteks) -> list[Unit]:
    """The units whose survey the user looks after: their own (operator), every lokasi of their PD (perencana)."""
    lokasi = [Unit.Jenis.KANTOR, Unit.Jenis.KELURAHAN, Unit.Jenis.DESA]
    qs = Unit.objects.select_related("pd").order_by("pd_id", "urutan", "pk")
    if not k.c.semua:
        qs = qs.filter(Q(pk__in=k.c.unit_isi) | Q(pd_id__in=k.c.pd_rencana, jenis__in=lokasi))
    else:
        qs = qs.filter(jenis__in=lokasi)
    return list(qs)


def butir_survei(k: Konteks, jenis: set[str]) -> list[Butir]:
    """Units whose survey answers this year are fewer than the minimum sample for the services they
    logged this year (Krejcie–Morgan, ``skm.ikm.sampel_minimum``, as on the survey's results page).

    A unit that logged no service needs no sample. E-mailed once in the last month of each quarter."""
    units = _unit_survei(k)
    if not units:
        return []
    ids = [u.pk for u in units]
    mulai = dt.date(k.hari.year, 1, 1)
    layan = dict(layanan.rekap_per(pengguna=k.pengguna, unit_ids=ids, mulai=mulai, akhir=k.hari, per="unit"))
    survei = dict(skm.hasil_ikm_per(pengguna=k.pengguna, unit_ids=ids, mulai=mulai, akhir=k.hari, per="unit"))
    q = (k.hari.month - 1) // 3 + 1
    tahap = f"tw{q}" if k.hari.month == 3 * q else ""
    hasil = []
    for u in units:
        populasi = layan[u.pk].jumlah if u.pk in layan else 0
        minimum = ikm.sampel_minimum(populasi)
        responden = survei[u.pk].responden if u.pk in survei else 0
        if not populasi or responden >= minimum:
            continue
        hasil.append(
            Butir(
                jenis=J.SURVEI,
                kunci=f"survei:{u.pk}:{k.hari.year}",
                judul=f"Survei kepuasan {k.hari.year} · {u.nama}",
                rincian=(
                    f"{format_angka(responden)} responden dari sampel minimum {format_angka(minimum)} untuk "
                    f"{format_angka(populasi)} pelayanan sejak 1 Januari; kurang {format_angka(minimum - responden)}."
                ),
                alamat=reverse("skm:hasil", args=[u.pd_id]) + f"?unit={u.pk}&tahun={k.hari.year}&sampai={q}",
                pemda_id=u.pd.pemda_id,
                tahap=tahap,
                urut=(u.pd_id, u.urutan, u.pk),
            )
        )
    return hasil


PRODUSEN = [
    ({J.PENGADUAN}, butir_pengaduan),
    ({J.SURVEI}, butir_survei),
]
