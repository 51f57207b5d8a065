"""Writing Renstra tables as XLSX, CSV or JSON."""

from __future__ import annotations

import json
from decimal import Decimal

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
