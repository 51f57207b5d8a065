"""Staff and assets of a PD and its units.

``RekapPegawai`` and ``Aset.teks`` keep what the Renstra printed (the document's record);
``Pegawai`` and the condition counts of ``Aset`` with their ``RiwayatKondisiAset`` are the
registers a PD keeps up to date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kinerja.wilayah.models import PerangkatDaerah, Unit


class RekapPegawai(models.Model):
    """Headcount of one category (a golongan, an education level, …) on a date."""

    class Kelompok(models.TextChoices):
        GOLONGAN = "golongan", "Pangkat/golongan"
        PENDIDIKAN = "pendidikan", "Tingkat pendidikan"
        JABATAN = "jabatan", "Pejabat struktural/fungsional"
        JENIS_KELAMIN = "jenis_kelamin", "Jenis kelamin"

    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="rekap_pegawai_set")
    keadaan = models.CharField("keadaan per", max_length=60)
    kelompok = models.CharField(max_length=15, choices=Kelompok.choices)
    urutan = models.PositiveSmallIntegerField()
    uraian = models.CharField(max_length=120)
    jumlah = models.PositiveIntegerField()

    class Meta:
        verbose_name = "rekap pegawai"
        verbose_name_plural = "rekap pegawai"
        ordering = ["pd", "keadaan", "kelompok", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["pd", "keadaan", "kelompok", "uraian"], name="rekap_pegawai_unik")
        ]


class Pegawai(models.Model):
    """One assignment of a person to a unit, from ``mulai`` to ``selesai`` (empty: still serving).

    An assignment that ends is closed with ``selesai``, never deleted: the register answers
    "who served here on date X" for any date. ``nip`` (NIP, or NIK for non-ASN) is personal
    data, shown only to the PD's admin (``sumberdaya.services.boleh_lihat_nip``).
    """

    class JenisJabatan(models.TextChoices):
        STRUKTURAL = "struktural", "Struktural"
        FUNGSIONAL = "fungsional", "Fungsional"
        PELAKSANA = "pelaksana", "Pelaksana"

    class Status(models.TextChoices):
        PNS = "pns", "PNS"
        PPPK = "pppk", "PPPK"
        NON_ASN = "non_asn", "Non-ASN"

    class Golongan(models.TextChoices):
        IV_E = "IV/e", "IV/e"
        IV_D = "IV/d", "IV/d"
        IV_C = "IV/c", "IV/c"
        IV_B = "IV/b", "IV/b"
        IV_A = "IV/a", "IV/a"
        III_D = "III/d", "III/d"
        III_C = "III/c", "III/c"
        III_B = "III/b", "III/b"
        III_A = "III/a", "III/a"
        II_D = "II/d", "II/d"
        II_C = "II/c", "II/c"
        II_B = "II/b", "II/b"
        II_A = "II/a", "II/a"
        I_D = "I/d", "I/d"
        I_C = "I/c", "I/c"
        I_B = "I/b", "I/b"
        I_A = "I/a", "I/a"

    class Pendidikan(models.TextChoices):
        S3 = "S3", "S3"
        S2 = "S2", "S2"
        S1 = "S1", "S1"
        D4 = "D4", "D4"
        D3 = "D3", "D3"
        D2 = "D2", "D2"
        D1 = "D1", "D1"
        SMA = "SMA", "SMA"
        SMP = "SMP", "SMP"
        SD = "SD", "SD"

    class JenisKelamin(models.TextChoices):
        LAKI_LAKI = "L", "Laki-laki"
        PEREMPUAN = "P", "Perempuan"

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="pegawai_set")
    nama = models.CharField(max_length=150)
    nip = models.CharField("NIP/NIK", max_length=30, blank=True)
    jabatan = models.CharField("nama jabatan", max_length=150)
    jenis_jabatan = models.CharField(max_length=12, choices=JenisJabatan.choices)
    nama_fungsional = models.CharField(
        "jabatan fungsional", max_length=60, blank=True, help_text="Mis. P2UPD, Auditor (hanya fungsional)."
    )
    status = models.CharField("status kepegawaian", max_length=8, choices=Status.choices)
    golongan = models.CharField("golongan PNS", max_length=6, choices=Golongan.choices, blank=True)
    golongan_pppk = models.PositiveSmallIntegerField("golongan PPPK", null=True, blank=True)
    pendidikan = models.CharField(max_length=4, choices=Pendidikan.choices)
    jenis_kelamin = models.CharField(max_length=1, choices=JenisKelamin.choices)
    mulai = models.DateField("mulai bertugas")
    selesai = models.DateField("selesai bertugas", null=True, blank=True)
    demo = models.BooleanField(default=False)  # made up by the sample loader; cleared on an edit

    class Meta:
        verbose_name = "pegawai"
        verbose_name_plural = "pegawai"
        ordering = ["unit__urutan", "nama", "mulai"]
        indexes = [models.Index(fields=["unit", "mulai"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(selesai__isnull=True) | models.Q(selesai__gte=models.F("mulai")),
                name="pegawai_selesai_sesudah_mulai",
            )
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.jabatan})"

    @property
    def golongan_teks(self) -> str:
        if self.golongan:
            return self.golongan
        if self.golongan_pppk:
            return f"PPPK {_ROMAWI[self.golongan_pppk]}"
        return ""


# PPPK grades run from I to XVII (Perpres 98/2020).
_ROMAWI = {
    i: r for i, r in enumerate("I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII".split(), start=1)
}
GOLONGAN_PPPK = list(_ROMAWI.items())


class Aset(models.Model):
    """Holdings of one kind of asset at one unit, and their condition now.

    ``teks`` is the cell as the Renstra printed it; the counts ``baik``, ``rusak_ringan`` and
    ``rusak_berat`` are the register's current state, each change kept in
    ``RiwayatKondisiAset``.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aset_set")
    urutan = models.PositiveSmallIntegerField()
    jenis_barang = models.CharField(max_length=120)
    jumlah = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    satuan = models.CharField(max_length=30, blank=True)
    baik = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    rusak_ringan = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    rusak_berat = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    tahun_perolehan = models.PositiveSmallIntegerField(null=True, blank=True)
    kode_kib = models.CharField("kode KIB", max_length=40, blank=True)
    keterangan_kondisi = models.CharField(max_length=60, blank=True)
    teks = models.CharField("seperti tercatat", max_length=120, blank=True)

    class Meta:
        verbose_name_plural = "aset"
        ordering = ["unit", "urutan"]
        constraints = [models.UniqueConstraint(fields=["unit", "jenis_barang"], name="aset_unik_per_unit")]

    def __str__(self) -> str:
        return f"{self.jenis_barang} — {self.unit.nama_pendek}" if self.unit_id else self.jenis_barang

    @property
    def rusak(self):
        """Damaged, light or heavy: what the printed table calls "rusak"."""
        return (self.rusak_ringan or 0) + (self.rusak_berat or 0)


class RiwayatKondisiAset(models.Model):
    """A condition count of an asset on a date: the register's history, never rewritten."""

    aset = models.ForeignKey(Aset, on_delete=models.CASCADE, related_name="riwayat_kondisi")
    tanggal = models.DateField()
    baik = models.DecimalField(max_digits=14, decimal_places=2)
    rusak_ringan = models.DecimalField(max_digits=14, decimal_places=2)
    rusak_berat = models.DecimalField(max_digits=14, decimal_places=2)
    catatan = models.CharField(max_length=300, blank=True)
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    nama_pelaku = models.CharField(max_length=60, blank=True)
    dicatat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "riwayat kondisi aset"
        verbose_name_plural = "riwayat kondisi aset"
        ordering = ["aset", "-tanggal", "-id"]
