"""The Renstra's tables, generated from the plan in the document's own layout.

Each builder returns a ``Tabel`` (see ``kinerja.core.tabel``) that pages, XLSX/CSV
exports and the printable view all use.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from kinerja.core import angka
from kinerja.core.tabel import ANGKA, KOSONG, NILAI, PERSEN, RUPIAH, TEKS, Kepala, Sel, Tabel
from kinerja.renstra.models import (
    AnggaranPelayanan,
    BarisCetak,
    Indikator,
    KinerjaPelayanan,
    PlanNode,
    Strategi,
)
from kinerja.renstra.selectors import Rencana
from kinerja.sumberdaya.models import Aset, RekapPegawai
from kinerja.wilayah.selectors import kelurahan_pd, kepadatan, ringkasan_wilayah, tahun_penduduk

T = PlanNode.Tingkat
NOL = Decimal(0)
SERATUS = Decimal(100)


def _judul_pd(r: Rencana) -> str:
    return f"{r.pd.nama} {r.pd.pemda.nama}"


def _nomor_kolom(n: int) -> list[Kepala]:
    return [Kepala(str(i)) for i in range(1, n + 1)]


def nilai_target(t, satuan: str = "") -> object:
    """A target as a cell value: a number where it is one, else its text."""
    if t is None:
        return None
    return _nilai_dari_teks(t.teks, satuan)


@lru_cache(maxsize=65536)
def _nilai_dari_teks(teks: str, satuan: str) -> object:
    n = angka.baca(teks)
    if n.angka is not None and n.jenis in (angka.ANGKA, angka.PERSEN) and not n.terpotong:
        if (
            n.jenis == angka.ANGKA
            and n.satuan
            and satuan
            and angka.kunci_satuan(n.satuan) != angka.kunci_satuan(satuan)
        ):
            return angka.format_nilai(n)  # a unit other than the indicator's: keep it visible
        v = n.angka
        return int(v) if v == v.to_integral_value() else v
    if n.jenis == angka.LABEL:
        return angka.format_nilai(n)
    return n.teks


def tahun_6_2(r: Rencana) -> list[int]:
    """Years of the multi-year table: after the first planned year in a Perubahan."""
    v = r.versi
    awal = (
        v.tahun_rencana_awal + 1
        if v.jenis == v.Jenis.PERUBAHAN and v.tahun_rencana_awal < v.tahun_akhir
        else v.tahun_rencana_awal
    )
    return list(range(awal, v.tahun_akhir + 1))


# --- Tabel 6.1 / 6.2: program, kegiatan, sub kegiatan and pendanaan ---------------------


class _PenyimpanSel:
    """Cells with the same content are one shared object (cells never change once built)."""

    def __init__(self):
        self._teks: dict[str, Sel] = {}
        self._nilai: dict[object, Sel] = {}
        self._rupiah: dict[object, Sel] = {}
        self._target: dict[tuple[str, str], Sel] = {}

    def teks(self, v: str) -> Sel:
        s = self._teks.get(v)
        if s is None:
            s = self._teks[v] = Sel(v)
        return s

    def nilai(self, v) -> Sel:
        if v is None:
            return KOSONG
        kunci = (type(v), v)
        s = self._nilai.get(kunci)
        if s is None:
            s = self._nilai[kunci] = Sel(v, NILAI)
        return s

    def target(self, t, satuan: str) -> Sel:
        """``nilai(nilai_target(t, satuan))``, remembered by the target's text and unit."""
        if t is None:
            return KOSONG
        kunci = (t.teks, satuan)
        s = self._target.get(kunci)
        if s is None:
            s = self._target[kunci] = self.nilai(_nilai_dari_teks(t.teks, satuan))
        return s

    def rupiah(self, v) -> Sel:
        if v is None:
            return _RUPIAH_KOSONG
        s = self._rupiah.get(v)
        if s is None:
            s = self._rupiah[v] = Sel(v, RUPIAH)
        return s


_RUPIAH_KOSONG = Sel(None, RUPIAH)


@dataclass(frozen=True)
class BarisRencana:
    """One indicator × lokasi row of T-C.27, as data (for JSON export and the import check)."""

    node: PlanNode
    indikator: Indikator | None
    lokasi_id: int | None
    pertama_node: bool
    pertama_lokasi: bool
    jumlah_baris_lokasi: int


def baris_rencana(r: Rencana, tahun: list[int]) -> list[BarisRencana]:
    """The rows of T-C.27 for these years, in plan order (worked out once per plan and years)."""
    return list(r.turunan(("baris_rencana", tuple(tahun)), lambda: _baris_rencana(r, tahun)))


def _baris_rencana(r: Rencana, tahun: list[int]) -> tuple[BarisRencana, ...]:
    ada, lokasi_node = r.rencana_tahun(tahun)
    bertarget = r.indikator_bertarget
    hasil: list[BarisRencana] = []
    for node in r.node:
        inds = r.indikator.get(node.pk, [])
        if node.tingkat < T.SUB_KEGIATAN:
            pilih = [i for i in inds if (i.pk, None) in ada]
            if not pilih:
                pilih = [i for i in inds if i.pk not in bertarget]
            if not pilih:
                ada_pagu = any(r.pagu_node(node, y) is not None for y in tahun)
                if node.tingkat > T.SASARAN and not ada_pagu:
                    continue  # a program or kegiatan with nothing planned in these years
                pilih = [None]
            for j, ind in enumerate(pilih):
                hasil.append(BarisRencana(node, ind, None, j == 0, j == 0, len(pilih)))
            continue
        pertama_node = True
        for lok in lokasi_node.get(node.pk, ()):
            pilih = [i for i in inds if (i.pk, lok) in ada] or [None]
            for j, ind in enumerate(pilih):
                hasil.append(BarisRencana(node, ind, lok, pertama_node, j == 0, len(pilih)))
                pertama_node = False
    return tuple(hasil)


