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
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from kinerja.core.batas import alamat_hash, jumlah, lampaui, melebihi, pesan_tunggu
from kinerja.core.galat import terlalu_besar, terlalu_sering
from kinerja.core.galat_formulir import GalatFormulir
from kinerja.core.parameter import bilangan
from kinerja.core.pelaku import PUBLIK
from kinerja.core.unggah import BatasUnggah, format_mb, panjang_isi
from kinerja.core.views import unduhan_csv
from kinerja.layanan.periode import baca_periode
from kinerja.layanan.views import NAMA_BULAN, konteks, konteks_rekap, pilih_unit
from kinerja.pengaduan import services
from kinerja.pengaduan.models import BATAS_LAMPIRAN, JUMLAH_LAMPIRAN, Kategori, Pengaduan, normal_kode
from kinerja.wilayah.izin import cakupan, wajib
from kinerja.wilayah.models import Unit
from kinerja.wilayah.views import pd_atau_404 as _pd

P = Pengaduan


# --- public ----------------------------------------------------------------------------------------
# Limits per sender, in the shared cache (kinerja.core.batas): a person sends a few complaints, an
# office behind one address a few dozen a day; tracking codes are looked up a few times each.
BATAS_KIRIM = ((5, 10 * 60), (30, 24 * 3600))  # complaints per address: 5 in 10 minutes, 30 a day
# Attempts refused before anything is stored (a missing field, a too-large attachment) do not use up
# the limit above; they have their own, wider one so that the form cannot be hammered.
BATAS_COBA = (30, 10 * 60)
BATAS_LACAK = (30, 10 * 60)  # tracking-code look-ups per address: 30 in 10 minutes
# The whole form: three attachments at their limit and room for the typed fields.
BATAS_PERMINTAAN = JUMLAH_LAMPIRAN * BATAS_LAMPIRAN + 1024 * 1024


@csrf_exempt  # the upload limit must be in place before the CSRF check reads the form
def kirim(request, pd: int):
    if request.method == "POST":
        if panjang_isi(request) > BATAS_PERMINTAAN:
            return terlalu_besar(
                request,
                f"Lampiran paling banyak {JUMLAH_LAMPIRAN} berkas, masing-masing paling besar "
                f"{format_mb(BATAS_LAMPIRAN)}.",
            )
        request.upload_handlers = [
            BatasUnggah(request, batas_berkas=BATAS_LAMPIRAN, batas_jumlah=JUMLAH_LAMPIRAN)
        ]
    return _kirim(request, pd)


@csrf_protect
def _kirim(request, pd: int):
    p = _pd(pd)
    units = [u for u in p.unit_set.order_by("urutan") if u.adalah_lokasi]
    kategori = list(Kategori.objects.filter(pd=p, aktif=True))  # inactive ones leave the form
    galat, nilai = GalatFormulir(), {}
    if request.method == "POST":
        nilai = request.POST
        alamat = alamat_hash(request)
        n, jendela = BATAS_COBA
        penuh = [j for n_kirim, j in BATAS_KIRIM if jumlah(f"pengaduan:kirim:{alamat}:{j}", j) >= n_kirim]
        if melebihi(f"pengaduan:coba:{alamat}", n, jendela) or penuh:
            # The form comes back with everything typed, so nothing is lost while waiting.
            tunggu = penuh[0] if penuh else jendela
            galat = GalatFormulir().tambah(
                "Terlalu banyak pengaduan dikirim dari alamat ini dalam waktu singkat. "
                f"Tidak ada yang tersimpan; isian Anda tetap ada. {pesan_tunggu(tunggu)}"
            )
            jawab = _formulir(request, p, units, kategori, galat, nilai)
            jawab.status_code = 429
            jawab["Retry-After"] = str(tunggu)
            return jawab
        unit = next((u for u in units if str(u.pk) == request.POST.get("unit")), None)
        kat = next((k for k in kategori if str(k.pk) == request.POST.get("kategori")), None)
        galat = GalatFormulir()
        ditolak = getattr(request, "unggah_ditolak", [])
        if ditolak:
            galat.tambah(ditolak, "lampiran")
            galat.tambah("Pengaduan belum dikirim: pilih lagi lampiran yang sesuai, isian lain tetap ada.")
            try:  # the other fields are checked too, so that every problem shows at once
                services.cek_isian(
                    pd=p,
                    unit=unit,
                    kategori=kat,
                    kanal=P.Kanal.WEB,
                    judul=request.POST.get("judul", ""),
                    isi=request.POST.get("isi", ""),
                    nomor_lapor="",
                    lampiran=[],
                )
            except ValidationError as e:
                galat.tambah(e)
            return _formulir(request, p, units, kategori, galat, nilai)
        try:
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
                lampiran=request.FILES.getlist("lampiran"),
                alamat_hash=alamat,
                pengguna=PUBLIK,
            )
        except ValidationError as e:
            galat.tambah(e)
        else:
            lampaui(*[(f"pengaduan:kirim:{alamat}:{j}", n_kirim, j) for n_kirim, j in BATAS_KIRIM])
            return redirect(reverse("pengaduan:lacak") + f"?kode={adu.kode_tampil}&baru=1")
    return _formulir(request, p, units, kategori, galat, nilai)


