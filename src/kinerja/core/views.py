"""Login (throttled in the shared cache, with an optional TOTP second step) and password change."""

from __future__ import annotations

import time

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from kinerja.core import masuk, totp
from kinerja.core.demo import akun_demo_terbuka, mode_demo
from kinerja.core.models import DuaLangkah, PemdaDemo, Peran

# How long a correct password waits for its second step before the login starts over.
TUNDA_KODE = 300


def alamat_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class FormMasuk(AuthenticationForm):
    """Every attempt is counted (an empty or malformed one too); see ``core.masuk``."""

    error_messages = {
        "invalid_login": "Nama pengguna atau kata sandi salah. Periksa lagi lalu coba kembali.",
        "inactive": "Akun ini tidak aktif.",
    }

    def clean(self):
        username = (self.data.get("username") or "").strip()[:150]
        ip = alamat_ip(self.request) if self.request else None
        tolak = masuk.periksa(username, ip)
        if tolak is not None:
            masuk.gagal(username, ip, hitung_nama=False)
            raise forms.ValidationError(masuk.pesan(tolak), code="throttled")
        try:
            hasil = super().clean()
        except forms.ValidationError:
            masuk.gagal(username, ip)
            raise
        if self.user_cache is None:  # empty or malformed: no password was checked, it still counts
            masuk.gagal(username, ip)
        return hasil


def _dua_langkah_aktif(user) -> bool:
    return DuaLangkah.objects.filter(pengguna=user, aktif=True).exists()


class MasukView(LoginView):
    template_name = "registration/login.html"
    authentication_form = FormMasuk
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if _dua_langkah_aktif(user):
            self.request.session["masuk_tertunda"] = {
                "id": user.pk,
                "backend": user.backend,
                "waktu": time.time(),
                "lanjut": self.get_success_url(),
            }
            return redirect("masuk_kode")
        masuk.berhasil(user.get_username())
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # Demo accounts are listed only in demonstration mode and while the sample is loaded.
        ctx["mode_demo"] = mode_demo() and PemdaDemo.objects.exists()
        ctx["akun_demo"] = akun_demo_terbuka() if ctx["mode_demo"] else []
        return ctx


class FormKode(forms.Form):
    kode = forms.CharField(label="Kode verifikasi", max_length=12, required=False)


def masuk_kode(request):
    """The second step of a login with TOTP: the six-digit code from the user's app."""
    tertunda = request.session.get("masuk_tertunda")
    User = get_user_model()
    user = None
    if tertunda and time.time() - tertunda.get("waktu", 0) <= TUNDA_KODE:
        user = User.objects.filter(pk=tertunda.get("id"), is_active=True).first()
    if user is None:
        request.session.pop("masuk_tertunda", None)
        messages.error(request, "Waktu memasukkan kode habis. Masuk lagi dengan kata sandi.")
        return redirect("login")
    form = FormKode(request.POST or None)
    galat = ""
    if request.method == "POST":
        ip = alamat_ip(request)
        tolak = masuk.periksa(user.username, ip)
        if tolak is not None:
            masuk.gagal(user.username, ip, hitung_nama=False)
            galat = masuk.pesan(tolak)
        elif form.is_valid() and _terima_kode(user, form.cleaned_data["kode"]):
            masuk.berhasil(user.username)
            del request.session["masuk_tertunda"]
            auth_login(request, user, backend=tertunda["backend"])
            lanjut = tertunda.get("lanjut") or "/"
            if not url_has_allowed_host_and_scheme(lanjut, allowed_hosts={request.get_host()}):
                lanjut = "/"
            return HttpResponseRedirect(lanjut)
        else:
            masuk.gagal(user.username, ip)
            galat = (
                "Kode salah, sudah dipakai, atau kedaluwarsa. Lihat kode terbaru di aplikasi autentikator."
            )
    return render(request, "registration/masuk_kode.html", {"form": form, "galat": galat})


def _terima_kode(user, masukan: str) -> bool:
    """Accept a code once: its step must come after the last accepted one (no replay)."""
    d = DuaLangkah.objects.filter(pengguna=user, aktif=True).first()
    if d is None:
        return False
    s = totp.cocok(d.rahasia, masukan)
    if s is None:
        return False
    with transaction.atomic():
        return DuaLangkah.objects.filter(pk=d.pk, langkah_terakhir__lt=s).update(langkah_terakhir=s) == 1


