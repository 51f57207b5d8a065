"""The region's pages: kelurahan of a PD, one kelurahan (RT and population), the import.

Any member of the PD reads; only the PD's admin sees and uses the edit forms (the services
refuse anyone else, also when a form is posted by hand). ``pd_atau_404`` is shared by the
pages of every app.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kinerja.core.galat_formulir import GalatFormulir
from kinerja.core.models import CatatanAudit
from kinerja.core.parameter import bilangan
from kinerja.wilayah import impor, selectors, services
from kinerja.wilayah.izin import cakupan, wajib
from kinerja.wilayah.models import Penduduk, PerangkatDaerah, RukunTetangga, Unit

MEDAN_RT = ("rw", "nomor", "ketua", "lintang", "bujur")
MEDAN_PENDUDUK = ("tahun", "laki_laki", "perempuan", "jumlah", "sumber", "tanggal")
SESI_IMPOR = "wilayah_impor"
BATAS_UNGGAH = 10 * 1024 * 1024


def pd_atau_404(pd_id: int) -> PerangkatDaerah:
    """The PD of a page's address, with its pemda; 404 when there is none."""
    return get_object_or_404(PerangkatDaerah.objects.select_related("pemda"), pk=pd_id)


def _pd(request, pd_id: int) -> PerangkatDaerah:
    pd = pd_atau_404(pd_id)
    wajib(cakupan(request.user).anggota_pd(pd.pk), services.TOLAK_BACA)
    return pd


def _kelurahan(pd: PerangkatDaerah, unit_id: int) -> Unit:
    """A kelurahan of this PD (another PD's, or the office, is not found here)."""
    return get_object_or_404(Unit, pk=unit_id, pd=pd, jenis__in=services.JENIS_WILAYAH)


def _konteks(pd: PerangkatDaerah, aktif: str, **lain) -> dict:
    return {"pd": pd, "pemda": pd.pemda, "aktif": aktif, "bagian": "wilayah", **lain}


def _nilai(obj, medan: tuple[str, ...]) -> dict[str, str]:
    """A record's values as its form shows them (Indonesian numbers, dd-mm-yyyy dates)."""
    from kinerja.core import angka

    hasil = {}
    for m in medan:
        v = getattr(obj, m)
        if v is None:
            hasil[m] = ""
        elif m == "tanggal":
            hasil[m] = v.strftime("%d-%m-%Y")
        elif m in ("lintang", "bujur"):
            hasil[m] = format(v.normalize(), "f").replace(".", ",")
        elif isinstance(v, int) and m in ("laki_laki", "perempuan", "jumlah"):
            hasil[m] = angka.format_angka(v)
        else:
            hasil[m] = str(v)
    return hasil


def _galat(e: ValidationError, awalan: str) -> GalatFormulir:
    medan = e.message_dict.keys() if hasattr(e, "error_dict") else []
    return GalatFormulir({m: f"{awalan}-{m}" for m in medan}).tambah(e)


# --- the region of a PD -------------------------------------------------------------------


@login_required
def daftar(request, pd: int):
    p = _pd(request, pd)
    tahun_tersedia = selectors.tahun_penduduk(u.pk for u in selectors.kelurahan_pd(p.pk))
    tahun = bilangan(request.GET.get("tahun"), bawah=2000, atas=2100)
    if tahun is not None and tahun not in tahun_tersedia:
        messages.warning(request, f"Belum ada data penduduk tahun {tahun}; ditampilkan tahun terakhir.")
        tahun = None
    ringkasan = services.baca_wilayah(pengguna=request.user, pd=p, tahun=tahun)
    return render(
        request,
        "wilayah/daftar.html",
        _konteks(
            p,
            "daftar",
            r=ringkasan,
            tahun_tersedia=tahun_tersedia,
            kelola=services.boleh_kelola(pengguna=request.user, pd=p),
        ),
    )


def _riwayat(unit: Unit, rt_ids: list[int], penduduk_ids: list[int]) -> list[CatatanAudit]:
    """The audit entries of the kelurahan's area, its RTs and its population records, newest first."""
    q = Q(objek_tipe=Unit._meta.label_lower, objek_id=str(unit.pk), aksi__startswith="wilayah.")
    if rt_ids:
        q |= Q(objek_tipe=RukunTetangga._meta.label_lower, objek_id__in=[str(i) for i in rt_ids])
    if penduduk_ids:
        q |= Q(objek_tipe=Penduduk._meta.label_lower, objek_id__in=[str(i) for i in penduduk_ids])
    return list(CatatanAudit.objects.filter(q).select_related("pengguna").order_by("-waktu", "-pk")[:200])


