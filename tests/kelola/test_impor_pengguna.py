"""Users of a PD from a CSV file: every wrong row named by its number and nothing saved; refused files;
on success each user with its role and a one-time link, listed once and downloadable."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.core.models import CatatanAudit, Peran, Undangan
from kinerja.wilayah import pengguna as akun
from kinerja.wilayah import pengguna_csv
from tests.kelola.bantu_pengguna import dunia, teks, tolak_indonesia

pytestmark = pytest.mark.django_db
User = get_user_model()

BAIK = (
    "nama;unit;peran;email\n"
    "Budi Santoso;Gedog;operator;budi@contoh.go.id\n"
    "Siti Aminah;;perencana;SITI@contoh.go.id\n"
    '"=HYPERLINK(""http://contoh.invalid"")";Klampok;pimpinan;\n'
)


@pytest.fixture
def d(versi_sampel):
    return dunia(versi_sampel)


def _unggah(client, pd, isi: bytes | str, nama: str = "pengguna.csv"):
    data = isi.encode("utf-8") if isinstance(isi, str) else isi
    return client.post(
        reverse("kelola:impor_pengguna", args=[pd.pk]), {"berkas": SimpleUploadedFile(nama, data)}
    )


def _jejak():
    return (
        User.objects.count(),
        Peran.objects.count(),
        Undangan.objects.count(),
        CatatanAudit.objects.count(),
    )


def test_a_good_file_is_previewed_then_saved_with_a_link_for_each_user(client, d):
    client.force_login(d.admin_kota)
    sebelum = _jejak()
    r = _unggah(client, d.pd, BAIK)
    assert r.status_code == 200
    isi = teks(r)
    assert "Simpan 3 pengguna" in isi and "Dibaca sebagai UTF-8" in isi
    assert "budi.santoso" in isi and "siti.aminah" in isi
    assert _jejak() == sebelum  # the preview saves nothing
    r = client.post(reverse("kelola:impor_simpan", args=[d.pd.pk]))
    assert r.status_code == 302 and r["Location"] == reverse("kelola:impor_hasil", args=[d.pd.pk])
    budi, siti = User.objects.get(username="budi.santoso"), User.objects.get(username="siti.aminah")
    assert list(Peran.objects.filter(pengguna=budi).values_list("jenis", "unit__nama_pendek")) == [
        ("operator", "Gedog")
    ]
    assert list(Peran.objects.filter(pengguna=siti).values_list("jenis", "pd")) == [("perencana", d.pd.pk)]
    assert siti.email == "siti@contoh.go.id" and not siti.has_usable_password()
    assert Undangan.objects.filter(pengguna__in=[budi, siti], jenis="undangan").count() == 2
    assert CatatanAudit.objects.filter(aksi="pengguna.buat", pengguna=d.admin_kota).count() == 3
    impor = CatatanAudit.objects.get(aksi="pengguna.impor")
    assert impor.perubahan["pengguna"] == [None, 3] and impor.pd == d.pd
    # the links, listed, and downloadable as CSV with the formula cell neutralised
    hasil = teks(client.get(r["Location"]))
    assert hasil.count("/kelola/undangan/") == 3 and "memuat tautan" in hasil
    unduh = client.get(reverse("kelola:impor_unduh", args=[d.pd.pk]))
    assert unduh.status_code == 200 and unduh["Content-Type"].startswith("text/csv")
    baris = list(csv.reader(io.StringIO(unduh.content.decode("utf-8-sig")), delimiter=";"))
    assert baris[0][-1] == "tautan_undangan" and len(baris) == 4
    assert baris[3][2].startswith("'=HYPERLINK")
    token = baris[1][-1].rstrip("/").rsplit("/", 1)[-1]
    assert akun.periksa_tautan(token).pengguna == budi
    # closed: the links are gone from the session
    client.post(reverse("kelola:impor_hasil", args=[d.pd.pk]))
    assert "/kelola/undangan/" not in teks(client.get(reverse("kelola:impor_hasil", args=[d.pd.pk])))
    assert client.get(reverse("kelola:impor_unduh", args=[d.pd.pk])).status_code == 302


def test_every_wrong_row_is_named_and_nothing_is_saved(client, d):
    client.force_login(d.admin_kota)
    User.objects.filter(username="operator-gedog").update(email="ada@contoh.go.id")
    isi = (
        "nama;unit;peran;email;nama_pengguna\n"
        "Baik Sekali;Gedog;operator;baik@contoh.go.id;\n"  # row 2: right
        ";Gedog;operator;;\n"  # 3: no name
        "Dua;Entah;operator;;\n"  # 4: unknown unit
        "Tiga;Gedog;kepala;;\n"  # 5: unknown role
        "Empat;;operator;;\n"  # 6: an operator over the whole PD
        "Lima;Gedog;operator;bukan surel;\n"  # 7: bad e-mail
        "Enam;Gedog;operator;ADA@contoh.go.id;\n"  # 8: e-mail of an existing user
        "Tujuh;Gedog;operator;baik@contoh.go.id;\n"  # 9: e-mail of row 2
        "Delapan;Gedog;operator;;operator-gedog\n"  # 10: username taken
        "Sembilan;Klampok;operator;;sama\n"  # 11 and 12: the same username twice
        "Sepuluh;Klampok;operator;;sama\n"
    )
    sebelum = _jejak()
    r = _unggah(client, d.pd, isi)
    assert r.status_code == 400
    halaman = teks(r)
    for no, pesan in [
        (3, "Nama lengkap wajib"),
        (4, "Unit &#x27;Entah&#x27; tidak ada"),
        (5, "Pilih peran"),
        (6, "Operator tidak diberikan atas seluruh perangkat daerah"),
        (7, "Alamat surel tidak sah"),
        (8, "Surel ADA@contoh.go.id sudah dipakai pengguna operator-gedog"),
        (9, "Surel baik@contoh.go.id sama dengan baris 2"),
        (10, "Nama pengguna &#x27;operator-gedog&#x27; sudah dipakai"),
        (11, "Nama pengguna sama dipakai lebih dari satu baris"),
        (12, "Nama pengguna sama dipakai lebih dari satu baris"),
    ]:
        assert f'href="#baris-{no}">Baris {no}: {pesan}' in halaman, (no, pesan)
    assert 'href="#baris-2"' not in halaman
    assert "tidak ada yang disimpan" in halaman and "impor_simpan" not in halaman
    assert reverse("kelola:impor_simpan", args=[d.pd.pk]) not in halaman
    assert _jejak() == sebelum
    # posting the save anyway saves nothing: no checked file waits
    r = client.post(reverse("kelola:impor_simpan", args=[d.pd.pk]), follow=True)
    assert "Tidak ada berkas" in teks(r) and _jejak() == sebelum
    with pytest.raises(Exception, match="Baris 3"):
        pengguna_csv.simpan_csv(pengguna=d.admin_kota, pd=d.pd, teks_csv=isi)
    assert _jejak() == sebelum


@pytest.mark.parametrize(
    "isi, pesan",
    [
        (b"", "Pilih berkas CSV"),
        (b"nama;unit\nBudi;Gedog\n", "Tidak ditemukan: peran, email"),
        (b"nama;unit;peran;email\n", "hanya berisi nama kolom"),
        (b"PK\x03\x04" + b"\x00" * 50, "buku kerja Excel"),
        (b"nama;unit;peran;email\n\x81\x8d\x8f;Gedog;operator;\n", "UTF-8 maupun Windows-1252"),
        (b"nama;unit;peran;email\n" + b"a;Gedog;operator;\n" * 2001, "paling banyak 2000 baris"),
        (b"nama;unit;peran;email\n" + b"x" * (1024 * 1024), "lebih dari 1 MB"),
    ],
)
def test_a_file_that_cannot_be_used_is_refused_and_says_why(client, d, isi, pesan):
    client.force_login(d.admin_kota)
    sebelum = _jejak()
    if isi:
        r = _unggah(client, d.pd, isi)
    else:
        r = client.post(reverse("kelola:impor_pengguna", args=[d.pd.pk]), {})
    assert r.status_code == 400 and pesan in teks(r), teks(r)[-3000:]
    assert _jejak() == sebelum


def test_a_windows_spreadsheet_file_is_read_and_the_preview_says_so(client, d):
    client.force_login(d.admin_kota)
    isi = "nama,unit,peran,email\nJosé Pérez,Gedog,operator,\n".encode("cp1252")
    r = _unggah(client, d.pd, isi)
    assert r.status_code == 200
    halaman = teks(r)
    assert "Windows-1252" in halaman and "José Pérez" in halaman and "jose.perez" in halaman


def test_another_pds_administrator_cannot_import_into_this_pd(client, d):
    client.force_login(d.admin_lain)
    sebelum = _jejak()
    assert tolak_indonesia(_unggah(client, d.pd, BAIK))
    assert tolak_indonesia(client.post(reverse("kelola:impor_simpan", args=[d.pd.pk])))
    assert _jejak() == sebelum
    # its own PD: the sample's kelurahan are unknown there
    r = _unggah(client, d.lain, BAIK)
    assert r.status_code == 400 and "tidak ada di Kecamatan Uji" in teks(r)
