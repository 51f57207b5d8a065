"""The printed cells the rules read, declared per table identity.

A printed row (``BarisCetak.sel``) is a dict of cells keyed by column. The keys a table of each
identity may carry are declared here with their meaning, so that a rule reads a declared column
and a loader that writes another one is stopped when it loads (``periksa_skema``). ``{tahun}``
stands for a four-digit year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kinerja.renstra.periksa.dasar import (
    PEGAWAI,
    TC23,
    TC24,
    TC25,
    TC26,
    TC27,
    TC28,
    WILAYAH,
    identitas_tabel,
)


@dataclass(frozen=True)
class Kolom:
    arti: str
    # the cell names a place (a kelurahan or the office) as printed
    lokasi: bool = False


_NO = {"no": Kolom("nomor urut")}

SKEMA: dict[str, dict[str, Kolom]] = {
    WILAYAH: {
        **_NO,
        "kelurahan": Kolom("nama kelurahan", lokasi=True),
        "kelurahan_cetak": Kolom("nama kelurahan sebagaimana tercetak", lokasi=True),
        "laki_laki": Kolom("penduduk laki-laki (jiwa)"),
        "perempuan": Kolom("penduduk perempuan (jiwa)"),
        "jumlah": Kolom("jumlah penduduk kelurahan (jiwa)"),
        "luas": Kolom("luas wilayah (km²)"),
        "penduduk": Kolom("jumlah penduduk seluruh wilayah menurut teks (jiwa)"),
        "kepadatan": Kolom("kepadatan penduduk menurut teks (jiwa/km²)"),
    },
    PEGAWAI: {
        **_NO,
        "kelompok": Kolom("dasar pengelompokan pegawai (golongan, pendidikan, jabatan)"),
        "uraian": Kolom("kelompok pegawai"),
        "jumlah": Kolom("jumlah pegawai"),
        "total": Kolom("jumlah seluruh pegawai"),
    },
    TC23: {
        **_NO,
        "kelompok": Kolom("kelompok indikator (SPM, IKK, lainnya)"),
        "indikator": Kolom("indikator kinerja pelayanan"),
        "target_spm": Kolom("target standar pelayanan minimal"),
        "target_ikk": Kolom("target indikator kinerja kunci"),
        "target_lainnya": Kolom("target indikator lainnya"),
        "target_{tahun}": Kolom("target tahun itu"),
        "realisasi_{tahun}": Kolom("realisasi tahun itu"),
        "rasio_{tahun}": Kolom("rasio capaian tahun itu (%)"),
    },
    TC24: {
        "uraian": Kolom("uraian belanja"),
        "anggaran_{tahun}": Kolom("anggaran tahun itu (Rp)"),
        "realisasi_{tahun}": Kolom("realisasi anggaran tahun itu (Rp)"),
        "rasio_{tahun}": Kolom("rasio realisasi terhadap anggaran tahun itu (%)"),
        "pertumbuhan_anggaran": Kolom("rata-rata pertumbuhan anggaran (Rp per tahun)"),
        "pertumbuhan_realisasi": Kolom("rata-rata pertumbuhan realisasi (Rp per tahun)"),
    },
    TC25: {
        **_NO,
        "tujuan": Kolom("tujuan"),
        "sasaran": Kolom("sasaran"),
        "indikator_tujuan": Kolom("indikator tujuan"),
        "indikator_sasaran": Kolom("indikator sasaran"),
        "formulasi_tujuan": Kolom("formulasi indikator tujuan"),
        "formulasi_sasaran": Kolom("formulasi indikator sasaran"),
        "target_tujuan": Kolom("target tujuan"),
        "t_{tahun}": Kolom("target tahun itu"),
    },
    TC26: {
        "tujuan": Kolom("tujuan"),
        "sasaran": Kolom("sasaran"),
        "strategi": Kolom("strategi"),
        "kebijakan": Kolom("arah kebijakan"),
    },
    TC27: {
        "tingkat": Kolom("tingkat unsur (tujuan … sub kegiatan)"),
        "nama": Kolom("nama unsur (baris pertama unsur itu)"),
        "indikator": Kolom("indikator kinerja"),
        "formulasi": Kolom("formulasi / definisi operasional"),
        "satuan": Kolom("satuan"),
        "data_awal": Kolom("data capaian awal"),
        "unit_kerja": Kolom("unit kerja penanggung jawab"),
        "lokasi": Kolom("lokasi yang dikenali"),
        "lokasi_cetak": Kolom("lokasi sebagaimana tercetak", lokasi=True),
        "lokasi_baris": Kolom("baris naskah tempat lokasi tercetak"),
        "keterangan": Kolom("kolom keterangan, berisi lokasi", lokasi=True),
        "keterangan_baris": Kolom("baris naskah tempat keterangan tercetak"),
        # the one-year layout (the document's Tabel 6.1)
        "tahun": Kolom("tahun rencana tabel satu tahun"),
        "target": Kolom("target (K) tahun itu"),
        "anggaran": Kolom("pagu (Rp) tahun itu"),
        "anggaran_baris": Kolom("baris naskah tempat pagu tercetak"),
        # the layout by year (the document's Tabel 6.2)
        "k_{tahun}": Kolom("target (K) tahun itu"),
        "rp_{tahun}": Kolom("pagu (Rp) tahun itu"),
        "akhir_k": Kolom("kondisi kinerja akhir periode (K)"),
        "akhir_rp": Kolom("kondisi akhir periode (Rp)"),
    },
    TC28: {
        **_NO,
        "indikator": Kolom("indikator kinerja"),
        "formulasi": Kolom("formulasi / definisi operasional"),
        "kinerja_utama": Kolom("sasaran atau tujuan yang diukur"),
        "kondisi_awal": Kolom("kondisi kinerja awal periode"),
        "t_{tahun}": Kolom("target tahun itu"),
        "kondisi_akhir": Kolom("kondisi kinerja akhir periode"),
    },
}

# Columns that name a place, in any table: the kelurahan-name rule reads them.
KOLOM_LOKASI = tuple(dict.fromkeys(k for kolom in SKEMA.values() for k, x in kolom.items() if x.lokasi))


def _pola(kunci: str) -> str:
    return re.sub(r"\d{4}", "{tahun}", kunci)


def urut_sel(identitas: str | None, sel: dict) -> dict:
    """A printed row's cells in the order its schema declares them (the document's column order,
    years ascending), then undeclared ones by name. The database may not keep the order the cells
    were written in (PostgreSQL's jsonb sorts an object's keys), and findings list cells in order."""
    kolom = SKEMA.get(identitas or "")
    if not kolom or not sel:
        return sel
    posisi = {k: i for i, k in enumerate(kolom)}
    akhir = len(posisi)
    return dict(sorted(sel.items(), key=lambda kv: (posisi.get(_pola(kv[0]), akhir), kv[0])))


def periksa_skema(tabel: str, sel: dict, *, sumber: str = "teks") -> None:
    """Refuse a printed row with a cell its table's identity does not declare.

    ``tabel`` is the source's own number ("6.2"); a table without an identity is not read by
    the table rules and is let through.
    """
    identitas = identitas_tabel(tabel, sumber)
    if not identitas:
        return
    asing = sorted(k for k in sel if _pola(k) not in SKEMA[identitas])
    if asing:
        raise ValueError(
            f"Tabel {tabel} ({identitas}) memuat kolom yang tidak dikenal pemeriksa: {', '.join(asing)}."
        )
