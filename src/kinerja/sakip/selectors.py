"""Reads of the SAKIP evaluation for other apps and pages whose caller has already been checked."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kinerja.core.kueri_tetap import KueriTetap
from kinerja.sakip import nilai as skor
from kinerja.sakip.lke import baca_lke, teks_bawaan
from kinerja.sakip.models import Evaluasi, Lke


def lke_bawaan() -> Lke:
    """The worksheet shipped with the package, stored once (it is what every pemda starts with)."""
    ada = Lke.objects.filter(pemda__isnull=True).order_by("-id").first()
    teks = teks_bawaan()
    if ada is not None and ada.isi == teks:
        return ada
    lembar = baca_lke(teks)
    return Lke.objects.create(
        pemda=None, kode=lembar.kode, judul=lembar.judul, isi=teks, nama_berkas="bawaan"
    )


def lke_berlaku(pemda_id: int) -> Lke:
    """The worksheet a new evaluation of this pemda uses: its own newest, else the package's."""
    return Lke.objects.filter(pemda_id=pemda_id).order_by("-id").first() or lke_bawaan()


def jawaban_sub(ev: Evaluasi, evaluator: bool) -> dict[str, str]:
    medan = "nilai_evaluator" if evaluator else "nilai_pd"
    return {kode: n for kode, n in ev.nilai_set.values_list("kode", medan)}


@dataclass(frozen=True)
class NilaiFinal:
    evaluasi_id: int
    pd_id: int
    tahun: int
    nilai: Decimal
    predikat: str
    demonstrasi: bool


# Every report of a PD asks for it: compiled once.
_FINAL_PD = KueriTetap(
    lambda pd_id, mulai, akhir: Evaluasi.objects.filter(
        pd_id=pd_id, tahun__gte=mulai, tahun__lte=akhir, status=Evaluasi.Status.SELESAI
    ).select_related("lke")
)


def nilai_final(pd_id: int, mulai: int, akhir: int) -> dict[tuple[int, int], NilaiFinal]:
    """The evaluator's final score per (PD, year) of the PD's evaluations marked final in these years."""
    hasil = {}
    qs = _FINAL_PD.daftar(pd_id, mulai, akhir)
    for ev in qs:
        lembar = ev.lke.lembar
        s = skor.hitung(lembar, jawaban_sub(ev, evaluator=True))
        hasil[(ev.pd_id, ev.tahun)] = NilaiFinal(
            ev.pk, ev.pd_id, ev.tahun, s.nilai, s.predikat.kode if s.predikat else "", ev.demonstrasi
        )
    return hasil
