"""Loading the Sananwetan sample: the whole Perubahan Renstra as data.

The files in ``kinerja/data/sananwetan`` transcribe the document table by table
(see their README).  This module turns them into the plan and keeps every printed
row as ``BarisCetak`` so the checker can compare print and data.

Where tables disagree, the plan takes each figure from the table that defines it:

* targets of tujuan and sasaran indicators: Tabel 4.1.1 (T-C.25) for the years it
  gives; the tujuan indicators' yearly values, which 4.1.1 does not give, from
  Tabel 6.1 (2022) and 6.2 (2023–2026);
* program, kegiatan and sub kegiatan indicators, targets and pagu: Tabel 6.1 for 2022
  and Tabel 6.2 for 2023–2026;
* kondisi awal: Tabel 6.2 (data awal 2020), else 6.1, else 7.1;
* Tabel 2.3.1, 7.1 and 7.2 only as printed.

A number split over two cells by the conversion ("60 0") is joined; a cell the
conversion made unreadable ("## ##") stays unreadable; nothing else is changed.

The pemda, PD, units, population, staff and assets are made here too: the document's chapter 2
tables are their source, and each printed row is kept. The demonstration data of the other apps
(services, surveys, complaints, realisations) is loaded on top by ``kinerja.demo.sampel``.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from kinerja.core import angka
from kinerja.core.audit import catat
from kinerja.core.pelaku import SISTEM
from kinerja.data import baca_csv_sampel, folder_sampel
from kinerja.renstra import nomenklatur as nmk
from kinerja.renstra import services
from kinerja.renstra.models import (
    RPJMD,
    AnggaranPelayanan,
    ArahKebijakan,
    BarisCetak,
    Indikator,
    IsuStrategis,
    KinerjaPelayanan,
    KinerjaPelayananTahun,
    KondisiAwal,
    Misi,
    Naskah,
    Nomenklatur,
    Pagu,
    Permasalahan,
    PlanNode,
    RenstraVersi,
    Strategi,
    SumberDokumen,
    Target,
)
from kinerja.renstra.periksa import periksa_skema
from kinerja.sumberdaya.models import Aset, RekapPegawai
from kinerja.wilayah.models import Kecamatan, Pemda, Penduduk, PerangkatDaerah, Unit

T = PlanNode.Tingkat
TINGKAT_DARI_TEKS = {
    "tujuan": T.TUJUAN,
    "sasaran": T.SASARAN,
    "program": T.PROGRAM,
    "kegiatan": T.KEGIATAN,
    "sub_kegiatan": T.SUB_KEGIATAN,
}
TAHUN_6_2 = (2023, 2024, 2025, 2026)
_NOMOR_DAFTAR = re.compile(r"^\s*\d+[.)]\s+")
_SEL_TERBELAH = re.compile(r"^(\d+) (\d+)$")


_folder = folder_sampel
baca_csv = baca_csv_sampel


def baca_toml() -> dict:
    with _folder().joinpath("dokumen.toml").open("rb") as f:
        return tomllib.load(f)


def tanpa_nomor(teks: str) -> str:
    """'1. Persentase …' → 'Persentase …': a list number is not part of a name."""
    return _NOMOR_DAFTAR.sub("", teks or "").strip()


def gabung_sel_terbelah(teks: str) -> tuple[str, bool]:
    """'60 0' (one number split over two cells by the conversion) → '600'."""
    m = _SEL_TERBELAH.match(teks or "")
    if m:
        return m.group(1) + m.group(2), True
    return teks, False


@dataclass
class _Pemuat:
    """The loader's state (what is made so far, looked up by the later tables) and the helpers every
    step uses; the steps themselves are the functions after the class, run in order by ``jalankan``."""

    toml: dict
    pd: PerangkatDaerah | None = None
    versi: RenstraVersi | None = None
    sumber: SumberDokumen | None = None
    lokasi: dict[str, Unit] = field(default_factory=dict)
    node_kunci: dict[str, PlanNode] = field(default_factory=dict)  # "T1", "S1.1", program/kegiatan/sub code
    alias_node: dict[str, str] = field(default_factory=dict)  # kunci_nama → "T1"/"S1.1"
    peta: dict[tuple[str, str], str] = field(default_factory=dict)  # (tingkat, printed name) → code
    nama_kode: dict[str, str] = field(default_factory=dict)  # code → the name the plan uses
    nomenklatur: dict[str, Nomenklatur] = field(default_factory=dict)
    ukuran_nama: dict[str, str] = field(default_factory=dict)  # kunci_nama → ukuran key
    ukuran_aturan: dict[str, dict] = field(default_factory=dict)
    ukuran_node: dict[str, str] = field(default_factory=dict)  # ukuran → "T1"/"S1.1" from 4.1.1
    agregasi: dict[str, str] = field(default_factory=dict)
    indikator: dict[tuple[int, str], Indikator] = field(default_factory=dict)
    target_dari_4_1_1: set[tuple[int, int]] = field(default_factory=set)
    target_ada: set[tuple[int, int | None, int]] = field(default_factory=set)
    pagu_ada: set[tuple[int, int | None, int]] = field(default_factory=set)
    awal_ada: set[tuple[int, int | None]] = field(default_factory=set)
    urutan_node: int = 0
    cetak: list[BarisCetak] = field(default_factory=list)
    urutan_cetak: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    hitung: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    # --- helpers -------------------------------------------------------------

    def catat_cetak(
        self, tabel: str, r: dict, *, kolom_lain=("baris", "baris_lain", "catatan"), **kw
    ) -> None:
        self.urutan_cetak[tabel] += 1
        sel = {k: v for k, v in r.items() if k not in kolom_lain}
        periksa_skema(tabel, sel)
        self.cetak.append(
            services.baris_cetak(
                sumber=self.sumber,
                tabel=tabel,
                urutan=self.urutan_cetak[tabel],
                baris=int(r["baris"]),
                baris_lain=r.get("baris_lain", ""),
                sel=sel,
                catatan=r.get("catatan", ""),
                **kw,
            )
        )

    def lokasi_dari(self, nama: str) -> Unit | None:
        return self.lokasi.get(nama) if nama else None

    def node_baru(self, *, tingkat: int, nama: str, induk: PlanNode | None, **kw) -> PlanNode:
        self.urutan_node += 1
        return PlanNode.objects.create(
            versi=self.versi,
            tingkat=tingkat,
            nama=" ".join(nama.split()),
            induk=induk,
            urutan=self.urutan_node,
            **kw,
        )

    def node_kode(self, kode: str, nama_cetak: str) -> PlanNode:
        """The program/kegiatan/sub kegiatan with this code, created with its parents."""
        if kode in self.node_kunci:
            return self.node_kunci[kode]
        tingkat = TINGKAT_DARI_TEKS[nmk.tingkat_dari_kode(kode)]
        if tingkat == T.PROGRAM:
            induk = self.node_kunci[self.toml["program_sasaran"][kode]]
        else:
            kode_induk = nmk.kode_induk(kode)
            induk = self.node_kunci.get(kode_induk) or self.node_kode(
                kode_induk, self.nama_untuk_kode(kode_induk)
            )
        nasional = self.nomenklatur.get(nmk.kode_nasional(kode, self.pd.kode_bidang))
        nama = self.nama_kode.get(kode, nama_cetak)
        node = self.node_baru(tingkat=tingkat, nama=nama, induk=induk, kode=kode, nomenklatur=nasional)
        self.node_kunci[kode] = node
        return node

    def nama_untuk_kode(self, kode: str) -> str:
        """The name the plan uses for a code: as Tabel 6.2 prints it, else 6.1, else the list's."""
        if kode in self.nama_kode:
            return self.nama_kode[kode]
        return self.nomenklatur[nmk.kode_nasional(kode, self.pd.kode_bidang)].nama

    def node_baris(self, tingkat_teks: str, nama: str) -> PlanNode:
        if tingkat_teks in ("tujuan", "sasaran"):
            return self.node_kunci[self.alias_node[nmk.kunci_nama(nama)]]
        kode = self.peta[(tingkat_teks, nama)]
        return self.node_kode(kode, nama)

    def ukuran_dari(self, nama: str) -> str:
        return self.ukuran_nama.get(nmk.kunci_nama(tanpa_nomor(nama)), "")

    def indikator_untuk(
        self, node: PlanNode, nama: str, *, definisi: str = "", satuan: str = "", contoh_target: str = ""
    ) -> Indikator:
        nama_bersih = tanpa_nomor(nama)
        ukuran = self.ukuran_dari(nama_bersih)
        kunci = (node.pk, ukuran or nmk.kunci_nama(nama_bersih))
        ind = self.indikator.get(kunci)
        if ind is not None:
            berubah = []
            if definisi and not ind.definisi:
                ind.definisi = definisi
                berubah.append("definisi")
            if satuan and not ind.satuan:
                ind.satuan = satuan
                berubah.append("satuan")
                if not ukuran:
                    ind.jenis_nilai, agregasi = services.aturan_bawaan(satuan=satuan)
                    ind.agregasi_akhir = self.agregasi.get(nmk.kunci_nama(nama_bersih), agregasi)
                    berubah += ["jenis_nilai", "agregasi_akhir"]
            if berubah:
                ind.save(update_fields=berubah)
            return ind
        aturan = self.ukuran_aturan.get(ukuran, {})
        if not satuan:
            satuan = aturan.get("satuan") or _satuan_dari_target(contoh_target)
        jenis_nilai, agregasi = services.aturan_bawaan(satuan=satuan, jenis_nilai=aturan.get("jenis_nilai"))
        ind = Indikator.objects.create(
            node=node,
            urutan=node.indikator_set.count() + 1,
            nama=nama_bersih,
            definisi=definisi,
            satuan=satuan,
            jenis_nilai=jenis_nilai,
            skala=aturan.get("skala", ""),
            agregasi_akhir=self.agregasi.get(nmk.kunci_nama(nama_bersih), agregasi),
            ukuran=ukuran,
            sumber_data=aturan.get("sumber_data", Indikator.SumberData.MANUAL),
        )
        self.indikator[kunci] = ind
        self.hitung["indikator"] += 1
        return ind

    def target(self, ind: Indikator, lokasi: Unit | None, tahun: int, teks: str, baris: int) -> None:
        if not teks:
            return
        kunci = (ind.pk, lokasi.pk if lokasi else None, tahun)
        if kunci in self.target_ada or (lokasi is None and (ind.pk, tahun) in self.target_dari_4_1_1):
            return  # an earlier row (or Tabel 4.1.1) already gives it; the print stays on record
        self.target_ada.add(kunci)
        Target.objects.create(
            indikator=ind, lokasi=lokasi, tahun=tahun, sumber_baris=baris, **services.nilai_target(teks)
        )
        self.hitung["target"] += 1

    def pagu(self, node: PlanNode, lokasi: Unit | None, tahun: int, teks: str, baris: int) -> None:
        nilai = angka.baca(teks, bulat=True)
        if nilai.jenis == angka.KOSONG:
            return
        if nilai.jenis == angka.STRIP:
            jumlah = Decimal(0)
        elif nilai.angka is not None and not nilai.terpotong:
            jumlah = nilai.angka
        else:
            return  # unreadable or cut short: on record only, the checker reports it
        kunci = (node.pk, lokasi.pk if lokasi else None, tahun)
        if kunci in self.pagu_ada:
            return
        self.pagu_ada.add(kunci)
        Pagu.objects.create(node=node, lokasi=lokasi, tahun=tahun, jumlah=jumlah, sumber_baris=baris)
        self.hitung["pagu"] += 1

    def kondisi_awal(
        self, ind: Indikator, lokasi: Unit | None, teks: str, baris: int, *, timpa: bool
    ) -> None:
        if not teks:
            return
        kunci = (ind.pk, lokasi.pk if lokasi else None)
        if kunci in self.awal_ada and not timpa:
            return
        self.awal_ada.add(kunci)
        KondisiAwal.objects.update_or_create(
            indikator=ind,
            lokasi=lokasi,
            defaults={
                **services.nilai_target(teks),
                "tahun": self.versi.tahun_kondisi_awal,
                "sumber_baris": baris,
            },
        )


