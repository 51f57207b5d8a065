"""Realisation entry and the report workflow: transitions, locks, conflicts and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.core.models import CatatanAudit
from kinerja.core.pelaku import SISTEM
from kinerja.monev import alur, services
from kinerja.monev.models import Laporan, PersetujuanPD, Realisasi, RealisasiAnggaran
from kinerja.renstra.models import Pagu

pytestmark = pytest.mark.django_db
S = Laporan.Status


def _user(nama):
    return get_user_model().objects.get(username=nama)


def _isi(sampel, unit="Gedog", teks="5", revisi=None, pengguna="operator-gedog", tw=4, **lain):
    return services.simpan_realisasi(
        pengguna=_user(pengguna) if pengguna else None,
        indikator=sampel.baris(unit),
        lokasi=sampel.unit[unit],
        tahun=2022,
        triwulan=tw,
        teks=teks,
        revisi=revisi,
        **lain,
    )


def test_a_value_is_read_the_indonesian_way_and_kept_in_canonical_form(sampel):
    # 1.250 participants against a target of 75 is unusual: it is kept with its explanation.
    r = _isi(sampel, teks="1.250", penjelasan="Pembinaan digabung dengan musyawarah kelurahan.")
    assert (
        r.nilai == 1250 and r.teks == "1.250" and r.revisi == 1 and r.diubah_oleh.username == "operator-gedog"
    )
    assert r.sumber == "manual"


def test_a_percentage_may_be_typed_with_or_without_the_sign(sampel):
    from kinerja.renstra.models import Indikator, Target

    # The PD-wide percentages are reported by the office; its fourth quarter is reopened here.
    lap = sampel.laporan("Kecamatan", 4)
    alur.buka_kembali(pengguna=SISTEM, laporan=lap, alasan="Uji", sampai=dt.date(2099, 1, 1))
    t = Target.objects.filter(
        indikator__node__versi=sampel.versi,
        indikator__jenis_nilai=Indikator.JenisNilai.PERSEN,
        indikator__sumber_data="manual",
        lokasi=None,
        tahun=2022,
    ).first()
    r = services.simpan_realisasi(
        pengguna=_user("operator-kecamatan"),
        indikator=t.indikator,
        lokasi=None,
        tahun=2022,
        triwulan=4,
        teks="97,5",
        revisi=None,
    )
    assert r.teks == "97,5%" and r.nilai == pytest.approx(97.5)


@pytest.mark.parametrize(
    "teks, pesan",
    [
        ("abc", "bukan angka"),
        ("## ##", "tidak terbaca"),
        ("NA", "bukan nilai realisasi"),
        ("3 tim", "Satuan"),
    ],
)
def test_bad_values_are_refused_in_indonesian_and_nothing_changes(sampel, teks, pesan):
    sebelum = CatatanAudit.objects.count()
    with pytest.raises(ValidationError, match=pesan):
        _isi(sampel, teks=teks)
    assert sampel.realisasi("Gedog", 4) is None and CatatanAudit.objects.count() == sebelum


def test_two_people_saving_the_same_row_the_second_is_told_and_nothing_is_lost(sampel):
    pertama = _isi(sampel, teks="5", revisi=0)
    with pytest.raises(services.Bentrok) as e:
        _isi(sampel, teks="6", revisi=0, pengguna="admin")
    assert "'5'" in e.value.pesan and "Operator Kelurahan Gedog" in e.value.pesan
    assert Realisasi.objects.get(pk=pertama.pk).teks == "5"
    # Told, the second person saves again on the current revision.
    kedua = _isi(sampel, teks="6", revisi=e.value.sekarang.revisi, pengguna="admin")
    assert kedua.teks == "6" and kedua.revisi == 2


def test_the_conflict_is_shown_on_the_entry_page_with_the_typed_value_kept(client, sampel):
    _isi(sampel, teks="5", revisi=0, pengguna="admin")
    client.force_login(_user("operator-gedog"))
    ind = sampel.baris("Gedog")
    g = sampel.unit["Gedog"].pk
    url = reverse("monev:simpan_baris", args=[sampel.versi.pk, 2022, 4, g, ind.pk, g])
    r = client.post(url, {"nilai": "8", "revisi": 0}, HTTP_HX_REQUEST="true")
    teks = r.content.decode()
    assert "baru saja diubah" in teks and 'value="8"' in teks and "<strong>5</strong>" in teks
    assert sampel.realisasi("Gedog", 4).teks == "5"


def test_a_verified_quarter_is_locked(sampel):
    with pytest.raises(ValidationError, match="sudah diverifikasi"):
        _isi(sampel, tw=3)


def test_a_quarter_past_its_deadline_is_locked_until_a_verifier_reopens_it(sampel):
    # a draft quarter Bappeda does not hold (the sample's approval of triwulan I is removed with it)
    PersetujuanPD.objects.filter(pd=sampel.versi.pd, tahun=2022, triwulan=1).delete()
    lap = sampel.laporan("Gedog", 1)
    lap.status = S.DRAFT
    lap.save()
    with pytest.raises(ValidationError, match="Batas pengisian triwulan I 2022 sudah lewat"):
        _isi(sampel, tw=1)
    with pytest.raises(PermissionDenied):
        alur.buka_kembali(pengguna=_user("perencana"), laporan=lap, alasan="x", sampai=dt.date(2099, 1, 1))
    with pytest.raises(ValidationError, match="alasan"):
        alur.buka_kembali(pengguna=_user("verifikator"), laporan=lap, alasan=" ", sampai=dt.date(2099, 1, 1))
    alur.buka_kembali(
        pengguna=_user("verifikator"),
        laporan=lap,
        alasan="Data terlambat dari RT",
        sampai=dt.date(2099, 1, 1),
    )
    assert _isi(sampel, tw=1, teks="4").teks == "4"
    a = CatatanAudit.objects.filter(aksi="laporan.buka").first()
    assert a.alasan == "Data terlambat dari RT" and a.pengguna.username == "verifikator"


def test_the_deadline_follows_the_pemdas_setting(sampel):
    lap = sampel.laporan("Gedog", 2)
    assert services.batas(lap) == dt.date(2022, 7, 15)
    pemda = sampel.versi.pd.pemda
    pemda.batas_hari_laporan = 30
    pemda.save()
    assert services.batas(Laporan.objects.select_related("unit__pd__pemda").get(pk=lap.pk)) == dt.date(
        2022, 7, 30
    )
    baru = Laporan(unit=sampel.unit["Gedog"], tahun=2026, triwulan=4)
    assert services.alasan_terkunci(baru, pada=dt.date(2027, 1, 30)) == ""
    assert "sudah lewat" in services.alasan_terkunci(baru, pada=dt.date(2027, 1, 31))


def test_workflow_submit_return_fix_submit_verify(sampel):
    op, pr = _user("operator-gedog"), _user("perencana")
    lap = sampel.laporan("Gedog", 4)
    _isi(sampel, teks="5")
    lap = alur.ajukan(pengguna=op, laporan=lap, tetap=True)
    assert lap.status == S.DIAJUKAN and lap.diajukan_oleh == op
    with pytest.raises(ValidationError, match="sedang diajukan"):
        _isi(sampel, teks="6")
    with pytest.raises(ValidationError, match="tidak dapat diajukan"):
        alur.ajukan(pengguna=op, laporan=lap)
    with pytest.raises(ValidationError, match="catatan"):
        alur.kembalikan(pengguna=pr, laporan=lap, catatan="")
    lap = alur.kembalikan(pengguna=pr, laporan=lap, catatan="Lampirkan daftar hadir.")
    assert lap.status == S.DIKEMBALIKAN and lap.catatan == "Lampirkan daftar hadir."
    with pytest.raises(ValidationError, match="tidak dapat diverifikasi"):
        alur.verifikasi(pengguna=pr, laporan=lap)
    _isi(sampel, teks="6")
    lap = alur.ajukan(pengguna=op, laporan=lap, tetap=True)
    lap = alur.verifikasi(pengguna=pr, laporan=lap)
    assert lap.status == S.DIVERIFIKASI
    with pytest.raises(ValidationError, match="sudah diverifikasi"):
        _isi(sampel, teks="7")
    with pytest.raises(ValidationError, match="tidak dapat dikembalikan"):
        alur.kembalikan(pengguna=pr, laporan=lap, catatan="lagi")
    aksi = list(
        CatatanAudit.objects.filter(objek_tipe="monev.laporan", objek_id=str(lap.pk)).values_list(
            "aksi", flat=True
        )
    )
    assert aksi == ["laporan.verifikasi", "laporan.ajukan", "laporan.kembalikan", "laporan.ajukan"]


def test_an_operator_cannot_verify_and_a_planner_cannot_submit(sampel):
    lap = sampel.laporan("Klampok", 4)
    with pytest.raises(PermissionDenied):
        alur.verifikasi(pengguna=_user("operator-klampok"), laporan=lap)
    with pytest.raises(PermissionDenied):
        alur.ajukan(pengguna=_user("perencana"), laporan=sampel.laporan("Gedog", 4))


def test_a_stale_page_cannot_move_a_report(sampel):
    lap = sampel.laporan("Klampok", 4)
    alur.kembalikan(pengguna=_user("perencana"), laporan=lap, catatan="Perbaiki.", revisi=lap.revisi)
    with pytest.raises(services.Bentrok):
        alur.verifikasi(pengguna=_user("verifikator"), laporan=lap, revisi=lap.revisi)


def test_budget_realisation_is_entered_on_sub_kegiatan_with_a_pagu(sampel):
    p = (
        Pagu.objects.filter(node__versi=sampel.versi, lokasi=sampel.unit["Gedog"], tahun=2022)
        .select_related("node__versi__pd")
        .first()
    )
    op = _user("operator-gedog")
    a = services.simpan_realisasi_anggaran(
        pengguna=op,
        node=p.node,
        lokasi=sampel.unit["Gedog"],
        tahun=2022,
        triwulan=4,
        teks="Rp 12.500.000",
        revisi=0,
    )
    assert a.jumlah == 12500000
    with pytest.raises(ValidationError, match="bukan jumlah rupiah"):
        services.simpan_realisasi_anggaran(
            pengguna=op,
            node=p.node,
            lokasi=sampel.unit["Gedog"],
            tahun=2022,
            triwulan=4,
            teks="dua juta",
            revisi=1,
        )
    with pytest.raises(ValidationError, match="sub kegiatan"):
        services.simpan_realisasi_anggaran(
            pengguna=op,
            node=p.node.induk,
            lokasi=sampel.unit["Gedog"],
            tahun=2022,
            triwulan=4,
            teks="1",
            revisi=0,
        )
    assert (
        services.simpan_realisasi_anggaran(
            pengguna=op, node=p.node, lokasi=sampel.unit["Gedog"], tahun=2022, triwulan=4, teks="", revisi=1
        )
        is None
    )
    assert not RealisasiAnggaran.objects.filter(pk=a.pk).exists()
    assert list(
        CatatanAudit.objects.filter(objek_tipe="monev.realisasianggaran").values_list("aksi", flat=True)
    ) == [
        "realisasi_anggaran.hapus",
        "realisasi_anggaran.isi",
    ]


def test_evidence_files_are_checked_for_type_and_size(sampel):
    with pytest.raises(ValidationError, match="tidak diterima"):
        _isi(sampel, bukti=SimpleUploadedFile("skrip.exe", b"MZ"))
    besar = SimpleUploadedFile("foto.jpg", b"x" * (5 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="paling besar 5 MB"):
        _isi(sampel, bukti=besar)
    assert sampel.realisasi("Gedog", 4) is None


def test_every_change_of_a_realisation_is_in_its_history(client, sampel):
    r = _isi(sampel, teks="5", faktor_penghambat="Hujan")
    _isi(sampel, teks="6", revisi=1)
    catatan = list(CatatanAudit.objects.filter(objek_tipe="monev.realisasi", objek_id=str(r.pk)))
    assert [c.aksi for c in catatan] == ["realisasi.ubah", "realisasi.isi"]
    assert catatan[0].perubahan == {"teks": ["5", "6"]}
    assert catatan[1].perubahan["faktor_penghambat"] == [None, "Hujan"]
    client.force_login(_user("lurah-gedog"))
    halaman = client.get(reverse("monev:riwayat", args=["realisasi", r.pk])).content.decode()
    assert "Operator Kelurahan Gedog" in halaman and "5 → 6" in halaman


def test_audit_entries_cannot_be_changed_or_deleted(sampel):
    _isi(sampel)
    c = CatatanAudit.objects.first()
    c.alasan = "diubah"
    with pytest.raises(PermissionDenied):
        c.save()
    with pytest.raises(PermissionDenied):
        c.delete()


def test_signing_the_pk_keeps_what_was_signed_and_shows_later_changes(client, sampel):
    from kinerja.monev.models import PerjanjianKinerja
    from kinerja.renstra.models import Target

    client.force_login(_user("camat"))
    url = reverse("monev:pk", args=[sampel.versi.pk, 2022])
    assert (
        client.post(url, {"konfirmasi": "1", "tempat": "Blitar", "nama_pihak_kedua": "Santoso"}).status_code
        == 302
    )
    pk = PerjanjianKinerja.objects.get(pd=sampel.versi.pd, tahun=2022)
    assert pk.nama_pihak_pertama == "PURWANTO, AP" and pk.jabatan_pihak_kedua == "Wali Kota Blitar"
    assert CatatanAudit.objects.filter(aksi="pk.tandatangan", pengguna__username="camat").exists()
    t = Target.objects.get(
        indikator__node__versi=sampel.versi,
        indikator__ukuran="pelayanan-sesuai-standar",
        lokasi=None,
        tahun=2022,
    )
    t.teks = "99%"
    t.save()
    halaman = client.get(url).content.decode()
    assert (
        "Data berubah sejak ditandatangani" in halaman
        and "target saat ditandatangani 97%, sekarang 99%" in halaman
    )
    assert (
        client.post(url, {"konfirmasi": "1", "tempat": "Blitar", "nama_pihak_kedua": "Santoso"}).status_code
        == 302
    )
    assert PerjanjianKinerja.objects.count() == 1
