"""Differences between two plan versions: elements, nomenclature, indicators, targets, pagu.

Elements are matched through the copy they were made from (``asal``); where two versions
are not copies of each other (e.g. one imported from a workbook), by code for program,
kegiatan and sub kegiatan and by name for tujuan and sasaran.

Each difference is told with the reason, the person and the time of the change, read
from the audit trail of the newer version: the editor's entry for that value, else the
import that made the version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from kinerja.core import angka
from kinerja.core.models import CatatanAudit
from kinerja.core.tabel import RUPIAH, Kepala, Sel, Tabel
from kinerja.renstra import nomenklatur as nmk
from kinerja.renstra.models import Indikator, PlanNode
from kinerja.renstra.selectors import Rencana

T = PlanNode.Tingkat
NOL = Decimal(0)
# Indicator fields compared, with the label a reader sees.
KOLOM_INDIKATOR = {
    "nama": "nama",
    "satuan": "satuan",
    "definisi": "definisi",
    "arah": "arah",
    "jenis_nilai": "jenis nilai",
    "agregasi_akhir": "kondisi akhir dari",
    "agregasi_triwulan": "realisasi tahunan dari",
}
_PILIHAN = {
    "arah": dict(Indikator.Arah.choices),
    "jenis_nilai": dict(Indikator.JenisNilai.choices),
    "agregasi_akhir": dict(Indikator.Agregasi.choices),
    "agregasi_triwulan": dict(Indikator._meta.get_field("agregasi_triwulan").choices),
}


@dataclass(frozen=True)
class Perbedaan:
    jenis: str  # "ditambah", "dihapus", "diubah"
    bagian: str  # "unsur", "nomenklatur", "indikator", "kondisi awal", "target", "pagu"
    unsur: str
    indikator: str = ""
    lokasi: str = ""
    tahun: int | None = None
    kolom: str = ""
    dari: str = ""
    ke: str = ""
    kode: str = ""
    nama_unsur: str = ""
    tingkat: str = ""
    # the element and indicator in the newer version (for its audit trail); not part of equality
    node_id: int | None = field(default=None, compare=False)
    indikator_id: int | None = field(default=None, compare=False)
    rp_dari: Decimal | None = None
    rp_ke: Decimal | None = None

    @property
    def selisih(self) -> Decimal | None:
        """Change in rupiah of a pagu (added: the new amount; removed: minus the old)."""
        if self.bagian != "pagu":
            return None
        return (self.rp_ke or NOL) - (self.rp_dari or NOL)


@dataclass(frozen=True)
class DampakPagu:
    """How a program's or kegiatan's pagu (the sum of its sub kegiatan) moves in a year."""

    unsur: str
    tahun: int
    dari: Decimal | None
    ke: Decimal | None

    @property
    def selisih(self) -> Decimal:
        return (self.ke or NOL) - (self.dari or NOL)


@dataclass(frozen=True)
class AsalPerubahan:
    alasan: str
    oleh: str
    waktu: dt.datetime


def _kunci_node(n) -> tuple:
    if n.tingkat >= T.PROGRAM and n.kode:
        return (n.tingkat, n.kode)
    return (n.tingkat, nmk.kunci_nama(n.nama))


def _pasangan(lama: Rencana, baru: Rencana) -> dict[int, int]:
    """Node of the new version → node of the old one."""
    ada = {n.pk for n in lama.node}
    asal_ke = {}
    for n in baru.node:
        a = n.asal_id
        if a in ada:
            asal_ke[n.pk] = a
    dipakai = set(asal_ke.values())
    sisa_lama = {_kunci_node(n): n.pk for n in lama.node if n.pk not in dipakai}
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


def _lokasi_urut(daftar) -> list:
    return sorted(daftar, key=lambda x: (x is not None, x or 0))


class _Pembanding:
    def __init__(self, lama: Rencana, baru: Rencana):
        self.lama, self.baru = lama, baru
        self.hasil: list[Perbedaan] = []
        self.tahun = sorted(set(lama.versi.tahun_rencana) | set(baru.versi.tahun_rencana))
        self._awal: dict[int, dict] = {}

    def tambah(self, jenis: str, bagian: str, n, *, dari_lama: bool = False, **lain) -> None:
        """One difference about element ``n`` (of the newer version unless ``dari_lama``)."""
        self.hasil.append(
            Perbedaan(
                jenis,
                bagian,
                _nama(n),
                kode=n.kode,
                nama_unsur=n.nama,
                tingkat=n.get_tingkat_display().lower(),
                node_id=None if dari_lama else n.pk,
                **lain,
            )
        )

    def lokasi_awal(self, r: Rencana, ind_pk: int) -> set:
        indeks = self._awal.get(id(r))
        if indeks is None:
            indeks = self._awal[id(r)] = {}
            for ind, lok in r.awal:
                indeks.setdefault(ind, set()).add(lok)
        return indeks.get(ind_pk, set())

    def jalankan(self) -> list[Perbedaan]:
        lama, baru = self.lama, self.baru
        pasang = _pasangan(lama, baru)
        balik = set(pasang.values())
        for n in lama.node:
            if n.pk not in balik:
                self.tambah("dihapus", "unsur", n, dari_lama=True)
        for n in baru.node:
            if n.pk not in pasang:
                self.tambah("ditambah", "unsur", n)
                continue
            m = lama.node_id[pasang[n.pk]]
            self._unsur(m, n)
            self._indikator(m, n)
            if n.tingkat == T.SUB_KEGIATAN:
                self._pagu(m, n)
        return self.hasil

    def _unsur(self, m, n) -> None:
        for kolom, a, b in (("kode", m.kode, n.kode), ("nama", m.nama, n.nama)):
            if a != b:
                self.tambah(
                    "diubah", "nomenklatur" if kolom == "kode" else "unsur", n, kolom=kolom, dari=a, ke=b
                )
        if m.unit_kerja_id != n.unit_kerja_id:
            nama = {u.pk: u.nama for u in (*self.lama.unit.values(), *self.baru.unit.values())}
            self.tambah(
                "diubah",
                "unsur",
                n,
                kolom="unit kerja",
                dari=nama.get(m.unit_kerja_id, ""),
                ke=nama.get(n.unit_kerja_id, ""),
            )
        if m.nomenklatur_id != n.nomenklatur_id:
            self.tambah(
                "diubah",
                "nomenklatur",
                n,
                kolom="rujukan nomenklatur",
                dari=str(m.nomenklatur_id or "-"),
                ke=str(n.nomenklatur_id or "-"),
            )

    def _indikator(self, m, n) -> None:
        lama, baru = self.lama, self.baru
        ind_lama = {i.pk: i for i in lama.indikator.get(m.pk, [])}
        cocok: dict[int, int] = {}
        for i in baru.indikator.get(n.pk, []):
            if i.asal_id in ind_lama:
                cocok[i.pk] = i.asal_id
        dipakai = set(cocok.values())
        sisa = {nmk.kunci_nama(i.nama): i.pk for i in ind_lama.values() if i.pk not in dipakai}
        for i in baru.indikator.get(n.pk, []):
            if i.pk not in cocok and nmk.kunci_nama(i.nama) in sisa:
                cocok[i.pk] = sisa.pop(nmk.kunci_nama(i.nama))
        dipakai = set(cocok.values())
        for i in ind_lama.values():
            if i.pk not in dipakai:
                self.tambah("dihapus", "indikator", n, indikator=i.nama)
        for i in baru.indikator.get(n.pk, []):
            if i.pk not in cocok:
                self.tambah("ditambah", "indikator", n, indikator=i.nama, indikator_id=i.pk)
                continue
            j = ind_lama[cocok[i.pk]]
            for kolom in KOLOM_INDIKATOR:
                a, b = getattr(j, kolom), getattr(i, kolom)
                if a != b:
                    label = _PILIHAN.get(kolom, {})
                    self.tambah(
                        "diubah",
                        "indikator",
                        n,
                        indikator=i.nama,
                        indikator_id=i.pk,
                        kolom=kolom,
                        dari=str(label.get(a, a)),
                        ke=str(label.get(b, b)),
                    )
            self._nilai(n, j, i)

    def _nilai(self, n, j, i) -> None:
        lama, baru = self.lama, self.baru
        awal_lok = self.lokasi_awal(lama, j.pk) | self.lokasi_awal(baru, i.pk)
        for lk in _lokasi_urut(awal_lok):
            a, b = lama.awal.get((j.pk, lk)), baru.awal.get((i.pk, lk))
            ta, tb = (a.teks if a else ""), (b.teks if b else "")
            if ta != tb:
                jenis = "ditambah" if not ta else "dihapus" if not tb else "diubah"
                lokasi = baru.lokasi_label(lk)
                self.tambah(
                    jenis,
                    "kondisi awal",
                    n,
                    indikator=i.nama,
                    indikator_id=i.pk,
                    lokasi=lokasi,
                    dari=ta,
                    ke=tb,
                )
        lok_semua = set(lama.target_per_indikator.get(j.pk, {})) | set(
            baru.target_per_indikator.get(i.pk, {})
        )
        for lk in _lokasi_urut(lok_semua):
            for y in self.tahun:
                a, b = lama.target.get((j.pk, lk, y)), baru.target.get((i.pk, lk, y))
                ta, tb = (a.teks if a else ""), (b.teks if b else "")
                if ta != tb:
                    jenis = "ditambah" if not ta else "dihapus" if not tb else "diubah"
                    self.tambah(
                        jenis,
                        "target",
                        n,
                        indikator=i.nama,
                        indikator_id=i.pk,
                        lokasi=baru.lokasi_label(lk),
                        tahun=y,
                        dari=ta,
                        ke=tb,
                    )

    def _pagu(self, m, n) -> None:
        lama, baru = self.lama, self.baru
        lok_semua = {p.lokasi_id for p in lama.pagu if p.node_id == m.pk} | {
            p.lokasi_id for p in baru.pagu if p.node_id == n.pk
        }
        for lk in _lokasi_urut(lok_semua):
            for y in self.tahun:
                a, b = lama.pagu_node(m, y, lk), baru.pagu_node(n, y, lk)
                if a != b:
                    jenis = "ditambah" if a is None else "dihapus" if b is None else "diubah"
                    self.tambah(
                        jenis,
                        "pagu",
                        n,
                        lokasi=baru.lokasi_label(lk),
                        tahun=y,
                        dari=_rp(a),
                        ke=_rp(b),
                        rp_dari=Decimal(a) if a is not None else None,
                        rp_ke=Decimal(b) if b is not None else None,
                    )


def bandingkan(lama: Rencana, baru: Rencana) -> list[Perbedaan]:
    return _Pembanding(lama, baru).jalankan()


def dampak_pagu(lama: Rencana, baru: Rencana) -> list[DampakPagu]:
    """Program and kegiatan whose pagu (a sum) changes, per year, and the PD's total."""
    pasang = _pasangan(lama, baru)
    balik = {v: k for k, v in pasang.items()}
    tahun = sorted(set(lama.versi.tahun_rencana) | set(baru.versi.tahun_rencana))
    hasil = []
    pasangan = [(lama.node_id[pasang[n.pk]] if n.pk in pasang else None, n) for n in baru.node]
    pasangan += [(m, None) for m in lama.node if m.pk not in balik]
    for m, n in pasangan:
        if (n or m).tingkat not in (T.PROGRAM, T.KEGIATAN):
            continue
        for y in tahun:
            a = lama.pagu_node(m, y) if m is not None else None
            b = baru.pagu_node(n, y) if n is not None else None
            if a != b:
                hasil.append(DampakPagu(_nama(n or m), y, a, b))
    for y in tahun:
        a, b = lama.pagu_tahun(y), baru.pagu_tahun(y)
        if a != b:
            hasil.append(DampakPagu("Jumlah seluruh pagu perangkat daerah", y, a, b))
    return hasil


