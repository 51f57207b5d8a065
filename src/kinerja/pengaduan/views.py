"""Complaints: a public form and tracking page (no personal data shown), and the handlers' pages."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from kinerja.core.izin import cakupan, wajib
from kinerja.core.parameter import bilangan
from kinerja.core.views import unduhan_csv
from kinerja.layanan.periode import baca_periode
from kinerja.layanan.views import NAMA_BULAN, _pd, konteks, konteks_periode, pilih_unit
from kinerja.pengaduan import services
from kinerja.pengaduan.models import Kategori, Pengaduan
from kinerja.wilayah.models import Unit

P = Pengaduan


# --- public ----------------------------------------------------------------------------------------


def kirim(request, pd: int):
    p = _pd(pd)
    units = [u for u in p.unit_set.order_by("urutan") if u.adalah_lokasi]
    kategori = list(Kategori.objects.filter(pd=p))
    galat, nilai = [], {}
    if request.method == "POST":
        nilai = request.POST
        unit = next((u for u in units if str(u.pk) == request.POST.get("unit")), None)
        kat = next((k for k in kategori if str(k.pk) == request.POST.get("kategori")), None)
        try:
            if unit is None or kat is None:
                raise ValidationError("Pilih unit dan kategori pengaduan.")
            adu, _ = services.terima(
                pd=p,
                unit=unit,
                kategori=kat,
                kanal=P.Kanal.WEB,
                judul=request.POST.get("judul", ""),
                isi=request.POST.get("isi", ""),
                nama_pelapor=request.POST.get("nama", ""),
                kontak_pelapor=request.POST.get("kontak", ""),
                anonim=request.POST.get("anonim") == "1",
                id_klien=request.POST.get("id") or None,
                lampiran=request.FILES.getlist("lampiran")[:3],
            )
        except ValidationError as e:
            galat = e.messages
        else:
            return redirect(reverse("pengaduan:lacak") + f"?kode={adu.kode}&baru=1")
    return render(
        request,
        "pengaduan/kirim.html",
        konteks(
            p,
            "pengaduan",
            units=units,
            kategori=kategori,
            galat=galat,
            nilai=nilai,
            id=nilai.get("id") or uuid.uuid4(),
        ),
    )


def lacak(request):
    """A complaint's status and the replies meant for the reporter — nothing personal."""
    kode = (request.GET.get("kode") or "").strip().upper()
    adu = None
    if kode:
        adu = Pengaduan.objects.select_related("unit", "kategori", "pd__pemda").filter(kode=kode).first()
    tanggapan = list(adu.tanggapan_set.filter(untuk_pelapor=True)) if adu else []
    return render(
        request,
        "pengaduan/lacak.html",
        {
            "kode": kode,
            "adu": adu,
            "tanggapan": tanggapan,
            "baru": request.GET.get("baru") == "1",
            "terlambat": adu and services.terlambat(adu),
        },
    )


# --- handlers ---------------------------------------------------------------------------------------


def _unit_tangani(request, p) -> list[Unit]:
    c = cakupan(request.user)
    units = [u for u in p.unit_set.order_by("urutan") if u.adalah_lokasi]
    if c.baca_pd(p.pk):
        return units
    boleh = [u for u in units if c.isi_unit(u)]
    wajib(
        bool(boleh), "Hanya operator unit dan pimpinan/perencana perangkat daerah yang menangani pengaduan."
    )
    return boleh


@login_required
def daftar(request, pd: int):
    p = _pd(pd)
    units = _unit_tangani(request, p)
    qs = Pengaduan.objects.filter(pd=p, unit__in=units).select_related("unit", "kategori")
    status = request.GET.get("status", "")
    if status in P.Status.values:
        qs = qs.filter(status=status)
    elif status == "terbuka":
        qs = qs.exclude(status__in=[P.Status.SELESAI, P.Status.DITOLAK])
    hari = timezone.localdate()
    baris = list(qs[:500])
    for a in baris:
        a.telat = services.terlambat(a, hari)
    if request.GET.get("terlambat") == "1":
        baris = [a for a in baris if a.telat]
    return render(
        request,
        "pengaduan/daftar.html",
        konteks(
            p,
            "pengaduan",
            baris=baris,
            status=status,
            status_pilihan=P.Status.choices,
            terlambat=request.GET.get("terlambat") == "1",
        ),
    )


