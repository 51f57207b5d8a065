"""Reports of monitoring as XLSX or JSON, and the capaian rows of ``kinerja capaian --json``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal

from kinerja.core.pengumpul import tanpa_pengumpul
from kinerja.core.tabel import Tabel, ke_baris_csv
from kinerja.core.xlsx import ke_xlsx
from kinerja.monev import capaian as cp
from kinerja.monev import laporan as lp
from kinerja.monev import lkjip
from kinerja.monev import pk as pk_mod
from kinerja.monev import renja as renja_mod
from kinerja.monev import verifikasi as vf
from kinerja.monev.models import PerjanjianKinerja
from kinerja.monev.selectors import Evaluasi, muat_evaluasi
from kinerja.renstra.selectors import Rencana

FORMAT_LAPORAN = ("xlsx", "json")


def angka_json(v) -> int | float | str | None:
    if v is None:
        return None
    if isinstance(v, Decimal):
        if v == v.to_integral_value():
            return int(v)
        return float(cp.bulat(v)) if abs(v.as_tuple().exponent) > 2 else float(v)
    return v


def nilai_json(n) -> int | float | str | None:
    """A target or realisation: its number when it has one, else its text."""
    if n is None:
        return None
    if getattr(n, "nilai", None) is not None:
        return angka_json(Decimal(n.nilai))
    return n.teks or None


def status_json(sb: vf.StatusBaris, nama_unit: dict[int, str]) -> dict:
    """A row's verification in JSON: its status word and the values not yet verified."""
    return {
        "status_verifikasi": vf.KODE.get(sb.status),
        "belum_diverifikasi": [
            {"unit": nama_unit.get(u), "tahun": th, "triwulan": q, "status": vf.KODE[st], "bagian": bagian}
            for u, th, q, st, bagian in sb.belum
        ],
    }


def baris_capaian(ev: Evaluasi) -> list[dict]:
    """One object per indicator × lokasi row: what ``kinerja capaian --json`` prints."""
    hasil = []
    r = ev.r
    nama_unit = lp.r_nama_unit(r)
    for b in ev.baris_indikator:
        c = b.capaian
        p = b.predikat
        hasil.append(
            {
                "indikator": b.ind.nama,
                "satuan": b.ind.satuan or None,
                "tingkat": b.node.get_tingkat_display().lower(),
                "kode": b.node.kode or None,
                "unsur": b.node.nama,
                "lokasi": r.lokasi_label(b.lokasi_id) or None,
                "unit": r.unit[b.unit_id].nama if b.unit_id in r.unit else None,
                "arah": b.ind.arah,
                "tahun": ev.tahun,
                "triwulan": ev.triwulan,
                "target": nilai_json(b.target_tahun),
                "realisasi_triwulan": {
                    str(q + 1): nilai_json(d) for q, d in enumerate(b.tw) if d is not None
                },
                "realisasi": angka_json(b.realisasi)
                if b.realisasi is not None
                else (b.realisasi_label or None),
                "capaian": angka_json(cp.bulat(c.nilai)) if c and c.nilai is not None else None,
                "status": c.status if c else None,
                "predikat": p.label if p else None,
                "rumus": c.rumus if c else None,
                "sumber": b.ind.sumber_data,
                **status_json(b.verifikasi_kinerja, nama_unit),
            }
        )
    return hasil


def _faktor_json(ev: Evaluasi, kolom: str) -> list[dict]:
    return [{"unit": u or None, "teks": t, "status_verifikasi": vf.KODE[st]} for u, t, st in ev.faktor(kolom)]


def _rp_json(b) -> dict:
    """E.81's Rp columns of a row; column 7 says which basis its anggaran is made of."""
    return {
        "5": angka_json(b.rp_akhir),
        "6": angka_json(b.rp_lalu),
        "7": angka_json(b.rp_target),
        "7_dasar": list(b.rp_dasar),
        "7_pagu_indikatif": angka_json(b.rp_pagu),
        "8_11": [angka_json(x) for x in b.rp_tw],
        "12": angka_json(b.rp_realisasi),
        "13": angka_json(b.rp_sd_kini),
        "14": angka_json(cp.bulat(b.rp_capaian_renstra)) if b.rp_capaian_renstra is not None else None,
    }


