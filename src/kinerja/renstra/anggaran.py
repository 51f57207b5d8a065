"""The appropriated budget (APBD) of sub kegiatan: which record of a year is in force, and its writes.

An APBD perubahan, once entered for a sub kegiatan × lokasi × year, replaces the murni figure of
that cell; cells without a perubahan keep their murni figure. Reports that speak of anggaran read
it through `anggaran_berlaku_versi` (or ``kinerja.monev.anggaran.dasar_anggaran``, which falls
back to the Renja or the pagu indikatif) so they all take the same figure.

APBD records hang on the sub kegiatan of a Renstra version (never of a Renja) and are copied with
the version when a Perubahan is made (``renstra.salin``). The pagu indikatif stays the Renstra's
own figure; nothing here changes it.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.core import angka
from kinerja.core.audit import catat
from kinerja.core.kueri_tetap import KueriTetap
from kinerja.core.pembulatan import bulat
from kinerja.renstra.models import Anggaran, Pagu, PlanNode, RenstraVersi, Target
from kinerja.wilayah.izin import pelaku_wajib
from kinerja.wilayah.models import Unit

T = PlanNode.Tingkat
TAHAP = Anggaran.Tahap
BATAS_APBD = angka.Batas.dari_kolom(Anggaran._meta.get_field("jumlah"), rupiah=True)
PANJANG_SUMBER_DANA = Anggaran._meta.get_field("sumber_dana").max_length
PANJANG_DOKUMEN = Anggaran._meta.get_field("dokumen").max_length
PESAN_PERENCANA = "Hanya perencana perangkat daerah ini yang dapat mengisi anggaran APBD."


def anggaran_berlaku_versi(versi_id: int, tahun: int) -> dict[tuple[int, int | None], Anggaran]:
    """The APBD record in force per (node id, lokasi id) of a version's year, in one query:
    perubahan over murni."""
    return _berlaku(_ANGGARAN_VERSI.daftar(versi_id, tahun))


_ANGGARAN_VERSI = KueriTetap(
    lambda versi_id, tahun: Anggaran.objects.filter(node__versi_id=versi_id, tahun=tahun).order_by("tahap")
)


def _berlaku(daftar: list[Anggaran]) -> dict[tuple[int, int | None], Anggaran]:
    """The records (ordered by ``tahap``) in force per (node id, lokasi id)."""
    hasil: dict[tuple[int, int | None], Anggaran] = {}
    for a in daftar:
        kunci = (a.node_id, a.lokasi_id)
        if kunci not in hasil or a.tahap == TAHAP.PERUBAHAN:
            hasil[kunci] = a
    return hasil


def anggaran_tahun(versi_id: int, tahun: int) -> dict[tuple[int, int | None, str], Anggaran]:
    """Every APBD record of a version's year, murni and perubahan apart: (node, lokasi, tahap) → record."""
    return {
        (a.node_id, a.lokasi_id, a.tahap): a
        for a in Anggaran.objects.filter(node__versi_id=versi_id, tahun=tahun)
    }


# --- checks shared by the page and the workbook -----------------------------------------------


def cek_versi(versi: RenstraVersi, tahun: int) -> None:
    """APBD is kept on a Renstra version (not a Renja) for a year the version plans."""
    if versi.jenis == RenstraVersi.Jenis.RENJA:
        raise ValidationError("Anggaran APBD dicatat pada versi Renstra, bukan pada Renja.")
    if tahun not in versi.tahun_rencana:
        awal, akhir = versi.tahun_rencana[0], versi.tahun_rencana[-1]
        raise ValidationError(f"Tahun {tahun} di luar tahun rencana {versi.nama} ({awal}–{akhir}).")


def baca_jumlah(teks) -> Decimal | None:
    """An APBD amount typed or read from a cell ("Rp 12.500.000" accepted); None when empty."""
    try:
        return angka.baca_rupiah(teks, BATAS_APBD, nama="Anggaran")
    except angka.NilaiDitolak as e:
        raise ValidationError(e.pesan) from None


def rapi_teks(teks, panjang: int, nama: str) -> str:
    t = " ".join(str(teks or "").split())
    if len(t) > panjang:
        raise ValidationError(f"{nama} paling panjang {panjang} karakter (tertulis {len(t)}).")
    return t


