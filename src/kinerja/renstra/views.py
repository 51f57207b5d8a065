"""Pages of the plan: dashboard, cascade explorer, document tables, checker, versions."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe

from kinerja.core.grafik import batang_bertumpuk, batang_mendatar
from kinerja.core.izin import cakupan, wajib
from kinerja.core.tabel import ke_html
from kinerja.renstra import checks
from kinerja.renstra.ekspor import FORMAT, ekspor, nama_berkas
from kinerja.renstra.models import BarisCetak, Indikator, PlanNode, RenstraVersi
from kinerja.renstra.selectors import Rencana, muat_rencana, versi_utama
from kinerja.renstra.tabel_dokumen import DAFTAR_TABEL, buat_tabel, tahun_6_2
from kinerja.wilayah.models import Pemda, PerangkatDaerah

T = PlanNode.Tingkat
NOL = Decimal(0)
JENIS_UNDUH = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


def _versi(request, versi_id: int) -> RenstraVersi:
    """The version, when the user holds a role in its PD (the plan is read by all of them)."""
    v = get_object_or_404(RenstraVersi.objects.select_related("pd__pemda", "rpjmd"), pk=versi_id)
    wajib(cakupan(request.user).anggota_pd(v.pd_id), "Anda tidak mempunyai peran di perangkat daerah ini.")
    return v


def _konteks(versi: RenstraVersi, aktif: str, **lain) -> dict:
    return {
        "versi": versi,
        "pd": versi.pd,
        "pemda": versi.pd.pemda,
        "aktif": aktif,
        "bagian": "renstra",
        **lain,
    }


@login_required
def beranda(request):
    c = cakupan(request.user)
    pemda = list(Pemda.objects.prefetch_related("pd_set__renstra_set").order_by("nama"))
    for p in pemda:
        p.pd_boleh = [pd for pd in p.pd_set.all() if c.anggota_pd(pd.pk)]
    pemda = [p for p in pemda if p.pd_boleh]
    pd_semua = [pd for p in pemda for pd in p.pd_boleh]
    if len(pd_semua) == 1:
        pd = pd_semua[0]
        return redirect("renstra:dasbor_pd", pemda=pd.pemda.slug, pd=pd.slug)
    return render(request, "renstra/beranda.html", {"pemda": pemda, "ada_data": Pemda.objects.exists()})


@login_required
def dasbor_pd(request, pemda: str, pd: str):
    perangkat = get_object_or_404(PerangkatDaerah.objects.select_related("pemda"), pemda__slug=pemda, slug=pd)
    wajib(
        cakupan(request.user).anggota_pd(perangkat.pk), "Anda tidak mempunyai peran di perangkat daerah ini."
    )
    versi = versi_utama(perangkat)
    if versi is None:
        return render(request, "renstra/pd_kosong.html", {"pd": perangkat, "pemda": perangkat.pemda})
    return redirect("renstra:dasbor", versi=versi.pk)


@login_required
def dasbor(request, versi: int):
    v = _versi(request, versi)
    r = muat_rencana(v)
    tahun = v.tahun_rencana
    lokasi = r.lokasi
    seri = [(u.nama_pendek, [r.pagu_tahun(y, u.pk) for y in tahun]) for u in lokasi]
    tanpa_lokasi = [r.pagu_tahun(y, None) for y in tahun]
    if any(tanpa_lokasi):
        seri.append(("Tanpa lokasi", tanpa_lokasi))
    total_tahun = [r.pagu_tahun(y) for y in tahun]
    per_lokasi = [(nama, sum(nilai, NOL)) for nama, nilai in seri]
    tujuan = []
    for t in r.akar():
        sasaran = [
            {"node": s, "indikator": [_ringkas_indikator(r, i, tahun) for i in r.indikator.get(s.pk, [])]}
            for s in r.anak[t.pk]
        ]
        tujuan.append(
            {
                "node": t,
                "indikator": [_ringkas_indikator(r, i, tahun) for i in r.indikator.get(t.pk, [])],
                "sasaran": sasaran,
            }
        )
    misi_dukung = {n.misi_id for n in r.akar() if n.misi_id}
    return render(
        request,
        "renstra/dasbor.html",
        _konteks(
            v,
            "dasbor",
            r=r,
            tahun=tahun,
            tujuan=tujuan,
            misi_dukung=misi_dukung,
            total_tahun=list(zip(tahun, total_tahun, strict=True)),
            total_periode=sum(total_tahun, NOL),
            grafik_tahun=mark_safe(
                batang_bertumpuk(
                    [str(y) for y in tahun], seri, judul="Pagu indikatif per tahun menurut lokasi"
                )
            ),
            grafik_lokasi=mark_safe(
                batang_mendatar(
                    [n for n, _ in per_lokasi],
                    [x for _, x in per_lokasi],
                    judul=f"Pagu {tahun[0]}–{tahun[-1]} per lokasi",
                )
            ),
            per_lokasi=per_lokasi,
            jumlah_unsur=[(t.label.lower(), sum(1 for n in r.node if n.tingkat == t)) for t in T],
            versi_lain=v.pd.renstra_set.order_by("-id"),
        ),
    )


def _ringkas_indikator(r: Rencana, ind: Indikator, tahun: list[int]) -> dict:
    awal = r.awal.get((ind.pk, None))
    akhir = r.kondisi_akhir(ind, None, tahun)
    return {
        "ind": ind,
        "awal": awal.teks if awal else "",
        "target": [r.target_teks(ind, None, y) for y in tahun],
        "akhir": akhir.teks if akhir else "",
    }


@login_required
def ringkasan_temuan(request, versi: int):
    v = _versi(request, versi)
    temuan = checks.periksa(v)
    return render(
        request,
        "renstra/_ringkasan_temuan.html",
        {"versi": v, "hitung": checks.ringkas(temuan), "jumlah": len(temuan)},
    )


@login_required
def dokumen(request, versi: int):
    """The narrative parts of the Renstra: BAB II–V as kept in the data."""
    v = _versi(request, versi)
    naskah: dict[str, list] = defaultdict(list)
    for n in v.naskah_set.order_by("kunci", "urutan"):
        naskah[n.kunci].append(n)
    sasaran = list(
        PlanNode.objects.filter(versi=v, tingkat=T.SASARAN)
        .select_related("induk")
        .prefetch_related("strategi_set__kebijakan_set")
        .order_by("urutan")
    )
    return render(
        request,
        "renstra/dokumen.html",
        _konteks(
            v,
            "dokumen",
            naskah=naskah,
            permasalahan=list(v.permasalahan_set.order_by("nomor")),
            isu=list(v.isu_set.order_by("nomor")),
            sasaran=sasaran,
            misi=list(v.rpjmd.misi_set.all()) if v.rpjmd else [],
        ),
    )


# --- cascade explorer ----------------------------------------------------------------


@dataclass
class SimpulKaskade:
    node: PlanNode
    pagu: list[Decimal | None]
    baris_indikator: list[dict] = field(default_factory=list)
    anak: list[SimpulKaskade] = field(default_factory=list)


def susun_kaskade(
    r: Rencana, tahun: list[int], lokasi: str | int | None
) -> tuple[list[SimpulKaskade], list[Decimal]]:
    """The tree with pagu per year (restricted to one lokasi or not) and indicator rows."""

    def pagu(node, y):
        if lokasi == "semua":
            return r.pagu_node(node, y)
        return r.pagu_node(node, y, lokasi)

    def bangun(node) -> SimpulKaskade | None:
        anak = [a for a in (bangun(x) for x in r.anak[node.pk]) if a is not None]
        nilai = [pagu(node, y) for y in tahun]
        baris = []
        for ind in r.indikator.get(node.pk, []):
            per_lokasi = r.target_per_indikator.get(ind.pk, {})
            daftar_lok = [lok for lok in per_lokasi if lokasi == "semua" or lok == lokasi or lok is None]
            daftar_lok = sorted(
                daftar_lok, key=lambda x: [u.pk for u in r.lokasi].index(x) if x in r.unit else -1
            )
            for lok in daftar_lok:
                target = [r.target_teks(ind, lok, y) for y in tahun]
                if not any(target):
                    continue
                akhir = r.kondisi_akhir(ind, lok, tahun)
                baris.append(
                    {
                        "ind": ind,
                        "lokasi": r.lokasi_label(lok) if lok else "",
                        "awal": r.awal_teks(ind, lok),
                        "target": target,
                        "akhir": akhir.teks if akhir else "",
                    }
                )
        if (
            lokasi != "semua"
            and node.tingkat == T.SUB_KEGIATAN
            and not any(v is not None for v in nilai)
            and not baris
        ):
            return None
        if node.tingkat > T.SASARAN and not anak and not baris and not any(v is not None for v in nilai):
            return None
        return SimpulKaskade(node, nilai, baris, anak)

    akar = [a for a in (bangun(n) for n in r.akar()) if a is not None]
    total = [sum((x for a in akar for x in [a.pagu[i]] if x is not None), NOL) for i in range(len(tahun))]
    return akar, total


@login_required
def kaskade(request, versi: int):
    v = _versi(request, versi)
    r = muat_rencana(v)
    semua_tahun = v.tahun_rencana
    tahun_pilih = request.GET.get("tahun", "")
    tahun = [int(tahun_pilih)] if tahun_pilih.isdigit() and int(tahun_pilih) in semua_tahun else semua_tahun
    lokasi_pilih = request.GET.get("lokasi", "")
    lokasi: str | int | None = "semua"
    if lokasi_pilih.isdigit() and int(lokasi_pilih) in r.unit and r.unit[int(lokasi_pilih)].adalah_lokasi:
        lokasi = int(lokasi_pilih)
    elif lokasi_pilih == "tanpa":
        lokasi = None  # rows the plan gives no lokasi
    akar, total = susun_kaskade(r, tahun, lokasi)
    konteks = _konteks(
        v,
        "kaskade",
        akar=akar,
        tahun=tahun,
        total=total,
        total_semua=sum(total, NOL),
        semua_tahun=semua_tahun,
        tahun_pilih=tahun_pilih,
        lokasi_pilih=lokasi_pilih,
        daftar_lokasi=r.lokasi,
        nama_lokasi=r.unit[lokasi].nama
        if isinstance(lokasi, int)
        else ("tanpa lokasi" if lokasi is None else ""),
        ada_tanpa_lokasi=any(p.lokasi_id is None for p in r.pagu),
        boleh_ubah=v.status == RenstraVersi.Status.DRAFT and cakupan(request.user).ubah_rencana(v.pd_id),
    )
    templat = "renstra/_kaskade_pohon.html" if request.headers.get("HX-Request") else "renstra/kaskade.html"
    return render(request, templat, konteks)


# --- document tables -------------------------------------------------------------------


@login_required
def daftar_tabel(request, versi: int):
    v = _versi(request, versi)
    return render(request, "renstra/daftar_tabel.html", _konteks(v, "tabel", daftar=DAFTAR_TABEL.values()))


def _tahun_tabel(request, v: RenstraVersi, kode: str) -> int | None:
    if not DAFTAR_TABEL[kode].per_tahun:
        return None
    t = request.GET.get("tahun", "")
    if t.isdigit() and v.tahun_mulai <= int(t) <= v.tahun_akhir:
        return int(t)
    return v.tahun_rencana_awal


@login_required
def tabel(request, versi: int, kode: str):
    if kode not in DAFTAR_TABEL:
        raise Http404("Tabel tidak dikenal")
    v = _versi(request, versi)
    r = muat_rencana(v)
    tahun = _tahun_tabel(request, v, kode)
    t = buat_tabel(kode, r, tahun=tahun)
    format_tersedia = [f for f in FORMAT]
    return render(
        request,
        "renstra/tabel.html",
        _konteks(
            v,
            "tabel",
            kode=kode,
            jenis=DAFTAR_TABEL[kode],
            tabel=t,
            html=mark_safe(ke_html(t)),
            tahun=tahun,
            semua_tahun=v.tahun_rencana,
            format_tersedia=format_tersedia,
            tahun_6_2=tahun_6_2(r) if kode == "6.2" else None,
        ),
    )


@login_required
def unduh_tabel(request, versi: int, kode: str, fmt: str):
    if kode not in DAFTAR_TABEL or fmt not in FORMAT:
        raise Http404("Tabel atau format tidak dikenal")
    v = _versi(request, versi)
    r = muat_rencana(v)
    tahun = _tahun_tabel(request, v, kode)
    isi = ekspor(kode, r, format=fmt, tahun=tahun)
    jawab = HttpResponse(isi, content_type=JENIS_UNDUH[fmt])
    jawab["Content-Disposition"] = f'attachment; filename="{nama_berkas(kode, r, fmt, tahun)}"'
    return jawab


# --- checker ---------------------------------------------------------------------------


@login_required
def pemeriksaan(request, versi: int):
    v = _versi(request, versi)
    temuan = checks.periksa(v)
    hitung = checks.ringkas(temuan)
    per_kode = Counter(t.code for t in temuan)
    tingkat = request.GET.get("tingkat", "")
    kode = request.GET.get("kode", "")
    tampil = [t for t in temuan if (not tingkat or t.severity == tingkat) and (not kode or t.code == kode)]
    tabel_cetak = set(BarisCetak.objects.filter(sumber__versi=v).values_list("tabel", flat=True).distinct())
    for t in tampil:
        t.tautan = (
            reverse("renstra:baris_cetak", kwargs={"versi": v.pk, "tabel_kode": t.table})
            + "?baris="
            + ",".join(str(b) for b in t.source_lines)
            + (f"#b{t.source_lines[0]}" if t.source_lines else "")
            if t.table in tabel_cetak
            else ""
        )
    return render(
        request,
        "renstra/pemeriksaan.html",
        _konteks(
            v,
            "pemeriksaan",
            temuan=tampil,
            hitung=hitung,
            jumlah=len(temuan),
            per_kode=sorted(per_kode.items()),
            tingkat=tingkat,
            kode=kode,
            label_tingkat=checks.LABEL_TINGKAT,
        ),
    )


@login_required
def pemeriksaan_json(request, versi: int):
    v = _versi(request, versi)
    return JsonResponse(
        [t.sebagai_dict() for t in checks.periksa(v)], safe=False, json_dumps_params={"ensure_ascii": False}
    )


@login_required
def baris_cetak(request, versi: int, tabel_kode: str):
    v = _versi(request, versi)
    baris = list(
        BarisCetak.objects.filter(sumber__versi=v, tabel=tabel_kode)
        .select_related("sumber")
        .order_by("sumber_id", "urutan")
    )
    if not baris:
        raise Http404("Tidak ada baris tercetak untuk tabel ini")
    kolom: list[str] = []
    for b in baris:
        for k in b.sel:
            if k not in kolom:
                kolom.append(k)
    sorot = {int(x) for x in request.GET.get("baris", "").split(",") if x.isdigit()}
    return render(
        request,
        "renstra/baris_cetak.html",
        _konteks(
            v,
            "pemeriksaan",
            tabel_kode=tabel_kode,
            baris=baris,
            kolom=kolom,
            sorot=sorot,
            sumber=baris[0].sumber,
        ),
    )