def tabel_6_2(r: Rencana, tahun: list[int] | None = None) -> Tabel:
    tahun = tahun or tahun_6_2(r)
    v = r.versi
    n = 8 + 2 * len(tahun) + 4
    kepala = [
        [
            Kepala("Tujuan", rowspan=3),
            Kepala("Sasaran", rowspan=3),
            Kepala("Kode", rowspan=3),
            Kepala("Program, Kegiatan dan Sub Kegiatan", rowspan=3),
            Kepala(
                "Indikator Kinerja Tujuan, Sasaran, Program (outcome), Kegiatan dan Sub Kegiatan", rowspan=3
            ),
            Kepala("Formulasi / Definisi Operasional", rowspan=3),
            Kepala("Satuan", rowspan=3),
            Kepala("Data Capaian Awal"),
            Kepala(
                "Target Kinerja Program, Kegiatan, Sub Kegiatan dan Kerangka Pendanaan",
                colspan=2 * len(tahun),
            ),
            Kepala("Kondisi Kinerja pada Akhir Periode Renstra PD", colspan=2, rowspan=2),
            Kepala("Unit Kerja PD Penanggung Jawab", rowspan=3),
            Kepala("Lokasi", rowspan=3),
        ],
        [Kepala(str(v.tahun_kondisi_awal or ""), rowspan=2), *[Kepala(str(y), colspan=2) for y in tahun]],
        [*[k for _ in tahun for k in (Kepala("K"), Kepala("Rp"))], Kepala("K"), Kepala("Rp")],
        _nomor_kolom(n),
    ]
    tabel = Tabel(
        kode="6.2",
        judul=f"Rencana Program, Kegiatan, Sub Kegiatan dan Pendanaan {_judul_pd(r)}",
        subjudul=f"Tahun {tahun[0]}–{tahun[-1]}" if len(tahun) > 1 else f"Tahun {tahun[0]}",
        kepala=kepala,
        lebar=[22, 22, 16, 30, 30, 30, 9, 10, *([9, 15] * len(tahun)), 9, 16, 16, 13],
        kolom_tetap=4,
    )
    for baris, kelas in _badan_6_2(r, tahun, n):
        tabel.tambah(baris, kelas)
    return tabel


def _badan_6_2(r: Rencana, tahun: list[int], n: int) -> Iterator[tuple[list[Sel | None], str]]:
    """The body rows of Tabel 6.2 with their CSS class (hundreds of rows: names bound once)."""
    sel = _PenyimpanSel()
    teks, target_sel, rupiah = sel.teks, sel.target, sel.rupiah
    target, awal, unit, pagu_node, pagu_lokasi = r.target, r.awal, r.unit, r.pagu_node, r.pagu_lokasi
    akhir = 8 + 2 * len(tahun)
    kolom_k = slice(8, akhir, 2)
    kolom_rp = slice(9, akhir, 2)
    sub, tujuan, sasaran = T.SUB_KEGIATAN, T.TUJUAN, T.SASARAN
    for b in baris_rencana(r, tahun):
        node, ind, lok = b.node, b.indikator, b.lokasi_id
        tingkat = node.tingkat
        baris: list[Sel | None] = [KOSONG] * n
        if b.pertama_node:
            if tingkat == tujuan:
                baris[0] = teks(node.nama)
            elif tingkat == sasaran:
                baris[1] = teks(node.nama)
            else:
                baris[2] = teks(node.kode)
                baris[3] = teks(node.nama)
            if node.unit_kerja_id:
                baris[n - 2] = teks(unit[node.unit_kerja_id].nama)
        if ind is not None:
            satuan, ipk = ind.satuan, ind.pk
            baris[4] = teks(ind.nama)
            baris[5] = teks(ind.definisi)
            baris[6] = teks(satuan)
            baris[7] = target_sel(awal.get((ipk, lok)), satuan)
            per_tahun = [target.get((ipk, lok, y)) for y in tahun]
            baris[kolom_k] = [target_sel(t, satuan) for t in per_tahun]
            baris[akhir] = target_sel(r.kondisi_akhir_dari(ind, lok, per_tahun), satuan)
        if b.pertama_lokasi:
            if tingkat == sub:
                npk = node.pk
                rp = [pagu_lokasi.get((npk, lok, y)) for y in tahun]
            else:
                rp = [pagu_node(node, y) for y in tahun]
            baris[kolom_rp] = [rupiah(x) for x in rp]
            ada = [x for x in rp if x is not None]
            baris[akhir + 1] = rupiah(sum(ada[1:], ada[0]) if ada else None)
        if lok is not None:
            baris[n - 1] = teks(unit[lok].nama_pendek)
        yield baris, (f"tebal t{tingkat}" if tingkat < sub else "")


