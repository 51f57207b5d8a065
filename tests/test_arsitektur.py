"""Dependencies between the apps run one way: the order is written once, in ARCHITECTURE.md.

Every ``.py`` under ``src/kinerja`` is parsed (``ast``): module-level and function-level imports,
``import x`` and ``from x import y`` (relative ones resolved), and the dotted strings given to
``importlib.import_module``. Each import of another app must point to a lower layer; apps in the
same layer do not import each other, and no app imports another's private names (``_x``). String literals may not name another app's database table
(raw SQL goes through the owning app's selectors). The entry points (``cli.py``, ``settings.py``,
``urls.py``, ``wsgi.py``) sit above every app.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parent.parent
PAKET = AKAR / "src" / "kinerja"
DOKUMEN = AKAR / "ARCHITECTURE.md"


def baca_lapisan(teks: str) -> dict[str, int]:
    """app → layer number, from the ```lapisan block of ARCHITECTURE.md (``N: app, app``)."""
    m = re.search(r"^```lapisan\n(.*?)^```", teks, flags=re.M | re.S)
    if m is None:
        raise AssertionError("ARCHITECTURE.md has no ```lapisan block with the layer order")
    lapisan = {}
    for baris in m.group(1).splitlines():
        baris = baris.split("#")[0].strip()
        if not baris:
            continue
        nomor, daftar = baris.split(":", 1)
        for app in daftar.split(","):
            lapisan[app.strip()] = int(nomor)
    return lapisan


@dataclass(frozen=True)
class Impor:
    baris: int
    modul: str


def _modul_dari_berkas(berkas: Path) -> str:
    bagian = list(berkas.relative_to(PAKET.parent).with_suffix("").parts)
    if bagian[-1] == "__init__":
        bagian.pop()
    return ".".join(bagian)


def daftar_impor(sumber: str, modul: str, paket: bool = False) -> list[Impor]:
    """Every module a source imports (at any depth), with its line."""
    hasil = []
    dasar = modul.split(".") if paket else modul.split(".")[:-1]
    for n in ast.walk(ast.parse(sumber)):
        if isinstance(n, ast.Import):
            hasil += [Impor(n.lineno, a.name) for a in n.names]
        elif isinstance(n, ast.ImportFrom):
            if n.level:
                induk = dasar[: len(dasar) - (n.level - 1)]
                nama = ".".join(induk + ([n.module] if n.module else []))
            else:
                nama = n.module or ""
            # ``from kinerja import monev``: the names may be modules themselves.
            hasil.append(Impor(n.lineno, nama))
            hasil += [Impor(n.lineno, f"{nama}.{a.name}") for a in n.names if a.name != "*"]
        elif isinstance(n, ast.Call):
            f = n.func
            nama_f = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if (
                nama_f == "import_module"
                and n.args
                and isinstance(n.args[0], ast.Constant)
                and isinstance(n.args[0].value, str)
            ):
                hasil.append(Impor(n.lineno, n.args[0].value))
    return hasil


def app_dari_modul(modul: str, apps: set[str]) -> str | None:
    """``kinerja.monev.views`` → ``monev``; None for modules outside the apps."""
    bagian = modul.split(".")
    if len(bagian) >= 2 and bagian[0] == "kinerja" and bagian[1] in apps:
        return bagian[1]
    return None


def periksa_impor(berkas: str, app: str, impor: list[Impor], lapisan: dict[str, int]) -> list[str]:
    """The imports of a module of ``app`` that go against the order, as readable sentences
    (one per line and kind of fault)."""
    salah: dict[tuple, str] = {}
    for i in impor:
        bagian = i.modul.split(".")
        if bagian[0] != "kinerja" or len(bagian) < 2:
            continue
        tujuan = app_dari_modul(i.modul, set(lapisan))
        if tujuan is None:
            if bagian[1] in ("cli", "settings", "urls", "wsgi"):
                salah.append(
                    f"{berkas}:{i.baris}: {app} → {i.modul} (entry points import apps, not the reverse)"
                )
            continue
        if tujuan == app:
            continue
        pribadi = [b for b in bagian[2:] if b.startswith("_") and not b.startswith("__")]
        if pribadi:
            salah.setdefault(
                (i.baris, pribadi[0]),
                f"{berkas}:{i.baris}: {app} → {i.modul}: private name {pribadi[0]} of {tujuan}",
            )
        if lapisan[tujuan] >= lapisan[app]:
            arah = "same layer" if lapisan[tujuan] == lapisan[app] else "upward"
            salah.setdefault(
                (i.baris, tujuan),
                f"{berkas}:{i.baris}: {app} (layer {lapisan[app]}) → {tujuan} (layer {lapisan[tujuan]}), "
                f"{arah}: import {i.modul}",
            )
    return list(salah.values())


def periksa_tabel(berkas: str, app: str, sumber: str, tabel: dict[str, set[str]]) -> list[str]:
    """String literals of a module of ``app`` that name another app's table."""
    lain = {t: a for a, daftar in tabel.items() if a != app for t in daftar}
    if not lain:
        return []
    pola = re.compile(r"\b(" + "|".join(sorted(map(re.escape, lain), key=len, reverse=True)) + r")\b")
    salah = []
    for n in ast.walk(ast.parse(sumber)):
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            for m in pola.finditer(n.value):
                salah.append(f"{berkas}:{n.lineno}: {app} names {lain[m.group(1)]}'s table {m.group(1)}")
    return salah


