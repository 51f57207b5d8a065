"""Public pages of the Profil and RT Keren sections, their CSV/XLSX downloads and the public photos.

Every page is the same for every reader (cached by ``tembolok``); a download is the page's tables
from the same structure (``portal.unduh``).
"""

from __future__ import annotations

from decimal import Decimal

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe

from kinerja.core import grafik
from kinerja.core.tabel import ke_html
from kinerja.portal import profil as prf
from kinerja.portal import rt_keren as rtk
from kinerja.portal import tembolok, unduh
from kinerja.portal.pd import pd_publik
from kinerja.rtkeren import grafik as grafik_rt
from kinerja.wilayah.models import Unit


def _format(format_: str | None) -> None:
    if format_ is not None and format_ not in unduh.JENIS:
        raise Http404("Format unduhan tidak dikenal: pilih csv atau xlsx.")


def _html(tabel) -> dict:
    """What ``portal/profil_tabel.html`` shows of a table: its HTML, title and notes."""
    return {
        "html": mark_safe(ke_html(tabel)),
        "judul": tabel.judul,
        "catatan": tabel.catatan,
        "kode": tabel.kode,
    }


def _args(pd, *lain) -> list:
    return [pd.pemda.slug, pd.slug, *lain]


# --- Profil ----------------------------------------------------------------------------------------


@tembolok.publik()
def profil(request, pemda: str, pd: str, format_: str | None = None):
    _format(format_)
    p = pd_publik(pemda, pd, "profil")
    w = prf.wilayah_pd(p)
    org = prf.organisasi(p)
    tabel_w = prf.tabel_wilayah(w, p, lambda u: reverse("publik:profil_kelurahan", args=_args(p, u.pk)))
    tabel_o = prf.tabel_organisasi(org, p)
    if format_:
        return unduh.jawab_tabel([tabel_w, tabel_o], "profil", format_, judul=f"Profil {p.nama}")
    kepadatan = [b for b in w.baris if b.kepadatan is not None]
    return render(
        request,
        "portal/profil.html",
        {
            "ppd": p,
            "bagian_aktif": "profil",
            "judul": "Profil",
            "deskripsi": f"Wilayah, penduduk, RT/RW, visi, misi dan organisasi {p.nama}, {p.pemda.nama}.",
            "w": w,
            "org": org,
            "rencana": prf.rencana(p),
            "tabel_wilayah": _html(tabel_w),
            "tabel_organisasi": _html(tabel_o),
            "grafik_kepadatan": mark_safe(
                grafik.batang_bertumpuk(
                    [b.unit.nama_pendek for b in kepadatan],
                    [("Kepadatan (jiwa/km²)", [Decimal(b.kepadatan) for b in kepadatan])],
                    judul="Kepadatan penduduk per kelurahan (jiwa/km²)",
                    satuan="jiwa/km²",
                )
            )
            if len(kepadatan) > 1
            else "",
            "unduh": {f: reverse("publik:profil_unduh", args=_args(p, f)) for f in unduh.JENIS},
        },
    )


def _kelurahan(p, unit: int) -> Unit:
    u = Unit.objects.filter(pk=unit, pd=p, jenis__in=(Unit.Jenis.KELURAHAN, Unit.Jenis.DESA)).first()
    if u is None:
        raise Http404(f"Kelurahan dengan nomor {unit} tidak ada di {p.nama}.")
    return u


