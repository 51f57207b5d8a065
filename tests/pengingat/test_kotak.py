"""The inbox of each demo persona on the sample, at a fixed clock; the expected lines are derived from
the sample's rows and the rules written out here, not from the code under test."""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.layanan.models import Pelayanan
from kinerja.monev.models import Laporan, PerjanjianKinerja, PersetujuanPD
from kinerja.pengaduan.models import Kategori, Pengaduan
from kinerja.pengingat.kotak import hitung_kotak
from kinerja.skm.models import Respons
from kinerja.wilayah.models import Pemda, Unit

from .conftest import pada

pytestmark = pytest.mark.django_db

KINI = pada("2026-12-04T09:00")  # the plan's last year, its fourth quarter running
HARI = dt.date(2026, 12, 4)
S = Laporan.Status


def _kelompok(kotak) -> dict[str, list]:
    return {k.jenis.kode: k.butir for k in kotak.kelompok}


def _unit(versi, nama: str) -> Unit:
    return Unit.objects.get(pd=versi.pd, nama_pendek=nama)


def _terbuka(**saring):
    return Pengaduan.objects.filter(**saring).exclude(status__in=["selesai", "ditolak"])


def test_operator_sees_the_running_quarter_with_its_deadline_and_the_returned_one(versi_sampel, pengguna):
    rembang = _unit(versi_sampel, "Rembang")
    assert not Laporan.objects.filter(unit=rembang, dibuka_sampai__isnull=False).exists()
    kotak = hitung_kotak(pengguna("operator-rembang"), sekarang=KINI)
    g = _kelompok(kotak)
    assert set(g) == {"isi", "perbaiki"}  # no complaint of Rembang is open, no 2026 service logged
    # Quarter IV of 2026 began on 1 October; its deadline is 31 December + the pemda's 15 days.
    batas = dt.date(2026, 12, 31) + dt.timedelta(days=versi_sampel.pd.pemda.batas_hari_laporan)
    assert batas == dt.date(2027, 1, 15)
    [isi] = g["isi"]
    assert isi.judul == "Triwulan IV 2026 · Kelurahan Rembang"
    assert f"Batas pengisian 15-01-2027, {(batas - HARI).days} hari lagi" in isi.rincian
    assert isi.alamat == f"/monev/{versi_sampel.pk}/2026/tw4/unit/{rembang.pk}/"
    assert isi.tahap == ""  # the quarter is still running: in the inbox, not e-mailed
    kembali = Laporan.objects.get(unit=rembang, status=S.DIKEMBALIKAN)
    [perbaiki] = g["perbaiki"]
    assert (
        perbaiki.alamat == f"/monev/{versi_sampel.pk}/{kembali.tahun}/tw{kembali.triwulan}/unit/{rembang.pk}/"
    )
    assert kembali.catatan in perbaiki.rincian
    assert perbaiki.tanda == "dikembalikan"
    assert kotak.jumlah == 2


def test_operator_sees_a_reopened_quarter_and_its_units_overdue_complaints(versi_sampel, pengguna):
    gedog = _unit(versi_sampel, "Gedog")
    dibuka = list(Laporan.objects.filter(unit=gedog, status=S.DRAFT, dibuka_sampai__gte=HARI))
    assert dibuka, "the sample reopens a quarter of Gedog"
    g = _kelompok(hitung_kotak(pengguna("operator-gedog"), sekarang=KINI))
    romawi = {1: "I", 2: "II", 3: "III", 4: "IV"}
    diharapkan = [("Triwulan IV 2026 · Kelurahan Gedog", dt.date(2027, 1, 15))] + [
        (f"Triwulan {romawi[lap.triwulan]} {lap.tahun} · Kelurahan Gedog", lap.dibuka_sampai)
        for lap in dibuka
    ]
    assert [(b.judul, b.tenggat) for b in g["isi"]] == sorted(diharapkan, key=lambda x: x[1])
    assert "Dibuka kembali oleh verifikator" in g["isi"][-1].rincian
    aduan = _terbuka(unit=gedog)
    assert [b.alamat for b in g["pengaduan"]] == [
        f"/pengaduan/{a.pd_id}/{a.pk}/" for a in aduan.order_by("batas")
    ]
    assert all(b.tanda == "lewat batas" for b in g["pengaduan"])