# --- the steps: one function per part of the document, each given the loader's state --------------


def jalankan(pm: _Pemuat) -> None:
    """Every step in order: each table may look up what an earlier one made."""
    wilayah(pm)
    rencana_dasar(pm)
    tujuan_sasaran(pm)
    tabel_4_1_1(pm)
    tabel_5_1_1(pm)
    tabel_6_1(pm)
    tabel_6_2(pm)
    tabel_7(pm)
    tabel_2_3(pm)
    bab_3(pm)
    urutkan_node(pm)
    Indikator.objects.filter(node__versi=pm.versi, agregasi_akhir=Indikator.Agregasi.JUMLAH).update(
        agregasi_triwulan=services.agregasi_triwulan_bawaan(Indikator.Agregasi.JUMLAH)
    )
    BarisCetak.objects.bulk_create(pm.cetak, batch_size=500)
    pm.hitung["baris tercetak"] = len(pm.cetak)


def urutkan_node(pm: _Pemuat) -> None:
    """Order the tree as the nomenclature does: tujuan, sasaran as defined, then by code."""
    anak = defaultdict(list)
    semua = list(pm.versi.node_set.all())
    for n in semua:
        anak[n.induk_id].append(n)
    urutan = []

    def kunjungi(induk_id):
        for n in sorted(anak[induk_id], key=lambda n: (n.tingkat, _kunci_kode(n.kode), n.urutan)):
            urutan.append(n)
            kunjungi(n.pk)

    kunjungi(None)
    for i, n in enumerate(urutan, start=1):
        n.urutan = i
    PlanNode.objects.bulk_update(urutan, ["urutan"])


