"""Entry that catches mistakes: value kinds, unusual values with explanations, empty rows before
submitting, withdrawing a submission, and the flags verifiers see."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.core.models import CatatanAudit
from kinerja.core.pelaku import SISTEM
from kinerja.monev import alur, persetujuan, services
from kinerja.monev.models import AturanIsian, Laporan, PersetujuanPD, Realisasi
from kinerja.renstra.models import Indikator, Target

pytestmark = pytest.mark.django_db
S = Laporan.Status
HX = {"HTTP_HX_REQUEST": "true"}


def _user(nama):
    return get_user_model().objects.get(username=nama)


def _ind(sampel, nama: str, unit: str = "Gedog") -> Indikator:
    return (
        Target.objects.filter(
            indikator__node__versi=sampel.versi, lokasi=sampel.unit[unit], tahun=2022, indikator__nama=nama
        )
        .select_related("indikator__node__versi__pd")
        .get()
        .indikator
    )


def _simpan(sampel, ind, teks, *, unit="Gedog", tw=4, pengguna="operator-gedog", **lain):
    return services.simpan_realisasi(
        pengguna=_user(pengguna),
        indikator=ind,
        lokasi=sampel.unit[unit],
        tahun=2022,
        triwulan=tw,
        teks=teks,
        revisi=None,
        **lain,
    )


def _url_baris(sampel, ind, unit="Gedog", tw=4):
    u = sampel.unit[unit].pk
    return reverse("monev:simpan_baris", args=[sampel.versi.pk, 2022, tw, u, ind.pk, u])


def _kosong_tangan(sampel, unit: str, tw: int) -> list[str]:
    """The unit's hand-filled rows with a 2022 target and no value in the quarter, read from the tables."""
    isi = set(
        Realisasi.objects.filter(lokasi=sampel.unit[unit], tahun=2022, triwulan=tw)
        .exclude(teks="")
        .values_list("indikator_id", flat=True)
    )
    return [
        t.indikator.nama
        for t in Target.objects.filter(
            indikator__node__versi=sampel.versi,
            lokasi=sampel.unit[unit],
            tahun=2022,
            indikator__sumber_data="manual",
        ).select_related("indikator")
        if t.indikator_id not in isi
    ]


# --- value kinds ----------------------------------------------------------------------------


def test_half_a_group_is_refused_and_nothing_is_written(sampel):
    ind = _ind(sampel, "Jumlah kelompok yang mengikuti pameran")
    sebelum = CatatanAudit.objects.count()
    with pytest.raises(ValidationError, match="'0,5 kelompok' bukan bilangan bulat"):
        _simpan(sampel, ind, "0,5 kelompok")
    assert not Realisasi.objects.filter(indikator=ind, lokasi=sampel.unit["Gedog"], triwulan=4).exists()
    assert CatatanAudit.objects.count() == sebelum


@pytest.mark.parametrize(
    "teks, pesan",
    [
        ("9" * 41, "terlalu panjang"),
        ("1.000.000.000.000.000", "paling banyak 15 angka sebelum koma"),
        ("0,00001", "paling banyak 4 angka di belakang koma"),
        ("-5", "tidak boleh negatif"),
        ("150%", "jumlah .*bukan persen"),
    ],
)
def test_a_value_the_record_cannot_hold_is_refused_with_nothing_written(sampel, teks, pesan):
    # Realisasi.nilai keeps 20 digits, 4 of them after the comma, and a digit is kept free
    # for totals: 10^15 or a fifth decimal is out.
    ind = _ind(sampel, "Jumlah kelompok yang mengikuti pameran")
    sebelum = CatatanAudit.objects.count()
    with pytest.raises(ValidationError, match=pesan):
        _simpan(sampel, ind, teks)
    assert not Realisasi.objects.filter(indikator=ind, lokasi=sampel.unit["Gedog"], triwulan=4).exists()
    assert CatatanAudit.objects.count() == sebelum


