"""Open-data datasets of the portal's kinerja sections (registered with ``portal.api.daftarkan``),
their headline figures and every public address of the Kinerja and Anggaran sections.

Rows come from ``portal.kinerja`` (verified realisations only), the same data as the pages.
"""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from kinerja.core.angka import format_persen, format_rupiah
from kinerja.core.pembulatan import bulat
from kinerja.monev import capaian as cp
from kinerja.portal import api
from kinerja.portal import kinerja as kj
from kinerja.portal.pd import Sorotan, daftarkan_alamat, daftarkan_sorotan

T = kj.T


def _str(nullable: bool = False, **lain) -> dict:
    return {"type": "string", **({"nullable": True} if nullable else {}), **lain}


def _int(nullable: bool = False, **lain) -> dict:
    return {"type": "integer", **({"nullable": True} if nullable else {}), **lain}


def _num(nullable: bool = True, **lain) -> dict:
    return {"type": "number", **({"nullable": True} if nullable else {}), **lain}


def _skema(properti: dict) -> dict:
    """A row schema: every field required (null where allowed), nothing else."""
    return {
        "type": "object",
        "required": list(properti),
        "properties": properti,
        "additionalProperties": False,
    }


_TINGKAT = list(kj.TINGKAT_KODE)
_TW = {"type": "integer", "minimum": 0, "maximum": 4}


def _data(pd) -> kj.DataKinerja | None:
    return kj.muat(pd)


def _tahun(request, data: kj.DataKinerja) -> int | None:
    teks = request.GET.get("tahun", "").strip()
    if not teks:
        return None
    try:
        tahun = int(teks)
    except ValueError:
        raise api.GalatParameter(f"Parameter tahun harus bilangan bulat, bukan {teks[:20]!r}.") from None
    if tahun not in data.ev:
        raise api.GalatParameter(
            f"Parameter tahun harus tahun rencana {data.tahun[0]} sampai {data.tahun[-1]}, bukan {tahun}."
        )
    return tahun


def _tingkat(request, boleh: tuple[str, ...]) -> str | None:
    teks = request.GET.get("tingkat", "").strip()
    if not teks:
        return None
    if teks not in boleh:
        raise api.GalatParameter(f"Parameter tingkat harus salah satu dari: {', '.join(boleh)}.")
    return teks


def _persen(v: Decimal | None):
    return api.angka_json(bulat(v)) if v is not None else None


def _rp(v) -> int | float | None:
    return api.angka_json(Decimal(v)) if v is not None else None


# --- rencana --------------------------------------------------------------------------------------

SKEMA_RENCANA = _skema(
    {
        "id": _int(description="id tetap unsur: id unsur asalnya pada versi pertama"),
        "id_versi": _int(description="id unsur pada versi rencana yang ditampilkan"),
        "kode": _str(description="kode nomenklatur; kosong untuk tujuan dan sasaran"),
        "tingkat": _str(enum=_TINGKAT),
        "induk_id": _int(nullable=True, description="id tetap unsur induk"),
        "nama": _str(),
        "urutan": _int(),
        "versi": _str(description="nama versi rencana"),
    }
)


def baris_rencana(pd, request) -> list[dict]:
    data = _data(pd)
    if data is None:
        return []
    return [
        {
            "id": data.id_node(n.pk),
            "id_versi": n.pk,
            "kode": n.kode,
            "tingkat": kj.KODE_TINGKAT[n.tingkat],
            "induk_id": data.id_node(n.induk_id),
            "nama": n.nama,
            "urutan": i,
            "versi": data.versi.nama,
        }
        for i, n in enumerate(data.r.node, start=1)
    ]


# --- indikator ------------------------------------------------------------------------------------

