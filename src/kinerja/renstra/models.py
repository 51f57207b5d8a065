"""The plan as data.

RPJMD (pemda) → Renstra version (PD) → tujuan → sasaran → program → kegiatan →
sub kegiatan, all held in one tree (``PlanNode``; the proxies ``Tujuan`` …
``SubKegiatan`` name the levels).  Every level has indicators with targets per year
per lokasi; pagu is planned only on sub kegiatan, per year per lokasi, and every
higher pagu is a sum computed when read.

What a source document *printed* is kept apart, row by row, in ``BarisCetak``: the
checker compares it with the data and with itself.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from kinerja.core.unik import unik_per_lokasi
from kinerja.wilayah.models import Pemda, PerangkatDaerah, Unit


class Nomenklatur(models.Model):
    """One entry of the national list of program, kegiatan and sub kegiatan."""

    class Tingkat(models.TextChoices):
        PROGRAM = "program", "Program"
        KEGIATAN = "kegiatan", "Kegiatan"
        SUB_KEGIATAN = "sub_kegiatan", "Sub kegiatan"

    jenis_pemda = models.CharField(max_length=6)
    tingkat = models.CharField(max_length=12, choices=Tingkat.choices)
    kode = models.CharField(max_length=40)
    nama = models.TextField()
    kode_induk = models.CharField(max_length=40, blank=True)
    kinerja = models.TextField(blank=True)
    indikator = models.TextField(blank=True)
    satuan = models.CharField(max_length=200, blank=True)
    definisi_operasional = models.TextField(blank=True)
    kode_sebelumnya = models.TextField(blank=True)
    revisi = models.CharField(max_length=20)

    class Meta:
        verbose_name_plural = "nomenklatur"
        ordering = ["jenis_pemda", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["revisi", "jenis_pemda", "kode"], name="nomenklatur_unik")
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class RPJMD(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="rpjmd_set")
    tahun_mulai = models.PositiveSmallIntegerField()
    tahun_akhir = models.PositiveSmallIntegerField()
    visi = models.TextField()
    dasar_hukum = models.TextField(blank=True)

    class Meta:
        verbose_name = "RPJMD"
        verbose_name_plural = "RPJMD"
        ordering = ["pemda", "-tahun_mulai"]

    def __str__(self) -> str:
        return f"RPJMD {self.pemda} {self.tahun_mulai}–{self.tahun_akhir}"


class Misi(models.Model):
    rpjmd = models.ForeignKey(RPJMD, on_delete=models.CASCADE, related_name="misi_set")
    nomor = models.PositiveSmallIntegerField()
    teks = models.TextField()

    class Meta:
        verbose_name_plural = "misi"
        ordering = ["rpjmd", "nomor"]
        constraints = [models.UniqueConstraint(fields=["rpjmd", "nomor"], name="misi_nomor_unik")]

    def __str__(self) -> str:
        return f"Misi {self.nomor}: {self.teks}"


class RenstraVersi(models.Model):
    """One version of a PD's Renstra: the original, a Perubahan, or an imported copy."""

    class Jenis(models.TextChoices):
        RENSTRA = "renstra", "Renstra"
        PERUBAHAN = "perubahan", "Perubahan Renstra"
        RENJA = "renja", "Renja"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        FINAL = "final", "Final"
        DITETAPKAN = "ditetapkan", "Ditetapkan"

    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="renstra_set")
    rpjmd = models.ForeignKey(RPJMD, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    nama = models.CharField(max_length=250)
    tahun_mulai = models.PositiveSmallIntegerField()
    tahun_akhir = models.PositiveSmallIntegerField()
    tahun_rencana_awal = models.PositiveSmallIntegerField(
        help_text="Tahun pertama yang direncanakan dalam versi ini (mis. 2022 untuk Perubahan 2021–2026)."
    )
    tahun_kondisi_awal = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    dasar_hukum = models.TextField(blank=True)
    tanggal_dokumen = models.CharField(max_length=60, blank=True)
    penandatangan = models.CharField(max_length=200, blank=True)
    asal = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="turunan")
    laju_pagu = models.DecimalField(
        "laju pertumbuhan pagu per tahun",
        max_digits=6,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Aturan rencana sendiri, mis. 0,05 = pagu tiap tahun 5% di atas tahun sebelumnya.",
    )
    laju_pagu_mulai = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Tahun pertama deret pagu yang tunduk pada laju pertumbuhan."
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "versi Renstra"
        verbose_name_plural = "versi Renstra"
        ordering = ["pd", "-tahun_mulai", "id"]

    def __str__(self) -> str:
        return self.nama

    @property
    def tahun_rencana(self) -> list[int]:
        return list(range(self.tahun_rencana_awal, self.tahun_akhir + 1))

    @property
    def laju_pagu_persen(self):
        return self.laju_pagu * 100 if self.laju_pagu is not None else None


