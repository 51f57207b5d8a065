"""RT Keren pages: the kecamatan summary, a kelurahan's RTs, one RT's year, a rembug warga, an
activity, the musrenbang lists and the pemda's settings. Figures of penyerapan and *berdaya* come
from ``hitung``; writes go through ``services`` (``views_isian``)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Q, Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe

from kinerja.core.galat_formulir import GalatFormulir
from kinerja.renstra.selectors import versi_utama
from kinerja.rtkeren import grafik, hitung, services, wewenang
from kinerja.rtkeren.models import Alokasi, Berkas, KegiatanRt, Musrenbang, RembugWarga, Usulan
from kinerja.rtkeren.sampel import TANDA, ada_data_demo
from kinerja.wilayah.izin import cakupan, wajib
from kinerja.wilayah.models import PerangkatDaerah, RukunTetangga, Unit
from kinerja.wilayah.views import pd_atau_404

S = Usulan.Status
TOLAK_BACA = "Halaman RT Keren ini hanya untuk pengguna kelurahan tersebut dan pengguna kecamatan."
# The plan's sub kegiatan that funds RT Keren in the Sananwetan plan: offered first on a new allocation.
SUB_KEGIATAN_BAWAAN = "Pemberdayaan Masyarakat di Kelurahan"
TOLAK_PD = "Ringkasan RT Keren kecamatan hanya untuk pengguna tingkat kecamatan dan pemda."


# --- helpers shared with views_isian -----------------------------------------------------------------


def konteks(pd: PerangkatDaerah, aktif: str, **lain) -> dict:
    return {"pd": pd, "pemda": pd.pemda, "bagian": "wilayah", "aktif": aktif, **lain}


def tahun_rencana(pd: PerangkatDaerah) -> list[int]:
    v = versi_utama(pd)
    if v is not None:
        return v.tahun_rencana
    hari_ini = dt.date.today().year
    return list(range(hari_ini - 4, hari_ini + 1))


def cek_tahun(request, pd: PerangkatDaerah, tahun: int):
    """None when ``tahun`` is one of the plan's years, else the Indonesian 404 page to return."""
    semua = tahun_rencana(pd)
    if tahun in semua:
        return None
    return render(
        request,
        "rtkeren/tahun_salah.html",
        konteks(pd, "", tahun=tahun, semua=semua, alamat=request.resolver_match.url_name),
        status=404,
    )


def unit_kelurahan(pd: PerangkatDaerah, unit_id: int) -> Unit:
    return get_object_or_404(
        Unit.objects.select_related("pd__pemda").exclude(jenis__in=[Unit.Jenis.KANTOR, Unit.Jenis.BAGIAN]),
        pk=unit_id,
        pd=pd,
    )


def rt_atau_404(pd: PerangkatDaerah, rt_id: int) -> RukunTetangga:
    return get_object_or_404(RukunTetangga.objects.select_related("unit__pd__pemda"), pk=rt_id, unit__pd=pd)


def wajib_baca(request, unit: Unit) -> bool:
    """Refuse a reader outside the unit; True when the user may also enter its records."""
    c = cakupan(request.user)
    wajib(wewenang.baca_unit(c, unit), TOLAK_BACA)
    return wewenang.isi_unit(c, unit)


def _kelurahan_pd(pd: PerangkatDaerah) -> list[Unit]:
    return [
        u
        for u in pd.unit_set.order_by("urutan", "nama")
        if u.jenis in (Unit.Jenis.KELURAHAN, Unit.Jenis.DESA)
    ]


# --- landing --------------------------------------------------------------------------------------------


@login_required
def beranda(request, pd: int):
    """The RT Keren entry of the menu: the kecamatan summary for PD-wide readers, else the user's own
    kelurahan; the newest year with allocations (else the plan's year nearest today)."""
    p = pd_atau_404(pd)
    c = cakupan(request.user)
    semua = tahun_rencana(p)
    terakhir = Alokasi.objects.filter(rt__unit__pd=p, tahun__in=semua).aggregate(m=Max("tahun"))["m"]
    tahun = terakhir or max([t for t in semua if t <= dt.date.today().year] or semua[:1])
    if wewenang.baca_pd(c, p.pk):
        return redirect("rtkeren:kecamatan", p.pk, tahun)
    milik = [u for u in hitung.kelurahan_pd(p) if wewenang.baca_unit(c, u)]
    wajib(bool(milik), TOLAK_BACA)
    return redirect("rtkeren:kelurahan", p.pk, tahun, milik[0].pk)


