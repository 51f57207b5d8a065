"""The public profile of a PD and of each of its kelurahan: region figures, the plan's visi, misi and
tujuan, and the organisation with staff counts.

Region figures come from the region's records (``wilayah.selectors``): each kelurahan's latest
population record. A kelurahan without any record falls back to the document's Tabel 2.1 as
printed (``renstra.selectors.baris_cetak``), and every row says which source it shows. Staff are
only counted, per unit and status: never a name, NIP or NIK.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from kinerja.core import angka
from kinerja.core.pelaku import Sistem
from kinerja.core.tabel import ANGKA, TEKS, Kepala, Sel, Tabel
from kinerja.renstra.models import PlanNode
from kinerja.renstra.selectors import baris_cetak, versi_utama
from kinerja.sumberdaya import services as sdm
from kinerja.sumberdaya.models import Pegawai
from kinerja.wilayah import selectors as wilayah
from kinerja.wilayah.models import PerangkatDaerah, Unit

# The portal reads the staff register to count it; the count is all that leaves this module.
PEMBACA = Sistem("portal publik")
CATATAN = "catatan"  # the region's records
TABEL_2_1 = "tabel_2_1"  # the document's Tabel 2.1 as printed


@dataclass
class WilayahKelurahan:
    """One kelurahan's region figures and where they come from (``asal``: CATATAN, TABEL_2_1 or "")."""

    unit: Unit
    luas: Decimal | None = None
    tahun: int | None = None
    laki_laki: int | None = None
    perempuan: int | None = None
    jumlah: int | None = None
    sumber: str = ""
    asal: str = ""
    jumlah_rw: int | None = None
    jumlah_rt: int | None = None

    @property
    def kepadatan(self) -> Decimal | None:
        return wilayah.kepadatan(self.jumlah, self.luas)


@dataclass
class WilayahPd:
    """The PD's kelurahan and their totals (a total over the rows that have the figure)."""

    baris: list[WilayahKelurahan] = field(default_factory=list)

    def _jumlah(self, medan: str) -> int | None:
        nilai = [getattr(b, medan) for b in self.baris if getattr(b, medan) is not None]
        return sum(nilai) if nilai else None

    def lengkap(self, medan: str) -> bool:
        return bool(self.baris) and all(getattr(b, medan) is not None for b in self.baris)

    @property
    def luas(self) -> Decimal | None:
        nilai = [b.luas for b in self.baris if b.luas]
        return sum(nilai, Decimal(0)) if nilai else None

    @property
    def jumlah(self) -> int | None:
        return self._jumlah("jumlah")

    @property
    def laki_laki(self) -> int | None:
        return self._jumlah("laki_laki")

    @property
    def perempuan(self) -> int | None:
        return self._jumlah("perempuan")

    @property
    def jumlah_rw(self) -> int | None:
        return self._jumlah("jumlah_rw")

    @property
    def jumlah_rt(self) -> int | None:
        return self._jumlah("jumlah_rt")

    @property
    def dengan_jumlah(self) -> int:
        return sum(1 for b in self.baris if b.jumlah is not None)

    @property
    def kepadatan(self) -> Decimal | None:
        """Over the rows with both a population and an area."""
        t = [b for b in self.baris if b.jumlah is not None and b.luas]
        if not t:
            return None
        return wilayah.kepadatan(sum(b.jumlah for b in t), sum((b.luas for b in t), Decimal(0)))

    @property
    def tahun(self) -> list[int]:
        return sorted({b.tahun for b in self.baris if b.tahun is not None})

    @property
    def ada_tabel_2_1(self) -> bool:
        return any(b.asal == TABEL_2_1 for b in self.baris)


def _bulat_cetak(teks: str) -> int | None:
    """A printed whole number only when the print gives it completely ("5.87" cut short is unknown)."""
    n = angka.baca(teks or "", bulat=True)
    return None if n.angka is None or n.terpotong else int(n.angka)


def _cetak_2_1(pd: PerangkatDaerah) -> tuple[dict[int, dict], int | None, str]:
    """unit id → its printed Tabel 2.1 cells, the year the table states, and the document's name."""
    v = versi_utama(pd)
    if v is None:
        return {}, None, ""
    sel = {b.lokasi_id: b.sel for b in baris_cetak(v, "2.1") if b.tingkat == "kelurahan" and b.lokasi_id}
    return sel, v.tahun_kondisi_awal, v.nama


def _dari_cetak(b: WilayahKelurahan, sel: dict, tahun: int | None, dokumen: str) -> None:
    b.asal = TABEL_2_1
    b.tahun = tahun
    b.laki_laki = _bulat_cetak(sel.get("laki_laki", ""))
    b.perempuan = _bulat_cetak(sel.get("perempuan", ""))
    b.jumlah = _bulat_cetak(sel.get("jumlah", ""))
    b.sumber = f"Tabel 2.1 {dokumen} (angka tercetak di dokumen)"
    if b.luas is None:
        b.luas = angka.baca(sel.get("luas", "")).angka


