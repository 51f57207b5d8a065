"""Two more kecamatan of Kota Blitar with small demonstration plans, for Bappeda's page (``/kota/``).

Kepanjenkidul and Sukorejo, each with its seven real kelurahan, are opened as PDs of the sample's
pemda through the same services an administrator and a planner use; their plans, realisations and
reports come from ``data/kota_blitar/kecamatan_demo.toml`` and are demonstration data throughout:
"(demo)" in every name, slugs ending ``-demo``, realisations marked "Data demonstrasi".
"""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from importlib.resources import files

from django.utils import timezone

from kinerja.core import angka
from kinerja.core.pelaku import SISTEM
from kinerja.core.pembulatan import bulat
from kinerja.monev import persetujuan
from kinerja.monev.models import Laporan, Realisasi, RealisasiAnggaran, Sumber
from kinerja.monev.selectors import batas_laporan
from kinerja.renstra import services as renstra
from kinerja.renstra.models import PlanNode, RenstraVersi
from kinerja.wilayah import services as wilayah
from kinerja.wilayah.models import Pemda, PerangkatDaerah, Unit

T = PlanNode.Tingkat


def baca_data() -> dict:
    with files("kinerja.data").joinpath("kota_blitar", "kecamatan_demo.toml").open("rb") as f:
        return tomllib.load(f)


def _waktu(tanggal: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(tanggal, dt.time(10, 0)))


def _rencana(d: dict, pd: PerangkatDaerah, lokasi: list[Unit], tahun: int):
    """The small plan: one branch tujuan → sub kegiatan; PD-wide indicators on the sasaran, one
    indicator per kelurahan on the sub kegiatan with its pagu."""
    v = renstra.buat_versi(
        pengguna=SISTEM,
        pd=pd,
        nama=d["renstra"],
        jenis=RenstraVersi.Jenis.RENSTRA,
        tahun_mulai=2021,
        tahun_akhir=2026,
        tahun_rencana_awal=tahun,
        status=RenstraVersi.Status.DITETAPKAN,
    )
    tujuan = renstra.tambah_node(pengguna=SISTEM, versi=v, tingkat=T.TUJUAN, nama=d["tujuan"])
    sasaran = renstra.tambah_node(
        pengguna=SISTEM, versi=v, tingkat=T.SASARAN, nama=d["sasaran"], induk=tujuan
    )
    program = renstra.tambah_node(
        pengguna=SISTEM, versi=v, tingkat=T.PROGRAM, nama=d["program"], induk=sasaran, kode=d["kode_program"]
    )
    kegiatan = renstra.tambah_node(
        pengguna=SISTEM,
        versi=v,
        tingkat=T.KEGIATAN,
        nama=d["kegiatan"],
        induk=program,
        kode=d["kode_kegiatan"],
    )
    sub = renstra.tambah_node(
        pengguna=SISTEM,
        versi=v,
        tingkat=T.SUB_KEGIATAN,
        nama=d["sub_kegiatan"],
        induk=kegiatan,
        kode=d["kode_sub_kegiatan"],
    )
    ind_pd = []
    for nama, satuan, target, _tw in d["indikator_pd"]:
        ind = renstra.tambah_indikator(pengguna=SISTEM, node=sasaran, nama=nama, satuan=satuan)
        renstra.set_target(pengguna=SISTEM, indikator=ind, tahun=tahun, teks=target)
        ind_pd.append(ind)
    nama, satuan, target = d["indikator_lokasi"]
    ind_lok = renstra.tambah_indikator(pengguna=SISTEM, node=sub, nama=nama, satuan=satuan)
    for u in lokasi:
        renstra.set_target(pengguna=SISTEM, indikator=ind_lok, tahun=tahun, teks=str(target), lokasi=u)
        renstra.set_pagu(pengguna=SISTEM, node=sub, tahun=tahun, jumlah=Decimal(d["pagu_lokasi"]), lokasi=u)
    return v, sub, ind_pd, ind_lok


def _status(d: dict, unit: Unit, q: int) -> tuple[str, str] | None:
    for nama, tw, status, catatan in d["laporan_unit"]:
        if nama == unit.nama_pendek and tw == q:
            return status, catatan
    status = d["laporan"].get(str(q))
    return (status, "") if status else None


def _nilai(teks: str) -> dict:
    n = angka.baca(teks)
    return {"teks": n.teks, "jenis": n.jenis, "nilai": n.angka}


