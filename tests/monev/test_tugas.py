"""The work waiting for each role: the verification queue, the unit's capaian, the PK to sign."""

from __future__ import annotations

from fractions import Fraction

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from kinerja.monev import alur
from kinerja.monev.models import Laporan, PerjanjianKinerja, RealisasiAnggaran
from kinerja.renstra.models import Anggaran, Target
from kinerja.wilayah.models import PerangkatDaerah, Unit

pytestmark = pytest.mark.django_db
S = Laporan.Status


def _pengguna(username):
    return get_user_model().objects.get(username=username)


def _pd_lain(pemda, nama="Kepanjenkidul"):
    """A second PD of the same pemda, with a report awaiting verification (and no Renstra yet)."""
    pd = PerangkatDaerah.objects.create(
        pemda=pemda, nama=f"Kecamatan {nama}", slug=f"kecamatan-{nama.lower()}"
    )
    kantor = Unit.objects.create(
        pd=pd, jenis="kantor", nama=f"Kantor Kecamatan {nama}", nama_pendek="Kecamatan"
    )
    Laporan.objects.create(
        unit=kantor, tahun=2022, triwulan=4, status=S.DIAJUKAN, diajukan_pada=timezone.now()
    )
    return pd


# --- the verification queue --------------------------------------------------------------------


def test_the_queue_lists_the_submitted_quarter_with_a_link_and_the_returned_one_apart(masuk, sampel):
    r = masuk("perencana").get(reverse("monev:antrean"))
    assert r.status_code == 200
    diajukan = [m.laporan for m in r.context["antrean"].diajukan]
    # The sample: Klampok's fourth quarter awaits verification; Rembang's was returned.
    assert diajukan == [sampel.laporan("Klampok", 4)]
    assert [m.laporan for m in r.context["antrean"].dikembalikan] == [sampel.laporan("Rembang", 4)]
    teks = r.content.decode()
    assert reverse("monev:isian", args=[sampel.versi.pk, 2022, 4, sampel.unit["Klampok"].pk]) in teks


def test_a_quarter_resubmitted_after_its_return_is_marked_with_the_note(masuk, sampel):
    lap = sampel.laporan("Rembang", 4)
    alur.ajukan(pengguna=_pengguna("operator-rembang"), laporan=lap, revisi=lap.revisi, tetap=True)
    alur.kembalikan(
        pengguna=_pengguna("perencana"),
        laporan=lap,
        catatan="Lampirkan notulen rembug warga.",
    )
    lap.refresh_from_db()
    alur.ajukan(pengguna=_pengguna("operator-rembang"), laporan=lap, revisi=lap.revisi, tetap=True)
    r = masuk("verifikator").get(reverse("monev:antrean"))
    ulang = {m.laporan.unit.nama_pendek: m for m in r.context["antrean"].diajukan}
    assert set(ulang) == {"Klampok", "Rembang"}
    assert ulang["Klampok"].kembali is None
    assert ulang["Rembang"].kembali.alasan == "Lampirkan notulen rembug warga."
    teks = r.content.decode()
    assert "diajukan ulang" in teks and "Lampirkan notulen rembug warga." in teks


def test_when_nothing_awaits_the_queue_says_so_and_links_to_the_matrix(masuk, sampel):
    lap = sampel.laporan("Klampok", 4)
    alur.verifikasi(pengguna=_pengguna("perencana"), laporan=lap, revisi=lap.revisi)
    r = masuk("perencana").get(reverse("monev:antrean"))
    teks = r.content.decode()
    assert r.context["antrean"].diajukan == []
    assert "Tidak ada laporan yang menunggu verifikasi" in teks
    assert reverse("monev:beranda", args=[sampel.versi.pk]) in teks


def test_the_verifikator_sees_every_pd_of_its_pemda_and_the_perencana_its_own(masuk, sampel):
    lain = _pd_lain(sampel.versi.pd.pemda)
    unit_verifikator = {
        m.laporan.unit.pd_id
        for m in masuk("verifikator").get(reverse("monev:antrean")).context["antrean"].diajukan
    }
    assert unit_verifikator == {sampel.versi.pd_id, lain.pk}
    unit_perencana = {
        m.laporan.unit.pd_id
        for m in masuk("perencana").get(reverse("monev:antrean")).context["antrean"].diajukan
    }
    assert unit_perencana == {sampel.versi.pd_id}


