"""Inbox items of the risk register: treatment steps (RTP) near or past their deadline, for the PD's
planners and head only; expected lines written out from the rule (7 days, this year and last year)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.pengingat.kotak import hitung_kotak
from kinerja.renstra.models import PlanNode
from kinerja.risiko.models import RencanaTindak, Risiko

from .conftest import pada

pytestmark = pytest.mark.django_db

KINI = pada("2026-12-04T09:00")
HARI = dt.date(2026, 12, 4)
ST = RencanaTindak.Status


def _risiko(versi, tahun: int, teks: str) -> Risiko:
    node = PlanNode.objects.filter(versi=versi, tingkat=PlanNode.Tingkat.SASARAN).first()
    return Risiko.objects.create(
        pd=versi.pd, tahun=tahun, node=node, pernyataan=teks, sebab="s", uraian_dampak="d",
        kemungkinan=3, dampak=4, pemilik="Camat",
    )  # fmt: skip


def _rtp(risiko, uraian: str, tenggat: dt.date, status=ST.BELUM) -> RencanaTindak:
    return RencanaTindak.objects.create(
        risiko=risiko, uraian=uraian, penanggung_jawab="Sekcam", tenggat=tenggat, status=status
    )


def _rtp_kotak(user) -> list:
    return [b for b in hitung_kotak(user, sekarang=KINI).butir if b.jenis == "risiko"]


def test_steps_near_or_past_their_deadline_reach_the_planner_and_the_head(versi_sampel, pengguna):
    r = _risiko(versi_sampel, 2026, "Data kependudukan tidak mutakhir")
    lewat = _rtp(r, "Pemutakhiran data RT", dt.date(2026, 11, 30))  # 4 days past
    hari_ini = _rtp(r, "Rapat koordinasi", HARI)
    dekat = _rtp(r, "Sosialisasi", dt.date(2026, 12, 11))  # 7 days: near
    _rtp(r, "Evaluasi", dt.date(2026, 12, 12))  # 8 days: not yet
    _rtp(r, "Sudah selesai", dt.date(2026, 11, 1), ST.SELESAI)
    _rtp(_risiko(versi_sampel, 2024, "Risiko lama"), "Langkah 2024", dt.date(2024, 6, 30))  # before last year
    for nama in ("perencana", "camat"):
        butir = _rtp_kotak(pengguna(nama))
        assert [b.kunci for b in butir] == [
            f"rtp:{lewat.pk}:2026-11-30",
            f"rtp:{hari_ini.pk}:2026-12-04",
            f"rtp:{dekat.pk}:2026-12-11",
        ]
        assert [(b.tahap, b.tanda) for b in butir] == [
            ("lewat", "lewat tenggat"),
            ("dekat", "hari ini tenggat"),
            ("dekat", "7 hari lagi"),
        ]
        assert "Tenggat 30-11-2026 sudah lewat 4 hari." in butir[0].rincian
        assert "Data kependudukan tidak mutakhir" in butir[0].rincian and "Sekcam" in butir[0].rincian
        assert butir[0].alamat == f"/risiko/{versi_sampel.pd_id}/2026/{r.pk}/#rtp"
        assert "Data kependudukan" not in butir[0].judul_surel  # the register's words stay in the system
    for nama in ("operator-rembang", "lurah-rembang", "verifikator"):
        assert _rtp_kotak(pengguna(nama)) == []


def test_a_new_deadline_is_a_new_event_and_a_finished_step_leaves(versi_sampel, pengguna):
    t = _rtp(_risiko(versi_sampel, 2025, "Risiko tahun lalu"), "Langkah", dt.date(2026, 12, 1))
    [b] = _rtp_kotak(pengguna("perencana"))
    assert b.kunci_kiriman == f"rtp:{t.pk}:2026-12-01@lewat"  # last year's risk still counts
    t.tenggat = dt.date(2026, 12, 9)
    t.save()
    [b] = _rtp_kotak(pengguna("perencana"))
    assert b.kunci_kiriman == f"rtp:{t.pk}:2026-12-09@dekat"
    t.status = ST.SELESAI
    t.save()
    assert _rtp_kotak(pengguna("perencana")) == []


def test_one_query_whatever_the_number_of_steps(versi_sampel, pengguna):
    perencana = pengguna("perencana")

    def hitung() -> int:
        perencana._cakupan_kinerja = None
        with CaptureQueriesContext(connection) as q:
            hitung_kotak(perencana, sekarang=KINI, jenis={"risiko"})
        return len(q)

    r = _risiko(versi_sampel, 2026, "Banyak langkah")
    _rtp(r, "Langkah 0", HARI)
    sebelum = hitung()
    for i in range(1, 12):
        _rtp(r, f"Langkah {i}", HARI - dt.timedelta(days=i))
    assert hitung() == sebelum and len(_rtp_kotak(perencana)) == 12