def wilayah(pm: _Pemuat) -> None:
    t = pm.toml
    pemda = Pemda.objects.create(
        kode=t["pemda"]["kode"],
        nama=t["pemda"]["nama"],
        jenis=t["pemda"]["jenis"],
        provinsi=t["pemda"]["provinsi"],
        slug=t["pemda"]["slug"],
        kepala_jabatan=t["pemda"].get("kepala_jabatan", ""),
    )
    kec = {n: Kecamatan.objects.create(pemda=pemda, nama=n) for n in t["pemda"]["kecamatan"]}
    p = t["pd"]
    pm.pd = PerangkatDaerah.objects.create(
        pemda=pemda,
        nama=p["nama"],
        singkatan=p["singkatan"],
        slug=p["slug"],
        kode_bidang=p["kode_bidang"],
        kecamatan=kec[p["kecamatan"]],
        alamat_web=p["alamat_web"],
    )
    units: dict[str, Unit] = {}
    kantor = None
    for i, u in enumerate(t["unit"], start=1):
        induk = units.get(u.get("induk", "")) or kantor
        unit = Unit.objects.create(
            pd=pm.pd,
            jenis=u["jenis"],
            nama=u["nama"],
            nama_pendek=u["nama_pendek"],
            urutan=i,
            induk=None if u["jenis"] == "kantor" else induk,
        )
        units[u["nama"]] = unit
        if u["jenis"] == "kantor":
            kantor = unit
        if unit.adalah_lokasi:
            pm.lokasi[u["nama_pendek"]] = unit
    pm.hitung["lokasi"] = len(pm.lokasi)