@tembolok.publik()
def profil_kelurahan(request, pemda: str, pd: str, unit: int, format_: str | None = None):
    _format(format_)
    p = pd_publik(pemda, pd, "profil")
    u = _kelurahan(p, unit)
    w = prf.wilayah_pd(p, [u]).baris[0]
    riwayat = prf.penduduk_per_tahun(u)
    org = prf.organisasi(p)
    pegawai = next(b for b in org["baris"] if b.unit.pk == u.pk)
    tabel_p = prf.tabel_penduduk(u, riwayat)
    if format_:
        return unduh.jawab_tabel(tabel_p, f"profil-{u.nama_pendek.lower()}", format_)
    dengan_jumlah = [x for x in riwayat if x.jumlah is not None]
    gambar = ""
    if len(dengan_jumlah) >= 2:
        nilai = [Decimal(x.jumlah) for x in dengan_jumlah]
        gambar = grafik.garis(
            [str(x.tahun) for x in dengan_jumlah],
            [("Jumlah penduduk", nilai)],
            judul=f"Jumlah penduduk {u.nama} per tahun",
            bawah_sumbu=Decimal(0),
            atas_sumbu=max(nilai) * Decimal("1.1"),
        )
    return render(
        request,
        "portal/profil_kelurahan.html",
        {
            "ppd": p,
            "bagian_aktif": "profil",
            "judul": f"Profil {u.nama}",
            "deskripsi": f"Luas, penduduk, RW/RT dan pegawai {u.nama}, {p.nama}.",
            "unit": u,
            "w": w,
            "riwayat": riwayat,
            "tabel_penduduk": _html(tabel_p) if riwayat else "",
            "grafik_penduduk": mark_safe(gambar),
            "pegawai": pegawai,
            "status": prf.STATUS,
            "org": org,
            "lain": [x for x in prf.wilayah.kelurahan_pd(p.pk) if x.pk != u.pk],
            "unduh": {
                f: reverse("publik:profil_kelurahan_unduh", args=_args(p, u.pk, f)) for f in unduh.JENIS
            },
        },
    )


# --- RT Keren ---------------------------------------------------------------------------------------


def _konteks_rt(pesan: str, p, tahun: int, semua: list[int], **lain) -> dict:
    return {
        "ppd": p,
        "bagian_aktif": "rtkeren",
        "tahun": tahun,
        "semua_tahun": semua,
        "pesan_tahun": pesan,
        **lain,
    }


def _tautan_unduh(nama: str, args: list, tahun: int) -> dict[str, str]:
    return {f: f"{reverse(nama, args=[*args, f])}?tahun={tahun}" for f in unduh.JENIS}


@tembolok.publik()
def rtkeren(request, pemda: str, pd: str, format_: str | None = None):
    _format(format_)
    p = pd_publik(pemda, pd, "rtkeren")
    tahun, semua, pesan = rtk.baca_tahun(request, p, unduh=format_ is not None)
    ada = rtk.ada_catatan(p)
    k = rtk.kecamatan(p, tahun)
    tabel = rtk.tabel_kecamatan(
        k, p, lambda u: f"{reverse('publik:rtkeren_kelurahan', args=_args(p, u))}?tahun={tahun}"
    )
    if format_:
        return unduh.jawab_tabel(tabel, f"rt-keren-{tahun}", format_)
    label = [b.nama_pendek for b in k.baris]
    return render(
        request,
        "portal/rtkeren.html",
        _konteks_rt(
            pesan,
            p,
            tahun,
            semua,
            judul=f"RT Keren {tahun}",
            deskripsi=f"Usulan, alokasi, penyerapan dan RT berdaya Program RT Keren per kelurahan di {p.nama}.",
            ada=ada,
            k=k,
            j=k.jumlah,
            tabel=_html(tabel),
            grafik_berdaya=mark_safe(
                grafik_rt.batang_persen(
                    label,
                    [b.persen_rt_berdaya for b in k.baris],
                    judul=f"Persentase RT berdaya per kelurahan {tahun}",
                    ambang=k.atur.ambang_kelurahan,
                )
            ),
            grafik_serapan=mark_safe(
                grafik_rt.batang_persen(
                    label,
                    [b.penyerapan for b in k.baris],
                    judul=f"Penyerapan RT Keren per kelurahan {tahun}",
                    ambang=k.atur.ambang_serapan,
                )
            ),
            unduh=_tautan_unduh("publik:rtkeren_unduh", _args(p), tahun),
        ),
    )


