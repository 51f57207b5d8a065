"""Evaluation reports built from the data: E.81, E.80, Perjanjian Kinerja, LKjIP (``lkjip``), Renja
(``renja``), and Tabel 2.3.1 / 2.3.2 of the running period.

Each builder returns ``Tabel`` objects (screen, print and XLSX from one structure) and
every figure in them is computed from targets, pagu and realisations; the notes under
each table say how.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from kinerja.core import angka
from kinerja.core.pengumpul import tanpa_pengumpul
from kinerja.core.tabel import ANGKA, KOSONG, NILAI, PERSEN, RUPIAH, Kepala, Sel, Tabel
from kinerja.monev import capaian as cp
from kinerja.monev import verifikasi as vf
from kinerja.monev.anggaran import LABEL as LABEL_DASAR
from kinerja.monev.pk import tempat_bawaan
from kinerja.monev.selectors import (
    NAMA_TRIWULAN,
    BarisEvaluasi,
    Evaluasi,
    angka_nilai,
    dua_tingkat,
    muat_evaluasi,
    persetujuan_tahun,
    status_persetujuan_singkat,
)
from kinerja.renstra.models import PlanNode
from kinerja.renstra.selectors import Rencana
from kinerja.renstra.tabel_dokumen import baris_rencana, nilai_target

T = PlanNode.Tingkat
NOL = Decimal(0)

CATATAN_CAPAIAN = (
    "Capaian = realisasi ÷ target × 100% (makin besar makin baik) atau (2 × target − realisasi) ÷ target × 100% "
    "(makin kecil makin baik, paling rendah 0%). Target 0: makin besar makin baik = 100%; makin kecil makin baik = "
    "100% bila realisasi 0, selain itu 0%. Capaian di atas 100% tidak dipotong. Nilai kualitatif dinilai tercapai "
    "atau tidak pada skalanya dan tidak ikut dirata-rata."
)
CATATAN_PREDIKAT = (
    "Predikat dari capaian yang dibulatkan dua desimal: ≥ 91 Sangat Tinggi; 76–90,99 Tinggi; 66–75,99 Sedang; "
    "51–65,99 Rendah; < 51 Sangat Rendah (Permendagri 86/2017; 90,5 = Tinggi, 91 = Sangat Tinggi)."
)


@dataclass
class TabelLaporan(Tabel):
    """A report table that knows the verification status of each body row (for JSON)."""

    status_baris: list[str | None] = field(default_factory=list)
    # The form's footer as data (means per level, capping, explanations) for JSON, and its signatures.
    kaki: dict = field(default_factory=dict)
    ttd: list = field(default_factory=list)

    def tambah(self, baris: list[Sel | None], kelas: str = "", status: str | None = None) -> None:
        super().tambah(baris, kelas)
        self.status_baris.append(status)


def sel_status(sb: vf.StatusBaris, nama_unit: dict[int, str], tahun_ini: int = 0) -> Sel:
    return Sel(vf.keterangan(sb, nama_unit, tahun_ini=tahun_ini))


def kelas_status(kelas: str, sb: vf.StatusBaris) -> str:
    """Rows holding unverified values are shaded on screen; the status column says it in words."""
    return f"{kelas} belum-verifikasi".strip() if sb.belum else kelas


def catatan_verifikasi(hanya: bool) -> list[str]:
    return [vf.CATATAN_STATUS, *([vf.CATATAN_HANYA] if hanya else [])]


def r_nama_unit(r: Rencana) -> dict[int, str]:
    return {k: u.nama_pendek for k, u in r.unit.items()}


def _judul_pd(ev_or_r) -> str:
    r = ev_or_r.r if isinstance(ev_or_r, Evaluasi) else ev_or_r
    return f"{r.pd.nama} {r.pd.pemda.nama}"


def _nomor(n: int) -> list[Kepala]:
    return [Kepala(str(i)) for i in range(1, n + 1)]


# Cells a report repeats hundreds of times are made once and shared (cells are never changed once a
# row is built, and the HTML of a shared cell is written once): the empty ones, the dash, the small
# whole numbers and the predikat.
STRIP = Sel("–")
_NILAI_KOSONG = Sel(None, NILAI)
_RUPIAH_KOSONG = Sel(None, RUPIAH)
_SEL_BULAT = tuple(Sel(i, NILAI) for i in range(1000))
_SEL_TEKS: dict[str, Sel] = {}


def sel_bulat(v: int) -> Sel:
    """A whole number as a value cell."""
    return _SEL_BULAT[v] if 0 <= v < len(_SEL_BULAT) else Sel(v, NILAI)


def sel_teks_tetap(teks: str) -> Sel:
    """A text cell from a small fixed set (predikat, "belum akhir tahun"), shared."""
    sel = _SEL_TEKS.get(teks)
    if sel is None:
        sel = _SEL_TEKS[teks] = Sel(teks)
    return sel


def sel_rupiah(v: Decimal | None) -> Sel:
    return _RUPIAH_KOSONG if v is None else Sel(v, RUPIAH)


def sel_nilai(v: Decimal | None, label: str = "") -> Sel:
    """A realisation as a cell: the number; a label with its score ("BB (72,5)"); or the label alone."""
    if v is not None and label:
        return Sel(f"{label} ({angka.format_angka(v)})", NILAI)
    if v is not None:
        return sel_bulat(int(v)) if v == v.to_integral_value() else Sel(v, NILAI)
    return Sel(label, NILAI) if label else _NILAI_KOSONG


def sel_data(d) -> Sel:
    """One stored realisation as a cell."""
    if d is None:
        return KOSONG
    if type(d.nilai) is int and not d.label:
        return sel_bulat(d.nilai)  # a whole number as SQLite hands it back: the cell sel_nilai makes of it
    v = angka_nilai(d)
    return sel_nilai(v, d.label if v is not None else (d.label or d.teks))


def sel_target(t, satuan: str = "") -> Sel:
    return Sel(nilai_target(t, satuan), NILAI) if t is not None else KOSONG


def sel_capaian(c: cp.Capaian | None) -> Sel:
    if c is None:
        return KOSONG
    tetap = _SEL_CAPAIAN_TETAP.get(id(c))
    if tetap is not None and tetap[0] is c:
        return tetap[1]
    if c.nilai is not None:
        return Sel(c.nilai_bulat, PERSEN, judul=c.rumus)
    return Sel(c.label_status, judul=c.rumus)


# The cells of the capaian that do not depend on the values (``capaian.BELUM_ADA`` …), made once.
_SEL_CAPAIAN_TETAP = {
    id(c): (
        c,
        Sel(c.label_status, judul=c.rumus) if c.nilai is None else Sel(c.nilai_bulat, PERSEN, judul=c.rumus),
    )
    for c in (cp.BELUM_ADA, cp.TANPA_TARGET, cp.TARGET_NOL_NAIK)
}


def sel_persen(v: Decimal | None, judul: str = "") -> Sel:
    return Sel(cp.bulat(v), PERSEN, judul=judul) if v is not None else KOSONG


def nama_node(node) -> str:
    return f"{node.kode} {node.nama}".strip() if node.tingkat > T.SASARAN else node.nama


def ada_demo(ev: Evaluasi) -> bool:
    return (
        any(d.sumber == "demo" for d in ev.realisasi.values())
        or any(a.sumber == "demo" for a in ev.anggaran.values())
        or (ev.dasar_rp is not None and ev.dasar_rp.demo)
    )


CATATAN_DEMO = (
    "Sebagian realisasi atau anggaran di tabel ini adalah DATA DEMONSTRASI yang dibuat untuk contoh, bukan "
    "laporan sungguhan."
)


def catatan_kolom_7(ev: Evaluasi) -> str:
    """Where column 7 (K and Rp) comes from, and which figure is the year's anggaran."""
    if ev.renja is not None:
        k = f"Kolom 7: K dan Rp dari {ev.renja.nama} yang ditetapkan"
    else:
        k = (
            f"Kolom 7: belum ada Renja {ev.tahun} yang ditetapkan, K = target Renstra tahun ini dan Rp = pagu "
            "indikatif Renstra (Renja yang masih draft atau final tidak dipakai)"
        )
    return (
        f"{k}; Rp diganti APBD yang sudah diisi (APBD perubahan menggantikan APBD murni). {ev.dasar}. "
        "Serapan (kolom 12 Rp ÷ kolom 7 Rp) dihitung terhadap anggaran ini; kolom 5 Rp tetap pagu indikatif "
        "Renstra seluruh periode."
    )