def tabel_6_1(r: Rencana, tahun: int | None = None) -> Tabel:
    tahun = tahun or r.versi.tahun_rencana_awal
    n = 11
    kepala = [
        [
            Kepala("Tujuan", rowspan=2),
            Kepala("Sasaran", rowspan=2),
            Kepala("Kode", rowspan=2),
            Kepala("Program, Kegiatan dan Sub Kegiatan", rowspan=2),
            Kepala(
                "Indikator Kinerja Tujuan, Sasaran, Program (outcome), Kegiatan dan Sub Kegiatan", rowspan=2
            ),
            Kepala("Formulasi / Definisi Operasional", rowspan=2),
            Kepala("Satuan", rowspan=2),
            Kepala("Data Capaian pada Tahun Awal Perencanaan", rowspan=2),
            Kepala(str(tahun), colspan=2),
            Kepala("Keterangan (Lokasi)", rowspan=2),
        ],
        [Kepala("Target"), Kepala("Anggaran")],
        _nomor_kolom(n),
    ]
    tabel = Tabel(
        kode="6.1",
        judul=f"Rencana Program, Kegiatan, Sub Kegiatan dan Pendanaan {_judul_pd(r)}",
        subjudul=f"Tahun {tahun}",
        kepala=kepala,
        lebar=[22, 22, 16, 32, 34, 30, 10, 12, 12, 16, 16],
        kolom_tetap=4,
    )
    for b in baris_rencana(r, [tahun]):
        node, ind, lok = b.node, b.indikator, b.lokasi_id
        baris: list[Sel | None] = [KOSONG] * n
        if b.pertama_node:
            if node.tingkat == T.TUJUAN:
                baris[0] = Sel(node.nama)
            elif node.tingkat == T.SASARAN:
                baris[1] = Sel(node.nama)
            else:
                baris[2] = Sel(node.kode)
                baris[3] = Sel(node.nama)
        satuan = ind.satuan if ind else ""
        if ind is not None:
            baris[4] = Sel(ind.nama)
            baris[5] = Sel(ind.definisi)
            baris[6] = Sel(ind.satuan)
            baris[7] = Sel(nilai_target(r.awal.get((ind.pk, lok)), satuan), NILAI)
            baris[8] = Sel(nilai_target(r.target.get((ind.pk, lok, tahun)), satuan), NILAI)
        if b.pertama_lokasi:
            rp = r.pagu_node(node, tahun, lok) if node.tingkat == T.SUB_KEGIATAN else r.pagu_node(node, tahun)
            baris[9] = Sel(rp, RUPIAH, rowspan=b.jumlah_baris_lokasi)
            baris[10] = Sel(r.lokasi_label(lok), rowspan=b.jumlah_baris_lokasi)
        else:
            baris[9] = baris[10] = None
        tabel.tambah(baris, f"tebal t{node.tingkat}" if node.tingkat < T.SUB_KEGIATAN else "")
    return tabel


# --- Tabel 4.1.1, 5.1.1, 7.1, 7.2 -------------------------------------------------------


def _indikator_pertama(r: Rencana, node: PlanNode) -> Indikator | None:
    daftar = r.indikator.get(node.pk, [])
    return daftar[0] if daftar else None


def tabel_4_1_1(r: Rencana) -> Tabel:
    tahun = r.versi.tahun_rencana
    n = 8 + len(tahun)
    kepala = [
        [
            Kepala("No", rowspan=2),
            Kepala("Tujuan", rowspan=2),
            Kepala("Indikator Tujuan", rowspan=2),
            Kepala("Formulasi / Definisi Operasional", rowspan=2),
            Kepala(f"Target Tujuan Tahun {tahun[0]}–{tahun[-1]}", rowspan=2),
            Kepala("Sasaran", rowspan=2),
            Kepala("Indikator Sasaran", rowspan=2),
            Kepala("Formulasi / Definisi Operasional", rowspan=2),
            Kepala("Target Kinerja Sasaran pada Tahun ke", colspan=len(tahun)),
        ],
        [Kepala(str(y)) for y in tahun],
        _nomor_kolom(n),
    ]
    tabel = Tabel(
        kode="4.1.1",
        judul=f"Tujuan dan Sasaran Jangka Menengah {_judul_pd(r)}",
        subjudul=f"Tahun {tahun[0]}–{tahun[-1]}",
        kepala=kepala,
        lebar=[5, 28, 26, 30, 12, 28, 26, 30, *([11] * len(tahun))],
    )
    for no, tujuan in enumerate(r.akar(), start=1):
        baris_tujuan = []
        for sasaran in r.anak[tujuan.pk]:
            for ind in r.indikator.get(sasaran.pk, []) or [None]:
                baris_tujuan.append((sasaran, ind))
        if not baris_tujuan:
            baris_tujuan = [(None, None)]
        it = _indikator_pertama(r, tujuan)
        span = len(baris_tujuan)
        sasaran_span = defaultdict(int)
        for s, _ in baris_tujuan:
            sasaran_span[s.pk if s else None] += 1
        sasaran_terlihat = set()
        for k, (sasaran, ind) in enumerate(baris_tujuan):
            baris: list[Sel | None] = [None] * n
            if k == 0:
                baris[0] = Sel(no, ANGKA, rowspan=span)
                baris[1] = Sel(tujuan.nama, rowspan=span)
                baris[2] = Sel(it.nama if it else "", rowspan=span)
                baris[3] = Sel(it.definisi if it else "", rowspan=span)
                baris[4] = Sel(
                    nilai_target(r.kondisi_akhir(it, None, tahun), it.satuan) if it else None,
                    NILAI,
                    rowspan=span,
                )
            kunci_s = sasaran.pk if sasaran else None
            if kunci_s not in sasaran_terlihat:
                sasaran_terlihat.add(kunci_s)
                baris[5] = Sel(sasaran.nama if sasaran else "", rowspan=sasaran_span[kunci_s])
            baris[6] = Sel(ind.nama if ind else "")
            baris[7] = Sel(ind.definisi if ind else "")
            for j, y in enumerate(tahun):
                baris[8 + j] = Sel(
                    nilai_target(r.target.get((ind.pk, None, y)), ind.satuan) if ind else None, NILAI
                )
            tabel.tambah(baris)
    return tabel


