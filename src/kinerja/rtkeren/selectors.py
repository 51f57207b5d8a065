"""RT Keren figures for other apps (monev's computed realisations), per kelurahan, year and quarter.

Each quarter's figures are the state at the quarter's end, from 1 January of its year: the same
rules as ``hitung`` (one definition: ``hitung.serapan_cukup`` and ``hitung.rt_berdaya``), read in six
queries whatever the number of RTs and years: the RTs, the units, the settings, their allocations, and
two queries grouped by RT whose columns are the rembug count and the spending up to each quarter's end
(only the first when the units have no RT). A year without any allocation or rembug warga in these units
gives nothing, so the plan shows no figure rather than a zero for a year the programme has not started.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, F, Q, Sum

from kinerja.core import angka
from kinerja.core.replika import kursor_baca
from kinerja.wilayah.models import RukunTetangga, Unit

from .hitung import rt_berdaya, serapan_cukup
from .models import Alokasi, KegiatanRt, Pengaturan, RealisasiRt, RembugWarga

AKHIR_TRIWULAN = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def _batas(th: int) -> list[dt.date]:
    return [dt.date(th, bln, tgl) for bln, tgl in AKHIR_TRIWULAN.values()]


def _rt(unit_ids: list[int]) -> list[tuple]:
    """(pk, unit id, rw, nomor, ketua, aktif) of the units' RTs, in order: plain SQL, as it is asked for
    every PD of every report (most PDs have no RT, and compiling the query would cost more than it)."""
    meta = RukunTetangga._meta
    kolom = ", ".join(meta.get_field(f).column for f in ("id", "unit", "rw", "nomor", "ketua", "aktif"))
    sql = (
        f"SELECT {kolom} FROM {meta.db_table} WHERE {meta.get_field('unit').column} IN "
        f"({', '.join(['%s'] * len(unit_ids))}) ORDER BY 2, 3, 4"
    )
    with kursor_baca(RukunTetangga) as c:
        c.execute(sql, list(unit_ids))
        return [(pk, u, rw, no, ketua, bool(aktif)) for pk, u, rw, no, ketua, aktif in c.fetchall()]


def _alokasi(unit_ids: list[int], mulai: int, akhir: int) -> dict[tuple[int, int], object]:
    return {
        (rt_id, th): pagu
        for rt_id, th, pagu in Alokasi.objects.filter(
            rt__unit_id__in=unit_ids, tahun__gte=mulai, tahun__lte=akhir
        )
        .order_by()
        .values_list("rt_id", "tahun", "pagu")
    }


def _kolom(mulai: int, akhir: int):
    """(year, quarter, column name, quarter's end) for every quarter of the years."""
    return [
        (th, k + 1, f"t{th}q{k + 1}", b) for th in range(mulai, akhir + 1) for k, b in enumerate(_batas(th))
    ]


def _rembug(unit_ids: list[int], mulai: int, akhir: int) -> dict[int, dict]:
    """RT → {(year, quarter): rembug warga held from 1 January of that year to the quarter's end}."""
    kolom = _kolom(mulai, akhir)
    baris = (
        RembugWarga.objects.filter(
            rt__unit_id__in=unit_ids, tanggal__gte=dt.date(mulai, 1, 1), tanggal__lte=dt.date(akhir, 12, 31)
        )
        .order_by()
        .values("rt_id")
        .annotate(
            **{
                n: Count("id", filter=Q(tanggal__gte=dt.date(th, 1, 1), tanggal__lte=b))
                for th, _, n, b in kolom
            }
        )
    )
    return {r["rt_id"]: {(th, q): r[n] for th, q, n, _ in kolom} for r in baris}


def _belanja(unit_ids: list[int], mulai: int, akhir: int) -> dict[int, dict]:
    """RT → {(year, quarter): spending on that year's proposals up to the quarter's end}."""
    kolom = _kolom(mulai, akhir)
    baris = (
        # The activities first (reached from the RTs through their indexes), then their payments: a plan
        # that does not depend on the database having statistics of its tables.
        RealisasiRt.objects.filter(
            kegiatan_id__in=KegiatanRt.objects.filter(
                usulan__rembug__rt__unit_id__in=unit_ids, usulan__tahun__gte=mulai, usulan__tahun__lte=akhir
            ).values("pk")
        )
        .order_by()
        .values(rt=F("kegiatan__usulan__rembug__rt_id"))
        .annotate(
            **{
                n: Sum("jumlah", filter=Q(kegiatan__usulan__tahun=th, tanggal__lte=b))
                for th, _, n, b in kolom
            }
        )
    )
    return {r["rt"]: {(th, q): r[n] or 0 for th, q, n, _ in kolom} for r in baris}


def _angka_unit(rt: list[tuple], unit_jenis: str, atur: Pengaturan) -> dict:
    """A unit's counts from its RTs' (rembug, pagu, spending) at a quarter's end."""
    n = len(rt)
    rembug = serapan = berdaya = 0
    for rb, pagu, rp in rt:
        cukup = serapan_cukup(rp, pagu, atur)
        rembug += rb >= 1
        serapan += cukup
        berdaya += rt_berdaya(cukup, rb, atur)
    return {
        "rt": n,
        "rembug": rembug,
        "serapan": serapan,
        "berdaya": berdaya,
        "kelurahan_berdaya": int(n > 0 and berdaya * 100 >= atur.ambang_kelurahan * n),
        "kelurahan": int(unit_jenis in (Unit.Jenis.KELURAHAN, Unit.Jenis.DESA)),
    }


def jumlah_rt_triwulan(unit_ids, mulai: int, akhir: int, hari_ini: dt.date | None = None) -> dict:
    """(unit, year, quarter) → {rt, rembug, serapan, berdaya, kelurahan_berdaya, kelurahan} at the
    quarter's end.

    ``rt`` is the number of RTs counted that year; ``rembug``/``serapan``/``berdaya`` the number of
    RTs that held a rembug warga / reached the penyerapan threshold / are berdaya; ``kelurahan`` is 1
    for a kelurahan or desa (0 for an office) and ``kelurahan_berdaya`` 1 when it is berdaya. Quarters
    that have not begun by ``hari_ini`` are left out.
    """
    unit_ids = list(unit_ids)
    if not unit_ids:
        return {}
    semua_rt = _rt(unit_ids)
    if not semua_rt:
        return {}  # no RT in these units: no allocation nor rembug warga either, so no year has figures
    hari_ini = hari_ini or dt.date.today()
    baris_unit = list(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "jenis", "pd__pemda_id"))
    unit = {pk: jenis for pk, jenis, _ in baris_unit}
    atur = Pengaturan.untuk(baris_unit[0][2]) if baris_unit else Pengaturan()
    alokasi = _alokasi(unit_ids, mulai, akhir)
    n_rembug, uang = _rembug(unit_ids, mulai, akhir), _belanja(unit_ids, mulai, akhir)
    tahun_aktif = {th for (_, th) in alokasi} | {
        th for per in n_rembug.values() for (th, q), n in per.items() if n
    }
    hasil = {}
    kosong: dict = {}
    for th in sorted(tahun_aktif):
        rt_th = [(r[0], r[1]) for r in semua_rt if r[5] or (r[0], th) in alokasi]
        for q, (bln, _) in AKHIR_TRIWULAN.items():
            if dt.date(th, bln - 2, 1) > hari_ini:
                break
            per_unit: dict[int, list] = defaultdict(list)
            for pk, u in rt_th:
                rb, rp = n_rembug.get(pk, kosong).get((th, q), 0), uang.get(pk, kosong).get((th, q), 0)
                per_unit[u].append((rb, alokasi.get((pk, th)), rp))
            for u in unit_ids:
                hasil[(u, th, q)] = _angka_unit(per_unit.get(u, []), unit.get(u), atur)
    return hasil


def definisi(pemda_id: int) -> dict[str, str]:
    """The pemda's definitions in words, to be shown wherever the figures are."""
    a = Pengaturan.untuk(pemda_id)
    return {
        "rt": (
            f"RT berdaya: sekurang-kurangnya {a.minimal_rembug} rembug warga dalam tahun itu dan penyerapan "
            f"anggaran RT Keren ≥ {angka.format_angka(a.ambang_serapan)}%."
        ),
        "kelurahan": (
            f"Kelurahan berdaya: sekurang-kurangnya {angka.format_angka(a.ambang_kelurahan)}% RT-nya berdaya."
        ),
    }
