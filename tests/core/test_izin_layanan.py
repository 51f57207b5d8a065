"""Every service that reads or writes scoped data checks its actor itself.

Each public function of the service modules is listed here: either in ``KASUS`` (called with
an actor outside its scope, it refuses and writes nothing; called with ``pengguna=None``, it
raises), in ``TERBUKA`` (open to anyone, but the actor is still required), or in ``BEBAS``
with the reason it needs no actor. A new public function in these modules that is in none of
the three tables fails ``test_setiap_fungsi_layanan_terdaftar``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from kinerja.core.models import AsalPengguna, CatatanAudit, Peran, Undangan
from kinerja.core.pelaku import PUBLIK, SISTEM
from kinerja.layanan import services as layanan
from kinerja.layanan.models import HariLibur, JenisLayanan, Pelayanan
from kinerja.lkjip import services as lkjip
from kinerja.monev import alur, persetujuan, pk
from kinerja.monev import services as monev
from kinerja.pengaduan import services as pengaduan
from kinerja.pengaduan.models import Kategori, Pengaduan
from kinerja.pengingat import services as pengingat
from kinerja.renstra import anggaran as ag
from kinerja.renstra import anggaran_buku, salin, tanda
from kinerja.renstra import services as renstra
from kinerja.renstra.ekspor import ekspor
from kinerja.renstra.impor import pratinjau, simpan
from kinerja.renstra.models import Indikator, PlanNode, RenstraVersi
from kinerja.renstra.selectors import muat_rencana
from kinerja.risiko import services as risiko
from kinerja.risiko.models import Risiko
from kinerja.rtkeren import services as rtkeren
from kinerja.rtkeren.models import Berkas as BerkasRt
from kinerja.rtkeren.models import KegiatanRt, Musrenbang, RembugWarga, Usulan
from kinerja.sakip import services as sakip
from kinerja.sakip.models import Evaluasi as EvaluasiSakip
from kinerja.skm import services as skm
from kinerja.skm.models import Kios
from kinerja.sumberdaya import services as sdm
from kinerja.sumberdaya.models import Aset, Pegawai
from kinerja.wilayah import impor as wilayah_impor
from kinerja.wilayah import pengguna as akun
from kinerja.wilayah import pengguna_csv
from kinerja.wilayah import services as wilayah
from kinerja.wilayah.izin import pelaku_wajib
from kinerja.wilayah.models import PerangkatDaerah, RukunTetangga, Unit

pytestmark = pytest.mark.django_db

MODUL = [
    "kinerja.renstra.services",
    "kinerja.renstra.anggaran",
    "kinerja.renstra.anggaran_buku",
    "kinerja.renstra.salin",
    "kinerja.renstra.tanda",
    "kinerja.renstra.impor.baca",
    "kinerja.renstra.impor.asal_pd",
    "kinerja.renstra.impor.pratinjau",
    "kinerja.renstra.impor.simpan",
    "kinerja.renstra.impor.unggahan",
    "kinerja.monev.services",
    "kinerja.monev.alur",
    "kinerja.monev.persetujuan",
    "kinerja.monev.pk",
    "kinerja.layanan.services",
    "kinerja.pengaduan.services",
    "kinerja.skm.services",
    "kinerja.rtkeren.services",
    "kinerja.sakip.services",
    "kinerja.wilayah.services",
    "kinerja.wilayah.impor",
    "kinerja.wilayah.pengguna",
    "kinerja.wilayah.pengguna_csv",
    "kinerja.sumberdaya.services",
    "kinerja.pengingat.services",
    "kinerja.risiko.services",
    "kinerja.lkjip.services",
]

_MURNI = "pure computation on values it is given; reads or writes nothing scoped"
BEBAS = {
    "kinerja.risiko.services.boleh_ubah": "a question to a scope its caller already holds",
    "kinerja.renstra.services.aturan_bawaan": _MURNI,
    "kinerja.renstra.services.agregasi_triwulan_bawaan": _MURNI,
    "kinerja.renstra.services.nilai_target": _MURNI,
    "kinerja.renstra.services.kunci_sel": _MURNI,
    "kinerja.renstra.services.baris_cetak": "builds an unsaved row; only loaders that checked the actor save it",
    "kinerja.renstra.services.periksa_periode": _MURNI,
    "kinerja.renstra.services.galat_kode": _MURNI,
    "kinerja.renstra.services.galat_target": _MURNI,
    "kinerja.renstra.services.galat_pagu": _MURNI,
    "kinerja.renstra.anggaran.anggaran_berlaku_versi": "the APBD rule for reports on a version its caller holds",
    "kinerja.renstra.anggaran.anggaran_tahun": "the APBD records for a page whose caller has been checked",
    "kinerja.renstra.anggaran.cek_versi": _MURNI,
    "kinerja.renstra.anggaran.baca_jumlah": _MURNI,
    "kinerja.renstra.anggaran.rapi_teks": _MURNI,
    "kinerja.renstra.anggaran.baca_isian": _MURNI,
    "kinerja.renstra.anggaran_buku.baris_apbd": "rows of a plan its caller has loaded (the page checks first)",
    "kinerja.renstra.anggaran_buku.kolom": _MURNI,
    "kinerja.renstra.anggaran_buku.tabel_templat": "a table of rows its caller has read",
    "kinerja.renstra.anggaran_buku.templat_anggaran": "a workbook of a plan its caller has loaded",
    "kinerja.renstra.anggaran_buku.baca_buku_anggaran": "reads a workbook; only impor_anggaran calls it, after its check",
    "kinerja.renstra.salin.nama_perubahan": "suggests a name from the names of a version the caller holds",
    "kinerja.renstra.salin.tahun_renja": _MURNI,
    "kinerja.renstra.tanda.beri_sidik": _MURNI,
    "kinerja.renstra.tanda.terapkan_tanda": "reads the marks of findings its caller has already read",
    "kinerja.renstra.tanda.sebagai_dict": _MURNI,
    "kinerja.renstra.impor.baca.baca_buku": "reads a workbook; only siapkan_impor calls it, after its check",
    "kinerja.renstra.impor.baca.muat_buku": "opens a workbook file its caller was allowed to upload; reads no data",
    "kinerja.renstra.impor.baca.jenis_lain": "reads the first bytes of a file its caller was allowed to upload",
    "kinerja.renstra.impor.baca.pesan_jenis_lain": _MURNI,
    "kinerja.renstra.impor.asal_pd.pd_tertulis": "matches a workbook's text with PD names (public); grants nothing",
    "kinerja.renstra.impor.asal_pd.pd_beda": _MURNI,
    "kinerja.renstra.impor.pratinjau.daftar_tahun": _MURNI,
    "kinerja.renstra.impor.unggahan.simpan_unggahan": "a file in the user's own upload folder (by user id)",
    "kinerja.renstra.impor.unggahan.baca_unggahan": "a file in the user's own upload folder (by user id)",
    "kinerja.renstra.impor.unggahan.hapus_unggahan": "a file in the user's own upload folder (by user id)",
    "kinerja.monev.services.hari_ini": _MURNI,
    "kinerja.monev.services.kantor_pd": "names a PD's office unit (no scoped data)",
    "kinerja.monev.services.unit_pelapor": "names the unit reporting a row (no scoped data)",
    "kinerja.monev.services.batas": _MURNI,
    "kinerja.monev.services.alasan_terkunci": _MURNI,
    "kinerja.monev.services.cek_terbuka": _MURNI,
    "kinerja.monev.services.aturan_indikator": "the entry rule of an indicator its caller holds",
    "kinerja.monev.services.baca_isian": _MURNI,
    "kinerja.monev.services.baca_rupiah": _MURNI,
    "kinerja.monev.services.kewajaran": "compares a value with the target of a row its caller holds",
    "kinerja.monev.alur.kosong_laporan": "lists the empty rows of a report its caller holds",
    "kinerja.monev.persetujuan.alasan_kunci": "says whether Bappeda locks a report its caller holds",
    "kinerja.monev.pk.isi_pk": "computes the agreement from an evaluation its caller read",
    "kinerja.monev.pk.isi_tertanda": _MURNI,
    "kinerja.monev.pk.beda_sejak_teken": _MURNI,
    "kinerja.monev.pk.keadaan": _MURNI,
    "kinerja.monev.pk.tabel_pk": _MURNI,
    "kinerja.monev.pk.tempat_bawaan": _MURNI,
    "kinerja.monev.pk.tanggal_teks": _MURNI,
    "kinerja.monev.pk.tabel_pernyataan": _MURNI,
    "kinerja.monev.pk.pihak_bawaan": "names the parties of a PD its caller has already been allowed to see",
    "kinerja.monev.pk.sasaran_pk": "builds annex 1 from an evaluation its caller read",
    "kinerja.monev.pk.program_pk": "builds annex 2 from an evaluation its caller read",
    "kinerja.monev.pk.anggaran_program": "sums the budget of an evaluation its caller read",
    "kinerja.monev.pk.dokumen_pk": "writes out an agreement its caller has already been allowed to see",
    "kinerja.layanan.services.tepat_waktu": _MURNI,
    "kinerja.layanan.services.rentang_waktu": _MURNI,
    "kinerja.pengaduan.services.batas_untuk": _MURNI,
    "kinerja.pengaduan.services.terlambat": _MURNI,
    "kinerja.skm.services.cek_batas": "the kiosk's rate limit (no scoped data)",
    "kinerja.skm.services.triwulan_terkunci": "whether a unit's quarter is closed (no scoped data)",
    "kinerja.skm.services.waktu_kios": _MURNI,
    "kinerja.skm.services.baca_umur": _MURNI,
    "kinerja.skm.services.cek_jawaban": _MURNI,
    "kinerja.pengaduan.services.cek_isian": "checks the values of a complaint it is given; stores nothing",
    "kinerja.skm.services.simpan_respons": "public answers, identified by the kiosk's secret token",
    "kinerja.rtkeren.services.sub_kegiatan_pilihan": "names the sub kegiatan of a PD's plan (no scoped data)",
    "kinerja.wilayah.impor.baca_berkas": "reads an uploaded file; periksa_impor and simpan_impor check the actor",
    "kinerja.sumberdaya.services.baca_tanggal": _MURNI,
    "kinerja.sumberdaya.services.galat_isian_aset": _MURNI,
    "kinerja.wilayah.services.jenis_logo": _MURNI,
    "kinerja.wilayah.pengguna.baca_lingkup": "finds the unit, PD or pemda a form value names; grants nothing",
    "kinerja.wilayah.pengguna.lingkup_peran": _MURNI,
    "kinerja.wilayah.pengguna.label_peran": _MURNI,
    "kinerja.wilayah.pengguna.cek_peran": _MURNI,
    "kinerja.wilayah.pengguna.periksa_tautan": "the one-time link's secret token identifies its user",
    "kinerja.wilayah.pengguna.pakai_tautan": "the one-time link's secret token identifies its user",
    "kinerja.wilayah.pengguna_csv.dekode": _MURNI,
}


@dataclass
class Dunia:
    """The sample PD, and a second PD whose operator and planner are outsiders to it."""

    versi: RenstraVersi
    pd: PerangkatDaerah
    gedog: Unit
    node: PlanNode
    sub: PlanNode
    ind: Indikator
    lap: object
    kosong: RenstraVersi
    lain: dict
    tmp_path: object

    def pengguna(self, nama: str):
        return self.lain.get(nama) or get_user_model().objects.get(username=nama)

    def buku(self):
        path = self.tmp_path / "buku.xlsx"
        if not path.exists():
            path.write_bytes(ekspor("6.2", muat_rencana(self.versi), format="xlsx"))
        return path


@pytest.fixture
def dunia(versi_sampel, tmp_path):
    pd = versi_sampel.pd
    pd_lain = PerangkatDaerah.objects.create(pemda=pd.pemda, nama="Dinas Lain", slug="dinas-lain")
    kantor_lain = Unit.objects.create(
        pd=pd_lain, jenis="kantor", nama="Dinas Lain", nama_pendek="Dinas", urutan=1
    )
    User = get_user_model()
    operator_lain = User.objects.create_user("operator-lain")
    Peran.objects.create(pengguna=operator_lain, jenis="operator", unit=kantor_lain)
    perencana_lain = User.objects.create_user("perencana-lain")
    Peran.objects.create(pengguna=perencana_lain, jenis="perencana", pd=pd_lain)
    ind = Indikator.objects.filter(node__versi=versi_sampel, sumber_data="manual").order_by("pk").first()
    return Dunia(
        versi=versi_sampel,
        pd=pd,
        gedog=pd.unit_set.get(nama_pendek="Gedog"),
        node=PlanNode.objects.filter(versi=versi_sampel, tingkat=PlanNode.Tingkat.TUJUAN)
        .order_by("pk")
        .first(),
        sub=PlanNode.objects.filter(versi=versi_sampel, tingkat=PlanNode.Tingkat.SUB_KEGIATAN)
        .order_by("pk")
        .first(),
        ind=ind,
        lap=monev.laporan_untuk(
            pengguna=SISTEM, unit=pd.unit_set.get(nama_pendek="Gedog"), tahun=2022, triwulan=1
        ),
        kosong=renstra.buat_versi(
            pd=pd, nama="Salinan uji", jenis="perubahan", tahun_mulai=2021, tahun_akhir=2026, pengguna=SISTEM
        ),
        lain={
            "operator-lain": operator_lain,
            "perencana-lain": perencana_lain,
            # a file record only (no file on disk): the refused deletion must leave it
            "berkas_rt": BerkasRt.objects.create(
                rembug=RembugWarga.objects.filter(rt__unit__pd=pd, rt__unit__nama_pendek="Gedog")
                .order_by("pk")
                .first(),
                jenis="foto",
                berkas="rtkeren/uji.png",
                judul="Uji",
            ),
        },
        tmp_path=tmp_path,
    )


def _pratinjau(d: Dunia):
    return pratinjau.siapkan_impor(d.buku(), pengguna=SISTEM, pd=d.pd)


def _pengaduan(d: Dunia) -> Pengaduan:
    return Pengaduan.objects.filter(pd=d.pd, unit=d.gedog).order_by("pk").first()


def _rt_gedog(d: Dunia) -> RukunTetangga:
    return RukunTetangga.objects.filter(unit=d.gedog).order_by("pk").first()


def _rembug_gedog(d: Dunia) -> RembugWarga:
    return RembugWarga.objects.filter(rt__unit=d.gedog).order_by("pk").first()


def _usulan_gedog(d: Dunia, status: str) -> Usulan:
    return Usulan.objects.filter(rembug__rt__unit=d.gedog, status=status).order_by("pk").first()


def _kegiatan_gedog(d: Dunia) -> KegiatanRt:
    return KegiatanRt.objects.filter(usulan__rembug__rt__unit=d.gedog).order_by("pk").first()


def _png():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, content_type="image/png")


# name → (an actor outside the function's scope, a call of it with ``pengguna=p``)
KASUS = {
    # RT Keren: the operator of Klampok may not touch a Gedog RT; a kelurahan operator does not decide
    # the musrenbang; only an admin edits the settings.
    "kinerja.rtkeren.services.simpan_rembug": (
        "operator-klampok",
        lambda d, p: rtkeren.simpan_rembug(
            pengguna=p,
            rt=_rt_gedog(d),
            tahun=2022,
            tanggal="2022-03-01",
            tempat="Balai RT",
            hadir_laki=5,
            hadir_perempuan=5,
        ),
    ),
    "kinerja.rtkeren.services.tambah_usulan": (
        "operator-klampok",
        lambda d, p: rtkeren.tambah_usulan(
            pengguna=p,
            rembug=_rembug_gedog(d),
            bidang="fisik",
            uraian="Paving",
            volume="10",
            satuan="m²",
            perkiraan_biaya="1.000.000",
        ),
    ),
    "kinerja.rtkeren.services.geser_usulan": (
        "operator-klampok",
        lambda d, p: rtkeren.geser_usulan(pengguna=p, usulan=_usulan_gedog(d, "didanai"), naik=False),
    ),
    "kinerja.rtkeren.services.hapus_usulan": (
        "operator-klampok",
        lambda d, p: rtkeren.hapus_usulan(pengguna=p, usulan=_usulan_gedog(d, "didanai")),
    ),
    "kinerja.rtkeren.services.tandai_usulan": (
        "operator-klampok",
        lambda d, p: rtkeren.tandai_usulan(
            pengguna=p, usulan=_usulan_gedog(d, "didanai"), status="diusulkan"
        ),
    ),
    "kinerja.rtkeren.services.tambah_berkas": (
        "operator-klampok",
        lambda d, p: rtkeren.tambah_berkas(pengguna=p, rembug=_rembug_gedog(d), berkas=_png(), judul="Foto"),
    ),
    "kinerja.rtkeren.services.hapus_berkas": (
        "operator-klampok",
        lambda d, p: rtkeren.hapus_berkas(pengguna=p, berkas=d.lain["berkas_rt"]),
    ),
    "kinerja.rtkeren.services.simpan_alokasi": (
        "operator-klampok",
        lambda d, p: rtkeren.simpan_alokasi(
            pengguna=p, rt=_rt_gedog(d), tahun=2022, pagu="60.000.000", sub_kegiatan=d.sub
        ),
    ),
    "kinerja.rtkeren.services.buat_kegiatan": (
        "operator-klampok",
        lambda d, p: rtkeren.buat_kegiatan(pengguna=p, usulan=_usulan_gedog(d, "didanai"), nama="Uji"),
    ),
    "kinerja.rtkeren.services.catat_realisasi": (
        "operator-klampok",
        lambda d, p: rtkeren.catat_realisasi(
            pengguna=p, kegiatan=_kegiatan_gedog(d), tanggal="2022-12-01", jumlah="1.000", fisik="100"
        ),
    ),
    "kinerja.rtkeren.services.ubah_lpj": (
        "operator-klampok",
        lambda d, p: rtkeren.ubah_lpj(pengguna=p, kegiatan=_kegiatan_gedog(d), lpj="diterima"),
    ),
    "kinerja.rtkeren.services.simpan_musrenbang": (
        "operator-gedog",
        lambda d, p: rtkeren.simpan_musrenbang(
            pengguna=p,
            pd=d.pd,
            tahun=2022,
            unit=d.gedog,
            tanggal="2022-02-01",
            peserta_laki=10,
            peserta_perempuan=10,
        ),
    ),
    "kinerja.rtkeren.services.putuskan_usulan": (
        "operator-gedog",
        lambda d, p: rtkeren.putuskan_usulan(
            pengguna=p,
            usulan=_usulan_gedog(d, "musrenbang_kecamatan"),
            musrenbang=Musrenbang.objects.get(pd=d.pd, tahun=2022, tingkat="kecamatan"),
            terima=True,
        ),
    ),
    "kinerja.rtkeren.services.simpan_pengaturan": (
        "perencana",
        lambda d, p: rtkeren.simpan_pengaturan(
            pengguna=p,
            pd=d.pd,
            pagu_minimum="1",
            pagu_maksimum="2",
            minimal_rembug="1",
            ambang_serapan="50",
            ambang_kelurahan="50",
        ),
    ),
    "kinerja.renstra.services.buat_versi": (
        "perencana-lain",
        lambda d, p: renstra.buat_versi(
            pd=d.pd, nama="Versi uji", jenis="renstra", tahun_mulai=2025, tahun_akhir=2029, pengguna=p
        ),
    ),
    "kinerja.renstra.services.tambah_node": (
        "perencana-lain",
        lambda d, p: renstra.tambah_node(
            pengguna=p, versi=d.versi, tingkat=PlanNode.Tingkat.TUJUAN, nama="Uji"
        ),
    ),
    "kinerja.renstra.services.tambah_indikator": (
        "camat",
        lambda d, p: renstra.tambah_indikator(pengguna=p, node=d.node, nama="Indikator uji"),
    ),
    "kinerja.renstra.services.set_target": (
        "perencana-lain",
        lambda d, p: renstra.set_target(pengguna=p, indikator=d.ind, tahun=2023, teks="1"),
    ),
    "kinerja.renstra.services.set_kondisi_awal": (
        "operator-gedog",
        lambda d, p: renstra.set_kondisi_awal(pengguna=p, indikator=d.ind, teks="1"),
    ),
    "kinerja.renstra.services.set_pagu": (
        "perencana-lain",
        lambda d, p: renstra.set_pagu(pengguna=p, node=d.sub, tahun=2023, jumlah=Decimal(1)),
    ),
    "kinerja.renstra.services.buat_sumber": (
        "perencana-lain",
        lambda d, p: renstra.buat_sumber(pengguna=p, versi=d.versi, jenis="teks", judul="Uji"),
    ),
    "kinerja.renstra.services.ubah_rencana": (
        "perencana-lain",
        lambda d, p: renstra.ubah_rencana(
            pengguna=p, versi=d.versi, objek=d.node, bidang={"nama": (d.node.nama, "Uji")}, alasan="uji"
        ),
    ),
    # The editor's additions and deletions, and a PD's first Renstra: another PD's planner is refused.
    "kinerja.renstra.services.buat_renstra_pertama": (
        "perencana-lain",
        lambda d, p: renstra.buat_renstra_pertama(pengguna=p, pd=d.pd, tahun_mulai=2027, tahun_akhir=2031),
    ),
    "kinerja.renstra.services.tambah_unsur": (
        "perencana-lain",
        lambda d, p: renstra.tambah_unsur(pengguna=p, versi=d.kosong, induk=None, nama="Uji"),
    ),
    "kinerja.renstra.services.tambah_indikator_unsur": (
        "perencana-lain",
        lambda d, p: renstra.tambah_indikator_unsur(pengguna=p, node=d.node, nama="Uji"),
    ),
    "kinerja.renstra.services.dampak_hapus": (
        "operator-gedog",
        lambda d, p: renstra.dampak_hapus(pengguna=p, versi=d.versi, objek=d.ind),
    ),
    "kinerja.renstra.services.hapus_rencana": (
        "perencana-lain",
        lambda d, p: renstra.hapus_rencana(pengguna=p, versi=d.versi, objek=d.ind),
    ),
    "kinerja.renstra.services.ubah_status_versi": (
        "camat",
        lambda d, p: renstra.ubah_status_versi(pengguna=p, versi=d.versi, status="final"),
    ),
    "kinerja.renstra.services.ubah_rincian_renja": (
        "perencana-lain",
        lambda d, p: renstra.ubah_rincian_renja(
            pengguna=p, versi=d.versi, node=d.sub, lokasi=None, sumber_dana="APBD", catatan="uji"
        ),
    ),
    "kinerja.renstra.anggaran.simpan_anggaran": (
        "perencana-lain",
        lambda d, p: ag.simpan_anggaran(
            pengguna=p,
            versi=d.versi,
            node=d.sub,
            lokasi=None,
            tahun=2022,
            isian={"murni": {"jumlah": "1.000"}},
        ),
    ),
    "kinerja.renstra.anggaran.tulis_sel": (
        "camat",
        lambda d, p: ag.tulis_sel(
            pengguna=p,
            versi=d.versi,
            node=d.sub,
            lokasi=None,
            tahun=2022,
            tahap="murni",
            isian={"jumlah": Decimal(1000), "sumber_dana": "", "dokumen": ""},
        ),
    ),
    "kinerja.renstra.anggaran.muat_anggaran_demo": (
        "perencana-lain",
        lambda d, p: ag.muat_anggaran_demo(pengguna=p, versi=d.versi, tahun=2023),
    ),
    "kinerja.renstra.anggaran_buku.impor_anggaran": (
        "operator-gedog",
        lambda d, p: anggaran_buku.impor_anggaran(
            pengguna=p,
            versi=d.versi,
            r=muat_rencana(d.versi),
            tahun=2022,
            path=d.tmp_path / "apbd.xlsx",
            nama_berkas="apbd.xlsx",
        ),
    ),
    "kinerja.renstra.salin.salin_isi": (
        "perencana-lain",
        lambda d, p: salin.salin_isi(pengguna=p, asal=d.versi, baru=d.kosong),
    ),
    "kinerja.renstra.salin.buat_perubahan": (
        "perencana-lain",
        lambda d, p: salin.buat_perubahan(pengguna=p, versi=d.versi),
    ),
    "kinerja.renstra.salin.buat_renja": (
        "camat",
        lambda d, p: salin.buat_renja(pengguna=p, versi=d.versi, tahun=2023),
    ),
    "kinerja.renstra.tanda.tandai_temuan": (
        "perencana-lain",
        lambda d, p: tanda.tandai_temuan(
            pengguna=p, versi=d.versi, temuan=[], sidik="x", status="diterima", catatan="uji"
        ),
    ),
    "kinerja.renstra.impor.pratinjau.siapkan_impor": (
        "perencana-lain",
        lambda d, p: pratinjau.siapkan_impor(d.buku(), pengguna=p, pd=d.pd),
    ),
    "kinerja.renstra.impor.simpan.simpan_impor": (
        "perencana-lain",
        lambda d, p: simpan.simpan_impor(pratinjau=_pratinjau(d), pengguna=p, alasan="uji"),
    ),
    "kinerja.monev.services.simpan_realisasi": (
        "operator-lain",
        lambda d, p: monev.simpan_realisasi(
            pengguna=p, indikator=d.ind, lokasi=None, tahun=2022, triwulan=1, teks="1", revisi=None
        ),
    ),
    "kinerja.monev.services.simpan_realisasi_anggaran": (
        "operator-lain",
        lambda d, p: monev.simpan_realisasi_anggaran(
            pengguna=p, node=d.sub, lokasi=None, tahun=2022, triwulan=1, teks="1", revisi=None
        ),
    ),
    "kinerja.monev.services.ubah_aturan_isian": (
        "perencana-lain",
        lambda d, p: monev.ubah_aturan_isian(
            pengguna=p, indikator=d.ind, bilangan_bulat="ya", boleh_lebih_100=True
        ),
    ),
    "kinerja.monev.services.simpan_rencana_aksi": (
        "perencana-lain",
        lambda d, p: monev.simpan_rencana_aksi(
            pengguna=p, r=muat_rencana(d.versi), tahun=2022, isian={f"{d.ind.pk}-0": {1: "1"}}
        ),
    ),
    "kinerja.monev.services.laporan_untuk": (
        "operator-lain",
        lambda d, p: monev.laporan_untuk(pengguna=p, unit=d.gedog, tahun=2019, triwulan=1),
    ),
    "kinerja.monev.alur.ajukan": (
        "operator-lain",
        lambda d, p: alur.ajukan(pengguna=p, laporan=d.lap, tetap=True),
    ),
    "kinerja.monev.alur.tarik": (
        "operator-lain",
        lambda d, p: alur.tarik(pengguna=p, laporan=d.lap),
    ),
    "kinerja.monev.alur.verifikasi": (
        "perencana-lain",
        lambda d, p: alur.verifikasi(pengguna=p, laporan=d.lap),
    ),
    "kinerja.monev.alur.kembalikan": (
        "operator-gedog",
        lambda d, p: alur.kembalikan(pengguna=p, laporan=d.lap, catatan="uji"),
    ),
    # the PD's perencana reopens only a quarter Bappeda returned (tests/monev/test_persetujuan.py)
    "kinerja.monev.alur.buka_kembali": (
        "operator-gedog",
        lambda d, p: alur.buka_kembali(pengguna=p, laporan=d.lap, alasan="uji", sampai=dt.date(2099, 1, 1)),
    ),
    # Two-level approval: only Bappeda (verifikator or admin of the pemda) decides; the PD's
    # verifiers follow and answer; the page is for Bappeda and whoever reads the whole PD.
    "kinerja.monev.persetujuan.ikuti_laporan": (
        "operator-gedog",
        lambda d, p: persetujuan.ikuti_laporan(pengguna=p, pd=d.pd, tahun=2022, triwulan=3),
    ),
    "kinerja.monev.persetujuan.ikuti_buka": (
        "operator-gedog",
        lambda d, p: persetujuan.ikuti_buka(pengguna=p, laporan=d.lap),
    ),
    "kinerja.monev.persetujuan.setujui": (
        "perencana",
        lambda d, p: persetujuan.setujui(pengguna=p, pd=d.pd, tahun=2022, triwulan=3, revisi=None),
    ),
    "kinerja.monev.persetujuan.kembalikan": (
        "perencana",
        lambda d, p: persetujuan.kembalikan(
            pengguna=p, pd=d.pd, tahun=2022, triwulan=3, catatan="x", revisi=None
        ),
    ),
    "kinerja.monev.persetujuan.batalkan": (
        "perencana",
        lambda d, p: persetujuan.batalkan(
            pengguna=p, pd=d.pd, tahun=2022, triwulan=1, alasan="x", revisi=None
        ),
    ),
    "kinerja.monev.persetujuan.ajukan_kembali": (
        "perencana-lain",
        lambda d, p: persetujuan.ajukan_kembali(
            pengguna=p, pd=d.pd, tahun=2022, triwulan=3, catatan="x", revisi=None
        ),
    ),
    "kinerja.monev.persetujuan.keadaan_triwulan": (
        "operator-gedog",
        lambda d, p: persetujuan.keadaan_triwulan(pengguna=p, pd=d.pd, tahun=2022, triwulan=3),
    ),
    "kinerja.monev.pk.tandatangani": (
        "perencana",
        lambda d, p: pk.tandatangani(pengguna=p, versi=d.versi, tahun=2023, isi=None, tempat="Blitar"),
    ),
    "kinerja.layanan.services.catat_pelayanan": (
        "operator-lain",
        lambda d, p: layanan.catat_pelayanan(
            pengguna=p, unit=d.gedog, jenis=JenisLayanan.objects.filter(unit=d.gedog).first()
        ),
    ),
    "kinerja.layanan.services.selesaikan": (
        "operator-lain",
        lambda d, p: layanan.selesaikan(
            pengguna=p, pelayanan=Pelayanan.objects.filter(unit=d.gedog).first(), hasil="selesai"
        ),
    ),
    "kinerja.pengaduan.services.pindah": (
        "operator-lain",
        lambda d, p: pengaduan.pindah(pengguna=p, pengaduan=_pengaduan(d), status="diproses"),
    ),
    "kinerja.pengaduan.services.balas": (
        "operator-lain",
        lambda d, p: pengaduan.balas(pengguna=p, pengaduan=_pengaduan(d), isi="Balasan uji"),
    ),
    "kinerja.skm.services.buat_kios": (
        "operator-lain",
        lambda d, p: skm.buat_kios(pengguna=p, unit=d.gedog, nama="Kios uji"),
    ),
    "kinerja.skm.services.karantina": (
        "operator-gedog",
        lambda d, p: skm.karantina(
            pengguna=p,
            alasan="uji",
            kios=Kios.objects.filter(unit=d.gedog).first(),
            mulai=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
            sampai=dt.datetime(2100, 1, 1, tzinfo=dt.UTC),
        ),
    ),
    "kinerja.skm.services.pulihkan": (
        "operator-lain",
        lambda d, p: skm.pulihkan(
            pengguna=p,
            alasan="uji",
            kios=Kios.objects.filter(unit=d.gedog).first(),
            mulai=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
            sampai=dt.datetime(2100, 1, 1, tzinfo=dt.UTC),
        ),
    ),
    # Risk register: only the PD's own perencana and Camat change it.
    "kinerja.risiko.services.simpan_risiko": (
        "perencana-lain",
        lambda d, p: risiko.simpan_risiko(
            pengguna=p,
            pd=d.pd,
            tahun=2022,
            data={
                "node": _risiko_demo(d).node_id,
                "pernyataan": "x",
                "sebab": "x",
                "uraian_dampak": "x",
                "kemungkinan": 1,
                "dampak": 1,
                "pemilik": "x",
            },
        ),
    ),
    "kinerja.risiko.services.hapus_risiko": (
        "perencana-lain",
        lambda d, p: risiko.hapus_risiko(pengguna=p, risiko=_risiko_demo(d)),
    ),
    "kinerja.risiko.services.simpan_rtp": (
        "operator-lain",
        lambda d, p: risiko.simpan_rtp(
            pengguna=p,
            risiko=_risiko_demo(d),
            data={"uraian": "x", "penanggung_jawab": "x", "tenggat": "2022-06-30"},
        ),
    ),
    "kinerja.risiko.services.simpan_pemantauan": (
        "perencana-lain",
        lambda d, p: risiko.simpan_pemantauan(
            pengguna=p,
            risiko=_risiko_demo(d),
            triwulan=2,
            data={"kemajuan": "x", "kemungkinan": 1, "dampak": 1},
        ),
    ),
}


def _risiko_demo(d: Dunia) -> Risiko:
    return Risiko.objects.filter(pd=d.pd).order_by("pk").first()


def _ev_sakip(d: Dunia):
    """The sample's demonstration SAKIP evaluation (2022)."""
    return EvaluasiSakip.objects.select_related("lke", "pd").get(pd=d.pd, tahun=2022)


