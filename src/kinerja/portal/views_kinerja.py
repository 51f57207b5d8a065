"""Public Kinerja and Anggaran pages of a PD, each table also as CSV and XLSX (same ``?tahun=``).

Each table is built once as a ``core.tabel.Tabel`` (the builders below) and written as HTML on the
page and as the download, so page and file always agree. Only verified realisations are shown
(see ``portal.kinerja``).
"""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe

from kinerja.core import grafik
from kinerja.core.pembulatan import bulat
from kinerja.core.tabel import ANGKA, KOSONG, PERSEN, RUPIAH, Kepala, Sel, Tabel, ke_html
from kinerja.monev import capaian as cp
from kinerja.portal import kinerja as kj
from kinerja.portal import tembolok, unduh
from kinerja.portal.pd import pd_publik

FORMAT = ("csv", "xlsx")


def _data_atau_404(obj) -> kj.DataKinerja:
    data = kj.muat(obj)
    if data is None:
        raise Http404(f"{obj.nama} belum mempunyai Renstra yang dapat ditampilkan.")
    return data


def _format(fmt: str) -> str:
    if fmt not in FORMAT:
        raise Http404("Format unduhan tidak dikenal: pilih csv atau xlsx.")
    return fmt


def _alamat(nama: str, obj, *args, tahun: int | None = None) -> str:
    a = reverse(f"publik:{nama}", args=[obj.pemda.slug, obj.slug, *args])
    return f"{a}?tahun={tahun}" if tahun is not None else a


def _pilihan_tahun(nama: str, obj, data: kj.DataKinerja, tahun: int, *args) -> list[tuple[int, str, bool]]:
    return [(y, _alamat(nama, obj, *args, tahun=y), y == tahun) for y in data.tahun]


def _unduhan(nama: str, obj, *args, tahun: int | None = None) -> list[tuple[str, str]]:
    return [(fmt.upper(), _alamat(nama, obj, *args, fmt, tahun=tahun)) for fmt in FORMAT]


# --- tables (page and download alike) -------------------------------------------------------------


def _sel_target(n: kj.NilaiTahun | None) -> Sel:
    if n is None:
        return KOSONG
    return Sel(n.target_angka, ANGKA) if n.target_polos else Sel(n.target_teks)


def _sel_realisasi(n: kj.NilaiTahun | None) -> Sel:
    if n is None or not n.ada_realisasi:
        return KOSONG
    return Sel(n.realisasi, ANGKA) if not n.label else Sel(n.realisasi_teks)


def _sel_capaian(n: kj.NilaiTahun | None) -> Sel:
    if n is None or not n.ada_realisasi:
        return KOSONG
    if n.capaian_persen is not None:
        return Sel(bulat(n.capaian_persen), PERSEN)
    return Sel(n.capaian_teks)


def _sel_persen(v: Decimal | None) -> Sel:
    return Sel(bulat(v), PERSEN) if v is not None else KOSONG


def _sel_rp(v: Decimal | None) -> Sel:
    return Sel(v, RUPIAH) if v is not None else KOSONG


def _tw(tw: tuple[int, ...]) -> str:
    n = kj.sampai_triwulan(tw)
    return f"TW {kj.NAMA_TRIWULAN[n]}" if n else "belum ada"


def tabel_kartu(data: kj.DataKinerja, d: kj.DeretIndikator) -> Tabel:
    """One indicator's years: the compact table beside its chart."""
    t = Tabel(
        "kinerja-indikator",
        d.ind.nama,
        [[Kepala(h) for h in ("Tahun", "Target", "Realisasi", "Capaian", "Predikat")]],
        kolom_tetap=1,
    )
    for y in data.tahun:
        n = d.nilai(y)
        t.tambah(
            [Sel(str(y)), _sel_target(n), _sel_realisasi(n), _sel_capaian(n), Sel(n.predikat if n else "")]
        )
    return t