def test_perencana_sees_submitted_quarters_and_every_open_complaint_of_the_pd(versi_sampel, pengguna):
    g = _kelompok(hitung_kotak(pengguna("perencana"), sekarang=KINI))
    assert set(g) == {"terlambat", "verifikasi", "pengaduan"}
    diajukan = Laporan.objects.filter(unit__pd=versi_sampel.pd, status=S.DIAJUKAN)
    assert {b.kunci for b in g["verifikasi"]} == {f"verifikasi:{lap.pk}:{lap.revisi}" for lap in diajukan}
    assert {b.kunci for b in g["pengaduan"]} == {f"pengaduan:{a.pk}" for a in _terbuka(pd=versi_sampel.pd)}
    # Every open complaint of the 2022 sample is long past its deadline by December 2026.
    lewat = {a.pk: (HARI - a.batas).days for a in _terbuka(pd=versi_sampel.pd)}
    for b in g["pengaduan"]:
        assert f"sudah lewat {lewat[int(b.kunci.split(':')[1])]} hari" in b.rincian


def test_the_complaint_line_never_carries_the_reporters_name_or_contact(versi_sampel, pengguna):
    aduan = list(_terbuka(pd=versi_sampel.pd))
    assert any(a.kontak_pelapor for a in aduan)
    g = _kelompok(hitung_kotak(pengguna("perencana"), sekarang=KINI))
    teks = " ".join(f"{b.judul} {b.rincian} {b.judul_surel}" for b in g["pengaduan"])
    for a in aduan:
        for rahasia in (a.kontak_pelapor, a.nama_pelapor):
            assert not rahasia or rahasia not in teks


def test_camat_sees_the_unsigned_pk_of_the_year_and_lurah_nothing(versi_sampel, pengguna):
    assert not PerjanjianKinerja.objects.filter(pd=versi_sampel.pd, tahun=2026).exists()
    g = _kelompok(hitung_kotak(pengguna("camat"), sekarang=KINI))
    assert list(g) == ["pk"]
    [pk] = g["pk"]
    assert pk.alamat == f"/monev/{versi_sampel.pk}/2026/pk/"
    assert pk.kunci_kiriman == f"pk:{versi_sampel.pd_id}:2026@bulan-12"
    assert hitung_kotak(pengguna("lurah-gedog"), sekarang=KINI).jumlah == 0


def test_verifikator_sees_the_submitted_quarters_only(versi_sampel, pengguna):
    # One approval level: Bappeda's verifikator verifies the units' quarters itself.
    Pemda.objects.filter(pk=versi_sampel.pd.pemda_id).update(tingkat_persetujuan=1)
    g = _kelompok(hitung_kotak(pengguna("verifikator"), sekarang=KINI))
    assert list(g) == ["verifikasi", "terlambat"]  # Bappeda reads complaint figures only: not a handler
    assert len(g["verifikasi"]) == Laporan.objects.filter(status=S.DIAJUKAN).count()


def test_with_two_levels_the_verifikator_sees_the_pd_quarters_waiting_for_it(versi_sampel, pengguna):
    # The sample pemda approves in two levels: triwulan III of 2022 waits for Bappeda; the submitted
    # unit quarter (Klampok, triwulan IV) is the PD's perencana's to verify.
    g = _kelompok(hitung_kotak(pengguna("verifikator"), sekarang=KINI))
    assert list(g) == ["terlambat", "persetujuan"]
    [b] = g["persetujuan"]
    p = PersetujuanPD.objects.get(pd=versi_sampel.pd, tahun=2022, triwulan=3, status="menunggu")
    assert b.kunci == f"persetujuan:{p.pk}:{p.revisi}"
    assert b.alamat == f"/kota/{versi_sampel.pd.pemda.slug}/2022/tw3/{versi_sampel.pd.slug}/"
    assert [x.judul for x in _kelompok(hitung_kotak(pengguna("perencana"), sekarang=KINI))["verifikasi"]]


