"""Sample registers: 73 demonstration staff that reproduce the printed Tabel 2.2, and the printed
sarana prasarana rows as asset records with their first condition count.

The printed Tabel 2.2 (keadaan Desember 2020) is consistent for education (73), sex (42 + 31
= 73) and jabatan (42 struktural, no fungsional). Its golongan rows add up to 71, but its
"Jumlah" row says 73: the document contradicts itself there. The sample keeps every printed
row and the printed total by giving the two people the rows leave out no golongan (non-ASN),
so the register's table shows them on a row of their own ("Non-ASN (tanpa golongan)").

Names ("Pegawai Contoh 01") and identifiers (zeros with a serial number) are invented and
marked ``demo``; the pages label them as demonstration data.
"""

from __future__ import annotations

import datetime as dt

from kinerja.sumberdaya.models import Aset, Pegawai, RiwayatKondisiAset
from kinerja.wilayah.models import PerangkatDaerah, Unit

P = Pegawai
KEADAAN_CETAK = dt.date(2020, 12, 31)  # "Keadaan Desember 2020"

# (golongan, how many) in the printed order; "" = non-ASN (the two the golongan rows miss)
_GOLONGAN = [
    ("IV/b", 1),
    ("IV/a", 1),
    ("III/d", 10),
    ("III/c", 18),
    ("III/b", 8),
    ("III/a", 7),
    ("II/d", 18),
    ("II/c", 4),
    ("II/b", 2),
    ("I/d", 1),
    ("I/b", 1),
    ("", 2),
]
_PENDIDIKAN = [("S2", 2), ("S1", 32), ("D4", 1), ("D3", 4), ("D2", 1), ("SMA", 30), ("SMP", 1), ("SD", 2)]
_PEREMPUAN = 31
_STRUKTURAL = 42

_KELURAHAN = ["Gedog", "Bendogerit", "Sananwetan", "Karangtengah", "Plosokerep", "Klampok", "Rembang"]
# the 42 structural posts, highest rank first: (jabatan, unit nama_pendek)
_JABATAN_STRUKTURAL = [
    ("Camat", "Kecamatan"),
    ("Sekretaris Kecamatan", "Sekretariat"),
    *[(f"Lurah {k}", k) for k in _KELURAHAN],
    ("Kepala Sub Bagian Program dan Kepegawaian", "Subbag Program"),
    ("Kepala Sub Bagian Umum, Keuangan dan Penatausahaan Barang", "Subbag Umum"),
    ("Kepala Seksi Pemerintahan dan Ketentraman Ketertiban Umum", "Seksi Trantibum"),
    ("Kepala Seksi Pemberdayaan Masyarakat dan Pembangunan", "Seksi PMP"),
    ("Kepala Seksi Perekonomian dan Kesejahteraan Rakyat", "Seksi Ekbang Kesra"),
    ("Kepala Seksi Pelayanan Umum", "Seksi Pelayanan"),
    *[(f"Sekretaris Kelurahan {k}", k) for k in _KELURAHAN],
    *[(f"Kasi Pemerintahan dan Trantib Kelurahan {k}", k) for k in _KELURAHAN],
    *[(f"Kasi Pemberdayaan Masyarakat Kelurahan {k}", k) for k in _KELURAHAN],
    *[(f"Kasi Kesejahteraan Sosial Kelurahan {k}", k) for k in _KELURAHAN[:6]],
]
_PELAKSANA = ["Pengadministrasi Umum", "Pengolah Data", "Bendahara Pengeluaran Pembantu", "Pengelola Barang"]
_UNIT_PELAKSANA = ["Kecamatan", "Subbag Umum", "Seksi Pelayanan", *_KELURAHAN]


def _ulang(daftar: list[tuple[str, int]]) -> list[str]:
    return [nilai for nilai, n in daftar for _ in range(n)]


