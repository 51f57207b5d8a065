"""Region and organisation: pemda → perangkat daerah → units (kelurahan, sections)."""

from __future__ import annotations

from django.db import models


class Pemda(models.Model):
    """A local government (kota or kabupaten, or a province)."""

    class Jenis(models.TextChoices):
        KOTA = "kota", "Kota"
        KABUPATEN = "kabupaten", "Kabupaten"
        PROVINSI = "provinsi", "Provinsi"

    kode = models.CharField("kode wilayah", max_length=13, unique=True)
    nama = models.CharField(max_length=200)
    jenis = models.CharField(max_length=12, choices=Jenis.choices)
    provinsi = models.CharField(max_length=100, blank=True)
    slug = models.SlugField(max_length=60, unique=True)
    kepala_nama = models.CharField("nama kepala daerah", max_length=150, blank=True)
    kepala_jabatan = models.CharField("jabatan kepala daerah", max_length=100, blank=True)
    batas_hari_laporan = models.PositiveSmallIntegerField(
        "batas pelaporan (hari setelah triwulan berakhir)",
        default=15,
        help_text="Sesudah batas ini laporan triwulan terkunci kecuali dibuka kembali oleh verifikator.",
    )
    batasi_capaian_100 = models.BooleanField(
        "batasi capaian 100% dalam rata-rata",
        default=False,
        help_text="Bila aktif, capaian di atas 100% dihitung 100% saat merata-ratakan kaki E.81 dan E.80.",
    )
    kepala_bappeda_nama = models.CharField("nama kepala Bappeda", max_length=150, blank=True)
    kepala_bappeda_nip = models.CharField("NIP kepala Bappeda", max_length=30, blank=True)
    tingkat_persetujuan = models.PositiveSmallIntegerField(
        "tingkat persetujuan laporan triwulan",
        choices=[
            (1, "Satu tingkat: verifikasi perangkat daerah"),
            (2, "Dua tingkat: lalu persetujuan Bappeda"),
        ],
        default=1,
        help_text="Dua tingkat: sesudah perencana PD memverifikasi laporan unitnya, Bappeda menyetujui "
        "triwulan perangkat daerah itu (atau mengembalikannya); baru sesudahnya triwulan terkunci dan final.",
    )
    logo = models.FileField("logo pemerintah daerah", upload_to="logo/", blank=True)

    class Meta:
        verbose_name = "pemerintah daerah"
        verbose_name_plural = "pemerintah daerah"
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama

    @property
    def jenis_pemda(self) -> str:
        """PROV or KABKOT, as the national nomenclature names them."""
        return "PROV" if self.jenis == self.Jenis.PROVINSI else "KABKOT"