def _pimpinan(pm: _Pemuat, teks: dict[str, list]) -> None:
    """The Camat who signed the document leads the PD (and signs its Perjanjian Kinerja)."""
    if not teks["penandatangan_nama"]:
        return
    pm.pd.pimpinan_nama = teks["penandatangan_nama"][0]["teks"]
    pm.pd.pimpinan_jabatan = " ".join(teks["penandatangan_jabatan"][0]["teks"].title().split())
    pm.pd.pimpinan_pangkat = (
        teks["penandatangan_pangkat"][0]["teks"].rstrip(".") if teks["penandatangan_pangkat"] else ""
    )
    # The Camat's NIP is printed under his signature (source line 1911: "NIP. 19730304 199311 1 002").
    pm.pd.pimpinan_nip = teks["penandatangan_nip"][0]["teks"] if teks["penandatangan_nip"] else ""
    pm.pd.save(update_fields=["pimpinan_nama", "pimpinan_jabatan", "pimpinan_pangkat", "pimpinan_nip"])


# Items of the narrative that identify a person beyond name and office: read into the PD's
# record (its head's NIP, for the Perjanjian Kinerja) but not kept among the document's text.
PRIBADI = {"penandatangan_nip"}


def rencana_dasar(pm: _Pemuat) -> None:
    t = pm.toml
    naskah = baca_csv("naskah.csv")
    teks = defaultdict(list)
    for r in naskah:
        teks[r["kunci"]].append(r)
    rp = t["rpjmd"]
    rpjmd = RPJMD.objects.create(
        pemda=pm.pd.pemda,
        tahun_mulai=rp["tahun_mulai"],
        tahun_akhir=rp["tahun_akhir"],
        visi=teks["visi"][0]["teks"],
        dasar_hukum=rp["dasar_hukum"],
    )
    for r in teks["misi"]:
        Misi.objects.create(rpjmd=rpjmd, nomor=int(r["urutan"]), teks=r["teks"].rstrip(", "))
    rs = t["renstra"]
    penandatangan = ", ".join(
        x[0]["teks"] for x in (teks["penandatangan_nama"], teks["penandatangan_jabatan"]) if x
    )
    pm.versi = services.buat_versi(
        pd=pm.pd,
        nama=rs["nama"],
        jenis=rs["jenis"],
        tahun_mulai=rs["tahun_mulai"],
        tahun_akhir=rs["tahun_akhir"],
        tahun_rencana_awal=rs["tahun_rencana_awal"],
        tahun_kondisi_awal=rs["tahun_kondisi_awal"],
        status=rs["status"],
        rpjmd=rpjmd,
        laju_pagu=Decimal(rs["laju_pagu"]),
        laju_pagu_mulai=rs["laju_pagu_mulai"],
        dasar_hukum=teks["dasar_hukum_penetapan"][0]["teks"],
        tanggal_dokumen=rs["tanggal_dokumen"],
        penandatangan=penandatangan,
        pengguna=SISTEM,
    )
    _pimpinan(pm, teks)
    s = t["sumber"]
    pm.sumber = services.buat_sumber(
        versi=pm.versi,
        jenis=SumberDokumen.Jenis.TEKS,
        judul=s["judul"],
        nama_berkas=s["berkas"],
        sha256=s["sha256"],
        pengguna=SISTEM,
    )
    Naskah.objects.bulk_create(
        Naskah(
            versi=pm.versi,
            kunci=r["kunci"],
            urutan=int(r["urutan"]),
            teks=r["teks"],
            sumber_baris=int(r["baris"]),
        )
        for r in naskah
        if r["kunci"] not in PRIBADI
    )
    for r in naskah:
        if r["kunci"] not in PRIBADI:
            pm.catat_cetak("naskah", r)
    pm.nomenklatur = {
        e.kode: e for e in Nomenklatur.objects.filter(revisi=nmk.REVISI, jenis_pemda=pm.pd.pemda.jenis_pemda)
    }
    pm.peta = {(r["tingkat"], r["nama_cetak"]): r["kode"] for r in baca_csv("peta_nomenklatur.csv")}
    for tabel in ("tabel_6_2.csv", "tabel_6_1.csv"):
        for r in baca_csv(tabel):
            if r["nama"] and r["tingkat"] not in ("tujuan", "sasaran"):
                pm.nama_kode.setdefault(pm.peta[(r["tingkat"], r["nama"])], " ".join(r["nama"].split()))
    for u in t["ukuran"]:
        pm.ukuran_aturan[u["kunci"]] = u
        for nama in u["nama"]:
            pm.ukuran_nama[nmk.kunci_nama(nama)] = u["kunci"]
    pm.agregasi = {nmk.kunci_nama(a["indikator"]): a["agregasi_akhir"] for a in t.get("agregasi", [])}
    wilayah_dan_sumberdaya(pm, teks)


