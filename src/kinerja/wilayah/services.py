"""Writes (and the pages' reads) of the region's records: kelurahan area, RT, population per year;
and the administration of a pemda's settings, its PDs and their units.

The PD's admin (or a superuser) writes; any member of the PD reads. A pemda's admin changes the
pemda's settings and opens new PDs. Every write runs in one
transaction with its audit entry; a refused value raises ``ValidationError`` with a message per
field and writes nothing.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.core.audit import catat
from kinerja.wilayah import isian as cek
from kinerja.wilayah import isian_pd, selectors
from kinerja.wilayah.izin import pelaku_wajib
from kinerja.wilayah.models import Kecamatan, Pemda, Penduduk, PerangkatDaerah, RukunTetangga, Unit

TOLAK_UBAH = (
    "Data wilayah hanya dapat diubah oleh administrator perangkat daerah ini; "
    "Anda dapat membacanya tanpa mengubah."
)
TOLAK_BACA = "Anda tidak mempunyai peran di perangkat daerah ini."
JENIS_WILAYAH = selectors.JENIS_WILAYAH


def _wajib_kelola(pengguna, pd_id: int) -> None:
    if not pelaku_wajib(pengguna).kelola_pd(pd_id):
        raise PermissionDenied(TOLAK_UBAH)


def _wajib_baca(pengguna, pd_id: int) -> None:
    if not pelaku_wajib(pengguna).anggota_pd(pd_id):
        raise PermissionDenied(TOLAK_BACA)


def _wajib_kelurahan(unit: Unit) -> None:
    if unit.jenis not in JENIS_WILAYAH:
        raise ValidationError(
            f"{unit.nama} bukan kelurahan atau desa: luas, RT dan penduduk dicatat per kelurahan."
        )


def boleh_kelola(*, pengguna, pd: PerangkatDaerah) -> bool:
    """Whether the actor may edit the PD's region (pages show edit forms only then)."""
    _wajib_baca(pengguna, pd.pk)
    return pelaku_wajib(pengguna).kelola_pd(pd.pk)


def baca_wilayah(*, pengguna, pd: PerangkatDaerah, tahun: int | None = None) -> selectors.Ringkasan:
    """The PD's kelurahan with area, RW/RT and the population of ``tahun`` (default the latest)."""
    _wajib_baca(pengguna, pd.pk)
    return selectors.ringkasan_wilayah(selectors.kelurahan_pd(pd.pk), tahun)


def baca_kelurahan(*, pengguna, unit: Unit) -> dict:
    """A kelurahan's RTs (grouped by RW, inactive ones too) and its population per year."""
    _wajib_baca(pengguna, unit.pd_id)
    rw: dict[int, list[RukunTetangga]] = {}
    for rt in RukunTetangga.objects.filter(unit=unit).order_by("rw", "nomor"):
        rw.setdefault(rt.rw, []).append(rt)
    penduduk = list(Penduduk.objects.filter(unit=unit).order_by("-tahun"))
    for p in penduduk:
        p.kepadatan = selectors.kepadatan(p.jumlah, unit.luas_km2)
    return {"rw": sorted(rw.items()), "penduduk": penduduk}


def _galat(galat: cek.Galat) -> None:
    if galat:
        raise ValidationError(galat)


@transaction.atomic
def ubah_luas(*, pengguna, unit: Unit, luas: object) -> bool:
    """Set a kelurahan's area (km²); False when it was already that."""
    _wajib_kelola(pengguna, unit.pd_id)
    _wajib_kelurahan(unit)
    galat: cek.Galat = {}
    baru = cek.coba(galat, "luas_km2", cek.baca_luas, luas)
    _galat(galat)
    lama = unit.luas_km2
    if lama is not None and lama == baru:
        return False
    unit.luas_km2 = baru
    unit.save(update_fields=["luas_km2"])
    catat(
        aksi="wilayah.luas", objek=unit, pengguna=pengguna, perubahan={"luas_km2": (lama, baru)}, pd=unit.pd
    )
    return True


def _rt_unik(unit: Unit, v: dict, kecuali: int | None = None) -> None:
    qs = RukunTetangga.objects.filter(unit=unit, rw=v["rw"], nomor=v["nomor"])
    if kecuali:
        qs = qs.exclude(pk=kecuali)
    if qs.exists():
        raise ValidationError(
            {
                "nomor": [
                    f"RT {v['nomor']:03d}/RW {v['rw']:03d} sudah ada di {unit.nama}; ubah baris yang ada."
                ]
            }
        )