def tabel_capaian_tahun(data: kj.DataKinerja, tahun: int) -> Tabel:
    """Every tujuan and sasaran indicator in one year."""
    t = Tabel(
        "kinerja-tahun",
        f"Capaian indikator tujuan dan sasaran {tahun}",
        [
            [
                Kepala(h)
                for h in ("Indikator", "Tingkat", "Satuan", "Target", "Realisasi", "Capaian", "Predikat")
            ]
        ],
        subjudul=kj.kalimat_triwulan(tahun, data.tw_kantor(tahun)),
        kolom_tetap=1,
    )
    for d in data.deret_tingkat(kj.T.TUJUAN, kj.T.SASARAN):
        n = d.nilai(tahun)
        t.tambah(
            [
                Sel(d.ind.nama),
                Sel(d.node.get_tingkat_display()),
                Sel(d.ind.satuan),
                _sel_target(n),
                _sel_realisasi(n),
                _sel_capaian(n),
                Sel(n.predikat if n else ""),
            ]
        )
    return t


def tabel_indikator_panjang(data: kj.DataKinerja, deret: list[kj.DeretIndikator]) -> Tabel:
    """The indicator cards as one table: a row per indicator and year."""
    kepala = ("Indikator", "Tingkat", "Satuan", "Tahun", "Target", "Realisasi", "Capaian", "Predikat")
    t = Tabel(
        "kinerja-per-tahun",
        f"Target dan realisasi terverifikasi {data.tahun[0]}–{data.tahun[-1]}",
        [[*(Kepala(h) for h in kepala), Kepala("Realisasi terverifikasi s.d.")]],
        kolom_tetap=1,
    )
    for d in deret:
        for y in data.tahun:
            n = d.nilai(y)
            t.tambah(
                [
                    Sel(d.ind.nama),
                    Sel(d.node.get_tingkat_display()),
                    Sel(d.ind.satuan),
                    Sel(str(y)),
                    _sel_target(n),
                    _sel_realisasi(n),
                    _sel_capaian(n),
                    Sel(n.predikat if n else ""),
                    Sel(_tw(n.tw) if n else ""),
                ]
            )
    return t


def tabel_ringkas_lokasi(data: kj.DataKinerja, tahun: int, obj) -> Tabel:
    """Per kelurahan in a year: its sub kegiatan indicators, how many have a verified value and are met."""
    t = Tabel(
        "kinerja-kelurahan",
        f"Indikator sub kegiatan per kelurahan {tahun}",
        [
            [
                Kepala(h)
                for h in (
                    "Kelurahan / unit",
                    "Indikator bertarget",
                    "Dengan realisasi terverifikasi",
                    "Tercapai (≥ 100%)",
                    "Rata-rata capaian",
                    "Realisasi terverifikasi s.d.",
                    "Keterangan",
                )
            ]
        ],
        kolom_tetap=1,
    )
    for r in data.ringkas_lokasi(tahun):
        t.tambah(
            [
                Sel(r["unit"].nama, tautan=_alamat("kinerja_kelurahan", obj, r["unit"].pk)),
                Sel(r["jumlah"], ANGKA),
                Sel(r["terisi"], ANGKA),
                Sel(r["tercapai"], ANGKA),
                _sel_persen(r["rata"]),
                Sel(_tw(r["tw"])),
                Sel(_ket_sebagian(r)),
            ]
        )
    return t


def _ket_sebagian(r: dict) -> str:
    """A note beside a mean capaian of a part year, which is read against the whole year's target."""
    if not r["terisi"] or (r["tw"] and max(r["tw"]) == 4):
        return ""
    sampai = f"s.d. TW {kj.NAMA_TRIWULAN[max(r['tw'])]}" if r["tw"] else "sebagian triwulan"
    return f"Belum setahun penuh ({sampai}): realisasi sementara dibandingkan dengan target setahun"