# SAKIP: the PD fills, the Inspektorat of its pemda grades; another PD's planner does neither.
KASUS.update(
    {
        "kinerja.sakip.services.baca_evaluasi": (
            "operator-lain",
            lambda d, p: sakip.baca_evaluasi(pengguna=p, pd=d.pd, tahun=2022),
        ),
        "kinerja.sakip.services.mulai_evaluasi": (
            "perencana-lain",
            lambda d, p: sakip.mulai_evaluasi(pengguna=p, pd=d.pd, tahun=2024),
        ),
        "kinerja.sakip.services.simpan_jawaban": (
            "perencana-lain",
            lambda d, p: sakip.simpan_jawaban(
                pengguna=p, evaluasi=_ev_sakip(d), kode="1.a.1", terpenuhi=True
            ),
        ),
        "kinerja.sakip.services.simpan_nilai_pd": (
            "inspektorat",
            lambda d, p: sakip.simpan_nilai_pd(pengguna=p, evaluasi=_ev_sakip(d), kode="1.a", nilai="E"),
        ),
        "kinerja.sakip.services.simpan_nilai_evaluator": (
            "perencana",
            lambda d, p: sakip.simpan_nilai_evaluator(
                pengguna=p, evaluasi=_ev_sakip(d), kode="1.a", nilai="AA"
            ),
        ),
        "kinerja.sakip.services.ajukan": (
            "lurah-gedog",
            lambda d, p: sakip.ajukan(pengguna=p, evaluasi=_ev_sakip(d)),
        ),
        "kinerja.sakip.services.tetapkan": (
            "camat",
            lambda d, p: sakip.tetapkan(pengguna=p, evaluasi=_ev_sakip(d)),
        ),
        "kinerja.sakip.services.kembalikan": (
            "perencana",
            lambda d, p: sakip.kembalikan(pengguna=p, evaluasi=_ev_sakip(d), alasan="uji"),
        ),
        "kinerja.sakip.services.tambah_rekomendasi": (
            "camat",
            lambda d, p: sakip.tambah_rekomendasi(pengguna=p, evaluasi=_ev_sakip(d), uraian="uji"),
        ),
        "kinerja.sakip.services.ubah_tindak_lanjut": (
            "operator-gedog",
            lambda d, p: sakip.ubah_tindak_lanjut(
                pengguna=p,
                rekomendasi=_ev_sakip(d).rekomendasi_set.first(),
                rencana="",
                penanggung_jawab="",
                batas_waktu="",
                status="selesai",
            ),
        ),
        "kinerja.sakip.services.muat_lke": (
            "perencana",
            lambda d, p: sakip.muat_lke(pengguna=p, pemda=d.pd.pemda, isi=b""),
        ),
        "kinerja.sakip.services.ringkasan": (
            "operator-lain",
            lambda d, p: sakip.ringkasan(pengguna=p, evaluasi=_ev_sakip(d)),
        ),
    }
)

