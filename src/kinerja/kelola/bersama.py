"""What the administration pages share: finding the pemda or PD of an address and checking that the
user administers it, the page context, a refused form's errors, and a one-time link shown once."""

from __future__ import annotations

import time

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse

from kinerja.core.galat_formulir import GalatFormulir
from kinerja.wilayah.izin import cakupan, wajib
from kinerja.wilayah.models import Pemda, PerangkatDaerah
from kinerja.wilayah.views import pd_atau_404

TOLAK_PEMDA = "Halaman ini hanya untuk administrator pemerintah daerah ini."
TOLAK_PD = "Halaman ini hanya untuk administrator perangkat daerah ini atau pemerintah daerahnya."
SESI_TAUTAN = "kelola_tautan"
UMUR_SESI_TAUTAN = 3600  # a link waits in the session this long for the administrator to copy it


def pemda_kelola(request, slug: str) -> Pemda:
    pemda = get_object_or_404(Pemda, slug=slug[:60])
    wajib(cakupan(request.user).kelola_pemda(pemda.pk), TOLAK_PEMDA)
    return pemda


def pd_kelola(request, pd_id: int) -> PerangkatDaerah:
    pd = pd_atau_404(pd_id)
    wajib(cakupan(request.user).kelola_pd(pd.pk), TOLAK_PD)
    return pd


def konteks(
    *, pd: PerangkatDaerah | None = None, pemda: Pemda | None = None, aktif: str = "", **lain
) -> dict:
    """The page context; ``bagian`` 'kelola' draws the administration menu (``kelola/_menu.html``)."""
    return {
        "pd": pd,
        "pemda": pemda or (pd.pemda if pd else None),
        "aktif": aktif,
        "bagian": "kelola",
        **lain,
    }


def galat_dari(e: ValidationError, galat: GalatFormulir | None = None) -> GalatFormulir:
    return (galat if galat is not None else GalatFormulir()).tambah(e)


def nilai_post(request, medan: tuple[str, ...], panjang: int = 500) -> dict[str, str]:
    """The typed values of a form (cut at a generous length: the service names what is too long)."""
    return {k: request.POST.get(k, "")[:panjang] for k in medan}


def alamat_tautan(request, token: str) -> str:
    return request.build_absolute_uri(reverse("kelola:undangan", args=[token]))


def simpan_tautan(request, user, token: str, jenis: str) -> None:
    """Keep a new link for the user's page to show once (the database holds only its hash)."""
    request.session[SESI_TAUTAN] = {
        "user": user.pk,
        "alamat": alamat_tautan(request, token),
        "jenis": jenis,
        "waktu": time.time(),
    }


def ambil_tautan(request, user) -> dict | None:
    """The link kept for this user's page, taken out of the session: shown this once."""
    t = request.session.get(SESI_TAUTAN)
    if not t or t.get("user") != user.pk:
        return None
    del request.session[SESI_TAUTAN]
    return t if time.time() - t.get("waktu", 0) <= UMUR_SESI_TAUTAN else None
