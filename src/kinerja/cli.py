"""The ``kinerja`` command."""

from __future__ import annotations

import os
import sys

BANTUAN = """\
kinerja — rencana strategis dan kinerja perangkat daerah

Pemakaian: kinerja PERINTAH [opsi]

Perintah utama:
  serve                  jalankan aplikasi web (http://127.0.0.1:8000)
  check [--json]         periksa konsistensi setiap Renstra di basis data
  export TABEL [...]     tulis tabel Renstra (2.3.1 2.3.2 4.1.1 5.1.1 6.1 6.2 7.1 7.2)
                         sebagai xlsx, csv (pemisah ;) atau json, atau laporan evaluasi
                         (E.81 E.80 PK LKJIP RENJA --year Y [--triwulan N]) sebagai xlsx atau json;
                         RENJA: tahun n dan prakiraan maju n+1, "rancangan" bila Renja belum dibuat
  capaian --year Y       capaian dan predikat tiap indikator × lokasi [--triwulan N] [--json]
                         tanpa --versi: versi berlaku PD (ditetapkan, lalu final, lalu draf terbaru)
  rt --year Y            RT Keren per RT: rembug warga, pagu, realisasi, penyerapan, berdaya
                         [--kelurahan NAMA] [--sampai TTTT-BB-HH] [--ringkas] [--json]
  import BERKAS.xlsx --pd SLUG
                         buku kerja Tabel 6.2/6.1 (atau tabel satu tahun) menjadi versi baru =
                         versi dasarnya + perubahannya; PD wajib disebut, tidak ditebak
                         [--paksa-pd] [--lembar NAMA] [--dari ID] [--nama NAMA] [--alasan TEKS]
                         [--pratinjau] [--hapus]
  versi                  daftar versi Renstra [--pd SLUG] [--json]
  beda ID1 ID2           perbedaan dua versi, dengan alasan setiap perubahan [--json]
  sakip --year Y         nilai evaluasi SAKIP (LKE PermenPANRB 88/2021) per komponen, nilai akhir dan
                         predikat [--pd SLUG] [--json]; --muat BERKAS.toml [--pemda SLUG]: LKE baru
  skm ikm BERKAS.csv     IKM dari kuesioner kertas (kolom U1…U9) [--json]
  skm sampel N           sampel minimum Krejcie–Morgan untuk populasi N
  karantina daftar|tandai|pulihkan
                         kiriman survei beruntun: lihat, keluarkan dari IKM, atau pulihkan
  sampel                 muat ulang data contoh Kecamatan Sananwetan (menghapus data lama;
                         ditolak pada data sungguhan kecuali --paksa)
  pengguna NAMA [--admin]  buat pengguna atau ganti kata sandinya (--admin: administrator)
  pengingat [--kering] [--sekarang TTTT-BB-HHTJJ:MM]
                         kirim pengingat surel yang jatuh waktu, sekali per pengguna dan peristiwa
                         (aman dijalankan tiap jam dari cron/systemd); --kering: hanya daftar
  pd buat --nama NAMA --slug SLUG
                         buka perangkat daerah baru dengan unitnya [--jenis kecamatan|dinas|badan]
                         [--kecamatan NAMA] [--pemda SLUG] [--unit NAMA ...]
  cadangan [--ke FOLDER] cadangan basis data + unggahan + manifest checksum (boleh sambil berjalan)
  pulihkan FOLDER        pulihkan cadangan ke basis data kosong [--paksa menimpa yang berisi]
  manage PERINTAH ...    perintah pengelolaan Django lainnya (migrate, shell, ...)

Setiap perintah menyiapkan basis data lebih dulu: pada basis data kosong tabel-tabel
dibuat; data contoh Sananwetan dan akun demonya dimuat hanya dalam mode demonstrasi
(KINERJA_DEMO=1, seperti `make run`).  Basis data dipilih dengan DATABASE_URL
(bawaan: SQLite di var/kinerja.sqlite3).

Bantuan tiap perintah: kinerja PERINTAH --help
"""

# `kinerja check` is the Renstra checker (command `periksa`); Django's own system check
# stays reachable as `kinerja manage check`.
PERINTAH = {
    "serve": "serve",
    "check": "periksa",
    "periksa": "periksa",
    "export": "export",
    "import": "import",
    "versi": "versi",
    "beda": "beda",
    "sampel": "sampel",
    "pengguna": "pengguna",
    "capaian": "capaian",
    "skm": "skm",
    "sakip": "sakip",
    "karantina": "karantina",
    "cadangan": "cadangan",
    "pulihkan": "pulihkan",
    "rt": "rt",
    "pengingat": "pengingat",
    "pd": "pd",
}


PERINTAH_BACA = {"export", "periksa", "capaian", "versi", "beda", "rt"}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    if not argv or argv[0] in ("-h", "--help", "help", "bantuan"):
        print(BANTUAN)
        return 0
    perintah, sisa = argv[0], argv[1:]
    if perintah == "manage":
        perintah, sisa = (sisa[0], sisa[1:]) if sisa else ("help", [])
    elif perintah in PERINTAH:
        perintah = PERINTAH[perintah]
    else:
        print(f"kinerja: perintah '{perintah}' tidak dikenal.\n", file=sys.stderr)
        print(BANTUAN, file=sys.stderr)
        return 2

    import django

    django.setup()
    from django.core.management import execute_from_command_line

    if (
        "--help" not in sisa
        and "-h" not in sisa
        and perintah not in ("migrate", "sampel", "help", "skm", "check", "cadangan", "pulihkan")
    ):
        from kinerja.core.siap import siapkan_basis_data

        siapkan_basis_data(keluaran=sys.stderr)
    from kinerja.core.replika import baca_dari_replika

    # Commands that only read (exports, reports, the checker) read from the standby when there is one.
    with baca_dari_replika(perintah in PERINTAH_BACA):
        execute_from_command_line(["kinerja", perintah, *sisa])
    return 0


if __name__ == "__main__":
    sys.exit(main())