# --- E.81 -----------------------------------------------------------------------------------
#
# Column layout of E.81 as the form of Permendagri 86/2017 draws it (tests/data/kolom_formulir.json
# lists the form's columns and the copies they were read from): 1–4 name the row, 5–14 each hold
# K (kinerja) and Rp, 15 is the unit. After the form's 15 columns this system adds the capaian of the
# year (12 ÷ 7), for TW I–III the rencana aksi target and the capaian against it, the predikat and the
# verification status.

K14, RP14, KOLOM_UNIT, KOLOM_CAPAIAN = 22, 23, 24, 25


@dataclass(frozen=True)
class KolomE81:
    """Where the system's own columns of E.81 sit for a quarter."""

    triwulan: int

    @property
    def akhir_tahun(self) -> bool:
        return self.triwulan >= 4

    @property
    def target_aksi(self) -> int | None:
        return None if self.akhir_tahun else 26

    @property
    def capaian_aksi(self) -> int | None:
        return None if self.akhir_tahun else 27

    @property
    def predikat(self) -> int:
        return 26 if self.akhir_tahun else 28

    @property
    def jumlah(self) -> int:
        return self.predikat + 2


def _kepala_e81(ev: Evaluasi) -> list[list[Kepala]]:
    kol = KolomE81(ev.triwulan)
    tw = NAMA_TRIWULAN[ev.triwulan]
    tambahan = [Kepala("Capaian Renja (%) = 12 ÷ 7", rowspan=3)]
    if not kol.akhir_tahun:
        tambahan += [
            Kepala(f"Target Rencana Aksi s.d. Triwulan {tw} (kumulatif)", rowspan=3),
            Kepala(f"Capaian terhadap Rencana Aksi s.d. Triwulan {tw} (%)", rowspan=3),
        ]
    tambahan += [Kepala("Predikat", rowspan=3), Kepala("Status Verifikasi", rowspan=3)]
    return [
        [
            Kepala("No", rowspan=3),
            Kepala("Sasaran", rowspan=3),
            Kepala("Program/Kegiatan/Sub Kegiatan", rowspan=3),
            Kepala("Indikator Kinerja Program (outcome)/Kegiatan/Sub Kegiatan (output)", rowspan=3),
            Kepala(
                f"Target Renstra PD pada Tahun {ev.versi.tahun_akhir} (Akhir Periode Renstra PD)",
                colspan=2,
                rowspan=2,
            ),
            Kepala(
                f"Realisasi Capaian Kinerja Renstra PD s.d. Renja PD Tahun Lalu ({ev.tahun - 1})",
                colspan=2,
                rowspan=2,
            ),
            Kepala(f"Target Kinerja dan Anggaran Renja PD Tahun Berjalan ({ev.tahun})", colspan=2, rowspan=2),
            Kepala("Realisasi Kinerja pada Triwulan", colspan=8),
            Kepala("Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi", colspan=2, rowspan=2),
            Kepala(f"Realisasi Kinerja dan Anggaran Renstra PD s.d. Tahun {ev.tahun}", colspan=2, rowspan=2),
            Kepala(
                f"Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra PD s.d. Tahun {ev.tahun} (%)",
                colspan=2,
                rowspan=2,
            ),
            Kepala("Unit PD Penanggung Jawab", rowspan=3),
            *tambahan,
        ],
        [Kepala(r, colspan=2) for r in ("I", "II", "III", "IV")],
        [Kepala(x) for _ in range(10) for x in ("K", "Rp")],
        [
            *[Kepala(str(i)) for i in range(1, 5)],
            *[Kepala(str(i), colspan=2) for i in range(5, 13)],
            Kepala("13 = 6 + 12", colspan=2),
            Kepala("14 = 13 ÷ 5 × 100%", colspan=2),
            *[Kepala(str(i)) for i in range(15, 15 + len(tambahan) + 1)],
        ],
    ]


