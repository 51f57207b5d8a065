"""A plan workbook as data, and the reading of its rows, every row checked first.

``BukuKerja`` holds the workbook's elements and indicator × lokasi rows with the values as
the cells hold them; ``PembacaBaris`` reads the body of the sheet and collects every
error with its row number before anything is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.urls import NoReverseMatch, reverse

from kinerja.core import angka
from kinerja.renstra import nomenklatur as nmk
from kinerja.renstra.models import Pagu, PlanNode, RenstraVersi, Target
from kinerja.wilayah.models import PerangkatDaerah

T = PlanNode.Tingkat
NILAI_SAH = {angka.ANGKA, angka.PERSEN, angka.LABEL, angka.NA, angka.STRIP, angka.TAK_TERBACA}
_KODE = re.compile(r"[0-9A-Za-z]+(\.[0-9A-Za-z]+)*")


@dataclass
class GalatImpor:
    lembar: str
    baris: int
    pesan: str
    tempat: str = "lembar"  # "berkas" when ``lembar`` names the file (an error of the whole file)
    tautan: str = ""  # the page where the user can put it right, where there is one

    def __str__(self) -> str:
        tempat = f"{self.tempat} '{self.lembar}'" + (f", baris {self.baris}" if self.baris else "")
        return f"{tempat}: {self.pesan}"


class ImporGagal(Exception):
    def __init__(self, galat: list[GalatImpor]):
        self.galat = galat
        super().__init__(f"{len(galat)} kesalahan; tidak ada yang disimpan.")


class LembarGanda(ImporGagal):
    """Several sheets look like a plan table: the user names the one to import."""

    def __init__(self, nama_berkas: str, pilihan: list[str]):
        self.pilihan = pilihan
        daftar = ", ".join(f"'{x}'" for x in pilihan)
        super().__init__(
            [
                GalatImpor(
                    nama_berkas,
                    0,
                    f"buku kerja ini mempunyai {len(pilihan)} lembar yang tampak seperti tabel rencana "
                    f"({daftar}); pilih lembar yang diimpor",
                    "berkas",
                )
            ]
        )


@dataclass
class NilaiSel:
    """A target or baseline cell as the workbook holds it: a number or a text."""

    mentah: int | Decimal | str | None
    persen: bool = False  # the cell shows its number as a percentage (0,97 → 97%)

    @property
    def kosong(self) -> bool:
        return self.mentah is None or self.mentah == ""


@dataclass
class NodeBuku:
    tingkat: int
    kode: str
    nama: str
    induk: int | None  # index into BukuKerja.node
    nomor: int  # row number in the sheet
    unit_kerja_id: int | None = None
    rp: dict[int, Decimal | None] = field(default_factory=dict)  # pagu printed on its own row


@dataclass
class BarisBuku:
    """One indicator × lokasi row."""

    nomor: int
    node: int
    indikator: str
    formulasi: str
    satuan: str
    data_awal: NilaiSel
    k: dict[int, NilaiSel]
    rp: dict[int, Decimal | None]
    akhir_k: NilaiSel
    lokasi_id: int | None
    sel: dict  # the row as printed, kept for the checker


@dataclass
class BukuKerja:
    nama_berkas: str
    sha256: str
    lembar: str
    tabel: str  # "6.1" or "6.2"
    tahun: list[int]
    tahun_awal: int | None
    sifat: dict[str, str]
    pd: PerangkatDaerah
    node: list[NodeBuku]
    baris: list[BarisBuku]
    kolom_ada: set[str]  # optional columns the sheet has: formulasi, satuan, unit_kerja, akhir
    dasar: RenstraVersi | None = None  # the version it changes (see ``pilih_dasar``)
    pd_tertulis: str = ""  # the PD the workbook names (properties, "Perangkat Daerah:" line, title)
    pd_beda: str = ""  # why that PD is not the one it is imported into ("" when it is, or unnamed)
    lembar_calon: list[str] = field(default_factory=list)  # sheets that look like a plan table

    @property
    def versi_id(self) -> int | None:
        v = self.sifat.get("kinerja.versi", "")
        return int(v) if v.isdigit() else None


@dataclass
class Kolom:
    tujuan: int | None = None
    sasaran: int | None = None
    kode: int | None = None
    nama: int | None = None
    indikator: int | None = None
    formulasi: int | None = None
    satuan: int | None = None
    data_awal: int | None = None
    tahun: dict[int, tuple[int | None, int | None]] = field(default_factory=dict)
    akhir_k: int | None = None
    akhir_rp: int | None = None
    unit_kerja: int | None = None
    lokasi: int | None = None
    tahun_awal: int | None = None


# A workbook's numbers within the columns they go to; negatives are left to the checks below.
BATAS_TARGET_IMPOR = angka.Batas.dari_kolom(Target._meta.get_field("nilai"), negatif=True)
BATAS_PAGU_IMPOR = angka.Batas.dari_kolom(Pagu._meta.get_field("jumlah"), negatif=True, rupiah=True)


def teks_sel(v) -> str:
    """A cell as text, whitespace collapsed, numbers written the Indonesian way."""
    if v is None:
        return ""
    if isinstance(v, float):
        d = Decimal(repr(v))
        return angka.format_angka(d) if d != d.to_integral_value() else str(int(d))
    if isinstance(v, int):
        return str(v)
    return " ".join(str(v).split())


def halaman_pd(pd: PerangkatDaerah) -> str:
    """The page where the pemda administrator adds a PD's units ("" outside a site)."""
    try:
        return reverse("kelola:pd", args=[pd.pk])
    except NoReverseMatch:
        return ""


