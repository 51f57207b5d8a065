"""Saving an import: a new draft version = its base + the workbook's changes.

The base is copied with the copy machinery (``salin``), so every element remembers where
it came from and realisations keep counting; then the copy is made equal to the plan the
preview showed, only the ticked removals included.  One audit entry records every
resulting difference with the reason given.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.core.audit import catat
from kinerja.renstra import nomenklatur as nmk
from kinerja.renstra import services
from kinerja.renstra.beda import Perbedaan, bandingkan, kunci_audit, kunci_riwayat
from kinerja.renstra.impor.pratinjau import Pratinjau
from kinerja.renstra.models import (
    BarisCetak,
    Indikator,
    KondisiAwal,
    Pagu,
    PlanNode,
    RenstraVersi,
    SumberDokumen,
    Target,
)
from kinerja.renstra.salin import salin_isi
from kinerja.renstra.selectors import Rencana, muat_rencana
from kinerja.wilayah.izin import pelaku_wajib

BIDANG_NODE = ("kode", "nama", "unit_kerja_id", "urutan")
BIDANG_INDIKATOR = (
    "nama",
    "definisi",
    "satuan",
    "jenis_nilai",
    "agregasi_akhir",
    "agregasi_triwulan",
    "urutan",
)
BIDANG_NILAI = ("teks", "jenis", "nilai", "label", "sumber_baris")


class PratinjauUsang(Exception):
    """The base changed between the preview and the confirmation; nothing was saved."""


@dataclass
class HasilImpor:
    versi: RenstraVersi
    perbedaan: list[Perbedaan]
    hitung: dict[str, int]


def _nama_versi(pratinjau: Pratinjau, nama: str) -> str:
    dasar, buku = pratinjau.dasar, pratinjau.buku
    if nama:
        if RenstraVersi.objects.filter(pd=buku.pd, nama=nama).exists():
            raise ValidationError({"nama": f"Sudah ada versi bernama '{nama}'. Pilih nama lain."})
        return nama
    awal = dasar.nama.split(" — impor ")[0] if dasar else f"Renstra {buku.pd.nama}"
    calon = f"{awal} — impor {buku.nama_berkas} ({timezone.localtime():%d-%m-%Y %H:%M})"
    nomor = 2
    hasil = calon
    while RenstraVersi.objects.filter(pd=buku.pd, nama=hasil).exists():
        hasil = f"{calon} ({nomor})"
        nomor += 1
    return hasil


def _periksa_isian(buku, alasan: str, paksa_pd: bool) -> str:
    """The reason, tidied; every field's refusal at once (another PD unconfirmed, no reason)."""
    galat = {}
    if buku.pd_beda and not paksa_pd:
        galat["paksa_pd"] = (
            f"Tidak disimpan: {buku.pd_beda}. Centang konfirmasi bila buku kerja ini memang untuk {buku.pd.nama}."
        )
    alasan = " ".join((alasan or "").split())
    if not alasan:
        galat["alasan"] = (
            "Tulis alasan perubahan rencana ini; alasan tercatat di jejak audit bersama setiap perubahan."
        )
    if galat:
        raise ValidationError(galat)
    return alasan


