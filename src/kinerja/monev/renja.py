"""The Renja of a year as the Permendagri 86/2017 form draws it.

- "Rumusan Rencana Program dan Kegiatan PD Tahun n dan Prakiraan Maju Tahun n+1": urusan and
  bidang urusan rows (from the program codes), then program, kegiatan and sub kegiatan with their
  indicators; for year n lokasi, target, pagu and sumber dana; catatan penting; for n+1 target and pagu.
- "Rekapitulasi Evaluasi Hasil Pelaksanaan Renja PD dan Pencapaian Renstra PD s.d. Tahun n−1",
  from the evaluation of year n−1 (the figures of E.81 triwulan IV).

Without a saved Renja of the year the form is drawn from the Renstra's years n and n+1 and says
it is a *rancangan*. Tujuan and sasaran are not rows of this form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from kinerja.core.tabel import KOSONG, NILAI, RUPIAH, Kepala, Sel, Tabel
from kinerja.monev.laporan import (
    CATATAN_CAPAIAN,
    CATATAN_DEMO,
    _judul_pd,
    _nomor,
    ada_demo,
    sel_capaian,
    sel_nilai,
    sel_target,
)
from kinerja.monev.selectors import muat_evaluasi, renja_tahun
from kinerja.renstra.models import PlanNode, RenstraVersi, RincianRenja
from kinerja.renstra.nomenklatur import urusan_bidang
from kinerja.renstra.selectors import Rencana, muat_rencana
from kinerja.renstra.tabel_dokumen import baris_rencana, nilai_target

T = PlanNode.Tingkat
NOL = Decimal(0)


@dataclass
class BarisRenja:
    """One row of the Rumusan form, as data (JSON rows and table cells come from it)."""

    tingkat: str
    kode: str
    uraian: str
    indikator: str = ""
    satuan: str = ""
    lokasi: str = ""
    target: object = None
    pagu: Decimal | None = None
    sumber_dana: str = ""
    catatan: str = ""
    target_n1: object = None
    pagu_n1: Decimal | None = None
    pertama: bool = True


@dataclass
class RenjaTahun:
    """The Renja of year n: from a saved Renja version, or drawn from the Renstra (rancangan)."""

    r: Rencana
    renstra: Rencana
    tahun: int
    rancangan: bool
    _peta: dict[int, int] | None = field(default=None, repr=False)

    @property
    def tahun_n1(self) -> int:
        return self.tahun + 1

    @property
    def ada_n1(self) -> bool:
        return self.tahun_n1 <= self.r.versi.tahun_akhir

    @property
    def keterangan(self) -> str:
        if self.rancangan:
            return f"Rancangan dari {self.renstra.versi.nama} (belum ada Renja {self.tahun} yang disimpan)"
        return f"{self.r.versi.nama} ({self.r.versi.get_status_display().lower()})"


def muat_renja(renstra: Rencana, tahun: int) -> RenjaTahun:
    """The saved Renja of the year (enacted first), else the Renstra's slice marked as rancangan."""
    v = renja_tahun(renstra.versi, tahun)
    if v is None:
        return RenjaTahun(renstra, renstra, tahun, rancangan=True)
    return RenjaTahun(muat_rencana(v), renstra, tahun, rancangan=False)


def _rincian(versi: RenstraVersi) -> dict[tuple[int, int | None], RincianRenja]:
    if versi.jenis != RenstraVersi.Jenis.RENJA:
        return {}
    return {(x.node_id, x.lokasi_id): x for x in RincianRenja.objects.filter(node__versi=versi)}