def test_a_planner_may_allow_decimals_for_an_indicator(sampel):
    ind = _ind(sampel, "Jumlah kelompok yang mengikuti pameran")
    with pytest.raises(PermissionDenied):
        services.ubah_aturan_isian(
            pengguna=_user("operator-gedog"), indikator=ind, bilangan_bulat="tidak", boleh_lebih_100=False
        )
    services.ubah_aturan_isian(
        pengguna=_user("perencana"), indikator=ind, bilangan_bulat="tidak", boleh_lebih_100=False
    )
    a = CatatanAudit.objects.get(aksi="aturan_isian.ubah")
    assert a.pengguna.username == "perencana" and a.perubahan["bilangan_bulat"] == [None, "tidak"]
    # 0 + 0 + 0 + 0,5 of a target of 1 = 50%: usual, saved.
    assert _simpan(sampel, ind, "0,5").nilai == pytest.approx(0.5)
    with pytest.raises(ValidationError, match="hanya untuk indikator persentase"):
        services.ubah_aturan_isian(
            pengguna=_user("perencana"), indikator=ind, bilangan_bulat="", boleh_lebih_100=True
        )


def _persen_kecamatan(sampel):
    lap = sampel.laporan("Kecamatan", 4)
    alur.buka_kembali(pengguna=SISTEM, laporan=lap, alasan="Uji", sampai=dt.date(2099, 1, 1))
    t = Target.objects.filter(
        indikator__node__versi=sampel.versi,
        indikator__jenis_nilai=Indikator.JenisNilai.PERSEN,
        indikator__sumber_data="manual",
        lokasi=None,
        tahun=2022,
        nilai=100,
    ).select_related("indikator__node__versi__pd")[0]
    return t.indikator


def test_150_percent_is_refused_unless_the_indicator_allows_it(sampel):
    ind = _persen_kecamatan(sampel)

    def simpan(teks):
        return services.simpan_realisasi(
            pengguna=_user("operator-kecamatan"),
            indikator=ind,
            lokasi=None,
            tahun=2022,
            triwulan=4,
            teks=teks,
            revisi=None,
        )

    with pytest.raises(ValidationError, match="150% melebihi 100%"):
        simpan("150%")
    AturanIsian.objects.create(indikator=ind, boleh_lebih_100=True)
    # 150 against a target of 100 is 150%: allowed now, and not unusual.
    r = simpan("150%")
    assert r.teks == "150%" and r.peringatan == ""


# --- unusual values ---------------------------------------------------------------------------


def test_a_thousand_teams_needs_an_explanation_and_is_then_flagged(sampel):
    ind = _ind(sampel, "Jumlah peserta lomba keolahragaan")
    sebelum = CatatanAudit.objects.count()
    with pytest.raises(services.PerluPenjelasan) as e:
        _simpan(sampel, ind, "1.000")
    # Quarters I–III hold 6, 8 and 8 teams: (6 + 8 + 8 + 1000) / 30 × 100 = 3.406,67%.
    assert "3.406,67%" in e.value.peringatan and "5 kali nilai triwulan III (8)" in e.value.peringatan
    assert not Realisasi.objects.filter(indikator=ind, lokasi=sampel.unit["Gedog"], triwulan=4).exists()
    assert CatatanAudit.objects.count() == sebelum
    r = _simpan(sampel, ind, "1.000", penjelasan="Lomba antarkampung diikuti semua tim RT.")
    assert r.nilai == 1000 and r.penjelasan == "Lomba antarkampung diikuti semua tim RT."
    assert r.peringatan.startswith("capaian s.d. triwulan IV menjadi 3.406,67%")
    a = CatatanAudit.objects.get(aksi="realisasi.isi", objek_id=str(r.pk))
    assert a.perubahan["penjelasan"][1] == r.penjelasan and a.perubahan["peringatan"][1] == r.peringatan
    # Back to a usual value: the flag goes, the explanation stays on record.
    r = _simpan(sampel, ind, "9")
    assert r.peringatan == "" and r.penjelasan == "Lomba antarkampung diikuti semua tim RT."