@tanpa_pengumpul()
def tabel_e81(ev: Evaluasi, *, unit_id: int | None = None, tanggal: dt.date | None = None) -> TabelLaporan:
    """Evaluasi terhadap Hasil Renja (Permendagri 86/2017 E.81) up to the report's quarter."""
    kol = KolomE81(ev.triwulan)
    n = kol.jumlah
    tw = ev.triwulan
    judul_unit = f" — {ev.r.unit[unit_id].nama}" if unit_id else ""
    tabel = TabelLaporan(
        kode="E.81",
        judul=f"Evaluasi terhadap Hasil Renja {_judul_pd(ev)}{judul_unit}",
        subjudul=f"Periode pelaksanaan: Triwulan {NAMA_TRIWULAN[tw]} Tahun {ev.tahun}"
        + (
            " (setahun penuh)"
            if tw == 4
            else " (triwulan I)"
            if tw == 1
            else f" (triwulan I–{NAMA_TRIWULAN[tw]})"
        )
        + f" · {ev.kalimat_verifikasi(unit_id)}",
        kepala=_kepala_e81(ev),
        lebar=[5, 24, 30, 30, *([9, 15] * 10), 16, 10, *([] if kol.akhir_tahun else [10, 10]), 12, 22],
        kolom_tetap=3,
        catatan=[
            "Kolom 12 = realisasi tahun berjalan dari triwulan I s.d. triwulan laporan: indikator hitungan dijumlahkan, "
            "persentase dan indeks memakai nilai triwulan terakhir yang terisi (atau rata-rata, menurut pengaturan indikator). "
            "Rp = jumlah realisasi anggaran triwulan.",
            "Kolom 13 = kolom 6 + kolom 12 untuk indikator yang dijumlahkan antartahun; untuk indikator tingkat (persen, indeks) "
            "kolom 13 adalah nilai terakhir. Rp selalu dijumlahkan.",
            "Kolom 14 = kolom 13 ÷ kolom 5 × 100% (untuk indikator makin kecil makin baik memakai rumus kebalikannya).",
            catatan_kolom_7(ev),
            *catatan_triwulan(kol),
            CATATAN_CAPAIAN,
            kalimat_batas(ev.pd.pemda.batasi_capaian_100),
            CATATAN_PREDIKAT,
            *catatan_verifikasi(ev.hanya_terverifikasi),
        ],
    )
    if ada_demo(ev):
        tabel.catatan.insert(0, CATATAN_DEMO)
    # A unit's own E.81 holds only the rows that unit reports.
    baris_pilih = ev.baris if unit_id is None else [b for b in ev.baris if b.unit_id == unit_id]
    nama_unit = r_nama_unit(ev.r)
    no = 0
    node_lalu = None
    # Rows of one unit share their verification: its cell is written once per status.
    sel_verifikasi: dict[int, tuple[vf.StatusBaris, Sel]] = {}
    sel_unit: dict[int | None, Sel] = {}
    for b in baris_pilih:
        b.lengkapi()
        baris: list[Sel | None] = [KOSONG] * n
        if b.node is not node_lalu:
            node_lalu = b.node
            no += 1
            baris[0] = Sel(no, ANGKA)
            if b.node.tingkat <= T.SASARAN:
                baris[1] = Sel(b.node.nama)
            else:
                baris[2] = Sel(nama_node(b.node))
        if b.ind is not None:
            _kolom_kinerja_e81(baris, b, ev, kol)
        if b.ada_rp:
            _kolom_anggaran_e81(baris, b)
        if b.unit_id not in sel_unit:
            unit = ev.r.unit.get(b.unit_id) if b.unit_id else None
            sel_unit[b.unit_id] = Sel(unit.nama if unit else "")
        baris[KOLOM_UNIT] = sel_unit[b.unit_id]
        sb = b.verifikasi
        if id(sb) not in sel_verifikasi:
            sel_verifikasi[id(sb)] = (sb, sel_status(sb, nama_unit, ev.tahun))
        baris[n - 1] = sel_verifikasi[id(sb)][1]
        kelas = f"tebal t{b.node.tingkat}" if b.node.tingkat < T.SUB_KEGIATAN else ""
        tabel.tambah(baris, kelas_status(kelas, sb), sb.status)
    tabel.catatan[:0] = catatan_akhir_periode(ev, baris_pilih)
    tabel.kaki = kaki_e81(ev, baris_pilih)
    _kaki_e81(tabel, ev, baris_pilih, kol)
    tabel.ttd = ttd_e81(ev, tanggal)
    tabel.catatan.extend(catatan_ttd(tabel.ttd))
    return tabel


def catatan_triwulan(kol: KolomE81) -> list[str]:
    if kol.akhir_tahun:
        return []
    return [
        f"Triwulan {NAMA_TRIWULAN[kol.triwulan]} belum akhir tahun: capaian kolom 12 ÷ 7 menunjukkan kemajuan "
        "terhadap target setahun dan tidak diberi predikat. Predikat triwulan ini dihitung terhadap target "
        "rencana aksi (target kumulatif s.d. triwulan yang ditetapkan bersama Perjanjian Kinerja); baris tanpa "
        "target rencana aksi bertanda 'belum akhir tahun'."
    ]


def catatan_akhir_periode(ev: Evaluasi, baris: list[BarisEvaluasi]) -> list[str]:
    """What column 5 stands on, and the rows whose measure has no end-of-period target (flagged, never guessed)."""
    v = ev.versi
    kemudian = [b for b in baris if mulai_kemudian(ev, b)]
    teks = [
        f"Kolom 5 = target akhir periode Renstra ({v.tahun_rencana_awal}–{v.tahun_akhir}) menurut aturan kondisi "
        "akhir indikator; indikator yang ditautkan perencana ke indikator lanjutannya (mis. rumusan Tabel 6.1 "
        "→ Tabel 6.2) dibaca sebagai satu ukuran. Kolom 6 dan 13 menghitung tahun yang sama untuk K dan Rp "
        f"(mulai {v.tahun_rencana_awal})" + (", kecuali baris yang disebut di bawah." if kemudian else ".")
    ]
    if kemudian:
        teks.append(
            f"PERHATIAN: {len(kemudian)} baris indikator baru bertarget sesudah tahun {v.tahun_rencana_awal} dan "
            "tidak ditautkan ke indikator tahun sebelumnya: kolom 6 K kosong untuk tahun sebelum indikator itu "
            f"bertarget dan kolom 13–14 K menghitung mulai tahun pertamanya, sedangkan Rp mulai {v.tahun_rencana_awal}. "
            "Bila indikator itu rumusan baru dari ukuran yang sama, perencana dapat menautkannya di halaman Tautan "
            "indikator."
        )
    tanpa = [b for b in baris if b.ind is not None and b.target_akhir is None]
    if tanpa:
        teks.append(
            f"PERHATIAN: {len(tanpa)} baris indikator tidak mempunyai target akhir periode (kolom 5 dan 14 "
            f"bertanda –): indikatornya tidak bertarget pada tahun {v.tahun_akhir} dan tidak ditautkan ke "
            "indikator lanjutan. Perencana dapat menautkannya di halaman Tautan indikator."
        )
    demo = {t for t in ev.r.sumber_tautan.values() if t == "demo"}
    if demo:
        teks.append("Tautan indikator pada data contoh ini dikonfirmasi sebagai DATA DEMONSTRASI.")
    return teks


