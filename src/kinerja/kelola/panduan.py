"""The guide of a new PD: what is still missing before it runs, each step done or not, with a count.

The steps read each app's records of the PD (units, plan, roles, service standards, kiosks,
complaint categories, region); the links point to the pages that fill them. Pages another part of
the administration provides are named by their URL names and resolved by the template, so a page not
there yet leaves its step without a link rather than breaking the guide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from kinerja.core.models import Peran
from kinerja.renstra.models import Target
from kinerja.renstra.selectors import versi_utama
from kinerja.wilayah import selectors as wilayah
from kinerja.wilayah.izin import pelaku_wajib, wajib
from kinerja.wilayah.models import PerangkatDaerah, Unit

J = Peran.Jenis
# The roles a PD needs before its first quarter can be reported and verified (its own administrator is
# optional: the pemda's administrator manages it too).
PERAN_WAJIB = (J.PIMPINAN, J.PERENCANA, J.OPERATOR)


@dataclass
class Tautan:
    label: str
    nama: str  # a URL name, resolved by the template (``{% url … as … %}``)
    arg: object = None


@dataclass
class Langkah:
    judul: str
    selesai: bool
    jumlah: str  # "3 dari 8 unit", "belum ada"
    uraian: str = ""
    kurang: list[str] = field(default_factory=list)  # what is missing, by name
    tautan: list[Tautan] = field(default_factory=list)
    perintah: str = ""  # a command that does it from the server's shell


def _dari(n: int, semua: int, satuan: str) -> str:
    return f"{n} dari {semua} {satuan}"


def _unit(pd: PerangkatDaerah, lokasi: list[Unit]) -> Langkah:
    bawahan = [u for u in lokasi if not u.adalah_kantor]
    kecamatan = pd.jenis == PerangkatDaerah.Jenis.KECAMATAN
    return Langkah(
        "Unit kerja" + (": kantor dan kelurahan" if kecamatan else ": kantor dan bidang"),
        selesai=bool(bawahan) or not kecamatan,
        jumlah=f"{len(lokasi)} unit lokasi aktif" if lokasi else "belum ada",
        uraian="Kantor dan kelurahan adalah lokasi target dan pagu rencana; bidang/seksi adalah unit penanggung jawab.",
        tautan=[Tautan("Tambah atau ubah unit", "kelola:pd", pd.pk)],
    )


def _rencana(pd: PerangkatDaerah, boleh_ubah: bool) -> Langkah:
    v = versi_utama(pd)
    tautan = []
    if v is None and boleh_ubah:
        tautan = [
            Tautan("Buat Renstra pertama: impor atau ketik di editor", "renstra:renstra_pertama", pd.pk)
        ]
    if v is not None:
        tautan = [
            Tautan(f"Buka {v.nama}", "renstra:dasbor", v.pk),
            Tautan("Pemeriksaan konsistensi", "renstra:pemeriksaan", v.pk),
            Tautan("Susun rencana: tambah atau hapus unsur dan indikator", "renstra:susun", v.pk),
            Tautan("Impor versi baru dari buku kerja", "renstra:impor", v.pk),
        ]
    jumlah = pd.renstra_set.exclude(jenis="renja").count()
    # A draft just created is not yet a plan: done once it holds indicators with targets.
    bertarget = v is not None and Target.objects.filter(indikator__node__versi=v).exists()
    return Langkah(
        "Renstra",
        selesai=bertarget,
        jumlah=(f"{jumlah} versi" if bertarget else f"{jumlah} versi, belum berisi indikator dan target")
        if jumlah
        else "belum ada",
        uraian="Rencana dari buku kerja Tabel 6.2 (ekspor e-SAKIP atau hasil 'kinerja export'); sesudah impor, "
        "pemeriksa konsistensi memeriksa jumlah, pagu dan label.",
        tautan=tautan,
        # Without a plan the page above creates it; the command stays for whoever may not open that page.
        perintah="" if v is None and boleh_ubah else f"kinerja import BERKAS.xlsx --pd {pd.slug}",
    )


def _pengguna(pd: PerangkatDaerah, lokasi: list[Unit]) -> list[Langkah]:
    peran = Peran.objects.filter(Q(pd=pd) | Q(unit__pd=pd), pengguna__is_active=True)
    per_jenis = dict(
        peran.values("jenis").annotate(n=Count("pengguna", distinct=True)).values_list("jenis", "n")
    )
    kurang = [J(j).label.lower() for j in PERAN_WAJIB if not per_jenis.get(j)]
    ringkas = ", ".join(f"{J(j).label.lower()} {per_jenis.get(j, 0)}" for j in J.values)
    tautan = [
        Tautan("Daftar pengguna", "kelola:pengguna_pd", pd.pk),
        Tautan("Buat pengguna", "kelola:pengguna_buat", pd.pk),
        Tautan("Pengguna dari CSV", "kelola:impor_pengguna", pd.pk),
    ]
    berperan = set(peran.filter(jenis=J.OPERATOR, unit__isnull=False).values_list("unit_id", flat=True))
    tanpa_operator = [u.nama_pendek for u in lokasi if u.pk not in berperan]
    return [
        Langkah(
            "Pengguna per peran",
            selesai=not kurang,
            jumlah=ringkas,
            uraian="Pimpinan menandatangani PK, perencana mengubah rencana dan memverifikasi, operator mengisi "
            "realisasi; administrator PD (boleh tidak ada) mengelola PD dan penggunanya.",
            kurang=kurang,
            tautan=tautan,
        ),
        Langkah(
            "Operator setiap lokasi",
            selesai=bool(lokasi) and not tanpa_operator,
            jumlah=_dari(len(lokasi) - len(tanpa_operator), len(lokasi), "lokasi"),
            uraian="Setiap kantor dan kelurahan mengisi realisasi triwulannya sendiri.",
            kurang=tanpa_operator,
            tautan=tautan[1:],
        ),
    ]


def _per_unit(judul: str, lokasi: list[Unit], punya: set[int], tautan: Tautan, uraian: str) -> Langkah:
    tanpa = [u.nama_pendek for u in lokasi if u.pk not in punya]
    return Langkah(
        judul,
        selesai=bool(lokasi) and not tanpa,
        jumlah=_dari(len(lokasi) - len(tanpa), len(lokasi), "lokasi"),
        uraian=uraian,
        kurang=tanpa,
        tautan=[tautan],
    )


def _layanan(pd: PerangkatDaerah, lokasi: list[Unit]) -> list[Langkah]:
    ids = [u.pk for u in lokasi]
    standar = set(Unit.objects.filter(pk__in=ids, layanan_set__aktif=True).values_list("pk", flat=True))
    kios = set(Unit.objects.filter(pk__in=ids, kios_set__isnull=False).values_list("pk", flat=True))
    kategori = pd.kategori_pengaduan_set.count()
    return [
        _per_unit(
            "Standar pelayanan per unit",
            lokasi,
            standar,
            Tautan("Kelola standar pelayanan", "kelola:layanan", pd.pk),
            "Persyaratan, prosedur, waktu, biaya dan produk setiap layanan yang dibuka unit.",
        ),
        _per_unit(
            "Kios survei per unit",
            lokasi,
            kios,
            Tautan("Kelola kios", "kelola:kios", pd.pk),
            "Anjungan survei kepuasan (IKM) di ruang layanan, dengan kode QR untuk ponsel.",
        ),
        Langkah(
            "Kategori pengaduan",
            selesai=kategori > 0,
            jumlah=f"{kategori} kategori" if kategori else "belum ada",
            uraian="Pengaduan warga dipilah per kategori, masing-masing dengan batas waktu tindak lanjut.",
            tautan=[Tautan("Kelola kategori pengaduan", "kelola:kategori", pd.pk)],
        ),
    ]


def _wilayah(pd: PerangkatDaerah) -> Langkah | None:
    kel = wilayah.kelurahan_pd(pd.pk)
    if not kel:
        return None
    r = wilayah.ringkasan_wilayah(kel)
    lengkap = [b for b in r.baris if b.unit.luas_km2 and b.jumlah_rt and b.penduduk]
    return Langkah(
        "Data wilayah: luas, RT dan penduduk",
        selesai=len(lengkap) == len(r.baris),
        jumlah=_dari(len(lengkap), len(r.baris), "kelurahan lengkap"),
        uraian="Untuk Tabel 2.1 Renstra, profil kelurahan dan RT Keren.",
        kurang=[b.unit.nama_pendek for b in r.baris if b not in lengkap],
        tautan=[
            Tautan("Data wilayah", "wilayah:daftar", pd.pk),
            Tautan("Impor RT dan penduduk", "wilayah:impor", pd.pk),
        ],
    )


def _kepala(pd: PerangkatDaerah) -> Langkah:
    ada = [x for x in (pd.pimpinan_nama, pd.pimpinan_jabatan, pd.pimpinan_nip) if x]
    return Langkah(
        "Kepala perangkat daerah",
        selesai=len(ada) == 3,
        jumlah=f"{len(ada)} dari 3 isian",
        uraian="Nama, jabatan dan NIP kepala tercetak di Perjanjian Kinerja dan tanda tangan E.81/E.80.",
        tautan=[Tautan("Ubah data perangkat daerah", "kelola:pd", pd.pk)],
    )


def langkah(pd: PerangkatDaerah, *, pengguna) -> list[Langkah]:
    """Every step of the guide, in the order a new PD takes them."""
    c = pelaku_wajib(pengguna)
    wajib(c.kelola_pd(pd.pk), "Panduan ini untuk administrator perangkat daerah ini.")
    lokasi = [u for u in Unit.objects.filter(pd=pd, aktif=True).order_by("urutan", "nama") if u.adalah_lokasi]
    hasil = [
        _unit(pd, lokasi),
        _kepala(pd),
        _rencana(pd, c.ubah_rencana(pd.pk)),
        *_pengguna(pd, lokasi),
        *_layanan(pd, lokasi),
    ]
    w = _wilayah(pd)
    return hasil + ([w] if w else [])
