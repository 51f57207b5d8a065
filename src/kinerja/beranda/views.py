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
    """What an administrator can administer, each link only where its role reaches: the pemda
    (settings, PDs, users), each PD (its record and units, users, who may do what, the guide, service
    administration), and for a superuser Django's admin site."""
    c = cakupan(request.user)
    wajib(c.admin, "Halaman administrasi hanya untuk administrator.")
    pemda_kelola = [p for p in Pemda.objects.order_by("nama") if c.kelola_pemda(p.pk)]
    pd_kelola = [
        pd
        for pd in PerangkatDaerah.objects.select_related("pemda").order_by("pemda__nama", "nama")
        if c.kelola_pd(pd.pk)
    ]
    # An administrator over a single unit (not the PD's office) handles that unit, not the PD.
    unit_admin = [
        p.unit for p in c.peran if p.jenis == "admin" and p.unit_id and not c.kelola_pd(p.unit.pd_id)
    ]
    for p in pemda_kelola:
        p.jumlah_pd = sum(1 for pd in pd_kelola if pd.pemda_id == p.pk)
        p.pd_rt = next(
            (pd for pd in pd_kelola if pd.pemda_id == p.pk and pd.jenis == PerangkatDaerah.Jenis.KECAMATAN),
            None,
        )
    return render(
        request,
        "beranda/beranda_admin.html",
        {
            "pemda": _pemda_terbaca(request),
            "pemda_kelola": pemda_kelola,
            "pd_kelola": pd_kelola,
            "unit_admin": unit_admin,
            "situs_admin": request.user.is_superuser,
        },
    )


def aksesibilitas(request):
    """The accessibility statement (public): what conforms to WCAG 2.2 AA, what does not yet, and
    where a barrier is reported (each PD's complaint form)."""
    daftar = PerangkatDaerah.objects.select_related("pemda").order_by("pemda__nama", "nama")
    return render(request, "beranda/aksesibilitas.html", {"daftar_pd_publik": daftar})
