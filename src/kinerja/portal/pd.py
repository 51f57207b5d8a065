"""Which PDs and sections are public, and the PD of a public address."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404

from kinerja.core.models import PemdaDemo
from kinerja.portal.models import BAGIAN, Publikasi
from kinerja.wilayah.models import PerangkatDaerah

SEMUA_TERBUKA = {k: True for k, _ in BAGIAN}


def bagian_terbuka(pd: PerangkatDaerah) -> dict[str, bool]:
    """Section → published, for one PD (every section when its admin has decided nothing)."""
    try:
        return pd.publikasi.terbuka()
    except Publikasi.DoesNotExist:
        return dict(SEMUA_TERBUKA)


def pd_publik(pemda_slug: str, pd_slug: str, bagian: str | None = None) -> PerangkatDaerah:
    """The PD of a public address, with ``pd.terbuka`` (section → published); 404 when there is no
    such PD or ``bagian`` is a section it does not publish."""
    pd = (
        PerangkatDaerah.objects.select_related("pemda", "publikasi")
        .filter(pemda__slug=pemda_slug, slug=pd_slug)
        .first()
    )
    if pd is None:
        raise Http404(
            f"Perangkat daerah “{pd_slug[:60]}” dari pemda “{pemda_slug[:60]}” tidak ada di portal ini."
        )
    pd.terbuka = bagian_terbuka(pd)
    pd.demo = PemdaDemo.objects.filter(pemda_id=pd.pemda_id).exists()
    if bagian is not None and not pd.terbuka.get(bagian, False):
        label = dict(BAGIAN)[bagian]
        raise Http404(f"{pd.nama} tidak menerbitkan bagian {label} di portal publik.")
    return pd


def daftar_pd_publik() -> list[PerangkatDaerah]:
    """Every PD with at least one published section, by pemda and name."""
    hasil = []
    demo = set(PemdaDemo.objects.values_list("pemda_id", flat=True))
    for pd in PerangkatDaerah.objects.select_related("pemda", "publikasi").order_by("pemda__nama", "nama"):
        pd.terbuka = bagian_terbuka(pd)
        pd.demo = pd.pemda_id in demo
        if any(pd.terbuka.values()):
            hasil.append(pd)
    return hasil


@dataclass(frozen=True)
class Sorotan:
    """One headline figure on a PD's public home page (e.g. "IKM 2022: 86,43 — Baik")."""

    label: str
    nilai: str
    keterangan: str = ""
    tautan: str = ""


# section → function(pd) returning that section's headline figures; registered by each section's
# data module (imported by ``portal.datasets``).
_SOROTAN: dict[str, Callable[[PerangkatDaerah], list[Sorotan]]] = {}


# Results first: what the plan achieved and how services are rated, then money, then the region.
URUTAN_SOROTAN = ("kinerja", "layanan", "pengaduan", "anggaran", "rtkeren", "profil")


def daftarkan_sorotan(bagian: str, fungsi: Callable[[PerangkatDaerah], list[Sorotan]]) -> None:
    _SOROTAN[bagian] = fungsi


def sorotan_pd(pd: PerangkatDaerah) -> list[Sorotan]:
    """The headline figures of every published section, in menu order."""
    from kinerja.portal import datasets  # noqa: F401  (registers the sections' headlines)

    hasil: list[Sorotan] = []
    for k in URUTAN_SOROTAN:
        if pd.terbuka.get(k) and k in _SOROTAN:
            hasil.extend(_SOROTAN[k](pd))
    return hasil


# section → function(pd) returning every public address of that section for one PD: its pages
# (each kelurahan's, each service's …) and downloads (.csv / .xlsx). The sitemap lists the pages;
# the privacy test fetches all of them.
_ALAMAT: dict[str, Callable[[PerangkatDaerah], list[str]]] = {}


def daftarkan_alamat(bagian: str, fungsi: Callable[[PerangkatDaerah], list[str]]) -> None:
    _ALAMAT[bagian] = fungsi


def alamat_pd(pd: PerangkatDaerah) -> list[str]:
    """Every public address of one PD: its home and each published section's pages and downloads."""
    from django.urls import reverse

    from kinerja.portal import datasets  # noqa: F401  (registers the sections' addresses)

    hasil = [reverse("publik:beranda_pd", args=[pd.pemda.slug, pd.slug])]
    for k, _label in BAGIAN:
        if pd.terbuka.get(k) and k in _ALAMAT:
            hasil.extend(_ALAMAT[k](pd))
    return hasil
