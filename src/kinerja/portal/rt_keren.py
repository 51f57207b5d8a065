"""RT Keren for the public: per kelurahan, per RT and one RT's year, with the public photos.

Penyerapan and *berdaya* are computed by ``rtkeren.hitung`` under the pemda's settings (the same
figures the staff pages show). What a citizen sees of an RT's year: the rembug warga's date and
attendance (never the minutes, which may name people), the proposals (text, rank, status), the
allocation, the activities with their spending and physical progress, and the photos the staff
marked public. The ketua RT's name is never read into a page.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum
from django.http import Http404

from kinerja.core.angka import format_angka
from kinerja.core.pembulatan import persen
from kinerja.core.tabel import ANGKA, PERSEN, RUPIAH, Kepala, Sel, Tabel
from kinerja.portal.api import angka_json
from kinerja.renstra.selectors import versi_utama
from kinerja.rtkeren import hitung
from kinerja.rtkeren.models import Alokasi, Berkas, KegiatanRt, RembugWarga, Usulan
from kinerja.rtkeren.sampel import ada_data_demo
from kinerja.rtkeren.selectors import definisi
from kinerja.wilayah.models import PerangkatDaerah, RukunTetangga, Unit

# Photos the portal serves: the extension and the file's first bytes must both say JPEG or PNG.
JENIS_FOTO = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
AWALAN_FOTO = {"image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG\r\n\x1a\n"}


def tahun_pilihan(pd: PerangkatDaerah) -> list[int]:
    """The years a citizen may ask for: the main plan's years (else the last five)."""
    v = versi_utama(pd)
    if v is not None:
        return list(v.tahun_rencana)
    kini = dt.date.today().year
    return list(range(kini - 4, kini + 1))


def ada_catatan(pd: PerangkatDaerah) -> bool:
    """Whether the PD has any RT Keren record at all (an allocation or a rembug warga)."""
    return (
        Alokasi.objects.filter(rt__unit__pd=pd).exists()
        or RembugWarga.objects.filter(rt__unit__pd=pd).exists()
    )


def tahun_data(pd: PerangkatDaerah, semua: list[int]) -> list[int]:
    """The years among ``semua`` with an allocation or a rembug warga, oldest first."""
    th = set(Alokasi.objects.filter(rt__unit__pd=pd, tahun__in=semua).values_list("tahun", flat=True))
    th |= {
        d.year
        for d in RembugWarga.objects.filter(rt__unit__pd=pd).dates("tanggal", "year")
        if d.year in semua
    }
    return sorted(th)


def tahun_bawaan(pd: PerangkatDaerah, semua: list[int]) -> int:
    """The newest year with allocations, else the plan's year nearest today."""
    terakhir = Alokasi.objects.filter(rt__unit__pd=pd, tahun__in=semua).aggregate(m=Max("tahun"))["m"]
    return terakhir or max([t for t in semua if t <= dt.date.today().year] or semua[:1])


def baca_tahun(request, pd: PerangkatDaerah, *, unduh: bool = False) -> tuple[int, list[int], str]:
    """``?tahun=`` (default ``tahun_bawaan``) and a notice. A page asked for a year outside the
    plan shows the default year and says why; a download of such a year is a 404 (a file must never
    hold another year than its address names)."""
    semua = tahun_pilihan(pd)
    bawaan = tahun_bawaan(pd, semua)
    teks = (request.GET.get("tahun") or "").strip()
    if not teks:
        return bawaan, semua, ""
    if teks.isascii() and teks.isdigit() and len(teks) == 4 and int(teks) in semua:
        return int(teks), semua, ""
    pesan = (
        f"Tahun “{teks[:12]}” tidak tersedia untuk RT Keren {pd.nama}: pilih salah satu dari "
        f"{', '.join(str(t) for t in semua)}."
    )
    if unduh:
        raise Http404(pesan)
    return bawaan, semua, f"{pesan} Ditampilkan tahun {bawaan}."


