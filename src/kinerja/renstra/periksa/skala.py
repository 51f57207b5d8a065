"""Labels against the regulation's scale of their score (IKM, SAKIP, predikat)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from kinerja.core import angka
from kinerja.core.angka import format_angka
from kinerja.core.skala import NAMA_SKALA, label_cocok
from kinerja.renstra.models import Indikator
from kinerja.renstra.periksa.dasar import (
    GALAT,
    RENCANA,
    TC27,
    TC28,
    DataPeriksa,
    Temuan,
    aturan,
)

# A plan read from a workbook keeps no scale for a new indicator: an index or predikat whose
# name names a regulated measure is read on that measure's scale; a declared scale wins.
_SKALA_MENURUT_NAMA = (
    (re.compile(r"\bIKM\b|kepuasan\s+masyarakat", re.IGNORECASE), "ikm"),
    (re.compile(r"\bS?AKIP\b", re.IGNORECASE), "sakip"),
)


def skala_indikator(ind: Indikator) -> str:
    """The scale an indicator's labels are read on: its own, or the one its name names."""
    if ind.skala:
        return ind.skala
    if ind.jenis_nilai not in (Indikator.JenisNilai.INDEKS, Indikator.JenisNilai.PREDIKAT):
        return ""
    return next((skala for pola, skala in _SKALA_MENURUT_NAMA if pola.search(ind.nama)), "")


@aturan(
    kode=("LABEL_SKALA",),
    nama="Predikat menurut skala nilainya",
    tingkat=(GALAT,),
    tabel=(TC27, TC28, RENCANA),
)
def cek_label_skala(d: DataPeriksa) -> Iterator[Temuan]:
    """'Baik (89)' is 'Sangat Baik' on the IKM scale: a label must match its score's band."""
    temu: dict[tuple[str, str], dict] = {}
    for ind, teks, baris, tempat in _nilai_berskala(d):
        _catat_jika_menyalahi(temu, ind, teks, baris, tempat)
    for (skala, teks), t in sorted(temu.items()):
        yield _temuan_label(skala, teks, t)


def _nilai_berskala(d: DataPeriksa) -> Iterator[tuple[Indikator, str, Iterable[int], str]]:
    """Every value of an indicator read on a scale, with its lines and where it stands: the
    plan's targets and kondisi awal, then the cells the sources printed for it."""
    r = d.rencana
    ind_id = {i.pk: i for daftar in r.indikator.values() for i in daftar}
    berskala = {pk: i for pk, i in ind_id.items() if skala_indikator(i)}
    for (i, _lok, tahun), t in r.target.items():
        if i in berskala:
            yield berskala[i], t.teks, [t.sumber_baris], f"target {tahun}"
    for (i, _lok), a in r.awal.items():
        if i in berskala:
            yield berskala[i], a.teks, [a.sumber_baris], "kondisi awal"
    for b in d.cetak:
        ind = berskala.get(b.indikator_id)
        if ind is None:
            continue
        for k, v in b.sel.items():
            if k.startswith(("k_", "t_", "akhir_k", "kondisi_", "target", "data_awal")):
                yield ind, v, b.semua_baris, f"Tabel {b.tabel}"


def _catat_jika_menyalahi(
    temu: dict[tuple[str, str], dict], ind: Indikator, teks: str, baris: Iterable[int], tempat: str
) -> None:
    """Record a value whose label is not its score's band (or whose score is off the scale),
    once per scale and value, gathering its lines and places."""
    skala = skala_indikator(ind)
    n = angka.baca(teks)
    if n.angka is None:
        return
    label = n.label
    cocok, pita_ = label_cocok(skala, label or "", n.angka)
    if label is None:
        if pita_ is not None:
            return
    elif cocok:
        return
    kunci = (skala, angka.format_nilai(n))
    t = temu.setdefault(kunci, {"baris": set(), "tempat": set(), "nilai": n, "pita": pita_, "skala": skala})
    t["baris"] |= {x for x in baris if x}
    t["tempat"].add(tempat)


def _temuan_label(skala: str, teks: str, t: dict) -> Temuan:
    n, p = t["nilai"], t["pita"]
    if p is None:
        pesan = f"Nilai {format_angka(n.angka)} berada di luar rentang {NAMA_SKALA[skala]}."
        harap = "nilai di dalam skala"
    else:
        pesan = (
            f"Menurut {NAMA_SKALA[skala]}, nilai {format_angka(n.angka)} termasuk rentang {p.rentang()} "
            f"= {p.kode} ({p.label}), bukan '{n.label}'."
        )
        harap = f"{p.label if skala == 'ikm' else p.kode} ({format_angka(n.angka)})"
    return Temuan(
        code="LABEL_SKALA",
        severity=GALAT,
        table=", ".join(sorted(t["tempat"])),
        row=f"{skala.upper()} '{teks}'",
        source_lines=sorted(t["baris"]),
        printed=teks,
        expected=harap,
        message=pesan,
    )