SKEMA_INDIKATOR = _skema(
    {
        "id": _int(description="id tetap indikator: id indikator asalnya pada versi pertama"),
        "unsur_id": _int(description="id tetap unsur rencana pemilik indikator"),
        "kode_unsur": _str(),
        "tingkat": _str(enum=_TINGKAT),
        "nama": _str(),
        "satuan": _str(),
        "arah": _str(enum=["naik", "turun"], description="naik: makin besar makin baik"),
        "lokasi_id": _int(nullable=True, description="unit lokasi; null = seluruh perangkat daerah"),
        "lokasi": _str(nullable=True),
        "tahun": _int(),
        "target": _num(description="angka target (juga angka dalam label, mis. Baik (84) → 84)"),
        "target_teks": _str(description="target seperti tertulis (angka atau label)"),
        "realisasi": _num(description="realisasi terverifikasi sampai triwulan_terverifikasi"),
        "realisasi_teks": _str(),
        "triwulan_terverifikasi": {
            **_TW,
            "description": "realisasi dihitung sampai triwulan ini (0 = belum)",
        },
        "capaian": _num(description="persen, dua desimal"),
        "status_capaian": _str(nullable=True),
        "predikat": _str(nullable=True),
    }
)


def _baris_deret(data: kj.DataKinerja, d: kj.DeretIndikator, n: kj.NilaiTahun) -> dict:
    return {
        "id": data.id_indikator(d.ind.pk),
        "unsur_id": data.id_node(d.node.pk),
        "kode_unsur": d.node.kode,
        "tingkat": kj.KODE_TINGKAT[d.node.tingkat],
        "nama": d.ind.nama,
        "satuan": d.ind.satuan or "",
        "arah": d.ind.arah,
        "lokasi_id": d.lokasi_id,
        "lokasi": data.nama_lokasi(d.lokasi_id) if d.lokasi_id is not None else None,
        "tahun": n.tahun,
        "target": _rp(n.target_angka),  # a label's number too ("Baik (84)" → 84)
        "target_teks": n.target_teks,
        "realisasi": _rp(n.realisasi) if n.ada_realisasi else None,
        "realisasi_teks": n.realisasi_teks if n.ada_realisasi else "",
        "triwulan_terverifikasi": kj.sampai_triwulan(n.tw),
        "capaian": _persen(n.capaian_persen) if n.ada_realisasi else None,
        "status_capaian": n.capaian_teks or None if n.ada_realisasi else None,
        "predikat": n.predikat or None,
    }


def baris_indikator(pd, request) -> list[dict]:
    data = _data(pd)
    if data is None:
        return []
    tahun = _tahun(request, data)
    tingkat = _tingkat(request, tuple(_TINGKAT))
    hasil = []
    for d in data.deret:
        if tingkat is not None and kj.KODE_TINGKAT[d.node.tingkat] != tingkat:
            continue
        for y in data.tahun:
            n = d.nilai(y)
            if n is not None and (tahun is None or y == tahun):
                hasil.append(_baris_deret(data, d, n))
    return hasil


# --- pagu -----------------------------------------------------------------------------------------

_TINGKAT_ANGGARAN = ("program", "kegiatan", "sub_kegiatan")
SKEMA_PAGU = _skema(
    {
        "tahun": _int(),
        "unsur_id": _int(description="id tetap unsur rencana"),
        "kode": _str(),
        "tingkat": _str(enum=list(_TINGKAT_ANGGARAN)),
        "nama": _str(),
        "program_kode": _str(),
        "lokasi_id": _int(
            nullable=True, description="sub kegiatan: unit lokasi; null = tanpa lokasi atau jumlah"
        ),
        "lokasi": _str(nullable=True),
        "pagu_indikatif": _num(description="pagu indikatif Renstra, rupiah"),
        "anggaran": _num(description="anggaran tahun itu menurut dasar_anggaran, rupiah"),
        "dasar_anggaran": _str(description="APBD, pagu Renja yang ditetapkan atau pagu indikatif Renstra"),
    }
)


