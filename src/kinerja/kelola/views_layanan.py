"""Service standards per unit: list, create, edit with numbered versions, compare, show or hide.

Who: the PD's administrator and the pemda's administrator write (``Cakupan.kelola_pd``); whoever
reads the whole PD (its perencana, Camat, Bappeda's verifikator) reads the list, the versions and
their differences — the standards are public texts, and a planner drafting a revision needs the
history — but sees no form.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kinerja.core.galat_formulir import GalatFormulir
from kinerja.core.parameter import bilangan, id_atau_none
from kinerja.layanan import services
from kinerja.layanan.models import JenisLayanan
from kinerja.layanan.standar import DAFTAR, LABEL, MEDAN, baca_isian, beda, isi_dari
from kinerja.wilayah.izin import Cakupan, cakupan, wajib
from kinerja.wilayah.models import PerangkatDaerah, Unit
from kinerja.wilayah.views import pd_atau_404

S = JenisLayanan.SatuanWaktu


def konteks(p: PerangkatDaerah, aktif: str, **lain) -> dict:
    """The layout of the service pages: the PD's service menu, this page marked."""
    return {"pd": p, "pemda": p.pemda, "bagian": "layanan", "aktif": aktif, **lain}


def pd_baca(request, pd: int, apa: str = "standar pelayanan") -> tuple[PerangkatDaerah, Cakupan]:
    p = pd_atau_404(pd)
    c = cakupan(request.user)
    wajib(
        c.baca_pd(p.pk),
        f"Halaman {apa} {p.nama} dibuka oleh administrator, perencana dan pimpinan perangkat daerah ini.",
    )
    return p, c


def pd_kelola(request, pd: int, apa: str = "standar pelayanan") -> PerangkatDaerah:
    p, c = pd_baca(request, pd, apa)
    wajib(c.kelola_pd(p.pk), f"Hanya administrator {p.nama} (atau pemdanya) yang mengubah {apa}.")
    return p


def tampil_isi(isi: dict) -> dict:
    """A version's content for the page: requirements and steps as lists."""
    return {
        **isi,
        **{f"daftar_{m}": [b for b in str(isi.get(m) or "").split("\n") if b.strip()] for m in DAFTAR},
    }


def _jenis_atau_404(p: PerangkatDaerah, pk: int) -> JenisLayanan:
    return get_object_or_404(JenisLayanan.objects.select_related("unit__pd"), pk=pk, unit__pd=p)


@login_required
def daftar(request, pd: int):
    p, c = pd_baca(request, pd)
    units = list(p.unit_set.order_by("urutan", "nama"))
    jenis = list(
        JenisLayanan.objects.filter(unit__pd=p)
        .annotate(n_versi=Count("versi_set"))
        .order_by("unit__urutan", "urutan", "nama")
    )
    pakai = services.pemakai_standar(pengguna=request.user, jenis_ids=[j.pk for j in jenis])
    for j in jenis:
        j.pakai = pakai.get(j.pk, {})
    pilih = _saring_unit(request, units)
    per_unit = [(u, [j for j in jenis if j.unit_id == u.pk]) for u in (pilih or units)]
    return render(
        request,
        "kelola/layanan/daftar.html",
        konteks(
            p,
            "kelola_standar",
            units=units,
            unit_pilih=pilih[0] if pilih else None,
            per_unit=[(u, d) for u, d in per_unit if d or pilih],
            tanpa_standar=[u for u, d in per_unit if not d and not pilih],
            jumlah=len(jenis),
            tersembunyi=sum(1 for j in jenis if not j.tampil_publik),
            kelola=c.kelola_pd(p.pk),
        ),
    )


def _saring_unit(request, units: list[Unit]) -> list[Unit]:
    """The unit of ``?unit=`` (empty: every unit); an unknown one says so and shows every unit."""
    teks = (request.GET.get("unit") or "").strip()
    if not teks:
        return []
    pilih = [u for u in units if u.pk == id_atau_none(teks)]
    if not pilih:
        messages.warning(
            request, f"Unit “{teks[:20]}” tidak ada di perangkat daerah ini; ditampilkan semua unit."
        )
    return pilih


