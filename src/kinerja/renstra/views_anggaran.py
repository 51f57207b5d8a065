"""The APBD page of a Renstra version: the year's sub kegiatan × lokasi with their pagu indikatif and
appropriated budget, edited row by row, imported from the template workbook or downloaded as one.

Everyone who reads the PD's plan reads it (the PD head signs a PK on these figures; Bappeda checks
them); only the PD's perencana (and admin) see the forms, save a row or import a workbook. A refused row
is shown again with what was typed and the message beside each field; nothing of it is saved.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kinerja.core import angka
from kinerja.core.galat_formulir import GalatFormulir
from kinerja.core.parameter import id_atau_none
from kinerja.renstra import anggaran as ag
from kinerja.renstra.anggaran_buku import baris_apbd, impor_anggaran, templat_anggaran
from kinerja.renstra.impor import ImporGagal
from kinerja.renstra.impor.unggahan import baca_unggahan, hapus_unggahan, simpan_unggahan
from kinerja.renstra.models import Anggaran, PlanNode, RenstraVersi
from kinerja.renstra.selectors import muat_rencana
from kinerja.renstra.views import JENIS_UNDUH, _konteks, _versi
from kinerja.renstra.views_versi import _unggahan_salah
from kinerja.wilayah.izin import cakupan, wajib

TAHAP = Anggaran.Tahap
KOLOM = ("jumlah", "sumber_dana", "dokumen")


def _versi_apbd(request, versi: int, tahun: int | None = None, *, ubah: bool = False) -> RenstraVersi:
    v = _versi(request, versi)
    if ubah:
        wajib(
            cakupan(request.user).ubah_rencana(v.pd_id),
            "Hanya perencana perangkat daerah ini yang mengisi atau mengimpor APBD; halaman Anggaran APBD "
            "dapat Anda baca.",
        )
    if v.jenis == RenstraVersi.Jenis.RENJA:
        raise Http404("Anggaran APBD dicatat pada versi Renstra, bukan pada Renja.")
    if tahun is not None and tahun not in v.tahun_rencana:
        raise Http404(
            f"Tahun {tahun} di luar tahun rencana {v.nama} ({v.tahun_rencana[0]}–{v.tahun_rencana[-1]})."
        )
    return v


@login_required
def anggaran_kini(request, versi: int):
    """The APBD page of this year when the version plans it, else of its first year."""
    v = _versi_apbd(request, versi)
    tahun = dt.date.today().year
    return redirect(
        "renstra:anggaran", versi=v.pk, tahun=tahun if tahun in v.tahun_rencana else v.tahun_rencana[0]
    )


def _isian_baris(b, post=None) -> dict:
    """The values a row's fields show: stored ones, or those just posted."""
    hasil = {}
    for tahap, a in ((TAHAP.MURNI, b.murni), (TAHAP.PERUBAHAN, b.perubahan)):
        for k in KOLOM:
            kunci = f"{tahap}-{k}"
            if post is not None:
                hasil[kunci] = post.get(kunci, "")
            elif a is None:
                hasil[kunci] = ""
            else:
                hasil[kunci] = angka.format_rupiah(a.jumlah) if k == "jumlah" else getattr(a, k)
    return hasil


def _halaman(
    request, v: RenstraVersi, tahun: int, *, gagal=None, galat_impor=None, nama_berkas="", status=200
):
    r = muat_rencana(v)
    daftar = baris_apbd(r, tahun)
    for b in daftar:
        b.isian = _isian_baris(b, gagal["post"] if gagal and gagal["kunci"] == b.jangkar else None)
        b.galat = gagal["galat"] if gagal and gagal["kunci"] == b.jangkar else {}
    jumlah = {
        "pagu": sum((b.pagu or Decimal(0) for b in daftar), Decimal(0)),
        "murni": sum((b.murni.jumlah for b in daftar if b.murni), Decimal(0)),
        "perubahan": sum((b.perubahan.jumlah for b in daftar if b.perubahan), Decimal(0)),
        "berlaku": sum((b.berlaku.jumlah for b in daftar if b.berlaku), Decimal(0)),
    }
    return render(
        request,
        "renstra/anggaran.html",
        _konteks(
            v,
            "anggaran",
            tahun_apbd=tahun,
            semua_tahun=v.tahun_rencana,
            baris=daftar,
            jumlah=jumlah,
            terisi=sum(1 for b in daftar if b.berlaku),
            demo=any(b.berlaku and b.berlaku.demo for b in daftar),
            gagal=gagal,
            boleh_ubah=cakupan(request.user).ubah_rencana(v.pd_id),
            disimpan=request.GET.get("disimpan", ""),
            galat_impor=galat_impor,
            nama_berkas=nama_berkas,
        ),
        status=status,
    )