def _program_dari(data: kj.DataKinerja, node) -> str:
    for n in [*data.r.leluhur(node), node]:
        if n.tingkat == T.PROGRAM:
            return n.kode
    return ""


def _baris_pagu_node(data: kj.DataKinerja, y: int, node, lok) -> dict:
    dasar = data.ev[y].dasar_rp
    sub = node.tingkat == T.SUB_KEGIATAN
    kunci = lok if sub else "semua"
    return {
        "tahun": y,
        "unsur_id": data.id_node(node.pk),
        "kode": node.kode,
        "tingkat": kj.KODE_TINGKAT[node.tingkat],
        "nama": node.nama,
        "program_kode": _program_dari(data, node),
        "lokasi_id": lok if sub else None,
        "lokasi": data.nama_lokasi(lok) if sub and lok is not None else None,
        "pagu_indikatif": _rp(data.r.pagu_node(node, y, kunci)),
        "anggaran": _rp(dasar.jumlah(node, kunci)),
        "dasar_anggaran": ", ".join(dasar.label(x) for x in dasar.dasar_node(node, kunci)),
    }


def baris_pagu(pd, request) -> list[dict]:
    data = _data(pd)
    if data is None:
        return []
    tahun = _tahun(request, data)
    tingkat = _tingkat(request, _TINGKAT_ANGGARAN)
    hasil = []
    for y in data.tahun if tahun is None else [tahun]:
        for node in data.r.node:
            kode = kj.KODE_TINGKAT[node.tingkat]
            if kode not in _TINGKAT_ANGGARAN or (tingkat is not None and kode != tingkat):
                continue
            daftar = data.r.lokasi_node(node, [y]) if node.tingkat == T.SUB_KEGIATAN else ["semua"]
            for lok in daftar:
                b = _baris_pagu_node(data, y, node, lok)
                if b["pagu_indikatif"] is not None or b["anggaran"] is not None:
                    hasil.append(b)
    return hasil


# --- realisasi anggaran -------------------------------------------------------------------------

SKEMA_REALISASI = _skema(
    {
        "tahun": _int(),
        "tingkat": _str(enum=["perangkat_daerah", "program", "sub_kegiatan"]),
        "unsur_id": _int(nullable=True, description="id tetap unsur; null untuk jumlah perangkat daerah"),
        "kode": _str(),
        "nama": _str(),
        "lokasi_id": _int(nullable=True),
        "lokasi": _str(nullable=True),
        "anggaran": _num(description="rupiah, menurut dasar_anggaran tahun itu"),
        "dasar_anggaran": _str(),
        "realisasi": _num(description="realisasi anggaran terverifikasi, rupiah"),
        "serapan": _num(description="realisasi ÷ anggaran × 100, dua desimal"),
        "triwulan_terverifikasi": {
            **_TW,
            "nullable": True,
            "description": "baris sub kegiatan: unit pelapornya",
        },
        "keterangan_verifikasi": _str(),
    }
)


def _baris_realisasi(data: kj.DataKinerja, y: int, b) -> dict:
    sub = b.node.tingkat == T.SUB_KEGIATAN
    ev = data.ev[y]
    lok = b.lokasi_id if sub else "semua"
    return {
        "tahun": y,
        "tingkat": kj.KODE_TINGKAT[b.node.tingkat],
        "unsur_id": data.id_node(b.node.pk),
        "kode": b.node.kode,
        "nama": b.node.nama,
        "lokasi_id": b.lokasi_id if sub else None,
        "lokasi": data.nama_lokasi(b.lokasi_id) if sub and b.lokasi_id is not None else None,
        "anggaran": _rp(b.rp_target),
        "dasar_anggaran": ", ".join(ev.dasar_rp.label(x) for x in ev.dasar_rp.dasar_node(b.node, lok)),
        "realisasi": _rp(b.rp_realisasi),
        "serapan": _persen(cp.serapan(b.rp_realisasi, b.rp_target)),
        "triwulan_terverifikasi": kj.sampai_triwulan(data.tw_unit(y, b.lokasi_id)) if sub else None,
        "keterangan_verifikasi": kj.kalimat_triwulan(y, data.tw_unit(y, b.lokasi_id))
        if sub
        else kj.ringkas_unit(ev, data.unit_anggaran(y)),
    }


