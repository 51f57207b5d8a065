"""Realisations in the sample: the document's own history, and a demonstration year.

* History: the results the document prints in Tabel 2.3.1 (2017–2021) become yearly
  realisations (source "Dokumen") of the current indicators that measure the same thing.
  Rows whose indicator the current plan no longer has stay as the document's record only.
* Demonstration: 2022 quarters I–IV for every unit, generated from the targets with a
  fixed hash (the same on every load), some under and some over target, budget spent
  through the year, and the reports in every state: verified, submitted, returned with a
  note, and one quarter reopened for a practice entry. Every such row is marked
  "Data demonstrasi" on screen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from kinerja.core import angka
from kinerja.core.audit import catat
from kinerja.core.pelaku import SISTEM
from kinerja.core.pembulatan import bulat
from kinerja.monev.models import Laporan, PersetujuanPD, Realisasi, RealisasiAnggaran, Sumber
from kinerja.monev.selectors import batas_laporan, muat_evaluasi
from kinerja.renstra import nomenklatur as nmk
from kinerja.renstra.models import Indikator, KinerjaPelayanan, PlanNode, RenstraVersi
from kinerja.renstra.sampel import baca_toml, tanpa_nomor

T = PlanNode.Tingkat
TAHUN_DEMO = 2022
# Of the demonstration year's last quarter: Klampok waits for verification, Rembang was
# returned with a note, Gedog is open for practice; every other report is verified.
DIAJUKAN = {("Klampok", 4)}
DIKEMBALIKAN = {
    (
        "Rembang",
        4,
    ): "Jumlah RT yang melaksanakan musyawarah belum sesuai daftar hadir; lampirkan notulen dan perbaiki angkanya."
}
LATIHAN = ("Gedog", 4)
ALASAN_LATIHAN = "Data demonstrasi: dibuka untuk latihan pengisian triwulan IV."

PENDORONG = (
    "Koordinasi rutin dengan RT/RW dan tokoh masyarakat berjalan baik.",
    "Pelayanan didukung aplikasi daring sehingga berkas cepat diproses.",
    "Partisipasi warga dalam musyawarah kelurahan tinggi.",
    "Petugas sudah mengikuti bimbingan teknis pada awal tahun.",
)
PENGHAMBAT = (
    "Pencairan anggaran kegiatan mundur dari jadwal.",
    "Jumlah petugas lapangan terbatas karena mutasi pegawai.",
    "Sebagian kegiatan menunggu jadwal narasumber dari perangkat daerah teknis.",
    "Cuaca pada musim hujan menghambat kegiatan fisik.",
)
TINDAK_LANJUT = (
    "Menjadwal ulang kegiatan pada triwulan berikutnya.",
    "Mengajukan tambahan tenaga pendukung kepada Sekretariat.",
    "Memperkuat koordinasi dengan perangkat daerah teknis.",
)


def _acak(*kunci) -> float:
    """A number in [0, 1) fixed by its key: the same demonstration data on every load."""
    h = hashlib.sha256("|".join(str(k) for k in kunci).encode()).digest()
    return int.from_bytes(h[:8], "big") / 2**64


def _pilih(daftar, *kunci):
    return daftar[int(_acak(*kunci) * len(daftar))]


def _waktu(tanggal: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(tanggal, dt.time(10, 0)))


def muat_sejarah(versi: RenstraVersi) -> int:
    """Tabel 2.3.1's printed results as yearly realisations of the matching current indicators."""
    per_ukuran: dict[str, Indikator] = {}
    for ind in (
        Indikator.objects.filter(node__versi=versi).exclude(ukuran="").order_by("node__tingkat", "urutan")
    ):
        per_ukuran.setdefault(ind.ukuran, ind)
    nama_ukuran = {
        nmk.kunci_nama(tanpa_nomor(nama)): u["kunci"] for u in baca_toml()["ukuran"] for nama in u["nama"]
    }
    baru = []
    for kp in KinerjaPelayanan.objects.filter(versi=versi).prefetch_related("tahun_set"):
        ind = kp.indikator or per_ukuran.get(
            nama_ukuran.get(nmk.kunci_nama(tanpa_nomor(kp.indikator_teks)), "")
        )
        if ind is None:
            continue
        for th in kp.tahun_set.all():
            n = angka.baca(th.realisasi)
            if n.kosong or n.jenis in (angka.NA, angka.TAK_TERBACA):
                continue
            baru.append(
                Realisasi(
                    indikator=ind,
                    lokasi=None,
                    tahun=th.tahun,
                    triwulan=0,
                    teks=n.teks,
                    jenis=n.jenis,
                    nilai=n.angka,
                    label=(n.label or n.teks) if n.jenis in (angka.LABEL, angka.TEKS) else "",
                    sumber=Sumber.SEJARAH,
                    faktor_pendorong="",
                    tindak_lanjut="",
                )
            )
    Realisasi.objects.bulk_create(baru)
    return len(baru)