def mulai_kemudian(ev: Evaluasi, b: BarisEvaluasi) -> bool:
    """An indicator row of a later year whose measure has no target in the version's first planned year:
    its K columns 6 and 13 count fewer years than the Rp beside them (an unlinked successor wording)."""
    awal = ev.versi.tahun_rencana_awal
    return b.ind is not None and ev.tahun > awal and ev.r.target_rantai(b.ind.pk, b.lokasi_id, awal) is None


def _sel_indikator(ev: Evaluasi, b: BarisEvaluasi) -> tuple[Sel, Sel]:
    """Columns 4 and 5 K of an indicator row (its name, the end-of-period target): from the plan alone,
    so made once per plan revision and kept with it."""
    tetap = ev.r.turunan(("e81", "sel_indikator"), dict)
    kunci = (b.ind.pk, b.lokasi_id)
    hasil = tetap.get(kunci)
    if hasil is None:
        ind = b.ind
        lokasi = f" — {ev.r.unit[b.lokasi_id].nama_pendek}" if b.lokasi_id else ""
        akhir = b.target_akhir
        hasil = tetap[kunci] = (
            Sel(f"{ind.nama}{lokasi}" + (f" ({ind.satuan})" if ind.satuan else "")),
            sel_target(akhir, ind.satuan) if akhir is not None else STRIP,
        )
    return hasil


def _kolom_kinerja_e81(baris: list[Sel | None], b: BarisEvaluasi, ev: Evaluasi, kol: KolomE81) -> None:
    ind = b.ind
    baris[3], baris[4] = _sel_indikator(ev, b)
    baris[6] = sel_nilai(b.lalu)
    baris[8] = sel_target(b.target_tahun, ind.satuan)
    for q in range(4):
        baris[10 + 2 * q] = sel_data(b.tw[q] if b.tw else None)
    baris[18] = sel_nilai(b.realisasi, b.realisasi_label)
    baris[20] = sel_nilai(b.sd_kini, b.realisasi_label if b.sd_kini is None else "")
    baris[K14] = sel_capaian(b.capaian_renstra) if b.target_akhir is not None else STRIP
    baris[KOLOM_CAPAIAN] = sel_capaian(b.capaian)
    if kol.akhir_tahun:
        p = b.predikat
        baris[kol.predikat] = sel_teks_tetap(p.label if p else "")
        return
    target, c = capaian_aksi(ev, b)
    baris[kol.target_aksi] = sel_nilai(target) if target is not None else STRIP
    baris[kol.capaian_aksi] = sel_capaian(c) if c is not None else STRIP
    if c is None:
        baris[kol.predikat] = sel_teks_tetap(BELUM_AKHIR_TAHUN)
    else:
        baris[kol.predikat] = sel_teks_tetap(c.predikat.label if c.predikat else "")


def capaian_aksi(ev: Evaluasi, b: BarisEvaluasi) -> tuple[Decimal | None, cp.Capaian | None]:
    """The row's rencana aksi target up to the report's quarter and the capaian against it (None, None
    for the whole year, or when the planner set no quarterly target for the row)."""
    if b.ind is None:
        return None, None
    target = ev.target_aksi.get((b.ind.pk, b.lokasi_id))
    if target is None:
        return None, None
    return target, cp.hitung(arah=b.ind.arah, target=target, realisasi=b.realisasi)


def _kolom_anggaran_e81(baris: list[Sel | None], b: BarisEvaluasi) -> None:
    baris[5] = sel_rupiah(b.rp_akhir)
    baris[7] = sel_rupiah(b.rp_lalu)
    baris[9] = Sel(b.rp_target, RUPIAH, judul=", ".join(LABEL_DASAR[d] for d in b.rp_dasar))
    for q in range(4):
        baris[11 + 2 * q] = sel_rupiah(b.rp_tw[q]) if b.rp_tw else KOSONG
    baris[19] = sel_rupiah(b.rp_realisasi)
    baris[21] = sel_rupiah(b.rp_sd_kini)
    baris[RP14] = sel_persen(
        b.rp_capaian_renstra, "realisasi anggaran s.d. tahun ini ÷ pagu seluruh periode × 100"
    )


def teks_faktor(daftar: list[tuple[str, str, str]]) -> str:
    """The units' explanations for a footer row; those not yet verified say so."""
    bagian = []
    for unit, teks, status in daftar:
        tanda = "" if status == vf.S.DIVERIFIKASI else f" ({vf.KODE[status]}, belum diverifikasi)"
        bagian.append(f"{unit}{tanda}: {teks}" if unit or tanda else teks)
    return "; ".join(bagian) or "–"


# --- footers: means per plan level, the pemda's capping rule, signatures ---------------------------

BELUM_AKHIR_TAHUN = "belum akhir tahun"
NAMA_TINGKAT = {
    T.TUJUAN: "tujuan",
    T.SASARAN: "sasaran",
    T.PROGRAM: "program",
    T.KEGIATAN: "kegiatan",
    T.SUB_KEGIATAN: "sub kegiatan",
}
BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
# The footer rows of E.81 with explanations, in the form's order: (label, Realisasi field, JSON key).
FAKTOR_E81 = (
    ("Faktor pendorong keberhasilan pencapaian", "faktor_pendorong", "faktor_pendorong"),
    ("Faktor penghambat pencapaian kinerja", "faktor_penghambat", "faktor_penghambat"),
    (
        "Tindak lanjut yang diperlukan dalam triwulan berikutnya",
        "tindak_lanjut",
        "tindak_lanjut_triwulan_berikutnya",
    ),
    (
        "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah tahun berikutnya",
        "tindak_lanjut_renja",
        "tindak_lanjut_renja_berikutnya",
    ),
)


def tanggal_indonesia(d: dt.date) -> str:
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def kalimat_batas(batas_100: bool) -> str:
    """What the report says about capaian above 100 % in its means (the pemda's setting)."""
    if batas_100:
        return "Capaian di atas 100% dihitung 100% dalam rata-rata (pengaturan pemerintah daerah)."
    return "Capaian di atas 100% dihitung apa adanya (tidak dibatasi 100%) dalam rata-rata (pengaturan pemerintah daerah)."