@tembolok.publik()
def rtkeren_kelurahan(request, pemda: str, pd: str, unit: int, format_: str | None = None):
    _format(format_)
    p = pd_publik(pemda, pd, "rtkeren")
    u = rtk.kelurahan_atau_404(p, unit)
    tahun, semua, pesan = rtk.baca_tahun(request, p, unduh=format_ is not None)
    k = rtk.kelurahan(p, u, tahun)
    tabel = rtk.tabel_kelurahan(
        k, lambda r: f"{reverse('publik:rtkeren_rt', args=_args(p, u.pk, r))}?tahun={tahun}"
    )
    if format_:
        return unduh.jawab_tabel(tabel, f"rt-keren-{u.nama_pendek.lower()}-{tahun}", format_)
    return render(
        request,
        "portal/rtkeren_kelurahan.html",
        _konteks_rt(
            pesan,
            p,
            tahun,
            semua,
            judul=f"RT Keren {u.nama} {tahun}",
            deskripsi=f"Rembug warga, usulan, alokasi, penyerapan dan status berdaya setiap RT di {u.nama}.",
            unit=u,
            k=k,
            s=k.ringkas,
            tabel=_html(tabel),
            grafik_serapan=mark_safe(
                grafik_rt.batang_persen(
                    [r.nama.replace("/RW ", "/") for r in k.rt],
                    [r.penyerapan for r in k.rt],
                    judul=f"Penyerapan RT Keren per RT {u.nama} {tahun}",
                    ambang=k.atur.ambang_serapan,
                )
            )
            if k.rt
            else "",
            unduh=_tautan_unduh("publik:rtkeren_kelurahan_unduh", _args(p, u.pk), tahun),
        ),
    )


@tembolok.publik()
def rtkeren_rt(request, pemda: str, pd: str, unit: int, rt: int, format_: str | None = None):
    _format(format_)
    p = pd_publik(pemda, pd, "rtkeren")
    u = rtk.kelurahan_atau_404(p, unit)
    r = rtk.rt_atau_404(u, rt)
    tahun, semua, pesan = rtk.baca_tahun(request, p, unduh=format_ is not None)
    t = rtk.tahun_rt(p, u, r, tahun)
    rembug, usulan, kegiatan = rtk.tabel_rt(t)
    nama = rtk.nama_rt(r.rw, r.nomor)
    if format_:
        return unduh.jawab_tabel(
            [rembug, usulan, kegiatan], f"rt-keren-{u.nama_pendek.lower()}-rt{r.nomor:03d}-{tahun}", format_
        )
    return render(
        request,
        "portal/rtkeren_rt.html",
        _konteks_rt(
            pesan,
            p,
            tahun,
            semua,
            judul=f"{nama} {u.nama}: RT Keren {tahun}",
            deskripsi=f"Rembug warga, usulan, alokasi, kegiatan dan penyerapan {nama} {u.nama} tahun {tahun}.",
            unit=u,
            rt=r,
            nama_rt=nama,
            t=t,
            tabel_rembug=_html(rembug),
            tabel_usulan=_html(usulan),
            tabel_kegiatan=_html(kegiatan),
            foto=[(f, reverse("publik:rtkeren_foto", args=_args(p, f.pk))) for f in t.foto],
            atur=rtk.hitung.pengaturan_pd(p),
            definisi=rtk.definisi(p.pemda_id),
            unduh=_tautan_unduh("publik:rtkeren_rt_unduh", _args(p, u.pk, r.pk), tahun),
        ),
    )


@tembolok.publik()
def rtkeren_foto(request, pemda: str, pd: str, pk: int):
    """A photo marked public, of this PD, JPEG or PNG (by name and by content), streamed."""
    p = pd_publik(pemda, pd, "rtkeren")
    b = rtk.foto_pd(p).filter(pk=pk).first()
    tidak_ada = Http404("Foto ini tidak ada atau tidak diterbitkan.")
    if b is None:
        raise tidak_ada
    nama = b.berkas.name.rsplit("/", 1)[-1]
    jenis = rtk.JENIS_FOTO.get("." + nama.rsplit(".", 1)[-1].lower()) if "." in nama else None
    if jenis is None:
        raise tidak_ada
    try:
        f = b.berkas.open("rb")
    except (FileNotFoundError, OSError):
        raise tidak_ada from None
    awal = rtk.AWALAN_FOTO[jenis]
    if f.read(len(awal)) != awal:
        f.close()
        raise tidak_ada
    f.seek(0)
    jawab = FileResponse(f, content_type=jenis, as_attachment=False, filename=nama)
    jawab["X-Content-Type-Options"] = "nosniff"
    jawab["Cache-Control"] = "public, max-age=600"
    return jawab