@pytest.mark.parametrize("persona", ["operator-klampok", "lurah-klampok", "camat", "tamu"])
def test_the_queue_is_refused_to_those_who_do_not_verify(masuk, persona):
    r = masuk(persona).get(reverse("monev:antrean"))
    assert r.status_code == 403


def test_the_queue_reads_a_fixed_number_of_queries_whatever_the_number_of_pds(
    masuk, sampel, django_assert_max_num_queries
):
    c = masuk("verifikator")
    # Measured 9: session and user (2), roles and the pemda's PDs (2), PDs, versions, reports,
    # returns (4), the year of the single PD's menu (1); one spare. More PDs add none.
    with django_assert_max_num_queries(10):
        assert c.get(reverse("monev:antrean")).status_code == 200
    for i in range(5):
        _pd_lain(sampel.versi.pd.pemda, nama=f"Uji{i}")
    with django_assert_max_num_queries(10):
        r = c.get(reverse("monev:antrean"))
    assert len(r.context["antrean"].diajukan) == 6


# --- stable addresses the landing page points to ------------------------------------------------


def test_my_units_current_quarter_is_refused_for_another_unit(masuk, sampel):
    c = masuk("operator-gedog")
    assert c.get(reverse("monev:isian_kini", args=[sampel.unit["Rembang"].pk])).status_code == 403
    r = c.get(reverse("monev:isian_kini", args=[sampel.unit["Gedog"].pk]))
    assert r["Location"] == reverse("monev:isian", args=[sampel.versi.pk, 2022, 4, sampel.unit["Gedog"].pk])


def test_the_pds_current_capaian_keeps_the_unit(masuk, sampel):
    gedog = sampel.unit["Gedog"].pk
    r = masuk("lurah-gedog").get(reverse("monev:capaian_kini", args=[sampel.versi.pd_id]) + f"?unit={gedog}")
    assert r["Location"] == reverse("monev:capaian", args=[sampel.versi.pk, 2022]) + f"?unit={gedog}"


# --- a Lurah's capaian: his kelurahan's rows only ---------------------------------------------


def _capaian(c, sampel, unit=None):
    url = reverse("monev:capaian", args=[sampel.versi.pk, 2022])
    return c.get(url + (f"?unit={sampel.unit[unit].pk}" if unit else ""))


def test_a_lurah_reads_his_kelurahans_capaian_and_no_other(masuk, sampel):
    c = masuk("lurah-gedog")
    r = _capaian(c, sampel)
    assert r.status_code == 302 and r["Location"].endswith(f"?unit={sampel.unit['Gedog'].pk}&triwulan=4")
    assert _capaian(c, sampel, "Rembang").status_code == 403
    r = _capaian(c, sampel, "Gedog")
    assert r.status_code == 200
    # Every row on the page is Gedog's: as many as Gedog has targets in 2022.
    baris = [b for p in r.context["pohon"] for b in p["sendiri"]]
    assert (
        len(baris)
        == Target.objects.filter(
            indikator__node__versi=sampel.versi, lokasi=sampel.unit["Gedog"], tahun=2022
        ).count()
    )
    assert {b.unit_id for b in baris} == {sampel.unit["Gedog"].pk}
    teks = r.content.decode()
    assert "— Rembang:" not in teks and "Kelurahan Gedog" in teks


def test_the_unit_figures_agree_with_the_pd_page_and_the_budget_rows(masuk, sampel):
    unit = _capaian(masuk("lurah-gedog"), sampel, "Gedog").context
    pd = _capaian(masuk("camat"), sampel).context
    # The average: the same as Gedog's line in the PD page's table per unit.
    gedog = next(x for x in pd["per_unit"] if x[0].nama_pendek == "Gedog")
    assert unit["rata"] == gedog[3] and unit["rata"] is not None
    # Absorption: Gedog's 2022 budget realisation over Gedog's 2022 APBD (the sample's demonstration
    # APBD murni), read straight from the tables.
    real = RealisasiAnggaran.objects.filter(
        node__versi=sampel.versi, lokasi=sampel.unit["Gedog"], tahun=2022, triwulan__in=[1, 2, 3, 4]
    ).aggregate(s=Sum("jumlah"))["s"]
    pagu = Anggaran.objects.filter(
        node__versi=sampel.versi, lokasi=sampel.unit["Gedog"], tahun=2022
    ).aggregate(s=Sum("jumlah"))["s"]
    harap = Fraction(real) / Fraction(pagu) * 100
    assert abs(Fraction(unit["serapan"]) - harap) < Fraction(1, 10**12)


