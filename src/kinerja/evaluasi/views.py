"""The SAKIP evaluation pages: the list of evaluations, the worksheet of a PD and year (the PD's
answers with evidence and own grades, the system's proposals, the evaluator's grades), the scores,
and the recommendations (LHE) with their follow-up. Every write goes through ``kinerja.sakip.services``;
a refused form comes back on the same page with its errors on top and what was typed kept."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from kinerja.core.galat import terlalu_besar
from kinerja.core.galat_formulir import GalatFormulir
from kinerja.core.unggah import BatasUnggah, format_mb, panjang_isi
from kinerja.evaluasi import lembar as isi_lembar
from kinerja.evaluasi import usulan
from kinerja.sakip import services
from kinerja.sakip.models import Evaluasi, JawabanKriteria, Rekomendasi
from kinerja.wilayah.izin import cakupan, wajib
from kinerja.wilayah.models import Pemda, PerangkatDaerah
from kinerja.wilayah.views import pd_atau_404

S = Evaluasi.Status


def _galat(e: ValidationError, akhiran: str = "") -> GalatFormulir:
    g = GalatFormulir()
    if hasattr(e, "error_dict"):
        for medan, daftar in e.message_dict.items():
            g.tambah(list(daftar), "" if medan == "__all__" else f"{medan}{akhiran}")
    else:
        g.tambah(e)
    return g


def _tahun_atau_404(k: usulan.Konteks) -> None:
    v = k.versi
    if v is None or not v.tahun_mulai <= k.tahun <= v.tahun_akhir:
        raise Http404(f"Tahun {k.tahun} di luar periode Renstra perangkat daerah ini.")


def _halaman(request, p: PerangkatDaerah, tahun: int, *, galat=None, nilai=None, bagian="", status=200):
    c = cakupan(request.user)
    ev = services.baca_evaluasi(pengguna=request.user, pd=p, tahun=tahun)
    k = usulan.konteks(p, tahun)
    _tahun_atau_404(k)
    if nilai is not None and bagian.startswith("sub-"):
        nilai = nilai.copy()
        nilai["kode_sub"] = bagian[4:]
    konteks = {
        "pd": p,
        "pemda": p.pemda,
        "versi": k.versi,
        "tahun": tahun,
        "bagian": "monev",
        "aktif": "sakip",
        "ev": ev,
        "galat": galat,
        "nilai": nilai or {},
        "bagian_galat": bagian,
        "boleh_mulai": c.isi_sakip(p),
        "boleh_isi": ev is not None and ev.status == S.PENGISIAN and c.isi_sakip(p),
        "boleh_nilai": ev is not None and ev.status == S.DIAJUKAN and c.evaluasi_sakip(p),
        "evaluator": c.evaluasi_sakip(p),
        "boleh_tindak_lanjut": ev is not None and (c.isi_sakip(p) or c.evaluasi_sakip(p)),
        "batas_berkas": services.BATAS_BERKAS,
        "tahun_lain": list(range(k.versi.tahun_mulai, k.versi.tahun_akhir + 1)),
    }
    if ev is not None:
        konteks.update(isi_lembar.susun(request.user, ev, k, nilai if bagian.startswith("sub-") else None))
    return render(request, "evaluasi/lembar.html", konteks, status=status)


@login_required
def lembar(request, pd: int, tahun: int):
    return _halaman(request, pd_atau_404(pd), tahun)


@login_required
def daftar(request):
    """The evaluations the user may read: every PD of its scope, each year's status and final score."""
    c = cakupan(request.user)
    pds = [
        p
        for p in PerangkatDaerah.objects.select_related("pemda").order_by("pemda__nama", "nama")
        if c.baca_sakip(p)
    ]
    wajib(bool(pds), "Anda tidak berwenang membaca evaluasi SAKIP perangkat daerah mana pun.")
    baris = isi_lembar.daftar_evaluasi(request.user, pds)
    pemda_muat = [
        pm
        for pm in Pemda.objects.order_by("nama")
        if services.boleh_muat_lke(pengguna=request.user, pemda=pm)
    ]
    return render(
        request,
        "evaluasi/daftar.html",
        {"baris": baris, "pemda_muat": pemda_muat, "aktif_atas": "sakip", "galat": None},
    )


