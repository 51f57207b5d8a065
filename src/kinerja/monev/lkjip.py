"""The capaian tables of the LKjIP (PermenPANRB 53/2014, BAB III) and Tabel 2.3.1 / 2.3.2 of the
running period, built from the realisations; every row says whether its values are verified.
"""

from __future__ import annotations

from decimal import Decimal

from kinerja.core.pengumpul import tanpa_pengumpul
from kinerja.core.tabel import ANGKA, KOSONG, PERSEN, RUPIAH, Kepala, Sel
from kinerja.monev import capaian as cp
from kinerja.monev import verifikasi as vf
from kinerja.monev.anggaran import APBD
from kinerja.monev.laporan import (
    CATATAN_CAPAIAN,
    CATATAN_DEMO,
    CATATAN_PREDIKAT,
    TabelLaporan,
    _judul_pd,
    _nomor,
    ada_demo,
    catatan_verifikasi,
    evaluasi_periode,
    kalimat_periode,
    kelas_status,
    r_nama_unit,
    sel_capaian,
    sel_nilai,
    sel_persen,
    sel_status,
    sel_target,
)
from kinerja.monev.selectors import (
    BarisEvaluasi,
    Evaluasi,
    angka_nilai,
    baca_realisasi,
    capaian_nilai,
    muat_evaluasi,
)
from kinerja.renstra.models import PlanNode
from kinerja.renstra.penanda import Penanda
from kinerja.renstra.selectors import Rencana, target_kinerja_pelayanan

T = PlanNode.Tingkat
NOL = Decimal(0)
STATUS = Kepala("Status Verifikasi")


def _baris_sasaran(ev: Evaluasi) -> list[BarisEvaluasi]:
    """The tujuan and sasaran indicators of the PD (without lokasi): the rows of BAB III."""
    return [b for b in ev.baris_indikator if b.node.tingkat <= T.SASARAN and b.lokasi_id is None]


def sel_iku(ind) -> Sel:
    """The IKU column: from the indicator's own flag (Indikator Kinerja Utama)."""
    return Sel("IKU" if ind.iku else "")


def _tabel(kode: str, judul: str, ev: Evaluasi, kepala: list[str], lebar: list[float], catatan: list[str]):
    return TabelLaporan(
        kode=kode,
        judul=judul,
        subjudul=ev.kalimat_verifikasi(),
        kepala=[[*(Kepala(x) for x in kepala), STATUS], _nomor(len(kepala) + 1)],
        lebar=[*lebar, 22],
        catatan=[*catatan, *catatan_verifikasi(ev.hanya_terverifikasi)],
    )


@tanpa_pengumpul()
def tabel_lkjip(
    r: Rencana,
    tahun: int,
    per_tahun: dict[int, Evaluasi] | None = None,
    *,
    hanya_terverifikasi: bool = False,
    penanda: Penanda | None = None,
) -> list[TabelLaporan]:
    """Sasaran this year; against earlier years; against the Renstra's final target; budget per program.

    Values the consistency checker found wrong are marked "[Tn]" where they are printed, with
    the finding's explanation in the table's notes.
    """
    ev = (per_tahun or {}).get(tahun) or muat_evaluasi(r, tahun, 4, hanya_terverifikasi=hanya_terverifikasi)
    penanda = penanda or Penanda.dari_versi(r.versi)
    daftar = [_sasaran(ev, penanda), _banding(ev, penanda), _akhir(ev, penanda), _anggaran(ev)]
    for t in daftar:
        t.catatan.extend(penanda.catatan(t.kode))
    if ada_demo(ev):
        for t in daftar:
            t.catatan.insert(0, CATATAN_DEMO)
    return daftar


def hitung_tercapai(baris: list[BarisEvaluasi]) -> tuple[int, int, int]:
    """(tercapai, tidak tercapai, belum dapat dinilai) over rows, qualitative values included:
    a label reaching its target's label on the scale is tercapai (``capaian.hitung_label``), a
    number is tercapai at 100 % or more."""
    ya = tidak = belum = 0
    for b in baris:
        hasil = b.capaian.tercapai if b.capaian else None
        if hasil is True:
            ya += 1
        elif hasil is False:
            tidak += 1
        else:
            belum += 1
    return ya, tidak, belum