# --- kecamatan summary ----------------------------------------------------------------------------------


@login_required
def kecamatan(request, pd: int, tahun: int):
    p = pd_atau_404(pd)
    if salah := cek_tahun(request, p, tahun):
        return salah
    c = cakupan(request.user)
    wajib(wewenang.baca_pd(c, p.pk), TOLAK_PD)
    atur = hitung.pengaturan_pd(p)
    baris = hitung.keadaan_kelurahan(p, tahun)
    label = [k.nama_pendek for k in baris]
    berdaya = sum(1 for k in baris if k.berdaya)
    grafik_berdaya = grafik.batang_persen(
        label,
        [k.persen_rt_berdaya for k in baris],
        judul=f"Persentase RT berdaya per kelurahan {tahun}",
        ambang=atur.ambang_kelurahan,
    )
    grafik_serapan = grafik.batang_persen(
        label,
        [k.penyerapan for k in baris],
        judul=f"Penyerapan RT Keren per kelurahan {tahun}",
        ambang=atur.ambang_serapan,
    )
    return render(
        request,
        "rtkeren/kecamatan.html",
        konteks(
            p,
            "rtkeren",
            tahun=tahun,
            semua_tahun=tahun_rencana(p),
            atur=atur,
            baris=baris,
            jumlah={
                "rt": sum(k.jumlah_rt for k in baris),
                "rt_berdaya": sum(k.rt_berdaya for k in baris),
                "pagu": sum((k.pagu or 0) for k in baris),
                "realisasi": sum(k.realisasi for k in baris),
                "kelurahan_berdaya": berdaya,
            },
            grafik_berdaya=mark_safe(grafik_berdaya),
            grafik_serapan=mark_safe(grafik_serapan),
            boleh_atur=wewenang.atur(c, p),
            demo=ada_data_demo(p, tahun),
        ),
    )


# --- a kelurahan's RTs --------------------------------------------------------------------------------


@login_required
def kelurahan(request, pd: int, tahun: int, unit: int):
    p = pd_atau_404(pd)
    if salah := cek_tahun(request, p, tahun):
        return salah
    u = unit_kelurahan(p, unit)
    boleh_isi = wajib_baca(request, u)
    atur = hitung.pengaturan_pd(p)
    rt = hitung.keadaan_rt([u.pk], tahun)
    kel = next((k for k in hitung.keadaan_kelurahan(p, tahun) if k.unit_id == u.pk), None)
    titik_rt = {
        r.pk: r for r in RukunTetangga.objects.filter(unit=u, lintang__isnull=False, bujur__isnull=False)
    }
    titik = [
        (f"RT {k.nomor:03d}/RW {k.rw:03d}", titik_rt[k.rt_id].lintang, titik_rt[k.rt_id].bujur, k.berdaya)
        for k in rt
        if k.rt_id in titik_rt
    ]
    selisih = kel.selisih_pagu if kel is not None else None
    return render(
        request,
        "rtkeren/kelurahan.html",
        konteks(
            p,
            "rtkeren",
            tahun=tahun,
            semua_tahun=tahun_rencana(p),
            unit=u,
            atur=atur,
            rt=rt,
            kel=kel,
            selisih=selisih,
            selisih_mutlak=abs(selisih) if selisih is not None else None,
            peta=mark_safe(
                grafik.peta_rt(titik, judul=f"Sebaran RT {u.nama} menurut status berdaya {tahun}")
            ),
            boleh_isi=boleh_isi,
            baca_pd=wewenang.baca_pd(cakupan(request.user), p.pk),
            demo=ada_data_demo(p, tahun, [u.pk]),
        ),
    )


# --- one RT's year ----------------------------------------------------------------------------------------