@login_required
@require_POST
def mulai(request, pd: int, tahun: int):
    p = pd_atau_404(pd)
    _tahun_atau_404(usulan.konteks(p, tahun))
    services.mulai_evaluasi(pengguna=request.user, pd=p, tahun=tahun)
    messages.success(
        request, f"Evaluasi SAKIP {tahun} dimulai. Isi setiap sub-komponen lalu ajukan ke evaluator."
    )
    return redirect("evaluasi:lembar", p.pk, tahun)


def _evaluasi(p: PerangkatDaerah, tahun: int) -> Evaluasi:
    return get_object_or_404(Evaluasi.objects.select_related("lke", "pd__pemda"), pd=p, tahun=tahun)


@csrf_exempt  # the upload limit is set before the CSRF check reads the form
def sub_pd(request, pd: int, tahun: int, kode: str):
    if request.method == "POST":
        if panjang_isi(request) > 12 * services.BATAS_BERKAS:
            return terlalu_besar(
                request, f"Setiap berkas bukti paling besar {format_mb(services.BATAS_BERKAS)}."
            )
        request.upload_handlers = [BatasUnggah(request, batas_berkas=services.BATAS_BERKAS, batas_jumlah=12)]
    return _sub_pd(request, pd, tahun, kode)


@csrf_protect
@login_required
@require_POST
def _sub_pd(request, pd: int, tahun: int, kode: str):
    p = pd_atau_404(pd)
    ev = _evaluasi(p, tahun)
    sub = ev.lke.lembar.sub(kode)
    if sub is None:
        raise Http404("Sub-komponen tidak ada di lembar kerja ini.")
    ditolak = getattr(request, "unggah_ditolak", [])
    galat = GalatFormulir().tambah(ditolak) if ditolak else isi_lembar.simpan_sub_pd(request, ev, sub)
    if galat:
        return _halaman(request, p, tahun, galat=galat, nilai=request.POST, bagian=f"sub-{kode}", status=400)
    messages.success(request, f"Sub-komponen {kode} tersimpan.")
    return redirect(reverse("evaluasi:lembar", args=[p.pk, tahun]) + f"#sub-{kode}")


@login_required
@require_POST
def sub_evaluator(request, pd: int, tahun: int, kode: str):
    p = pd_atau_404(pd)
    ev = _evaluasi(p, tahun)
    try:
        services.simpan_nilai_evaluator(
            pengguna=request.user,
            evaluasi=ev,
            kode=kode,
            nilai=request.POST.get("nilai_evaluator", ""),
            catatan=request.POST.get("catatan_evaluator", ""),
        )
    except ValidationError as e:
        return _halaman(
            request,
            p,
            tahun,
            galat=_galat(e, f"_evaluator-{kode}"),
            nilai=request.POST,
            bagian=f"ev-{kode}",
            status=400,
        )
    messages.success(request, f"Nilai evaluator sub-komponen {kode} tersimpan.")
    return redirect(reverse("evaluasi:lembar", args=[p.pk, tahun]) + f"#sub-{kode}")


@login_required
@require_POST
def alur(request, pd: int, tahun: int, aksi: str):
    """Submit (PD), mark final or step back (evaluator)."""
    p = pd_atau_404(pd)
    ev = _evaluasi(p, tahun)
    try:
        if aksi == "ajukan":
            services.ajukan(pengguna=request.user, evaluasi=ev)
            pesan = "Evaluasi diajukan ke evaluator Inspektorat."
        elif aksi == "tetapkan":
            services.tetapkan(pengguna=request.user, evaluasi=ev, catatan=request.POST.get("catatan", ""))
            pesan = "Evaluasi ditetapkan final; nilainya menjadi realisasi Nilai SAKIP tahun ini."
        elif aksi == "kembalikan":
            services.kembalikan(pengguna=request.user, evaluasi=ev, alasan=request.POST.get("alasan", ""))
            pesan = "Evaluasi dikembalikan satu langkah."
        else:
            raise Http404("Tindakan tidak dikenal.")
    except ValidationError as e:
        return _halaman(
            request, p, tahun, galat=_galat(e), nilai=request.POST, bagian=f"alur-{aksi}", status=400
        )
    messages.success(request, pesan)
    return redirect("evaluasi:lembar", p.pk, tahun)


