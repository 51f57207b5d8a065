"""The consistency checker.

``periksa(versi)`` runs every rule over one plan version: its data (the tree,
targets, pagu) and, where the version was read from a document or a workbook, what
that source printed (``BarisCetak``).  Each rule is a plain function that takes the
loaded ``DataPeriksa`` and yields ``Temuan``: a stable code, a severity, where it
is, the printed and expected values and one sentence a planner can verify by hand.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from kinerja.core import angka
from kinerja.core.angka import format_angka, format_rupiah
from kinerja.core.pembulatan import bulat
from kinerja.core.skala import NAMA_SKALA, label_cocok
from kinerja.core.teks import jarak_edit
from kinerja.renstra import nomenklatur as nmk
from kinerja.renstra.aturan import kondisi_akhir
from kinerja.renstra.models import (
    BarisCetak,
    Indikator,
    Naskah,
    Nomenklatur,
    PlanNode,
    RenstraVersi,
)
from kinerja.renstra.selectors import Rencana, muat_rencana
from kinerja.renstra.tabel_dokumen import rasio_capaian, rata_pertumbuhan

T = PlanNode.Tingkat
NOL = Decimal(0)
SERATUS = Decimal(100)

GALAT = "galat"
PERINGATAN = "peringatan"
INFO = "info"
URUTAN_TINGKAT = {GALAT: 0, PERINGATAN: 1, INFO: 2}
LABEL_TINGKAT = {GALAT: "Galat", PERINGATAN: "Peringatan", INFO: "Info"}

# A plain Indonesian name for every finding code, for the page's filter and table and the JSON.
NAMA_KODE = {
    "TOTAL_PEGAWAI": "Jumlah pegawai tidak sama dengan rinciannya",
    "TOTAL_ANGGARAN": "Jumlah belanja tidak sama dengan rinciannya",
    "TOTAL_PENDUDUK": "Jumlah penduduk tidak cocok",
    "TOTAL_LUAS": "Luas wilayah bukan jumlah luas kelurahan",
    "KEPADATAN": "Kepadatan penduduk salah hitung",
    "PAGU_INDUK": "Pagu bukan jumlah pagu di bawahnya",
    "SEL_KOSONG": "Sel pagu kosong padahal ada pagu di bawahnya",
    "AKHIR_RP": "Kondisi akhir (Rp) bukan jumlah pagu tahunan",
    "AKHIR_K": "Kondisi akhir (target) menyalahi aturannya",
    "RASIO_CAPAIAN": "Rasio capaian salah hitung",
    "RASIO_ANGGARAN": "Rasio realisasi anggaran salah hitung",
    "PERTUMBUHAN": "Rata-rata pertumbuhan salah hitung",
    "TARGET_BEDA": "Target berbeda antartabel",
    "UKURAN_BEDA": "Ukuran yang sama dengan target berbeda",
    "AWAL_BEDA": "Kondisi awal berbeda",
    "LABEL_SKALA": "Predikat tidak sesuai skala nilainya",
    "LAJU_PAGU": "Pagu menyalahi laju kenaikan rencana",
    "BARIS_GANDA": "Baris yang sama tercetak lebih dari sekali",
    "BARIS_KOSONG": "Indikator tanpa target dan pagu",
    "LOKASI_KOSONG": "Lokasi tidak tercetak",
    "SEL_TAK_TERBACA": "Sel tidak terbaca",
    "SEL_TERBELAH": "Angka terbelah menjadi dua sel",
    "ANGKA_TERPOTONG": "Angka kehilangan digit terakhir",
    "BARIS_HILANG": "Baris induk tidak tercetak",
    "NAMA_KELURAHAN": "Nama kelurahan salah eja",
    "KECAMATAN_LAIN": "Menyebut kecamatan lain",
    "MISI_TIDAK_ADA": "Menyebut misi RPJMD yang tidak ada",
    "NAMA_BEDA": "Nama unsur berbeda antartabel",
    "INDIKATOR_MIRIP": "Indikator sama dengan ejaan berbeda",
    "NOMENKLATUR_KODE": "Kode tidak ada di nomenklatur",
    "NOMENKLATUR_LAMA": "Kode nomenklatur sudah diganti",
    "NOMENKLATUR_NAMA": "Nama berbeda dengan nomenklatur",
    "NOMENKLATUR_INDUK": "Tercetak di bawah induk yang salah",
    "PEMBULATAN": "Selisih pembulatan",
}


def nama_kode(code: str) -> str:
    return NAMA_KODE.get(code, code.replace("_", " ").capitalize())


# A difference this small between a printed total and its parts comes from rounding
# the parts for print; it is reported once per table, not row by row.
BATAS_PEMBULATAN = Decimal(5)


@dataclass
class Temuan:
    code: str
    severity: str
    table: str
    row: str
    source_lines: list[int]
    printed: str
    expected: str
    message: str
    pd: str = ""
    versi: str = ""
    versi_id: int | None = None
    node_id: int | None = None

    @property
    def name(self) -> str:
        return nama_kode(self.code)

    def sebagai_dict(self) -> dict:
        return {**asdict(self), "name": self.name}


class Cetak:
    """A printed row as the rules read it: the model's fields plus cached readings."""

    __slots__ = ("pk", "id", "tabel", "urutan", "baris", "baris_lain", "tingkat", "node_id", "indikator_id",
                 "lokasi_id", "sel", "catatan", "_tahun", "_pagu", "_semua")  # fmt: skip
    KOLOM = (
        "id",
        "tabel",
        "urutan",
        "baris",
        "baris_lain",
        "tingkat",
        "node_id",
        "indikator_id",
        "lokasi_id",
        "sel",
        "catatan",
    )

    def __init__(self, baris: tuple):
        (self.id, self.tabel, self.urutan, self.baris, self.baris_lain, self.tingkat, self.node_id,
         self.indikator_id, self.lokasi_id, self.sel, self.catatan) = baris  # fmt: skip
        self.pk = self.id
        self._tahun = self._pagu = self._semua = None

    @property
    def semua_baris(self) -> list[int]:
        if self._semua is None:
            lain = [int(x) for x in self.baris_lain.split(";") if x.strip().isdigit()]
            self._semua = [self.baris, *lain]
        return self._semua


@dataclass
class DataPeriksa:
    rencana: Rencana
    cetak: list[Cetak]
    naskah: list[Naskah]
    nomenklatur: dict[str, Nomenklatur]
    nomenklatur_lama: dict[str, Nomenklatur]
    kecamatan_lain: list[str]
    kelurahan: list[str]
    cetak_tabel: dict[str, list[Cetak]] = field(default_factory=dict)
    pembulatan: _Pembulatan = field(default_factory=lambda: _Pembulatan())
    _teks: list | None = None

    def __post_init__(self) -> None:
        self.cetak_tabel = defaultdict(list)
        for b in self.cetak:
            self.cetak_tabel[b.tabel].append(b)

    @property
    def versi(self) -> RenstraVersi:
        return self.rencana.versi


def muat_data(versi: RenstraVersi | int) -> DataPeriksa:
    """Everything the rules need, in a fixed number of queries."""
    r = muat_rencana(versi)
    v = r.versi
    pd = v.pd
    kode_bidang = pd.kode_bidang
    kode = {nmk.kode_nasional(n.kode, kode_bidang) for n in r.node if n.kode}
    kode |= {nmk.kode_induk(k) for k in kode}
    entri = Nomenklatur.objects.filter(
        revisi=nmk.REVISI, jenis_pemda=pd.pemda.jenis_pemda, kode__in=kode
    ).only("kode", "nama", "tingkat", "kode_induk")
    lama = {}
    for e in Nomenklatur.objects.filter(revisi=nmk.REVISI, jenis_pemda=pd.pemda.jenis_pemda).exclude(
        kode_sebelumnya=""
    ):
        kode_lama = e.kode_sebelumnya.split(" ", 1)[0]
        lama[kode_lama] = e
    kecamatan_sendiri = pd.kecamatan.nama if pd.kecamatan_id else ""
    kecamatan_lain = [
        k
        for k in pd.pemda.kecamatan_set.values_list("nama", flat=True)
        if k.casefold() != kecamatan_sendiri.casefold()
    ]
    kelurahan = [u.nama_pendek for u in r.lokasi if u.jenis != u.Jenis.KANTOR]
    cetak = [
        Cetak(b)
        for b in BarisCetak.objects.filter(sumber__versi=v)
        .order_by("sumber_id", "tabel", "urutan")
        .values_list(*Cetak.KOLOM)
    ]
    naskah = list(v.naskah_set.order_by("kunci", "urutan"))
    return DataPeriksa(
        rencana=r,
        cetak=cetak,
        naskah=naskah,
        nomenklatur={e.kode: e for e in entri},
        nomenklatur_lama=lama,
        kecamatan_lain=kecamatan_lain,
        kelurahan=kelurahan,
    )


# --- helpers ---------------------------------------------------------------------


def _nama_node(n: PlanNode) -> str:
    kepala = f"{n.get_tingkat_display()} {n.kode}".strip()
    return f"{kepala} {n.nama}"


def _baris_label(b: BarisCetak, r: Rencana, tambahan: str = "") -> str:
    bagian = []
    if b.node_id and b.node_id in r.node_id:
        bagian.append(_nama_node(r.node_id[b.node_id]))
    if b.lokasi_id:
        bagian.append(r.unit[b.lokasi_id].nama_pendek)
    if tambahan:
        bagian.append(tambahan)
    return " · ".join(bagian) or f"baris {b.baris}"


def _rp(teks: str | None) -> angka.Nilai:
    return angka.baca(teks or "", bulat=True)


