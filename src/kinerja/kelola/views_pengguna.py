"""Users and roles: the lists of a PD and of a pemda, creating a user (with its invitation link), a
user's page (roles, name and e-mail, deactivate, a new link), and who may do what in a PD."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kinerja.core.galat_formulir import GalatFormulir
from kinerja.core.models import AsalPengguna, CatatanAudit, Peran
from kinerja.kelola.bersama import (
    ambil_tautan,
    galat_dari,
    konteks,
    nilai_post,
    pd_kelola,
    pemda_kelola,
    simpan_tautan,
)
from kinerja.wilayah import pengguna as akun
from kinerja.wilayah.izin import cakupan, wajib
from kinerja.wilayah.models import Pemda, PerangkatDaerah

MEDAN_BARU = ("username", "nama", "email", "peran", "cakupan")
JENIS_PERAN = [(j.value, j.label) for j in Peran.Jenis]


@login_required
def daftar_pd(request, pd: int):
    p = pd_kelola(request, pd)
    return render(
        request,
        "kelola/pengguna_pd.html",
        konteks(pd=p, aktif="pengguna_pd", semua=akun.daftar_pengguna_pd(pengguna=request.user, pd=p)),
    )


@login_required
def daftar_pemda(request, pemda: str):
    p = pemda_kelola(request, pemda)
    cari = request.GET.get("cari", "")[:100].strip()
    semua = akun.daftar_pengguna_pemda(pengguna=request.user, pemda=p, cari=cari)
    pd = list(PerangkatDaerah.objects.filter(pemda=p).order_by("nama"))
    return render(
        request,
        "kelola/pengguna_pemda.html",
        konteks(pemda=p, aktif="pengguna_pemda", semua=semua, cari=cari, daftar_pd=pd),
    )


def _kelompok(pilihan: list[akun.Lingkup]) -> list[tuple[str, list[akun.Lingkup]]]:
    """Scopes grouped for the select's optgroups: the pemda, then each PD with its units."""
    hasil: list[tuple[str, list[akun.Lingkup]]] = []
    for x in pilihan:
        judul = x.objek.nama if x.jenis == "pemda" else (x.objek.pd if x.jenis == "unit" else x.objek).nama
        if not hasil or hasil[-1][0] != judul:
            hasil.append((judul, []))
        hasil[-1][1].append(x)
    return hasil


def _buat(request, *, asal: PerangkatDaerah | Pemda, pilihan: list[akun.Lingkup], ctx: dict):
    galat = GalatFormulir()
    nilai = {"peran": "", "cakupan": pilihan[0].nilai if len(pilihan) == 1 else ""}
    if request.method == "POST":
        nilai = nilai_post(request, MEDAN_BARU)
        try:
            user, token = akun.buat_pengguna(
                pengguna=request.user,
                isian=nilai,
                jenis=nilai["peran"],
                lingkup=akun.baca_lingkup(nilai["cakupan"]),
                asal=asal,
            )
        except ValidationError as e:
            galat_dari(e, galat)
        else:
            simpan_tautan(request, user, token, "undangan")
            messages.success(
                request, f"Pengguna {user.username} dibuat. Kirim tautan undangan di bawah kepadanya."
            )
            return redirect("kelola:pengguna", user.pk)
    ctx |= {"galat": galat, "nilai": nilai, "kelompok": _kelompok(pilihan), "jenis_peran": JENIS_PERAN}
    return render(request, "kelola/pengguna_buat.html", ctx, status=400 if galat else 200)


@login_required
def buat_pd(request, pd: int):
    p = pd_kelola(request, pd)
    pilihan = akun.pilihan_lingkup(pengguna=request.user, pd=p)
    return _buat(request, asal=p, pilihan=pilihan, ctx=konteks(pd=p, aktif="pengguna_pd"))


@login_required
def buat_pemda(request, pemda: str):
    p = pemda_kelola(request, pemda)
    pilihan = [x for x in akun.pilihan_lingkup(pengguna=request.user, pemda=p) if x.jenis == "pemda"]
    return _buat(request, asal=p, pilihan=pilihan, ctx=konteks(pemda=p, aktif="pengguna_pemda"))


def _target(request, id: int):
    user = get_object_or_404(get_user_model(), pk=id)
    wajib(
        akun.boleh_kelola_pengguna(pengguna=request.user, target=user),
        akun.TOLAK_SUPER if user.is_superuser else akun.TOLAK_PENGGUNA,
    )
    return user


def _tempat(request, a: akun.Akun) -> tuple[PerangkatDaerah | None, Pemda | None]:
    """The PD (when every role is in one) and the pemda a user's page belongs to, for its menu."""
    pd_ids = {p.unit.pd_id if p.unit_id else p.pd_id for p in a.peran if p.unit_id or p.pd_id}
    asal = AsalPengguna.objects.filter(pengguna=a.user).first()
    if not pd_ids and asal and asal.pd_id:
        pd_ids = {asal.pd_id}
    pd = (
        PerangkatDaerah.objects.select_related("pemda").filter(pk=next(iter(pd_ids))).first()
        if len(pd_ids) == 1
        else None
    )
    pemda = pd.pemda if pd else None
    if pemda is None:
        pemda_ids = {p.pemda_id for p in a.peran if p.pemda_id} | {x.pd.pemda_id for x in a.peran if x.pd_id}
        pemda_ids |= {x.unit.pd.pemda_id for x in a.peran if x.unit_id} | ({asal.pemda_id} if asal else set())
        pemda = Pemda.objects.filter(pk__in=pemda_ids).first() if len(pemda_ids) == 1 else None
    c = cakupan(request.user)
    return (pd if pd and c.kelola_pd(pd.pk) else None), pemda


