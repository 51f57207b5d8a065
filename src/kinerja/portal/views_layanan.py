"""Public pages of the layanan and pengaduan sections: the service catalogue and each standard, the
IKM and punctuality per unit, where to fill in the survey, and the complaint statistics."""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from kinerja.core.grafik import batang_bertumpuk
from kinerja.core.parameter import ID_TERBESAR
from kinerja.core.tabel import ke_html
from kinerja.layanan.models import JenisLayanan, VersiLayanan
from kinerja.portal import layanan as data
from kinerja.portal import tembolok
from kinerja.portal.pd import pd_publik
from kinerja.portal.unduh import jawab_tabel
from kinerja.wilayah.models import Unit


def _tabel(t) -> dict:
    return {"judul": t.judul, "kode": t.kode, "html": mark_safe(ke_html(t)), "catatan": t.catatan}


def _pilihan_tahun(tahun: int, tahun_data: list[int]) -> list[int]:
    return sorted({*tahun_data, tahun}, reverse=True)


# --- the catalogue --------------------------------------------------------------------------------


def _katalog(request, ppd):
    units = list(
        Unit.objects.filter(pd=ppd, layanan_set__aktif=True, layanan_set__publik=True)
        .distinct()
        .order_by("urutan", "nama")
    )
    unit, pesan = data.baca_unit(request.GET.get("unit"), units)
    q = " ".join((request.GET.get("q") or "").split())[:100]
    return units, unit, q, pesan, data.katalog(ppd, q=q, unit=unit)


@tembolok.publik()
def layanan(request, pemda: str, pd: str):
    ppd = pd_publik(pemda, pd, "layanan")
    units, unit, q, pesan, daftar = _katalog(request, ppd)
    return render(
        request,
        "portal/layanan.html",
        {
            "ppd": ppd,
            "bagian_aktif": "layanan",
            "judul": "Layanan dan persyaratannya",
            "deskripsi": f"Layanan {ppd.nama}: persyaratan, prosedur, jangka waktu dan biaya setiap layanan per unit.",
            "kelompok": data.kelompok_unit(daftar),
            "jumlah": len(daftar),
            "units": units,
            "unit": unit,
            "q": q,
            "pesan": pesan,
            "saring": bool(q or unit),
            "query": request.GET.urlencode(),
        },
    )


@tembolok.publik()
def layanan_unduh(request, pemda: str, pd: str, fmt: str):
    ppd = pd_publik(pemda, pd, "layanan")
    _units, _unit, _q, _pesan, daftar = _katalog(request, ppd)
    t = data.tabel_layanan(daftar, f"Standar pelayanan {ppd.nama}")
    return jawab_tabel(t, f"layanan-{ppd.slug}", fmt)


def _alamat_lama(ppd, unit: int, slug: str) -> JenisLayanan | None:
    """The public standard whose earlier version had this slug (its address before a rename)."""
    if unit > ID_TERBESAR:
        return None
    v = (
        VersiLayanan.objects.filter(
            slug=slug, jenis__unit_id=unit, jenis__unit__pd=ppd, jenis__aktif=True, jenis__publik=True
        )
        .exclude(jenis__slug=slug)
        .select_related("jenis")
        .order_by("-waktu")
        .first()
    )
    return v.jenis if v is not None else None


@tembolok.publik()
def layanan_standar(request, pemda: str, pd: str, unit: int, slug: str):
    ppd = pd_publik(pemda, pd, "layanan")
    j = (
        JenisLayanan.objects.select_related("unit")
        .filter(unit__pd=ppd, unit_id=unit, slug=slug, aktif=True, publik=True)
        .first()
        if unit <= ID_TERBESAR
        else None
    )
    if j is None:
        j = _alamat_lama(ppd, unit, slug)
        if j is not None:  # renamed: the old address, printed or linked, leads to its standard
            return redirect(
                reverse("publik:layanan_standar", args=[pemda, pd, j.unit_id, j.slug]), permanent=True
            )
        raise Http404("Layanan ini tidak ada atau tidak lagi diberikan. Lihat daftar layanan.")
    return render(
        request,
        "portal/layanan_standar.html",
        {
            "ppd": ppd,
            "bagian_aktif": "layanan",
            "judul": j.nama,
            "deskripsi": f"Standar pelayanan {j.nama} di {j.unit.nama}: persyaratan, prosedur, jangka waktu "
            f"{j.jangka_teks}, biaya {j.biaya}.",
            "j": j,
            "persyaratan": j.daftar("persyaratan"),
            "prosedur": j.daftar("prosedur"),
            "kios": data.kios_ponsel(ppd).get(j.unit_id),
        },
    )


# --- IKM and punctuality --------------------------------------------------------------------------


def _ikm(request, ppd) -> dict:
    """The year (``?tahun=``), its last complete quarter and the tables of both."""
    d = data.muat_ikm(ppd)
    tahun, pesan = data.baca_tahun(request.GET.get("tahun"), d.tahun_data)
    hari = timezone.localdate()
    if tahun - 1 < hari.year - data.TAHUN_MUNDUR or tahun > hari.year:
        d = data.muat_ikm(ppd, tahun)
    tw = data.triwulan_lengkap(tahun, hari)
    per_tahun = d.per_unit(tahun)
    per_tw = d.per_unit(tw[0], (tw[1],)) if tw else None
    label_tw = f"Triwulan {tw[1]} tahun {tw[0]}" if tw else ""
    tabel = [data.tabel_ikm(per_tahun, f"IKM per unit, tahun {tahun}")]
    if per_tw is not None:
        tabel.append(data.tabel_ikm(per_tw, f"IKM per unit, {label_tw.lower()}", kode="IKM-triwulan"))
    tabel.append(data.tabel_pelayanan(per_tahun, per_tw, tahun, label_tw))
    return {
        "tahun": tahun,
        "tahun_ini": tahun == hari.year,
        "pilihan_tahun": _pilihan_tahun(tahun, d.tahun_data),
        "pesan": pesan,
        "tw": tw,
        "label_tw": label_tw,
        "per_tahun": per_tahun,
        "per_tw": per_tw,
        "tabel": tabel,
    }