def angka_sel(v) -> Decimal | None:
    """The exact number a numeric cell holds (floats through their shortest written form)."""
    if isinstance(v, bool) or not isinstance(v, (int, float, Decimal)):
        return None
    try:
        return Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
    except InvalidOperation:
        return None


class PembacaBaris:
    """Reads the body of the sheet row by row, collecting every error."""

    def __init__(self, lembar: str, kol: Kolom, pd: PerangkatDaerah, persen: set, tabel: str):
        self.lembar, self.kol, self.pd, self.persen, self.tabel = lembar, kol, pd, persen, tabel
        self.galat: list[GalatImpor] = []
        self.node: list[NodeBuku] = []
        self.data: list[BarisBuku] = []
        self.sekarang: dict[int, int] = {}
        self.sudah: set[tuple[int, str, int | None]] = set()
        self.anak: set[tuple[int | None, int, str]] = set()
        self.pagu_ada: dict[tuple[int, int | None, int], tuple[int, Decimal]] = {}
        units = list(pd.unit_set.all())
        self.units = units
        self.lokasi = {k.casefold(): u for u in units if u.adalah_lokasi for k in (u.nama_pendek, u.nama)}
        self.unit_nama = {u.nama.casefold(): u for u in units}
        # A name the PD does not have is reported once, with the rows that use it.
        self.asing: dict[tuple[str, str], list[int]] = {}

    def salah(self, nomor: int, pesan: str) -> None:
        self.galat.append(GalatImpor(self.lembar, nomor, pesan))

    def sel(self, r, c):
        return r[c] if c is not None and c < len(r) else None

    def baca(self, semua: list[list], akhir_kepala: int) -> None:
        for i in range(akhir_kepala + 1, len(semua)):
            r = semua[i]
            if all(x is None or teks_sel(x) == "" for x in r):
                if self.data or self.node:
                    break  # the table ends at its first empty row; notes may follow
                continue
            self._baris(i, r)
        self._laporkan_asing()
        if not self.node and not self.galat:
            self.salah(akhir_kepala + 2, "tabel tidak berisi satu baris rencana pun")
        if self.galat:
            raise ImporGagal(self.galat)

    def _tingkat(self, nomor: int, r) -> tuple[int | None, str, str, bool]:
        """(level, name, code, ok) of an element row; level None for an indicator-only row."""
        tujuan, sasaran = teks_sel(self.sel(r, self.kol.tujuan)), teks_sel(self.sel(r, self.kol.sasaran))
        kode, nama = teks_sel(self.sel(r, self.kol.kode)), teks_sel(self.sel(r, self.kol.nama))
        if tujuan:
            return T.TUJUAN, tujuan, "", True
        if sasaran:
            return T.SASARAN, sasaran, "", True
        if not (kode or nama):
            return None, "", "", True
        if not kode:
            self.salah(nomor, f"'{nama[:60]}' tidak berkode; kode program/kegiatan/sub kegiatan wajib diisi")
            return None, "", "", False
        if not nama:
            self.salah(nomor, f"kode {kode} tanpa nama program/kegiatan/sub kegiatan")
            return None, "", "", False
        jenis = nmk.tingkat_dari_kode(kode)
        if jenis is None or not _KODE.fullmatch(kode) or len(kode) > 40:
            self.salah(
                nomor, f"kode '{kode[:40]}' bukan kode program (3 bagian), kegiatan (5) atau sub kegiatan (6)"
            )
            return None, "", "", False
        return (
            {"program": T.PROGRAM, "kegiatan": T.KEGIATAN, "sub_kegiatan": T.SUB_KEGIATAN}[jenis],
            nama,
            kode,
            True,
        )

    def _node_baru(self, nomor: int, r, tingkat: int, nama: str, kode: str) -> int | None:
        induk = None
        if tingkat > T.TUJUAN:
            induk = self.sekarang.get(tingkat - 1)
            label, atas = T(tingkat).label.lower(), T(tingkat - 1).label.lower()
            if induk is None:
                self.salah(nomor, f"{label} '{nama[:60]}' tanpa {atas} di atasnya")
                return None
            kode_atas = self.node[induk].kode
            if tingkat >= T.KEGIATAN and kode_atas and nmk.kode_induk(kode) != kode_atas:
                self.salah(
                    nomor,
                    f"{label} {kode} tidak termasuk {atas} {kode_atas} yang tercetak di atasnya "
                    f"(menurut kodenya milik {nmk.kode_induk(kode)})",
                )
                return None
        kunci = (induk, tingkat, kode or nmk.kunci_nama(nama))
        if kunci in self.anak:
            self.salah(
                nomor, f"{T(tingkat).label.lower()} {kode or nama[:60]} tercetak dua kali di tempat yang sama"
            )
            return None
        self.anak.add(kunci)
        unit_kerja_id = None
        uk = teks_sel(self.sel(r, self.kol.unit_kerja))
        if uk:
            u = self.unit_nama.get(uk.casefold())
            if u is None:
                self.asing.setdefault(("unit kerja", uk), []).append(nomor)
            else:
                unit_kerja_id = u.pk
        self.node.append(NodeBuku(tingkat, kode, nama, induk, nomor, unit_kerja_id))
        idx = len(self.node) - 1
        self.sekarang[tingkat] = idx
        for t in range(tingkat + 1, T.SUB_KEGIATAN + 1):
            self.sekarang.pop(t, None)
        return idx

    def _lokasi(self, nomor: int, r, node: NodeBuku) -> tuple[int | None, str, bool]:
        """(unit, the name as written, whether the PD has it)."""
        teks = teks_sel(self.sel(r, self.kol.lokasi))
        if not teks:
            return None, "", True
        if node.tingkat != T.SUB_KEGIATAN:
            self.salah(nomor, f"lokasi '{teks}' hanya boleh diisi pada baris sub kegiatan")
            return None, teks, True
        u = self.lokasi.get(teks.casefold()) or self.lokasi.get(("kelurahan " + teks).casefold())
        if u is None:
            self.asing.setdefault(("lokasi", teks), []).append(nomor)
            return None, teks, False
        return u.pk, teks, True

    def _laporkan_asing(self) -> None:
        """Each lokasi or unit kerja name the PD does not have, once, with its rows and the remedy."""
        if not self.asing:
            return
        tautan = halaman_pd(self.pd)
        halaman = f"halaman perangkat daerah ({tautan})" if tautan else "halaman perangkat daerah"
        pilihan = ", ".join(x.nama_pendek for x in self.units if x.adalah_lokasi) or "belum ada"
        for (jenis, nama), baris in self.asing.items():
            contoh = ", ".join(str(b) for b in baris[:5]) + (", …" if len(baris) > 5 else "")
            lalu = "lokasi" if jenis == "lokasi" else "unit kerja"
            pesan = (
                f"{jenis} '{nama}' tidak dikenal di {self.pd.nama} ({len(baris)} baris: {contoh}); "
                f"tambahkan unit '{nama}' di {halaman} atau perbaiki nama {lalu} di berkas"
            )
            if jenis == "lokasi":
                pesan += f" (lokasi yang ada: {pilihan})"
            self.galat.append(GalatImpor(self.lembar, baris[0], pesan, tautan=tautan))

    def _nilai(self, i: int, r, c: int | None, label: str, ada_indikator: bool | None) -> NilaiSel:
        """A target-like cell; ``ada_indikator`` False refuses a value on a row without indicator."""
        v = self.sel(r, c)
        if isinstance(v, str):
            v = " ".join(v.split())
        if v is None or v == "":
            return NilaiSel(None)
        if isinstance(v, bool) or not isinstance(v, (int, float, Decimal, str)):
            v = teks_sel(v)
        try:
            # A text target may be a long label (up to 80 characters, checked below); a number not.
            if not isinstance(v, str) or len(v) <= angka.PANJANG_MAKS or angka.baca(v[:81]).ada_angka:
                angka.baca_terbatas(v, BATAS_TARGET_IMPOR)
        except angka.NilaiDitolak as e:
            self.salah(i + 1, f"{label}: {e.pesan}")
            return NilaiSel(None)
        nilai = NilaiSel(angka_sel(v) if not isinstance(v, str) else v, (i, c) in self.persen)
        if isinstance(v, str):
            if len(v) > 80:
                self.salah(i + 1, f"{label} lebih dari 80 karakter")
            elif angka.baca(v).jenis not in NILAI_SAH:
                self.salah(i + 1, f"{label} '{v}' bukan angka, persen, predikat, NA atau '-'")
        if ada_indikator is False:
            self.salah(i + 1, f"{label} diisi tanpa nama indikator")
        return nilai

    def _rupiah(self, nomor: int, v, y: int) -> Decimal | None:
        if v is None or teks_sel(v) == "":
            return None
        try:
            angka.baca_terbatas(v if not isinstance(v, str) else teks_sel(v), BATAS_PAGU_IMPOR)
        except angka.NilaiDitolak as e:
            self.salah(nomor, f"pagu {y}: {e.pesan}")
            return None
        d = angka_sel(v)
        if d is None:
            n = angka.baca(teks_sel(v), bulat=True)
            if n.jenis == angka.STRIP:
                return Decimal(0)
            if n.jenis != angka.ANGKA or n.angka is None or n.satuan or n.terpotong:
                self.salah(nomor, f"pagu {y} berisi teks '{teks_sel(v)}', seharusnya angka rupiah")
                return None
            d = n.angka
        if d < 0:
            self.salah(nomor, f"pagu {y} tidak boleh negatif")
        return d

    def _baris(self, i: int, r) -> None:
        nomor = i + 1
        awal_galat = len(self.galat)
        tingkat, nama, kode, ok = self._tingkat(nomor, r)
        if not ok:
            return
        if tingkat is not None:
            idx = self._node_baru(nomor, r, tingkat, nama, kode)
            if idx is None:
                return
        elif not self.sekarang:
            self.salah(
                nomor,
                "baris ini tidak berada di bawah tujuan, sasaran, program, kegiatan atau sub kegiatan mana pun",
            )
            return
        else:
            idx = self.sekarang[max(self.sekarang)]
        node = self.node[idx]
        lok_id, lok_teks, lok_dikenal = self._lokasi(nomor, r, node)
        ind = teks_sel(self.sel(r, self.kol.indikator))
        satuan = teks_sel(self.sel(r, self.kol.satuan))
        if len(satuan) > 60:
            self.salah(nomor, f"satuan '{satuan[:30]}…' lebih dari 60 karakter")
        k = {y: self._nilai(i, r, ck, f"target {y}", bool(ind)) for y, (ck, _) in self.kol.tahun.items()}
        rp = {y: self._rupiah(nomor, self.sel(r, crp), y) for y, (_, crp) in self.kol.tahun.items()}
        data_awal = self._nilai(i, r, self.kol.data_awal, "data awal", None)
        akhir_k = self._nilai_diam(r, self.kol.akhir_k)
        if not lok_dikenal:
            return  # reported once per name; its rows say nothing about duplicates or pagu
        if ind:
            kunci = (idx, nmk.kunci_nama(ind), lok_id)
            if kunci in self.sudah:
                lok = f" untuk lokasi {lok_teks}" if lok_teks else ""
                self.salah(nomor, f"indikator '{ind[:60]}'{lok} tercetak dua kali")
            self.sudah.add(kunci)
        if node.tingkat == T.SUB_KEGIATAN:
            self._cek_pagu_ganda(nomor, idx, lok_id, rp)
        elif tingkat is not None:
            node.rp = rp
        if len(self.galat) > awal_galat:
            return
        self.data.append(
            BarisBuku(
                nomor,
                idx,
                ind,
                teks_sel(self.sel(r, self.kol.formulasi)),
                satuan,
                data_awal,
                k,
                rp,
                akhir_k,
                lok_id,
                self._sel_cetak(r, node, tingkat is not None, ind, lok_teks, k, rp, data_awal, akhir_k),
            )
        )

    def _cek_pagu_ganda(self, nomor: int, idx: int, lok_id, rp: dict) -> None:
        """A sub kegiatan's pagu at one lokasi is written once (the lokasi's first row)."""
        for y, v in rp.items():
            if v is None:
                continue
            lama = self.pagu_ada.get((idx, lok_id, y))
            if lama is not None and lama[1] != v:
                self.salah(
                    nomor,
                    f"pagu {y} sub kegiatan ini untuk lokasi yang sama sudah diisi di baris {lama[0]} "
                    f"(Rp{angka.format_rupiah(lama[1])}); tulis pagu satu kali per lokasi",
                )
            self.pagu_ada.setdefault((idx, lok_id, y), (nomor, v))

    def _sel_cetak(
        self, r, node: NodeBuku, baris_node: bool, ind, lok_teks, k, rp, data_awal, akhir_k
    ) -> dict:
        def teks(n: NilaiSel) -> str:
            if n.kosong:
                return ""
            if isinstance(n.mentah, str):
                return n.mentah
            return angka.format_angka(n.mentah * (100 if n.persen else 1), None) + ("%" if n.persen else "")

        def rupiah(v) -> str:
            return angka.format_rupiah(v) if v is not None else ""

        sel = {
            "tingkat": T(node.tingkat).name.lower(),
            "nama": node.nama if baris_node else "",
            "indikator": ind,
            "formulasi": teks_sel(self.sel(r, self.kol.formulasi)),
            "satuan": teks_sel(self.sel(r, self.kol.satuan)),
            "data_awal": teks(data_awal),
            "unit_kerja": teks_sel(self.sel(r, self.kol.unit_kerja)),
            "lokasi_cetak": lok_teks,
            "lokasi": lok_teks,
        }
        if self.tabel == "6.1" and len(k) == 1:
            [y] = list(k)
            sel.update(tahun=str(y), target=teks(k[y]), anggaran=rupiah(rp[y]))
        else:
            sel.update({f"k_{y}": teks(v) for y, v in k.items()})
            sel.update({f"rp_{y}": rupiah(v) for y, v in rp.items()})
            akhir_rp = self.sel(r, self.kol.akhir_rp)
            sel["akhir_k"] = teks(akhir_k)
            sel["akhir_rp"] = (
                rupiah(angka_sel(akhir_rp)) if angka_sel(akhir_rp) is not None else teks_sel(akhir_rp)
            )
        return {kunci: v for kunci, v in sel.items() if v not in (None, "")}

    def _nilai_diam(self, r, c) -> NilaiSel:
        """A cell read without checks (kondisi akhir is computed, never stored)."""
        v = self.sel(r, c)
        return NilaiSel(angka_sel(v) if angka_sel(v) is not None else (teks_sel(v) or None))
