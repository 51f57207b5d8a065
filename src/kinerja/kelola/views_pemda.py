"""The pemda's settings page (its administrator): name, logo, heads, reporting deadline, approval
levels; and the logo itself, served to anyone (it is the pemda's public emblem)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kinerja.core.galat_formulir import GalatFormulir
from kinerja.core.models import PemdaDemo
from kinerja.kelola.bersama import galat_dari, konteks, nilai_post, pemda_kelola
from kinerja.wilayah import services
from kinerja.wilayah.models import Pemda, PerangkatDaerah, Unit

MEDAN = (
    "nama",
    "kepala_nama",
    "kepala_jabatan",
    "kepala_bappeda_nama",
    "kepala_bappeda_nip",
    "batas_hari_laporan",
    "batasi_capaian_100",
    "tingkat_persetujuan",
)


def _nilai(pemda: Pemda) -> dict:
    nilai = {k: getattr(pemda, k) for k in MEDAN}
    nilai["batasi_capaian_100"] = "1" if pemda.batasi_capaian_100 else ""
    return {k: "" if v is None else str(v) for k, v in nilai.items()}


def _pd_rt_keren(pemda: Pemda) -> PerangkatDaerah | None:
    """A PD with kelurahan, through which the pemda's RT Keren settings are opened (when there is one)."""
    unit = Unit.objects.filter(pd__pemda=pemda, jenis__in=services.JENIS_WILAYAH).select_related("pd").first()
    return unit.pd if unit else None


def _demo(pemda: Pemda) -> bool:
    return PemdaDemo.objects.filter(pemda=pemda).exists()


@login_required
def pengaturan(request, pemda: str):
    p = pemda_kelola(request, pemda)
    galat, nilai = GalatFormulir(), _nilai(p)
    if request.method == "POST":
        nilai = nilai_post(request, MEDAN)
        try:
            ubah = services.ubah_pemda(pengguna=request.user, pemda=p, isian=nilai)
        except ValidationError as e:
            galat_dari(e, galat)
            p.refresh_from_db()
        else:
            messages.success(
                request, "Pengaturan pemerintah daerah tersimpan." if ubah else "Tidak ada yang berubah."
            )
            return redirect("kelola:pemda", p.slug)
    return render(
        request,
        "kelola/pemda.html",
        konteks(
            pemda=p,
            aktif="pemda",
            galat=galat,
            nilai=nilai,
            pd_rt=_pd_rt_keren(p),
            galat_logo=GalatFormulir(),
            demo=_demo(p),
        ),
        status=400 if galat else 200,
    )


@login_required
@require_POST
def ubah_logo(request, pemda: str):
    p = pemda_kelola(request, pemda)
    hapus = request.POST.get("aksi") == "hapus"
    berkas = request.FILES.get("logo")
    galat = GalatFormulir()
    if not hapus and berkas is None:
        galat.tambah("Pilih berkas gambar logo (PNG atau JPG, paling besar 1 MB).", "logo")
    else:
        try:
            berubah = services.ubah_logo(pengguna=request.user, pemda=p, berkas=None if hapus else berkas)
        except ValidationError as e:
            galat_dari(e, galat)
        else:
            pesan = "Logo dihapus." if hapus else "Logo tersimpan."
            messages.success(request, pesan if berubah else "Belum ada logo.")
            return redirect("kelola:pemda", p.slug)
    return render(
        request,
        "kelola/pemda.html",
        konteks(
            pemda=p,
            aktif="pemda",
            galat=GalatFormulir(),
            nilai=_nilai(p),
            pd_rt=_pd_rt_keren(p),
            galat_logo=galat,
            demo=_demo(p),
        ),
        status=400,
    )


def logo(request, pemda: str):
    """The pemda's logo, as stored (PNG or JPEG, checked again by its first bytes)."""
    p = get_object_or_404(Pemda, slug=pemda[:60])
    if not p.logo:
        raise Http404("Pemerintah daerah ini belum mempunyai logo.")
    try:
        f = p.logo.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("Berkas logo tidak ditemukan.") from None
    jenis = services.jenis_logo(f.read(8))
    if jenis is None:
        f.close()
        raise Http404("Berkas logo tidak dapat ditampilkan.")
    f.seek(0)
    jawab = FileResponse(f, content_type=services.JENIS_LOGO[jenis])
    jawab["X-Content-Type-Options"] = "nosniff"
    jawab["Cache-Control"] = "public, max-age=600"
    return jawab
