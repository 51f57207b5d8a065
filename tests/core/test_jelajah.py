"""Every URL pattern of the project, with valid and hostile values, as each persona: never a 500.

The patterns are read from the resolver, so a page added later is walked too.  Each path
parameter is filled with a sample id, then, one at a time, with hostile values; the query
parameters a page reads (recorded while it answers the valid request) are each given hostile
values; every form is posted empty and with nonsense.  Error pages must be Indonesian pages
with a way back, and no link may lead to another site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern
from django.utils.datastructures import MultiValueDict

from kinerja.layanan.models import JenisLayanan, Pelayanan
from kinerja.monev.models import Laporan, Realisasi
from kinerja.pengaduan.models import Pengaduan
from kinerja.renstra.models import Target
from kinerja.skm.models import Kios

pytestmark = pytest.mark.django_db

PERSONA = ["anonim", "perencana", "operator-gedog", "camat", "verifikator", "admin"]
# Hostile values for a path parameter, by converter: ids that do not exist or overflow a
# database integer, and (not matching the converter) values the resolver itself must refuse.
JAHAT_INT = ["0", "99999999999", "9" * 40, "-1", "abc"]
JAHAT_TEKS = ["tidak-ada", "0", "9" * 40, "x" * 300, "%C2%B2"]
# Hostile values for the query parameters a page reads; a parameter the page does not read is
# sent once, all together, to show that it is ignored.
JAHAT_QUERY = ["0", "-1", "10000", "x", "%C2%B2", "9" * 20, "//evil.example"]
QUERY_LAIN = "tahun=0&triwulan=9&sampai=0&unit=abc&lokasi=-1&dengan=x&bulan=13&kembali=//evil.example"
FORM_JAHAT = {
    "revisi": "abc",
    "umur": "²",
    "layanan": "9" * 30,
    "jenis": "9" * 30,
    "unit": "9" * 30,
    "kategori": "x",
    "status": "x",
    "aksi": "x",
    "hasil": "x",
    "nilai": "9" * 40,
    "jumlah": "-1",
    "sampai": "x",
    "tahun": "0",
    "id": "x",
    "kembali": "//evil.example",
}


# The admin's delete confirmation of a sample object lists its whole cascade (a PD: every plan
# row, service and survey) and takes tens of seconds; those pages are walked with hostile ids.
_HAPUS_ADMIN = re.compile(r"^admin:\w+_delete$")


@dataclass
class Pola:
    rute: str  # the full route, e.g. "monev/<int:versi>/<int:tahun>/"
    nama: str  # "monev:matriks"
    regex: bool

    @property
    def sah_berat(self) -> bool:
        return bool(_HAPUS_ADMIN.match(self.nama))


def _pola(daftar, awal: str = "", ns: str | None = None):
    for p in daftar:
        if isinstance(p, URLResolver):
            yield from _pola(p.url_patterns, awal + _teks_pola(p.pattern), p.namespace or ns)
        elif isinstance(p, URLPattern):
            yield Pola(
                awal + _teks_pola(p.pattern), f"{ns}:{p.name}" if ns else str(p.name), _regex(p.pattern)
            )


def _teks_pola(pola) -> str:
    return pola._regex if isinstance(pola, RegexPattern) else str(pola)


def _regex(pola) -> bool:
    return isinstance(pola, RegexPattern)


_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
_GRUP = re.compile(r"\(\?P<(\w+)>[^()]*\)")


def isi_rute(p: Pola, nilai: dict[str, str]) -> str:
    if p.regex:
        alamat = _GRUP.sub(lambda m: nilai[m.group(1)], p.rute)
        alamat = alamat.replace("^", "").replace("$", "").replace("\\", "")
    else:
        alamat = _PARAM.sub(lambda m: nilai[m.group(2)], p.rute)
    return "/" + alamat


def parameter(p: Pola) -> list[tuple[str, str]]:
    """(name, converter) of each path parameter."""
    if p.regex:
        return [(m.group(1), "str") for m in _GRUP.finditer(p.rute)]
    return [(m.group(2), m.group(1) or "str") for m in _PARAM.finditer(p.rute)]


@pytest.fixture
def sah(versi_sampel):
    """Valid sample values for every path parameter name (some depend on the pattern)."""
    pd = versi_sampel.pd
    gedog = pd.unit_set.get(nama_pendek="Gedog")
    target = (
        Target.objects.filter(indikator__node__versi=versi_sampel, lokasi=gedog, tahun=2022)
        .select_related("indikator__node")
        .order_by("indikator__node__urutan", "indikator__urutan")
        .first()
    )
    realisasi = Realisasi.objects.filter(lokasi=gedog, tahun=2022).first()
    adu = Pengaduan.objects.filter(pd=pd).order_by("pk").first()
    pel = Pelayanan.objects.filter(unit=gedog).order_by("pk").first()
    return {
        "pemda": pd.pemda.slug,
        "pd_slug": pd.slug,
        "pd": str(pd.pk),
        "versi": str(versi_sampel.pk),
        "tahun": "2022",
        "tw": "4",
        "unit": str(gedog.pk),
        "lok": str(gedog.pk),
        "indikator": str(target.indikator_id),
        "node": str(target.indikator.node_id),
        "kode": "6.2",
        "kode_laporan": "E.81",
        "tabel_kode": "6.2",
        "fmt": "xlsx",
        "tipe": "realisasi",
        "pk_riwayat": str(realisasi.pk),
        "pk_laporan": str(Laporan.objects.filter(unit=gedog).first().pk),
        "pk_pengaduan": str(adu.pk),
        "pk_pelayanan": str(pel.pk),
        "lampiran_id": "1",
        "token": Kios.objects.filter(unit=gedog).first().token,
        "slug": JenisLayanan.objects.filter(unit=gedog, aktif=True).first().slug,
        "app_label": "renstra",
        "url": "tidak-ada/",
    }


def nilai_untuk(p: Pola, sah: dict) -> dict[str, str]:
    nilai = {}
    for nama, konv in parameter(p):
        if nama == "pd" and konv == "slug":
            nilai[nama] = sah["pd_slug"]
        elif nama == "kode" and p.nama.startswith("monev:"):
            nilai[nama] = sah["kode_laporan"]
        elif nama == "pk":
            jenis = {
                "monev:riwayat": "pk_riwayat",
                "pengaduan:rinci": "pk_pengaduan",
                "pengaduan:lampiran": "pk_pengaduan",
            }
            nilai[nama] = sah[jenis.get(p.nama, "pk_pelayanan")]
        elif nama in sah:
            nilai[nama] = sah[nama]
        else:
            nilai[nama] = _admin(p, nama)
    return nilai


def _admin(p: Pola, nama: str) -> str:
    """Admin parameters: the first object of the pattern's model, or a harmless value."""
    from django.apps import apps

    if nama == "object_id":
        for model in apps.get_models():
            if p.nama.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_"):
                obyek = model._default_manager.order_by("pk").first()
                return str(obyek.pk) if obyek else "1"
        return "1"
    return {"content_type_id": "1", "id": "1"}.get(nama, "1")