def tabel_5_1_1(r: Rencana) -> Tabel:
    strategi = defaultdict(list)
    for s in (
        Strategi.objects.filter(sasaran__versi=r.versi)
        .prefetch_related("kebijakan_set")
        .order_by("urutan", "id")
    ):
        strategi[s.sasaran_id].append(s)
    rpjmd = r.versi.rpjmd
    subjudul = []
    if rpjmd:
        subjudul.append(f"Visi: {rpjmd.visi}")
        misi_dipakai = {n.misi_id for n in r.akar() if n.misi_id}
        for m in rpjmd.misi_set.filter(pk__in=misi_dipakai).order_by("nomor"):
            subjudul.append(f"Misi {m.nomor}: {m.teks}")
    tabel = Tabel(
        kode="5.1.1",
        judul=f"Tujuan, Sasaran, Strategi dan Kebijakan {_judul_pd(r)}",
        subjudul="\n".join(subjudul),
        kepala=[
            [Kepala("Tujuan"), Kepala("Sasaran"), Kepala("Strategi"), Kepala("Kebijakan")],
            _nomor_kolom(4),
        ],
        lebar=[30, 30, 34, 50],
    )
    for tujuan in r.akar():
        rows = []
        for sasaran in r.anak[tujuan.pk]:
            for s in strategi.get(sasaran.pk, []) or [None]:
                rows.append((sasaran, s))
        rows = rows or [(None, None)]
        for k, (sasaran, s) in enumerate(rows):
            baris: list[Sel | None] = [None] * 4
            if k == 0:
                baris[0] = Sel(tujuan.nama, rowspan=len(rows))
            baris[1] = Sel(sasaran.nama if sasaran else "")
            baris[2] = Sel(s.teks if s else "")
            kebijakan = [kb.teks for kb in s.kebijakan_set.all()] if s else []
            baris[3] = Sel(
                "\n".join(f"- {t}" for t in kebijakan) if len(kebijakan) > 1 else "".join(kebijakan)
            )
            tabel.tambah(baris)
    return tabel


def _tabel_7(
    r: Rencana, *, kode: str, judul: str, saring: Callable[[Indikator], bool], kinerja_utama: bool
) -> Tabel:
    tahun = r.versi.tahun_rencana
    awal = r.versi.tahun_kondisi_awal
    pre = 3 + (1 if kinerja_utama else 0)
    n = pre + 1 + len(tahun) + 1
    kepala_awal = [Kepala("No", rowspan=2)]
    if kinerja_utama:
        kepala_awal.append(Kepala("Kinerja Utama", rowspan=2))
    kepala_awal += [
        Kepala("Indikator Kinerja", rowspan=2),
        Kepala("Formulasi / Definisi Operasional", rowspan=2),
    ]
    kepala = [
        [
            *kepala_awal,
            Kepala(
                f"Kondisi Kinerja pada Awal Periode (Tahun {awal})" if awal else "Kondisi Kinerja Awal",
                rowspan=2,
            ),
            Kepala("Target Capaian Setiap Tahun", colspan=len(tahun)),
            Kepala("Kondisi Kinerja pada Akhir Periode", rowspan=2),
        ],
        [Kepala(f"Tahun {y}") for y in tahun],
        _nomor_kolom(n),
    ]
    tabel = Tabel(
        kode=kode,
        judul=f"{judul} {_judul_pd(r)}",
        subjudul=f"{tahun[0]}–{tahun[-1]}",
        kepala=kepala,
        lebar=[5, *([30] if kinerja_utama else []), 32, 34, 14, *([11] * len(tahun)), 14],
    )
    no = 0
    for node in r.node:
        for ind in r.indikator.get(node.pk, []):
            if not saring(ind):
                continue
            no += 1
            baris: list[Sel | None] = [Sel(no, ANGKA)]
            if kinerja_utama:
                baris.append(Sel(node.nama))
            baris += [
                Sel(ind.nama),
                Sel(ind.definisi),
                Sel(nilai_target(r.awal.get((ind.pk, None)), ind.satuan), NILAI),
            ]
            baris += [Sel(nilai_target(r.target.get((ind.pk, None, y)), ind.satuan), NILAI) for y in tahun]
            baris.append(Sel(nilai_target(r.kondisi_akhir(ind, None, tahun), ind.satuan), NILAI))
            tabel.tambah(baris)
    return tabel


def tabel_7_1(r: Rencana) -> Tabel:
    return _tabel_7(
        r,
        kode="7.1",
        judul="Indikator Kinerja yang Mengacu pada Tujuan dan Sasaran RPJMD",
        saring=lambda i: i.rpjmd,
        kinerja_utama=False,
    )