def _tahun_cetak(b: Cetak) -> dict[int, tuple[str, str]]:
    """Year → (printed K, printed Rp) of a T-C.27 row, whatever its table's layout."""
    if b._tahun is None:
        b._tahun = _baca_tahun_cetak(b)
    return b._tahun


def _baca_tahun_cetak(b: Cetak) -> dict[int, tuple[str, str]]:
    hasil = {}
    if "tahun" in b.sel or b.tabel == "6.1":
        tahun = int(b.sel.get("tahun", 0) or 0)
        if tahun:
            hasil[tahun] = (b.sel.get("target", ""), b.sel.get("anggaran", ""))
        return hasil
    for k in b.sel:
        m = re.fullmatch(r"[kr]p?_(\d{4})", k)
        if m:
            y = int(m.group(1))
            hasil[y] = (b.sel.get(f"k_{y}", ""), b.sel.get(f"rp_{y}", ""))
    return dict(sorted(hasil.items()))


def _baris_pagu(b: Cetak) -> dict[int, angka.Nilai]:
    if b._pagu is None:
        b._pagu = {y: _rp(rp) for y, (_, rp) in _tahun_cetak(b).items()}
    return b._pagu


def _tabel_rencana(d: DataPeriksa) -> list[str]:
    return [t for t in ("6.1", "6.2") if d.cetak_tabel.get(t)]


def _selisih(a: Decimal, b: Decimal) -> str:
    return format_rupiah(abs(a - b))


class _Pembulatan:
    """Collects totals off by a few rupiah, reported once per table."""

    def __init__(self):
        self.baris: dict[str, list[int]] = defaultdict(list)
        self.maks: dict[str, Decimal] = defaultdict(lambda: NOL)

    def tambah(self, tabel: str, baris: int, selisih: Decimal) -> None:
        self.baris[tabel].append(baris)
        self.maks[tabel] = max(self.maks[tabel], abs(selisih))

    def temuan(self) -> Iterator[Temuan]:
        for tabel, daftar in self.baris.items():
            yield Temuan(
                "PEMBULATAN",
                INFO,
                tabel,
                f"{len(set(daftar))} baris",
                sorted(set(daftar)),
                "",
                "",
                f"Di {len(set(daftar))} baris, jumlah atau total yang tercetak berbeda paling banyak "
                f"Rp{format_rupiah(self.maks[tabel])} dari jumlah rinciannya: selisih pembulatan, bukan salah hitung.",
            )


# --- A. printed totals against the sum of their parts -------------------------------


def cek_total_pegawai(d: DataPeriksa) -> Iterator[Temuan]:
    """Tabel 2.2: each printed 'Jumlah' against the rows of its block."""
    blok: list[BarisCetak] = []
    for b in d.cetak_tabel.get("2.2", []):
        if b.tingkat != "jumlah":
            blok.append(b)
            continue
        tercetak = angka.baca(b.sel.get("jumlah")).angka
        bagian = [angka.baca(x.sel.get("jumlah")).angka or NOL for x in blok]
        hitung = sum(bagian, NOL)
        kelompok = blok[0].sel.get("kelompok", "") if blok else ""
        if tercetak is not None and tercetak != hitung:
            yield Temuan(
                "TOTAL_PEGAWAI",
                GALAT,
                "2.2",
                f"Jumlah pegawai menurut {kelompok.replace('_', ' ')}",
                [b.baris, *[x.baris for x in blok]],
                format_angka(tercetak),
                format_angka(hitung),
                f"{' + '.join(format_angka(x) for x in bagian)} = {format_angka(hitung)}, "
                f"tetapi tercetak {format_angka(tercetak)}.",
            )
        blok = []


def cek_total_anggaran(d: DataPeriksa) -> Iterator[Temuan]:
    """Tabel 2.3.2: 'Jumlah Belanja' against its component rows, per year."""
    baris = d.cetak_tabel.get("2.3.2", [])
    komponen = [b for b in baris if b.tingkat == "komponen"]
    for total in (b for b in baris if b.tingkat == "jumlah"):
        for jenis in ("anggaran", "realisasi"):
            for kunci in sorted(k for k in total.sel if k.startswith(jenis + "_")):
                tahun = kunci.split("_")[1]
                tercetak = _rp(total.sel.get(kunci)).angka
                bagian = [_rp(k.sel.get(kunci)).angka for k in komponen]
                if tercetak is None or any(x is None for x in bagian):
                    continue
                hitung = sum(bagian, NOL)
                if tercetak != hitung:
                    yield Temuan(
                        "TOTAL_ANGGARAN",
                        GALAT,
                        "2.3.2",
                        f"Jumlah Belanja · {jenis} {tahun}",
                        [total.baris, *[k.baris for k in komponen]],
                        format_rupiah(tercetak),
                        format_rupiah(hitung),
                        f"{' + '.join(format_rupiah(x) for x in bagian)} = {format_rupiah(hitung)}; "
                        f"tercetak {format_rupiah(tercetak)} (selisih {_selisih(tercetak, hitung)}).",
                    )


def _rentang(teks: str) -> tuple[Decimal, Decimal] | None:
    return angka.baca(teks, bulat=True).rentang()


def cek_penduduk_wilayah(d: DataPeriksa) -> Iterator[Temuan]:
    """Tabel 2.1: L + P = jumlah per kelurahan; kelurahan add up to the kecamatan."""
    baris = d.cetak_tabel.get("2.1", [])
    kel = [b for b in baris if b.tingkat == "kelurahan"]
    for b in kel:
        l_, p_, j_ = (_rentang(b.sel.get(k, "")) for k in ("laki_laki", "perempuan", "jumlah"))
        if not (l_ and p_ and j_):
            continue
        bawah, atas = l_[0] + p_[0], l_[1] + p_[1]
        if atas < j_[0] or bawah > j_[1]:
            yield Temuan(
                "TOTAL_PENDUDUK",
                GALAT,
                "2.1",
                f"Kelurahan {b.sel.get('kelurahan', '')}",
                [b.baris],
                b.sel.get("jumlah", ""),
                _teks_rentang(bawah, atas),
                f"L {b.sel.get('laki_laki')} + P {b.sel.get('perempuan')} = {_teks_rentang(bawah, atas)} jiwa"
                f"{' (angka terpotong dihitung sebagai rentang)' if atas != bawah else ''}, "
                f"tidak sama dengan jumlah tercetak {b.sel.get('jumlah')}.",
            )
    ringkas = next((b for b in baris if b.tingkat == "ringkasan"), None)
    if ringkas is None or not kel:
        return
    if ringkas.sel.get("luas"):
        luas = [angka.baca(b.sel.get("luas", "")).angka for b in kel]
        if all(x is not None for x in luas):
            hitung = sum(luas, NOL)
            tercetak = angka.baca(ringkas.sel["luas"]).angka
            if tercetak is not None and tercetak != hitung:
                yield Temuan(
                    "TOTAL_LUAS",
                    GALAT,
                    "2.1",
                    "Luas wilayah kecamatan",
                    [ringkas.baris, *[b.baris for b in kel]],
                    format_angka(tercetak, 2),
                    format_angka(hitung, 2),
                    f"Luas ketujuh kelurahan {' + '.join(format_angka(x, 2) for x in luas)} = "
                    f"{format_angka(hitung, 2)} km², teks menyebut {format_angka(tercetak, 2)} km².",
                )
    if ringkas.sel.get("penduduk"):
        rentang = [_rentang(b.sel.get("jumlah", "")) for b in kel]
        if all(rentang):
            bawah = sum((x[0] for x in rentang), NOL)
            atas = sum((x[1] for x in rentang), NOL)
            tercetak = angka.baca(ringkas.sel["penduduk"], bulat=True).angka
            if tercetak is not None and not bawah <= tercetak <= atas:
                yield Temuan(
                    "TOTAL_PENDUDUK",
                    GALAT,
                    "2.1",
                    "Jumlah penduduk kecamatan",
                    [ringkas.baris, *[b.baris for b in kel]],
                    format_angka(tercetak),
                    _teks_rentang(bawah, atas),
                    f"Jumlah penduduk ketujuh kelurahan paling banyak {format_angka(atas)} jiwa "
                    f"(digit yang terpotong dihitung 9), teks menyebut {format_angka(tercetak)} jiwa.",
                )


def _teks_rentang(bawah: Decimal, atas: Decimal) -> str:
    return format_angka(bawah) if bawah == atas else f"{format_angka(bawah)}–{format_angka(atas)}"


def _jumlah_cetak_per_induk(baris: list[BarisCetak], r: Rencana) -> dict[int, dict[int, Decimal]]:
    """Sum of the sub kegiatan Rp printed *below* each printed node row, per year."""
    hasil: dict[int, dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: NOL))
    induk: dict[int, BarisCetak] = {}
    for b in baris:
        node = r.node_id.get(b.node_id) if b.node_id else None
        if node is None:
            continue
        if node.tingkat < T.SUB_KEGIATAN and b.sel.get("nama"):
            induk[node.tingkat] = b
            for t in range(node.tingkat + 1, T.SUB_KEGIATAN):
                induk.pop(t, None)
        if node.tingkat == T.SUB_KEGIATAN:
            for y, n in _baris_pagu(b).items():
                if n.angka is not None:
                    for ib in induk.values():
                        hasil[ib.pk][y] += n.angka
    return hasil