def _isi(d: dict, kantor: Unit, kelurahan: list[Unit], sub, ind_pd, ind_lok, tahun: int) -> dict[str, int]:
    real, rp, lap = [], [], []
    for ind, (_n, _s, _t, per_tw) in zip(ind_pd, d["indikator_pd"], strict=True):
        for q, teks in enumerate(per_tw, start=1):
            if teks:
                real.append(
                    Realisasi(
                        indikator=ind,
                        lokasi=None,
                        tahun=tahun,
                        triwulan=q,
                        sumber=Sumber.DEMO,
                        **_nilai(teks),
                    )
                )
    for u in kelurahan:
        for q, teks in enumerate(d["realisasi_lokasi"][u.nama_pendek], start=1):
            if not teks:
                continue
            real.append(
                Realisasi(
                    indikator=ind_lok, lokasi=u, tahun=tahun, triwulan=q, sumber=Sumber.DEMO, **_nilai(teks)
                )
            )
            bagian = Decimal(str(d["serapan"][q - 1]))
            if bagian:
                rp.append(
                    RealisasiAnggaran(
                        node=sub,
                        lokasi=u,
                        tahun=tahun,
                        triwulan=q,
                        jumlah=bulat(Decimal(d["pagu_lokasi"]) * bagian),
                        sumber=Sumber.DEMO,
                    )
                )
    for u in [kantor, *kelurahan]:
        for q in (1, 2, 3, 4):
            st = _status(d, u, q)
            if st is None:
                continue
            status, catatan = st
            tenggat = batas_laporan(tahun, q, u.pd.pemda.batas_hari_laporan)
            diajukan = _waktu(tenggat - dt.timedelta(days=3)) if status != Laporan.Status.DRAFT else None
            diperiksa = _waktu(tenggat) if status in ("diverifikasi", "dikembalikan") else None
            lap.append(
                Laporan(
                    unit=u,
                    tahun=tahun,
                    triwulan=q,
                    status=status,
                    catatan=catatan,
                    diajukan_pada=diajukan,
                    diperiksa_pada=diperiksa,
                )
            )
    Realisasi.objects.bulk_create(real)
    RealisasiAnggaran.objects.bulk_create(rp)
    Laporan.objects.bulk_create(lap)
    # Where the pemda approves in two levels, a quarter whose units are all verified waits for Bappeda,
    # submitted when its last unit was checked.
    for q in sorted({x.triwulan for x in lap}):
        p = persetujuan.ikuti_laporan(pengguna=SISTEM, pd=kantor.pd, tahun=tahun, triwulan=q)
        if p is not None and p.status == p.Status.MENUNGGU:
            type(p).objects.filter(pk=p.pk).update(
                diajukan_pada=max(x.diperiksa_pada for x in lap if x.triwulan == q and x.diperiksa_pada)
            )
    return {"realisasi": len(real), "realisasi anggaran": len(rp), "laporan": len(lap)}


def buat_kecamatan_demo(pemda: Pemda, d: dict, tahun: int) -> PerangkatDaerah:
    """One demonstration kecamatan (an entry ``[[pd]]`` of the data file) with its plan and year."""
    pd = wilayah.buat_pd(
        pengguna=SISTEM,
        pemda=pemda,
        isian={
            "nama": d["nama"],
            "slug": d["slug"],
            "jenis": "kecamatan",
            "kecamatan": d["kecamatan"],
            "kode_bidang": "7.01",
        },
        unit=d["kelurahan"],
    )
    unit = list(Unit.objects.filter(pd=pd).order_by("urutan"))
    kantor = next(u for u in unit if u.jenis == Unit.Jenis.KANTOR)
    kelurahan = [u for u in unit if u.jenis == Unit.Jenis.KELURAHAN]
    _v, sub, ind_pd, ind_lok = _rencana(d, pd, kelurahan, tahun)
    _isi(d, kantor, kelurahan, sub, ind_pd, ind_lok, tahun)
    return pd


def muat_kecamatan_demo(pemda: Pemda) -> list[PerangkatDaerah]:
    """Open the demonstration kecamatan in ``pemda`` (those already there are left as they are)."""
    data = baca_data()
    hasil = []
    for d in data["pd"]:
        lama = PerangkatDaerah.objects.filter(pemda=pemda, slug=d["slug"]).first()
        hasil.append(lama if lama is not None else buat_kecamatan_demo(pemda, d, data["tahun"]))
    return hasil
