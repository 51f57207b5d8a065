"""The LKjIP document page: the narrative sections to edit per year, a preview of the data
sections, and the document as DOCX or PDF. Readers as the LKjIP tables page (the PD's heads,
perencana and verifikator); the PD's perencana or pimpinan edit the narrative."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe

from kinerja.core.galat_formulir import GalatFormulir
from kinerja.core.tabel import ke_html
from kinerja.lkjip import dokumen as dk
from kinerja.lkjip import services
from kinerja.lkjip.docx_ import ke_docx
from kinerja.lkjip.models import BAGIAN_NARASI, BATAS_TEKS
from kinerja.lkjip.pdf import ke_pdf
from kinerja.lkjip.pdf_pk import pk_ke_pdf
from kinerja.monev import pk as pk_mod
from kinerja.monev.models import PerjanjianKinerja
from kinerja.monev.selectors import muat_evaluasi
from kinerja.renstra.models import RenstraVersi
from kinerja.wilayah.izin import cakupan, wajib

PESAN_BACA = "Dokumen LKjIP hanya untuk pimpinan, perencana dan verifikator perangkat daerah."
JENIS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _versi(versi_id: int) -> RenstraVersi:
    return get_object_or_404(RenstraVersi.objects.select_related("pd__pemda", "rpjmd"), pk=versi_id)


def _tahun(v: RenstraVersi, tahun: int) -> int:
    if tahun not in v.tahun_rencana:
        raise Http404(f"Tahun {tahun} di luar tahun rencana {v.tahun_rencana[0]}–{v.tahun_rencana[-1]}.")
    return tahun


def _konteks(v: RenstraVersi, aktif: str, **lain) -> dict:
    """The monev pages' layout context: the PD's menu with "Evaluasi & laporan" active."""
    return {"versi": v, "pd": v.pd, "pemda": v.pd.pemda, "aktif": aktif, "bagian": "monev", **lain}


@login_required
def dokumen(request, versi: int, tahun: int):
    v = _versi(versi)
    tahun = _tahun(v, tahun)
    c = cakupan(request.user)
    wajib(c.baca_pd(v.pd_id), PESAN_BACA)
    boleh_ubah = c.ubah_rencana(v.pd_id) or c.tandatangan_pk(v.pd_id)
    b = dk.Bahan.muat(v, tahun)
    teks, draf, simpan = dk.isi_narasi(b)
    galat = GalatFormulir({k: f"narasi-{k}" for k in BAGIAN_NARASI})
    status = 200
    if request.method == "POST":
        wajib(boleh_ubah, services.PESAN_DITOLAK)
        kirim = {k: request.POST[k] for k in BAGIAN_NARASI if k in request.POST}
        teks.update(kirim)  # a refused form shows everything as typed
        try:
            diubah = services.simpan_narasi(
                pengguna=request.user, versi=v, tahun=tahun, isian=kirim, draf=draf
            )
        except ValidationError as e:
            galat.tambah(e)
            status = 400
        else:
            if diubah:
                nama = ", ".join(BAGIAN_NARASI[k] for k in diubah)
                messages.success(request, f"Narasi LKjIP {tahun} disimpan: {nama}.")
            else:
                messages.info(request, "Tidak ada perubahan narasi.")
            return redirect(reverse("lkjip:dokumen", args=[v.pk, tahun]) + "#narasi")
    belum = dk.belum_terverifikasi(b.ev)
    return render(
        request,
        "lkjip/dokumen.html",
        _konteks(
            v,
            "laporan",
            tahun=tahun,
            semua_tahun=v.tahun_rencana,
            bagian_narasi=[
                (k, judul, teks[k], simpan.get(k), teks[k] != draf[k] and k not in simpan)
                for k, judul in BAGIAN_NARASI.items()
            ],
            boleh_ubah=boleh_ubah,
            galat=galat,
            batas=BATAS_TEKS,
            belum=belum,
            teken=b.teken,
            tabel=[(t, mark_safe(ke_html(t))) for t in b.tabel],
        ),
        status=status,
    )


@login_required
def unduh(request, versi: int, tahun: int, fmt: str):
    if fmt not in JENIS:
        raise Http404("Format tidak dikenal: dokumen LKjIP tersedia sebagai DOCX atau PDF.")
    v = _versi(versi)
    tahun = _tahun(v, tahun)
    wajib(cakupan(request.user).baca_pd(v.pd_id), PESAN_BACA)
    dok, _ = dk.susun(v, tahun)
    isi = ke_docx(dok) if fmt == "docx" else ke_pdf(dok)
    jawab = HttpResponse(isi, content_type=JENIS[fmt])
    jawab["Content-Disposition"] = f'attachment; filename="{dok.nama_berkas}.{fmt}"'
    return jawab


@login_required
def pk_pdf(request, versi: int, tahun: int):
    """The Perjanjian Kinerja as PDF: the signed snapshot once signed, else the draft marked RANCANGAN.
    Readers as the PK page."""
    v = _versi(versi)
    tahun = _tahun(v, tahun)
    wajib(
        cakupan(request.user).baca_pd(v.pd_id),
        "Perjanjian Kinerja hanya untuk pimpinan, perencana dan verifikator.",
    )
    ev = muat_evaluasi(v, tahun, 4)
    teken = PerjanjianKinerja.objects.filter(pd=v.pd, tahun=tahun).select_related("pd__pemda").first()
    isi = pk_mod.isi_tertanda(teken) if teken else pk_mod.isi_pk(ev, request.user)
    pdf = pk_ke_pdf(isi, pk_mod.keadaan(teken), pk_mod.tabel_pk(ev, isi, teken))
    jawab = HttpResponse(pdf, content_type=JENIS["pdf"])
    nama = f"PK-{tahun}-{v.pd.slug}{'' if teken else '-rancangan'}.pdf"
    jawab["Content-Disposition"] = f'attachment; filename="{nama}"'
    return jawab
