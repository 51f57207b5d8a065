"""Realisations computed from records instead of typed: IKM, % to standard, % on time,
% complaints followed up on time, and the RT Keren figures (RT holding rembug warga, RT reaching
the penyerapan threshold, % RT berdaya, % kelurahan berdaya).

For each such indicator and lokasi (a unit, or the whole PD), the realisation of a quarter is
the value over the year so far — from 1 January to the end of that quarter — the way a level
indicator is reported. The Nilai SAKIP (``sakip``) is the evaluator's final score and letter of the
PD's SAKIP evaluation of the year (``kinerja.sakip``), set on the fourth quarter; a year without a
final evaluation gets nothing computed, so what the document prints for it stays. Sums and counts are read in one grouped query per source for all units,
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
from kinerja.rtkeren import selectors as rtkeren_selectors
from kinerja.sakip import selectors as sakip_selectors
from kinerja.skm import selectors as skm_selectors

SD = Indikator.SumberData
SUMBER = "dihitung"

# The counts per (unit, year, quarter) come from each source's own app (its public selectors):
# monev reads no other app's tables.
_sumber_ikm = skm_selectors.jumlah_ikm_triwulan
_sumber_layanan = layanan_selectors.rekap_pelayanan_triwulan
_sumber_pengaduan = pengaduan_selectors.tindak_lanjut_triwulan
_sumber_rt = rtkeren_selectors.jumlah_rt_triwulan

# RT Keren counts are already the state at each quarter's end (not the quarter's own flow).
_KEADAAN = {SD.RT_REMBUG, SD.RT_SERAPAN, SD.RT_BERDAYA, SD.KELURAHAN_BERDAYA}
# Sources whose value is a count of RTs rather than a percentage or an index.
_HITUNGAN = {SD.RT_REMBUG, SD.RT_SERAPAN}


def _jumlahkan(
    data: dict, unit_ids: list[int], tahun: int, sampai: int, keadaan: bool = False
) -> dict | None:
    total: dict[str, int] = defaultdict(int)
    ada = False
    for u in unit_ids:
        for q in range(sampai if keadaan else 1, sampai + 1):
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
    if sumber in _KEADAAN:
        return _nilai_rt(sumber, t)
    if not t["dasar"]:
        return None, ""
    nilai = bulat(Fraction(t["tepat"] * 100, t["dasar"]))
    return nilai, f"{t['tepat']} dari {t['dasar']} pengaduan ditindaklanjuti tepat waktu"


def _nilai_rt(sumber: str, t: dict) -> tuple[Decimal | None, str]:
    if sumber == SD.RT_REMBUG:
        return Decimal(t["rembug"]), f"{t['rembug']} dari {t['rt']} RT mengadakan rembug warga"
    if sumber == SD.RT_SERAPAN:
        return Decimal(t["serapan"]), f"{t['serapan']} dari {t['rt']} RT mencapai ambang penyerapan"
    if sumber == SD.RT_BERDAYA:
        if not t["rt"]:
            return None, ""
        return bulat(Fraction(t["berdaya"] * 100, t["rt"])), f"{t['berdaya']} dari {t['rt']} RT berdaya"
    if not t["kelurahan"]:
        return None, ""
    n, k = t["kelurahan"], t["kelurahan_berdaya"]
    return bulat(Fraction(k * 100, n)), f"{k} dari {n} kelurahan berdaya"


_BACA = {
    SD.IKM: _sumber_ikm,
    SD.SESUAI_STANDAR: _sumber_layanan,
    SD.TEPAT_WAKTU: _sumber_layanan,
    SD.PENGADUAN: _sumber_pengaduan,
    SD.RT_REMBUG: _sumber_rt,
    SD.RT_SERAPAN: _sumber_rt,
    SD.RT_BERDAYA: _sumber_rt,
    SD.KELURAHAN_BERDAYA: _sumber_rt,
}
_HALAMAN = {
    SD.IKM: "skm:hasil",
    SD.SESUAI_STANDAR: "layanan:rekap",
    SD.TEPAT_WAKTU: "layanan:rekap",
    SD.PENGADUAN: "pengaduan:statistik",
}


def tautan_sumber(sumber: str, pd_id: int, lok: int | None, th: int, q: int) -> str:
    """The page listing the records a computed value comes from, for that year and lokasi."""
    if sumber == SD.SAKIP:
        return reverse("evaluasi:lembar", args=[pd_id, th])
    if sumber in _KEADAAN:
        if lok is None:
            return reverse("rtkeren:kecamatan", args=[pd_id, th])
        return reverse("rtkeren:kelurahan", args=[pd_id, th, lok])
    return (
        reverse(_HALAMAN[sumber], args=[pd_id]) + f"?tahun={th}&sampai={q}" + (f"&unit={lok}" if lok else "")
    )


def realisasi_dihitung(r: Rencana, mulai: int, akhir: int, buat) -> dict[tuple, object]:
    """Computed realisations of a version's indicators for these years: key → row made by ``buat``.

    ``buat`` builds the row (the selector's RealData) from keyword arguments.
    """
    semua = [i for daftar in r.indikator.values() for i in daftar if i.sumber_data != SD.MANUAL]
    indikator = [i for i in semua if i.sumber_data != SD.SAKIP]
    hasil = _realisasi_sakip(r, [i for i in semua if i.sumber_data == SD.SAKIP], mulai, akhir, buat)
    if not indikator:
        return hasil
    lokasi_semua = [u.pk for u in r.lokasi]
    data: dict[str, dict] = {}
    for ind in indikator:
        baca = _BACA[ind.sumber_data]
        if baca not in data:
            data[baca] = baca(lokasi_semua, mulai, akhir)
        sumber = data[baca]
        for lok in r.target_per_indikator.get(ind.pk, {}):
            unit_ids = lokasi_semua if lok is None else [lok]
            for th in range(mulai, akhir + 1):
                for q in range(1, 5):
                    t = _jumlahkan(sumber, unit_ids, th, q, ind.sumber_data in _KEADAAN)
                    if t is None:
                        continue
                    nilai, asal = _nilai(ind.sumber_data, t)
                    if nilai is None:
                        continue
                    tautan = tautan_sumber(ind.sumber_data, r.pd.pk, lok, th, q)
                    satuan = (
                        "" if ind.sumber_data == SD.IKM else (" RT" if ind.sumber_data in _HITUNGAN else "%")
                    )
                    teks = angka.format_angka(nilai) + satuan
                    hasil[(ind.pk, lok, th, q)] = buat(
                        id=0,
                        indikator_id=ind.pk,
                        lokasi_id=lok,
                        tahun=th,
                        triwulan=q,
                        teks=teks,
                        jenis=angka.ANGKA
                        if ind.sumber_data == SD.IKM or ind.sumber_data in _HITUNGAN
                        else angka.PERSEN,
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


def _realisasi_sakip(r: Rencana, indikator: list, mulai: int, akhir: int, buat) -> dict[tuple, object]:
    """The evaluator's final SAKIP score as the fourth-quarter realisation of the PD-wide rows."""
    if not indikator:
        return {}
    final = sakip_selectors.nilai_final(r.pd.pk, mulai, akhir)
    hasil = {}
    for ind in indikator:
        for (_pd, th), f in final.items():
            if None not in r.target_per_indikator.get(ind.pk, {}):
                continue  # a Nilai SAKIP is the PD's; a row per unit has none
            nilai = bulat(f.nilai)
            teks = f"{f.predikat} ({angka.format_angka(nilai, 2)})"
            demo = " Data demonstrasi." if f.demonstrasi else ""
            hasil[(ind.pk, None, th, 4)] = buat(
                id=0,
                indikator_id=ind.pk,
                lokasi_id=None,
                tahun=th,
                triwulan=4,
                teks=teks,
                jenis=angka.LABEL,
                nilai=nilai,
                label=f.predikat,
                sumber=SUMBER,
                revisi=0,
                faktor_pendorong="",
                faktor_penghambat="",
                tindak_lanjut="",
                tautan_bukti=tautan_sumber(SD.SAKIP, r.pd.pk, None, th, 4),
                bukti="",
                keterangan=f"Dihitung: nilai final evaluator pada evaluasi SAKIP {th}.{demo}",
            )
    return hasil


def daftar_dihitung(r: Rencana, tahun: int, triwulan: int, unit_id: int | None = None) -> list[dict]:
    """The rows of the year whose realisation is computed from records: indicator, lokasi, source and
    the page of the records (for the note under the reports); a unit's report lists its own rows only."""
    hasil = []
    for daftar in r.indikator.values():
        for ind in daftar:
            if ind.sumber_data == SD.MANUAL:
                continue
            lokasi = [
                lok
                for lok, th in r.target_per_indikator.get(ind.pk, {}).items()
                if tahun in th and (unit_id is None or lok == unit_id)
            ]
            for lok in sorted(lokasi, key=lambda x: (x is not None, x or 0)):
                hasil.append(
                    {
                        "indikator": ind.nama,
                        "lokasi": r.lokasi_label(lok) if lok else "",
                        "sumber": SD(ind.sumber_data).label,
                        "tautan": tautan_sumber(ind.sumber_data, r.pd.pk, lok, tahun, triwulan),
                    }
                )
    return hasil
