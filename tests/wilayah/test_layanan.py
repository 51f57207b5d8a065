"""The region's services: who may write, what is refused, what the audit trail gets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.core.models import CatatanAudit
from kinerja.wilayah import services
from kinerja.wilayah.models import Penduduk, RukunTetangga

pytestmark = pytest.mark.django_db


def _user(nama):
    return get_user_model().objects.get(username=nama)


def _pesan(e: pytest.ExceptionInfo, medan: str) -> str:
    return " ".join(e.value.message_dict[medan])


def test_admin_of_the_pd_edits_area_rt_and_population_with_audit(admin_pd, gedog):
    sebelum = CatatanAudit.objects.count()
    assert services.ubah_luas(pengguna=admin_pd, unit=gedog, luas="2,70") is True
    gedog.refresh_from_db()
    assert gedog.luas_km2 == Decimal("2.70")
    rt = services.tambah_rt(
        pengguna=admin_pd,
        unit=gedog,
        isian={"rw": "2", "nomor": "3", "ketua": "Pak Darto", "lintang": "-8,09", "bujur": "112.18"},
    )
    assert (rt.rw, rt.nomor, rt.lintang, rt.bujur) == (2, 3, Decimal("-8.09"), Decimal("112.18"))
    assert services.ubah_rt(pengguna=admin_pd, rt=rt, isian={"rw": "2", "nomor": "3", "ketua": "Bu Sri"}) == [
        "ketua",
        "lintang",
        "bujur",
    ]
    assert services.ubah_status_rt(pengguna=admin_pd, rt=rt, aktif=False) is True
    p = services.tambah_penduduk(
        pengguna=admin_pd,
        unit=gedog,
        isian={
            "tahun": "2024",
            "laki_laki": "5.900",
            "perempuan": "6.000",
            "sumber": "Dispendukcapil",
            "tanggal": "31-12-2024",
        },
    )
    assert (p.laki_laki, p.perempuan, p.jumlah, p.tanggal) == (5900, 6000, 11900, dt.date(2024, 12, 31))
    assert services.ubah_penduduk(
        pengguna=admin_pd,
        penduduk=p,
        isian={"tahun": "2024", "laki_laki": "5900", "perempuan": "6001", "jumlah": "11901"},
    ) == ["perempuan", "jumlah", "sumber", "tanggal"]
    aksi = list(CatatanAudit.objects.order_by("pk").values_list("aksi", flat=True)[sebelum:])
    assert aksi == [
        "wilayah.luas",
        "wilayah.rt_tambah",
        "wilayah.rt_ubah",
        "wilayah.rt_nonaktif",
        "wilayah.penduduk_tambah",
        "wilayah.penduduk_ubah",
    ]


@pytest.mark.parametrize("nama", ["perencana", "camat", "lurah-gedog", "operator-gedog", "verifikator"])
def test_non_admins_of_the_pd_read_but_cannot_write(nama, gedog, pd):
    u = _user(nama)
    assert services.boleh_kelola(pengguna=u, pd=pd) is False
    assert services.baca_wilayah(pengguna=u, pd=pd).baris
    sebelum = (CatatanAudit.objects.count(), RukunTetangga.objects.count(), Penduduk.objects.count())
    with pytest.raises(PermissionDenied):
        services.ubah_luas(pengguna=u, unit=gedog, luas="3")
    with pytest.raises(PermissionDenied):
        services.tambah_rt(pengguna=u, unit=gedog, isian={"rw": "1", "nomor": "1"})
    with pytest.raises(PermissionDenied):
        services.tambah_penduduk(pengguna=u, unit=gedog, isian={"tahun": "2024", "jumlah": "1"})
    assert (CatatanAudit.objects.count(), RukunTetangga.objects.count(), Penduduk.objects.count()) == sebelum


def test_admin_of_another_pd_can_neither_read_nor_write(pd_lain, pd, gedog):
    admin_lain = pd_lain["admin"]
    with pytest.raises(PermissionDenied):
        services.baca_wilayah(pengguna=admin_lain, pd=pd)
    with pytest.raises(PermissionDenied):
        services.ubah_luas(pengguna=admin_lain, unit=gedog, luas="3")
    with pytest.raises(PermissionDenied):
        services.tambah_rt(pengguna=admin_lain, unit=gedog, isian={"rw": "1", "nomor": "1"})


def test_pengguna_none_is_an_error(gedog):
    with pytest.raises(TypeError):
        services.ubah_luas(pengguna=None, unit=gedog, luas="3")


@pytest.mark.parametrize(
    ("luas", "pesan"),
    [
        ("", "wajib diisi"),
        ("0", "lebih dari 0"),
        ("-2", "lebih dari 0"),
        ("20.000", "tidak masuk akal"),
        ("2,655", "2 angka di belakang koma"),
        ("dua", "bukan angka"),
        ("1e5", "eksponen"),
    ],
)
def test_area_refusals(admin_pd, gedog, luas, pesan):
    with pytest.raises(ValidationError) as e:
        services.ubah_luas(pengguna=admin_pd, unit=gedog, luas=luas)
    assert pesan in _pesan(e, "luas_km2")
    gedog.refresh_from_db()
    assert gedog.luas_km2 == Decimal("2.65")


def test_the_office_has_no_area_of_its_own(admin_pd, pd):
    kantor = pd.unit_set.get(jenis="kantor")
    with pytest.raises(ValidationError, match="bukan kelurahan"):
        services.ubah_luas(pengguna=admin_pd, unit=kantor, luas="1")


def test_rt_number_unique_per_kelurahan_rw_with_indonesian_message(admin_pd, gedog, pd):
    services.tambah_rt(pengguna=admin_pd, unit=gedog, isian={"rw": "1", "nomor": "4"})
    with pytest.raises(ValidationError) as e:
        services.tambah_rt(pengguna=admin_pd, unit=gedog, isian={"rw": "1", "nomor": "04"})
    assert "RT 004/RW 001 sudah ada di Kelurahan Gedog" in _pesan(e, "nomor")
    # the same number in another RW, or in another kelurahan, is another RT
    services.tambah_rt(pengguna=admin_pd, unit=gedog, isian={"rw": "2", "nomor": "4"})
    services.tambah_rt(
        pengguna=admin_pd, unit=pd.unit_set.get(nama_pendek="Klampok"), isian={"rw": "1", "nomor": "4"}
    )
    assert RukunTetangga.objects.filter(nomor=4).count() == 3


@pytest.mark.parametrize(
    ("isian", "medan", "pesan"),
    [
        ({"rw": "", "nomor": "1"}, "rw", "wajib diisi"),
        ({"rw": "1", "nomor": "0"}, "nomor", "di luar batas"),
        ({"rw": "1", "nomor": "-3"}, "nomor", "di luar batas"),
        ({"rw": "1", "nomor": "1,5"}, "nomor", "bilangan bulat"),
        ({"rw": "1", "nomor": "1000"}, "nomor", "di luar batas"),
        ({"rw": "1", "nomor": "1", "lintang": "-8,1"}, "bujur", "lintang dan bujur sekaligus"),
        ({"rw": "1", "nomor": "1", "bujur": "112"}, "lintang", "lintang dan bujur sekaligus"),
        ({"rw": "1", "nomor": "1", "lintang": "-12", "bujur": "112"}, "lintang", "di luar wilayah Indonesia"),
        ({"rw": "1", "nomor": "1", "lintang": "-8", "bujur": "150"}, "bujur", "di luar wilayah Indonesia"),
        ({"rw": "1", "nomor": "1", "ketua": "x" * 151}, "ketua", "paling panjang 150"),
        # twenty digits: the summary names the field that is too long
        ({"rw": "12345678901234567890", "nomor": "1"}, "rw", "Nomor RW: nilai terlalu besar"),
        ({"rw": "1", "nomor": "1", "lintang": "1" * 20, "bujur": "112"}, "lintang", "Lintang: nilai terlalu"),
    ],
)
def test_rt_refusals(admin_pd, gedog, isian, medan, pesan):
    with pytest.raises(ValidationError) as e:
        services.tambah_rt(pengguna=admin_pd, unit=gedog, isian=isian)
    assert pesan in _pesan(e, medan)
    assert not RukunTetangga.objects.filter(unit=gedog).exists()


def test_population_total_must_equal_men_plus_women(admin_pd, gedog):
    with pytest.raises(ValidationError) as e:
        services.tambah_penduduk(
            pengguna=admin_pd,
            unit=gedog,
            isian={"tahun": "2024", "laki_laki": "100", "perempuan": "120", "jumlah": "221"},
        )
    assert "Jumlah 221 tidak sama dengan laki-laki + perempuan (100 + 120 = 220)" in _pesan(e, "jumlah")
    assert not Penduduk.objects.filter(unit=gedog, tahun=2024).exists()


@pytest.mark.parametrize(
    ("isian", "medan", "pesan"),
    [
        ({"tahun": "1999", "jumlah": "5"}, "tahun", "di luar batas"),
        ({"tahun": "2101", "jumlah": "5"}, "tahun", "di luar batas"),
        # a typo such as 2099 is refused, and the year is written without a thousands point
        (
            {"tahun": "2099", "jumlah": "5", "tanggal": "31-12-2099"},
            "tahun",
            "Tahun 2099 di luar batas: 2000–",
        ),
        (
            {"tahun": "2024", "jumlah": "12345678901234567890"},
            "jumlah",
            "Jumlah penduduk: nilai terlalu besar",
        ),
        ({"tahun": "2024"}, "jumlah", "paling sedikit jumlah"),
        ({"tahun": "2024", "jumlah": "-5"}, "jumlah", "di luar batas"),
        ({"tahun": "2024", "jumlah": "20.000.000"}, "jumlah", "di luar batas"),
        ({"tahun": "2024", "jumlah": "5", "tanggal": "31-12-2030"}, "tanggal", "terlalu jauh"),
        ({"tahun": "2024", "jumlah": "5", "tanggal": "besok"}, "tanggal", "bukan tanggal"),
        ({"tahun": "2020", "jumlah": "5"}, "tahun", "sudah ada"),  # the sample has Gedog 2020
    ],
)
def test_population_refusals(admin_pd, gedog, isian, medan, pesan):
    sebelum = Penduduk.objects.count()
    with pytest.raises(ValidationError) as e:
        services.tambah_penduduk(pengguna=admin_pd, unit=gedog, isian=isian)
    assert pesan in _pesan(e, medan)
    assert Penduduk.objects.count() == sebelum


def test_sample_population_has_its_source_and_date(gedog):
    p = Penduduk.objects.get(unit=gedog)
    assert p.tahun == 2020 and p.tanggal == dt.date(2020, 12, 31)
    assert p.sumber.startswith("Tabel 2.1")
