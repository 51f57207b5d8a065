"""Bappeda's page of every PD of a pemda for a year and quarter (``kota:ringkasan``)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Max, Min
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse

from kinerja.core.parameter import pilihan
from kinerja.kota import ringkasan as rk
from kinerja.renstra.models import RenstraVersi
from kinerja.wilayah.izin import cakupan, wajib
from kinerja.wilayah.models import Pemda

TOLAK = "Pantauan seluruh perangkat daerah hanya untuk Bappeda, administrator pemda dan administrator sistem."


def alamat_triwulan_pd(pemda: Pemda, tahun: int, q: int, pd) -> str:
    """The page of one PD's quarter (``kota:triwulan_pd``) where it exists; else this page's quarter."""
    try:
        return reverse("kota:triwulan_pd", args=[pemda.slug, tahun, q, pd.slug])
    except NoReverseMatch:
        return reverse("kota:ringkasan", args=[pemda.slug, tahun]) + f"?triwulan={q}#pd-{pd.slug}"


def _rentang_tahun(pemda: Pemda) -> tuple[int, int]:
    """Years the page covers: those of the pemda's plans; the current year when it has none."""
    r = RenstraVersi.objects.filter(pd__pemda=pemda).aggregate(a=Min("tahun_mulai"), b=Max("tahun_akhir"))
    kini = dt.date.today().year
    return (r["a"] or kini, r["b"] or kini)


@login_required
def beranda(request):
    """``/kota/``: the user's pemda (``?pemda=<slug>``, else the first one) for the current year."""
    c = cakupan(request.user)
    semua = Pemda.objects.order_by("nama")
    if not c.semua:
        semua = semua.filter(pk__in=rk.pemda_pantauan(c))
    pilih = (request.GET.get("pemda") or "").strip()
    pemda = (semua.filter(slug=pilih).first() if pilih else None) or semua.first()
    wajib(pemda is not None, TOLAK)
    awal, akhir = _rentang_tahun(pemda)
    # The current year, or the latest year before it with reports (a quarter starts empty).
    tahun = rk.tahun_terakhir(pemda, dt.date.today().year) or dt.date.today().year
    tahun = min(max(tahun, awal), akhir)
    return redirect("kota:ringkasan", pemda=pemda.slug, tahun=tahun)


@login_required
def ringkasan(request, pemda: str, tahun: int):
    p = get_object_or_404(Pemda, slug=pemda)
    c = cakupan(request.user)
    wajib(rk.boleh_pantau(c, p), TOLAK)
    awal, akhir = _rentang_tahun(p)
    if not awal <= tahun <= akhir:
        raise Http404(f"Tahun {tahun} di luar periode rencana {p.nama} ({awal}–{akhir}).")
    bawaan = rk.triwulan_terakhir(p, tahun)
    tw = pilihan(request, "triwulan", bawah=1, atas=4, bawaan=bawaan, label="Triwulan")
    data = rk.ringkasan_kota(pengguna=request.user, pemda=p, tahun=tahun, triwulan=tw)
    for b in data.baris:
        b.alamat_tw = {q: alamat_triwulan_pd(p, tahun, q, b.pd) for q in (1, 2, 3, 4)}
    peringkat = sorted(
        (b for b in data.baris if b.peringkat is not None), key=lambda b: (b.peringkat, b.pd.nama)
    )
    return render(
        request,
        "kota/ringkasan.html",
        {
            "aktif_atas": "kota",
            "pemda": p,
            "data": data,
            "peringkat": peringkat,
            "tahun": tahun,
            "tw": tw,
            "semua_tahun": range(awal, akhir + 1),
            "semua_tw": (1, 2, 3, 4),
            "ada_demo": any(b.pd.slug.endswith("-demo") for b in data.baris),
        },
    )
