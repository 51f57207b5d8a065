"""Pages of the risk register: the register per PD × year, the risk's own page (RTP and quarterly
monitoring), its form, the heat map and the workbook."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kinerja.core.galat_formulir import GalatFormulir
from kinerja.monev.selectors import muat_evaluasi
from kinerja.monev.views import tahun_bawaan
from kinerja.monev.views_laporan import hanya_terverifikasi
from kinerja.renstra.models import RenstraVersi
from kinerja.renstra.selectors import muat_rencana, versi_utama
from kinerja.risiko import services
from kinerja.risiko.ekspor import buku_risiko
from kinerja.risiko.matriks import SKALA, matriks
from kinerja.risiko.models import RencanaTindak, Risiko
from kinerja.risiko.register import muat_register, peta_panas, usulan
from kinerja.wilayah.izin import cakupan, wajib
from kinerja.wilayah.models import PerangkatDaerah
from kinerja.wilayah.views import pd_atau_404

TOLAK_BACA = "Daftar risiko hanya untuk pengguna perangkat daerah ini."
JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _dasar(request, pd: int, tahun: int | None = None) -> tuple[PerangkatDaerah, RenstraVersi, int]:
    p = pd_atau_404(pd)
    wajib(cakupan(request.user).anggota_pd(p.pk), TOLAK_BACA)
    v = versi_utama(p)
    if v is None:
        raise Http404("Perangkat daerah ini belum mempunyai rencana.")
    if tahun is not None and tahun not in v.tahun_rencana:
        raise Http404(f"Tahun {tahun} di luar tahun rencana {v.tahun_rencana[0]}–{v.tahun_rencana[-1]}.")
    return p, v, tahun


def _konteks(request, p, v, tahun: int, aktif: str, **lain) -> dict:
    c = cakupan(request.user)
    return {
        "pd": p,
        "pemda": p.pemda,
        "versi": v,
        "tahun": tahun,
        "bagian": "monev",
        "aktif": aktif,
        "boleh_ubah": services.boleh_ubah(c, p.pk),
        "semua_tahun": v.tahun_rencana,
        "m": matriks(),
        **lain,
    }


@login_required
def kini(request, pd: int):
    p, v, _ = _dasar(request, pd)
    return redirect("risiko:daftar", pd=p.pk, tahun=tahun_bawaan(v))


@login_required
def daftar(request, pd: int, tahun: int):
    p, v, tahun = _dasar(request, pd, tahun)
    r = muat_rencana(v)
    reg = muat_register(r, tahun)
    c = cakupan(request.user)
    saran = None
    if c.baca_pd(p.pk):  # the capaian figures are for whoever reads the whole PD (as the capaian page)
        ev = muat_evaluasi(r, tahun, 4, hanya_terverifikasi=hanya_terverifikasi(request, p.pk))
        saran = usulan(ev, reg)
    ringkas = {}
    for b in reg.semua:
        ringkas[b.kini.pita.nama] = ringkas.get(b.kini.pita.nama, 0) + 1
    return render(
        request,
        "risiko/daftar.html",
        _konteks(
            request,
            p,
            v,
            tahun,
            "risiko",
            reg=reg,
            usulan=saran,
            ringkas=[(pt.nama, pt.kode, ringkas.get(pt.nama, 0)) for pt in reversed(matriks().pita)],
            sasaran_kosong=sum(1 for k in reg.kelompok if k.node.tingkat == 2 and not k.risiko),
        ),
    )


@login_required
def peta(request, pd: int, tahun: int):
    p, v, tahun = _dasar(request, pd, tahun)
    reg = muat_register(muat_rencana(v), tahun)
    awal = request.GET.get("level") == "awal"
    return render(
        request,
        "risiko/peta.html",
        _konteks(
            request,
            p,
            v,
            tahun,
            "risiko",
            baris=peta_panas(reg, kini=not awal),
            awal=awal,
            jumlah=len(reg.semua),
            dampak=[(d, matriks().dampak[d]) for d in SKALA],
        ),
    )


@login_required
def unduh(request, pd: int, tahun: int):
    p, v, tahun = _dasar(request, pd, tahun)
    isi = buku_risiko(muat_register(muat_rencana(v), tahun))
    jawab = HttpResponse(isi, content_type=JENIS_XLSX)
    jawab["Content-Disposition"] = f'attachment; filename="Daftar-Risiko-{p.slug}-{tahun}.xlsx"'
    return jawab


# --- the form -----------------------------------------------------------------------------------


def _pilihan_form(v: RenstraVersi) -> dict:
    r = muat_rencana(v)
    unsur = [n for n in r.node if n.tingkat in services.TINGKAT_RISIKO]
    kelompok = []
    for n in r.node:
        daftar = r.indikator.get(n.pk, [])
        if daftar:
            kelompok.append((n, daftar))
    return {"unsur": unsur, "kelompok_indikator": kelompok}


def _nilai_awal(request, risiko: Risiko | None) -> dict:
    if risiko is not None:
        nilai = {
            m: getattr(risiko, m) for m in ("pernyataan", "sebab", "uraian_dampak", "pemilik", "pengendalian")
        }
        nilai.update(node=risiko.node_id, kemungkinan=risiko.kemungkinan, dampak=risiko.dampak)
        nilai["indikator"] = [i.pk for i in risiko.indikator.all()]
        return nilai
    g = request.GET
    nilai = {m: g.get(m, "") for m in ("pernyataan", "sebab", "uraian_dampak", "pemilik", "pengendalian")}
    nilai.update(
        node=_int(g.get("node")), kemungkinan=_int(g.get("kemungkinan")), dampak=_int(g.get("dampak"))
    )
    nilai["indikator"] = [i for i in (_int(x) for x in g.getlist("indikator")) if i is not None]
    return nilai


def _int(v) -> int | None:
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _nilai_post(request) -> dict:
    d = {k: request.POST.get(k, "") for k in request.POST if k != "indikator"}
    d["indikator"] = request.POST.getlist("indikator")
    return d


def _form(request, pd: int, tahun: int, risiko: Risiko | None):
    p, v, tahun = _dasar(request, pd, tahun)
    wajib(services.boleh_ubah(cakupan(request.user), p.pk), services.TOLAK)
    galat, status = GalatFormulir(), 200
    if request.method == "POST":
        data = _nilai_post(request)
        try:
            x = services.simpan_risiko(pengguna=request.user, pd=p, tahun=tahun, data=data, risiko=risiko)
        except ValidationError as e:
            galat.tambah(e)
            status = 400
            nilai = {**data, "node": _int(data.get("node")), "kemungkinan": _int(data.get("kemungkinan"))}
            nilai["dampak"] = _int(data.get("dampak"))
            nilai["indikator"] = [i for i in (_int(x) for x in data["indikator"]) if i is not None]
        else:
            return redirect("risiko:rinci", pd=p.pk, tahun=tahun, pk=x.pk)
    else:
        nilai = _nilai_awal(request, risiko)
    return render(
        request,
        "risiko/form.html",
        _konteks(request, p, v, tahun, "risiko", risiko=risiko, nilai=nilai, galat=galat, **_pilihan_form(v)),
        status=status,
    )


@login_required
def baru(request, pd: int, tahun: int):
    return _form(request, pd, tahun, None)


def _risiko(p, tahun: int, pk: int) -> Risiko:
    return get_object_or_404(Risiko.objects.select_related("node", "pd"), pk=pk, pd=p, tahun=tahun)


@login_required
def ubah(request, pd: int, tahun: int, pk: int):
    return _form(request, pd, tahun, _risiko(pd_atau_404(pd), tahun, pk))


# --- one risk: its RTP and monitoring -------------------------------------------------------------


def _lv(p):
    return matriks().level(p.kemungkinan, p.dampak) if p is not None else None


def _halaman_rinci(request, p, v, tahun: int, x: Risiko, *, galat=None, bagian="", nilai=None, status=200):
    reg = muat_register(muat_rencana(v), tahun)
    b = next(b for b in reg.semua if b.risiko.pk == x.pk)
    unsur = next((k.node for k in reg.kelompok if any(y.risiko.pk == x.pk for y in k.risiko)), None)
    pantau = {q.triwulan: q for q in b.pemantauan}
    return render(
        request,
        "risiko/rinci.html",
        _konteks(
            request,
            p,
            v,
            tahun,
            "risiko",
            b=b,
            x=x,
            unsur=unsur,
            triwulan=[(q, pantau.get(q), _lv(pantau.get(q))) for q in range(1, 5)],
            status_rtp=RencanaTindak.Status.choices,
            galat=galat or GalatFormulir(),
            bagian_galat=bagian,
            nilai=nilai or {},
        ),
        status=status,
    )


@login_required
def rinci(request, pd: int, tahun: int, pk: int):
    p, v, tahun = _dasar(request, pd, tahun)
    return _halaman_rinci(request, p, v, tahun, _risiko(p, tahun, pk))


@login_required
@require_POST
def rtp(request, pd: int, tahun: int, pk: int):
    p, v, tahun = _dasar(request, pd, tahun)
    x = _risiko(p, tahun, pk)
    ada = _int(request.POST.get("rtp"))
    tindak = get_object_or_404(RencanaTindak, pk=ada, risiko=x) if ada is not None else None
    try:
        services.simpan_rtp(pengguna=request.user, risiko=x, data=request.POST, rtp=tindak)
    except ValidationError as e:
        bagian = f"rtp-{ada}" if ada is not None else "rtp"
        return _halaman_rinci(
            request,
            p,
            v,
            tahun,
            x,
            galat=GalatFormulir().tambah(e),
            bagian=bagian,
            nilai=request.POST,
            status=400,
        )
    return redirect(reverse("risiko:rinci", args=[p.pk, tahun, x.pk]) + "#rtp")


@login_required
@require_POST
def pantau(request, pd: int, tahun: int, pk: int):
    p, v, tahun = _dasar(request, pd, tahun)
    x = _risiko(p, tahun, pk)
    tw = _int(request.POST.get("triwulan")) or 0
    try:
        services.simpan_pemantauan(pengguna=request.user, risiko=x, triwulan=tw, data=request.POST)
    except ValidationError as e:
        return _halaman_rinci(
            request,
            p,
            v,
            tahun,
            x,
            galat=GalatFormulir().tambah(e),
            bagian=f"tw{tw}",
            nilai=request.POST,
            status=400,
        )
    return redirect(reverse("risiko:rinci", args=[p.pk, tahun, x.pk]) + "#pemantauan")


@login_required
@require_POST
def hapus(request, pd: int, tahun: int, pk: int):
    p, _v, tahun = _dasar(request, pd, tahun)
    x = _risiko(p, tahun, pk)
    wajib(services.boleh_ubah(cakupan(request.user), p.pk), services.TOLAK)
    if request.POST.get("yakin") != "1":
        galat = GalatFormulir().tambah("Centang persetujuan untuk menghapus risiko ini.", "yakin")
        return _halaman_rinci(request, p, _v, tahun, x, galat=galat, status=400)
    services.hapus_risiko(pengguna=request.user, risiko=x)
    return redirect("risiko:daftar", pd=p.pk, tahun=tahun)
