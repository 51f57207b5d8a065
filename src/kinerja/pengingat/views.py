"""The inbox page, the count in the header, and the reminder choices."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kinerja.core.galat_formulir import GalatFormulir
from kinerja.pengingat import services
from kinerja.pengingat.jenis import PER_KODE
from kinerja.pengingat.surel import surel_siap

LAMA_JUMLAH = 60  # seconds the header's count is kept per user


def _kunci_jumlah(user) -> str:
    return f"pengingat:jumlah:{user.pk}"


@login_required
@never_cache
def kotak_masuk(request):
    kotak = services.kotak_masuk(pengguna=request.user)
    cache.set(_kunci_jumlah(request.user), kotak.jumlah, LAMA_JUMLAH)
    return render(request, "pengingat/kotak_masuk.html", {"kotak": kotak, "aktif_atas": "kotak_masuk"})


@require_GET
@never_cache
def jumlah(request):
    """The header's " (N)" after "Kotak masuk", loaded after the page (no page waits for it);
    kept a minute per user. Empty for a visitor who is not signed in (no redirect into the header)."""
    if not request.user.is_authenticated:
        return HttpResponse("")
    n = cache.get(_kunci_jumlah(request.user))
    if n is None:
        n = services.kotak_masuk(pengguna=request.user).jumlah
        cache.set(_kunci_jumlah(request.user), n, LAMA_JUMLAH)
    return render(request, "pengingat/_jumlah.html", {"jumlah": n})


@login_required
def pengaturan(request):
    galat = GalatFormulir()
    pilihan = services.preferensi(pengguna=request.user)
    if request.method == "POST":
        pilih = request.POST.getlist("surel")
        try:
            services.simpan_preferensi(pengguna=request.user, surel=pilih)
        except ValidationError as e:
            galat.tambah(e)
            # what was ticked stays ticked
            pilihan = [services.Pilihan(p.jenis, p.jenis.kode in pilih, p.berperan) for p in pilihan]
        else:
            dipilih = [PER_KODE[k].nama.lower() for k in PER_KODE if k in pilih]
            messages.success(
                request,
                "Pilihan tersimpan. "
                + (
                    f"Pengingat surel: {', '.join(dipilih)}."
                    if dipilih
                    else "Tidak ada pengingat lewat surel."
                ),
            )
            return redirect("pengingat:pengaturan")
    return render(
        request,
        "pengingat/pengaturan.html",
        {"pilihan": pilihan, "galat": galat, "surel_siap": surel_siap(), "aktif_atas": "kotak_masuk"},
        status=400 if galat else 200,
    )