def _isian(request) -> dict:
    return {m: request.POST.get(m, "")[:12000] for m in (*MEDAN, "alasan", "unit", "dasar_versi")}


def _render_isian(request, p, *, galat, nilai, units=None, j=None, versi=0):
    return render(
        request,
        "kelola/layanan/isian.html",
        konteks(
            p,
            "kelola_standar",
            j=j,
            units=units,
            nilai=nilai,
            galat=galat,
            versi_kini=versi,
            label=LABEL,
            pilihan_satuan=S.choices,
        ),
        status=400 if galat else 200,
    )


@login_required
def tambah(request, pd: int):
    p = pd_kelola(request, pd)
    units = list(p.unit_set.order_by("urutan", "nama"))  # a deactivated one is refused by the service
    galat = GalatFormulir()
    nilai = {
        "unit": request.GET.get("unit", "")[:20],
        "satuan_waktu": S.HARI_KERJA,
        "biaya": "Tidak dipungut biaya (gratis)",
    }
    if request.method == "POST":
        nilai = _isian(request)
        unit = next((u for u in units if str(u.pk) == nilai["unit"]), None)
        if unit is None:
            galat.tambah("Pilih unit yang memberikan layanan ini.", "unit")
            try:  # every other problem is listed too
                baca_isian(nilai)
            except ValidationError as e:
                galat.tambah(e)
        else:
            try:
                j, _ = services.simpan_standar(pengguna=request.user, unit=unit, isian=nilai)
            except ValidationError as e:
                galat.tambah(e)
            else:
                messages.success(
                    request,
                    f"Standar “{j.nama}” dibuat di {unit.nama} (versi 1) dan tampil di katalog publik.",
                )
                return redirect("kelola:layanan_ubah", pd=p.pk, pk=j.pk)
    return _render_isian(request, p, galat=galat, nilai=nilai, units=[u for u in units if u.aktif])


@login_required
def ubah(request, pd: int, pk: int):
    p, c = pd_baca(request, pd)
    j = _jenis_atau_404(p, pk)
    versi = j.versi_set.order_by("-nomor").values_list("nomor", flat=True).first() or 0
    galat, nilai = GalatFormulir(), {**isi_dari(j), "dasar_versi": str(versi)}
    if request.method == "POST":
        wajib(
            c.kelola_pd(p.pk),
            f"Hanya administrator {p.nama} (atau pemdanya) yang mengubah standar pelayanan.",
        )
        nilai = _isian(request)
        try:
            _, berubah = services.simpan_standar(
                pengguna=request.user,
                unit=j.unit,
                jenis=j,
                isian=nilai,
                alasan=nilai["alasan"],
                dasar_versi=bilangan(nilai["dasar_versi"], bawah=0, atas=10**9),
            )
        except ValidationError as e:
            galat.tambah(e)
        else:
            j.refresh_from_db()
            if berubah:
                n = j.versi_set.order_by("-nomor").values_list("nomor", flat=True).first()
                messages.success(
                    request,
                    f"Standar “{j.nama}” disimpan sebagai versi {n}; isi sebelumnya tetap di riwayat versi.",
                )
            else:
                messages.info(request, "Tidak ada yang berubah: tidak ada versi baru.")
            return redirect("kelola:layanan_ubah", pd=p.pk, pk=j.pk)
    j.pakai = services.pemakai_standar(pengguna=request.user, jenis_ids=[j.pk]).get(j.pk, {})
    if not c.kelola_pd(p.pk):
        return render(
            request,
            "kelola/layanan/lihat.html",
            konteks(
                p,
                "kelola_standar",
                j=j,
                versi_kini=versi,
                isi=tampil_isi(isi_dari(j)),
                satuan=dict(S.choices),
            ),
        )
    return _render_isian(request, p, galat=galat, nilai=nilai, j=j, versi=versi)


