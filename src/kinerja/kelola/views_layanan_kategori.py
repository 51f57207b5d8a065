"""Complaint categories of a PD: add, rename, change the deadline, reorder, deactivate.

The PD's administrator and the pemda's administrator write; whoever reads the whole PD reads the
list (the categories are on the public form anyway).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kinerja.core.audit import riwayat
from kinerja.core.galat_formulir import GalatFormulir
from kinerja.kelola.views_layanan import konteks, pd_baca, pd_kelola
from kinerja.pengaduan import services
from kinerja.pengaduan.models import Kategori
from kinerja.wilayah.izin import wajib

APA = "kategori pengaduan"
BATAS = f"{services.BATAS_HARI_TERKECIL}–{services.BATAS_HARI_TERBESAR}"


def _kategori_atau_404(p, pk: int) -> Kategori:
    return get_object_or_404(Kategori.objects.select_related("pd"), pk=pk, pd=p)


@login_required
def daftar(request, pd: int):
    p, c = pd_baca(request, pd, APA)
    kelola = c.kelola_pd(p.pk)
    galat, nilai = GalatFormulir(), {}
    if request.method == "POST":
        wajib(kelola, f"Hanya administrator {p.nama} (atau pemdanya) yang mengubah {APA}.")
        nilai = {k: request.POST.get(k, "")[:200] for k in ("nama", "batas_hari")}
        try:
            k = services.tambah_kategori(pengguna=request.user, pd=p, **nilai)
        except ValidationError as e:
            galat.tambah(e)
        else:
            messages.success(
                request,
                f"Kategori “{k.nama}” ({k.batas_hari} hari kerja) ditambahkan dan tampil di formulir pengaduan.",
            )
            return redirect("kelola:kategori", pd=p.pk)
    kategori = list(Kategori.objects.filter(pd=p).order_by("urutan", "nama", "pk"))
    jumlah = services.jumlah_per_kategori(pengguna=request.user, pd=p)
    for k in kategori:
        k.jumlah, k.terbuka = jumlah.get(k.pk, (0, 0))
    return render(
        request,
        "kelola/layanan/kategori.html",
        konteks(
            p, "kelola_kategori", kategori=kategori, kelola=kelola, galat=galat, nilai=nilai, batas=BATAS
        ),
        status=400 if galat else 200,
    )


@login_required
def ubah(request, pd: int, pk: int):
    p = pd_kelola(request, pd, APA)
    k = _kategori_atau_404(p, pk)
    galat, nilai = GalatFormulir(), {"nama": k.nama, "batas_hari": str(k.batas_hari), "alasan": ""}
    if request.method == "POST":
        nilai = {m: request.POST.get(m, "")[:300] for m in ("nama", "batas_hari", "alasan")}
        try:
            berubah = services.ubah_kategori(pengguna=request.user, kategori=k, **nilai)
        except ValidationError as e:
            galat.tambah(e)
        else:
            messages.success(
                request,
                f"Kategori “{nilai['nama'].strip()}” disimpan." if berubah else "Tidak ada yang berubah.",
            )
            return redirect("kelola:kategori", pd=p.pk)
    return render(
        request,
        "kelola/layanan/kategori_ubah.html",
        konteks(p, "kelola_kategori", k=k, galat=galat, nilai=nilai, batas=BATAS, catatan=riwayat(k)),
        status=400 if galat else 200,
    )


@login_required
@require_POST
def atur(request, pd: int, pk: int):
    """Up, down, deactivate, activate or delete: one button each on the list."""
    p = pd_kelola(request, pd, APA)
    k = _kategori_atau_404(p, pk)
    aksi = request.POST.get("aksi", "")
    wajib(aksi in ("naik", "turun", "nonaktifkan", "aktifkan", "hapus"), "Tindakan ini tidak dikenal.")
    try:
        if aksi in ("naik", "turun"):
            services.geser_kategori(pengguna=request.user, kategori=k, naik=aksi == "naik")
        elif aksi == "hapus":
            services.hapus_kategori(pengguna=request.user, kategori=k)
            messages.success(request, f"Kategori “{k.nama}” dihapus (belum pernah dipakai).")
        else:
            services.atur_kategori(pengguna=request.user, kategori=k, aktif=aksi == "aktifkan")
            messages.success(
                request,
                f"Kategori “{k.nama}” "
                + (
                    "tampil lagi di formulir pengaduan."
                    if aksi == "aktifkan"
                    else "tidak lagi di formulir pengaduan; pengaduannya tetap berkategori ini."
                ),
            )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect("kelola:kategori", pd=p.pk)
