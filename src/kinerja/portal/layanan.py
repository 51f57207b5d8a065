"""Data of the public layanan and pengaduan pages, their downloads and datasets.

Everything here is a read through the owning apps' public functions: the catalogue from the
service standards, the IKM from ``skm.selectors`` (sums per unit and quarter, turned into the index
by ``skm.ikm`` exactly as the staff results page does), the counter log from
``layanan.selectors`` and the complaints from ``pengaduan.selectors`` (counts only: nothing about
a reporter ever reaches this module).

The pages show the latest year that has data unless ``?tahun=`` asks for another (the sample's
records are from 2022; an empty current year would show nothing), and say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import Q
from django.utils import timezone

from kinerja.core.parameter import TAHUN_TERBESAR, TAHUN_TERKECIL, bilangan, id_atau_none
from kinerja.core.pembulatan import bulat, persen
from kinerja.core.tabel import ANGKA, PERSEN, Kepala, Sel, Tabel
from kinerja.layanan.models import JenisLayanan
from kinerja.layanan.selectors import rekap_pelayanan_triwulan
from kinerja.monev.laporan import BULAN as NAMA_BULAN
from kinerja.pengaduan.models import Kategori, Pengaduan
from kinerja.pengaduan.selectors import statistik_bulanan, tahun_pengaduan
from kinerja.skm import ikm
from kinerja.skm.models import Kios
from kinerja.skm.selectors import jumlah_ikm_triwulan
from kinerja.wilayah.models import PerangkatDaerah, Unit

# How many years back the survey and counter pages look for data.
TAHUN_MUNDUR = 10


def unit_lokasi(pd: PerangkatDaerah) -> list[Unit]:
    """The PD's counters: its office and its kelurahan/desa, in their order."""
    return [u for u in pd.unit_set.order_by("urutan", "nama") if u.adalah_lokasi]


# --- the address ----------------------------------------------------------------------------------


def baca_unit(teks: str | None, units: list[Unit]) -> tuple[Unit | None, str]:
    """The unit ``?unit=`` names among ``units``, and a message when it names none of them."""
    teks = (teks or "").strip()
    if not teks:
        return None, ""
    pk = id_atau_none(teks)
    unit = next((u for u in units if u.pk == pk), None)
    if unit is None:
        return None, f"Unit “{teks[:20]}” tidak dikenal; ditampilkan semua unit."
    return unit, ""


def tahun_bawaan(tahun_data: list[int]) -> int:
    """The year a page opens on: the latest *complete* year with data — a year just begun, with a
    handful of answers, would stand for the whole unit — else the latest year with data, else this
    year. The current year stays one choice away."""
    ini = timezone.localdate().year
    lengkap = [t for t in tahun_data if t < ini]
    return lengkap[-1] if lengkap else tahun_data[-1] if tahun_data else ini


def baca_tahun(teks: str | None, tahun_data: list[int]) -> tuple[int, str]:
    """The year ``?tahun=`` asks for, else ``tahun_bawaan``, and a message when the typed year
    cannot be read."""
    bawaan = tahun_bawaan(tahun_data)
    teks = (teks or "").strip()
    if not teks:
        return bawaan, ""
    tahun = bilangan(teks, bawah=TAHUN_TERKECIL, atas=TAHUN_TERBESAR)
    if tahun is None:
        return bawaan, (
            f"Tahun “{teks[:20]}” tidak dapat dipakai: isi tahun {TAHUN_TERKECIL}–{TAHUN_TERBESAR}. "
            f"Ditampilkan tahun {bawaan}."
        )
    return tahun, ""


# --- the catalogue --------------------------------------------------------------------------------


def katalog(pd: PerangkatDaerah, *, q: str = "", unit: Unit | None = None) -> list[JenisLayanan]:
    """The PD's services given and shown to the public, by unit and order; ``q``: every word in the
    name or requirements."""
    qs = JenisLayanan.objects.filter(unit__pd=pd, aktif=True, publik=True).select_related("unit")
    if unit is not None:
        qs = qs.filter(unit=unit)
    for kata in q.split()[:10]:
        qs = qs.filter(Q(nama__icontains=kata) | Q(persyaratan__icontains=kata))
    return list(qs.order_by("unit__urutan", "unit__nama", "urutan", "nama"))


