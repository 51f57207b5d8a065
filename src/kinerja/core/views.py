"""Login (throttled, with the sample's demo accounts when they exist) and password change."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.utils import timezone

from kinerja.core.akun import AKUN_DEMO
from kinerja.core.beranda import alamat_beranda
from kinerja.core.izin import cakupan, wajib
from kinerja.core.models import GagalMasuk
from kinerja.wilayah.models import Pemda

# After this many failures for one user name (or from one address) within the window,
# further attempts are refused until the window has passed, even with the right password.
BATAS_GAGAL_NAMA = 5
BATAS_GAGAL_IP = 20
JENDELA = timedelta(minutes=15)


def alamat_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class FormMasuk(AuthenticationForm):
    error_messages = {
        "invalid_login": "Nama pengguna atau kata sandi salah. Periksa lagi lalu coba kembali.",
        "inactive": "Akun ini tidak aktif.",
        "throttled": "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(menit)d menit.",
    }

    def clean(self):
        username = (self.data.get("username") or "").strip()
        ip = alamat_ip(self.request) if self.request else None
        sejak = timezone.now() - JENDELA
        gagal_nama = GagalMasuk.objects.filter(username__iexact=username, waktu__gte=sejak)
        gagal_ip = GagalMasuk.objects.filter(ip=ip, waktu__gte=sejak) if ip else GagalMasuk.objects.none()
        terakhir = None
        if gagal_nama.count() >= BATAS_GAGAL_NAMA:
            terakhir = gagal_nama.order_by("waktu")[gagal_nama.count() - BATAS_GAGAL_NAMA].waktu
        elif gagal_ip.count() >= BATAS_GAGAL_IP:
            terakhir = gagal_ip.order_by("waktu")[gagal_ip.count() - BATAS_GAGAL_IP].waktu
        if terakhir is not None:
            sisa = (terakhir + JENDELA - timezone.now()).total_seconds()
            raise forms.ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"menit": max(1, int(sisa // 60) + 1)},
            )
        try:
            hasil = super().clean()
        except forms.ValidationError:
            GagalMasuk.objects.create(username=username[:150], ip=ip)
            raise
        GagalMasuk.objects.filter(username__iexact=username).delete()
        return hasil


class MasukView(LoginView):
    template_name = "registration/login.html"
    authentication_form = FormMasuk
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ada = set(
            get_user_model()
            .objects.filter(username__in=[a.username for a in AKUN_DEMO])
            .values_list("username", flat=True)
        )
        ctx["akun_demo"] = [a for a in AKUN_DEMO if a.username in ada]
        return ctx


@login_required
def beranda(request):
    """Each user lands on their own work (see ``core.beranda``)."""
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
        "core/daftar_pd.html",
        {"pemda": _pemda_terbaca(request), "ada_data": Pemda.objects.exists()},
    )


@login_required
def beranda_admin(request):
    """What an administrator can do: the admin site, the PDs and the commands."""
    c = cakupan(request.user)
    wajib(c.admin, "Halaman administrasi hanya untuk administrator.")
    return render(
        request,
        "core/beranda_admin.html",
        {"pemda": _pemda_terbaca(request), "situs_admin": request.user.is_staff},
    )


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