class PlanNode(models.Model):
    """One element of the cascade."""

    class Tingkat(models.IntegerChoices):
        TUJUAN = 1, "Tujuan"
        SASARAN = 2, "Sasaran"
        PROGRAM = 3, "Program"
        KEGIATAN = 4, "Kegiatan"
        SUB_KEGIATAN = 5, "Sub kegiatan"

    versi = models.ForeignKey(RenstraVersi, on_delete=models.CASCADE, related_name="node_set")
    tingkat = models.PositiveSmallIntegerField(choices=Tingkat.choices)
    induk = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="anak")
    urutan = models.PositiveIntegerField(default=0)
    kode = models.CharField(max_length=40, blank=True)
    nama = models.TextField()
    nomenklatur = models.ForeignKey(
        Nomenklatur, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    misi = models.ForeignKey(Misi, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    unit_kerja = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    asal = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="salinan",
        help_text="Unsur versi lain yang disalin menjadi unsur ini (Perubahan, Renja).",
    )

    class Meta:
        verbose_name = "unsur rencana"
        verbose_name_plural = "unsur rencana"
        ordering = ["versi", "urutan"]
        indexes = [models.Index(fields=["versi", "tingkat"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(tingkat=1, induk__isnull=True) | Q(tingkat__gt=1, induk__isnull=False),
                name="node_induk_sesuai_tingkat",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}".strip()


class _TingkatManager(models.Manager):
    def __init__(self, tingkat: int):
        super().__init__()
        self.tingkat = tingkat

    def get_queryset(self):
        return super().get_queryset().filter(tingkat=self.tingkat)


class Tujuan(PlanNode):
    objects = _TingkatManager(PlanNode.Tingkat.TUJUAN)

    class Meta:
        proxy = True
        verbose_name_plural = "tujuan"


class Sasaran(PlanNode):
    objects = _TingkatManager(PlanNode.Tingkat.SASARAN)

    class Meta:
        proxy = True
        verbose_name_plural = "sasaran"


class Program(PlanNode):
    objects = _TingkatManager(PlanNode.Tingkat.PROGRAM)

    class Meta:
        proxy = True
        verbose_name_plural = "program"


class Kegiatan(PlanNode):
    objects = _TingkatManager(PlanNode.Tingkat.KEGIATAN)

    class Meta:
        proxy = True
        verbose_name_plural = "kegiatan"


class SubKegiatan(PlanNode):
    objects = _TingkatManager(PlanNode.Tingkat.SUB_KEGIATAN)

    class Meta:
        proxy = True
        verbose_name = "sub kegiatan"
        verbose_name_plural = "sub kegiatan"


class Strategi(models.Model):
    sasaran = models.ForeignKey(PlanNode, on_delete=models.CASCADE, related_name="strategi_set")
    urutan = models.PositiveSmallIntegerField(default=0)
    teks = models.TextField()

    class Meta:
        verbose_name_plural = "strategi"
        ordering = ["sasaran", "urutan"]

    def __str__(self) -> str:
        return self.teks


class ArahKebijakan(models.Model):
    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="kebijakan_set")
    urutan = models.PositiveSmallIntegerField(default=0)
    teks = models.TextField()

    class Meta:
        verbose_name = "arah kebijakan"
        verbose_name_plural = "arah kebijakan"
        ordering = ["strategi", "urutan"]

    def __str__(self) -> str:
        return self.teks


class Permasalahan(models.Model):
    versi = models.ForeignKey(RenstraVersi, on_delete=models.CASCADE, related_name="permasalahan_set")
    nomor = models.PositiveSmallIntegerField()
    masalah_pokok = models.TextField()
    masalah = models.TextField(blank=True)
    akar_masalah = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "permasalahan"
        ordering = ["versi", "nomor"]


class IsuStrategis(models.Model):
    versi = models.ForeignKey(RenstraVersi, on_delete=models.CASCADE, related_name="isu_set")
    nomor = models.PositiveSmallIntegerField()
    teks = models.TextField()

    class Meta:
        verbose_name = "isu strategis"
        verbose_name_plural = "isu strategis"
        ordering = ["versi", "nomor"]


class Naskah(models.Model):
    """A narrative item of the document (visi as printed, a paragraph, a list item)."""

    versi = models.ForeignKey(RenstraVersi, on_delete=models.CASCADE, related_name="naskah_set")
    kunci = models.CharField(max_length=60)
    urutan = models.PositiveSmallIntegerField(default=1)
    teks = models.TextField()
    sumber_baris = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "naskah"
        ordering = ["versi", "kunci", "urutan"]


class Indikator(models.Model):
    class Arah(models.TextChoices):
        NAIK = "naik", "Makin tinggi makin baik"
        TURUN = "turun", "Makin rendah makin baik"

    class JenisNilai(models.TextChoices):
        ANGKA = "angka", "Angka"
        PERSEN = "persen", "Persen"
        INDEKS = "indeks", "Indeks"
        PREDIKAT = "predikat", "Predikat"

    class Skala(models.TextChoices):
        TANPA = "", "Tanpa skala label"
        IKM = "ikm", "Mutu IKM (PermenPANRB 14/2017)"
        SAKIP = "sakip", "Nilai SAKIP (PermenPANRB 88/2021)"

    class Agregasi(models.TextChoices):
        JUMLAH = "jumlah", "Jumlah nilai tahunan"
        TERAKHIR = "terakhir", "Nilai tahun terakhir"
        RATA = "rata", "Rata-rata nilai tahunan"
        MAKS = "maks", "Nilai tertinggi"

    node = models.ForeignKey(PlanNode, on_delete=models.CASCADE, related_name="indikator_set")
    urutan = models.PositiveIntegerField(default=0)
    nama = models.TextField()
    definisi = models.TextField("formulasi / definisi operasional", blank=True)
    satuan = models.CharField(max_length=60, blank=True)
    arah = models.CharField(max_length=5, choices=Arah.choices, default=Arah.NAIK)
    jenis_nilai = models.CharField(max_length=10, choices=JenisNilai.choices, default=JenisNilai.ANGKA)
    skala = models.CharField(max_length=6, choices=Skala.choices, blank=True, default="")
    agregasi_akhir = models.CharField(
        "kondisi akhir periode dihitung sebagai",
        max_length=10,
        choices=Agregasi.choices,
        default=Agregasi.TERAKHIR,
    )
    iku = models.BooleanField("indikator kinerja utama", default=False)
    ikk = models.BooleanField("indikator kinerja kunci", default=False)
    spm = models.BooleanField("standar pelayanan minimal", default=False)
    rpjmd = models.BooleanField("mengacu tujuan/sasaran RPJMD", default=False)
    ukuran = models.SlugField(
        max_length=60,
        blank=True,
        help_text="Kunci ukuran yang sama di beberapa tingkat/tabel (mis. 'ikm'), untuk membandingkan target.",
    )
    unit_kerja = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    agregasi_triwulan = models.CharField(
        "realisasi tahunan dari triwulan",
        max_length=10,
        choices=[
            ("jumlah", "Jumlah keempat triwulan"),
            ("terakhir", "Nilai triwulan terakhir yang terisi"),
            ("rata", "Rata-rata triwulan terisi"),
        ],
        default="terakhir",
        help_text='Hitungan ("Jumlah …") dijumlahkan; persen dan indeks mengambil nilai terakhir atau rata-rata.',
    )
    asal = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="salinan",
        help_text="Indikator versi lain yang disalin menjadi indikator ini.",
    )

    class SumberData(models.TextChoices):
        MANUAL = "manual", "Diisi operator"
        IKM = "ikm", "IKM dari survei kepuasan masyarakat"
        SESUAI_STANDAR = "sesuai_standar", "% pelayanan sesuai standar (catatan pelayanan)"
        TEPAT_WAKTU = "tepat_waktu", "% layanan tepat waktu (catatan pelayanan)"
        PENGADUAN = "pengaduan", "% pengaduan ditindaklanjuti tepat waktu"
        RT_REMBUG = "rt_rembug", "Jumlah RT yang melakukan rembug warga (RT Keren)"
        RT_SERAPAN = "rt_serapan", "Jumlah RT dengan penyerapan sesuai ambang (RT Keren)"
        RT_BERDAYA = "rt_berdaya", "% RT berdaya (RT Keren)"
        KELURAHAN_BERDAYA = "kelurahan_berdaya", "% kelurahan berdaya (RT Keren)"
        SAKIP = "sakip", "Nilai SAKIP dari evaluasi final Inspektorat"

    sumber_data = models.CharField(
        "sumber realisasi",
        max_length=24,
        choices=SumberData.choices,
        default=SumberData.MANUAL,
        help_text="Selain 'diisi operator', realisasi dihitung dari data layanan dan tidak dapat diisi tangan.",
    )

    class Meta:
        verbose_name_plural = "indikator"
        ordering = ["node", "urutan"]

    def __str__(self) -> str:
        return self.nama


class _NilaiTercetak(models.Model):
    """A value as written (``teks``) and as read (``jenis``, ``nilai``, ``label``)."""

    teks = models.CharField(max_length=80, blank=True)
    jenis = models.CharField(max_length=12, blank=True)
    nilai = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    label = models.CharField(max_length=40, blank=True)
    sumber_baris = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        abstract = True


class KondisiAwal(_NilaiTercetak):
    """The baseline an indicator starts from at one lokasi (empty lokasi = the whole PD)."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="kondisi_awal_set")
    lokasi = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.RESTRICT, related_name="+")
    tahun = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "kondisi awal"
        verbose_name_plural = "kondisi awal"
        ordering = ["indikator", "lokasi"]
        constraints = [
            *unik_per_lokasi(
                ["indikator", "lokasi"], "kondisi_awal_unik_per_lokasi", "kondisi_awal_unik_tanpa_lokasi"
            ),
        ]


class Target(_NilaiTercetak):
    """A target of an indicator for one year at one lokasi (empty lokasi = the whole PD)."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="target_set")
    lokasi = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.RESTRICT, related_name="+")
    tahun = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["indikator", "lokasi", "tahun"]
        constraints = [
            *unik_per_lokasi(
                ["indikator", "lokasi", "tahun"], "target_unik_per_lokasi", "target_unik_tanpa_lokasi"
            ),
        ]


