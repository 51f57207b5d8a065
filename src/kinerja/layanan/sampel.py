"""Public-service data of the sample: the catalogue, holidays, and a demonstration year.

* ``layanan.csv``: service standards of a kecamatan office (PATEN) and of a kelurahan in Kota
  Blitar, written from published standards of other Indonesian cities — an example catalogue,
  not Sananwetan's own (the document only counts 13 services per kelurahan).
* ``hari_libur.csv``: national holidays and cuti bersama 2022–2023 (SKB 3 Menteri as amended).
* Demonstration 2022: services logged at every counter, generated with a fixed seed (the same on
  every load) and marked as demonstration data everywhere they are shown. The questionnaires
  (``skm.sampel``) and complaints (``pengaduan.sampel``) of that year continue the same random
  stream; ``kinerja.demo`` calls the three in order.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify

from kinerja.data import baca_csv_sampel
from kinerja.layanan.kalender import hari_kerja
from kinerja.layanan.libur import jenis_dari_nama
from kinerja.layanan.models import HariLibur, JenisLayanan, Pelayanan, VersiLayanan
from kinerja.layanan.services import _nilai_akhir
from kinerja.layanan.standar import isi_dari
from kinerja.wilayah.models import PerangkatDaerah, Unit

TAHUN = 2022
# Services a year per counter.
VOLUME = {"kantor": 2600, "kelurahan": 950}
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


def muat_katalog(pd: PerangkatDaerah) -> int:
    """The service standards of every counter of the PD, and the holidays; returns the standards."""
    units = [u for u in pd.unit_set.order_by("urutan") if u.adalah_lokasi]
    baru = []
    for i, r in enumerate(baca_csv_sampel("layanan.csv"), start=1):
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
    # Each standard's text as loaded is its version 1, so the first change shows what it replaced.
    sekarang = timezone.now()
    VersiLayanan.objects.bulk_create(
        VersiLayanan(
            jenis=j,
            nomor=1,
            isi=isi_dari(j),
            slug=j.slug,
            waktu=sekarang,
            nama_pelaku="data contoh",
            alasan="Dimuat dari katalog contoh",
        )
        for j in baru
    )
    HariLibur.objects.bulk_create(
        [
            HariLibur(
                tanggal=dt.date.fromisoformat(r["tanggal"]), nama=r["nama"], jenis=jenis_dari_nama(r["nama"])
            )
            for r in baca_csv_sampel("hari_libur.csv")
        ],
        ignore_conflicts=True,
    )
    return len(baru)


def waktu_pada(tanggal: dt.date, menit: int) -> dt.datetime:
    """``menit`` minutes after 08:00 on a day, local time."""
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
    return waktu_pada(hari_akhir, acak.randint(300, 420))


@dataclass
class TahunDemo:
    """What the demonstration generators of layanan, skm and pengaduan share for one year.

    One seeded random stream, consumed in a fixed order (services, then questionnaires, then
    complaints), so that every load gives the same records.
    """

    tahun: int
    acak: random.Random
    libur: set[dt.date]
    hari_kerja: list[dt.date]
    units: list[Unit]


def tahun_demo(pd: PerangkatDaerah, *, tahun: int = TAHUN) -> TahunDemo:
    """The seeded stream, holidays, working days and counters of a demonstration year."""
    acak = random.Random(f"kinerja-sampel-layanan-{tahun}")
    libur = set(HariLibur.objects.filter(tanggal__year=tahun).values_list("tanggal", flat=True))
    hari_kerja_tahun = [
        d
        for d in (dt.date(tahun, 1, 1) + dt.timedelta(days=n) for n in range(366))
        if d.year == tahun and hari_kerja(d, libur)
    ]
    units = [u for u in pd.unit_set.order_by("urutan") if u.adalah_lokasi]
    return TahunDemo(tahun, acak, libur, hari_kerja_tahun, units)


def muat_pelayanan(d: TahunDemo) -> list[Pelayanan]:
    """The year's services at every counter of the PD."""
    jenis_unit = {u.pk: list(JenisLayanan.objects.filter(unit=u).order_by("urutan")) for u in d.units}
    pelayanan = []
    for u in d.units:
        mutu = MUTU.get(u.nama_pendek, 0.0)
        jumlah = VOLUME["kantor" if u.adalah_kantor else "kelurahan"]
        jenis = jenis_unit[u.pk]
        bobot = [1.0 / (1 + i * 0.35) for i in range(len(jenis))]  # the first services are the common ones
        hari_terpilih = sorted(d.acak.choice(d.hari_kerja) for _ in range(jumlah))
        nomor: dict[dt.date, int] = {}
        for hari in hari_terpilih:
            j = d.acak.choices(jenis, weights=bobot)[0]
            nomor[hari] = nomor.get(hari, 0) + 1
            mulai = waktu_pada(hari, d.acak.randint(0, 390))
            lengkap = d.acak.random() > 0.04
            r = d.acak.random()
            # Now and then an incomplete application is processed anyway: not to standard.
            diproses = lengkap or d.acak.random() < 0.3
            hasil = (
                Pelayanan.Hasil.DIALIHKAN
                if r < 0.01
                else (Pelayanan.Hasil.SELESAI if diproses else Pelayanan.Hasil.DITOLAK)
            )
            selesai = (
                mulai + dt.timedelta(minutes=d.acak.randint(5, 20))
                if not diproses
                else _selesai(d.acak, j, mulai, mutu, d.hari_kerja)
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
            _nilai_akhir(p, d.libur)
            pelayanan.append(p)
    Pelayanan.objects.bulk_create(pelayanan, batch_size=2000)
    return pelayanan
