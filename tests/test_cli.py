"""The `kinerja` command."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kinerja import cli

pytestmark = pytest.mark.django_db


def test_the_help_lists_the_commands(capsys):
    assert cli.main(["--help"]) == 0
    keluar = capsys.readouterr().out
    for perintah in ("serve", "check", "export", "import", "sampel"):
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
        assert path.stat().st_size > 1000
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
