"""RT Keren: each RT's year from rembug warga to penyerapan, and the musrenbang above it.

An RT holds *rembug warga* (meetings of its residents) that rank *usulan* (proposals). The RT's
allocation for the year (``Alokasi``) funds some of them as activities (``KegiatanRt``) whose
spending is recorded as dated realisations; proposals the RT cannot fund move up to the
musrenbang kelurahan and kecamatan. Whether an RT and a kelurahan are *berdaya* is computed
(``hitung.py``) from these records with the thresholds of the pemda (``Pengaturan``).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from kinerja.renstra.models import PlanNode
from kinerja.wilayah.models import Pemda, PerangkatDaerah, RukunTetangga, Unit

RUPIAH = {"max_digits": 15, "decimal_places": 0, "validators": [MinValueValidator(0)]}
PERSEN = {
    "max_digits": 5,
    "decimal_places": 2,
    "validators": [MinValueValidator(0), MaxValueValidator(100)],
}


class Pengaturan(models.Model):
    """The pemda's definitions of the programme: the allocation range and what *berdaya* means."""

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="pengaturan_rt_keren")
    pagu_minimum = models.DecimalField("pagu RT paling sedikit (Rp)", default=Decimal(50_000_000), **RUPIAH)
    pagu_maksimum = models.DecimalField("pagu RT paling banyak (Rp)", default=Decimal(100_000_000), **RUPIAH)
    minimal_rembug = models.PositiveSmallIntegerField(
        "rembug warga paling sedikit", default=1, help_text="Banyaknya rembug warga dalam setahun."
    )
    ambang_serapan = models.DecimalField("ambang penyerapan RT (%)", default=Decimal(75), **PERSEN)
    ambang_kelurahan = models.DecimalField(
        "ambang RT berdaya per kelurahan (%)",
        default=Decimal(75),
        help_text="Kelurahan berdaya bila sekurang-kurangnya persentase ini dari RT-nya berdaya.",
        **PERSEN,
    )

    class Meta:
        verbose_name = "pengaturan RT Keren"
        verbose_name_plural = "pengaturan RT Keren"

    @classmethod
    def untuk(cls, pemda_id: int) -> Pengaturan:
        """The pemda's settings, or the defaults (unsaved) when it has none."""
        return cls.objects.filter(pemda_id=pemda_id).first() or cls(pemda_id=pemda_id)

    def __str__(self) -> str:
        return "Pengaturan RT Keren"


class RembugWarga(models.Model):
    rt = models.ForeignKey(RukunTetangga, on_delete=models.CASCADE, related_name="rembug_set")
    tanggal = models.DateField()
    tempat = models.CharField(max_length=200)
    hadir_laki = models.PositiveIntegerField("hadir laki-laki", default=0)
    hadir_perempuan = models.PositiveIntegerField("hadir perempuan", default=0)
    notulen = models.TextField(blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "rembug warga"
        verbose_name_plural = "rembug warga"
        ordering = ["rt", "tanggal", "id"]
        indexes = [models.Index(fields=["rt", "tanggal"], name="rembug_rt_tanggal")]

    @property
    def hadir(self) -> int:
        return self.hadir_laki + self.hadir_perempuan

    def __str__(self) -> str:
        return f"Rembug warga {self.rt} {self.tanggal:%d-%m-%Y}" if self.tanggal else "Rembug warga"


class Musrenbang(models.Model):
    """A musrenbang forum: of a kelurahan, or of the kecamatan (``unit`` empty)."""

    class Tingkat(models.TextChoices):
        KELURAHAN = "kelurahan", "Musrenbang kelurahan"
        KECAMATAN = "kecamatan", "Musrenbang kecamatan"

    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="musrenbang_set")
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="musrenbang_set"
    )
    tingkat = models.CharField(max_length=10, choices=Tingkat.choices)
    tahun = models.PositiveSmallIntegerField(
        help_text="Tahun penyelenggaraan (usulan untuk tahun berikutnya)."
    )
    tanggal = models.DateField()
    tempat = models.CharField(max_length=200, blank=True)
    peserta_laki = models.PositiveIntegerField("peserta laki-laki", default=0)
    peserta_perempuan = models.PositiveIntegerField("peserta perempuan", default=0)

    class Meta:
        verbose_name = "musrenbang"
        verbose_name_plural = "musrenbang"
        ordering = ["pd", "tahun", "tingkat", "unit__urutan", "id"]

    @property
    def peserta(self) -> int:
        return self.peserta_laki + self.peserta_perempuan

    def __str__(self) -> str:
        tempat = f" {self.unit.nama}" if self.unit_id else ""
        return f"{self.get_tingkat_display()}{tempat} {self.tahun}"


