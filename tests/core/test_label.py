"""Stored keys and times in the words and the clock users read."""

import datetime as dt

import pytest

from kinerja.core.label import (
    label_aksi,
    label_kunci,
    label_nilai,
    label_objek,
    rincian_perubahan,
    waktu_lokal,
)


@pytest.mark.parametrize(
    "kunci, label",
    [
        ("k_2023", "Target 2023"),
        ("rp_2024", "Pagu 2024"),
        ("t_2026", "Target 2026"),
        ("realisasi_2019", "Realisasi 2019"),
        ("rasio_2020", "Rasio capaian 2020"),
        ("anggaran_2016", "Anggaran 2016"),
        ("lokasi_cetak", "Lokasi tercetak"),
        ("akhir_rp", "Kondisi akhir (pagu)"),
        ("data_awal", "Data capaian awal"),
        ("laki_laki", "Laki-laki"),
        ("jenis_barang", "Jenis barang"),
        ("karangtengah", "Karangtengah"),  # a kelurahan column of the sarana table
    ],
)
def test_printed_column_keys_read_as_words(kunci, label):
    assert label_kunci(kunci) == label


def test_audit_actions_and_record_types_read_as_words():
    assert label_aksi("realisasi.isi") == "Realisasi diisi"
    assert label_aksi("laporan.kembalikan") == "Laporan dikembalikan"
    assert label_aksi("pengaduan.ditindaklanjuti") == "Pengaduan ditindaklanjuti"
    assert label_aksi("sesuatu_baru") == "Sesuatu baru"
    assert label_objek("monev.realisasi") == "Realisasi"
    assert label_objek("layanan.pelayanan") == "Pelayanan"
    assert label_objek("tidak.dikenal") == "Dikenal"


@pytest.mark.django_db
def test_changed_values_use_the_fields_choices_and_plain_yes_no():
    # Pelayanan.hasil "proses" is shown as its choice label.
    assert rincian_perubahan({"hasil": ["proses", "selesai"]}, "layanan.pelayanan") == [
        ("Hasil", "Dalam proses", "Selesai")
    ]
    assert label_nilai("syarat_lengkap", True) == "ya" and label_nilai("x", None) == "(kosong)"
    assert rincian_perubahan({"faktor_penghambat": [None, "Hujan"]}, "monev.realisasi") == [
        ("Faktor penghambat", "(kosong)", "Hujan")
    ]


def test_times_are_written_in_local_time_as_day_month_year_hour_dot_minute():
    # 07.05 UTC is 14.05 in Asia/Jakarta (UTC+7).
    utc = dt.datetime(2022, 12, 31, 17, 5, tzinfo=dt.UTC)
    assert waktu_lokal(utc) == "01-01-2023 00.05"
    assert waktu_lokal(dt.datetime(2026, 12, 2, 7, 5, tzinfo=dt.UTC)) == "02-12-2026 14.05"
    assert waktu_lokal(None) == ""