def _baris_induk(rj: RenjaTahun, node, sudah: set[str]) -> list[BarisRenja]:
    """The urusan and bidang urusan rows above a program, once each, with their summed pagu."""
    ub = urusan_bidang(node.kode, rj.r.pd.pemda.jenis_pemda)
    if ub is None:
        return []
    hasil = []
    program = [n for n in rj.r.node if n.tingkat == T.PROGRAM]
    for tingkat, (kode, nama) in zip(("urusan", "bidang_urusan"), ub, strict=True):
        if kode in sudah:
            continue
        sudah.add(kode)
        milik = [p for p in program if p.kode == kode or p.kode.startswith(kode + ".")]
        hasil.append(
            BarisRenja(
                tingkat=tingkat,
                kode=kode,
                uraian=nama or f"({'Urusan' if tingkat == 'urusan' else 'Bidang urusan'} {kode})",
                pagu=_jumlah(rj.r, milik, rj.tahun),
                pagu_n1=_jumlah(rj.r, milik, rj.tahun_n1) if rj.ada_n1 else None,
            )
        )
    return hasil


def _jumlah(r: Rencana, node: list, tahun: int) -> Decimal | None:
    nilai = [v for v in (r.pagu_node(n, tahun) for n in node) if v is not None]
    return sum(nilai, NOL) if nilai else None


def baris_renja(rj: RenjaTahun) -> list[BarisRenja]:
    """The rows of the Rumusan form in plan order: urusan, bidang, program, kegiatan, sub kegiatan.

    Linked indicators (one measure across the period, ``renstra.tautan``) are one row: the target of
    n+1 may come from the indicator continuing the one of year n.
    """
    r, n, n1 = rj.r, rj.tahun, rj.tahun_n1
    rincian = _rincian(r.versi)
    sudah: set[str] = set()
    ditulis: set[tuple] = set()  # (element, lokasi, measure) written
    lokasi_ditulis: set[tuple] = set()  # (element, lokasi) whose pagu is written
    node_ditulis: set[int] = set()
    hasil: list[BarisRenja] = []
    for br in baris_rencana(r, [n, n1] if rj.ada_n1 else [n]):
        node, ind, lok = br.node, br.indikator, br.lokasi_id
        if node.tingkat < T.PROGRAM:
            continue
        ukuran = r.rantai(ind.pk) if ind is not None else None
        if (node.pk, lok, ukuran) in ditulis:
            continue  # a linked indicator of a measure already written on this row's element and lokasi
        if node.tingkat == T.PROGRAM and br.pertama_node:
            hasil += _baris_induk(rj, node, sudah)
        b = BarisRenja(
            tingkat=T(node.tingkat).name.lower(),
            kode=node.kode,
            uraian=node.nama,
            pertama=node.pk not in node_ditulis,
        )
        if ind is not None:
            b.indikator, b.satuan = ind.nama, ind.satuan
            b.target = r.target_rantai(ind.pk, lok, n)
            b.target_n1 = r.target_rantai(ind.pk, lok, n1) if rj.ada_n1 else None
        if (node.pk, lok) not in lokasi_ditulis:
            sub = node.tingkat == T.SUB_KEGIATAN
            b.pagu = r.pagu_node(node, n, lok) if sub else r.pagu_node(node, n)
            if rj.ada_n1:
                b.pagu_n1 = r.pagu_node(node, n1, lok) if sub else r.pagu_node(node, n1)
            x = rincian.get((node.pk, lok))
            if x is not None:
                b.sumber_dana, b.catatan = x.sumber_dana, x.catatan
        ditulis.add((node.pk, lok, ukuran))
        lokasi_ditulis.add((node.pk, lok))
        node_ditulis.add(node.pk)
        b.lokasi = r.lokasi_label(lok) if lok is not None else ""
        hasil.append(b)
    return hasil


KEPALA_RUMUSAN = (
    "Kode",
    "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
    "Indikator Kinerja Program/Kegiatan/Sub Kegiatan",
    "Lokasi",
    "Target Capaian Kinerja",
    "Kebutuhan Dana/Pagu Indikatif (Rp)",
    "Sumber Dana",
    "Catatan Penting",
    "Target Capaian Kinerja",
    "Kebutuhan Dana/Pagu Indikatif (Rp)",
)