def kelurahan_atau_404(pd: PerangkatDaerah, unit_id: int) -> Unit:
    u = Unit.objects.filter(pk=unit_id, pd=pd, jenis__in=(Unit.Jenis.KELURAHAN, Unit.Jenis.DESA)).first()
    if u is None:
        raise Http404(f"Kelurahan dengan nomor {unit_id} tidak ada di {pd.nama}.")
    return u


def rt_atau_404(unit: Unit, rt_id: int) -> RukunTetangga:
    """The RT of this kelurahan (an RT of another kelurahan is not found here)."""
    r = (
        RukunTetangga.objects.filter(pk=rt_id, unit=unit)
        .only("pk", "unit_id", "rw", "nomor", "aktif")
        .first()
    )
    if r is None:
        raise Http404(f"RT dengan nomor {rt_id} tidak ada di {unit.nama}.")
    return r


def nama_rt(rw: int, nomor: int) -> str:
    return f"RT {nomor:03d}/RW {rw:03d}"


# --- counts the computation does not give --------------------------------------------------------


def usulan_per_rt(unit_ids, tahun: int) -> dict[int, tuple[int, Decimal]]:
    """RT id → (number of proposals, their estimated cost) for the year."""
    return {
        r["rembug__rt_id"]: (r["n"], r["biaya"] or Decimal(0))
        for r in Usulan.objects.filter(rembug__rt__unit_id__in=list(unit_ids), tahun=tahun)
        .order_by()
        .values("rembug__rt_id")
        .annotate(n=Count("id"), biaya=Sum("perkiraan_biaya"))
    }


# --- the kecamatan: per kelurahan ---------------------------------------------------------------


@dataclass
class Kecamatan:
    tahun: int
    baris: list  # hitung.KeadaanKelurahan, each with .usulan and .biaya_usulan
    atur: object
    definisi: dict
    demo: bool

    def _jumlah(self, medan: str):
        return sum((getattr(k, medan) or 0 for k in self.baris), 0)

    @property
    def jumlah(self) -> dict:
        pagu, realisasi = self._jumlah("pagu"), self._jumlah("realisasi")
        return {
            "rt": self._jumlah("jumlah_rt"),
            "rt_rembug": self._jumlah("rt_rembug"),
            "rt_berdaya": self._jumlah("rt_berdaya"),
            "usulan": self._jumlah("usulan"),
            "biaya_usulan": self._jumlah("biaya_usulan"),
            "pagu": pagu,
            "realisasi": realisasi,
            "penyerapan": persen(realisasi, pagu) if pagu else None,
            "kelurahan_berdaya": sum(1 for k in self.baris if k.berdaya),
        }


def kecamatan(pd: PerangkatDaerah, tahun: int) -> Kecamatan:
    baris = hitung.keadaan_kelurahan(pd, tahun)
    per_rt = usulan_per_rt([k.unit_id for k in baris], tahun)
    rt_unit = dict(RukunTetangga.objects.filter(unit__pd=pd).values_list("pk", "unit_id"))
    n, biaya = Counter(), Counter()
    for rt_id, (jumlah, rp) in per_rt.items():
        n[rt_unit.get(rt_id)] += jumlah
        biaya[rt_unit.get(rt_id)] += rp
    for k in baris:
        k.usulan, k.biaya_usulan = n.get(k.unit_id, 0), biaya.get(k.unit_id, Decimal(0))
    return Kecamatan(tahun, baris, hitung.pengaturan_pd(pd), definisi(pd.pemda_id), ada_data_demo(pd, tahun))