def wilayah_pd(pd: PerangkatDaerah, units: list[Unit] | None = None) -> WilayahPd:
    """Each kelurahan (or only ``units``): area, latest population record or Tabel 2.1, RW and RT."""
    if units is None:  # today's region: a dissolved (deactivated) kelurahan keeps its own page only
        units = [u for u in wilayah.kelurahan_pd(pd.pk) if u.aktif]
    ids = [u.pk for u in units]
    penduduk = wilayah.penduduk_terakhir(ids)
    rw_rt = wilayah.hitung_rt(ids)
    cetak, tahun_cetak, dokumen = ({}, None, "")
    if any(u.pk not in penduduk for u in units):
        cetak, tahun_cetak, dokumen = _cetak_2_1(pd)
    hasil = WilayahPd()
    for u in units:
        rw, rt = rw_rt.get(u.pk, (None, None))
        b = WilayahKelurahan(unit=u, luas=u.luas_km2, jumlah_rw=rw, jumlah_rt=rt)
        p = penduduk.get(u.pk)
        if p is not None:
            b.asal, b.tahun, b.sumber = CATATAN, p.tahun, p.sumber or "Catatan wilayah kecamatan"
            b.laki_laki, b.perempuan, b.jumlah = p.laki_laki, p.perempuan, p.jumlah
        elif u.pk in cetak:
            _dari_cetak(b, cetak[u.pk], tahun_cetak, dokumen)
        hasil.baris.append(b)
    return hasil


def penduduk_per_tahun(unit: Unit) -> list:
    """The kelurahan's population records, oldest first, each with its density."""
    hasil = []
    for th in sorted(wilayah.tahun_penduduk([unit.pk])):
        p = wilayah.penduduk_tahun([unit.pk], th).get(unit.pk)
        if p is not None:
            p.kepadatan = wilayah.kepadatan(p.jumlah, unit.luas_km2)
            hasil.append(p)
    return hasil


# --- the plan: visi, misi, tujuan ----------------------------------------------------------------


def rencana(pd: PerangkatDaerah) -> dict:
    """Visi and misi (the RPJMD the plan follows), the misi the plan supports, and its tujuan with
    their sasaran, of the PD's main plan version."""
    v = versi_utama(pd)
    if v is None:
        return {"versi": None}
    node = list(
        v.node_set.filter(tingkat__in=(PlanNode.Tingkat.TUJUAN, PlanNode.Tingkat.SASARAN)).order_by(
            "tingkat", "urutan", "pk"
        )
    )
    tujuan = [n for n in node if n.tingkat == PlanNode.Tingkat.TUJUAN]
    sasaran: dict[int, list[PlanNode]] = {}
    for n in node:
        if n.tingkat == PlanNode.Tingkat.SASARAN:
            sasaran.setdefault(n.induk_id, []).append(n)
    misi = list(v.rpjmd.misi_set.order_by("nomor")) if v.rpjmd else []
    didukung = {t.misi_id for t in tujuan if t.misi_id}
    return {
        "versi": v,
        "visi": v.rpjmd.visi if v.rpjmd else "",
        "misi": [(m, m.pk in didukung) for m in misi],
        "tujuan": [(t, sasaran.get(t.pk, [])) for t in tujuan],
    }


# --- organisation and staff counts ---------------------------------------------------------------

STATUS = [(k, label) for k, label in Pegawai.Status.choices]


@dataclass
class BarisUnit:
    unit: Unit
    tingkat: int
    status: dict[str, int]

    @property
    def jumlah(self) -> int:
        return sum(self.status.values())


def _urut_pohon(units: list[Unit]) -> list[tuple[Unit, int]]:
    """The units as a tree (office first, each unit followed by the units under it)."""
    anak: dict[int | None, list[Unit]] = {}
    ids = {u.pk for u in units}
    for u in units:
        anak.setdefault(u.induk_id if u.induk_id in ids else None, []).append(u)
    hasil: list[tuple[Unit, int]] = []

    def turun(induk: int | None, tingkat: int) -> None:
        for u in sorted(anak.get(induk, []), key=lambda x: (not x.adalah_kantor, x.urutan, x.nama)):
            hasil.append((u, tingkat))
            turun(u.pk, tingkat + 1)

    turun(None, 0)
    return hasil


def organisasi(pd: PerangkatDaerah, tanggal: dt.date | None = None) -> dict:
    """Each unit of the PD with the number of staff serving on ``tanggal`` (today) per status."""
    tanggal = tanggal or dt.date.today()
    orang = sdm.daftar_pegawai(pengguna=PEMBACA, pd=pd, tanggal=tanggal)
    hitung = Counter((p.unit_id, p.status) for p in orang)
    # a deactivated unit (merged, dissolved) is no longer part of today's organisation unless staff
    # are still recorded there
    berstaf = {uid for uid, _ in hitung}
    baris = [
        BarisUnit(u, t, {k: hitung.get((u.pk, k), 0) for k, _ in STATUS})
        for u, t in _urut_pohon([u for u in pd.unit_set.all() if u.aktif or u.pk in berstaf])
    ]
    return {
        "baris": baris,
        "tanggal": tanggal,
        "jumlah": len(orang),
        "demo": any(p.demo for p in orang),
    }


