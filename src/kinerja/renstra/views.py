"""Pages of the plan: dashboard, cascade explorer, document tables, checker, versions."""

from __future__ import annotations

import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from kinerja.core import angka, audit
from kinerja.core.grafik import batang_bertumpuk, batang_mendatar
from kinerja.core.izin import cakupan, wajib
from kinerja.core.parameter import bilangan, id_atau_none
from kinerja.core.tabel import ke_html
from kinerja.renstra import checks, services
from kinerja.renstra.ekspor import FORMAT, ekspor, nama_berkas
from kinerja.renstra.impor import ImporGagal, baca_buku_kerja
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
    t = bilangan(tahun_pilih)
    tahun = [t] if t in semua_tahun else semua_tahun
    lokasi_pilih = request.GET.get("lokasi", "")
    lokasi: str | int | None = "semua"
    lok_id = id_atau_none(lokasi_pilih)
    if lok_id in r.unit and r.unit[lok_id].adalah_lokasi:
        lokasi = lok_id
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
    t = bilangan(request.GET.get("tahun"), bawah=v.tahun_mulai, atas=v.tahun_akhir)
    return t if t is not None else v.tahun_rencana_awal


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
    sorot = {n for x in request.GET.get("baris", "").split(",") if (n := bilangan(x)) is not None}
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


# --- versions and import ------------------------------------------------------------------


@login_required
def daftar_versi(request, versi: int):
    v = _versi(request, versi)
    semua = list(v.pd.renstra_set.select_related("asal", "dibuat_oleh").order_by("-id"))
    jumlah = defaultdict(int)
    for n in PlanNode.objects.filter(versi__in=semua).values_list("versi_id", flat=True):
        jumlah[n] += 1
    for x in semua:
        x.jumlah_unsur = jumlah[x.pk]
    return render(
        request,
        "renstra/versi.html",
        _konteks(
            v,
            "versi",
            semua=semua,
            boleh_impor=cakupan(request.user).ubah_rencana(v.pd_id),
            status_pilihan=RenstraVersi.Status.choices,
        ),
    )


@login_required
@require_POST
def impor(request, versi: int):
    v = _versi(request, versi)
    wajib(cakupan(request.user).ubah_rencana(v.pd_id), "Hanya perencana yang dapat mengimpor rencana.")
    berkas = request.FILES.get("berkas")
    kembali = reverse("renstra:versi", kwargs={"versi": v.pk})
    if berkas is None:
        messages.error(request, "Pilih berkas XLSX lebih dulu.")
        return redirect(kembali)
    if not berkas.name.lower().endswith(".xlsx"):
        messages.error(request, f"'{berkas.name}' bukan berkas .xlsx.")
        return redirect(kembali)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / Path(berkas.name).name
        with path.open("wb") as f:
            for potong in berkas.chunks():
                f.write(potong)
        try:
            hasil = baca_buku_kerja(
                path, pd=v.pd, dari=v, nama=request.POST.get("nama", "").strip(), pengguna=request.user
            )
        except ImporGagal as e:
            return render(
                request,
                "renstra/impor_gagal.html",
                _konteks(v, "versi", galat=e.galat, nama_berkas=berkas.name),
                status=400,
            )
    messages.success(
        request,
        f"Versi baru '{hasil.versi.nama}' dibuat: {hasil.node} unsur rencana, {hasil.indikator} indikator, "
        f"{hasil.target} target, {hasil.pagu} pagu.",
    )
    return redirect("renstra:dasbor", versi=hasil.versi.pk)


# --- revisions: copy, compare, edit -------------------------------------------------------------