def tabel_kecamatan(k: Kecamatan, pd: PerangkatDaerah, tautan=None) -> Tabel:
    t = Tabel(
        kode="rt-keren",
        judul=f"RT Keren {k.tahun} per kelurahan, {pd.nama}",
        kepala=[
            [
                Kepala("Kelurahan"),
                Kepala("Jumlah RT"),
                Kepala("Usulan"),
                Kepala("Perkiraan biaya usulan (Rp)"),
                Kepala("RT yang mengadakan rembug"),
                Kepala("Alokasi (Rp)"),
                Kepala("Realisasi (Rp)"),
                Kepala("Penyerapan (%)"),
                Kepala("RT berdaya"),
                Kepala("RT berdaya (%)"),
                Kepala("Kelurahan berdaya"),
            ]
        ],
        kolom_tetap=1,
        catatan=[k.definisi["rt"], k.definisi["kelurahan"], "Penyerapan = realisasi ÷ alokasi × 100."],
    )
    for b in k.baris:
        t.tambah(
            [
                Sel(b.nama, tautan=tautan(b.unit_id) if tautan else ""),
                Sel(b.jumlah_rt, ANGKA),
                Sel(b.usulan, ANGKA),
                Sel(b.biaya_usulan, RUPIAH),
                Sel(b.rt_rembug, ANGKA),
                Sel(b.pagu, RUPIAH),
                Sel(b.realisasi, RUPIAH),
                Sel(b.penyerapan, PERSEN),
                Sel(b.rt_berdaya, ANGKA),
                Sel(b.persen_rt_berdaya, PERSEN),
                Sel("Ya" if b.berdaya else "Belum"),
            ]
        )
    j = k.jumlah
    tebal = "tebal"
    t.tambah(
        [
            Sel("Jumlah", kelas=tebal),
            Sel(j["rt"], ANGKA, kelas=tebal),
            Sel(j["usulan"], ANGKA, kelas=tebal),
            Sel(j["biaya_usulan"], RUPIAH, kelas=tebal),
            Sel(j["rt_rembug"], ANGKA, kelas=tebal),
            Sel(j["pagu"], RUPIAH, kelas=tebal),
            Sel(j["realisasi"], RUPIAH, kelas=tebal),
            Sel(j["penyerapan"], PERSEN, kelas=tebal),
            Sel(j["rt_berdaya"], ANGKA, kelas=tebal),
            Sel(persen(j["rt_berdaya"], j["rt"]) if j["rt"] else None, PERSEN, kelas=tebal),
            Sel(f"{j['kelurahan_berdaya']} dari {len(k.baris)} kelurahan", kelas=tebal),
        ],
        tebal,
    )
    return t


# --- a kelurahan: per RT --------------------------------------------------------------------------


@dataclass
class Kelurahan:
    unit: Unit
    tahun: int
    rt: list  # hitung.KeadaanRt, each with .usulan
    ringkas: object  # hitung.KeadaanKelurahan
    definisi: dict
    atur: object
    demo: bool


def kelurahan(pd: PerangkatDaerah, unit: Unit, tahun: int) -> Kelurahan:
    atur = hitung.pengaturan_pd(pd)
    rt = hitung.keadaan_rt([unit.pk], tahun, pengaturan=atur)
    per_rt = usulan_per_rt([unit.pk], tahun)
    for k in rt:
        k.usulan = per_rt.get(k.rt_id, (0, Decimal(0)))[0]
        k.ketua = ""  # never carried to a public page
    return Kelurahan(
        unit,
        tahun,
        rt,
        hitung.ringkas(unit, rt, atur),
        definisi(pd.pemda_id),
        atur,
        ada_data_demo(pd, tahun, [unit.pk]),
    )