def kunci_audit(p: Perbedaan) -> str:
    """The key an import writes a difference under in its audit entry."""
    bagian = [p.jenis, p.bagian, p.unsur, p.indikator, p.lokasi, str(p.tahun or ""), p.kolom]
    return " · ".join(x for x in bagian if x)


def kunci_riwayat(p: Perbedaan) -> tuple[str, int | None, str] | None:
    """Where the plan editor (and an import, for the record's history) writes this difference:
    (object type, id in the newer version, key)."""
    lokasi = p.lokasi or "tanpa lokasi"
    if p.bagian == "target":
        return "renstra.indikator", p.indikator_id, f"target {p.tahun} {lokasi}"
    if p.bagian == "pagu":
        return "renstra.plannode", p.node_id, f"pagu {p.tahun} {lokasi}"
    if p.bagian == "indikator" and p.jenis == "diubah":
        return "renstra.indikator", p.indikator_id, p.kolom
    if p.bagian in ("unsur", "nomenklatur") and p.jenis == "diubah":
        return "renstra.plannode", p.node_id, p.kolom
    return None


def asal_perbedaan(baru: Rencana, beda: list[Perbedaan]) -> list[AsalPerubahan | None]:
    """Reason, person and time of each difference, from the newer version's audit trail."""
    versi = baru.versi
    if versi.pk is None or not beda:
        return [None] * len(beda)
    node_id = [str(n.pk) for n in baru.node]
    ind_id = [str(i.pk) for daftar in baru.indikator.values() for i in daftar]
    catatan = (
        CatatanAudit.objects.filter(
            Q(objek_tipe="renstra.plannode", objek_id__in=node_id)
            | Q(objek_tipe="renstra.indikator", objek_id__in=ind_id)
            | Q(objek_tipe="renstra.renstraversi", objek_id=str(versi.pk), aksi="impor")
        )
        .select_related("pengguna")
        .order_by("waktu", "id")
    )
    indeks: dict[tuple[str, str, str], CatatanAudit] = {}
    for c in catatan:
        for kunci in c.perubahan:
            indeks[(c.objek_tipe, c.objek_id, kunci)] = c  # the latest entry wins
    hasil = []
    for p in beda:
        c = None
        editor = kunci_riwayat(p)
        if editor and editor[1] is not None:
            c = indeks.get((editor[0], str(editor[1]), editor[2]))
        c = c or indeks.get(("renstra.renstraversi", str(versi.pk), kunci_audit(p)))
        if c is None:
            hasil.append(None)
            continue
        oleh = (c.pengguna.get_full_name() or c.pengguna.username) if c.pengguna else "sistem"
        hasil.append(AsalPerubahan(c.alasan, oleh, c.waktu))
    return hasil


