"""Writing Renstra tables as XLSX, CSV or JSON.

A Tabel 6.1 or 6.2 workbook carries where it came from as custom document properties
(File → Properties → Custom in a spreadsheet program), so that importing it again
changes that version and nothing else:

``kinerja.versi`` id of the version, ``kinerja.nama_versi`` its name, ``kinerja.pd`` and
``kinerja.pemda`` the slugs of its PD and pemda, ``kinerja.tabel`` "6.1" or "6.2",
``kinerja.tahun`` the years covered ("2023,2024,2025,2026"), ``kinerja.diekspor`` the
export time (ISO 8601) and ``kinerja.sidik`` a fingerprint of the version's content in
those years, to tell whether it changed after the export.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from django.utils import timezone

from kinerja.core import angka
from kinerja.core.tabel import ke_baris_csv, ke_csv
from kinerja.core.xlsx import ke_xlsx
from kinerja.renstra.models import PlanNode
from kinerja.renstra.selectors import Rencana
from kinerja.renstra.tabel_dokumen import DAFTAR_TABEL, baris_rencana, buat_tabel, nilai_target, tahun_6_2

T = PlanNode.Tingkat
FORMAT = ("xlsx", "csv", "json")


def _json_angka(v):
    if v is None:
        return None
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def baris_json_rencana(r: Rencana, tahun: list[int]) -> list[dict]:
    """T-C.27 rows as objects: one per indicator × lokasi, pagu per year in rupiah."""
    hasil = []
    for b in baris_rencana(r, tahun):
        node, ind, lok = b.node, b.indikator, b.lokasi_id
        rantai = {n.tingkat: n for n in (*r.leluhur(node), node)}
        per_tahun = {}
        baris_sumber = []
        for y in tahun:
            t = r.target.get((ind.pk, lok, y)) if ind else None
            if b.pertama_lokasi:
                rp = r.pagu_node(node, y, lok) if node.tingkat == T.SUB_KEGIATAN else r.pagu_node(node, y)
            else:
                rp = None
            nilai = nilai_target(t, ind.satuan if ind else "")
            per_tahun[str(y)] = {"target": _json_angka(nilai), "pagu": _json_angka(rp)}
            if t is not None and t.sumber_baris:
                baris_sumber.append(t.sumber_baris)
        if node.tingkat == T.SUB_KEGIATAN and b.pertama_lokasi:
            baris_sumber += [
                p.sumber_baris
                for p in r.pagu
                if p.node_id == node.pk and p.lokasi_id == lok and p.tahun in tahun and p.sumber_baris
            ]
        awal = r.awal.get((ind.pk, lok)) if ind else None
        hasil.append(
            {
                "tujuan": rantai[T.TUJUAN].nama if T.TUJUAN in rantai else None,
                "sasaran": rantai[T.SASARAN].nama if T.SASARAN in rantai else None,
                "program": rantai[T.PROGRAM].nama if T.PROGRAM in rantai else None,
                "kegiatan": rantai[T.KEGIATAN].nama if T.KEGIATAN in rantai else None,
                "sub_kegiatan": rantai[T.SUB_KEGIATAN].nama if T.SUB_KEGIATAN in rantai else None,
                "kode": node.kode or None,
                "tingkat": node.get_tingkat_display().lower(),
                "indikator": ind.nama if ind else None,
                "satuan": (ind.satuan or None) if ind else None,
                "lokasi": r.lokasi_label(lok) or None,
                "data_awal": _json_angka(nilai_target(awal, ind.satuan if ind else "")),
                "tahun": per_tahun,
                "source_line": min(baris_sumber) if baris_sumber else None,
            }
        )
    return hasil


def tahun_tabel(kode: str, r: Rencana, tahun: int | None) -> list[int]:
    if kode == "6.1":
        return [tahun or r.versi.tahun_rencana_awal]
    return tahun_6_2(r)


def sidik_rencana(r: Rencana, tahun: list[int]) -> str:
    """A fingerprint of what a Tabel 6.1/6.2 workbook of these years shows (and what else
    an import could change): equal fingerprints mean nothing changed in between."""
    tahun_set = set(tahun)
    bagian = [f"n|{n.pk}|{n.induk_id}|{n.kode}|{n.nama}|{n.unit_kerja_id}" for n in r.node]
    bagian += [
        f"i|{i.pk}|{i.node_id}|{i.nama}|{i.definisi}|{i.satuan}|{i.agregasi_akhir}"
        for daftar in r.indikator.values()
        for i in daftar
    ]
    bagian += [f"t|{k}|{t.teks}" for k, t in r.target.items() if k[2] in tahun_set]
    bagian += [f"a|{k}|{a.teks}" for k, a in r.awal.items()]
    bagian += [
        f"p|{p.node_id}|{p.lokasi_id}|{p.tahun}|{angka.format_rupiah(p.jumlah)}"
        for p in r.pagu
        if p.tahun in tahun_set
    ]
    return hashlib.sha256("\n".join(sorted(bagian)).encode()).hexdigest()


def sifat_buku_kerja(kode: str, r: Rencana, tahun: list[int]) -> dict[str, str]:
    """The custom properties that tie a plan workbook to its version (see the module doc)."""
    v = r.versi
    return {
        "kinerja.versi": str(v.pk),
        "kinerja.nama_versi": v.nama,
        "kinerja.pd": r.pd.slug,
        "kinerja.pemda": r.pd.pemda.slug,
        "kinerja.tabel": kode,
        "kinerja.tahun": ",".join(str(y) for y in tahun),
        "kinerja.diekspor": timezone.localtime().isoformat(timespec="seconds"),
        "kinerja.sidik": sidik_rencana(r, tahun),
    }


def ekspor(kode: str, r: Rencana, *, format: str, tahun: int | None = None) -> bytes:
    """The table in one of the formats, as bytes ready to write or send."""
    if kode not in DAFTAR_TABEL:
        raise ValueError(f"Tabel '{kode}' tidak dikenal. Pilihan: {', '.join(DAFTAR_TABEL)}.")
    if format not in FORMAT:
        raise ValueError(f"Format '{format}' tidak dikenal. Pilihan: {', '.join(FORMAT)}.")
    if format == "json" and kode in ("6.1", "6.2"):
        return json.dumps(
            baris_json_rencana(r, tahun_tabel(kode, r, tahun)), ensure_ascii=False, indent=1
        ).encode()
    tabel = buat_tabel(kode, r, tahun=tahun)
    if format == "xlsx":
        if kode in ("6.1", "6.2"):
            return ke_xlsx(tabel, sifat=sifat_buku_kerja(kode, r, tahun_tabel(kode, r, tahun)))
        return ke_xlsx(tabel)
    if format == "csv":
        return ke_csv(ke_baris_csv(tabel, ribuan=False))
    baris = ke_baris_csv(tabel)
    kepala, isi = baris[0], baris[1:]
    return json.dumps(
        [dict(zip(kepala, b, strict=False)) for b in isi], ensure_ascii=False, indent=1
    ).encode()


def nama_berkas(kode: str, r: Rencana, format: str, tahun: int | None = None) -> str:
    akhiran = f"-{tahun}" if tahun and kode == "6.1" else ""
    return f"Tabel-{kode}{akhiran}-{r.pd.slug}.{format}"