def baris_e81(ev: Evaluasi, tanggal: dt.date | None = None) -> dict:
    """E.81 as data: one object per row, the footer, and how much of it is verified."""
    baris = []
    r = ev.r
    nama_unit = lp.r_nama_unit(r)
    for b in ev.baris:
        leluhur = {n.tingkat: n for n in r.leluhur(b.node)}
        leluhur[b.node.tingkat] = b.node
        baris.append(
            {
                "sasaran": leluhur[2].nama if 2 in leluhur else None,
                "program": leluhur[3].nama if 3 in leluhur else None,
                "kegiatan": leluhur[4].nama if 4 in leluhur else None,
                "sub_kegiatan": leluhur[5].nama if 5 in leluhur else None,
                "kode": b.node.kode or None,
                "indikator": b.ind.nama if b.ind else None,
                "lokasi": r.lokasi_label(b.lokasi_id) or None,
                "k": {
                    "5_target_akhir_renstra": nilai_json(b.target_akhir),
                    "5_tanpa_target_akhir": b.target_akhir is None,
                    "6_mulai_sesudah_tahun_awal": lp.mulai_kemudian(ev, b),
                    "indikator_satu_ukuran": [r.indikator_id[i].nama for i in r.rantai(b.ind.pk)],
                    "6_realisasi_sd_tahun_lalu": angka_json(b.lalu),
                    "7_target_tahun_ini": nilai_json(b.target_tahun),
                    "8_11_triwulan": [nilai_json(d) for d in b.tw] if b.ind else None,
                    "12_realisasi_tahun_ini": angka_json(b.realisasi)
                    if b.realisasi is not None
                    else (b.realisasi_label or None),
                    "13_realisasi_sd_tahun_ini": angka_json(b.sd_kini),
                    "14_tingkat_capaian_renstra": angka_json(cp.bulat(b.capaian_renstra.nilai))
                    if b.capaian_renstra and b.capaian_renstra.nilai is not None
                    else None,
                }
                if b.ind
                else None,
                "rp": _rp_json(b) if b.ada_rp else None,
                "capaian": angka_json(cp.bulat(b.capaian.nilai))
                if b.capaian and b.capaian.nilai is not None
                else None,
                **_predikat_json(ev, b),
                "unit": r.unit[b.unit_id].nama if b.unit_id in r.unit else None,
                **status_json(b.verifikasi, nama_unit),
            }
        )
    sudah, semua = ev.unit_terverifikasi()
    return {
        "laporan": "E.81",
        "perangkat_daerah": r.pd.nama,
        "tahun": ev.tahun,
        "triwulan": ev.triwulan,
        "verifikasi": {
            "unit_terverifikasi": sudah,
            "unit_pelapor": semua,
            "hanya_terverifikasi": ev.hanya_terverifikasi,
            "keterangan": ev.kalimat_verifikasi(),
        },
        "baris": baris,
        "dasar_anggaran": ev.dasar or None,
        "renja_ditetapkan": ev.renja.nama if ev.renja is not None else None,
        "serapan_anggaran": angka_json(cp.bulat(ev.rata_serapan()))
        if ev.rata_serapan() is not None
        else None,
        "faktor_pendorong": _faktor_json(ev, "faktor_pendorong"),
        "faktor_penghambat": _faktor_json(ev, "faktor_penghambat"),
        "tindak_lanjut": _faktor_json(ev, "tindak_lanjut"),
        "tindak_lanjut_renja": _faktor_json(ev, "tindak_lanjut_renja"),
        "kaki": kaki_json(lp.kaki_e81(ev, ev.baris)),
        "tanda_tangan": ttd_json(lp.ttd_e81(ev, tanggal)),
    }


def _predikat_json(ev: Evaluasi, b) -> dict:
    """A row's predikat as the report prints it: at year end against the year's target; before it
    against the rencana aksi target (with that target and capaian), else "belum akhir tahun"."""
    if ev.triwulan >= 4:
        return {"predikat": b.predikat.label if b.predikat else None}
    target, c = lp.capaian_aksi(ev, b)
    if c is None:
        return {"predikat": lp.BELUM_AKHIR_TAHUN, "target_rencana_aksi": None, "capaian_rencana_aksi": None}
    return {
        "predikat": c.predikat.label if c.predikat else None,
        "target_rencana_aksi": angka_json(target),
        "capaian_rencana_aksi": angka_json(cp.bulat(c.nilai)) if c.nilai is not None else None,
    }


def _rata_json(r: lp.Rata | None) -> dict | None:
    if r is None:
        return None
    return {
        "rata_rata": angka_json(cp.bulat(r.nilai)) if r.nilai is not None else None,
        "baris_dihitung": r.jumlah,
        "predikat": r.predikat.label if r.predikat else None,
    }


