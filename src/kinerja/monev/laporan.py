"""Evaluation reports built from the data: E.81, E.80, Perjanjian Kinerja, LKjIP, Renja,
and Tabel 2.3.1 / 2.3.2 of the running period.

Each builder returns ``Tabel`` objects (screen, print and XLSX from one structure) and
every figure in them is computed from targets, pagu and realisations; the notes under
each table say how.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kinerja.core import angka
from kinerja.core.tabel import ANGKA, KOSONG, NILAI, PERSEN, RUPIAH, Kepala, Sel, Tabel
from kinerja.monev import capaian as cp
from kinerja.monev.selectors import NAMA_TRIWULAN, BarisEvaluasi, Evaluasi, angka_nilai, muat_evaluasi
from kinerja.renstra.models import PlanNode
from kinerja.renstra.selectors import Rencana
from kinerja.renstra.tabel_dokumen import _nilai_teks, baris_rencana, nilai_target

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
    return any(d.sumber == "demo" for d in ev.realisasi.values()) or any(
        a.sumber == "demo" for a in ev.anggaran.values()
    )


CATATAN_DEMO = "Sebagian realisasi di tabel ini adalah DATA DEMONSTRASI yang dibuat untuk contoh, bukan laporan sungguhan."


# --- E.81 -----------------------------------------------------------------------------------


def tabel_e81(ev: Evaluasi, *, unit_id: int | None = None) -> Tabel:
    """Evaluasi terhadap Hasil Renja (Permendagri 86/2017 E.81) up to the report's quarter."""
    n = 4 + 2 * 10 + 3
    tw = ev.triwulan
    kepala = [
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
        ],
        [Kepala(r, colspan=2) for r in ("I", "II", "III", "IV")],
        [Kepala(x) for _ in range(10) for x in ("K", "Rp")],
        [
            *[Kepala(str(i)) for i in range(1, 5)],
            *[Kepala(str(i), colspan=2) for i in range(5, 15)],
            Kepala("15"),
            Kepala("16"),
            Kepala("17"),
        ],
    ]
    judul_unit = f" — {ev.r.unit[unit_id].nama}" if unit_id else ""
    tabel = Tabel(
        kode="E.81",
        judul=f"Evaluasi terhadap Hasil Renja {_judul_pd(ev)}{judul_unit}",
        subjudul=f"Periode pelaksanaan: Triwulan {NAMA_TRIWULAN[tw]} Tahun {ev.tahun}"
        + (" (setahun penuh)" if tw == 4 else f" (triwulan I–{NAMA_TRIWULAN[tw]})"),
        kepala=kepala,
        lebar=[5, 24, 30, 30, *([9, 15] * 10), 16, 10, 12],
        kolom_tetap=3,
        catatan=[
            "Kolom 12 = realisasi tahun berjalan dari triwulan I s.d. triwulan laporan: indikator hitungan dijumlahkan, "
            "persentase dan indeks memakai nilai triwulan terakhir yang terisi (atau rata-rata, menurut pengaturan indikator). "
            "Rp = jumlah realisasi anggaran triwulan.",
            "Kolom 13 = kolom 6 + kolom 12 untuk indikator yang dijumlahkan antartahun; untuk indikator tingkat (persen, indeks) "
            "kolom 13 adalah nilai terakhir. Rp selalu dijumlahkan.",
            "Kolom 14 = kolom 13 ÷ kolom 5 × 100% (untuk indikator makin kecil makin baik memakai rumus kebalikannya).",
            "Kolom 7 memakai target Renja bila Renja tahun ini sudah dibuat, selain itu target Renstra tahun ini.",
            CATATAN_CAPAIAN,
            CATATAN_PREDIKAT,
        ],
    )
    if ada_demo(ev):
        tabel.catatan.insert(0, CATATAN_DEMO)
    # A unit's own E.81 holds only the rows that unit reports.
    baris_pilih = ev.baris if unit_id is None else [b for b in ev.baris if b.unit_id == unit_id]
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
        ind = b.ind
        if ind is not None:
            lokasi = f" — {ev.r.unit[b.lokasi_id].nama_pendek}" if b.lokasi_id else ""
            baris[3] = Sel(f"{ind.nama}{lokasi}" + (f" ({ind.satuan})" if ind.satuan else ""))
            baris[4] = sel_target(b.target_akhir, ind.satuan)
            baris[6] = sel_nilai(b.lalu)
            baris[8] = sel_target(b.target_tahun, ind.satuan)
            for q in range(4):
                d = b.tw[q] if b.tw else None
                baris[10 + 2 * q] = sel_data(d)
            baris[18] = sel_nilai(b.realisasi, b.realisasi_label)
            baris[20] = sel_nilai(b.sd_kini, b.realisasi_label if b.sd_kini is None else "")
            baris[22] = sel_capaian(b.capaian_renstra)
            baris[n - 2] = sel_capaian(b.capaian)
            p = b.predikat
            baris[n - 1] = Sel(p.label if p else "")
        if b.ada_rp:
            baris[5] = Sel(b.rp_akhir, RUPIAH)
            baris[7] = Sel(b.rp_lalu, RUPIAH)
            baris[9] = Sel(b.rp_target, RUPIAH)
            for q in range(4):
                baris[11 + 2 * q] = Sel(b.rp_tw[q], RUPIAH) if b.rp_tw else KOSONG
            baris[19] = Sel(b.rp_realisasi, RUPIAH)
            baris[21] = Sel(b.rp_sd_kini, RUPIAH)
            baris[23] = sel_persen(
                b.rp_capaian_renstra, "realisasi anggaran s.d. tahun ini ÷ pagu seluruh periode × 100"
            )
        unit = ev.r.unit.get(b.unit_id) if b.unit_id else None
        baris[24] = Sel(unit.nama if unit else "")
        tabel.tambah(baris, f"tebal t{b.node.tingkat}" if b.node.tingkat < T.SUB_KEGIATAN else "")
    _kaki_e81(tabel, ev, baris_pilih, n)
    return tabel


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
            f"Rp{angka.format_rupiah(real)} dari pagu Rp{angka.format_rupiah(pagu)} = {angka.format_persen(serapan)}"
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
        daftar = ev.faktor(kolom, baris)
        teks = "; ".join(f"{u}: {t}" if u else t for u, t in daftar) or "–"
        isi(judul, Sel(teks, colspan=n - 4))