@transaction.atomic
def tambah_rt(*, pengguna, unit: Unit, isian: dict) -> RukunTetangga:
    """Add an RT to a kelurahan: RW, number (unique in the kelurahan's RW), ketua, optional point."""
    _wajib_kelola(pengguna, unit.pd_id)
    _wajib_kelurahan(unit)
    v, galat = cek.periksa_rt(isian)
    _galat(galat)
    _rt_unik(unit, v)
    rt = RukunTetangga.objects.create(unit=unit, **v)
    catat(
        aksi="wilayah.rt_tambah",
        objek=rt,
        pengguna=pengguna,
        perubahan={k: (None, x) for k, x in v.items() if x not in (None, "")},
        pd=unit.pd,
    )
    return rt


@transaction.atomic
def ubah_rt(*, pengguna, rt: RukunTetangga, isian: dict) -> list[str]:
    """Change an RT's RW, number, ketua or point; returns the fields changed."""
    unit = rt.unit
    _wajib_kelola(pengguna, unit.pd_id)
    v, galat = cek.periksa_rt(isian)
    _galat(galat)
    _rt_unik(unit, v, kecuali=rt.pk)
    perubahan = {k: (getattr(rt, k), x) for k, x in v.items() if getattr(rt, k) != x}
    if perubahan:
        for k, (_, x) in perubahan.items():
            setattr(rt, k, x)
        rt.save(update_fields=list(perubahan))
        catat(aksi="wilayah.rt_ubah", objek=rt, pengguna=pengguna, perubahan=perubahan, pd=unit.pd)
    return list(perubahan)


@transaction.atomic
def ubah_status_rt(*, pengguna, rt: RukunTetangga, aktif: bool) -> bool:
    """Deactivate (merged, dissolved) or reactivate an RT; its past years stay. False if unchanged."""
    _wajib_kelola(pengguna, rt.unit.pd_id)
    if rt.aktif == aktif:
        return False
    rt.aktif = aktif
    rt.save(update_fields=["aktif"])
    catat(
        aksi="wilayah.rt_aktif" if aktif else "wilayah.rt_nonaktif",
        objek=rt,
        pengguna=pengguna,
        perubahan={"aktif": (not aktif, aktif)},
        pd=rt.unit.pd,
    )
    return True


def _penduduk_unik(unit: Unit, tahun: int, kecuali: int | None = None) -> None:
    qs = Penduduk.objects.filter(unit=unit, tahun=tahun)
    if kecuali:
        qs = qs.exclude(pk=kecuali)
    if qs.exists():
        raise ValidationError(
            {"tahun": [f"Penduduk {unit.nama} tahun {tahun} sudah ada; ubah baris tahun itu."]}
        )


@transaction.atomic
def tambah_penduduk(*, pengguna, unit: Unit, isian: dict) -> Penduduk:
    """Add the population of a kelurahan for a year (one record per year)."""
    _wajib_kelola(pengguna, unit.pd_id)
    _wajib_kelurahan(unit)
    v, galat = cek.periksa_penduduk(isian)
    _galat(galat)
    _penduduk_unik(unit, v["tahun"])
    p = Penduduk.objects.create(unit=unit, **v)
    catat(
        aksi="wilayah.penduduk_tambah",
        objek=p,
        pengguna=pengguna,
        perubahan={k: (None, x) for k, x in v.items() if x not in (None, "")},
        pd=unit.pd,
    )
    return p


@transaction.atomic
def ubah_penduduk(*, pengguna, penduduk: Penduduk, isian: dict) -> list[str]:
    """Change a population record (its year too, if no other record has it); the fields changed."""
    unit = penduduk.unit
    _wajib_kelola(pengguna, unit.pd_id)
    v, galat = cek.periksa_penduduk(isian)
    _galat(galat)
    _penduduk_unik(unit, v["tahun"], kecuali=penduduk.pk)
    perubahan = {k: (getattr(penduduk, k), x) for k, x in v.items() if getattr(penduduk, k) != x}
    if perubahan:
        for k, (_, x) in perubahan.items():
            setattr(penduduk, k, x)
        penduduk.save(update_fields=list(perubahan))
        catat(
            aksi="wilayah.penduduk_ubah", objek=penduduk, pengguna=pengguna, perubahan=perubahan, pd=unit.pd
        )
    return list(perubahan)


# --- pemda, PD and units: the administration pages and `kinerja pd buat` ----------------------------------