def wilayah_dan_sumberdaya(pm: _Pemuat, teks) -> None:
    tw = pm.toml["wilayah"]
    for r in baca_csv("tabel_2_1.csv"):
        unit = pm.lokasi[r["kelurahan"]]
        unit.luas_km2 = angka.baca(r["luas"]).angka
        unit.save(update_fields=["luas_km2"])
        Penduduk.objects.create(
            unit=unit,
            tahun=tw["tahun_penduduk"],
            laki_laki=_bulat_pasti(r["laki_laki"]),
            perempuan=_bulat_pasti(r["perempuan"]),
            jumlah=_bulat_pasti(r["jumlah"]),
            sumber=tw["sumber_penduduk"],
            tanggal=tw.get("tanggal_penduduk"),
        )
        pm.catat_cetak("2.1", r, lokasi=unit, tingkat="kelurahan")
    ringkas = teks["ringkasan_wilayah"][0]
    pm.catat_cetak(
        "2.1",
        {"baris": ringkas["baris"], **ringkasan_wilayah(ringkas["teks"])},
        tingkat="ringkasan",
        lokasi=pm.lokasi["Kecamatan"],
    )
    for r in baca_csv("tabel_2_2_pegawai.csv"):
        if r["total"] != "1":
            RekapPegawai.objects.create(
                pd=pm.pd,
                keadaan=tw["keadaan_pegawai"],
                kelompok=r["kelompok"],
                urutan=int(r["no"]),
                uraian=r["uraian"],
                jumlah=int(angka.baca(r["jumlah"]).angka),
            )
        pm.catat_cetak("2.2", r, tingkat="jumlah" if r["total"] == "1" else "rincian")
    kolom = [
        "kecamatan",
        "gedog",
        "bendogerit",
        "sananwetan",
        "karangtengah",
        "plosokerep",
        "klampok",
        "rembang",
    ]
    unit_kolom = {k: pm.lokasi["Kecamatan" if k == "kecamatan" else k.capitalize()] for k in kolom}
    induk_barang = ""
    for i, r in enumerate(baca_csv("tabel_2_2_sarpras.csv"), start=1):
        if r["no"]:
            induk_barang = r["jenis_barang"]
        jenis = r["jenis_barang"] if r["no"] else f"{induk_barang} – {r['jenis_barang']}"
        for k in kolom:
            if r[k]:
                Aset.objects.create(unit=unit_kolom[k], urutan=i, jenis_barang=jenis, **baca_aset(r[k]))
                pm.hitung["aset"] += 1
        pm.catat_cetak("2.2-sarpras", r)


def tujuan_sasaran(pm: _Pemuat) -> None:
    t = pm.toml
    misi = {m.nomor: m for m in pm.versi.rpjmd.misi_set.all()}
    kantor = pm.lokasi["Kecamatan"]
    for tj in t["tujuan"]:
        node = pm.node_baru(
            tingkat=T.TUJUAN, nama=tj["nama"], induk=None, misi=misi.get(tj["misi"]), unit_kerja=kantor
        )
        pm.node_kunci[tj["kunci"]] = node
        for nama in [tj["nama"], *tj["ejaan_lain"]]:
            pm.alias_node[nmk.kunci_nama(nama)] = tj["kunci"]
    for ss in t["sasaran"]:
        node = pm.node_baru(tingkat=T.SASARAN, nama=ss["nama"], induk=pm.node_kunci[ss["tujuan"]])
        pm.node_kunci[ss["kunci"]] = node
        for nama in [ss["nama"], *ss["ejaan_lain"]]:
            pm.alias_node[nmk.kunci_nama(nama)] = ss["kunci"]


