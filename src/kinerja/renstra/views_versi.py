"""Pages of plan versions: the list, workbook import with its preview, copies, status,
and the differences between two versions."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from kinerja.core.galat_formulir import GalatFormulir
from kinerja.core.parameter import id_atau_none
from kinerja.core.tabel import ke_html
from kinerja.core.xlsx import ke_xlsx
from kinerja.renstra import services, tautan
from kinerja.renstra.beda import (
    LABEL_JENIS,
    asal_perbedaan,
    bandingkan,
    dampak_pagu,
    tabel_beda,
    tabel_dampak,
)
from kinerja.renstra.impor import ImporGagal, LembarGanda, PratinjauUsang, siapkan_impor, simpan_impor
from kinerja.renstra.impor.unggahan import baca_unggahan, hapus_unggahan, simpan_unggahan
from kinerja.renstra.models import PlanNode, RenstraVersi, RincianRenja
from kinerja.renstra.salin import buat_perubahan, nama_perubahan
from kinerja.renstra.selectors import muat_rencana
from kinerja.renstra.views import JENIS_UNDUH, _konteks, _versi
from kinerja.wilayah.izin import cakupan, wajib

BATAS_UNGGAH = 20 * 2**20  # a whole kota's Tabel 6.2 is a few MB


@login_required
def daftar_versi(request, versi: int):
    v = _versi(request, versi)
    semua = list(v.pd.renstra_set.select_related("asal", "dibuat_oleh").order_by("-id"))
    jumlah = defaultdict(int)
    for n in PlanNode.objects.filter(versi__in=semua).values_list("versi_id", flat=True):
        jumlah[n] += 1
    for x in semua:
        x.jumlah_unsur = jumlah[x.pk]
    return render(
        request,
        "renstra/versi.html",
        _konteks(
            v,
            "versi",
            semua=semua,
            boleh_impor=cakupan(request.user).ubah_rencana(v.pd_id),
            nama_perubahan=nama_perubahan(v) if v.jenis != RenstraVersi.Jenis.RENJA else "",
            status_pilihan=RenstraVersi.Status.choices,
            nama_impor=request.GET.get("nama", "")[:200],
        ),
    )


def _perencana(request, versi: int) -> RenstraVersi:
    v = _versi(request, versi)
    wajib(cakupan(request.user).ubah_rencana(v.pd_id), "Hanya perencana yang dapat mengimpor rencana.")
    return v


@login_required
@require_POST
def impor(request, versi: int):
    """Upload a workbook: checked at once, kept for the preview (nothing saved to the plan)."""
    v = _perencana(request, versi)
    nama_versi = " ".join(request.POST.get("nama", "").split())
    # The version name the user typed comes back with every refusal.
    sisa = f"?{urlencode({'nama': nama_versi})}" if nama_versi else ""
    berkas = request.FILES.get("berkas")
    salah = _unggahan_salah(berkas)
    if salah:
        messages.error(request, salah)
        return redirect(reverse("renstra:versi", kwargs={"versi": v.pk}) + sisa)
    kunci = simpan_unggahan(pengguna_id=request.user.pk, nama=berkas.name, potongan=berkas.chunks())
    path, nama = baca_unggahan(pengguna_id=request.user.pk, kunci=kunci)
    url = reverse("renstra:impor_pratinjau", kwargs={"versi": v.pk, "kunci": kunci})
    try:
        siapkan_impor(path, pengguna=request.user, pd=v.pd, cadangan=v, nama_berkas=nama)
    except LembarGanda:
        return redirect(url + sisa)  # the preview page asks which sheet; the upload is kept
    except ImporGagal as e:
        hapus_unggahan(pengguna_id=request.user.pk, kunci=kunci)
        return render(
            request,
            "renstra/impor_gagal.html",
            _konteks(v, "versi", galat=e.galat, nama_berkas=nama, sisa=sisa),
            status=400,
        )
    return redirect(url + sisa)


def _unggahan_salah(berkas) -> str:
    """Why an uploaded file cannot be a plan workbook at all ("" when it may be one)."""
    if berkas is None:
        return "Pilih berkas XLSX lebih dulu."
    if not berkas.name.lower().endswith(".xlsx"):
        jenis = {".ods": "lembar kerja OpenDocument (.ods)", ".xls": "lembar kerja Excel 97-2003 (.xls)"}.get(
            Path(berkas.name).suffix.lower()
        )
        awal = (
            f"'{berkas.name}' berupa {jenis}, yang belum dapat dibaca Kinerja"
            if jenis
            else (f"'{berkas.name}' bukan berkas .xlsx")
        )
        return (
            f"{awal}. Simpan berkas sebagai .xlsx lalu unggah lagi — di LibreOffice: File → Simpan sebagai → "
            "Excel 2007-365 (.xlsx); di Excel: File → Simpan sebagai → Buku Kerja Excel (.xlsx)."
        )
    if berkas.size > BATAS_UNGGAH:
        return f"'{berkas.name}' lebih dari {BATAS_UNGGAH // 2**20} MB; tabel rencana jauh lebih kecil."
    return ""


def _kabar_usulan_tautan(request, versi) -> None:
    """After an import: indicators that stop before the period ends and may be continued by another."""
    n = sum(1 for u in tautan.usulan(muat_rencana(versi)) if u.calon)
    if n:
        messages.info(
            request,
            f"{n} indikator berhenti sebelum {versi.tahun_akhir} dan mempunyai calon indikator lanjutan: "
            "konfirmasi atau tolak tautannya di halaman Tautan indikator.",
        )


def _pilih_lembar(request, v, kunci: str, nama_berkas: str, e: LembarGanda):
    """The sheets that look like a plan table, for the user to choose one (nothing is read yet);
    choosing none is refused with the choice still offered."""
    galat = GalatFormulir()
    if request.GET.get("pilih") == "1":
        galat.tambah("Pilih satu lembar dari daftar.", "lembar")
    return render(
        request,
        "renstra/impor_lembar.html",
        _konteks(
            v,
            "versi",
            kunci=kunci,
            nama_berkas=nama_berkas,
            pilihan=e.pilihan,
            nama=request.GET.get("nama", "")[:200],
            galat=galat,
        ),
        status=400 if galat else 200,
    )


def _simpan_pratinjau(request, p, kunci: str):
    """(what was typed, the errors, the redirect after a save or None) of a confirmed preview."""
    isian = {
        "nama": request.POST.get("nama", ""),
        "alasan": request.POST.get("alasan", ""),
        "hapus": set(request.POST.getlist("hapus")),
        "paksa_pd": request.POST.get("paksa_pd") == "1",
    }
    try:
        hasil = simpan_impor(
            pratinjau=p,
            pengguna=request.user,
            alasan=isian["alasan"],
            nama=isian["nama"],
            hapus=isian["hapus"],
            sidik=request.POST.get("sidik", ""),
            paksa_pd=isian["paksa_pd"],
        )
    except ValidationError as e:
        return isian, GalatFormulir().tambah(e), None
    except PratinjauUsang as e:
        return isian, GalatFormulir().tambah(str(e)), None
    hapus_unggahan(pengguna_id=request.user.pk, kunci=kunci)
    messages.success(
        request,
        f"Versi baru #{hasil.versi.pk} '{hasil.versi.nama}' disimpan sebagai draf: "
        f"{len(hasil.perbedaan)} perbedaan dari versi dasarnya.",
    )
    _kabar_usulan_tautan(request, hasil.versi)
    return isian, GalatFormulir(), redirect("renstra:beda", versi=hasil.versi.pk)


@login_required
def impor_pratinjau(request, versi: int, kunci: str):
    """The differences a stored workbook would make; confirming saves them as a new version."""
    v = _perencana(request, versi)
    ada = baca_unggahan(pengguna_id=request.user.pk, kunci=kunci)
    if ada is None:
        messages.error(
            request, "Berkas pratinjau ini tidak ada lagi (sudah disimpan atau dibatalkan). Unggah kembali."
        )
        return redirect("renstra:versi", versi=v.pk)
    path, nama_berkas = ada
    lembar = (request.POST.get("lembar") if request.method == "POST" else request.GET.get("lembar")) or ""
    try:
        p = siapkan_impor(
            path, pengguna=request.user, pd=v.pd, cadangan=v, nama_berkas=nama_berkas, lembar=lembar[:100]
        )
    except LembarGanda as e:
        return _pilih_lembar(request, v, kunci, nama_berkas, e)
    except ImporGagal as e:
        return render(
            request,
            "renstra/impor_gagal.html",
            _konteks(v, "versi", galat=e.galat, nama_berkas=nama_berkas),
            status=400,
        )
    isian = {"nama": request.GET.get("nama", ""), "alasan": "", "hapus": set(), "paksa_pd": False}
    galat = GalatFormulir()
    if request.method == "POST":
        isian, galat, selesai = _simpan_pratinjau(request, p, kunci)
        if selesai is not None:
            return selesai
    hitung = p.hitung()
    return render(
        request,
        "renstra/impor_pratinjau.html",
        _konteks(
            v,
            "versi",
            p=p,
            kunci=kunci,
            isian=isian,
            galat=galat,
            hitung=hitung,
            label_jenis=LABEL_JENIS,
            tahun_buku=", ".join(str(y) for y in p.buku.tahun),
            lembar=lembar if len(p.buku.lembar_calon) > 1 else "",
        ),
        status=400 if galat else 200,
    )


@login_required
@require_POST
def impor_batal(request, versi: int, kunci: str):
    v = _perencana(request, versi)
    hapus_unggahan(pengguna_id=request.user.pk, kunci=kunci)
    messages.success(request, "Impor dibatalkan; tidak ada yang disimpan.")
    return redirect("renstra:versi", versi=v.pk)


@login_required
@require_POST
def salin(request, versi: int):
    """A draft Perubahan Renstra copied from this version."""
    v = _versi(request, versi)  # the service checks that the user plans for this PD
    try:
        baru = buat_perubahan(versi=v, nama=request.POST.get("nama", ""), pengguna=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("renstra:versi", versi=v.pk)
    messages.success(
        request, f"'{baru.nama}' dibuat sebagai draf. Ubah unsur, indikator, target dan pagunya di Kaskade."
    )
    return redirect("renstra:kaskade", versi=baru.pk)


@login_required
@require_POST
def status_versi(request, versi: int):
    v = _versi(request, versi)  # the service checks that the user plans for this PD
    try:
        services.ubah_status_versi(
            pengguna=request.user,
            versi=v,
            status=request.POST.get("status", ""),
            alasan=request.POST.get("alasan", ""),
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"Status '{v.nama}' sekarang {v.get_status_display().lower()}.")
    return redirect("renstra:versi", versi=v.pk)


def _versi_pembanding(request, v: RenstraVersi) -> RenstraVersi | None:
    lain = request.GET.get("dengan", "")
    if lain:
        return get_object_or_404(
            RenstraVersi.objects.select_related("pd__pemda"), pk=id_atau_none(lain), pd_id=v.pd_id
        )
    return (
        RenstraVersi.objects.filter(pk=v.asal_id).select_related("pd__pemda").first() if v.asal_id else None
    )


@login_required
def beda(request, versi: int):
    """Differences between this version and another of the same PD (its source by default),
    each with its reason, who and when, and the effect on program and kegiatan pagu."""
    v = _versi(request, versi)
    lama = _versi_pembanding(request, v)
    semua = list(v.pd.renstra_set.exclude(pk=v.pk).order_by("-id"))
    konteks = _konteks(v, "versi", lama=lama, semua=semua)
    if lama is not None:
        r_lama, r_baru = muat_rencana(lama), muat_rencana(v)
        daftar = bandingkan(r_lama, r_baru)
        t = tabel_beda(r_lama, r_baru, daftar, asal_perbedaan(r_baru, daftar))
        dampak = dampak_pagu(r_lama, r_baru)
        konteks.update(
            tabel=t,
            html=mark_safe(ke_html(t)),
            html_dampak=mark_safe(ke_html(tabel_dampak(r_lama, r_baru, dampak))) if dampak else "",
            hitung=sorted(Counter(b.bagian for b in daftar).items()),
            jumlah=len(daftar),
        )
    return render(request, "renstra/beda.html", konteks)


@login_required
def unduh_beda(request, versi: int):
    v = _versi(request, versi)
    lama = _versi_pembanding(request, v)
    if lama is None:
        raise Http404("Pilih versi pembanding")
    r_lama, r_baru = muat_rencana(lama), muat_rencana(v)
    isi = ke_xlsx([tabel_beda(r_lama, r_baru), tabel_dampak(r_lama, r_baru)])
    jawab = HttpResponse(isi, content_type=JENIS_UNDUH["xlsx"])
    jawab["Content-Disposition"] = f'attachment; filename="Perbedaan-{lama.pk}-{v.pk}-{v.pd.slug}.xlsx"'
    return jawab


@login_required
def rincian_renja(request, versi: int):
    """Sumber dana and catatan penting per sub kegiatan × lokasi of a Renja (year n); saved one row
    at a time while the Renja is a draft."""
    v = _versi(request, versi)
    if v.jenis != RenstraVersi.Jenis.RENJA:
        raise Http404("Sumber dana dan catatan penting diisi pada versi Renja.")
    if request.method == "POST":
        node = get_object_or_404(
            PlanNode,
            pk=id_atau_none(request.POST.get("node", "")),
            versi=v,
            tingkat=PlanNode.Tingkat.SUB_KEGIATAN,
        )
        lok_id = request.POST.get("lokasi", "")
        lokasi = get_object_or_404(v.pd.unit_set, pk=id_atau_none(lok_id)) if lok_id else None
        try:
            services.ubah_rincian_renja(
                pengguna=request.user,
                versi=v,
                node=node,
                lokasi=lokasi,
                sumber_dana=request.POST.get("sumber_dana", ""),
                catatan=request.POST.get("catatan", ""),
            )
        except ValidationError as e:
            messages.error(request, f"{node.kode}: " + " ".join(e.messages))
        else:
            messages.success(request, f"{node.kode} {lokasi.nama_pendek if lokasi else ''}: disimpan.")
        return redirect(reverse("renstra:rincian_renja", args=[v.pk]) + f"#n{node.pk}-{lok_id or 0}")
    r = muat_rencana(v)
    ada = {(x.node_id, x.lokasi_id): x for x in RincianRenja.objects.filter(node__versi=v)}
    baris = [
        {"node": n, "lokasi_id": lok, "lokasi": r.lokasi_label(lok), "rincian": ada.get((n.pk, lok))}
        for n in r.node
        if n.tingkat == PlanNode.Tingkat.SUB_KEGIATAN
        for lok in r.lokasi_node(n, [v.tahun_mulai])
    ]
    return render(
        request,
        "renstra/rincian_renja.html",
        _konteks(
            v,
            "versi",
            baris=baris,
            boleh_ubah=cakupan(request.user).ubah_rencana(v.pd_id) and v.status == RenstraVersi.Status.DRAFT,
        ),
    )