TOLAK_PEMDA = (
    "Hanya administrator pemerintah daerah ini yang mengubah pengaturannya dan membuka perangkat daerah baru."
)
TOLAK_ATUR_PD = (
    "Hanya administrator perangkat daerah ini (atau administrator pemerintah daerahnya) yang mengubah "
    "data perangkat daerah dan unitnya."
)
BATAS_LOGO = 1024 * 1024
# A logo is a PNG or a JPEG by its first bytes, whatever its name says.
TANDA_LOGO = {"png": b"\x89PNG\r\n\x1a\n", "jpg": b"\xff\xd8\xff"}
JENIS_LOGO = {"png": "image/png", "jpg": "image/jpeg"}
_RAHASIA = ("kepala_bappeda_nip", "pimpinan_nip")


def _wajib_pemda(pengguna, pemda_id: int) -> None:
    if not pelaku_wajib(pengguna).kelola_pemda(pemda_id):
        raise PermissionDenied(TOLAK_PEMDA)


def _wajib_atur_pd(pengguna, pd_id: int) -> None:
    if not pelaku_wajib(pengguna).kelola_pd(pd_id):
        raise PermissionDenied(TOLAK_ATUR_PD)


def _jejak(perubahan: dict) -> dict:
    """The changes for the audit trail: an NIP is personal data, the trail says only that it changed."""
    return {k: ("(disembunyikan)", "(disembunyikan)") if k in _RAHASIA else v for k, v in perubahan.items()}


def _terapkan(obj, v: dict) -> dict:
    perubahan = {k: (getattr(obj, k), x) for k, x in v.items() if getattr(obj, k) != x}
    for k, (_, x) in perubahan.items():
        setattr(obj, k, x)
    if perubahan:
        obj.save(update_fields=list(perubahan))
    return perubahan


@transaction.atomic
def ubah_pemda(*, pengguna, pemda: Pemda, isian: dict) -> list[str]:
    """Change a pemda's settings (name, heads, reporting deadline, capping, approval levels)."""
    _wajib_pemda(pengguna, pemda.pk)
    v, galat = isian_pd.periksa_pemda(isian)
    _galat(galat)
    perubahan = _terapkan(pemda, v)
    if perubahan:
        catat(aksi="pemda.ubah", objek=pemda, pengguna=pengguna, perubahan=_jejak(perubahan))
    return list(perubahan)


def jenis_logo(isi: bytes) -> str | None:
    """'png' or 'jpg' by a file's first bytes; None for anything else."""
    return next((j for j, tanda in TANDA_LOGO.items() if isi.startswith(tanda)), None)


@transaction.atomic
def ubah_logo(*, pengguna, pemda: Pemda, berkas) -> bool:
    """Store a new logo (PNG or JPEG by content, at most 1 MB), or remove it (``berkas=None``)."""
    _wajib_pemda(pengguna, pemda.pk)
    lama = pemda.logo.name if pemda.logo else ""
    if berkas is None:
        if not lama:
            return False
        pemda.logo = ""
    else:
        if berkas.size > BATAS_LOGO:
            raise ValidationError(
                {"logo": [f"Logo paling besar {BATAS_LOGO // 1024} KB; kecilkan gambarnya."]}
            )
        awal = berkas.read(8)
        berkas.seek(0)
        jenis = jenis_logo(awal)
        if jenis is None:
            raise ValidationError(
                {"logo": ["Logo harus gambar PNG atau JPG (isi berkasnya, bukan hanya namanya)."]}
            )
        from django.core.files.base import ContentFile

        pemda.logo.save(f"{pemda.slug}.{jenis}", ContentFile(berkas.read()), save=False)
    pemda.save(update_fields=["logo"])
    catat(
        aksi="pemda.logo", objek=pemda, pengguna=pengguna, perubahan={"logo": (lama, pemda.logo.name or "")}
    )
    if lama:
        penyimpan = pemda.logo.storage
        transaction.on_commit(lambda: penyimpan.delete(lama))
    return True


def _pd_unik(pemda: Pemda, v: dict, galat: cek.Galat, kecuali: int | None = None) -> None:
    qs = PerangkatDaerah.objects.filter(pemda=pemda).exclude(pk=kecuali)
    if "slug" in v and qs.filter(slug=v["slug"]).exists():
        galat.setdefault("slug", []).append(
            f"Slug '{v['slug']}' sudah dipakai perangkat daerah lain di {pemda}."
        )
    if v.get("nama") and qs.filter(nama__iexact=v["nama"]).exists():
        galat.setdefault("nama", []).append(f"{v['nama']} sudah ada di {pemda}.")