def tabel_7_2(r: Rencana) -> Tabel:
    return _tabel_7(
        r, kode="7.2", judul="Indikator Kinerja Utama", saring=lambda i: i.iku, kinerja_utama=True
    )


# --- BAB II: pelayanan, anggaran, wilayah, sumber daya ---------------------------------------


def rasio_capaian(
    target: angka.Nilai, realisasi: angka.Nilai, arah: str = Indikator.Arah.NAIK
) -> Decimal | None:
    """Realisasi against target in percent; None when either is not a number."""
    if target.angka is None or realisasi.angka is None or target.terpotong or realisasi.terpotong:
        return None
    if target.jenis == angka.LABEL or realisasi.jenis == angka.LABEL:
        return None
    if target.angka == 0:
        return None
    if arah == Indikator.Arah.TURUN:
        return (2 * target.angka - realisasi.angka) / target.angka * SERATUS
    return realisasi.angka / target.angka * SERATUS


def tabel_2_3_1(r: Rencana) -> Tabel:
    """T-C.23 as the document printed it (the columns of Permendagri 86/2017; see
    tests/data/kolom_renja_tc23.json); the running table computed from realisations is
    ``monev.lkjip.tabel_2_3_1_berjalan``."""
    data = list(
        KinerjaPelayanan.objects.filter(versi=r.versi).prefetch_related("tahun_set").order_by("urutan")
    )
    tahun = sorted({t.tahun for k in data for t in k.tahun_set.all()}) or list(
        range(r.versi.tahun_mulai - 5, r.versi.tahun_mulai)
    )
    m = len(tahun)
    n = 5 + 3 * m
    kepala = [
        [
            Kepala("No", rowspan=2),
            Kepala("Indikator Kinerja sesuai Tugas dan Fungsi Perangkat Daerah", rowspan=2),
            Kepala(f"Target SPM ({tahun[-1]})", rowspan=2),
            Kepala(f"Target IKK ({tahun[-1]})", rowspan=2),
            Kepala("Target Indikator Lainnya", rowspan=2),
            Kepala("Target Renstra Perangkat Daerah Tahun ke-", colspan=m),
            Kepala("Realisasi Capaian Tahun ke-", colspan=m),
            Kepala("Rasio Capaian pada Tahun ke-", colspan=m),
        ],
        [Kepala(str(y)) for y in tahun] * 3,
        _nomor_kolom(n),
    ]
    tabel = Tabel(
        kode="2.3.1",
        judul=f"Pencapaian Kinerja Pelayanan {_judul_pd(r)}",
        subjudul=f"Tahun {tahun[0]}–{tahun[-1]}",
        kepala=kepala,
        lebar=[5, 40, 9, 9, 9, *([9] * (3 * m))],
        catatan=[
            "Rasio capaian = realisasi ÷ target × 100%, dihitung dari angka target dan realisasi; "
            "nilai kualitatif (mis. 'baik') tidak dapat dihitung rasionya."
        ],
    )
    # Values the consistency checker found wrong in the printed table (e.g. a realisasi truncated to
    # "10%", a ratio printed otherwise than computed) carry its mark "[Tn]", explained under the table.
    from kinerja.renstra.penanda import Penanda  # the checker reads this module: imported when used

    penanda = Penanda.dari_versi(r.versi)

    def tandai(sel: Sel, k: KinerjaPelayanan, y: int) -> Sel:
        return penanda.tandai_baris(sel, "2.3.1", k.indikator_teks, y, "2.3.1")

    kelompok_lalu = None
    romawi = ["I", "II", "III", "IV", "V", "VI"]
    nomor_kelompok = 0
    for k in data:
        if k.kelompok != kelompok_lalu:
            kelompok_lalu = k.kelompok
            nomor_kelompok += 1
            baris = [
                Sel(
                    romawi[nomor_kelompok - 1] if nomor_kelompok <= len(romawi) else str(nomor_kelompok),
                    kelas="tebal",
                ),
                Sel(k.kelompok, kelas="tebal", colspan=n - 1),
            ] + [None] * (n - 2)
            tabel.tambah(baris)
        tabel.tambah(_baris_2_3_1(k, tahun, lambda sel, y, k=k: tandai(sel, k, y)))
    tabel.catatan.extend(penanda.catatan("2.3.1"))
    return tabel


def _baris_2_3_1(k: KinerjaPelayanan, tahun: list[int], tandai: Callable[[Sel, int], Sel]) -> list[Sel]:
    """One indicator row of Tabel 2.3.1: targets and realisations as printed, the ratio computed;
    ``tandai`` adds the checker's mark to a realisation or ratio of a year."""
    per_tahun = {t.tahun: t for t in k.tahun_set.all()}
    arah = k.indikator.arah if k.indikator else Indikator.Arah.NAIK
    baris = [
        Sel(k.nomor, ANGKA),
        Sel(k.indikator_teks),
        Sel(k.target_spm),
        Sel(k.target_ikk),
        Sel(k.target_lainnya),
    ]
    baris += [Sel(nilai_teks(per_tahun[y].target) if y in per_tahun else None, NILAI) for y in tahun]
    baris += [
        tandai(Sel(nilai_teks(per_tahun[y].realisasi) if y in per_tahun else None, NILAI), y) for y in tahun
    ]
    for y in tahun:
        pt = per_tahun.get(y)
        rasio = rasio_capaian(angka.baca(pt.target), angka.baca(pt.realisasi), arah) if pt else None
        if rasio is not None:
            baris.append(tandai(Sel(rasio, PERSEN), y))
        else:
            baris.append(Sel("–", TEKS, judul="tidak dapat dihitung: target atau realisasi bukan angka"))
    return baris