def _riwayat(user) -> list[CatatanAudit]:
    """The user's own entries and the grants and removals of its roles (by its username)."""
    peran = Q(objek_tipe="core.peran") & (
        Q(perubahan__pengguna__1=user.username) | Q(perubahan__pengguna__0=user.username)
    )
    sendiri = Q(objek_tipe=user._meta.label_lower, objek_id=str(user.pk))
    return list(
        CatatanAudit.objects.filter(sendiri | peran)
        .select_related("pengguna")
        .order_by("-waktu", "-id")[:200]
    )


def _halaman(request, user, *, galat=None, nilai=None, galat_peran=None, nilai_peran=None, status=200):
    a = akun.akun_pengguna(pengguna=request.user, target=user)
    pd, pemda = _tempat(request, a)
    pilihan = akun.pilihan_lingkup(pengguna=request.user, pemda=pemda) if pemda else []
    ctx = konteks(
        pd=pd,
        pemda=pemda,
        aktif="pengguna_pd" if pd else "pengguna_pemda",
        a=a,
        diri=user.pk == request.user.pk,
        tautan_baru=ambil_tautan(request, user),
        galat=galat or GalatFormulir(),
        nilai=nilai or {"nama": user.first_name, "email": user.email},
        galat_peran=galat_peran or GalatFormulir(),
        nilai_peran=nilai_peran or {},
        kelompok=_kelompok(pilihan),
        jenis_peran=JENIS_PERAN,
        riwayat=_riwayat(user),
    )
    return render(request, "kelola/pengguna.html", ctx, status=status)


@login_required
def rinci(request, id: int):
    user = _target(request, id)
    if request.method != "POST":
        return _halaman(request, user)
    nilai = nilai_post(request, ("nama", "email"))
    try:
        ubah = akun.ubah_pengguna(pengguna=request.user, target=user, isian=nilai)
    except ValidationError as e:
        user.refresh_from_db()
        return _halaman(request, user, galat=galat_dari(e), nilai=nilai, status=400)
    messages.success(request, "Data pengguna tersimpan." if ubah else "Tidak ada yang berubah.")
    return redirect("kelola:pengguna", user.pk)


@login_required
@require_POST
def peran_tambah(request, id: int):
    user = _target(request, id)
    nilai = nilai_post(request, ("peran", "cakupan"))
    try:
        p = akun.beri_peran(
            pengguna=request.user,
            target=user,
            jenis=nilai["peran"],
            lingkup=akun.baca_lingkup(nilai["cakupan"]),
        )
    except ValidationError as e:
        return _halaman(request, user, galat_peran=galat_dari(e), nilai_peran=nilai, status=400)
    messages.success(request, f"{akun.label_peran(p)} diberikan kepada {user.username}.")
    return redirect("kelola:pengguna", user.pk)


@login_required
@require_POST
def peran_cabut(request, id: int, peran: int):
    user = _target(request, id)
    p = get_object_or_404(Peran.objects.select_related("unit__pd", "pd", "pemda"), pk=peran, pengguna=user)
    label = akun.label_peran(p)
    akun.cabut_peran(pengguna=request.user, peran=p)
    messages.success(request, f"Peran {label} dicabut dari {user.username}.")
    return redirect("kelola:pengguna", user.pk)


@login_required
@require_POST
def status(request, id: int):
    user = _target(request, id)
    aktif = request.POST.get("aktif") == "1"
    akun.ubah_status_pengguna(pengguna=request.user, target=user, aktif=aktif)
    if aktif:
        messages.success(request, f"{user.username} aktif kembali.")
    else:
        messages.success(request, f"{user.username} dinonaktifkan: tidak dapat masuk lagi, sesinya berakhir.")
    return redirect("kelola:pengguna", user.pk)


@login_required
@require_POST
def tautan(request, id: int):
    """A new one-time link: a reset for a user with a password, else a new invitation."""
    user = _target(request, id)
    try:
        if user.has_usable_password():
            token, jenis = akun.atur_ulang_sandi(pengguna=request.user, target=user), "atur_ulang"
        else:
            token, jenis = akun.tautan_undangan_baru(pengguna=request.user, target=user), "undangan"
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("kelola:pengguna", user.pk)
    simpan_tautan(request, user, token, jenis)
    messages.success(request, "Tautan baru dibuat; tautan lama tidak berlaku lagi.")
    return redirect("kelola:pengguna", user.pk)


@login_required
def wewenang(request, pd: int):
    p = pd_kelola(request, pd)
    baris = akun.wewenang_pd(pengguna=request.user, pd=p)
    return render(
        request,
        "kelola/wewenang.html",
        konteks(pd=p, aktif="wewenang", baris=baris, kolom=akun.KOLOM_WEWENANG),
    )