# --- what every answer must satisfy ---------------------------------------------------------


def periksa(r, alamat: str, masalah: list[str]) -> None:
    if r.status_code >= 500:
        exc = getattr(r, "exc_info", None)
        masalah.append(f"{r.status_code} {alamat}: {exc[1]!r}" if exc else f"{r.status_code} {alamat}")
        return
    jenis = r.get("Content-Type", "")
    if "text/html" not in jenis or getattr(r, "streaming", False):
        return
    teks = r.content.decode("utf-8", "replace")
    if re.search(r"""href=["']?(?:https?:)?//evil\.example""", teks):
        masalah.append(f"tautan ke situs lain: {alamat}")
    if "<html" in teks and '<html lang="id"' not in teks:
        masalah.append(f"{r.status_code} bukan halaman berbahasa Indonesia: {alamat}")
    if r.status_code in (400, 403, 404) and (
        'href="/"' not in teks or "Not Found" in teks or "Forbidden" in teks
    ):
        masalah.append(f"{r.status_code} tanpa jalan kembali ke beranda: {alamat}")


class Pencatat:
    """Records which query parameters a view reads, while it answers (request.GET only: the
    URL resolver keeps its own MultiValueDict, whose keys are not parameters)."""

    def __init__(self, monkeypatch):
        self.kunci: set[str] = set()
        asli_get, asli_item, asli_list = (
            MultiValueDict.get,
            MultiValueDict.__getitem__,
            MultiValueDict.getlist,
        )
        catat = self.kunci.add

        def get(d, key, default=None):
            catat(key)
            return asli_get(d, key, default)

        def item(d, key):
            catat(key)
            return asli_item(d, key)

        def getlist(d, key, default=None):
            catat(key)
            return asli_list(d, key, default)

        monkeypatch.setattr(QueryDict, "get", get, raising=False)
        monkeypatch.setattr(QueryDict, "__getitem__", item, raising=False)
        monkeypatch.setattr(QueryDict, "getlist", getlist, raising=False)