@login_required
def anggaran(request, versi: int, tahun: int):
    """The year's APBD table; a POST saves one sub kegiatan × lokasi (murni and perubahan)."""
    v = _versi_apbd(request, versi, tahun, ubah=request.method == "POST")
    if request.method != "POST":
        return _halaman(request, v, tahun)
    node = get_object_or_404(
        PlanNode,
        pk=id_atau_none(request.POST.get("node", "")),
        versi=v,
        tingkat=PlanNode.Tingkat.SUB_KEGIATAN,
    )
    lok_id = request.POST.get("lokasi", "")
    lokasi = get_object_or_404(v.pd.unit_set, pk=id_atau_none(lok_id)) if lok_id else None
    isian = {t: {k: request.POST.get(f"{t}-{k}", "") for k in KOLOM} for t in TAHAP.values}
    jangkar = f"a{node.pk}-{lokasi.pk if lokasi else 0}"
    try:
        hasil = ag.simpan_anggaran(
            pengguna=request.user, versi=v, node=node, lokasi=lokasi, tahun=tahun, isian=isian
        )
    except ValidationError as e:
        galat = e.message_dict if hasattr(e, "error_dict") else {"__all__": e.messages}
        gagal = {
            "kunci": jangkar,
            "post": request.POST,
            "galat": galat,
            "node": node,
            "nama_lokasi": lokasi.nama_pendek if lokasi else "seluruh PD",
            # Every message at the top, each linked to its box in the row (WCAG 3.3.1).
            "ringkasan": GalatFormulir({k: f"{jangkar}-{k}" for k in galat}).tambah(e),
        }
        return _halaman(request, v, tahun, gagal=gagal, status=400)
    nama = f"{node.kode} {lokasi.nama_pendek if lokasi else 'seluruh PD'}"
    pesan = f"{nama}: {', '.join(hasil)}." if hasil else f"{nama}: tidak ada yang berubah."
    messages.success(request, pesan)
    # The page opens at the saved row, which says so itself: the message on top is out of sight there.
    return redirect(reverse("renstra:anggaran", args=[v.pk, tahun]) + f"?disimpan={jangkar}#{jangkar}")


@login_required
def unduh_templat(request, versi: int, tahun: int):
    v = _versi_apbd(request, versi, tahun)
    jawab = HttpResponse(templat_anggaran(muat_rencana(v), tahun), content_type=JENIS_UNDUH["xlsx"])
    jawab["Content-Disposition"] = f'attachment; filename="APBD-{tahun}-{v.pd.slug}.xlsx"'
    return jawab


@login_required
@require_POST
def impor(request, versi: int, tahun: int):
    """Upload a filled template: every row checked, all saved or none."""
    v = _versi_apbd(request, versi, tahun, ubah=True)
    berkas = request.FILES.get("berkas")
    salah = _unggahan_salah(berkas)
    if salah:
        messages.error(request, salah)
        return redirect("renstra:anggaran", versi=v.pk, tahun=tahun)
    kunci = simpan_unggahan(pengguna_id=request.user.pk, nama=berkas.name, potongan=berkas.chunks())
    path, nama = baca_unggahan(pengguna_id=request.user.pk, kunci=kunci)
    try:
        hitung = impor_anggaran(
            pengguna=request.user, versi=v, r=muat_rencana(v), tahun=tahun, path=path, nama_berkas=nama
        )
    except ImporGagal as e:
        return _halaman(request, v, tahun, galat_impor=e.galat, nama_berkas=nama, status=400)
    finally:
        hapus_unggahan(pengguna_id=request.user.pk, kunci=kunci)
    messages.success(
        request,
        f"{nama}: {hitung['tambah']} anggaran diisi, {hitung['ubah']} diubah, {hitung['tetap']} sama dengan yang "
        "tersimpan.",
    )
    return redirect("renstra:anggaran", versi=v.pk, tahun=tahun)