# --- E.80 ----------------------------------------------------------------------------------


def evaluasi_periode(r: Rencana) -> dict[int, Evaluasi]:
    return {y: muat_evaluasi(r, y, 4) for y in r.versi.tahun_rencana}


def tabel_e80(r: Rencana, per_tahun: dict[int, Evaluasi] | None = None) -> Tabel:
    """Evaluasi terhadap Hasil Renstra (E.80): target, realisasi and rasio per year of the period."""
    per_tahun = per_tahun or evaluasi_periode(r)
    tahun = r.versi.tahun_rencana
    m = len(tahun)
    n = 6 + 6 * m + 1
    kepala = [
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
        ],
        [Kepala(str(y), colspan=2) for y in tahun] * 3,
        [Kepala(x) for _ in range(3 * m) for x in ("K", "Rp")],
        _nomor(n),
    ]
    tabel = Tabel(
        kode="E.80",
        judul=f"Evaluasi terhadap Hasil Renstra {_judul_pd(r)}",
        subjudul=f"Periode {tahun[0]}–{tahun[-1]}",
        kepala=kepala,
        lebar=[5, 22, 14, 28, 30, 10, *([9, 14] * 3 * m), 16],
        catatan=[
            "Realisasi per tahun dari laporan triwulan (atau realisasi setahun); rasio K = capaian tahun itu, "
            "rasio Rp = realisasi anggaran ÷ pagu × 100%.",
            CATATAN_CAPAIAN,
        ],
    )
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
        for k, y in enumerate(tahun):
            b = kunci_baris[y].get((node.pk, ind.pk if ind else None, lok))
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
        baris[n - 1] = Sel(unit.nama if unit else "")
        tabel.tambah(baris, f"tebal t{node.tingkat}" if node.tingkat < T.SUB_KEGIATAN else "")
    return tabel