def cek_pagu_induk(d: DataPeriksa) -> Iterator[Temuan]:
    """Printed pagu of tujuan, sasaran, program and kegiatan rows against the sum of
    their sub kegiatan (by code) in the plan; one finding per printed row."""
    r = d.rencana
    for tabel in _tabel_rencana(d):
        baris = d.cetak_tabel[tabel]
        di_bawah = _jumlah_cetak_per_induk(baris, r)
        # a level that prints no pagu anywhere in this table has empty cells by layout
        tingkat_berpagu = {
            r.node_id[b.node_id].tingkat
            for b in baris
            if b.node_id and any(n.angka is not None for n in _baris_pagu(b).values())
        }
        for b in baris:
            node = r.node_id.get(b.node_id) if b.node_id else None
            if node is None or node.tingkat == T.SUB_KEGIATAN:
                continue
            if node.tingkat > T.SASARAN and not b.sel.get("nama"):
                continue
            if node.tingkat <= T.SASARAN and b.tingkat != node.get_tingkat_display().lower():
                continue
            salah, kosong, penjelasan = [], [], ""
            for y, n in _baris_pagu(b).items():
                hitung = r.pagu_node(node, y)
                if n.jenis == angka.KOSONG:
                    if hitung and node.tingkat in tingkat_berpagu:
                        kosong.append((y, hitung))
                    continue
                if n.angka is None or n.terpotong:
                    continue
                hitung = hitung or NOL
                if n.angka == hitung:
                    continue
                if abs(n.angka - hitung) <= BATAS_PEMBULATAN:
                    d.pembulatan.tambah(tabel, b.baris, n.angka - hitung)
                    continue
                salah.append((y, n.angka, hitung))
                cetak_bawah = di_bawah.get(b.pk, {}).get(y)
                if not penjelasan and cetak_bawah is not None and cetak_bawah != hitung:
                    if abs(cetak_bawah - n.angka) <= BATAS_PEMBULATAN:
                        penjelasan = (
                            f" Angka tercetak sama dengan jumlah baris yang dicetak di bawahnya "
                            f"({format_rupiah(cetak_bawah)}), tetapi menurut kode nomenklatur sebagian baris itu "
                            "milik unsur lain."
                        )
                    else:
                        penjelasan = (
                            f" Baris yang dicetak di bawahnya berjumlah {format_rupiah(cetak_bawah)} ({y})."
                        )
                elif not penjelasan and n.angka > hitung:
                    penjelasan = " Selisihnya tidak tercetak sebagai baris mana pun di tabel ini."
            if salah:
                rinci = "; ".join(
                    f"{y}: tercetak {format_rupiah(c)}, jumlah {format_rupiah(h)} (selisih {_selisih(c, h)})"
                    for y, c, h in salah
                )
                jenis_anak = "sub kegiatannya" if node.tingkat == T.KEGIATAN else "unsur di bawahnya"
                yield Temuan(
                    "PAGU_INDUK",
                    GALAT,
                    tabel,
                    _baris_label(b, r),
                    [b.baris],
                    "; ".join(f"{y}: {format_rupiah(c)}" for y, c, _ in salah),
                    "; ".join(f"{y}: {format_rupiah(h)}" for y, _, h in salah),
                    f"Pagu {node.get_tingkat_display().lower()} adalah jumlah pagu {jenis_anak}. {rinci}.{penjelasan}",
                    node_id=node.pk,
                )
            if kosong:
                yield Temuan(
                    "SEL_KOSONG",
                    PERINGATAN,
                    tabel,
                    _baris_label(b, r),
                    [b.baris],
                    "(kosong)",
                    "; ".join(f"{y}: {format_rupiah(h)}" for y, h in kosong),
                    "Sel pagu "
                    + ", ".join(str(y) for y, _ in kosong)
                    + " kosong, padahal sub kegiatannya berjumlah "
                    + "; ".join(f"{format_rupiah(h)} ({y})" for y, h in kosong)
                    + ".",
                    node_id=node.pk,
                )


def cek_kondisi_akhir_rp(d: DataPeriksa) -> Iterator[Temuan]:
    """Kondisi akhir (Rp) of each row is the sum of its yearly pagu."""
    r = d.rencana
    for b in d.cetak_tabel.get("6.2", []):
        akhir = _rp(b.sel.get("akhir_rp"))
        tahunan = _baris_pagu(b)
        nilai = [n for n in tahunan.values() if n.angka is not None and not n.terpotong]
        if not nilai or akhir.jenis == angka.KOSONG:
            continue
        hitung = sum((n.angka for n in nilai), NOL)
        if akhir.terpotong:
            lo, hi = akhir.rentang()
            if lo <= hitung <= hi:
                continue
        if akhir.angka is None or akhir.angka == hitung:
            continue
        if abs(akhir.angka - hitung) <= BATAS_PEMBULATAN:
            d.pembulatan.tambah("6.2", b.baris, akhir.angka - hitung)
            continue
        tahun_akhir = max(tahunan)
        sama_akhir = tahunan[tahun_akhir].angka == akhir.angka
        yield Temuan(
            "AKHIR_RP",
            GALAT,
            "6.2",
            _baris_label(b, r),
            [b.baris],
            format_rupiah(akhir.angka),
            format_rupiah(hitung),
            f"Kondisi akhir (Rp) = jumlah pagu {len(nilai)} tahun: "
            f"{' + '.join(format_rupiah(n.angka) for n in nilai)} = {format_rupiah(hitung)}; "
            f"tercetak {format_rupiah(akhir.angka)}"
            + (f", yaitu pagu tahun {tahun_akhir} saja." if sama_akhir else "."),
            node_id=b.node_id,
        )


_NAMA_AGREGASI = {
    Indikator.Agregasi.JUMLAH: "jumlah target tahunan",
    Indikator.Agregasi.TERAKHIR: "target tahun terakhir",
    Indikator.Agregasi.RATA: "rata-rata target tahunan",
    Indikator.Agregasi.MAKS: "target tertinggi",
}


def akhir_tercetak(aturan_akhir: str, nilai: list[angka.Nilai]) -> angka.Nilai | None:
    """The kondisi akhir of printed yearly values by a rule, as it would be printed."""
    ada = [n if n.jenis != angka.KOSONG else None for n in nilai]
    hasil = kondisi_akhir(ada, aturan_akhir, angka=lambda n: n.angka)
    if hasil is None or isinstance(hasil, angka.Nilai):
        return hasil
    return angka.baca(angka.format_angka(hasil))


def _sama(a: angka.Nilai, b: angka.Nilai) -> bool:
    """Two printed values say the same thing (number and label, whatever the notation)."""
    if a.jenis in (angka.KOSONG, angka.STRIP) and b.jenis in (angka.KOSONG, angka.STRIP):
        return True
    if a.angka is not None and b.angka is not None:
        if a.angka != b.angka:
            return False
        return (a.label or "").casefold() == (b.label or "").casefold() or not a.label or not b.label
    if a.label and b.label and a.angka is None and b.angka is None:
        return a.label.casefold() == b.label.casefold()
    return " ".join(a.teks.split()).casefold() == " ".join(b.teks.split()).casefold()


def cek_kondisi_akhir_k(d: DataPeriksa) -> Iterator[Temuan]:
    """Kondisi akhir (K) against the yearly targets by the indicator's own rule."""
    r = d.rencana
    ind_id = {i.pk: i for daftar in r.indikator.values() for i in daftar}
    for tabel, kunci_akhir, kunci_tahun in (
        ("6.2", "akhir_k", "k_"),
        ("7.1", "kondisi_akhir", "t_"),
        ("7.2", "kondisi_akhir", "t_"),
    ):
        per_indikator: dict[int, list[tuple[BarisCetak, angka.Nilai, angka.Nilai, list]]] = defaultdict(list)
        for b in d.cetak_tabel.get(tabel, []):
            ind = ind_id.get(b.indikator_id)
            if ind is None or not b.sel.get(kunci_akhir):
                continue
            tahun = sorted(k for k in b.sel if k.startswith(kunci_tahun) and k[len(kunci_tahun) :].isdigit())
            nilai = [angka.baca(_gabung(b.sel[k])) for k in tahun]
            akhir = angka.baca(_gabung(b.sel[kunci_akhir]))
            if akhir.jenis == angka.TAK_TERBACA or any(n.jenis == angka.TAK_TERBACA for n in nilai):
                continue
            hitung = akhir_tercetak(ind.agregasi_akhir, nilai)
            if hitung is None or _sama(akhir, hitung):
                continue
            per_indikator[ind.pk].append((b, akhir, hitung, nilai))
        for ind_pk, daftar in per_indikator.items():
            ind = ind_id[ind_pk]
            b0, akhir0, hitung0, nilai0 = daftar[0]
            contoh = "; ".join(
                f"baris {b.baris}: tercetak {a.teks}, seharusnya {angka.format_nilai(h)}"
                for b, a, h, _ in daftar[:4]
            )
            yield Temuan(
                "AKHIR_K",
                PERINGATAN,
                tabel,
                _baris_label(b0, r, ind.nama)
                if len(daftar) == 1
                else f"{_nama_node(r.node_id[ind.node_id])} · {len(daftar)} baris",
                [b.baris for b, *_ in daftar],
                akhir0.teks if len(daftar) == 1 else "; ".join(a.teks for _, a, _, _ in daftar[:6]),
                angka.format_nilai(hitung0)
                if len(daftar) == 1
                else "; ".join(angka.format_nilai(h) for _, _, h, _ in daftar[:6]),
                f"Kondisi akhir '{ind.nama}' adalah {_NAMA_AGREGASI[ind.agregasi_akhir]} "
                f"(mis. {', '.join(n.teks or '–' for n in nilai0)} = {angka.format_nilai(hitung0)}). {contoh}.",
                node_id=b0.node_id,
            )


def _gabung(teks: str) -> str:
    m = re.fullmatch(r"(\d+) (\d+)", teks or "")
    return m.group(1) + m.group(2) if m else teks


# --- B. derived values --------------------------------------------------------------


