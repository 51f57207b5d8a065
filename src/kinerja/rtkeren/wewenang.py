"""Who may read and enter RT Keren records, in the terms of ``wilayah.izin.Cakupan``.

* The operator (or unit admin) of a kelurahan enters the records of its own RTs only.
* The PD's perencana and admin, and the operator of the PD's own office or of one of its sections
  (e.g. Seksi PMP), enter the records of every RT of the PD and decide the musrenbang.
* Whoever reads the unit (lurah, camat, verifikator, perencana) reads its RT Keren pages.
* The settings of the pemda are edited by a superuser or an admin over the PD.
"""

from __future__ import annotations

from kinerja.core.models import Peran
from kinerja.wilayah.izin import Cakupan
from kinerja.wilayah.models import Unit

J = Peran.Jenis


def seluruh_pd(c: Cakupan, pd_id: int) -> bool:
    """Enters for every RT of the PD and decides its musrenbang."""
    if c.semua or c.ubah_rencana(pd_id):
        return True
    return any(
        p.jenis in (J.OPERATOR, J.ADMIN)
        and p.unit_id
        and p.unit.pd_id == pd_id
        and p.unit.jenis in (Unit.Jenis.KANTOR, Unit.Jenis.BAGIAN)
        for p in c.peran
    )


def isi_unit(c: Cakupan, unit: Unit) -> bool:
    """Enters the records of the RTs of this kelurahan."""
    return seluruh_pd(c, unit.pd_id) or (unit.pk in c.unit_isi and not unit.adalah_kantor)


def baca_unit(c: Cakupan, unit: Unit) -> bool:
    return c.baca_unit(unit) or isi_unit(c, unit)


def baca_pd(c: Cakupan, pd_id: int) -> bool:
    """Reads the kecamatan summary and the musrenbang of the whole PD."""
    return c.baca_pd(pd_id) or seluruh_pd(c, pd_id)


def atur(c: Cakupan, pd) -> bool:
    """Edits the pemda's RT Keren settings: a superuser or an admin over the PD (for now)."""
    return c.kelola_pd(pd.pk)


def unit_isi(c: Cakupan, units: list[Unit]) -> list[Unit]:
    return [u for u in units if isi_unit(c, u)]