# --- Perjanjian Kinerja ---------------------------------------------------------------------


@dataclass
class IsiPK:
    sasaran: list[dict]  # {"sasaran", "indikator", "satuan", "target"}
    program: list[dict]  # {"kode", "program", "anggaran"}
    total: Decimal


def isi_pk(ev: Evaluasi) -> IsiPK:
    """What a PD promises for a year: tujuan/sasaran indicators with targets, programs with budgets."""
    r = ev.r
    sasaran = []
    for b in ev.baris:
        if b.ind is None or b.node.tingkat > T.SASARAN or b.lokasi_id is not None:
            continue
        t = b.target_tahun
        sasaran.append(
            {
                "tingkat": b.node.get_tingkat_display(),
                "sasaran": b.node.nama,
                "indikator": b.ind.nama,
                "satuan": b.ind.satuan,
                "target": _nilai_teks(t.teks) if t else "",
            }
        )
    program = []
    total = NOL
    for node in r.node:
        if node.tingkat != T.PROGRAM:
            continue
        pagu = r.pagu_node(node, ev.tahun)
        if pagu is None:
            continue
        program.append({"kode": node.kode, "program": node.nama, "anggaran": str(pagu)})
        total += pagu
    return IsiPK(sasaran, program, total)


def tabel_pk(ev: Evaluasi, isi: IsiPK | None = None) -> list[Tabel]:
    isi = isi or isi_pk(ev)
    t1 = Tabel(
        kode="PK",
        judul=f"Perjanjian Kinerja Tahun {ev.tahun} {_judul_pd(ev)}",
        subjudul="Sasaran strategis, indikator kinerja dan target",
        kepala=[
            [
                Kepala("No"),
                Kepala("Sasaran Strategis"),
                Kepala("Indikator Kinerja"),
                Kepala("Satuan"),
                Kepala("Target"),
            ],
            _nomor(5),
        ],
        lebar=[5, 40, 45, 10, 14],
        catatan=[
            "Target dari Renja tahun ini bila sudah dibuat, selain itu dari Renstra tahun ini; indikator tujuan dan sasaran.",
        ],
    )
    for i, s in enumerate(isi.sasaran, start=1):
        t1.tambah(
            [Sel(i, ANGKA), Sel(s["sasaran"]), Sel(s["indikator"]), Sel(s["satuan"]), Sel(s["target"], NILAI)]
        )
    t2 = Tabel(
        kode="PK-anggaran",
        judul=f"Program dan Anggaran Tahun {ev.tahun} {_judul_pd(ev)}",
        kepala=[[Kepala("No"), Kepala("Kode"), Kepala("Program"), Kepala("Anggaran (Rp)")], _nomor(4)],
        lebar=[5, 12, 55, 18],
        catatan=["Anggaran program = jumlah pagu sub kegiatannya pada tahun ini."],
    )
    for i, p in enumerate(isi.program, start=1):
        t2.tambah([Sel(i, ANGKA), Sel(p["kode"]), Sel(p["program"]), Sel(Decimal(p["anggaran"]), RUPIAH)])
    t2.tambah(
        [Sel("Jumlah", kelas="tebal", colspan=3), None, None, Sel(isi.total, RUPIAH, kelas="tebal")], "tebal"
    )
    return [t1, t2]


# --- LKjIP ------------------------------------------------------------------------------------


def _baris_iku(ev: Evaluasi) -> list[BarisEvaluasi]:
    return [b for b in ev.baris_indikator if b.node.tingkat <= T.SASARAN and b.lokasi_id is None]


