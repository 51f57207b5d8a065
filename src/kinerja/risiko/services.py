"""Writing the risk register: every change checked against the actor's scope and audited.

Who edits: the PD's perencana and its pimpinan at PD level (the Camat), i.e. ``Cakupan.ubah_rencana``
or ``Cakupan.tandatangan_pk``; nobody of another PD.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.core.audit import catat
from kinerja.renstra.models import Indikator, PlanNode
from kinerja.risiko.matriks import SKALA
from kinerja.risiko.models import Pemantauan, RencanaTindak, Risiko
from kinerja.wilayah.izin import Cakupan, pelaku_wajib

T = PlanNode.Tingkat
TINGKAT_RISIKO = (T.SASARAN, T.PROGRAM)
TOLAK = "Hanya perencana dan pimpinan perangkat daerah ini yang dapat mengubah daftar risikonya."
_TEKS_WAJIB = {
    "pernyataan": "Tulis pernyataan risikonya.",
    "sebab": "Tulis sebab risiko.",
    "uraian_dampak": "Tulis dampak bila risiko terjadi.",
    "pemilik": "Tulis pemilik risiko (jabatan yang bertanggung jawab).",
}


def boleh_ubah(c: Cakupan, pd_id: int) -> bool:
    return c.ubah_rencana(pd_id) or c.tandatangan_pk(pd_id)


def _wajib_ubah(pengguna, pd_id: int) -> None:
    if not boleh_ubah(pelaku_wajib(pengguna), pd_id):
        raise PermissionDenied(TOLAK)


def _level(nilai, medan: str, nama: str, galat: dict) -> int | None:
    try:
        n = int(str(nilai).strip())
    except (TypeError, ValueError):
        n = None
    if n not in SKALA:
        galat[medan] = f"Pilih level {nama} 1 sampai 5."
        return None
    return n


def _teks(data: dict, medan: str) -> str:
    return (
        " ".join(str(data.get(medan) or "").split())
        if medan == "pemilik"
        else str(data.get(medan) or "").strip()
    )


def _baca_risiko(pd_id: int, data: dict) -> tuple[dict, list[int]]:
    galat: dict[str, str] = {}
    node = PlanNode.objects.filter(
        pk=_id(data.get("node")), versi__pd_id=pd_id, tingkat__in=TINGKAT_RISIKO
    ).first()
    if node is None:
        galat["node"] = "Pilih sasaran atau program rencana perangkat daerah ini."
    isi = {m: _teks(data, m) for m in (*_TEKS_WAJIB, "pengendalian")}
    isi["node"] = node
    for m, pesan in _TEKS_WAJIB.items():
        if not isi[m]:
            galat[m] = pesan
    if len(isi["pemilik"]) > 200:
        galat["pemilik"] = "Pemilik risiko paling panjang 200 karakter."
    isi["kemungkinan"] = _level(data.get("kemungkinan"), "kemungkinan", "kemungkinan", galat)
    isi["dampak"] = _level(data.get("dampak"), "dampak", "dampak", galat)
    ids = {_id(x) for x in data.get("indikator") or []}
    ids.discard(None)
    sah = set(Indikator.objects.filter(pk__in=ids, node__versi__pd_id=pd_id).values_list("pk", flat=True))
    if ids - sah:
        galat["indikator"] = "Ada indikator yang bukan milik rencana perangkat daerah ini."
    if galat:
        raise ValidationError(galat)
    return isi, sorted(sah)


def _id(v) -> int | None:
    try:
        return int(str(v).strip())
    except (TypeError, ValueError):
        return None


def simpan_risiko(*, pengguna, pd, tahun: int, data: dict, risiko: Risiko | None = None) -> Risiko:
    """Create (``risiko`` None) or change a risk of the PD's year from the form's values."""
    if risiko is not None and (risiko.pd_id != pd.pk or risiko.tahun != tahun):
        raise PermissionDenied("Risiko ini bukan milik perangkat daerah dan tahun ini.")
    _wajib_ubah(pengguna, pd.pk)
    isi, indikator = _baca_risiko(pd.pk, data)
    baru = risiko is None
    r = risiko or Risiko(pd=pd, tahun=tahun)
    perubahan = {}
    for m, v in isi.items():
        lama = getattr(r, m, None) if not baru else None
        if lama != v:
            perubahan[m] = (lama, v)
        setattr(r, m, v)
    lama_ind = [] if baru else sorted(r.indikator.values_list("pk", flat=True))
    if lama_ind != indikator:
        perubahan["indikator"] = (lama_ind, indikator)
    if not perubahan:
        return r
    with transaction.atomic():
        r.diubah_oleh = pengguna if getattr(pengguna, "is_authenticated", False) else None
        r.save()
        r.indikator.set(indikator)
        catat(
            aksi="risiko.buat" if baru else "risiko.ubah",
            objek=r,
            pengguna=pengguna,
            perubahan={k: (str(a) if a is not None else None, str(b)) for k, (a, b) in perubahan.items()},
            pd=pd,
        )
    return r


def hapus_risiko(*, pengguna, risiko: Risiko) -> None:
    _wajib_ubah(pengguna, risiko.pd_id)
    with transaction.atomic():
        catat(aksi="risiko.hapus", objek=risiko, pengguna=pengguna, pd=risiko.pd)
        risiko.delete()


def _tanggal(v) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(v).strip())
    except (TypeError, ValueError):
        return None


def simpan_rtp(*, pengguna, risiko: Risiko, data: dict, rtp: RencanaTindak | None = None) -> RencanaTindak:
    """Add (``rtp`` None) or change a step of the risk's treatment plan."""
    _wajib_ubah(pengguna, risiko.pd_id)
    if rtp is not None and rtp.risiko_id != risiko.pk:
        raise PermissionDenied("Rencana tindak ini bukan milik risiko ini.")
    galat = {}
    uraian = str(data.get("uraian") or "").strip()
    pj = " ".join(str(data.get("penanggung_jawab") or "").split())
    tenggat = _tanggal(data.get("tenggat"))
    status = str(data.get("status") or RencanaTindak.Status.BELUM)
    if not uraian:
        galat["uraian"] = "Tulis rencana tindak pengendaliannya."
    if not pj:
        galat["penanggung_jawab"] = "Tulis penanggung jawabnya."
    elif len(pj) > 200:
        galat["penanggung_jawab"] = "Penanggung jawab paling panjang 200 karakter."
    if tenggat is None:
        galat["tenggat"] = "Isi tenggat dengan tanggal yang sah."
    elif not (risiko.tahun - 1 <= tenggat.year <= risiko.tahun + 1):
        galat["tenggat"] = (
            f"Tenggat harus di sekitar tahun {risiko.tahun} ({risiko.tahun - 1}–{risiko.tahun + 1})."
        )
    if status not in RencanaTindak.Status.values:
        galat["status"] = "Pilih status yang tersedia."
    if galat:
        raise ValidationError(galat)
    baru = rtp is None
    r = rtp or RencanaTindak(risiko=risiko)
    isi = {"uraian": uraian, "penanggung_jawab": pj, "tenggat": tenggat, "status": status}
    perubahan = {
        m: (None if baru else getattr(r, m), v) for m, v in isi.items() if baru or getattr(r, m) != v
    }
    if not perubahan:
        return r
    with transaction.atomic():
        for m, v in isi.items():
            setattr(r, m, v)
        r.save()
        catat(
            aksi="risiko.rtp_buat" if baru else "risiko.rtp_ubah",
            objek=r,
            pengguna=pengguna,
            perubahan=perubahan,
            pd=risiko.pd,
        )
    return r


