"""A demonstration SAKIP evaluation for the sample PD, so the pages have content: every criterion
answered, the PD's own grades, the evaluator's grades marked final, and two recommendations. It is
stored with ``demonstrasi=True`` and every page, report and command that shows it says so."""

from __future__ import annotations

import hashlib

from django.urls import reverse
from django.utils import timezone

from kinerja.core.audit import catat
from kinerja.core.pelaku import SISTEM
from kinerja.sakip.models import Evaluasi, JawabanKriteria, NilaiSub, Rekomendasi
from kinerja.sakip.selectors import lke_berlaku

# The demonstration grades per sub-component: (the PD's own, the evaluator's).
NILAI_DEMO = {
    "1.a": ("AA", "A"),
    "1.b": ("A", "A"),
    "1.c": ("A", "BB"),
    "2.a": ("A", "A"),
    "2.b": ("A", "BB"),
    "2.c": ("BB", "B"),
    "3.a": ("AA", "A"),
    "3.b": ("A", "BB"),
    "3.c": ("BB", "BB"),
    "4.a": ("A", "A"),
    "4.b": ("BB", "BB"),
    "4.c": ("BB", "B"),
}
REKOMENDASI_DEMO = (
    (
        "Selaraskan indikator kinerja individu dengan IKU kecamatan dan tetapkan dalam perjanjian kinerja pegawai.",
        "Subbag Program",
    ),
    (
        "Manfaatkan hasil pengukuran kinerja triwulanan sebagai dasar penyesuaian anggaran kegiatan.",
        "Sekretaris Kecamatan",
    ),
)


def _terpenuhi(kode: str) -> bool:
    """A fixed pattern (the same on every load): about six criteria in seven are met."""
    return hashlib.sha256(f"sakip-demo:{kode}".encode()).digest()[0] % 7 != 0


def muat_demo(versi, tahun: int) -> Evaluasi:
    """The demonstration evaluation of the sample PD's year, marked final by the evaluator."""
    pd = versi.pd
    Evaluasi.objects.filter(pd=pd, tahun=tahun).delete()
    lke = lke_berlaku(pd.pemda_id)
    ev = Evaluasi.objects.create(
        pd=pd,
        tahun=tahun,
        lke=lke,
        status=Evaluasi.Status.SELESAI,
        demonstrasi=True,
        diajukan_pada=timezone.now(),
        selesai_pada=timezone.now(),
        catatan_evaluator="Data demonstrasi: penilaian contoh, bukan hasil evaluasi Inspektorat yang sesungguhnya.",
    )
    bukti = {
        "1": [reverse("renstra:dasbor", args=[versi.pk]), reverse("monev:pk", args=[versi.pk, tahun])],
        "2": [
            reverse("monev:capaian", args=[versi.pk, tahun]),
            reverse("monev:matriks", args=[versi.pk, tahun]),
        ],
        "3": [reverse("monev:laporan", args=[versi.pk, tahun, "LKJIP"])],
        "4": [reverse("monev:laporan", args=[versi.pk, tahun, "E.81"])],
    }
    lembar = lke.lembar
    JawabanKriteria.objects.bulk_create(
        JawabanKriteria(
            evaluasi=ev,
            kode=c.kode,
            terpenuhi=_terpenuhi(c.kode),
            tautan=bukti.get(c.kode.split(".")[0], [])[:1] if _terpenuhi(c.kode) else [],
            catatan="Data demonstrasi.",
        )
        for c in lembar.semua_kriteria()
    )
    NilaiSub.objects.bulk_create(
        NilaiSub(
            evaluasi=ev,
            kode=s.kode,
            nilai_pd=NILAI_DEMO.get(s.kode, ("B", "B"))[0],
            nilai_evaluator=NILAI_DEMO.get(s.kode, ("B", "B"))[1],
        )
        for s in lembar.semua_sub()
    )
    for uraian, pj in REKOMENDASI_DEMO:
        Rekomendasi.objects.create(evaluasi=ev, uraian=uraian, penanggung_jawab=pj)
    catat(aksi="sampel.sakip", objek=ev, pengguna=SISTEM, alasan=f"Evaluasi SAKIP demonstrasi {tahun}", pd=pd)
    return ev
