"""Pages of the plan: dashboard, cascade explorer, document tables, checker, versions."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from kinerja.core.grafik import batang_bertumpuk, batang_mendatar
from kinerja.core.label import label_kunci, label_tingkat_cetak
from kinerja.core.parameter import bilangan, id_atau_none, pilihan
from kinerja.core.tabel import ke_html
from kinerja.renstra import periksa as pemeriksa
from kinerja.renstra import tanda
from kinerja.renstra.ekspor import FORMAT, ekspor, nama_berkas
from kinerja.renstra.kaskade import kaskade_html, ratakan_kaskade, susun_kaskade
from kinerja.renstra.models import BarisCetak, Indikator, PlanNode, RenstraVersi, TandaTemuan
from kinerja.renstra.selectors import Rencana, baca_versi, muat_rencana, versi_utama
from kinerja.renstra.tabel_dokumen import DAFTAR_TABEL, buat_tabel, tahun_6_2
from kinerja.wilayah.izin import cakupan, wajib
from kinerja.wilayah.models import PerangkatDaerah
from kinerja.wilayah.selectors import kelurahan_pd, ringkasan_wilayah, tahun_penduduk

T = PlanNode.Tingkat
NOL = Decimal(0)
JENIS_UNDUH = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


def _versi(request, versi_id: int) -> RenstraVersi:
    """The version, when the user holds a role in its PD (the plan is read by all of them)."""
    v = baca_versi(versi_id)
    if v is None:
        raise Http404(f"No {RenstraVersi._meta.object_name} matches the given query.")
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
def dasbor_pd(request, pemda: str, pd: str):
    perangkat = get_object_or_404(PerangkatDaerah.objects.select_related("pemda"), pemda__slug=pemda, slug=pd)
    wajib(
        cakupan(request.user).anggota_pd(perangkat.pk), "Anda tidak mempunyai peran di perangkat daerah ini."
    )
    versi = versi_utama(perangkat)
    if versi is None:
        return render(
            request,
            "renstra/pd_kosong.html",
            {
                "pd": perangkat,
                "pemda": perangkat.pemda,
                "boleh_buat": cakupan(request.user).ubah_rencana(perangkat.pk),
            },
        )
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
            # Area, population and density from the region's records, latest year.
            wilayah=ringkasan_wilayah(kelurahan_pd(v.pd_id), rt=False),
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
    temuan = pemeriksa.periksa(v)
    return render(
        request,
        "renstra/_ringkasan_temuan.html",
        {"versi": v, "hitung": pemeriksa.ringkas(temuan), "jumlah": len(temuan)},
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


@login_required
def kaskade(request, versi: int):
    v = _versi(request, versi)
    r = muat_rencana(v)
    semua_tahun = v.tahun_rencana
    tahun_pilih = request.GET.get("tahun", "")
    t = (
        pilihan(
            request,
            "tahun",
            bawah=min(semua_tahun),
            atas=max(semua_tahun),
            bawaan=0,
            label="Tahun",
            yang_ditampilkan="semua tahun",
        )
        if semua_tahun
        else 0
    )
    tahun = [t] if t in semua_tahun else semua_tahun
    if t not in semua_tahun:
        tahun_pilih = ""
    lokasi_pilih = request.GET.get("lokasi", "")
    lokasi: str | int | None = "semua"
    lok_id = id_atau_none(lokasi_pilih)
    if lok_id in r.unit and r.unit[lok_id].adalah_lokasi:
        lokasi = lok_id
    elif lokasi_pilih == "tanpa":
        lokasi = None  # rows the plan gives no lokasi
    akar, total = susun_kaskade(r, tahun, lokasi)
    nama_lokasi = (
        r.unit[lokasi].nama if isinstance(lokasi, int) else ("tanpa lokasi" if lokasi is None else "")
    )
    boleh_ubah = v.status == RenstraVersi.Status.DRAFT and cakupan(request.user).ubah_rencana(v.pd_id)
    konteks = _konteks(
        v,
        "kaskade",
        baris_html=mark_safe(
            kaskade_html(
                ratakan_kaskade(akar), tahun=tahun, versi_id=v.pk, nama_lokasi=nama_lokasi, ubah=boleh_ubah
            )
        ),
        tahun=tahun,
        total=total,
        total_semua=sum(total, NOL),
        semua_tahun=semua_tahun,
        tahun_pilih=tahun_pilih,
        lokasi_pilih=lokasi_pilih,
        daftar_lokasi=r.lokasi,
        nama_lokasi=nama_lokasi,
        ada_tanpa_lokasi=any(p.lokasi_id is None for p in r.pagu),
        boleh_susun=cakupan(request.user).ubah_rencana(v.pd_id),
    )
    templat = "renstra/_kaskade_pohon.html" if request.headers.get("HX-Request") else "renstra/kaskade.html"
    return render(request, templat, konteks)


# --- document tables -------------------------------------------------------------------


@login_required
def daftar_tabel(request, versi: int):
    v = _versi(request, versi)
    return render(request, "renstra/daftar_tabel.html", _konteks(v, "tabel", daftar=DAFTAR_TABEL.values()))


def _tahun_wilayah(v: RenstraVersi) -> list[int]:
    """Years with population records of the PD's kelurahan, latest first."""
    return tahun_penduduk(u.pk for u in kelurahan_pd(v.pd_id))