class Pagu(models.Model):
    """Pagu indikatif of a sub kegiatan for one year at one lokasi."""

    node = models.ForeignKey(PlanNode, on_delete=models.CASCADE, related_name="pagu_set")
    lokasi = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.RESTRICT, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    jumlah = models.DecimalField(max_digits=20, decimal_places=2)
    sumber_baris = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "pagu"
        ordering = ["node", "lokasi", "tahun"]
        constraints = [
            *unik_per_lokasi(["node", "lokasi", "tahun"], "pagu_unik_per_lokasi", "pagu_unik_tanpa_lokasi"),
        ]


class RincianRenja(models.Model):
    """What the Renja form asks per sub kegiatan × lokasi beyond target and pagu: sumber dana and
    catatan penting (Permendagri 86/2017, "Rumusan Rencana Program dan Kegiatan PD Tahun n dan
    Prakiraan Maju Tahun n+1"). Kept on the Renja version's own sub kegiatan."""

    node = models.ForeignKey(PlanNode, on_delete=models.CASCADE, related_name="rincian_renja_set")
    lokasi = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.RESTRICT, related_name="+")
    sumber_dana = models.CharField(max_length=120, blank=True)
    catatan = models.TextField("catatan penting", blank=True)

    class Meta:
        verbose_name = "rincian Renja"
        verbose_name_plural = "rincian Renja"
        ordering = ["node", "lokasi"]
        constraints = [
            *unik_per_lokasi(
                ["node", "lokasi"], "rincian_renja_unik_per_lokasi", "rincian_renja_unik_tanpa_lokasi"
            ),
        ]


