"""Loading the whole Sananwetan sample: each app's own loader, in order, in one transaction."""

from __future__ import annotations

from django.db import transaction

from kinerja.core import sampel_tambahan
from kinerja.core.akun import buat_akun_demo
from kinerja.core.models import PemdaDemo
from kinerja.core.pelaku import SISTEM
from kinerja.demo.kecamatan import muat_kecamatan_demo
from kinerja.layanan import sampel as layanan_sampel
from kinerja.monev.sampel import TAHUN_DEMO, hapus_persetujuan, muat_demo, muat_sejarah
from kinerja.pengaduan import sampel as pengaduan_sampel
from kinerja.renstra import tautan
from kinerja.renstra.anggaran import muat_anggaran_demo
from kinerja.renstra.sampel import muat_renstra
from kinerja.renstra.selectors import muat_rencana
from kinerja.rtkeren.sampel import hapus_kegiatan, muat_rt_keren
from kinerja.sakip import sampel as sakip_sampel
from kinerja.skm import sampel as skm_sampel
from kinerja.wilayah.models import PerangkatDaerah


def muat_layanan(pd: PerangkatDaerah) -> dict[str, int]:
    """Service standards, kiosks and the demonstration year of services, surveys and complaints.

    The three generators share one seeded random stream (``layanan.sampel.TahunDemo``), so they
    are called in this order every time.
    """
    jenis = layanan_sampel.muat_katalog(pd)
    skm_sampel.muat_kios(pd)
    tahun = layanan_sampel.tahun_demo(pd)
    pelayanan = layanan_sampel.muat_pelayanan(tahun)
    respons = skm_sampel.muat_respons(tahun, pelayanan)
    aduan = pengaduan_sampel.muat_pengaduan(pd, tahun)
    return {"jenis layanan": jenis, "pelayanan": len(pelayanan), "respons": respons, "pengaduan": aduan}


@transaction.atomic
def muat_sampel(*, pengguna=None, kecamatan_demo: bool = False) -> str:
    """Replace the database's plans with the Sananwetan sample; returns a summary line.

    ``kecamatan_demo``: also open the two demonstration kecamatan of Kota Blitar (``demo.kecamatan``)
    so that Bappeda's page of the whole kota has more than one PD to compare. The demonstration site
    (first start, ``kinerja sampel``) asks for them; the tests load Sananwetan alone unless a test
    asks, so that their counts (PDs, units, inbox items, the portal's only PD) stay those of one
    kecamatan."""
    hapus_kegiatan()
    hapus_persetujuan()
    pemuat = muat_renstra(pengguna=pengguna)
    # The document links no Tabel 6.1 indicator to its Tabel 6.2 successor; the demonstration
    # confirms the system's certain proposals as a planner would, labelled as demonstration.
    tautan_demo = tautan.tautkan_usulan_pasti(
        pengguna=pengguna or SISTEM,
        r=muat_rencana(pemuat.versi),
        sumber=tautan.S.DEMO,
        alasan="Usulan pasti (unsur, lokasi dan satuan sama) dikonfirmasi sebagai data demonstrasi.",
    )
    PemdaDemo.objects.get_or_create(pemda=pemuat.pd.pemda)
    akun = buat_akun_demo(pd=pemuat.pd)
    layanan = muat_layanan(pemuat.pd)
    sejarah = muat_sejarah(pemuat.versi)
    # The demonstration APBD comes before the demonstration realisations, which spend it.
    apbd = muat_anggaran_demo(pengguna=pengguna or SISTEM, versi=pemuat.versi, tahun=TAHUN_DEMO)
    demo = muat_demo(pemuat.versi)
    rt = muat_rt_keren(pemuat.versi)
    lain = muat_kecamatan_demo(pemuat.pd.pemda) if kecamatan_demo else []
    tambahan = "".join(f"; {x}" for x in sampel_tambahan.jalankan(pemuat.versi))
    sakip_sampel.muat_demo(pemuat.versi, TAHUN_DEMO)
    h = pemuat.hitung
    return (
        f"Data contoh dimuat: {pemuat.pd}, {h['lokasi']} lokasi, {h['unsur rencana']} unsur rencana, "
        f"{h['indikator']} indikator, {h['target']} target, {h['pagu']} pagu, "
        f"{h['baris tercetak']} baris tercetak, {h['aset']} catatan aset, {h['pegawai']} pegawai demonstrasi, {tautan_demo} tautan indikator demonstrasi; {sejarah} realisasi dari dokumen, "
        f"{apbd} anggaran APBD murni demonstrasi {TAHUN_DEMO}, {demo['realisasi']} realisasi dan {demo['realisasi anggaran']} realisasi anggaran "
        f"demonstrasi {TAHUN_DEMO}, "
        f"{demo['laporan']} laporan triwulan; {layanan['jenis layanan']} standar layanan, {layanan['pelayanan']} catatan "
        f"pelayanan, {layanan['respons']} kuesioner SKM dan {layanan['pengaduan']} pengaduan demonstrasi; "
        f"{rt['rt']} RT dengan {rt['rembug']} rembug warga, {rt['usulan']} usulan dan {rt['musrenbang']} musrenbang "
        f"RT Keren demonstrasi {TAHUN_DEMO}{tambahan}; evaluasi SAKIP demonstrasi {TAHUN_DEMO}; {len(akun)} akun demo"
        + (f"; {len(lain)} kecamatan demonstrasi: {', '.join(pd.nama for pd in lain)}." if lain else ".")
    )
