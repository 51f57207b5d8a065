"""The citizen's home page, each PD's public home, what a PD publishes, and the site's indexes
(``robots.txt``, ``sitemap.xml``, ``/data/``) and the open-data API."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape

from kinerja.portal import api, tembolok
from kinerja.portal.models import BAGIAN
from kinerja.portal.openapi import dokumen_openapi
from kinerja.portal.pd import alamat_pd, daftar_pd_publik, pd_publik, sorotan_pd
from kinerja.portal.services import atur_publikasi
from kinerja.wilayah.izin import cakupan, wajib


def _waktu_versi() -> dt.datetime:
    return dt.datetime.fromtimestamp(tembolok.versi() / 1000, tz=dt.UTC)


@tembolok.publik()
def beranda(request):
    """``/``: the citizens' home; a signed-in user is taken to their own work (``/mulai/``) and
    reaches the portal at ``/publik/``."""
    if request.user.is_authenticated:
        return redirect("beranda")
    return _beranda(request)


@tembolok.publik()
def semua(request):
    """``/publik/``: the same home for everyone, signed in or not."""
    return _beranda(request)


def _beranda(request):
    """The only PD's public home, or the list of PDs that publish (a kota deployment)."""
    daftar = daftar_pd_publik()
    if len(daftar) == 1:
        return _beranda_pd(request, daftar[0])
    return render(
        request,
        "portal/beranda.html",
        {
            "daftar": daftar,
            "judul": "Portal kinerja perangkat daerah",
            "deskripsi": "Rencana, kinerja terverifikasi, anggaran, layanan dan pengaduan perangkat daerah, "
            "terbuka tanpa masuk.",
        },
    )


@tembolok.publik()
def beranda_pd(request, pemda: str, pd: str):
    return _beranda_pd(request, pd_publik(pemda, pd))


def _beranda_pd(request, pd):
    return render(
        request,
        "portal/beranda_pd.html",
        {
            "ppd": pd,
            "sorotan": sorotan_pd(pd),
            "bagian_aktif": "beranda",
            "jumlah_kelurahan": pd.unit_set.filter(jenis__in=("kelurahan", "desa"), aktif=True).count(),
            "judul": "Beranda",
            "deskripsi": f"{pd.nama}, {pd.pemda.nama}: layanan dan persyaratannya, survei kepuasan, pengaduan, "
            "serta rencana, kinerja dan anggaran yang terbuka untuk warga.",
        },
    )


@login_required
def atur(request, pemda: str, pd: str):
    """What this PD publishes, section by section (its admin decides)."""
    obj = pd_publik(pemda, pd)
    wajib(
        cakupan(request.user).kelola_pd(obj.pk),
        "Hanya administrator perangkat daerah ini yang mengatur publikasi.",
    )
    if request.method == "POST":
        atur_publikasi(
            pengguna=request.user, pd=obj, terbuka={k: request.POST.get(k) == "1" for k, _ in BAGIAN}
        )
        messages.success(request, "Pengaturan publikasi disimpan.")
        return redirect("publik:atur", pemda, pd)
    return render(
        request,
        "portal/atur.html",
        {
            "ppd": obj,
            "pilihan": [(k, label, obj.terbuka[k]) for k, label in BAGIAN],
            "judul": "Pengaturan portal publik",
            "deskripsi": "Bagian portal publik yang diterbitkan perangkat daerah ini.",
        },
    )


def robots(request):
    peta = request.build_absolute_uri(reverse("publik:sitemap"))
    teks = "User-agent: *\nDisallow: /masuk/\nDisallow: /admin/\nDisallow: /mulai/\n\nSitemap: " + peta + "\n"
    return HttpResponse(teks, content_type="text/plain; charset=utf-8")


@tembolok.publik()
def sitemap(request):
    """Every public page of every publishing PD (the same list the privacy test scans)."""
    alamat = [reverse("publik:beranda"), reverse("publik:data")]
    for pd in daftar_pd_publik():
        alamat.extend(a for a in alamat_pd(pd) if not a.split("?", 1)[0].endswith((".csv", ".xlsx")))
    tanggal = _waktu_versi().date().isoformat()
    isi = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for a in dict.fromkeys(alamat):
        isi.append(
            f"<url><loc>{escape(request.build_absolute_uri(a))}</loc><lastmod>{tanggal}</lastmod></url>"
        )
    isi.append("</urlset>")
    return HttpResponse("\n".join(isi), content_type="application/xml; charset=utf-8")


@tembolok.publik()
def data(request):
    """``/data/``: each dataset explained, with its addresses per PD, update time and licence."""
    daftar = daftar_pd_publik()
    return render(
        request,
        "portal/data.html",
        {
            "datasets": api.daftar(),
            "terbit": {d.kunci for d in api.daftar() if any(p.terbuka.get(d.bagian) for p in daftar)},
            "daftar_pd": daftar,
            "diperbarui": _waktu_versi(),
            "lisensi": api.LISENSI,
            "lisensi_url": api.LISENSI_URL,
            "judul": "Data terbuka",
            "deskripsi": "Dataset rencana, kinerja terverifikasi, anggaran, IKM dan pengaduan sebagai CSV, XLSX dan API JSON.",
        },
    )


# --- the API --------------------------------------------------------------------------------------


def _json(isi, status: int = 200) -> JsonResponse:
    return JsonResponse(isi, status=status, json_dumps_params={"ensure_ascii": False})


@tembolok.publik(api=True)
def api_indeks(request):
    return _json(
        {
            "nama": "Data terbuka Kinerja",
            "versi": "1",
            "openapi": request.build_absolute_uri(reverse("publik:openapi")),
            "perangkat_daerah": request.build_absolute_uri(reverse("publik:api_pd")),
            "dataset": [
                {"kunci": d.kunci, "judul": d.judul, "keterangan": d.keterangan} for d in api.daftar()
            ],
            "lisensi": api.LISENSI,
        }
    )


@tembolok.publik(api=True)
def api_pd(request):
    baris = []
    for pd in daftar_pd_publik():
        baris.append(
            {
                "pemda": pd.pemda.slug,
                "pemda_nama": pd.pemda.nama,
                "pd": pd.slug,
                "nama": pd.nama,
                "dataset": {
                    d.kunci: request.build_absolute_uri(
                        reverse("publik:api_dataset", args=[pd.pemda.slug, pd.slug, d.kunci])
                    )
                    for d in api.daftar()
                    if pd.terbuka.get(d.bagian)
                },
            }
        )
    try:
        return _json(api.halaman(baris, request))
    except api.GalatParameter as e:
        return _json({"galat": str(e)}, 400)


@tembolok.publik(api=True)
def api_dataset(request, pemda: str, pd: str, kunci: str):
    ds = api.ambil(kunci)
    if ds is None:
        return _json({"galat": f"Dataset {kunci[:40]!r} tidak ada. Daftar dataset: /api/v1/."}, 404)
    try:
        obj = pd_publik(pemda, pd, ds.bagian)
    except Http404 as e:
        return _json({"galat": str(e) or "Perangkat daerah tidak ditemukan."}, 404)
    try:
        return _json(api.halaman(ds.baris(obj, request), request))
    except api.GalatParameter as e:
        return _json({"galat": str(e)}, 400)


@tembolok.publik(api=True)
def openapi(request):
    return _json(dokumen_openapi(request))