def cek_kepadatan(d: DataPeriksa) -> Iterator[Temuan]:
    ringkas = next((b for b in d.cetak_tabel.get("2.1", []) if b.tingkat == "ringkasan"), None)
    if ringkas is None:
        return
    luas = angka.baca(ringkas.sel.get("luas", "")).angka
    penduduk = angka.baca(ringkas.sel.get("penduduk", ""), bulat=True).angka
    padat = angka.baca(ringkas.sel.get("kepadatan", ""), bulat=True).angka
    if not (luas and penduduk and padat):
        return
    hitung = bulat(penduduk / luas, 0)
    if abs(hitung - padat) > 1:
        yield Temuan(
            "KEPADATAN",
            GALAT,
            "2.1",
            "Kepadatan penduduk kecamatan",
            [ringkas.baris],
            format_angka(padat),
            format_angka(hitung),
            f"{format_angka(penduduk)} jiwa ÷ {format_angka(luas, 2)} km² = {format_angka(hitung)} jiwa/km², "
            f"teks menyebut {format_angka(padat)}.",
        )


def cek_rasio_capaian(d: DataPeriksa) -> Iterator[Temuan]:
    """Tabel 2.3.1: rasio capaian = realisasi ÷ target × 100%."""
    for b in d.cetak_tabel.get("2.3.1", []):
        nama = b.sel.get("indikator", "")
        label_tahun = [
            k.split("_")[1]
            for k in sorted(b.sel)
            if k.startswith("rasio_") and angka.baca(b.sel[k]).jenis in (angka.LABEL, angka.TEKS)
        ]
        if label_tahun:
            contoh = b.sel[f"rasio_{label_tahun[0]}"]
            yield Temuan(
                "RASIO_CAPAIAN",
                PERINGATAN,
                "2.3.1",
                f"{nama} · {', '.join(label_tahun)}",
                [b.baris],
                contoh,
                "angka persen",
                f"Rasio capaian adalah realisasi ÷ target × 100%; '{contoh}' ({', '.join(label_tahun)}) bukan angka, "
                "dan target/realisasi kualitatif tidak dapat dibagi: cantumkan nilai indeksnya.",
            )
        for kunci in sorted(k for k in b.sel if k.startswith("rasio_")):
            tahun = kunci.split("_")[1]
            rasio = angka.baca(b.sel[kunci])
            target = angka.baca(b.sel.get(f"target_{tahun}", ""))
            real = angka.baca(b.sel.get(f"realisasi_{tahun}", ""))
            label = f"{nama} · {tahun}"
            if rasio.angka is None:
                continue
            hitung = rasio_capaian(target, real)
            if hitung is None:
                yield Temuan(
                    "RASIO_CAPAIAN",
                    PERINGATAN,
                    "2.3.1",
                    label,
                    [b.baris],
                    rasio.teks,
                    "(tidak dapat dihitung)",
                    f"Rasio {rasio.teks} tercetak, padahal target '{target.teks or 'kosong'}' dan realisasi "
                    f"'{real.teks or 'kosong'}' tahun {tahun} tidak memberi angka untuk dibagi.",
                )
                continue
            if abs(hitung - rasio.angka) < Decimal("0.6"):
                continue
            saran = ""
            if target.angka and real.angka:
                perlu = rasio.angka * target.angka / SERATUS
                if abs(perlu - real.angka * 10) <= 1:
                    saran = (
                        f" Rasio {rasio.teks} akan berasal dari realisasi {format_angka(real.angka * 10)}%: "
                        f"kemungkinan angka realisasi terpotong menjadi {real.teks}."
                    )
            yield Temuan(
                "RASIO_CAPAIAN",
                GALAT,
                "2.3.1",
                label,
                [b.baris],
                rasio.teks,
                angka.format_persen(hitung),
                f"{real.teks} ÷ {target.teks} × 100% = {angka.format_persen(hitung)}, tercetak {rasio.teks}.{saran}",
            )


def cek_rasio_anggaran(d: DataPeriksa) -> Iterator[Temuan]:
    """Tabel 2.3.2: rasio = realisasi ÷ anggaran; rata-rata pertumbuhan."""
    for b in d.cetak_tabel.get("2.3.2", []):
        if b.tingkat == "judul":
            continue
        uraian = b.sel.get("uraian", "")
        tahun = sorted(k.split("_")[1] for k in b.sel if k.startswith("anggaran_"))
        for y in tahun:
            ang = _rp(b.sel.get(f"anggaran_{y}")).angka
            real = _rp(b.sel.get(f"realisasi_{y}")).angka
            rasio = angka.baca(b.sel.get(f"rasio_{y}", "")).angka
            if not ang or real is None or rasio is None:
                continue
            hitung = real / ang * SERATUS
            if abs(bulat(hitung) - rasio) > Decimal("0.011"):
                yield Temuan(
                    "RASIO_ANGGARAN",
                    GALAT,
                    "2.3.2",
                    f"{uraian} · {y}",
                    [b.baris],
                    angka.format_persen(rasio),
                    angka.format_persen(hitung),
                    f"Realisasi {format_rupiah(real)} ÷ anggaran {format_rupiah(ang)} × 100% = "
                    f"{angka.format_persen(hitung)}, tercetak {angka.format_persen(rasio)}.",
                )
        for jenis, kunci in (("anggaran", "pertumbuhan_anggaran"), ("realisasi", "pertumbuhan_realisasi")):
            tercetak = _rp(b.sel.get(kunci)).angka
            nilai = [_rp(b.sel.get(f"{jenis}_{y}")).angka for y in tahun]
            hitung = rata_pertumbuhan(nilai)
            if tercetak is None or hitung is None or abs(tercetak - hitung) < 1:
                continue
            yield Temuan(
                "PERTUMBUHAN",
                PERINGATAN,
                "2.3.2",
                f"{uraian} · rata-rata pertumbuhan {jenis}",
                [b.baris],
                format_rupiah(tercetak),
                format_rupiah(bulat(hitung)),
                f"({format_rupiah(nilai[-1])} − {format_rupiah(nilai[0])}) ÷ {len(nilai) - 1} = "
                f"{format_rupiah(bulat(hitung))} per tahun, tercetak {format_rupiah(tercetak)}.",
            )


# --- C. one indicator, different values --------------------------------------------


def _nilai_tahun_cetak(b: BarisCetak) -> dict[int, str]:
    """Year → printed target of any table that prints targets by year."""
    hasil = {}
    for k, v in b.sel.items():
        m = re.fullmatch(r"(?:k|t)_(\d{4})", k)
        if m:
            hasil[int(m.group(1))] = _gabung(v)
    if b.tabel == "6.1" and b.sel.get("tahun"):
        hasil[int(b.sel["tahun"])] = b.sel.get("target", "")
    return hasil


def cek_target_beda(d: DataPeriksa) -> Iterator[Temuan]:
    """A target printed in one table that differs from the plan's (taken from another)."""
    r = d.rencana
    ind_id = {i.pk: i for daftar in r.indikator.values() for i in daftar}
    kelompok: dict[tuple, list[BarisCetak]] = defaultdict(list)
    for b in d.cetak:
        ind = ind_id.get(b.indikator_id)
        if ind is None:
            continue
        for tahun, teks in _nilai_tahun_cetak(b).items():
            n = angka.baca(teks)
            if n.jenis in (angka.KOSONG, angka.TAK_TERBACA):
                continue
            model = r.target.get((ind.pk, b.lokasi_id, tahun))
            if model is None:
                continue
            m = angka.baca(model.teks)
            if _sama(n, m):
                continue
            kelompok[(ind.pk, b.lokasi_id, tahun, model.teks, n.teks)].append(b)
    for (ind_pk, lok, tahun, model_teks, cetak_teks), daftar in kelompok.items():
        ind = ind_id[ind_pk]
        model = r.target[(ind_pk, lok, tahun)]
        n, m = angka.baca(cetak_teks), angka.baca(model_teks)
        kurang_rinci = (
            n.label
            and m.label
            and n.label.casefold() == m.label.casefold()
            and (n.angka is None or m.angka is None)
        )
        tabel_cetak = sorted({b.tabel for b in daftar})
        yield Temuan(
            "TARGET_BEDA",
            INFO if kurang_rinci else PERINGATAN,
            ", ".join(tabel_cetak),
            f"{_nama_node(r.node_id[ind.node_id])} · {ind.nama}"
            + (f" · {r.unit[lok].nama_pendek}" if lok else "")
            + f" · {tahun}",
            sorted(
                {x for b in daftar for x in b.semua_baris}
                | ({model.sumber_baris} if model.sumber_baris else set())
            ),
            cetak_teks,
            model_teks,
            f"Tabel {', '.join(tabel_cetak)} mencetak '{cetak_teks}' untuk {tahun}, sedangkan rencana"
            f"{f' (baris {model.sumber_baris})' if model.sumber_baris else ''} menetapkan '{model_teks}'"
            + (": sama labelnya, hanya kurang rinci." if kurang_rinci else "."),
            node_id=ind.node_id,
        )


