"""Open-data datasets of the portal's layanan sections (registered with ``portal.api.daftarkan``),
their headline figures on the PD's home and every public address of the two sections."""

from __future__ import annotations

from django.urls import reverse

from kinerja.core.angka import format_angka, format_persen
from kinerja.core.parameter import TAHUN_TERBESAR, TAHUN_TERKECIL
from kinerja.portal import api
from kinerja.portal import layanan as data
from kinerja.portal.pd import Sorotan, daftarkan_alamat, daftarkan_sorotan
from kinerja.skm import ikm

_NULL_ANGKA = {"type": "number", "nullable": True}
_TAHUN = api.Parameter(
    "tahun",
    f"Tahun ({TAHUN_TERKECIL}–{TAHUN_TERBESAR}); tanpa parameter ini: tahun terakhir yang mempunyai data.",
    {"type": "integer", "minimum": TAHUN_TERKECIL, "maximum": TAHUN_TERBESAR},
)


def _tahun(request, tahun_data: list[int]) -> int:
    teks = request.GET.get("tahun")
    tahun, pesan = data.baca_tahun(teks, tahun_data)
    if pesan:
        raise api.GalatParameter(
            f"Parameter tahun harus tahun {TAHUN_TERKECIL}–{TAHUN_TERBESAR}, bukan {teks.strip()[:20]!r}."
        )
    return tahun


def _args(pd) -> list[str]:
    return [pd.pemda.slug, pd.slug]


# --- layanan: the catalogue -------------------------------------------------------------------------


def _baris_layanan(pd, request) -> list[dict]:
    units = list(pd.unit_set.all())
    unit, pesan = data.baca_unit(request.GET.get("unit"), units)
    if pesan:
        raise api.GalatParameter(f"Parameter unit: {pesan.split(';')[0]}.")
    hasil = []
    for j in data.katalog(pd, q=" ".join((request.GET.get("q") or "").split())[:100], unit=unit):
        hasil.append(
            {
                "id": j.pk,
                "kode": j.kode,
                "unit_id": j.unit_id,
                "unit": j.unit.nama,
                "nama": j.nama,
                "slug": j.slug,
                "kelompok": j.kelompok,
                "persyaratan": j.daftar("persyaratan"),
                "prosedur": j.daftar("prosedur"),
                "jangka_waktu": j.jangka_waktu,
                "satuan_waktu": j.satuan_waktu,
                "jangka_teks": j.jangka_teks,
                "biaya": j.biaya,
                "produk": j.produk,
                "penanganan_pengaduan": j.penanganan_pengaduan,
                "dasar_hukum": j.dasar_hukum,
                "halaman": request.build_absolute_uri(
                    reverse("publik:layanan_standar", args=[*_args(pd), j.unit_id, j.slug])
                ),
            }
        )
    return hasil


_TEKS = {"type": "string"}
api.daftarkan(
    api.Dataset(
        kunci="layanan",
        judul="Standar pelayanan",
        keterangan="Setiap layanan aktif per unit dengan komponen standarnya: persyaratan, prosedur, jangka waktu, "
        "biaya, produk, penanganan pengaduan dan dasar hukum. id tetap untuk layanan yang sama.",
        bagian="layanan",
        skema={
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "kode": _TEKS,
                "unit_id": {"type": "integer"},
                "unit": _TEKS,
                "nama": _TEKS,
                "slug": _TEKS,
                "kelompok": _TEKS,
                "persyaratan": {"type": "array", "items": _TEKS},
                "prosedur": {"type": "array", "items": _TEKS},
                "jangka_waktu": {"type": "integer", "minimum": 0},
                "satuan_waktu": {"type": "string", "enum": ["hari_kerja", "hari", "jam", "menit"]},
                "jangka_teks": _TEKS,
                "biaya": _TEKS,
                "produk": _TEKS,
                "penanganan_pengaduan": _TEKS,
                "dasar_hukum": _TEKS,
                "halaman": {"type": "string", "format": "uri"},
            },
            "required": [
                "id",
                "kode",
                "unit_id",
                "unit",
                "nama",
                "slug",
                "kelompok",
                "persyaratan",
                "prosedur",
                "jangka_waktu",
                "satuan_waktu",
                "jangka_teks",
                "biaya",
                "produk",
                "penanganan_pengaduan",
                "dasar_hukum",
                "halaman",
            ],
        },
        baris=_baris_layanan,
        parameter=(
            api.Parameter(
                "q", "Kata yang dicari di nama layanan atau persyaratannya (semua kata harus ada)."
            ),
            api.Parameter("unit", "id unit (lihat unit_id)", {"type": "integer", "minimum": 1}),
        ),
        halaman="publik:layanan",
    )
)


# --- IKM and the counter log per unit and quarter -----------------------------------------------------