def kelompok_unit(daftar: list[JenisLayanan]) -> list[tuple[Unit, list[JenisLayanan]]]:
    """The services grouped by unit, in the order given."""
    hasil: dict[int, tuple[Unit, list[JenisLayanan]]] = {}
    for j in daftar:
        hasil.setdefault(j.unit_id, (j.unit, []))[1].append(j)
    return list(hasil.values())


def kios_ponsel(pd: PerangkatDaerah) -> dict[int, Kios]:
    """Unit id → the active kiosk whose phone form citizens may open (the first one per unit)."""
    hasil: dict[int, Kios] = {}
    for k in Kios.objects.filter(unit__pd=pd, aktif=True).order_by("unit_id", "pk"):
        hasil.setdefault(k.unit_id, k)
    return hasil


# --- IKM and the counter log per unit -------------------------------------------------------------


def triwulan_lengkap(tahun: int, hari: dt.date) -> tuple[int, int] | None:
    """The last complete quarter of the period shown for ``tahun``: its fourth quarter for a past
    year; for this year the quarter before today's (the last of last year in the first quarter)."""
    if tahun < hari.year:
        return tahun, 4
    if tahun > hari.year:
        return None
    q = (hari.month - 1) // 3
    return (tahun, q) if q else (tahun - 1, 4)


def _tambah(jumlah: dict, lain: dict) -> dict:
    for k, v in lain.items():
        jumlah[k] = jumlah.get(k, 0) + (v or 0)
    return jumlah


def hasil_ikm(jumlah: dict) -> ikm.HasilIKM:
    """The index from sums in the form of ``skm.selectors.jumlah_ikm_triwulan`` (the same mapping
    as ``skm.selectors.hitung_ikm``, keeping the per-unsur NRR and the mutu)."""
    return ikm.hitung(
        {u: jumlah.get(f"j{i}", 0) for i, u in enumerate(ikm.UNSUR, start=1)},
        {u: jumlah.get(f"c{i}", 0) for i, u in enumerate(ikm.UNSUR, start=1)},
        responden=jumlah.get("n", 0),
    )


@dataclass
class Kinerja:
    """A unit's (or the PD's, ``unit`` None) survey and counter figures of one period."""

    unit: Unit | None
    survei: dict = field(default_factory=dict)
    pelayanan: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.unit.nama if self.unit else "Seluruh unit"

    @property
    def ikm(self) -> ikm.HasilIKM:
        return hasil_ikm(self.survei)

    @property
    def selesai(self) -> int:
        return self.pelayanan.get("selesai", 0)

    @property
    def persen_tepat(self) -> Decimal | None:
        return persen(self.pelayanan.get("tepat", 0), self.selesai)

    @property
    def persen_standar(self) -> Decimal | None:
        return persen(self.pelayanan.get("standar", 0), self.selesai)


@dataclass
class DataIKM:
    """The survey and counter sums of a PD's units per quarter over the years looked at."""

    units: list[Unit]
    survei: dict  # (unit id, year, quarter) → sums
    pelayanan: dict  # (unit id, year, quarter) → selesai, tepat, standar

    @property
    def tahun_data(self) -> list[int]:
        return sorted({th for _, th, _ in self.survei} | {th for _, th, _ in self.pelayanan})

    def per_unit(self, tahun: int, triwulan: tuple[int, ...] = (1, 2, 3, 4)) -> list[Kinerja]:
        """Each unit's figures over the quarters of one year, then the PD's ("Seluruh unit")."""
        hasil = []
        total = Kinerja(None)
        for u in self.units:
            k = Kinerja(u)
            for q in triwulan:
                _tambah(k.survei, self.survei.get((u.pk, tahun, q), {}))
                _tambah(k.pelayanan, self.pelayanan.get((u.pk, tahun, q), {}))
            _tambah(total.survei, k.survei)
            _tambah(total.pelayanan, k.pelayanan)
            hasil.append(k)
        return [*hasil, total]