def ringkas_tahun_lokasi(data: kj.DataKinerja, unit_id: int) -> list[dict]:
    """One unit's indicators per plan year: rows with a target, with a verified value, met, mean capaian."""
    hasil = []
    deret = data.deret_lokasi(unit_id)
    for y in data.tahun:
        nilai = [n for d in deret if (n := d.nilai(y)) and n.target is not None]
        ada = [n for n in nilai if n.ada_realisasi]
        hasil.append(
            {
                "tahun": y,
                "jumlah": len(nilai),
                "terisi": len(ada),
                "tercapai": sum(1 for n in ada if n.tercapai),
                "rata": cp.rata_rata(n.capaian_persen for n in ada),
                "tw": data.tw_unit(y, unit_id),
            }
        )
    return hasil


def tabel_tahun_lokasi(data: kj.DataKinerja, u) -> Tabel:
    kepala = ("Tahun", "Indikator bertarget", "Dengan realisasi terverifikasi", "Tercapai (≥ 100%)")
    t = Tabel(
        "kinerja-kelurahan-tahun",
        f"Ringkasan indikator {u.nama} per tahun",
        [
            [
                *(Kepala(h) for h in kepala),
                Kepala("Rata-rata capaian"),
                Kepala("Realisasi terverifikasi s.d."),
                Kepala("Keterangan"),
            ]
        ],
        kolom_tetap=1,
    )
    for r in ringkas_tahun_lokasi(data, u.pk):
        t.tambah(
            [
                Sel(str(r["tahun"])),
                Sel(r["jumlah"], ANGKA),
                Sel(r["terisi"], ANGKA),
                Sel(r["tercapai"], ANGKA),
                _sel_persen(r["rata"]),
                Sel(_tw(r["tw"])),
                Sel(_ket_sebagian(r)),
            ]
        )
    return t


def tabel_lokasi(data: kj.DataKinerja, u, *, gabung: bool = True) -> Tabel:
    """Every indicator of one lokasi: target, verified realisation and capaian per plan year.

    ``gabung``: a sub kegiatan's name spans its indicators' rows (the page); a download repeats it."""
    kepala = [
        [Kepala("Indikator", rowspan=2), Kepala("Sub kegiatan", rowspan=2), Kepala("Satuan", rowspan=2)]
        + [Kepala(str(y), colspan=3) for y in data.tahun],
        [Kepala(h) for _ in data.tahun for h in ("Target", "Realisasi", "Capaian")],
    ]
    t = Tabel(
        "kinerja-lokasi", f"Indikator {u.nama}: target dan realisasi terverifikasi", kepala, kolom_tetap=1
    )
    deret = data.deret_lokasi(u.pk)
    for i, d in enumerate(deret):
        if not gabung:
            sub = Sel(f"{d.node.kode} {d.node.nama}".strip())
        elif i and deret[i - 1].node.pk == d.node.pk:
            sub = None  # covered by the cell above
        else:
            n = sum(1 for x in deret[i:] if x.node.pk == d.node.pk)
            sub = Sel(f"{d.node.kode} {d.node.nama}".strip(), rowspan=n, kelas="kolom-sub")
        sel = [Sel(d.ind.nama), sub, Sel(d.ind.satuan)]
        for y in data.tahun:
            n = d.nilai(y)
            sel += [_sel_target(n), _sel_realisasi(n), _sel_capaian(n)]
        t.tambah(sel)
    return t


def urut_lokasi(data: kj.DataKinerja, lokasi_id: int | None) -> int:
    urut = {u.pk: i for i, u in enumerate(data.lokasi)}
    return urut.get(lokasi_id, 999) if lokasi_id is not None else 1000