_MULAI, _AKHIR = dt.date(2020, 1, 1), dt.date(2026, 12, 31)


def _baca(fungsi, **lain):
    """A read of the sample's Gedog figures by the operator of another PD."""
    return ("operator-lain", lambda d, p: fungsi(pengguna=p, unit_ids=[d.gedog.pk], **lain))


_PERIODE = {"mulai": _MULAI, "akhir": _AKHIR}
KASUS.update(
    {
        "kinerja.layanan.services.tahun_terakhir": _baca(layanan.tahun_terakhir),
        "kinerja.layanan.services.rekap": _baca(layanan.rekap, **_PERIODE),
        "kinerja.layanan.services.rekap_per": _baca(layanan.rekap_per, per="jenis", **_PERIODE),
        "kinerja.pengaduan.services.tahun_terakhir": _baca(pengaduan.tahun_terakhir),
        "kinerja.pengaduan.services.rekap": _baca(pengaduan.rekap, **_PERIODE),
        "kinerja.pengaduan.services.rekap_per": _baca(pengaduan.rekap_per, per="kategori", **_PERIODE),
        "kinerja.skm.services.tahun_terakhir": _baca(skm.tahun_terakhir),
        "kinerja.skm.services.hasil_ikm": _baca(skm.hasil_ikm, **_PERIODE),
        "kinerja.skm.services.hasil_ikm_per": _baca(skm.hasil_ikm_per, per="jenis", **_PERIODE),
    }
)
KASUS["kinerja.skm.services.ringkas_kiriman"] = (
    "operator-lain",
    lambda d, p: skm.ringkas_kiriman(pengguna=p, sejak=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)),
)