_AKSI_STATUS = {
    "sembunyikan": ({"publik": False}, "“{}” disembunyikan dari katalog publik, portal dan pilihan survei."),
    "tampilkan": ({"publik": True}, "“{}” tampil lagi di katalog publik, portal dan pilihan survei."),
    "nonaktifkan": (
        {"aktif": False},
        "“{}” dinonaktifkan: tidak lagi di loket maupun halaman publik; catatannya tetap.",
    ),
    "aktifkan": ({"aktif": True}, "“{}” aktif lagi."),
}


@login_required
@require_POST
def status(request, pd: int, pk: int):
    p = pd_kelola(request, pd)
    j = _jenis_atau_404(p, pk)
    aksi = request.POST.get("aksi", "")
    if aksi == "hapus":
        try:
            services.hapus_standar(pengguna=request.user, jenis=j)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            return redirect("kelola:layanan_ubah", pd=p.pk, pk=j.pk)
        messages.success(request, f"Standar “{j.nama}” dihapus (belum pernah dipakai).")
        return redirect("kelola:layanan", pd=p.pk)
    wajib(aksi in _AKSI_STATUS, "Tindakan ini tidak dikenal.")
    ubahan, pesan = _AKSI_STATUS[aksi]
    services.atur_standar(pengguna=request.user, jenis=j, **ubahan)
    messages.success(request, pesan.format(j.nama))
    return redirect("kelola:layanan_ubah", pd=p.pk, pk=j.pk)


def _pilih_versi(teks: str | None, ada: list[int], bawaan: int | None) -> tuple[int | None, bool]:
    """A version number from the address, when it exists; (default, False) otherwise."""
    if not (teks or "").strip():
        return bawaan, True
    n = bilangan(teks, bawah=1, atas=10**9)
    return (n, True) if n in ada else (bawaan, False)


@login_required
def versi(request, pd: int, pk: int):
    p, c = pd_baca(request, pd)
    j = _jenis_atau_404(p, pk)
    daftar_versi = list(j.versi_set.select_related("pengguna").order_by("-nomor"))
    nomor = [v.nomor for v in daftar_versi]
    akhir_bawaan = nomor[0] if nomor else None
    b, b_sah = _pilih_versi(request.GET.get("ke"), nomor, akhir_bawaan)
    a, a_sah = _pilih_versi(request.GET.get("dari"), nomor, nomor[1] if len(nomor) > 1 else akhir_bawaan)
    lihat, lihat_sah = _pilih_versi(request.GET.get("lihat"), nomor, None)
    if not (a_sah and b_sah and lihat_sah):
        messages.warning(
            request, "Nomor versi di alamat tidak ada; ditampilkan perbandingan dua versi terakhir."
        )
    per_nomor = {v.nomor: v for v in daftar_versi}
    va, vb = per_nomor.get(a), per_nomor.get(b)
    return render(
        request,
        "kelola/layanan/versi.html",
        konteks(
            p,
            "kelola_standar",
            j=j,
            daftar_versi=daftar_versi,
            va=va,
            vb=vb,
            perbedaan=beda(va.isi, vb.isi) if va and vb and va != vb else [],
            lihat=per_nomor.get(lihat),
            isi_lihat=tampil_isi(per_nomor[lihat].isi) if lihat in per_nomor else None,
            label=LABEL,
            medan=MEDAN,
            satuan=dict(S.choices),
            kelola=c.kelola_pd(p.pk),
        ),
    )


def unit_pd(p: PerangkatDaerah, teks: str | None) -> Unit | None:
    """A unit of this PD from a form's value (None for anything else: another PD's unit, letters)."""
    n = id_atau_none(teks)
    return p.unit_set.filter(pk=n).first() if n else None