def test_the_entry_page_asks_for_the_explanation_and_keeps_the_typed_value(client, sampel):
    ind = _ind(sampel, "Jumlah peserta lomba keolahragaan")
    client.force_login(_user("operator-gedog"))
    r = client.post(
        _url_baris(sampel, ind), {"nilai": "1.000", "revisi": 0, "faktor_pendorong": "Antusias"}, **HX
    )
    teks = r.content.decode()
    assert r.status_code == 200 and "Nilai ini tidak biasa" in teks and "3.406,67%" in teks
    assert 'value="1.000"' in teks and 'name="penjelasan"' in teks and ">Antusias</textarea>" in teks
    assert not Realisasi.objects.filter(indikator=ind, lokasi=sampel.unit["Gedog"], triwulan=4).exists()
    r = client.post(
        _url_baris(sampel, ind), {"nilai": "1.000", "revisi": 0, "penjelasan": "Lomba antarkampung"}, **HX
    )
    teks = r.content.decode()
    assert "Tersimpan" in teks and "ditandai" in teks
    # Without JavaScript the whole page comes back, the typed value still in its box.
    r = client.post(_url_baris(sampel, ind), {"nilai": "dua", "revisi": 1})
    assert (
        r.status_code == 200 and "bukan angka" in r.content.decode() and 'value="dua"' in r.content.decode()
    )


def test_the_empty_count_is_swapped_in_as_rows_are_saved(client, sampel):
    client.force_login(_user("operator-gedog"))
    kosong = _kosong_tangan(sampel, "Gedog", 4)
    ind = _ind(sampel, "Jumlah peserta pembinaan perekonomian dan kesejahteraan rakyat")
    r = client.post(_url_baris(sampel, ind), {"nilai": "20", "revisi": 0}, **HX)
    teks = r.content.decode()
    assert 'id="ringkas-isian" hx-swap-oob="true"' in teks
    assert f"<strong>{len(kosong) - 1}</strong> masih kosong" in teks


# --- submitting with empty rows ------------------------------------------------------------------


def test_submitting_with_empty_rows_lists_them_and_needs_a_confirmation(sampel):
    lap = sampel.laporan("Gedog", 4)
    kosong = _kosong_tangan(sampel, "Gedog", 4)
    # Gedog's fourth quarter is open for practice and empty; its two RT Keren rows are computed, not typed
    assert len(kosong) == 42
    with pytest.raises(alur.BarisKosong) as e:
        alur.ajukan(pengguna=_user("operator-gedog"), laporan=lap)
    assert sorted(n.split(" (")[0] for n in e.value.nama) == sorted(kosong)
    assert Laporan.objects.get(pk=lap.pk).status == S.DRAFT
    lap = alur.ajukan(pengguna=_user("operator-gedog"), laporan=lap, tetap=True)
    assert lap.status == S.DIAJUKAN
    a = CatatanAudit.objects.get(aksi="laporan.ajukan", objek_id=str(lap.pk))
    assert a.alasan == "Tetap diajukan dengan 42 baris kosong."


def test_the_page_shows_the_empty_rows_and_a_tetap_ajukan_button(client, sampel):
    client.force_login(_user("operator-gedog"))
    g = sampel.unit["Gedog"].pk
    url = reverse("monev:alur", args=[sampel.versi.pk, 2022, 4, g])
    lap = sampel.laporan("Gedog", 4)
    r = client.post(url, {"aksi": "ajukan", "revisi": lap.revisi})
    assert r.status_code == 302 and r["Location"].endswith("?konfirmasi=ajukan#konfirmasi-ajukan")
    assert sampel.laporan("Gedog", 4).status == S.DRAFT
    halaman = client.get(r["Location"]).content.decode()
    assert "42 baris masih kosong" in halaman and 'id="tombol-tetap-ajukan"' in halaman
    assert "Jumlah peserta lomba keolahragaan" in halaman
    r = client.post(url, {"aksi": "ajukan", "tetap": "1", "revisi": lap.revisi})
    assert r.status_code == 302 and sampel.laporan("Gedog", 4).status == S.DIAJUKAN