_RT = {"rw": "1", "nomor": "1", "ketua": "Uji"}
_JIWA = {"tahun": "2024", "laki_laki": "10", "perempuan": "12", "jumlah": "22"}
_DATA = {"RT": [{"kelurahan": "Gedog", "rw": "1", "rt": "1", "_baris": 2}], "Penduduk": []}


def _rt(d: Dunia):
    """An RT of Gedog (unsaved: the refusal comes before anything is read or written)."""
    return RukunTetangga(unit=d.gedog, rw=9, nomor=9)


def _penduduk(d: Dunia):
    return d.gedog.penduduk_set.first()


# The region: the PD's admin writes; the PD's perencana and lurah only read; another PD reads nothing.
KASUS.update(
    {
        "kinerja.wilayah.services.boleh_kelola": (
            "operator-lain",
            lambda d, p: wilayah.boleh_kelola(pengguna=p, pd=d.pd),
        ),
        "kinerja.wilayah.services.baca_wilayah": (
            "operator-lain",
            lambda d, p: wilayah.baca_wilayah(pengguna=p, pd=d.pd),
        ),
        "kinerja.wilayah.services.baca_kelurahan": (
            "perencana-lain",
            lambda d, p: wilayah.baca_kelurahan(pengguna=p, unit=d.gedog),
        ),
        "kinerja.wilayah.services.ubah_luas": (
            "perencana",
            lambda d, p: wilayah.ubah_luas(pengguna=p, unit=d.gedog, luas="3"),
        ),
        "kinerja.wilayah.services.tambah_rt": (
            "lurah-gedog",
            lambda d, p: wilayah.tambah_rt(pengguna=p, unit=d.gedog, isian=_RT),
        ),
        "kinerja.wilayah.services.ubah_rt": (
            "perencana",
            lambda d, p: wilayah.ubah_rt(pengguna=p, rt=_rt(d), isian=_RT),
        ),
        "kinerja.wilayah.services.ubah_status_rt": (
            "operator-gedog",
            lambda d, p: wilayah.ubah_status_rt(pengguna=p, rt=_rt(d), aktif=False),
        ),
        "kinerja.wilayah.services.tambah_penduduk": (
            "camat",
            lambda d, p: wilayah.tambah_penduduk(pengguna=p, unit=d.gedog, isian=_JIWA),
        ),
        "kinerja.wilayah.services.ubah_penduduk": (
            "perencana",
            lambda d, p: wilayah.ubah_penduduk(pengguna=p, penduduk=_penduduk(d), isian=_JIWA),
        ),
        "kinerja.wilayah.impor.periksa_impor": (
            "perencana",
            lambda d, p: wilayah_impor.periksa_impor(pengguna=p, pd=d.pd, data=_DATA),
        ),
        "kinerja.wilayah.impor.simpan_impor": (
            "verifikator",
            lambda d, p: wilayah_impor.simpan_impor(pengguna=p, pd=d.pd, data=_DATA),
        ),
        "kinerja.wilayah.impor.templat_impor": (
            "perencana-lain",
            lambda d, p: wilayah_impor.templat_impor(pengguna=p, pd=d.pd),
        ),
    }
)


