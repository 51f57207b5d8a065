"""Pages of the staff and asset registers of a PD (menu "wilayah")."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from kinerja.core import angka
from kinerja.core.audit import riwayat
from kinerja.core.galat_formulir import GalatFormulir
from kinerja.core.parameter import bilangan, id_atau_none
from kinerja.core.tabel import ke_csv
from kinerja.sumberdaya import services
from kinerja.sumberdaya.kait import bagian_aset
from kinerja.sumberdaya.models import GOLONGAN_PPPK, Aset, Pegawai, RekapPegawai
from kinerja.sumberdaya.tabel_pegawai import susun_tabel
from kinerja.wilayah.izin import wajib
from kinerja.wilayah.models import PerangkatDaerah, Unit
from kinerja.wilayah.views import pd_atau_404

P = Pegawai
MEDAN_PEGAWAI = (
    "unit",
    "nama",
    "nip",
    "jabatan",
    "jenis_jabatan",
    "nama_fungsional",
    "status",
    "golongan",
    "golongan_pppk",
    "pendidikan",
    "jenis_kelamin",
    "mulai",
)
MEDAN_ASET = ("jenis_barang", "jumlah", "satuan", "tahun_perolehan", "kode_kib", "tanggal", "baik")
MEDAN_KONDISI = ("tanggal", "baik", "rusak_ringan", "rusak_berat", "catatan")


def konteks(pd: PerangkatDaerah, aktif: str, **lain) -> dict:
    return {"pd": pd, "pemda": pd.pemda, "aktif": aktif, "bagian": "wilayah", **lain}


def _pd_baca(request, pd_id: int) -> tuple[PerangkatDaerah, services.Wewenang]:
    p = pd_atau_404(pd_id)
    w = services.wewenang(pengguna=request.user, pd=p)
    wajib(w.baca, "Anda tidak mempunyai peran di perangkat daerah ini.")
    return p, w


def _pd_kelola(request, pd_id: int) -> PerangkatDaerah:
    p, w = _pd_baca(request, pd_id)
    wajib(w.kelola, "Hanya administrator perangkat daerah ini yang mengubah data pegawai dan aset.")
    return p


def _tanggal(request) -> dt.date:
    """``?tanggal=`` (the "keadaan per" date); today when empty, with a message when unreadable."""
    teks = request.GET.get("tanggal", "")
    try:
        return services.baca_tanggal(teks, wajib=False) or timezone.localdate()
    except ValidationError as e:
        messages.warning(request, f"{' '.join(e.messages)} Ditampilkan keadaan hari ini.")
        return timezone.localdate()


def _unit_pilih(request, p: PerangkatDaerah) -> Unit | None:
    uid = id_atau_none(request.GET.get("unit"))
    return Unit.objects.filter(pd=p, pk=uid).first() if uid else None


# --- staff --------------------------------------------------------------------------------------


@login_required
def pegawai(request, pd: int):
    p, w = _pd_baca(request, pd)
    tanggal, unit = _tanggal(request), _unit_pilih(request, p)
    daftar = services.daftar_pegawai(pengguna=request.user, pd=p, tanggal=tanggal, unit=unit)
    return render(
        request,
        "sumberdaya/pegawai.html",
        konteks(
            p,
            "pegawai",
            daftar=daftar,
            tanggal=tanggal,
            unit_pilih=unit,
            units=list(p.unit_set.order_by("urutan")),
            kelola=w.kelola,
            demo=any(x.demo for x in daftar),
        ),
    )


@login_required
def unduh_pegawai(request, pd: int):
    """The staff list as CSV: never with NIP/NIK, whoever downloads it."""
    p, _ = _pd_baca(request, pd)
    tanggal, unit = _tanggal(request), _unit_pilih(request, p)
    daftar = services.daftar_pegawai(pengguna=request.user, pd=p, tanggal=tanggal, unit=unit)
    kepala = ["Nama", "Unit", "Jabatan", "Jenis jabatan", "Status", "Golongan", "Pendidikan", "Jenis kelamin"]
    baris = [
        [
            x.nama,
            x.unit.nama,
            x.jabatan,
            x.get_jenis_jabatan_display() + (f" {x.nama_fungsional}" if x.nama_fungsional else ""),
            x.get_status_display(),
            x.golongan_teks,
            x.pendidikan,
            x.get_jenis_kelamin_display(),
        ]
        for x in daftar
    ]
    jawab = HttpResponse(ke_csv([kepala, *baris]), content_type="text/csv; charset=utf-8")
    jawab["Content-Disposition"] = f'attachment; filename="pegawai-{p.slug}-{tanggal:%Y-%m-%d}.csv"'
    return jawab


def _pilihan_pegawai() -> dict:
    return {
        "pilihan_jenis_jabatan": P.JenisJabatan.choices,
        "pilihan_status": P.Status.choices,
        "pilihan_golongan": P.Golongan.choices,
        "pilihan_pppk": GOLONGAN_PPPK,
        "pilihan_pendidikan": P.Pendidikan.choices,
        "pilihan_kelamin": P.JenisKelamin.choices,
    }


def _isian_dari(x: Pegawai) -> dict:
    return {
        "unit": str(x.unit_id),
        "nama": x.nama,
        "nip": x.nip,
        "jabatan": x.jabatan,
        "jenis_jabatan": x.jenis_jabatan,
        "nama_fungsional": x.nama_fungsional,
        "status": x.status,
        "golongan": x.golongan,
        "golongan_pppk": str(x.golongan_pppk or ""),
        "pendidikan": x.pendidikan,
        "jenis_kelamin": x.jenis_kelamin,
        "mulai": x.mulai.isoformat(),
    }


@login_required
def tambah_pegawai(request, pd: int):
    p = _pd_kelola(request, pd)
    galat, nilai = GalatFormulir(), {"mulai": timezone.localdate().isoformat()}
    if request.method == "POST":
        nilai = {k: request.POST.get(k, "")[:200] for k in MEDAN_PEGAWAI}
        try:
            x = services.tambah_pegawai(pengguna=request.user, pd=p, isian=nilai)
        except ValidationError as e:
            galat.tambah(e)
        else:
            messages.success(request, f"{x.nama} tercatat sebagai {x.jabatan} di {x.unit.nama}.")
            return redirect("sumberdaya:pegawai", pd=p.pk)
    return render(
        request,
        "sumberdaya/pegawai_isian.html",
        konteks(
            p,
            "pegawai",
            galat=galat,
            nilai=nilai,
            units=list(p.unit_set.order_by("urutan")),
            **_pilihan_pegawai(),
        ),
    )


def _pegawai_atau_404(p: PerangkatDaerah, pk: int) -> Pegawai:
    return get_object_or_404(Pegawai.objects.select_related("unit__pd__pemda"), pk=pk, unit__pd=p)


@login_required
def ubah_pegawai(request, pd: int, pk: int):
    p = _pd_kelola(request, pd)
    x = _pegawai_atau_404(p, pk)
    galat, nilai = GalatFormulir(), _isian_dari(x)
    if request.method == "POST":
        nilai = {k: request.POST.get(k, "")[:200] for k in MEDAN_PEGAWAI}
        nilai["alasan"] = request.POST.get("alasan", "")[:500]
        try:
            services.ubah_pegawai(
                pengguna=request.user,
                pegawai=x,
                isian={k: nilai[k] for k in MEDAN_PEGAWAI},
                alasan=nilai["alasan"],
            )
        except ValidationError as e:
            galat.tambah(e)
            x.refresh_from_db()
        else:
            messages.success(request, f"Data {x.nama} tersimpan.")
            return redirect("sumberdaya:pegawai", pd=p.pk)
    return render(
        request,
        "sumberdaya/pegawai_isian.html",
        konteks(
            p,
            "pegawai",
            x=x,
            galat=galat,
            nilai=nilai,
            units=list(p.unit_set.order_by("urutan")),
            **_pilihan_pegawai(),
        ),
    )


@login_required
def akhiri_pegawai(request, pd: int, pk: int):
    p = _pd_kelola(request, pd)
    x = _pegawai_atau_404(p, pk)
    galat = GalatFormulir()
    nilai = {"selesai": (x.selesai or timezone.localdate()).isoformat(), "alasan": ""}
    if request.method == "POST":
        nilai = {k: request.POST.get(k, "")[:500] for k in ("selesai", "alasan")}
        try:
            services.akhiri_tugas(
                pengguna=request.user, pegawai=x, selesai=nilai["selesai"], alasan=nilai["alasan"]
            )
        except ValidationError as e:
            galat.tambah(e if hasattr(e, "error_dict") else ValidationError({"selesai": e.messages}))
            x.refresh_from_db()
        else:
            messages.success(
                request, f"Penugasan {x.nama} berakhir {x.selesai:%d-%m-%Y}; catatannya tetap tersimpan."
            )
            return redirect("sumberdaya:pegawai", pd=p.pk)
    return render(
        request, "sumberdaya/pegawai_akhiri.html", konteks(p, "pegawai", x=x, galat=galat, nilai=nilai)
    )


@login_required
def riwayat_pegawai(request, pd: int, pk: int):
    p, _ = _pd_baca(request, pd)
    x = _pegawai_atau_404(p, pk)
    return render(
        request,
        "riwayat.html",
        konteks(
            p, "pegawai", objek=str(x), catatan=riwayat(x), kembali=reverse("sumberdaya:pegawai", args=[p.pk])
        ),
    )


@login_required
def tabel_pegawai(request, pd: int):
    p, _ = _pd_baca(request, pd)
    tanggal = _tanggal(request)
    orang = services.hitung_pegawai(pengguna=request.user, pd=p, tanggal=tanggal)
    tercetak = list(RekapPegawai.objects.filter(pd=p).order_by("keadaan", "kelompok", "urutan"))
    keadaan = sorted({r.keadaan for r in tercetak})
    pertama = [r for r in tercetak if r.keadaan == keadaan[0]] if keadaan else []
    return render(
        request,
        "sumberdaya/tabel_pegawai.html",
        konteks(
            p,
            "tabel_pegawai",
            tanggal=tanggal,
            kelompok=susun_tabel(orang, pertama),
            keadaan=keadaan[0] if keadaan else "",
            jumlah_orang=len(orang),
        ),
    )


# --- assets -------------------------------------------------------------------------------------


@login_required
def aset(request, pd: int):
    p, w = _pd_baca(request, pd)
    unit = _unit_pilih(request, p)
    daftar = services.daftar_aset(pengguna=request.user, pd=p, unit=unit)
    per_unit: dict[int, list[Aset]] = {}
    for a in daftar:
        per_unit.setdefault(a.unit_id, []).append(a)
    units = list(p.unit_set.order_by("urutan"))
    tahun = bilangan(request.GET.get("tahun"), bawah=2000, atas=2100)
    return render(
        request,
        "sumberdaya/aset.html",
        konteks(
            p,
            "aset",
            kelompok=[(u, per_unit[u.pk]) for u in units if u.pk in per_unit],
            units=units,
            unit_pilih=unit,
            kelola=w.kelola,
            bagian_tambahan=bagian_aset(p, tahun, request.user, unit),
        ),
    )


@login_required
def tambah_aset(request, pd: int):
    p = _pd_kelola(request, pd)
    units = list(p.unit_set.order_by("urutan"))
    galat = GalatFormulir()
    nilai = {"tanggal": timezone.localdate().isoformat(), "rusak_ringan": "0", "rusak_berat": "0", "unit": ""}
    if request.method == "POST":
        nilai = {
            k: request.POST.get(k, "")[:200] for k in (*MEDAN_ASET, "rusak_ringan", "rusak_berat", "unit")
        }
        uid = id_atau_none(nilai["unit"])
        unit = next((u for u in units if u.pk == uid), None)
        try:
            if unit is None:
                raise ValidationError({"unit": "Pilih unit kerja.", **services.galat_isian_aset(nilai)})
            a = services.tambah_aset(pengguna=request.user, unit=unit, isian=nilai)
        except ValidationError as e:
            galat.tambah(e)
        else:
            messages.success(request, f"{a.jenis_barang} tercatat di {unit.nama}.")
            return redirect(reverse("sumberdaya:aset", args=[p.pk]) + f"?unit={unit.pk}")
    return render(
        request, "sumberdaya/aset_tambah.html", konteks(p, "aset", galat=galat, nilai=nilai, units=units)
    )


@login_required
def kondisi_aset(request, pd: int, pk: int):
    p, w = _pd_baca(request, pd)
    a = get_object_or_404(Aset.objects.select_related("unit__pd__pemda"), pk=pk, unit__pd=p)
    galat = GalatFormulir()
    nilai = {
        "tanggal": timezone.localdate().isoformat(),
        **{
            k: angka.format_angka(getattr(a, k), ribuan=False)
            for k in ("baik", "rusak_ringan", "rusak_berat")
            if getattr(a, k) is not None
        },
    }
    if request.method == "POST":
        wajib(w.kelola, "Hanya administrator perangkat daerah ini yang mencatat kondisi aset.")
        nilai = {k: request.POST.get(k, "")[:300] for k in MEDAN_KONDISI}
        try:
            services.catat_kondisi(pengguna=request.user, aset=a, isian=nilai)
        except ValidationError as e:
            galat.tambah(e)
            a.refresh_from_db()
        else:
            messages.success(request, f"Kondisi {a.jenis_barang} ({a.unit.nama_pendek}) tercatat.")
            return redirect("sumberdaya:kondisi_aset", pd=p.pk, pk=a.pk)
    return render(
        request,
        "sumberdaya/aset_kondisi.html",
        konteks(
            p,
            "aset",
            a=a,
            galat=galat,
            nilai=nilai,
            kelola=w.kelola,
            riwayat_kondisi=services.riwayat_kondisi(pengguna=request.user, aset=a),
        ),
    )