def _tabel_per_tahun(data: kj.DataKinerja, tahun: int) -> Tabel:
    kepala = ("Tahun", "Pagu indikatif Renstra (Rp)", "Anggaran (Rp)", "Dasar anggaran")
    t = Tabel(
        "anggaran-tahun",
        f"Pagu, anggaran dan realisasi terverifikasi {data.tahun[0]}–{data.tahun[-1]}",
        [
            [
                *(Kepala(h) for h in kepala),
                Kepala("Realisasi terverifikasi (Rp)"),
                Kepala("Serapan"),
                Kepala("Laporan terverifikasi"),
            ]
        ],  # fmt: skip
        kolom_tetap=1,
    )
    for y in data.tahun:
        a, r = data.anggaran_tahun(y)
        ev = data.ev[y]
        t.tambah(
            [
                Sel(str(y)),
                _sel_rp(data.pagu_tahun(y)),
                _sel_rp(a),
                Sel(ev.dasar),
                _sel_rp(r),
                _sel_persen(cp.serapan(r, a)),
                Sel(kj.ringkas_unit(ev, data.unit_anggaran(y)) if r is not None else ""),
            ],
            kelas="tebal" if y == tahun else "",
        )
    return t


def _tabel_pagu_periode(data: kj.DataKinerja, kode: str, judul: str, nama_kolom: str, baris) -> Tabel:
    t = Tabel(
        kode,
        judul,
        [[Kepala(nama_kolom), *(Kepala(f"{y} (Rp)") for y in data.tahun), Kepala("Jumlah (Rp)")]],
        kolom_tetap=1,
    )
    for nama, per in baris:
        nilai = [per.get(y) for y in data.tahun]
        ada = [v for v in nilai if v is not None]
        t.tambah([Sel(nama), *(_sel_rp(v) for v in nilai), _sel_rp(sum(ada, kj.NOL) if ada else None)])
    total = [data.pagu_tahun(y) for y in data.tahun]
    t.tambah([Sel("Jumlah"), *(_sel_rp(v) for v in total), _sel_rp(sum(total, kj.NOL))], kelas="tebal")
    return t


def _tabel_tahun_per(
    data: kj.DataKinerja, tahun: int, kode: str, judul: str, nama_kolom: str, baris
) -> Tabel:
    kepala = (nama_kolom, "Pagu indikatif Renstra (Rp)", "Anggaran (Rp)", "Realisasi terverifikasi (Rp)")
    t = Tabel(kode, judul, [[*(Kepala(h) for h in kepala), Kepala("Serapan")]], subjudul=data.ev[tahun].dasar,
              kolom_tetap=1)  # fmt: skip
    for nama, pagu, a, r in baris:
        if pagu is None and a is None and r is None:
            continue  # e.g. no sub kegiatan without a lokasi this year
        t.tambah([Sel(nama), _sel_rp(pagu), _sel_rp(a), _sel_rp(r), _sel_persen(cp.serapan(r, a))])
    return t


def tabel_anggaran(data: kj.DataKinerja, tahun: int) -> dict[str, Tabel]:
    """The Anggaran page's tables by their name in the template, in page order."""
    program = data.program()
    per_lokasi = sorted(data.pagu_lokasi().items(), key=lambda x: urut_lokasi(data, x[0]))
    nama_lok = [
        (data.nama_lokasi(lok) if lok is not None else "Tanpa lokasi", per) for lok, per in per_lokasi
    ]
    baris_program = []
    for p in program:
        b = data.baris_node(tahun, p)
        baris_program.append(
            (
                f"{p.kode} {p.nama}",
                data.r.pagu_node(p, tahun),
                b.rp_target if b else None,
                b.rp_realisasi if b else None,
            )
        )
    baris_lokasi = [
        (nama, per.get(tahun), *data.anggaran_tahun(tahun, lok))
        for (nama, per), (lok, _) in zip(nama_lok, per_lokasi, strict=True)
    ]
    periode = f"{data.tahun[0]}–{data.tahun[-1]}"
    return {
        "tabel_tahun": _tabel_per_tahun(data, tahun),
        "tabel_program": _tabel_pagu_periode(
            data,
            "anggaran-program",
            f"Pagu indikatif Renstra per program {periode}",
            "Program",
            [(f"{p.kode} {p.nama}", {y: data.r.pagu_node(p, y) for y in data.tahun}) for p in program],
        ),
        "tabel_lokasi": _tabel_pagu_periode(
            data, "anggaran-kelurahan", f"Pagu indikatif Renstra per kelurahan {periode}", "Lokasi", nama_lok
        ),
        "tabel_program_tahun": _tabel_tahun_per(
            data,
            tahun,
            "anggaran-program-tahun",
            f"Anggaran dan realisasi {tahun} per program",
            "Program",
            baris_program,
        ),  # fmt: skip
        "tabel_lokasi_tahun": _tabel_tahun_per(
            data,
            tahun,
            "anggaran-kelurahan-tahun",
            f"Anggaran dan realisasi {tahun} per kelurahan",
            "Lokasi",
            baris_lokasi,
        ),  # fmt: skip
    }


