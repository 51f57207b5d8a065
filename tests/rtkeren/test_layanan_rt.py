"""RT Keren services: who may write, what is refused, and that every write is audited.

The sample (tests/conftest.py) holds the Sananwetan RTs with a 2022 RT Keren year; figures expected
here are worked out by hand from the records each test creates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.core.models import CatatanAudit
from kinerja.core.pelaku import SISTEM
from kinerja.renstra.models import PlanNode
from kinerja.rtkeren import hitung, services
from kinerja.rtkeren.models import (
    Alokasi,
    Berkas,
    KegiatanRt,
    Musrenbang,
    Pengaturan,
    RealisasiRt,
    RembugWarga,
    Usulan,
)
from kinerja.wilayah.models import RukunTetangga

pytestmark = pytest.mark.django_db
TAHUN = 2022


def pengguna(nama: str):
    return get_user_model().objects.get(username=nama)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def rt_baru(versi_sampel):
    """A Gedog RT with no records, and a Klampok one."""
    pd = versi_sampel.pd
    gedog = RukunTetangga.objects.create(unit=pd.unit_set.get(nama_pendek="Gedog"), rw=99, nomor=1)
    klampok = RukunTetangga.objects.create(unit=pd.unit_set.get(nama_pendek="Klampok"), rw=99, nomor=1)
    return gedog, klampok


def _sub(versi) -> PlanNode:
    return PlanNode.objects.get(versi=versi, tingkat=PlanNode.Tingkat.SUB_KEGIATAN, nama=hitung_sub())


def hitung_sub() -> str:
    return "Pemberdayaan Masyarakat di Kelurahan"


def _rembug(rt, user, **lain):
    isian = dict(
        tanggal="2022-02-03", tempat="Rumah ketua RT", hadir_laki="12", hadir_perempuan="9", notulen=""
    )
    isian.update(lain)
    return services.simpan_rembug(pengguna=user, rt=rt, tahun=TAHUN, **isian)


def _usulan(rembug, user, uraian="Paving gang", biaya="20.000.000"):
    return services.tambah_usulan(
        pengguna=user,
        rembug=rembug,
        bidang="fisik",
        uraian=uraian,
        volume="120",
        satuan="m²",
        perkiraan_biaya=biaya,
        lokasi="Gang 3",
    )


def _jejak():
    return {
        m.__name__: m.objects.count()
        for m in (
            RembugWarga,
            Usulan,
            Alokasi,
            KegiatanRt,
            RealisasiRt,
            Berkas,
            Musrenbang,
            Pengaturan,
            CatatanAudit,
        )
    }


# --- scope -----------------------------------------------------------------------------------------------


def test_operator_gedog_cannot_write_for_a_klampok_rt(rt_baru, versi_sampel):
    gedog, klampok = rt_baru
    op = pengguna("operator-gedog")
    op_klampok = pengguna("operator-klampok")
    rembug = _rembug(klampok, op_klampok)
    usulan = _usulan(rembug, op_klampok)
    services.simpan_alokasi(
        pengguna=op_klampok, rt=klampok, tahun=TAHUN, pagu="60.000.000", sub_kegiatan=_sub(versi_sampel)
    )
    services.tandai_usulan(pengguna=op_klampok, usulan=usulan, status=Usulan.Status.DIDANAI)
    kegiatan = services.buat_kegiatan(pengguna=op_klampok, usulan=usulan)
    sebelum = _jejak()
    panggilan = [
        lambda: _rembug(klampok, op),
        lambda: services.simpan_rembug(
            pengguna=op,
            rt=klampok,
            tahun=TAHUN,
            rembug=rembug,
            tanggal="2022-02-04",
            tempat="X",
            hadir_laki=1,
            hadir_perempuan=1,
        ),
        lambda: _usulan(rembug, op),
        lambda: services.geser_usulan(pengguna=op, usulan=usulan, naik=True),
        lambda: services.tandai_usulan(pengguna=op, usulan=usulan, status=Usulan.Status.DIUSULKAN),
        lambda: services.simpan_alokasi(
            pengguna=op, rt=klampok, tahun=TAHUN, pagu="70.000.000", sub_kegiatan=_sub(versi_sampel)
        ),
        lambda: services.catat_realisasi(
            pengguna=op, kegiatan=kegiatan, tanggal="2022-05-01", jumlah="1000", fisik="10"
        ),
        lambda: services.ubah_lpj(pengguna=op, kegiatan=kegiatan, lpj="diajukan"),
        # a Gedog rembug cannot be moved onto the Klampok RT either
        lambda: services.simpan_rembug(
            pengguna=op,
            rt=gedog,
            tahun=TAHUN,
            rembug=rembug,
            tanggal="2022-02-04",
            tempat="X",
            hadir_laki=1,
            hadir_perempuan=1,
        ),
    ]
    for panggil in panggilan:
        with pytest.raises(PermissionDenied):
            panggil()
    assert _jejak() == sebelum


def test_the_pd_office_operator_and_the_planner_enter_for_every_rt(rt_baru):
    _, klampok = rt_baru
    for nama in ("operator-kecamatan", "perencana"):
        r = _rembug(klampok, pengguna(nama), tempat=f"Balai ({nama})")
        assert r.rt == klampok
    for nama in ("lurah-klampok", "camat", "verifikator"):
        with pytest.raises(PermissionDenied):
            _rembug(klampok, pengguna(nama))


# --- rembug and proposals -----------------------------------------------------------------------------


def test_rembug_refuses_every_bad_value_at_once_and_saves_nothing(rt_baru):
    gedog, _ = rt_baru
    sebelum = _jejak()
    with pytest.raises(ValidationError) as e:
        _rembug(
            gedog,
            pengguna("operator-gedog"),
            tanggal="2031-01-01",
            tempat=" ",
            hadir_laki="-3",
            hadir_perempuan="x",
        )
    galat = e.value.message_dict
    assert set(galat) == {"tanggal", "tempat", "hadir_laki", "hadir_perempuan"}
    assert "tahun 2022" in galat["tanggal"][0]
    with pytest.raises(ValidationError) as e:
        _rembug(gedog, pengguna("operator-gedog"), hadir_laki="0", hadir_perempuan="")
    assert "hadir" in e.value.message_dict["hadir_laki"][0]
    assert _jejak() == sebelum


def test_proposals_are_ranked_reordered_and_renumbered(rt_baru):
    gedog, _ = rt_baru
    op = pengguna("operator-gedog")
    r = _rembug(gedog, op)
    a, b, c = (_usulan(r, op, u) for u in ("Paving", "Drainase", "Posyandu"))
    assert [a.prioritas, b.prioritas, c.prioritas] == [1, 2, 3]
    services.geser_usulan(pengguna=op, usulan=c, naik=True)
    assert list(r.usulan_set.order_by("prioritas").values_list("uraian", flat=True)) == [
        "Paving",
        "Posyandu",
        "Drainase",
    ]
    services.hapus_usulan(pengguna=op, usulan=a)
    assert list(r.usulan_set.order_by("prioritas").values_list("uraian", "prioritas")) == [
        ("Posyandu", 1),
        ("Drainase", 2),
    ]


@pytest.mark.parametrize(
    "biaya,pesan",
    [("-5.000", "negatif"), ("12,5 juta", "bukan jumlah rupiah"), ("1" * 20, "terlalu"), ("", "wajib")],
)
def test_absurd_costs_are_refused(rt_baru, biaya, pesan):
    gedog, _ = rt_baru
    op = pengguna("operator-gedog")
    r = _rembug(gedog, op)
    with pytest.raises(ValidationError) as e:
        _usulan(r, op, biaya=biaya)
    assert pesan in " ".join(e.value.message_dict["perkiraan_biaya"])
    assert not r.usulan_set.exists()


# --- files ---------------------------------------------------------------------------------------------------


def test_uploads_refused_by_type_content_and_size(rt_baru, media):
    gedog, _ = rt_baru
    op = pengguna("operator-gedog")
    r = _rembug(gedog, op)
    salah = [
        (SimpleUploadedFile("notulen.docx", b"PK\x03\x04 isi"), "hanya JPG, PNG atau PDF"),
        (SimpleUploadedFile("foto.jpg", b"MZ bukan gambar"), "bukan JPG"),
        (SimpleUploadedFile("besar.pdf", b"%PDF-1.4" + b"0" * (5 * 1024 * 1024)), "lebih dari 5 MB"),
    ]
    for berkas, pesan in salah:
        with pytest.raises(ValidationError) as e:
            services.tambah_berkas(pengguna=op, rembug=r, berkas=berkas, judul="")
        assert pesan in " ".join(e.value.message_dict["berkas"])
    assert not Berkas.objects.filter(rembug=r).exists()
    b = services.tambah_berkas(
        pengguna=op,
        rembug=r,
        berkas=SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"0" * 10),
        judul="",
        publik=True,
    )
    assert b.jenis == Berkas.Jenis.FOTO and b.publik and b.judul == "foto.png" and b.ukuran == 18


# --- allocation and spending ---------------------------------------------------------------------------------


def test_pagu_outside_the_pemda_range_is_refused(rt_baru, versi_sampel):
    gedog, _ = rt_baru
    op = pengguna("operator-gedog")
    sub = _sub(versi_sampel)
    for pagu in ("49.999.999", "100.000.001", "0"):
        with pytest.raises(ValidationError) as e:
            services.simpan_alokasi(pengguna=op, rt=gedog, tahun=TAHUN, pagu=pagu, sub_kegiatan=sub)
        assert "antara Rp50.000.000 dan Rp100.000.000" in e.value.message_dict["pagu"][0]
    with pytest.raises(ValidationError) as e:
        services.simpan_alokasi(pengguna=op, rt=gedog, tahun=TAHUN, pagu="60.000.000", sub_kegiatan=None)
    assert "sub_kegiatan" in e.value.message_dict
    assert not Alokasi.objects.filter(rt=gedog).exists()
    # the range is the pemda's setting
    services.simpan_pengaturan(
        pengguna=pengguna("admin"),
        pd=versi_sampel.pd,
        pagu_minimum="10.000.000",
        pagu_maksimum="20.000.000",
        minimal_rembug="1",
        ambang_serapan="75",
        ambang_kelurahan="75",
    )
    a = services.simpan_alokasi(pengguna=op, rt=gedog, tahun=TAHUN, pagu="Rp 15.000.000", sub_kegiatan=sub)
    assert a.pagu == Decimal(15_000_000)


def test_spending_beyond_the_pagu_and_falling_progress_are_refused(rt_baru, versi_sampel):
    gedog, _ = rt_baru
    op = pengguna("operator-gedog")
    services.simpan_alokasi(
        pengguna=op, rt=gedog, tahun=TAHUN, pagu="50.000.000", sub_kegiatan=_sub(versi_sampel)
    )
    r = _rembug(gedog, op)
    u = _usulan(r, op)
    with pytest.raises(ValidationError):  # only a funded proposal becomes an activity
        services.buat_kegiatan(pengguna=op, usulan=u)
    services.tandai_usulan(pengguna=op, usulan=u, status=Usulan.Status.DIDANAI)
    k = services.buat_kegiatan(pengguna=op, usulan=u, nama="")
    assert k.nama == "Paving gang"
    services.catat_realisasi(pengguna=op, kegiatan=k, tanggal="2022-04-01", jumlah="30.000.000", fisik="40")
    with pytest.raises(ValidationError) as e:
        services.catat_realisasi(
            pengguna=op, kegiatan=k, tanggal="2022-06-01", jumlah="20.000.001", fisik="90"
        )
    assert "melampaui pagu" in e.value.message_dict["jumlah"][0]
    assert "sisa Rp20.000.000" in e.value.message_dict["jumlah"][0]
    with pytest.raises(ValidationError) as e:
        services.catat_realisasi(pengguna=op, kegiatan=k, tanggal="2022-06-01", jumlah="1.000", fisik="39,5")
    assert "tidak boleh turun" in e.value.message_dict["fisik"][0]
    with pytest.raises(ValidationError) as e:
        services.catat_realisasi(
            pengguna=op, kegiatan=k, tanggal="2022-06-01", jumlah="1.000", fisik="100,01"
        )
    assert "fisik" in e.value.message_dict
    services.catat_realisasi(pengguna=op, kegiatan=k, tanggal="2022-06-01", jumlah="7.500.000", fisik="100")
    # 37.500.000 of 50.000.000 = 75,00 %: the RT reaches the threshold, with its one rembug
    rt = next(x for x in hitung.keadaan_rt([gedog.unit_id], TAHUN) if x.rt_id == gedog.pk)
    assert rt.realisasi == Decimal(37_500_000) and rt.penyerapan == Decimal("75.00") and rt.berdaya
    # the pagu cannot be cut below what was spent
    with pytest.raises(ValidationError):
        services.simpan_alokasi(pengguna=op, rt=gedog, tahun=TAHUN, pagu="50.000.000", sub_kegiatan=None)


def test_no_spending_without_an_allocation(rt_baru):
    gedog, _ = rt_baru
    op = pengguna("operator-gedog")
    u = _usulan(_rembug(gedog, op), op)
    services.tandai_usulan(pengguna=op, usulan=u, status=Usulan.Status.DIDANAI)
    k = services.buat_kegiatan(pengguna=op, usulan=u)
    with pytest.raises(ValidationError) as e:
        services.catat_realisasi(pengguna=op, kegiatan=k, tanggal="2022-04-01", jumlah="1.000", fisik="1")
    assert "belum mempunyai alokasi" in " ".join(e.value.messages)


# --- musrenbang --------------------------------------------------------------------------------------------------


def test_musrenbang_flow_and_refusal_needs_a_reason(rt_baru, versi_sampel):
    gedog, _ = rt_baru
    op, perencana = pengguna("operator-gedog"), pengguna("perencana")
    r = _rembug(gedog, op)
    a, b = _usulan(r, op, "Jembatan"), _usulan(r, op, "Balai RW")
    for u in (a, b):
        services.tandai_usulan(pengguna=op, usulan=u, status=Usulan.Status.MUSRENBANG_KELURAHAN)
    kel = services.simpan_musrenbang(
        pengguna=perencana,
        pd=versi_sampel.pd,
        tahun=TAHUN,
        unit=gedog.unit,
        tanggal="2022-02-10",
        peserta_laki="40",
        peserta_perempuan="35",
    )
    assert kel.peserta == 75 and kel.tingkat == Musrenbang.Tingkat.KELURAHAN
    with pytest.raises(PermissionDenied):
        services.putuskan_usulan(pengguna=op, usulan=a, musrenbang=kel, terima=True)
    with pytest.raises(ValidationError) as e:
        services.putuskan_usulan(pengguna=perencana, usulan=b, musrenbang=kel, terima=False, alasan="  ")
    assert "alasan" in e.value.message_dict
    b.refresh_from_db()
    assert b.status == Usulan.Status.MUSRENBANG_KELURAHAN
    services.putuskan_usulan(
        pengguna=perencana, usulan=b, musrenbang=kel, terima=False, alasan="Bukan kewenangan"
    )
    services.putuskan_usulan(pengguna=perencana, usulan=a, musrenbang=kel, terima=True)
    kec = Musrenbang.objects.get(pd=versi_sampel.pd, tahun=TAHUN, tingkat=Musrenbang.Tingkat.KECAMATAN)
    with pytest.raises(ValidationError):  # the kecamatan does not decide what its kelurahan refused
        services.putuskan_usulan(pengguna=perencana, usulan=b, musrenbang=kec, terima=True)
    services.putuskan_usulan(pengguna=perencana, usulan=a, musrenbang=kec, terima=True)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, a.musrenbang) == (Usulan.Status.MASUK_RENJA, kec)
    assert (b.status, b.alasan) == (Usulan.Status.DITOLAK, "Bukan kewenangan")


# --- audit ---------------------------------------------------------------------------------------------------------


def test_every_write_is_audited(rt_baru, versi_sampel, media):
    gedog, _ = rt_baru
    op, perencana = pengguna("operator-gedog"), pengguna("perencana")
    sub = _sub(versi_sampel)

    def aksi():
        return list(
            CatatanAudit.objects.filter(aksi__startswith="rtkeren.")
            .order_by("pk")
            .values_list("aksi", "pengguna_id")
        )

    awal = len(aksi())
    r = _rembug(gedog, op)
    _rembug(gedog, op, rembug=r, tempat="Balai RW")
    u1, u2 = _usulan(r, op, "A"), _usulan(r, op, "B")
    services.geser_usulan(pengguna=op, usulan=u2, naik=True)
    services.tandai_usulan(pengguna=op, usulan=u1, status=Usulan.Status.DIDANAI)
    services.tandai_usulan(pengguna=op, usulan=u2, status=Usulan.Status.MUSRENBANG_KELURAHAN)
    services.simpan_alokasi(pengguna=op, rt=gedog, tahun=TAHUN, pagu="60.000.000", sub_kegiatan=sub)
    k = services.buat_kegiatan(pengguna=op, usulan=u1)
    services.catat_realisasi(pengguna=op, kegiatan=k, tanggal="2022-05-01", jumlah="1.000.000", fisik="10")
    services.ubah_lpj(pengguna=op, kegiatan=k, lpj="diajukan")
    b = services.tambah_berkas(
        pengguna=op, kegiatan=k, berkas=SimpleUploadedFile("lpj.pdf", b"%PDF-1.4 x"), judul="LPJ"
    )
    services.hapus_berkas(pengguna=op, berkas=b)
    m = services.simpan_musrenbang(
        pengguna=perencana,
        pd=versi_sampel.pd,
        tahun=TAHUN,
        unit=gedog.unit,
        tanggal="2022-02-10",
        peserta_laki="1",
        peserta_perempuan="1",
    )
    services.putuskan_usulan(
        pengguna=perencana, usulan=u2, musrenbang=m, terima=False, alasan="Tidak mendesak"
    )
    u3 = _usulan(r, op, "C")
    services.hapus_usulan(pengguna=op, usulan=u3)
    services.simpan_pengaturan(
        pengguna=SISTEM,
        pd=versi_sampel.pd,
        pagu_minimum="50.000.000",
        pagu_maksimum="100.000.000",
        minimal_rembug="2",
        ambang_serapan="80",
        ambang_kelurahan="75",
    )
    tercatat = aksi()[awal:]
    assert [a for a, _ in tercatat] == [
        "rtkeren.rembug.buat",
        "rtkeren.rembug.ubah",
        "rtkeren.usulan.buat",
        "rtkeren.usulan.buat",
        "rtkeren.usulan.prioritas",
        "rtkeren.usulan.status",
        "rtkeren.usulan.status",
        "rtkeren.alokasi.buat",
        "rtkeren.kegiatan.buat",
        "rtkeren.realisasi.buat",
        "rtkeren.kegiatan.lpj",
        "rtkeren.berkas.buat",
        "rtkeren.berkas.hapus",
        "rtkeren.musrenbang.ubah",  # the sample already holds Gedog's 2022 musrenbang
        "rtkeren.usulan.musrenbang",
        "rtkeren.usulan.buat",
        "rtkeren.usulan.hapus",
        "rtkeren.pengaturan.ubah",
    ]
    assert {p for _, p in tercatat[:13]} == {op.pk}
    assert Pengaturan.untuk(versi_sampel.pd.pemda_id).minimal_rembug == 2


def test_a_date_is_read_as_the_date_field_sends_it_or_as_the_message_asks(rt_baru):
    gedog, _ = rt_baru
    op = pengguna("operator-gedog")
    assert _rembug(gedog, op, tanggal="2022-02-03").tanggal == dt.date(2022, 2, 3)
    assert _rembug(gedog, op, tanggal="03-02-2022").tanggal == dt.date(2022, 2, 3)  # hh-bb-tttt, as asked
    assert _rembug(gedog, op, tanggal="3/2/2022").tanggal == dt.date(2022, 2, 3)
    for salah in ("2022-02-30", "30-02-2022", "02-2022", "kemarin"):
        with pytest.raises(ValidationError) as e:
            _rembug(gedog, op, tanggal=salah)
        assert "hh-bb-tttt" in e.value.message_dict["tanggal"][0]