LABEL_JENIS = {"ditambah": "Ditambah", "dihapus": "Dihapus", "diubah": "Diubah"}


def _selisih_teks(v: Decimal | None) -> str:
    if v is None:
        return ""
    return ("+" if v > 0 else "") + angka.format_rupiah(v)


def tabel_beda(
    lama: Rencana,
    baru: Rencana,
    beda: list[Perbedaan] | None = None,
    asal: list[AsalPerubahan | None] | None = None,
) -> Tabel:
    beda = bandingkan(lama, baru) if beda is None else beda
    asal = asal_perbedaan(baru, beda) if asal is None else asal
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
                    "Selisih (Rp)",
                    "Alasan",
                    "Oleh",
                    "Waktu",
                )
            ]
        ],
        lebar=[5, 11, 12, 40, 36, 12, 7, 14, 18, 18, 16, 30, 14, 15],
        catatan=[
            "Unsur dicocokkan melalui salinan asalnya; bila bukan salinan, melalui kode (program, kegiatan, "
            "sub kegiatan) atau nama (tujuan, sasaran). Alasan, oleh dan waktu dibaca dari jejak audit versi "
            "yang lebih baru."
        ],
    )
    for no, (b, a) in enumerate(zip(beda, asal, strict=True), start=1):
        t.tambah(
            [
                Sel(no, "angka"),
                Sel(LABEL_JENIS[b.jenis]),
                Sel(b.bagian),
                Sel(b.unsur),
                Sel(b.indikator),
                Sel(b.lokasi),
                Sel(str(b.tahun) if b.tahun else ""),
                Sel(KOLOM_INDIKATOR.get(b.kolom, b.kolom) if b.bagian == "indikator" else b.kolom),
                Sel(b.dari),
                Sel(b.ke),
                Sel(_selisih_teks(b.selisih)),
                Sel(a.alasan if a else ""),
                Sel(a.oleh if a else ""),
                Sel(f"{timezone.localtime(a.waktu):%d-%m-%Y %H:%M}" if a else ""),
            ],
            f"beda-{b.jenis}",
        )
    return t