@transaction.atomic
def simpan_impor(
    *,
    pratinjau: Pratinjau,
    pengguna,
    alasan: str,
    nama: str = "",
    hapus: set[str] | frozenset[str] = frozenset(),
    sidik: str | None = None,
    paksa_pd: bool = False,
) -> HasilImpor:
    """Save the previewed import as a new draft version; removals only for the ticked keys.

    ``pengguna`` is a user or the system actor (the command line); ``sidik`` is the fingerprint of
    the preview the user confirmed; ``paksa_pd`` confirms a workbook naming another PD.
    """
    buku, dasar = pratinjau.buku, pratinjau.dasar
    if not pelaku_wajib(pengguna).ubah_rencana(buku.pd.pk):
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang dapat mengimpor rencana.")
    alasan = _periksa_isian(buku, alasan, paksa_pd)
    if sidik is not None and sidik != pratinjau.sidik:
        raise PratinjauUsang(
            "Versi dasar berubah sejak pratinjau dibuat; tidak ada yang disimpan. Periksa pratinjau terbaru."
        )
    nama = _nama_versi(pratinjau, " ".join((nama or "").split()))
    hapus = set(hapus) & {k.kunci for k in pratinjau.kandidat}
    baru = pratinjau.gabung.rencana(hapus)
    if dasar is not None:
        versi = services.buat_versi(
            pd=buku.pd,
            nama=nama,
            jenis=dasar.jenis,
            tahun_mulai=dasar.tahun_mulai,
            tahun_akhir=dasar.tahun_akhir,
            tahun_rencana_awal=dasar.tahun_rencana_awal,
            tahun_kondisi_awal=dasar.tahun_kondisi_awal,
            rpjmd=dasar.rpjmd,
            laju_pagu=dasar.laju_pagu,
            laju_pagu_mulai=dasar.laju_pagu_mulai,
            asal=dasar,
            pengguna=pengguna,
        )
        salin_isi(pengguna=pengguna, asal=dasar, baru=versi)
    else:
        v = pratinjau.rencana_dasar.versi
        versi = services.buat_versi(
            pd=buku.pd,
            nama=nama,
            jenis=v.jenis,
            tahun_mulai=v.tahun_mulai,
            tahun_akhir=v.tahun_akhir,
            tahun_rencana_awal=v.tahun_rencana_awal,
            tahun_kondisi_awal=v.tahun_kondisi_awal,
            pengguna=pengguna,
        )
    peta_node, peta_ind = _Penyama(pratinjau.rencana_dasar, baru, versi).jalankan()
    _simpan_cetak(pratinjau, versi, peta_node, peta_ind)
    perbedaan = bandingkan(muat_rencana(dasar), muat_rencana(versi)) if dasar is not None else []
    hitung = {
        "unsur": len(baru.node),
        "indikator": sum(len(x) for x in baru.indikator.values()),
        "target": len(baru.target),
        "pagu": len(baru.pagu),
    }
    perubahan = {kunci_audit(p): (p.dari, p.ke) for p in perbedaan}
    perubahan["berkas"] = (None, f"{buku.nama_berkas} (sha256 {buku.sha256[:16]})")
    if buku.pd_beda:
        perubahan["perangkat daerah di berkas"] = (
            None,
            f"{buku.pd_tertulis} (dikonfirmasi untuk {buku.pd.nama})",
        )
    if dasar is None:
        perubahan["rencana baru"] = (None, ", ".join(f"{v} {k}" for k, v in hitung.items()))
    catat(aksi="impor", objek=versi, pengguna=pengguna, perubahan=perubahan, alasan=alasan, pd=buku.pd)
    _catat_per_unsur(perbedaan, pengguna=pengguna, alasan=alasan, pd=buku.pd)
    return HasilImpor(versi=versi, perbedaan=perbedaan, hitung=hitung)


def _catat_per_unsur(perbedaan: list[Perbedaan], *, pengguna, alasan: str, pd) -> None:
    """The import's changes also in each element's and indicator's own history, as the editor writes them."""
    per_objek: dict[tuple[str, int], dict[str, tuple]] = defaultdict(dict)
    for p in perbedaan:
        tempat = kunci_riwayat(p)
        if tempat and tempat[1] is not None:
            per_objek[(tempat[0], tempat[1])][tempat[2]] = (p.dari, p.ke)
    model = {"renstra.plannode": PlanNode, "renstra.indikator": Indikator}
    for tipe, kelas in model.items():
        objek = kelas.objects.in_bulk([i for t, i in per_objek if t == tipe])
        for (t, i), ubah in per_objek.items():
            if t == tipe:
                catat(aksi="impor", objek=objek[i], pengguna=pengguna, perubahan=ubah, alasan=alasan, pd=pd)


