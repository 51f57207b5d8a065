"""The staff register: Tabel 2.2 for any date, the sample against the printed table, NIP privacy."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.core.models import CatatanAudit, Peran
from kinerja.core.pelaku import SISTEM
from kinerja.sumberdaya import services
from kinerja.sumberdaya.models import Pegawai, RekapPegawai
from kinerja.sumberdaya.tabel_pegawai import susun_tabel
from kinerja.wilayah.models import PerangkatDaerah, Unit

pytestmark = pytest.mark.django_db

NIP_CAMAT_CONTOH = "00000000 000000 1 001"  # the sample's first (demonstration) person


def _tabel(pd, tanggal, tercetak=()):
    orang = services.hitung_pegawai(pengguna=SISTEM, pd=pd, tanggal=tanggal)
    return {
        k.kunci: ({b.uraian: b.jumlah for b in k.baris}, k.jumlah) for k in susun_tabel(orang, list(tercetak))
    }


def _isian(unit_kerja, **lain):
    dasar = {
        "unit": str(unit_kerja.pk),
        "nama": "Orang Uji",
        "nip": "",
        "jabatan": "Pengolah Data",
        "jenis_jabatan": "pelaksana",
        "nama_fungsional": "",
        "status": "pns",
        "golongan": "III/a",
        "golongan_pppk": "",
        "pendidikan": "S1",
        "jenis_kelamin": "L",
        "mulai": "2020-01-02",
    }
    return {**dasar, **lain}


@pytest.fixture
def pd_kecil(versi_sampel):
    pd = PerangkatDaerah.objects.create(pemda=versi_sampel.pd.pemda, nama="Dinas Uji", slug="dinas-uji")
    kantor = Unit.objects.create(pd=pd, jenis="kantor", nama="Dinas Uji", nama_pendek="Dinas", urutan=1)
    return pd, kantor


def test_tabel_2_2_dari_daftar_untuk_dua_tanggal(pd_kecil):
    pd, kantor = pd_kecil
    services.tambah_pegawai(
        pengguna=SISTEM, pd=pd, isian=_isian(kantor, nama="A", jenis_jabatan="struktural", jabatan="Kepala")
    )
    b = services.tambah_pegawai(
        pengguna=SISTEM,
        pd=pd,
        isian=_isian(kantor, nama="B", golongan="II/c", pendidikan="SMA", jenis_kelamin="P"),
    )
    services.tambah_pegawai(
        pengguna=SISTEM,
        pd=pd,
        isian=_isian(
            kantor,
            nama="C",
            status="pppk",
            golongan="",
            golongan_pppk="9",
            jenis_jabatan="fungsional",
            nama_fungsional="P2UPD",
            jenis_kelamin="P",
            mulai="2024-03-01",
        ),
    )
    services.akhiri_tugas(pengguna=SISTEM, pegawai=b, selesai="2024-06-30", alasan="mutasi")
    # 30 June 2024 (B's last day): A, B and C serve.
    t = _tabel(pd, dt.date(2024, 6, 30))
    assert t["golongan"] == ({"Penata Muda (III/a)": 1, "Pengatur (II/c)": 1, "PPPK golongan IX": 1}, 3)
    assert t["pendidikan"] == ({"Sarjana ( S 1 )": 2, "SMA": 1}, 3)
    assert t["jabatan"] == ({"Pejabat Struktural": 1, "Pejabat Fungsional P2UPD": 1}, 2)
    assert t["jenis_kelamin"] == ({"Laki-laki": 1, "Perempuan": 2}, 3)
    # 1 July 2024: B has left.
    t = _tabel(pd, dt.date(2024, 7, 1))
    assert t["golongan"] == ({"Penata Muda (III/a)": 1, "PPPK golongan IX": 1}, 2)
    assert t["pendidikan"] == ({"Sarjana ( S 1 )": 2}, 2)
    assert t["jenis_kelamin"] == ({"Laki-laki": 1, "Perempuan": 1}, 2)
    # 1 January 2024: C has not started.
    assert _tabel(pd, dt.date(2024, 1, 1))["golongan"][1] == 2
    b.refresh_from_db()
    assert Pegawai.objects.filter(pk=b.pk).exists() and b.selesai == dt.date(2024, 6, 30)
    assert CatatanAudit.objects.filter(aksi="pegawai.selesai", objek_id=str(b.pk)).count() == 1


def test_sampel_mengulang_tabel_tercetak(versi_sampel):
    pd = versi_sampel.pd
    tercetak = RekapPegawai.objects.filter(pd=pd)
    t = _tabel(pd, dt.date(2020, 12, 31), tercetak)
    # The printed Tabel 2.2 (document lines 583–613), typed here by hand.
    assert t["golongan"][0] == {
        "Pembina Tk.I (IV/b)": 1,
        "Pembina (IV/a)": 1,
        "Penata Tk. I (III/d)": 10,
        "Penata (III/c)": 18,
        "Penata Md Tk I (III/b)": 8,
        "Penata Muda (III/a)": 7,
        "Pengatur Tk I (II/d)": 18,
        "Pengatur (II/c)": 4,
        "Pengatur Muda Tk. I (II/b)": 2,
        "Pengatur Muda (II/a)": 0,
        "Juru Tk. I (I/d)": 1,
        "Juru Muda (I/b)": 1,
        # the printed rows add up to 71 against a printed total of 73: two people without golongan
        "Non-ASN (tanpa golongan)": 2,
    }
    assert t["golongan"][1] == 73
    assert t["pendidikan"] == (
        {
            "Pasca Sarjana ( S2 )": 2,
            "Sarjana ( S 1 )": 32,
            "Diploma IV": 1,
            "Diploma III": 4,
            "Diploma II": 1,
            "Diploma I": 0,
            "SMA": 30,
            "SMP": 1,
            "SD": 2,
        },
        73,
    )
    assert t["jabatan"] == (
        {"Pejabat Struktural": 42, "Pejabat Fungsional P2UPD": 0, "Pejabat Fungsional Auditor": 0},
        42,
    )
    assert t["jenis_kelamin"] == ({"Laki-laki": 42, "Perempuan": 31}, 73)
    # Later the sample has one departure and one PPPK arrival (2023).
    t = _tabel(pd, dt.date(2023, 4, 1))
    assert t["golongan"][1] == 73 and t["golongan"][0]["Penata Muda (III/a)"] == 6
    assert t["golongan"][0]["PPPK golongan IX"] == 1


def _masuk(client, nama):
    client.force_login(get_user_model().objects.get(username=nama))


@pytest.mark.parametrize("nama", ["perencana", "camat", "lurah-gedog", "operator-gedog"])
def test_nip_tidak_tampak_bagi_bukan_admin(client, versi_sampel, nama):
    _masuk(client, nama)
    pd = versi_sampel.pd.pk
    r = client.get(reverse("sumberdaya:pegawai", args=[pd]) + "?tanggal=2022-01-01")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Pegawai Contoh 01" in html and NIP_CAMAT_CONTOH not in html and "NIP/NIK</th>" not in html
    assert "Tambah pegawai" not in html
    r = client.get(reverse("sumberdaya:unduh_pegawai", args=[pd]) + "?tanggal=2022-01-01")
    assert r.status_code == 200 and b"Pegawai Contoh 01" in r.content and b"000000 1 001" not in r.content
    x = Pegawai.objects.get(nama="Pegawai Contoh 01")
    assert client.get(reverse("sumberdaya:ubah_pegawai", args=[pd, x.pk])).status_code == 403
    assert client.get(reverse("sumberdaya:tambah_pegawai", args=[pd])).status_code == 403
    # the service itself does not hand out the number
    u = get_user_model().objects.get(username=nama)
    daftar = services.daftar_pegawai(pengguna=u, pd=versi_sampel.pd, tanggal=dt.date(2022, 1, 1))
    assert daftar and all(p.nip == "" for p in daftar)


def test_nip_tampak_bagi_admin_tetapi_tidak_di_unduhan(client, versi_sampel):
    _masuk(client, "admin")
    pd = versi_sampel.pd.pk
    html = client.get(reverse("sumberdaya:pegawai", args=[pd]) + "?tanggal=2022-01-01").content.decode()
    assert NIP_CAMAT_CONTOH in html and "Tambah pegawai" in html
    r = client.get(reverse("sumberdaya:unduh_pegawai", args=[pd]) + "?tanggal=2022-01-01")
    assert b"Pegawai Contoh 01" in r.content and b"000000 1 001" not in r.content


def test_admin_pd_dengan_peran_mengelola(versi_sampel):
    pd = versi_sampel.pd
    u = get_user_model().objects.create_user("admin-pd")
    Peran.objects.create(pengguna=u, jenis="admin", pd=pd)
    assert services.wewenang(pengguna=u, pd=pd).kelola
    daftar = services.daftar_pegawai(pengguna=u, pd=pd, tanggal=dt.date(2022, 1, 1))
    assert NIP_CAMAT_CONTOH in {p.nip for p in daftar}
    perencana = get_user_model().objects.get(username="perencana")
    assert not services.wewenang(pengguna=perencana, pd=pd).kelola


@pytest.mark.parametrize("nama", ["perencana", "camat"])
def test_anggota_pd_tidak_menulis(versi_sampel, nama):
    u = get_user_model().objects.get(username=nama)
    kantor = versi_sampel.pd.unit_set.get(nama_pendek="Kecamatan")
    sebelum = Pegawai.objects.count(), CatatanAudit.objects.count()
    with pytest.raises(PermissionDenied):
        services.tambah_pegawai(pengguna=u, pd=versi_sampel.pd, isian=_isian(kantor))
    x = Pegawai.objects.get(nama="Pegawai Contoh 02")
    with pytest.raises(PermissionDenied):
        services.akhiri_tugas(pengguna=u, pegawai=x, selesai="2024-01-01")
    assert (Pegawai.objects.count(), CatatanAudit.objects.count()) == sebelum


def test_alamat_pd_lain_ditolak(client, versi_sampel, pd_kecil):
    pd_lain, kantor = pd_kecil
    lain = services.tambah_pegawai(pengguna=SISTEM, pd=pd_lain, isian=_isian(kantor))
    _masuk(client, "perencana")
    assert client.get(reverse("sumberdaya:pegawai", args=[pd_lain.pk])).status_code == 403
    assert client.get(reverse("sumberdaya:aset", args=[pd_lain.pk])).status_code == 403
    _masuk(client, "admin")
    # another PD's record through this PD's address
    pd = versi_sampel.pd.pk
    assert client.get(reverse("sumberdaya:ubah_pegawai", args=[pd, lain.pk])).status_code == 404
    assert (
        client.post(
            reverse("sumberdaya:akhiri_pegawai", args=[pd, lain.pk]), {"selesai": "2024-01-01"}
        ).status_code
        == 404
    )
    lain.refresh_from_db()
    assert lain.selesai is None


@pytest.mark.parametrize(
    ("ubah", "medan"),
    [
        ({"nama": ""}, "nama"),
        ({"golongan": ""}, "golongan"),
        ({"status": "non_asn"}, "golongan"),
        ({"nip": "12345"}, "nip"),
        ({"mulai": "1800-01-01"}, "mulai"),
        ({"mulai": "31-02-2024"}, "mulai"),
        ({"jenis_jabatan": "fungsional"}, "nama_fungsional"),
        ({"golongan_pppk": "99"}, "golongan_pppk"),
        ({"unit": "999999999999999999999"}, "unit"),
    ],
)
def test_isian_pegawai_salah_ditolak_per_medan(pd_kecil, ubah, medan):
    pd, kantor = pd_kecil
    with pytest.raises(ValidationError) as e:
        services.tambah_pegawai(pengguna=SISTEM, pd=pd, isian=_isian(kantor, **ubah))
    assert medan in e.value.message_dict
    assert not Pegawai.objects.filter(unit__pd=pd).exists()


def test_halaman_tambah_kosong_dan_akhiri_sebelum_mulai(client, versi_sampel):
    _masuk(client, "admin")
    pd = versi_sampel.pd.pk
    sebelum = Pegawai.objects.count()
    r = client.post(reverse("sumberdaya:tambah_pegawai", args=[pd]), {})
    html = r.content.decode()
    assert r.status_code == 200 and "ringkasan-galat" in html and "Isi nama." in html
    assert Pegawai.objects.count() == sebelum
    x = Pegawai.objects.get(nama="Pegawai Contoh 03")
    r = client.post(reverse("sumberdaya:akhiri_pegawai", args=[pd, x.pk]), {"selesai": "2000-01-01"})
    assert r.status_code == 200 and "tidak boleh sebelum tanggal mulai" in r.content.decode()
    x.refresh_from_db()
    assert x.selesai is None
    r = client.get(reverse("sumberdaya:pegawai", args=[pd]) + "?tanggal=99999-99-99")
    assert r.status_code == 200


def test_jumlah_kueri_tetap(client, versi_sampel, django_assert_max_num_queries):
    _masuk(client, "admin")
    pd = versi_sampel.pd
    alamat = [
        reverse("sumberdaya:pegawai", args=[pd.pk]),
        reverse("sumberdaya:tabel_pegawai", args=[pd.pk]),
        reverse("sumberdaya:aset", args=[pd.pk]),
    ]
    for a in alamat:
        client.get(a)  # warm caches
    batas = 16
    for a in alamat:
        with django_assert_max_num_queries(batas):
            assert client.get(a).status_code == 200
    kantor = pd.unit_set.get(nama_pendek="Kecamatan")
    for i in range(30):
        services.tambah_pegawai(pengguna=SISTEM, pd=pd, isian=_isian(kantor, nama=f"Tambahan {i}"))
        services.tambah_aset(
            pengguna=SISTEM,
            unit=kantor,
            isian={
                "jenis_barang": f"Barang {i}",
                "jumlah": "2",
                "tanggal": "2024-01-02",
                "baik": "2",
                "rusak_ringan": "0",
                "rusak_berat": "0",
            },
        )
    for a in alamat:
        with django_assert_max_num_queries(batas):
            assert client.get(a).status_code == 200


def test_a_refused_edit_keeps_the_reason_typed(client, versi_sampel):
    _masuk(client, "admin")
    x = Pegawai.objects.get(nama="Pegawai Contoh 03")
    r = client.post(
        reverse("sumberdaya:ubah_pegawai", args=[versi_sampel.pd.pk, x.pk]),
        {"nama": "", "alasan": "Salah ketik nama di SK"},
    )
    html = r.content.decode()
    assert (
        "Isi nama." in html
        and 'id="isian-alasan" maxlength="500" class="penuh" value="Salah ketik nama di SK"' in html
    )
    x.refresh_from_db()
    assert x.nama == "Pegawai Contoh 03"