def muat_ikm(pd: PerangkatDaerah, tahun: int | None = None) -> DataIKM:
    """The sums of the years ``TAHUN_MUNDUR`` back to this year (and ``tahun`` and the year before
    it, when asked for outside that window): one grouped query for each source."""
    units = unit_lokasi(pd)
    ini = timezone.localdate().year
    mulai, akhir = ini - TAHUN_MUNDUR, ini
    if tahun is not None:
        mulai, akhir = min(mulai, tahun - 1), max(akhir, tahun)
    ids = [u.pk for u in units]
    if not ids:
        return DataIKM(units, {}, {})
    return DataIKM(units, jumlah_ikm_triwulan(ids, mulai, akhir), rekap_pelayanan_triwulan(ids, mulai, akhir))


def teks_mutu(h: ikm.HasilIKM) -> str:
    """ "B · Baik", or "–" without answers."""
    return f"{h.mutu} · {h.kinerja}" if h.mutu else "–"


def nrr(u: ikm.Unsur) -> Decimal | None:
    return bulat(u.nrr, 2) if u.nrr is not None else None


# --- complaints -----------------------------------------------------------------------------------

STATUS = Pengaduan.Status


@dataclass
class RekapAduan:
    """Complaint counts of a month, a category or the year (no one's data, only numbers)."""

    jumlah: int = 0
    ditolak: int = 0
    ditanggapi: int = 0
    tepat: int = 0
    menunggu: int = 0  # not yet followed up, deadline not yet passed: neither on time nor late
    detik: int = 0
    per_kategori: dict = field(default_factory=dict)
    per_status: dict = field(default_factory=dict)

    def tambah(self, s) -> None:
        self.jumlah += s.jumlah
        self.ditolak += s.jumlah if s.status == STATUS.DITOLAK else 0
        self.ditanggapi += s.ditanggapi
        self.tepat += s.tepat
        self.menunggu += s.menunggu if s.status != STATUS.DITOLAK else 0
        self.detik += s.detik_tanggap
        self.per_kategori[s.kategori_id] = self.per_kategori.get(s.kategori_id, 0) + s.jumlah
        self.per_status[s.status] = self.per_status.get(s.status, 0) + s.jumlah

    @property
    def persen_tepat(self) -> Decimal | None:
        """Followed up by the deadline, of the complaints not refused whose deadline has passed or
        which were followed up (one still within its deadline is not late yet)."""
        return persen(self.tepat, self.jatuh_tempo)

    @property
    def jatuh_tempo(self) -> int:
        return self.jumlah - self.ditolak - self.menunggu

    @property
    def hari_tanggap(self) -> Decimal | None:
        """Average days from receipt to follow-up, one decimal."""
        return bulat(Fraction(self.detik, self.ditanggapi * 86400), 1) if self.ditanggapi else None


@dataclass
class StatistikAduan:
    tahun: int
    tahun_data: list[int]
    kategori: list[Kategori]
    bulan: list[tuple[int, RekapAduan]]  # every month of the year up to today's
    total: RekapAduan
    baris: list  # pengaduan.selectors.StatistikBulan rows (month × category × status)


def statistik_aduan(pd: PerangkatDaerah, teks_tahun: str | None = None) -> tuple[StatistikAduan, str]:
    """The year's complaint statistics of the PD's units (``?tahun=``), and a message about the year."""
    ids = [u.pk for u in pd.unit_set.all()]
    tahun_data = tahun_pengaduan(ids)
    tahun, pesan = baca_tahun(teks_tahun, tahun_data)
    baris = statistik_bulanan(ids, tahun)
    hari = timezone.localdate()
    n_bulan = 12 if tahun < hari.year else hari.month if tahun == hari.year else 0
    n_bulan = max([n_bulan, *[s.bulan for s in baris]])
    bulan = {b: RekapAduan() for b in range(1, n_bulan + 1)}
    total = RekapAduan()
    for s in baris:
        bulan[s.bulan].tambah(s)
        total.tambah(s)
    kategori = list(Kategori.objects.filter(pd=pd).order_by("urutan", "nama"))
    return StatistikAduan(tahun, tahun_data, kategori, list(bulan.items()), total, baris), pesan