@login_required
def rinci(request, pd: int, pk: int):
    p = _pd(pd)
    adu = get_object_or_404(Pengaduan.objects.select_related("unit", "kategori"), pk=pk, pd=p)
    wajib(services.boleh_tangani(request.user, adu), "Anda tidak menangani pengaduan ini.")
    if request.method == "POST":
        try:
            if request.POST.get("aksi") == "balas":
                services.balas(
                    pengguna=request.user,
                    pengaduan=adu,
                    isi=request.POST.get("isi", ""),
                    untuk_pelapor=request.POST.get("untuk_pelapor") == "1",
                )
                messages.success(request, "Tanggapan tersimpan.")
            else:
                revisi = bilangan(request.POST.get("revisi"), bawah=1)
                services.pindah(
                    pengguna=request.user,
                    pengaduan=adu,
                    status=request.POST.get("status", ""),
                    tanggapan=request.POST.get("isi", ""),
                    revisi=revisi,
                )
                messages.success(request, "Status pengaduan diperbarui.")
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        return redirect("pengaduan:rinci", pd=p.pk, pk=adu.pk)
    return render(
        request,
        "pengaduan/rinci.html",
        konteks(
            p,
            "pengaduan",
            adu=adu,
            tanggapan=list(adu.tanggapan_set.select_related("oleh")),
            lampiran=list(adu.lampiran_set.all()),
            langkah=[(s, dict(P.Status.choices)[s]) for s in services.ALUR[adu.status]],
            telat=services.terlambat(adu),
        ),
    )


@login_required
def lampiran(request, pd: int, pk: int, lampiran_id: int):
    from django.http import FileResponse

    adu = get_object_or_404(Pengaduan, pk=pk, pd=_pd(pd))
    wajib(services.boleh_tangani(request.user, adu), "Anda tidak menangani pengaduan ini.")
    lam = get_object_or_404(adu.lampiran_set, pk=lampiran_id)
    try:
        return FileResponse(lam.berkas.open("rb"), as_attachment=True, filename=lam.nama)
    except FileNotFoundError:
        raise Http404("Berkas tidak ditemukan") from None


@login_required
def statistik(request, pd: int):
    p = _pd(pd)
    units = _unit_tangani(request, p)
    pilih = pilih_unit(request, units)
    per = baca_periode(
        request, tahun_terakhir=lambda: services.tahun_terakhir(unit_ids=[x.pk for x in pilih])
    )
    mulai, akhir = per.mulai, per.akhir
    total = services.rekap(unit_ids=[x.pk for x in pilih], mulai=mulai, akhir=akhir)
    per_unit = dict(services.rekap_per(pd=p, mulai=mulai, akhir=akhir, per="unit"))
    kat = {k.pk: k for k in Kategori.objects.filter(pd=p)}
    per_kategori = [
        (kat.get(k), r) for k, r in services.rekap_per(pd=p, mulai=mulai, akhir=akhir, per="kategori")
    ]
    per_bulan = [
        (NAMA_BULAN[b.month - 1], r)
        for b, r in services.rekap_per(pd=p, mulai=mulai, akhir=akhir, per="bulan")
    ]
    return render(
        request,
        "pengaduan/statistik.html",
        konteks(
            p,
            "pengaduan",
            **konteks_periode(per),
            units=units,
            unit_pilih=pilih[0] if len(pilih) == 1 else None,
            total=total,
            per_unit=[(x, per_unit.get(x.pk)) for x in units],
            per_kategori=per_kategori,
            per_bulan=per_bulan,
        ),
    )


@login_required
def ekspor(request, pd: int):
    """The complaints of the handler's units as CSV — without the reporter's name or contact."""
    p = _pd(pd)
    units = _unit_tangani(request, p)
    hari = timezone.localdate()
    kepala = [
        "kode",
        "diterima",
        "kanal",
        "nomor_lapor",
        "unit",
        "kategori",
        "judul",
        "status",
        "batas",
        "ditindaklanjuti",
        "selesai",
        "terlambat",
    ]
    baris = (
        [
            a.kode,
            timezone.localtime(a.diterima_pada).strftime("%Y-%m-%d %H:%M"),
            a.get_kanal_display(),
            a.nomor_lapor,
            a.unit.nama,
            a.kategori.nama,
            a.judul,
            a.get_status_display(),
            a.batas.isoformat(),
            timezone.localtime(a.ditindaklanjuti_pada).strftime("%Y-%m-%d") if a.ditindaklanjuti_pada else "",
            timezone.localtime(a.selesai_pada).strftime("%Y-%m-%d") if a.selesai_pada else "",
            "ya" if services.terlambat(a, hari) else "tidak",
        ]
        for a in Pengaduan.objects.filter(pd=p, unit__in=units)
        .select_related("unit", "kategori")
        .order_by("diterima_pada")
    )
    return unduhan_csv([kepala, *baris], f"pengaduan-{p.slug}.csv")