def _per_triwulan(pd, request, isi) -> list[dict]:
    d = data.muat_ikm(pd)
    tahun = None
    if (request.GET.get("tahun") or "").strip():
        tahun = _tahun(request, d.tahun_data)
        d = data.muat_ikm(pd, tahun)
    hasil = []
    for th in [tahun] if tahun else d.tahun_data:
        for q in range(1, 5):
            for k in d.per_unit(th, (q,))[:-1]:
                baris = isi(k)
                if baris is not None:
                    hasil.append(
                        {"unit_id": k.unit.pk, "unit": k.unit.nama, "tahun": th, "triwulan": q, **baris}
                    )
    return hasil


def _isi_ikm(k: data.Kinerja) -> dict | None:
    h = k.ikm
    if not h.responden:
        return None
    return {
        "responden": h.responden,
        **{f"nrr_{u.kode.lower()}": api.angka_json(data.nrr(u)) for u in h.unsur},
        "ikm": api.angka_json(h.ikm),
        "mutu": h.mutu,
        "kinerja": h.kinerja,
    }


def _isi_pelayanan(k: data.Kinerja) -> dict | None:
    if not k.pelayanan:
        return None
    return {
        "selesai": k.selesai,
        "tepat_waktu": k.pelayanan.get("tepat", 0),
        "sesuai_standar": k.pelayanan.get("standar", 0),
        "persen_tepat_waktu": api.angka_json(k.persen_tepat),
        "persen_sesuai_standar": api.angka_json(k.persen_standar),
    }


_KUNCI_UNIT = {
    "unit_id": {"type": "integer"},
    "unit": _TEKS,
    "tahun": {"type": "integer"},
    "triwulan": {"type": "integer", "minimum": 1, "maximum": 4},
}
_NRR = {
    f"nrr_{u.lower()}": {"type": "number", "minimum": 1, "maximum": 4, "nullable": True} for u in ikm.UNSUR
}
api.daftarkan(
    api.Dataset(
        kunci="ikm",
        judul="Indeks Kepuasan Masyarakat per unit dan triwulan",
        keterangan="Dari jawaban survei kepuasan (PermenPANRB 14/2017): jumlah responden, NRR unsur U1–U9 "
        "(dua desimal), IKM (25–100, dua desimal, dihitung dari NRR penuh) dan mutu A–D. Hanya triwulan "
        "yang mempunyai jawaban; jawaban yang dikarantina tidak dihitung.",
        bagian="layanan",
        skema={
            "type": "object",
            "properties": {
                **_KUNCI_UNIT,
                "responden": {"type": "integer", "minimum": 1},
                **_NRR,
                "ikm": {"type": "number", "minimum": 25, "maximum": 100, "nullable": True},
                "mutu": {"type": "string", "enum": ["A", "B", "C", "D"], "nullable": True},
                "kinerja": {"type": "string", "nullable": True},
            },
            "required": [*_KUNCI_UNIT, "responden", *_NRR, "ikm", "mutu", "kinerja"],
        },
        baris=lambda pd, request: _per_triwulan(pd, request, _isi_ikm),
        parameter=(_TAHUN,),
        halaman="publik:ikm",
    )
)
api.daftarkan(
    api.Dataset(
        kunci="statistik-pelayanan",
        judul="Ketepatan pelayanan per unit dan triwulan",
        keterangan="Dari catatan loket: pelayanan yang selesai (atau ditolak) per unit dan triwulan diterimanya, "
        "yang tepat waktu dan yang sesuai standar, dengan persentasenya.",
        bagian="layanan",
        skema={
            "type": "object",
            "properties": {
                **_KUNCI_UNIT,
                "selesai": {"type": "integer", "minimum": 0},
                "tepat_waktu": {"type": "integer", "minimum": 0},
                "sesuai_standar": {"type": "integer", "minimum": 0},
                "persen_tepat_waktu": {**_NULL_ANGKA, "minimum": 0, "maximum": 100},
                "persen_sesuai_standar": {**_NULL_ANGKA, "minimum": 0, "maximum": 100},
            },
            "required": [
                *_KUNCI_UNIT,
                "selesai",
                "tepat_waktu",
                "sesuai_standar",
                "persen_tepat_waktu",
                "persen_sesuai_standar",
            ],
        },
        baris=lambda pd, request: _per_triwulan(pd, request, _isi_pelayanan),
        parameter=(_TAHUN,),
        halaman="publik:ikm",
    )
)


# --- complaints -------------------------------------------------------------------------------------


def _baris_pengaduan(pd, request) -> list[dict]:
    _tahun(request, [])  # refuses an unreadable year
    s, _pesan = data.statistik_aduan(pd, request.GET.get("tahun"))
    nama = {k.pk: k.nama for k in s.kategori}
    status = dict(data.STATUS.choices)
    hasil = []
    for b in s.baris:
        r = data.RekapAduan()
        r.tambah(b)
        hasil.append(
            {
                "tahun": s.tahun,
                "bulan": b.bulan,
                "kategori": nama.get(b.kategori_id, ""),
                "status": b.status,
                "status_label": status.get(b.status, b.status),
                "jumlah": b.jumlah,
                "ditindaklanjuti": b.ditanggapi,
                "tepat_waktu": b.tepat,
                "belum_jatuh_tempo": r.menunggu,
                "persen_tepat_waktu": api.angka_json(r.persen_tepat),
                "rata_rata_hari_tanggap": api.angka_json(r.hari_tanggap),
            }
        )
    return hasil