def _tingkat_json(x) -> dict:
    """One plan level of a footer: E.81 (capaian, Renstra K/Rp, rencana aksi) or E.80 (per year)."""
    if isinstance(x, lp.RataTingkatE80):
        return {
            "tingkat": lp.NAMA_TINGKAT[x.tingkat],
            "rasio_k": {str(y): _rata_json(r) for y, r in x.k.items()},
            "rasio_rp": {str(y): _rata_json(r) for y, r in x.rp.items()},
        }
    akhir = x.aksi is None
    return {
        "tingkat": lp.NAMA_TINGKAT[x.tingkat],
        "baris_indikator": x.baris,
        # Before the year ends no predikat is given against the year's target (None = "belum akhir tahun").
        "capaian_renja": {**_rata_json(x.capaian), **({} if akhir else {"predikat": None})},
        "tingkat_capaian_renstra_k": {**_rata_json(x.renstra_k), **({} if akhir else {"predikat": None})},
        "tingkat_capaian_renstra_rp": {**_rata_json(x.renstra_rp), **({} if akhir else {"predikat": None})},
        "rencana_aksi": None
        if akhir
        else {
            "baris_bertarget": x.baris_aksi,
            **(_rata_json(x.aksi) if x.baris_aksi else {"predikat": None}),
        },
    }


def kaki_json(kaki: dict) -> dict:
    """A report's footer as data: per-level means and predikat, the capping rule, the explanations."""
    hasil = {
        "batasi_capaian_100": kaki["batasi_capaian_100"],
        "keterangan_batas": kaki["keterangan_batas"],
        "rata_rata_per_tingkat": [_tingkat_json(x) for x in kaki["rata"]],
        **{
            kunci: [{"unit": u or None, "teks": t, "status_verifikasi": vf.KODE[st]} for u, t, st in daftar]
            for kunci, daftar in kaki["faktor"].items()
        },
    }
    if "akhir_tahun" in kaki:
        hasil["akhir_tahun"] = kaki["akhir_tahun"]
        if not kaki["akhir_tahun"]:
            hasil["predikat_tahunan"] = lp.BELUM_AKHIR_TAHUN
    return hasil


def ttd_json(ttd: list[lp.TandaTangan]) -> list[dict]:
    return [
        {
            "peran": t.peran,
            "tempat_tanggal": t.tempat_tanggal,
            "jabatan": t.jabatan,
            "nama": t.nama or None,
            "nip": t.nip or None,
        }
        for t in ttd
    ]


def dengan_ttd(t: Tabel) -> Tabel:
    """A report table for a workbook: its signature blocks written as lines under its notes."""
    ttd = getattr(t, "ttd", None)
    if not ttd:
        return t
    return dataclasses.replace(t, catatan=[*t.catatan, "", *(x for s in ttd for x in [*s.baris(), ""])])


def perjanjian(r: Rencana, tahun: int) -> PerjanjianKinerja | None:
    return PerjanjianKinerja.objects.filter(pd_id=r.pd.pk, tahun=tahun).first()


@tanpa_pengumpul()
def tabel_laporan(
    kode: str,
    r: Rencana,
    *,
    tahun: int,
    triwulan: int = 4,
    unit_id: int | None = None,
    ev: Evaluasi | None = None,
    hanya_terverifikasi: bool = False,
) -> list[Tabel]:
    """The tables of one report; ``hanya_terverifikasi`` leaves unverified values out (for the PK: the
    signed agreement only)."""
    hanya = hanya_terverifikasi
    if kode == "E.81":
        return [
            lp.tabel_e81(ev or muat_evaluasi(r, tahun, triwulan, hanya_terverifikasi=hanya), unit_id=unit_id)
        ]
    if kode == "E.80":
        return [lp.tabel_e80(r, hanya_terverifikasi=hanya)]
    if kode == "PK":
        teken = perjanjian(r, tahun)
        if hanya and teken is None:
            raise LookupError(f"Perjanjian Kinerja {tahun} belum ditandatangani: belum ada yang disahkan.")
        ev = ev or muat_evaluasi(r, tahun, 4)
        isi = pk_mod.isi_tertanda(teken) if teken else pk_mod.isi_pk(ev)
        return [pk_mod.tabel_pernyataan(isi, teken), *pk_mod.tabel_pk(ev, isi, teken)]
    if kode == "LKJIP":
        return lkjip.tabel_lkjip(r, tahun, hanya_terverifikasi=hanya)
    if kode == "2.3.1":
        return [lkjip.tabel_2_3_1_berjalan(r, hanya_terverifikasi=hanya)]
    if kode == "2.3.2":
        return [lkjip.tabel_2_3_2_berjalan(r, hanya_terverifikasi=hanya)]
    if kode == "RENJA":
        return renja_mod.tabel_renja(renja_mod.muat_renja(r, tahun))
    raise ValueError(f"Laporan '{kode}' tidak dikenal. Pilihan: {', '.join(lp.DAFTAR_LAPORAN)}.")


