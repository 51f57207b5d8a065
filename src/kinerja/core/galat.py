"""Error pages people understand: Indonesian, in the site layout, with the reason and a way back.

400, 403, 404 and a refused form (CSRF) are rendered in ``base.html`` with the request's
context, so the user keeps the header and knows who is signed in.  The 500 page is rendered
without the request's context (no session, no database), so it still shows when the database
is what failed.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme

log = logging.getLogger(__name__)

# Django's own English messages (get_object_or_404 and the like) name models, not reasons.
_PESAN_DJANGO = re.compile(
    r"^(No .+ matches the given query\.|No .+ found matching the query|Invalid page.*|Page not found.*)$",
    re.DOTALL,
)
_CADANGAN_500 = (
    '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Terjadi gangguan · Kinerja</title>'
    "</head><body><h1>Terjadi gangguan pada server</h1><p>Permintaan Anda belum dapat diselesaikan. "
    "Coba lagi beberapa saat lagi; bila tetap gagal, hubungi pengelola Kinerja.</p>"
    '<p><a href="/">Ke beranda</a></p></body></html>'
)


def alamat_kembali(request) -> str:
    """The previous page, when it is on this site and not the page that failed; else ''."""
    rujukan = request.META.get("HTTP_REFERER", "")
    if not rujukan:
        return ""
    try:
        host = request.get_host()
    except DisallowedHost:
        return ""
    if not url_has_allowed_host_and_scheme(rujukan, allowed_hosts={host}, require_https=request.is_secure()):
        return ""
    bagian = urlsplit(rujukan)
    if bagian.path == request.path and bagian.query == request.META.get("QUERY_STRING", ""):
        return ""
    return rujukan


def alasan(exception) -> str:
    """The message the application raised for users; empty for Django's own messages."""
    pesan = exception.args[0] if exception is not None and exception.args else ""
    if not isinstance(pesan, str):
        return ""  # the resolver's 404 carries a dict of the patterns it tried
    pesan = pesan.strip()
    if not pesan or len(pesan) > 500 or _PESAN_DJANGO.match(pesan):
        return ""
    return pesan


def _halaman(request, status: int, judul: str, penjelasan: str, alasan_: str = "") -> HttpResponse:
    return render(
        request,
        "galat.html",
        {
            "kode": status,
            "judul": judul,
            "penjelasan": penjelasan,
            "alasan": alasan_,
            "kembali": alamat_kembali(request),
        },
        status=status,
    )


def permintaan_buruk(request, exception=None):
    # The reason of a 400 (a forged host, a broken upload) is technical: not shown.
    return _halaman(
        request,
        400,
        "Permintaan tidak dapat diproses",
        "Alamat atau isian yang dikirim tidak dapat dibaca. Periksa alamatnya, atau kembali lalu coba lagi.",
    )


def dilarang(request, exception=None):
    return _halaman(
        request,
        403,
        "Anda tidak berwenang membuka halaman ini",
        "Halaman ini hanya untuk pengguna dengan peran tertentu. Bila Anda memerlukannya, minta peran itu "
        "kepada administrator, atau masuk dengan akun yang mempunyai peran tersebut.",
        alasan(exception),
    )


def tidak_ditemukan(request, exception=None):
    return _halaman(
        request,
        404,
        "Halaman tidak ditemukan",
        "Alamat ini tidak menunjuk ke data yang ada: mungkin salah ketik, datanya sudah dihapus, atau "
        "tahun/triwulan/unit di alamat tidak dikenal.",
        alasan(exception),
    )


def csrf_gagal(request, reason: str = ""):
    """A form refused by the CSRF check (an old page, or cookies switched off)."""
    return _halaman(
        request,
        403,
        "Formulir tidak dapat diterima",
        "Kunci keamanan formulir ini sudah kedaluwarsa atau tidak ada — biasanya karena halaman dibuka "
        "terlalu lama, Anda keluar lalu masuk lagi di tab lain, atau cookie peramban dimatikan. Tidak ada "
        "yang tersimpan. Kembali ke halaman sebelumnya (isian Anda biasanya masih ada), muat ulang "
        "halaman itu, lalu kirim lagi.",
    )


def galat_server(request):
    """500: rendered without the request's context, so no session or database is needed."""
    try:
        isi = loader.get_template("500.html").render({"kembali": alamat_kembali(request)})
    except Exception:  # the page that reports a failure must not fail itself
        log.exception("Halaman 500 tidak dapat dibuat")
        isi = _CADANGAN_500
    return HttpResponse(isi, status=500)


def metode_salah(request) -> HttpResponse:
    """405: an address that only receives a form, opened directly (after a reload or a bookmark)."""
    return _halaman(
        request,
        405,
        "Alamat ini hanya untuk mengirim formulir",
        "Halaman ini tidak dibuka langsung: ia menerima isian dari tombol di halaman lain (simpan, keluar, "
        "tandai, ajukan). Tidak ada yang tersimpan karena membuka alamat ini. Kembali ke halaman sebelumnya, "
        "lalu pakai tombolnya.",
    )


class HalamanGalatMetode:
    """Middleware: Django answers a GET to a POST-only view with an empty 405; show a page instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            halaman = metode_salah(request)
            if response.has_header("Allow"):
                halaman["Allow"] = response["Allow"]
            return halaman
        return response


def terlalu_sering(request, alasan_: str, *, tunggu: int = 60) -> HttpResponse:
    """429: too many submissions or look-ups from one sender in a short time."""
    from kinerja.core.batas import pesan_tunggu

    jawab = _halaman(
        request,
        429,
        "Terlalu banyak permintaan",
        "Dari alamat atau tautan ini datang terlalu banyak kiriman dalam waktu singkat, jadi untuk sementara "
        f"ditolak. Tidak ada yang tersimpan dari permintaan ini. {pesan_tunggu(tunggu)}",
        alasan_,
    )
    jawab["Retry-After"] = str(tunggu)
    return jawab


def terlalu_besar(request, alasan_: str) -> HttpResponse:
    """413: a public upload larger than allowed, refused before it is read."""
    return _halaman(
        request,
        413,
        "Kiriman terlalu besar",
        "Kiriman ini melebihi batas ukuran, jadi tidak dibaca dan tidak ada yang tersimpan. Kembali ke "
        "halaman sebelumnya (isian Anda biasanya masih ada), lepaskan lampiran yang besar atau perkecil "
        "ukurannya, lalu kirim lagi.",
        alasan_,
    )