# --- tables (page, CSV and XLSX from one structure) -------------------------------------------------


def tabel_layanan(daftar: list[JenisLayanan], judul: str) -> Tabel:
    """The catalogue with every component of each standard (the download)."""
    t = Tabel(
        kode="layanan",
        judul=judul,
        kepala=[
            [
                Kepala(x)
                for x in (
                    "Layanan",
                    "Kode",
                    "Unit",
                    "Kelompok",
                    "Persyaratan",
                    "Prosedur",
                    "Jangka waktu",
                    "Biaya/tarif",
                    "Produk layanan",
                    "Penanganan pengaduan",
                    "Dasar hukum",
                )
            ]
        ],
        lebar=[40, 10, 26, 24, 60, 60, 16, 24, 30, 40, 40],
        kolom_tetap=1,
    )
    for j in daftar:
        t.tambah(
            [
                Sel(j.nama),
                Sel(j.kode),
                Sel(j.unit.nama),
                Sel(j.kelompok),
                Sel(_bernomor(j.daftar("persyaratan"))),
                Sel(_bernomor(j.daftar("prosedur"))),
                Sel(j.jangka_teks),
                Sel(j.biaya),
                Sel(j.produk),
                Sel(j.penanganan_pengaduan),
                Sel(j.dasar_hukum),
            ]
        )
    return t


def _bernomor(butir: list[str]) -> str:
    return "\n".join(f"{i}. {x}" for i, x in enumerate(butir, start=1))


def _sel_angka(v, desimal: int | None = None) -> Sel:
    return Sel(v, ANGKA, desimal=desimal) if v is not None else Sel("–")


def _sel_persen(v) -> Sel:
    return Sel(v, PERSEN) if v is not None else Sel("–")


def tabel_ikm(baris: list[Kinerja], judul: str, kode: str = "IKM") -> Tabel:
    """Per unit: respondents, NRR of U1–U9, IKM and mutu (the last row: every unit together)."""
    t = Tabel(
        kode=kode,
        judul=judul,
        kepala=[
            [
                Kepala("Unit", rowspan=2),
                Kepala("Responden", rowspan=2),
                Kepala("NRR per unsur", colspan=9),
                Kepala("IKM", rowspan=2),
                Kepala("Mutu · kinerja", rowspan=2),
            ],
            [Kepala(u) for u in ikm.UNSUR],
        ],
        lebar=[30, 12, *([8] * 9), 10, 16],
        kolom_tetap=1,
        catatan=[
            "NRR = nilai rata-rata jawaban unsur itu (1–4); IKM = Σ (NRR × 1/9) × 25, dibulatkan dua desimal "
            "(PermenPANRB 14/2017). Unsur: " + "; ".join(f"{u} {ikm.NAMA_UNSUR[u]}" for u in ikm.UNSUR) + ".",
        ],
    )
    for k in baris:
        h = k.ikm
        t.tambah(
            [
                Sel(k.label),
                Sel(h.responden, ANGKA),
                *[_sel_angka(nrr(u), 2) for u in h.unsur],
                _sel_angka(h.ikm, 2),
                Sel(teks_mutu(h)),
            ],
            "tebal" if k.unit is None else "",
        )
    return t


def tabel_pelayanan(baris: list[Kinerja], tw: list[Kinerja] | None, tahun: int, label_tw: str) -> Tabel:
    """Per unit: services finished, on time and to standard, over the year and the last quarter."""
    kolom = ["Selesai dilayani", "Tepat waktu", "% tepat waktu", "Sesuai standar", "% sesuai standar"]
    kepala = [[Kepala("Unit", rowspan=2), Kepala(f"Tahun {tahun}", colspan=5)], [Kepala(x) for x in kolom]]
    if tw is not None:
        kepala[0].append(Kepala(label_tw, colspan=5))
        kepala[1].extend(Kepala(x) for x in kolom)
    t = Tabel(
        kode="pelayanan",
        judul=f"Ketepatan pelayanan per unit, tahun {tahun}",
        kepala=kepala,
        lebar=[30, *([12] * (10 if tw is not None else 5))],
        kolom_tetap=1,
        catatan=[
            "Dari catatan loket: pelayanan yang selesai atau ditolak pada periode itu; tepat waktu = selesai "
            "dalam jangka waktu standarnya; sesuai standar = persyaratan lengkap dan selesai menurut standar."
        ],
    )

    def sel(k: Kinerja) -> list[Sel]:
        p = k.pelayanan
        return [
            Sel(k.selesai, ANGKA),
            Sel(p.get("tepat", 0), ANGKA),
            _sel_persen(k.persen_tepat),
            Sel(p.get("standar", 0), ANGKA),
            _sel_persen(k.persen_standar),
        ]

    for i, k in enumerate(baris):
        t.tambah(
            [Sel(k.label), *sel(k), *(sel(tw[i]) if tw is not None else [])],
            "tebal" if k.unit is None else "",
        )
    return t


