"""Service standards (public), the counter log (operators) and what the log says (readers)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from kinerja.core.galat_formulir import GalatFormulir
from kinerja.core.grafik import batang_bertumpuk
from kinerja.core.parameter import id_atau_none
from kinerja.layanan import services
from kinerja.layanan.models import JenisLayanan, Pelayanan
from kinerja.layanan.periode import Periode, baca_periode
from kinerja.wilayah.izin import cakupan, wajib
from kinerja.wilayah.models import PerangkatDaerah, Unit
from kinerja.wilayah.views import pd_atau_404 as _pd

NAMA_BULAN = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def konteks(pd: PerangkatDaerah, aktif: str, **lain) -> dict:
    return {"pd": pd, "pemda": pd.pemda, "aktif": aktif, "bagian": "layanan", **lain}


def konteks_periode(per: Periode) -> dict:
    return {"periode": per, "tahun": per.tahun, "sampai": per.sampai, "mulai": per.mulai, "akhir": per.akhir}


def konteks_rekap(
    pd: PerangkatDaerah, aktif: str, *, per: Periode, units, pilih, per_unit: dict, **lain
) -> dict:
    """The context of a summary page over a period and the chosen units (service log, complaints,
    survey): one row per chosen unit, with its figures or None."""
    return konteks(
        pd,
        aktif,
        **konteks_periode(per),
        units=units,
        unit_pilih=pilih[0] if len(pilih) == 1 else None,
        per_unit=[(u, per_unit.get(u.pk)) for u in pilih],
        **lain,
    )


# --- public: the standards ------------------------------------------------------------------------
# The catalogue and each standard are pages of the public portal; these addresses (printed and
# linked before the portal existed) lead there for good.


def katalog(request, pd: int):
    p = _pd(pd)
    return redirect(reverse("publik:layanan", args=[p.pemda.slug, p.slug]), permanent=True)


def standar(request, pd: int, unit: int, slug: str):
    p = _pd(pd)
    u = get_object_or_404(Unit, pk=unit, pd=p)
    return redirect(
        reverse("publik:layanan_standar", args=[p.pemda.slug, p.slug, u.pk, slug]), permanent=True
    )


# --- the counter --------------------------------------------------------------------------------


@login_required
def loket(request, pd: int, unit: int):
    p = _pd(pd)
    u = get_object_or_404(Unit, pk=unit, pd=p)
    c = cakupan(request.user)
    wajib(c.isi_unit(u) or c.baca_unit(u), "Anda tidak berwenang membuka loket unit ini.")
    jenis = list(JenisLayanan.objects.filter(unit=u, aktif=True).order_by("urutan", "nama"))
    galat, isian = GalatFormulir(), {}
    if request.method == "POST":
        wajib(c.isi_unit(u), "Hanya operator unit ini yang mencatat pelayanan.")
        isian = {
            k: request.POST.get(k, "")[:300]
            for k in ("jenis", "syarat_lengkap", "hasil", "nama_pemohon", "catatan")
        }
        pel = _catat_loket(request.user, u, jenis, isian, galat)
        if pel is not None:
            messages.success(
                request, f"Tercatat {pel.nomor}: {pel.jenis.nama} — {pel.get_hasil_display().lower()}."
            )
            return redirect("layanan:loket", pd=p.pk, unit=u.pk)
    hari = timezone.localdate()
    a, b = services.rentang_waktu(hari, hari)
    hari_ini = list(
        Pelayanan.objects.filter(unit=u, diterima__gte=a, diterima__lt=b).select_related("jenis", "petugas")
    )
    proses = list(
        Pelayanan.objects.filter(unit=u, hasil=Pelayanan.Hasil.PROSES)
        .exclude(pk__in=[x.pk for x in hari_ini])
        .select_related("jenis")[:50]
    )
    return render(
        request,
        "layanan/loket.html",
        konteks(
            p,
            "loket",
            unit=u,
            jenis=jenis,
            hari_ini=hari_ini,
            proses=proses,
            rekap=services.rekap(unit_ids=[u.pk], mulai=hari, akhir=hari, pengguna=request.user),
            boleh_isi=c.isi_unit(u),
            hasil_pilihan=[h for h in Pelayanan.Hasil.choices if h[0] != Pelayanan.Hasil.PROSES],
            galat=galat,
            isian=isian,
        ),
        status=400 if galat else 200,
    )


def _catat_loket(pengguna, unit, jenis, isian, galat):
    """One counter visit from the form's values, or None with the errors added to ``galat``."""
    j = next((x for x in jenis if str(x.pk) == isian["jenis"]), None)
    if j is None:
        galat.tambah("Pilih jenis layanan.", "jenis")
        return None
    try:
        return services.catat_pelayanan(
            pengguna=pengguna,
            unit=unit,
            jenis=j,
            syarat_lengkap=isian["syarat_lengkap"] != "0",
            hasil=isian["hasil"] or Pelayanan.Hasil.SELESAI,
            nama_pemohon=isian["nama_pemohon"],
            catatan=isian["catatan"],
        )
    except ValidationError as e:
        galat.tambah(e)
        return None


