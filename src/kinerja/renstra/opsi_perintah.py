"""Options shared by the commands: choosing a PD and a plan version."""

from __future__ import annotations

from django.core.management.base import CommandError

from kinerja.renstra.models import RenstraVersi
from kinerja.renstra.selectors import versi_utama
from kinerja.wilayah.models import PerangkatDaerah


class Galat(CommandError):
    """A refusal of a command; Django prints the class name before the message, so it is Indonesian."""


# The one rule every page and command follows for "the current version" (``selectors.versi_utama``).
ATURAN_VERSI_UTAMA = (
    "versi yang berlaku PD itu — versi ditetapkan terbaru; bila tidak ada, versi final terbaru; bila tidak "
    "ada juga, draf terbaru; sama dengan yang dipakai halaman-halaman"
)


def tambah_opsi_versi(parser) -> None:
    parser.add_argument(
        "--pd",
        help="slug perangkat daerah (bawaan: satu-satunya PD; pada basis data demonstrasi, PD contoh; selain itu wajib)",
    )
    parser.add_argument("--versi", type=int, help=f"nomor (id) versi Renstra (bawaan: {ATURAN_VERSI_UTAMA})")


def pilih_pd(slug: str | None) -> PerangkatDaerah:
    qs = PerangkatDaerah.objects.select_related("pemda")
    if slug:
        pd = qs.filter(slug=slug).first()
        if pd is None:
            pilihan = ", ".join(qs.values_list("slug", flat=True)[:20])
            raise Galat(f"Perangkat daerah '{slug}' tidak ada. Pilihan: {pilihan}")
        return pd
    return _pd_bawaan(qs)


def _pd_bawaan(qs) -> PerangkatDaerah:
    """Without --pd: the only PD; on a demonstration database (every PD in a demonstration pemda), the
    sample PD (the first); never a guess among real PDs."""
    from kinerja.core.models import PemdaDemo

    semua = list(qs.order_by("id")[:2])
    if not semua:
        raise Galat("Belum ada perangkat daerah di basis data.")
    if len(semua) == 1:
        return semua[0]
    sungguhan = qs.exclude(pemda_id__in=PemdaDemo.objects.values("pemda_id")).order_by("nama")
    if not sungguhan.exists():
        return semua[0]
    jumlah = qs.count()
    pilihan = ", ".join(qs.order_by("nama").values_list("slug", flat=True)[:20])
    raise Galat(
        f"Basis data ini berisi {jumlah} perangkat daerah: sebutkan yang dimaksud dengan --pd SLUG "
        f"(tidak ditebak). Pilihan: {pilihan}{' …' if jumlah > 20 else ''}"
    )


def pilih_versi(opsi: dict) -> RenstraVersi:
    if opsi.get("versi"):
        v = RenstraVersi.objects.select_related("pd__pemda", "rpjmd").filter(pk=opsi["versi"]).first()
        if v is None:
            raise Galat(f"Versi Renstra {opsi['versi']} tidak ada.")
        return v
    pd = pilih_pd(opsi.get("pd"))
    # The same version the pages use; a Renja is chosen only by its number.
    v = versi_utama(pd)
    if v is None:
        raise Galat(f"{pd} belum mempunyai Renstra.")
    return v