def _halaman_kelurahan(request, p: PerangkatDaerah, u: Unit, status: int = 200, **gagal):
    data = services.baca_kelurahan(pengguna=request.user, unit=u)
    semua_rt = [rt for _, daftar_rt in data["rw"] for rt in daftar_rt]
    return render(
        request,
        "wilayah/kelurahan.html",
        _konteks(
            p,
            "daftar",
            unit=u,
            rw=data["rw"],
            jumlah_rt=sum(1 for rt in semua_rt if rt.aktif),
            penduduk=data["penduduk"],
            riwayat=_riwayat(u, [rt.pk for rt in semua_rt], [x.pk for x in data["penduduk"]]),
            kelola=services.boleh_kelola(pengguna=request.user, pd=p),
            nilai_luas=gagal.pop("nilai_luas", None)
            or (str(u.luas_km2).replace(".", ",") if u.luas_km2 else ""),
            nilai_rt=gagal.pop("nilai_rt", {}),
            nilai_penduduk=gagal.pop("nilai_penduduk", {}),
            **gagal,
        ),
        status=status,
    )


@login_required
def kelurahan(request, pd: int, unit: int):
    p = _pd(request, pd)
    return _halaman_kelurahan(request, p, _kelurahan(p, unit))


@login_required
@require_POST
def luas(request, pd: int, unit: int):
    p = _pd(request, pd)
    u = _kelurahan(p, unit)
    try:
        berubah = services.ubah_luas(pengguna=request.user, unit=u, luas=request.POST.get("luas_km2", ""))
    except ValidationError as e:
        return _halaman_kelurahan(
            request, p, u, 400, galat_luas=_galat(e, "luas"), nilai_luas=request.POST.get("luas_km2", "")
        )
    messages.success(request, "Luas disimpan." if berubah else "Luas tidak berubah.")
    return redirect("wilayah:kelurahan", pd=p.pk, unit=u.pk)


@login_required
@require_POST
def rt_tambah(request, pd: int, unit: int):
    p = _pd(request, pd)
    u = _kelurahan(p, unit)
    isian = {m: request.POST.get(m, "") for m in MEDAN_RT}
    try:
        rt = services.tambah_rt(pengguna=request.user, unit=u, isian=isian)
    except ValidationError as e:
        return _halaman_kelurahan(request, p, u, 400, galat_rt=_galat(e, "rt"), nilai_rt=isian)
    messages.success(request, f"{rt} ditambahkan.")
    return redirect(reverse("wilayah:kelurahan", args=[p.pk, u.pk]) + "#daftar-rt")


def _halaman_ubah(request, p, u, judul: str, obj, medan, awalan: str, nilai=None, galat=None, status=200):
    return render(
        request,
        "wilayah/ubah.html",
        _konteks(
            p,
            "daftar",
            unit=u,
            judul=judul,
            obj=obj,
            awalan=awalan,
            nilai=nilai if nilai is not None else _nilai(obj, medan),
            galat=galat,
        ),
        status=status,
    )


@login_required
def rt_ubah(request, pd: int, unit: int, rt: int):
    p = _pd(request, pd)
    u = _kelurahan(p, unit)
    obj = get_object_or_404(RukunTetangga, pk=rt, unit=u)
    if not services.boleh_kelola(pengguna=request.user, pd=p):
        wajib(False, services.TOLAK_UBAH)
    judul = f"Ubah {obj} {u.nama}"
    if request.method != "POST":
        return _halaman_ubah(request, p, u, judul, obj, MEDAN_RT, "rt")
    isian = {m: request.POST.get(m, "") for m in MEDAN_RT}
    try:
        berubah = services.ubah_rt(pengguna=request.user, rt=obj, isian=isian)
    except ValidationError as e:
        return _halaman_ubah(request, p, u, judul, obj, MEDAN_RT, "rt", isian, _galat(e, "rt"), 400)
    messages.success(request, f"{obj} disimpan." if berubah else f"{obj}: tidak ada yang berubah.")
    return redirect(reverse("wilayah:kelurahan", args=[p.pk, u.pk]) + "#daftar-rt")


@login_required
@require_POST
def rt_status(request, pd: int, unit: int, rt: int):
    p = _pd(request, pd)
    u = _kelurahan(p, unit)
    obj = get_object_or_404(RukunTetangga, pk=rt, unit=u)
    aktif = request.POST.get("aktif") == "1"
    services.ubah_status_rt(pengguna=request.user, rt=obj, aktif=aktif)
    messages.success(request, f"{obj} {'diaktifkan kembali' if aktif else 'dinonaktifkan'}.")
    return redirect(reverse("wilayah:kelurahan", args=[p.pk, u.pk]) + "#daftar-rt")


@login_required
@require_POST
def penduduk_tambah(request, pd: int, unit: int):
    p = _pd(request, pd)
    u = _kelurahan(p, unit)
    isian = {m: request.POST.get(m, "") for m in MEDAN_PENDUDUK}
    try:
        x = services.tambah_penduduk(pengguna=request.user, unit=u, isian=isian)
    except ValidationError as e:
        return _halaman_kelurahan(
            request, p, u, 400, galat_penduduk=_galat(e, "penduduk"), nilai_penduduk=isian
        )
    messages.success(request, f"Penduduk tahun {x.tahun} ditambahkan.")
    return redirect(reverse("wilayah:kelurahan", args=[p.pk, u.pk]) + "#penduduk")


