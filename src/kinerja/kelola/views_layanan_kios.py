"""Survey kiosks of a PD's units: create, rename, limit, switch off, new secret addresses, and a
printable poster with the phone form's QR code.

Only the PD's administrator and the pemda's administrator open these pages: they show the secret
addresses of the tablets.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from kinerja.core.audit import riwayat
from kinerja.core.galat_formulir import GalatFormulir
from kinerja.kelola.views_layanan import konteks, pd_kelola, unit_pd
from kinerja.skm import services
from kinerja.skm.models import Kios
from kinerja.skm.selectors import respons_per_kios
from kinerja.wilayah.izin import wajib

APA = "kios survei"
BATAS = f"{services.BATAS_MENIT_TERKECIL}–{services.BATAS_MENIT_TERBESAR}"
UKURAN = {"a4": "A4", "a5": "A5"}


def _kios_atau_404(p, pk: int) -> Kios:
    return get_object_or_404(Kios.objects.select_related("unit__pd__pemda"), pk=pk, unit__pd=p)


def _alamat(request, k: Kios) -> dict:
    return {
        "kios": request.build_absolute_uri(reverse("skm:kios", args=[k.token])),
        "ponsel": request.build_absolute_uri(reverse("skm:isi", args=[k.token_ponsel])),
    }


@login_required
def daftar(request, pd: int):
    p = pd_kelola(request, pd, APA)
    units = list(p.unit_set.filter(aktif=True).order_by("urutan", "nama"))  # new kiosks go to working units
    galat, nilai = GalatFormulir(), {"unit": request.GET.get("unit", "")[:20], "batas_per_menit": "240"}
    if request.method == "POST":
        nilai = {k: request.POST.get(k, "")[:200] for k in ("unit", "nama", "batas_per_menit")}
        unit = unit_pd(p, nilai["unit"])
        try:
            if unit is None:
                galat.tambah("Pilih unit tempat kios dipasang.", "unit")
            else:
                k = services.tambah_kios(
                    pengguna=request.user,
                    unit=unit,
                    nama=nilai["nama"],
                    batas_per_menit=nilai["batas_per_menit"],
                )
        except ValidationError as e:
            galat.tambah(e)
        if not galat:
            messages.success(
                request, f"Kios “{k.nama}” dibuat. Buka alamat kiosnya di tablet, cetak kode QR-nya."
            )
            return redirect("kelola:kios_ubah", pd=p.pk, pk=k.pk)
    kios = list(Kios.objects.filter(unit__pd=p).select_related("unit").order_by("unit__urutan", "nama", "pk"))
    jumlah = respons_per_kios([k.pk for k in kios])
    for k in kios:
        k.jawaban = jumlah.get(k.pk, 0)
    return render(
        request,
        "kelola/layanan/kios.html",
        konteks(p, "kelola_kios", kios=kios, units=units, galat=galat, nilai=nilai, batas=BATAS),
        status=400 if galat else 200,
    )


@login_required
def ubah(request, pd: int, pk: int):
    p = pd_kelola(request, pd, APA)
    k = _kios_atau_404(p, pk)
    galat, nilai = GalatFormulir(), {"nama": k.nama, "batas_per_menit": str(k.batas_per_menit)}
    if request.method == "POST":
        nilai = {m: request.POST.get(m, "")[:200] for m in ("nama", "batas_per_menit")}
        try:
            berubah = services.ubah_kios(pengguna=request.user, kios=k, **nilai)
        except ValidationError as e:
            galat.tambah(e)
        else:
            messages.success(request, "Kios disimpan." if berubah else "Tidak ada yang berubah.")
            return redirect("kelola:kios_ubah", pd=p.pk, pk=k.pk)
    return render(
        request,
        "kelola/layanan/kios_ubah.html",
        konteks(
            p,
            "kelola_kios",
            k=k,
            alamat=_alamat(request, k),
            galat=galat,
            nilai=nilai,
            batas=BATAS,
            catatan=riwayat(k),
        ),
        status=400 if galat else 200,
    )


_PESAN = {
    "nonaktifkan": "Kios “{}” dinonaktifkan: alamat tablet dan formulir ponselnya tidak menerima jawaban lagi; "
    "jawaban lamanya tetap dihitung.",
    "aktifkan": "Kios “{}” aktif lagi dengan alamat yang sama.",
    "ganti_kios": "Alamat tablet kios “{}” diganti. Alamat lama tidak berlaku lagi: buka alamat baru di tablet.",
    "ganti_ponsel": "Alamat formulir ponsel dan kode QR kios “{}” diganti. Kode QR lama tidak berlaku lagi: "
    "cetak dan tempel yang baru.",
}


@login_required
@require_POST
def atur(request, pd: int, pk: int):
    p = pd_kelola(request, pd, APA)
    k = _kios_atau_404(p, pk)
    aksi = request.POST.get("aksi", "")
    wajib(aksi in _PESAN, "Tindakan ini tidak dikenal.")
    if aksi.startswith("ganti_"):
        services.ganti_token(pengguna=request.user, kios=k, jenis=aksi.removeprefix("ganti_"))
    else:
        services.atur_kios(pengguna=request.user, kios=k, aktif=aksi == "aktifkan")
    messages.success(request, _PESAN[aksi].format(k.nama))
    return redirect("kelola:kios_ubah", pd=p.pk, pk=k.pk)


@login_required
def cetak(request, pd: int, pk: int):
    """A poster for the service room: the unit, the phone form's QR code and address, how to fill it."""
    import segno

    p = pd_kelola(request, pd, APA)
    k = _kios_atau_404(p, pk)
    wajib(k.aktif, "Kios ini nonaktif: kode QR-nya tidak menerima jawaban. Aktifkan dulu kiosnya.")
    ukuran = request.GET.get("ukuran", "a5")
    if ukuran not in UKURAN:
        messages.warning(request, "Ukuran kertas tidak dikenal; ditampilkan A5.")
        ukuran = "a5"
    alamat = _alamat(request, k)["ponsel"]
    # segno writes the SVG from the address alone (no request text echoed raw); the title names the unit.
    qr = segno.make(alamat, error="m").svg_inline(
        scale=8, omitsize=True, title=f"Kode QR survei kepuasan {k.unit.nama}"
    )
    return render(
        request,
        "kelola/layanan/kios_cetak.html",
        konteks(p, "kelola_kios", k=k, alamat=alamat, qr=mark_safe(qr), ukuran=ukuran, ukuran_pilihan=UKURAN),  # noqa: S308
    )
