"""Copies of a plan version: a Perubahan Renstra (the whole plan) or a Renja (year n and its
prakiraan maju n+1).

Every copied element remembers where it came from (``asal``), so that differences
between versions can be shown and realisations entered against the earlier version
still count for the copy. What a document printed (BarisCetak) stays with its source
version: a copy is new data, not the document.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.core.audit import catat
from kinerja.renstra.models import (
    Anggaran,
    AnggaranPelayanan,
    ArahKebijakan,
    Indikator,
    IsuStrategis,
    KinerjaPelayanan,
    KinerjaPelayananTahun,
    KondisiAwal,
    Naskah,
    Pagu,
    Permasalahan,
    PlanNode,
    RenstraVersi,
    Strategi,
    Target,
)
from kinerja.renstra.tautan import salin_tautan
from kinerja.wilayah.izin import pelaku_wajib

J = RenstraVersi.Jenis


def _salin_pohon(asal: RenstraVersi, baru: RenstraVersi, tahun: set[int] | None) -> dict[str, int]:
    """Nodes, indicators, targets, baselines and pagu; ``tahun`` limits targets and pagu to those years."""
    peta_node: dict[int, PlanNode] = {}
    for n in PlanNode.objects.filter(versi=asal).order_by("tingkat", "urutan", "id"):
        peta_node[n.pk] = PlanNode.objects.create(
            versi=baru,
            tingkat=n.tingkat,
            induk=peta_node[n.induk_id] if n.induk_id else None,
            urutan=n.urutan,
            kode=n.kode,
            nama=n.nama,
            nomenklatur_id=n.nomenklatur_id,
            misi_id=n.misi_id,
            unit_kerja_id=n.unit_kerja_id,
            asal=n,
        )
    peta_ind: dict[int, Indikator] = {}
    lama_ind = list(Indikator.objects.filter(node__versi=asal).order_by("id"))
    baru_ind = []
    for i in lama_ind:
        salinan = Indikator(
            **{
                f.attname: getattr(i, f.attname)
                for f in Indikator._meta.concrete_fields
                if f.attname not in ("id", "node_id", "asal_id")
            },
            node=peta_node[i.node_id],
            asal=i,
        )
        baru_ind.append(salinan)
        peta_ind[i.pk] = salinan
    Indikator.objects.bulk_create(baru_ind)

    def nilai(obj) -> dict:
        return {
            "teks": obj.teks,
            "jenis": obj.jenis,
            "nilai": obj.nilai,
            "label": obj.label,
            "sumber_baris": obj.sumber_baris,
        }

    target = [
        Target(indikator=peta_ind[t.indikator_id], lokasi_id=t.lokasi_id, tahun=t.tahun, **nilai(t))
        for t in Target.objects.filter(indikator__node__versi=asal)
        if tahun is None or t.tahun in tahun
    ]
    Target.objects.bulk_create(target, batch_size=1000)
    awal = [
        KondisiAwal(indikator=peta_ind[a.indikator_id], lokasi_id=a.lokasi_id, tahun=a.tahun, **nilai(a))
        for a in KondisiAwal.objects.filter(indikator__node__versi=asal)
    ]
    KondisiAwal.objects.bulk_create(awal, batch_size=1000)
    pagu = [
        Pagu(
            node=peta_node[p.node_id],
            lokasi_id=p.lokasi_id,
            tahun=p.tahun,
            jumlah=p.jumlah,
            sumber_baris=p.sumber_baris,
        )
        for p in Pagu.objects.filter(node__versi=asal)
        if tahun is None or p.tahun in tahun
    ]
    Pagu.objects.bulk_create(pagu, batch_size=1000)
    for s in Strategi.objects.filter(sasaran__versi=asal).prefetch_related("kebijakan_set"):
        st = Strategi.objects.create(sasaran=peta_node[s.sasaran_id], urutan=s.urutan, teks=s.teks)
        ArahKebijakan.objects.bulk_create(
            ArahKebijakan(strategi=st, urutan=k.urutan, teks=k.teks) for k in s.kebijakan_set.all()
        )
    tautan = salin_tautan(asal, baru, {lama: i.pk for lama, i in peta_ind.items()})
    return {
        "unsur": len(peta_node),
        "indikator": len(baru_ind),
        "target": len(target),
        "pagu": len(pagu),
        "tautan": tautan,
    }


def _salin_apbd(asal: RenstraVersi, baru: RenstraVersi) -> int:
    """The appropriated budget of every sub kegiatan onto its copy (demo flag and author kept): reports
    of a Perubahan Renstra read the APBD from its own sub kegiatan. A Renja keeps none."""
    peta_node = {n.asal_id: n for n in PlanNode.objects.filter(versi=baru, asal__isnull=False)}
    anggaran = [
        Anggaran(
            **{
                f.attname: getattr(a, f.attname)
                for f in Anggaran._meta.concrete_fields
                if f.attname not in ("id", "node_id", "diubah")
            },
            node=peta_node[a.node_id],
        )
        for a in Anggaran.objects.filter(node__versi=asal)
    ]
    Anggaran.objects.bulk_create(anggaran, batch_size=1000)
    return len(anggaran)


def _salin_naskah(asal: RenstraVersi, baru: RenstraVersi) -> None:
    Naskah.objects.bulk_create(
        Naskah(versi=baru, kunci=n.kunci, urutan=n.urutan, teks=n.teks, sumber_baris=n.sumber_baris)
        for n in asal.naskah_set.all()
    )
    Permasalahan.objects.bulk_create(
        Permasalahan(
            versi=baru,
            nomor=p.nomor,
            masalah_pokok=p.masalah_pokok,
            masalah=p.masalah,
            akar_masalah=p.akar_masalah,
        )
        for p in asal.permasalahan_set.all()
    )
    IsuStrategis.objects.bulk_create(
        IsuStrategis(versi=baru, nomor=i.nomor, teks=i.teks) for i in asal.isu_set.all()
    )
    for k in KinerjaPelayanan.objects.filter(versi=asal).prefetch_related("tahun_set"):
        salinan = KinerjaPelayanan.objects.create(
            versi=baru,
            urutan=k.urutan,
            kelompok=k.kelompok,
            nomor=k.nomor,
            indikator_teks=k.indikator_teks,
            indikator=None,
            target_spm=k.target_spm,
            target_ikk=k.target_ikk,
            target_lainnya=k.target_lainnya,
        )
        KinerjaPelayananTahun.objects.bulk_create(
            KinerjaPelayananTahun(baris=salinan, tahun=t.tahun, target=t.target, realisasi=t.realisasi)
            for t in k.tahun_set.all()
        )
    AnggaranPelayanan.objects.bulk_create(
        AnggaranPelayanan(
            versi=baru,
            urutan=a.urutan,
            uraian=a.uraian,
            tahun=a.tahun,
            anggaran=a.anggaran,
            realisasi=a.realisasi,
        )
        for a in asal.anggaran_pelayanan_set.all()
    )


def salin_isi(*, pengguna, asal: RenstraVersi, baru: RenstraVersi) -> dict[str, int]:
    """Everything of ``asal`` into the empty version ``baru`` (call inside a transaction)."""
    c = pelaku_wajib(pengguna)
    if not (c.ubah_rencana(baru.pd_id) and c.anggota_pd(asal.pd_id)):
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang dapat menyalin rencana.")
    hitung = _salin_pohon(asal, baru, None)
    hitung["anggaran APBD"] = _salin_apbd(asal, baru)
    _salin_naskah(asal, baru)
    return hitung


def nama_perubahan(versi: RenstraVersi) -> str:
    """The name a new Perubahan gets when none is typed: "Perubahan X", or "X (revisi 2)" when X is
    itself a Perubahan (never "Perubahan Perubahan …"), numbered past the names already taken."""
    if versi.jenis == J.PERUBAHAN:
        dasar = versi.nama
        calon = (f"{dasar} (revisi {n})" for n in range(2, 1000))
    else:
        dasar = f"Perubahan {versi.nama}"
        calon = (dasar if n == 1 else f"{dasar} ({n})" for n in range(1, 1000))
    dipakai = set(RenstraVersi.objects.filter(pd=versi.pd).values_list("nama", flat=True))
    return next(n for n in calon if n not in dipakai)


@transaction.atomic
def buat_perubahan(*, pengguna, versi: RenstraVersi, nama: str = "") -> RenstraVersi:
    """A draft Perubahan Renstra: a full copy of a version, to be edited."""
    if not pelaku_wajib(pengguna).ubah_rencana(versi.pd_id):
        raise PermissionDenied("Hanya perencana yang dapat membuat Perubahan Renstra.")
    if versi.jenis == J.RENJA:
        raise ValidationError(
            "Perubahan Renstra dibuat dari Renstra atau Perubahan Renstra, bukan dari Renja."
        )
    nama = " ".join((nama or "").split()) or nama_perubahan(versi)
    if RenstraVersi.objects.filter(pd=versi.pd, nama=nama).exists():
        raise ValidationError(f"Sudah ada versi bernama '{nama}'. Pilih nama lain.")
    baru = RenstraVersi.objects.create(
        pd=versi.pd,
        rpjmd=versi.rpjmd,
        jenis=J.PERUBAHAN,
        nama=nama,
        tahun_mulai=versi.tahun_mulai,
        tahun_akhir=versi.tahun_akhir,
        tahun_rencana_awal=versi.tahun_rencana_awal,
        tahun_kondisi_awal=versi.tahun_kondisi_awal,
        status=RenstraVersi.Status.DRAFT,
        dasar_hukum="",
        asal=versi,
        laju_pagu=versi.laju_pagu,
        laju_pagu_mulai=versi.laju_pagu_mulai,
        dibuat_oleh=pengguna if getattr(pengguna, "pk", None) else None,
    )
    hitung = salin_isi(pengguna=pengguna, asal=versi, baru=baru)
    catat(
        aksi="versi.salin",
        objek=baru,
        pengguna=pengguna,
        perubahan={"asal": (None, str(versi))},
        alasan=", ".join(f"{v} {k}" for k, v in hitung.items()),
        pd=versi.pd,
    )
    return baru


def tahun_renja(versi: RenstraVersi, tahun: int) -> list[int]:
    """Years a Renja of ``tahun`` carries: n, and n+1 (prakiraan maju) when the plan has it."""
    return [tahun, tahun + 1] if tahun + 1 in versi.tahun_rencana else [tahun]


@transaction.atomic
def buat_renja(*, pengguna, versi: RenstraVersi, tahun: int) -> RenstraVersi:
    """A draft Renja: the Renstra's targets and pagu of year n and n+1 (prakiraan maju), as its own
    version to be edited. Its period is n..n+1; it is the Renja of year n (``tahun_mulai``)."""
    if not pelaku_wajib(pengguna).ubah_rencana(versi.pd_id):
        raise PermissionDenied("Hanya perencana yang dapat membuat Renja.")
    if versi.jenis == J.RENJA:
        raise ValidationError("Renja dibuat dari Renstra atau Perubahan Renstra.")
    if tahun not in versi.tahun_rencana:
        raise ValidationError(f"Tahun {tahun} tidak direncanakan dalam {versi.nama}.")
    if RenstraVersi.objects.filter(asal=versi, jenis=J.RENJA, tahun_mulai=tahun).exists():
        raise ValidationError(f"Renja {tahun} dari versi ini sudah ada.")
    tahun_salin = tahun_renja(versi, tahun)
    baru = RenstraVersi.objects.create(
        pd=versi.pd,
        rpjmd=versi.rpjmd,
        jenis=J.RENJA,
        nama=f"Renja {versi.pd.nama} Tahun {tahun}",
        tahun_mulai=tahun,
        tahun_akhir=tahun_salin[-1],
        tahun_rencana_awal=tahun,
        tahun_kondisi_awal=versi.tahun_kondisi_awal,
        status=RenstraVersi.Status.DRAFT,
        asal=versi,
        dibuat_oleh=pengguna if getattr(pengguna, "pk", None) else None,
    )
    hitung = _salin_pohon(versi, baru, set(tahun_salin))
    catat(
        aksi="versi.renja",
        objek=baru,
        pengguna=pengguna,
        perubahan={
            "asal": (None, str(versi)),
            "tahun": (None, tahun),
            "prakiraan_maju": (None, tahun_salin[1] if len(tahun_salin) > 1 else None),
        },
        alasan=", ".join(f"{v} {k}" for k, v in hitung.items()),
        pd=versi.pd,
    )
    return baru
