"""Reads of the service log for other apps, grouped by unit and quarter.

``monev`` computes some realisations from service records (% to standard, % on time); it asks
here instead of reading ``layanan``'s table. The two grouping helpers are shared with ``skm`` and
``pengaduan``, whose records are counted per quarter the same way.

Every function returns ``{(unit id, year, quarter): {name: value}}`` for the quarters of the
years ``mulai``..``akhir`` that have records (local time, see ``services.rentang_waktu``).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.db.models import Q
from django.utils import timezone

from kinerja.core.replika import kursor_baca
from kinerja.layanan.models import Pelayanan
from kinerja.layanan.services import rentang_waktu

Kelompok = dict[tuple[int, int, int], dict]


def rentang_tahun(mulai: int, akhir: int):
    """[start, end) of the years ``mulai``..``akhir`` as aware datetimes."""
    return rentang_waktu(dt.date(mulai, 1, 1), dt.date(akhir, 12, 31))


def batas_triwulan(mulai: int, akhir: int):
    """(year, quarter, start, end) of every quarter of the years, in order."""
    for th in range(mulai, akhir + 1):
        for q in range(1, 5):
            a, _ = rentang_waktu(dt.date(th, 3 * q - 2, 1), dt.date(th, 1, 1))
            b, _ = rentang_waktu(
                dt.date(th + 1, 1, 1) if q == 4 else dt.date(th, 3 * q + 1, 1), dt.date(th, 1, 1)
            )
            yield th, q, a, b


def kelompok_triwulan(qs, waktu: str, agregat, mulai: int, akhir: int) -> Kelompok:
    """(unit id, year, quarter) → the aggregate values, from one query grouped by unit.

    Quarters are told apart by comparing timestamps with their boundaries (filtered
    aggregates), which every database does natively and uses the index for.
    """
    anotasi, kunci = {}, []
    for th, q, a, b in batas_triwulan(mulai, akhir):
        rentang = Q(**{f"{waktu}__gte": a, f"{waktu}__lt": b})
        for nama, fungsi in agregat(rentang).items():
            anotasi[f"{nama}__{th}_{q}"] = fungsi
        kunci.append((th, q))
    hasil = {}
    for r in qs.values("unit_id").annotate(**anotasi).order_by():
        u = r.pop("unit_id")
        for th, q in kunci:
            nilai = {k.split("__")[0]: v for k, v in r.items() if k.endswith(f"__{th}_{q}")}
            if any(nilai.values()):
                hasil[(u, th, q)] = nilai
    return hasil


@lru_cache(maxsize=256)
def _sql_kelompok(
    tabel: str,
    waktu: str,
    ekspresi: tuple,
    n_unit: int,
    mulai: int,
    akhir: int,
    syarat: str,
    zona: str,
    vendor: str,
) -> tuple[str, list, list]:
    """The grouped statement of ``kelompok_triwulan_sql``, its quarter boundaries as parameters and the
    (year, quarter) of each CASE branch: written once per shape (boundaries depend on the time zone)."""
    from django.db import connection

    adapt = connection.ops.adapt_datetimefield_value
    triwulan = list(batas_triwulan(mulai, akhir))
    kasus = " ".join(f"WHEN {waktu} < %s THEN {i}" for i in range(len(triwulan)))
    a, _ = rentang_tahun(mulai, akhir)
    _, b = rentang_tahun(akhir, akhir)
    sql = (
        f"SELECT unit_id, k_, {', '.join(x for _, x in ekspresi)} FROM ("
        f"SELECT t.*, CASE {kasus} END AS k_ FROM {tabel} t "
        f"WHERE unit_id IN ({', '.join(['%s'] * n_unit)}) AND {waktu} >= %s AND {waktu} < %s"
        f"{f' AND {syarat}' if syarat else ''}"
        ") x GROUP BY unit_id, k_"
    )
    batas = [adapt(bt) for _, _, _, bt in triwulan]
    return sql, [batas, [adapt(a), adapt(b)]], [(th, q) for th, q, _, _ in triwulan]


def kelompok_triwulan_sql(
    model, waktu: str, ekspresi: dict[str, str], unit_ids, mulai: int, akhir: int, syarat: str = ""
) -> Kelompok:
    """The same grouping as ``kelompok_triwulan`` in plain SQL, for the large sources (surveys,
    services): each row is given its quarter once (a CASE over the boundaries), then grouped by unit
    and quarter. ``model``: the caller's own model (its table is read); ``syarat``: a fixed extra
    condition on the rows (no parameters)."""
    from django.db import connection

    unit_ids = list(unit_ids)
    sql, (batas, rentang), triwulan = _sql_kelompok(
        model._meta.db_table,
        waktu,
        tuple(ekspresi.items()),
        len(unit_ids),
        mulai,
        akhir,
        syarat,
        timezone.get_current_timezone_name(),
        connection.vendor,
    )
    nama = list(ekspresi)
    hasil: Kelompok = {}
    with kursor_baca(model) as c:
        c.execute(sql, [*batas, *unit_ids, *rentang])
        for baris in c.fetchall():
            th, q = triwulan[baris[1]]
            hasil[(baris[0], th, q)] = {n: v or 0 for n, v in zip(nama, baris[2:], strict=True)}
    return hasil


def rekap_pelayanan_triwulan(unit_ids, mulai: int, akhir: int) -> Kelompok:
    """Finished services per unit and quarter: ``selesai`` (finished or refused), of which ``tepat``
    on time and ``standar`` to standard."""
    selesai = "hasil IN ('selesai', 'ditolak')"
    return kelompok_triwulan_sql(
        Pelayanan,
        "diterima",
        {
            "selesai": f"COUNT(CASE WHEN {selesai} THEN 1 END)",
            "tepat": f"COUNT(CASE WHEN {selesai} AND tepat_waktu THEN 1 END)",
            "standar": f"COUNT(CASE WHEN {selesai} AND sesuai_standar THEN 1 END)",
        },
        unit_ids,
        mulai,
        akhir,
    )