def tabel_kelurahan(k: Kelurahan, tautan=None) -> Tabel:
    t = Tabel(
        kode="rt-keren-kelurahan",
        judul=f"RT Keren {k.tahun} per RT, {k.unit.nama}",
        kepala=[
            [
                Kepala("RT"),
                Kepala("Rembug warga"),
                Kepala("Usulan"),
                Kepala("Alokasi (Rp)"),
                Kepala("Realisasi (Rp)"),
                Kepala("Penyerapan (%)"),
                Kepala("Berdaya"),
            ]
        ],
        kolom_tetap=1,
        catatan=[k.definisi["rt"], "Penyerapan = realisasi ÷ alokasi × 100."],
    )
    for r in k.rt:
        t.tambah(
            [
                Sel(r.nama, tautan=tautan(r.rt_id) if tautan else ""),
                Sel(r.rembug, ANGKA),
                Sel(r.usulan, ANGKA),
                Sel(r.pagu, RUPIAH),
                Sel(r.realisasi, RUPIAH),
                Sel(r.penyerapan, PERSEN),
                Sel("Ya" if r.berdaya else "Belum"),
            ]
        )
    s = k.ringkas
    t.tambah(
        [
            Sel("Jumlah", kelas="tebal"),
            Sel(sum(r.rembug for r in k.rt), ANGKA, kelas="tebal"),
            Sel(sum(r.usulan for r in k.rt), ANGKA, kelas="tebal"),
            Sel(s.pagu, RUPIAH, kelas="tebal"),
            Sel(s.realisasi, RUPIAH, kelas="tebal"),
            Sel(s.penyerapan, PERSEN, kelas="tebal"),
            Sel(f"{s.rt_berdaya} dari {s.jumlah_rt} RT", kelas="tebal"),
        ],
        "tebal",
    )
    return t


# --- one RT's year --------------------------------------------------------------------------------


def foto_publik():
    """The photos the portal may show: marked public, a photo, a JPEG or PNG by name."""
    q = Q()
    for akhiran in JENIS_FOTO:
        q |= Q(berkas__iendswith=akhiran)
    return Berkas.objects.filter(q, publik=True, jenis=Berkas.Jenis.FOTO)


def foto_pd(pd: PerangkatDaerah):
    return (
        foto_publik()
        .filter(Q(rembug__rt__unit__pd=pd) | Q(kegiatan__usulan__rembug__rt__unit__pd=pd))
        .order_by("pk")
    )


@dataclass
class TahunRt:
    rt: RukunTetangga
    unit: Unit
    tahun: int
    keadaan: object  # hitung.KeadaanRt or None
    rembug: list = field(default_factory=list)
    usulan: list = field(default_factory=list)
    kegiatan: list = field(default_factory=list)
    alokasi: Decimal | None = None
    foto: list = field(default_factory=list)
    demo: bool = False


def tahun_rt(pd: PerangkatDaerah, unit: Unit, r: RukunTetangga, tahun: int) -> TahunRt:
    keadaan = next((k for k in hitung.keadaan_rt([unit.pk], tahun) if k.rt_id == r.pk), None)
    if keadaan is not None:
        keadaan.ketua = ""
    rembug = list(
        RembugWarga.objects.filter(rt=r, tanggal__year=tahun)
        .only("pk", "tanggal", "hadir_laki", "hadir_perempuan")
        .order_by("tanggal", "pk")
    )
    usulan = list(
        Usulan.objects.filter(rembug__rt=r, tahun=tahun)
        .only(
            "pk", "prioritas", "bidang", "uraian", "volume", "satuan", "perkiraan_biaya", "status", "rembug"
        )
        .order_by("rembug__tanggal", "rembug_id", "prioritas", "pk")
    )
    kegiatan = list(
        KegiatanRt.objects.filter(usulan__rembug__rt=r, usulan__tahun=tahun)
        .only("pk", "nama", "lpj", "usulan")
        .annotate(
            realisasi=Sum("realisasi_set__jumlah", filter=Q(realisasi_set__tanggal__year=tahun)),
            fisik=Max("realisasi_set__fisik"),
        )
        .order_by("usulan__prioritas", "pk")
    )
    alokasi = Alokasi.objects.filter(rt=r, tahun=tahun).values_list("pagu", flat=True).first()
    foto = list(
        foto_publik()
        .filter(
            Q(rembug__rt=r, rembug__tanggal__year=tahun)
            | Q(kegiatan__usulan__rembug__rt=r, kegiatan__usulan__tahun=tahun)
        )
        .only("pk", "judul", "berkas")
        .order_by("pk")
    )
    return TahunRt(
        r,
        unit,
        tahun,
        keadaan,
        rembug,
        usulan,
        kegiatan,
        alokasi,
        foto,
        ada_data_demo(pd, tahun, [unit.pk]),
    )