def _kecamatan(pemda: Pemda, nama: str, galat: cek.Galat) -> Kecamatan | None:
    """The pemda's kecamatan of that name (created when new); refused when another PD runs it."""
    kec = Kecamatan.objects.filter(pemda=pemda, nama__iexact=nama).first()
    if kec is None:
        return Kecamatan(pemda=pemda, nama=nama)
    pd_lain = PerangkatDaerah.objects.filter(kecamatan=kec).first()
    if pd_lain is not None:
        galat.setdefault("kecamatan", []).append(
            f"Wilayah Kecamatan {kec.nama} sudah dijalankan perangkat daerah {pd_lain.nama}."
        )
    return kec


@transaction.atomic
def buat_pd(*, pengguna, pemda: Pemda, isian: dict, unit: str | list[str] = "") -> PerangkatDaerah:
    """Open a new PD of a pemda with its office and its units typed one per line (kelurahan of a
    kecamatan, bidang of a dinas). Only the pemda's administrator (or the system) does this."""
    _wajib_pemda(pengguna, pemda.pk)
    v, galat = isian_pd.periksa_pd(isian, baru=True)
    jenis = v["jenis"] or PerangkatDaerah.Jenis.DINAS
    daftar, galat_unit = isian_pd.baca_daftar_unit(unit, jenis)
    for k, pesan in galat_unit.items():
        galat.setdefault(k, []).extend(pesan)
    _pd_unik(pemda, v, galat)
    kec = _kecamatan(pemda, v["kecamatan"], galat) if jenis == PerangkatDaerah.Jenis.KECAMATAN else None
    _galat(galat)
    nama_kec = v.pop("kecamatan")
    if kec is not None and kec.pk is None:
        kec.save()
    pd = PerangkatDaerah.objects.create(pemda=pemda, kecamatan=kec, **v)
    kantor = Unit.objects.create(
        pd=pd,
        jenis=Unit.Jenis.KANTOR,
        nama=pd.nama[:200],
        nama_pendek=isian_pd.PENDEK_KANTOR[jenis],
        urutan=1,
    )
    Unit.objects.bulk_create(
        [Unit(pd=pd, induk=kantor, urutan=i, **u) for i, u in enumerate(daftar, start=2)]
    )
    catat(
        aksi="pd.buat",
        objek=pd,
        pengguna=pengguna,
        perubahan={
            "nama": (None, pd.nama),
            "slug": (None, pd.slug),
            "jenis": (None, pd.jenis),
            **({"kecamatan": (None, nama_kec)} if kec else {}),
            "unit": (None, ", ".join([kantor.nama_pendek, *(u["nama_pendek"] for u in daftar)])),
        },
        pd=pd,
    )
    return pd


@transaction.atomic
def ubah_pd(*, pengguna, pd: PerangkatDaerah, isian: dict) -> list[str]:
    """Change a PD's name, abbreviation, code, web address and head (name, office, rank, NIP)."""
    _wajib_atur_pd(pengguna, pd.pk)
    v, galat = isian_pd.periksa_pd(isian, baru=False)
    _pd_unik(pd.pemda, v, galat, kecuali=pd.pk)
    _galat(galat)
    perubahan = _terapkan(pd, v)
    if perubahan:
        catat(aksi="pd.ubah", objek=pd, pengguna=pengguna, perubahan=_jejak(perubahan), pd=pd)
    return list(perubahan)


def _unit_unik(pd: PerangkatDaerah, v: dict, galat: cek.Galat, kecuali: int | None = None) -> None:
    qs = Unit.objects.filter(pd=pd).exclude(pk=kecuali)
    if qs.filter(nama__iexact=v["nama"]).exists():
        galat.setdefault("nama", []).append(f"Unit bernama {v['nama']} sudah ada di {pd.nama}.")
    if qs.filter(nama_pendek__iexact=v["nama_pendek"]).exists():
        galat.setdefault("nama_pendek", []).append(
            f"Nama pendek '{v['nama_pendek']}' sudah dipakai unit lain di {pd.nama}."
        )


def _induk(pd: PerangkatDaerah, induk_id: object, galat: cek.Galat) -> Unit | None:
    """The unit a new one sits under: one of the PD's active units (default: its office)."""
    from kinerja.core.parameter import id_atau_none

    kantor = Unit.objects.filter(pd=pd, induk__isnull=True, jenis=Unit.Jenis.KANTOR).first()
    uid = id_atau_none(cek.teks(induk_id))
    if not cek.teks(induk_id):
        return kantor
    induk = Unit.objects.filter(pd=pd, pk=uid, aktif=True).first() if uid else None
    if induk is None:
        galat.setdefault("induk", []).append("Pilih unit induk dari daftar unit aktif perangkat daerah ini.")
    return induk


