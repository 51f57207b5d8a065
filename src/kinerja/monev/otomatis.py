"""Realisations computed from service records instead of typed: IKM, % to standard, % on time,
% complaints followed up on time.

For each such indicator and lokasi (a unit, or the whole PD), the realisation of a quarter is
the value over the year so far — from 1 January to the end of that quarter — the way a level
indicator is reported. Sums and counts are read in one grouped query per source for all units,
years and quarters at once, then added up per lokasi; nothing is stored, so a changed record
changes the realisation the next time it is read.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, F, Q
from django.urls import reverse

from kinerja.core import angka
from kinerja.core.pembulatan import bulat
from kinerja.renstra.models import Indikator
from kinerja.renstra.selectors import Rencana

SD = Indikator.SumberData
SUMBER = "dihitung"


def _rentang(mulai: int, akhir: int):
    from kinerja.layanan.services import rentang_waktu

    return rentang_waktu(dt.date(mulai, 1, 1), dt.date(akhir, 12, 31))


def _batas_triwulan(mulai: int, akhir: int):
    from kinerja.layanan.services import rentang_waktu

    for th in range(mulai, akhir + 1):
        for q in range(1, 5):
            a, _ = rentang_waktu(dt.date(th, 3 * q - 2, 1), dt.date(th, 1, 1))
            b, _ = rentang_waktu(
                dt.date(th + 1, 1, 1) if q == 4 else dt.date(th, 3 * q + 1, 1), dt.date(th, 1, 1)
            )
            yield th, q, a, b


def _kelompok(qs, waktu: str, agregat, mulai: int, akhir: int) -> dict[tuple[int, int, int], dict]:
    """(unit id, year, quarter) → the aggregate values, from one query grouped by unit.

    Quarters are told apart by comparing timestamps with their boundaries (filtered
    aggregates), which every database does natively and uses the index for.
    """
    anotasi, kunci = {}, []
    for th, q, a, b in _batas_triwulan(mulai, akhir):
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


def _kelompok_sql(
    tabel: str, waktu: str, ekspresi: dict[str, str], unit_ids, mulai: int, akhir: int, syarat: str = ""
):
    """The same grouping as ``_kelompok`` in plain SQL, for the large sources (surveys, services):
    each row is given its quarter once (a CASE over the boundaries), then grouped by unit and quarter.
    ``syarat``: a fixed extra condition on the rows (no parameters)."""
    from django.db import connection

    from kinerja.core.replika import kursor_baca
    from kinerja.monev.models import Realisasi

    adapt = connection.ops.adapt_datetimefield_value
    triwulan = list(_batas_triwulan(mulai, akhir))
    kasus = " ".join(f"WHEN {waktu} < %s THEN {i}" for i in range(len(triwulan)))
    a, _ = _rentang(mulai, akhir)
    _, b = _rentang(akhir, akhir)
    sql = (
        f"SELECT unit_id, k_, {', '.join(ekspresi.values())} FROM ("
        f"SELECT t.*, CASE {kasus} END AS k_ FROM {tabel} t "
        f"WHERE unit_id IN ({', '.join(['%s'] * len(unit_ids))}) AND {waktu} >= %s AND {waktu} < %s"
        f"{f' AND {syarat}' if syarat else ''}"
        ") x GROUP BY unit_id, k_"
    )
    param = [adapt(bt) for _, _, _, bt in triwulan] + [*unit_ids, adapt(a), adapt(b)]
    nama = list(ekspresi)
    hasil: dict[tuple[int, int, int], dict] = {}
    with kursor_baca(Realisasi) as c:
        c.execute(sql, param)
        for baris in c.fetchall():
            th, q = triwulan[baris[1]][:2]
            hasil[(baris[0], th, q)] = {n: v or 0 for n, v in zip(nama, baris[2:], strict=True)}
    return hasil


def _sumber_ikm(unit_ids, mulai, akhir):
    ekspresi = {"n": "COUNT(*)"}
    for i in range(1, 10):
        ekspresi[f"j{i}"] = f"SUM(u{i})"
        ekspresi[f"c{i}"] = f"COUNT(u{i})"
    # Quarantined answers (kinerja karantina) are left out, as on the survey's results page.
    return _kelompok_sql("skm_respons", "waktu", ekspresi, unit_ids, mulai, akhir, syarat="karantina IS NULL")


def _sumber_layanan(unit_ids, mulai, akhir):
    selesai = "hasil IN ('selesai', 'ditolak')"
    return _kelompok_sql(
        "layanan_pelayanan",
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


def _sumber_pengaduan(unit_ids, mulai, akhir):
    from kinerja.pengaduan.models import Pengaduan

    def agregat(rentang):
        return {
            "dasar": Count("id", filter=rentang & ~Q(status="ditolak")),
            "tepat": Count("id", filter=rentang & Q(ditindaklanjuti_pada__date__lte=F("batas"))),
        }

    a, b = _rentang(mulai, akhir)
    return _kelompok(
        Pengaduan.objects.filter(unit_id__in=unit_ids, diterima_pada__gte=a, diterima_pada__lt=b),
        "diterima_pada",
        agregat,
        mulai,
        akhir,
    )


def _jumlahkan(data: dict, unit_ids: list[int], tahun: int, sampai: int) -> dict | None:
    total: dict[str, int] = defaultdict(int)
    ada = False
    for u in unit_ids:
        for q in range(1, sampai + 1):
            r = data.get((u, tahun, q))
            if r is None:
                continue
            ada = True
            for k, v in r.items():
                total[k] += v or 0
    return total if ada else None


def _nilai(sumber: str, t: dict) -> tuple[Decimal | None, str]:
    """The value of a source from its summed counts, and a sentence saying where it comes from."""
    if sumber == SD.IKM:
        from kinerja.skm import ikm

        h = ikm.hitung(
            {u: t[f"j{i}"] for i, u in enumerate(ikm.UNSUR, start=1)},
            {u: t[f"c{i}"] for i, u in enumerate(ikm.UNSUR, start=1)},
            responden=t["n"],
        )
        return h.ikm, f"IKM dari {t['n']} kuesioner"
    if sumber in (SD.SESUAI_STANDAR, SD.TEPAT_WAKTU):
        if not t["selesai"]:
            return None, ""
        pembilang = t["standar" if sumber == SD.SESUAI_STANDAR else "tepat"]
        nilai = bulat(Fraction(pembilang * 100, t["selesai"]))
        return nilai, f"{pembilang} dari {t['selesai']} pelayanan selesai"
    if not t["dasar"]:
        return None, ""
    nilai = bulat(Fraction(t["tepat"] * 100, t["dasar"]))
    return nilai, f"{t['tepat']} dari {t['dasar']} pengaduan ditindaklanjuti tepat waktu"


_BACA = {
    SD.IKM: _sumber_ikm,
    SD.SESUAI_STANDAR: _sumber_layanan,
    SD.TEPAT_WAKTU: _sumber_layanan,
    SD.PENGADUAN: _sumber_pengaduan,
}
_HALAMAN = {
    SD.IKM: "skm:hasil",
    SD.SESUAI_STANDAR: "layanan:rekap",
    SD.TEPAT_WAKTU: "layanan:rekap",
    SD.PENGADUAN: "pengaduan:statistik",
}


def realisasi_dihitung(r: Rencana, mulai: int, akhir: int, buat) -> dict[tuple, object]:
    """Computed realisations of a version's indicators for these years: key → row made by ``buat``.

    ``buat`` builds the row (the selector's RealData) from keyword arguments.
    """
    indikator = [i for daftar in r.indikator.values() for i in daftar if i.sumber_data != SD.MANUAL]
    if not indikator:
        return {}
    lokasi_semua = [u.pk for u in r.lokasi]
    data: dict[str, dict] = {}
    hasil = {}
    for ind in indikator:
        baca = _BACA[ind.sumber_data]
        if baca not in data:
            data[baca] = baca(lokasi_semua, mulai, akhir)
        sumber = data[baca]
        for lok in r.target_per_indikator.get(ind.pk, {}):
            unit_ids = lokasi_semua if lok is None else [lok]
            for th in range(mulai, akhir + 1):
                for q in range(1, 5):
                    t = _jumlahkan(sumber, unit_ids, th, q)
                    if t is None:
                        continue
                    nilai, asal = _nilai(ind.sumber_data, t)
                    if nilai is None:
                        continue
                    tautan = (
                        reverse(_HALAMAN[ind.sumber_data], args=[r.pd.pk])
                        + f"?tahun={th}&sampai={q}"
                        + (f"&unit={lok}" if lok else "")
                    )
                    teks = angka.format_angka(nilai) + ("%" if ind.sumber_data != SD.IKM else "")
                    hasil[(ind.pk, lok, th, q)] = buat(
                        id=0,
                        indikator_id=ind.pk,
                        lokasi_id=lok,
                        tahun=th,
                        triwulan=q,
                        teks=teks,
                        jenis=angka.PERSEN if ind.sumber_data != SD.IKM else angka.ANGKA,
                        nilai=nilai,
                        label="",
                        sumber=SUMBER,
                        revisi=0,
                        faktor_pendorong="",
                        faktor_penghambat="",
                        tindak_lanjut="",
                        tautan_bukti=tautan,
                        bukti="",
                        keterangan=f"Dihitung: {asal}, 1 Januari s.d. akhir triwulan {q} {th}.",
                    )
    return hasil