# --- Kinerja ------------------------------------------------------------------------------------


def _grafik_deret(data: kj.DataKinerja, d: kj.DeretIndikator) -> str:
    """Target and verified realisation of an indicator over the plan years (numbers only)."""
    target = [(n.target_angka if (n := d.nilai(y)) else None) for y in data.tahun]
    real = [(n.realisasi if (n := d.nilai(y)) else None) for y in data.tahun]
    semua = [v for v in (*target, *real) if v is not None]
    if not semua:
        return ""
    satuan = f" ({d.ind.satuan})" if d.ind.satuan else ""
    return grafik.garis(
        [str(y) for y in data.tahun],
        [("Target", target), ("Realisasi terverifikasi", real)],
        judul=f"{d.ind.nama}{satuan}: target dan realisasi terverifikasi per tahun",
        bawah_sumbu=min(min(semua), Decimal(0)) if min(semua) < 0 else min(semua),
        atas_sumbu=max(semua),
    )


def _kartu(data: kj.DataKinerja, d: kj.DeretIndikator, tahun: int) -> dict:
    n = d.nilai(tahun)
    return {
        "d": d,
        "tingkat": d.node.get_tingkat_display(),
        "nilai": n,
        "grafik": mark_safe(_grafik_deret(data, d)),
        "tabel": mark_safe(ke_html(tabel_kartu(data, d))),
    }


@tembolok.publik()
def kinerja(request, pemda: str, pd: str):
    obj = pd_publik(pemda, pd, "kinerja")
    data = kj.muat(obj)
    konteks = {
        "ppd": obj,
        "bagian_aktif": "kinerja",
        "judul": "Kinerja",
        "deskripsi": f"Tujuan, sasaran dan indikator Renstra {obj.nama} dengan target dan realisasi yang sudah "
        "diverifikasi, per tahun dan per kelurahan.",
        "data": data,
    }
    if data is None:
        return render(request, "portal/kinerja.html", konteks)
    tahun, pesan = kj.pilih_tahun(request.GET.get("tahun"), data, data.tahun_kinerja)
    tujuan = []
    for t in data.deret_tingkat(kj.T.TUJUAN, kj.T.SASARAN):
        tujuan.append(_kartu(data, t, tahun))
    tercapai, jumlah, rata = data.sasaran_tercapai(tahun)
    konteks.update(
        tahun=tahun,
        pesan_tahun=pesan,
        kalimat_tw=kj.kalimat_triwulan(tahun, data.tw_kantor(tahun)),
        kalimat_setuju=data.kalimat_persetujuan(tahun),
        kalimat_tahun=[data.kalimat_tahun(y) for y in data.tahun],
        kartu=tujuan,
        tercapai=tercapai,
        jumlah_sasaran=jumlah,
        rata_sasaran=rata,
        tabel_tahun=mark_safe(ke_html(tabel_capaian_tahun(data, tahun))),
        tabel_lokasi=mark_safe(ke_html(tabel_ringkas_lokasi(data, tahun, obj))),
        pilihan_tahun=_pilihan_tahun("kinerja", obj, data, tahun),
        unduhan=_unduhan("kinerja_unduh", obj, tahun=tahun),
    )
    return render(request, "portal/kinerja.html", konteks)


