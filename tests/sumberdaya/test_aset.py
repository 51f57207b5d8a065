"""The asset register: condition counts over time, refused counts, the plan's maintenance pagu."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.core.models import CatatanAudit
from kinerja.core.pelaku import SISTEM
from kinerja.sumberdaya import services
from kinerja.sumberdaya.models import Aset, RiwayatKondisiAset

pytestmark = pytest.mark.django_db


def _aset(pd, unit="Gedog", jenis="Printer"):
    return Aset.objects.get(unit__pd=pd, unit__nama_pendek=unit, jenis_barang=jenis)


def test_sampel_dari_sel_tercetak(versi_sampel):
    # "13 buah(5 rusak)" at Gedog; "1 buah (rusak ringan)" for the camera at Sananwetan
    p = _aset(versi_sampel.pd)
    assert (p.jumlah, p.baik, p.rusak_ringan, p.rusak_berat, p.teks) == (13, 8, 0, 5, "13 buah(5 rusak)")
    k = _aset(versi_sampel.pd, "Sananwetan", "Kamera digital")
    assert (k.baik, k.rusak_ringan, k.rusak_berat) == (0, 1, 0)
    assert p.riwayat_kondisi.count() == 1


def test_riwayat_kondisi_tersimpan(versi_sampel):
    a = _aset(versi_sampel.pd)
    admin = get_user_model().objects.get(username="admin")
    services.catat_kondisi(
        pengguna=admin,
        aset=a,
        isian={
            "tanggal": "2024-05-02",
            "baik": "11",
            "rusak_ringan": "2",
            "rusak_berat": "0",
            "catatan": "diperbaiki",
        },
    )
    # a count for an earlier date joins the history without becoming the condition now
    services.catat_kondisi(
        pengguna=admin,
        aset=a,
        isian={"tanggal": "2023-01-10", "baik": "9", "rusak_ringan": "0", "rusak_berat": "4"},
    )
    a.refresh_from_db()
    assert (a.baik, a.rusak_ringan, a.rusak_berat) == (11, 2, 0)
    assert a.teks == "13 buah(5 rusak)"  # the document's record stays
    riwayat = services.riwayat_kondisi(pengguna=admin, aset=a)
    assert [(r.tanggal, r.baik) for r in riwayat] == [
        (dt.date(2024, 5, 2), 11),
        (dt.date(2023, 1, 10), 9),
        (dt.date(2020, 12, 31), 8),
    ]
    assert riwayat[0].pengguna == admin
    assert CatatanAudit.objects.filter(aksi="aset.kondisi", objek_id=str(a.pk)).count() == 2


@pytest.mark.parametrize(
    ("isian", "medan"),
    [
        ({"baik": "-1", "rusak_ringan": "14", "rusak_berat": "0"}, "baik"),
        ({"baik": "13", "rusak_ringan": "1", "rusak_berat": "0"}, "baik"),  # 14 > 13
        ({"baik": "10", "rusak_ringan": "0", "rusak_berat": "0"}, "baik"),  # 10 < 13
        ({"baik": "99999999999999999999", "rusak_ringan": "0", "rusak_berat": "0"}, "baik"),
        ({"baik": "1e3", "rusak_ringan": "0", "rusak_berat": "0"}, "baik"),
        ({"baik": "", "rusak_ringan": "0", "rusak_berat": "0"}, "baik"),
        ({"baik": "13", "rusak_ringan": "0", "rusak_berat": "0", "tanggal": "2999-01-01"}, "tanggal"),
    ],
)
def test_jumlah_kondisi_salah_ditolak(versi_sampel, isian, medan):
    a = _aset(versi_sampel.pd)
    sebelum = RiwayatKondisiAset.objects.count(), CatatanAudit.objects.count()
    with pytest.raises(ValidationError) as e:
        services.catat_kondisi(pengguna=SISTEM, aset=a, isian={"tanggal": "2024-01-01", **isian})
    assert medan in e.value.message_dict
    assert (RiwayatKondisiAset.objects.count(), CatatanAudit.objects.count()) == sebelum
    a.refresh_from_db()
    assert (a.baik, a.rusak_berat) == (8, 5)


def test_halaman_kondisi_menolak_dengan_pesan(client, versi_sampel):
    client.force_login(get_user_model().objects.get(username="admin"))
    a = _aset(versi_sampel.pd)
    url = reverse("sumberdaya:kondisi_aset", args=[versi_sampel.pd.pk, a.pk])
    r = client.post(url, {"tanggal": "2024-01-01", "baik": "20", "rusak_ringan": "0", "rusak_berat": "0"})
    html = r.content.decode()
    assert (
        r.status_code == 200 and "ringkasan-galat" in html and "harus sama dengan jumlah barang (13)" in html
    )
    assert 'value="20"' in html  # nothing lost
    r = client.post(url, {})
    assert r.status_code == 200 and "ringkasan-galat" in r.content.decode()


def test_tambah_aset(client, versi_sampel):
    client.force_login(get_user_model().objects.get(username="admin"))
    pd = versi_sampel.pd
    gedog = pd.unit_set.get(nama_pendek="Gedog")
    url = reverse("sumberdaya:tambah_aset", args=[pd.pk])
    r = client.post(
        url,
        {
            "unit": gedog.pk,
            "jenis_barang": "Printer",
            "jumlah": "2",
            "tanggal": "2024-01-01",
            "baik": "2",
            "rusak_ringan": "0",
            "rusak_berat": "0",
        },
    )
    assert "sudah mencatat" in r.content.decode()  # the same kind twice at one unit
    r = client.post(
        url,
        {
            "unit": gedog.pk,
            "jenis_barang": "Proyektor",
            "jumlah": "3",
            "satuan": "unit",
            "tahun_perolehan": "2023",
            "kode_kib": "1.3.2.06.02",
            "tanggal": "2024-01-01",
            "baik": "2",
            "rusak_ringan": "1",
            "rusak_berat": "0",
        },
    )
    assert r.status_code == 302
    a = Aset.objects.get(unit=gedog, jenis_barang="Proyektor")
    assert (a.jumlah, a.baik, a.rusak_ringan, a.tahun_perolehan, a.kode_kib) == (3, 2, 1, 2023, "1.3.2.06.02")
    assert a.riwayat_kondisi.count() == 1
    r = client.post(
        url,
        {
            "unit": gedog.pk,
            "jenis_barang": "X",
            "jumlah": "1",
            "tahun_perolehan": "1700",
            "tanggal": "2024-01-01",
            "baik": "1",
            "rusak_ringan": "0",
            "rusak_berat": "0",
        },
    )
    assert "Tahun perolehan antara" in r.content.decode()


def test_bukan_admin_tidak_mencatat_kondisi(client, versi_sampel):
    a = _aset(versi_sampel.pd)
    camat = get_user_model().objects.get(username="camat")
    with pytest.raises(PermissionDenied):
        services.catat_kondisi(
            pengguna=camat,
            aset=a,
            isian={"tanggal": "2024-01-01", "baik": "13", "rusak_ringan": "0", "rusak_berat": "0"},
        )
    client.force_login(camat)
    url = reverse("sumberdaya:kondisi_aset", args=[versi_sampel.pd.pk, a.pk])
    assert client.get(url).status_code == 200  # reads the history
    assert (
        client.post(
            url, {"tanggal": "2024-01-01", "baik": "13", "rusak_ringan": "0", "rusak_berat": "0"}
        ).status_code
        == 403
    )


def test_halaman_aset_menunjukkan_pagu_pemeliharaan(client, versi_sampel):
    client.force_login(get_user_model().objects.get(username="camat"))
    kantor = versi_sampel.pd.unit_set.get(nama_pendek="Kecamatan")
    url = reverse("sumberdaya:aset", args=[versi_sampel.pd.pk])
    html = client.get(f"{url}?tahun=2022&unit={kantor.pk}").content.decode()
    # Tabel 6.1 (2022) prints these sub kegiatan of 7.01.01.2.09 with these pagu (Kecamatan only)
    assert "Pemeliharaan Peralatan dan Mesin Lainnya" in html and "19.542.800" in html
    assert "Rehabilitasi Gedung Kantor dan Bangunan Lainnya" in html and "4.087.000" in html
    html = client.get(f"{url}?tahun=2022").content.decode()
    assert "13 buah(5 rusak)" in html


def test_tambah_aset_kosong_menunjukkan_semua_kesalahan_sekaligus(client, versi_sampel):
    """An empty submit lists every missing field at once, not only the unit; nothing is saved."""
    client.force_login(get_user_model().objects.get(username="admin"))
    pd = versi_sampel.pd
    sebelum = (Aset.objects.count(), CatatanAudit.objects.count())
    r = client.post(reverse("sumberdaya:tambah_aset", args=[pd.pk]), {"jumlah": "-5"})
    html = r.content.decode()
    assert r.status_code == 200 and "ringkasan-galat" in html
    assert "Pilih unit kerja." in html
    assert "Isi jenis barang." in html
    assert "Jumlah barang: Nilai tidak boleh negatif." in html
    assert 'value="-5"' in html  # nothing lost
    assert (Aset.objects.count(), CatatanAudit.objects.count()) == sebelum