def _pegawai(d: Dunia) -> Pegawai:
    return Pegawai.objects.filter(unit__pd=d.pd).order_by("pk").first()


def _aset(d: Dunia) -> Aset:
    return Aset.objects.filter(unit=d.gedog, jumlah__isnull=False).order_by("pk").first()


_ISIAN_PEGAWAI = {
    "nama": "Uji",
    "jabatan": "Pengolah Data",
    "jenis_jabatan": "pelaksana",
    "status": "pns",
    "golongan": "III/a",
    "pendidikan": "S1",
    "jenis_kelamin": "L",
    "mulai": "2020-01-02",
}
_KONDISI = {"tanggal": "2024-01-01", "rusak_ringan": "0", "rusak_berat": "0"}
KASUS.update(
    {
        "kinerja.sumberdaya.services.daftar_pegawai": (
            "operator-lain",
            lambda d, p: sdm.daftar_pegawai(pengguna=p, pd=d.pd, tanggal=dt.date(2022, 1, 1)),
        ),
        "kinerja.sumberdaya.services.hitung_pegawai": (
            "perencana-lain",
            lambda d, p: sdm.hitung_pegawai(pengguna=p, pd=d.pd, tanggal=dt.date(2022, 1, 1)),
        ),
        "kinerja.sumberdaya.services.daftar_aset": (
            "operator-lain",
            lambda d, p: sdm.daftar_aset(pengguna=p, pd=d.pd),
        ),
        "kinerja.sumberdaya.services.riwayat_kondisi": (
            "perencana-lain",
            lambda d, p: sdm.riwayat_kondisi(pengguna=p, aset=_aset(d)),
        ),
        # writing the registers is for the PD's admin: its planner, Camat, Lurah and operator are refused
        "kinerja.sumberdaya.services.tambah_pegawai": (
            "perencana",
            lambda d, p: sdm.tambah_pegawai(
                pengguna=p, pd=d.pd, isian={**_ISIAN_PEGAWAI, "unit": str(d.gedog.pk)}
            ),
        ),
        "kinerja.sumberdaya.services.ubah_pegawai": (
            "camat",
            lambda d, p: sdm.ubah_pegawai(
                pengguna=p, pegawai=_pegawai(d), isian={**_ISIAN_PEGAWAI, "unit": str(d.gedog.pk)}
            ),
        ),
        "kinerja.sumberdaya.services.akhiri_tugas": (
            "perencana-lain",
            lambda d, p: sdm.akhiri_tugas(pengguna=p, pegawai=_pegawai(d), selesai="2024-01-01"),
        ),
        "kinerja.sumberdaya.services.tambah_aset": (
            "operator-gedog",
            lambda d, p: sdm.tambah_aset(
                pengguna=p,
                unit=d.gedog,
                isian={"jenis_barang": "Uji", "jumlah": "1", "baik": "1", **_KONDISI},
            ),
        ),
        "kinerja.sumberdaya.services.catat_kondisi": (
            "lurah-gedog",
            lambda d, p: sdm.catat_kondisi(
                pengguna=p, aset=_aset(d), isian={"baik": str(_aset(d).jumlah), **_KONDISI}
            ),
        ),
    }
)


