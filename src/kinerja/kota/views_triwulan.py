"""A PD's quarter as Bappeda approves it (``/kota/<pemda>/<tahun>/tw<triwulan>/<pd>/``): each unit's
report, the approval and its history; Bappeda approves, returns (with a note) or cancels its
approval; the PD submits again with an answer. Read-only for the PD's own readers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from kinerja.core.galat_formulir import GalatFormulir
from kinerja.core.parameter import bilangan
from kinerja.monev import persetujuan
from kinerja.monev.services import Bentrok
from kinerja.renstra.selectors import versi_utama
from kinerja.wilayah.models import PerangkatDaerah

PESAN = {
    "setujui": "Triwulan disetujui. Laporan unitnya kini terkunci.",
    "kembalikan": "Triwulan dikembalikan ke perangkat daerah dengan catatan.",
    "batalkan": "Persetujuan dibatalkan; triwulan dikembalikan ke perangkat daerah dengan alasan itu.",
    "ajukan": "Triwulan diajukan ke Bappeda.",
}


def _pd(pemda: str, tahun: int, triwulan: int, pd: str) -> PerangkatDaerah:
    if triwulan not in (1, 2, 3, 4):
        raise Http404("Triwulan tidak dikenal.")
    hasil = get_object_or_404(
        PerangkatDaerah.objects.select_related("pemda"), slug=pd[:100], pemda__slug=pemda[:100]
    )
    versi = versi_utama(hasil)
    if versi is None or tahun not in versi.tahun_rencana:
        raise Http404("Tahun ini di luar rencana perangkat daerah.")
    return hasil


def _aksi(request, aksi: str, pd: PerangkatDaerah, tahun: int, triwulan: int) -> None:
    umum = {"pengguna": request.user, "pd": pd, "tahun": tahun, "triwulan": triwulan}
    revisi = bilangan(request.POST.get("revisi"))
    teks = request.POST.get("catatan", "")
    if aksi == "setujui":
        persetujuan.setujui(**umum, revisi=revisi, catatan=teks)
    elif aksi == "kembalikan":
        persetujuan.kembalikan(**umum, revisi=revisi, catatan=teks)
    elif aksi == "batalkan":
        persetujuan.batalkan(**umum, revisi=revisi, alasan=request.POST.get("alasan", ""))
    elif aksi == "ajukan":
        persetujuan.ajukan_kembali(**umum, revisi=revisi, catatan=teks)
    else:
        raise ValidationError("Aksi tidak dikenal.")


@login_required
def triwulan_pd(request, pemda: str, tahun: int, triwulan: int, pd: str):
    p = _pd(pemda, tahun, triwulan, pd)
    galat = GalatFormulir({"catatan": "isian-catatan", "alasan": "isian-alasan"})
    aksi = request.POST.get("aksi", "") if request.method == "POST" else ""
    if request.method == "POST":
        try:
            _aksi(request, aksi, p, tahun, triwulan)
        except Bentrok as e:
            galat.tambah(e.pesan)
        except ValidationError as e:
            galat.tambah(e)
        else:
            messages.success(request, PESAN[aksi])
            return redirect(request.path)
    k = persetujuan.keadaan_triwulan(pengguna=request.user, pd=p, tahun=tahun, triwulan=triwulan)
    return render(
        request,
        "kota/triwulan_pd.html",
        {
            "k": k,
            "pemda": p.pemda,
            "galat": galat,
            "aksi": aksi,
            "isian": request.POST if request.method == "POST" else {},
        },
        status=400 if galat else 200,
    )