def halaman_rt(request, p, tahun: int, r: RukunTetangga, *, galat=None, nilai=None, status: int = 200):
    boleh_isi = wajib_baca(request, r.unit)
    keadaan = next((k for k in hitung.keadaan_rt([r.unit_id], tahun) if k.rt_id == r.pk), None)
    rembug = list(
        RembugWarga.objects.filter(rt=r, tanggal__year=tahun).annotate(
            n_usulan=Count("usulan_set"), n_berkas=Count("berkas_set", distinct=True)
        )
    )
    usulan = list(
        Usulan.objects.filter(rembug__rt=r, tahun=tahun)
        .select_related("rembug", "musrenbang")
        .annotate(n_kegiatan=Count("kegiatan_set"))
        .order_by("rembug__tanggal", "rembug_id", "prioritas", "id")
    )
    kegiatan = list(
        KegiatanRt.objects.filter(usulan__rembug__rt=r, usulan__tahun=tahun)
        .select_related("usulan")
        .annotate(
            realisasi=Sum("realisasi_set__jumlah", filter=Q(realisasi_set__tanggal__year=tahun)),
            fisik=Max("realisasi_set__fisik"),
        )
    )
    alokasi = Alokasi.objects.select_related("sub_kegiatan").filter(rt=r, tahun=tahun).first()
    berkas = list(
        Berkas.objects.filter(
            Q(rembug__rt=r, rembug__tanggal__year=tahun)
            | Q(kegiatan__usulan__rembug__rt=r, kegiatan__usulan__tahun=tahun)
        ).select_related("rembug", "kegiatan")
    )
    nilai = nilai or {}
    pilihan = services.sub_kegiatan_pilihan(p) if boleh_isi else []
    bawaan = next((n.pk for n in pilihan if n.nama == SUB_KEGIATAN_BAWAAN), None)
    sub_terpilih = str(
        nilai.get("sub_kegiatan") or (alokasi.sub_kegiatan_id if alokasi else None) or bawaan or ""
    )
    return render(
        request,
        "rtkeren/rt.html",
        konteks(
            p,
            "rtkeren",
            tahun=tahun,
            unit=r.unit,
            rt=r,
            keadaan=keadaan,
            rembug=rembug,
            usulan=usulan,
            kegiatan=kegiatan,
            alokasi=alokasi,
            berkas=berkas,
            atur=hitung.pengaturan_pd(p),
            sub_kegiatan=pilihan,
            sub_terpilih=sub_terpilih,
            boleh_isi=boleh_isi,
            demo=any(x.notulen.startswith(TANDA) for x in rembug),
            galat=galat or GalatFormulir(),
            nilai=nilai,
        ),
        status=status,
    )


@login_required
def rt(request, pd: int, tahun: int, rt: int):
    p = pd_atau_404(pd)
    if salah := cek_tahun(request, p, tahun):
        return salah
    return halaman_rt(request, p, tahun, rt_atau_404(p, rt))


# --- a rembug warga ------------------------------------------------------------------------------------


def rembug_atau_404(p, tahun: int, pk: int) -> RembugWarga:
    return get_object_or_404(
        RembugWarga.objects.select_related("rt__unit__pd__pemda"), pk=pk, rt__unit__pd=p, tanggal__year=tahun
    )


def halaman_rembug(
    request, p, tahun: int, r: RembugWarga, *, galat=None, nilai=None, bagian_galat="", status=200
):
    boleh_isi = wajib_baca(request, r.rt.unit)
    return render(
        request,
        "rtkeren/rembug.html",
        konteks(
            p,
            "rtkeren",
            tahun=tahun,
            unit=r.rt.unit,
            rt=r.rt,
            rembug=r,
            usulan=list(r.usulan_set.annotate(n_kegiatan=Count("kegiatan_set")).order_by("prioritas", "id")),
            berkas=list(r.berkas_set.all()),
            bidang=Usulan.Bidang.choices,
            boleh_isi=boleh_isi,
            galat=galat or GalatFormulir(),
            bagian_galat=bagian_galat,
            nilai=nilai or {},
            batas_berkas=services.BATAS_BERKAS,
        ),
        status=status,
    )


@login_required
def rembug(request, pd: int, tahun: int, pk: int):
    p = pd_atau_404(pd)
    if salah := cek_tahun(request, p, tahun):
        return salah
    return halaman_rembug(request, p, tahun, rembug_atau_404(p, tahun, pk))


