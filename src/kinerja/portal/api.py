"""The read-only open-data API (``/api/v1/``): a registry of datasets, paging, the OpenAPI document.

A dataset is registered once (``daftarkan``) with its rows function and the JSON schema of one
row; the API view, the OpenAPI 3 document at ``/api/v1/openapi.json`` and the human page
``/data/`` are all built from the same registry, so a dataset cannot be served undocumented.

Every dataset is per PD: ``/api/v1/pd/<pemda>/<pd>/<kunci>/``. ``/api/v1/pd/`` lists the PDs.
Rows are plain JSON: numbers as JSON numbers (decimals as strings would be read as text), money in
whole rupiah, percentages as numbers with their decimals, dates ISO 8601.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpRequest

LISENSI = "Creative Commons Atribusi 4.0 Internasional (CC BY 4.0)"
LISENSI_URL = "https://creativecommons.org/licenses/by/4.0/deed.id"
PER_HALAMAN = 100
PER_HALAMAN_MAKS = 500


@dataclass(frozen=True)
class Parameter:
    """A query parameter of a dataset (besides ``halaman`` and ``per_halaman``)."""

    nama: str
    keterangan: str
    skema: dict = field(default_factory=lambda: {"type": "string"})
    wajib: bool = False


@dataclass(frozen=True)
class Dataset:
    """One public dataset of a PD.

    ``baris(pd, request)`` returns every row (a list of JSON-ready dicts, in a stable order);
    ``skema`` is the JSON schema (OpenAPI 3.0 subset) of one row; ``bagian`` is the portal section
    that must be published for the dataset to be served (see ``portal.models.BAGIAN``); ``halaman``
    is the name of the public page showing the same data (``publik:…``, args pemda slug and pd slug).
    """

    kunci: str
    judul: str
    keterangan: str
    bagian: str
    skema: dict
    baris: Callable[[object, HttpRequest], list[dict]]
    parameter: tuple[Parameter, ...] = ()
    halaman: str = ""


_DAFTAR: dict[str, Dataset] = {}


def daftarkan(ds: Dataset) -> Dataset:
    if ds.kunci in _DAFTAR and _DAFTAR[ds.kunci] is not ds:
        raise ValueError(f"dataset {ds.kunci!r} sudah terdaftar")
    _DAFTAR[ds.kunci] = ds
    return ds


def daftar() -> list[Dataset]:
    """Every registered dataset, in registration order."""
    from kinerja.portal import datasets  # noqa: F401  (registers the datasets)

    return list(_DAFTAR.values())


def ambil(kunci: str) -> Dataset | None:
    daftar()
    return _DAFTAR.get(kunci)


def angka_json(v) -> int | float | None:
    """A Decimal as a JSON number: whole values as integers, others as floats (exact to their
    printed decimals); None stays None."""
    if v is None:
        return None
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


class GalatParameter(ValueError):
    """A query parameter that cannot be read: answered 400 with this Indonesian message."""


def baca_bulat(
    request: HttpRequest, nama: str, bawaan: int, *, minimum: int = 1, maksimum: int | None = None
) -> int:
    teks = request.GET.get(nama, "").strip()
    if not teks:
        return bawaan
    try:
        n = int(teks)
    except ValueError:
        raise GalatParameter(f"Parameter {nama} harus bilangan bulat, bukan {teks[:20]!r}.") from None
    if n < minimum or (maksimum is not None and n > maksimum):
        batas_atas = f" dan paling besar {maksimum}" if maksimum is not None else ""
        raise GalatParameter(f"Parameter {nama} harus paling kecil {minimum}{batas_atas}.")
    return n


def halaman(baris: list[dict], request: HttpRequest) -> dict:
    """One page of rows with the paging fields (``halaman`` from 1, ``per_halaman`` ≤ 500)."""
    per = baca_bulat(request, "per_halaman", PER_HALAMAN, maksimum=PER_HALAMAN_MAKS)
    nomor = baca_bulat(request, "halaman", 1)
    jumlah = len(baris)
    awal = (nomor - 1) * per
    q = request.GET.copy()

    def tautan(n: int) -> str:
        q["halaman"] = str(n)
        return request.build_absolute_uri(f"{request.path}?{q.urlencode()}")

    return {
        "jumlah": jumlah,
        "halaman": nomor,
        "per_halaman": per,
        "berikutnya": tautan(nomor + 1) if awal + per < jumlah else None,
        "sebelumnya": tautan(nomor - 1) if nomor > 1 and jumlah else None,
        "data": baris[awal : awal + per],
    }
