"""RT Keren figures for other apps (monev's computed realisations), per kelurahan, year and quarter.

Each quarter's figures are the state at the quarter's end, from 1 January of its year: the same
rules as ``hitung`` (one definition: ``hitung.serapan_cukup`` and ``hitung.rt_berdaya``), read in six
queries whatever the number of RTs and years: the RTs, the units, the settings, their allocations, and
two queries grouped by RT whose columns are the rembug count and the spending up to each quarter's end
(only the first when the units have no RT). A year without any allocation or rembug warga in these units
gives nothing, so the plan shows no figure rather than a zero for a year the programme has not started.

They are asked for every PD of every report and feed: written as plain SQL over the models' tables
(compiling the ORM queries cost more than running them), with the amounts read as the ORM reads them.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections import defaultdict
from decimal import Decimal

from django.db import connection

from kinerja.core import angka
from kinerja.core.replika import kursor_baca
from kinerja.wilayah.models import PerangkatDaerah, RukunTetangga, Unit

from .hitung import rt_berdaya, serapan_cukup
from .models import Alokasi, KegiatanRt, Pengaturan, RealisasiRt, RembugWarga, Usulan

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
        f"({_di(unit_ids)}) ORDER BY 2, 3, 4"
    )
    baris = _baca(RukunTetangga, sql, list(unit_ids))
    return [(pk, u, rw, no, ketua, bool(aktif)) for pk, u, rw, no, ketua, aktif in baris]


def _baca(model, sql: str, param: list) -> list[tuple]:
    with kursor_baca(model) as c:
        c.execute(sql, param)
        return c.fetchall()


# SQLite hands back an amount as int or float; the ORM turns it into a Decimal of 15 significant digits
# (its converter for a decimal aggregate). PostgreSQL hands back a Decimal already.
_DESIMAL_SQLITE = decimal.Context(prec=15).create_decimal_from_float


def _rupiah(v):
    return v if v is None or type(v) is Decimal else _DESIMAL_SQLITE(v)


def _di(unit_ids: list[int]) -> str:
    return ", ".join(["%s"] * len(unit_ids))


def _unit_pemda(unit_ids: list[int]) -> list[tuple]:
    """(pk, jenis, pemda id) of the units."""
    u, pd = Unit._meta.db_table, PerangkatDaerah._meta.db_table
    sql = f"SELECT u.id, u.jenis, p.pemda_id FROM {u} u JOIN {pd} p ON p.id = u.pd_id WHERE u.id IN ({_di(unit_ids)})"
    return _baca(Unit, sql, unit_ids)


def _alokasi(unit_ids: list[int], mulai: int, akhir: int) -> dict[tuple[int, int], object]:
    sql = (
        f"SELECT a.rt_id, a.tahun, a.pagu FROM {Alokasi._meta.db_table} a "
        f"JOIN {RukunTetangga._meta.db_table} t ON t.id = a.rt_id "
        f"WHERE t.unit_id IN ({_di(unit_ids)}) AND a.tahun >= %s AND a.tahun <= %s"
    )
    return {(rt_id, th): _rupiah(pagu) for rt_id, th, pagu in _baca(Alokasi, sql, [*unit_ids, mulai, akhir])}


def _kolom(mulai: int, akhir: int):
    """(year, quarter, quarter's end) for every quarter of the years."""
    return [(th, k + 1, b) for th in range(mulai, akhir + 1) for k, b in enumerate(_batas(th))]


def _rembug(unit_ids: list[int], mulai: int, akhir: int) -> dict[int, dict]:
    """RT → {(year, quarter): rembug warga held from 1 January of that year to the quarter's end}."""
    kolom = _kolom(mulai, akhir)
    tanggal = connection.ops.adapt_datefield_value
    hitung = ", ".join("COUNT(CASE WHEN r.tanggal >= %s AND r.tanggal <= %s THEN 1 END)" for _ in kolom)
    sql = (
        f"SELECT r.rt_id, {hitung} FROM {RembugWarga._meta.db_table} r "
        f"JOIN {RukunTetangga._meta.db_table} t ON t.id = r.rt_id "
        f"WHERE t.unit_id IN ({_di(unit_ids)}) AND r.tanggal >= %s AND r.tanggal <= %s GROUP BY r.rt_id"
    )
    param = [tanggal(x) for th, _, b in kolom for x in (dt.date(th, 1, 1), b)]
    param += [*unit_ids, tanggal(dt.date(mulai, 1, 1)), tanggal(dt.date(akhir, 12, 31))]
    return {
        b[0]: {(th, q): n for (th, q, _), n in zip(kolom, b[1:], strict=True)}
        for b in _baca(RembugWarga, sql, param)
    }


def _belanja(unit_ids: list[int], mulai: int, akhir: int) -> dict[int, dict]:
    """RT → {(year, quarter): spending on that year's proposals up to the quarter's end}."""
    kolom = _kolom(mulai, akhir)
    tanggal = connection.ops.adapt_datefield_value
    rt, rembug = RukunTetangga._meta.db_table, RembugWarga._meta.db_table
    usulan, kegiatan = Usulan._meta.db_table, KegiatanRt._meta.db_table
    jumlah = ", ".join("SUM(CASE WHEN u.tahun = %s AND x.tanggal <= %s THEN x.jumlah END)" for _ in kolom)
    # The activities first (reached from the RTs through their indexes), then their payments: a plan
    # that does not depend on the database having statistics of its tables.
    sql = (
        f"SELECT rb.rt_id, {jumlah} FROM {RealisasiRt._meta.db_table} x "
        f"JOIN {kegiatan} k ON k.id = x.kegiatan_id JOIN {usulan} u ON u.id = k.usulan_id "
        f"JOIN {rembug} rb ON rb.id = u.rembug_id "
        f"WHERE x.kegiatan_id IN (SELECT k2.id FROM {kegiatan} k2 JOIN {usulan} u2 ON u2.id = k2.usulan_id "
        f"JOIN {rembug} rb2 ON rb2.id = u2.rembug_id JOIN {rt} t2 ON t2.id = rb2.rt_id "
        f"WHERE t2.unit_id IN ({_di(unit_ids)}) AND u2.tahun >= %s AND u2.tahun <= %s) "
        "GROUP BY rb.rt_id"
    )
    param = [x for th, _, b in kolom for x in (th, tanggal(b))] + [*unit_ids, mulai, akhir]
    return {
        b[0]: {(th, q): _rupiah(v) or 0 for (th, q, _), v in zip(kolom, b[1:], strict=True)}
        for b in _baca(RealisasiRt, sql, param)
    }


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
    baris_unit = _unit_pemda(unit_ids)
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