def nilai_teks(teks: str) -> object:
    n = angka.baca(teks)
    if n.jenis == angka.KOSONG:
        return None
    return angka.format_nilai(n) if n.jenis in (angka.PERSEN, angka.LABEL, angka.ANGKA) else n.teks


def rata_pertumbuhan(nilai: list[Decimal | None]) -> Decimal | None:
    """Mean yearly change: (last − first) ÷ (years − 1)."""
    ada = [v for v in nilai if v is not None]
    if len(ada) < 2 or len(ada) != len(nilai):
        return None
    return (ada[-1] - ada[0]) / (len(ada) - 1)


def kepala_anggaran(label: str, tahun: list[int]) -> list[list[Kepala]]:
    """Header of T-C.24 (Tabel 2.3.2): budget, realisation and their ratio per year, mean growth."""
    m = len(tahun)
    return [
        [
            Kepala(label, rowspan=2),
            Kepala("Anggaran pada Tahun ke", colspan=m),
            Kepala("Realisasi Anggaran pada Tahun ke", colspan=m),
            Kepala("Rasio antara Realisasi dan Anggaran Tahun ke", colspan=m),
            Kepala("Rata-rata Pertumbuhan", colspan=2),
        ],
        [*[Kepala(str(y)) for y in tahun] * 3, Kepala("Anggaran"), Kepala("Realisasi")],
        _nomor_kolom(1 + 3 * m + 2),
    ]


def baris_anggaran(nama: str, ang: dict, real: dict, tahun: list[int], kelas: str = "") -> list[Sel]:
    """A row of T-C.24: budget and realisation per year, ratio = realisation ÷ budget, mean growth."""
    baris = [Sel(nama, kelas=kelas)]
    baris += [Sel(ang.get(y), RUPIAH, kelas=kelas) for y in tahun]
    baris += [Sel(real.get(y), RUPIAH, kelas=kelas) for y in tahun]
    for y in tahun:
        a, re = ang.get(y), real.get(y)
        baris.append(Sel(re / a * SERATUS if a and re is not None else None, PERSEN, kelas=kelas))
    baris.append(Sel(rata_pertumbuhan([ang.get(y) for y in tahun]), RUPIAH, kelas=kelas))
    baris.append(Sel(rata_pertumbuhan([real.get(y) for y in tahun]), RUPIAH, kelas=kelas))
    return baris


def tabel_2_3_2(r: Rencana) -> Tabel:
    data = list(AnggaranPelayanan.objects.filter(versi=r.versi).order_by("urutan", "tahun"))
    tahun = sorted({a.tahun for a in data}) or list(range(r.versi.tahun_mulai - 5, r.versi.tahun_mulai))
    m = len(tahun)
    n = 1 + 3 * m + 2
    uraian: dict[str, dict[int, AnggaranPelayanan]] = {}
    for a in data:
        uraian.setdefault(a.uraian, {})[a.tahun] = a
    tabel = Tabel(
        kode="2.3.2",
        judul=f"Anggaran dan Realisasi Pendanaan Pelayanan {_judul_pd(r)}",
        subjudul=f"Tahun {tahun[0]}–{tahun[-1]}",
        kepala=kepala_anggaran("Uraian", tahun),
        lebar=[26, *([16] * (2 * m)), *([9] * m), 16, 16],
        catatan=[
            "Jumlah belanja adalah jumlah baris-barisnya; rasio = realisasi ÷ anggaran × 100%; "
            "rata-rata pertumbuhan = (nilai tahun terakhir − nilai tahun pertama) ÷ jumlah selang tahun."
        ],
    )
    tabel.tambah([Sel("BELANJA DAERAH", kelas="tebal", colspan=n)] + [None] * (n - 1))
    jumlah_a = {y: NOL for y in tahun}
    jumlah_r = {y: NOL for y in tahun}
    lengkap = {y: True for y in tahun}
    for nama, per_tahun in uraian.items():
        ang = {y: per_tahun[y].anggaran for y in tahun if y in per_tahun}
        real = {y: per_tahun[y].realisasi for y in tahun if y in per_tahun}
        for y in tahun:
            if ang.get(y) is None or real.get(y) is None:
                lengkap[y] = False
            else:
                jumlah_a[y] += ang[y]
                jumlah_r[y] += real[y]
        tabel.tambah(baris_anggaran(nama, ang, real, tahun))
    tabel.tambah(
        baris_anggaran(
            "Jumlah Belanja",
            {y: jumlah_a[y] for y in tahun if lengkap[y]},
            {y: jumlah_r[y] for y in tahun if lengkap[y]},
            tahun,
            "tebal",
        )
    )
    return tabel


@dataclass(frozen=True)
class _BarisWilayah:
    nama: str
    luas: Decimal | None
    laki_laki: int | None
    perempuan: int | None
    jumlah: int | None


def _bulat_cetak(teks: str) -> int | None:
    """A whole number only when the print gives it completely ("5.87" cut short is unknown)."""
    n = angka.baca(teks, bulat=True)
    return None if n.angka is None or n.terpotong else int(n.angka)