def _bulat(v: Decimal, satuan: int = 0) -> Decimal:
    return bulat(v, satuan)


def _realisasi_demo(ind, target, kunci) -> list[tuple[int, str, Decimal | None, str, str]]:
    """(quarter, text, number, kind, label) for one row, from its target."""
    t = target.nilai
    mutu = Decimal(str(0.72 + 0.42 * _acak(*kunci, "mutu")))  # 72 % … 114 % of the target
    hasil = []
    if ind.jenis_nilai == Indikator.JenisNilai.PREDIKAT:
        skor = _bulat((t or Decimal(85)) * min(mutu, Decimal("1.05")), 2)
        huruf = "AA" if skor > 90 else "A" if skor > 80 else "BB" if skor > 70 else "B"
        hasil.append((4, f"{huruf} ({angka.format_angka(skor, 2)})", skor, angka.LABEL, huruf))
        return hasil
    if t is None:
        return hasil
    if ind.agregasi_triwulan == "jumlah":
        total = _bulat(t * mutu)
        bobot = (Decimal("0.2"), Decimal("0.25"), Decimal("0.25"))
        sisa = total
        for q, b in enumerate(bobot, start=1):
            v = _bulat(total * b)
            sisa -= v
            hasil.append((q, angka.format_angka(v), v, angka.ANGKA, ""))
        hasil.append((4, angka.format_angka(max(sisa, Decimal(0))), max(sisa, Decimal(0)), angka.ANGKA, ""))
        return hasil
    for q in range(1, 5):
        naik = Decimal("0.94") + Decimal("0.02") * q  # the level climbs through the year
        v = _bulat(t * mutu * naik, 2)
        if ind.jenis_nilai == Indikator.JenisNilai.PERSEN:
            v = min(v, Decimal(100))
            hasil.append((q, angka.format_angka(v) + "%", v, angka.PERSEN, ""))
        else:
            hasil.append((q, angka.format_angka(v), v, angka.ANGKA, ""))
    return hasil


def _anggaran_demo(ev, tahun: int, kosong) -> list[RealisasiAnggaran]:
    """Each sub kegiatan's budget realised 84–99 % of its pagu, spread over the quarters
    (15/25/25/30 %); ``kosong(unit_id, q)`` leaves the practice quarter empty."""
    unit = ev.r.unit
    anggaran = []
    bagian = (Decimal("0.15"), Decimal("0.25"), Decimal("0.25"), Decimal("0.30"))
    for b in ev.baris:
        if not b.ada_rp or b.node.tingkat != T.SUB_KEGIATAN or not b.rp_target or b.unit_id is None:
            continue
        serap = Decimal(
            str(
                0.84
                + 0.15 * _acak(b.node.kode, b.node.nama, b.lokasi_id and unit[b.lokasi_id].nama_pendek, "rp")
            )
        )
        for q, porsi in enumerate(bagian, start=1):
            if kosong(b.unit_id, q):
                continue
            jumlah = _bulat(Decimal(b.rp_target) * serap * porsi / 1000) * 1000
            anggaran.append(
                RealisasiAnggaran(
                    node_id=b.node.pk,
                    lokasi_id=b.lokasi_id,
                    tahun=tahun,
                    triwulan=q,
                    jumlah=jumlah,
                    sumber=Sumber.DEMO,
                )
            )
    RealisasiAnggaran.objects.bulk_create(anggaran)
    return anggaran


def _laporan_demo(ev, versi: RenstraVersi, tahun: int, pengguna: dict) -> list[Laporan]:
    """The quarterly reports of every reporting unit: verified, except the few submitted, returned
    or left open for practice."""
    perencana = get_user_model().objects.filter(username="perencana").first()
    laporan = []
    batas_hari = versi.pd.pemda.batas_hari_laporan
    for u in ev.unit_pelapor():
        operator = pengguna.get(f"operator-{u.nama_pendek.lower()}")
        for q in range(1, 5):
            akhir = batas_laporan(tahun, q, 0)
            lap = Laporan(unit=u, tahun=tahun, triwulan=q, status=Laporan.Status.DIVERIFIKASI)
            if (u.nama_pendek, q) == LATIHAN:
                lap.status = Laporan.Status.DRAFT
                lap.dibuka_sampai = timezone.localdate() + dt.timedelta(days=90)
                lap.alasan_buka = ALASAN_LATIHAN
                laporan.append(lap)
                continue
            lap.diajukan_pada = _waktu(akhir + dt.timedelta(days=min(10, batas_hari)))
            lap.diajukan_oleh = operator
            if (u.nama_pendek, q) in DIAJUKAN:
                lap.status = Laporan.Status.DIAJUKAN
            else:
                lap.diperiksa_pada = _waktu(akhir + dt.timedelta(days=min(12, batas_hari)))
                lap.diperiksa_oleh = perencana
                if (u.nama_pendek, q) in DIKEMBALIKAN:
                    lap.status = Laporan.Status.DIKEMBALIKAN
                    lap.catatan = DIKEMBALIKAN[(u.nama_pendek, q)]
            laporan.append(lap)
    Laporan.objects.bulk_create(laporan)
    return laporan