def _sasaran(ev: Evaluasi, penanda: Penanda) -> TabelLaporan:
    semua = _baris_sasaran(ev)
    nama_unit = r_nama_unit(ev.r)
    t = _tabel(
        "LKjIP-3.1",
        f"Capaian Kinerja Sasaran Strategis Tahun {ev.tahun} {_judul_pd(ev)}",
        ev,
        [
            "No",
            "Tujuan/Sasaran Strategis",
            "Indikator Kinerja",
            "IKU",
            "Satuan",
            "Target",
            "Realisasi",
            "Capaian (%)",
            "Predikat",
        ],
        [5, 34, 38, 6, 10, 12, 14, 12, 14],
        [
            CATATAN_CAPAIAN,
            CATATAN_PREDIKAT,
            "IKU = indikator kinerja utama (tanda pada indikatornya). Tercapai: capaian ≥ 100%, atau nilai "
            "kualitatif setara atau di atas targetnya pada skalanya; nilai kualitatif ikut dihitung tercapai atau "
            "tidak, tetapi tidak ikut rata-rata persen.",
        ],
    )
    for i, b in enumerate(semua, start=1):
        p = b.predikat
        baris = [
            Sel(i, ANGKA),
            Sel(b.node.nama),
            Sel(b.ind.nama),
            sel_iku(b.ind),
            Sel(b.ind.satuan),
            sel_target(b.target_tahun, b.ind.satuan),
            penanda.tandai(sel_nilai(b.realisasi, b.realisasi_label), b.ind.pk, ev.tahun, "LKjIP-3.1"),
            sel_capaian(b.capaian),
            Sel(p.label if p else ""),
            sel_status(b.verifikasi_kinerja, nama_unit, ev.tahun),
        ]
        t.tambah(baris, kelas_status("", b.verifikasi_kinerja), b.verifikasi_kinerja.status)
    rata = ev.rata_capaian(semua)
    p = cp.predikat(rata)
    angka_saja = sum(1 for b in semua if b.capaian and b.capaian.nilai is not None)
    t.tambah(
        [
            Sel(
                f"Rata-rata capaian sasaran ({angka_saja} indikator bernilai angka)", kelas="tebal", colspan=7
            ),
            *[None] * 6,
            sel_persen(rata),
            Sel(p.label if p else ""),
            KOSONG,
        ],
        "kaki",
    )
    ya, tidak, belum = hitung_tercapai(semua)
    kalimat = f"Tercapai {ya} dari {len(semua)} indikator; tidak tercapai {tidak}"
    if belum:
        kalimat += f"; belum dapat dinilai {belum}"
    t.tambah(
        [Sel(kalimat + " (nilai kualitatif ikut dihitung).", kelas="tebal", colspan=9), *[None] * 8, KOSONG],
        "kaki",
    )
    return t


def _nilai_lalu(
    ev: Evaluasi, b: BarisEvaluasi, sejarah: dict, y: int
) -> tuple[Decimal | None, str, set[tuple]]:
    """An earlier year's realisation of a row (number, label), and the status of each value it is made of."""
    per_tw = {q: sejarah.get((b.ind.pk, None, y, q)) for q in range(0, 5)}
    status = {
        (ev.status.unit(None), y, q, ev.status.nilai(None, y, q, d.sumber), vf.KINERJA)
        for q, d in per_tw.items()
        if d is not None and d.teks
    }
    if ev.hanya_terverifikasi:
        per_tw = {
            q: d for q, d in per_tw.items() if d is None or ev.status.terverifikasi(None, y, q, d.sumber)
        }
    tw = {q: angka_nilai(d) for q, d in per_tw.items() if q and d is not None}
    if tw:
        return cp.gabung_triwulan(tw, b.ind.agregasi_triwulan), "", status
    d = per_tw.get(0)
    if d is not None:
        v = angka_nilai(d)
        return v, (d.label if v is not None else (d.label or d.teks)), status
    return None, "", status


def _target_lalu(ev: Evaluasi, b: BarisEvaluasi, dokumen: dict, y: int):
    """An earlier year's target: the plan's own, else what the document's Tabel 2.3.1 printed."""
    return ev.r.target.get((b.ind.pk, None, y)) or dokumen.get((b.ind.pk, y))


