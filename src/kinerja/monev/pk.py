"""The Perjanjian Kinerja (PermenPANRB 53/2014): its content, its annex tables and its signing.

Before it is signed the agreement is a draft computed from the data (targets of the Renja
when there is one, else of the Renstra; program budgets from the sub kegiatan pagu). Signing
stores that content as it is; afterwards the signed content is what is printed and
exported, and the page lists what has changed in the data since.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.core.audit import catat
from kinerja.core.tabel import ANGKA, NILAI, RUPIAH, Kepala, Sel, Tabel
from kinerja.monev.models import PerjanjianKinerja
from kinerja.monev.selectors import Evaluasi
from kinerja.renstra.models import PlanNode, RenstraVersi
from kinerja.renstra.tabel_dokumen import nilai_teks
from kinerja.wilayah.izin import pelaku_wajib

T = PlanNode.Tingkat
NOL = Decimal(0)


@dataclass
class IsiPK:
    sasaran: list[dict]  # {"tingkat", "sasaran", "indikator", "satuan", "target"}
    program: list[dict]  # {"kode", "program", "anggaran"}
    total: Decimal

    def simpan(self) -> dict:
        return {"sasaran": self.sasaran, "program": self.program, "total": str(self.total)}


def isi_pk(ev: Evaluasi) -> IsiPK:
    """What a PD promises for a year: tujuan/sasaran indicators with targets, programs with budgets."""
    r = ev.r
    sasaran = []
    for b in ev.baris:
        if b.ind is None or b.node.tingkat > T.SASARAN or b.lokasi_id is not None:
            continue
        t = b.target_tahun
        sasaran.append(
            {
                "tingkat": b.node.get_tingkat_display(),
                "sasaran": b.node.nama,
                "indikator": b.ind.nama,
                "satuan": b.ind.satuan,
                "target": nilai_teks(t.teks) if t else "",
            }
        )
    program = []
    total = NOL
    for node in r.node:
        if node.tingkat != T.PROGRAM:
            continue
        pagu = r.pagu_node(node, ev.tahun)
        if pagu is None:
            continue
        program.append({"kode": node.kode, "program": node.nama, "anggaran": str(pagu)})
        total += pagu
    return IsiPK(sasaran, program, total)


def isi_tertanda(teken: PerjanjianKinerja) -> IsiPK:
    """The content stored when the agreement was signed."""
    isi = teken.isi if isinstance(teken.isi, dict) else {}
    return IsiPK(list(isi.get("sasaran", [])), list(isi.get("program", [])), Decimal(isi.get("total") or 0))


def beda_sejak_teken(teken: PerjanjianKinerja, kini: IsiPK) -> list[str]:
    """What the data says now that differs from what was signed."""
    lama = {(s["sasaran"], s["indikator"]): s["target"] for s in isi_tertanda(teken).sasaran}
    beda = []
    for s in kini.sasaran:
        t = lama.get((s["sasaran"], s["indikator"]))
        if t is None:
            beda.append(f"{s['indikator']}: tidak ada saat ditandatangani (sekarang {s['target']})")
        elif t != s["target"]:
            beda.append(f"{s['indikator']}: target saat ditandatangani {t}, sekarang {s['target']}")
    return beda


def keadaan(teken: PerjanjianKinerja | None) -> str:
    """One line on whether the agreement is signed, written on every copy of it."""
    if teken is None:
        return "RANCANGAN — belum ditandatangani; isi dihitung dari data saat ini."
    tanggal = timezone.localtime(teken.ditandatangani_pada).strftime("%d-%m-%Y")
    tempat = f" di {teken.tempat}" if teken.tempat else ""
    return f"Ditandatangani{tempat} pada {tanggal} oleh {teken.nama_pihak_pertama}; isi seperti saat ditandatangani."


def tabel_pk(ev: Evaluasi, isi: IsiPK | None = None, teken: PerjanjianKinerja | None = None) -> list[Tabel]:
    """The annex tables: sasaran strategis with indicators and targets; programs with budgets."""
    isi = isi or (isi_tertanda(teken) if teken else isi_pk(ev))
    judul_pd = f"{ev.r.pd.nama} {ev.r.pd.pemda.nama}"
    t1 = Tabel(
        kode="PK",
        judul=f"Perjanjian Kinerja Tahun {ev.tahun} {judul_pd}",
        subjudul=f"Sasaran strategis, indikator kinerja dan target · {keadaan(teken)}",
        kepala=[
            [
                Kepala("No"),
                Kepala("Sasaran Strategis"),
                Kepala("Indikator Kinerja"),
                Kepala("Satuan"),
                Kepala("Target"),
            ],
            [Kepala(str(i)) for i in range(1, 6)],
        ],
        lebar=[5, 40, 45, 10, 14],
        catatan=[
            "Target dari Renja tahun ini bila sudah dibuat, selain itu dari Renstra tahun ini; indikator tujuan dan sasaran.",
        ],
    )
    if ev.renja is not None and teken is None and ev.renja.status != RenstraVersi.Status.DITETAPKAN:
        t1.catatan.append(
            f"Target diambil dari {ev.renja.nama} yang masih berstatus {ev.renja.get_status_display().lower()}."
        )
    for i, s in enumerate(isi.sasaran, start=1):
        t1.tambah(
            [Sel(i, ANGKA), Sel(s["sasaran"]), Sel(s["indikator"]), Sel(s["satuan"]), Sel(s["target"], NILAI)]
        )
    t2 = Tabel(
        kode="PK-anggaran",
        judul=f"Program dan Anggaran Tahun {ev.tahun} {judul_pd}",
        subjudul=keadaan(teken),
        kepala=[
            [Kepala("No"), Kepala("Kode"), Kepala("Program"), Kepala("Anggaran (Rp)")],
            [Kepala(str(i)) for i in range(1, 5)],
        ],
        lebar=[5, 12, 55, 18],
        catatan=["Anggaran program = jumlah pagu sub kegiatannya pada tahun ini."],
    )
    for i, p in enumerate(isi.program, start=1):
        t2.tambah([Sel(i, ANGKA), Sel(p["kode"]), Sel(p["program"]), Sel(Decimal(p["anggaran"]), RUPIAH)])
    t2.tambah(
        [Sel("Jumlah", kelas="tebal", colspan=3), None, None, Sel(isi.total, RUPIAH, kelas="tebal")], "tebal"
    )
    return [t1, t2]


def tempat_bawaan(pemda) -> str:
    """Where a kota's agreements are signed: the city's name ("Kota Blitar" → "Blitar")."""
    nama = pemda.nama.strip()
    for awalan in ("Kota ", "Kabupaten ", "Kab. "):
        if nama.startswith(awalan):
            return nama[len(awalan) :]
    return nama


@transaction.atomic
def tandatangani(
    *, pengguna, versi: RenstraVersi, tahun: int, isi: IsiPK, tempat: str, pada: dt.date | None = None
) -> PerjanjianKinerja:
    """Sign a year's agreement as the PD's head: its content is stored as it is now."""
    pd = versi.pd
    if not pelaku_wajib(pengguna).tandatangan_pk(pd.pk):
        raise PermissionDenied("Hanya pimpinan perangkat daerah yang menandatangani Perjanjian Kinerja.")
    tempat = " ".join((tempat or "").split())
    if not tempat:
        raise ValidationError("Tulis tempat penandatanganan, mis. Blitar.")
    if not versi.tahun_mulai <= tahun <= versi.tahun_akhir:
        raise ValidationError(f"Tahun {tahun} di luar periode {versi.tahun_mulai}–{versi.tahun_akhir}.")
    if PerjanjianKinerja.objects.select_for_update().filter(pd=pd, tahun=tahun).exists():
        raise ValidationError(f"Perjanjian Kinerja {tahun} sudah ditandatangani.")
    pemda = pd.pemda
    nama = (pengguna.get_full_name() or pengguna.username) if getattr(pengguna, "pk", None) else ""
    obj = PerjanjianKinerja.objects.create(
        pd=pd,
        versi=versi,
        tahun=tahun,
        ditandatangani_oleh=pengguna if getattr(pengguna, "pk", None) else None,
        ditandatangani_pada=timezone.now(),
        tempat=tempat,
        nama_pihak_pertama=pd.pimpinan_nama or nama,
        jabatan_pihak_pertama=pd.pimpinan_jabatan or f"Kepala {pd.nama}",
        nama_pihak_kedua=pemda.kepala_nama,
        jabatan_pihak_kedua=pemda.kepala_jabatan or f"Kepala Daerah {pemda.nama}",
        isi=isi.simpan(),
    )
    lewat = tahun < (pada or timezone.localdate()).year
    catat(
        aksi="pk.tandatangan",
        objek=obj,
        pengguna=pengguna,
        perubahan={"tahun": (None, tahun), "tempat": (None, tempat)},
        alasan=f"Ditandatangani untuk tahun yang sudah lewat ({tahun})." if lewat else "",
        pd=pd,
    )
    return obj