def masuk_admin(request):
    """/admin/login/ goes through the same throttled login (and second step) as /masuk/."""
    if request.user.is_authenticated and not request.user.is_superuser:
        raise PermissionDenied(
            "Halaman admin Django hanya untuk administrator sistem. Administrasi pemda dan perangkat daerah "
            "ada di halaman Administrasi aplikasi."
        )
    lanjut = request.GET.get("next") or reverse("admin:index")
    return redirect(reverse("login") + "?" + urlencode({"next": lanjut}))


def boleh_dua_langkah(user) -> bool:
    """Administrators and verifiers may protect their account with a second factor."""
    return (
        user.is_superuser
        or user.is_staff
        or Peran.objects.filter(
            pengguna=user, jenis__in=[Peran.Jenis.ADMIN, Peran.Jenis.VERIFIKATOR]
        ).exists()
    )


@login_required
def dua_langkah(request):
    """Turn the TOTP second factor on (after proving the app shows the right code) or off."""
    from kinerja.core.audit import catat

    if not boleh_dua_langkah(request.user):
        raise PermissionDenied("Verifikasi dua langkah tersedia untuk administrator dan verifikator.")
    d, _ = DuaLangkah.objects.get_or_create(pengguna=request.user, defaults={"rahasia": totp.rahasia_baru()})
    galat = ""
    if request.method == "POST":
        s = totp.cocok(d.rahasia, request.POST.get("kode", ""))
        if s is None or s <= d.langkah_terakhir:
            galat = "Kode salah atau sudah dipakai. Masukkan kode yang sedang tampil di aplikasi."
        elif request.POST.get("aksi") == "matikan" and d.aktif:
            with transaction.atomic():
                d.aktif = False
                d.rahasia = totp.rahasia_baru()
                d.langkah_terakhir = s
                d.save()
                catat(aksi="dua_langkah.matikan", objek=request.user, pengguna=request.user)
            messages.success(request, "Verifikasi dua langkah dimatikan.")
            return redirect("dua_langkah")
        elif not d.aktif:
            with transaction.atomic():
                d.aktif = True
                d.langkah_terakhir = s
                d.save()
                catat(aksi="dua_langkah.aktif", objek=request.user, pengguna=request.user)
            messages.success(
                request, "Verifikasi dua langkah aktif: setiap masuk meminta kode dari aplikasi."
            )
            return redirect("dua_langkah")
    from kinerja.core.galat_formulir import GalatFormulir

    # The refused code is listed on top, linked to its box (WCAG 3.3.1), like every other form.
    ctx = {
        "d": d,
        "galat": GalatFormulir({"kode": "id_kode"}).tambah(galat, "kode") if galat else GalatFormulir(),
    }
    if not d.aktif:
        import segno
        from django.utils.safestring import mark_safe

        alamat = totp.uri(d.rahasia, request.user.username)
        ctx["uri"] = alamat
        ctx["rahasia"] = " ".join(d.rahasia[i : i + 4] for i in range(0, len(d.rahasia), 4))
        # segno writes the SVG itself from the URI alone: nothing from the request is echoed raw.
        ctx["qr"] = mark_safe(segno.make(alamat, error="m").svg_inline(scale=4, title="Kode QR autentikator"))  # noqa: S308
    return render(request, "registration/dua_langkah.html", ctx)


def sehat(request):
    """Liveness check for monitoring (and the baseline of the kiosk benchmark): no database."""
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")


def favicon(request):
    """/favicon.ico, which browsers ask for whatever the page links: the vendored icon, cached a day."""
    from django.conf import settings
    from django.http import HttpResponse

    isi = (settings.PAKET_DIR / "static" / "kinerja" / "favicon.ico").read_bytes()
    jawab = HttpResponse(isi, content_type="image/x-icon")
    jawab["Cache-Control"] = "public, max-age=86400"
    return jawab


def unduhan_csv(baris, nama_berkas: str):
    """Rows as a CSV download (';' between fields, UTF-8 with a BOM: see ``tabel.ke_csv``)."""
    from django.http import HttpResponse

    from kinerja.core.tabel import ke_csv

    jawab = HttpResponse(ke_csv(baris), content_type="text/csv; charset=utf-8")
    jawab["Content-Disposition"] = f'attachment; filename="{nama_berkas}"'
    return jawab