def _formulir(request, p, units, kategori, galat, nilai):
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
    """A complaint's status and the replies meant for the reporter — nothing personal.

    The code is read without regard to case, spaces or dashes; look-ups are limited per address."""
    ketik = (request.GET.get("kode") or "").strip()[:60]
    kode = normal_kode(ketik)
    adu = None
    if kode:
        n, jendela = BATAS_LACAK
        if melebihi(f"pengaduan:lacak:{alamat_hash(request)}", n, jendela):
            return terlalu_sering(
                request, f"Kode lacak dicari lebih dari {n} kali dalam {jendela // 60} menit.", tunggu=jendela
            )
        adu = Pengaduan.objects.select_related("unit", "kategori", "pd__pemda").filter(kode=kode).first()
    tanggapan = list(adu.tanggapan_set.filter(untuk_pelapor=True)) if adu else []
    galat = GalatFormulir()
    if "kode" in request.GET and not kode:
        galat.tambah("Tulis kode lacak yang Anda terima saat mengirim pengaduan.", "kode")
    elif kode and adu is None:
        galat.tambah(f"Kode {ketik} tidak ditemukan. Periksa lagi penulisannya.", "kode")
    return render(
        request,
        "pengaduan/lacak.html",
        {
            "kode": ketik,
            "adu": adu,
            "tanggapan": tanggapan,
            "baru": request.GET.get("baru") == "1",
            "terlambat": adu and services.terlambat(adu),
            "galat": galat,
        },
    )


# --- handlers and readers ----------------------------------------------------------------------------
# Who may open what is decided in wilayah.izin: handlers see the reporter, readers (pimpinan) do not,
# and whoever reads the whole PD without handling (the verifikator) sees the statistics only.

TOLAK_DAFTAR = (
    "Daftar pengaduan hanya untuk petugas penanganan dan pimpinan unit; "
    "verifikator membaca statistiknya saja."
)


def _unit_boleh(request, p, boleh, pesan: str) -> list[Unit]:
    """The PD's lokasi units the user may open in this way; a refusal when there is none.

    A PD that has no lokasi unit yet (just created) has no complaints: whoever reads the whole PD's
    complaints gets an empty page saying so, not a refusal."""
    semua = [u for u in p.unit_set.order_by("urutan") if u.adalah_lokasi]
    if not semua and cakupan(request.user).baca_pengaduan_pd(p.pk):
        return []
    units = [u for u in semua if boleh(u)]
    wajib(bool(units), pesan)
    return units


@login_required
def daftar(request, pd: int):
    p = _pd(pd)
    units = _unit_boleh(request, p, cakupan(request.user).baca_pengaduan, TOLAK_DAFTAR)
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
            units=units,
            status=status,
            status_pilihan=P.Status.choices,
            terlambat=request.GET.get("terlambat") == "1",
        ),
    )


def _tindak(request, adu: Pengaduan) -> GalatFormulir:
    """Apply a handler's reply or status change; why it was refused (empty when saved)."""
    balas = request.POST.get("aksi") == "balas"
    galat = GalatFormulir(
        {"isi": "isian-isi-balas" if balas else "isian-isi-status", "status": "isian-status"}
    )
    try:
        if balas:
            services.balas(
                pengguna=request.user,
                pengaduan=adu,
                isi=request.POST.get("isi", ""),
                untuk_pelapor=request.POST.get("untuk_pelapor") == "1",
            )
            messages.success(request, "Tanggapan tersimpan.")
        else:
            services.pindah(
                pengguna=request.user,
                pengaduan=adu,
                status=request.POST.get("status", ""),
                tanggapan=request.POST.get("isi", ""),
                revisi=bilangan(request.POST.get("revisi"), bawah=1),
            )
            messages.success(request, "Status pengaduan diperbarui.")
    except ValidationError as e:
        galat.tambah(e)
    return galat