def _standar(d: Dunia) -> JenisLayanan:
    return JenisLayanan.objects.filter(unit=d.gedog).order_by("pk").first()


def _kategori(d: Dunia) -> Kategori:
    return Kategori.objects.filter(pd=d.pd).order_by("pk").first()


def _kios(d: Dunia) -> Kios:
    return Kios.objects.filter(unit=d.gedog).order_by("pk").first()


# Administering the service records (/kelola/): the PD's admin or the pemda's writes; its planner does
# not; the holidays (one table for every pemda) only an admin without scope limits, or the pemda's
# admin while its pemda is the server's only one.
KASUS.update(
    {
        "kinerja.layanan.services.simpan_standar": (
            "perencana",
            lambda d, p: layanan.simpan_standar(
                pengguna=p,
                unit=d.gedog,
                isian={"kode": "X-1", "nama": "Uji"},
                jenis=_standar(d),
                alasan="uji",
            ),
        ),
        "kinerja.layanan.services.atur_standar": (
            "operator-gedog",
            lambda d, p: layanan.atur_standar(pengguna=p, jenis=_standar(d), publik=False),
        ),
        "kinerja.layanan.services.hapus_standar": (
            "perencana",
            lambda d, p: layanan.hapus_standar(pengguna=p, jenis=_standar(d)),
        ),
        "kinerja.layanan.services.pemakai_standar": (
            "operator-lain",
            lambda d, p: layanan.pemakai_standar(pengguna=p, jenis_ids=[_standar(d).pk]),
        ),
        "kinerja.layanan.services.tambah_libur": (
            "perencana",
            lambda d, p: layanan.tambah_libur(pengguna=p, tanggal="2030-01-02", nama="Uji", jenis="libur"),
        ),
        "kinerja.layanan.services.hapus_libur": (
            "verifikator",
            lambda d, p: layanan.hapus_libur(pengguna=p, libur=HariLibur.objects.order_by("pk").first()),
        ),
        "kinerja.layanan.services.impor_libur": (
            "perencana",
            lambda d, p: layanan.impor_libur(pengguna=p, teks="02-01-2030 Uji"),
        ),
        "kinerja.pengaduan.services.tambah_kategori": (
            "perencana",
            lambda d, p: pengaduan.tambah_kategori(pengguna=p, pd=d.pd, nama="Uji", batas_hari="5"),
        ),
        "kinerja.pengaduan.services.ubah_kategori": (
            "camat",
            lambda d, p: pengaduan.ubah_kategori(
                pengguna=p, kategori=_kategori(d), nama="Uji", batas_hari="9"
            ),
        ),
        "kinerja.pengaduan.services.geser_kategori": (
            "perencana",
            lambda d, p: pengaduan.geser_kategori(pengguna=p, kategori=_kategori(d), naik=False),
        ),
        "kinerja.pengaduan.services.atur_kategori": (
            "operator-gedog",
            lambda d, p: pengaduan.atur_kategori(pengguna=p, kategori=_kategori(d), aktif=False),
        ),
        "kinerja.pengaduan.services.hapus_kategori": (
            "perencana",
            lambda d, p: pengaduan.hapus_kategori(pengguna=p, kategori=_kategori(d)),
        ),
        "kinerja.pengaduan.services.jumlah_per_kategori": (
            "operator-lain",
            lambda d, p: pengaduan.jumlah_per_kategori(pengguna=p, pd=d.pd),
        ),
        "kinerja.skm.services.tambah_kios": (
            "operator-gedog",
            lambda d, p: skm.tambah_kios(pengguna=p, unit=d.gedog, nama="Kios uji"),
        ),
        "kinerja.skm.services.ubah_kios": (
            "perencana",
            lambda d, p: skm.ubah_kios(pengguna=p, kios=_kios(d), nama="Uji", batas_per_menit="100"),
        ),
        "kinerja.skm.services.atur_kios": (
            "perencana-lain",
            lambda d, p: skm.atur_kios(pengguna=p, kios=_kios(d), aktif=False),
        ),
        "kinerja.skm.services.ganti_token": (
            "operator-gedog",
            lambda d, p: skm.ganti_token(pengguna=p, kios=_kios(d), jenis="ponsel"),
        ),
    }
)