# --- tables (page, CSV and XLSX from one structure) ----------------------------------------------


def _angka(v) -> Sel:
    return Sel(v, ANGKA)


def tabel_wilayah(w: WilayahPd, pd: PerangkatDaerah, tautan=None) -> Tabel:
    """Area, population, density, RW and RT per kelurahan, with the source of each row."""
    t = Tabel(
        kode="profil-wilayah",
        judul=f"Luas wilayah, penduduk, RW dan RT per kelurahan, {pd.nama}",
        kepala=[
            [
                Kepala("Kelurahan", rowspan=2),
                Kepala("Luas (km²)", rowspan=2),
                Kepala("Penduduk (jiwa)", colspan=3),
                Kepala("Kepadatan (jiwa/km²)", rowspan=2),
                Kepala("RW", rowspan=2),
                Kepala("RT", rowspan=2),
                Kepala("Tahun data", rowspan=2),
                Kepala("Sumber", rowspan=2),
            ],
            [Kepala("Laki-laki"), Kepala("Perempuan"), Kepala("Jumlah")],
        ],
        kolom_tetap=1,
        catatan=[
            "Sel kosong: angka tidak tercatat, atau tidak terbaca lengkap di dokumen sumber.",
            "Kepadatan = jumlah penduduk ÷ luas, dibulatkan ke jiwa utuh.",
        ],
    )
    for b in w.baris:
        t.tambah(
            [
                Sel(b.unit.nama, TEKS, tautan=tautan(b.unit) if tautan else ""),
                _angka(b.luas),
                _angka(b.laki_laki),
                _angka(b.perempuan),
                _angka(b.jumlah),
                _angka(b.kepadatan),
                _angka(b.jumlah_rw),
                _angka(b.jumlah_rt),
                Sel(str(b.tahun) if b.tahun else ""),
                Sel(b.sumber or "Belum ada data"),
            ]
        )
    # Laki-laki and perempuan are summed only when every kelurahan has them; the total population
    # and the density over the kelurahan that have them, said so in the row.
    sebagian = (
        "" if w.lengkap("jumlah") else f"penduduk: jumlah {w.dengan_jumlah} dari {len(w.baris)} kelurahan"
    )
    t.tambah(
        [
            Sel("Jumlah", kelas="tebal"),
            *(
                Sel(v, ANGKA, kelas="tebal")
                for v in (
                    w.luas,
                    w.laki_laki if w.lengkap("laki_laki") else None,
                    w.perempuan if w.lengkap("perempuan") else None,
                    w.jumlah,
                    w.kepadatan,
                    w.jumlah_rw,
                    w.jumlah_rt,
                )
            ),
            Sel(""),
            Sel(sebagian, kelas="tebal"),
        ],
        "tebal",
    )
    return t


def tabel_organisasi(org: dict, pd: PerangkatDaerah) -> Tabel:
    t = Tabel(
        kode="profil-organisasi",
        judul=f"Unit kerja dan jumlah pegawai {pd.nama} per {angka_tanggal(org['tanggal'])}",
        kepala=[
            [
                Kepala("Unit kerja"),
                Kepala("Jenis"),
                *(Kepala(label) for _, label in STATUS),
                Kepala("Jumlah pegawai"),
            ]
        ],
        kolom_tetap=1,
        catatan=["Hanya jumlah pegawai yang bertugas pada tanggal itu; nama dan NIP tidak diterbitkan."],
    )
    for b in org["baris"]:
        t.tambah(
            [
                Sel(("— " * b.tingkat) + b.unit.nama),
                Sel(b.unit.get_jenis_display()),
                *(_angka(b.status[k]) for k, _ in STATUS),
                _angka(b.jumlah),
            ]
        )
    jumlah = {k: sum(b.status[k] for b in org["baris"]) for k, _ in STATUS}
    t.tambah(
        [
            Sel("Jumlah", kelas="tebal"),
            Sel(""),
            *(Sel(jumlah[k], ANGKA, kelas="tebal") for k, _ in STATUS),
            Sel(org["jumlah"], ANGKA, kelas="tebal"),
        ],
        "tebal",
    )
    return t


def tabel_penduduk(unit: Unit, baris: list) -> Tabel:
    t = Tabel(
        kode="profil-penduduk",
        judul=f"Penduduk {unit.nama} per tahun",
        kepala=[
            [
                Kepala("Tahun"),
                Kepala("Laki-laki"),
                Kepala("Perempuan"),
                Kepala("Jumlah"),
                Kepala("Kepadatan (jiwa/km²)"),
                Kepala("Sumber"),
            ]
        ],
        kolom_tetap=1,
    )
    for p in baris:
        t.tambah(
            [
                Sel(str(p.tahun)),
                _angka(p.laki_laki),
                _angka(p.perempuan),
                _angka(p.jumlah),
                _angka(p.kepadatan),
                Sel(p.sumber),
            ]
        )
    return t


BULAN = ("Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember").split()


def angka_tanggal(t: dt.date) -> str:
    """31 Desember 2022."""
    return f"{t.day} {BULAN[t.month - 1]} {t.year}"