def hapus_persetujuan() -> None:
    """Before the sample replaces every pemda: Bappeda's approvals go first, since they protect their PD
    from deletion (a PD quarter's approval is never lost by deleting the PD)."""
    PersetujuanPD.objects.all().delete()


def _persetujuan_demo(versi: RenstraVersi, laporan: list[Laporan]) -> list[PersetujuanPD]:
    """The demo pemda approves in two levels: each quarter whose unit reports are all verified waits for
    Bappeda; the older ones were approved by its verifikator, the latest still waits."""
    pemda = versi.pd.pemda
    pemda.tingkat_persetujuan = 2
    pemda.save(update_fields=["tingkat_persetujuan"])
    verifikator = get_user_model().objects.filter(username="verifikator").first()
    per_tw: dict[tuple[int, int], list[Laporan]] = {}
    for lap in laporan:
        per_tw.setdefault((lap.tahun, lap.triwulan), []).append(lap)
    lengkap = sorted(
        k for k, daftar in per_tw.items() if all(x.status == Laporan.Status.DIVERIFIKASI for x in daftar)
    )
    hasil = []
    for i, (tahun, q) in enumerate(lengkap):
        diajukan = max(x.diperiksa_pada for x in per_tw[(tahun, q)])
        p = PersetujuanPD(pd=versi.pd, tahun=tahun, triwulan=q, diajukan_pada=diajukan)
        if i < len(lengkap) - 1:
            p.status = PersetujuanPD.Status.DISETUJUI
            p.diperiksa_pada = diajukan + dt.timedelta(days=5)
            p.diperiksa_oleh = verifikator
        hasil.append(p)
    PersetujuanPD.objects.bulk_create(hasil)
    return hasil


def muat_demo(versi: RenstraVersi, *, tahun: int = TAHUN_DEMO) -> dict[str, int]:
    """Deterministic demonstration realisations and reports for a year of a version."""
    ev = muat_evaluasi(versi, tahun, 4)
    unit = ev.r.unit
    User = get_user_model()
    pengguna = {u.username: u for u in User.objects.filter(username__startswith="operator-")}
    latihan = next((u for u in unit.values() if u.nama_pendek == LATIHAN[0]), None)

    def kosong(unit_id, q) -> bool:
        return latihan is not None and unit_id == latihan.pk and q == LATIHAN[1]

    real = []
    for b in ev.baris:
        if b.ind is None or b.target is None or b.unit_id is None or b.ind.sumber_data != "manual":
            continue  # computed indicators take their realisation from the service records
        kunci = (b.ind.pk and b.ind.nama, b.node.kode, b.lokasi_id and unit[b.lokasi_id].nama_pendek, tahun)
        for q, teks, nilai, jenis, label in _realisasi_demo(b.ind, b.target, kunci):
            if kosong(b.unit_id, q):
                continue
            mutu = _acak(*kunci, "mutu")
            real.append(
                Realisasi(
                    indikator_id=b.ind.pk,
                    lokasi_id=b.lokasi_id,
                    tahun=tahun,
                    triwulan=q,
                    teks=teks,
                    jenis=jenis,
                    nilai=nilai,
                    label=label,
                    sumber=Sumber.DEMO,
                    faktor_pendorong=_pilih(PENDORONG, *kunci, q) if mutu > 0.62 and q == 4 else "",
                    faktor_penghambat=_pilih(PENGHAMBAT, *kunci, q) if mutu < 0.35 and q in (2, 4) else "",
                    tindak_lanjut=_pilih(TINDAK_LANJUT, *kunci, q) if mutu < 0.35 and q == 4 else "",
                    diubah_oleh=pengguna.get(f"operator-{unit[b.unit_id].nama_pendek.lower()}"),
                )
            )
    Realisasi.objects.bulk_create(real)

    anggaran = _anggaran_demo(ev, tahun, kosong)

    laporan = _laporan_demo(ev, versi, tahun, pengguna)
    setuju = _persetujuan_demo(versi, laporan)
    hitung = {
        "realisasi": len(real),
        "realisasi anggaran": len(anggaran),
        "laporan": len(laporan),
        "persetujuan Bappeda": len(setuju),
    }
    catat(
        aksi="sampel.demonstrasi",
        objek=versi,
        pengguna=SISTEM,
        alasan=f"Data demonstrasi realisasi {tahun}: " + ", ".join(f"{v} {k}" for k, v in hitung.items()),
        pd=versi.pd,
    )
    return hitung