def _cek_sel(versi: RenstraVersi, node: PlanNode, lokasi: Unit | None, tahap: str) -> None:
    if node.versi_id != versi.pk:
        raise PermissionDenied("Sub kegiatan ini bukan bagian dari versi yang diubah.")
    if node.tingkat != T.SUB_KEGIATAN:
        raise ValidationError("Anggaran APBD diisi per sub kegiatan.")
    if lokasi is not None and (lokasi.pd_id != versi.pd_id or not lokasi.adalah_lokasi):
        raise ValidationError(f"'{lokasi}' bukan lokasi milik {versi.pd}.")
    if tahap not in TAHAP.values:
        raise ValidationError("Tahap anggaran harus APBD murni atau APBD perubahan.")


def _cek_direncanakan(node: PlanNode, lokasi: Unit | None, tahun: int) -> None:
    """APBD is entered where the plan has the sub kegiatan in that year (a pagu or a target), so that
    every record shows on the page and in the reports' rows."""
    if Pagu.objects.filter(node=node, lokasi=lokasi, tahun=tahun).exists():
        return
    if Target.objects.filter(indikator__node=node, lokasi=lokasi, tahun=tahun).exists():
        return
    tempat = lokasi.nama_pendek if lokasi else "seluruh PD"
    raise ValidationError(
        f"{node.kode} tidak direncanakan di {tempat} pada tahun {tahun}; APBD diisi untuk sub kegiatan × lokasi "
        "yang ada dalam rencana."
    )


# --- writes ----------------------------------------------------------------------------------


def _teks_audit(a: Anggaran | None) -> dict[str, str]:
    if a is None:
        return {"jumlah": "", "sumber_dana": "", "dokumen": ""}
    return {"jumlah": angka.format_rupiah(a.jumlah), "sumber_dana": a.sumber_dana, "dokumen": a.dokumen}


def tulis_sel(
    *, pengguna, versi: RenstraVersi, node: PlanNode, lokasi: Unit | None, tahun: int, tahap: str, isian: dict
) -> str:
    """Write one checked cell (``isian``: jumlah as Decimal or None, sumber_dana, dokumen) and audit it.

    An empty jumlah deletes the record. Returns "tambah", "ubah", "hapus" or "" (nothing changed).
    Call inside a transaction, after the field checks (``baca_isian``).
    """
    if not pelaku_wajib(pengguna).ubah_rencana(versi.pd_id):
        raise PermissionDenied(PESAN_PERENCANA)
    cek_versi(versi, tahun)
    _cek_sel(versi, node, lokasi, tahap)
    lama = (
        Anggaran.objects.select_for_update(of=("self",))
        .filter(node=node, lokasi=lokasi, tahun=tahun, tahap=tahap)
        .order_by("pk")  # not the model's ordering: it joins the nullable lokasi, which cannot be locked
        .first()
    )
    dulu = _teks_audit(lama)
    jumlah = isian["jumlah"]
    if jumlah is None:
        if lama is None:
            return ""
        lama.delete()
        aksi, kini = "hapus", _teks_audit(None)
    else:
        if lama is not None and (lama.jumlah, lama.sumber_dana, lama.dokumen) == (
            jumlah,
            isian["sumber_dana"],
            isian["dokumen"],
        ):
            return ""
        obj = lama or Anggaran(node=node, lokasi=lokasi, tahun=tahun, tahap=tahap)
        obj.jumlah, obj.sumber_dana, obj.dokumen = jumlah, isian["sumber_dana"], isian["dokumen"]
        obj.demo = False  # a person's figure is no longer demonstration data
        obj.diubah_oleh = pengguna if getattr(pengguna, "pk", None) else None
        obj.save()
        aksi, kini = ("ubah" if lama else "tambah"), _teks_audit(obj)
    lok = lokasi.nama_pendek if lokasi else "seluruh PD"
    catat(
        aksi=f"anggaran.{aksi}",
        objek=node,
        pengguna=pengguna,
        perubahan={k: (dulu[k], kini[k]) for k in dulu if dulu[k] != kini[k]},
        alasan=f"{TAHAP(tahap).label} {tahun}, lokasi {lok}"
        + (f"; {isian['alasan']}" if isian.get("alasan") else ""),
        pd=versi.pd,
    )
    return aksi


