"""The plan's maintenance sub kegiatan and their pagu, for the asset register's page.

The asset register (``sumberdaya``, a lower layer) asks through ``sumberdaya.kait``: the
sub kegiatan of kegiatan 7.01.01.2.09 *Pemeliharaan Barang Milik Daerah Penunjang Urusan
Pemerintahan Daerah* (by code, or by the kegiatan's name where a code is missing).
"""

from __future__ import annotations

from django.db.models import Q, Sum
from django.utils import timezone

from kinerja.renstra.models import Pagu, PlanNode
from kinerja.renstra.selectors import versi_utama
from kinerja.wilayah.izin import pelaku_wajib

KODE_KEGIATAN = ".01.2.09"  # <bidang>.01.2.09 in Permendagri 90/2019 (7.01.01.2.09 for a kecamatan)
NAMA_KEGIATAN = "Pemeliharaan Barang Milik Daerah"


def pemeliharaan_aset(pd, tahun: int | None, pengguna, unit=None) -> dict | None:
    """The maintenance sub kegiatan with their pagu in ``tahun``: at ``unit`` as lokasi, or in all."""
    if not pelaku_wajib(pengguna).anggota_pd(pd.pk):
        return None
    versi = versi_utama(pd)
    if versi is None:
        return None
    tahun_rencana = list(versi.tahun_rencana)
    if tahun not in tahun_rencana:
        kini = timezone.localdate().year
        tahun = kini if kini in tahun_rencana else versi.tahun_rencana_awal
    sub = list(
        PlanNode.objects.filter(versi=versi, tingkat=PlanNode.Tingkat.SUB_KEGIATAN)
        .filter(Q(induk__kode__endswith=KODE_KEGIATAN) | Q(induk__nama__icontains=NAMA_KEGIATAN))
        .order_by("kode", "urutan")
    )
    pagu = {
        r["node"]: r["j"]
        for r in Pagu.objects.filter(node__in=sub, tahun=tahun, **({"lokasi": unit} if unit else {}))
        .values("node")
        .annotate(j=Sum("jumlah"))
    }
    baris = [(n, pagu.get(n.pk)) for n in sub]
    return {
        "templat": "renstra/_pemeliharaan_aset.html",
        "versi": versi,
        "tahun": tahun,
        "semua_tahun": tahun_rencana,
        "baris": baris,
        "unit": unit,
        "total": sum((p for _, p in baris if p is not None), start=0),
    }