def tabel_4_1_1(pm: _Pemuat) -> None:
    tujuan = None
    for r in baca_csv("tabel_4_1_1.csv"):
        baris = int(r["baris"])
        if r["tujuan"]:
            tujuan = pm.node_kunci[pm.alias_node[nmk.kunci_nama(r["tujuan"])]]
            ind = pm.indikator_untuk(tujuan, r["indikator_tujuan"], definisi=r["formulasi_tujuan"])
            pm.ukuran_node[ind.ukuran] = pm.alias_node[nmk.kunci_nama(r["tujuan"])]
            pm.catat_cetak(
                "4.1.1",
                {
                    k: r[k]
                    for k in (
                        "baris",
                        "no",
                        "tujuan",
                        "indikator_tujuan",
                        "formulasi_tujuan",
                        "target_tujuan",
                    )
                },
                tingkat="tujuan",
                node=tujuan,
                indikator=ind,
            )
        kunci_s = pm.alias_node[nmk.kunci_nama(r["sasaran"])]
        sasaran = pm.node_kunci[kunci_s]
        ind = pm.indikator_untuk(
            sasaran, r["indikator_sasaran"], definisi=r["formulasi_sasaran"], contoh_target=r["t_2022"]
        )
        pm.ukuran_node[ind.ukuran] = kunci_s
        for tahun in range(2022, 2027):
            pm.target(ind, None, tahun, r[f"t_{tahun}"], baris)
            pm.target_dari_4_1_1.add((ind.pk, tahun))
        pm.catat_cetak(
            "4.1.1",
            {
                k: r[k]
                for k in (
                    "baris",
                    "sasaran",
                    "indikator_sasaran",
                    "formulasi_sasaran",
                    *[f"t_{y}" for y in range(2022, 2027)],
                )
            },
            tingkat="sasaran",
            node=sasaran,
            indikator=ind,
        )


def tabel_5_1_1(pm: _Pemuat) -> None:
    for r in baca_csv("tabel_5_1_1.csv"):
        sasaran = pm.node_kunci[pm.alias_node[nmk.kunci_nama(r["sasaran"])]]
        strategi = Strategi.objects.create(sasaran=sasaran, urutan=1, teks=r["strategi"])
        for i, teks in enumerate(pisah_butir(r["kebijakan"]), start=1):
            ArahKebijakan.objects.create(strategi=strategi, urutan=i, teks=teks)
        pm.catat_cetak("5.1.1", r, tingkat="sasaran", node=sasaran)


def _node_untuk(pm: _Pemuat, r: dict, sekarang: dict[int, PlanNode]) -> PlanNode | None:
    tingkat = TINGKAT_DARI_TEKS[r["tingkat"]]
    if r["nama"]:
        node = pm.node_baris(r["tingkat"], r["nama"])
    elif tingkat <= T.SASARAN and pm.ukuran_dari(r["indikator"]) in pm.ukuran_node:
        # an indicator printed apart from its tujuan/sasaran name (6.1 line 1202)
        node = pm.node_kunci[pm.ukuran_node[pm.ukuran_dari(r["indikator"])]]
    else:
        return sekarang.get(tingkat)
    sekarang[tingkat] = node
    for lebih_dalam in range(tingkat + 1, T.SUB_KEGIATAN + 1):
        sekarang.pop(lebih_dalam, None)
    return node


def tabel_6_1(pm: _Pemuat) -> None:
    sekarang: dict[int, PlanNode] = {}
    for r in baca_csv("tabel_6_1.csv"):
        baris = int(r["baris"])
        node = _node_untuk(pm, r, sekarang)
        lokasi = pm.lokasi_dari(r["lokasi"]) if node.tingkat == T.SUB_KEGIATAN else None
        ind = None
        if r["indikator"]:
            ind = pm.indikator_untuk(
                node, r["indikator"], definisi=r["formulasi"], contoh_target=r["target"] or r["data_awal"]
            )
            pm.kondisi_awal(ind, lokasi, r["data_awal"], baris, timpa=False)
            pm.target(ind, lokasi, 2022, r["target"], baris)
        if node.tingkat == T.SUB_KEGIATAN and r["anggaran"]:
            pm.pagu(node, lokasi, 2022, r["anggaran"], int(r["anggaran_baris"] or baris))
        pm.catat_cetak(
            "6.1",
            {**r, "tahun": str(pm.versi.tahun_rencana_awal)},
            tingkat=r["tingkat"],
            node=node,
            indikator=ind,
            lokasi=lokasi,
        )