class Anggaran(models.Model):
    """The appropriated budget (APBD murni or perubahan, as in the DPA) of a sub kegiatan for one
    year at one lokasi, with its sumber dana. The pagu indikatif stays the Renstra's own figure."""

    class Tahap(models.TextChoices):
        MURNI = "murni", "APBD murni"
        PERUBAHAN = "perubahan", "APBD perubahan"

    node = models.ForeignKey(PlanNode, on_delete=models.CASCADE, related_name="anggaran_set")
    lokasi = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.RESTRICT, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    tahap = models.CharField(max_length=10, choices=Tahap.choices, default=Tahap.MURNI)
    jumlah = models.DecimalField(max_digits=20, decimal_places=2)
    sumber_dana = models.CharField(max_length=120, blank=True)
    dokumen = models.CharField(
        "nomor dokumen", max_length=150, blank=True, help_text="Mis. nomor DPA atau Perda/Perkada APBD."
    )
    demo = models.BooleanField("data demonstrasi", default=False)
    diubah = models.DateTimeField(auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "anggaran APBD"
        verbose_name_plural = "anggaran APBD"
        ordering = ["node", "lokasi", "tahun", "tahap"]
        constraints = [
            *unik_per_lokasi(
                ["node", "lokasi", "tahun", "tahap"], "anggaran_unik_per_lokasi", "anggaran_unik_tanpa_lokasi"
            ),
        ]

    def __str__(self) -> str:
        lokasi = f" · {self.lokasi.nama_pendek}" if self.lokasi_id else ""
        return f"{self.get_tahap_display()} {self.node}{lokasi} · {self.tahun}"


# --- BAB II: the PD's past performance, as the Renstra reports it -------------------


class KinerjaPelayanan(models.Model):
    """A row of Tabel 2.3.1 / T-C.23: an indicator's targets and results in past years."""

    versi = models.ForeignKey(RenstraVersi, on_delete=models.CASCADE, related_name="kinerja_pelayanan_set")
    urutan = models.PositiveSmallIntegerField()
    kelompok = models.CharField(max_length=200)
    nomor = models.PositiveSmallIntegerField()
    indikator_teks = models.TextField("indikator")
    indikator = models.ForeignKey(
        Indikator, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_spm = models.CharField(max_length=60, blank=True)
    target_ikk = models.CharField(max_length=60, blank=True)
    target_lainnya = models.CharField(max_length=60, blank=True)

    class Meta:
        verbose_name = "kinerja pelayanan"
        verbose_name_plural = "kinerja pelayanan"
        ordering = ["versi", "urutan"]


class KinerjaPelayananTahun(models.Model):
    baris = models.ForeignKey(KinerjaPelayanan, on_delete=models.CASCADE, related_name="tahun_set")
    tahun = models.PositiveSmallIntegerField()
    target = models.CharField(max_length=60, blank=True)
    realisasi = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["baris", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["baris", "tahun"], name="kinerja_pelayanan_tahun_unik")
        ]


class AnggaranPelayanan(models.Model):
    """Tabel 2.3.2 / T-C.24: budget and its realisation of one kind of spending in a year."""

    versi = models.ForeignKey(RenstraVersi, on_delete=models.CASCADE, related_name="anggaran_pelayanan_set")
    urutan = models.PositiveSmallIntegerField()
    uraian = models.CharField(max_length=200)
    tahun = models.PositiveSmallIntegerField()
    anggaran = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    realisasi = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = "anggaran pelayanan"
        verbose_name_plural = "anggaran pelayanan"
        ordering = ["versi", "urutan", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["versi", "uraian", "tahun"], name="anggaran_pelayanan_unik")
        ]


