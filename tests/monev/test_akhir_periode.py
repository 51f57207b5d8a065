"""E.81 columns 5, 6, 13 and 14 follow one measure across the period, on the same years for K and Rp."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from kinerja.monev.laporan import tabel_e81
from kinerja.monev.models import Realisasi
from kinerja.monev.selectors import muat_evaluasi
from kinerja.renstra.models import Indikator, Target, TautanIndikator
from tests.hitung_tangan import setengah_ke_atas

pytestmark = pytest.mark.django_db

LAMA_DOK = "Jumlah jenis dokumen perencanaan dan pelaporan yang tersusun"
BARU_DOK = "Jumlah dokumen perencanaan perangkat daerah"


def _jumlah_tw(ind: Indikator, lokasi_id: int, tahun: int) -> D:
    """A counted indicator's year as a planner adds it up: the four quarters."""
    return sum(
        (
            r.nilai
            for r in Realisasi.objects.filter(
                indikator_id=ind.pk, lokasi_id=lokasi_id, tahun=tahun, triwulan__gte=1, nilai__isnull=False
            )
        ),
        D(0),
    )


def _baris(ev, nama: str, lokasi: str):
    return next(
        b
        for b in ev.baris_indikator
        if b.ind.nama == nama and b.lokasi_id and ev.r.unit[b.lokasi_id].nama_pendek == lokasi
    )


def test_column_5_is_the_end_of_period_target_of_the_linked_measure(rencana_sampel):
    ev = muat_evaluasi(rencana_sampel, 2022, 4)
    b = _baris(ev, LAMA_DOK, "Gedog")
    # Tabel 6.1: Gedog 2022 = 3; Tabel 6.2 (linked): 5 a year 2023–2026; summed: 3 + 20 = 23.
    assert b.target_akhir.nilai == 23
    assert b.target.nilai == 3  # column 7 stays the year's own target
    tangan = _jumlah_tw(b.ind, b.lokasi_id, 2022)
    assert tangan > 0 and b.sd_kini == tangan and b.lalu is None  # 2022 is the first planned year
    assert b.capaian_renstra.nilai is not None
    assert setengah_ke_atas(b.capaian_renstra.nilai, 2) == setengah_ke_atas(tangan / D(23) * 100, 2)


def test_rows_whose_measure_stops_before_the_end_are_blank_and_counted_in_a_note(rencana_sampel):
    ev = muat_evaluasi(rencana_sampel, 2022, 4)
    tautan = dict(
        TautanIndikator.objects.filter(versi=rencana_sampel.versi).values_list("lama_id", "baru_id")
    )
    tanpa = 0
    for b in ev.baris_indikator:
        ukuran = {b.ind.pk, tautan.get(b.ind.pk)} - {None}
        if not Target.objects.filter(indikator__in=ukuran, lokasi_id=b.lokasi_id, tahun=2026).exists():
            tanpa += 1
            assert b.target_akhir is None and (b.capaian_renstra is None or b.capaian_renstra.nilai is None)
    assert tanpa > 300  # most Tabel 6.1 indicators end in 2022
    tabel = tabel_e81(ev)
    assert any(
        f"PERHATIAN: {tanpa} baris indikator tidak mempunyai target akhir periode" in c for c in tabel.catatan
    )
    assert any("DATA DEMONSTRASI" in c and "Tautan" in c for c in tabel.catatan)
    tps = next(
        baris
        for baris in tabel.baris
        if baris[3] is not None and str(baris[3].nilai).startswith("Jumlah TPS")
    )
    assert tps[4].nilai == "–" and tps[22].nilai == "–"


def test_the_next_year_counts_the_linked_indicators_past_realisation(rencana_sampel):
    ev = muat_evaluasi(rencana_sampel, 2023, 4)
    b = _baris(ev, BARU_DOK, "Gedog")
    lama = Indikator.objects.get(node__versi=rencana_sampel.versi, nama=LAMA_DOK)
    tangan_2022 = _jumlah_tw(lama, b.lokasi_id, 2022)
    assert tangan_2022 > 0 and b.lalu == tangan_2022  # column 6 = 2022 of the Tabel 6.1 wording
    assert b.target_akhir.nilai == 23


def test_columns_6_count_the_same_years_for_k_and_rp(rencana_sampel):
    ev = muat_evaluasi(rencana_sampel, 2022, 4)
    # The version plans 2022–2026: in 2022 nothing lies before, for K as for Rp (the document's 2021
    # realisations are the baseline, not part of the period's sum).
    assert all(b.lalu is None for b in ev.baris_indikator)
    assert all(b.rp_lalu is None for b in ev.baris if b.ada_rp)


def test_later_rows_whose_measure_starts_after_the_first_year_are_counted_in_a_note(rencana_sampel):
    from kinerja.monev.ekspor import baris_e81

    tautan = dict(
        TautanIndikator.objects.filter(versi=rencana_sampel.versi).values_list("baru_id", "lama_id")
    )
    ev = muat_evaluasi(rencana_sampel, 2023, 4)
    kemudian = 0
    for b in ev.baris_indikator:
        ukuran = {b.ind.pk, tautan.get(b.ind.pk)} - {None}
        if not Target.objects.filter(indikator__in=ukuran, lokasi_id=b.lokasi_id, tahun=2022).exists():
            kemudian += 1
            assert b.lalu is None  # nothing of 2022 is counted on the K side
    assert kemudian > 100  # most Tabel 6.2 wordings are not linked to their Tabel 6.1 predecessors
    catatan = tabel_e81(ev).catatan
    assert any(
        f"PERHATIAN: {kemudian} baris indikator baru bertarget sesudah tahun 2022" in c for c in catatan
    )
    assert any("sama untuk K dan Rp (mulai 2022), kecuali baris yang disebut di bawah." in c for c in catatan)
    data = baris_e81(ev)
    assert sum(1 for x in data["baris"] if x["k"] and x["k"]["6_mulai_sesudah_tahun_awal"]) == kemudian
    # The linked wording counts 2022 on both sides and is not flagged.
    b = _baris(ev, BARU_DOK, "Gedog")
    assert b.lalu is not None and not any(
        x["k"]["6_mulai_sesudah_tahun_awal"]
        for x in data["baris"]
        if x["indikator"] == BARU_DOK and x["lokasi"] == "Gedog"
    )
    # In the first planned year nothing lies before: no such note.
    assert not any(
        "baru bertarget sesudah" in c for c in tabel_e81(muat_evaluasi(rencana_sampel, 2022, 4)).catatan
    )