def tabel_lkjip(r: Rencana, tahun: int, per_tahun: dict[int, Evaluasi] | None = None) -> list[Tabel]:
    """The capaian tables of the LKjIP (PermenPANRB 53/2014, BAB III)."""
    ev = (per_tahun or {}).get(tahun) or muat_evaluasi(r, tahun, 4)
    iku = _baris_iku(ev)
    demo = ada_demo(ev)

    t1 = Tabel(
        kode="LKjIP-3.1",
        judul=f"Capaian Kinerja Sasaran Strategis Tahun {tahun} {_judul_pd(r)}",
        kepala=[
            [
                Kepala(x)
                for x in (
                    "No",
                    "Tujuan/Sasaran Strategis",
                    "Indikator Kinerja",
                    "Satuan",
                    "Target",
                    "Realisasi",
                    "Capaian (%)",
                    "Predikat",
                )
            ],
            _nomor(8),
        ],
        lebar=[5, 36, 40, 10, 12, 12, 12, 14],
        catatan=[CATATAN_CAPAIAN, CATATAN_PREDIKAT],
    )
    for i, b in enumerate(iku, start=1):
        p = b.predikat
        t1.tambah(
            [
                Sel(i, ANGKA),
                Sel(b.node.nama),
                Sel(b.ind.nama),
                Sel(b.ind.satuan),
                sel_target(b.target_tahun, b.ind.satuan),
                sel_nilai(b.realisasi, b.realisasi_label),
                sel_capaian(b.capaian),
                Sel(p.label if p else ""),
            ]
        )
    rata = ev.rata_capaian(iku)
    p = cp.predikat(rata)
    t1.tambah(
        [
            Sel("Rata-rata capaian sasaran", kelas="tebal", colspan=6),
            *[None] * 5,
            sel_persen(rata),
            Sel(p.label if p else ""),
        ],
        "kaki",
    )

    # Realisation this year against the earlier years (the document's history included).
    lalu = [y for y in range(tahun - 4, tahun)]
    from kinerja.monev.selectors import baca_realisasi

    sejarah = baca_realisasi(r.versi.pk, lalu[0], tahun - 1)
    t2 = Tabel(
        kode="LKjIP-3.2",
        judul=f"Perbandingan Realisasi Kinerja Tahun {tahun} dengan Tahun-tahun Sebelumnya",
        kepala=[
            [
                Kepala("No", rowspan=2),
                Kepala("Indikator Kinerja", rowspan=2),
                Kepala("Realisasi", colspan=len(lalu) + 1),
                Kepala(f"Target {tahun}", rowspan=2),
                Kepala(f"Capaian {tahun} (%)", rowspan=2),
            ],
            [Kepala(str(y)) for y in [*lalu, tahun]],
            _nomor(len(lalu) + 5),
        ],
        lebar=[5, 45, *([11] * (len(lalu) + 1)), 12, 12],
        catatan=[
            "Realisasi tahun-tahun sebelumnya dari laporan triwulan, atau dari dokumen (Tabel 2.3.1) untuk tahun sebelum "
            "periode ini; tahun tanpa realisasi dibiarkan kosong.",
        ],
    )
    for i, b in enumerate(iku, start=1):
        nilai = []
        for y in lalu:
            per_tw = {q: sejarah.get((b.ind.pk, None, y, q)) for q in range(0, 5)}
            tw = {q: angka_nilai(d) for q, d in per_tw.items() if q and d is not None}
            if tw:
                nilai.append(sel_nilai(cp.gabung_triwulan(tw, b.ind.agregasi_triwulan)))
            elif per_tw[0] is not None:
                d = per_tw[0]
                nilai.append(sel_data(d))
            else:
                nilai.append(KOSONG)
        t2.tambah(
            [
                Sel(i, ANGKA),
                Sel(b.ind.nama),
                *nilai,
                sel_nilai(b.realisasi, b.realisasi_label),
                sel_target(b.target_tahun, b.ind.satuan),
                sel_capaian(b.capaian),
            ]
        )

    t3 = Tabel(
        kode="LKjIP-3.3",
        judul=f"Realisasi Kinerja Tahun {tahun} terhadap Target Akhir Renstra ({r.versi.tahun_akhir})",
        kepala=[
            [
                Kepala(x)
                for x in (
                    "No",
                    "Indikator Kinerja",
                    f"Realisasi {tahun}",
                    f"Target {r.versi.tahun_akhir}",
                    "Tingkat Kemajuan (%)",
                )
            ],
            _nomor(5),
        ],
        lebar=[5, 50, 14, 14, 14],
        catatan=[
            "Tingkat kemajuan = realisasi s.d. tahun ini ÷ target akhir periode × 100% (kolom 14 E.81)."
        ],
    )
    for i, b in enumerate(iku, start=1):
        t3.tambah(
            [
                Sel(i, ANGKA),
                Sel(b.ind.nama),
                sel_nilai(b.sd_kini, b.realisasi_label if b.sd_kini is None else ""),
                sel_target(b.target_akhir, b.ind.satuan),
                sel_capaian(b.capaian_renstra),
            ]
        )

    t4 = Tabel(
        kode="LKjIP-3.4",
        judul=f"Realisasi Anggaran per Program Tahun {tahun}",
        kepala=[
            [
                Kepala(x)
                for x in (
                    "No",
                    "Kode",
                    "Program",
                    "Pagu (Rp)",
                    "Realisasi (Rp)",
                    "Serapan (%)",
                    "Rata-rata Capaian Kinerja (%)",
                )
            ],
            _nomor(7),
        ],
        lebar=[5, 12, 45, 18, 18, 11, 13],
        catatan=[
            "Serapan = realisasi ÷ pagu × 100%. Rata-rata capaian kinerja = rata-rata capaian baris indikator program "
            "dan seluruh kegiatan/sub kegiatan di bawahnya.",
        ],
    )
    i = 0
    jp = jr = NOL
    for b in ev.baris:
        if b.node.tingkat != T.PROGRAM or not b.ada_rp or b.rp_target is None:
            continue
        i += 1
        jp += b.rp_target
        jr += b.rp_realisasi or NOL
        t4.tambah(
            [
                Sel(i, ANGKA),
                Sel(b.node.kode),
                Sel(b.node.nama),
                Sel(b.rp_target, RUPIAH),
                Sel(b.rp_realisasi, RUPIAH),
                sel_persen(b.rp_capaian),
                sel_persen(ev.rollup(b.node)),
            ]
        )
    t4.tambah(
        [
            Sel("Jumlah", kelas="tebal", colspan=3),
            None,
            None,
            Sel(jp, RUPIAH, kelas="tebal"),
            Sel(jr, RUPIAH, kelas="tebal"),
            sel_persen(cp.serapan(jr, jp)),
            KOSONG,
        ],
        "tebal",
    )
    daftar = [t1, t2, t3, t4]
    if demo:
        for t in daftar:
            t.catatan.insert(0, CATATAN_DEMO)
    return daftar