def tabel_dampak(lama: Rencana, baru: Rencana, dampak: list[DampakPagu] | None = None) -> Tabel:
    dampak = dampak_pagu(lama, baru) if dampak is None else dampak
    t = Tabel(
        kode="Dampak pagu",
        judul="Dampak pada pagu program, kegiatan dan perangkat daerah",
        subjudul="Pagu program dan kegiatan adalah jumlah pagu sub kegiatannya.",
        kepala=[
            [Kepala(x) for x in ("Unsur rencana", "Tahun", "Semula (Rp)", "Menjadi (Rp)", "Selisih (Rp)")]
        ],
        lebar=[50, 7, 18, 18, 18],
    )
    for d in dampak:
        t.tambah(
            [
                Sel(d.unsur),
                Sel(str(d.tahun)),
                Sel(d.dari, RUPIAH),
                Sel(d.ke, RUPIAH),
                Sel(_selisih_teks(d.selisih)),
            ],
            "tebal" if d.unsur.startswith("Jumlah") else "",
        )
    return t


def _json_rp(v: Decimal | None):
    if v is None:
        return None
    return int(v) if v == v.to_integral_value() else float(v)


def sebagai_json(beda: list[Perbedaan], asal: list[AsalPerubahan | None]) -> list[dict]:
    """One object per difference (``kinerja beda --json``); rupiah as numbers."""
    hasil = []
    for p, a in zip(beda, asal, strict=True):
        pagu = p.bagian == "pagu"
        hasil.append(
            {
                "jenis": p.jenis,
                "bagian": p.bagian,
                "tingkat": p.tingkat,
                "kode": p.kode or None,
                "unsur": p.nama_unsur,
                "indikator": p.indikator or None,
                "lokasi": p.lokasi or None,
                "tahun": p.tahun,
                "kolom": p.kolom or None,
                "dari": _json_rp(p.rp_dari) if pagu else (p.dari or None),
                "menjadi": _json_rp(p.rp_ke) if pagu else (p.ke or None),
                "selisih": _json_rp(p.selisih) if pagu else None,
                "alasan": a.alasan if a else None,
                "oleh": a.oleh if a else None,
                "waktu": timezone.localtime(a.waktu).isoformat(timespec="seconds") if a else None,
            }
        )
    return hasil
