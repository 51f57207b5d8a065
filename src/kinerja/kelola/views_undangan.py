"""The one-time link a new user (or one whose password was reset) opens: set a password, logged in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from kinerja.core.galat_formulir import GalatFormulir
from kinerja.wilayah import pengguna as akun


@never_cache
def undangan(request, token: str):
    try:
        u = akun.periksa_tautan(token)
    except akun.TautanDitolak as e:
        return render(request, "kelola/undangan_ditolak.html", {"pesan": e.pesan}, status=e.status)
    galat = GalatFormulir()
    if request.method == "POST":
        try:
            user = akun.pakai_tautan(
                token=token,
                sandi=request.POST.get("sandi", "")[:500],
                sandi_ulang=request.POST.get("sandi_ulang", "")[:500],
            )
        except akun.TautanDitolak as e:
            return render(request, "kelola/undangan_ditolak.html", {"pesan": e.pesan}, status=e.status)
        except ValidationError as e:
            galat.tambah(e)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, f"Kata sandi tersimpan. Selamat datang, {user.get_full_name() or user.username}."
            )
            return redirect("beranda")
    return render(request, "kelola/undangan.html", {"u": u, "galat": galat}, status=400 if galat else 200)