def susunan_contoh() -> list[dict]:
    """The 73 demonstration people serving at the printed date (pure: no database)."""
    golongan, pendidikan = _ulang(_GOLONGAN), _ulang(_PENDIDIKAN)
    assert len(golongan) == len(pendidikan) == 73 and len(_JABATAN_STRUKTURAL) == _STRUKTURAL
    hasil = []
    for i, (gol, pend) in enumerate(zip(golongan, pendidikan, strict=True)):
        perempuan = (i + 1) * _PEREMPUAN // 73 != i * _PEREMPUAN // 73  # 31 of 73, spread evenly
        if i < _STRUKTURAL:
            jabatan, unit = _JABATAN_STRUKTURAL[i]
        elif gol:
            jabatan, unit = _PELAKSANA[i % len(_PELAKSANA)], _UNIT_PELAKSANA[i % len(_UNIT_PELAKSANA)]
        else:
            jabatan, unit = "Petugas Kebersihan", "Kecamatan"
        hasil.append(
            {
                "nama": f"Pegawai Contoh {i + 1:02d}",
                "unit": unit,
                "jabatan": jabatan,
                "jenis_jabatan": P.JenisJabatan.STRUKTURAL if i < _STRUKTURAL else P.JenisJabatan.PELAKSANA,
                "status": P.Status.PNS if gol else P.Status.NON_ASN,
                "golongan": gol,
                "pendidikan": pend,
                "jenis_kelamin": P.JenisKelamin.PEREMPUAN if perempuan else P.JenisKelamin.LAKI_LAKI,
                "nip": f"00000000 000000 {2 if perempuan else 1} {i + 1:03d}" if gol else f"{i + 1:016d}",
                "mulai": dt.date(2005 + i % 15, 1 + i % 12, 1),
            }
        )
    return hasil


# After the printed date: one person leaves, one PPPK arrives (shows "keadaan per tanggal").
SELESAI_CONTOH = ("Pegawai Contoh 44", dt.date(2023, 3, 31))
BARU_CONTOH = {
    "nama": "Pegawai Contoh 74",
    "unit": "Seksi PMP",
    "jabatan": "Pengolah Data",
    "jenis_jabatan": P.JenisJabatan.PELAKSANA,
    "status": P.Status.PPPK,
    "golongan": "",
    "golongan_pppk": 9,
    "pendidikan": "S1",
    "jenis_kelamin": P.JenisKelamin.PEREMPUAN,
    "nip": "00000000 000000 2 074",
    "mulai": dt.date(2023, 4, 1),
}


def muat_pegawai_contoh(pd: PerangkatDaerah) -> int:
    """Create the demonstration staff of the sample PD; returns how many."""
    unit = {u.nama_pendek: u for u in Unit.objects.filter(pd=pd)}
    orang = [*susunan_contoh(), BARU_CONTOH]
    Pegawai.objects.bulk_create(
        [
            Pegawai(
                **{**o, "unit": unit[o["unit"]]},
                selesai=SELESAI_CONTOH[1] if o["nama"] == SELESAI_CONTOH[0] else None,
                demo=True,
            )
            for o in orang
        ]
    )
    return len(orang)


def aset_dari_cetak(*, unit: Unit, urutan: int, jenis_barang: str, isi: dict, tanggal: dt.date) -> Aset:
    """An asset from a printed cell (parsed into jumlah, satuan, rusak, keterangan_kondisi, teks).

    The document writes only "rusak" (or once "rusak ringan"): unspecified damage is recorded as
    rusak berat, the rest of the count as baik."""
    rusak = isi.get("rusak", 0)
    ringan = "ringan" in isi.get("keterangan_kondisi", "")
    jumlah = isi["jumlah"]
    a = Aset.objects.create(
        unit=unit,
        urutan=urutan,
        jenis_barang=jenis_barang,
        jumlah=jumlah,
        satuan=isi["satuan"],
        keterangan_kondisi=isi["keterangan_kondisi"],
        teks=isi["teks"],
        baik=None if jumlah is None else max(jumlah - rusak, 0),
        rusak_ringan=rusak if ringan else 0,
        rusak_berat=0 if ringan else rusak,
    )
    if jumlah is not None:
        RiwayatKondisiAset.objects.create(
            aset=a,
            tanggal=tanggal,
            baik=a.baik,
            rusak_ringan=a.rusak_ringan,
            rusak_berat=a.rusak_berat,
            catatan="Seperti tercatat di Renstra (Tabel 2.2 sarana dan prasarana).",
            nama_pelaku="data contoh",
        )
    return a