class Kecamatan(models.Model):
    """A kecamatan as a region of its pemda (whether or not it runs Kinerja)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="kecamatan_set")
    kode = models.CharField(max_length=16, blank=True)
    nama = models.CharField(max_length=100)

    class Meta:
        verbose_name_plural = "kecamatan"
        ordering = ["pemda", "nama"]
        constraints = [models.UniqueConstraint(fields=["pemda", "nama"], name="kecamatan_unik_per_pemda")]

    def __str__(self) -> str:
        return f"Kecamatan {self.nama}"


class PerangkatDaerah(models.Model):
    """A perangkat daerah (PD): a dinas, badan, kecamatan … that has its own Renstra."""

    class Jenis(models.TextChoices):
        KECAMATAN = "kecamatan", "Kecamatan"
        DINAS = "dinas", "Dinas"
        BADAN = "badan", "Badan"
        LAINNYA = "lainnya", "Lainnya (sekretariat, inspektorat, kantor, …)"

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="pd_set")
    # Empty only until saved: a PD with a kecamatan is a kecamatan, any other a dinas (see save).
    jenis = models.CharField("jenis perangkat daerah", max_length=10, choices=Jenis.choices, blank=True)
    nama = models.CharField(max_length=200)
    singkatan = models.CharField(max_length=40, blank=True)
    slug = models.SlugField(max_length=60)
    kode_bidang = models.CharField(
        "kode bidang urusan",
        max_length=10,
        blank=True,
        help_text="Kode bidang urusan utama dalam nomenklatur, mis. 7.01 untuk kecamatan.",
    )
    kecamatan = models.OneToOneField(
        Kecamatan, null=True, blank=True, on_delete=models.SET_NULL, related_name="perangkat_daerah"
    )
    alamat_web = models.URLField(blank=True)
    pimpinan_nama = models.CharField("nama pimpinan", max_length=150, blank=True)
    pimpinan_jabatan = models.CharField("jabatan pimpinan", max_length=100, blank=True)
    pimpinan_pangkat = models.CharField("pangkat pimpinan", max_length=100, blank=True)
    pimpinan_nip = models.CharField("NIP pimpinan", max_length=30, blank=True)

    class Meta:
        verbose_name = "perangkat daerah"
        verbose_name_plural = "perangkat daerah"
        ordering = ["pemda", "nama"]
        constraints = [models.UniqueConstraint(fields=["pemda", "slug"], name="pd_slug_unik_per_pemda")]

    def __str__(self) -> str:
        return self.nama

    def save(self, *args, **kwargs):
        if not self.jenis:
            self.jenis = self.Jenis.KECAMATAN if self.kecamatan_id else self.Jenis.DINAS
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "jenis"}
        super().save(*args, **kwargs)


class Unit(models.Model):
    """A working unit of a PD: the PD's own office, a kelurahan, or a section.

    The office and the kelurahan are the *lokasi* a plan distributes its targets and
    pagu over; sections (sekretariat, seksi) are the units responsible for indicators.
    """

    class Jenis(models.TextChoices):
        KANTOR = "kantor", "Kantor perangkat daerah"
        KELURAHAN = "kelurahan", "Kelurahan"
        DESA = "desa", "Desa"
        BAGIAN = "bagian", "Bagian/seksi"

    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="unit_set")
    induk = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="anak")
    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    nama = models.CharField(max_length=200)
    nama_pendek = models.CharField(
        max_length=60,
        help_text="Nama lokasi seperti ditulis di tabel rencana, mis. 'Gedog' atau 'Kecamatan'.",
    )
    kode = models.CharField(max_length=20, blank=True)
    urutan = models.PositiveIntegerField(default=0)
    luas_km2 = models.DecimalField("luas (km²)", max_digits=10, decimal_places=2, null=True, blank=True)
    # A unit that no longer works (merged, dissolved) is deactivated, never deleted once it has data:
    # its past records stay; no new role, user or service is given to it.
    aktif = models.BooleanField(default=True)

    class Meta:
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"
        ordering = ["pd", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["pd", "nama"], name="unit_nama_unik_per_pd"),
            models.UniqueConstraint(fields=["pd", "nama_pendek"], name="unit_nama_pendek_unik_per_pd"),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def adalah_lokasi(self) -> bool:
        return self.jenis in (self.Jenis.KANTOR, self.Jenis.KELURAHAN, self.Jenis.DESA)

    @property
    def adalah_kantor(self) -> bool:
        return self.jenis == self.Jenis.KANTOR


class Penduduk(models.Model):
    """Population of a unit's area in a year; a figure the source could not give is empty."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="penduduk_set")
    tahun = models.PositiveSmallIntegerField()
    laki_laki = models.PositiveIntegerField(null=True, blank=True)
    perempuan = models.PositiveIntegerField(null=True, blank=True)
    jumlah = models.PositiveIntegerField(null=True, blank=True)
    sumber = models.CharField(max_length=200, blank=True)
    tanggal = models.DateField(
        "tanggal data", null=True, blank=True, help_text="Keadaan per tanggal sumbernya."
    )

    class Meta:
        verbose_name_plural = "penduduk"
        ordering = ["unit", "tahun"]
        constraints = [models.UniqueConstraint(fields=["unit", "tahun"], name="penduduk_unik_per_tahun")]

    def __str__(self) -> str:
        return f"Penduduk {self.unit.nama} tahun {self.tahun}"


class RukunTetangga(models.Model):
    """An RT of a kelurahan (or desa): its number, its RW, its head, optionally a point on the map.

    An RT that is merged or dissolved is marked inactive, not deleted: its past years stay."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="rt_set")
    rw = models.PositiveSmallIntegerField("RW")
    nomor = models.PositiveSmallIntegerField("RT")
    ketua = models.CharField("ketua RT", max_length=150, blank=True)
    lintang = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    bujur = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    aktif = models.BooleanField(default=True)

    class Meta:
        verbose_name = "rukun tetangga"
        verbose_name_plural = "rukun tetangga"
        ordering = ["unit", "rw", "nomor"]
        constraints = [models.UniqueConstraint(fields=["unit", "rw", "nomor"], name="rt_unik_per_kelurahan")]

    def __str__(self) -> str:
        return f"RT {self.nomor:03d}/RW {self.rw:03d}"

    @property
    def ada_titik(self) -> bool:
        return self.lintang is not None and self.bujur is not None