@tembolok.publik()
def kinerja_unduh(request, pemda: str, pd: str, fmt: str):
    _format(fmt)
    obj = pd_publik(pemda, pd, "kinerja")
    data = _data_atau_404(obj)
    tahun, _ = kj.pilih_tahun(request.GET.get("tahun"), data, data.tahun_kinerja)
    tabel = [
        tabel_capaian_tahun(data, tahun),
        tabel_indikator_panjang(data, data.deret_tingkat(kj.T.TUJUAN, kj.T.SASARAN)),
        tabel_ringkas_lokasi(data, tahun, obj),
    ]
    return unduh.jawab_tabel(tabel, f"kinerja-{obj.slug}-{tahun}", fmt, judul=f"Kinerja {obj.nama} {tahun}")


def _unit_atau_404(data: kj.DataKinerja, unit: int):
    u = data.unit(unit)
    if u is None or not data.deret_lokasi(u.pk):
        raise Http404("Kelurahan atau unit ini tidak ada, atau tidak mempunyai target sendiri.")
    return u


@tembolok.publik()
def kinerja_kelurahan(request, pemda: str, pd: str, unit: int):
    obj = pd_publik(pemda, pd, "kinerja")
    data = _data_atau_404(obj)
    u = _unit_atau_404(data, unit)
    rata = [r["rata"] for r in ringkas_tahun_lokasi(data, u.pk)]
    ada = [v for v in rata if v is not None]
    gambar = ""
    if ada:
        gambar = grafik.garis(
            [str(y) for y in data.tahun],
            [("Rata-rata capaian (%)", rata)],
            judul=f"Rata-rata capaian indikator {u.nama} per tahun (realisasi terverifikasi)",
            bawah_sumbu=min(min(ada), Decimal(0)),
            atas_sumbu=max(max(ada), Decimal(100)),
            acuan=[(Decimal(100), "target")],
        )
    return render(
        request,
        "portal/kinerja_kelurahan.html",
        {
            "ppd": obj,
            "bagian_aktif": "kinerja",
            "judul": f"Kinerja {u.nama}",
            "deskripsi": f"Indikator sub kegiatan Renstra {obj.nama} di {u.nama}: target dan realisasi "
            "terverifikasi per tahun.",
            "data": data,
            "unit": u,
            "kalimat_tahun": [data.kalimat_tahun(y, u.pk) for y in data.tahun],
            "grafik": mark_safe(gambar),
            "tabel_ringkas": mark_safe(ke_html(tabel_tahun_lokasi(data, u))),
            "tabel": mark_safe(ke_html(tabel_lokasi(data, u))),
            "unduhan": _unduhan("kinerja_kelurahan_unduh", obj, u.pk),
            "kembali": _alamat("kinerja", obj),
        },
    )


@tembolok.publik()
def kinerja_kelurahan_unduh(request, pemda: str, pd: str, unit: int, fmt: str):
    _format(fmt)
    obj = pd_publik(pemda, pd, "kinerja")
    data = _data_atau_404(obj)
    u = _unit_atau_404(data, unit)
    tabel = [tabel_tahun_lokasi(data, u), tabel_lokasi(data, u, gabung=False)]
    return unduh.jawab_tabel(tabel, f"kinerja-{obj.slug}-{u.pk}", fmt, judul=f"Kinerja {u.nama}")


# --- Anggaran -----------------------------------------------------------------------------------


