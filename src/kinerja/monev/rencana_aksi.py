"""Rencana aksi: the cumulative targets of each indicator row up to the end of TW I, II and III.

The planner (or the head of the PD) sets them with the Perjanjian Kinerja; E.81 of TW I–III gives its
predikat against them instead of against the year's target. TW IV is the year's own target. The rows
are those of the year with a numeric target; reading the rows is here, writing is
``services.simpan_rencana_aksi``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from kinerja.core import angka
from kinerja.monev.models import TargetTriwulan
from kinerja.monev.selectors import angka_nilai, target_triwulan
from kinerja.renstra.models import Indikator
from kinerja.renstra.selectors import Rencana
from kinerja.renstra.tabel_dokumen import baris_rencana, nilai_target

TRIWULAN_AKSI = (1, 2, 3)
# A quarterly target above this many times the year's target is taken for a typing error.
KALI_WAJAR = 10
SERATUS = Decimal(100)
BATAS_TARGET = angka.Batas.dari_kolom(TargetTriwulan._meta.get_field("nilai"))


@dataclass
class BarisAksi:
    node: object
    ind: object
    lokasi_id: int | None
    lokasi: str
    target_tahun: Decimal
    target_teks: str
    nilai: dict[int, Decimal] = field(default_factory=dict)  # quarter → stored cumulative target

    @property
    def kunci(self) -> str:
        return f"{self.ind.pk}-{self.lokasi_id or 0}"


def baris_aksi(r: Rencana, tahun: int) -> list[BarisAksi]:
    """The year's indicator rows with a numeric target, with their stored quarterly targets (1 query)."""
    tersimpan = target_triwulan(r.versi.pk, tahun)
    hasil = []
    for br in baris_rencana(r, [tahun]):
        ind, lok = br.indikator, br.lokasi_id
        if ind is None:
            continue
        t = r.target.get((ind.pk, lok, tahun))
        nilai = angka_nilai(t)
        if nilai is None:
            continue
        hasil.append(
            BarisAksi(
                node=br.node,
                ind=ind,
                lokasi_id=lok,
                lokasi=r.lokasi_label(lok) or "",
                target_tahun=nilai,
                target_teks=nilai_target(t, ind.satuan),
                nilai={
                    q: tersimpan[(ind.pk, lok, q)] for q in TRIWULAN_AKSI if (ind.pk, lok, q) in tersimpan
                },
            )
        )
    return hasil


def baca_isian(teks: str, *, ind: Indikator, target_tahun: Decimal) -> Decimal | None:
    """A typed quarterly target: None when empty; raises ValueError with the reason in Indonesian."""
    teks = (teks or "").strip()
    if not teks:
        return None
    if teks[0] in "-−" and angka.baca(teks[1:].strip()).angka is not None:
        raise ValueError(f"{teks}: target tidak boleh negatif.")
    try:
        n = angka.baca_terbatas(angka.periksa_panjang(teks), BATAS_TARGET)
    except angka.NilaiDitolak as e:
        raise ValueError(e.pesan) from None
    if n.terpotong or n.angka is None or n.jenis not in (angka.ANGKA, angka.PERSEN):
        raise ValueError(f"'{teks}' bukan angka; tulis mis. 25 atau 12,5.")
    if (
        n.jenis == angka.ANGKA
        and n.satuan
        and (not ind.satuan or angka.kunci_satuan(n.satuan) != angka.kunci_satuan(ind.satuan))
    ):
        # "3 ribu" or "1e5" would otherwise be stored as 3 and 1: only the indicator's own unit may follow.
        raise ValueError(
            f"'{teks}' bukan angka dalam satuan indikator ini; tulis angkanya saja, mis. 25 atau 12,5."
        )
    v = n.angka
    if v < 0:
        raise ValueError(f"{teks}: target tidak boleh negatif.")
    persen = n.jenis == angka.PERSEN or (ind.satuan or "").strip() in ("%", "persen")
    if persen and v > SERATUS and target_tahun <= SERATUS:
        raise ValueError(f"{teks}: persentase tidak boleh di atas 100%.")
    if target_tahun > 0 and v > target_tahun * KALI_WAJAR:
        raise ValueError(
            f"{teks}: lebih dari {KALI_WAJAR} kali target setahun ({angka.format_angka(target_tahun)}); "
            "periksa kembali angkanya."
        )
    return v


def periksa_urutan(ind: Indikator, nilai: dict[int, Decimal], target_tahun: Decimal) -> list[str]:
    """Cumulative targets of a higher-is-better measure do not fall from quarter to quarter nor pass
    the year's target (which is TW IV's)."""
    if ind.arah != Indikator.Arah.NAIK:
        return []
    galat = []
    urut = [(q, nilai[q]) for q in TRIWULAN_AKSI if q in nilai] + [(4, target_tahun)]
    for (q1, v1), (q2, v2) in zip(urut, urut[1:], strict=False):
        if v2 < v1:
            nama = {1: "I", 2: "II", 3: "III", 4: "IV (target setahun)"}
            galat.append(
                f"Target kumulatif triwulan {nama[q2]} ({angka.format_angka(v2)}) lebih kecil dari triwulan "
                f"{nama[q1]} ({angka.format_angka(v1)}); target rencana aksi dihitung kumulatif."
            )
    return galat