def _baris_2_1_cetak(r: Rencana) -> list[_BarisWilayah]:
    """The kelurahan rows of Tabel 2.1 as the document printed them (its record, never edited)."""
    return [
        _BarisWilayah(
            b.lokasi.nama if b.lokasi else b.sel.get("kelurahan", ""),
            angka.baca(b.sel.get("luas", "")).angka,
            _bulat_cetak(b.sel.get("laki_laki", "")),
            _bulat_cetak(b.sel.get("perempuan", "")),
            _bulat_cetak(b.sel.get("jumlah", "")),
        )
        for b in BarisCetak.objects.filter(sumber__versi=r.versi, tabel="2.1", tingkat="kelurahan")
        .select_related("lokasi")
        .order_by("urutan")
    ]


def _tabel_wilayah(
    kode: str, judul: str, subjudul: str, baris: list[_BarisWilayah], catatan: list[str]
) -> Tabel:
    kepala = [
        [
            Kepala("No", rowspan=2),
            Kepala("Kelurahan", rowspan=2),
            Kepala("Luas Wilayah (km²)", rowspan=2),
            Kepala("Jumlah Penduduk (jiwa)", colspan=3),
            Kepala("Kepadatan (jiwa/km²)", rowspan=2),
        ],
        [Kepala("L"), Kepala("P"), Kepala("Jumlah")],
        _nomor_kolom(7),
    ]
    tabel = Tabel(
        kode=kode,
        judul=judul,
        subjudul=subjudul,
        kepala=kepala,
        lebar=[5, 26, 12, 12, 12, 12, 14],
        catatan=catatan,
    )
    total_luas, total = NOL, {"l": 0, "p": 0, "j": 0}
    lengkap = {"l": True, "p": True, "j": True}

    def sel_angka(v):
        return (
            Sel(v, ANGKA) if v is not None else Sel("?", judul="angka tidak ada atau tidak terbaca lengkap")
        )

    for no, b in enumerate(baris, start=1):
        for kunci, v in (("l", b.laki_laki), ("p", b.perempuan), ("j", b.jumlah)):
            if v is None:
                lengkap[kunci] = False
            else:
                total[kunci] += v
        total_luas += b.luas or NOL
        tabel.tambah(
            [
                Sel(no, ANGKA),
                Sel(b.nama),
                Sel(b.luas, ANGKA),
                sel_angka(b.laki_laki),
                sel_angka(b.perempuan),
                sel_angka(b.jumlah),
                Sel(kepadatan(b.jumlah, b.luas), ANGKA),
            ]
        )
    semua = lengkap["j"] and baris
    tabel.tambah(
        [
            Sel("", kelas="tebal"),
            Sel("Jumlah", kelas="tebal"),
            Sel(total_luas, ANGKA, kelas="tebal"),
            *[
                Sel(total[k], ANGKA, kelas="tebal") if lengkap[k] else Sel("?", kelas="tebal")
                for k in ("l", "p", "j")
            ],
            Sel(kepadatan(total["j"], total_luas) if semua else None, ANGKA, kelas="tebal"),
        ]
    )
    return tabel


def tabel_2_1(r: Rencana) -> Tabel:
    """Tabel 2.1 as the document printed it; a version without the printed rows (a copy, an import)
    shows the region's records of the latest year up to the plan's first year."""
    judul = f"Luas Wilayah dan Jumlah Penduduk Kelurahan di {r.pd.nama}"
    baris = _baris_2_1_cetak(r)
    if baris:
        return _tabel_wilayah(
            "2.1",
            judul,
            "Sesuai dokumen",
            baris,
            [
                "Angka seperti tercetak di dokumen. '?' = angka tidak terbaca lengkap di dokumen sumber "
                "(digit terakhir terpotong).",
                "Kepadatan dihitung: jumlah penduduk ÷ luas, dibulatkan ke jiwa utuh.",
            ],
        )
    units = kelurahan_pd(r.pd.pk)
    tahun = [y for y in tahun_penduduk(u.pk for u in units) if y <= r.versi.tahun_mulai]
    return tabel_2_1_data(r, tahun[0] if tahun else None, kode="2.1")


def tabel_2_1_data(r: Rencana, tahun: int | None = None, *, kode: str = "2.1-data") -> Tabel:
    """Tabel 2.1 from the region's records (area, population of ``tahun``, default the latest)."""
    ringkas = ringkasan_wilayah(kelurahan_pd(r.pd.pk), tahun)
    baris = [
        _BarisWilayah(
            b.unit.nama,
            b.unit.luas_km2,
            b.penduduk.laki_laki if b.penduduk else None,
            b.penduduk.perempuan if b.penduduk else None,
            b.penduduk.jumlah if b.penduduk else None,
        )
        for b in ringkas.baris
    ]
    sumber = sorted({b.penduduk.sumber for b in ringkas.baris if b.penduduk and b.penduduk.sumber})
    return _tabel_wilayah(
        kode,
        f"Luas Wilayah dan Jumlah Penduduk Kelurahan di {r.pd.nama}",
        f"Dari data wilayah, penduduk tahun {ringkas.tahun}"
        if ringkas.tahun
        else "Dari data wilayah: belum ada data penduduk",
        baris,
        [
            "Dari catatan wilayah (halaman Wilayah), bukan dari cetakan dokumen. '?' = belum ada angka.",
            "Kepadatan dihitung: jumlah penduduk ÷ luas, dibulatkan ke jiwa utuh.",
            *([f"Sumber: {'; '.join(sumber)}."] if sumber else []),
        ],
    )