class Usulan(models.Model):
    """A proposal ranked by a rembug warga, and where it went: funded by the RT, or up the
    musrenbang lists until it is accepted into the Renja or refused with a reason."""

    class Bidang(models.TextChoices):
        FISIK = "fisik", "Fisik"
        NON_FISIK = "non_fisik", "Non-fisik"

    class Status(models.TextChoices):
        DIUSULKAN = "diusulkan", "Diusulkan"
        DIDANAI = "didanai", "Didanai RT Keren"
        MUSRENBANG_KELURAHAN = "musrenbang_kelurahan", "Diteruskan ke musrenbang kelurahan"
        MUSRENBANG_KECAMATAN = "musrenbang_kecamatan", "Diterima kelurahan, diteruskan ke kecamatan"
        MASUK_RENJA = "masuk_renja", "Diterima, masuk Renja"
        DITOLAK = "ditolak", "Ditolak"

    rembug = models.ForeignKey(RembugWarga, on_delete=models.CASCADE, related_name="usulan_set")
    tahun = models.PositiveSmallIntegerField("tahun anggaran")
    prioritas = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    bidang = models.CharField(max_length=10, choices=Bidang.choices)
    uraian = models.CharField(max_length=300)
    volume = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    satuan = models.CharField(max_length=40)
    perkiraan_biaya = models.DecimalField("perkiraan biaya (Rp)", **RUPIAH)
    lokasi = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.DIUSULKAN)
    alasan = models.TextField("alasan/keterangan keputusan", blank=True)
    musrenbang = models.ForeignKey(
        Musrenbang, null=True, blank=True, on_delete=models.SET_NULL, related_name="usulan_set"
    )

    class Meta:
        verbose_name = "usulan"
        verbose_name_plural = "usulan"
        ordering = ["rembug", "prioritas", "id"]

    def __str__(self) -> str:
        return f"Usulan {self.prioritas}: {self.uraian}"


class Alokasi(models.Model):
    """The RT's pagu for a year, charged to a sub kegiatan of the plan."""

    rt = models.ForeignKey(RukunTetangga, on_delete=models.CASCADE, related_name="alokasi_set")
    tahun = models.PositiveSmallIntegerField()
    pagu = models.DecimalField("pagu (Rp)", **RUPIAH)
    sub_kegiatan = models.ForeignKey(
        PlanNode, null=True, blank=True, on_delete=models.SET_NULL, related_name="alokasi_rt_set"
    )

    class Meta:
        verbose_name = "alokasi RT"
        verbose_name_plural = "alokasi RT"
        ordering = ["rt", "tahun"]
        constraints = [models.UniqueConstraint(fields=["rt", "tahun"], name="alokasi_rt_unik_per_tahun")]

    def __str__(self) -> str:
        return f"Alokasi {self.rt} {self.tahun}"


class KegiatanRt(models.Model):
    """An activity that carries out a funded proposal."""

    class Lpj(models.TextChoices):
        BELUM = "belum", "Belum disusun"
        DIAJUKAN = "diajukan", "Diajukan"
        DITERIMA = "diterima", "Diterima"

    usulan = models.ForeignKey(Usulan, on_delete=models.PROTECT, related_name="kegiatan_set")
    nama = models.CharField(max_length=300)
    lpj = models.CharField("status LPJ", max_length=10, choices=Lpj.choices, default=Lpj.BELUM)

    class Meta:
        verbose_name = "kegiatan RT"
        verbose_name_plural = "kegiatan RT"
        ordering = ["usulan", "id"]

    def __str__(self) -> str:
        return f"Kegiatan RT: {self.nama}"


class RealisasiRt(models.Model):
    """Money spent on an activity on a date, and its physical progress (cumulative %) then."""

    kegiatan = models.ForeignKey(KegiatanRt, on_delete=models.CASCADE, related_name="realisasi_set")
    tanggal = models.DateField()
    jumlah = models.DecimalField("realisasi (Rp)", **RUPIAH)
    fisik = models.DecimalField("kemajuan fisik (%)", **PERSEN)
    keterangan = models.CharField(max_length=300, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "realisasi kegiatan RT"
        verbose_name_plural = "realisasi kegiatan RT"
        ordering = ["kegiatan", "tanggal", "id"]

    def __str__(self) -> str:
        return (
            f"Realisasi {self.kegiatan.nama} {self.tanggal:%d-%m-%Y}"
            if self.tanggal
            else "Realisasi kegiatan RT"
        )


class Berkas(models.Model):
    """A photo or document of a rembug warga or an activity (minutes, evidence, LPJ)."""

    class Jenis(models.TextChoices):
        FOTO = "foto", "Foto"
        DOKUMEN = "dokumen", "Dokumen"

    rembug = models.ForeignKey(
        RembugWarga, null=True, blank=True, on_delete=models.CASCADE, related_name="berkas_set"
    )
    kegiatan = models.ForeignKey(
        KegiatanRt, null=True, blank=True, on_delete=models.CASCADE, related_name="berkas_set"
    )
    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    berkas = models.FileField(upload_to="rtkeren/%Y/%m/")
    judul = models.CharField(max_length=150)
    ukuran = models.PositiveIntegerField(default=0)
    publik = models.BooleanField("tampil di portal publik", default=False)

    class Meta:
        verbose_name = "berkas RT Keren"
        verbose_name_plural = "berkas RT Keren"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rembug__isnull=False, kegiatan__isnull=True)
                | models.Q(rembug__isnull=True, kegiatan__isnull=False),
                name="berkas_rt_satu_induk",
            )
        ]

    def __str__(self) -> str:
        return self.judul or "Berkas RT Keren"
