"""Human words for stored keys: audit actions, record types, changed fields, printed-table columns.

The audit trail and the printed rows keep short machine keys (``realisasi.isi``, ``k_2023``,
``lokasi_cetak``); users read them through these functions.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone

AKSI = {
    "realisasi.isi": "Realisasi diisi",
    "realisasi.ubah": "Realisasi diubah",
    "realisasi_anggaran.isi": "Realisasi anggaran diisi",
    "realisasi_anggaran.ubah": "Realisasi anggaran diubah",
    "realisasi_anggaran.hapus": "Realisasi anggaran dihapus",
    "laporan.ajukan": "Laporan diajukan",
    "laporan.verifikasi": "Laporan diverifikasi",
    "laporan.kembalikan": "Laporan dikembalikan",
    "laporan.buka": "Laporan dibuka kembali",
    "rencana.ubah": "Rencana diubah",
    "versi.status": "Status versi diubah",
    "versi.salin": "Perubahan Renstra dibuat",
    "versi.renja": "Renja dibuat",
    "impor": "Buku kerja diimpor",
    "muat_sampel": "Data contoh dimuat",
    "sampel.demonstrasi": "Data demonstrasi dimuat",
    "pk.tandatangan": "Perjanjian Kinerja ditandatangani",
    "anggaran.tambah": "Anggaran APBD diisi",
    "anggaran.ubah": "Anggaran APBD diubah",
    "anggaran.hapus": "Anggaran APBD dihapus",
    "sampel.anggaran": "APBD demonstrasi dimuat",
    "pelayanan.catat": "Pelayanan dicatat",
    "pelayanan.selesai": "Pelayanan diselesaikan",
    "pengaduan.terima": "Pengaduan diterima",
    "kios.buat": "Kios survei dibuat",
    "kios.ubah": "Kios survei diubah",
    "kios.status": "Kios survei diaktifkan/dinonaktifkan",
    "kios.ganti_kios": "Alamat tablet kios diganti",
    "kios.ganti_ponsel": "Alamat formulir ponsel kios diganti",
    "layanan.buat": "Standar pelayanan dibuat",
    "layanan.ubah": "Standar pelayanan diubah (versi baru)",
    "layanan.status": "Standar pelayanan ditampilkan/disembunyikan/dinonaktifkan",
    "layanan.hapus": "Standar pelayanan dihapus",
    "libur.tambah": "Hari libur ditambahkan",
    "libur.hapus": "Hari libur dihapus",
    "libur.impor": "Hari libur diimpor",
    "kategori.tambah": "Kategori pengaduan ditambahkan",
    "kategori.ubah": "Kategori pengaduan diubah",
    "kategori.urutan": "Urutan kategori pengaduan diubah",
    "kategori.status": "Kategori pengaduan diaktifkan/dinonaktifkan",
    "kategori.hapus": "Kategori pengaduan dihapus",
    "pengaduan.tanggapan": "Tanggapan pengaduan ditulis",
    "temuan.tandai": "Temuan pemeriksa ditandai",
    "admin.tambah": "Ditambah di halaman admin",
    "admin.ubah": "Diubah di halaman admin",
    "admin.hapus": "Dihapus di halaman admin",
    "peran.beri": "Peran diberikan",
    "peran.ubah": "Peran diubah",
    "peran.cabut": "Peran dicabut",
    "pengguna.hak": "Hak akun diubah (administrator, staf, aktif)",
    "dua_langkah.aktif": "Verifikasi dua langkah diaktifkan",
    "dua_langkah.matikan": "Verifikasi dua langkah dimatikan",
    "wilayah.luas": "Luas kelurahan diubah",
    "wilayah.rt_tambah": "RT ditambahkan",
    "wilayah.rt_ubah": "RT diubah",
    "wilayah.rt_nonaktif": "RT dinonaktifkan",
    "wilayah.rt_aktif": "RT diaktifkan kembali",
    "wilayah.penduduk_tambah": "Penduduk ditambahkan",
    "wilayah.penduduk_ubah": "Penduduk diubah",
    "pemda.ubah": "Pengaturan pemerintah daerah diubah",
    "pemda.logo": "Logo pemerintah daerah diganti",
    "pd.buat": "Perangkat daerah dibuka",
    "pd.ubah": "Data perangkat daerah diubah",
    "unit.tambah": "Unit ditambahkan",
    "unit.ubah": "Unit diubah",
    "unit.nonaktif": "Unit dinonaktifkan",
    "unit.aktif": "Unit diaktifkan kembali",
    "unit.hapus": "Unit dihapus",
    "pengguna.buat": "Pengguna dibuat",
    "pengguna.ubah": "Data pengguna diubah",
    "pengguna.impor": "Pengguna dibuat dari berkas CSV",
    "undangan.buat": "Tautan undangan baru dibuat",
    "undangan.pakai": "Kata sandi dibuat lewat tautan sekali pakai",
    "sandi.atur_ulang": "Kata sandi diatur ulang (tautan baru)",
}

# Field and column names that read badly as they are stored.
KUNCI = {
    "no": "No",
    "jumlah": "Jumlah",
    "sumber_dana": "Sumber dana",
    "dokumen": "Nomor dokumen",
    "teks": "Nilai",
    "nama": "Nama",
    "kode": "Kode",
    "tingkat": "Tingkat",
    "indikator": "Indikator",
    "formulasi": "Formulasi / definisi operasional",
    "satuan": "Satuan",
    "data_awal": "Data capaian awal",
    "kondisi_awal": "Kondisi awal",
    "kondisi_akhir": "Kondisi akhir",
    "akhir_k": "Kondisi akhir (target)",
    "akhir_rp": "Kondisi akhir (pagu)",
    "unit_kerja": "Unit kerja penanggung jawab",
    "lokasi": "Lokasi",
    "lokasi_cetak": "Lokasi tercetak",
    "lokasi_baris": "Baris lokasi di naskah",
    "kelurahan_cetak": "Kelurahan tercetak",
    "anggaran_baris": "Baris anggaran di naskah",
    "keterangan_baris": "Baris keterangan di naskah",
    "laki_laki": "Laki-laki",
    "luas": "Luas (km²)",
    "pertumbuhan_anggaran": "Rata-rata pertumbuhan anggaran",
    "pertumbuhan_realisasi": "Rata-rata pertumbuhan realisasi",
    "indikator_tujuan": "Indikator tujuan",
    "indikator_sasaran": "Indikator sasaran",
    "formulasi_tujuan": "Formulasi indikator tujuan",
    "formulasi_sasaran": "Formulasi indikator sasaran",
    "target_tujuan": "Target tujuan",
    "kinerja_utama": "Kinerja utama",
    "jenis_barang": "Jenis barang",
    "masalah_pokok": "Masalah pokok",
    "akar_masalah": "Akar masalah",
    "sasaran_provinsi": "Sasaran provinsi",
    "faktor_pendorong": "Faktor pendorong",
    "faktor_penghambat": "Faktor penghambat",
    "tindak_lanjut": "Tindak lanjut triwulan berikutnya",
    "tindak_lanjut_renja": "Tindak lanjut Renja berikutnya",
    "tautan_bukti": "Tautan bukti",
    "bukti": "Berkas bukti",
    "syarat_lengkap": "Persyaratan lengkap",
    "selesai": "Waktu selesai",
    "asal": "Disalin dari",
    "agregasi_akhir": "Aturan kondisi akhir",
    "agregasi_triwulan": "Aturan realisasi triwulan",
    "jenis_nilai": "Jenis nilai",
    "arah": "Arah",
    "catatan": "Catatan",
    "status": "Status",
    "batas_hari": "Batas penyelesaian (hari kerja)",
    "batas_per_menit": "Batas kiriman per menit",
    "token": "Alamat tablet",
    "token_ponsel": "Alamat formulir ponsel",
    "publik": "Tampil publik",
}

# Per-year columns: k_2023 is the target (K) of 2023, rp_2023 its pagu (Rp), and so on.
POLA_TAHUN = {
    "k": "Target",
    "t": "Target",
    "target": "Target",
    "rp": "Pagu",
    "anggaran": "Anggaran",
    "realisasi": "Realisasi",
    "rasio": "Rasio capaian",
}
_RE_TAHUN = re.compile(r"([a-z]+)_(\d{4})")

TINGKAT_CETAK = {"sub_kegiatan": "Sub kegiatan", "ringkasan": "Ringkasan", "rincian": "Rincian"}


def _kalimat(kunci: str) -> str:
    teks = kunci.replace("_", " ").replace(".", " ").strip()
    return teks[:1].upper() + teks[1:]


def _model(objek_tipe: str | None):
    if not objek_tipe or "." not in objek_tipe:
        return None
    try:
        return apps.get_model(objek_tipe)
    except (LookupError, ValueError):
        return None


def label_aksi(aksi: str) -> str:
    if aksi in AKSI:
        return AKSI[aksi]
    kepala, _, ekor = aksi.partition(".")
    if kepala == "pengaduan" and ekor:
        return f"Pengaduan {ekor}"
    return _kalimat(aksi)


def label_objek(objek_tipe: str) -> str:
    """'monev.realisasi' → 'Realisasi', from the model's own name."""
    model = _model(objek_tipe)
    if model is None:
        return _kalimat(objek_tipe.rpartition(".")[2])
    return _kalimat(str(model._meta.verbose_name))


