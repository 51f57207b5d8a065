"""A kelurahan's profile, built from its records: region, population trend, RT/RW, staff, assets,
the plan's rows at that kelurahan with their targets and capaian, and its RT Keren year.

beranda is the top layer: it reads each app through its services and selectors only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from kinerja.core import grafik
from kinerja.core.parameter import bilangan
from kinerja.monev.ekspor import baris_capaian
from kinerja.monev.laporan import ada_demo
from kinerja.monev.selectors import muat_evaluasi
from kinerja.renstra.models import Indikator
from kinerja.renstra.selectors import versi_utama
from kinerja.rtkeren import hitung
from kinerja.rtkeren.sampel import ada_data_demo
from kinerja.rtkeren.selectors import definisi
from kinerja.sumberdaya import services as sdm
from kinerja.wilayah import selectors as wilayah
from kinerja.wilayah.izin import cakupan, wajib
from kinerja.wilayah.models import PerangkatDaerah, Unit


def _penduduk(unit: Unit) -> tuple[list, str]:
    """The population per year (oldest first) and its trend as a chart when there are two years or more."""
    tahun = sorted(wilayah.tahun_penduduk([unit.pk]))  # the selector gives the latest first
    baris = []
    for th in tahun:
        p = wilayah.penduduk_tahun([unit.pk], th).get(unit.pk)
        if p is not None:
            p.kepadatan = wilayah.kepadatan(p.jumlah, unit.luas_km2)
            baris.append(p)
    gambar = ""
    dengan_jumlah = [p for p in baris if p.jumlah is not None]
    if len(dengan_jumlah) >= 2:
        nilai = [Decimal(p.jumlah) for p in dengan_jumlah]
        gambar = grafik.garis(
            [str(p.tahun) for p in dengan_jumlah],
            [("Jumlah penduduk", nilai)],
            judul=f"Jumlah penduduk {unit.nama} per tahun",
            bawah_sumbu=Decimal(0),
            atas_sumbu=max(nilai) * Decimal("1.1"),
        )
    return baris, gambar


def _pegawai(request, pd, unit) -> dict:
    hari_ini = dt.date.today()
    orang = sdm.daftar_pegawai(pengguna=request.user, pd=pd, tanggal=hari_ini, unit=unit)
    status = Counter(p.get_status_display() for p in orang)
    kelamin = Counter(p.get_jenis_kelamin_display() for p in orang)
    return {
        "jumlah": len(orang),
        "status": sorted(status.items()),
        "kelamin": sorted(kelamin.items()),
        "tanggal": hari_ini,
    }


SD = Indikator.SumberData
# Realisations computed from RT Keren records: the badge links to the kelurahan's RT Keren page.
SUMBER_RT_KEREN = {SD.RT_REMBUG, SD.RT_SERAPAN, SD.RT_BERDAYA, SD.KELURAHAN_BERDAYA}


def _rencana(pd, unit, tahun: int | None) -> dict:
    """The plan's rows at this kelurahan in the year: target, realisation, capaian, verification."""
    v = versi_utama(pd)
    if v is None:
        return {"versi": None}
    diminta = tahun if tahun is not None and tahun not in v.tahun_rencana else None
    tahun = tahun if tahun in v.tahun_rencana else v.tahun_rencana[0]
    ev = muat_evaluasi(v, tahun, 4)
    baris = [b for b in baris_capaian(ev) if b["lokasi"] == unit.nama_pendek]
    for b in baris:
        b["tautan"] = (
            reverse("rtkeren:kelurahan", args=[pd.pk, tahun, unit.pk])
            if b["sumber"] in SUMBER_RT_KEREN
            else ""
        )
    return {
        "versi": v,
        "tahun": tahun,
        "baris": baris,
        "demo": ada_demo(ev),
        "tahun_pilihan": v.tahun_rencana,
        "tahun_diminta": diminta,
    }


@login_required
def profil_kelurahan(request, pd: int, unit: int):
    pd_obj = get_object_or_404(PerangkatDaerah.objects.select_related("pemda"), pk=pd)
    u = get_object_or_404(Unit, pk=unit, pd=pd_obj)
    if u.jenis not in (Unit.Jenis.KELURAHAN, Unit.Jenis.DESA):
        raise Http404("Profil hanya untuk kelurahan atau desa.")
    c = cakupan(request.user)
    wajib(c.baca_unit(u), f"Anda tidak berwenang membaca profil {u.nama}.")
    tahun = bilangan(request.GET.get("tahun"), bawah=0, atas=9999)
    rencana = _rencana(pd_obj, u, tahun)
    tahun_rt = rencana.get("tahun") or dt.date.today().year
    rt_keren = next((k for k in hitung.keadaan_kelurahan(pd_obj, tahun_rt) if k.unit_id == u.pk), None)
    rw_rt = wilayah.hitung_rt([u.pk]).get(u.pk, (0, 0))
    penduduk, grafik_penduduk = _penduduk(u)
    konteks = {
        "pd": pd_obj,
        "pemda": pd_obj.pemda,
        "unit": u,
        "bagian": "wilayah",
        "aktif": "profil",
        "rw_rt": rw_rt,
        "penduduk": penduduk,
        "penduduk_akhir": penduduk[-1] if penduduk else None,
        "grafik_penduduk": grafik_penduduk,
        "pegawai": _pegawai(request, pd_obj, u),
        "aset": sdm.daftar_aset(pengguna=request.user, pd=pd_obj, unit=u),
        "rencana": rencana,
        "rt_keren": rt_keren,
        "tahun_rt": tahun_rt,
        "rt_keren_demo": ada_data_demo(pd_obj, tahun_rt, [u.pk]),
        "definisi": definisi(pd_obj.pemda_id),
        "kelurahan_lain": [k for k in c.unit_terbaca(hitung.kelurahan_pd(pd_obj)) if k.pk != u.pk],
    }
    return render(request, "beranda/profil_kelurahan.html", konteks)