def baris_realisasi(pd, request) -> list[dict]:
    data = _data(pd)
    if data is None:
        return []
    tahun = _tahun(request, data)
    hasil = []
    for y in data.tahun if tahun is None else [tahun]:
        ev = data.ev[y]
        a, r = data.anggaran_tahun(y)
        hasil.append(
            {
                "tahun": y,
                "tingkat": "perangkat_daerah",
                "unsur_id": None,
                "kode": "",
                "nama": data.pd.nama,
                "lokasi_id": None,
                "lokasi": None,
                "anggaran": _rp(a),
                "dasar_anggaran": ev.dasar,
                "realisasi": _rp(r),
                "serapan": _persen(cp.serapan(r, a)),
                "triwulan_terverifikasi": None,
                "keterangan_verifikasi": kj.ringkas_unit(ev, data.unit_anggaran(y)),
            }
        )
        for b in ev.baris:
            if b.ada_rp and b.node.tingkat in (T.PROGRAM, T.SUB_KEGIATAN):
                hasil.append(_baris_realisasi(data, y, b))
    return hasil


_P_TAHUN = api.Parameter("tahun", "hanya satu tahun rencana, mis. 2022", {"type": "integer"})

api.daftarkan(
    api.Dataset(
        kunci="rencana",
        judul="Pohon rencana Renstra",
        keterangan="Tujuan, sasaran, program, kegiatan dan sub kegiatan versi utama Renstra, dengan id tetap "
        "(id unsur asalnya) dan induknya.",
        bagian="kinerja",
        skema=SKEMA_RENCANA,
        baris=baris_rencana,
        halaman="publik:kinerja",
    )
)
api.daftarkan(
    api.Dataset(
        kunci="indikator",
        judul="Indikator kinerja",
        keterangan="Indikator setiap unsur rencana per lokasi dan tahun: target, realisasi terverifikasi "
        "(sampai triwulan terverifikasi) dan capaian. Nilai laporan yang belum diverifikasi tidak dimuat.",
        bagian="kinerja",
        skema=SKEMA_INDIKATOR,
        baris=baris_indikator,
        parameter=(
            _P_TAHUN,
            api.Parameter("tingkat", "hanya satu tingkat unsur", {"type": "string", "enum": _TINGKAT}),
        ),
        halaman="publik:kinerja",
    )
)
api.daftarkan(
    api.Dataset(
        kunci="pagu",
        judul="Pagu dan anggaran",
        keterangan="Pagu indikatif Renstra dan anggaran tahunan (APBD bila sudah diisi) per program, kegiatan "
        "dan sub kegiatan × lokasi, per tahun rencana.",
        bagian="anggaran",
        skema=SKEMA_PAGU,
        baris=baris_pagu,
        parameter=(
            _P_TAHUN,
            api.Parameter(
                "tingkat", "hanya satu tingkat", {"type": "string", "enum": list(_TINGKAT_ANGGARAN)}
            ),
        ),
        halaman="publik:anggaran",
    )
)
api.daftarkan(
    api.Dataset(
        kunci="realisasi-anggaran",
        judul="Realisasi anggaran terverifikasi",
        keterangan="Realisasi anggaran per tahun dari laporan triwulan yang sudah diverifikasi: jumlah perangkat "
        "daerah, per program dan per sub kegiatan × lokasi, dengan serapannya.",
        bagian="anggaran",
        skema=SKEMA_REALISASI,
        baris=baris_realisasi,
        parameter=(_P_TAHUN,),
        halaman="publik:anggaran",
    )
)