@dataclass(frozen=True)
class Rata:
    """The mean of one footer column over the rows of one plan level."""

    nilai: Decimal | None
    jumlah: int  # rows whose value entered the mean

    @property
    def predikat(self) -> cp.Predikat | None:
        return cp.predikat(self.nilai)


def rata_kolom(baris: list[BarisEvaluasi], nilai, *, batas_100: bool) -> Rata:
    """The mean of ``nilai(row)`` over the rows that have one, capped at 100 when asked."""
    ada = [v for v in (nilai(b) for b in baris) if v is not None]
    return Rata(cp.rata_rata(ada, batas_100=batas_100), len(ada))


def per_tingkat(baris: list[BarisEvaluasi]) -> dict[int, list[BarisEvaluasi]]:
    """Rows by plan level, in the plan's order of levels."""
    hasil: dict[int, list[BarisEvaluasi]] = {}
    for b in sorted(baris, key=lambda b: b.node.tingkat):
        hasil.setdefault(b.node.tingkat, []).append(b)
    return hasil


def _nilai_capaian(c: cp.Capaian | None) -> Decimal | None:
    return c.nilai if c is not None else None


@dataclass
class RataTingkatE81:
    tingkat: int
    baris: int  # indicator rows of the level
    capaian: Rata  # the year's capaian (12 ÷ 7)
    renstra_k: Rata  # column 14 K
    renstra_rp: Rata  # column 14 Rp
    aksi: Rata | None  # TW I–III: capaian against the rencana aksi
    baris_aksi: int = 0  # rows of the level with a rencana aksi target


def kaki_e81(ev: Evaluasi, baris: list[BarisEvaluasi]) -> dict:
    """The footer of E.81 as data: the means per plan level, the capping rule, the explanations."""
    batas = ev.pd.pemda.batasi_capaian_100
    berindikator = [b for b in baris if b.ind is not None and b.target is not None]
    anggaran = per_tingkat([b for b in baris if b.ada_rp])
    rata = []
    for tingkat, daftar in per_tingkat(berindikator).items():
        aksi = [capaian_aksi(ev, b) for b in daftar]
        rata.append(
            RataTingkatE81(
                tingkat=tingkat,
                baris=len(daftar),
                capaian=rata_kolom(daftar, lambda b: _nilai_capaian(b.capaian), batas_100=batas),
                renstra_k=rata_kolom(daftar, lambda b: _nilai_capaian(b.capaian_renstra), batas_100=batas),
                renstra_rp=rata_kolom(
                    anggaran.get(tingkat, []), lambda b: b.rp_capaian_renstra, batas_100=batas
                ),
                aksi=None
                if ev.triwulan >= 4
                else Rata(
                    cp.rata_rata((_nilai_capaian(c) for _, c in aksi), batas_100=batas),
                    sum(1 for _, c in aksi if c is not None and c.nilai is not None),
                ),
                baris_aksi=sum(1 for t, _ in aksi if t is not None),
            )
        )
    kolom_faktor = tuple(kolom for _, kolom, _ in FAKTOR_E81)
    kunci_faktor = [kunci for _, _, kunci in FAKTOR_E81]
    faktor = ev.faktor_kolom(kolom_faktor, baris)
    return {
        "batasi_capaian_100": batas,
        "keterangan_batas": kalimat_batas(batas),
        "akhir_tahun": ev.triwulan >= 4,
        "rata": rata,
        "faktor": {kunci: faktor[kolom] for kunci, kolom in zip(kunci_faktor, kolom_faktor, strict=True)},
    }


def label_predikat(r: Rata | None, *, akhir_tahun: bool = True) -> str:
    """A footer's predikat: none before the year ends (or without a rencana aksi target), "–" without a mean."""
    if not akhir_tahun or r is None:
        return BELUM_AKHIR_TAHUN
    return r.predikat.label if r.predikat else "–"


def _sel_rata(r: Rata | None, judul: str) -> Sel:
    if r is None or r.nilai is None:
        return Sel("–", judul=judul)
    return Sel(cp.bulat(r.nilai), PERSEN, judul=f"{judul}: rata-rata {r.jumlah} baris")


def _kaki_rata_e81(tabel: Tabel, data: dict, kol: KolomE81) -> None:
    """Two footer rows per plan level: the mean capaian under each capaian column, then its predikat."""
    n = kol.jumlah
    akhir = kol.akhir_tahun
    for x in data["rata"]:
        nama = NAMA_TINGKAT[x.tingkat]
        aksi = x.aksi if x.baris_aksi else None
        # The label also says the level's main figure, so that it is read without scrolling sideways
        # to the column (capaian Renja at year end, against the rencana aksi before it).
        utama, nama_utama = (x.capaian, "capaian Renja") if akhir else (aksi, "capaian thd rencana aksi")
        ringkas = (
            f"{nama_utama} {angka.format_persen(cp.bulat(utama.nilai))}"
            if utama is not None and utama.nilai is not None
            else f"{nama_utama} –"
        )
        baris: list[Sel | None] = [
            Sel(
                f"Rata-rata capaian kinerja {nama} (%) — {x.baris} baris indikator · {ringkas}",
                kelas="tebal",
                colspan=K14,
            )
        ] + [None] * (n - 1)
        baris[K14] = _sel_rata(x.renstra_k, "tingkat capaian kinerja Renstra (kolom 14 K)")
        baris[RP14] = _sel_rata(x.renstra_rp, "realisasi anggaran Renstra (kolom 14 Rp)")
        baris[KOLOM_UNIT] = KOSONG
        baris[KOLOM_CAPAIAN] = _sel_rata(x.capaian, "capaian Renja (12 ÷ 7)")
        predikat_utama = label_predikat(x.capaian) if akhir else label_predikat(aksi)
        pred: list[Sel | None] = [
            Sel(f"Predikat kinerja {nama} · {predikat_utama}", kelas="tebal", colspan=K14)
        ] + [None] * (n - 1)
        pred[K14] = Sel(label_predikat(x.renstra_k, akhir_tahun=akhir))
        pred[RP14] = Sel(label_predikat(x.renstra_rp, akhir_tahun=akhir))
        pred[KOLOM_UNIT] = KOSONG
        pred[KOLOM_CAPAIAN] = Sel(label_predikat(x.capaian, akhir_tahun=akhir))
        if not akhir:
            baris[kol.target_aksi] = Sel(
                f"{x.baris_aksi} dari {x.baris} baris", judul="baris yang mempunyai target rencana aksi"
            )
            baris[kol.capaian_aksi] = _sel_rata(aksi, "capaian terhadap rencana aksi")
            pred[kol.target_aksi] = KOSONG
            pred[kol.capaian_aksi] = Sel(label_predikat(aksi))
        for sisa in (baris, pred):
            for i in range(kol.predikat, n):
                sisa[i] = KOSONG
        tabel.tambah(baris, "kaki")
        tabel.tambah(pred, "kaki")