# The inbox and reminder choices are their owner's; sending reminders is the system's.
KASUS.update(
    {
        "kinerja.pengingat.services.kotak_masuk": (
            "operator-lain",
            lambda d, p: pengingat.kotak_masuk(pengguna=p, untuk=d.pengguna("perencana")),
        ),
        "kinerja.pengingat.services.preferensi": (
            "operator-lain",
            lambda d, p: pengingat.preferensi(pengguna=p, untuk=d.pengguna("perencana")),
        ),
        "kinerja.pengingat.services.simpan_preferensi": (
            "operator-lain",
            lambda d, p: pengingat.simpan_preferensi(
                pengguna=p, untuk=d.pengguna("perencana"), surel=["isi"]
            ),
        ),
        "kinerja.pengingat.services.kirim_pengingat": (
            "perencana",
            lambda d, p: pengingat.kirim_pengingat(pengguna=p),
        ),
    }
)


# The pemda's settings and new PDs are its administrator's; a PD's record and units its own administrator's
# too. Users: only an administrator whose scope holds every role of the user (the sample's pemda admin is
# admin-kota; a PD's planner, Camat, operators and Bappeda's verifier administer nobody).
def _user(nama: str):
    return get_user_model().objects.get(username=nama)


_PD_BARU = {"nama": "Dinas Uji", "slug": "dinas-uji", "jenis": "dinas"}
_AKUN = {"username": "uji.baru", "nama": "Uji Baru", "email": ""}
_CSV = "nama;unit;peran;email\nUji Satu;Gedog;operator;\n"
KASUS.update(
    {
        "kinerja.wilayah.services.ubah_pemda": (
            "perencana",
            lambda d, p: wilayah.ubah_pemda(pengguna=p, pemda=d.pd.pemda, isian={"nama": "X"}),
        ),
        "kinerja.wilayah.services.ubah_logo": (
            "camat",
            lambda d, p: wilayah.ubah_logo(pengguna=p, pemda=d.pd.pemda, berkas=_png()),
        ),
        "kinerja.wilayah.services.buat_pd": (
            "verifikator",
            lambda d, p: wilayah.buat_pd(pengguna=p, pemda=d.pd.pemda, isian=_PD_BARU, unit="Sekretariat"),
        ),
        "kinerja.wilayah.services.ubah_pd": (
            "perencana-lain",
            lambda d, p: wilayah.ubah_pd(pengguna=p, pd=d.pd, isian={"nama": "Kecamatan Lain"}),
        ),
        "kinerja.wilayah.services.tambah_unit": (
            "perencana",
            lambda d, p: wilayah.tambah_unit(
                pengguna=p, pd=d.pd, isian={"nama": "Kelurahan Baru", "jenis": "kelurahan"}
            ),
        ),
        "kinerja.wilayah.services.ubah_unit": (
            "lurah-gedog",
            lambda d, p: wilayah.ubah_unit(pengguna=p, unit=d.gedog, isian={"nama": "Kelurahan Gedog Baru"}),
        ),
        "kinerja.wilayah.services.ubah_status_unit": (
            "camat",
            lambda d, p: wilayah.ubah_status_unit(pengguna=p, unit=d.gedog, aktif=False),
        ),
        "kinerja.wilayah.services.data_unit": (
            "operator-gedog",
            lambda d, p: wilayah.data_unit(pengguna=p, unit=d.gedog),
        ),
        "kinerja.wilayah.services.hapus_unit": (
            "perencana-lain",
            lambda d, p: wilayah.hapus_unit(pengguna=p, unit=d.gedog),
        ),
        "kinerja.wilayah.pengguna.pilihan_lingkup": (
            "camat",
            lambda d, p: akun.pilihan_lingkup(pengguna=p, pd=d.pd),
        ),
        "kinerja.wilayah.pengguna.buat_pengguna": (
            "perencana",
            lambda d, p: akun.buat_pengguna(
                pengguna=p, isian=_AKUN, jenis="operator", lingkup=akun.Lingkup("unit", d.gedog), asal=d.pd
            ),
        ),
        "kinerja.wilayah.pengguna.ubah_pengguna": (
            "verifikator",
            lambda d, p: akun.ubah_pengguna(pengguna=p, target=_user("operator-gedog"), isian={"nama": "X"}),
        ),
        "kinerja.wilayah.pengguna.beri_peran": (
            "camat",
            lambda d, p: akun.beri_peran(
                pengguna=p, target=_user("operator-gedog"), jenis="admin", lingkup=akun.Lingkup("pd", d.pd)
            ),
        ),
        "kinerja.wilayah.pengguna.cabut_peran": (
            "perencana-lain",
            lambda d, p: akun.cabut_peran(
                pengguna=p, peran=Peran.objects.get(pengguna=_user("operator-gedog"))
            ),
        ),
        "kinerja.wilayah.pengguna.ubah_status_pengguna": (
            "operator-lain",
            lambda d, p: akun.ubah_status_pengguna(pengguna=p, target=_user("operator-gedog"), aktif=False),
        ),
        "kinerja.wilayah.pengguna.atur_ulang_sandi": (
            "lurah-gedog",
            lambda d, p: akun.atur_ulang_sandi(pengguna=p, target=_user("operator-gedog")),
        ),
        "kinerja.wilayah.pengguna.tautan_undangan_baru": (
            "perencana",
            lambda d, p: akun.tautan_undangan_baru(pengguna=p, target=_user("operator-gedog")),
        ),
        "kinerja.wilayah.pengguna.daftar_pengguna_pd": (
            "camat",
            lambda d, p: akun.daftar_pengguna_pd(pengguna=p, pd=d.pd),
        ),
        "kinerja.wilayah.pengguna.daftar_pengguna_pemda": (
            "verifikator",
            lambda d, p: akun.daftar_pengguna_pemda(pengguna=p, pemda=d.pd.pemda),
        ),
        "kinerja.wilayah.pengguna.akun_pengguna": (
            "operator-lain",
            lambda d, p: akun.akun_pengguna(pengguna=p, target=_user("operator-gedog")),
        ),
        "kinerja.wilayah.pengguna.wewenang_pd": (
            "perencana",
            lambda d, p: akun.wewenang_pd(pengguna=p, pd=d.pd),
        ),
        "kinerja.wilayah.pengguna_csv.periksa_csv": (
            "perencana",
            lambda d, p: pengguna_csv.periksa_csv(pengguna=p, pd=d.pd, teks_csv=_CSV),
        ),
        "kinerja.wilayah.pengguna_csv.simpan_csv": (
            "lurah-gedog",
            lambda d, p: pengguna_csv.simpan_csv(pengguna=p, pd=d.pd, teks_csv=_CSV),
        ),
    }
)