# --- what a document printed --------------------------------------------------------


class SumberDokumen(models.Model):
    """A document a version was read from: the Renstra text, or an imported workbook."""

    class Jenis(models.TextChoices):
        TEKS = "teks", "Naskah dokumen"
        XLSX = "xlsx", "Buku kerja XLSX"

    versi = models.ForeignKey(RenstraVersi, on_delete=models.CASCADE, related_name="sumber_set")
    jenis = models.CharField(max_length=5, choices=Jenis.choices)
    judul = models.CharField(max_length=300)
    nama_berkas = models.CharField(max_length=300, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    dimuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "sumber dokumen"
        verbose_name_plural = "sumber dokumen"

    def __str__(self) -> str:
        return self.judul


class BarisCetak(models.Model):
    """One row of a table as the source printed it, cell by cell, with its line."""

    sumber = models.ForeignKey(SumberDokumen, on_delete=models.CASCADE, related_name="baris_set")
    tabel = models.CharField(max_length=12)
    urutan = models.PositiveIntegerField()
    baris = models.PositiveIntegerField(help_text="Nomor baris di naskah, atau nomor baris di lembar kerja.")
    baris_lain = models.CharField(max_length=100, blank=True)
    lembar = models.CharField(max_length=100, blank=True)
    tingkat = models.CharField(max_length=20, blank=True)
    node = models.ForeignKey(PlanNode, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    indikator = models.ForeignKey(
        Indikator, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    lokasi = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    sel = models.JSONField(default=dict)
    catatan = models.TextField(blank=True)

    class Meta:
        verbose_name = "baris tercetak"
        verbose_name_plural = "baris tercetak"
        ordering = ["sumber", "tabel", "urutan"]
        indexes = [models.Index(fields=["sumber", "tabel"])]

    @property
    def semua_baris(self) -> list[int]:
        lain = [int(x) for x in self.baris_lain.split(";") if x.strip().isdigit()]
        return [self.baris, *lain]


class TandaTemuan(models.Model):
    """A planner's mark on a checker finding of one version: handled, or accepted as the document's record.

    Findings are recomputed on every run; a mark finds its finding again by ``kunci`` (what the
    finding is about) and holds while ``sidik`` (the same plus the printed and expected values)
    still matches. See ``renstra.tanda``.
    """

    class Status(models.TextChoices):
        TERBUKA = "terbuka", "Belum ditangani"
        DITANGANI = "ditangani", "Ditangani"
        DITERIMA = "diterima", "Diterima sebagai catatan dokumen"

    versi = models.ForeignKey(RenstraVersi, on_delete=models.CASCADE, related_name="tanda_temuan_set")
    kunci = models.CharField(max_length=64)
    sidik = models.CharField(max_length=64)
    kode = models.CharField(max_length=40)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.TERBUKA)
    catatan = models.TextField(blank=True)
    ringkasan = models.CharField(
        max_length=300, blank=True, help_text="Temuan seperti terbaca saat ditandai."
    )
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    waktu = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "tanda temuan"
        verbose_name_plural = "tanda temuan"
        constraints = [models.UniqueConstraint(fields=["versi", "kunci"], name="tanda_temuan_unik_per_versi")]

    def __str__(self) -> str:
        return f"{self.kode} · {self.ringkasan}"


class TautanIndikator(models.Model):
    """One indicator continued by another in later years of the same version.

    Where the document worded an element's indicator one way for the first year (Tabel 6.1)
    and another way for the rest of the period (Tabel 6.2), the two are one measure across the
    period only once a planner links them: reports (E.81 columns 5, 6, 13, 14; E.80) then read
    the targets and realisations of both as one series. See ``renstra.tautan``.
    """

    class Sumber(models.TextChoices):
        MANUAL = "manual", "Ditautkan perencana"
        DEMO = "demo", "Data demonstrasi"
        SALINAN = "salinan", "Disalin bersama versinya"

    versi = models.ForeignKey(RenstraVersi, on_delete=models.CASCADE, related_name="tautan_indikator_set")
    lama = models.OneToOneField(Indikator, on_delete=models.CASCADE, related_name="tautan_lanjut")
    baru = models.OneToOneField(Indikator, on_delete=models.CASCADE, related_name="tautan_asal")
    sumber = models.CharField(max_length=8, choices=Sumber.choices, default=Sumber.MANUAL)
    alasan = models.TextField(blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tautan indikator"
        verbose_name_plural = "tautan indikator"
        constraints = [
            models.CheckConstraint(condition=~Q(lama=models.F("baru")), name="tautan_indikator_bukan_diri")
        ]

    def __str__(self) -> str:
        return f"{self.lama} → {self.baru}"


class RevisiRencana(models.Model):
    """The revision of a version's plan (``renstra.revisi``): a random number set by database triggers on
    every write to the rows ``muat_rencana`` reads. No foreign key: the triggers write it below the ORM,
    also while a version is being deleted."""

    versi_id = models.BigIntegerField(primary_key=True)
    nilai = models.BigIntegerField()

    class Meta:
        verbose_name = "revisi rencana"
        verbose_name_plural = "revisi rencana"

    def __str__(self) -> str:
        return f"Revisi rencana versi #{self.versi_id}"
