"""Realisations per quarter, their verification, and the signed Perjanjian Kinerja."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from kinerja.core.unik import unik_per_lokasi
from kinerja.renstra.models import Indikator, PlanNode, RenstraVersi
from kinerja.wilayah.models import PerangkatDaerah, Unit

TRIWULAN = [(0, "Setahun"), (1, "Triwulan I"), (2, "Triwulan II"), (3, "Triwulan III"), (4, "Triwulan IV")]
EKSTENSI_BUKTI = ["pdf", "jpg", "jpeg", "png", "xlsx", "xls", "docx", "doc", "odt", "ods"]
BATAS_BUKTI = 5 * 1024 * 1024


class Sumber(models.TextChoices):
    MANUAL = "manual", "Diisi operator"
    SEJARAH = "sejarah", "Dokumen (capaian tahun lalu)"
    DEMO = "demo", "Data demonstrasi"
    DIHITUNG = "dihitung", "Dihitung dari data layanan"


class Realisasi(models.Model):
    """What an indicator reached at one lokasi in one quarter (triwulan 0 = the whole year)."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="realisasi_set")
    lokasi = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField(choices=TRIWULAN)
    teks = models.CharField("realisasi", max_length=80, blank=True)
    jenis = models.CharField(max_length=12, blank=True)
    nilai = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    label = models.CharField(max_length=40, blank=True)
    bukti = models.FileField(
        upload_to="bukti/%Y/%m/",
        blank=True,
        validators=[FileExtensionValidator(EKSTENSI_BUKTI)],
        help_text="PDF, gambar atau dokumen kantor, paling besar 5 MB.",
    )
    tautan_bukti = models.URLField("tautan bukti", blank=True)
    faktor_pendorong = models.TextField(blank=True)
    faktor_penghambat = models.TextField(blank=True)
    tindak_lanjut = models.TextField(
        "tindak lanjut triwulan berikutnya",
        blank=True,
        help_text="Tindak lanjut yang diperlukan dalam triwulan berikutnya (E.81).",
    )
    tindak_lanjut_renja = models.TextField(
        "tindak lanjut Renja berikutnya",
        blank=True,
        help_text="Tindak lanjut yang diperlukan dalam Renja perangkat daerah tahun berikutnya (E.81).",
    )
    penjelasan = models.TextField(
        "penjelasan nilai tidak biasa",
        blank=True,
        help_text="Wajib bila nilai jauh dari target atau dari triwulan sebelumnya.",
    )
    peringatan = models.CharField(
        "ditandai untuk verifikator",
        max_length=300,
        blank=True,
        help_text="Mengapa nilai ini tidak biasa saat disimpan; kosong = tidak ditandai.",
    )
    sumber = models.CharField(max_length=10, choices=Sumber.choices, default=Sumber.MANUAL)
    revisi = models.PositiveIntegerField(default=1)
    diubah = models.DateTimeField(auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "realisasi"
        verbose_name_plural = "realisasi"
        ordering = ["indikator", "lokasi", "tahun", "triwulan"]
        indexes = [models.Index(fields=["tahun", "triwulan"])]
        constraints = [
            *unik_per_lokasi(
                ["indikator", "lokasi", "tahun", "triwulan"],
                "realisasi_unik_per_lokasi",
                "realisasi_unik_tanpa_lokasi",
            ),
        ]

    def __str__(self) -> str:
        tw = f"triwulan {self.triwulan}" if self.triwulan else "setahun"
        lokasi = f" · {self.lokasi.nama_pendek}" if self.lokasi_id else ""
        return f"Realisasi {self.indikator}{lokasi} · {self.tahun} {tw}"


class AturanIsian(models.Model):
    """How realisations of one indicator are checked when typed, where its kind's default is not right."""

    class Bulat(models.TextChoices):
        BAWAAN = "", "Menurut jenis dan satuan (bawaan)"
        YA = "ya", "Hanya bilangan bulat"
        TIDAK = "tidak", "Boleh pecahan desimal"

    indikator = models.OneToOneField(
        Indikator, on_delete=models.CASCADE, primary_key=True, related_name="aturan_isian"
    )
    bilangan_bulat = models.CharField(max_length=5, choices=Bulat.choices, blank=True, default="")
    boleh_lebih_100 = models.BooleanField(
        "persentase boleh di atas 100%",
        default=False,
        help_text="Mis. persentase serapan atau capaian yang memang dapat melebihi 100%.",
    )
    diubah = models.DateTimeField(auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "aturan isian indikator"
        verbose_name_plural = "aturan isian indikator"

    def __str__(self) -> str:
        return f"Aturan isian {self.indikator}"


class RealisasiAnggaran(models.Model):
    """Budget spent on a sub kegiatan at one lokasi in one quarter."""

    node = models.ForeignKey(PlanNode, on_delete=models.CASCADE, related_name="realisasi_anggaran_set")
    lokasi = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField(choices=TRIWULAN)
    jumlah = models.DecimalField(max_digits=20, decimal_places=2)
    sumber = models.CharField(max_length=10, choices=Sumber.choices, default=Sumber.MANUAL)
    revisi = models.PositiveIntegerField(default=1)
    diubah = models.DateTimeField(auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "realisasi anggaran"
        verbose_name_plural = "realisasi anggaran"
        ordering = ["node", "lokasi", "tahun", "triwulan"]
        constraints = [
            *unik_per_lokasi(
                ["node", "lokasi", "tahun", "triwulan"],
                "realisasi_anggaran_unik",
                "realisasi_anggaran_unik_tanpa_lokasi",
            ),
        ]

    def __str__(self) -> str:
        tw = f"triwulan {self.triwulan}" if self.triwulan else "setahun"
        lokasi = f" · {self.lokasi.nama_pendek}" if self.lokasi_id else ""
        return f"Realisasi anggaran {self.node}{lokasi} · {self.tahun} {tw}"


class TargetTriwulan(models.Model):
    """Rencana aksi: the cumulative target an indicator should reach by the end of a quarter,
    set with the Perjanjian Kinerja; TW I–III predikat of E.81 are measured against it."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="target_triwulan_set")
    lokasi = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField(choices=TRIWULAN[1:])
    nilai = models.DecimalField(max_digits=20, decimal_places=4)
    diubah = models.DateTimeField(auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "target triwulan (rencana aksi)"
        verbose_name_plural = "target triwulan (rencana aksi)"
        ordering = ["indikator", "lokasi", "tahun", "triwulan"]
        constraints = [
            *unik_per_lokasi(
                ["indikator", "lokasi", "tahun", "triwulan"],
                "target_triwulan_unik_per_lokasi",
                "target_triwulan_unik_tanpa_lokasi",
            ),
        ]

    def __str__(self) -> str:
        return f"Target {self.indikator} {self.tahun} triwulan {self.triwulan}"


class Laporan(models.Model):
    """The quarterly report of one unit: draft → diajukan → diverifikasi, or dikembalikan."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        DIAJUKAN = "diajukan", "Diajukan"
        DIVERIFIKASI = "diverifikasi", "Diverifikasi"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan"

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="laporan_set")
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField(choices=TRIWULAN[1:])
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    catatan = models.TextField("catatan verifikator", blank=True)
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diperiksa_pada = models.DateTimeField(null=True, blank=True)
    diperiksa_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuka_sampai = models.DateField(
        null=True,
        blank=True,
        help_text="Dibuka kembali oleh verifikator: boleh diisi sampai tanggal ini meski lewat batas.",
    )
    alasan_buka = models.TextField(blank=True)
    revisi = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "laporan triwulan"
        verbose_name_plural = "laporan triwulan"
        ordering = ["unit", "tahun", "triwulan"]
        constraints = [models.UniqueConstraint(fields=["unit", "tahun", "triwulan"], name="laporan_unik")]

    def __str__(self) -> str:
        return f"Laporan {self.unit} {self.tahun} triwulan {self.triwulan}: {self.get_status_display()}"


class PersetujuanPD(models.Model):
    """Bappeda's approval of a PD's quarter: the second level, where the pemda uses two.

    The PD's perencana verifies its units' reports (``Laporan``); once every unit is verified the
    quarter waits for Bappeda (``menunggu``), who approves it (``disetujui``: final, locked) or
    returns it to the PD with a note (``dikembalikan``)."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu persetujuan Bappeda"
        DISETUJUI = "disetujui", "Disetujui Bappeda"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan Bappeda"

    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, related_name="persetujuan_set")
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField(choices=TRIWULAN[1:])
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.MENUNGGU)
    catatan = models.TextField("catatan Bappeda", blank=True)
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    diperiksa_pada = models.DateTimeField(null=True, blank=True)
    diperiksa_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revisi = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "persetujuan triwulan perangkat daerah"
        verbose_name_plural = "persetujuan triwulan perangkat daerah"
        ordering = ["pd", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["pd", "tahun", "triwulan"], name="persetujuan_pd_unik")
        ]

    def __str__(self) -> str:
        return f"Triwulan {self.triwulan} {self.tahun} {self.pd}: {self.get_status_display()}"


class PerjanjianKinerja(models.Model):
    """The signed Perjanjian Kinerja of a PD for a year."""

    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="pk_set")
    versi = models.ForeignKey(RenstraVersi, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    ditandatangani_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ditandatangani_pada = models.DateTimeField()
    tempat = models.CharField("tempat penandatanganan", max_length=100, blank=True)
    nama_pihak_pertama = models.CharField(max_length=150)
    jabatan_pihak_pertama = models.CharField(max_length=150)
    nama_pihak_kedua = models.CharField(max_length=150)
    jabatan_pihak_kedua = models.CharField(max_length=150)
    nip_pihak_pertama = models.CharField(max_length=30, blank=True)
    nip_pihak_kedua = models.CharField(max_length=30, blank=True)
    isi = models.JSONField(
        default=list,
        help_text="Sasaran, indikator, target, program dan anggaran seperti saat ditandatangani.",
    )

    class Meta:
        verbose_name = "perjanjian kinerja"
        verbose_name_plural = "perjanjian kinerja"
        constraints = [models.UniqueConstraint(fields=["pd", "tahun"], name="pk_unik_per_tahun")]

    def __str__(self) -> str:
        return f"Perjanjian Kinerja {self.pd} {self.tahun}"


def hapus_berkas_setelah_commit(berkas) -> None:
    """Remove a stored evidence file once the transaction that let go of it has committed.

    Not before: a rolled-back replacement or deletion must still find its file.
    """
    nama, penyimpanan = getattr(berkas, "name", "") or "", getattr(berkas, "storage", None)
    if nama and penyimpanan is not None:
        transaction.on_commit(lambda: penyimpanan.delete(nama))


@receiver(post_delete, sender=Realisasi)
def _hapus_bukti(sender, instance: Realisasi, **kwargs) -> None:
    hapus_berkas_setelah_commit(instance.bukti)
