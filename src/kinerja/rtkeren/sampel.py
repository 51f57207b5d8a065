"""The demonstration RT Keren year: every RT of the sample's kelurahan with rembug warga, proposals,
an allocation, activities and their spending, and the musrenbang kelurahan and kecamatan.

What the document gives, and is kept: the number of RTs per kelurahan is its 2022 target of
"Jumlah RT yang penyerapan anggarannya 75%" (every RT is expected to reach it: Gedog 50, Bendogerit
45, Sananwetan 60, Karangtengah 36, Plosokerep 22, Klampok 24, Rembang 14 = 251 RT); the allocations
of a kelurahan's RTs add up exactly to that kelurahan's 2022 pagu of the sub kegiatan "Pemberdayaan
Masyarakat di Kelurahan" (between Rp 63 and 78 juta per RT, inside the document's Rp 50–100 juta).
What it does not give, and is invented here, deterministically (the same every time) and labelled
as demonstration: five RTs per RW, the dates, attendance, proposals and spending. A few RTs hold no
rembug or spend less than 75 %, more of them in Rembang, so that one kelurahan is not berdaya.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from kinerja.core.pembulatan import bulat_ke_bawah
from kinerja.renstra.models import Indikator, Pagu, PlanNode, RenstraVersi
from kinerja.wilayah.models import PerangkatDaerah, RukunTetangga, Unit

from .models import Alokasi, KegiatanRt, Musrenbang, RealisasiRt, RembugWarga, Usulan

TAHUN = 2022
RT_PER_RW = 5
SUB_KEGIATAN = "Pemberdayaan Masyarakat di Kelurahan"
INDIKATOR_JUMLAH_RT = "Jumlah RT yang penyerapan anggarannya 75%"
# Share (percent) of a kelurahan's RTs that fall short in the demonstration year.
LEMAH = {"Rembang": 40}
LEMAH_BAWAAN = 8
TANDA = "Data demonstrasi RT Keren"


def ada_data_demo(pd: PerangkatDaerah, tahun: int, unit_ids: list[int] | None = None) -> bool:
    """Whether the year's RT Keren records of the PD (or of these kelurahan) include this sample's
    demonstration rembug warga, so that the pages can say so (one query)."""
    qs = RembugWarga.objects.filter(rt__unit__pd=pd, tanggal__year=tahun, notulen__startswith=TANDA)
    if unit_ids is not None:
        qs = qs.filter(rt__unit_id__in=unit_ids)
    return qs.exists()


USULAN = [
    ("fisik", "Paving jalan lingkungan", "m²"),
    ("fisik", "Perbaikan saluran air (drainase)", "m"),
    ("fisik", "Penerangan jalan umum tenaga surya", "titik"),
    ("fisik", "Rehabilitasi pos kamling", "unit"),
    ("non_fisik", "Pelatihan usaha mikro warga", "orang"),
    ("non_fisik", "Pemberian makanan tambahan posyandu balita dan lansia", "paket"),
    ("non_fisik", "Peralatan kebersihan dan tempat sampah terpilah", "paket"),
    ("non_fisik", "Kegiatan karang taruna dan olahraga warga", "kegiatan"),
]


def _jumlah_rt(versi: RenstraVersi) -> dict[int, int]:
    """RTs per kelurahan: the 2022 target of the penyerapan indicator ("50 RT" → 50)."""
    ind = Indikator.objects.filter(node__versi=versi, nama=INDIKATOR_JUMLAH_RT).first()
    if ind is None:
        return {}
    hasil = {}
    for t in ind.target_set.filter(tahun=TAHUN, lokasi__isnull=False):
        hasil[t.lokasi_id] = int(t.teks.split()[0])
    return hasil


def _rupiah(x) -> Decimal:
    return bulat_ke_bawah(Decimal(x) / 1000) * 1000


def _rembug(rt: RukunTetangga, rng: random.Random, n: int) -> list[RembugWarga]:
    hasil = []
    for k in range(n):
        bulan = 1 + k * 3 + rng.randrange(2)
        laki = rng.randint(12, 30)
        hasil.append(
            RembugWarga.objects.create(
                rt=rt,
                tanggal=dt.date(TAHUN, bulan, rng.randint(3, 27)),
                tempat=rng.choice(["Rumah ketua RT", "Pos kamling", "Balai RW", "Musala"]),
                hadir_laki=laki,
                hadir_perempuan=rng.randint(10, 28),
                notulen=f"{TANDA}: warga membahas dan mengurutkan usulan kegiatan RT Keren {TAHUN}.",
            )
        )
    return hasil


def _usulan(rembug: RembugWarga, rng: random.Random, pagu: Decimal) -> tuple[list[Usulan], list[Usulan]]:
    """Four ranked proposals: the first three share the pagu exactly, the fourth goes to musrenbang."""
    pilih = rng.sample(USULAN, 4)
    biaya = [_rupiah(pagu * Decimal("0.45")), _rupiah(pagu * Decimal("0.35"))]
    biaya.append(pagu - sum(biaya))
    biaya.append(_rupiah(pagu * Decimal(rng.randint(20, 60)) / 100))
    dibuat = []
    for i, ((bidang, uraian, satuan), rp) in enumerate(zip(pilih, biaya, strict=True)):
        dibuat.append(
            Usulan.objects.create(
                rembug=rembug,
                tahun=TAHUN,
                prioritas=i + 1,
                bidang=bidang,
                uraian=uraian,
                volume=Decimal(rng.randint(2, 40) * (10 if satuan in ("m²", "m") else 1)),
                satuan=satuan,
                perkiraan_biaya=rp,
                lokasi=f"Lingkungan RT {rembug.rt.nomor:03d}",
                status=Usulan.Status.DIDANAI if i < 3 else Usulan.Status.MUSRENBANG_KELURAHAN,
            )
        )
    return dibuat[:3], dibuat[3:]


def _belanja(usulan: list[Usulan], rng: random.Random, serapan: Decimal) -> None:
    """Spend ``serapan`` of each funded proposal in three payments (May, August, November)."""
    for u in usulan:
        k = KegiatanRt.objects.create(
            usulan=u,
            nama=u.uraian,
            lpj=KegiatanRt.Lpj.DITERIMA if serapan >= Decimal("0.75") else KegiatanRt.Lpj.DIAJUKAN,
        )
        total = _rupiah(u.perkiraan_biaya * serapan)
        bagian = [_rupiah(total * Decimal("0.3")), _rupiah(total * Decimal("0.4"))]
        bagian.append(total - sum(bagian))
        fisik = [Decimal(30), Decimal(70), bulat_ke_bawah(serapan * 100)]
        for bulan, rp, f in zip((5, 8, 11), bagian, fisik, strict=True):
            RealisasiRt.objects.create(
                kegiatan=k,
                tanggal=dt.date(TAHUN, bulan, rng.randint(2, 26)),
                jumlah=rp,
                fisik=f,
                keterangan=TANDA,
            )


def _musrenbang(pd: PerangkatDaerah, kelurahan: list[Unit], naik: dict[int, list[Usulan]], rng) -> int:
    """The musrenbang kelurahan (February) and kecamatan (March) of the year on the forwarded proposals."""
    kec = Musrenbang.objects.create(
        pd=pd,
        tingkat=Musrenbang.Tingkat.KECAMATAN,
        tahun=TAHUN,
        tanggal=dt.date(TAHUN, 3, 10),
        tempat="Pendopo Kecamatan",
        peserta_laki=96,
        peserta_perempuan=62,
    )
    for u in kelurahan:
        forum = Musrenbang.objects.create(
            pd=pd,
            unit=u,
            tingkat=Musrenbang.Tingkat.KELURAHAN,
            tahun=TAHUN,
            tanggal=dt.date(TAHUN, 2, 7 + u.urutan),
            tempat=f"Aula {u.nama}",
            peserta_laki=rng.randint(40, 90),
            peserta_perempuan=rng.randint(30, 70),
        )
        for i, us in enumerate(naik.get(u.pk, [])):
            us.musrenbang = forum
            if i % 4 == 3:
                us.status = Usulan.Status.DITOLAK
                us.alasan = "Sudah tertampung dalam kegiatan perangkat daerah lain tahun berjalan."
            elif i % 4 == 0:
                us.status, us.musrenbang = Usulan.Status.MASUK_RENJA, kec
                us.alasan = "Diterima musrenbang kecamatan; masuk Renja tahun berikutnya."
            else:
                us.status = Usulan.Status.MUSRENBANG_KECAMATAN
            us.save(update_fields=["status", "alasan", "musrenbang"])
    return Musrenbang.objects.filter(pd=pd, tahun=TAHUN).count()


def hapus_kegiatan() -> None:
    """Before the sample replaces every pemda: the activities (with their spending and files) go
    first, since a proposal with an activity is protected from deletion."""
    KegiatanRt.objects.all().delete()


def muat_rt_keren(versi: RenstraVersi) -> dict[str, int]:
    """Create the RTs and the demonstration RT Keren year of the version's PD."""
    pd = versi.pd
    jumlah = _jumlah_rt(versi)
    node = PlanNode.objects.filter(
        versi=versi, tingkat=PlanNode.Tingkat.SUB_KEGIATAN, nama=SUB_KEGIATAN
    ).first()
    pagu = {p.lokasi_id: p.jumlah for p in Pagu.objects.filter(node=node, tahun=TAHUN)} if node else {}
    kelurahan = [
        u for u in pd.unit_set.filter(jenis=Unit.Jenis.KELURAHAN).order_by("urutan") if u.pk in jumlah
    ]
    naik: dict[int, list[Usulan]] = {}
    hitung = {"rt": 0, "rembug": 0, "usulan": 0}
    for u in kelurahan:
        n = jumlah[u.pk]
        rt_list = RukunTetangga.objects.bulk_create(
            RukunTetangga(unit=u, rw=(i - 1) // RT_PER_RW + 1, nomor=i) for i in range(1, n + 1)
        )
        per_rt = _rupiah(pagu[u.pk] / n) if u.pk in pagu else Decimal(60_000_000)
        lemah = LEMAH.get(u.nama_pendek, LEMAH_BAWAAN)
        for i, rt in enumerate(rt_list):
            rng = random.Random(f"rt-keren-{u.nama_pendek}-{rt.nomor}")
            p = per_rt if i < n - 1 else pagu.get(u.pk, per_rt * n) - per_rt * (n - 1)
            Alokasi.objects.create(rt=rt, tahun=TAHUN, pagu=p, sub_kegiatan=node)
            gagal = rng.randrange(100) < lemah
            rembug = _rembug(rt, rng, 0 if gagal and rng.random() < 0.3 else (2 if rng.random() < 0.1 else 1))
            hitung["rembug"] += len(rembug)
            if not rembug:
                continue
            didanai, lanjut = _usulan(rembug[0], rng, p)
            naik.setdefault(u.pk, []).extend(lanjut)
            hitung["usulan"] += len(didanai) + len(lanjut)
            serapan = Decimal(rng.randint(45, 74)) / 100 if gagal else Decimal(rng.randint(80, 100)) / 100
            _belanja(didanai, rng, serapan)
        hitung["rt"] += n
    hitung["musrenbang"] = _musrenbang(pd, kelurahan, naik, random.Random("musrenbang")) if kelurahan else 0
    return hitung