# Open to anyone (a complaint from the public form): no refusal, but the actor is required.
KASUS.update(
    {
        # The LKjIP narrative: its PD's perencana or pimpinan only; a kelurahan operator may not.
        "kinerja.lkjip.services.simpan_narasi": (
            "operator-gedog",
            lambda d, p: lkjip.simpan_narasi(pengguna=p, versi=d.versi, tahun=2022, isian={"penutup": "x"}),
        ),
    }
)


TERBUKA = {
    # a question (the list page asks it before offering the upload): answers no, never refuses
    "kinerja.sakip.services.boleh_muat_lke": lambda d, p: sakip.boleh_muat_lke(pengguna=p, pemda=d.pd.pemda),
    "kinerja.sumberdaya.services.wewenang": lambda d, p: sdm.wewenang(pengguna=p, pd=d.pd),
    "kinerja.layanan.services.boleh_ubah_libur": lambda d, p: layanan.boleh_ubah_libur(pengguna=p),
    # a question the report page asks before offering the reopen form: answers no, never refuses
    "kinerja.monev.persetujuan.boleh_buka_kembali": lambda d, p: persetujuan.boleh_buka_kembali(
        pengguna=p, laporan=d.lap
    ),
    # a question (the pages ask it before showing a user's page): answers no, never refuses
    "kinerja.wilayah.pengguna.boleh_kelola_pengguna": lambda d, p: akun.boleh_kelola_pengguna(
        pengguna=p, target=_user("operator-gedog")
    ),
    "kinerja.pengaduan.services.terima": lambda d, p: pengaduan.terima(
        pd=d.pd,
        unit=d.gedog,
        kategori=Kategori.objects.filter(pd=d.pd).first(),
        kanal="web",
        judul="Uji",
        isi="Uraian pengaduan untuk uji.",
        pengguna=p,
    ),
}


def _fungsi_publik() -> dict[str, object]:
    hasil = {}
    for nama_modul in MODUL:
        modul = importlib.import_module(nama_modul)
        for nama, f in vars(modul).items():
            if inspect.isfunction(f) and not nama.startswith("_") and f.__module__ == nama_modul:
                hasil[f"{nama_modul}.{nama}"] = f
    return hasil


def _jejak() -> dict[str, int]:
    """Row counts of every table the services write (and of the audit trail)."""
    model = [
        m
        for a in (
            "renstra",
            "monev",
            "layanan",
            "pengaduan",
            "skm",
            "wilayah",
            "sumberdaya",
            "rtkeren",
            "risiko",
            "lkjip",
        )
        for m in apps.get_app_config(a).get_models()
    ]
    akun_model = [get_user_model(), Peran, Undangan, AsalPengguna]
    return {m._meta.label: m.objects.count() for m in [*model, *akun_model, CatatanAudit]}


def test_setiap_fungsi_layanan_terdaftar():
    publik = _fungsi_publik()
    terdaftar = [*KASUS, *TERBUKA, *BEBAS]
    assert len(terdaftar) == len(set(terdaftar)), "a function is listed twice"
    belum = sorted(set(publik) - set(terdaftar))
    assert not belum, f"public service functions without a scope test (add them to KASUS or BEBAS): {belum}"
    hilang = sorted(set(terdaftar) - set(publik))
    assert not hilang, f"listed functions that no longer exist: {hilang}"


@pytest.mark.parametrize("nama", sorted([*KASUS, *TERBUKA]))
def test_pelaku_wajib_tanpa_bawaan(nama):
    parameter = inspect.signature(_fungsi_publik()[nama]).parameters["pengguna"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
    assert parameter.default is inspect.Parameter.empty


@pytest.mark.parametrize("nama", sorted(KASUS))
def test_pelaku_di_luar_cakupan_ditolak(dunia, nama):
    pelaku, panggil = KASUS[nama]
    pengguna = dunia.pengguna(pelaku)
    sebelum = _jejak()
    with pytest.raises(PermissionDenied):
        panggil(dunia, pengguna)
    assert _jejak() == sebelum


@pytest.mark.parametrize("nama", sorted([*KASUS, *TERBUKA]))
def test_tanpa_pelaku_galat(dunia, nama):
    panggil = TERBUKA.get(nama) or KASUS[nama][1]
    sebelum = _jejak()
    with pytest.raises(TypeError, match="wajib menerima pelaku"):
        panggil(dunia, None)
    assert _jejak() == sebelum


def test_pelaku_sistem_dan_publik():
    assert pelaku_wajib(SISTEM).semua and pelaku_wajib(SISTEM).ubah_rencana(1)
    publik = pelaku_wajib(PUBLIK)
    assert not publik.semua and not publik.ubah_rencana(1) and not publik.baca_pd(1)
    with pytest.raises(TypeError):
        pelaku_wajib(None)


def test_pelaku_sistem_tercatat_di_jejak_audit(dunia):
    from kinerja.core.pelaku import Sistem

    kios = skm.buat_kios(pengguna=Sistem("kinerja uji"), unit=dunia.gedog, nama="Kios sistem")
    c = CatatanAudit.objects.get(aksi="kios.buat", objek_id=str(kios.pk))
    assert c.pengguna is None and c.nama_pelaku == "kinerja uji"
    operator = get_user_model().objects.get(username="operator-gedog")
    kios = skm.buat_kios(pengguna=operator, unit=dunia.gedog, nama="Kios operator")
    c = CatatanAudit.objects.get(aksi="kios.buat", objek_id=str(kios.pk))
    assert c.pengguna == operator and c.nama_pelaku == ""
