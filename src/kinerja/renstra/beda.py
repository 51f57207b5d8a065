"""Differences between two plan versions: elements, nomenclature, indicators, targets, pagu.

Elements are matched through the copy they were made from (``asal``); where two versions
are not copies of each other (e.g. one imported from a workbook), by code for program,
kegiatan and sub kegiatan and by name for tujuan and sasaran.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kinerja.core import angka
from kinerja.core.tabel import Kepala, Sel, Tabel
from kinerja.renstra import nomenklatur as nmk
from kinerja.renstra.models import PlanNode
from kinerja.renstra.selectors import Rencana

T = PlanNode.Tingkat


@dataclass(frozen=True)
class Perbedaan:
    jenis: str  # "ditambah", "dihapus", "diubah"
    bagian: str  # "unsur", "nomenklatur", "indikator", "target", "pagu"
    unsur: str
    indikator: str = ""
    lokasi: str = ""
    tahun: int | None = None
    kolom: str = ""
    dari: str = ""
    ke: str = ""


def _kunci_node(n) -> tuple:
    if n.tingkat >= T.PROGRAM and n.kode:
        return (n.tingkat, n.kode)
    return (n.tingkat, nmk.kunci_nama(n.nama))


def _pasangan(lama: Rencana, baru: Rencana) -> dict[int, int]:
    """Node of the new version → node of the old one."""
    ada = {n.pk for n in lama.node}
    asal_ke = {}
    # Follow asal through intermediate copies held by either version's data.
    for n in baru.node:
        a = n.asal_id
        if a in ada:
            asal_ke[n.pk] = a
    sisa_lama = {_kunci_node(n): n.pk for n in lama.node if n.pk not in set(asal_ke.values())}
    for n in baru.node:
        if n.pk not in asal_ke:
            k = _kunci_node(n)
            if k in sisa_lama:
                asal_ke[n.pk] = sisa_lama.pop(k)
    return asal_ke


def _nama(n) -> str:
    return f"{n.get_tingkat_display()} {n.kode + ' ' if n.kode else ''}{n.nama}"


def _rp(v: Decimal | None) -> str:
    return f"Rp{angka.format_rupiah(v)}" if v is not None else ""


def bandingkan(lama: Rencana, baru: Rencana) -> list[Perbedaan]:
    hasil: list[Perbedaan] = []
    tambah = hasil.append
    pasang = _pasangan(lama, baru)
    balik = {v: k for k, v in pasang.items()}
    tahun = sorted(set(lama.versi.tahun_rencana) | set(baru.versi.tahun_rencana))

    def lok(lok_id, r: Rencana) -> str:
        return r.lokasi_label(lok_id) if lok_id else ""

    for n in lama.node:
        if n.pk not in balik:
            tambah(Perbedaan("dihapus", "unsur", _nama(n)))
    for n in baru.node:
        if n.pk not in pasang:
            tambah(Perbedaan("ditambah", "unsur", _nama(n)))
            continue
        m = lama.node_id[pasang[n.pk]]
        nama = _nama(n)
        for kolom, a, b in (("kode", m.kode, n.kode), ("nama", m.nama, n.nama)):
            if a != b:
                tambah(
                    Perbedaan(
                        "diubah",
                        "nomenklatur" if kolom == "kode" else "unsur",
                        nama,
                        kolom=kolom,
                        dari=a,
                        ke=b,
                    )
                )
        if m.nomenklatur_id != n.nomenklatur_id:
            tambah(
                Perbedaan(
                    "diubah",
                    "nomenklatur",
                    nama,
                    kolom="rujukan nomenklatur",
                    dari=str(m.nomenklatur_id or "-"),
                    ke=str(n.nomenklatur_id or "-"),
                )
            )
        # indicators of the pair
        ind_lama = {i.pk: i for i in lama.indikator.get(m.pk, [])}
        cocok: dict[int, int] = {}
        for i in baru.indikator.get(n.pk, []):
            if i.asal_id in ind_lama:
                cocok[i.pk] = i.asal_id
        sisa = {nmk.kunci_nama(i.nama): i.pk for i in ind_lama.values() if i.pk not in cocok.values()}
        for i in baru.indikator.get(n.pk, []):
            if i.pk not in cocok and nmk.kunci_nama(i.nama) in sisa:
                cocok[i.pk] = sisa.pop(nmk.kunci_nama(i.nama))
        for i in ind_lama.values():
            if i.pk not in cocok.values():
                tambah(Perbedaan("dihapus", "indikator", nama, indikator=i.nama))
        for i in baru.indikator.get(n.pk, []):
            if i.pk not in cocok:
                tambah(Perbedaan("ditambah", "indikator", nama, indikator=i.nama))
                continue
            j = ind_lama[cocok[i.pk]]
            for kolom in ("nama", "satuan", "definisi", "arah", "jenis_nilai"):
                a, b = getattr(j, kolom), getattr(i, kolom)
                if a != b:
                    tambah(
                        Perbedaan(
                            "diubah", "indikator", nama, indikator=i.nama, kolom=kolom, dari=str(a), ke=str(b)
                        )
                    )
            lok_semua = set(lama.target_per_indikator.get(j.pk, {})) | set(
                baru.target_per_indikator.get(i.pk, {})
            )
            for lk in sorted(lok_semua, key=lambda x: (x is not None, x or 0)):
                for y in tahun:
                    a = lama.target.get((j.pk, lk, y))
                    b = baru.target.get((i.pk, lk, y))
                    ta, tb = (a.teks if a else ""), (b.teks if b else "")
                    if ta != tb:
                        jenis = "ditambah" if not ta else "dihapus" if not tb else "diubah"
                        tambah(
                            Perbedaan(
                                jenis,
                                "target",
                                nama,
                                indikator=i.nama,
                                lokasi=lok(lk, baru),
                                tahun=y,
                                dari=ta,
                                ke=tb,
                            )
                        )
        if n.tingkat == T.SUB_KEGIATAN:
            lok_semua = {p.lokasi_id for p in lama.pagu if p.node_id == m.pk} | {
                p.lokasi_id for p in baru.pagu if p.node_id == n.pk
            }
            for lk in sorted(lok_semua, key=lambda x: (x is not None, x or 0)):
                for y in tahun:
                    a, b = lama.pagu_node(m, y, lk), baru.pagu_node(n, y, lk)
                    if a != b:
                        jenis = "ditambah" if a is None else "dihapus" if b is None else "diubah"
                        tambah(
                            Perbedaan(
                                jenis, "pagu", nama, lokasi=lok(lk, baru), tahun=y, dari=_rp(a), ke=_rp(b)
                            )
                        )
    return hasil


LABEL_JENIS = {"ditambah": "Ditambah", "dihapus": "Dihapus", "diubah": "Diubah"}


def tabel_beda(lama: Rencana, baru: Rencana, beda: list[Perbedaan] | None = None) -> Tabel:
    beda = bandingkan(lama, baru) if beda is None else beda
    t = Tabel(
        kode="Beda",
        judul=f"Perbedaan {baru.versi.nama} terhadap {lama.versi.nama}",
        subjudul=f"{len(beda)} perbedaan",
        kepala=[
            [
                Kepala(x)
                for x in (
                    "No",
                    "Perubahan",
                    "Bagian",
                    "Unsur rencana",
                    "Indikator",
                    "Lokasi",
                    "Tahun",
                    "Kolom",
                    "Semula",
                    "Menjadi",
                )
            ]
        ],
        lebar=[5, 11, 12, 40, 36, 12, 7, 14, 18, 18],
        catatan=[
            "Unsur dicocokkan melalui salinan asalnya; bila bukan salinan, melalui kode (program, kegiatan, sub kegiatan) atau nama (tujuan, sasaran)."
        ],
    )
    for no, b in enumerate(beda, start=1):
        t.tambah(
            [
                Sel(no, "angka"),
                Sel(LABEL_JENIS[b.jenis]),
                Sel(b.bagian),
                Sel(b.unsur),
                Sel(b.indikator),
                Sel(b.lokasi),
                Sel(str(b.tahun) if b.tahun else ""),
                Sel(b.kolom),
                Sel(b.dari),
                Sel(b.ke),
            ],
            f"beda-{b.jenis}",
        )
    return t
