"""RT Keren figures for other apps (monev's computed realisations), per kelurahan, year and quarter.

Each quarter's figures are the state at the quarter's end, from 1 January of its year: the same
rules as ``hitung`` (one definition, ``hitung.nilai_rt``), read in four queries for all units and
years at once. A year without any allocation or rembug warga in these units gives nothing, so the
plan shows no figure rather than a zero for a year the programme has not started.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import F

from kinerja.core import angka
from kinerja.wilayah.models import RukunTetangga, Unit

from .hitung import nilai_rt
from .models import Alokasi, Pengaturan, RealisasiRt, RembugWarga

AKHIR_TRIWULAN = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def _muat(unit_ids: list[int], mulai: int, akhir: int):
    rt = list(RukunTetangga.objects.filter(unit_id__in=unit_ids).order_by("unit_id", "rw", "nomor"))
    alokasi: dict[tuple[int, int], Alokasi] = {
        (a.rt_id, a.tahun): a
        for a in Alokasi.objects.filter(
            rt__unit_id__in=unit_ids, tahun__gte=mulai, tahun__lte=akhir
        ).order_by()
    }
    rembug = list(
        RembugWarga.objects.filter(
            rt__unit_id__in=unit_ids, tanggal__gte=dt.date(mulai, 1, 1), tanggal__lte=dt.date(akhir, 12, 31)
        )
        .values_list("rt_id", "tanggal")
        .order_by()
    )
    realisasi = list(
        RealisasiRt.objects.filter(
            kegiatan__usulan__rembug__rt__unit_id__in=unit_ids,
            kegiatan__usulan__tahun__gte=mulai,
            kegiatan__usulan__tahun__lte=akhir,
        )
        .values_list(F("kegiatan__usulan__rembug__rt_id"), "kegiatan__usulan__tahun", "tanggal", "jumlah")
        .order_by()
    )
    return rt, alokasi, rembug, realisasi


def jumlah_rt_triwulan(unit_ids, mulai: int, akhir: int, hari_ini: dt.date | None = None) -> dict:
    """(unit, year, quarter) → {rt, rembug, serapan, berdaya, kelurahan_berdaya, kelurahan} at the
    quarter's end.

    ``rt`` is the number of RTs counted that year; ``rembug``/``serapan``/``berdaya`` the number of
    RTs that held a rembug warga / reached the penyerapan threshold / are berdaya; ``kelurahan`` is 1
    for a kelurahan or desa (0 for an office) and ``kelurahan_berdaya`` 1 when it is berdaya. Quarters that have
    not begun by ``hari_ini`` are left out.
    """
    unit_ids = list(unit_ids)
    if not unit_ids:
        return {}
    hari_ini = hari_ini or dt.date.today()
    baris_unit = list(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "jenis", "pd__pemda_id"))
    unit = {pk: jenis for pk, jenis, _ in baris_unit}
    atur = Pengaturan.untuk(baris_unit[0][2]) if baris_unit else Pengaturan()
    semua_rt, alokasi, rembug, realisasi = _muat(unit_ids, mulai, akhir)
    tahun_aktif = {th for (_, th) in alokasi} | {t.year for (_, t) in rembug}
    hasil = {}
    for th in sorted(tahun_aktif):
        rt_th = [r for r in semua_rt if r.aktif or (r.pk, th) in alokasi]
        for q, (bln, tgl) in AKHIR_TRIWULAN.items():
            if dt.date(th, bln - 2, 1) > hari_ini:
                break
            batas = dt.date(th, bln, tgl)
            n_rembug: dict[int, int] = defaultdict(int)
            for rt_id, t in rembug:
                if t.year == th and t <= batas:
                    n_rembug[rt_id] += 1
            uang: dict[int, Decimal] = defaultdict(Decimal)
            for rt_id, th_usulan, t, jumlah in realisasi:
                if th_usulan == th and t <= batas:
                    uang[rt_id] += jumlah
            per_unit: dict[int, list] = defaultdict(list)
            for r in rt_th:
                per_unit[r.unit_id].append(
                    nilai_rt(r, n_rembug[r.pk], alokasi.get((r.pk, th)), uang[r.pk], atur)
                )
            for u in unit_ids:
                daftar = per_unit.get(u, [])
                n, berdaya = len(daftar), sum(k.berdaya for k in daftar)
                hasil[(u, th, q)] = {
                    "rt": n,
                    "rembug": sum(k.rembug >= 1 for k in daftar),
                    "serapan": sum(k.serapan_cukup for k in daftar),
                    "berdaya": berdaya,
                    "kelurahan_berdaya": int(n > 0 and berdaya * 100 >= Decimal(atur.ambang_kelurahan) * n),
                    "kelurahan": int(unit.get(u) in (Unit.Jenis.KELURAHAN, Unit.Jenis.DESA)),
                }
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