def simpan_pemantauan(*, pengguna, risiko: Risiko, triwulan: int, data: dict) -> Pemantauan:
    """Record (or correct) one quarter's monitoring: progress and the re-assessed levels."""
    _wajib_ubah(pengguna, risiko.pd_id)
    galat: dict[str, str] = {}
    if triwulan not in (1, 2, 3, 4):
        galat["triwulan"] = "Pilih triwulan 1 sampai 4."
    kemajuan = str(data.get("kemajuan") or "").strip()
    if not kemajuan:
        galat["kemajuan"] = "Tulis kemajuan pengendalian pada triwulan ini."
    k = _level(data.get("kemungkinan"), "kemungkinan", "kemungkinan", galat)
    d = _level(data.get("dampak"), "dampak", "dampak", galat)
    if galat:
        raise ValidationError(galat)
    p = Pemantauan.objects.filter(risiko=risiko, triwulan=triwulan).first()
    baru = p is None
    p = p or Pemantauan(risiko=risiko, triwulan=triwulan)
    isi = {"kemajuan": kemajuan, "kemungkinan": k, "dampak": d}
    perubahan = {
        m: (None if baru else getattr(p, m), v) for m, v in isi.items() if baru or getattr(p, m) != v
    }
    if not perubahan:
        return p
    with transaction.atomic():
        for m, v in isi.items():
            setattr(p, m, v)
        p.save()
        catat(
            aksi="risiko.pantau_buat" if baru else "risiko.pantau_ubah",
            objek=p,
            pengguna=pengguna,
            perubahan=perubahan,
            pd=risiko.pd,
        )
    return p