def _kaki_e81(tabel: Tabel, ev: Evaluasi, baris: list[BarisEvaluasi], kol: KolomE81) -> None:
    """The footer of E.81 as the form draws it: means and predikat per level, absorption, explanations."""
    n = kol.jumlah
    sub = [b for b in baris if b.ada_rp and b.node.tingkat == T.SUB_KEGIATAN and b.rp_target is not None]
    pagu = sum((b.rp_target for b in sub), NOL)
    real = sum((b.rp_realisasi or NOL for b in sub), NOL)
    serapan = cp.serapan(real, pagu) if sub else None

    def isi(label: str, nilai: Sel) -> None:
        tabel.tambah(
            [Sel(label, kelas="tebal", colspan=4), None, None, None, nilai, *([None] * (n - 5))], "kaki"
        )

    _kaki_rata_e81(tabel, tabel.kaki, kol)
    isi("Capaian di atas 100%", Sel(tabel.kaki["keterangan_batas"], colspan=n - 4))
    isi(
        "Realisasi anggaran (serapan) sub kegiatan",
        Sel(
            f"Rp{angka.format_rupiah(real)} dari anggaran Rp{angka.format_rupiah(pagu)} = {angka.format_persen(serapan)}"
            if serapan is not None
            else "–",
            colspan=n - 4,
        ),
    )
    for judul, _kolom, kunci in FAKTOR_E81:
        isi(judul, Sel(teks_faktor(tabel.kaki["faktor"][kunci]), colspan=n - 4))


@dataclass(frozen=True)
class TandaTangan:
    """A signature block under a form: "Disusun"/"Dievaluasi", place and date, office, name, NIP."""

    peran: str
    tempat_tanggal: str
    jabatan: str
    nama: str
    nip: str

    def baris(self) -> list[str]:
        return [
            f"{self.peran}, {self.tempat_tanggal}",
            self.jabatan,
            self.nama or "(………………………………)",
            f"NIP. {self.nip or '………………………………'}",
        ]


def _tempat_tanggal(pemda, tanggal: dt.date | None) -> str:
    return f"{tempat_bawaan(pemda)}, {tanggal_indonesia(tanggal or timezone.localdate())}"


def ttd_kepala_pd(pd, tanggal: dt.date | None) -> TandaTangan:
    jabatan = pd.pimpinan_jabatan or f"Kepala {pd.nama}"
    return TandaTangan(
        "Disusun",
        _tempat_tanggal(pd.pemda, tanggal),
        f"Kepala Perangkat Daerah ({jabatan})",
        pd.pimpinan_nama,
        pd.pimpinan_nip,
    )


def ttd_e81(ev: Evaluasi, tanggal: dt.date | None = None) -> list[TandaTangan]:
    """E.81 is drawn up by the head of the PD and evaluated by the head of the Bappeda."""
    pemda = ev.pd.pemda
    return [
        ttd_kepala_pd(ev.pd, tanggal),
        TandaTangan(
            "Dievaluasi",
            _tempat_tanggal(pemda, tanggal),
            f"Kepala Bappeda {pemda.nama}",
            pemda.kepala_bappeda_nama,
            pemda.kepala_bappeda_nip,
        ),
    ]


def catatan_ttd(ttd: list[TandaTangan]) -> list[str]:
    """Which signature block still lacks a name or NIP, and where an administrator fills it."""
    teks = []
    for t in ttd:
        if not t.nama or not t.nip:
            tempat = "pengaturan pemerintah daerah" if t.peran == "Dievaluasi" else "data perangkat daerah"
            teks.append(
                f"Blok tanda tangan '{t.peran}' — {t.jabatan} — belum lengkap: nama atau NIP belum diisi "
                f"di Administrasi, {tempat}."
            )
    return teks


# --- E.80 ----------------------------------------------------------------------------------


def evaluasi_periode(r: Rencana, *, hanya_terverifikasi: bool = False) -> dict[int, Evaluasi]:
    return {y: muat_evaluasi(r, y, 4, hanya_terverifikasi=hanya_terverifikasi) for y in r.versi.tahun_rencana}


def _persetujuan_periode(per_tahun: dict[int, Evaluasi]) -> dict[int, str]:
    """Where the pemda approves in two levels, Bappeda's approval of triwulan IV of each year with
    reports (one query): ", disetujui Bappeda 3 Desember 2026" or what it still lacks."""
    tahun = [y for y, e in per_tahun.items() if e.laporan]
    if not tahun:
        return {}
    pd = next(iter(per_tahun.values())).pd
    if not dua_tingkat(pd):
        return {}
    ada = persetujuan_tahun(pd, tahun, 4)
    return {y: ", " + status_persetujuan_singkat(ada.get(y)) for y in tahun}


def kalimat_periode(per_tahun: dict[int, Evaluasi]) -> str:
    """How many units are verified in each year that has reports, for a multi-year report's header."""
    bagian = []
    setuju = _persetujuan_periode(per_tahun)
    for y, e in sorted(per_tahun.items()):
        if e.laporan:
            sudah, semua = e.unit_terverifikasi()
            bagian.append(f"{y}: {sudah} dari {semua} unit (triwulan IV)" + setuju.get(y, ""))
    hanya = any(e.hanya_terverifikasi for e in per_tahun.values())
    kalimat = "Terverifikasi — " + "; ".join(bagian) if bagian else "Belum ada laporan triwulan"
    return kalimat + ("; hanya realisasi yang terverifikasi yang dihitung" if hanya else "")


# Column layout of E.80 as the form draws it: 1 No, 2 Sasaran, 3 Program/Kegiatan (with its code),
# 4 Indikator, 5 Data capaian awal, 6 Target capaian pada akhir tahun perencanaan (K, Rp), then per year of
# the period Target (7–11), Realisasi (12–16) and Rasio (17–21), each K and Rp, and 22 Unit penanggung
# jawab (for a five-year period). The verification status is this system's own last column.
AWAL_E80 = 7  # first body column of the yearly groups