# --- an activity ------------------------------------------------------------------------------------------


def kegiatan_atau_404(p, tahun: int, pk: int) -> KegiatanRt:
    return get_object_or_404(
        KegiatanRt.objects.select_related("usulan__rembug__rt__unit__pd__pemda"),
        pk=pk,
        usulan__rembug__rt__unit__pd=p,
        usulan__tahun=tahun,
    )


def halaman_kegiatan(
    request, p, tahun: int, k: KegiatanRt, *, galat=None, nilai=None, bagian_galat="", status=200
):
    r = k.usulan.rembug.rt
    boleh_isi = wajib_baca(request, r.unit)
    realisasi = list(k.realisasi_set.select_related("dicatat_oleh").order_by("tanggal", "id"))
    return render(
        request,
        "rtkeren/kegiatan.html",
        konteks(
            p,
            "rtkeren",
            tahun=tahun,
            unit=r.unit,
            rt=r,
            kegiatan=k,
            realisasi=realisasi,
            jumlah=sum((x.jumlah for x in realisasi), 0),
            fisik=max((x.fisik for x in realisasi), default=None),
            keadaan=next((x for x in hitung.keadaan_rt([r.unit_id], tahun) if x.rt_id == r.pk), None),
            berkas=list(k.berkas_set.all()),
            lpj=KegiatanRt.Lpj.choices,
            boleh_isi=boleh_isi,
            galat=galat or GalatFormulir(),
            bagian_galat=bagian_galat,
            nilai=nilai or {},
            batas_berkas=services.BATAS_BERKAS,
            hari_ini=dt.date.today(),
        ),
        status=status,
    )


@login_required
def kegiatan(request, pd: int, tahun: int, pk: int):
    p = pd_atau_404(pd)
    if salah := cek_tahun(request, p, tahun):
        return salah
    return halaman_kegiatan(request, p, tahun, kegiatan_atau_404(p, tahun, pk))


@login_required
def berkas(request, pd: int, pk: int):
    """A photo or document, for whoever reads its RT."""
    p = pd_atau_404(pd)
    b = get_object_or_404(
        Berkas.objects.select_related("rembug__rt__unit", "kegiatan__usulan__rembug__rt__unit"), pk=pk
    )
    unit = b.rembug.rt.unit if b.rembug_id else b.kegiatan.usulan.rembug.rt.unit
    if unit.pd_id != p.pk:
        raise Http404("Berkas ini bukan milik perangkat daerah tersebut.")
    wajib_baca(request, unit)
    try:
        return FileResponse(
            b.berkas.open("rb"),
            as_attachment=b.jenis != Berkas.Jenis.FOTO,
            filename=b.berkas.name.rsplit("/", 1)[-1],
        )
    except FileNotFoundError:
        raise Http404("Berkas tidak ditemukan.") from None


# --- musrenbang ----------------------------------------------------------------------------------------


TINGKAT_KELURAHAN = (S.MUSRENBANG_KELURAHAN,)
DIBAHAS_KELURAHAN = (S.MUSRENBANG_KELURAHAN, S.MUSRENBANG_KECAMATAN, S.MASUK_RENJA, S.DITOLAK)