def json_renja(rj: renja_mod.RenjaTahun) -> dict:
    """The Renja as data: one object per row of the Rumusan form, and the evaluation table."""
    baris = [
        {
            "tingkat": b.tingkat,
            "kode": b.kode or None,
            "uraian": b.uraian,
            "indikator": b.indikator or None,
            "satuan": b.satuan or None,
            "lokasi": b.lokasi or None,
            "target": nilai_json(b.target),
            "pagu": angka_json(b.pagu),
            "sumber_dana": b.sumber_dana or None,
            "catatan_penting": b.catatan or None,
            "target_n1": nilai_json(b.target_n1),
            "pagu_n1": angka_json(b.pagu_n1),
        }
        for b in renja_mod.baris_renja(rj)
    ]
    return {
        "laporan": "RENJA",
        "perangkat_daerah": rj.r.pd.nama,
        "tahun": rj.tahun,
        "tahun_prakiraan_maju": rj.tahun_n1,
        "rancangan": rj.rancangan,
        "sumber": rj.keterangan,
        "status": "rancangan" if rj.rancangan else rj.r.versi.status,
        "baris": baris,
        "evaluasi_tahun_lalu": _tabel_json(renja_mod.tabel_rekap(rj)),
        "catatan": renja_mod.catatan_rumusan(rj),
    }


def _tabel_json(t: Tabel) -> dict:
    baris = ke_baris_csv(t)
    data = [dict(zip(baris[0], b, strict=False)) for b in baris[1:]]
    hasil = {"tabel": t.kode, "judul": t.judul, "subjudul": t.subjudul, "baris": data, "catatan": t.catatan}
    if isinstance(t, lp.TabelLaporan):
        for d, status in zip(data, t.status_baris, strict=True):
            d["status_verifikasi"] = vf.KODE.get(status)
        if t.kaki:
            hasil["kaki"] = kaki_json(t.kaki)
        if t.ttd:
            hasil["tanda_tangan"] = ttd_json(t.ttd)
    return hasil


def ekspor_laporan(
    kode: str,
    r: Rencana,
    *,
    tahun: int,
    triwulan: int = 4,
    format: str = "xlsx",
    unit_id: int | None = None,
    hanya_terverifikasi: bool = False,
) -> bytes:
    if format not in FORMAT_LAPORAN:
        raise ValueError(f"Format '{format}' tidak dikenal. Pilihan: {', '.join(FORMAT_LAPORAN)}.")
    if format == "json" and kode == "RENJA":
        return json.dumps(json_renja(renja_mod.muat_renja(r, tahun)), ensure_ascii=False, indent=1).encode()
    if format == "json" and kode == "PK":
        teken = perjanjian(r, tahun)
        if hanya_terverifikasi and teken is None:
            raise LookupError(f"Perjanjian Kinerja {tahun} belum ditandatangani: belum ada yang disahkan.")
        data = pk_mod.dokumen_pk(muat_evaluasi(r, tahun, 4), teken)
        return json.dumps(data, ensure_ascii=False, indent=1).encode()
    if format == "json" and kode == "E.81" and unit_id is None:
        data = baris_e81(muat_evaluasi(r, tahun, triwulan, hanya_terverifikasi=hanya_terverifikasi))
        return json.dumps(data, ensure_ascii=False, indent=1).encode()
    tabel = tabel_laporan(
        kode, r, tahun=tahun, triwulan=triwulan, unit_id=unit_id, hanya_terverifikasi=hanya_terverifikasi
    )
    if format == "xlsx":
        return ke_xlsx([dengan_ttd(t) for t in tabel])
    return json.dumps([_tabel_json(t) for t in tabel], ensure_ascii=False, indent=1).encode()


def nama_berkas_laporan(
    kode: str,
    r: Rencana,
    *,
    tahun: int,
    triwulan: int = 4,
    format: str = "xlsx",
    hanya_terverifikasi: bool = False,
) -> str:
    tw = f"-TW{triwulan}" if lp.DAFTAR_LAPORAN[kode].per_triwulan else ""
    akhiran = "-terverifikasi" if hanya_terverifikasi else ""
    return f"{kode.replace('.', '')}-{tahun}{tw}-{r.pd.slug}{akhiran}.{format}"
