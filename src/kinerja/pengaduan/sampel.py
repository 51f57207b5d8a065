"""Complaints of the sample: categories and the demonstration complaints with their replies.

The complaints continue the random stream of the demonstration year (``layanan.sampel``), so
every load gives the same ones.
"""

from __future__ import annotations

from kinerja.layanan.kalender import tambah_hari_kerja
from kinerja.layanan.sampel import TahunDemo, waktu_pada
from kinerja.pengaduan.models import Kategori, Pengaduan, Tanggapan
from kinerja.pengaduan.services import ALUR
from kinerja.wilayah.models import PerangkatDaerah

KATEGORI = (
    ("Pelayanan administrasi", 5),
    ("Perilaku petugas", 3),
    ("Ketentraman dan ketertiban", 3),
    ("Infrastruktur dan lingkungan", 10),
    ("Sosial dan kesejahteraan", 7),
)
ADUAN = (
    (
        "Surat keterangan belum selesai",
        "Pengajuan surat keterangan sudah lebih dari jangka waktu yang dijanjikan tetapi belum bisa diambil.",
        0,
    ),
    (
        "Petugas loket tidak ada di tempat",
        "Pada jam pelayanan loket kosong cukup lama sehingga antrean menumpuk.",
        1,
    ),
    (
        "Lampu penerangan jalan padam",
        "Lampu penerangan jalan di gang dekat musala padam lebih dari seminggu.",
        3,
    ),
    (
        "Saluran air tersumbat",
        "Saluran air di depan rumah warga tersumbat sampah sehingga meluap saat hujan.",
        3,
    ),
    (
        "Suara musik sampai larut malam",
        "Ada kegiatan hiburan yang memutar musik keras sampai lewat tengah malam.",
        2,
    ),
    (
        "Persyaratan berbeda dengan informasi",
        "Persyaratan yang diminta di loket berbeda dengan yang ditempel di papan informasi.",
        0,
    ),
    (
        "Bantuan sosial belum diterima",
        "Nama sudah terdaftar sebagai penerima bantuan tetapi bantuan belum diterima.",
        4,
    ),
    ("Parkir menghalangi jalan", "Kendaraan parkir di badan jalan sehingga menghalangi warga yang lewat.", 2),
)
TANGGAPAN = {
    "diverifikasi": "Pengaduan sudah kami terima dan periksa; petugas sedang menindaklanjuti.",
    "ditindaklanjuti": "Petugas sudah turun ke lokasi dan berkoordinasi dengan pihak terkait.",
    "selesai": "Permasalahan sudah diselesaikan. Terima kasih atas laporannya.",
    "ditolak": "Pengaduan bukan kewenangan kecamatan/kelurahan; sudah kami teruskan kepada perangkat daerah yang berwenang.",
}


def muat_pengaduan(pd: PerangkatDaerah, d: TahunDemo) -> int:
    """Forty complaints walked through their states; returns how many."""
    kategori = {
        nama: Kategori.objects.create(pd=pd, nama=nama, batas_hari=hari, urutan=i)
        for i, (nama, hari) in enumerate(KATEGORI)
    }
    nama_kategori = [k for k, _ in KATEGORI]
    aduan = 0

    for i in range(40):
        judul, isi, k = ADUAN[i % len(ADUAN)]
        kat = kategori[nama_kategori[k]]
        u = d.acak.choice(d.units)
        hari = d.acak.choice(d.hari_kerja[:-20])
        diterima = waktu_pada(hari, d.acak.randint(0, 420))
        anonim = d.acak.random() < 0.3
        adu = Pengaduan.objects.create(
            pd=pd,
            unit=u,
            kategori=kat,
            kanal=d.acak.choice(Pengaduan.Kanal.values),
            nomor_lapor="",
            judul=judul,
            isi=isi,
            anonim=anonim,
            nama_pelapor="" if anonim else f"Warga {u.nama_pendek} {i + 1}",
            kontak_pelapor="" if anonim else f"0812-0000-{i + 1:04d}",
            diterima_pada=diterima,
            batas=tambah_hari_kerja(hari, kat.batas_hari, d.libur),
            demo=True,
        )
        if adu.kanal == Pengaduan.Kanal.LAPOR:
            adu.nomor_lapor = f"LAPOR-{d.tahun}{i + 1:05d}"
        # Walk the complaint through its states; a few stay open (two of them past their deadline).
        akhir = (
            "ditolak"
            if i % 13 == 5
            else ("ditindaklanjuti" if i in (3, 17) else ("diverifikasi" if i == 29 else "selesai"))
        )
        jalan = {
            "ditolak": ["ditolak"],
            "diverifikasi": ["diverifikasi"],
            "ditindaklanjuti": ["diverifikasi", "ditindaklanjuti"],
        }.get(akhir, ["diverifikasi", "ditindaklanjuti", "selesai"])
        i_hari = d.hari_kerja.index(hari)
        langkah_hari = 0
        status = adu.status
        for s in jalan:
            assert s in ALUR[status]
            langkah_hari += d.acak.randint(0, max(1, kat.batas_hari // 2)) + (
                2 if d.acak.random() < 0.15 else 0
            )
            waktu = waktu_pada(
                d.hari_kerja[min(i_hari + langkah_hari, len(d.hari_kerja) - 1)], d.acak.randint(60, 400)
            )
            Tanggapan.objects.create(pengaduan=adu, waktu=waktu, isi=TANGGAPAN[s], status=s)
            if s == "ditindaklanjuti":
                adu.ditindaklanjuti_pada = waktu
            if s in ("selesai", "ditolak"):
                adu.selesai_pada = waktu
                if s == "ditolak":
                    adu.alasan_tolak = TANGGAPAN[s]
            status = s
        adu.status = status
        adu.save()
        aduan += 1
    return aduan
