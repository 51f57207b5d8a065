"""Two-level approval transitions: the PD verifies its units, Bappeda approves the PD quarter.

The sample pemda (Kota Blitar) approves in two levels: in 2022 triwulan I and II are approved by
Bappeda's verifikator, triwulan III waits for it, triwulan IV still has unit reports open (Klampok
submitted, Rembang returned, Gedog reopened for practice).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.core.models import CatatanAudit, Peran
from kinerja.monev import alur, persetujuan
from kinerja.monev.models import Laporan, PersetujuanPD
from kinerja.monev.services import Bentrok
from kinerja.wilayah.models import Pemda, PerangkatDaerah

pytestmark = pytest.mark.django_db
P = PersetujuanPD.Status
S = Laporan.Status
JAUH = dt.date(2099, 1, 1)


def _u(nama: str):
    return get_user_model().objects.get(username=nama)


def _p(pd, tw: int) -> PersetujuanPD | None:
    return PersetujuanPD.objects.filter(pd=pd, tahun=2022, triwulan=tw).first()


@pytest.fixture
def pd(versi_sampel) -> PerangkatDaerah:
    return versi_sampel.pd


def _selesaikan_tw4(sampel, pengguna="perencana"):
    """Bring every open unit report of triwulan IV to verified, the last one verified last."""
    klampok = sampel.laporan("Klampok", 4)
    alur.verifikasi(pengguna=_u(pengguna), laporan=klampok)
    rembang = sampel.laporan("Rembang", 4)
    alur.ajukan(pengguna=_u("operator-rembang"), laporan=rembang, tetap=True)
    alur.verifikasi(pengguna=_u(pengguna), laporan=sampel.laporan("Rembang", 4))
    gedog = sampel.laporan("Gedog", 4)
    alur.ajukan(pengguna=_u("operator-gedog"), laporan=gedog, tetap=True)


def test_the_sample_states_its_quarters_truthfully(pd):
    assert pd.pemda.tingkat_persetujuan == 2
    assert [_p(pd, q).status for q in (1, 2, 3)] == [P.DISETUJUI, P.DISETUJUI, P.MENUNGGU]
    assert _p(pd, 1).diperiksa_oleh.username == "verifikator"
    assert _p(pd, 4) is None  # three unit reports of triwulan IV are not verified


def test_the_quarter_waits_for_bappeda_once_its_last_unit_is_verified(pd, sampel):
    _selesaikan_tw4(sampel)
    assert _p(pd, 4) is None  # Gedog is submitted, not yet verified
    alur.verifikasi(pengguna=_u("perencana"), laporan=sampel.laporan("Gedog", 4))
    p = _p(pd, 4)
    assert p.status == P.MENUNGGU and p.diajukan_pada is not None and p.revisi == 1
    assert CatatanAudit.objects.filter(aksi="persetujuan.ajukan", objek_id=str(p.pk)).count() == 1


def test_bappeda_approves_and_the_unit_reports_are_locked(pd, sampel):
    p = persetujuan.setujui(
        pengguna=_u("verifikator"), pd=pd, tahun=2022, triwulan=3, revisi=_p(pd, 3).revisi
    )
    assert p.status == P.DISETUJUI and p.diperiksa_oleh.username == "verifikator"
    assert CatatanAudit.objects.filter(aksi="persetujuan.setujui", objek_id=str(p.pk)).exists()
    for siapa in ("perencana", "verifikator"):
        with pytest.raises(ValidationError, match="sudah disetujui Bappeda pada"):
            alur.buka_kembali(pengguna=_u(siapa), laporan=sampel.laporan("Gedog", 3), alasan="x", sampai=JAUH)
    assert sampel.laporan("Gedog", 3).status == S.DIVERIFIKASI


def test_a_return_needs_a_note_and_changes_nothing_without_it(pd):
    revisi = _p(pd, 3).revisi
    for kosong in ("", "   "):
        with pytest.raises(ValidationError) as e:
            persetujuan.kembalikan(
                pengguna=_u("verifikator"), pd=pd, tahun=2022, triwulan=3, catatan=kosong, revisi=revisi
            )
        assert "catatan" in e.value.message_dict
    assert _p(pd, 3).status == P.MENUNGGU and _p(pd, 3).revisi == revisi


def test_after_a_return_the_pd_reopens_a_unit_and_the_quarter_waits_again(pd, sampel):
    p = persetujuan.kembalikan(
        pengguna=_u("verifikator"),
        pd=pd,
        tahun=2022,
        triwulan=3,
        catatan="Cek Gedog",
        revisi=_p(pd, 3).revisi,
    )
    assert p.status == P.DIKEMBALIKAN and p.catatan == "Cek Gedog"
    revisi_kembali = p.revisi
    # the PD's perencana may now reopen (it could not before Bappeda returned the quarter)
    alur.buka_kembali(
        pengguna=_u("perencana"), laporan=sampel.laporan("Gedog", 3), alasan="Perbaiki", sampai=JAUH
    )
    assert sampel.laporan("Gedog", 3).status == S.DRAFT
    assert _p(pd, 3).status == P.DIKEMBALIKAN
    alur.ajukan(pengguna=_u("operator-gedog"), laporan=sampel.laporan("Gedog", 3), tetap=True)
    alur.verifikasi(pengguna=_u("perencana"), laporan=sampel.laporan("Gedog", 3))
    p = _p(pd, 3)
    assert p.status == P.MENUNGGU and p.revisi == revisi_kembali + 1


def test_the_pd_may_submit_again_unchanged_with_an_answer(pd):
    p = persetujuan.kembalikan(
        pengguna=_u("verifikator"), pd=pd, tahun=2022, triwulan=3, catatan="Cek", revisi=_p(pd, 3).revisi
    )
    with pytest.raises(ValidationError) as e:
        persetujuan.ajukan_kembali(
            pengguna=_u("perencana"), pd=pd, tahun=2022, triwulan=3, catatan="", revisi=p.revisi
        )
    assert "catatan" in e.value.message_dict
    p = persetujuan.ajukan_kembali(
        pengguna=_u("perencana"), pd=pd, tahun=2022, triwulan=3, catatan="Sudah benar", revisi=p.revisi
    )
    assert p.status == P.MENUNGGU
    assert (
        CatatanAudit.objects.get(aksi="persetujuan.ajukan_kembali", objek_id=str(p.pk)).alasan
        == "Sudah benar"
    )


def test_a_stale_page_is_refused(pd):
    lama = _p(pd, 3).revisi
    persetujuan.kembalikan(
        pengguna=_u("verifikator"), pd=pd, tahun=2022, triwulan=3, catatan="Cek", revisi=lama
    )
    with pytest.raises(Bentrok):
        persetujuan.setujui(pengguna=_u("verifikator"), pd=pd, tahun=2022, triwulan=3, revisi=lama)
    assert _p(pd, 3).status == P.DIKEMBALIKAN


def test_only_a_waiting_quarter_is_approved_or_returned(pd):
    with pytest.raises(ValidationError, match="tidak dapat disetujui"):
        persetujuan.setujui(pengguna=_u("verifikator"), pd=pd, tahun=2022, triwulan=4, revisi=None)
    with pytest.raises(ValidationError, match="tidak dapat dikembalikan"):
        persetujuan.kembalikan(
            pengguna=_u("verifikator"), pd=pd, tahun=2022, triwulan=1, catatan="x", revisi=None
        )


def test_cancelling_an_approval_needs_a_reason_and_unlocks(pd, sampel):
    p = _p(pd, 2)
    with pytest.raises(ValidationError) as e:
        persetujuan.batalkan(
            pengguna=_u("verifikator"), pd=pd, tahun=2022, triwulan=2, alasan=" ", revisi=p.revisi
        )
    assert "alasan" in e.value.message_dict
    with pytest.raises(PermissionDenied):
        persetujuan.batalkan(
            pengguna=_u("perencana"), pd=pd, tahun=2022, triwulan=2, alasan="x", revisi=p.revisi
        )
    p = persetujuan.batalkan(
        pengguna=_u("verifikator"), pd=pd, tahun=2022, triwulan=2, alasan="Salah klik", revisi=p.revisi
    )
    assert p.status == P.DIKEMBALIKAN and "Salah klik" in p.catatan
    assert CatatanAudit.objects.get(aksi="persetujuan.batalkan", objek_id=str(p.pk)).alasan == "Salah klik"
    alur.buka_kembali(pengguna=_u("perencana"), laporan=sampel.laporan("Gedog", 2), alasan="x", sampai=JAUH)
    assert sampel.laporan("Gedog", 2).status == S.DRAFT


def test_while_bappeda_has_the_quarter_no_unit_report_is_reopened(pd, sampel):
    with pytest.raises(ValidationError, match="menunggu persetujuan Bappeda"):
        alur.buka_kembali(
            pengguna=_u("verifikator"), laporan=sampel.laporan("Gedog", 3), alasan="x", sampai=JAUH
        )


@pytest.mark.parametrize("siapa", ["perencana", "camat", "operator-gedog", "lurah-gedog", "verifikator-lain"])
def test_only_bappeda_of_the_pemda_approves(pd, siapa):
    if siapa == "verifikator-lain":
        lain = Pemda.objects.create(nama="Kabupaten Lain", slug="kabupaten-lain")
        user = get_user_model().objects.create_user(siapa)
        Peran.objects.create(pengguna=user, jenis="verifikator", pemda=lain)
    else:
        user = _u(siapa)
    revisi = _p(pd, 3).revisi
    with pytest.raises(PermissionDenied):
        persetujuan.setujui(pengguna=user, pd=pd, tahun=2022, triwulan=3, revisi=revisi)
    with pytest.raises(PermissionDenied):
        persetujuan.kembalikan(pengguna=user, pd=pd, tahun=2022, triwulan=3, catatan="x", revisi=revisi)
    assert _p(pd, 3).status == P.MENUNGGU and _p(pd, 3).revisi == revisi


def test_the_pemda_admin_is_bappeda_too(pd):
    p = persetujuan.setujui(pengguna=_u("admin-kota"), pd=pd, tahun=2022, triwulan=3, revisi=_p(pd, 3).revisi)
    assert p.status == P.DISETUJUI


def test_a_one_level_pemda_is_untouched(pd, sampel):
    Pemda.objects.filter(pk=pd.pemda_id).update(tingkat_persetujuan=1)
    pd.pemda.refresh_from_db()
    _selesaikan_tw4(sampel)
    alur.verifikasi(pengguna=_u("perencana"), laporan=sampel.laporan("Gedog", 4))
    assert _p(pd, 4) is None
    # one level: a verified report is reopened by the verifikator as before, whatever Bappeda's rows say
    alur.buka_kembali(pengguna=_u("verifikator"), laporan=sampel.laporan("Gedog", 1), alasan="x", sampai=JAUH)
    assert sampel.laporan("Gedog", 1).status == S.DRAFT
    with pytest.raises(PermissionDenied):
        alur.buka_kembali(
            pengguna=_u("perencana"), laporan=sampel.laporan("Gedog", 2), alasan="x", sampai=JAUH
        )
    with pytest.raises(ValidationError, match="satu tingkat"):
        persetujuan.setujui(
            pengguna=_u("verifikator"), pd=pd, tahun=2022, triwulan=3, revisi=_p(pd, 3).revisi
        )


def test_switching_to_two_levels_makes_no_verified_quarter_look_approved(pd, sampel, versi_sampel):
    from kinerja.monev.selectors import muat_evaluasi

    PersetujuanPD.objects.filter(pd=pd, tahun=2022, triwulan=2).delete()  # verified under one level
    assert (
        muat_evaluasi(versi_sampel, 2022, 2).kalimat_persetujuan == "Belum diajukan ke Bappeda: belum final"
    )
    assert "Disetujui Bappeda" in muat_evaluasi(versi_sampel, 2022, 1).kalimat_persetujuan
    p = persetujuan.ajukan_kembali(
        pengguna=_u("perencana"), pd=pd, tahun=2022, triwulan=2, catatan="Mohon", revisi=0
    )
    assert p.status == P.MENUNGGU and p.revisi == 1


def test_switching_to_one_level_and_back_never_keeps_an_approval_of_changed_data(pd, sampel, versi_sampel):
    from kinerja.monev.selectors import muat_evaluasi

    Pemda.objects.filter(pk=pd.pemda_id).update(tingkat_persetujuan=1)
    pd.pemda.refresh_from_db()
    alur.buka_kembali(pengguna=_u("verifikator"), laporan=sampel.laporan("Gedog", 1), alasan="x", sampai=JAUH)
    Pemda.objects.filter(pk=pd.pemda_id).update(tingkat_persetujuan=2)
    p = _p(pd, 1)
    assert p.status == P.DIKEMBALIKAN and "Kelurahan Gedog dibuka kembali" in p.catatan
    assert CatatanAudit.objects.filter(aksi="persetujuan.lepas", objek_id=str(p.pk)).exists()
    versi_sampel.pd.pemda.refresh_from_db()
    assert "Disetujui" not in muat_evaluasi(versi_sampel, 2022, 1).kalimat_persetujuan


def test_the_perencana_may_not_reopen_before_a_return(pd, sampel):
    PersetujuanPD.objects.filter(pd=pd, tahun=2022, triwulan=2).delete()
    with pytest.raises(PermissionDenied):
        alur.buka_kembali(
            pengguna=_u("perencana"), laporan=sampel.laporan("Gedog", 2), alasan="x", sampai=JAUH
        )


# --- every report states the approval --------------------------------------------------------------

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September"]


def _e81(client, versi, tw: int, fmt: str = "") -> str:
    from django.urls import reverse

    client.force_login(_u("camat"))
    if fmt:
        import io

        import openpyxl

        r = client.get(reverse("monev:unduh_laporan", args=[versi.pk, 2022, "E.81", fmt]) + f"?triwulan={tw}")
        wb = openpyxl.load_workbook(io.BytesIO(r.content))
        return " ".join(str(c.value) for row in wb.active.iter_rows(max_row=6) for c in row if c.value)
    return client.get(
        reverse("monev:laporan", args=[versi.pk, 2022, "E.81"]) + f"?triwulan={tw}"
    ).content.decode()


def test_e81_states_the_approval_on_the_page_and_in_the_workbook(client, versi_sampel):
    # The sample verifies triwulan I twelve days after it ends (the deadline is later) and Bappeda
    # approves five days after that: 31 March + 17 days.
    batas = versi_sampel.pd.pemda.batas_hari_laporan
    hari = dt.date(2022, 3, 31) + dt.timedelta(days=min(12, batas) + 5)
    harap = f"Disetujui Bappeda {hari.day} {BULAN[hari.month - 1]} {hari.year} oleh Verifikator Bappeda Kota Blitar"
    assert harap in _e81(client, versi_sampel, 1)
    assert harap in _e81(client, versi_sampel, 1, "xlsx")
    assert "Menunggu persetujuan Bappeda: belum final" in _e81(client, versi_sampel, 3)
    persetujuan.kembalikan(
        pengguna=_u("verifikator"),
        pd=versi_sampel.pd,
        tahun=2022,
        triwulan=3,
        catatan="Cek PKK",
        revisi=_p(versi_sampel.pd, 3).revisi,
    )
    assert "Dikembalikan Bappeda: Cek PKK — belum final" in _e81(client, versi_sampel, 3)
    assert "Belum diajukan ke Bappeda: belum final" in _e81(client, versi_sampel, 4)


def test_one_level_reports_say_nothing_of_bappeda(client, versi_sampel):
    Pemda.objects.filter(pk=versi_sampel.pd.pemda_id).update(tingkat_persetujuan=1)
    assert "Bappeda:" not in _e81(client, versi_sampel, 3) and "Disetujui Bappeda" not in _e81(
        client, versi_sampel, 1
    )


def test_e80_and_lkjip_state_the_approval_of_the_year(client, versi_sampel):
    from django.urls import reverse

    client.force_login(_u("camat"))
    # triwulan IV of 2022 still has unit reports open: not submitted to Bappeda, so not final
    harap = {
        "E.80": "2022: 5 dari 8 unit (triwulan IV), belum diajukan ke Bappeda",
        "LKJIP": "Belum diajukan ke Bappeda: belum final",
    }
    for kode, kalimat in harap.items():
        teks = client.get(reverse("monev:laporan", args=[versi_sampel.pk, 2022, kode])).content.decode()
        assert kalimat in teks, kode