# --- Tabel 2.3.1 / 2.3.2 of the running period ----------------------------------------------------


def tabel_2_3_1_berjalan(r: Rencana, per_tahun: dict[int, Evaluasi] | None = None) -> Tabel:
    """T-C.23 for this period so far: the PD's main indicators, target, realisasi and rasio per year."""
    per_tahun = per_tahun or evaluasi_periode(r)
    tahun = r.versi.tahun_rencana
    m = len(tahun)
    n = 2 + 3 * m
    tabel = Tabel(
        kode="2.3.1-berjalan",
        judul=f"Pencapaian Kinerja Pelayanan {_judul_pd(r)} (dihitung dari realisasi)",
        subjudul=f"Tahun {tahun[0]}–{tahun[-1]}",
        kepala=[
            [
                Kepala("No", rowspan=2),
                Kepala("Indikator Kinerja", rowspan=2),
                Kepala("Target Renstra Tahun ke", colspan=m),
                Kepala("Realisasi Capaian Tahun ke", colspan=m),
                Kepala("Rasio Capaian Tahun ke (%)", colspan=m),
            ],
            [Kepala(str(y)) for y in tahun] * 3,
            _nomor(n),
        ],
        lebar=[5, 45, *([10] * (3 * m))],
        catatan=[
            "Indikator tujuan dan sasaran; realisasi dari laporan triwulan yang tersimpan; rasio = capaian tahun itu.",
            CATATAN_CAPAIAN,
        ],
    )
    if any(ada_demo(e) for e in per_tahun.values()):
        tabel.catatan.insert(0, CATATAN_DEMO)
    per_kunci = {y: {(b.ind.pk, b.lokasi_id): b for b in _baris_iku(e)} for y, e in per_tahun.items()}
    urut = []
    for y in tahun:
        for k in per_kunci[y]:
            if k not in urut:
                urut.append(k)
    nama = {b.ind.pk: b.ind for e in per_tahun.values() for b in _baris_iku(e)}
    for i, (ind_id, lok) in enumerate(urut, start=1):
        ind = nama[ind_id]
        baris = [Sel(i, ANGKA), Sel(ind.nama)]
        baris += [sel_target(r.target.get((ind_id, lok, y)), ind.satuan) for y in tahun]
        bs = [per_kunci[y].get((ind_id, lok)) for y in tahun]
        baris += [sel_nilai(b.realisasi, b.realisasi_label) if b else KOSONG for b in bs]
        baris += [sel_capaian(b.capaian) if b else KOSONG for b in bs]
        tabel.tambah(baris)
    return tabel


