"""The pages a user starts from: the landing redirect, the list of their PDs, the administration page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from kinerja.beranda.tujuan import alamat_beranda
from kinerja.wilayah.izin import cakupan, wajib
from kinerja.wilayah.models import Pemda, PerangkatDaerah


@login_required
def beranda(request):
    """Each user lands on their own work (see ``beranda.tujuan``)."""
    return redirect(alamat_beranda(request.user))


def _pemda_terbaca(request) -> list[Pemda]:
    c = cakupan(request.user)
    pemda = list(Pemda.objects.prefetch_related("pd_set__renstra_set").order_by("nama"))
    for p in pemda:
        p.pd_boleh = [pd for pd in p.pd_set.all() if c.anggota_pd(pd.pk)]
    return [p for p in pemda if p.pd_boleh]


@login_required
def daftar_pd(request):
    """The PDs the user holds a role in, by pemda (or why there is none)."""
    return render(
        request,
        "beranda/daftar_pd.html",
        {"pemda": _pemda_terbaca(request), "ada_data": Pemda.objects.exists()},
    )


@login_required
def beranda_admin(request):
    """What an administrator can do: the admin site, the PDs and the commands."""
    c = cakupan(request.user)
    wajib(c.admin, "Halaman administrasi hanya untuk administrator.")
    return render(
        request,
        "beranda/beranda_admin.html",
        {"pemda": _pemda_terbaca(request), "situs_admin": request.user.is_staff},
    )


def aksesibilitas(request):
    """The accessibility statement (public): what conforms to WCAG 2.2 AA, what does not yet, and
    where a barrier is reported (each PD's complaint form)."""
    daftar = PerangkatDaerah.objects.select_related("pemda").order_by("pemda__nama", "nama")
    return render(request, "beranda/aksesibilitas.html", {"daftar_pd_publik": daftar})