def test_late_unit_quarters_of_this_and_last_year_go_to_the_verifiers_and_bappeda(versi_sampel, pengguna):
    """On 4 December 2026 the sample (reports of 2022 only) has nothing submitted for 2025 and 2026: every
    quarter whose deadline (quarter's end + the pemda's 15 days) has passed is late — 2025 I–IV and 2026
    I–III (III closed on 15 October); 2026 IV runs until 15 January. All 8 reporting units (the office and
    seven kelurahan) are late in each. A quarter reopened until a date not yet passed is not late."""
    pd = versi_sampel.pd
    assert pd.pemda.batas_hari_laporan == 15
    harapan = {(2025, 1), (2025, 2), (2025, 3), (2025, 4), (2026, 1), (2026, 2), (2026, 3)}
    for akun, alamat in (
        ("perencana", f"/monev/{versi_sampel.pk}/2025/"),  # the PD's matrix of the year
        ("verifikator", f"/kota/{pd.pemda.slug}/2025/tw1/{pd.slug}/"),  # the PD quarter page
    ):
        g = _kelompok(hitung_kotak(pengguna(akun), sekarang=KINI))
        milik = [b for b in g["terlambat"] if f":{pd.pk}:" in b.kunci]
        assert {tuple(map(int, b.kunci.split(":")[2:])) for b in milik} == harapan
        assert all(b.rincian.startswith("8 laporan unit belum diajukan") for b in milik)
        assert all(b.tanda == "lewat batas" and b.tahap == "terlambat" for b in milik)
        assert {b.alamat for b in milik if b.kunci.endswith(":2025:1")} == {alamat}
    rembang = _unit(versi_sampel, "Rembang")
    Laporan.objects.create(unit=rembang, tahun=2026, triwulan=3, dibuka_sampai=dt.date(2026, 12, 10))
    Laporan.objects.create(unit=_unit(versi_sampel, "Gedog"), tahun=2026, triwulan=2, status=S.DIAJUKAN)
    g = _kelompok(hitung_kotak(pengguna("perencana"), sekarang=KINI))
    baris = {b.kunci.split(":", 2)[2]: b.rincian for b in g["terlambat"]}
    assert baris["2026:3"].startswith("7 laporan") and "Rembang" not in baris["2026:3"]
    assert baris["2026:2"].startswith("7 laporan") and "Gedog" not in baris["2026:2"]
    assert "terlambat" not in _kelompok(hitung_kotak(pengguna("operator-gedog"), sekarang=KINI))


def test_no_work_after_the_plan_ends(versi_sampel, pengguna):
    """In 2028 the plan (2021–2026) has no quarter to fill and no PK to sign."""
    later = pada("2028-02-10T09:00")
    assert "isi" not in _kelompok(hitung_kotak(pengguna("operator-rembang"), sekarang=later))
    assert hitung_kotak(pengguna("camat"), sekarang=later).jumlah == 0


def _sampel_minimum(n: int) -> int:
    """Krejcie & Morgan, written out again: λ² = 3,841, P = Q = ½, d = 0,05, rounded up."""
    s = Fraction("3.841") * n * Fraction(1, 4) / (Fraction(1, 400) * (n - 1) + Fraction("3.841") / 4)
    return math.ceil(s)