api.daftarkan(
    api.Dataset(
        kunci="statistik-pengaduan",
        judul="Statistik pengaduan per bulan, kategori dan status",
        keterangan="Jumlah pengaduan per bulan diterima × kategori × status sekarang, yang ditindaklanjuti dan yang "
        "tepat waktu (paling lambat tanggal batasnya), persentase tepat waktu (pembagi: yang tidak ditolak dan "
        "sudah ditindaklanjuti atau sudah lewat batasnya) dan "
        "rata-rata hari dari diterima sampai ditindaklanjuti. Tanpa data pelapor dan tanpa isi pengaduan.",
        bagian="pengaduan",
        skema={
            "type": "object",
            "properties": {
                "tahun": {"type": "integer"},
                "bulan": {"type": "integer", "minimum": 1, "maximum": 12},
                "kategori": _TEKS,
                "status": {"type": "string", "enum": list(data.STATUS.values)},
                "status_label": _TEKS,
                "jumlah": {"type": "integer", "minimum": 1},
                "ditindaklanjuti": {"type": "integer", "minimum": 0},
                "tepat_waktu": {"type": "integer", "minimum": 0},
                "belum_jatuh_tempo": {"type": "integer", "minimum": 0},
                "persen_tepat_waktu": {**_NULL_ANGKA, "minimum": 0, "maximum": 100},
                "rata_rata_hari_tanggap": {**_NULL_ANGKA, "minimum": 0},
            },
            "required": [
                "tahun",
                "bulan",
                "kategori",
                "status",
                "status_label",
                "jumlah",
                "ditindaklanjuti",
                "tepat_waktu",
                "belum_jatuh_tempo",
                "persen_tepat_waktu",
                "rata_rata_hari_tanggap",
            ],
        },
        baris=_baris_pengaduan,
        parameter=(_TAHUN,),
        halaman="publik:pengaduan",
    )
)


# --- headlines and addresses ------------------------------------------------------------------------


def _sorotan_layanan(pd) -> list[Sorotan]:
    d = data.muat_ikm(pd)
    if not d.tahun_data:
        return []
    tahun = data.tahun_bawaan(d.tahun_data)
    total = d.per_unit(tahun)[-1]
    tautan = reverse("publik:ikm", args=_args(pd))
    hasil = []
    h = total.ikm
    if h.ikm is not None:
        hasil.append(
            Sorotan(
                f"IKM {tahun}",
                f"{format_angka(h.ikm, 2)} ({data.teks_mutu(h)})",
                f"{format_angka(h.responden)} responden, seluruh unit",
                tautan,
            )
        )
    if total.persen_tepat is not None:
        hasil.append(
            Sorotan(
                f"Pelayanan {tahun} selesai tepat waktu",
                format_persen(total.persen_tepat),
                f"dari {format_angka(total.selesai)} pelayanan",
                tautan,
            )
        )
    return hasil


def _sorotan_pengaduan(pd) -> list[Sorotan]:
    s, _ = data.statistik_aduan(pd)
    if not s.total.jumlah or s.total.persen_tepat is None:
        return []
    return [
        Sorotan(
            f"Pengaduan {s.tahun} ditangani tepat waktu",
            format_persen(s.total.persen_tepat),
            f"dari {format_angka(s.total.jatuh_tempo)} pengaduan yang tidak ditolak dan sudah jatuh tempo",
            reverse("publik:pengaduan", args=_args(pd)),
        )
    ]


def _unduhan(nama: str, pd) -> list[str]:
    return [reverse(nama, args=[*_args(pd), f]) for f in ("csv", "xlsx")]


def _alamat_layanan(pd) -> list[str]:
    a = _args(pd)
    hasil = [reverse("publik:layanan", args=a), *_unduhan("publik:layanan_unduh", pd)]
    hasil += [reverse("publik:layanan_standar", args=[*a, j.unit_id, j.slug]) for j in data.katalog(pd)]
    hasil += [reverse("publik:ikm", args=a), *_unduhan("publik:ikm_unduh", pd)]
    hasil.append(reverse("publik:survei", args=a))
    return hasil


def _alamat_pengaduan(pd) -> list[str]:
    return [reverse("publik:pengaduan", args=_args(pd)), *_unduhan("publik:pengaduan_unduh", pd)]


daftarkan_sorotan("layanan", _sorotan_layanan)
daftarkan_sorotan("pengaduan", _sorotan_pengaduan)
daftarkan_alamat("layanan", _alamat_layanan)
daftarkan_alamat("pengaduan", _alamat_pengaduan)