def tabel_2_3_2_berjalan(r: Rencana, per_tahun: dict[int, Evaluasi] | None = None) -> Tabel:
    """T-C.24 for this period so far: pagu and its realisation per program and year."""
    from kinerja.renstra.tabel_dokumen import baris_anggaran, kepala_anggaran

    per_tahun = per_tahun or evaluasi_periode(r)
    tahun = r.versi.tahun_rencana
    m = len(tahun)
    tabel = Tabel(
        kode="2.3.2-berjalan",
        judul=f"Anggaran dan Realisasi Pendanaan Pelayanan {_judul_pd(r)} (dihitung dari realisasi)",
        subjudul=f"Tahun {tahun[0]}–{tahun[-1]}",
        kepala=kepala_anggaran("Program", tahun),
        lebar=[34, *([15] * (2 * m)), *([9] * m), 15, 15],
        catatan=[
            "Anggaran = pagu sub kegiatan dijumlahkan per program; realisasi = jumlah realisasi anggaran triwulan; "
            "rasio = realisasi ÷ anggaran × 100%; rata-rata pertumbuhan = (nilai tahun terakhir − nilai tahun pertama) "
            "÷ jumlah selang tahun, hanya bila setiap tahun terisi.",
        ],
    )
    if any(ada_demo(e) for e in per_tahun.values()):
        tabel.catatan.insert(0, CATATAN_DEMO)
    jumlah_a = {y: NOL for y in tahun}
    jumlah_r: dict[int, Decimal | None] = {y: None for y in tahun}
    rp_program = {
        (b.node.pk, y): b.rp_realisasi
        for y, e in per_tahun.items()
        for b in e.baris
        if b.node.tingkat == T.PROGRAM and b.ada_rp
    }
    for p in (n_ for n_ in r.node if n_.tingkat == T.PROGRAM):
        ang = {y: r.pagu_node(p, y) for y in tahun}
        real = {y: rp_program.get((p.pk, y)) for y in tahun}
        for y in tahun:
            if ang[y] is not None:
                jumlah_a[y] += ang[y]
            if real[y] is not None:
                jumlah_r[y] = (jumlah_r[y] or NOL) + real[y]
        tabel.tambah(baris_anggaran(f"{p.kode} {p.nama}", ang, real, tahun))
    tabel.tambah(baris_anggaran("Jumlah", jumlah_a, jumlah_r, tahun, "tebal"), "tebal")
    return tabel


# --- Renja ----------------------------------------------------------------------------------------


