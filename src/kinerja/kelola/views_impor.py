"""Users of a PD from a CSV file: upload and preview (every error by row), save, and the invitation
links listed once (and downloadable as CSV) for the administrator to send."""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core.tabel import ke_csv
from kinerja.kelola.bersama import UMUR_SESI_TAUTAN, alamat_tautan, konteks, pd_kelola
from kinerja.wilayah import pengguna_csv

SESI_BERKAS = "kelola_impor_pengguna"
SESI_HASIL = "kelola_impor_hasil"


def contoh(pd) -> list[list[str]]:
    """The example file's rows, naming a unit of this PD (its first active kelurahan or section; the
    office when it has no other), so that the example as downloaded imports as it is."""
    units = [u for u in pd.unit_set.filter(aktif=True).order_by("urutan", "nama")]
    unit = next((u for u in units if not u.adalah_kantor), units[0] if units else None)
    return [
        ["nama", "unit", "peran", "email"],
        ["Budi Santoso", unit.nama_pendek if unit else "", "operator", "budi@contoh.go.id"],
        ["Siti Aminah", "", "perencana", "siti@contoh.go.id"],
    ]


def _hasil_sesi(request, pd_id: int) -> dict | None:
    h = request.session.get(SESI_HASIL)
    if not h or h.get("pd") != pd_id or time.time() - h.get("waktu", 0) > UMUR_SESI_TAUTAN:
        return None
    return h


@login_required
def impor(request, pd: int):
    """GET: the upload form; POST: the file read and every row checked (nothing saved yet)."""
    p = pd_kelola(request, pd)
    ctx = konteks(pd=p, aktif="impor", galat_berkas="", pratinjau=None, nama_berkas="", contoh=contoh(p))
    if request.method != "POST":
        return render(request, "kelola/impor.html", ctx)
    berkas = request.FILES.get("berkas")
    if berkas is None:
        ctx["galat_berkas"] = "Pilih berkas CSV berisi kolom nama, unit, peran, email."
        return render(request, "kelola/impor.html", ctx, status=400)
    ctx["nama_berkas"] = (berkas.name or "")[:100]
    try:
        if berkas.size > pengguna_csv.BATAS_BYTE:
            raise pengguna_csv.BerkasDitolak("Berkas lebih dari 1 MB; pecah menjadi beberapa berkas.")
        teks, pengodean = pengguna_csv.dekode(berkas.read())
        pratinjau = pengguna_csv.periksa_csv(pengguna=request.user, pd=p, teks_csv=teks, pengodean=pengodean)
    except pengguna_csv.BerkasDitolak as e:
        ctx["galat_berkas"] = e.pesan
        return render(request, "kelola/impor.html", ctx, status=400)
    ctx["pratinjau"] = pratinjau
    if pratinjau.sah:
        request.session[SESI_BERKAS] = {"pd": p.pk, "teks": teks, "nama": ctx["nama_berkas"]}
    else:
        request.session.pop(SESI_BERKAS, None)
    return render(request, "kelola/impor.html", ctx, status=200 if pratinjau.sah else 400)


@login_required
@require_POST
def simpan(request, pd: int):
    p = pd_kelola(request, pd)
    data = request.session.get(SESI_BERKAS)
    if not data or data.get("pd") != p.pk:
        messages.error(request, "Tidak ada berkas yang menunggu disimpan; unggah berkasnya lagi.")
        return redirect("kelola:impor_pengguna", p.pk)
    try:
        dibuat = pengguna_csv.simpan_csv(
            pengguna=request.user, pd=p, teks_csv=data["teks"], nama_berkas=data.get("nama", "")
        )
    except ValidationError:
        # Something changed since the preview (a username taken meanwhile): check the file again.
        messages.error(
            request, "Berkas tidak lagi lolos pemeriksaan; unggah lagi untuk melihat kesalahannya."
        )
        return redirect("kelola:impor_pengguna", p.pk)
    del request.session[SESI_BERKAS]
    request.session[SESI_HASIL] = {
        "pd": p.pk,
        "waktu": time.time(),
        "baris": [
            [
                d.baris.no,
                d.user.username,
                d.user.first_name,
                d.baris.peran,
                d.baris.lingkup.label,
                alamat_tautan(request, d.token),
            ]
            for d in dibuat
        ],
    }
    messages.success(request, f"{len(dibuat)} pengguna dibuat. Kirim tautan undangan masing-masing.")
    return redirect("kelola:impor_hasil", p.pk)


@login_required
def hasil(request, pd: int):
    p = pd_kelola(request, pd)
    h = _hasil_sesi(request, p.pk)
    if request.method == "POST":
        request.session.pop(SESI_HASIL, None)
        messages.success(request, "Daftar tautan dihapus dari layar ini.")
        return redirect("kelola:pengguna_pd", p.pk)
    return render(request, "kelola/impor_hasil.html", konteks(pd=p, aktif="impor", hasil=h))


@login_required
def unduh(request, pd: int):
    """The created users and their invitation links, as CSV (which holds the links: keep it safe)."""
    p = pd_kelola(request, pd)
    h = _hasil_sesi(request, p.pk)
    if h is None:
        messages.error(
            request, "Daftar tautan sudah tidak tersedia; buat tautan baru di halaman setiap pengguna."
        )
        return redirect("kelola:impor_pengguna", p.pk)
    kepala = ["baris", "nama_pengguna", "nama", "peran", "cakupan", "tautan_undangan"]
    isi = ke_csv([kepala, *h["baris"]])
    jawab = HttpResponse(isi, content_type="text/csv; charset=utf-8")
    jawab["Content-Disposition"] = f'attachment; filename="undangan-{p.slug}.csv"'
    jawab["Cache-Control"] = "no-store"
    return jawab


@login_required
def templat(request, pd: int):
    """An example file with the columns the import reads."""
    p = pd_kelola(request, pd)
    jawab = HttpResponse(ke_csv(contoh(p)), content_type="text/csv; charset=utf-8")
    jawab["Content-Disposition"] = f'attachment; filename="contoh-pengguna-{p.slug}.csv"'
    return jawab