def cek_ukuran_beda(d: DataPeriksa) -> Iterator[Temuan]:
    """The same measure (e.g. the IKM) at two levels of the plan with different targets or baselines."""
    r = d.rencana
    per_ukuran: dict[str, list[Indikator]] = defaultdict(list)
    for daftar in r.indikator.values():
        for i in daftar:
            if i.ukuran:
                per_ukuran[i.ukuran].append(i)
    for ukuran, inds in per_ukuran.items():
        if len(inds) < 2:
            continue
        acuan = min(inds, key=lambda i: (r.node_id[i.node_id].tingkat, r.node_id[i.node_id].urutan))
        for lain in inds:
            if lain.pk == acuan.pk:
                continue
            beda = []
            baris = set()
            for tahun in r.versi.tahun_rencana:
                a, b = r.target.get((acuan.pk, None, tahun)), r.target.get((lain.pk, None, tahun))
                if a and b and not _sama(angka.baca(a.teks), angka.baca(b.teks)):
                    beda.append(f"{tahun}: {b.teks} lawan {a.teks}")
                    baris |= {x for x in (a.sumber_baris, b.sumber_baris) if x}
            if beda:
                yield Temuan(
                    "UKURAN_BEDA",
                    PERINGATAN,
                    "rencana",
                    f"{ukuran.upper()} · {_nama_node(r.node_id[lain.node_id])}",
                    sorted(baris),
                    "; ".join(beda[:5]),
                    "target yang sama",
                    f"'{lain.nama}' di {r.node_id[lain.node_id].get_tingkat_display().lower()} mengukur hal yang sama "
                    f"dengan '{acuan.nama}' di {r.node_id[acuan.node_id].get_tingkat_display().lower()}, "
                    f"tetapi targetnya berbeda ({'; '.join(beda[:5])}).",
                    node_id=lain.node_id,
                )
            a0, b0 = r.awal.get((acuan.pk, None)), r.awal.get((lain.pk, None))
            if a0 and b0 and not _sama(angka.baca(a0.teks), angka.baca(b0.teks)):
                yield Temuan(
                    "AWAL_BEDA",
                    PERINGATAN,
                    "rencana",
                    f"{ukuran.upper()} · kondisi awal",
                    sorted({x for x in (a0.sumber_baris, b0.sumber_baris) if x}),
                    b0.teks,
                    a0.teks,
                    f"Kondisi awal '{lain.nama}' tercetak {b0.teks}, sedangkan '{acuan.nama}' {a0.teks}: "
                    "ukuran yang sama tidak boleh berangkat dari dua nilai awal.",
                    node_id=lain.node_id,
                )


def cek_awal_beda(d: DataPeriksa) -> Iterator[Temuan]:
    """A baseline printed in one table that differs from the plan's."""
    r = d.rencana
    ind_id = {i.pk: i for daftar in r.indikator.values() for i in daftar}
    for b in d.cetak:
        ind = ind_id.get(b.indikator_id)
        teks = b.sel.get("data_awal") or b.sel.get("kondisi_awal")
        if ind is None or not teks:
            continue
        model = r.awal.get((ind.pk, b.lokasi_id))
        if model is None or model.sumber_baris == b.baris:
            continue
        n, m = angka.baca(teks), angka.baca(model.teks)
        if not _sama(n, m):
            kurang_rinci = bool(n.label and m.label and n.label.casefold() == m.label.casefold())
            yield Temuan(
                "AWAL_BEDA",
                INFO if kurang_rinci else PERINGATAN,
                b.tabel,
                _baris_label(b, r, ind.nama),
                sorted({b.baris, *([model.sumber_baris] if model.sumber_baris else [])}),
                teks,
                model.teks,
                f"Tabel {b.tabel} mencetak kondisi awal '{teks}', rencana memakai '{model.teks}'"
                f"{f' (baris {model.sumber_baris})' if model.sumber_baris else ''}.",
                node_id=ind.node_id,
            )


# --- D. labels against the regulation's scale ---------------------------------------


def cek_label_skala(d: DataPeriksa) -> Iterator[Temuan]:
    """'Baik (89)' is 'Sangat Baik' on the IKM scale: a label must match its score's band."""
    r = d.rencana
    ind_id = {i.pk: i for daftar in r.indikator.values() for i in daftar}
    temu: dict[tuple[str, str], dict] = {}

    def periksa(ind: Indikator, teks: str, baris: Iterable[int], tempat: str) -> None:
        if not ind.skala:
            return
        n = angka.baca(teks)
        if n.angka is None:
            return
        label = n.label
        cocok, pita_ = label_cocok(ind.skala, label or "", n.angka)
        if label is None:
            if pita_ is not None:
                return
        elif cocok:
            return
        kunci = (ind.skala, angka.format_nilai(n))
        t = temu.setdefault(
            kunci, {"baris": set(), "tempat": set(), "nilai": n, "pita": pita_, "skala": ind.skala}
        )
        t["baris"] |= {x for x in baris if x}
        t["tempat"].add(tempat)

    berskala = {pk: i for pk, i in ind_id.items() if i.skala}
    for (i, _lok, tahun), t in r.target.items():
        if i in berskala:
            periksa(berskala[i], t.teks, [t.sumber_baris], f"target {tahun}")
    for (i, _lok), a in r.awal.items():
        if i in berskala:
            periksa(berskala[i], a.teks, [a.sumber_baris], "kondisi awal")
    for b in d.cetak:
        ind = berskala.get(b.indikator_id)
        if ind is None:
            continue
        for k, v in b.sel.items():
            if k.startswith(("k_", "t_", "akhir_k", "kondisi_", "target", "data_awal")):
                periksa(ind, v, b.semua_baris, f"Tabel {b.tabel}")
    for (skala, teks), t in sorted(temu.items()):
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
        yield Temuan(
            "LABEL_SKALA",
            GALAT,
            ", ".join(sorted(t["tempat"])),
            f"{skala.upper()} '{teks}'",
            sorted(t["baris"]),
            teks,
            harap,
            pesan,
        )


# --- E. the plan's own growth rule ------------------------------------------------------


def _cek_deret(versi: RenstraVersi, deret: dict[int, Decimal]) -> list[tuple[int, Decimal, Decimal]]:
    """Years whose pagu is not the previous year's × (1 + laju), within rounding."""
    laju = versi.laju_pagu
    mulai = versi.laju_pagu_mulai or versi.tahun_rencana_awal
    salah = []
    tahun = sorted(y for y in deret if y >= mulai)
    for a, b in zip(tahun, tahun[1:], strict=False):
        if b != a + 1 or not deret[a] or not deret[b]:
            continue
        harap = deret[a] * (1 + laju)
        if abs(deret[b] - harap) > 2:
            salah.append((b, deret[b], harap))
    return salah


def cek_laju_pagu(d: DataPeriksa) -> Iterator[Temuan]:
    r = d.rencana
    v = r.versi
    if v.laju_pagu is None:
        return
    persen = format_angka(v.laju_pagu * 100)
    deret: dict[tuple[int, int | None], dict[int, Decimal]] = defaultdict(dict)
    baris: dict[tuple[int, int | None], set[int]] = defaultdict(set)
    for p in r.pagu:
        deret[(p.node_id, p.lokasi_id)][p.tahun] = p.jumlah
        if p.sumber_baris:
            baris[(p.node_id, p.lokasi_id)].add(p.sumber_baris)
    for (node_id, lok), d_ in deret.items():
        salah = _cek_deret(v, d_)
        if salah:
            node = r.node_id[node_id]
            yield _temuan_laju(
                "rencana",
                _nama_node(node) + (f" · {r.unit[lok].nama_pendek}" if lok else ""),
                sorted(baris[(node_id, lok)]),
                salah,
                persen,
                node_id,
            )
    # printed totals of higher rows follow the same rule
    for tabel in _tabel_rencana(d):
        for b in d.cetak_tabel[tabel]:
            node = r.node_id.get(b.node_id) if b.node_id else None
            if node is None or node.tingkat == T.SUB_KEGIATAN or not b.sel.get("nama"):
                continue
            deret_cetak = {
                y: n.angka for y, n in _baris_pagu(b).items() if n.angka is not None and not n.terpotong
            }
            deret_data = {y: r.pagu_node(node, y) for y in deret_cetak}
            if _cek_deret(v, {y: x for y, x in deret_data.items() if x is not None}):
                continue  # its parts already break the rule (new or ended sub kegiatan): reported there
            salah = _cek_deret(v, deret_cetak)
            if salah:
                yield _temuan_laju(tabel, _baris_label(b, r), [b.baris], salah, persen, node.pk)


def _temuan_laju(tabel, label, baris, salah, persen, node_id) -> Temuan:
    rinci = "; ".join(
        f"{y}: {format_rupiah(nyata)} (seharusnya ± {format_rupiah(bulat(harap, 0))})"
        for y, nyata, harap in salah
    )
    y, nyata, harap = salah[0]
    return Temuan(
        "LAJU_PAGU",
        PERINGATAN,
        tabel,
        label,
        baris,
        format_rupiah(nyata),
        format_rupiah(bulat(harap, 0)),
        f"Rencana ini menaikkan pagu {persen}% per tahun: pagu {y - 1} × {format_angka(1 + Decimal(persen) / 100, 2)} "
        f"= {format_rupiah(bulat(harap, 0))}, tercetak {format_rupiah(nyata)}. ({rinci})",
        node_id=node_id,
    )


# --- F. duplicated, empty and missing rows and cells --------------------------------------


