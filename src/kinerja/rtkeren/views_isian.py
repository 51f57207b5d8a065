"""The RT Keren forms: each posts to one service; a refusal comes back on the same page with every
problem listed on top (``GalatFormulir``) and the typed values kept."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from kinerja.core.angka import format_angka
from kinerja.core.galat import terlalu_besar
from kinerja.core.galat_formulir import GalatFormulir
from kinerja.core.unggah import BatasUnggah, format_mb, panjang_isi
from kinerja.renstra.models import PlanNode
from kinerja.rtkeren import hitung, services, views, wewenang
from kinerja.rtkeren.models import Berkas, KegiatanRt, Musrenbang, Usulan
from kinerja.wilayah.izin import cakupan, wajib
from kinerja.wilayah.views import pd_atau_404

S = Usulan.Status


def _galat(e: ValidationError, ganti: dict[str, str] | None = None) -> GalatFormulir:
    """The service's errors keyed by the form's fields (``ganti`` renames a field for its id)."""
    g = GalatFormulir()
    if hasattr(e, "error_dict"):
        for medan, daftar in e.message_dict.items():
            medan = "" if medan == "__all__" else (ganti or {}).get(medan, medan)
            g.tambah(list(daftar), medan)
    else:
        g.tambah(e)
    return g


# --- rembug warga -----------------------------------------------------------------------------------------


def _form_rembug(request, p, tahun, r, rembug, galat=None, nilai=None, status=200):
    views.wajib_baca(request, r.unit)
    if nilai is None:
        nilai = (
            {
                "tanggal": rembug.tanggal.isoformat(),
                "tempat": rembug.tempat,
                "hadir_laki": rembug.hadir_laki,
                "hadir_perempuan": rembug.hadir_perempuan,
                "notulen": rembug.notulen,
            }
            if rembug
            else {}
        )
    return render(
        request,
        "rtkeren/rembug_form.html",
        views.konteks(
            p,
            "rtkeren",
            tahun=tahun,
            unit=r.unit,
            rt=r,
            rembug=rembug,
            galat=galat or GalatFormulir(),
            nilai=nilai,
        ),
        status=status,
    )


def _simpan_rembug(request, p, tahun, r, rembug):
    wajib(wewenang.isi_unit(cakupan(request.user), r.unit), services.TOLAK_ISI)
    if request.method != "POST":
        return _form_rembug(request, p, tahun, r, rembug)
    try:
        baru = services.simpan_rembug(
            pengguna=request.user,
            rt=r,
            tahun=tahun,
            rembug=rembug,
            **{
                k: request.POST.get(k, "")
                for k in ("tanggal", "tempat", "hadir_laki", "hadir_perempuan", "notulen")
            },
        )
    except ValidationError as e:
        return _form_rembug(request, p, tahun, r, rembug, _galat(e), request.POST, 400)
    messages.success(
        request, "Rembug warga tersimpan." + ("" if rembug else " Tambahkan usulannya di bawah.")
    )
    return redirect("rtkeren:rembug", p.pk, tahun, baru.pk)


@login_required
def rembug_baru(request, pd: int, tahun: int, rt: int):
    p = pd_atau_404(pd)
    if salah := views.cek_tahun(request, p, tahun):
        return salah
    return _simpan_rembug(request, p, tahun, views.rt_atau_404(p, rt), None)


@login_required
def rembug_ubah(request, pd: int, tahun: int, pk: int):
    p = pd_atau_404(pd)
    if salah := views.cek_tahun(request, p, tahun):
        return salah
    r = views.rembug_atau_404(p, tahun, pk)
    return _simpan_rembug(request, p, tahun, r.rt, r)


USULAN = ("bidang", "uraian", "volume", "satuan", "perkiraan_biaya", "lokasi")


@login_required
@require_POST
def usulan_tambah(request, pd: int, tahun: int, pk: int):
    p = pd_atau_404(pd)
    r = views.rembug_atau_404(p, tahun, pk)
    try:
        services.tambah_usulan(
            pengguna=request.user, rembug=r, **{k: request.POST.get(k, "") for k in USULAN}
        )
    except ValidationError as e:
        return views.halaman_rembug(
            request, p, tahun, r, galat=_galat(e), nilai=request.POST, bagian_galat="usulan", status=400
        )
    messages.success(request, "Usulan ditambahkan di urutan terakhir.")
    return redirect(reverse("rtkeren:rembug", args=[p.pk, tahun, r.pk]) + "#usulan")


AKSI_USULAN = {
    "didanai": (S.DIDANAI, "Usulan ditandai didanai RT Keren."),
    "teruskan": (S.MUSRENBANG_KELURAHAN, "Usulan diteruskan ke musrenbang kelurahan."),
    "batal": (S.DIUSULKAN, "Keputusan atas usulan dibatalkan; usulan kembali berstatus diusulkan."),
}


@login_required
@require_POST
def usulan_aksi(request, pd: int, tahun: int, pk: int):
    """Reorder, remove, fund or forward one proposal; back to the page it was done from."""
    p = pd_atau_404(pd)
    u = get_object_or_404(
        Usulan.objects.select_related("rembug__rt"), pk=pk, rembug__rt__unit__pd=p, tahun=tahun
    )
    aksi = request.POST.get("aksi", "")
    kembali = (
        reverse("rtkeren:rt", args=[p.pk, tahun, u.rembug.rt_id])
        if request.POST.get("dari") == "rt"
        else reverse("rtkeren:rembug", args=[p.pk, tahun, u.rembug_id])
    ) + "#usulan"
    try:
        if aksi in ("naik", "turun"):
            services.geser_usulan(pengguna=request.user, usulan=u, naik=aksi == "naik")
            messages.success(request, f"Prioritas \u201c{u.uraian}\u201d diubah.")
        elif aksi == "hapus":
            services.hapus_usulan(pengguna=request.user, usulan=u)
            messages.success(request, f"Usulan \u201c{u.uraian}\u201d dihapus.")
        elif aksi in AKSI_USULAN:
            status, pesan = AKSI_USULAN[aksi]
            services.tandai_usulan(pengguna=request.user, usulan=u, status=status)
            messages.success(request, pesan)
        else:
            messages.error(request, "Tindakan atas usulan tidak dikenal.")
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect(kembali)


# --- files ---------------------------------------------------------------------------------------------------


@csrf_exempt  # the upload limit is set before the CSRF check reads the form
def berkas_tambah(request, pd: int, tahun: int, jenis: str, pk: int):
    if request.method == "POST":
        if panjang_isi(request) > services.BATAS_BERKAS + 1024 * 1024:
            return terlalu_besar(request, f"Berkas paling besar {format_mb(services.BATAS_BERKAS)}.")
        request.upload_handlers = [BatasUnggah(request, batas_berkas=services.BATAS_BERKAS, batas_jumlah=1)]
    return _berkas_tambah(request, pd, tahun, jenis, pk)


@csrf_protect
@login_required
@require_POST
def _berkas_tambah(request, pd: int, tahun: int, jenis: str, pk: int):
    p = pd_atau_404(pd)
    if jenis not in ("rembug", "kegiatan"):
        raise Http404("Berkas hanya untuk rembug warga atau kegiatan.")
    if jenis == "rembug":
        induk = views.rembug_atau_404(p, tahun, pk)
        halaman, sasaran = views.halaman_rembug, {"rembug": induk}
    else:
        induk = views.kegiatan_atau_404(p, tahun, pk)
        halaman, sasaran = views.halaman_kegiatan, {"kegiatan": induk}
    ditolak = getattr(request, "unggah_ditolak", [])
    try:
        if ditolak:
            raise ValidationError({"berkas": ditolak})
        services.tambah_berkas(
            pengguna=request.user,
            berkas=request.FILES.get("berkas"),
            judul=request.POST.get("judul", ""),
            publik=request.POST.get("publik") == "1",
            **sasaran,
        )
    except ValidationError as e:
        return halaman(
            request, p, tahun, induk, galat=_galat(e), nilai=request.POST, bagian_galat="berkas", status=400
        )
    messages.success(request, "Berkas tersimpan.")
    return redirect(reverse(f"rtkeren:{jenis}", args=[p.pk, tahun, induk.pk]) + "#berkas")


@login_required
@require_POST
def berkas_hapus(request, pd: int, pk: int):
    p = pd_atau_404(pd)
    b = get_object_or_404(
        Berkas.objects.select_related("rembug__rt__unit", "kegiatan__usulan__rembug__rt__unit"), pk=pk
    )
    if b.rembug_id:
        unit, alamat = (
            b.rembug.rt.unit,
            reverse("rtkeren:rembug", args=[p.pk, b.rembug.tanggal.year, b.rembug_id]),
        )
    else:
        unit = b.kegiatan.usulan.rembug.rt.unit
        alamat = reverse("rtkeren:kegiatan", args=[p.pk, b.kegiatan.usulan.tahun, b.kegiatan_id])
    if unit.pd_id != p.pk:
        raise Http404("Berkas ini bukan milik perangkat daerah tersebut.")
    services.hapus_berkas(pengguna=request.user, berkas=b)
    messages.success(request, f"Berkas \u201c{b.judul}\u201d dihapus.")
    return redirect(alamat + "#berkas")


# --- allocation, activities, spending -------------------------------------------------------------------------


@login_required
@require_POST
def alokasi(request, pd: int, tahun: int, rt: int):
    p = pd_atau_404(pd)
    if salah := views.cek_tahun(request, p, tahun):
        return salah
    r = views.rt_atau_404(p, rt)
    sub = (
        PlanNode.objects.filter(pk=request.POST.get("sub_kegiatan") or 0).first()
        if (request.POST.get("sub_kegiatan") or "").isdigit()
        else None
    )
    try:
        services.simpan_alokasi(
            pengguna=request.user, rt=r, tahun=tahun, pagu=request.POST.get("pagu", ""), sub_kegiatan=sub
        )
    except ValidationError as e:
        return views.halaman_rt(request, p, tahun, r, galat=_galat(e), nilai=request.POST, status=400)
    messages.success(request, f"Alokasi {r} tahun {tahun} tersimpan.")
    return redirect(reverse("rtkeren:rt", args=[p.pk, tahun, r.pk]) + "#alokasi")


@login_required
@require_POST
def kegiatan_baru(request, pd: int, tahun: int, pk: int):
    p = pd_atau_404(pd)
    u = get_object_or_404(
        Usulan.objects.select_related("rembug__rt"), pk=pk, rembug__rt__unit__pd=p, tahun=tahun
    )
    nama = " ".join(request.POST.get("nama", "").split()) or u.uraian
    ada = KegiatanRt.objects.filter(usulan=u, nama=nama).order_by("pk").first()
    if ada is not None and views.wajib_baca(
        request, u.rembug.rt.unit
    ):  # a second press of "Buat kegiatan" (or the back button) makes no duplicate
        messages.info(
            request, f"Kegiatan “{ada.nama}” sudah ada untuk usulan ini; realisasinya dicatat di sini."
        )
        return redirect("rtkeren:kegiatan", p.pk, tahun, ada.pk)
    try:
        k = services.buat_kegiatan(pengguna=request.user, usulan=u, nama=request.POST.get("nama", ""))
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(reverse("rtkeren:rt", args=[p.pk, tahun, u.rembug.rt_id]) + "#usulan")
    messages.success(request, "Kegiatan dibuat. Catat realisasinya di bawah.")
    return redirect("rtkeren:kegiatan", p.pk, tahun, k.pk)


@login_required
@require_POST
def realisasi(request, pd: int, tahun: int, pk: int):
    p = pd_atau_404(pd)
    k = views.kegiatan_atau_404(p, tahun, pk)
    try:
        services.catat_realisasi(
            pengguna=request.user,
            kegiatan=k,
            **{x: request.POST.get(x, "") for x in ("tanggal", "jumlah", "fisik", "keterangan")},
        )
    except ValidationError as e:
        return views.halaman_kegiatan(
            request, p, tahun, k, galat=_galat(e), nilai=request.POST, bagian_galat="realisasi", status=400
        )
    messages.success(request, "Realisasi tercatat.")
    return redirect(reverse("rtkeren:kegiatan", args=[p.pk, tahun, k.pk]) + "#realisasi")


@login_required
@require_POST
def lpj(request, pd: int, tahun: int, pk: int):
    p = pd_atau_404(pd)
    k = views.kegiatan_atau_404(p, tahun, pk)
    try:
        services.ubah_lpj(pengguna=request.user, kegiatan=k, lpj=request.POST.get("lpj", ""))
    except ValidationError as e:
        return views.halaman_kegiatan(request, p, tahun, k, galat=_galat(e), bagian_galat="lpj", status=400)
    messages.success(request, "Status LPJ diubah.")
    return redirect("rtkeren:kegiatan", p.pk, tahun, k.pk)


# --- musrenbang ------------------------------------------------------------------------------------------------


@login_required
@require_POST
def musrenbang_simpan(request, pd: int, tahun: int, unit: int | None = None):
    p = pd_atau_404(pd)
    if salah := views.cek_tahun(request, p, tahun):
        return salah
    u = views.unit_kelurahan(p, unit) if unit else None
    try:
        services.simpan_musrenbang(
            pengguna=request.user,
            pd=p,
            tahun=tahun,
            unit=u,
            **{
                x: request.POST.get(x, "") for x in ("tanggal", "tempat", "peserta_laki", "peserta_perempuan")
            },
        )
    except ValidationError as e:
        return views.halaman_musrenbang(request, p, tahun, u, galat=_galat(e), nilai=request.POST, status=400)
    messages.success(request, "Catatan musrenbang tersimpan.")
    return redirect(_alamat_musrenbang(p, tahun, u))


def _alamat_musrenbang(p, tahun, u) -> str:
    if u is None:
        return reverse("rtkeren:musrenbang", args=[p.pk, tahun])
    return reverse("rtkeren:musrenbang_kelurahan", args=[p.pk, tahun, u.pk])


@login_required
@require_POST
def putuskan(request, pd: int, tahun: int, pk: int):
    """A musrenbang's decision on one proposal: accept, or refuse with a reason."""
    p = pd_atau_404(pd)
    u = get_object_or_404(
        Usulan.objects.select_related("rembug__rt__unit"), pk=pk, rembug__rt__unit__pd=p, tahun=tahun
    )
    kelurahan = request.POST.get("tingkat") != "kecamatan"
    unit = u.rembug.rt.unit if kelurahan else None
    wajib(wewenang.seluruh_pd(cakupan(request.user), p.pk), services.TOLAK_PD)
    forum = Musrenbang.objects.filter(
        pd=p, tahun=tahun, unit=unit, tingkat="kelurahan" if kelurahan else "kecamatan"
    ).first()
    medan = f"alasan-{u.pk}"
    try:
        if forum is None:
            raise ValidationError(
                f"Catat dahulu {'musrenbang kelurahan' if kelurahan else 'musrenbang kecamatan'} tahun {tahun} "
                "(tanggal dan peserta) sebelum memutuskan usulan."
            )
        services.putuskan_usulan(
            pengguna=request.user,
            usulan=u,
            musrenbang=forum,
            terima=request.POST.get("keputusan") == "terima",
            alasan=request.POST.get("alasan", ""),
        )
    except ValidationError as e:
        return views.halaman_musrenbang(
            request,
            p,
            tahun,
            unit,
            galat=_galat(e, {"alasan": medan}),
            nilai={medan: request.POST.get("alasan", "")},
            status=400,
        )
    messages.success(request, f"Keputusan atas \u201c{u.uraian}\u201d tersimpan.")
    return redirect(_alamat_musrenbang(p, tahun, unit) + "#usulan")