def test_a_full_quarter_is_submitted_without_a_question(sampel):
    # Rembang's returned fourth quarter has every row: it goes straight back to the verifier.
    assert _kosong_tangan(sampel, "Rembang", 4) == []
    lap = alur.ajukan(pengguna=_user("operator-rembang"), laporan=sampel.laporan("Rembang", 4))
    assert lap.status == S.DIAJUKAN


# --- withdrawing ------------------------------------------------------------------------------------


def test_an_operator_withdraws_a_submitted_quarter_back_to_draft(sampel):
    op = _user("operator-gedog")
    lap = alur.ajukan(pengguna=op, laporan=sampel.laporan("Gedog", 4), tetap=True)
    lap = alur.tarik(pengguna=op, laporan=lap, alasan="Salah ketik")
    assert lap.status == S.DRAFT and lap.diajukan_pada is None
    a = CatatanAudit.objects.get(aksi="laporan.tarik")
    assert a.perubahan["status"] == ["diajukan", "draft"] and a.alasan == "Salah ketik" and a.pengguna == op
    assert _simpan(sampel, _ind(sampel, "Jumlah peserta lomba keolahragaan"), "9").teks == "9"
    with pytest.raises(ValidationError, match="tidak dapat ditarik kembali"):
        alur.tarik(pengguna=op, laporan=lap)


def test_a_verified_quarter_or_one_past_its_deadline_cannot_be_withdrawn(sampel):
    with pytest.raises(ValidationError, match="Diverifikasi tidak dapat ditarik kembali"):
        alur.tarik(pengguna=_user("operator-gedog"), laporan=sampel.laporan("Gedog", 3))
    lap = sampel.laporan("Klampok", 4)  # submitted, its deadline (15-01-2023) long past
    with pytest.raises(ValidationError, match="batas pengisian \\(15-01-2023\\) sudah lewat"):
        alur.tarik(pengguna=_user("operator-klampok"), laporan=lap)
    assert Laporan.objects.get(pk=lap.pk).status == S.DIAJUKAN
    with pytest.raises(PermissionDenied):
        alur.tarik(pengguna=_user("operator-gedog"), laporan=lap)


# --- flags for the verifier ----------------------------------------------------------------------


def test_the_verifier_sees_flagged_rows_with_their_explanation(client, sampel):
    ind = _ind(sampel, "Jumlah peserta lomba keolahragaan")
    _simpan(sampel, ind, "1.000", penjelasan="Lomba antarkampung diikuti semua tim RT.")
    client.force_login(_user("verifikator"))
    matriks = client.get(reverse("monev:matriks", args=[sampel.versi.pk, 2022])).content.decode()
    assert "1 ditandai" in matriks
    isian = client.get(reverse("monev:isian", args=[sampel.versi.pk, 2022, 4, sampel.unit["Gedog"].pk]))
    teks = isian.content.decode()
    assert 'id="baris-ditandai"' in teks and "Lomba antarkampung diikuti semua tim RT." in teks
    assert "3.406,67%" in teks and "baris-isian" in teks and "ditandai" in teks