def cek_baris_ganda(d: DataPeriksa) -> Iterator[Temuan]:
    r = d.rencana
    for tabel in _tabel_rencana(d):
        sidik: dict[tuple, list[BarisCetak]] = defaultdict(list)
        tempat: dict[tuple, list[BarisCetak]] = defaultdict(list)
        for b in d.cetak_tabel[tabel]:
            node = r.node_id.get(b.node_id) if b.node_id else None
            if node is None or node.tingkat != T.SUB_KEGIATAN:
                continue
            if b.indikator_id:
                tempat[(b.node_id, b.indikator_id, b.lokasi_id)].append(b)
            pagu = tuple((y, n.angka) for y, n in _baris_pagu(b).items() if n.angka)
            if len(pagu) >= 2:
                sidik[(b.sel.get("indikator", "").casefold(), pagu)].append(b)
        for (_nama, pagu), daftar in sidik.items():
            if len(daftar) < 2:
                continue
            yield Temuan(
                "BARIS_GANDA",
                PERINGATAN,
                tabel,
                " / ".join(_baris_label(b, r) for b in daftar),
                [b.baris for b in daftar],
                ", ".join(format_rupiah(p[1]) for p in pagu[:2]) + ("…" if len(pagu) > 2 else ""),
                "pagu tiap lokasi direncanakan sendiri",
                f"{len(daftar)} baris (baris {', '.join(str(b.baris) for b in daftar)}) mencetak indikator dan deret pagu "
                "yang persis sama; kemungkinan baris disalin tanpa diubah.",
            )
        for (node_id, _ind_id, lok), daftar in tempat.items():
            if len(daftar) > 1 and lok is not None:
                yield Temuan(
                    "BARIS_GANDA",
                    GALAT,
                    tabel,
                    _baris_label(daftar[0], r),
                    [b.baris for b in daftar],
                    f"{len(daftar)} baris",
                    "1 baris",
                    f"Indikator yang sama untuk lokasi yang sama tercetak {len(daftar)} kali; "
                    "rencana hanya memakai baris pertama.",
                    node_id=node_id,
                )


def cek_sel_kosong(d: DataPeriksa) -> Iterator[Temuan]:
    """Rows with a target but no pagu (or the reverse), empty rows, empty lokasi."""
    r = d.rencana
    for tabel in _tabel_rencana(d):
        for b in d.cetak_tabel[tabel]:
            node = r.node_id.get(b.node_id) if b.node_id else None
            if node is None:
                continue
            tahunan = _tahun_cetak(b)
            if (
                node.tingkat == T.SUB_KEGIATAN
                and b.sel.get("indikator")
                and all(
                    angka.baca(k).jenis == angka.KOSONG and _rp(rp).jenis == angka.KOSONG
                    for k, rp in tahunan.values()
                )
                and not (tabel == "6.1")
            ):
                yield Temuan(
                    "BARIS_KOSONG",
                    PERINGATAN,
                    tabel,
                    _baris_label(b, r),
                    [b.baris],
                    "(tidak ada angka)",
                    "target dan pagu",
                    "Baris sub kegiatan ini mencetak indikator tanpa satu pun target atau pagu.",
                    node_id=node.pk,
                )
                continue
            if tabel == "6.1":
                if b.sel.get("indikator") and angka.baca(b.sel.get("target", "")).jenis == angka.KOSONG:
                    yield Temuan(
                        "SEL_KOSONG",
                        PERINGATAN,
                        tabel,
                        _baris_label(b, r, b.sel["indikator"]),
                        [b.baris],
                        "(kosong)",
                        "target",
                        f"Indikator '{b.sel['indikator']}' tercetak tanpa target {b.sel.get('tahun', '')}.",
                        node_id=node.pk,
                    )
                continue
            if node.tingkat < T.SUB_KEGIATAN:
                continue
            kosong = []
            for y, (k, rp) in tahunan.items():
                kk, rr = angka.baca(_gabung(k)), _rp(rp)
                if kk.jenis != angka.KOSONG and rr.jenis == angka.KOSONG and (kk.angka or 0) > 0:
                    kosong.append(f"Rp {y}")
                elif (
                    kk.jenis == angka.KOSONG
                    and rr.jenis not in (angka.KOSONG, angka.STRIP)
                    and (rr.angka or 0) > 0
                ):
                    kosong.append(f"K {y}")
            if kosong:
                yield Temuan(
                    "SEL_KOSONG",
                    PERINGATAN,
                    tabel,
                    _baris_label(b, r),
                    [b.baris],
                    ", ".join(kosong) + " kosong",
                    "K dan Rp tiap tahun",
                    f"Baris ini mengisi target atau pagu sebagian tahun saja: sel {', '.join(kosong)} kosong "
                    "padahal pasangannya terisi.",
                    node_id=node.pk,
                )
            if node.tingkat == T.SUB_KEGIATAN and b.lokasi_id is None and any(v for v in tahunan.values()):
                saudara = {
                    x.lokasi_id for x in d.cetak_tabel[tabel] if x.node_id == b.node_id and x.lokasi_id
                }
                sisa = [u.nama_pendek for u in r.lokasi if u.pk not in saudara]
                if len(sisa) == 1:
                    alasan = f"; lokasi lain sub kegiatan ini sudah lengkap kecuali {sisa[0]}, jadi kemungkinan {sisa[0]}."
                elif not sisa:
                    alasan = f"; semua {len(r.lokasi)} lokasi sudah mempunyai baris lain, jadi baris ini kemungkinan berlebih."
                else:
                    alasan = "."
                yield Temuan(
                    "LOKASI_KOSONG",
                    PERINGATAN,
                    tabel,
                    _baris_label(b, r),
                    [b.baris],
                    "(kosong)",
                    sisa[0] if len(sisa) == 1 else "lokasi",
                    "Lokasi baris ini tidak tercetak" + alasan,
                    node_id=node.pk,
                )


def cek_sel_cetak(d: DataPeriksa) -> Iterator[Temuan]:
    """Cells the conversion damaged: unreadable, cut short, or split over two cells."""
    r = d.rencana
    terpotong: dict[str, list] = defaultdict(list)
    for b in d.cetak:
        for k, v in b.sel.items():
            if not isinstance(v, str) or not v:
                continue
            if "#" in v:
                saran = ""
                akhir = b.sel.get("akhir_k")
                if k.startswith("k_") and akhir:
                    lain = [
                        angka.baca(_gabung(b.sel[x])).angka for x in b.sel if x.startswith("k_") and x != k
                    ]
                    lain = [x for x in lain if x is not None]
                    a = angka.baca(_gabung(akhir)).angka
                    if lain and a is not None and len(set(lain)) == 1 and a == lain[0] * (len(lain) + 1):
                        saran = f" Kondisi akhir {_gabung(akhir)} = {len(lain) + 1} × {format_angka(lain[0])} menunjukkan nilainya {format_angka(lain[0])}."
                yield Temuan(
                    "SEL_TAK_TERBACA",
                    PERINGATAN,
                    b.tabel,
                    _baris_label(b, r, _nama_kolom(k)),
                    [b.baris],
                    v,
                    "angka yang terbaca",
                    f"Sel {_nama_kolom(k)} tidak terbaca di naskah ('{v}'); data rencana mencatatnya sebagai tidak terbaca.{saran}",
                    node_id=b.node_id,
                )
            elif re.fullmatch(r"\d+ \d+", v):
                yield Temuan(
                    "SEL_TERBELAH",
                    INFO,
                    b.tabel,
                    _baris_label(b, r, _nama_kolom(k)),
                    [b.baris],
                    v,
                    _gabung(v),
                    f"Angka sel {_nama_kolom(k)} terbelah dua sel oleh konversi ('{v}'); dibaca sebagai {_gabung(v)}.",
                    node_id=b.node_id,
                )
            elif k in ("laki_laki", "perempuan", "jumlah", "akhir_rp") or k.startswith(("rp_", "anggaran")):
                n = angka.baca(v, bulat=True)
                if n.terpotong:
                    terpotong[b.tabel].append((b, k, v, n))
    for tabel, daftar in terpotong.items():
        contoh = "; ".join(
            f"{v} (baris {b.baris}, {_nama_kolom(k)}: {format_angka(n.rentang()[0])}–{format_angka(n.rentang()[1])})"
            for b, k, v, n in daftar[:6]
        )
        yield Temuan(
            "ANGKA_TERPOTONG",
            PERINGATAN,
            tabel,
            f"{len(daftar)} angka",
            sorted({b.baris for b, *_ in daftar}),
            ", ".join(v for _, _, v, _ in daftar[:8]),
            "angka utuh",
            f"{len(daftar)} angka di tabel ini kehilangan digit terakhirnya (kelompok ribuan tidak lengkap), sehingga hanya "
            f"rentangnya yang diketahui: {contoh}{'…' if len(daftar) > 6 else ''}. Data rencana tidak mengisi angka itu.",
        )


def _nama_kolom(k: str) -> str:
    m = re.fullmatch(r"(k|rp)_(\d{4})", k)
    if m:
        return f"{'K' if m.group(1) == 'k' else 'Rp'} {m.group(2)}"
    return {"akhir_k": "kondisi akhir K", "akhir_rp": "kondisi akhir Rp", "laki_laki": "laki-laki"}.get(
        k, k.replace("_", " ")
    )


def cek_baris_hilang(d: DataPeriksa) -> Iterator[Temuan]:
    """Elements printed without their parent row, and tujuan/sasaran absent from a T-C.27 table."""
    r = d.rencana
    for tabel in _tabel_rencana(d):
        baris = d.cetak_tabel[tabel]
        tercetak = {
            b.node_id
            for b in baris
            if b.node_id and (b.sel.get("nama") or r.node_id[b.node_id].tingkat <= T.SASARAN)
        }
        sudah: set[int] = set()
        for b in baris:
            node = r.node_id.get(b.node_id) if b.node_id else None
            if node is None or node.induk_id is None or not b.sel.get("nama"):
                continue
            induk = r.node_id[node.induk_id]
            if induk.pk not in tercetak and induk.pk not in sudah:
                sudah.add(induk.pk)
                yield Temuan(
                    "BARIS_HILANG",
                    GALAT,
                    tabel,
                    _nama_node(induk),
                    [b.baris],
                    "(tidak tercetak)",
                    f"baris {induk.get_tingkat_display().lower()}",
                    f"{node.get_tingkat_display()} '{node.nama}' tercetak tanpa baris induknya "
                    f"({_nama_node(induk)}): target dan pagu {induk.get_tingkat_display().lower()} itu tidak tercetak di tabel ini.",
                    node_id=induk.pk,
                )
        for node in r.node:
            if (
                node.tingkat <= T.SASARAN
                and node.pk not in tercetak
                and any(x.pk in tercetak for x in r.keturunan(node))
                and node.pk not in sudah
            ):
                yield Temuan(
                    "BARIS_HILANG",
                    GALAT,
                    tabel,
                    _nama_node(node),
                    sorted({b.baris for b in baris if b.node_id in {x.pk for x in r.keturunan(node)}})[:1],
                    "(tidak tercetak)",
                    f"baris {node.get_tingkat_display().lower()}",
                    f"{node.get_tingkat_display()} '{node.nama}' dan indikatornya tidak tercetak di Tabel {tabel}, "
                    "padahal unsur di bawahnya tercetak.",
                    node_id=node.pk,
                )