@login_required
@require_POST
def selesaikan(request, pd: int, unit: int, pk: int):
    p = _pd(pd)
    pel = get_object_or_404(
        Pelayanan.objects.select_related("unit", "jenis"), pk=pk, unit_id=unit, unit__pd=p
    )
    wajib(cakupan(request.user).isi_unit(pel.unit), "Hanya operator unit ini yang mencatat pelayanan.")
    syarat = request.POST.get("syarat_lengkap", "")
    try:
        pel = services.selesaikan(
            pengguna=request.user,
            pelayanan=pel,
            hasil=request.POST.get("hasil", ""),
            syarat_lengkap=None if syarat not in ("0", "1") else syarat == "1",
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        tepat = "tepat waktu" if pel.tepat_waktu else "melewati jangka waktu standar"
        messages.success(
            request,
            f"{pel.nomor} {pel.get_hasil_display().lower()} pukul "
            f"{timezone.localtime(pel.selesai):%H.%M}: {tepat}"
            f"{', sesuai standar' if pel.sesuai_standar else ', tidak sesuai standar'}.",
        )
    return redirect("layanan:loket", pd=p.pk, unit=unit)


# --- what the log says ----------------------------------------------------------------------------


def unit_terbaca(request, p: PerangkatDaerah) -> list[Unit]:
    c = cakupan(request.user)
    units = [u for u in p.unit_set.order_by("urutan") if u.adalah_lokasi]
    if c.baca_pd(p.pk):
        return units
    boleh = [u for u in units if c.baca_unit(u)]
    if not boleh:
        raise Http404("Tidak ada unit yang dapat Anda lihat")
    return boleh


def pilih_unit(request, units: list[Unit]) -> list[Unit]:
    """The unit chosen with ?unit= (all readable units when none is chosen)."""
    teks = (request.GET.get("unit") or "").strip()
    if not teks:
        return units
    pilih = [x for x in units if x.pk == id_atau_none(teks)]
    if not pilih:
        raise Http404(f"Unit “{teks[:20]}” tidak dikenal atau tidak dapat Anda lihat.")
    return pilih


@login_required
def rekap(request, pd: int):
    p = _pd(pd)
    wajib(cakupan(request.user).anggota_pd(p.pk))
    units = unit_terbaca(request, p)
    pilih = pilih_unit(request, units)
    ids = [u.pk for u in pilih]
    per = baca_periode(
        request, tahun_terakhir=lambda: services.tahun_terakhir(unit_ids=ids, pengguna=request.user)
    )
    mulai, akhir = per.mulai, per.akhir
    total = services.rekap(unit_ids=ids, mulai=mulai, akhir=akhir, pengguna=request.user)
    per_unit = dict(
        services.rekap_per(unit_ids=ids, mulai=mulai, akhir=akhir, per="unit", pengguna=request.user)
    )
    per_jenis = services.rekap_per(unit_ids=ids, mulai=mulai, akhir=akhir, per="jenis", pengguna=request.user)
    nama_jenis = {
        j.pk: j for j in JenisLayanan.objects.filter(pk__in=[k for k, _ in per_jenis]).select_related("unit")
    }
    per_bulan = services.rekap_per(unit_ids=ids, mulai=mulai, akhir=akhir, per="bulan", pengguna=request.user)
    grafik = (
        batang_bertumpuk(
            [NAMA_BULAN[b.month - 1] for b, _ in per_bulan],
            [
                ("Tepat waktu", [r.tepat_waktu for _, r in per_bulan]),
                ("Selesai terlambat", [r.selesai - r.tepat_waktu for _, r in per_bulan]),
                ("Belum selesai / dialihkan", [r.jumlah - r.selesai for _, r in per_bulan]),
            ],
            judul="Jumlah pelayanan per bulan",
            satuan="",
        )
        if per_bulan
        else ""
    )
    return render(
        request,
        "layanan/rekap.html",
        konteks_rekap(
            p,
            "rekap",
            per=per,
            units=units,
            pilih=pilih,
            per_unit=per_unit,
            total=total,
            per_jenis=[(nama_jenis[k], r) for k, r in per_jenis],
            per_bulan=per_bulan,
            grafik=mark_safe(grafik),
            demo=Pelayanan.objects.filter(unit_id__in=ids, demo=True).exists(),
        ),
    )
