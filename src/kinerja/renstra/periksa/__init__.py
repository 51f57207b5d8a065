"""The consistency checker.

``periksa(versi)`` runs every rule over one plan version: its data (the tree,
targets, pagu) and, where the version was read from a document or a workbook, what
that source printed (``BarisCetak``).  Each rule is a plain function that takes the
loaded ``DataPeriksa`` and yields ``Temuan``: a stable code, a severity, where it
is, the printed and expected values and one sentence a planner can verify by hand.

Rules live in one module per family and register themselves (``dasar.aturan``) with
their codes, a plain name, their severities and the tables they read; ``daftar_aturan``
gives them in the order they run.
"""

from __future__ import annotations

from kinerja.renstra.models import RenstraVersi

# Imported for their registrations.
from kinerja.renstra.periksa import (  # noqa: F401
    antartabel,
    baris,
    jumlah,
    laju,
    nama,
    nomenklatur,
    skala,
    turunan,
)
from kinerja.renstra.periksa.dasar import (
    GALAT,
    INFO,
    LABEL_TINGKAT,
    NAMA_KODE,
    PERINGATAN,
    URUTAN_TINGKAT,
    Aturan,
    DataPeriksa,
    Temuan,
    daftar_aturan,
    muat_data,
    nama_kode,
)
from kinerja.renstra.periksa.skema import SKEMA, periksa_skema

__all__ = [
    "GALAT",
    "INFO",
    "LABEL_TINGKAT",
    "NAMA_KODE",
    "PERINGATAN",
    "Aturan",
    "DataPeriksa",
    "Temuan",
    "daftar_aturan",
    "muat_data",
    "nama_kode",
    "periksa",
    "periksa_data",
    "periksa_semua",
    "periksa_skema",
    "SKEMA",
    "ringkas",
]


def periksa_data(d: DataPeriksa) -> list[Temuan]:
    v = d.versi
    hasil: list[Temuan] = []
    for a in daftar_aturan():
        for t in a.fungsi(d):
            t.pd = v.pd.nama
            t.versi = v.nama
            t.versi_id = v.pk
            hasil.append(t)
    hasil.sort(key=lambda t: (URUTAN_TINGKAT[t.severity], t.table, min(t.source_lines or [10**9]), t.code))
    return hasil


def periksa(versi: RenstraVersi | int) -> list[Temuan]:
    return periksa_data(muat_data(versi))


def periksa_semua(pd=None) -> list[Temuan]:
    qs = RenstraVersi.objects.select_related("pd__pemda", "rpjmd").order_by(
        "pd__pemda__nama", "pd__nama", "id"
    )
    if pd is not None:
        qs = qs.filter(pd=pd)
    hasil = []
    for v in qs:
        hasil.extend(periksa(v))
    return hasil


def ringkas(temuan: list[Temuan]) -> dict[str, int]:
    hitung = {GALAT: 0, PERINGATAN: 0, INFO: 0}
    for t in temuan:
        hitung[t.severity] += 1
    return hitung