def tabel_6_2(pm: _Pemuat) -> None:
    sekarang: dict[int, PlanNode] = {}
    for r in baca_csv("tabel_6_2.csv"):
        baris = int(r["baris"])
        node = _node_untuk(pm, r, sekarang)
        lokasi = pm.lokasi_dari(r["lokasi"]) if node.tingkat == T.SUB_KEGIATAN else None
        ind = pm.indikator_untuk(node, r["indikator"], definisi=r["formulasi"], satuan=r["satuan"])
        pm.kondisi_awal(ind, lokasi, r["data_awal"], baris, timpa=True)
        for tahun in TAHUN_6_2:
            teks, _ = gabung_sel_terbelah(r[f"k_{tahun}"])
            pm.target(ind, lokasi, tahun, teks, baris)
            if node.tingkat == T.SUB_KEGIATAN:
                pm.pagu(node, lokasi, tahun, r[f"rp_{tahun}"], baris)
        if r["unit_kerja"] and node.unit_kerja_id is None:
            node.unit_kerja = pm.lokasi["Kecamatan"] if r["unit_kerja"] == pm.pd.nama else None
            node.save(update_fields=["unit_kerja"])
        pm.catat_cetak("6.2", r, tingkat=r["tingkat"], node=node, indikator=ind, lokasi=lokasi)


def _indikator_ukuran(pm: _Pemuat, nama: str) -> Indikator | None:
    """The tujuan/sasaran indicator measuring what this printed name measures."""
    ukuran = pm.ukuran_dari(nama)
    if ukuran not in pm.ukuran_node:
        return None
    node = pm.node_kunci[pm.ukuran_node[ukuran]]
    return pm.indikator.get((node.pk, ukuran))


def tabel_7(pm: _Pemuat) -> None:
    for r in baca_csv("tabel_7_1.csv"):
        ind = _indikator_ukuran(pm, r["indikator"])
        if ind is not None:
            ind.rpjmd = True
            ind.save(update_fields=["rpjmd"])
            pm.kondisi_awal(ind, None, r["kondisi_awal"], int(r["baris"]), timpa=False)
        pm.catat_cetak("7.1", r, node=ind.node if ind else None, indikator=ind)
    for r in baca_csv("tabel_7_2.csv"):
        ind = _indikator_ukuran(pm, r["indikator"])
        if ind is not None:
            ind.iku = True
            ind.save(update_fields=["iku"])
        pm.catat_cetak("7.2", r, node=ind.node if ind else None, indikator=ind)


def tabel_2_3(pm: _Pemuat) -> None:
    kelompok = {
        r["urutan"]: r["teks"] for r in baca_csv("naskah.csv") if r["kunci"] == "tabel_2_3_1_kelompok"
    }
    romawi = {"I": "1", "II": "2"}
    for i, r in enumerate(baca_csv("tabel_2_3_1.csv"), start=1):
        ind = _indikator_ukuran(pm, r["indikator"])
        kp = KinerjaPelayanan.objects.create(
            versi=pm.versi,
            urutan=i,
            kelompok=kelompok[romawi[r["kelompok"]]],
            nomor=int(r["no"]),
            indikator_teks=r["indikator"],
            indikator=ind,
            target_spm=r["target_spm"],
            target_ikk=r["target_ikk"],
            target_lainnya=r["target_lainnya"],
        )
        for tahun in range(2017, 2022):
            KinerjaPelayananTahun.objects.create(
                baris=kp, tahun=tahun, target=r[f"target_{tahun}"], realisasi=r[f"realisasi_{tahun}"]
            )
        pm.catat_cetak("2.3.1", r, indikator=ind)
    for i, r in enumerate(baca_csv("tabel_2_3_2.csv"), start=1):
        komponen = r["uraian"].lower().startswith("belanja ") and any(
            r[f"anggaran_{y}"] for y in range(2016, 2021)
        )
        if komponen:
            for tahun in range(2016, 2021):
                AnggaranPelayanan.objects.create(
                    versi=pm.versi,
                    urutan=i,
                    uraian=r["uraian"],
                    tahun=tahun,
                    anggaran=angka.baca(r[f"anggaran_{tahun}"], bulat=True).angka,
                    realisasi=angka.baca(r[f"realisasi_{tahun}"], bulat=True).angka,
                )
        tingkat = (
            "komponen" if komponen else ("jumlah" if r["uraian"].lower().startswith("jumlah") else "judul")
        )
        pm.catat_cetak("2.3.2", r, tingkat=tingkat)


def bab_3(pm: _Pemuat) -> None:
    for r in baca_csv("tabel_3_1.csv"):
        Permasalahan.objects.create(
            versi=pm.versi,
            nomor=int(r["no"]),
            masalah_pokok=r["masalah_pokok"],
            masalah=r["masalah"],
            akar_masalah=r["akar_masalah"],
        )
        pm.catat_cetak("3.1", r)
    for r in baca_csv("tabel_3_3.csv"):
        pm.catat_cetak("3.3", r)
    for r in (r for r in baca_csv("naskah.csv") if r["kunci"] == "isu_strategis"):
        IsuStrategis.objects.create(versi=pm.versi, nomor=int(r["urutan"]), teks=tanpa_nomor(r["teks"]))


