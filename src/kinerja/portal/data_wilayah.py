"""Open-data datasets of the portal's wilayah sections (registered with ``portal.api.daftarkan``):
``wilayah`` (per kelurahan) and ``rt-keren`` (per RT per year); the sections' headlines and every
public address of the Profil and RT Keren sections."""

from __future__ import annotations

from django.urls import reverse

from kinerja.core.angka import format_angka, format_persen
from kinerja.portal import api
from kinerja.portal import profil as prf
from kinerja.portal import rt_keren as rtk
from kinerja.portal.pd import Sorotan, daftarkan_alamat, daftarkan_sorotan
from kinerja.rtkeren import hitung
from kinerja.wilayah.models import RukunTetangga

BULAT = {"type": "integer", "minimum": 0}
BULAT_KOSONG = {"type": "integer", "minimum": 0, "nullable": True}
ANGKA_KOSONG = {"type": "number", "minimum": 0, "nullable": True}

SKEMA_WILAYAH = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        "kelurahan",
        "kode",
        "luas_km2",
        "tahun",
        "laki_laki",
        "perempuan",
        "jumlah",
        "kepadatan",
        "sumber",
        "asal",
        "jumlah_rw",
        "jumlah_rt",
    ],
    "properties": {
        "kelurahan": {"type": "string"},
        "kode": {"type": "string", "description": "kode wilayah kelurahan (kosong bila tidak tercatat)"},
        "luas_km2": {**ANGKA_KOSONG, "description": "luas wilayah (km²)"},
        "tahun": {**BULAT_KOSONG, "description": "tahun data penduduk"},
        "laki_laki": {**BULAT_KOSONG, "description": "penduduk laki-laki (jiwa)"},
        "perempuan": {**BULAT_KOSONG, "description": "penduduk perempuan (jiwa)"},
        "jumlah": {**BULAT_KOSONG, "description": "jumlah penduduk (jiwa)"},
        "kepadatan": {**BULAT_KOSONG, "description": "jiwa per km², dibulatkan ke jiwa utuh"},
        "sumber": {"type": "string", "description": "sumber angka penduduk"},
        "asal": {
            "type": "string",
            "enum": [prf.CATATAN, prf.TABEL_2_1, ""],
            "description": "catatan = catatan wilayah; tabel_2_1 = Tabel 2.1 dokumen Renstra seperti tercetak",
        },
        "jumlah_rw": {**BULAT_KOSONG, "description": "RW aktif"},
        "jumlah_rt": {**BULAT_KOSONG, "description": "RT aktif"},
    },
}


def baris_wilayah(pd, request) -> list[dict]:
    return [
        {
            "kelurahan": b.unit.nama,
            "kode": b.unit.kode,
            "luas_km2": api.angka_json(b.luas),
            "tahun": b.tahun,
            "laki_laki": b.laki_laki,
            "perempuan": b.perempuan,
            "jumlah": b.jumlah,
            "kepadatan": api.angka_json(b.kepadatan),
            "sumber": b.sumber,
            "asal": b.asal,
            "jumlah_rw": b.jumlah_rw,
            "jumlah_rt": b.jumlah_rt,
        }
        for b in prf.wilayah_pd(pd).baris
    ]


SKEMA_RT_KEREN = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        "tahun",
        "kelurahan",
        "rw",
        "rt",
        "usulan",
        "rembug",
        "alokasi",
        "realisasi",
        "penyerapan",
        "berdaya",
    ],
    "properties": {
        "tahun": {"type": "integer"},
        "kelurahan": {"type": "string"},
        "rw": {"type": "integer", "minimum": 0},
        "rt": {"type": "integer", "minimum": 0},
        "usulan": {**BULAT, "description": "usulan rembug warga untuk tahun itu"},
        "rembug": {**BULAT, "description": "rembug warga yang diadakan dalam tahun itu"},
        "alokasi": {**BULAT_KOSONG, "description": "alokasi RT Keren (rupiah)"},
        "realisasi": {**BULAT, "description": "realisasi belanja kegiatan tahun itu (rupiah)"},
        "penyerapan": {**ANGKA_KOSONG, "description": "realisasi ÷ alokasi × 100, dua desimal"},
        "berdaya": {"type": "boolean", "description": "RT berdaya menurut pengaturan pemda"},
    },
}


def baris_rt_keren(pd, request) -> list[dict]:
    semua = rtk.tahun_pilihan(pd)
    teks = request.GET.get("tahun", "").strip()
    if not teks:
        return rtk.baris_dataset(pd, rtk.tahun_data(pd, semua))
    if not (teks.isascii() and teks.isdigit() and int(teks) in semua):
        raise api.GalatParameter(
            f"Parameter tahun harus salah satu dari {', '.join(str(t) for t in semua)}, bukan {teks[:12]!r}."
        )
    return rtk.baris_dataset(pd, [int(teks)])