@login_required
@require_POST
def salin(request, versi: int):
    """A draft Perubahan Renstra copied from this version."""
    from kinerja.renstra.salin import buat_perubahan

    v = _versi(request, versi)
    wajib(
        cakupan(request.user).ubah_rencana(v.pd_id), "Hanya perencana yang dapat membuat Perubahan Renstra."
    )
    try:
        baru = buat_perubahan(versi=v, nama=request.POST.get("nama", ""), pengguna=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("renstra:versi", versi=v.pk)
    messages.success(
        request, f"'{baru.nama}' dibuat sebagai draf. Ubah unsur, indikator, target dan pagunya di Kaskade."
    )
    return redirect("renstra:kaskade", versi=baru.pk)


@login_required
@require_POST
def status_versi(request, versi: int):
    v = _versi(request, versi)
    wajib(cakupan(request.user).ubah_rencana(v.pd_id), "Hanya perencana yang dapat mengubah status versi.")
    try:
        services.ubah_status_versi(
            pengguna=request.user,
            versi=v,
            status=request.POST.get("status", ""),
            alasan=request.POST.get("alasan", ""),
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"Status '{v.nama}' sekarang {v.get_status_display().lower()}.")
    return redirect("renstra:versi", versi=v.pk)


def _versi_pembanding(request, v: RenstraVersi) -> RenstraVersi | None:
    lain = request.GET.get("dengan", "")
    if lain:
        return get_object_or_404(
            RenstraVersi.objects.select_related("pd__pemda"), pk=id_atau_none(lain), pd_id=v.pd_id
        )
    return (
        RenstraVersi.objects.filter(pk=v.asal_id).select_related("pd__pemda").first() if v.asal_id else None
    )


@login_required
def beda(request, versi: int):
    """Differences between this version and another of the same PD (its source by default)."""
    from kinerja.renstra.beda import bandingkan, tabel_beda

    v = _versi(request, versi)
    lama = _versi_pembanding(request, v)
    semua = list(v.pd.renstra_set.exclude(pk=v.pk).order_by("-id"))
    konteks = _konteks(v, "versi", lama=lama, semua=semua)
    if lama is not None:
        r_lama, r_baru = muat_rencana(lama), muat_rencana(v)
        daftar = bandingkan(r_lama, r_baru)
        t = tabel_beda(r_lama, r_baru, daftar)
        konteks.update(
            tabel=t,
            html=mark_safe(ke_html(t)),
            hitung=sorted(Counter(b.bagian for b in daftar).items()),
            jumlah=len(daftar),
        )
    return render(request, "renstra/beda.html", konteks)


@login_required
def unduh_beda(request, versi: int):
    from kinerja.core.xlsx import ke_xlsx
    from kinerja.renstra.beda import tabel_beda

    v = _versi(request, versi)
    lama = _versi_pembanding(request, v)
    if lama is None:
        raise Http404("Pilih versi pembanding")
    isi = ke_xlsx(tabel_beda(muat_rencana(lama), muat_rencana(v)))
    jawab = HttpResponse(isi, content_type=JENIS_UNDUH["xlsx"])
    jawab["Content-Disposition"] = f'attachment; filename="Perbedaan-{lama.pk}-{v.pk}-{v.pd.slug}.xlsx"'
    return jawab


def _lokasi_editor(v: RenstraVersi) -> list[tuple[int | None, str]]:
    return [(None, "Tanpa lokasi (seluruh PD)")] + [
        (u.pk, u.nama_pendek) for u in v.pd.unit_set.order_by("urutan", "nama") if u.adalah_lokasi
    ]


def _kisi(v: RenstraVersi, nilai: dict, tahun: list[int]) -> list[dict]:
    return [
        {"lok": lok, "nama": nama, "sel": [{"tahun": y, "nilai": nilai.get((lok, y), "")} for y in tahun]}
        for lok, nama in _lokasi_editor(v)
    ]


def _baca_kisi(request, awalan: str, v: RenstraVersi, tahun: list[int]) -> dict:
    hasil = {}
    for lok, _ in _lokasi_editor(v):
        for y in tahun:
            kunci = f"{awalan}-{lok or 0}-{y}"
            if kunci in request.POST:
                hasil[(lok, y)] = (request.POST.get(f"asli-{kunci}", ""), request.POST.get(kunci, ""))
    return hasil


def _simpan_editor(request, v: RenstraVersi, objek, **isian) -> bool:
    """Save an editor form through the service; the outcome goes to the user as a message."""
    try:
        jumlah = services.ubah_rencana(
            pengguna=request.user, versi=v, objek=objek, alasan=request.POST.get("alasan", ""), **isian
        )
    except services.BentrokRencana as e:
        messages.error(
            request,
            "Tidak disimpan: nilai berikut sudah diubah orang lain sejak halaman dibuka — "
            + "; ".join(e.pesan)
            + ". Periksa nilai terbaru lalu ulangi.",
        )
    except ValidationError as e:
        messages.error(request, "Tidak disimpan: " + " ".join(e.messages))
    else:
        messages.success(request, f"{jumlah} nilai diubah." if jumlah else "Tidak ada yang berubah.")
        return True
    return False


@login_required
def ubah_unsur(request, versi: int, node: int):
    """Edit an element of a draft version: code and name, its indicators' list, its pagu."""
    v = _versi(request, versi)
    wajib(cakupan(request.user).ubah_rencana(v.pd_id), "Hanya perencana yang dapat mengubah rencana.")
    n = get_object_or_404(PlanNode, pk=node, versi=v)
    tahun = v.tahun_rencana
    if request.method == "POST":
        bidang = {
            k: (request.POST.get(f"asli-{k}", ""), request.POST.get(k, ""))
            for k in services.BIDANG_NODE
            if k in request.POST
        }
        pagu = _baca_kisi(request, "pagu", v, tahun) if n.tingkat == T.SUB_KEGIATAN else None
        if _simpan_editor(request, v, n, bidang=bidang, pagu=pagu):
            return redirect("renstra:ubah_unsur", versi=v.pk, node=n.pk)
    pagu = {(p.lokasi_id, p.tahun): angka.format_rupiah(p.jumlah) for p in n.pagu_set.all()}
    return render(
        request,
        "renstra/ubah_unsur.html",
        _konteks(
            v,
            "kaskade",
            node=n,
            tahun=tahun,
            kisi=_kisi(v, pagu, tahun) if n.tingkat == T.SUB_KEGIATAN else [],
            indikator=list(n.indikator_set.order_by("urutan")),
            boleh=v.status == RenstraVersi.Status.DRAFT,
            riwayat=audit.riwayat(n),
        ),
    )


@login_required
def ubah_indikator(request, versi: int, indikator: int):
    """Edit an indicator of a draft version: its rules and its targets per lokasi and year."""
    v = _versi(request, versi)
    wajib(cakupan(request.user).ubah_rencana(v.pd_id), "Hanya perencana yang dapat mengubah rencana.")
    ind = get_object_or_404(Indikator.objects.select_related("node"), pk=indikator, node__versi=v)
    tahun = v.tahun_rencana
    if request.method == "POST":
        bidang = {
            k: (request.POST.get(f"asli-{k}", ""), request.POST.get(k, ""))
            for k in services.BIDANG_INDIKATOR
            if k in request.POST
        }
        if _simpan_editor(request, v, ind, bidang=bidang, target=_baca_kisi(request, "target", v, tahun)):
            return redirect("renstra:ubah_indikator", versi=v.pk, indikator=ind.pk)
    target = {(t.lokasi_id, t.tahun): t.teks for t in ind.target_set.all()}
    return render(
        request,
        "renstra/ubah_indikator.html",
        _konteks(
            v,
            "kaskade",
            ind=ind,
            tahun=tahun,
            kisi=_kisi(v, target, tahun),
            pilihan={
                "arah": Indikator.Arah.choices,
                "jenis_nilai": Indikator.JenisNilai.choices,
                "agregasi_akhir": Indikator.Agregasi.choices,
                "agregasi_triwulan": Indikator._meta.get_field("agregasi_triwulan").choices,
            },
            boleh=v.status == RenstraVersi.Status.DRAFT,
            riwayat=audit.riwayat(ind),
        ),
    )
