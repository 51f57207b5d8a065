"""Public-service data of the sample: the catalogue, holidays, and a demonstration year.

* ``layanan.csv``: service standards of a kecamatan office (PATEN) and of a kelurahan in Kota
  Blitar, written from published standards of other Indonesian cities — an example catalogue,
  not Sananwetan's own (the document only counts 13 services per kelurahan).
* ``hari_libur.csv``: national holidays and cuti bersama 2022–2023 (SKB 3 Menteri as amended).
* Demonstration 2022: services logged at every counter, questionnaires from which the IKM is
  computed, and complaints, generated with a fixed seed (the same on every load) and marked as
  demonstration data everywhere they are shown.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from kinerja.core.pembulatan import bulat
from kinerja.layanan.kalender import hari_kerja, tambah_hari_kerja
from kinerja.layanan.models import HariLibur, JenisLayanan, Pelayanan
from kinerja.layanan.services import _nilai_akhir
from kinerja.pengaduan.models import Kategori, Pengaduan, Tanggapan
from kinerja.pengaduan.services import ALUR
from kinerja.renstra.sampel import baca_csv
from kinerja.skm.models import Kios, Respons
from kinerja.wilayah.models import PerangkatDaerah

TAHUN = 2022
# Services a year per counter, and questionnaires per unit (Rembang's too few for its volume,
# so that the results page shows an insufficient sample).
VOLUME = {"kantor": 2600, "kelurahan": 950}
RESPONS = {"kantor": 380, "kelurahan": 300, "Rembang": 190}
# Quality of each unit's service (shifts its answers and times a little).
MUTU = {
    "Kecamatan": 0.2,
    "Gedog": 0.05,
    "Bendogerit": 0.1,
    "Sananwetan": 0.0,
    "Karangtengah": -0.05,
    "Plosokerep": 0.08,
    "Klampok": 0.12,
    "Rembang": -0.15,
}
# Unsur that service users rate lower or higher than the rest (waiting time, facilities; free of charge).
GESER_UNSUR = {"U3": -0.35, "U9": -0.3, "U8": -0.15, "U4": 0.45, "U7": 0.1}
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


def muat_katalog(pd: PerangkatDaerah) -> int:
    units = [u for u in pd.unit_set.order_by("urutan") if u.adalah_lokasi]
    baru = []
    for i, r in enumerate(baca_csv("layanan.csv"), start=1):
        for u in units:
            if (r["unit"] == "kecamatan") != u.adalah_kantor:
                continue
            baru.append(
                JenisLayanan(
                    unit=u,
                    kode=r["kode"],
                    nama=r["nama"],
                    slug=slugify(r["nama"])[:80],
                    kelompok=r["kelompok"],
                    persyaratan="\n".join(x.strip() for x in r["persyaratan"].split(" | ")),
                    prosedur="\n".join(x.strip() for x in r["prosedur"].split(" | ")),
                    jangka_waktu=int(r["jangka_waktu"]),
                    satuan_waktu=r["satuan_waktu"],
                    biaya=r["biaya"],
                    produk=r["produk"],
                    penanganan_pengaduan=r["penanganan_pengaduan"],
                    dasar_hukum=r["dasar_hukum"],
                    urutan=i,
                )
            )
    JenisLayanan.objects.bulk_create(baru)
    HariLibur.objects.bulk_create(
        [
            HariLibur(tanggal=dt.date.fromisoformat(r["tanggal"]), nama=r["nama"])
            for r in baca_csv("hari_libur.csv")
        ],
        ignore_conflicts=True,
    )
    for u in units:
        Kios.objects.create(unit=u, nama=f"Anjungan layanan {u.nama_pendek}")
    return len(baru)


def _waktu(tanggal: dt.date, menit: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(tanggal, dt.time(8, 0)) + dt.timedelta(minutes=menit))


def _selesai(
    acak, jenis: JenisLayanan, mulai: dt.datetime, mutu: float, hari_kerja_tahun: list[dt.date]
) -> dt.datetime:
    """When a demonstration service finished: mostly within its standard, sometimes late."""
    telat = acak.random() < 0.05 - mutu * 0.1
    S = JenisLayanan.SatuanWaktu
    if jenis.satuan_waktu in (S.MENIT, S.JAM):
        batas = jenis.jangka_waktu * (60 if jenis.satuan_waktu == S.JAM else 1)
        lama = batas * (1.1 + acak.random()) if telat else batas * (0.3 + 0.65 * acak.random())
        return mulai + dt.timedelta(minutes=lama)
    hari = timezone.localtime(mulai).date()
    i = hari_kerja_tahun.index(hari)
    tambah = (
        jenis.jangka_waktu + acak.randint(0, 2) if telat else acak.randint(0, max(jenis.jangka_waktu - 1, 0))
    )
    hari_akhir = hari_kerja_tahun[min(i + tambah, len(hari_kerja_tahun) - 1)]
    return _waktu(hari_akhir, acak.randint(300, 420))


def _jawaban(acak, dasar: float) -> dict[str, int]:
    hasil = {}
    for i in range(1, 10):
        u = f"U{i}"
        x = 3.35 + dasar + GESER_UNSUR.get(u, 0) + acak.gauss(0, 0.55)
        hasil[f"u{i}"] = min(4, max(1, int(bulat(x, 0))))
    return hasil


def muat_demonstrasi(pd: PerangkatDaerah, *, tahun: int = TAHUN) -> dict[str, int]:
    acak = random.Random(f"kinerja-sampel-layanan-{tahun}")
    libur = set(HariLibur.objects.filter(tanggal__year=tahun).values_list("tanggal", flat=True))
    hari_kerja_tahun = [
        d
        for d in (dt.date(tahun, 1, 1) + dt.timedelta(days=n) for n in range(366))
        if d.year == tahun and hari_kerja(d, libur)
    ]
    units = [u for u in pd.unit_set.order_by("urutan") if u.adalah_lokasi]
    jenis_unit = {u.pk: list(JenisLayanan.objects.filter(unit=u).order_by("urutan")) for u in units}
    pelayanan = []
    for u in units:
        mutu = MUTU.get(u.nama_pendek, 0.0)
        jumlah = VOLUME["kantor" if u.adalah_kantor else "kelurahan"]
        jenis = jenis_unit[u.pk]
        bobot = [1.0 / (1 + i * 0.35) for i in range(len(jenis))]  # the first services are the common ones
        hari_terpilih = sorted(acak.choice(hari_kerja_tahun) for _ in range(jumlah))
        nomor: dict[dt.date, int] = {}
        for hari in hari_terpilih:
            j = acak.choices(jenis, weights=bobot)[0]
            nomor[hari] = nomor.get(hari, 0) + 1
            mulai = _waktu(hari, acak.randint(0, 390))
            lengkap = acak.random() > 0.04
            r = acak.random()
            # Now and then an incomplete application is processed anyway: not to standard.
            diproses = lengkap or acak.random() < 0.3
            hasil = (
                Pelayanan.Hasil.DIALIHKAN
                if r < 0.01
                else (Pelayanan.Hasil.SELESAI if diproses else Pelayanan.Hasil.DITOLAK)
            )
            selesai = (
                mulai + dt.timedelta(minutes=acak.randint(5, 20))
                if not diproses
                else _selesai(acak, j, mulai, mutu, hari_kerja_tahun)
            )
            p = Pelayanan(
                unit=u,
                jenis=j,
                nomor=f"{hari:%Y%m%d}-{nomor[hari]:03d}",
                diterima=mulai,
                selesai=selesai,
                syarat_lengkap=lengkap,
                hasil=hasil,
                demo=True,
            )
            _nilai_akhir(p, libur)
            pelayanan.append(p)
    Pelayanan.objects.bulk_create(pelayanan, batch_size=2000)

    respons = []
    kios = {k.unit_id: k for k in Kios.objects.filter(unit__in=units)}
    per_unit: dict[int, list[Pelayanan]] = {}
    for p in pelayanan:
        if p.hasil != Pelayanan.Hasil.DIALIHKAN:
            per_unit.setdefault(p.unit_id, []).append(p)
    profil = {
        "jenis_kelamin": Respons.JenisKelamin.values,
        "pendidikan": Respons.Pendidikan.values,
        "pekerjaan": Respons.Pekerjaan.values,
    }
    for u in units:
        n = RESPONS.get(u.nama_pendek) or RESPONS["kantor" if u.adalah_kantor else "kelurahan"]
        contoh = acak.sample(per_unit[u.pk], min(n, len(per_unit[u.pk])))
        for p in contoh:
            dasar = MUTU.get(u.nama_pendek, 0.0) + (0.15 if p.tepat_waktu else -0.35)
            respons.append(
                Respons(
                    unit=u,
                    jenis_layanan=p.jenis,
                    kios=kios.get(u.pk),
                    id_klien=uuid.UUID(int=acak.getrandbits(128), version=4),
                    waktu=p.selesai + dt.timedelta(minutes=acak.randint(1, 15)),
                    sumber=Respons.Sumber.DEMO,
                    umur=acak.randint(18, 70),
                    jenis_kelamin=acak.choice(profil["jenis_kelamin"]),
                    pendidikan=acak.choice(profil["pendidikan"]),
                    pekerjaan=acak.choice(profil["pekerjaan"]),
                    **_jawaban(acak, dasar),
                )
            )
    Respons.objects.bulk_create(respons, batch_size=2000)

    kategori = {
        nama: Kategori.objects.create(pd=pd, nama=nama, batas_hari=hari, urutan=i)
        for i, (nama, hari) in enumerate(KATEGORI)
    }
    nama_kategori = [k for k, _ in KATEGORI]
    aduan = 0

    for i in range(40):
        judul, isi, k = ADUAN[i % len(ADUAN)]
        kat = kategori[nama_kategori[k]]
        u = acak.choice(units)
        hari = acak.choice(hari_kerja_tahun[:-20])
        diterima = _waktu(hari, acak.randint(0, 420))
        anonim = acak.random() < 0.3
        adu = Pengaduan.objects.create(
            pd=pd,
            unit=u,
            kategori=kat,
            kanal=acak.choice(Pengaduan.Kanal.values),
            nomor_lapor="",
            judul=judul,
            isi=isi,
            anonim=anonim,
            nama_pelapor="" if anonim else f"Warga {u.nama_pendek} {i + 1}",
            kontak_pelapor="" if anonim else f"0812-0000-{i + 1:04d}",
            diterima_pada=diterima,
            batas=tambah_hari_kerja(hari, kat.batas_hari, libur),
            demo=True,
        )
        if adu.kanal == Pengaduan.Kanal.LAPOR:
            adu.nomor_lapor = f"LAPOR-{tahun}{i + 1:05d}"
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
        i_hari = hari_kerja_tahun.index(hari)
        langkah_hari = 0
        status = adu.status
        for s in jalan:
            assert s in ALUR[status]
            langkah_hari += acak.randint(0, max(1, kat.batas_hari // 2)) + (2 if acak.random() < 0.15 else 0)
            waktu = _waktu(
                hari_kerja_tahun[min(i_hari + langkah_hari, len(hari_kerja_tahun) - 1)], acak.randint(60, 400)
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
    return {"pelayanan": len(pelayanan), "respons": len(respons), "pengaduan": aduan}


@transaction.atomic
def muat(pd: PerangkatDaerah) -> dict[str, int]:
    jenis = muat_katalog(pd)
    return {"jenis layanan": jenis, **muat_demonstrasi(pd)}
