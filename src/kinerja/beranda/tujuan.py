"""Where a user lands after logging in (and at ``/``): on the work their roles give them.

One function decides, from the roles alone; the pages it points to find the current
version, year and quarter themselves. When a user holds several roles the first that
applies wins, in this order:

1. administrator (superuser, or a role of kind admin) → the administration page;
2. Bappeda (verifikator over a whole pemda) → the page of every PD of the pemda (``/kota/``);
3. verifies reports (perencana, verifikator of a PD) → the reports awaiting verification;
   the Inspektorat (evaluator SAKIP) → the list of SAKIP evaluations;
4. pimpinan of a PD (Camat) → the PD's capaian this year, with the PK awaiting signature;
5. pimpinan of a unit (Lurah) → that unit's capaian;
6. operator → the unit's entry page for the quarter to fill now;
7. anything else (or roles in several PDs) → the list of the user's PDs.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from kinerja.core.models import Peran
from kinerja.wilayah.izin import Cakupan, cakupan

J = Peran.Jenis

ADMIN = "admin"
KOTA = "kota"
VERIFIKASI = "verifikasi"
PIMPINAN_PD = "pimpinan_pd"
PIMPINAN_UNIT = "pimpinan_unit"
OPERATOR = "operator"
DAFTAR_PD = "daftar_pd"
INSPEKTORAT = "inspektorat"


@dataclass(frozen=True)
class Tujuan:
    jenis: str
    pd_id: int | None = None
    unit_id: int | None = None


def tujuan_beranda(c: Cakupan) -> Tujuan:
    """The kind of landing page for a user's scope (see the module's docstring for the order)."""
    if c.admin:
        return Tujuan(ADMIN)
    if c.pemda_verifikasi:
        return Tujuan(KOTA)
    if c.pd_verifikasi:
        return Tujuan(VERIFIKASI)
    if c.pd_inspeksi:
        return Tujuan(INSPEKTORAT)
    if len(c.pd_pk) == 1:
        return Tujuan(PIMPINAN_PD, pd_id=next(iter(c.pd_pk)))
    if c.pd_pk:
        return Tujuan(DAFTAR_PD)
    for p in c.peran:
        if p.jenis == J.PIMPINAN and p.unit_id:
            # The pimpinan of the PD's own office reads the whole PD, like a Camat.
            if c.baca_pd(p.unit.pd_id):
                return Tujuan(PIMPINAN_PD, pd_id=p.unit.pd_id)
            return Tujuan(PIMPINAN_UNIT, pd_id=p.unit.pd_id, unit_id=p.unit_id)
    for p in c.peran:
        if p.jenis == J.OPERATOR and p.unit_id:
            return Tujuan(OPERATOR, pd_id=p.unit.pd_id, unit_id=p.unit_id)
    return Tujuan(DAFTAR_PD)


def alamat_beranda(user) -> str:
    """The URL a user lands on."""
    t = tujuan_beranda(cakupan(user))
    if t.jenis == ADMIN:
        return reverse("beranda_admin")
    if t.jenis == KOTA:
        return reverse("kota:beranda")
    if t.jenis == VERIFIKASI:
        return reverse("monev:antrean")
    if t.jenis == INSPEKTORAT:
        return reverse("evaluasi:daftar")
    if t.jenis == PIMPINAN_PD:
        return reverse("monev:capaian_kini", args=[t.pd_id])
    if t.jenis == PIMPINAN_UNIT:
        return reverse("monev:capaian_kini", args=[t.pd_id]) + f"?unit={t.unit_id}"
    if t.jenis == OPERATOR:
        return reverse("monev:isian_kini", args=[t.unit_id])
    return reverse("daftar_pd")