# --- headline figures and addresses ----------------------------------------------------------------


def _alamat(nama: str, pd, *args) -> str:
    return reverse(f"publik:{nama}", args=[pd.pemda.slug, pd.slug, *args])


def sorotan_kinerja(pd) -> list[Sorotan]:
    data = _data(pd)
    if data is None:
        return []
    y = data.tahun_kinerja
    tercapai, jumlah, rata = data.sasaran_tercapai(y)
    n = kj.sampai_triwulan(data.tw_kantor(y))
    ket = f"terverifikasi s.d. TW {kj.NAMA_TRIWULAN[n]}" if n else "belum ada realisasi terverifikasi"
    tautan = f"{_alamat('kinerja', pd)}?tahun={y}"
    hasil = []
    if jumlah:
        hasil.append(Sorotan(f"Indikator sasaran tercapai {y}", f"{tercapai} dari {jumlah}", ket, tautan))
    if rata is not None:
        hasil.append(Sorotan(f"Rata-rata capaian sasaran {y}", format_persen(bulat(rata)), ket, tautan))
    return hasil


def sorotan_anggaran(pd) -> list[Sorotan]:
    data = _data(pd)
    if data is None:
        return []
    y = data.tahun_anggaran
    a, r = data.anggaran_tahun(y)
    tautan = f"{_alamat('anggaran', pd)}?tahun={y}"
    total = sum((data.pagu_tahun(x) for x in data.tahun), kj.NOL)
    hasil = [
        Sorotan(
            f"Pagu indikatif Renstra {data.tahun[0]}–{data.tahun[-1]} (Rp)",
            format_rupiah(total),
            "",
            _alamat("anggaran", pd),
        )
    ]
    if a is not None:
        hasil.append(Sorotan(f"Anggaran {y} (Rp)", format_rupiah(a), data.ev[y].dasar, tautan))
    serapan = cp.serapan(r, a)
    if serapan is not None:
        ket = "terverifikasi: " + kj.ringkas_unit(data.ev[y], data.unit_anggaran(y))
        hasil.append(Sorotan(f"Realisasi anggaran {y}", format_persen(bulat(serapan)), ket, tautan))
    return hasil


def alamat_kinerja(pd) -> list[str]:
    data = _data(pd)
    if data is None:
        return [_alamat("kinerja", pd)]
    hasil = [_alamat("kinerja", pd)]
    for fmt in ("csv", "xlsx"):
        hasil.append(_alamat("kinerja_unduh", pd, fmt))
    for y in data.tahun:
        hasil += [f"{_alamat('kinerja', pd)}?tahun={y}"]
        hasil += [f"{_alamat('kinerja_unduh', pd, fmt)}?tahun={y}" for fmt in ("csv", "xlsx")]
    for u in data.lokasi:
        if data.deret_lokasi(u.pk):
            hasil.append(_alamat("kinerja_kelurahan", pd, u.pk))
            hasil += [_alamat("kinerja_kelurahan_unduh", pd, u.pk, fmt) for fmt in ("csv", "xlsx")]
    return hasil


def alamat_anggaran(pd) -> list[str]:
    data = _data(pd)
    hasil = [_alamat("anggaran", pd)]
    if data is None:
        return hasil
    hasil += [_alamat("anggaran_unduh", pd, fmt) for fmt in ("csv", "xlsx")]
    for y in data.tahun:
        hasil.append(f"{_alamat('anggaran', pd)}?tahun={y}")
        hasil += [f"{_alamat('anggaran_unduh', pd, fmt)}?tahun={y}" for fmt in ("csv", "xlsx")]
    return hasil


daftarkan_sorotan("kinerja", sorotan_kinerja)
daftarkan_sorotan("anggaran", sorotan_anggaran)
daftarkan_alamat("kinerja", alamat_kinerja)
daftarkan_alamat("anggaran", alamat_anggaran)