def _label_status() -> list[tuple[str, str]]:
    return list(STATUS.choices)


def _tabel_aduan_bulan(s: StatistikAduan, kode: str, judul: str, kolom: list[tuple], medan: str) -> Tabel:
    """Complaints per month (rows) by one grouping (columns ``kolom``: key, label; counts in the
    row's ``medan`` dict), with the year's total row."""
    t = Tabel(
        kode=kode,
        judul=judul,
        kepala=[[Kepala("Bulan"), *[Kepala(label) for _, label in kolom], Kepala("Jumlah")]],
        lebar=[14, *([14] * len(kolom)), 10],
        kolom_tetap=1,
    )
    for b, r in [*s.bulan, (0, s.total)]:
        hitungan = getattr(r, medan)
        t.tambah(
            [
                Sel(NAMA_BULAN[b - 1] if b else "Jumlah"),
                *[Sel(hitungan.get(k, 0), ANGKA) for k, _ in kolom],
                Sel(r.jumlah, ANGKA),
            ],
            "" if b else "tebal",
        )
    return t


def tabel_aduan_kategori(s: StatistikAduan) -> Tabel:
    kolom = [(k.pk, k.nama) for k in s.kategori]
    judul = f"Pengaduan per bulan dan kategori, tahun {s.tahun}"
    return _tabel_aduan_bulan(s, "pengaduan-kategori", judul, kolom, "per_kategori")


def tabel_aduan_status(s: StatistikAduan) -> Tabel:
    judul = f"Pengaduan per bulan masuk dan status sekarang, tahun {s.tahun}"
    return _tabel_aduan_bulan(s, "pengaduan-status", judul, list(_label_status()), "per_status")


def tabel_aduan_waktu(s: StatistikAduan) -> Tabel:
    t = Tabel(
        kode="pengaduan-waktu",
        judul=f"Ketepatan dan waktu tanggap pengaduan per bulan, tahun {s.tahun}",
        kepala=[
            [
                Kepala(x)
                for x in (
                    "Bulan",
                    "Masuk",
                    "Ditolak",
                    "Ditindaklanjuti",
                    "Tepat waktu",
                    "% tepat waktu",
                    "Rata-rata waktu tanggap (hari)",
                )
            ]
        ],
        lebar=[14, 10, 10, 14, 12, 12, 16],
        kolom_tetap=1,
        catatan=[
            "Tepat waktu: ditindaklanjuti paling lambat pada tanggal batasnya (hari kerja menurut kategorinya); "
            "pembagi: pengaduan yang masuk, kecuali yang ditolak dan yang belum ditindaklanjuti tetapi batasnya "
            "belum lewat (belum terlambat). Waktu tanggap: dari diterima sampai "
            "ditindaklanjuti, dalam hari kalender."
        ],
    )
    for b, r in [*s.bulan, (0, s.total)]:
        t.tambah(
            [
                Sel(NAMA_BULAN[b - 1] if b else "Jumlah"),
                Sel(r.jumlah, ANGKA),
                Sel(r.ditolak, ANGKA),
                Sel(r.ditanggapi, ANGKA),
                Sel(r.tepat, ANGKA),
                _sel_persen(r.persen_tepat),
                _sel_angka(r.hari_tanggap, 1),
            ],
            "" if b else "tebal",
        )
    return t