@login_required
def rinci(request, pd: int, pk: int):
    p = _pd(pd)
    qs = Pengaduan.objects.select_related("unit", "kategori")
    adu = get_object_or_404(qs, pk=pk, pd=p)
    c = cakupan(request.user)
    wajib(c.baca_pengaduan(adu.unit), "Anda tidak berwenang membaca pengaduan ini.")
    tangani = c.tangani_pengaduan(adu.unit)
    galat, ketik = GalatFormulir(), {}
    if request.method == "POST":
        wajib(tangani, "Hanya petugas penanganan yang menindaklanjuti dan menanggapi pengaduan.")
        galat = _tindak(request, adu)
        if not galat:
            return redirect("pengaduan:rinci", pd=p.pk, pk=adu.pk)
        # Refused: show the page as it is now, with what the handler typed still in its box.
        adu = qs.get(pk=adu.pk)
        ketik = {"aksi": request.POST.get("aksi") or "status", **request.POST.dict()}
    return render(
        request,
        "pengaduan/rinci.html",
        konteks(
            p,
            "pengaduan",
            adu=adu,
            tangani=tangani,
            galat=galat,
            ketik=ketik,
            tanggapan=list(adu.tanggapan_set.select_related("oleh")),
            lampiran=list(adu.lampiran_set.all()),
            langkah=[(s, dict(P.Status.choices)[s]) for s in services.ALUR[adu.status]] if tangani else [],
            telat=services.terlambat(adu),
        ),
        status=400 if galat else 200,
    )


@login_required
def lampiran(request, pd: int, pk: int, lampiran_id: int):
    """An attachment: handlers only, since a photo or letter may show who the reporter is."""
    from django.http import FileResponse

    adu = get_object_or_404(Pengaduan.objects.select_related("unit"), pk=pk, pd=_pd(pd))
    wajib(
        cakupan(request.user).tangani_pengaduan(adu.unit),
        "Lampiran pengaduan hanya dibuka petugas penanganan.",
    )
    lam = get_object_or_404(adu.lampiran_set, pk=lampiran_id)
    try:
        return FileResponse(lam.berkas.open("rb"), as_attachment=True, filename=lam.nama)
    except FileNotFoundError:
        raise Http404("Berkas tidak ditemukan") from None


@login_required
def statistik(request, pd: int):
    p = _pd(pd)
    c = cakupan(request.user)
    units = _unit_boleh(
        request,
        p,
        c.statistik_pengaduan,
        "Anda tidak berwenang melihat statistik pengaduan perangkat daerah ini.",
    )
    pilih = pilih_unit(request, units)
    ids = [x.pk for x in pilih]
    per = baca_periode(
        request, tahun_terakhir=lambda: services.tahun_terakhir(unit_ids=ids, pengguna=request.user)
    )
    mulai, akhir = per.mulai, per.akhir
    total = services.rekap(unit_ids=ids, mulai=mulai, akhir=akhir, pengguna=request.user)
    per_unit = dict(
        services.rekap_per(unit_ids=ids, mulai=mulai, akhir=akhir, per="unit", pengguna=request.user)
    )
    kat = {k.pk: k for k in Kategori.objects.filter(pd=p)}
    per_kategori = [
        (kat.get(k), r)
        for k, r in services.rekap_per(
            unit_ids=ids, mulai=mulai, akhir=akhir, per="kategori", pengguna=request.user
        )
    ]
    per_bulan = [
        (NAMA_BULAN[b.month - 1], r)
        for b, r in services.rekap_per(
            unit_ids=ids, mulai=mulai, akhir=akhir, per="bulan", pengguna=request.user
        )
    ]
    return render(
        request,
        "pengaduan/statistik.html",
        konteks_rekap(
            p,
            "pengaduan",
            per=per,
            units=units,
            pilih=pilih,
            per_unit=per_unit,
            total=total,
            per_kategori=per_kategori,
            per_bulan=per_bulan,
            baca_daftar=any(c.baca_pengaduan(x) for x in units),
        ),
    )


@login_required
def ekspor(request, pd: int):
    """The complaints the user may read, as CSV — without the reporter's name or contact."""
    p = _pd(pd)
    units = _unit_boleh(request, p, cakupan(request.user).baca_pengaduan, TOLAK_DAFTAR)
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
