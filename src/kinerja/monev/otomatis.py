"""Realisations computed from service records instead of typed: IKM, % to standard, % on time,
% complaints followed up on time.

For each such indicator and lokasi (a unit, or the whole PD), the realisation of a quarter is
the value over the year so far — from 1 January to the end of that quarter — the way a level
indicator is reported. Sums and counts are read in one grouped query per source for all units,
years and quarters at once, then added up per lokasi; nothing is stored, so a changed record
changes the realisation the next time it is read.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from fractions import Fraction

from django.urls import reverse

from kinerja.core import angka
from kinerja.core.pembulatan import bulat
from kinerja.layanan import selectors as layanan_selectors
from kinerja.pengaduan import selectors as pengaduan_selectors
from kinerja.renstra.models import Indikator
from kinerja.renstra.selectors import Rencana
from kinerja.skm import selectors as skm_selectors

SD = Indikator.SumberData
SUMBER = "dihitung"

# The counts per (unit, year, quarter) come from each source's own app (its public selectors):
# monev reads no other app's tables.
_sumber_ikm = skm_selectors.jumlah_ikm_triwulan
_sumber_layanan = layanan_selectors.rekap_pelayanan_triwulan
_sumber_pengaduan = pengaduan_selectors.tindak_lanjut_triwulan


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
        return skm_selectors.hitung_ikm(t), f"IKM dari {t['n']} kuesioner"
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
