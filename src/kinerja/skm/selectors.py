"""Reads of the survey for other apps: the IKM per unit and quarter.

``monev`` computes the IKM indicator's realisation from the answers; it asks here instead of
reading ``skm``'s table, and the index itself is computed by ``skm.ikm`` as on the results page.
"""

from __future__ import annotations

from decimal import Decimal

from kinerja.layanan.selectors import Kelompok, kelompok_triwulan_sql
from kinerja.skm import ikm
from kinerja.skm.models import Respons


def jumlah_ikm_triwulan(unit_ids, mulai: int, akhir: int) -> Kelompok:
    """Per unit and quarter: ``n`` questionnaires, and per unsur i the sum ``ji`` and count ``ci``
    of its answers — sums that add up over units and quarters (``hitung_ikm`` turns them into
    the index)."""
    ekspresi = {"n": "COUNT(*)"}
    for i in range(1, 10):
        ekspresi[f"j{i}"] = f"SUM(u{i})"
        ekspresi[f"c{i}"] = f"COUNT(u{i})"
    # Quarantined answers (kinerja karantina) are left out, as on the survey's results page.
    return kelompok_triwulan_sql(
        Respons, "waktu", ekspresi, unit_ids, mulai, akhir, syarat="karantina IS NULL"
    )


def hitung_ikm(jumlah: dict) -> Decimal | None:
    """The IKM from sums in the form of ``jumlah_ikm_triwulan`` (added up over units and quarters)."""
    return ikm.hitung(
        {u: jumlah[f"j{i}"] for i, u in enumerate(ikm.UNSUR, start=1)},
        {u: jumlah[f"c{i}"] for i, u in enumerate(ikm.UNSUR, start=1)},
        responden=jumlah["n"],
    ).ikm


def respons_per_layanan(jenis_ids: list[int]) -> dict[int, int]:
    """Questionnaires naming each service standard (quarantined ones too: they are records)."""
    from django.db.models import Count

    baris = (
        Respons.objects.filter(jenis_layanan_id__in=jenis_ids)
        .values("jenis_layanan_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {b["jenis_layanan_id"]: b["n"] for b in baris}


def respons_per_kios(kios_ids: list[int]) -> dict[int, int]:
    """Questionnaires received through each kiosk (its tablet and its phone link together)."""
    from django.db.models import Count

    baris = Respons.objects.filter(kios_id__in=kios_ids).values("kios_id").annotate(n=Count("id")).order_by()
    return {b["kios_id"]: b["n"] for b in baris}