def _masuk(client, persona: str) -> None:
    client.logout()
    if persona != "anonim":
        client.force_login(get_user_model().objects.get(username=persona))


def _minta(client, persona: str, cara: str, alamat: str, data=None):
    r = getattr(client, cara)(alamat, data or {})
    if "keluar" in alamat or alamat.startswith("/admin/logout"):
        _masuk(client, persona)  # the walk goes on as the same persona
    return r


@pytest.mark.parametrize("persona", PERSONA)
def test_every_url_with_valid_and_hostile_path_values_gives_no_500(client, sah, persona):
    client.raise_request_exception = False
    _masuk(client, persona)
    masalah: list[str] = []
    dicoba = 0
    for p in _pola(get_resolver().url_patterns):
        nilai = nilai_untuk(p, sah)
        if not p.sah_berat:
            periksa(_minta(client, persona, "get", isi_rute(p, nilai)), isi_rute(p, nilai), masalah)
            dicoba += 1
        for nama, konv in parameter(p):
            for jahat in JAHAT_INT if konv == "int" else JAHAT_TEKS:
                alamat = isi_rute(p, {**nilai, nama: jahat})
                periksa(_minta(client, persona, "get", alamat), alamat, masalah)
                dicoba += 1
    assert dicoba > 500
    assert not masalah, "\n".join(masalah)


@pytest.mark.parametrize("persona", ["admin", "operator-gedog"])
def test_every_query_parameter_a_page_reads_survives_hostile_values(client, sah, persona, monkeypatch):
    client.raise_request_exception = False
    _masuk(client, persona)
    pencatat = Pencatat(monkeypatch)
    masalah: list[str] = []
    dibaca: dict[str, set[str]] = {}
    for p in _pola(get_resolver().url_patterns):
        if p.nama.startswith("admin:"):
            continue  # the admin's own filters are Django's; its pages are walked above
        alamat = isi_rute(p, nilai_untuk(p, sah))
        pencatat.kunci.clear()
        periksa(_minta(client, persona, "get", alamat), alamat, masalah)
        kunci = {k for k in pencatat.kunci if isinstance(k, str) and k.isidentifier()}
        dibaca[p.nama] = kunci
        periksa(_minta(client, persona, "get", f"{alamat}?{QUERY_LAIN}"), f"{alamat}?{QUERY_LAIN}", masalah)
        for k in sorted(kunci):
            for jahat in JAHAT_QUERY:
                periksa(
                    _minta(client, persona, "get", f"{alamat}?{k}={jahat}"), f"{alamat}?{k}={jahat}", masalah
                )
    # The statistics pages read their period: the walk really tried hostile years on them.
    if persona == "admin":
        for nama in ("layanan:rekap", "skm:hasil", "pengaduan:statistik"):
            assert {"tahun", "sampai", "unit"} <= dibaca[nama], nama
    assert not masalah, "\n".join(masalah)


@pytest.mark.parametrize("persona", ["admin", "perencana", "operator-gedog"])
def test_every_form_posted_empty_or_with_nonsense_gives_no_500(client, sah, persona):
    client.raise_request_exception = False
    _masuk(client, persona)
    masalah: list[str] = []
    for p in _pola(get_resolver().url_patterns):
        if p.nama.startswith("admin:") and (persona != "admin" or p.sah_berat):
            continue  # the admin's forms are Django's: posted once, by the administrator
        alamat = isi_rute(p, nilai_untuk(p, sah))
        for data in ({}, FORM_JAHAT) if not p.nama.startswith("admin:") else ({},):
            periksa(_minta(client, persona, "post", alamat, data), f"POST {alamat} {sorted(data)}", masalah)
    assert not masalah, "\n".join(masalah)