@tembolok.publik()
def ikm(request, pemda: str, pd: str):
    ppd = pd_publik(pemda, pd, "layanan")
    k = _ikm(request, ppd)
    ada = [x for x in k["per_tahun"] if x.unit is not None and x.ikm.ikm is not None]
    grafik = batang_bertumpuk(
        [x.unit.nama_pendek for x in ada],
        [("IKM", [x.ikm.ikm for x in ada])],
        judul=f"IKM per unit, tahun {k['tahun']}",
        satuan="",
    )
    return render(
        request,
        "portal/layanan_ikm.html",
        {
            **k,
            "ppd": ppd,
            "bagian_aktif": "layanan",
            "judul": f"Kepuasan dan ketepatan pelayanan {k['tahun']}",
            "deskripsi": f"Indeks kepuasan masyarakat (IKM) dan ketepatan waktu pelayanan setiap unit {ppd.nama}.",
            "grafik": mark_safe(grafik) if ada else "",
            "tabel_html": [_tabel(t) for t in k["tabel"]],
            "query": request.GET.urlencode(),
        },
    )


@tembolok.publik()
def ikm_unduh(request, pemda: str, pd: str, fmt: str):
    ppd = pd_publik(pemda, pd, "layanan")
    k = _ikm(request, ppd)
    if k["pesan"]:
        raise Http404(k["pesan"])
    return jawab_tabel(k["tabel"], f"ikm-{ppd.slug}-{k['tahun']}", fmt, judul=f"IKM {ppd.nama} {k['tahun']}")


@tembolok.publik()
def survei(request, pemda: str, pd: str):
    ppd = pd_publik(pemda, pd, "layanan")
    kios = data.kios_ponsel(ppd)
    return render(
        request,
        "portal/survei.html",
        {
            "ppd": ppd,
            "bagian_aktif": "layanan",
            "judul": "Isi survei kepuasan",
            "deskripsi": f"Nilai pelayanan {ppd.nama} yang baru Anda terima: formulir survei kepuasan per unit.",
            "daftar": [(u, kios.get(u.pk)) for u in data.unit_lokasi(ppd)],
        },
    )


# --- complaints -----------------------------------------------------------------------------------


def _tabel_aduan(s) -> list:
    return [data.tabel_aduan_kategori(s), data.tabel_aduan_status(s), data.tabel_aduan_waktu(s)]


def _grafik_aduan(s) -> tuple[str, str]:
    bulan = [data.NAMA_BULAN[b - 1][:3] for b, _ in s.bulan]
    per_kategori = batang_bertumpuk(
        bulan,
        [(k.nama, [Decimal(r.per_kategori.get(k.pk, 0)) for _, r in s.bulan]) for k in s.kategori],
        judul=f"Pengaduan per bulan menurut kategori, tahun {s.tahun}",
        satuan="pengaduan",
    )
    per_status = batang_bertumpuk(
        bulan,
        [
            (label, [Decimal(r.per_status.get(st, 0)) for _, r in s.bulan])
            for st, label in data.STATUS.choices
        ],
        judul=f"Pengaduan per bulan menurut status sekarang, tahun {s.tahun}",
        satuan="pengaduan",
    )
    return mark_safe(per_kategori), mark_safe(per_status)


@tembolok.publik()
def pengaduan(request, pemda: str, pd: str):
    ppd = pd_publik(pemda, pd, "pengaduan")
    s, pesan = data.statistik_aduan(ppd, request.GET.get("tahun"))
    tabel = _tabel_aduan(s)
    grafik = _grafik_aduan(s) if s.total.jumlah else ("", "")
    return render(
        request,
        "portal/pengaduan.html",
        {
            "ppd": ppd,
            "bagian_aktif": "pengaduan",
            "judul": f"Pengaduan {s.tahun}",
            "deskripsi": f"Statistik pengaduan {ppd.nama} per bulan, kategori dan status, dengan ketepatan waktu "
            "penanganannya; tanpa data pelapor.",
            "s": s,
            "pesan": pesan,
            "pilihan_tahun": _pilihan_tahun(s.tahun, s.tahun_data),
            "tabel_kategori": _tabel(tabel[0]),
            "tabel_status": _tabel(tabel[1]),
            "tabel_waktu": _tabel(tabel[2]),
            "grafik_kategori": grafik[0],
            "grafik_status": grafik[1],
            "query": request.GET.urlencode(),
        },
    )


@tembolok.publik()
def pengaduan_unduh(request, pemda: str, pd: str, fmt: str):
    ppd = pd_publik(pemda, pd, "pengaduan")
    s, pesan = data.statistik_aduan(ppd, request.GET.get("tahun"))
    if pesan:
        raise Http404(pesan)
    return jawab_tabel(
        _tabel_aduan(s), f"pengaduan-{ppd.slug}-{s.tahun}", fmt, judul=f"Pengaduan {ppd.nama} {s.tahun}"
    )