# --- G. names ----------------------------------------------------------------------------


def _teks_diperiksa(d: DataPeriksa) -> list[tuple[str, str, list[int], str]]:
    """(table, text, lines, where) for every printed or planned text (gathered once)."""
    if d._teks is None:
        hasil = []
        for b in d.cetak:
            for k, v in b.sel.items():
                if isinstance(v, str) and v and not _RE_BUKAN_TEKS.fullmatch(v):
                    hasil.append((b.tabel, v, b.semua_baris, k))
        for n in d.naskah:
            hasil.append(("naskah", n.teks, [n.sumber_baris] if n.sumber_baris else [], n.kunci))
        for n in d.rencana.node:
            hasil.append(("rencana", n.nama, [], "nama"))
        for daftar in d.rencana.indikator.values():
            for i in daftar:
                hasil.append(("rencana", i.nama, [], "indikator"))
        d._teks = hasil
    return d._teks


_RE_BUKAN_TEKS = re.compile(r"[\d.,%()\s'-]*")
_KATA = re.compile(r"[A-Za-z]+(?: [A-Za-z])?")


_KOLOM_LOKASI = ("lokasi_cetak", "keterangan", "kelurahan_cetak", "kelurahan")
_RE_SESUDAH_KELURAHAN = re.compile(r"\bKel(?:urahan|\.)\s+([A-Za-z]+(?: [a-z](?![a-z]))?)", re.IGNORECASE)


def _kandidat_lokasi(d: DataPeriksa) -> Iterator[tuple[str, str, list[int]]]:
    """Texts that name a kelurahan: lokasi cells, column headers, and words after 'Kelurahan'."""
    for b in d.cetak:
        for k in _KOLOM_LOKASI:
            v = b.sel.get(k)
            if v:
                yield b.tabel, re.sub(r"^(kelurahan|kel\.)\s+", "", v, flags=re.IGNORECASE), b.semua_baris
        for k, v in b.sel.items():
            if k not in _KOLOM_LOKASI and isinstance(v, str):
                for m in _RE_SESUDAH_KELURAHAN.finditer(v):
                    yield b.tabel, m.group(1), b.semua_baris
    for n in d.naskah:
        baris = [n.sumber_baris] if n.sumber_baris else []
        if n.kunci.endswith("_kolom"):
            for bagian in n.teks.split("|"):
                yield "naskah", bagian.strip(), baris
        for m in _RE_SESUDAH_KELURAHAN.finditer(n.teks):
            yield "naskah", m.group(1), baris


def cek_nama_kelurahan(d: DataPeriksa) -> Iterator[Temuan]:
    benar = {k.casefold(): k for k in d.kelurahan}
    if not benar:
        return
    temu: dict[tuple[str, str], dict] = {}
    ingat: dict[str, list[str]] = {}
    for tabel, teks, baris in _kandidat_lokasi(d):
        w = teks.strip()
        wk = w.replace(" ", "").casefold()
        if len(wk) < 4 or wk in benar or wk in ("kecamatan", "kantor"):
            continue
        cocok = ingat.get(wk)
        if cocok is None:
            cocok = ingat[wk] = [
                asli
                for kb, asli in benar.items()
                if wk[0] == kb[0] and abs(len(wk) - len(kb)) <= 2 and jarak_edit(wk, kb, 2) <= 2
            ]
        if len(cocok) == 1:
            t = temu.setdefault((w, cocok[0]), {"baris": set(), "tabel": set()})
            t["baris"] |= set(baris)
            t["tabel"].add(tabel)
    for (salah, benar_), t in sorted(temu.items()):
        yield Temuan(
            "NAMA_KELURAHAN",
            PERINGATAN,
            ", ".join(sorted(t["tabel"])),
            f"'{salah}'",
            sorted(t["baris"]),
            salah,
            benar_,
            f"'{salah}' bukan nama kelurahan di {d.rencana.pd.nama}; yang dimaksud kemungkinan Kelurahan {benar_}.",
        )


def cek_kecamatan_lain(d: DataPeriksa) -> Iterator[Temuan]:
    if not d.kecamatan_lain:
        return
    pola = {}
    for nama in d.kecamatan_lain:
        kata = re.findall(r"[A-Za-z0-9]+", nama)
        if kata:
            pola[r"\s*".join(re.escape(x) for x in kata).casefold()] = nama
    teks_semua = _teks_diperiksa(d)
    gabung = "\n".join(t[1] for t in teks_semua)
    kecil = gabung.lower()
    # cheap first: keep only the names whose first word occurs at all
    pola = {p: n for p, n in pola.items() if re.findall(r"[a-z0-9]+", n.lower())[0] in kecil}
    if not pola:
        return
    gabungan = re.compile(r"\b(" + "|".join(pola) + r")\b", re.IGNORECASE)
    # one pass over all texts joined, instead of one search per text
    awal, posisi = [], 0
    for _, teks, _, _ in teks_semua:
        awal.append(posisi)
        posisi += len(teks) + 1
    temu: dict[str, dict] = {}
    for m in gabungan.finditer(gabung):
        i = bisect_right(awal, m.start()) - 1
        t, teks, b, _ = teks_semua[i]
        mulai = m.start() - awal[i]
        nama = next(
            (n for n in d.kecamatan_lain if nmk.kunci_nama(n) == nmk.kunci_nama(m.group(1))),
            m.group(1),
        )
        x = temu.setdefault(
            nama,
            {
                "baris": set(),
                "tabel": set(),
                "contoh": teks[max(0, mulai - 40) : mulai + len(m.group(1)) + 20],
            },
        )
        x["baris"] |= set(b)
        x["tabel"].add(t)
    for nama, x in temu.items():
        yield Temuan(
            "KECAMATAN_LAIN",
            GALAT,
            ", ".join(sorted(x["tabel"])),
            f"Kecamatan {nama}",
            sorted(x["baris"]),
            f"…{x['contoh'].strip()}…",
            d.rencana.pd.nama,
            f"Dokumen {d.rencana.pd.nama} menyebut Kecamatan {nama}, kecamatan lain di {d.rencana.pd.pemda}: "
            "kemungkinan teks disalin dari rencana kecamatan lain.",
        )


_KATA_BILANGAN = {
    "satu": 1,
    "pertama": 1,
    "dua": 2,
    "kedua": 2,
    "tiga": 3,
    "ketiga": 3,
    "empat": 4,
    "keempat": 4,
    "lima": 5,
    "kelima": 5,
    "enam": 6,
    "keenam": 6,
    "tujuh": 7,
    "ketujuh": 7,
    "delapan": 8,
    "kedelapan": 8,
}
_RE_MISI = re.compile(r"misi[^.]{0,60}?\b(?:yang\s+)?ke[- ]?(\w+)", re.IGNORECASE)


def cek_misi(d: DataPeriksa) -> Iterator[Temuan]:
    rpjmd = d.versi.rpjmd
    if rpjmd is None:
        return
    jumlah = rpjmd.misi_set.count()
    for n in d.naskah:
        for m in _RE_MISI.finditer(n.teks):
            kata = m.group(1).casefold()
            nomor = (
                int(kata) if kata.isdigit() else _KATA_BILANGAN.get(kata) or _KATA_BILANGAN.get("ke" + kata)
            )
            if nomor and nomor > jumlah:
                yield Temuan(
                    "MISI_TIDAK_ADA",
                    PERINGATAN,
                    "naskah",
                    f"{n.kunci} · misi ke-{nomor}",
                    [n.sumber_baris] if n.sumber_baris else [],
                    m.group(0),
                    f"misi 1–{jumlah}",
                    f"Naskah menyebut misi ke-{nomor}, padahal {rpjmd} hanya mempunyai {jumlah} misi "
                    "(kemungkinan kalimat dari RPJMD periode sebelumnya).",
                )