def tabel_rumusan(rj: RenjaTahun, daftar: list[BarisRenja] | None = None) -> Tabel:
    """Rumusan Rencana Program dan Kegiatan PD Tahun n dan Prakiraan Maju Tahun n+1."""
    n, n1 = rj.tahun, rj.tahun_n1
    k = KEPALA_RUMUSAN
    tabel = Tabel(
        kode="Renja-rumusan",
        judul=(
            f"Rumusan Rencana Program dan Kegiatan {_judul_pd(rj.r)} Tahun {n} dan Prakiraan Maju Tahun {n1}"
            + (" (RANCANGAN)" if rj.rancangan else "")
        ),
        subjudul=rj.keterangan,
        kepala=[
            [
                Kepala(k[0], rowspan=2),
                Kepala(k[1], rowspan=2),
                Kepala(k[2], rowspan=2),
                Kepala(f"Rencana Tahun {n}", colspan=4),
                Kepala(k[7], rowspan=2),
                Kepala(f"Prakiraan Maju Rencana Tahun {n1}", colspan=2),
            ],
            [Kepala(x) for x in (*k[3:7], *k[8:])],
            _nomor(10),
        ],
        lebar=[14, 36, 34, 12, 12, 16, 12, 24, 12, 16],
        catatan=catatan_rumusan(rj),
    )
    for b in daftar if daftar is not None else baris_renja(rj):
        tabel.tambah(_sel_rumusan(b), "" if b.tingkat == "sub_kegiatan" else f"tebal renja-{b.tingkat}")
    return tabel


def catatan_rumusan(rj: RenjaTahun) -> list[str]:
    catatan = [
        "Tujuan dan sasaran tidak menjadi baris formulir ini; baris urusan dan bidang urusan diturunkan dari kode "
        "program (nama bidang dari nomenklatur nasional), pagunya jumlah program di bawahnya.",
        f"Target dan pagu tahun {rj.tahun + 1} (prakiraan maju) adalah angka tahun itu dalam versi yang sama; "
        "indikator yang ditautkan sebagai satu ukuran lintas tahun ditulis dalam satu baris (target tahun "
        f"{rj.tahun + 1} dari indikator lanjutannya).",
    ]
    if rj.rancangan:
        catatan.insert(
            0,
            f"RANCANGAN: belum ada Renja {rj.tahun} yang disimpan; angka diambil dari {rj.renstra.versi.nama} "
            "tahun n dan n+1, sumber dana dan catatan penting belum diisi.",
        )
    if not rj.ada_n1:
        catatan.append(f"Tahun {rj.tahun + 1} di luar periode rencana: prakiraan maju kosong.")
    return catatan


def _sel_rumusan(b: BarisRenja) -> list[Sel | None]:
    return [
        Sel(b.kode if b.pertama else ""),
        Sel(b.uraian if b.pertama else ""),
        Sel(b.indikator + (f" ({b.satuan})" if b.satuan else "") if b.indikator else ""),
        Sel(b.lokasi),
        sel_target(b.target, b.satuan),
        Sel(b.pagu, RUPIAH) if b.pagu is not None else KOSONG,
        Sel(b.sumber_dana),
        Sel(b.catatan),
        sel_target(b.target_n1, b.satuan),
        Sel(b.pagu_n1, RUPIAH) if b.pagu_n1 is not None else KOSONG,
    ]


# --- Rekapitulasi evaluasi hasil pelaksanaan Renja dan pencapaian Renstra -----------------------

KEPALA_REKAP = (
    "Kode",
    "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
    "Indikator Kinerja Program (outcome)/Kegiatan (output)",
    "Target Kinerja Capaian Program (Renstra PD) Tahun {akhir}",
    "Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s.d. Tahun {n2}",
    "Target Renja PD Tahun {n1}",
    "Realisasi Renja PD Tahun {n1}",
    "Tingkat Realisasi (%)",
    "Target Program dan Kegiatan (Renja PD Tahun {n})",
    "Realisasi Capaian Program dan Kegiatan s.d. Tahun {n1}",
    "Tingkat Capaian Realisasi Target Renstra (%)",
    "Unit PD Penanggung Jawab",
)