def _berkas_app(lapisan: dict[str, int]):
    for berkas in sorted(PAKET.rglob("*.py")):
        bagian = berkas.relative_to(PAKET).parts
        if len(bagian) > 1 and bagian[0] in lapisan:
            yield berkas, bagian[0]


@pytest.fixture(scope="module")
def lapisan() -> dict[str, int]:
    return baca_lapisan(DOKUMEN.read_text(encoding="utf-8"))


def test_every_app_package_has_a_layer(lapisan):
    paket = {p.name for p in PAKET.iterdir() if p.is_dir() and any(p.glob("*.py"))}
    assert paket == set(lapisan), (
        f"apps without a layer: {paket - set(lapisan)}; unknown: {set(lapisan) - paket}"
    )


def test_imports_run_one_way(lapisan):
    salah = []
    for berkas, app in _berkas_app(lapisan):
        modul = _modul_dari_berkas(berkas)
        impor = daftar_impor(berkas.read_text(encoding="utf-8"), modul, paket=berkas.name == "__init__.py")
        salah += periksa_impor(str(berkas.relative_to(AKAR)), app, impor, lapisan)
    assert not salah, "imports against the order of ARCHITECTURE.md:\n" + "\n".join(salah)


@pytest.mark.django_db
def test_no_app_names_another_apps_table(lapisan):
    from django.apps import apps

    tabel: dict[str, set[str]] = {}
    for model in apps.get_models(include_auto_created=True):
        app = model.__module__.split(".")[1] if model.__module__.startswith("kinerja.") else None
        if app in lapisan:
            tabel.setdefault(app, set()).add(model._meta.db_table)
    assert {"skm", "layanan", "monev"} <= set(tabel)
    salah = []
    for berkas, app in _berkas_app(lapisan):
        salah += periksa_tabel(str(berkas.relative_to(AKAR)), app, berkas.read_text(encoding="utf-8"), tabel)
    assert not salah, "raw references to another app's table:\n" + "\n".join(salah)


# --- the checker itself can fail ----------------------------------------------------------------

LAPISAN_CONTOH = {"core": 1, "wilayah": 2, "renstra": 3, "layanan": 3, "monev": 4}


def test_the_checker_refuses_an_upward_import_at_any_depth():
    sumber = "import os\n\n\ndef f():\n    from kinerja.monev.models import Laporan\n    return Laporan\n"
    impor = daftar_impor(sumber, "kinerja.core.siap")
    salah = periksa_impor("core/siap.py", "core", impor, LAPISAN_CONTOH)
    assert salah == ["core/siap.py:5: core (layer 1) → monev (layer 4), upward: import kinerja.monev.models"]


def test_the_checker_refuses_plain_relative_and_dynamic_imports_upward():
    sumber = (
        "import kinerja.renstra.models\n"
        "from kinerja import monev\n"
        "from ..monev import otomatis\n"
        "import importlib\n"
        "m = importlib.import_module('kinerja.monev.selectors')\n"
    )
    salah = periksa_impor(
        "wilayah/x.py", "wilayah", daftar_impor(sumber, "kinerja.wilayah.x"), LAPISAN_CONTOH
    )
    baris = sorted({int(s.split(":")[1]) for s in salah})
    assert baris == [1, 2, 3, 5]


def test_the_checker_refuses_an_import_between_apps_of_one_layer_and_allows_downward():
    sumber = "from kinerja.layanan.views import konteks\nfrom kinerja.core import angka\n"
    salah = periksa_impor(
        "renstra/v.py", "renstra", daftar_impor(sumber, "kinerja.renstra.v"), LAPISAN_CONTOH
    )
    assert len(salah) == 1 and "same layer" in salah[0] and ":1:" in salah[0]
    turun = "from kinerja.renstra.models import PlanNode\nfrom kinerja.monev import sampel\n"
    assert periksa_impor("monev/s.py", "monev", daftar_impor(turun, "kinerja.monev.s"), LAPISAN_CONTOH) == []


def test_the_checker_refuses_another_apps_private_name():
    sumber = "from kinerja.layanan.views import _pd, konteks\nfrom kinerja.monev._dalam import x\n"
    salah = periksa_impor(
        "skm/v.py", "skm", daftar_impor(sumber, "kinerja.skm.v"), {**LAPISAN_CONTOH, "skm": 5}
    )
    assert [s.split(": ", 1)[0] for s in salah] == ["skm/v.py:1", "skm/v.py:2"]
    assert "private name _pd of layanan" in salah[0]


def test_the_checker_finds_another_apps_table_in_a_string():
    sumber = 'SQL = "SELECT COUNT(*) FROM skm_respons WHERE unit_id = %s"\nNAMA = "skm_responsif"\n'
    tabel = {"skm": {"skm_respons"}, "monev": {"monev_laporan"}}
    salah = periksa_tabel("monev/o.py", "monev", sumber, tabel)
    assert salah == ["monev/o.py:1: monev names skm's table skm_respons"]
    assert periksa_tabel("skm/o.py", "skm", sumber, tabel) == []


def test_the_layer_block_is_read_from_the_document():
    teks = "# x\n\n```lapisan\n1: core, data  # bottom\n2: wilayah\n```\n"
    assert baca_lapisan(teks) == {"core": 1, "data": 1, "wilayah": 2}
    with pytest.raises(AssertionError):
        baca_lapisan("no block here")