def halaman_musrenbang(request, p, tahun: int, unit: Unit | None, *, galat=None, nilai=None, status=200):
    """The musrenbang of a kelurahan (``unit``) or of the kecamatan: its record (date, participants)
    and the proposals before it, each with its decision."""
    c = cakupan(request.user)
    if unit is None:
        wajib(wewenang.baca_pd(c, p.pk), TOLAK_PD)
    else:
        wajib(wewenang.baca_unit(c, unit), TOLAK_BACA)
    boleh_putus = wewenang.seluruh_pd(c, p.pk)
    forum = list(Musrenbang.objects.filter(pd=p, tahun=tahun).select_related("unit"))
    qs = Usulan.objects.filter(rembug__rt__unit__pd=p, tahun=tahun).select_related(
        "rembug__rt__unit", "musrenbang"
    )
    if unit is None:
        qs = qs.filter(
            Q(status__in=[S.MUSRENBANG_KECAMATAN, S.MASUK_RENJA])
            | Q(status=S.DITOLAK, musrenbang__tingkat=Musrenbang.Tingkat.KECAMATAN)
        )
    else:
        qs = qs.filter(rembug__rt__unit=unit).filter(
            Q(status__in=[S.MUSRENBANG_KELURAHAN, S.MUSRENBANG_KECAMATAN, S.MASUK_RENJA])
            | Q(status=S.DITOLAK, musrenbang__isnull=False)
        )
    usulan = list(
        qs.order_by("rembug__rt__unit__urutan", "rembug__rt__rw", "rembug__rt__nomor", "prioritas", "id")
    )
    perlu = S.MUSRENBANG_KECAMATAN if unit is None else S.MUSRENBANG_KELURAHAN
    usulan.sort(key=lambda u: u.status != perlu)  # those awaiting this forum's decision first
    nilai = nilai or {}
    for u in usulan:
        u.medan = f"alasan-{u.pk}"
        u.alasan_isian = nilai.get(u.medan, "")
    ini = next((m for m in forum if m.unit_id == (unit.pk if unit else None)), None)
    kelurahan = hitung.kelurahan_pd(p)
    per_kelurahan = []
    if unit is None:
        hitungan = {
            x["rembug__rt__unit"]: x
            for x in Usulan.objects.filter(rembug__rt__unit__pd=p, tahun=tahun)
            .values("rembug__rt__unit")
            .annotate(
                diteruskan=Count(
                    "id",
                    filter=Q(status__in=DIBAHAS_KELURAHAN) & ~Q(status=S.DITOLAK, musrenbang__isnull=True),
                ),
                diterima=Count(
                    "id",
                    filter=Q(status__in=[S.MUSRENBANG_KECAMATAN, S.MASUK_RENJA])
                    | Q(status=S.DITOLAK, musrenbang__tingkat=Musrenbang.Tingkat.KECAMATAN),
                ),
                renja=Count("id", filter=Q(status=S.MASUK_RENJA)),
            )
        }
        forum_unit = {m.unit_id: m for m in forum}
        per_kelurahan = [(k, forum_unit.get(k.pk), hitungan.get(k.pk, {})) for k in kelurahan]
    return render(
        request,
        "rtkeren/musrenbang.html",
        konteks(
            p,
            "musrenbang",
            tahun=tahun,
            semua_tahun=tahun_rencana(p),
            unit=unit,
            kelurahan=kelurahan,
            forum=ini,
            per_kelurahan=per_kelurahan,
            peserta=sum(m.peserta for m in forum),
            usulan=usulan,
            perlu=perlu,
            boleh_putus=boleh_putus,
            galat=galat or GalatFormulir(),
            nilai=nilai,
        ),
        status=status,
    )


@login_required
def musrenbang(request, pd: int, tahun: int):
    p = pd_atau_404(pd)
    if salah := cek_tahun(request, p, tahun):
        return salah
    return halaman_musrenbang(request, p, tahun, None)


@login_required
def musrenbang_beranda(request, pd: int):
    """The Musrenbang entry of the menu: the kecamatan list, or the user's own kelurahan's."""
    p = pd_atau_404(pd)
    c = cakupan(request.user)
    semua = tahun_rencana(p)
    tahun = max([t for t in semua if t <= dt.date.today().year] or semua[:1])
    terakhir = Usulan.objects.filter(rembug__rt__unit__pd=p, tahun__in=semua).aggregate(m=Max("tahun"))["m"]
    tahun = terakhir or tahun
    if wewenang.baca_pd(c, p.pk):
        return redirect("rtkeren:musrenbang", p.pk, tahun)
    milik = [u for u in hitung.kelurahan_pd(p) if wewenang.baca_unit(c, u)]
    wajib(bool(milik), TOLAK_BACA)
    return redirect("rtkeren:musrenbang_kelurahan", p.pk, tahun, milik[0].pk)


@login_required
def musrenbang_kelurahan(request, pd: int, tahun: int, unit: int):
    p = pd_atau_404(pd)
    if salah := cek_tahun(request, p, tahun):
        return salah
    return halaman_musrenbang(request, p, tahun, unit_kelurahan(p, unit))


def alamat_rt(p, tahun: int, r: RukunTetangga) -> str:
    return reverse("rtkeren:rt", args=[p.pk, tahun, r.pk])