def tabel_rt(t: TahunRt) -> list[Tabel]:
    """The rembug warga, the proposals and the activities of the RT's year."""
    nama = f"{nama_rt(t.rt.rw, t.rt.nomor)} {t.unit.nama}"
    rembug = Tabel(
        kode="rembug",
        judul=f"Rembug warga {nama} {t.tahun}",
        kepala=[
            [Kepala("Tanggal"), Kepala("Hadir laki-laki"), Kepala("Hadir perempuan"), Kepala("Jumlah hadir")]
        ],
        kolom_tetap=1,
    )
    for x in t.rembug:
        rembug.tambah(
            [
                Sel(x.tanggal.strftime("%d-%m-%Y")),
                Sel(x.hadir_laki, ANGKA),
                Sel(x.hadir_perempuan, ANGKA),
                Sel(x.hadir, ANGKA),
            ]
        )
    usulan = Tabel(
        kode="usulan",
        judul=f"Usulan {nama} {t.tahun}",
        kepala=[
            [
                Kepala("Usulan"),
                Kepala("Prioritas"),
                Kepala("Bidang"),
                Kepala("Volume"),
                Kepala("Perkiraan biaya (Rp)"),
                Kepala("Status"),
            ]
        ],
        kolom_tetap=1,
    )
    for u in t.usulan:
        usulan.tambah(
            [
                Sel(u.uraian),
                Sel(u.prioritas, ANGKA),
                Sel(u.get_bidang_display()),
                Sel(f"{format_angka(u.volume)} {u.satuan}".strip()),
                Sel(u.perkiraan_biaya, RUPIAH),
                Sel(u.get_status_display()),
            ]
        )
    kegiatan = Tabel(
        kode="kegiatan",
        judul=f"Kegiatan {nama} {t.tahun}",
        kepala=[[Kepala("Kegiatan"), Kepala("Realisasi (Rp)"), Kepala("Kemajuan fisik (%)"), Kepala("LPJ")]],
        kolom_tetap=1,
    )
    for k in t.kegiatan:
        kegiatan.tambah(
            [
                Sel(k.nama),
                Sel(k.realisasi or Decimal(0), RUPIAH),
                Sel(k.fisik, PERSEN),
                Sel(k.get_lpj_display()),
            ]
        )
    return [rembug, usulan, kegiatan]


# --- the dataset: per RT per year ------------------------------------------------------------------


def baris_dataset(pd: PerangkatDaerah, tahun: list[int]) -> list[dict]:
    """One row per RT per year (the years given), JSON-ready."""
    kel = hitung.kelurahan_pd(pd)
    nama = {u.pk: u.nama for u in kel}
    atur = hitung.pengaturan_pd(pd)
    hasil = []
    for th in tahun:
        usulan = usulan_per_rt(nama, th)
        for k in hitung.keadaan_rt(list(nama), th, pengaturan=atur):
            hasil.append(
                {
                    "tahun": th,
                    "kelurahan": nama[k.unit_id],
                    "rw": k.rw,
                    "rt": k.nomor,
                    "usulan": usulan.get(k.rt_id, (0, 0))[0],
                    "rembug": k.rembug,
                    "alokasi": angka_json(k.pagu),
                    "realisasi": angka_json(k.realisasi),
                    "penyerapan": angka_json(k.penyerapan),
                    "berdaya": k.berdaya,
                }
            )
    return hasil
