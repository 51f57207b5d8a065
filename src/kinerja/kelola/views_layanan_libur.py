"""Holidays and cuti bersama per year: list, add, remove, import a pasted list.

The table is shared by every pemda this server serves (``layanan.services.boleh_ubah_libur`` says
who changes it); every signed-in user may read it, since the dates are public.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from kinerja.core.galat_formulir import GalatFormulir
from kinerja.core.parameter import TAHUN_TERBESAR, TAHUN_TERKECIL, bilangan
from kinerja.layanan import libur as kalender_libur
from kinerja.layanan import services
from kinerja.layanan.models import HariLibur
from kinerja.wilayah.izin import wajib

J = HariLibur.Jenis
NAMA_HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
PILIHAN_IMPOR = [(kalender_libur.OTOMATIS, "Menurut nama (“Cuti bersama …” = cuti bersama)"), *J.choices]


def _tahun(request) -> int:
    """The year of ``?tahun=`` (this year when absent); an unreadable one says so and shows this year."""
    ini = timezone.localdate().year
    teks = (request.GET.get("tahun") or request.POST.get("tahun") or "").strip()
    if not teks:
        return ini
    n = bilangan(teks, bawah=TAHUN_TERKECIL, atas=TAHUN_TERBESAR)
    if n is None:
        messages.warning(
            request,
            f"Tahun “{teks[:12]}” tidak dikenal ({TAHUN_TERKECIL}–{TAHUN_TERBESAR}); ditampilkan tahun {ini}.",
        )
        return ini
    return n


def _tahun_pilihan(tahun: int) -> list[int]:
    ada = {d.year for d in HariLibur.objects.dates("tanggal", "year")}
    ini = timezone.localdate().year
    return sorted(ada | {ini, ini + 1, tahun})


def _kirim(request, boleh: bool, galat_tambah: GalatFormulir, galat_impor: GalatFormulir, nilai: dict):
    """Run the form that was sent; a redirect on success, None when it was refused."""
    wajib(boleh, "Hari libur berlaku untuk semua pemda di server ini; Anda tidak berwenang mengubahnya.")
    aksi = request.POST.get("aksi", "")
    if aksi == "tambah":
        nilai.update({k: request.POST.get(k, "")[:200] for k in ("tanggal", "nama", "jenis")})
        try:
            x = services.tambah_libur(
                pengguna=request.user, tanggal=nilai["tanggal"], nama=nilai["nama"], jenis=nilai["jenis"]
            )
        except ValidationError as e:
            galat_tambah.tambah(e)
            return None
        messages.success(request, f"{x.tanggal:%d-%m-%Y} {x.nama} ({x.get_jenis_display().lower()}) dicatat.")
        return redirect(reverse("kelola:libur") + f"?tahun={x.tanggal.year}")
    wajib(aksi == "impor", "Tindakan ini tidak dikenal.")
    nilai.update(
        {"teks": request.POST.get("teks", "")[:40000], "jenis_impor": request.POST.get("jenis_impor", "")}
    )
    try:
        hasil = services.impor_libur(pengguna=request.user, teks=nilai["teks"], jenis=nilai["jenis_impor"])
    except ValidationError as e:
        galat_impor.tambah(e.messages, "teks")
        return None
    messages.success(
        request,
        f"Impor selesai: {len(hasil.baru)} tanggal baru, {len(hasil.ubah)} diubah, {hasil.sama} sudah sama.",
    )
    tahun = (hasil.baru or hasil.ubah)[0].tanggal.year if (hasil.baru or hasil.ubah) else None
    return redirect(reverse("kelola:libur") + (f"?tahun={tahun}" if tahun else ""))


@login_required
def daftar(request):
    boleh = services.boleh_ubah_libur(pengguna=request.user)
    tahun = _tahun(request)
    galat_tambah = GalatFormulir({"tanggal": "isian-tanggal", "nama": "isian-nama", "jenis": "isian-jenis"})
    galat_impor = GalatFormulir({"teks": "isian-teks"})
    nilai: dict = {"jenis": J.LIBUR, "jenis_impor": kalender_libur.OTOMATIS}
    if request.method == "POST":
        jawab = _kirim(request, boleh, galat_tambah, galat_impor, nilai)
        if jawab is not None:
            return jawab
    libur = list(HariLibur.objects.filter(tanggal__year=tahun).order_by("tanggal"))
    for x in libur:
        x.hari = NAMA_HARI[x.tanggal.weekday()]
        x.akhir_pekan = x.tanggal.weekday() >= 5
    return render(
        request,
        "kelola/layanan/libur.html",
        {
            "tahun": tahun,
            "tahun_pilihan": _tahun_pilihan(tahun),
            "libur": libur,
            "jumlah_kerja": sum(1 for x in libur if not x.akhir_pekan),
            "boleh": boleh,
            "galat_tambah": galat_tambah,
            "galat_impor": galat_impor,
            "nilai": nilai,
            "pilihan_jenis": J.choices,
            "pilihan_impor": PILIHAN_IMPOR,
            "contoh": dt.date(tahun, 8, 17),
        },
        status=400 if (galat_tambah or galat_impor) else 200,
    )


@login_required
@require_POST
def hapus(request, pk: int):
    wajib(
        services.boleh_ubah_libur(pengguna=request.user),
        "Hari libur berlaku untuk semua pemda di server ini; Anda tidak berwenang mengubahnya.",
    )
    x = get_object_or_404(HariLibur, pk=pk)
    services.hapus_libur(pengguna=request.user, libur=x)
    messages.success(
        request,
        f"{x.tanggal:%d-%m-%Y} {x.nama} dihapus: tanggal itu kembali hari kerja bila bukan akhir pekan.",
    )
    return redirect(reverse("kelola:libur") + f"?tahun={x.tanggal.year}")
