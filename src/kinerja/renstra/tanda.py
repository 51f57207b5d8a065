"""Planners' marks on checker findings: "ditangani" or "diterima", kept across re-runs.

The checker recomputes its findings on every run, so a mark is tied to a fingerprint, not
to a list position or a source line. ``kunci`` says what a finding is about: its code, its
table, the plan element it concerns and its row label (which names the indicator, lokasi,
year or column). ``sidik`` adds the printed and expected values. A mark holds while both
match; when the same thing is found with other values the finding has changed since it was
marked ("berubah sejak ditandai") and counts as open again.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.core.audit import catat
from kinerja.renstra.models import RenstraVersi, TandaTemuan
from kinerja.renstra.periksa import Temuan
from kinerja.wilayah.izin import pelaku_wajib

S = TandaTemuan.Status
BERUBAH = "berubah"
LABEL_STATUS = {**dict(S.choices), BERUBAH: "Berubah sejak ditandai"}


def _normal(teks: str) -> str:
    return " ".join(str(teks or "").split()).casefold()


def _hash(*bagian: str) -> str:
    return hashlib.sha256("\x1f".join(bagian).encode()).hexdigest()[:40]


def beri_sidik(temuan: list[Temuan]) -> None:
    """Set ``kunci`` and ``sidik`` on every finding of one version's run.

    Two findings with the same label (e.g. two sentences of the narrative naming a sixth misi)
    are told apart by what they printed, and only when that is equal too, by their order.
    """
    kelompok: dict[str, list[Temuan]] = defaultdict(list)
    for t in temuan:
        dasar = _hash(t.code, _normal(t.table), str(t.node_id or ""), _normal(t.row))
        kelompok[dasar].append(t)
    for dasar, daftar in kelompok.items():
        daftar.sort(key=lambda t: (t.source_lines, t.printed, t.expected))
        urutan: dict[str, int] = defaultdict(int)
        for t in daftar:
            if len(daftar) == 1:
                t.kunci = dasar
            else:
                cetak = _normal(t.printed)
                t.kunci = _hash(dasar, cetak, str(urutan[cetak]))
                urutan[cetak] += 1
            t.sidik = _hash(t.kunci, _normal(t.printed), _normal(t.expected))


def terapkan_tanda(temuan: list[Temuan]) -> list[TandaTemuan]:
    """Fingerprint the findings and attach their marks (one query for all versions).

    Sets ``status`` (terbuka, ditangani, diterima or berubah) and ``tanda`` on each finding;
    returns the marks whose finding no longer appears at all.
    """
    per_versi: dict[int | None, list[Temuan]] = defaultdict(list)
    for t in temuan:
        per_versi[t.versi_id].append(t)
    for daftar in per_versi.values():
        beri_sidik(daftar)
    tanda = {
        (m.versi_id, m.kunci): m
        for m in TandaTemuan.objects.filter(versi_id__in=[v for v in per_versi if v]).select_related("oleh")
    }
    dipakai = set()
    for t in temuan:
        m = tanda.get((t.versi_id, t.kunci))
        t.tanda = m
        if m is None or m.status == S.TERBUKA:
            t.status = S.TERBUKA
        else:
            dipakai.add(m.pk)
            t.status = m.status if m.sidik == t.sidik else BERUBAH
    return [m for m in tanda.values() if m.status != S.TERBUKA and m.pk not in dipakai]


def sebagai_dict(t: Temuan) -> dict:
    """A finding for JSON: the checker's fields and name, plus its mark's status and note."""
    m = getattr(t, "tanda", None)
    return {
        **t.sebagai_dict(),
        "fingerprint": getattr(t, "sidik", ""),
        "status": getattr(t, "status", S.TERBUKA),
        "catatan": m.catatan if m is not None else "",
    }


def _ringkasan(t: Temuan, batas: int = 300) -> str:
    """The finding as it read when marked, cut at a word boundary to fit its column."""
    nilai = f": tercetak {t.printed}, seharusnya {t.expected}" if t.printed or t.expected else ""
    teks = f"{t.row}{nilai}"
    if len(teks) <= batas:
        return teks
    return teks[: batas - 1].rsplit(" ", 1)[0] + "…"


@transaction.atomic
def tandai_temuan(
    *, pengguna, versi: RenstraVersi, temuan: list[Temuan], sidik: str, status: str, catatan: str = ""
) -> tuple[TandaTemuan, bool]:
    """Mark the finding with this fingerprint in the current run of the checker; False when nothing changed."""
    if not pelaku_wajib(pengguna).ubah_rencana(versi.pd_id):
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang dapat menandai temuan.")
    if status not in S.values:
        raise ValidationError("Pilih tanda: belum ditangani, ditangani, atau diterima.")
    catatan = catatan.strip()
    if status == S.DITERIMA and not catatan:
        raise ValidationError("Tulis alasan temuan ini diterima sebagai catatan dokumen.")
    t = next((x for x in temuan if getattr(x, "sidik", None) == sidik and x.versi_id == versi.pk), None)
    if t is None:
        raise ValidationError(
            "Temuan ini sudah berubah atau tidak muncul lagi sejak halaman dibuka; muat ulang halaman lalu ulangi."
        )
    m = TandaTemuan.objects.select_for_update().filter(versi=versi, kunci=t.kunci).first()
    if m is not None and (m.status, m.catatan, m.sidik) == (status, catatan, t.sidik):
        return m, False  # the same mark sent again: nothing to record
    dari = {"status": m.status if m else None, "catatan": m.catatan if m else ""}
    if m is None:
        m = TandaTemuan(versi=versi, kunci=t.kunci)
    m.sidik, m.kode, m.status, m.catatan, m.ringkasan = t.sidik, t.code, status, catatan, _ringkasan(t)
    m.oleh = pengguna if getattr(pengguna, "is_authenticated", False) else None
    m.save()
    catat(
        aksi="temuan.tandai",
        objek=m,
        pengguna=pengguna,
        perubahan={k: (v, getattr(m, k)) for k, v in dari.items() if v != getattr(m, k)},
        alasan=catatan,
        pd=versi.pd,
    )
    return m, True
