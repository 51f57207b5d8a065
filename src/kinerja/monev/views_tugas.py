"""Pages that take a user to the work waiting for them: the verification queue, and stable
addresses for "my unit's current quarter" and "my PD's capaian this year" that the landing
page (``beranda.tujuan``) points to."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from kinerja.core.parameter import id_atau_none
from kinerja.monev.tugas import antrean_verifikasi, triwulan_kerja
from kinerja.monev.views import tahun_bawaan
from kinerja.renstra.selectors import versi_utama
from kinerja.wilayah.izin import cakupan, wajib
from kinerja.wilayah.models import PerangkatDaerah, Unit


@login_required
def antrean(request):
    """Every submitted quarter awaiting this user's verification, across the PDs they verify."""
    c = cakupan(request.user)
    wajib(
        c.semua or bool(c.pd_verifikasi),
        "Antrean verifikasi hanya untuk perencana perangkat daerah dan verifikator Bappeda.",
    )
    a = antrean_verifikasi(c)
    konteks = {"antrean": a, "aktif": "antrean"}
    if len(a.pd) == 1 and a.pd[0][1] is not None:
        # One PD: show its monitoring menu, as on the PD's own pages.
        pd, versi = a.pd[0]
        konteks.update(pd=pd, pemda=pd.pemda, versi=versi, bagian="monev", tahun=tahun_bawaan(versi))
    return render(request, "monev/antrean.html", konteks)


@login_required
def isian_kini(request, unit: int):
    """The unit's entry page for the quarter its operator should open now."""
    u = get_object_or_404(Unit.objects.select_related("pd__pemda"), pk=unit)
    wajib(cakupan(request.user).baca_unit(u), "Anda tidak berwenang melihat laporan unit ini.")
    v = versi_utama(u.pd)
    if v is None:
        return redirect("renstra:dasbor_pd", pemda=u.pd.pemda.slug, pd=u.pd.slug)
    tahun = tahun_bawaan(v)
    return redirect("monev:isian", versi=v.pk, tahun=tahun, tw=triwulan_kerja(unit=u, tahun=tahun), unit=u.pk)


@login_required
def capaian_kini(request, pd: int):
    """The PD's capaian for its current year; ``?unit=`` keeps to one unit (a Lurah's view)."""
    p = get_object_or_404(PerangkatDaerah.objects.select_related("pemda"), pk=pd)
    wajib(cakupan(request.user).anggota_pd(p.pk), "Anda tidak mempunyai peran di perangkat daerah ini.")
    v = versi_utama(p)
    if v is None:
        return redirect("renstra:dasbor_pd", pemda=p.pemda.slug, pd=p.slug)
    alamat = reverse("monev:capaian", args=[v.pk, tahun_bawaan(v)])
    unit = id_atau_none(request.GET.get("unit"))
    return redirect(alamat + (f"?unit={unit}" if unit is not None else ""))