def _banding(ev: Evaluasi, penanda: Penanda) -> TabelLaporan:
    """Target, realisation and capaian of this year against the earlier years (the document's history included)."""
    tahun = ev.tahun
    lalu = list(range(tahun - 4, tahun))
    sejarah = baca_realisasi(ev.r.versi.pk, lalu[0], tahun - 1)
    dokumen = target_kinerja_pelayanan(ev.r.versi.pk)
    nama_unit = r_nama_unit(ev.r)
    semua_tahun = [*lalu, tahun]
    t = TabelLaporan(
        kode="LKjIP-3.2",
        judul=f"Perbandingan Capaian Kinerja Tahun {tahun} dengan Tahun-tahun Sebelumnya",
        subjudul=ev.kalimat_verifikasi(),
        kepala=[
            [
                Kepala("No", rowspan=2),
                Kepala("Indikator Kinerja", rowspan=2),
                Kepala("IKU", rowspan=2),
                *[Kepala(str(y), colspan=3) for y in semua_tahun],
                Kepala("Status Verifikasi", rowspan=2),
            ],
            [Kepala(x) for _ in semua_tahun for x in ("Target", "Realisasi", "Capaian (%)")],
            _nomor(4 + 3 * len(semua_tahun)),
        ],
        lebar=[5, 40, 6, *([10] * (3 * len(semua_tahun))), 22],
        catatan=[
            "Realisasi tahun-tahun sebelumnya dari laporan triwulan, atau dari dokumen (Tabel 2.3.1) untuk tahun sebelum "
            "periode ini; target dari Renstra, atau dari Tabel 2.3.1 untuk tahun sebelum periode ini; capaian dihitung "
            "dengan aturan yang sama dengan tahun ini. Tahun tanpa data dibiarkan kosong.",
            CATATAN_CAPAIAN,
            *catatan_verifikasi(ev.hanya_terverifikasi),
        ],
    )
    for i, b in enumerate(_baris_sasaran(ev), start=1):
        sel, semua = [], set()
        for y in lalu:
            v, label, st = _nilai_lalu(ev, b, sejarah, y)
            semua |= st
            target = _target_lalu(ev, b, dokumen, y)
            ada = v is not None or bool(label)
            c = capaian_nilai(b.ind, target, v, label) if ada and target is not None else None
            real = penanda.tandai(sel_nilai(v, label) if ada else KOSONG, b.ind.pk, y, "LKjIP-3.2")
            sel += [sel_target(target, b.ind.satuan), real, sel_capaian(c)]
        ini = b.verifikasi_kinerja
        lalu_sb = vf.StatusBaris(
            vf.terburuk(x[3] for x in semua), vf.urut(x for x in semua if x[3] != vf.S.DIVERIFIKASI), True
        )
        sb = vf.gabung([ini, lalu_sb] if semua else [ini])
        baris = [
            Sel(i, ANGKA),
            Sel(b.ind.nama),
            sel_iku(b.ind),
            *sel,
            sel_target(b.target_tahun, b.ind.satuan),
            penanda.tandai(sel_nilai(b.realisasi, b.realisasi_label), b.ind.pk, tahun, "LKjIP-3.2"),
            sel_capaian(b.capaian),
            sel_status(sb, nama_unit, tahun),
        ]
        t.tambah(baris, kelas_status("", sb), sb.status)
    return t


def _akhir(ev: Evaluasi, penanda: Penanda) -> TabelLaporan:
    akhir = ev.r.versi.tahun_akhir
    nama_unit = r_nama_unit(ev.r)
    t = _tabel(
        "LKjIP-3.3",
        f"Realisasi Kinerja Tahun {ev.tahun} terhadap Target Akhir Renstra ({akhir})",
        ev,
        ["No", "Indikator Kinerja", f"Realisasi {ev.tahun}", f"Target {akhir}", "Tingkat Kemajuan (%)"],
        [5, 50, 14, 14, 14],
        ["Tingkat kemajuan = realisasi s.d. tahun ini ÷ target akhir periode × 100% (kolom 14 E.81)."],
    )
    for i, b in enumerate(_baris_sasaran(ev), start=1):
        baris = [
            Sel(i, ANGKA),
            Sel(b.ind.nama),
            penanda.tandai(
                sel_nilai(b.sd_kini, b.realisasi_label if b.sd_kini is None else ""),
                b.ind.pk,
                ev.tahun,
                "LKjIP-3.3",
            ),
            sel_target(b.target_akhir, b.ind.satuan),
            sel_capaian(b.capaian_renstra),
            sel_status(b.verifikasi_kinerja, nama_unit, ev.tahun),
        ]
        t.tambah(baris, kelas_status("", b.verifikasi_kinerja), b.verifikasi_kinerja.status)
    return t


