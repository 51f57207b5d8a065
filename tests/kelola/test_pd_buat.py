"""`kinerja pd buat` end to end: a PD with its units made by the command (audited as the command), its
users from a CSV file, and the guide naming what the new PD still lacks; refusals with exit code 2."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from kinerja import cli
from kinerja.core.models import CatatanAudit, Peran
from kinerja.kelola.panduan import langkah
from kinerja.wilayah import pengguna_csv
from kinerja.wilayah.models import Pemda, PerangkatDaerah
from tests.kelola.bantu_pengguna import dunia, teks

pytestmark = pytest.mark.django_db


@pytest.fixture
def d(versi_sampel):
    return dunia(versi_sampel)


def _buat(*arg):
    return call_command("pd", "buat", *arg)


def test_the_command_opens_a_pd_and_its_users_come_from_csv_and_the_guide_names_whats_missing(
    client, d, capsys
):
    _buat(
        "--nama", "Kecamatan Melati", "--slug", "kecamatan-melati", "--kecamatan", "Melati",
        "--unit", "Melati", "--unit", "Karangsari", "--unit", "Tanjungsari",
    )  # fmt: skip
    keluar = capsys.readouterr().out
    pd = PerangkatDaerah.objects.get(slug="kecamatan-melati")
    assert pd.jenis == "kecamatan" and pd.pemda == d.pd.pemda and pd.kecamatan.nama == "Melati"
    assert list(pd.unit_set.order_by("urutan").values_list("nama_pendek", flat=True)) == [
        "Kecamatan", "Melati", "Karangsari", "Tanjungsari",
    ]  # fmt: skip
    assert "kinerja import BERKAS.xlsx --pd kecamatan-melati" in keluar
    assert reverse("renstra:renstra_pertama", args=[pd.pk]) in keluar
    assert f"/kelola/pd/{pd.pk}/panduan/" in keluar and "Karangsari (kelurahan)" in keluar
    c = CatatanAudit.objects.get(aksi="pd.buat", objek_id=str(pd.pk))
    assert c.pengguna is None and c.nama_pelaku == "kinerja pd buat"

    # The guide of the empty PD: nothing but its units is there.
    awal = {x.judul: x for x in langkah(pd, pengguna=d.admin_kota)}
    assert awal["Unit kerja: kantor dan kelurahan"].selesai
    assert awal["Unit kerja: kantor dan kelurahan"].jumlah == "4 unit lokasi aktif"
    for judul in ("Renstra", "Pengguna per peran", "Operator setiap lokasi", "Standar pelayanan per unit",
                  "Kios survei per unit", "Kategori pengaduan", "Kepala perangkat daerah"):  # fmt: skip
        assert not awal[judul].selesai, judul
    assert awal["Renstra"].jumlah == "belum ada"
    assert awal["Operator setiap lokasi"].jumlah == "0 dari 4 lokasi"
    assert awal["Standar pelayanan per unit"].kurang == ["Kecamatan", "Melati", "Karangsari", "Tanjungsari"]

    # Users from a CSV file: an operator for two kelurahan and the office, a planner, a Camat.
    isi = (
        "nama;unit;peran;email\n"
        "Ani;Melati;operator;\nBayu;Karangsari;operator;\nCitra;Kecamatan;operator;\n"
        "Dedi;;perencana;dedi@contoh.go.id\nEka;;pimpinan;\n"
    )
    dibuat = pengguna_csv.simpan_csv(pengguna=d.admin_kota, pd=pd, teks_csv=isi)
    assert [x.user.username for x in dibuat] == ["ani", "bayu", "citra", "dedi", "eka"]
    assert Peran.objects.filter(unit__pd=pd, jenis="operator").count() == 3

    sesudah = {x.judul: x for x in langkah(pd, pengguna=d.admin_kota)}
    assert sesudah["Pengguna per peran"].selesai
    assert not sesudah["Operator setiap lokasi"].selesai
    assert sesudah["Operator setiap lokasi"].jumlah == "3 dari 4 lokasi"
    assert sesudah["Operator setiap lokasi"].kurang == ["Tanjungsari"]
    assert not sesudah["Renstra"].selesai

    # The page says the same to the pemda's administrator.
    client.force_login(d.admin_kota)
    halaman = teks(client.get(reverse("kelola:panduan", args=[pd.pk])))
    assert "3 dari 4 lokasi" in halaman and "Tanjungsari" in halaman
    # Without a plan the step leads to the page that creates it, not to the server's command line.
    assert reverse("renstra:renstra_pertama", args=[pd.pk]) in halaman
    assert "kinerja import BERKAS.xlsx" not in halaman


def test_a_dinas_by_default_and_its_bidang(d):
    _buat("--nama", "Dinas Kesehatan", "--slug", "dinkes", "--unit", "Sekretariat", "--unit", "Bidang P2P")
    pd = PerangkatDaerah.objects.get(slug="dinkes")
    assert pd.jenis == "dinas" and pd.kecamatan is None
    assert list(pd.unit_set.order_by("urutan").values_list("nama_pendek", "jenis")) == [
        ("Dinas", "kantor"),
        ("Sekretariat", "bagian"),
        ("Bidang P2P", "bagian"),
    ]


@pytest.mark.parametrize(
    "arg, pesan",
    [
        (["--nama", "Kecamatan Lain", "--slug", "kecamatan-sananwetan"], "sudah dipakai"),
        (
            ["--nama", "Dinas X", "--slug", "dinas-x", "--pemda", "tidak-ada"],
            "tidak ada. Pilihan: kota-blitar",
        ),
        (["--slug", "dinas-x"], "Tulis --nama"),
        (["--nama", "Dinas X", "--slug", "Dinas X!"], "huruf kecil"),
        (["--nama", "Dinas X", "--slug", "dinas-x", "--jenis", "entah"], "Pilih jenis"),
        (["--nama", "Kecamatan X", "--slug", "kec-x", "--jenis", "kecamatan"], "nama kecamatan"),
    ],
)
def test_refusals_are_in_indonesian_with_exit_code_2_and_make_nothing(d, capsys, arg, pesan):
    sebelum = PerangkatDaerah.objects.count()
    with pytest.raises(CommandError) as e:
        _buat(*arg)
    assert e.value.returncode == 2
    assert pesan in str(e.value) + capsys.readouterr().err
    assert PerangkatDaerah.objects.count() == sebelum


def test_several_pemda_need_the_pemda_named(d, capsys):
    Pemda.objects.create(kode="35.99", nama="Kabupaten Uji", jenis="kabupaten", slug="kabupaten-uji")
    with pytest.raises(CommandError, match="sebutkan salah satu dengan --pemda") as e:
        _buat("--nama", "Dinas X", "--slug", "dinas-x")
    assert e.value.returncode == 2
    _buat("--nama", "Dinas X", "--slug", "dinas-x", "--pemda", "kabupaten-uji")
    assert PerangkatDaerah.objects.get(slug="dinas-x").pemda.slug == "kabupaten-uji"


def test_the_help_names_the_command(capsys):
    assert cli.main(["--help"]) == 0
    assert "pd buat --nama NAMA --slug SLUG" in capsys.readouterr().out


def test_an_empty_first_draft_is_not_a_plan_yet_and_the_example_csv_imports_as_downloaded(client, d):
    """The guide's Renstra step is done once the version holds an indicator with a target, not when an
    empty draft exists; the example CSV names one of this PD's own units, so it imports unchanged."""
    from kinerja.renstra import services as renstra
    from kinerja.renstra.models import Target

    _buat("--nama", "Kecamatan Mawar", "--slug", "kecamatan-mawar", "--kecamatan", "Mawar", "--unit", "Mawar")
    pd = PerangkatDaerah.objects.get(slug="kecamatan-mawar")
    v = renstra.buat_renstra_pertama(pengguna=d.admin_kota, pd=pd, tahun_mulai=2025, tahun_akhir=2029)
    langkah_renstra = {x.judul: x for x in langkah(pd, pengguna=d.admin_kota)}["Renstra"]
    assert (
        not langkah_renstra.selesai and langkah_renstra.jumlah == "1 versi, belum berisi indikator dan target"
    )
    assert not Target.objects.filter(indikator__node__versi=v).exists()

    client.force_login(d.admin_kota)
    r = client.get(reverse("kelola:impor_contoh", args=[pd.pk]))
    isi = r.content.decode("utf-8-sig")
    assert "Gedog" not in isi and "Budi Santoso,Mawar,operator" in isi.replace(";", ",")
    r = client.post(
        reverse("kelola:impor_pengguna", args=[pd.pk]),
        {"berkas": SimpleUploadedFile("contoh.csv", r.content)},
    )
    assert r.status_code == 200 and "Simpan 2 pengguna" in teks(r)
