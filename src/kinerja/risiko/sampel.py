"""Demonstration risks for the sample plan: one per sasaran and one for the first program, each
labelled as demonstration, so that the register, heat map and workbook have content."""

from __future__ import annotations

import datetime as dt

from kinerja.core.pelaku import SISTEM
from kinerja.monev.sampel import TAHUN_DEMO
from kinerja.renstra.models import PlanNode
from kinerja.risiko import services
from kinerja.risiko.models import Risiko

TANDA = "[Demonstrasi]"
T = PlanNode.Tingkat

# (sebab, dampak, kemungkinan, dampak level, pengendalian, RTP, monitoring quarter 1 (kemungkinan, dampak))
_CONTOH = (
    (
        "Data dukung kinerja dari kelurahan terlambat dan belum seragam.",
        "Capaian sasaran tidak dapat diukur tepat waktu; laporan kinerja terlambat.",
        4,
        3,
        "Format isian realisasi triwulan yang sama untuk semua kelurahan.",
        "Bimbingan teknis pengisian realisasi bagi operator kelurahan.",
        (3, 2),
    ),
    (
        "Partisipasi warga dalam rembug dan musrenbang rendah.",
        "Usulan pembangunan tidak mencerminkan kebutuhan warga; sasaran pemberdayaan tidak tercapai.",
        3,
        4,
        "Undangan rembug warga melalui ketua RT.",
        "Sosialisasi jadwal rembug melalui media sosial kecamatan dan kelurahan.",
        (3, 3),
    ),
    (
        "Anggaran program terlambat dicairkan pada awal tahun.",
        "Kegiatan bergeser ke akhir tahun; serapan anggaran rendah.",
        3,
        3,
        "Rencana penarikan dana per triwulan.",
        "Menyusun jadwal pelaksanaan kegiatan sejak Januari dan memantaunya tiap bulan.",
        (2, 3),
    ),
)


def muat_risiko_demo(versi) -> str:
    unsur = list(PlanNode.objects.filter(versi=versi, tingkat=T.SASARAN).order_by("urutan", "pk"))
    program = PlanNode.objects.filter(versi=versi, tingkat=T.PROGRAM).order_by("urutan", "pk").first()
    if program is not None:
        unsur.append(program)
    Risiko.objects.filter(pd=versi.pd, tahun=TAHUN_DEMO, pernyataan__startswith=TANDA).delete()
    n = 0
    for i, node in enumerate(unsur):
        sebab, dampak, k, d, kendali, rtp, pantau = _CONTOH[min(i, len(_CONTOH) - 1)]
        ind = list(node.indikator_set.order_by("urutan", "pk").values_list("pk", flat=True)[:1])
        x = services.simpan_risiko(
            pengguna=SISTEM,
            pd=versi.pd,
            tahun=TAHUN_DEMO,
            data={
                "node": node.pk,
                "pernyataan": f"{TANDA} Target {node.nama[:120]} tidak tercapai",
                "sebab": sebab,
                "uraian_dampak": dampak,
                "kemungkinan": k,
                "dampak": d,
                "pemilik": "Camat Sananwetan" if node.tingkat == T.SASARAN else "Sekretaris Kecamatan",
                "pengendalian": kendali,
                "indikator": ind,
            },
        )
        services.simpan_rtp(
            pengguna=SISTEM,
            risiko=x,
            data={
                "uraian": rtp,
                "penanggung_jawab": "Subbag Perencanaan dan Keuangan",
                "tenggat": dt.date(TAHUN_DEMO, 6, 30).isoformat(),
                "status": "berjalan",
            },
        )
        if pantau:
            services.simpan_pemantauan(
                pengguna=SISTEM,
                risiko=x,
                triwulan=1,
                data={
                    "kemajuan": f"{TANDA} Kegiatan pengendalian dimulai.",
                    "kemungkinan": pantau[0],
                    "dampak": pantau[1],
                },
            )
        n += 1
    return f"{n} risiko demonstrasi {TAHUN_DEMO}"