def _anggaran(ev: Evaluasi) -> TabelLaporan:
    nama_unit = r_nama_unit(ev.r)
    t = _tabel(
        "LKjIP-3.4",
        f"Realisasi Anggaran per Program Tahun {ev.tahun}",
        ev,
        [
            "No",
            "Kode",
            "Program",
            "Anggaran (Rp)",
            "Realisasi (Rp)",
            "Serapan (%)",
            "Rata-rata Capaian Kinerja (%)",
        ],
        [5, 12, 45, 18, 18, 11, 13],
        [
            "Serapan = realisasi ÷ anggaran × 100%. Rata-rata capaian kinerja = rata-rata capaian baris indikator program "
            "dan seluruh kegiatan/sub kegiatan di bawahnya.",
            "Anggaran program = jumlah anggaran sub kegiatannya: APBD yang berlaku (APBD perubahan menggantikan APBD "
            "murni), selain itu pagu Renja yang ditetapkan atau pagu indikatif Renstra. " + ev.dasar + ".",
        ],
    )
    per_node: dict[int, list[BarisEvaluasi]] = {}
    for b in ev.baris:
        per_node.setdefault(b.node.pk, []).append(b)
    i = 0
    jp = jr = NOL
    for b in ev.baris:
        if b.node.tingkat != T.PROGRAM or not b.ada_rp or b.rp_target is None:
            continue
        i += 1
        jp += b.rp_target
        jr += b.rp_realisasi or NOL
        # The program's figures are made of its own rows and of every row below it.
        bawah = [x for n in [b.node, *ev.r.keturunan(b.node)] for x in per_node.get(n.pk, [])]
        sb = vf.gabung(x.verifikasi for x in bawah)
        baris = [
            Sel(i, ANGKA),
            Sel(b.node.kode),
            Sel(b.node.nama),
            Sel(b.rp_target, RUPIAH),
            Sel(b.rp_realisasi, RUPIAH),
            sel_persen(b.rp_capaian),
            sel_persen(ev.rollup(b.node)),
            sel_status(sb, nama_unit, ev.tahun),
        ]
        t.tambah(baris, kelas_status("", sb), sb.status)
    t.tambah(
        [
            Sel("Jumlah", kelas="tebal", colspan=3),
            None,
            None,
            Sel(jp, RUPIAH, kelas="tebal"),
            Sel(jr, RUPIAH, kelas="tebal"),
            sel_persen(cp.serapan(jr, jp)),
            KOSONG,
            KOSONG,
        ],
        "tebal",
    )
    return t


# --- Tabel 2.3.1 / 2.3.2 of the running period ----------------------------------------------------


def kepala_t_c_23(tahun: list[int], *, status: bool = False) -> list[list[Kepala]]:
    """The header of T-C.23 (Permendagri 86/2017): indicator, target SPM / IKK / lainnya, then target,
    realisasi and rasio per year of the period (see tests/data/kolom_renja_tc23.json)."""
    m = len(tahun)
    return [
        [
            Kepala("No", rowspan=2),
            Kepala("Indikator Kinerja sesuai Tugas dan Fungsi Perangkat Daerah", rowspan=2),
            Kepala("Target SPM", rowspan=2),
            Kepala("Target IKK", rowspan=2),
            Kepala("Target Indikator Lainnya", rowspan=2),
            Kepala("Target Renstra Perangkat Daerah Tahun ke-", colspan=m),
            Kepala("Realisasi Capaian Tahun ke-", colspan=m),
            Kepala("Rasio Capaian pada Tahun ke- (%)", colspan=m),
            *([Kepala("Status Verifikasi", rowspan=2)] if status else []),
        ],
        [Kepala(str(y)) for y in tahun] * 3,
        _nomor(5 + 3 * m + (1 if status else 0)),
    ]


def sel_target_jenis(ind, target) -> list[Sel]:
    """The end-of-period target in the column of the indicator's kind: SPM, else IKK, else lainnya."""
    sel = sel_target(target, ind.satuan)
    if ind.spm:
        return [sel, KOSONG, KOSONG]
    if ind.ikk:
        return [KOSONG, sel, KOSONG]
    return [KOSONG, KOSONG, sel]


