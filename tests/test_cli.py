"""The `kinerja` command."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kinerja import cli
from kinerja.core.pelaku import SISTEM

pytestmark = pytest.mark.django_db


def test_the_help_lists_the_commands(capsys):
    assert cli.main(["--help"]) == 0
    keluar = capsys.readouterr().out
    for perintah in ("serve", "check", "export", "import", "sampel", "versi", "beda"):
        assert perintah in keluar


def test_an_unknown_command_is_refused_in_indonesian(capsys):
    assert cli.main(["entah"]) == 2
    assert "tidak dikenal" in capsys.readouterr().err


def test_check_json_prints_the_findings(versi_sampel, capsys):
    call_command("periksa", "--json", "--versi", str(versi_sampel.pk))
    data = json.loads(capsys.readouterr().out)
    assert data
    for t in data:
        assert {"code", "severity", "table", "source_lines", "printed", "expected", "message"} <= set(t)
        assert isinstance(t["source_lines"], list)


def test_check_text_output_and_severity_filter(versi_sampel, capsys):
    call_command("periksa", "--versi", str(versi_sampel.pk), "--tingkat", "galat")
    keluar = capsys.readouterr().out
    assert "[Galat]" in keluar and "[Info]" not in keluar and "temuan:" in keluar


def test_export_writes_each_format(versi_sampel, tmp_path):
    for fmt in ("xlsx", "csv", "json"):
        path = tmp_path / f"t.{fmt}"
        call_command("export", "6.2", "--format", fmt, "-o", str(path), "--versi", str(versi_sampel.pk))
    # Figures printed in the document's Tabel 6.2 reach every format.
    import openpyxl

    sel = {
        c
        for baris in openpyxl.load_workbook(tmp_path / "t.xlsx").active.iter_rows(values_only=True)
        for c in baris
    }
    assert "Baik (81,37)" in sel and 1203370 in sel
    csv = (tmp_path / "t.csv").read_text(encoding="utf-8-sig")
    assert ";Baik (81,37);Baik (86);" in csv and ";5;5;1203370;5;1263539;" in csv
    assert "Baik (81,37)" in (tmp_path / "t.json").read_text(encoding="utf-8")
    path = tmp_path / "t61.json"
    call_command(
        "export",
        "6.1",
        "--year",
        "2022",
        "--format",
        "json",
        "-o",
        str(path),
        "--versi",
        str(versi_sampel.pk),
    )
    assert json.loads(path.read_text())[0]["tahun"].keys() == {"2022"}
    with pytest.raises(CommandError, match="tidak dikenal"):
        call_command("export", "9.9")
    with pytest.raises(CommandError, match="di luar periode"):
        call_command("export", "6.1", "--year", "2040", "--versi", str(versi_sampel.pk))


def test_import_refuses_a_bad_workbook_with_every_error(versi_sampel, tmp_path, capsys):
    path = tmp_path / "kosong.xlsx"
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["Tabel tanpa kepala"])
    wb.save(path)
    with pytest.raises(CommandError, match="tidak ada yang disimpan"):
        call_command("import", str(path), "--pd", "kecamatan-sananwetan")
    assert "baris nomor kolom" in capsys.readouterr().err


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="the fresh-database run uses SQLite"
)
def test_a_fresh_database_is_migrated_and_filled_by_any_command(tmp_path):
    env = {
        **os.environ,
        "KINERJA_VAR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'baru.sqlite3'}",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    kinerja = Path(sys.executable).with_name("kinerja")
    hasil = subprocess.run(
        [str(kinerja), "check", "--json"], env=env, capture_output=True, text=True, timeout=300
    )
    assert hasil.returncode == 0, hasil.stderr
    assert "memuat data contoh" in hasil.stderr.lower()
    assert any(t["code"] == "LABEL_SKALA" for t in json.loads(hasil.stdout))


def test_versi_json_lists_every_version(versi_sampel, capsys):
    from kinerja.renstra.salin import buat_perubahan

    perubahan = buat_perubahan(versi=versi_sampel, nama="Perubahan CLI", pengguna=SISTEM)
    call_command("versi", "--json", "--pd", "kecamatan-sananwetan")
    data = {v["id"]: v for v in json.loads(capsys.readouterr().out)}
    assert {"id", "nama", "status", "pd", "jenis", "asal", "tahun_mulai", "tahun_akhir"} <= set(
        data[perubahan.pk]
    )
    assert data[perubahan.pk]["asal"] == versi_sampel.pk and data[perubahan.pk]["status"] == "draft"
    assert (
        data[versi_sampel.pk]["pd"] == "kecamatan-sananwetan" and data[versi_sampel.pk]["tahun_mulai"] == 2021
    )
    call_command("versi")
    assert f"#{perubahan.pk}  Perubahan CLI" in capsys.readouterr().out


def test_beda_json_gives_each_difference_with_its_reason_and_pagu_change(versi_sampel, capsys):
    from decimal import Decimal

    from kinerja.core import angka
    from kinerja.renstra import services
    from kinerja.renstra.models import Pagu, PlanNode
    from kinerja.renstra.salin import buat_perubahan

    baru = buat_perubahan(versi=versi_sampel, nama="Perubahan beda", pengguna=SISTEM)
    call_command("beda", str(versi_sampel.pk), str(baru.pk))
    assert "Tidak ada perbedaan." in capsys.readouterr().out
    sub = PlanNode.objects.get(versi=baru, kode="7.01.01.2.01.0001")
    p = Pagu.objects.filter(node=sub, tahun=2024).order_by("lokasi__urutan").first()
    semula = p.jumlah
    services.ubah_rencana(
        pengguna=SISTEM,
        versi=baru,
        objek=sub,
        pagu={(p.lokasi_id, 2024): (angka.format_rupiah(semula), angka.format_rupiah(semula + 1000))},
        alasan="Harga satuan naik",
    )
    call_command("beda", str(versi_sampel.pk), str(baru.pk), "--json")
    [d] = json.loads(capsys.readouterr().out)
    assert {"jenis", "kode", "unsur", "indikator", "lokasi", "tahun", "dari", "menjadi", "alasan"} <= set(d)
    assert (d["jenis"], d["bagian"], d["kode"], d["tahun"], d["alasan"]) == (
        "diubah",
        "pagu",
        "7.01.01.2.01.0001",
        2024,
        "Harga satuan naik",
    )
    assert Decimal(d["menjadi"]) - Decimal(d["dari"]) == 1000 and d["selisih"] == 1000
    call_command("beda", str(versi_sampel.pk), str(baru.pk))
    keluar = capsys.readouterr().out
    assert (
        "Harga satuan naik" in keluar and "(selisih +1.000)" in keluar and "Kegiatan 7.01.01.2.01" in keluar
    )
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("beda", str(versi_sampel.pk), "999999")


def test_import_previews_saves_and_removes_only_when_asked(versi_sampel, tmp_path, capsys):
    from kinerja.renstra.ekspor import ekspor
    from kinerja.renstra.models import PlanNode, RenstraVersi
    from kinerja.renstra.selectors import muat_rencana

    from .renstra.lembar import Lembar

    path = tmp_path / "t.xlsx"
    path.write_bytes(ekspor("6.2", muat_rencana(versi_sampel), format="xlsx"))
    lembar = Lembar(path)
    lembar.hapus_unsur("7.01.01.2.09.0005")
    lembar.simpan()
    sebelum = RenstraVersi.objects.count()
    call_command("import", str(path), "--pratinjau", "--pd", "kecamatan-sananwetan")
    keluar = capsys.readouterr().out
    assert "0 ditambah, 0 diubah, 1 tidak ada di buku kerja." in keluar
    assert "pakai --hapus" in keluar and "7.01.01.2.09.0005" in keluar and "tidak ada yang disimpan" in keluar
    assert RenstraVersi.objects.count() == sebelum
    call_command("import", str(path), "--nama", "Impor CLI", "--pd", "kecamatan-sananwetan")
    assert "0 perbedaan dari versi dasarnya" in capsys.readouterr().out
    assert PlanNode.objects.filter(versi__nama="Impor CLI", kode="7.01.01.2.09.0005").exists()
    call_command(
        "import",
        str(path),
        "--nama",
        "Impor CLI hapus",
        "--hapus",
        "--alasan",
        "Mebel dicoret",
        "--pd",
        "kecamatan-sananwetan",
    )
    assert "1 perbedaan dari versi dasarnya" in capsys.readouterr().out
    hapus = RenstraVersi.objects.get(nama="Impor CLI hapus")
    assert not PlanNode.objects.filter(versi=hapus, kode="7.01.01.2.09.0005").exists()
    call_command("beda", str(versi_sampel.pk), str(hapus.pk), "--json")
    [d] = json.loads(capsys.readouterr().out)
    assert (d["jenis"], d["bagian"], d["alasan"]) == ("dihapus", "unsur", "Mebel dicoret")


def test_import_help_explains_preview_and_removal(capsys):
    with pytest.raises(SystemExit):
        call_command("import", "--help")
    keluar = capsys.readouterr().out
    assert "--pratinjau" in keluar and "--hapus" in keluar and "tidak ada yang disimpan" in keluar


def test_without_pd_a_command_takes_the_sample_only_on_a_demonstration_database(versi_sampel, capsys):
    from kinerja.wilayah.models import Pemda, PerangkatDaerah

    # Demonstration database (the sample and its demo kecamatan): the sample PD, as the README's commands assume.
    call_command("export", "PK", "--year", "2022", "--format", "json")
    assert json.loads(capsys.readouterr().out)["perangkat_daerah"] == versi_sampel.pd.nama
    # A real pemda's PD beside it: no guess, the choices are listed.
    nyata = Pemda.objects.create(kode="35.06", nama="Kabupaten Kediri", jenis="kabupaten", slug="kab-kediri")
    PerangkatDaerah.objects.create(pemda=nyata, nama="Kecamatan Pare", slug="kecamatan-pare")
    for perintah in (
        ["export", "PK", "--year", "2022"],
        ["capaian", "--year", "2022"],
        ["rt", "--year", "2022"],
    ):
        with pytest.raises(CommandError, match=r"sebutkan yang dimaksud dengan --pd SLUG.*kecamatan-pare"):
            call_command(*perintah)
    call_command("export", "PK", "--year", "2022", "--format", "json", "--pd", "kecamatan-sananwetan")
    assert json.loads(capsys.readouterr().out)["perangkat_daerah"] == versi_sampel.pd.nama
