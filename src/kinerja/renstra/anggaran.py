"""The appropriated budget (APBD) of sub kegiatan: which record of a year is in force.

An APBD perubahan, once entered for a sub kegiatan × lokasi × year, replaces the murni figure of
that cell; cells without a perubahan keep their murni figure. Reports that speak of anggaran read
it through :func:`anggaran_berlaku` so they all take the same figure.
"""

from __future__ import annotations

from collections.abc import Iterable

from kinerja.renstra.models import Anggaran


def anggaran_berlaku(node_ids: Iterable[int], tahun: int) -> dict[tuple[int, int | None], Anggaran]:
    """The APBD record in force per (node id, lokasi id) for ``tahun``: perubahan over murni."""
    hasil: dict[tuple[int, int | None], Anggaran] = {}
    for a in Anggaran.objects.filter(node_id__in=list(node_ids), tahun=tahun).order_by("tahap"):
        kunci = (a.node_id, a.lokasi_id)
        if kunci not in hasil or a.tahap == Anggaran.Tahap.PERUBAHAN:
            hasil[kunci] = a
    return hasil