def _kunci_kode(kode: str) -> tuple:
    return tuple(int(x) if x.isdigit() else 0 for x in kode.split(".")) if kode else ()


def _satuan_dari_target(teks: str) -> str:
    n = angka.baca(teks)
    if n.jenis == angka.PERSEN:
        return "%"
    if n.jenis == angka.LABEL:
        return "Indeks"
    return n.satuan or ""


def _bulat_pasti(teks: str) -> int | None:
    """A whole number only when the print gives it completely."""
    n = angka.baca(teks, bulat=True)
    if n.angka is None or n.terpotong:
        return None
    return int(n.angka)


_RE_LUAS = re.compile(r"luas wilayah\s+([\d.,]+)\s*km")
_RE_PENDUDUK = re.compile(r"jumlah penduduk\s+([\d.,]+)\s*jiwa")
_RE_KEPADATAN = re.compile(r"kepadatan penduduk\s+([\d.,]+)\s*jiwa")


def ringkasan_wilayah(teks: str) -> dict[str, str]:
    """The area, population and density the narrative of BAB II states (line 170)."""
    hasil = {}
    for kunci, pola in (("luas", _RE_LUAS), ("penduduk", _RE_PENDUDUK), ("kepadatan", _RE_KEPADATAN)):
        m = pola.search(teks)
        if m:
            hasil[kunci] = m.group(1).rstrip(".,")
    return hasil


_RE_ASET = re.compile(
    r"^(?P<jumlah>[\d.,]+)\s*(?P<satuan>[A-Za-z][A-Za-z0-9]*)?\s*(?:\((?P<kondisi>[^)]*)\))?$"
)
_RE_RUSAK = re.compile(r"^(?:(?P<n>\d+)\s*)?rusak(?:\s+(?P<ket>.+))?$", re.IGNORECASE)


def baca_aset(teks: str) -> dict:
    """'7 unit (1rusak)' → 7 unit, 1 damaged; '1 unit (rusak)' → all damaged."""
    hasil = {"teks": teks, "jumlah": None, "satuan": "", "rusak": 0, "keterangan_kondisi": ""}
    m = _RE_ASET.match(" ".join(teks.split()))
    if not m:
        hasil["keterangan_kondisi"] = "tidak terbaca"
        return hasil
    jumlah = angka.baca(m.group("jumlah"), bulat=True).angka
    hasil["jumlah"] = jumlah
    hasil["satuan"] = m.group("satuan") or ""
    kondisi = (m.group("kondisi") or "").strip()
    if kondisi:
        r = _RE_RUSAK.match(kondisi)
        if r:
            hasil["rusak"] = int(r.group("n")) if r.group("n") else int(jumlah or 0)
            hasil["keterangan_kondisi"] = ("rusak " + r.group("ket")) if r.group("ket") else "rusak"
        else:
            hasil["keterangan_kondisi"] = kondisi
    return hasil


def pisah_butir(teks: str) -> list[str]:
    """'-A -B' or '- A - B' → ['A', 'B']; a text without bullets is one item."""
    if not teks.lstrip().startswith("-"):
        return [teks.strip()] if teks.strip() else []
    return [b.strip() for b in re.split(r"(?:^|\s)-\s*", teks) if b.strip()]


def hapus_data() -> None:
    """Remove every pemda with everything scoped to it (the nomenclature stays).

    Their audit entries go too: only this explicit reload may lift the audit table's protection.
    """
    from kinerja.core.audit import izinkan_hapus_audit
    from kinerja.core.models import CatatanAudit

    if not Pemda.objects.exists():
        return
    with izinkan_hapus_audit():
        CatatanAudit.objects.filter(pd__pemda__in=Pemda.objects.all()).delete()
        for pemda in Pemda.objects.all():
            pemda.delete()


@transaction.atomic
def muat_renstra(*, pengguna=None) -> _Pemuat:
    """Replace the database's plans with the Sananwetan plan (the other apps' sample data is loaded
    on top of it by ``kinerja.demo.sampel.muat_sampel``); returns the loader with its counts."""
    hapus_data()
    nmk.muat_nomenklatur()
    pemuat = _Pemuat(toml=baca_toml())
    jalankan(pemuat)
    pemuat.hitung["unsur rencana"] = pemuat.versi.node_set.count()
    catat(
        aksi="muat_sampel",
        objek=pemuat.versi,
        pengguna=pengguna or SISTEM,
        alasan="Data contoh Perubahan Renstra Kecamatan Sananwetan 2021–2026",
        pd=pemuat.pd,
    )
    return pemuat