def _kepala_e80(r: Rencana, tahun: list[int]) -> list[list[Kepala]]:
    """E.80's header: the element, its baseline and end-of-period target, then K and Rp per year."""
    m = len(tahun)
    v = r.versi
    per_tahun = [Kepala(f"{i} ({y})", colspan=2) for i, y in enumerate(tahun, start=1)]
    return [
        [
            Kepala("No", rowspan=3),
            Kepala("Sasaran", rowspan=3),
            Kepala("Program/Kegiatan/Sub Kegiatan", rowspan=3),
            Kepala("Indikator Kinerja Program (outcome)/Kegiatan (output)", rowspan=3),
            Kepala(f"Data Capaian pada Awal Tahun Perencanaan ({v.tahun_kondisi_awal or ''})", rowspan=3),
            Kepala(f"Target Capaian pada Akhir Tahun Perencanaan ({v.tahun_akhir})", colspan=2, rowspan=2),
            Kepala("Target Renstra Perangkat Daerah Tahun ke-", colspan=2 * m),
            Kepala("Realisasi Capaian Tahun ke-", colspan=2 * m),
            Kepala("Rasio Capaian pada Tahun ke- (%)", colspan=2 * m),
            Kepala("Unit PD Penanggung Jawab", rowspan=3),
            Kepala("Status Verifikasi", rowspan=3),
        ],
        per_tahun * 3,
        [Kepala(x) for _ in range(1 + 3 * m) for x in ("K", "Rp")],
        [
            *[Kepala(str(i)) for i in range(1, 6)],
            *[Kepala(str(i), colspan=2) for i in range(6, 7 + 3 * m)],
            Kepala(str(7 + 3 * m)),
            Kepala(str(8 + 3 * m)),
        ],
    ]


@tanpa_pengumpul()
def tabel_e80(
    r: Rencana,
    per_tahun: dict[int, Evaluasi] | None = None,
    *,
    hanya_terverifikasi: bool = False,
    tanggal: dt.date | None = None,
) -> TabelLaporan:
    """Evaluasi terhadap Hasil Renstra (E.80): target, realisasi and rasio per year of the period."""
    per_tahun = per_tahun or evaluasi_periode(r, hanya_terverifikasi=hanya_terverifikasi)
    tahun = r.versi.tahun_rencana
    m = len(tahun)
    n = AWAL_E80 + 6 * m + 2
    tabel = TabelLaporan(
        kode="E.80",
        judul=f"Evaluasi terhadap Hasil Renstra {_judul_pd(r)}",
        subjudul=f"Periode {tahun[0]}–{tahun[-1]} · {kalimat_periode(per_tahun)}",
        kepala=_kepala_e80(r, tahun),
        lebar=[5, 22, 34, 30, 10, 9, 15, *([9, 14] * 3 * m), 16, 22],
        catatan=[
            "Kolom 6 = target akhir periode Renstra menurut aturan kondisi akhir indikator (K) dan jumlah pagu "
            "seluruh tahun periode (Rp).",
            "Realisasi per tahun dari laporan triwulan (atau realisasi setahun); rasio K = capaian tahun itu, "
            "rasio Rp = realisasi anggaran ÷ anggaran tahun itu × 100%: APBD bila sudah diisi, selain itu pagu Renja "
            "yang ditetapkan atau pagu indikatif Renstra. Kolom target Rp tetap kerangka pendanaan Renstra.",
            CATATAN_CAPAIAN,
            kalimat_batas(r.pd.pemda.batasi_capaian_100),
            CATATAN_PREDIKAT,
            *catatan_verifikasi(any(e.hanya_terverifikasi for e in per_tahun.values())),
        ],
    )
    tabel.catatan += [e.dasar for _, e in sorted(per_tahun.items()) if e.dasar]
    if any(ada_demo(e) for e in per_tahun.values()):
        tabel.catatan.insert(0, CATATAN_DEMO)
    kunci_baris = {
        y: {(b.node.pk, b.ind.pk if b.ind else None, b.lokasi_id): b for b in e.baris}
        for y, e in per_tahun.items()
    }
    nama_unit = r_nama_unit(r)
    no = 0
    node_lalu = None
    for br in baris_rencana(r, tahun):
        node, ind, lok = br.node, br.indikator, br.lokasi_id
        baris: list[Sel | None] = [KOSONG] * n
        if node is not node_lalu:
            node_lalu = node
            no += 1
            baris[0] = Sel(no, ANGKA)
            baris[1 if node.tingkat <= T.SASARAN else 2] = Sel(nama_node(node))
        per_y = [kunci_baris[y].get((node.pk, ind.pk if ind else None, lok)) for y in tahun]
        _isi_baris_e80(baris, r, br, tahun, per_y)
        unit = r.unit.get(lok) if lok else r.unit_kerja(node)
        baris[n - 2] = Sel(unit.nama if unit else "")
        sb = vf.gabung(b.verifikasi for b in per_y if b is not None)
        baris[n - 1] = sel_status(sb, nama_unit)
        kelas = f"tebal t{node.tingkat}" if node.tingkat < T.SUB_KEGIATAN else ""
        tabel.tambah(baris, kelas_status(kelas, sb), sb.status)
    tabel.kaki = kaki_e80(r, per_tahun)
    _kaki_e80(tabel, tahun)
    tabel.ttd = [ttd_kepala_pd(r.pd, tanggal)]
    tabel.catatan.extend(catatan_ttd(tabel.ttd))
    return tabel


