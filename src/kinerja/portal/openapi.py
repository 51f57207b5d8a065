"""The OpenAPI 3 document of ``/api/v1/``, built from the dataset registry (``portal.api``)."""

from __future__ import annotations

from django.urls import reverse

from kinerja.portal import api

_GALAT = {
    "description": "Galat, dengan pesan dalam bahasa Indonesia",
    "content": {
        "application/json": {
            "schema": {"type": "object", "required": ["galat"], "properties": {"galat": {"type": "string"}}}
        }
    },
}
_TERLALU_SERING = {**_GALAT, "description": "Terlalu banyak permintaan dari satu alamat (lihat Retry-After)"}


def _halaman(skema_baris: dict) -> dict:
    """The schema of one page of rows (see ``api.halaman``)."""
    return {
        "type": "object",
        "required": ["jumlah", "halaman", "per_halaman", "berikutnya", "sebelumnya", "data"],
        "properties": {
            "jumlah": {"type": "integer", "minimum": 0, "description": "jumlah seluruh baris"},
            "halaman": {"type": "integer", "minimum": 1},
            "per_halaman": {"type": "integer", "minimum": 1, "maximum": api.PER_HALAMAN_MAKS},
            "berikutnya": {"type": "string", "nullable": True, "format": "uri"},
            "sebelumnya": {"type": "string", "nullable": True, "format": "uri"},
            "data": {"type": "array", "items": skema_baris},
        },
    }


_PARAM_HALAMAN = [
    {
        "name": "halaman",
        "in": "query",
        "required": False,
        "description": "nomor halaman, mulai 1",
        "schema": {"type": "integer", "minimum": 1, "default": 1},
    },
    {
        "name": "per_halaman",
        "in": "query",
        "required": False,
        "description": f"baris per halaman (paling banyak {api.PER_HALAMAN_MAKS})",
        "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": api.PER_HALAMAN_MAKS,
            "default": api.PER_HALAMAN,
        },
    },
]
_PARAM_PD = [
    {
        "name": "pemda",
        "in": "path",
        "required": True,
        "description": "slug pemda",
        "schema": {"type": "string"},
    },
    {
        "name": "pd",
        "in": "path",
        "required": True,
        "description": "slug perangkat daerah",
        "schema": {"type": "string"},
    },
]

SKEMA_PD = {
    "type": "object",
    "required": ["pemda", "pemda_nama", "pd", "nama", "dataset"],
    "properties": {
        "pemda": {"type": "string"},
        "pemda_nama": {"type": "string"},
        "pd": {"type": "string"},
        "nama": {"type": "string"},
        "dataset": {"type": "object", "additionalProperties": {"type": "string", "format": "uri"}},
    },
}


def _jawaban(skema: dict, keterangan: str) -> dict:
    return {
        "200": {"description": keterangan, "content": {"application/json": {"schema": skema}}},
        "400": _GALAT,
        "404": _GALAT,
        "429": _TERLALU_SERING,
    }


def dokumen_openapi(request) -> dict:
    """The whole document; every path the API answers is listed (a test checks each one)."""
    dasar = reverse("publik:api_indeks").rstrip("/")
    paths: dict[str, dict] = {
        "/": {
            "get": {
                "summary": "Indeks API: dataset yang tersedia",
                "operationId": "indeks",
                "responses": _jawaban({"type": "object", "required": ["dataset"]}, "Indeks"),
            }
        },
        "/pd/": {
            "get": {
                "summary": "Perangkat daerah yang menerbitkan data",
                "operationId": "daftar_pd",
                "parameters": _PARAM_HALAMAN,
                "responses": _jawaban(_halaman(SKEMA_PD), "Satu halaman daftar perangkat daerah"),
            }
        },
    }
    for ds in api.daftar():
        paths[f"/pd/{{pemda}}/{{pd}}/{ds.kunci}/"] = {
            "get": {
                "summary": ds.judul,
                "description": ds.keterangan,
                "operationId": ds.kunci.replace("-", "_"),
                "tags": [ds.bagian],
                "parameters": [
                    *_PARAM_PD,
                    *_PARAM_HALAMAN,
                    *(
                        {
                            "name": p.nama,
                            "in": "query",
                            "required": p.wajib,
                            "description": p.keterangan,
                            "schema": p.skema,
                        }
                        for p in ds.parameter
                    ),
                ],
                "responses": _jawaban(_halaman(ds.skema), f"Satu halaman baris {ds.judul.lower()}"),
            }
        }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Data terbuka Kinerja",
            "version": "1",
            "description": "Data publik rencana, kinerja terverifikasi, anggaran, kualitas layanan dan pengaduan "
            "perangkat daerah. Hanya baca, tanpa masuk. Lihat juga halaman /data/.",
            "license": {"name": api.LISENSI, "url": api.LISENSI_URL},
        },
        "servers": [{"url": request.build_absolute_uri(dasar)}],
        "paths": paths,
    }
