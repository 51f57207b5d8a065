"""Evaluation reports built from the data: E.81, E.80, Perjanjian Kinerja, LKjIP (``lkjip``), Renja
(``renja``), and Tabel 2.3.1 / 2.3.2 of the running period.

Each builder returns ``Tabel`` objects (screen, print and XLSX from one structure) and
every figure in them is computed from targets, pagu and realisations; the notes under
each table say how.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from kinerja.core import angka
from kinerja.core.tabel import ANGKA, KOSONG, NILAI, PERSEN, RUPIAH, Kepala, Sel, Tabel
from kinerja.monev import capaian as cp
from kinerja.monev import verifikasi as vf
from kinerja.monev.anggaran import LABEL as LABEL_DASAR
from kinerja.monev.selectors import NAMA_TRIWULAN, BarisEvaluasi, Evaluasi, angka_nilai, muat_evaluasi
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


def sel_nilai(v: Decimal | None, label: str = "") -> Sel:
    """A realisation as a cell: the number; a label with its score ("BB (72,5)"); or the label alone."""
    if v is not None and label:
        return Sel(f"{label} ({angka.format_angka(v)})", NILAI)
    if v is not None:
        return Sel(int(v) if v == v.to_integral_value() else v, NILAI)
    return Sel(label or None, NILAI)


def sel_data(d) -> Sel:
    """One stored realisation as a cell."""
    if d is None:
        return KOSONG
    v = angka_nilai(d)
    return sel_nilai(v, d.label if v is not None else (d.label or d.teks))


def sel_target(t, satuan: str = "") -> Sel:
    return Sel(nilai_target(t, satuan), NILAI) if t is not None else KOSONG


def sel_capaian(c: cp.Capaian | None) -> Sel:
    if c is None:
        return KOSONG
    if c.nilai is not None:
        return Sel(cp.bulat(c.nilai), PERSEN, judul=c.rumus)
    return Sel(c.label_status, judul=c.rumus)


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


def _kepala_e81(ev: Evaluasi) -> list[list[Kepala]]:
    return [
        [
            Kepala("No", rowspan=3),
            Kepala("Sasaran", rowspan=3),
            Kepala("Program/Kegiatan/Sub Kegiatan", rowspan=3),
            Kepala("Indikator Kinerja Program (outcome)/Kegiatan/Sub Kegiatan (output)", rowspan=3),
            Kepala(
                f"Target Renstra PD pada Tahun {ev.versi.tahun_akhir} (Akhir Periode Renstra)",
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
            Kepala("Capaian Renja (%) = 12 ÷ 7", rowspan=3),
            Kepala("Predikat", rowspan=3),
            Kepala("Status Verifikasi", rowspan=3),
        ],
        [Kepala(r, colspan=2) for r in ("I", "II", "III", "IV")],
        [Kepala(x) for _ in range(10) for x in ("K", "Rp")],
        [
            *[Kepala(str(i)) for i in range(1, 5)],
            *[Kepala(str(i), colspan=2) for i in range(5, 15)],
            *[Kepala(str(i)) for i in range(15, 19)],
        ],
    ]


def tabel_e81(ev: Evaluasi, *, unit_id: int | None = None) -> TabelLaporan:
    """Evaluasi terhadap Hasil Renja (Permendagri 86/2017 E.81) up to the report's quarter."""
    n = 4 + 2 * 10 + 4
    tw = ev.triwulan
    judul_unit = f" — {ev.r.unit[unit_id].nama}" if unit_id else ""
    tabel = TabelLaporan(
        kode="E.81",
        judul=f"Evaluasi terhadap Hasil Renja {_judul_pd(ev)}{judul_unit}",
        subjudul=f"Periode pelaksanaan: Triwulan {NAMA_TRIWULAN[tw]} Tahun {ev.tahun}"
        + (" (setahun penuh)" if tw == 4 else f" (triwulan I–{NAMA_TRIWULAN[tw]})")
        + f" · {ev.kalimat_verifikasi(unit_id)}",
        kepala=_kepala_e81(ev),
        lebar=[5, 24, 30, 30, *([9, 15] * 10), 16, 10, 12, 22],
        kolom_tetap=3,
        catatan=[
            "Kolom 12 = realisasi tahun berjalan dari triwulan I s.d. triwulan laporan: indikator hitungan dijumlahkan, "
            "persentase dan indeks memakai nilai triwulan terakhir yang terisi (atau rata-rata, menurut pengaturan indikator). "
            "Rp = jumlah realisasi anggaran triwulan.",
            "Kolom 13 = kolom 6 + kolom 12 untuk indikator yang dijumlahkan antartahun; untuk indikator tingkat (persen, indeks) "
            "kolom 13 adalah nilai terakhir. Rp selalu dijumlahkan.",
            "Kolom 14 = kolom 13 ÷ kolom 5 × 100% (untuk indikator makin kecil makin baik memakai rumus kebalikannya).",
            catatan_kolom_7(ev),
            CATATAN_CAPAIAN,
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
    for b in baris_pilih:
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
            _kolom_kinerja_e81(baris, b, ev)
        if b.ada_rp:
            _kolom_anggaran_e81(baris, b)
        unit = ev.r.unit.get(b.unit_id) if b.unit_id else None
        baris[24] = Sel(unit.nama if unit else "")
        sb = b.verifikasi
        baris[n - 1] = sel_status(sb, nama_unit, ev.tahun)
        kelas = f"tebal t{b.node.tingkat}" if b.node.tingkat < T.SUB_KEGIATAN else ""
        tabel.tambah(baris, kelas_status(kelas, sb), sb.status)
    tabel.catatan[:0] = catatan_akhir_periode(ev, baris_pilih)
    _kaki_e81(tabel, ev, baris_pilih, n)
    return tabel


def catatan_akhir_periode(ev: Evaluasi, baris: list[BarisEvaluasi]) -> list[str]:
    """What column 5 stands on, and the rows whose measure has no end-of-period target (flagged, never guessed)."""
    v = ev.versi
    teks = [
        f"Kolom 5 = target akhir periode Renstra ({v.tahun_rencana_awal}–{v.tahun_akhir}) menurut aturan kondisi "
        "akhir indikator; indikator yang ditautkan perencana ke indikator lanjutannya (mis. rumusan Tabel 6.1 "
        "→ Tabel 6.2) dibaca sebagai satu ukuran. Kolom 6 dan 13 menghitung tahun yang sama untuk K dan Rp "
        f"(mulai {v.tahun_rencana_awal})."
    ]
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


def _kolom_kinerja_e81(baris: list[Sel | None], b: BarisEvaluasi, ev: Evaluasi) -> None:
    ind = b.ind
    lokasi = f" — {ev.r.unit[b.lokasi_id].nama_pendek}" if b.lokasi_id else ""
    baris[3] = Sel(f"{ind.nama}{lokasi}" + (f" ({ind.satuan})" if ind.satuan else ""))
    baris[4] = sel_target(b.target_akhir, ind.satuan) if b.target_akhir is not None else Sel("–")
    baris[6] = sel_nilai(b.lalu)
    baris[8] = sel_target(b.target_tahun, ind.satuan)
    for q in range(4):
        baris[10 + 2 * q] = sel_data(b.tw[q] if b.tw else None)
    baris[18] = sel_nilai(b.realisasi, b.realisasi_label)
    baris[20] = sel_nilai(b.sd_kini, b.realisasi_label if b.sd_kini is None else "")
    baris[22] = sel_capaian(b.capaian_renstra) if b.target_akhir is not None else Sel("–")
    baris[25] = sel_capaian(b.capaian)
    p = b.predikat
    baris[26] = Sel(p.label if p else "")


def _kolom_anggaran_e81(baris: list[Sel | None], b: BarisEvaluasi) -> None:
    baris[5] = Sel(b.rp_akhir, RUPIAH)
    baris[7] = Sel(b.rp_lalu, RUPIAH)
    baris[9] = Sel(b.rp_target, RUPIAH, judul=", ".join(LABEL_DASAR[d] for d in b.rp_dasar))
    for q in range(4):
        baris[11 + 2 * q] = Sel(b.rp_tw[q], RUPIAH) if b.rp_tw else KOSONG
    baris[19] = Sel(b.rp_realisasi, RUPIAH)
    baris[21] = Sel(b.rp_sd_kini, RUPIAH)
    baris[23] = sel_persen(
        b.rp_capaian_renstra, "realisasi anggaran s.d. tahun ini ÷ pagu seluruh periode × 100"
    )


def teks_faktor(daftar: list[tuple[str, str, str]]) -> str:
    """The units' explanations for a footer row; those not yet verified say so."""
    bagian = []
    for unit, teks, status in daftar:
        tanda = "" if status == vf.S.DIVERIFIKASI else f" ({vf.KODE[status]}, belum diverifikasi)"
        bagian.append(f"{unit}{tanda}: {teks}" if unit or tanda else teks)
    return "; ".join(bagian) or "–"


def _kaki_e81(tabel: Tabel, ev: Evaluasi, baris: list[BarisEvaluasi], n: int) -> None:
    """The footer of E.81: mean capaian, predikat, and the units' explanations."""
    berindikator = [b for b in baris if b.ind is not None and b.target is not None]
    rata = ev.rata_capaian(berindikator)
    p = cp.predikat(rata)
    dihitung = sum(1 for b in berindikator if b.capaian and b.capaian.nilai is not None)
    sub = [b for b in baris if b.ada_rp and b.node.tingkat == T.SUB_KEGIATAN and b.rp_target is not None]
    pagu = sum((b.rp_target for b in sub), NOL)
    real = sum((b.rp_realisasi or NOL for b in sub), NOL)
    serapan = cp.serapan(real, pagu) if sub else None

    def isi(label: str, nilai: Sel) -> None:
        tabel.tambah(
            [Sel(label, kelas="tebal", colspan=4), None, None, None, nilai, *([None] * (n - 5))], "kaki"
        )

    rata_sel = Sel(
        cp.bulat(rata) if rata is not None else "–",
        PERSEN if rata is not None else "teks",
        colspan=n - 4,
        judul=f"rata-rata dari {dihitung} baris indikator yang capaiannya dapat dihitung",
    )
    isi(f"Rata-rata capaian kinerja ({dihitung} baris indikator)", rata_sel)
    isi("Predikat kinerja", Sel(p.label if p else "–", colspan=n - 4))
    isi(
        "Realisasi anggaran (serapan) sub kegiatan",
        Sel(
            f"Rp{angka.format_rupiah(real)} dari anggaran Rp{angka.format_rupiah(pagu)} = {angka.format_persen(serapan)}"
            if serapan is not None
            else "–",
            colspan=n - 4,
        ),
    )
    for judul, kolom in (
        ("Faktor pendorong keberhasilan pencapaian", "faktor_pendorong"),
        ("Faktor penghambat pencapaian kinerja", "faktor_penghambat"),
        ("Tindak lanjut yang diperlukan dalam triwulan berikutnya dan Renja berikutnya", "tindak_lanjut"),
    ):
        isi(judul, Sel(teks_faktor(ev.faktor(kolom, baris)), colspan=n - 4))


# --- E.80 ----------------------------------------------------------------------------------


def evaluasi_periode(r: Rencana, *, hanya_terverifikasi: bool = False) -> dict[int, Evaluasi]:
    return {y: muat_evaluasi(r, y, 4, hanya_terverifikasi=hanya_terverifikasi) for y in r.versi.tahun_rencana}


def kalimat_periode(per_tahun: dict[int, Evaluasi]) -> str:
    """How many units are verified in each year that has reports, for a multi-year report's header."""
    bagian = []
    for y, e in sorted(per_tahun.items()):
        if e.laporan:
            sudah, semua = e.unit_terverifikasi()
            bagian.append(f"{y}: {sudah} dari {semua} unit (triwulan IV)")
    hanya = any(e.hanya_terverifikasi for e in per_tahun.values())
    kalimat = "Terverifikasi — " + "; ".join(bagian) if bagian else "Belum ada laporan triwulan"
    return kalimat + ("; hanya realisasi yang terverifikasi yang dihitung" if hanya else "")


def _kepala_e80(r: Rencana, tahun: list[int]) -> list[list[Kepala]]:
    """E.80's header: the element and its baseline, then K and Rp per year for target, realisation and ratio."""
    m = len(tahun)
    n = 6 + 6 * m + 2
    return [
        [
            Kepala("No", rowspan=3),
            Kepala("Sasaran", rowspan=3),
            Kepala("Kode", rowspan=3),
            Kepala("Program/Kegiatan/Sub Kegiatan", rowspan=3),
            Kepala("Indikator Kinerja Program (outcome)/Kegiatan (output)", rowspan=3),
            Kepala(
                f"Data Capaian pada Awal Tahun Perencanaan ({r.versi.tahun_kondisi_awal or ''})", rowspan=3
            ),
            Kepala("Target Kinerja dan Kerangka Pendanaan pada Tahun ke-", colspan=2 * m),
            Kepala("Realisasi Kinerja dan Anggaran pada Tahun ke-", colspan=2 * m),
            Kepala("Rasio Capaian pada Tahun ke- (%)", colspan=2 * m),
            Kepala("Unit PD Penanggung Jawab", rowspan=3),
            Kepala("Status Verifikasi", rowspan=3),
        ],
        [Kepala(str(y), colspan=2) for y in tahun] * 3,
        [Kepala(x) for _ in range(3 * m) for x in ("K", "Rp")],
        _nomor(n),
    ]


def tabel_e80(
    r: Rencana, per_tahun: dict[int, Evaluasi] | None = None, *, hanya_terverifikasi: bool = False
) -> TabelLaporan:
    """Evaluasi terhadap Hasil Renstra (E.80): target, realisasi and rasio per year of the period."""
    per_tahun = per_tahun or evaluasi_periode(r, hanya_terverifikasi=hanya_terverifikasi)
    tahun = r.versi.tahun_rencana
    m = len(tahun)
    n = 6 + 6 * m + 2
    kepala = _kepala_e80(r, tahun)
    tabel = TabelLaporan(
        kode="E.80",
        judul=f"Evaluasi terhadap Hasil Renstra {_judul_pd(r)}",
        subjudul=f"Periode {tahun[0]}–{tahun[-1]} · {kalimat_periode(per_tahun)}",
        kepala=kepala,
        lebar=[5, 22, 14, 28, 30, 10, *([9, 14] * 3 * m), 16, 22],
        catatan=[
            "Realisasi per tahun dari laporan triwulan (atau realisasi setahun); rasio K = capaian tahun itu, "
            "rasio Rp = realisasi anggaran ÷ anggaran tahun itu × 100%: APBD bila sudah diisi, selain itu pagu Renja "
            "yang ditetapkan atau pagu indikatif Renstra. Kolom target Rp tetap kerangka pendanaan Renstra.",
            CATATAN_CAPAIAN,
            *catatan_verifikasi(any(e.hanya_terverifikasi for e in per_tahun.values())),
        ],
    )
    nama_unit = r_nama_unit(r)
    tabel.catatan += [e.dasar for _, e in sorted(per_tahun.items()) if e.dasar]
    if any(ada_demo(e) for e in per_tahun.values()):
        tabel.catatan.insert(0, CATATAN_DEMO)
    kunci_baris = {
        y: {(b.node.pk, b.ind.pk if b.ind else None, b.lokasi_id): b for b in e.baris}
        for y, e in per_tahun.items()
    }
    no = 0
    node_lalu = None
    for br in baris_rencana(r, tahun):
        node, ind, lok = br.node, br.indikator, br.lokasi_id
        baris: list[Sel | None] = [KOSONG] * n
        if node is not node_lalu:
            node_lalu = node
            no += 1
            baris[0] = Sel(no, ANGKA)
            if node.tingkat <= T.SASARAN:
                baris[1] = Sel(node.nama)
            else:
                baris[2] = Sel(node.kode)
                baris[3] = Sel(node.nama)
        if ind is not None:
            lokasi = f" — {r.unit[lok].nama_pendek}" if lok else ""
            baris[4] = Sel(f"{ind.nama}{lokasi}")
            baris[5] = sel_target(r.awal.get((ind.pk, lok)), ind.satuan)
        per_y = [kunci_baris[y].get((node.pk, ind.pk if ind else None, lok)) for y in tahun]
        for k, y in enumerate(tahun):
            b = per_y[k]
            if ind is not None:
                baris[6 + 2 * k] = sel_target(r.target.get((ind.pk, lok, y)), ind.satuan)
                if b is not None:
                    baris[6 + 2 * m + 2 * k] = sel_nilai(b.realisasi, b.realisasi_label)
                    baris[6 + 4 * m + 2 * k] = sel_capaian(b.capaian)
            if br.pertama_lokasi:
                pagu = r.pagu_node(node, y, lok) if node.tingkat == T.SUB_KEGIATAN else r.pagu_node(node, y)
                baris[7 + 2 * k] = Sel(pagu, RUPIAH)
                if b is not None and b.ada_rp:
                    baris[7 + 2 * m + 2 * k] = Sel(b.rp_realisasi, RUPIAH)
                    baris[7 + 4 * m + 2 * k] = sel_persen(b.rp_capaian)
        unit = r.unit.get(lok) if lok else r.unit_kerja(node)
        baris[n - 2] = Sel(unit.nama if unit else "")
        sb = vf.gabung(b.verifikasi for b in per_y if b is not None)
        baris[n - 1] = sel_status(sb, nama_unit)
        kelas = f"tebal t{node.tingkat}" if node.tingkat < T.SUB_KEGIATAN else ""
        tabel.tambah(baris, kelas_status(kelas, sb), sb.status)
    return tabel


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