def _grafik_anggaran(data: kj.DataKinerja) -> tuple[str, str, str]:
    """Pagu per year by lokasi; anggaran per year split into verified realisation and the rest; pagu
    of the whole period per program."""
    per_lokasi = data.pagu_lokasi()
    seri = [
        (
            data.nama_lokasi(lok) if lok is not None else "Tanpa lokasi",
            [per.get(y, kj.NOL) for y in data.tahun],
        )
        for lok, per in sorted(per_lokasi.items(), key=lambda x: urut_lokasi(data, x[0]))
    ]
    pagu = grafik.batang_bertumpuk(
        [str(y) for y in data.tahun], seri, judul="Pagu indikatif Renstra per tahun menurut lokasi"
    )
    tahun_real = [y for y in data.tahun if data.anggaran_tahun(y)[1] is not None]
    realisasi = ""
    if tahun_real:
        nilai = [data.anggaran_tahun(y) for y in tahun_real]
        realisasi = grafik.batang_bertumpuk(
            [str(y) for y in tahun_real],
            [
                ("Realisasi terverifikasi", [r or kj.NOL for _, r in nilai]),
                (
                    "Belum terealisasi atau belum terverifikasi",
                    [max((a or kj.NOL) - (r or kj.NOL), kj.NOL) for a, r in nilai],
                ),
            ],
            judul="Anggaran per tahun: realisasi terverifikasi dan sisanya",
        )
    program = data.program()
    total = [sum((data.r.pagu_node(p, y) or kj.NOL for y in data.tahun), kj.NOL) for p in program]
    per_program = grafik.batang_mendatar(
        [p.kode for p in program],
        total,
        judul=f"Pagu indikatif {data.tahun[0]}–{data.tahun[-1]} per program (kode program)",
    )
    return pagu, realisasi, per_program


@tembolok.publik()
def anggaran(request, pemda: str, pd: str):
    obj = pd_publik(pemda, pd, "anggaran")
    data = kj.muat(obj)
    konteks = {
        "ppd": obj,
        "bagian_aktif": "anggaran",
        "judul": "Anggaran",
        "deskripsi": f"Pagu Renstra {obj.nama} per tahun, per program dan per kelurahan, serta realisasi "
        "anggaran yang sudah diverifikasi.",
        "data": data,
    }
    if data is None:
        return render(request, "portal/anggaran.html", konteks)
    tahun, pesan = kj.pilih_tahun(request.GET.get("tahun"), data, data.tahun_anggaran)
    g_pagu, g_real, g_program = _grafik_anggaran(data)
    anggaran_th, real_th = data.anggaran_tahun(tahun)
    konteks.update(
        tahun=tahun,
        pesan_tahun=pesan,
        periode=f"{data.tahun[0]}–{data.tahun[-1]}",
        total_periode=sum((data.pagu_tahun(y) for y in data.tahun), kj.NOL),
        dasar=data.ev[tahun].dasar,
        anggaran_tahun=anggaran_th,
        realisasi_tahun=real_th,
        serapan_tahun=cp.serapan(real_th, anggaran_th),
        verifikasi_tahun=kj.ringkas_unit(data.ev[tahun], data.unit_anggaran(tahun)),
        grafik_pagu=mark_safe(g_pagu),
        grafik_realisasi=mark_safe(g_real),
        grafik_program=mark_safe(g_program),
        **{k: mark_safe(ke_html(t)) for k, t in tabel_anggaran(data, tahun).items()},
        pilihan_tahun=_pilihan_tahun("anggaran", obj, data, tahun),
        unduhan=_unduhan("anggaran_unduh", obj, tahun=tahun),
    )
    return render(request, "portal/anggaran.html", konteks)


@tembolok.publik()
def anggaran_unduh(request, pemda: str, pd: str, fmt: str):
    _format(fmt)
    obj = pd_publik(pemda, pd, "anggaran")
    data = _data_atau_404(obj)
    tahun, _ = kj.pilih_tahun(request.GET.get("tahun"), data, data.tahun_anggaran)
    tabel = list(tabel_anggaran(data, tahun).values())
    return unduh.jawab_tabel(tabel, f"anggaran-{obj.slug}-{tahun}", fmt, judul=f"Anggaran {obj.nama} {tahun}")