def label_kunci(kunci: str, objek_tipe: str | None = None) -> str:
    """A stored field or column key in words: 'k_2023' → 'Target 2023', 'lokasi_cetak' → 'Lokasi tercetak'."""
    m = _RE_TAHUN.fullmatch(kunci)
    if m and m.group(1) in POLA_TAHUN:
        return f"{POLA_TAHUN[m.group(1)]} {m.group(2)}"
    if kunci in KUNCI:
        return KUNCI[kunci]
    model = _model(objek_tipe)
    if model is not None:
        try:
            return _kalimat(str(model._meta.get_field(kunci).verbose_name))
        except FieldDoesNotExist:
            pass
    return _kalimat(kunci)


def label_nilai(kunci: str, nilai: Any, objek_tipe: str | None = None) -> str:
    """A stored value in words: choices by their label, yes/no, empty as '(kosong)'."""
    if nilai is None or nilai == "":
        return "(kosong)"
    if isinstance(nilai, bool):
        return "ya" if nilai else "tidak"
    model = _model(objek_tipe)
    if model is not None:
        try:
            pilihan = dict(model._meta.get_field(kunci).flatchoices)
        except FieldDoesNotExist:
            pilihan = {}
        if nilai in pilihan:
            return str(pilihan[nilai])
    return str(nilai)


def rincian_perubahan(perubahan: dict, objek_tipe: str | None = None) -> list[tuple[str, str, str]]:
    """An audit entry's changes as (field, from, to) in words."""
    return [
        (label_kunci(k, objek_tipe), label_nilai(k, v[0], objek_tipe), label_nilai(k, v[1], objek_tipe))
        for k, v in (perubahan or {}).items()
        if isinstance(v, (list, tuple)) and len(v) == 2
    ]


def label_tingkat_cetak(tingkat: str) -> str:
    return TINGKAT_CETAK.get(tingkat, _kalimat(tingkat)) if tingkat else ""


def waktu_lokal(waktu: dt.datetime | None) -> str:
    """Local time (the installation's zone, Asia/Jakarta) as dd-mm-yyyy HH.MM."""
    if waktu is None:
        return ""
    if timezone.is_aware(waktu):
        waktu = timezone.localtime(waktu)
    return waktu.strftime("%d-%m-%Y %H.%M")