def tabel_rekap(rj: RenjaTahun) -> Tabel:
    """Rekapitulasi Evaluasi Hasil Pelaksanaan Renja PD dan Pencapaian Renstra PD s.d. Tahun n−1."""
    n = rj.tahun
    renstra = rj.renstra
    isi = {"akhir": renstra.versi.tahun_akhir, "n": n, "n1": n - 1, "n2": n - 2}
    k = [x.format(**isi) for x in KEPALA_REKAP]
    tabel = Tabel(
        kode="Renja-evaluasi",
        judul=(
            f"Rekapitulasi Evaluasi Hasil Pelaksanaan Renja dan Pencapaian Renstra {_judul_pd(renstra)} "
            f"s.d. Tahun {n - 1}"
        ),
        subjudul=rj.keterangan,
        kepala=[
            [
                *(Kepala(x, rowspan=2) for x in k[:5]),
                Kepala(f"Target dan Realisasi Kinerja Program dan Kegiatan Tahun Lalu ({n - 1})", colspan=3),
                Kepala(k[8], rowspan=2),
                Kepala(f"Perkiraan Realisasi Capaian Target Renstra PD s.d. Tahun {n - 1}", colspan=2),
                Kepala(k[11], rowspan=2),
            ],
            [Kepala(x) for x in (*k[5:8], *k[9:11])],
            _nomor(12),
        ],
        lebar=[14, 34, 34, 12, 12, 12, 12, 10, 12, 12, 10, 16],
        catatan=[
            f"Angka tahun {n - 1} sama dengan E.81 triwulan IV tahun itu: realisasi dari laporan triwulan, "
            f"kolom 5 = realisasi s.d. tahun {n - 2}, kolom 10 = kolom 5 ditambah kolom 7 menurut aturan "
            "akhir periode indikator, kolom 11 = kolom 10 ÷ kolom 4 × 100%.",
            CATATAN_CAPAIAN,
        ],
    )
    if n - 1 not in renstra.versi.tahun_rencana:
        tabel.catatan.insert(
            0, f"Tahun {n - 1} tidak direncanakan dalam {renstra.versi.nama}: belum ada yang dievaluasi."
        )
        return tabel
    ev = muat_evaluasi(renstra, n - 1, 4)
    tabel.subjudul += f" · evaluasi {n - 1}: {ev.kalimat_verifikasi()}"
    if ada_demo(ev):
        tabel.catatan.insert(0, CATATAN_DEMO)
    for b in ev.baris:
        if b.node.tingkat < T.PROGRAM or b.ind is None:
            continue
        t_n = rj.r.target.get((_ind_renja(rj, b.ind.pk), b.lokasi_id, n))
        unit = renstra.unit.get(b.unit_id) if b.unit_id else None
        lokasi = f" — {renstra.unit[b.lokasi_id].nama_pendek}" if b.lokasi_id else ""
        tabel.tambah(
            [
                Sel(b.node.kode if b.pertama_node else ""),
                Sel(b.node.nama if b.pertama_node else ""),
                Sel(f"{b.ind.nama}{lokasi}"),
                sel_target(b.target_akhir, b.ind.satuan),
                sel_nilai(b.lalu),
                sel_target(b.target_tahun, b.ind.satuan),
                sel_nilai(b.realisasi, b.realisasi_label),
                sel_capaian(b.capaian),
                Sel(nilai_target(t_n, b.ind.satuan), NILAI) if t_n is not None else KOSONG,
                sel_nilai(b.sd_kini, b.realisasi_label if b.sd_kini is None else ""),
                sel_capaian(b.capaian_renstra),
                Sel(unit.nama if unit else ""),
            ],
            "" if b.node.tingkat == T.SUB_KEGIATAN else f"tebal t{b.node.tingkat}",
        )
    return tabel


def _ind_renja(rj: RenjaTahun, ind_id: int) -> int:
    """The Renja's copy of a Renstra indicator (the same id when the Renja is a rancangan)."""
    if rj.rancangan:
        return ind_id
    if rj._peta is None:
        rj._peta = {i.asal_id: i.pk for d in rj.r.indikator.values() for i in d if i.asal_id}
    return rj._peta.get(ind_id, -1)


def tabel_renja(rj: RenjaTahun) -> list[Tabel]:
    return [tabel_rumusan(rj), tabel_rekap(rj)]