class _Penyama:
    """Makes the copy of the base equal to the previewed plan, table by table."""

    def __init__(self, dasar: Rencana, baru: Rencana, versi: RenstraVersi):
        self.b, self.v, self.versi = dasar, baru, versi

    def jalankan(self) -> tuple[dict[int, int], dict[int, int]]:
        peta_node = self._node()
        peta_ind = self._indikator(peta_node)
        self._target(peta_ind)
        self._awal(peta_ind)
        self._pagu(peta_node)
        return peta_node, peta_ind

    def _node(self) -> dict[int, int]:
        salinan = dict(PlanNode.objects.filter(versi=self.versi).values_list("asal_id", "id"))
        ada = {n.pk for n in self.v.node}
        PlanNode.objects.filter(pk__in=[salinan[n.pk] for n in self.b.node if n.pk not in ada]).delete()
        peta, ubah = {}, []
        for n in self.v.node:
            if n.pk > 0:
                peta[n.pk] = salinan[n.pk]
                lama = self.b.node_id[n.pk]
                if any(getattr(n, k) != getattr(lama, k) for k in BIDANG_NODE):
                    ubah.append(PlanNode(pk=peta[n.pk], **{k: getattr(n, k) for k in BIDANG_NODE}))
                continue
            peta[n.pk] = PlanNode.objects.create(
                versi=self.versi,
                tingkat=n.tingkat,
                induk_id=peta[n.induk_id] if n.induk_id is not None else None,
                urutan=n.urutan,
                kode=n.kode,
                nama=n.nama,
                nomenklatur_id=n.nomenklatur_id,
                misi_id=n.misi_id,
                unit_kerja_id=n.unit_kerja_id,
            ).pk
        PlanNode.objects.bulk_update(ubah, BIDANG_NODE, batch_size=500)
        return peta

    def _indikator(self, peta_node: dict[int, int]) -> dict[int, int]:
        salinan = dict(Indikator.objects.filter(node__versi=self.versi).values_list("asal_id", "id"))
        lama = {i.pk: i for daftar in self.b.indikator.values() for i in daftar}
        baru = {i.pk: i for daftar in self.v.indikator.values() for i in daftar}
        Indikator.objects.filter(
            pk__in=[salinan[pk] for pk in lama if pk not in baru and pk in salinan]
        ).delete()
        peta, ubah, buat = {}, [], []
        for i in baru.values():
            if i.pk > 0:
                peta[i.pk] = salinan[i.pk]
                if any(getattr(i, k) != getattr(lama[i.pk], k) for k in BIDANG_INDIKATOR):
                    ubah.append(Indikator(pk=peta[i.pk], **{k: getattr(i, k) for k in BIDANG_INDIKATOR}))
                continue
            kolom = {k: getattr(i, k) for k in i.KOLOM if k not in ("id", "node_id", "asal_id")}
            buat.append((i.pk, Indikator(node_id=peta_node[i.node_id], **kolom)))
        Indikator.objects.bulk_update(ubah, BIDANG_INDIKATOR, batch_size=500)
        Indikator.objects.bulk_create([x for _, x in buat])
        peta.update({pk: obj.pk for pk, obj in buat})
        return peta

    @staticmethod
    def _samakan(model, tersimpan: dict, mau: dict, kolom: tuple, buat) -> None:
        """Saved rows (key → id) made equal to ``mau`` (key → values, or None = keep the copy)."""
        model.objects.filter(pk__in=[pk for k, pk in tersimpan.items() if k not in mau]).delete()
        model.objects.bulk_update(
            [model(pk=tersimpan[k], **isi) for k, isi in mau.items() if isi is not None and k in tersimpan],
            kolom,
            batch_size=500,
        )
        model.objects.bulk_create(
            [buat(k, isi) for k, isi in mau.items() if isi is not None and k not in tersimpan],
            batch_size=1000,
        )

    def _nilai(self, t) -> dict:
        return {k: getattr(t, k) for k in ("teks", "jenis", "nilai", "label", "sumber_baris")}

    def _target(self, peta_ind: dict[int, int]) -> None:
        tersimpan = {
            (i, lok, y): pk
            for pk, i, lok, y in Target.objects.filter(indikator__node__versi=self.versi).values_list(
                "id", "indikator_id", "lokasi_id", "tahun"
            )
        }
        mau = {
            (peta_ind[k[0]], k[1], k[2]): (None if self.b.target.get(k) is t else self._nilai(t))
            for k, t in self.v.target.items()
        }
        self._samakan(
            Target,
            tersimpan,
            mau,
            BIDANG_NILAI,
            lambda k, isi: Target(indikator_id=k[0], lokasi_id=k[1], tahun=k[2], **isi),
        )

    def _awal(self, peta_ind: dict[int, int]) -> None:
        tersimpan = {
            (i, lok): pk
            for pk, i, lok in KondisiAwal.objects.filter(indikator__node__versi=self.versi).values_list(
                "id", "indikator_id", "lokasi_id"
            )
        }
        mau = {
            (peta_ind[k[0]], k[1]): (
                None if self.b.awal.get(k) is a else {**self._nilai(a), "tahun": a.tahun}
            )
            for k, a in self.v.awal.items()
        }
        self._samakan(
            KondisiAwal,
            tersimpan,
            mau,
            (*BIDANG_NILAI, "tahun"),
            lambda k, isi: KondisiAwal(indikator_id=k[0], lokasi_id=k[1], **isi),
        )

    def _pagu(self, peta_node: dict[int, int]) -> None:
        tersimpan = {
            (n, lok, y): pk
            for pk, n, lok, y in Pagu.objects.filter(node__versi=self.versi).values_list(
                "id", "node_id", "lokasi_id", "tahun"
            )
        }
        lama = {(p.node_id, p.lokasi_id, p.tahun): p for p in self.b.pagu}
        mau = {
            (peta_node[p.node_id], p.lokasi_id, p.tahun): (
                None
                if lama.get((p.node_id, p.lokasi_id, p.tahun)) is p
                else {"jumlah": p.jumlah, "sumber_baris": p.sumber_baris}
            )
            for p in self.v.pagu
        }
        self._samakan(
            Pagu,
            tersimpan,
            mau,
            ("jumlah", "sumber_baris"),
            lambda k, isi: Pagu(node_id=k[0], lokasi_id=k[1], tahun=k[2], **isi),
        )


def _simpan_cetak(pratinjau: Pratinjau, versi: RenstraVersi, peta_node: dict, peta_ind: dict) -> None:
    """The workbook's rows as printed, for the checker (totals it wrote, kondisi akhir)."""
    buku, g = pratinjau.buku, pratinjau.gabung
    sumber = SumberDokumen.objects.create(
        versi=versi,
        jenis=SumberDokumen.Jenis.XLSX,
        judul=f"Buku kerja {buku.nama_berkas}",
        nama_berkas=buku.nama_berkas,
        sha256=buku.sha256,
    )
    baris = []
    for urut, x in enumerate(buku.baris, start=1):
        ind = g.ind_ke.get((x.node, nmk.kunci_nama(x.indikator))) if x.indikator else None
        baris.append(
            BarisCetak(
                sumber=sumber,
                tabel=buku.tabel,
                urutan=urut,
                baris=x.nomor,
                lembar=buku.lembar,
                tingkat=x.sel.get("tingkat", ""),
                node_id=peta_node[g.vpk[x.node]],
                indikator_id=peta_ind.get(ind) if ind is not None else None,
                lokasi_id=x.lokasi_id,
                sel=x.sel,
            )
        )
    BarisCetak.objects.bulk_create(baris, batch_size=1000)