api.daftarkan(
    api.Dataset(
        kunci="wilayah",
        judul="Wilayah dan penduduk per kelurahan",
        keterangan="Luas, penduduk menurut jenis kelamin (tahun dan sumbernya), kepadatan, jumlah RW dan RT "
        "setiap kelurahan. Angka penduduk dari catatan wilayah; kelurahan tanpa catatan memakai Tabel 2.1 "
        "dokumen Renstra seperti tercetak (kolom asal).",
        bagian="profil",
        skema=SKEMA_WILAYAH,
        baris=baris_wilayah,
        halaman="publik:profil",
    )
)
api.daftarkan(
    api.Dataset(
        kunci="rt-keren",
        judul="RT Keren per RT per tahun",
        keterangan="Usulan, rembug warga, alokasi, realisasi, penyerapan dan status berdaya setiap RT "
        "menurut pengaturan pemda. Tanpa nama ketua RT.",
        bagian="rtkeren",
        skema=SKEMA_RT_KEREN,
        baris=baris_rt_keren,
        parameter=(
            api.Parameter(
                "tahun",
                "tahun anggaran (salah satu tahun rencana); tanpa parameter: semua tahun yang ada datanya",
                {"type": "integer"},
            ),
        ),
        halaman="publik:rtkeren",
    )
)


# --- headlines ---------------------------------------------------------------------------------------


def sorotan_profil(pd) -> list[Sorotan]:
    w = prf.wilayah_pd(pd)
    if not w.baris:
        return []
    tautan = reverse("publik:profil", args=[pd.pemda.slug, pd.slug])
    hasil = []
    if w.jumlah is not None:
        tahun = "/".join(str(t) for t in w.tahun)
        n = len(w.baris)
        keterangan = (
            f"di {n} kelurahan"
            if w.lengkap("jumlah")
            else f"di {w.dengan_jumlah} dari {n} kelurahan yang angkanya lengkap"
        )
        hasil.append(
            Sorotan(f"Penduduk {tahun}".strip(), f"{format_angka(w.jumlah)} jiwa", keterangan, tautan)
        )
    bagian = [f"{len(w.baris)} kelurahan"]
    if w.jumlah_rw is not None:
        bagian.append(f"{format_angka(w.jumlah_rw)} RW")
    if w.jumlah_rt is not None:
        bagian.append(f"{format_angka(w.jumlah_rt)} RT")
    luas = f"luas {format_angka(w.luas)} km²" if w.luas else ""
    hasil.append(Sorotan("Wilayah", ", ".join(bagian), luas, tautan))
    return hasil


def sorotan_rtkeren(pd) -> list[Sorotan]:
    if not rtk.ada_catatan(pd):
        return []
    tahun = rtk.tahun_bawaan(pd, rtk.tahun_pilihan(pd))
    baris = hitung.keadaan_kelurahan(pd, tahun)
    rt = sum(k.jumlah_rt for k in baris)
    berdaya = sum(k.rt_berdaya for k in baris)
    pagu = sum((k.pagu for k in baris), 0)
    realisasi = sum((k.realisasi for k in baris), 0)
    tautan = reverse("publik:rtkeren", args=[pd.pemda.slug, pd.slug]) + f"?tahun={tahun}"
    hasil = [Sorotan(f"RT berdaya {tahun}", f"{format_angka(berdaya)} dari {format_angka(rt)}", "RT", tautan)]
    if pagu:
        hasil.append(
            Sorotan(
                f"Penyerapan RT Keren {tahun}",
                format_persen(hitung.persen(realisasi, pagu)),
                "dari alokasi seluruh RT",
                tautan,
            )
        )
    return hasil


daftarkan_sorotan("profil", sorotan_profil)
daftarkan_sorotan("rtkeren", sorotan_rtkeren)


# --- every public address --------------------------------------------------------------------------


def alamat_profil(pd) -> list[str]:
    a = [pd.pemda.slug, pd.slug]
    hasil = [reverse("publik:profil", args=a)]
    hasil += [reverse("publik:profil_unduh", args=[*a, f]) for f in ("csv", "xlsx")]
    for u in prf.wilayah.kelurahan_pd(pd.pk):
        hasil.append(reverse("publik:profil_kelurahan", args=[*a, u.pk]))
        hasil += [reverse("publik:profil_kelurahan_unduh", args=[*a, u.pk, f]) for f in ("csv", "xlsx")]
    return hasil


def alamat_rtkeren(pd) -> list[str]:
    """The section's pages for the default year, each kelurahan and RT, their downloads, the photos."""
    a = [pd.pemda.slug, pd.slug]
    hasil = [reverse("publik:rtkeren", args=a)]
    hasil += [reverse("publik:rtkeren_unduh", args=[*a, f]) for f in ("csv", "xlsx")]
    kel = hitung.kelurahan_pd(pd)
    for u in kel:
        hasil.append(reverse("publik:rtkeren_kelurahan", args=[*a, u.pk]))
        hasil += [reverse("publik:rtkeren_kelurahan_unduh", args=[*a, u.pk, f]) for f in ("csv", "xlsx")]
    for rt_id, unit_id in (
        RukunTetangga.objects.filter(unit__in=kel)
        .order_by("unit__urutan", "rw", "nomor")
        .values_list("pk", "unit_id")
    ):
        hasil.append(reverse("publik:rtkeren_rt", args=[*a, unit_id, rt_id]))
        hasil += [reverse("publik:rtkeren_rt_unduh", args=[*a, unit_id, rt_id, f]) for f in ("csv", "xlsx")]
    hasil += [
        reverse("publik:rtkeren_foto", args=[*a, pk]) for pk in rtk.foto_pd(pd).values_list("pk", flat=True)
    ]
    return hasil


daftarkan_alamat("profil", alamat_profil)
daftarkan_alamat("rtkeren", alamat_rtkeren)