def test_the_rules_page_lists_defaults_and_saves_a_planners_change(client, sampel):
    ind = _ind(sampel, "Jumlah kelompok yang mengikuti pameran")
    client.force_login(_user("perencana"))
    halaman = client.get(reverse("monev:aturan", args=[sampel.versi.pk])).content.decode()
    assert "Jumlah kelompok yang mengikuti pameran" in halaman and "bilangan bulat" in halaman
    r = client.post(reverse("monev:ubah_aturan", args=[sampel.versi.pk, ind.pk]), {"bilangan_bulat": "tidak"})
    assert r.status_code == 302 and AturanIsian.objects.get(indikator=ind).bilangan_bulat == "tidak"
    client.force_login(_user("camat"))
    r = client.post(reverse("monev:ubah_aturan", args=[sampel.versi.pk, ind.pk]), {"bilangan_bulat": "ya"})
    assert r.status_code == 403 and AturanIsian.objects.get(indikator=ind).bilangan_bulat == "tidak"


def test_saving_an_unchanged_row_writes_nothing(client, sampel):
    ind = _ind(sampel, "Jumlah peserta lomba keolahragaan")
    r = _simpan(sampel, ind, "1.000", penjelasan="Lomba antarkampung diikuti semua tim RT.")
    sebelum = CatatanAudit.objects.count()
    client.force_login(_user("operator-gedog"))
    data = {"nilai": "1.000", "revisi": r.revisi, "penjelasan": "Lomba antarkampung diikuti semua tim RT."}
    jawab = client.post(_url_baris(sampel, ind), data, **HX)
    assert jawab.status_code == 200 and "Tersimpan" in jawab.content.decode()
    assert Realisasi.objects.get(pk=r.pk).revisi == r.revisi and CatatanAudit.objects.count() == sebelum


def test_a_refused_workflow_action_shows_its_error_on_its_field_and_keeps_what_was_typed(client, sampel):
    client.force_login(_user("verifikator"))
    klampok, gedog = sampel.unit["Klampok"].pk, sampel.unit["Gedog"].pk
    lap = sampel.laporan("Klampok", 4)  # submitted
    r = client.post(
        reverse("monev:alur", args=[sampel.versi.pk, 2022, 4, klampok]),
        {"aksi": "kembalikan", "catatan": "   ", "revisi": lap.revisi},
    )
    html = r.content.decode()
    assert r.status_code == 400 and sampel.laporan("Klampok", 4).status == S.DIAJUKAN
    assert 'id="ringkasan-galat" role="alert"' in html and 'href="#catatan"' in html
    assert 'id="catatan" rows="2" aria-invalid="true" aria-describedby="galat-catatan"' in html
    assert 'id="galat-catatan">Tulis catatan untuk operator' in html
    # Reopening a verified quarter (Bappeda, who had it waiting, returned it to the PD first: a quarter
    # Bappeda holds is not reopened): the reason typed stays, the impossible date is marked.
    pd = sampel.versi.pd
    tw3 = PersetujuanPD.objects.get(pd=pd, tahun=2022, triwulan=3)
    persetujuan.kembalikan(
        pengguna=_user("verifikator"), pd=pd, tahun=2022, triwulan=3, catatan="Satuan PKK", revisi=tw3.revisi
    )
    lap = sampel.laporan("Gedog", 3)
    r = client.post(
        reverse("monev:alur", args=[sampel.versi.pk, 2022, 3, gedog]),
        {
            "aksi": "buka",
            "alasan": "Salah satuan pada baris PKK",
            "sampai": "31-02-2023",
            "revisi": lap.revisi,
        },
    )
    html = r.content.decode()
    assert r.status_code == 400 and sampel.laporan("Gedog", 3).status == S.DIVERIFIKASI
    assert ">Salah satuan pada baris PKK</textarea>" in html and "<details open><summary>Buka kembali" in html
    assert (
        'id="sampai" value="31-02-2023" required aria-invalid="true" aria-describedby="galat-sampai"' in html
    )
    assert 'href="#sampai">Isi tanggal batas buka dengan benar' in html
    assert not CatatanAudit.objects.filter(aksi__in=["laporan.kembalikan", "laporan.buka"]).exists()