def tabel_2_3_1_berjalan(
    r: Rencana, per_tahun: dict[int, Evaluasi] | None = None, *, hanya_terverifikasi: bool = False
) -> TabelLaporan:
    """T-C.23 for this period so far: the PD's main indicators, target, realisasi and rasio per year."""
    per_tahun = per_tahun or evaluasi_periode(r, hanya_terverifikasi=hanya_terverifikasi)
    tahun = r.versi.tahun_rencana
    m = len(tahun)
    tabel = TabelLaporan(
        kode="2.3.1-berjalan",
        judul=f"Pencapaian Kinerja Pelayanan {_judul_pd(r)} (dihitung dari realisasi)",
        subjudul=f"Tahun {tahun[0]}–{tahun[-1]} · {kalimat_periode(per_tahun)}",
        kepala=kepala_t_c_23(tahun, status=True),
        lebar=[5, 45, 10, 10, 10, *([10] * (3 * m)), 22],
        catatan=[
            "Indikator tujuan dan sasaran; realisasi dari laporan triwulan yang tersimpan; rasio = capaian tahun itu.",
            "Target SPM / IKK / indikator lainnya: target akhir periode Renstra ukuran itu (mengikuti tautan indikator), di kolom menurut "
            "tandanya (standar pelayanan minimal, indikator kinerja kunci, selain keduanya: lainnya).",
            CATATAN_CAPAIAN,
            *catatan_verifikasi(any(e.hanya_terverifikasi for e in per_tahun.values())),
        ],
    )
    if any(ada_demo(e) for e in per_tahun.values()):
        tabel.catatan.insert(0, CATATAN_DEMO)
    per_kunci = {y: {(b.ind.pk, b.lokasi_id): b for b in _baris_sasaran(e)} for y, e in per_tahun.items()}
    urut = []
    for y in tahun:
        for k in per_kunci[y]:
            if k not in urut:
                urut.append(k)
    nama = {b.ind.pk: b.ind for e in per_tahun.values() for b in _baris_sasaran(e)}
    nama_unit = r_nama_unit(r)
    for i, (ind_id, lok) in enumerate(urut, start=1):
        ind = nama[ind_id]
        baris = [Sel(i, ANGKA), Sel(ind.nama), *sel_target_jenis(ind, r.akhir_periode(ind, lok))]
        baris += [sel_target(r.target.get((ind_id, lok, y)), ind.satuan) for y in tahun]
        bs = [per_kunci[y].get((ind_id, lok)) for y in tahun]
        baris += [sel_nilai(b.realisasi, b.realisasi_label) if b else KOSONG for b in bs]
        baris += [sel_capaian(b.capaian) if b else KOSONG for b in bs]
        sb = vf.gabung(b.verifikasi_kinerja for b in bs if b is not None)
        baris.append(sel_status(sb, nama_unit))
        tabel.tambah(baris, kelas_status("", sb), sb.status)
    return tabel