@login_required
@require_POST
def rekomendasi_tambah(request, pd: int, tahun: int):
    p = pd_atau_404(pd)
    ev = _evaluasi(p, tahun)
    try:
        services.tambah_rekomendasi(
            pengguna=request.user,
            evaluasi=ev,
            uraian=request.POST.get("uraian", ""),
            penanggung_jawab=request.POST.get("penanggung_jawab", ""),
            batas_waktu=request.POST.get("batas_waktu", ""),
        )
    except ValidationError as e:
        return _halaman(
            request, p, tahun, galat=_galat(e, "-baru"), nilai=request.POST, bagian="rek-baru", status=400
        )
    messages.success(request, "Rekomendasi tersimpan.")
    return redirect(reverse("evaluasi:lembar", args=[p.pk, tahun]) + "#rekomendasi")


@login_required
@require_POST
def rekomendasi_ubah(request, pd: int, tahun: int, pk: int):
    p = pd_atau_404(pd)
    ev = _evaluasi(p, tahun)
    r = get_object_or_404(Rekomendasi, pk=pk, evaluasi=ev)
    try:
        services.ubah_tindak_lanjut(
            pengguna=request.user,
            rekomendasi=r,
            rencana=request.POST.get("rencana", ""),
            penanggung_jawab=request.POST.get("penanggung_jawab", ""),
            batas_waktu=request.POST.get("batas_waktu", ""),
            status=request.POST.get("status", ""),
        )
    except ValidationError as e:
        return _halaman(
            request, p, tahun, galat=_galat(e, f"-{pk}"), nilai=request.POST, bagian=f"rek-{pk}", status=400
        )
    messages.success(request, "Tindak lanjut rekomendasi tersimpan.")
    return redirect(reverse("evaluasi:lembar", args=[p.pk, tahun]) + f"#rek-{pk}")


@login_required
def berkas(request, pk: int):
    j = get_object_or_404(JawabanKriteria.objects.select_related("evaluasi"), pk=pk)
    services.baca_evaluasi(pengguna=request.user, pd=pd_atau_404(j.evaluasi.pd_id), tahun=j.evaluasi.tahun)
    if not j.berkas:
        raise Http404("Kriteria ini tidak punya berkas bukti.")
    return FileResponse(j.berkas.open("rb"), as_attachment=True, filename=j.berkas.name.rsplit("/", 1)[-1])


@login_required
@require_POST
def muat_lke(request):
    pemda = get_object_or_404(Pemda, pk=request.POST.get("pemda") or 0)
    berkas_lke = request.FILES.get("berkas")
    try:
        if berkas_lke is None:
            raise ValidationError({"berkas": "Pilih berkas LKE (.toml)."})
        with transaction.atomic():
            lke = services.muat_lke(
                pengguna=request.user,
                pemda=pemda,
                isi=berkas_lke.read(services.BATAS_LKE + 1),
                nama_berkas=berkas_lke.name,
            )
    except ValidationError as e:
        c = cakupan(request.user)
        pds = [p for p in PerangkatDaerah.objects.select_related("pemda").order_by("nama") if c.baca_sakip(p)]
        return render(
            request,
            "evaluasi/daftar.html",
            {
                "baris": isi_lembar.daftar_evaluasi(request.user, pds),
                "pemda_muat": [
                    pm
                    for pm in Pemda.objects.order_by("nama")
                    if services.boleh_muat_lke(pengguna=request.user, pemda=pm)
                ],
                "galat": _galat(e),
                "nilai": request.POST,
            },
            status=400,
        )
    messages.success(request, f"LKE “{lke.judul}” dimuat untuk {pemda.nama}; dipakai evaluasi baru.")
    return redirect("evaluasi:daftar")
