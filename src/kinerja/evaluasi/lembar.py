"""The worksheet page's content: components → sub-components → criteria with the saved answers (or,
on a refused form, what was typed), the system's proposals, the scores of both sides, and the
strongest and weakest parts; and the saving of one sub-component's form (its criteria and own grade)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.datastructures import MultiValueDict

from kinerja.core.galat_formulir import GalatFormulir
from kinerja.evaluasi import usulan
from kinerja.sakip import nilai as skor
from kinerja.sakip import services
from kinerja.sakip.models import Evaluasi


@dataclass
class BarisKriteria:
    kode: str
    pertanyaan: str
    terpenuhi: bool | None  # what the form shows
    dari_usulan: bool  # shown as the system proposed it, not yet saved
    tautan: list[str]
    catatan: str
    berkas: object  # the saved JawabanKriteria with a file, or None
    usulan: usulan.Usulan | None


@dataclass
class BarisSub:
    kode: str
    nama: str
    dimensi: str
    bobot: object
    kriteria: list[BarisKriteria]
    nilai_pd: str  # saved
    isian_pd: str  # what the form shows (typed, on a refused form)
    catatan_pd: str
    nilai_evaluator: str
    catatan_evaluator: str
    skor_pd: skor.SkorSub
    skor_evaluator: skor.SkorSub
    saran: str
    terpenuhi: int = 0
    galat: bool = False


@dataclass
class BarisKomponen:
    kode: str
    nama: str
    bobot: object
    skor_pd: skor.SkorKomponen
    skor_evaluator: skor.SkorKomponen
    sub: list[BarisSub] = field(default_factory=list)


def _ya(nilai) -> bool | None:
    return {"ya": True, "tidak": False}.get(str(nilai or ""))


def _baris_kriteria(c, j, u, isian: MultiValueDict | None) -> BarisKriteria:
    if isian is not None:
        return BarisKriteria(
            c.kode,
            c.pertanyaan,
            _ya(isian.get(f"terpenuhi-{c.kode}")),
            False,
            isian.getlist(f"tautan-{c.kode}"),
            isian.get(f"catatan-{c.kode}", ""),
            j if j is not None and j.berkas else None,
            u,
        )
    if j is not None:
        return BarisKriteria(
            c.kode, c.pertanyaan, j.terpenuhi, False, list(j.tautan), j.catatan, j if j.berkas else None, u
        )
    usul = u is not None and u.terpenuhi is not None
    return BarisKriteria(
        c.kode,
        c.pertanyaan,
        u.terpenuhi if usul else None,
        usul,
        [t for _, t in u.tautan] if u is not None else [],
        "",
        None,
        u,
    )


def susun(pengguna, ev: Evaluasi, k: usulan.Konteks, isian: MultiValueDict | None) -> dict:
    """The page's content for an evaluation; ``isian`` is a refused sub-component's form to show again."""
    lembar = ev.lke.lembar
    jawaban = {j.kode: j for j in ev.jawaban_set.all()}
    nilai = {n.kode: n for n in ev.nilai_set.all()}
    usul = usulan.usulan_semua(k, lembar.semua_kriteria())
    skor_pd, skor_ev = services.ringkasan(pengguna=pengguna, evaluasi=ev)
    kode_isian = (isian or {}).get("kode_sub")
    komponen, belum = [], []
    for kom, kp, ke in zip(lembar.komponen, skor_pd.komponen, skor_ev.komponen, strict=True):
        bk = BarisKomponen(kom.kode, kom.nama, kom.bobot, kp, ke)
        for s, sp, se in zip(kom.sub, kp.sub, ke.sub, strict=True):
            pakai = isian if kode_isian == s.kode else None
            baris = [_baris_kriteria(c, jawaban.get(c.kode), usul.get(c.kode), pakai) for c in s.kriteria]
            n = nilai.get(s.kode)
            met = sum(1 for c in s.kriteria if jawaban.get(c.kode) and jawaban[c.kode].terpenuhi)
            belum += [
                (s.kode, c) for c in s.kriteria if not (jawaban.get(c.kode) and jawaban[c.kode].terpenuhi)
            ]
            bk.sub.append(
                BarisSub(
                    s.kode,
                    s.nama,
                    s.dimensi,
                    s.bobot,
                    baris,
                    n.nilai_pd if n else "",
                    pakai.get("nilai_pd", "") if pakai else (n.nilai_pd if n else ""),
                    pakai.get("catatan_pd", "") if pakai else (n.catatan_pd if n else ""),
                    n.nilai_evaluator if n else "",
                    n.catatan_evaluator if n else "",
                    sp,
                    se,
                    skor.saran_jawaban(lembar, met, len(s.kriteria)),
                    met,
                    pakai is not None,
                )
            )
        komponen.append(bk)
    acuan = skor_ev if any(s.persen is not None for s in skor_ev.sub()) else skor_pd
    return {
        "lembar": lembar,
        "komponen": komponen,
        "skor_pd": skor_pd,
        "skor_evaluator": skor_ev,
        "acuan_evaluator": acuan is skor_ev,
        "terkuat": acuan.terkuat(),
        "terlemah": acuan.terlemah(),
        "belum_terpenuhi": belum,
        "pilihan_bukti": usulan.pilihan_bukti(k),
        "label_bukti": dict(usulan.pilihan_bukti(k)),
        "rekomendasi": list(ev.rekomendasi_set.all()),
        "status_rekomendasi": services.Rekomendasi.Status.choices,
        "jumlah_usulan": len(usul),
    }


def _tambah(galat: GalatFormulir, e: ValidationError, akhiran: str) -> None:
    if hasattr(e, "error_dict"):
        for medan, daftar in e.message_dict.items():
            galat.tambah(list(daftar), "" if medan == "__all__" else f"{medan}{akhiran}")
    else:
        galat.tambah(e)


def simpan_sub_pd(request, ev: Evaluasi, sub) -> GalatFormulir | None:
    """Save a sub-component's criteria and the PD's own grade at once; nothing is saved on any error."""
    galat = GalatFormulir()
    post, berkas = request.POST, request.FILES
    with transaction.atomic():
        for c in sub.kriteria:
            try:
                services.simpan_jawaban(
                    pengguna=request.user,
                    evaluasi=ev,
                    kode=c.kode,
                    terpenuhi=_ya(post.get(f"terpenuhi-{c.kode}")),
                    tautan=post.getlist(f"tautan-{c.kode}"),
                    catatan=post.get(f"catatan-{c.kode}", ""),
                    berkas=berkas.get(f"berkas-{c.kode}"),
                    hapus_berkas=post.get(f"hapus-{c.kode}") == "1",
                )
            except ValidationError as e:
                _tambah(galat, e, f"-{c.kode}")
        try:
            services.simpan_nilai_pd(
                pengguna=request.user,
                evaluasi=ev,
                kode=sub.kode,
                nilai=post.get("nilai_pd", ""),
                catatan=post.get("catatan_pd", ""),
            )
        except ValidationError as e:
            _tambah(galat, e, f"_pd-{sub.kode}")
        if galat:
            transaction.set_rollback(True)
    return galat or None


@dataclass
class BarisDaftar:
    pd: object
    tahun: int
    ev: Evaluasi | None
    nilai: object = None
    predikat: str = ""


def daftar_evaluasi(pengguna, pds: list) -> list[BarisDaftar]:
    """Every evaluation of these PDs (newest year first), and for a PD without any, its current year."""
    import datetime as dt

    evs = (
        Evaluasi.objects.filter(pd__in=pds).select_related("lke", "pd__pemda").order_by("pd__nama", "-tahun")
    )
    per_pd: dict[int, list[Evaluasi]] = {}
    for ev in evs:
        per_pd.setdefault(ev.pd_id, []).append(ev)
    hasil = []
    for p in pds:
        daftar = per_pd.get(p.pk, [])
        if not daftar:
            hasil.append(BarisDaftar(p, dt.date.today().year - 1, None))
        for ev in daftar:
            b = BarisDaftar(p, ev.tahun, ev)
            if ev.status == Evaluasi.Status.SELESAI:
                _, s = services.ringkasan(pengguna=pengguna, evaluasi=ev)
                b.nilai, b.predikat = s.nilai, s.predikat.kode if s.predikat else ""
            hasil.append(b)
    return hasil
