"""Checker rule over the RT Keren allocations: a kelurahan's RT allocations against its pagu in the plan.

The checker lives in ``renstra.periksa`` (a lower layer); this rule joins its registry when the
app is ready (``RtKerenConfig.ready``) and runs on ``kinerja check`` and the Pemeriksaan page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from django.db.models import Sum

from kinerja.core.angka import format_rupiah
from kinerja.renstra.models import Pagu
from kinerja.renstra.periksa.dasar import PERINGATAN, RENCANA, DataPeriksa, Temuan, aturan

from .models import Alokasi


@aturan(
    kode=("RT_KEREN_PAGU",),
    nama="Alokasi RT Keren tidak sama dengan pagu kelurahan",
    tingkat=(PERINGATAN,),
    tabel=(RENCANA,),
)
def cek_alokasi_rt(d: DataPeriksa) -> Iterator[Temuan]:
    """The sum of the RT allocations charged to a sub kegiatan at a kelurahan equals that
    kelurahan's pagu of the sub kegiatan in the plan, year by year."""
    r = d.rencana
    alokasi = (
        Alokasi.objects.filter(sub_kegiatan__versi_id=r.versi.pk)
        .values("sub_kegiatan_id", "rt__unit_id", "tahun")
        .annotate(jumlah=Sum("pagu"), n=Sum(1))
        .order_by("sub_kegiatan_id", "rt__unit_id", "tahun")
    )
    baris = list(alokasi)
    if not baris:
        return
    pagu: dict[tuple, Decimal] = defaultdict(Decimal)
    for node, lok, th, jumlah in Pagu.objects.filter(
        node_id__in={b["sub_kegiatan_id"] for b in baris}
    ).values_list("node_id", "lokasi_id", "tahun", "jumlah"):
        pagu[(node, lok, th)] += jumlah
    for b in baris:
        kunci = (b["sub_kegiatan_id"], b["rt__unit_id"], b["tahun"])
        rencana = pagu.get(kunci)
        if rencana is not None and rencana == b["jumlah"]:
            continue
        node = r.node_id.get(b["sub_kegiatan_id"])
        tempat = r.lokasi_label(b["rt__unit_id"])
        tertulis = format_rupiah(rencana) if rencana is not None else "tidak ada"
        yield Temuan(
            code="RT_KEREN_PAGU",
            severity=PERINGATAN,
            table=RENCANA,
            row=f"{node.kode if node else ''} {node.nama if node else ''} · {tempat} · {b['tahun']}".strip(),
            source_lines=[],
            printed=format_rupiah(b["jumlah"]),
            expected=tertulis,
            message=(
                f"Alokasi RT Keren {b['n']} RT di {tempat} tahun {b['tahun']} berjumlah {format_rupiah(b['jumlah'])}, "
                f"sedangkan pagu sub kegiatan ini untuk {tempat} dalam rencana {tertulis}. Samakan alokasi RT "
                "dengan pagu kelurahan, atau ubah pagu rencana bila alokasinya yang benar."
            ),
            node_id=b["sub_kegiatan_id"],
            tahun=[b["tahun"]],
        )
