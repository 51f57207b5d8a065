"""Who may do what on a SAKIP evaluation: the PD fills and grades itself, the Inspektorat of its pemda
grades; neither changes the other's grade; other pemdas, lurah and operators are refused."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.core.models import CatatanAudit, Peran
from kinerja.sakip import services
from kinerja.sakip.lke import teks_bawaan
from kinerja.sakip.models import Evaluasi, NilaiSub
from kinerja.wilayah.models import Pemda

pytestmark = pytest.mark.django_db
TAHUN = 2023


def _u(nama):
    return get_user_model().objects.get(username=nama)


@pytest.fixture
def ev(versi_sampel):
    return services.mulai_evaluasi(pengguna=_u("perencana"), pd=versi_sampel.pd, tahun=TAHUN)


@pytest.fixture
def inspektorat_lain(db):
    pemda = Pemda.objects.create(kode="35.99", nama="Kabupaten Uji", jenis="kabupaten", slug="kabupaten-uji")
    u = get_user_model().objects.create_user("inspektorat-lain")
    Peran.objects.create(pengguna=u, jenis=Peran.Jenis.INSPEKTORAT, pemda=pemda)
    return u


def _isi_semua(ev, pengguna, nilai="A"):
    for s in ev.lke.lembar.semua_sub():
        services.simpan_nilai_pd(pengguna=pengguna, evaluasi=ev, kode=s.kode, nilai=nilai)


def test_the_pd_fills_submits_and_the_inspektorat_grades_both_grades_kept(ev):
    perencana, inspektorat = _u("perencana"), _u("inspektorat")
    services.simpan_jawaban(
        pengguna=perencana, evaluasi=ev, kode="1.a.1", terpenuhi=True, tautan=["/renstra/1/"], catatan="Ada"
    )
    _isi_semua(ev, _u("camat"))
    with pytest.raises(PermissionDenied):  # the PD cannot give the evaluator's grade
        services.simpan_nilai_evaluator(pengguna=perencana, evaluasi=ev, kode="1.a", nilai="AA")
    with pytest.raises(ValidationError):  # nor can the evaluator grade before the PD submits
        services.simpan_nilai_evaluator(pengguna=inspektorat, evaluasi=ev, kode="1.a", nilai="B")
    services.ajukan(pengguna=perencana, evaluasi=ev)
    services.simpan_nilai_evaluator(pengguna=inspektorat, evaluasi=ev, kode="1.a", nilai="B", catatan="Cukup")
    with pytest.raises(ValidationError):  # after submitting, the PD's own grade is closed
        services.simpan_nilai_pd(pengguna=perencana, evaluasi=ev, kode="1.a", nilai="AA")
    with pytest.raises(PermissionDenied):  # the evaluator cannot change the PD's own grade
        services.simpan_nilai_pd(pengguna=inspektorat, evaluasi=ev, kode="1.a", nilai="E")
    n = NilaiSub.objects.get(evaluasi=ev, kode="1.a")
    assert (n.nilai_pd, n.nilai_evaluator, n.catatan_evaluator) == ("A", "B", "Cukup")
    assert CatatanAudit.objects.filter(aksi="sakip.nilai", objek_id=str(n.pk)).count() == 2


def test_marking_final_needs_every_evaluator_grade(ev):
    _isi_semua(ev, _u("perencana"))
    services.ajukan(pengguna=_u("perencana"), evaluasi=ev)
    with pytest.raises(ValidationError, match="Beri nilai evaluator setiap sub-komponen"):
        services.tetapkan(pengguna=_u("inspektorat"), evaluasi=ev)
    for s in ev.lke.lembar.semua_sub():
        services.simpan_nilai_evaluator(pengguna=_u("inspektorat"), evaluasi=ev, kode=s.kode, nilai="BB")
    services.tetapkan(pengguna=_u("inspektorat"), evaluasi=ev, catatan="Final")
    ev.refresh_from_db()
    assert ev.status == Evaluasi.Status.SELESAI
    mandiri, evaluator = services.ringkasan(pengguna=_u("camat"), evaluasi=ev)
    assert mandiri.nilai == 90 and mandiri.predikat.kode == "A"  # 100 × 90 %
    assert evaluator.nilai == 80 and evaluator.predikat.kode == "BB"  # exactly 80 → BB


@pytest.mark.parametrize("nama", ["lurah-gedog", "operator-gedog", "operator-kecamatan", "inspektorat-lain"])
def test_outsiders_are_refused(ev, inspektorat_lain, nama):
    u = inspektorat_lain if nama == "inspektorat-lain" else _u(nama)
    sebelum = CatatanAudit.objects.count()
    with pytest.raises(PermissionDenied):
        services.baca_evaluasi(pengguna=u, pd=ev.pd, tahun=TAHUN)
    with pytest.raises(PermissionDenied):
        services.simpan_nilai_pd(pengguna=u, evaluasi=ev, kode="1.a", nilai="AA")
    with pytest.raises(PermissionDenied):
        services.simpan_nilai_evaluator(pengguna=u, evaluasi=ev, kode="1.a", nilai="AA")
    assert CatatanAudit.objects.count() == sebelum


def test_the_verifikator_reads_but_neither_fills_nor_grades(ev):
    v = _u("verifikator")
    assert services.baca_evaluasi(pengguna=v, pd=ev.pd, tahun=TAHUN) == ev
    with pytest.raises(PermissionDenied):
        services.simpan_nilai_pd(pengguna=v, evaluasi=ev, kode="1.a", nilai="AA")
    with pytest.raises(PermissionDenied):
        services.simpan_nilai_evaluator(pengguna=v, evaluasi=ev, kode="1.a", nilai="AA")


def test_bad_values_are_refused_with_their_field(ev):
    p = _u("perencana")
    with pytest.raises(ValidationError) as e:
        services.simpan_nilai_pd(pengguna=p, evaluasi=ev, kode="1.a", nilai="Z")
    assert "nilai" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        services.simpan_jawaban(
            pengguna=p, evaluasi=ev, kode="1.a.1", terpenuhi=True, tautan=["https://contoh.id/"]
        )
    assert "tautan" in e.value.message_dict
    palsu = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 bukan pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as e:
        services.simpan_jawaban(pengguna=p, evaluasi=ev, kode="1.a.1", terpenuhi=True, berkas=palsu)
    assert "bukan PDF" in e.value.message_dict["berkas"][0]
    with pytest.raises(ValidationError):
        services.simpan_jawaban(pengguna=p, evaluasi=ev, kode="9.z.9", terpenuhi=True)


def test_recommendations_and_their_follow_up(ev):
    _isi_semua(ev, _u("perencana"))
    services.ajukan(pengguna=_u("perencana"), evaluasi=ev)
    with pytest.raises(PermissionDenied):
        services.tambah_rekomendasi(pengguna=_u("perencana"), evaluasi=ev, uraian="Tidak boleh")
    r = services.tambah_rekomendasi(
        pengguna=_u("inspektorat"), evaluasi=ev, uraian="Perbaiki IKU", batas_waktu="2024-06-30"
    )
    with pytest.raises(ValidationError) as e:
        services.ubah_tindak_lanjut(
            pengguna=_u("camat"),
            rekomendasi=r,
            rencana="",
            penanggung_jawab="",
            batas_waktu="30/06",
            status="x",
        )
    assert {"batas_waktu", "status"} <= set(e.value.message_dict)
    services.ubah_tindak_lanjut(
        pengguna=_u("camat"),
        rekomendasi=r,
        rencana="Reviu IKU",
        penanggung_jawab="Sekcam",
        batas_waktu="",
        status="selesai",
    )
    r.refresh_from_db()
    assert (r.rencana, r.status, r.batas_waktu) == ("Reviu IKU", "selesai", None)
    with pytest.raises(PermissionDenied):
        services.ubah_tindak_lanjut(
            pengguna=_u("lurah-gedog"),
            rekomendasi=r,
            rencana="",
            penanggung_jawab="",
            batas_waktu="",
            status="belum",
        )


def test_a_pemda_loads_a_newer_worksheet_and_a_bad_one_is_refused(versi_sampel):
    pemda = versi_sampel.pd.pemda
    baru = teks_bawaan().replace('kode = "permenpanrb-88-2021"', 'kode = "lke-2025"')
    lke = services.muat_lke(
        pengguna=_u("inspektorat"), pemda=pemda, isi=baru.encode(), nama_berkas="lke.toml"
    )
    ev = services.mulai_evaluasi(pengguna=_u("perencana"), pd=versi_sampel.pd, tahun=2024)
    assert ev.lke == lke
    salah = teks_bawaan().replace("bobot = 30.0", "bobot = 35.0", 1)
    with pytest.raises(ValidationError) as e:
        services.muat_lke(pengguna=_u("admin-kota"), pemda=pemda, isi=salah.encode())
    assert "Bobot komponen berjumlah 105, padahal harus 100" in " ".join(e.value.message_dict["berkas"])
    with pytest.raises(PermissionDenied):
        services.muat_lke(pengguna=_u("perencana"), pemda=pemda, isi=baru.encode())