def tabel_2_3_2_berjalan(
    r: Rencana, per_tahun: dict[int, Evaluasi] | None = None, *, hanya_terverifikasi: bool = False
) -> TabelLaporan:
    """T-C.24 for this period so far: pagu and its realisation per program and year.

    The layout is the document's; a program holding unverified budget realisations is marked
    with an asterisk and named in the notes.
    """
    from kinerja.renstra.tabel_dokumen import kepala_anggaran

    per_tahun = per_tahun or evaluasi_periode(r, hanya_terverifikasi=hanya_terverifikasi)
    tahun = r.versi.tahun_rencana
    m = len(tahun)
    kepala = kepala_anggaran("Program", tahun)
    kepala[0][-1] = Kepala("Rata-rata Pertumbuhan per Tahun (%)", colspan=2)
    tabel = TabelLaporan(
        kode="2.3.2-berjalan",
        judul=f"Anggaran dan Realisasi Pendanaan Pelayanan {_judul_pd(r)} (dihitung dari realisasi)",
        subjudul=f"Tahun {tahun[0]}–{tahun[-1]} · {kalimat_periode(per_tahun)}",
        kepala=kepala,
        lebar=[34, *([15] * (2 * m)), *([9] * m), 12, 12],
        catatan=[
            "Anggaran = APBD yang berlaku (APBD perubahan menggantikan APBD murni) sub kegiatan dijumlahkan per "
            "program; pagu indikatif Renstra dan pagu Renja bukan anggaran dan tidak dihitung di sini. Realisasi = "
            "jumlah realisasi anggaran triwulan; rasio = realisasi ÷ anggaran × 100%.",
            "Rata-rata pertumbuhan = laju pertumbuhan majemuk per tahun (CAGR) = ((nilai tahun terakhir ÷ nilai "
            "tahun pertama)^(1 ÷ jumlah selang tahun) − 1) × 100%, antara tahun pertama dan tahun terakhir yang "
            "terisi; kosong bila kurang dari dua tahun terisi atau nilai tahun pertama 0.",
            *_catatan_apbd(per_tahun),
            *catatan_verifikasi(any(e.hanya_terverifikasi for e in per_tahun.values())),
        ],
    )
    if any(ada_demo(e) for e in per_tahun.values()):
        tabel.catatan.insert(0, CATATAN_DEMO)
    jumlah_a: dict[int, Decimal | None] = {y: None for y in tahun}
    jumlah_r: dict[int, Decimal | None] = {y: None for y in tahun}
    program = {
        (b.node.pk, y): b
        for y, e in per_tahun.items()
        for b in e.baris
        if b.node.tingkat == T.PROGRAM and b.ada_rp
    }
    nama_unit = r_nama_unit(r)
    lengkap = {y: True for y in tahun}  # every program of the year has its whole APBD
    for p in (n_ for n_ in r.node if n_.tingkat == T.PROGRAM):
        ang = {y: _apbd_lengkap(per_tahun.get(y), p) for y in tahun}
        real = {y: program[(p.pk, y)].rp_realisasi if (p.pk, y) in program else None for y in tahun}
        for y in tahun:
            d = per_tahun[y].dasar_rp if y in per_tahun else None
            if d is not None and d.tanpa_apbd(p):
                lengkap[y] = False
            if ang[y] is not None:
                jumlah_a[y] = (jumlah_a[y] or NOL) + ang[y]
            if real[y] is not None:
                jumlah_r[y] = (jumlah_r[y] or NOL) + real[y]
        sb = vf.gabung(
            vf.status_baris(program[(p.pk, y)], (vf.ANGGARAN,)) for y in tahun if (p.pk, y) in program
        )
        nama = f"{p.kode} {p.nama}" + (" *" if sb.belum else "")
        tabel.tambah(_baris_tc24(nama, ang, real, tahun), kelas_status("", sb), sb.status)
        if sb.belum:
            tabel.catatan.append(f"* {p.kode}: {vf.keterangan(sb, nama_unit)}.")
    jumlah_a = {y: v if lengkap[y] else None for y, v in jumlah_a.items()}
    tabel.tambah(_baris_tc24("Jumlah", jumlah_a, jumlah_r, tahun, "tebal"), "tebal")
    return tabel


def _apbd_lengkap(ev: Evaluasi | None, program) -> Decimal | None:
    """A program's APBD of the year, only when every sub kegiatan × lokasi under it has one: a partial
    sum would read as the program's budget (and make its ratio and growth meaningless)."""
    d = ev.dasar_rp if ev is not None else None
    if d is None or d.tanpa_apbd(program):
        return None
    return d.jumlah(program, hanya_apbd=True)


def _catatan_apbd(per_tahun: dict[int, Evaluasi]) -> list[str]:
    """Which years have no APBD, or only part of it (those cells are not added up)."""
    catatan, belum = [], []
    for y, e in sorted(per_tahun.items()):
        d = e.dasar_rp
        if d is None or not d.ada_apbd:
            belum.append(str(y))
            continue
        kurang = sum(n for k, n in d.hitung.items() if k not in APBD)
        if kurang:
            catatan.append(
                f"APBD {y} belum lengkap: {kurang} dari {sum(d.hitung.values())} sub kegiatan × lokasi belum diisi; "
                "anggaran program yang APBD-nya belum lengkap (dan jumlahnya) tidak ditampilkan, agar jumlah "
                "sebagian tidak terbaca sebagai anggaran program."
            )
        catatan.append(e.dasar + ".")
    if belum:
        catatan.insert(0, f"APBD tahun {', '.join(belum)} belum diisi: kolom anggaran tahun itu kosong.")
    return catatan


def _baris_tc24(nama: str, ang: dict, real: dict, tahun: list[int], kelas: str = "") -> list[Sel]:
    """A row of T-C.24: APBD and realisation per year, ratio = realisation ÷ APBD, growth as a rate (CAGR)."""
    baris = [Sel(nama, kelas=kelas)]
    baris += [Sel(ang.get(y), RUPIAH, kelas=kelas) for y in tahun]
    baris += [Sel(real.get(y), RUPIAH, kelas=kelas) for y in tahun]
    baris += [Sel(cp.serapan(real.get(y), ang.get(y)), PERSEN, kelas=kelas) for y in tahun]
    for nilai in (ang, real):
        laju = cp.laju_pertumbuhan({y: nilai.get(y) for y in tahun})
        baris.append(Sel(cp.bulat(laju) if laju is not None else None, PERSEN, kelas=kelas))
    return baris
