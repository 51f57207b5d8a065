"""Records of the SAKIP self-evaluation: the worksheet versions loaded, one evaluation per PD and year,
the answer per criterion with its evidence, the grade per sub-component (the PD's own and the
evaluator's, both kept) and the recommendations of the evaluation report (LHE) with their follow-up."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kinerja.sakip.lke import Lembar, lembar


class Lke(models.Model):
    """A worksheet as loaded (its TOML text, checked on loading). ``pemda`` empty: the one shipped
    with the package, for every pemda; a pemda's own newer worksheet is used for its new evaluations."""

    pemda = models.ForeignKey(
        "wilayah.Pemda", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kode = models.CharField(max_length=60)
    judul = models.CharField(max_length=300)
    isi = models.TextField("isi TOML")
    nama_berkas = models.CharField(max_length=200, blank=True)
    dimuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dimuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lembar kerja evaluasi"
        verbose_name_plural = "lembar kerja evaluasi"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.judul} ({self.kode})"

    @property
    def lembar(self) -> Lembar:
        return lembar(self.isi)


class Evaluasi(models.Model):
    """The evaluation of one PD's accountability for one year."""

    class Status(models.TextChoices):
        PENGISIAN = "pengisian", "Diisi perangkat daerah"
        DIAJUKAN = "diajukan", "Diajukan ke evaluator"
        SELESAI = "selesai", "Dinilai final oleh evaluator"

    pd = models.ForeignKey("wilayah.PerangkatDaerah", on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    lke = models.ForeignKey(Lke, on_delete=models.PROTECT, related_name="evaluasi_set")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENGISIAN)
    demonstrasi = models.BooleanField("data demonstrasi", default=False)
    catatan_evaluator = models.TextField(blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)
    selesai_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "evaluasi SAKIP"
        verbose_name_plural = "evaluasi SAKIP"
        ordering = ["pd", "-tahun"]
        constraints = [models.UniqueConstraint(fields=["pd", "tahun"], name="sakip_evaluasi_pd_tahun_unik")]

    def __str__(self) -> str:
        return f"Evaluasi SAKIP {self.pd} {self.tahun}"


class JawabanKriteria(models.Model):
    """A criterion answered by the PD: met or not, its evidence (pages of the system and/or a file), a note."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="jawaban_set")
    kode = models.CharField(max_length=20)
    terpenuhi = models.BooleanField(null=True)
    tautan = models.JSONField("bukti: halaman sistem", default=list, blank=True)
    berkas = models.FileField("bukti: berkas", upload_to="sakip/%Y/", blank=True)
    catatan = models.TextField(blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "jawaban kriteria"
        verbose_name_plural = "jawaban kriteria"
        ordering = ["evaluasi", "id"]
        constraints = [models.UniqueConstraint(fields=["evaluasi", "kode"], name="sakip_jawaban_unik")]

    def __str__(self) -> str:
        return f"Kriteria {self.kode}"


class NilaiSub(models.Model):
    """The grades of a sub-component: the PD's own (self-assessment) and the evaluator's, each with a note."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="nilai_set")
    kode = models.CharField(max_length=20)
    nilai_pd = models.CharField("jawaban perangkat daerah", max_length=4, blank=True)
    catatan_pd = models.TextField(blank=True)
    nilai_evaluator = models.CharField("jawaban evaluator", max_length=4, blank=True)
    catatan_evaluator = models.TextField(blank=True)

    class Meta:
        verbose_name = "nilai sub-komponen"
        verbose_name_plural = "nilai sub-komponen"
        ordering = ["evaluasi", "id"]
        constraints = [models.UniqueConstraint(fields=["evaluasi", "kode"], name="sakip_nilai_sub_unik")]

    def __str__(self) -> str:
        return f"Sub-komponen {self.kode}"


class Rekomendasi(models.Model):
    """A recommendation of the evaluation report (LHE) and its follow-up."""

    class Status(models.TextChoices):
        BELUM = "belum", "Belum ditindaklanjuti"
        PROSES = "proses", "Dalam proses"
        SELESAI = "selesai", "Selesai ditindaklanjuti"

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="rekomendasi_set")
    uraian = models.TextField()
    rencana = models.TextField("rencana tindak lanjut", blank=True)
    penanggung_jawab = models.CharField(max_length=150, blank=True)
    batas_waktu = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.BELUM)

    class Meta:
        verbose_name = "rekomendasi LHE"
        verbose_name_plural = "rekomendasi LHE"
        ordering = ["evaluasi", "id"]

    def __str__(self) -> str:
        return self.uraian[:80]