def test_survey_sample_shortfall_per_unit_from_the_raw_rows(versi_sampel, pengguna):
    assert (_sampel_minimum(100), _sampel_minimum(1000), _sampel_minimum(10000)) == (80, 278, 370)
    juni = pada("2022-06-20T09:00")
    awal, akhir = pada("2022-01-01T00:00"), pada("2022-06-21T00:00")
    g = _kelompok(hitung_kotak(pengguna("perencana"), sekarang=juni))
    dapat = {b.kunci: b for b in g.get("survei", [])}
    diharapkan = set()
    for u in Unit.objects.filter(pd=versi_sampel.pd, jenis__in=["kantor", "kelurahan"]):
        n = Pelayanan.objects.filter(unit=u, diterima__gte=awal, diterima__lt=akhir).count()
        r = Respons.objects.filter(unit=u, waktu__gte=awal, waktu__lt=akhir, karantina__isnull=True).count()
        if n and r < _sampel_minimum(n):
            diharapkan.add(f"survei:{u.pk}:2022")
            b = dapat[f"survei:{u.pk}:2022"]
            assert b.rincian.startswith(f"{r} responden dari sampel minimum {_sampel_minimum(n)}")
            assert b.tahap == "tw2"  # June is the last month of quarter II: e-mailed now
    assert diharapkan and set(dapat) == diharapkan
    # The operator of Gedog sees Gedog's line only.
    gedog = _unit(versi_sampel, "Gedog")
    milik = _kelompok(hitung_kotak(pengguna("operator-gedog"), sekarang=juni)).get("survei", [])
    assert {b.kunci for b in milik} == {k for k in diharapkan if k == f"survei:{gedog.pk}:2022"}


def test_queries_do_not_grow_with_the_data(versi_sampel, pengguna):
    perencana = pengguna("perencana")

    def hitung() -> int:
        perencana._cakupan_kinerja = None
        with CaptureQueriesContext(connection) as q:
            hitung_kotak(perencana, sekarang=KINI)
        return len(q)

    sebelum = hitung()
    kategori = Kategori.objects.filter(pd=versi_sampel.pd).first()
    units = list(Unit.objects.filter(pd=versi_sampel.pd, jenis="kelurahan"))
    for i, u in enumerate(units):
        Pengaduan.objects.create(
            pd=versi_sampel.pd,
            unit=u,
            kategori=kategori,
            kanal="web",
            judul=f"Uji {i}",
            isi="Uji",
            diterima_pada=pada("2026-12-01T08:00"),
            batas=HARI + dt.timedelta(days=1),
        )
        Laporan.objects.update_or_create(
            unit=u, tahun=2026, triwulan=3, defaults={"status": S.DIAJUKAN, "diajukan_pada": KINI}
        )
    setelah = hitung()
    assert (
        setelah == sebelum <= 19
    )  # late quarters: PDs, units and reports read once (+2 on 16); risk steps (+1)
    assert len(_kelompok(hitung_kotak(perencana, sekarang=KINI))["verifikasi"]) >= len(units)


def test_a_sections_operator_has_no_quarter_to_fill_but_sees_a_returned_report(versi_sampel):
    from django.contrib.auth import get_user_model

    from kinerja.core.models import Peran

    kantor = _unit(versi_sampel, "Kecamatan")
    seksi = Unit.objects.create(
        pd=versi_sampel.pd, induk=kantor, jenis="bagian", nama="Seksi Uji", nama_pendek="Seksi Uji"
    )
    user = get_user_model().objects.create_user("operator-seksi")
    Peran.objects.create(pengguna=user, jenis="operator", unit=seksi)
    assert hitung_kotak(user, sekarang=KINI).jumlah == 0  # no row of its own to report
    Laporan.objects.create(unit=seksi, tahun=2026, triwulan=3, status=S.DIKEMBALIKAN, catatan="Lengkapi.")
    user._cakupan_kinerja = None
    assert [b.jenis for b in hitung_kotak(user, sekarang=KINI).butir] == ["perbaiki"]