def _tahun_tabel(request, v: RenstraVersi, kode: str, *, unduhan: bool = False) -> int | None:
    if DAFTAR_TABEL[kode].tahun_wilayah:
        ada = _tahun_wilayah(v)
        if not ada:
            return None
        return pilihan(
            request, "tahun", bawah=ada[-1], atas=ada[0], bawaan=ada[0], label="Tahun", unduhan=unduhan
        )
    if not DAFTAR_TABEL[kode].per_tahun:
        return None
    return pilihan(
        request,
        "tahun",
        bawah=v.tahun_mulai,
        atas=v.tahun_akhir,
        bawaan=v.tahun_rencana_awal,
        label="Tahun",
        unduhan=unduhan,
    )


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
            semua_tahun=_tahun_wilayah(v) if DAFTAR_TABEL[kode].tahun_wilayah else v.tahun_rencana,
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
    tahun = _tahun_tabel(request, v, kode, unduhan=True)
    isi = ekspor(kode, r, format=fmt, tahun=tahun)
    jawab = HttpResponse(isi, content_type=JENIS_UNDUH[fmt])
    jawab["Content-Disposition"] = f'attachment; filename="{nama_berkas(kode, r, fmt, tahun)}"'
    return jawab


# --- checker ---------------------------------------------------------------------------


def _tautan_cetak(v: RenstraVersi, temuan: list) -> None:
    tabel_cetak = set(BarisCetak.objects.filter(sumber__versi=v).values_list("tabel", flat=True).distinct())
    for t in temuan:
        t.tautan = (
            reverse("renstra:baris_cetak", kwargs={"versi": v.pk, "tabel_kode": t.table})
            + "?baris="
            + ",".join(str(b) for b in t.source_lines)
            + (f"#b{t.source_lines[0]}" if t.source_lines else "")
            if t.table in tabel_cetak
            else ""
        )


def _halaman_pemeriksaan(
    request, v: RenstraVersi, temuan: list, saring: QueryDict, *, isian: dict | None = None, status=200
):
    """The checker page filtered by ``saring``; ``isian`` keeps a refused mark's typed note in its form."""
    hilang = tanda.terapkan_tanda(temuan)
    per_kode = Counter(t.code for t in temuan)
    per_status = Counter(t.status for t in temuan)
    tingkat = saring.get("tingkat", "")
    kode = saring.get("kode", "")
    status_pilih = saring.get("status", "")
    tampil = [
        t
        for t in temuan
        if (not tingkat or t.severity == tingkat)
        and (not kode or t.code == kode)
        and (not status_pilih or t.status == status_pilih)
    ]
    _tautan_cetak(v, tampil)
    return render(
        request,
        "renstra/pemeriksaan.html",
        _konteks(
            v,
            "pemeriksaan",
            temuan=tampil,
            hitung=pemeriksa.ringkas(temuan),
            jumlah=len(temuan),
            per_kode=[(k, pemeriksa.nama_kode(k), n) for k, n in sorted(per_kode.items())],
            per_status=[(s, tanda.LABEL_STATUS[s], per_status[s]) for s in tanda.LABEL_STATUS],
            tingkat=tingkat,
            kode=kode,
            status_pilih=status_pilih,
            label_tingkat=pemeriksa.LABEL_TINGKAT,
            label_status=tanda.LABEL_STATUS,
            pilihan_tanda=TandaTemuan.Status.choices,
            boleh_tandai=cakupan(request.user).ubah_rencana(v.pd_id),
            hilang=hilang,
            isian=isian or {},
            kembali=saring.urlencode(),
        ),
        status=status,
    )