@transaction.atomic
def tambah_unit(*, pengguna, pd: PerangkatDaerah, isian: dict) -> Unit:
    """Add a kelurahan, desa or section to a PD (under its office, or under another unit)."""
    _wajib_atur_pd(pengguna, pd.pk)
    v, galat = isian_pd.periksa_unit(isian)
    induk = _induk(pd, isian.get("induk"), galat)
    if not galat:
        _unit_unik(pd, v, galat)
    _galat(galat)
    urutan = (
        Unit.objects.filter(pd=pd).order_by("-urutan").values_list("urutan", flat=True).first() or 0
    ) + 1
    u = Unit.objects.create(pd=pd, induk=induk, urutan=urutan, **v)
    catat(
        aksi="unit.tambah",
        objek=u,
        pengguna=pengguna,
        perubahan={k: (None, x) for k, x in v.items() if x},
        pd=pd,
    )
    return u


@transaction.atomic
def ubah_unit(*, pengguna, unit: Unit, isian: dict) -> list[str]:
    """Rename a unit or change its code (its kind stays: its records were kept as that kind)."""
    _wajib_atur_pd(pengguna, unit.pd_id)
    v, galat = isian_pd.periksa_unit(isian, kantor=True)
    if not galat:
        _unit_unik(unit.pd, v, galat, kecuali=unit.pk)
    _galat(galat)
    perubahan = _terapkan(unit, v)
    if perubahan:
        catat(aksi="unit.ubah", objek=unit, pengguna=pengguna, perubahan=perubahan, pd=unit.pd)
    return list(perubahan)


@transaction.atomic
def ubah_status_unit(*, pengguna, unit: Unit, aktif: bool) -> bool:
    """Deactivate a unit that no longer works (its records stay), or reactivate it; False if unchanged.

    The PD's office stays active; a unit is deactivated only once nobody holds a role over it."""
    _wajib_atur_pd(pengguna, unit.pd_id)
    if unit.aktif == aktif:
        return False
    if not aktif:
        if unit.induk_id is None and unit.jenis == Unit.Jenis.KANTOR:
            raise ValidationError("Kantor perangkat daerah tidak dapat dinonaktifkan.")
        from kinerja.core.models import Peran

        nama = sorted(set(Peran.objects.filter(unit=unit).values_list("pengguna__username", flat=True)))
        if nama:
            raise ValidationError(
                f"{unit.nama} masih menjadi cakupan peran {', '.join(nama[:10])}"
                f"{' …' if len(nama) > 10 else ''}: cabut atau pindahkan peran itu lebih dulu."
            )
        if Unit.objects.filter(induk=unit, aktif=True).exists():
            raise ValidationError(
                f"{unit.nama} masih membawahi unit aktif: nonaktifkan unit di bawahnya lebih dulu."
            )
    unit.aktif = aktif
    unit.save(update_fields=["aktif"])
    catat(
        aksi="unit.aktif" if aktif else "unit.nonaktif",
        objek=unit,
        pengguna=pengguna,
        perubahan={"aktif": (not aktif, aktif)},
        pd=unit.pd,
    )
    return True


def _data_unit(unit: Unit) -> list[str]:
    hasil = []
    # Hidden relations too (related_name="+", e.g. the roles held over the unit).
    for rel in unit._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)):
            continue
        if rel.related_model._base_manager.filter(**{rel.field.name: unit}).exists():
            hasil.append(str(rel.related_model._meta.verbose_name_plural))
    return sorted(set(hasil))


def data_unit(*, pengguna, unit: Unit) -> list[str]:
    """What is recorded for a unit, by kind (the record types that point at it): empty = deletable."""
    _wajib_atur_pd(pengguna, unit.pd_id)
    return _data_unit(unit)


@transaction.atomic
def hapus_unit(*, pengguna, unit: Unit) -> None:
    """Delete a unit typed by mistake: only while nothing at all is recorded for it (no role, plan
    row, report, service, RT …). A unit with records is deactivated instead."""
    _wajib_atur_pd(pengguna, unit.pd_id)
    if unit.induk_id is None and unit.jenis == Unit.Jenis.KANTOR:
        raise ValidationError("Kantor perangkat daerah tidak dapat dihapus.")
    ada = _data_unit(unit)
    if ada:
        raise ValidationError(
            f"{unit.nama} sudah mempunyai data ({', '.join(ada)}) sehingga tidak dihapus; nonaktifkan saja."
        )
    catat(aksi="unit.hapus", objek=unit, pengguna=pengguna, perubahan={"nama": (unit.nama, None)}, pd=unit.pd)
    unit.delete()