@transaction.atomic
def simpan_anggaran(
    *,
    pengguna,
    versi: RenstraVersi,
    node: PlanNode,
    lokasi: Unit | None,
    tahun: int,
    isian: dict[str, dict[str, str]],
) -> list[str]:
    """Save the APBD murni and perubahan of one sub kegiatan × lokasi × year as typed on the page.

    ``isian``: {"murni": {"jumlah", "sumber_dana", "dokumen"}, "perubahan": {...}}; an empty
    jumlah removes that record. Every field is checked before anything is written; a refused
    field raises ``ValidationError`` keyed "<tahap>-<field>" and nothing is saved.
    Returns what changed, e.g. ["APBD murni diubah"].
    """
    if not pelaku_wajib(pengguna).ubah_rencana(versi.pd_id):
        raise PermissionDenied(PESAN_PERENCANA)
    cek_versi(versi, tahun)
    _cek_direncanakan(node, lokasi, tahun)
    galat: dict[str, list[str]] = {}
    siap: dict[str, dict] = {}
    for tahap, isi in isian.items():
        _cek_sel(versi, node, lokasi, tahap)
        siap[tahap] = baca_isian(isi, tahap, galat)
    if galat:
        raise ValidationError(galat)
    hasil = []
    for tahap, isi in siap.items():
        aksi = tulis_sel(
            pengguna=pengguna, versi=versi, node=node, lokasi=lokasi, tahun=tahun, tahap=tahap, isian=isi
        )
        if aksi:
            kata = {"tambah": "diisi", "ubah": "diubah", "hapus": "dihapus"}[aksi]
            hasil.append(f"{TAHAP(tahap).label} {kata}")
    return hasil


def baca_isian(isi: dict, tahap: str, galat: dict) -> dict:
    """One stage's typed fields read and checked; each refusal goes into ``galat`` as "<tahap>-<field>"."""
    hasil: dict = {"jumlah": None, "sumber_dana": "", "dokumen": ""}
    try:
        hasil["jumlah"] = baca_jumlah(isi.get("jumlah", ""))
    except ValidationError as e:
        galat[f"{tahap}-jumlah"] = e.messages
    for kolom, panjang, nama in (
        ("sumber_dana", PANJANG_SUMBER_DANA, "Sumber dana"),
        ("dokumen", PANJANG_DOKUMEN, "Nomor dokumen"),
    ):
        try:
            hasil[kolom] = rapi_teks(isi.get(kolom, ""), panjang, nama)
        except ValidationError as e:
            galat[f"{tahap}-{kolom}"] = e.messages
    if (
        hasil["jumlah"] is None
        and (hasil["sumber_dana"] or hasil["dokumen"])
        and f"{tahap}-jumlah" not in galat
    ):
        galat[f"{tahap}-jumlah"] = [
            "Tulis jumlah anggarannya: sumber dana dan nomor dokumen tidak disimpan tanpa jumlah."
        ]
    return hasil


# --- demonstration data ----------------------------------------------------------------------

SUMBER_DEMO = ("DAU", "PAD", "DAU", "DBHCHT")


def _acak(*kunci) -> float:
    h = hashlib.sha256("|".join(str(k) for k in kunci).encode()).digest()
    return int.from_bytes(h[:8], "big") / 2**64


def muat_anggaran_demo(*, pengguna, versi: RenstraVersi, tahun: int) -> int:
    """A demonstration APBD murni for every sub kegiatan × lokasi with a pagu in ``tahun``: 92–100 %
    of its pagu indikatif (0 stays 0), rounded to thousands, flagged ``demo`` (the same on every load)."""
    if not pelaku_wajib(pengguna).ubah_rencana(versi.pd_id):
        raise PermissionDenied(PESAN_PERENCANA)
    baru = []
    for p in Pagu.objects.filter(node__versi=versi, node__tingkat=T.SUB_KEGIATAN, tahun=tahun).select_related(
        "node", "lokasi"
    ):
        kunci = (p.node.kode, p.lokasi.nama_pendek if p.lokasi else "", tahun)
        porsi = bulat(Decimal(0.92 + 0.08 * _acak(*kunci)), 4)
        jumlah = bulat(p.jumlah * porsi / 1000, 0) * 1000
        baru.append(
            Anggaran(
                node_id=p.node_id,
                lokasi_id=p.lokasi_id,
                tahun=tahun,
                tahap=TAHAP.MURNI,
                jumlah=jumlah,
                sumber_dana=SUMBER_DEMO[int(_acak(*kunci, "sumber") * len(SUMBER_DEMO))],
                # No made-up DPA number: the record's demo flag labels it, and a planner's own
                # figures replace it without demonstration text left behind in a field.
                dokumen="",
                demo=True,
            )
        )
    Anggaran.objects.bulk_create(baru)
    catat(
        aksi="sampel.anggaran",
        objek=versi,
        pengguna=pengguna,
        alasan=f"Data demonstrasi APBD murni {tahun}: {len(baru)} sub kegiatan × lokasi.",
        pd=versi.pd,
    )
    return len(baru)