def tabel_renja(renja: Rencana, renstra: Rencana, tahun: int) -> Tabel:
    """Rencana Kerja of a year beside the Renstra's plan for that year, with the differences."""
    n = 9
    tabel = Tabel(
        kode="Renja",
        judul=f"Rencana Kerja (Renja) Tahun {tahun} {_judul_pd(renja)}",
        subjudul=f"{renja.versi.nama} dibandingkan dengan {renstra.versi.nama}",
        kepala=[
            [
                Kepala("Kode", rowspan=2),
                Kepala("Program/Kegiatan/Sub Kegiatan", rowspan=2),
                Kepala("Indikator Kinerja", rowspan=2),
                Kepala("Lokasi", rowspan=2),
                Kepala(f"Rencana Tahun {tahun}", colspan=2),
                Kepala(f"Renstra Tahun {tahun}", colspan=2),
                Kepala("Catatan Perbedaan", rowspan=2),
            ],
            [Kepala("Target"), Kepala("Pagu Indikatif (Rp)"), Kepala("Target"), Kepala("Pagu (Rp)")],
            _nomor(n),
        ],
        lebar=[14, 34, 34, 12, 12, 16, 12, 16, 30],
        catatan=[
            "Unsur Renja dicocokkan dengan Renstra melalui asal salinannya; perbedaan ditulis di kolom 9."
        ],
    )
    asal_node = {n_.pk: n_.asal_id for n_ in renja.node}
    asal_ind = {i.pk: i.asal_id for d in renja.indikator.values() for i in d}
    for br in baris_rencana(renja, [tahun]):
        node, ind, lok = br.node, br.indikator, br.lokasi_id
        baris: list[Sel | None] = [KOSONG] * n
        if br.pertama_node:
            baris[0] = Sel(node.kode)
            baris[1] = Sel(node.nama)
        catatan = []
        if ind is not None:
            baris[2] = Sel(ind.nama)
            t = renja.target.get((ind.pk, lok, tahun))
            baris[4] = sel_target(t, ind.satuan)
            asal = asal_ind.get(ind.pk)
            ts = renstra.target.get((asal, lok, tahun)) if asal else None
            baris[6] = sel_target(ts, ind.satuan)
            if asal is None:
                catatan.append("indikator baru (tidak ada di Renstra)")
            elif (t.teks if t else "") != (ts.teks if ts else ""):
                catatan.append(
                    f"target berubah dari '{ts.teks if ts else '-'}' menjadi '{t.teks if t else '-'}'"
                )
        if lok is not None:
            baris[3] = Sel(renja.unit[lok].nama_pendek)
        if br.pertama_lokasi:
            pagu = (
                renja.pagu_node(node, tahun, lok)
                if node.tingkat == T.SUB_KEGIATAN
                else renja.pagu_node(node, tahun)
            )
            baris[5] = Sel(pagu, RUPIAH)
            asal_n = asal_node.get(node.pk)
            node_s = renstra.node_id.get(asal_n) if asal_n else None
            if node_s is not None:
                ps = (
                    renstra.pagu_node(node_s, tahun, lok)
                    if node.tingkat == T.SUB_KEGIATAN
                    else renstra.pagu_node(node_s, tahun)
                )
                baris[7] = Sel(ps, RUPIAH)
                if (ps or NOL) != (pagu or NOL):
                    catatan.append(
                        f"pagu berubah Rp{angka.format_rupiah(ps or NOL)} → Rp{angka.format_rupiah(pagu or NOL)}"
                    )
            elif asal_n is None:
                catatan.append("unsur baru (tidak ada di Renstra)")
        baris[8] = Sel("; ".join(catatan))
        tabel.tambah(
            baris, f"tebal t{node.tingkat}" if node.tingkat < T.SUB_KEGIATAN else ("beda" if catatan else "")
        )
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
        JenisLaporan("RENJA", "Rencana Kerja tahunan dan perbedaannya dengan Renstra"),
        JenisLaporan("2.3.1", "Pencapaian kinerja pelayanan periode berjalan"),
        JenisLaporan("2.3.2", "Anggaran dan realisasi pendanaan periode berjalan"),
    )
}
