"""What awaits a user in monitoring: the quarter an operator fills, the reports a verifier checks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from kinerja.core.models import CatatanAudit
from kinerja.monev.models import Laporan
from kinerja.monev.services import alasan_terkunci
from kinerja.renstra.models import RenstraVersi
from kinerja.renstra.selectors import pilih_versi_utama
from kinerja.wilayah.izin import Cakupan
from kinerja.wilayah.models import PerangkatDaerah, Unit

S = Laporan.Status


def triwulan_kerja(*, unit: Unit, tahun: int, pada: dt.date | None = None) -> int:
    """The quarter the unit's operator should open first.

    A report returned with a note comes first (it is waiting for the operator), then the
    latest quarter that has begun and may still be filled, then the latest quarter with a
    report (to read its status), else the latest quarter that has begun (or the first).
    """
    pada = pada or timezone.localdate()
    laporan = {lap.triwulan: lap for lap in Laporan.objects.filter(unit=unit, tahun=tahun)}
    kembali = [q for q, lap in laporan.items() if lap.status == S.DIKEMBALIKAN]
    if kembali:
        return max(kembali)
    mulai = [q for q in (4, 3, 2, 1) if dt.date(tahun, 3 * q - 2, 1) <= pada]
    batas_hari = unit.pd.pemda.batas_hari_laporan
    for q in mulai:
        lap = laporan.get(q) or Laporan(unit=unit, tahun=tahun, triwulan=q)
        if lap.status == S.DRAFT and not alasan_terkunci(lap, pada=pada, batas_hari=batas_hari):
            return q
    if laporan:
        return max(laporan)
    return mulai[0] if mulai else 1


@dataclass
class Menunggu:
    """A report in the verification queue, with the version its entry page belongs to."""

    laporan: Laporan
    versi: RenstraVersi | None
    kembali: CatatanAudit | None = None  # the last return, when it was submitted again after it


@dataclass
class Antrean:
    diajukan: list[Menunggu]
    dikembalikan: list[Menunggu]  # returned, waiting for the operator: shown for information
    pd: list[tuple[PerangkatDaerah, RenstraVersi | None]]


def _versi_per_pd(pd_ids: list[int]) -> dict[int, list[RenstraVersi]]:
    semua: dict[int, list[RenstraVersi]] = defaultdict(list)
    for v in (
        RenstraVersi.objects.filter(pd_id__in=pd_ids).exclude(jenis=RenstraVersi.Jenis.RENJA).order_by("-id")
    ):
        semua[v.pd_id].append(v)
    return semua


def _versi_tahun(versi: list[RenstraVersi], tahun: int) -> RenstraVersi | None:
    return pilih_versi_utama([v for v in versi if v.tahun_mulai <= tahun <= v.tahun_akhir])


def antrean_verifikasi(c: Cakupan) -> Antrean:
    """Every submitted report the user may verify, oldest submission first (a fixed number of queries)."""
    pd_qs = PerangkatDaerah.objects.select_related("pemda").order_by("pemda__nama", "nama")
    if not c.semua:
        pd_qs = pd_qs.filter(pk__in=c.pd_verifikasi)
    daftar_pd = list(pd_qs)
    pd_ids = [p.pk for p in daftar_pd]
    versi = _versi_per_pd(pd_ids)
    laporan = list(
        Laporan.objects.filter(unit__pd_id__in=pd_ids, status__in=[S.DIAJUKAN, S.DIKEMBALIKAN])
        .select_related("unit__pd__pemda", "diajukan_oleh", "diperiksa_oleh")
        .order_by("diajukan_pada", "unit__urutan", "tahun", "triwulan")
    )
    diajukan = [lap for lap in laporan if lap.status == S.DIAJUKAN]
    kembali: dict[str, CatatanAudit] = {}
    if diajukan:
        for catatan in CatatanAudit.objects.filter(
            objek_tipe=Laporan._meta.label_lower,
            objek_id__in=[str(lap.pk) for lap in diajukan],
            aksi="laporan.kembalikan",
        ).order_by("waktu", "id"):
            kembali[catatan.objek_id] = catatan

    def menunggu(lap: Laporan) -> Menunggu:
        return Menunggu(lap, _versi_tahun(versi[lap.unit.pd_id], lap.tahun), kembali.get(str(lap.pk)))

    return Antrean(
        diajukan=[menunggu(lap) for lap in diajukan],
        dikembalikan=[menunggu(lap) for lap in laporan if lap.status == S.DIKEMBALIKAN],
        pd=[(p, pilih_versi_utama(versi[p.pk])) for p in daftar_pd],
    )