# --- settings ----------------------------------------------------------------------------------------------------

PENGATURAN = ("pagu_minimum", "pagu_maksimum", "minimal_rembug", "ambang_serapan", "ambang_kelurahan")


@login_required
def pengaturan(request, pd: int):
    p = pd_atau_404(pd)
    wajib(wewenang.atur(cakupan(request.user), p), "Pengaturan RT Keren hanya diubah administrator.")
    galat, nilai = GalatFormulir(), None
    if request.method == "POST":
        try:
            services.simpan_pengaturan(
                pengguna=request.user, pd=p, **{k: request.POST.get(k, "") for k in PENGATURAN}
            )
        except ValidationError as e:
            galat, nilai = _galat(e), request.POST
        else:
            messages.success(request, "Pengaturan RT Keren tersimpan.")
            return redirect("rtkeren:pengaturan", p.pk)
    atur = hitung.pengaturan_pd(p)
    if nilai is None:
        nilai = {
            "pagu_minimum": format_angka(atur.pagu_minimum),
            "pagu_maksimum": format_angka(atur.pagu_maksimum),
            "minimal_rembug": atur.minimal_rembug,
            "ambang_serapan": format_angka(atur.ambang_serapan),
            "ambang_kelurahan": format_angka(atur.ambang_kelurahan),
        }
    return render(
        request,
        "rtkeren/pengaturan.html",
        views.konteks(p, "pengaturan", atur=atur, galat=galat, nilai=nilai, tahun=views.tahun_rencana(p)[-1]),
        status=400 if galat else 200,
    )