@login_required
def pemeriksaan(request, versi: int):
    v = _versi(request, versi)
    return _halaman_pemeriksaan(request, v, pemeriksa.periksa(v), request.GET)


@login_required
@require_POST
def tandai_temuan(request, versi: int):
    """Mark one finding 'ditangani' or 'diterima' (or open again), with a note."""
    v = _versi(request, versi)
    wajib(cakupan(request.user).ubah_rencana(v.pd_id), "Hanya perencana yang dapat menandai temuan.")
    temuan = pemeriksa.periksa(v)
    tanda.beri_sidik(temuan)
    sidik = request.POST.get("sidik", "")
    catatan = request.POST.get("catatan", "")
    try:
        m, berubah = tanda.tandai_temuan(
            pengguna=request.user,
            versi=v,
            temuan=temuan,
            sidik=sidik,
            status=request.POST.get("status", ""),
            catatan=catatan,
        )
    except ValidationError as e:
        pesan = "Tanda tidak disimpan: " + " ".join(e.messages)
        if catatan.strip() and not any(t.sidik == sidik for t in temuan):
            pesan += f" Catatan yang Anda tulis: «{catatan.strip()}»"  # no form row left to keep it in
        messages.error(request, pesan)
        isian = {sidik: {"status": request.POST.get("status", ""), "catatan": catatan}}
        saring = QueryDict(request.POST.get("kembali", ""))
        return _halaman_pemeriksaan(request, v, temuan, saring, isian=isian, status=400)
    nama = pemeriksa.nama_kode(m.kode).lower()
    if berubah:
        messages.success(request, f"Temuan {nama} ditandai: {m.get_status_display().lower()}.")
    else:
        messages.info(request, f"Tanda temuan {nama} tidak berubah.")
    kembali = request.POST.get("kembali", "")
    alamat = reverse("renstra:pemeriksaan", kwargs={"versi": v.pk}) + (f"?{kembali}" if kembali else "")
    return redirect(f"{alamat}#t-{m.sidik}")


@login_required
def pemeriksaan_json(request, versi: int):
    v = _versi(request, versi)
    temuan = pemeriksa.periksa(v)
    tanda.terapkan_tanda(temuan)
    return JsonResponse(
        [tanda.sebagai_dict(t) for t in temuan], safe=False, json_dumps_params={"ensure_ascii": False}
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
    # The row kind is shown once: drop a printed 'tingkat' cell that only repeats it.
    if all(b.sel.get("tingkat", b.tingkat) == b.tingkat for b in baris) and "tingkat" in kolom:
        kolom.remove("tingkat")
    for b in baris:
        b.isi = [b.sel.get(k, "") for k in kolom]
        b.label_tingkat = label_tingkat_cetak(b.tingkat)
    sorot = {n for x in request.GET.get("baris", "").split(",") if (n := bilangan(x)) is not None}
    return render(
        request,
        "renstra/baris_cetak.html",
        _konteks(
            v,
            "pemeriksaan",
            tabel_kode=tabel_kode,
            baris=baris,
            kolom=[(k, label_kunci(k)) for k in kolom],
            ada_tingkat=any(b.tingkat for b in baris),
            sorot=sorot,
            sumber=baris[0].sumber,
        ),
    )
