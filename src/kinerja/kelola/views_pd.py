"""The PDs of a pemda: the list, opening a new PD (the pemda's administrator); a PD's own record and
its units (the PD's administrator too)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kinerja.core.galat_formulir import GalatFormulir
from kinerja.core.models import Peran
from kinerja.kelola import panduan as panduan_pd
from kinerja.kelola.bersama import galat_dari, konteks, nilai_post, pd_kelola, pemda_kelola
from kinerja.wilayah import services
from kinerja.wilayah.isian_pd import JENIS_UNIT_TAMBAH
from kinerja.wilayah.models import PerangkatDaerah, Unit

MEDAN_PD = (
    "nama",
    "singkatan",
    "kode_bidang",
    "alamat_web",
    "pimpinan_nama",
    "pimpinan_jabatan",
    "pimpinan_pangkat",
    "pimpinan_nip",
)
MEDAN_PD_BARU = (*MEDAN_PD, "slug", "jenis", "kecamatan")
MEDAN_UNIT = ("nama", "nama_pendek", "jenis", "kode", "induk")


def _pengguna_per_pd(pemda) -> dict[int, int]:
    """PD id → the number of active users holding a role over it or one of its units."""
    orang: dict[int, set[int]] = {}
    baris = Peran.objects.filter(Q(pd__pemda=pemda) | Q(unit__pd__pemda=pemda), pengguna__is_active=True)
    for pd_id, unit_pd, user_id in baris.values_list("pd_id", "unit__pd_id", "pengguna_id"):
        orang.setdefault(pd_id or unit_pd, set()).add(user_id)
    return {k: len(v) for k, v in orang.items()}


@login_required
def daftar(request, pemda: str):
    p = pemda_kelola(request, pemda)
    semua = list(
        PerangkatDaerah.objects.filter(pemda=p)
        .annotate(
            jumlah_unit=Count("unit_set", filter=Q(unit_set__aktif=True), distinct=True),
            jumlah_versi=Count("renstra_set", distinct=True),
        )
        .order_by("nama")
    )
    orang = _pengguna_per_pd(p)
    for x in semua:
        x.jumlah_pengguna = orang.get(x.pk, 0)
    return render(request, "kelola/daftar_pd.html", konteks(pemda=p, aktif="daftar_pd", semua=semua))


@login_required
def buat(request, pemda: str):
    p = pemda_kelola(request, pemda)
    galat = GalatFormulir()
    nilai = {"jenis": PerangkatDaerah.Jenis.KECAMATAN, "unit": ""}
    if request.method == "POST":
        nilai = nilai_post(request, MEDAN_PD_BARU) | {"unit": request.POST.get("unit", "")[:20_000]}
        try:
            pd = services.buat_pd(pengguna=request.user, pemda=p, isian=nilai, unit=nilai["unit"])
        except ValidationError as e:
            galat_dari(e, galat)
        else:
            messages.success(
                request,
                f"{pd.nama} dibuat dengan {pd.unit_set.count()} unit. Langkah berikutnya ada di panduan ini.",
            )
            return redirect("kelola:panduan", pd.pk)
    return render(
        request,
        "kelola/pd_buat.html",
        konteks(pemda=p, aktif="daftar_pd", galat=galat, nilai=nilai, jenis=PerangkatDaerah.Jenis.choices),
        status=400 if galat else 200,
    )


def _konteks_pd(pd: PerangkatDaerah, **lain) -> dict:
    unit = list(Unit.objects.filter(pd=pd).select_related("induk").order_by("-aktif", "urutan", "nama"))
    return konteks(
        pd=pd,
        aktif="pd",
        unit=unit,
        induk=[u for u in unit if u.aktif],
        jenis_unit=[(j.value, j.label) for j in JENIS_UNIT_TAMBAH],
        **lain,
    )


def _nilai_pd(pd: PerangkatDaerah) -> dict:
    return {k: getattr(pd, k) or "" for k in MEDAN_PD}


@login_required
def halaman_pd(request, pd: int):
    p = pd_kelola(request, pd)
    galat, nilai = GalatFormulir(), _nilai_pd(p)
    if request.method == "POST":
        nilai = nilai_post(request, MEDAN_PD)
        try:
            ubah = services.ubah_pd(pengguna=request.user, pd=p, isian=nilai)
        except ValidationError as e:
            galat_dari(e, galat)
            p.refresh_from_db()
        else:
            messages.success(request, f"Data {p.nama} tersimpan." if ubah else "Tidak ada yang berubah.")
            return redirect("kelola:pd", p.pk)
    ctx = _konteks_pd(p, galat=galat, nilai=nilai, galat_unit=GalatFormulir(), nilai_unit={"jenis": ""})
    return render(request, "kelola/pd.html", ctx, status=400 if galat else 200)


@login_required
@require_POST
def unit_tambah(request, pd: int):
    p = pd_kelola(request, pd)
    nilai = nilai_post(request, MEDAN_UNIT)
    try:
        u = services.tambah_unit(pengguna=request.user, pd=p, isian=nilai)
    except ValidationError as e:
        ctx = _konteks_pd(
            p,
            galat=GalatFormulir(),
            nilai=_nilai_pd(p),
            galat_unit=galat_dari(e, GalatFormulir({"nama": "isian-unit-nama"})),
            nilai_unit=nilai,
        )
        return render(request, "kelola/pd.html", ctx, status=400)
    messages.success(request, f"{u.nama} ditambahkan.")
    return redirect("kelola:pd", p.pk)


def _unit(pd: PerangkatDaerah, unit_id: int) -> Unit:
    return get_object_or_404(Unit.objects.select_related("pd__pemda", "induk"), pk=unit_id, pd=pd)


@login_required
def halaman_unit(request, pd: int, unit: int):
    p = pd_kelola(request, pd)
    u = _unit(p, unit)
    galat = GalatFormulir()
    nilai = {"nama": u.nama, "nama_pendek": u.nama_pendek, "kode": u.kode}
    if request.method == "POST":
        nilai = nilai_post(request, ("nama", "nama_pendek", "kode"))
        try:
            ubah = services.ubah_unit(pengguna=request.user, unit=u, isian=nilai)
        except ValidationError as e:
            galat_dari(e, galat)
            u.refresh_from_db()
        else:
            messages.success(request, f"{u.nama} tersimpan." if ubah else "Tidak ada yang berubah.")
            return redirect("kelola:pd", p.pk)
    data = services.data_unit(pengguna=request.user, unit=u)
    return render(
        request,
        "kelola/unit.html",
        konteks(pd=p, aktif="pd", u=u, galat=galat, nilai=nilai, data=data),
        status=400 if galat else 200,
    )


@login_required
@require_POST
def unit_status(request, pd: int, unit: int):
    p = pd_kelola(request, pd)
    u = _unit(p, unit)
    aktif = request.POST.get("aktif") == "1"
    try:
        services.ubah_status_unit(pengguna=request.user, unit=u, aktif=aktif)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("kelola:unit", p.pk, u.pk)
    messages.success(
        request, f"{u.nama} {'aktif kembali' if aktif else 'dinonaktifkan; datanya tetap tersimpan'}."
    )
    return redirect("kelola:pd", p.pk)


@login_required
@require_POST
def unit_hapus(request, pd: int, unit: int):
    p = pd_kelola(request, pd)
    u = _unit(p, unit)
    try:
        services.hapus_unit(pengguna=request.user, unit=u)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("kelola:unit", p.pk, u.pk)
    messages.success(request, f"{u.nama} dihapus.")
    return redirect("kelola:pd", p.pk)


@login_required
def panduan(request, pd: int):
    p = pd_kelola(request, pd)
    return render(
        request,
        "kelola/panduan.html",
        konteks(pd=p, aktif="panduan", langkah=panduan_pd.langkah(p, pengguna=request.user)),
    )