def cek_nama_beda(d: DataPeriksa) -> Iterator[Temuan]:
    """A tujuan or sasaran, or the visi/misi, printed with other wording than the plan's."""
    r = d.rencana
    ejaan: dict[tuple[int, str], set[int]] = defaultdict(set)
    tabel_ej: dict[tuple[int, str], set[str]] = defaultdict(set)
    for b in d.cetak:
        node = r.node_id.get(b.node_id) if b.node_id else None
        if node is None or node.tingkat > T.SASARAN:
            continue
        for k in ("nama", "tujuan", "sasaran", "kinerja_utama"):
            v = b.sel.get(k)
            if not v:
                continue
            target = node if (k == "nama" or k == node.get_tingkat_display().lower()) else None
            if k == "kinerja_utama":
                target = node
            if target is not None and nmk.kunci_nama(v) != nmk.kunci_nama(target.nama):
                ejaan[(target.pk, v)].add(b.baris)
                tabel_ej[(target.pk, v)].add(b.tabel)
    for (node_pk, teks), baris in ejaan.items():
        node = r.node_id[node_pk]
        yield Temuan(
            "NAMA_BEDA",
            INFO,
            ", ".join(sorted(tabel_ej[(node_pk, teks)])),
            _nama_node(node),
            sorted(baris),
            teks,
            node.nama,
            f"{node.get_tingkat_display()} ini tercetak sebagai '{teks}', di tempat lain '{node.nama}'.",
            node_id=node_pk,
        )
    rpjmd = d.versi.rpjmd
    if rpjmd is None:
        return
    semua_misi = list(rpjmd.misi_set.all())
    misi = {m.nomor: m.teks for m in semua_misi}
    nomor_id = {m.pk: m.nomor for m in semua_misi}
    nomor_misi = {nomor_id[n.misi_id] for n in r.akar() if n.misi_id in nomor_id}
    for n in d.naskah:
        jenis = re.fullmatch(r"(visi|misi)_\d+(?:_\d+)*", n.kunci)
        if not jenis:
            continue
        if jenis.group(1) == "visi" and nmk.kunci_nama(n.teks) != nmk.kunci_nama(rpjmd.visi):
            acuan = rpjmd.visi
        elif jenis.group(1) == "misi" and len(nomor_misi) == 1:
            acuan = misi.get(next(iter(nomor_misi)), "")
            if nmk.kunci_nama(n.teks) == nmk.kunci_nama(acuan):
                continue
        else:
            continue
        yield Temuan(
            "NAMA_BEDA",
            INFO,
            "naskah",
            n.kunci,
            [n.sumber_baris] if n.sumber_baris else [],
            n.teks,
            acuan,
            f"Rumusan ini berbeda dengan rumusan RPJMD: '{acuan}'.",
        )


def cek_indikator_mirip(d: DataPeriksa) -> Iterator[Temuan]:
    r = d.rencana
    for node_id, daftar in r.indikator.items():
        kunci = [(i, nmk.kunci_nama(i.nama).replace(" ", "")) for i in daftar]
        dilaporkan = set()
        for a in range(len(kunci)):
            kelompok = [kunci[a][0]]
            for b in range(a + 1, len(kunci)):
                ka, kb = kunci[a][1], kunci[b][1]
                if kunci[b][0].pk in dilaporkan:
                    continue
                if ka == kb or (
                    abs(len(ka) - len(kb)) <= 3 and min(len(ka), len(kb)) > 15 and jarak_edit(ka, kb) <= 3
                ):
                    kelompok.append(kunci[b][0])
            if len(kelompok) > 1 and kunci[a][0].pk not in dilaporkan:
                dilaporkan |= {i.pk for i in kelompok}
                baris = sorted(
                    {
                        t.sumber_baris
                        for i in kelompok
                        for (ii, _, _), t in r.target.items()
                        if ii == i.pk and t.sumber_baris
                    }
                )
                yield Temuan(
                    "INDIKATOR_MIRIP",
                    PERINGATAN,
                    "rencana",
                    _nama_node(r.node_id[node_id]),
                    baris,
                    " / ".join(f"'{i.nama}'" for i in kelompok),
                    "satu indikator",
                    f"{len(kelompok)} indikator di unsur ini hanya berbeda ejaan; kemungkinan satu indikator yang sama "
                    "sehingga targetnya terpecah.",
                    node_id=node_id,
                )


# --- H. nomenclature -----------------------------------------------------------------------


def cek_nomenklatur(d: DataPeriksa) -> Iterator[Temuan]:
    r = d.rencana
    bidang = r.pd.kode_bidang
    ejaan: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for b in d.cetak:
        if b.node_id and b.sel.get("nama") and b.tabel in ("6.1", "6.2"):
            ejaan[b.node_id][b.sel["nama"]].add(b.baris)
    for node in r.node:
        if node.tingkat < T.PROGRAM:
            continue
        if not node.kode:
            yield Temuan(
                "NOMENKLATUR_KODE",
                PERINGATAN,
                "rencana",
                _nama_node(node),
                [],
                "(tanpa kode)",
                "kode nomenklatur",
                f"{node.get_tingkat_display()} '{node.nama}' tidak berkode, sehingga tidak dapat dicocokkan dengan nomenklatur.",
                node_id=node.pk,
            )
            continue
        nas = nmk.kode_nasional(node.kode, bidang)
        entri = d.nomenklatur.get(nas)
        baris_node = sorted({x for s in ejaan[node.pk].values() for x in s})
        if entri is None:
            lama = d.nomenklatur_lama.get(nas)
            if lama is not None:
                yield Temuan(
                    "NOMENKLATUR_LAMA",
                    PERINGATAN,
                    "rencana",
                    _nama_node(node),
                    baris_node,
                    f"{node.kode} {node.nama}",
                    f"{nmk.kode_pd(lama.kode, bidang)} {lama.nama}",
                    f"Kode {node.kode} sudah diganti dalam nomenklatur revisi {nmk.REVISI} menjadi "
                    f"{nmk.kode_pd(lama.kode, bidang)} '{lama.nama}'.",
                    node_id=node.pk,
                )
            else:
                yield Temuan(
                    "NOMENKLATUR_KODE",
                    GALAT,
                    "rencana",
                    _nama_node(node),
                    baris_node,
                    node.kode,
                    "kode yang ada di nomenklatur",
                    f"Kode {node.kode} ({nas}) tidak ada dalam nomenklatur revisi {nmk.REVISI}.",
                    node_id=node.pk,
                )
            continue
        induk = r.node_id.get(node.induk_id)
        if (
            node.tingkat > T.PROGRAM
            and induk is not None
            and induk.kode
            and nmk.kode_induk(node.kode) != induk.kode
        ):
            yield Temuan(
                "NOMENKLATUR_INDUK",
                GALAT,
                "rencana",
                _nama_node(node),
                baris_node,
                f"di bawah {induk.kode}",
                f"di bawah {nmk.kode_induk(node.kode)}",
                f"Menurut kodenya, {node.kode} termasuk {nmk.kode_induk(node.kode)}, tetapi rencana menempatkannya di bawah {induk.kode}.",
                node_id=node.pk,
            )
        nama_daftar = {node.nama: set(), **ejaan[node.pk]}
        for nama, baris in nama_daftar.items():
            if nmk.kunci_nama(nama) != nmk.kunci_nama(entri.nama):
                yield Temuan(
                    "NOMENKLATUR_NAMA",
                    INFO,
                    "rencana"
                    if not baris
                    else ", ".join(
                        sorted(
                            {b.tabel for b in d.cetak if b.node_id == node.pk and b.sel.get("nama") == nama}
                        )
                    ),
                    _nama_node(node),
                    sorted(baris),
                    nama,
                    entri.nama,
                    f"Nama {node.get_tingkat_display().lower()} {node.kode} berbeda dengan nomenklatur revisi {nmk.REVISI}: "
                    f"'{entri.nama}'.",
                    node_id=node.pk,
                )


def cek_penempatan_cetak(d: DataPeriksa) -> Iterator[Temuan]:
    """An element printed under another parent than its code says (document layout)."""
    r = d.rencana
    for tabel in _tabel_rencana(d):
        induk_cetak: dict[int, PlanNode] = {}
        sudah = set()
        for b in d.cetak_tabel[tabel]:
            node = r.node_id.get(b.node_id) if b.node_id else None
            if node is None or not b.sel.get("nama"):
                continue
            induk_cetak[node.tingkat] = node
            for t in range(node.tingkat + 1, T.SUB_KEGIATAN + 1):
                induk_cetak.pop(t, None)
            atas = induk_cetak.get(node.tingkat - 1)
            if (
                atas is None
                or node.induk_id == atas.pk
                or node.tingkat <= T.SASARAN
                or (node.pk, atas.pk) in sudah
            ):
                continue
            sudah.add((node.pk, atas.pk))
            induk = r.node_id[node.induk_id]
            yield Temuan(
                "NOMENKLATUR_INDUK",
                PERINGATAN,
                tabel,
                _nama_node(node),
                [b.baris],
                f"di bawah {atas.kode or atas.nama}",
                f"di bawah {induk.kode or induk.nama}",
                f"Tabel {tabel} mencetak {node.get_tingkat_display().lower()} ini di bawah {_nama_node(atas)}, "
                f"padahal menurut {'rencana' if node.tingkat == T.PROGRAM else 'kodenya'} ia milik {_nama_node(induk)}; "
                "jumlah pagu induk di tabel ikut bergeser.",
                node_id=node.pk,
            )


def cek_pembulatan(d: DataPeriksa) -> Iterator[Temuan]:
    """Rounding differences the other rules collected (run last)."""
    yield from d.pembulatan.temuan()


ATURAN: list[Callable[[DataPeriksa], Iterable[Temuan]]] = [
    cek_total_pegawai,
    cek_total_anggaran,
    cek_penduduk_wilayah,
    cek_pagu_induk,
    cek_kondisi_akhir_rp,
    cek_kondisi_akhir_k,
    cek_kepadatan,
    cek_rasio_capaian,
    cek_rasio_anggaran,
    cek_target_beda,
    cek_ukuran_beda,
    cek_awal_beda,
    cek_label_skala,
    cek_laju_pagu,
    cek_baris_ganda,
    cek_sel_kosong,
    cek_sel_cetak,
    cek_baris_hilang,
    cek_nama_kelurahan,
    cek_kecamatan_lain,
    cek_misi,
    cek_nama_beda,
    cek_indikator_mirip,
    cek_nomenklatur,
    cek_penempatan_cetak,
    cek_pembulatan,
]


def periksa_data(d: DataPeriksa) -> list[Temuan]:
    v = d.versi
    hasil: list[Temuan] = []
    for aturan in ATURAN:
        for t in aturan(d):
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