@login_required
def penduduk_ubah(request, pd: int, unit: int, pk: int):
    p = _pd(request, pd)
    u = _kelurahan(p, unit)
    obj = get_object_or_404(Penduduk, pk=pk, unit=u)
    if not services.boleh_kelola(pengguna=request.user, pd=p):
        wajib(False, services.TOLAK_UBAH)
    judul = f"Ubah penduduk {u.nama} tahun {obj.tahun}"
    if request.method != "POST":
        return _halaman_ubah(request, p, u, judul, obj, MEDAN_PENDUDUK, "penduduk")
    isian = {m: request.POST.get(m, "") for m in MEDAN_PENDUDUK}
    try:
        berubah = services.ubah_penduduk(pengguna=request.user, penduduk=obj, isian=isian)
    except ValidationError as e:
        return _halaman_ubah(
            request, p, u, judul, obj, MEDAN_PENDUDUK, "penduduk", isian, _galat(e, "penduduk"), 400
        )
    messages.success(request, "Penduduk disimpan." if berubah else "Penduduk: tidak ada yang berubah.")
    return redirect(reverse("wilayah:kelurahan", args=[p.pk, u.pk]) + "#penduduk")


# --- import -------------------------------------------------------------------------------


def _pd_kelola(request, pd_id: int) -> PerangkatDaerah:
    p = _pd(request, pd_id)
    wajib(cakupan(request.user).kelola_pd(p.pk), services.TOLAK_UBAH)
    return p


def _halaman_impor(request, p, *, pratinjau=None, galat_berkas="", nama_berkas="", status=200):
    galat = GalatFormulir({"berkas": "isian-berkas"})
    if galat_berkas:
        galat.tambah(galat_berkas, "berkas")
    return render(
        request,
        "wilayah/impor.html",
        _konteks(
            p,
            "impor",
            pratinjau=pratinjau,
            galat=galat,
            nama_berkas=nama_berkas,
            kolom=impor.KOLOM,
        ),
        status=status,
    )


@login_required
def impor_halaman(request, pd: int):
    """GET: the upload form; POST: read the file and show every row (and every error), saving nothing."""
    p = _pd_kelola(request, pd)
    if request.method != "POST":
        return _halaman_impor(request, p)
    berkas = request.FILES.get("berkas")
    if berkas is None:
        return _halaman_impor(request, p, galat_berkas="Pilih berkas XLSX atau CSV lebih dulu.", status=400)
    if berkas.size > BATAS_UNGGAH:
        return _halaman_impor(request, p, galat_berkas="Berkas lebih besar dari 10 MB.", status=400)
    nama = Path(berkas.name).name[:200]
    with tempfile.TemporaryDirectory(prefix="kinerja-wilayah-") as folder:
        path = Path(folder) / ("unggahan" + Path(nama).suffix.lower()[:6])
        with path.open("wb") as f:
            for potongan in berkas.chunks():
                f.write(potongan)
        try:
            data = impor.baca_berkas(path, nama)
        except impor.BerkasDitolak as e:
            return _halaman_impor(request, p, galat_berkas=e.pesan, nama_berkas=nama, status=400)
    hasil = impor.periksa_impor(pengguna=request.user, pd=p, data=data)
    if not hasil.galat:
        request.session[SESI_IMPOR] = {"pd": p.pk, "nama": nama, "data": data}
    return _halaman_impor(request, p, pratinjau=hasil, nama_berkas=nama, status=400 if hasil.galat else 200)


@login_required
@require_POST
def impor_simpan(request, pd: int):
    p = _pd_kelola(request, pd)
    sesi = request.session.get(SESI_IMPOR)
    if not sesi or sesi.get("pd") != p.pk:
        messages.error(request, "Tidak ada berkas yang menunggu disimpan; unggah berkasnya lagi.")
        return redirect("wilayah:impor", pd=p.pk)
    try:
        hasil = impor.simpan_impor(pengguna=request.user, pd=p, data=sesi["data"], nama_berkas=sesi["nama"])
    except impor.ImporDitolak as e:
        return _halaman_impor(request, p, pratinjau=e.pratinjau, nama_berkas=sesi["nama"], status=400)
    del request.session[SESI_IMPOR]
    messages.success(
        request,
        f"{sesi['nama']}: {hasil.hitung('baru')} catatan ditambahkan, {hasil.hitung('ubah')} diubah, "
        f"{hasil.hitung('sama')} sama dengan yang tersimpan.",
    )
    return redirect("wilayah:daftar", pd=p.pk)


@login_required
def templat(request, pd: int):
    p = _pd_kelola(request, pd)
    jawab = HttpResponse(
        impor.templat_impor(pengguna=request.user, pd=p),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    jawab["Content-Disposition"] = f'attachment; filename="wilayah-{p.slug}.xlsx"'
    return jawab
