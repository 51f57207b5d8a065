"""One measure across the period: linking an indicator to the one that continues it.

A document may word an element's indicator one way for the first planned year (Tabel 6.1)
and another way for the rest of the period (Tabel 6.2). Nothing in the printed tables says
that the two measure the same thing, so the plan does not assume it: the system *proposes*
links — same element (same kode), the earlier indicator's targets end before the later one's
begin, a lokasi in common and the same satuan — and a planner confirms each one. Reports follow
confirmed links only (``Rencana.rantai``, ``Rencana.akhir_periode``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.core.audit import catat
from kinerja.renstra.models import Indikator, RenstraVersi, TautanIndikator
from kinerja.renstra.selectors import IndikatorData, Rencana
from kinerja.wilayah.izin import pelaku_wajib

S = TautanIndikator.Sumber


def _satuan(teks: str) -> str:
    return " ".join((teks or "").split()).casefold()


@dataclass
class Rentang:
    """The years and lokasi an indicator has targets for."""

    tahun: set[int] = field(default_factory=set)
    lokasi: set[int | None] = field(default_factory=set)

    @property
    def awal(self) -> int:
        return min(self.tahun)

    @property
    def akhir(self) -> int:
        return max(self.tahun)


def rentang(r: Rencana) -> dict[int, Rentang]:
    hasil: dict[int, Rentang] = defaultdict(Rentang)
    for ind_id, lok, th in r.target:
        hasil[ind_id].tahun.add(th)
        hasil[ind_id].lokasi.add(lok)
    return hasil


@dataclass
class Usulan:
    """An indicator that stops before the period ends, and the indicators that may continue it."""

    lama: IndikatorData
    node: object
    calon: list[IndikatorData]
    tahun_lama: tuple[int, int]
    alasan: str
    ragu: bool = False  # its only candidate fits another stopping indicator too

    @property
    def pasti(self) -> bool:
        """One candidate only, and no other stopping indicator of the element claims it."""
        return len(self.calon) == 1 and not self.ragu


def _cocok(lama: IndikatorData, baru: IndikatorData, rl: Rentang, rb: Rentang) -> bool:
    return rl.akhir < rb.awal and bool(rl.lokasi & rb.lokasi) and _satuan(lama.satuan) == _satuan(baru.satuan)


def usulan(r: Rencana) -> list[Usulan]:
    """Unlinked indicators whose targets stop before the period's last year, each with its candidates.

    A candidate is an unlinked indicator of the same element whose targets begin after the
    stopping one's end, at a lokasi in common and in the same satuan. When two stopping indicators
    share their only candidate, neither is certain: the planner chooses.
    """
    per_ind = rentang(r)
    akhir_periode = r.versi.tahun_akhir
    sudah_lama, sudah_baru = set(r.tautan), set(r.tautan.values())
    hasil: list[Usulan] = []
    for node in r.node:
        daftar = [i for i in r.indikator.get(node.pk, []) if i.pk in per_ind]
        berhenti = [i for i in daftar if per_ind[i.pk].akhir < akhir_periode and i.pk not in sudah_lama]
        for lama in berhenti:
            rl = per_ind[lama.pk]
            calon = [
                b
                for b in daftar
                if b.pk != lama.pk and b.pk not in sudah_baru and _cocok(lama, b, rl, per_ind[b.pk])
            ]
            alasan = (
                f"satuan «{lama.satuan or '—'}» sama dan lokasi bersinggungan, target {rl.awal}–{rl.akhir} lalu "
                + ", ".join(f"{per_ind[b.pk].awal}–{per_ind[b.pk].akhir}" for b in calon)
                if calon
                else "tidak ada indikator unsur ini yang berlanjut dengan satuan yang sama pada lokasi yang sama"
            )
            hasil.append(Usulan(lama, node, calon, (rl.awal, rl.akhir), alasan))
    # A candidate wanted by two stopping indicators is not certain for either.
    diminta: dict[int, int] = defaultdict(int)
    for u in hasil:
        for b in u.calon:
            diminta[b.pk] += 1
    for u in hasil:
        if len(u.calon) == 1 and diminta[u.calon[0].pk] > 1:
            u.alasan += "; indikator lain unsur ini juga cocok: pilih salah satu"
            u.ragu = True
    return hasil


def pasti(daftar: list[Usulan]) -> list[Usulan]:
    return [u for u in daftar if u.pasti]


def _periksa_pasangan(versi: RenstraVersi, lama: Indikator, baru: Indikator) -> None:
    if lama.pk == baru.pk:
        raise ValidationError("Indikator tidak dapat ditautkan ke dirinya sendiri.")
    if lama.node.versi_id != versi.pk or baru.node.versi_id != versi.pk:
        raise ValidationError("Kedua indikator harus berasal dari versi ini.")
    if lama.node_id != baru.node_id:
        raise ValidationError(
            "Hanya indikator dari unsur rencana yang sama (kode yang sama) yang dapat ditautkan."
        )
    tahun_lama = set(lama.target_set.values_list("tahun", flat=True))
    tahun_baru = set(baru.target_set.values_list("tahun", flat=True))
    if not tahun_lama or not tahun_baru:
        raise ValidationError("Kedua indikator harus mempunyai target agar dapat ditautkan.")
    if max(tahun_lama) >= min(tahun_baru):
        raise ValidationError(
            f"Target indikator lama ({min(tahun_lama)}–{max(tahun_lama)}) harus berakhir sebelum target "
            f"indikator lanjutannya dimulai ({min(tahun_baru)}–{max(tahun_baru)})."
        )
    if TautanIndikator.objects.filter(lama=lama).exists():
        raise ValidationError(f"«{lama.nama}» sudah ditautkan ke indikator lain; lepaskan dulu tautan itu.")
    if TautanIndikator.objects.filter(baru=baru).exists():
        raise ValidationError(f"«{baru.nama}» sudah melanjutkan indikator lain; lepaskan dulu tautan itu.")


@transaction.atomic
def tautkan(
    *, pengguna, versi: RenstraVersi, lama_id: int, baru_id: int, alasan: str = "", sumber: str = S.MANUAL
) -> TautanIndikator:
    """Confirm that ``baru`` continues ``lama`` in later years: one measure across the period."""
    if not pelaku_wajib(pengguna).ubah_rencana(versi.pd_id):
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang dapat menautkan indikator.")
    semua = {i.pk: i for i in Indikator.objects.select_related("node").filter(pk__in=[lama_id, baru_id])}
    if lama_id not in semua or baru_id not in semua:
        raise ValidationError("Indikator tidak ditemukan; muat ulang halaman lalu ulangi.")
    lama, baru = semua[lama_id], semua[baru_id]
    _periksa_pasangan(versi, lama, baru)
    t = TautanIndikator.objects.create(
        versi=versi,
        lama=lama,
        baru=baru,
        sumber=sumber,
        alasan=alasan.strip(),
        oleh=pengguna if getattr(pengguna, "is_authenticated", False) else None,
    )
    catat(
        aksi="indikator.tautkan",
        objek=t,
        pengguna=pengguna,
        perubahan={"lanjutan": (None, f"{lama.nama} → {baru.nama}")},
        alasan=alasan.strip(),
        pd=versi.pd,
    )
    return t


@transaction.atomic
def tautkan_usulan_pasti(*, pengguna, r: Rencana, alasan: str = "", sumber: str = S.MANUAL) -> int:
    """Confirm every certain proposal of a version at once; the number confirmed."""
    n = 0
    for u in pasti(usulan(r)):
        tautkan(
            pengguna=pengguna,
            versi=r.versi,
            lama_id=u.lama.pk,
            baru_id=u.calon[0].pk,
            alasan=alasan,
            sumber=sumber,
        )
        n += 1
    return n


@transaction.atomic
def lepas(*, pengguna, versi: RenstraVersi, tautan_id: int, alasan: str = "") -> None:
    """Undo a link: the two indicators are separate measures again in every report."""
    if not pelaku_wajib(pengguna).ubah_rencana(versi.pd_id):
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang dapat melepas tautan indikator.")
    t = TautanIndikator.objects.select_related("lama", "baru").filter(pk=tautan_id, versi=versi).first()
    if t is None:
        raise ValidationError("Tautan ini tidak ada lagi; muat ulang halaman.")
    catat(
        aksi="indikator.lepas_tautan",
        objek=t,
        pengguna=pengguna,
        perubahan={"lanjutan": (f"{t.lama.nama} → {t.baru.nama}", None)},
        alasan=alasan.strip(),
        pd=versi.pd,
    )
    t.delete()


def salin_tautan(asal: RenstraVersi, baru: RenstraVersi, peta_indikator: dict[int, int]) -> int:
    """Carry a version's links over to its copy (Perubahan, Renja, import), through the copied indicators."""
    n = 0
    for t in TautanIndikator.objects.filter(versi=asal):
        lama, lanjut = peta_indikator.get(t.lama_id), peta_indikator.get(t.baru_id)
        if lama and lanjut:
            TautanIndikator.objects.create(
                versi=baru, lama_id=lama, baru_id=lanjut, sumber=S.SALINAN, alasan=t.alasan, oleh=t.oleh
            )
            n += 1
    return n