def tabel_2_2(r: Rencana) -> Tabel:
    data = list(RekapPegawai.objects.filter(pd=r.pd).order_by("keadaan", "kelompok", "urutan"))
    urut_kelompok = [k for k, _ in RekapPegawai.Kelompok.choices]
    label = dict(RekapPegawai.Kelompok.choices)
    tabel = Tabel(
        kode="2.2",
        judul=f"Jumlah Pegawai {r.pd.nama} Menurut Pangkat dan Golongan, Tingkat Pendidikan, Pejabat Struktural / Fungsional",
        subjudul=f"Keadaan {data[0].keadaan}" if data else "",
        kepala=[
            [
                Kepala("No"),
                Kepala("Pangkat/Golongan, Tingkat Pendidikan, Pejabat Struktural / Fungsional"),
                Kepala("Jumlah"),
            ]
        ],
        lebar=[6, 50, 10],
    )
    per_kelompok = defaultdict(list)
    for d in data:
        per_kelompok[d.kelompok].append(d)
    for k in urut_kelompok:
        if k not in per_kelompok:
            continue
        tabel.tambah([Sel(label[k], kelas="tebal", colspan=3), None, None])
        for d in per_kelompok[k]:
            tabel.tambah([Sel(d.urutan, ANGKA), Sel(d.uraian), Sel(d.jumlah, ANGKA)])
        tabel.tambah(
            [
                Sel(""),
                Sel("Jumlah", kelas="tebal"),
                Sel(sum(d.jumlah for d in per_kelompok[k]), ANGKA, kelas="tebal"),
            ]
        )
    return tabel


def teks_aset(a: Aset) -> str:
    teks = angka.format_angka(a.jumlah) if a.jumlah is not None else a.teks
    if a.satuan:
        teks += f" {a.satuan}"
    if a.rusak and a.jumlah is not None and a.rusak >= a.jumlah:
        teks += f" ({a.keterangan_kondisi or 'rusak'})"
    elif a.rusak:
        teks += f" ({a.rusak} rusak)"
    return teks


def tabel_2_2_sarpras(r: Rencana) -> Tabel:
    lokasi = list(r.lokasi)
    aset = defaultdict(dict)
    urutan: dict[str, int] = {}
    for a in Aset.objects.filter(unit__in=lokasi).order_by("urutan"):
        aset[a.jenis_barang][a.unit_id] = a
        urutan.setdefault(a.jenis_barang, a.urutan)
    n = 2 + len(lokasi)
    tabel = Tabel(
        kode="2.2-sarpras",
        judul=f"Data Sarana dan Prasarana {r.pd.nama} dan Kelurahan",
        kepala=[
            [Kepala("No"), Kepala("Jenis Barang"), *[Kepala(u.nama_pendek.upper()) for u in lokasi]],
            _nomor_kolom(n),
        ],
        lebar=[5, 30, *([14] * len(lokasi))],
        catatan=["Angka dalam kurung = jumlah barang dalam keadaan rusak."],
    )
    for no, jenis in enumerate(sorted(aset, key=lambda j: urutan[j]), start=1):
        tabel.tambah(
            [
                Sel(no, ANGKA),
                Sel(jenis),
                *[Sel(teks_aset(aset[jenis][u.pk]) if u.pk in aset[jenis] else "") for u in lokasi],
            ]
        )
    return tabel


@dataclass(frozen=True)
class JenisTabel:
    kode: str
    nama: str
    buat: Callable[..., Tabel]
    per_tahun: bool = False
    tahun_wilayah: bool = False  # a year chosen among the years with population records


DAFTAR_TABEL: dict[str, JenisTabel] = {
    t.kode: t
    for t in (
        JenisTabel("2.1", "Luas wilayah dan jumlah penduduk (sesuai dokumen)", tabel_2_1),
        JenisTabel(
            "2.1-data",
            "Luas wilayah dan jumlah penduduk dari data wilayah",
            tabel_2_1_data,
            tahun_wilayah=True,
        ),
        JenisTabel("2.2", "Jumlah pegawai", tabel_2_2),
        JenisTabel("2.2-sarpras", "Sarana dan prasarana", tabel_2_2_sarpras),
        JenisTabel("2.3.1", "Pencapaian kinerja pelayanan", tabel_2_3_1),
        JenisTabel("2.3.2", "Anggaran dan realisasi pendanaan pelayanan", tabel_2_3_2),
        JenisTabel("4.1.1", "Tujuan dan sasaran jangka menengah", tabel_4_1_1),
        JenisTabel("5.1.1", "Tujuan, sasaran, strategi dan kebijakan", tabel_5_1_1),
        JenisTabel("6.1", "Rencana program, kegiatan dan pendanaan (satu tahun)", tabel_6_1, per_tahun=True),
        JenisTabel("6.2", "Rencana program, kegiatan dan pendanaan (lima tahun)", tabel_6_2),
        JenisTabel("7.1", "Indikator kinerja yang mengacu pada tujuan dan sasaran RPJMD", tabel_7_1),
        JenisTabel("7.2", "Indikator kinerja utama", tabel_7_2),
    )
}


def buat_tabel(kode: str, r: Rencana, *, tahun: int | None = None) -> Tabel:
    jenis = DAFTAR_TABEL[kode]
    if jenis.per_tahun or jenis.tahun_wilayah:
        return jenis.buat(r, tahun)
    return jenis.buat(r)