def _isi_baris_e80(baris: list[Sel | None], r: Rencana, br, tahun: list[int], per_y: list) -> None:
    """The columns 4–21 of one E.80 row: indicator, baseline, end-of-period target, then per year."""
    node, ind, lok = br.node, br.indikator, br.lokasi_id
    m = len(tahun)
    if ind is not None:
        lokasi = f" — {r.unit[lok].nama_pendek}" if lok else ""
        baris[3] = Sel(f"{ind.nama}{lokasi}")
        baris[4] = sel_target(r.awal.get((ind.pk, lok)), ind.satuan)
        akhir = r.akhir_periode(ind, lok)
        baris[5] = sel_target(akhir, ind.satuan) if akhir is not None else Sel("–")
    if br.pertama_lokasi:
        sub = node.tingkat == T.SUB_KEGIATAN
        pagu = [r.pagu_node(node, y, lok) if sub else r.pagu_node(node, y) for y in tahun]
        ada = [x for x in pagu if x is not None]
        baris[6] = Sel(sum(ada, NOL), RUPIAH) if ada else KOSONG
    for k, y in enumerate(tahun):
        b = per_y[k]
        if ind is not None:
            baris[AWAL_E80 + 2 * k] = sel_target(r.target.get((ind.pk, lok, y)), ind.satuan)
            if b is not None:
                baris[AWAL_E80 + 2 * m + 2 * k] = sel_nilai(b.realisasi, b.realisasi_label)
                baris[AWAL_E80 + 4 * m + 2 * k] = sel_capaian(b.capaian)
        if br.pertama_lokasi:
            baris[AWAL_E80 + 1 + 2 * k] = Sel(pagu[k], RUPIAH)
            if b is not None and b.ada_rp:
                baris[AWAL_E80 + 1 + 2 * m + 2 * k] = Sel(b.rp_realisasi, RUPIAH)
                baris[AWAL_E80 + 1 + 4 * m + 2 * k] = sel_persen(b.rp_capaian)


# The footer rows of E.80 with explanations, in the form's order: (label, Realisasi field or None, JSON key).
FAKTOR_E80 = (
    ("Faktor pendorong keberhasilan pencapaian", "faktor_pendorong", "faktor_pendorong"),
    ("Faktor penghambat pencapaian kinerja", "faktor_penghambat", "faktor_penghambat"),
    (
        "Usulan tindak lanjut pada Renja Perangkat Daerah berikutnya",
        "tindak_lanjut_renja",
        "usulan_tindak_lanjut_renja",
    ),
    ("Usulan tindak lanjut pada Renstra Perangkat Daerah berikutnya", None, "usulan_tindak_lanjut_renstra"),
)


@dataclass
class RataTingkatE80:
    tingkat: int
    k: dict[int, Rata]  # year → mean of the capaian of the level's indicator rows (rasio K)
    rp: dict[int, Rata]  # year → mean of the level's budget ratios (rasio Rp)


def kaki_e80(r: Rencana, per_tahun: dict[int, Evaluasi]) -> dict:
    """The footer of E.80 as data: per plan level and year the mean rasio (K and Rp), the capping
    rule, and the explanations of every year (each prefixed with its year)."""
    batas = r.pd.pemda.batasi_capaian_100
    tingkat: dict[int, RataTingkatE80] = {}
    for y, ev in sorted(per_tahun.items()):
        anggaran = per_tingkat([b for b in ev.baris if b.ada_rp])
        for t, daftar in per_tingkat(ev.baris_indikator).items():
            x = tingkat.setdefault(t, RataTingkatE80(t, {}, {}))
            x.k[y] = rata_kolom(daftar, lambda b: _nilai_capaian(b.capaian), batas_100=batas)
            x.rp[y] = rata_kolom(anggaran.get(t, []), lambda b: b.rp_capaian, batas_100=batas)
    faktor: dict[str, list] = {}
    for _, kolom, kunci in FAKTOR_E80:
        faktor[kunci] = []
        if kolom is None:
            continue
        for y, ev in sorted(per_tahun.items()):
            faktor[kunci] += [(f"{y} {u}".strip(), t, st) for u, t, st in ev.faktor(kolom)]
    return {
        "batasi_capaian_100": batas,
        "keterangan_batas": kalimat_batas(batas),
        "rata": [tingkat[t] for t in sorted(tingkat)],
        "faktor": faktor,
    }


def _kaki_e80(tabel: TabelLaporan, tahun: list[int]) -> None:
    """Means and predikat per level under the yearly rasio columns, then the explanations."""
    m = len(tahun)
    n = AWAL_E80 + 6 * m + 2
    awal_rasio = AWAL_E80 + 4 * m
    for x in tabel.kaki["rata"]:
        nama = NAMA_TINGKAT[x.tingkat]
        rata: list[Sel | None] = [
            Sel(f"Rata-rata capaian kinerja {nama} (%)", kelas="tebal", colspan=awal_rasio)
        ] + [None] * (n - 1)
        pred: list[Sel | None] = [Sel(f"Predikat kinerja {nama}", kelas="tebal", colspan=awal_rasio)] + [
            None
        ] * (n - 1)
        for k, y in enumerate(tahun):
            for geser, per in ((0, x.k), (1, x.rp)):
                r_ = per.get(y)
                rata[awal_rasio + 2 * k + geser] = _sel_rata(r_, f"rasio {'K' if geser == 0 else 'Rp'} {y}")
                pred[awal_rasio + 2 * k + geser] = Sel(
                    label_predikat(r_) if r_ and r_.nilai is not None else "–"
                )
        for sisa in (rata, pred):
            sisa[n - 2] = sisa[n - 1] = KOSONG
        tabel.tambah(rata, "kaki")
        tabel.tambah(pred, "kaki")

    def isi(label: str, teks: str) -> None:
        tabel.tambah(
            [
                Sel(label, kelas="tebal", colspan=4),
                None,
                None,
                None,
                Sel(teks, colspan=n - 4),
                *([None] * (n - 5)),
            ],
            "kaki",
        )

    isi("Capaian di atas 100%", tabel.kaki["keterangan_batas"])
    for judul, kolom, kunci in FAKTOR_E80:
        if kolom is None:
            isi(
                judul,
                "– (diisi pada dokumen cetak: belum ada isian usulan untuk Renstra berikutnya di sistem)",
            )
        else:
            isi(judul, teks_faktor(tabel.kaki["faktor"][kunci]))


@dataclass(frozen=True)
class JenisLaporan:
    kode: str
    nama: str
    per_triwulan: bool = False


DAFTAR_LAPORAN: dict[str, JenisLaporan] = {
    j.kode: j
    for j in (
        JenisLaporan("E.81", "Evaluasi terhadap hasil Renja (per triwulan)", per_triwulan=True),
        JenisLaporan("E.80", "Evaluasi terhadap hasil Renstra"),
        JenisLaporan("PK", "Perjanjian Kinerja"),
        JenisLaporan("LKJIP", "Tabel capaian LKjIP"),
        JenisLaporan("RENJA", "Renja: rumusan program dan kegiatan tahun n dan n+1, evaluasi tahun lalu"),
        JenisLaporan("2.3.1", "Pencapaian kinerja pelayanan periode berjalan"),
        JenisLaporan("2.3.2", "Anggaran dan realisasi pendanaan periode berjalan"),
    )
}
