"""Small hand-made plans for the checker and page tests."""

from __future__ import annotations

import itertools
from decimal import Decimal

from kinerja.core.pelaku import SISTEM
from kinerja.renstra import services
from kinerja.renstra.models import RPJMD, BarisCetak, Misi, Naskah, PlanNode, SumberDokumen
from kinerja.wilayah.models import Kecamatan, Pemda, PerangkatDaerah, Unit

T = PlanNode.Tingkat
_NOMOR = itertools.count(1)


class RencanaKecil:
    """A kecamatan with its office and two kelurahan, and an empty Renstra 2021–2026."""

    def __init__(self, nama: str = "Contoh", *, laju: str | None = "0.05"):
        slug = nama.lower()
        self.pemda = Pemda.objects.create(
            kode=f"99.{next(_NOMOR):02d}", nama=f"Kota Uji {nama}", jenis="kota", slug=f"kota-uji-{slug}"
        )
        kec = Kecamatan.objects.create(pemda=self.pemda, nama=nama)
        Kecamatan.objects.create(pemda=self.pemda, nama="Sukamaju")
        self.pd = PerangkatDaerah.objects.create(
            pemda=self.pemda,
            nama=f"Kecamatan {nama}",
            slug=f"kecamatan-{slug}",
            kode_bidang="7.01",
            kecamatan=kec,
        )
        self.kantor = Unit.objects.create(
            pd=self.pd, jenis="kantor", nama=f"Kecamatan {nama}", nama_pendek="Kecamatan", urutan=1
        )
        self.gedog = Unit.objects.create(
            pd=self.pd,
            jenis="kelurahan",
            nama="Kelurahan Gedog",
            nama_pendek="Gedog",
            urutan=2,
            induk=self.kantor,
        )
        self.rembang = Unit.objects.create(
            pd=self.pd,
            jenis="kelurahan",
            nama="Kelurahan Rembang",
            nama_pendek="Rembang",
            urutan=3,
            induk=self.kantor,
        )
        self.rpjmd = RPJMD.objects.create(
            pemda=self.pemda, tahun_mulai=2021, tahun_akhir=2026, visi="Kota Uji Sejahtera"
        )
        for i in range(1, 6):
            Misi.objects.create(rpjmd=self.rpjmd, nomor=i, teks=f"Misi nomor {i}")
        self.versi = services.buat_versi(
            pd=self.pd,
            nama=f"Renstra {nama}",
            jenis="perubahan",
            tahun_mulai=2021,
            tahun_akhir=2026,
            tahun_rencana_awal=2022,
            tahun_kondisi_awal=2020,
            rpjmd=self.rpjmd,
            laju_pagu=Decimal(laju) if laju else None,
            laju_pagu_mulai=2023 if laju else None,
            pengguna=SISTEM,
        )
        self.sumber = SumberDokumen.objects.create(versi=self.versi, jenis="teks", judul="Dokumen uji")
        self._urut = 0

    def node(self, tingkat: int, nama: str, induk=None, kode: str = "") -> PlanNode:
        return services.tambah_node(
            versi=self.versi, tingkat=tingkat, nama=nama, induk=induk, kode=kode, pengguna=SISTEM
        )

    def rantai(self, *, kode_sub: str = "7.01.02.2.01.0001") -> dict[str, PlanNode]:
        """tujuan → sasaran → program → kegiatan → sub kegiatan, with real nomenclature codes."""
        tujuan = self.node(T.TUJUAN, "Meningkatnya pelayanan")
        sasaran = self.node(T.SASARAN, "Meningkatnya kualitas pelayanan", tujuan)
        program = self.node(
            T.PROGRAM, "Program penyelenggaraan pemerintahan dan pelayanan publik", sasaran, "7.01.02"
        )
        kegiatan = self.node(
            T.KEGIATAN,
            "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
            program,
            "7.01.02.2.01",
        )
        sub = self.node(
            T.SUB_KEGIATAN,
            "Koordinasi/Sinergi Perencanaan dan Pelaksanaan Kegiatan Pemerintahan dengan Perangkat Daerah dan Instansi Vertikal Terkait",
            kegiatan,
            kode_sub,
        )
        return {"tujuan": tujuan, "sasaran": sasaran, "program": program, "kegiatan": kegiatan, "sub": sub}

    def ind(self, node, nama: str, satuan: str = "Dokumen", **kw):
        return services.tambah_indikator(node=node, nama=nama, satuan=satuan, pengguna=SISTEM, **kw)

    def target(self, ind, tahun: int, teks: str, lokasi=None, baris=None):
        return services.set_target(
            indikator=ind, tahun=tahun, teks=teks, lokasi=lokasi, sumber_baris=baris, pengguna=SISTEM
        )

    def pagu(self, node, tahun: int, jumlah, lokasi=None, baris=None):
        return services.set_pagu(
            node=node, tahun=tahun, jumlah=Decimal(jumlah), lokasi=lokasi, sumber_baris=baris, pengguna=SISTEM
        )

    def cetak(
        self, tabel: str, baris: int, sel: dict, *, node=None, ind=None, lokasi=None, tingkat: str = ""
    ) -> BarisCetak:
        self._urut += 1
        return BarisCetak.objects.create(
            sumber=self.sumber,
            tabel=tabel,
            urutan=self._urut,
            baris=baris,
            sel=sel,
            node=node,
            indikator=ind,
            lokasi=lokasi,
            tingkat=tingkat,
        )

    def naskah(self, kunci: str, teks: str, baris: int = 1, urutan: int = 1):
        return Naskah.objects.create(
            versi=self.versi, kunci=kunci, teks=teks, sumber_baris=baris, urutan=urutan
        )

    def periksa(self, kode: str | None = None):
        from kinerja.renstra.periksa import periksa

        hasil = periksa(self.versi)
        return [t for t in hasil if kode is None or t.code == kode]