def test_an_operator_reads_its_unit_capaian_but_not_the_pds(masuk, sampel):
    c = masuk("operator-klampok")
    assert _capaian(c, sampel, "Klampok").status_code == 200
    assert _capaian(c, sampel, "Gedog").status_code == 403


def test_the_unit_capaian_reads_a_fixed_number_of_queries(masuk, sampel, django_assert_max_num_queries):
    c = masuk("lurah-gedog")
    # Measured 30: the PD-wide page's figures (among them the year's APBD, Bappeda's approval of the
    # quarter and the final SAKIP evaluation behind the computed Nilai SAKIP), the unit itself and the
    # RT Keren figures (units, settings, RTs, allocations, rembug warga, spending); one spare.
    with django_assert_max_num_queries(31):
        assert _capaian(c, sampel, "Gedog").status_code == 200


# --- what awaits the Camat's signature -----------------------------------------------------


def test_the_camat_is_asked_to_sign_the_pk_until_it_is_signed(masuk, sampel):
    c = masuk("camat")
    assert "belum ditandatangani" in _capaian(c, sampel).content.decode()
    r = c.post(
        reverse("monev:pk", args=[sampel.versi.pk, 2022]),
        {"konfirmasi": "1", "tempat": "Blitar", "nama_pihak_kedua": "Santoso"},
    )
    assert r.status_code == 302
    assert PerjanjianKinerja.objects.filter(pd=sampel.versi.pd, tahun=2022).exists()
    assert "belum ditandatangani" not in _capaian(c, sampel).content.decode()
    # The perencana reads the same page but does not sign: no request to sign.
    PerjanjianKinerja.objects.all().delete()
    assert "belum ditandatangani" not in _capaian(masuk("perencana"), sampel).content.decode()


# --- who may open the pages of this change, in the style of test_izin's matrix ------------------


def _buka(c, url, *boleh) -> bool:
    r = c.get(url)
    assert r.status_code in (200, 403, *boleh), (url, r.status_code)
    return r.status_code == 200


AKSI = {
    # Without ?unit a unit reader is sent to its own unit (302): not the PD-wide page.
    "capaian_pd": lambda c, s: _buka(c, reverse("monev:capaian", args=[s.versi.pk, 2022]), 302),
    "capaian_gedog": lambda c, s: _buka(
        c, reverse("monev:capaian", args=[s.versi.pk, 2022]) + f"?unit={s.unit['Gedog'].pk}"
    ),
    "capaian_rembang": lambda c, s: _buka(
        c, reverse("monev:capaian", args=[s.versi.pk, 2022]) + f"?unit={s.unit['Rembang'].pk}"
    ),
    "antrean": lambda c, s: _buka(c, reverse("monev:antrean")),
    "isian_kini_gedog": lambda c, s: (
        c.get(reverse("monev:isian_kini", args=[s.unit["Gedog"].pk])).status_code == 302
    ),
    "administrasi": lambda c, s: _buka(c, reverse("beranda_admin")),
}

MATRIKS = {
    #                    cap_pd cap_g cap_r antrean isian_g admin
    "operator-gedog":     (0,     1,    0,    0,      1,      0),
    "operator-kecamatan": (0,     0,    0,    0,      0,      0),
    "lurah-gedog":        (0,     1,    0,    0,      1,      0),
    "camat":              (1,     1,    1,    0,      1,      0),
    "perencana":          (1,     1,    1,    1,      1,      0),
    "verifikator":        (1,     1,    1,    1,      1,      0),
    "admin":              (1,     1,    1,    1,      1,      1),
    "tamu":               (0,     0,    0,    0,      0,      0),
}  # fmt: skip


@pytest.mark.parametrize("persona", list(MATRIKS))
@pytest.mark.parametrize("aksi", list(AKSI))
def test_landing_pages_permission_matrix(masuk, sampel, persona, aksi):
    c = masuk(persona)
    assert AKSI[aksi](c, sampel) is bool(MATRIKS[persona][list(AKSI).index(aksi)])
