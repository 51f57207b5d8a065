"""Pages of the reports built from the data: E.81, E.80, LKjIP and the running tables, capaian,
the Perjanjian Kinerja with its signing, the Renja, and the entry rules of the indicators.

Every report page can leave unverified values out ("hanya yang terverifikasi"): a switch in
the query string, on by default for the PD's and units' heads, who read what was approved.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from kinerja.core.angka import format_angka
from kinerja.core.galat_formulir import GalatFormulir
from kinerja.core.models import Peran
from kinerja.core.parameter import id_atau_none
from kinerja.core.tabel import ke_html
from kinerja.monev import aturan as at
from kinerja.monev import capaian as cp
from kinerja.monev import pk as pk_mod
from kinerja.monev import rencana_aksi as ra
from kinerja.monev import renja as renja_mod
from kinerja.monev import services
from kinerja.monev import verifikasi as vf
from kinerja.monev.ekspor import FORMAT_LAPORAN, ekspor_laporan, nama_berkas_laporan, tabel_laporan
from kinerja.monev.laporan import DAFTAR_LAPORAN, ada_demo, r_nama_unit
from kinerja.monev.models import AturanIsian, PerjanjianKinerja
from kinerja.monev.otomatis import daftar_dihitung
from kinerja.monev.selectors import baca_aturan, muat_evaluasi, pohon_unit, renja_tahun
from kinerja.monev.views import _konteks, _tahun, _triwulan, _unit_pd, _versi
from kinerja.renstra.models import Indikator, PlanNode, RenstraVersi
from kinerja.renstra.selectors import muat_rencana
from kinerja.wilayah.izin import cakupan, wajib

T = PlanNode.Tingkat
JENIS_UNDUH = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


def hanya_terverifikasi(request, pd_id: int) -> bool:
    """The "hanya yang terverifikasi" switch: from the query string, else on for heads who do not verify."""
    nilai = request.GET.get("terverifikasi")
    if nilai in ("0", "1"):
        return nilai == "1"
    c = cakupan(request.user)
    return any(p.jenis == Peran.Jenis.PIMPINAN for p in c.peran) and not c.verifikasi(pd_id)


def _laporan_dasar(request, versi: int, tahun: int, kode: str, *, unduhan: bool = False):
    if kode not in DAFTAR_LAPORAN:
        raise Http404("Laporan tidak dikenal")
    v = _versi(versi)
    tahun = _tahun(v, tahun)
    c = cakupan(request.user)
    unit_id = request.GET.get("unit", "")
    unit = None
    if kode == "E.81" and unit_id:
        unit = _unit_pd(v, id_atau_none(unit_id))
        wajib(c.baca_unit(unit), "Anda tidak berwenang melihat laporan unit ini.")
    else:
        wajib(
            c.baca_pd(v.pd_id),
            "Laporan seluruh perangkat daerah hanya untuk pimpinan, perencana dan verifikator.",
        )
    return v, tahun, unit, _triwulan(request, unduhan=unduhan)


@login_required
def laporan(request, versi: int, tahun: int, kode: str):
    v, tahun, unit, tw = _laporan_dasar(request, versi, tahun, kode)
    hanya = hanya_terverifikasi(request, v.pd_id)
    r = muat_rencana(v)
    try:
        daftar = tabel_laporan(
            kode, r, tahun=tahun, triwulan=tw, unit_id=unit.pk if unit else None, hanya_terverifikasi=hanya
        )
    except LookupError as e:
        daftar, kosong = [], str(e)
    else:
        kosong = ""
    c = cakupan(request.user)
    return render(
        request,
        "monev/laporan.html",
        _konteks(
            v,
            "laporan",
            kode=kode,
            jenis=DAFTAR_LAPORAN[kode],
            tahun=tahun,
            tw=tw,
            unit=unit,
            hanya=hanya,
            semua_tahun=v.tahun_rencana,
            tabel=[(t, mark_safe(ke_html(t))) for t in daftar],
            kosong=kosong,
            dihitung=daftar_dihitung(r, tahun, tw, unit.pk if unit else None)
            if kode in ("E.81", "E.80", "LKJIP") and daftar
            else [],
            format_tersedia=FORMAT_LAPORAN,
            daftar_laporan=DAFTAR_LAPORAN.values(),
            # A unit's own user (lurah, operator) reads its unit's E.81 only: the bar offers nothing else.
            seluruh_pd=c.baca_pd(v.pd_id),
            unit_pilihan=[u for u in v.pd.unit_set.all() if u.adalah_lokasi and c.baca_unit(u)]
            if kode == "E.81"
            else [],
        ),
    )


@login_required
def unduh_laporan(request, versi: int, tahun: int, kode: str, fmt: str):
    v, tahun, unit, tw = _laporan_dasar(request, versi, tahun, kode, unduhan=True)
    if fmt not in FORMAT_LAPORAN:
        raise Http404("Format tidak dikenal")
    hanya = hanya_terverifikasi(request, v.pd_id)
    r = muat_rencana(v)
    try:
        isi = ekspor_laporan(
            kode,
            r,
            tahun=tahun,
            triwulan=tw,
            format=fmt,
            unit_id=unit.pk if unit else None,
            hanya_terverifikasi=hanya,
        )
    except LookupError as e:
        raise Http404(str(e)) from e
    jawab = HttpResponse(isi, content_type=JENIS_UNDUH[fmt])
    nama = nama_berkas_laporan(kode, r, tahun=tahun, triwulan=tw, format=fmt, hanya_terverifikasi=hanya)
    jawab["Content-Disposition"] = f'attachment; filename="{nama}"'
    return jawab


# --- Perjanjian Kinerja ---------------------------------------------------------------------


ISIAN_TEKEN = ("tempat", "nama_pihak_kedua", "jabatan_pihak_kedua", "nip_pihak_pertama", "nip_pihak_kedua")


@login_required
def pk(request, versi: int, tahun: int):
    """The Perjanjian Kinerja of a year as a signable document; signed by the PD's head after a confirm step."""
    v = _versi(versi)
    tahun = _tahun(v, tahun)
    c = cakupan(request.user)
    wajib(c.baca_pd(v.pd_id), "Perjanjian Kinerja hanya untuk pimpinan, perencana dan verifikator.")
    ev = muat_evaluasi(v, tahun, 4)
    kini = pk_mod.isi_pk(ev, request.user)
    teken = (
        PerjanjianKinerja.objects.filter(pd=v.pd, tahun=tahun)
        .select_related("ditandatangani_oleh", "pd__pemda")
        .first()
    )
    boleh_teken = c.tandatangan_pk(v.pd_id) and teken is None
    isian = {
        "tempat": kini.tempat,
        "nama_pihak_kedua": kini.pihak_kedua["nama"],
        "jabatan_pihak_kedua": kini.pihak_kedua["jabatan"],
        "nip_pihak_pertama": kini.pihak_pertama["nip"],
        "nip_pihak_kedua": "",
    }
    galat = GalatFormulir({k: k for k in ISIAN_TEKEN})
    if request.method == "POST":
        wajib(
            c.tandatangan_pk(v.pd_id),
            "Hanya pimpinan perangkat daerah yang menandatangani Perjanjian Kinerja.",
        )
        if request.POST.get("konfirmasi") != "1":
            # Signing is never one click: the confirm step says what is signed, where and when.
            return redirect(reverse("monev:pk", args=[v.pk, tahun]) + "?tandatangan=1#konfirmasi-teken")
        kirim = {k: request.POST.get(k) for k in ISIAN_TEKEN}  # a field not sent keeps the data's value
        isian = {k: isian[k] if x is None else x for k, x in kirim.items()}
        try:
            pk_mod.tandatangani(pengguna=request.user, versi=v, tahun=tahun, isi=kini, **kirim)
        except ValidationError as e:
            if PerjanjianKinerja.objects.filter(pd=v.pd, tahun=tahun).exists():
                messages.error(request, " ".join(e.messages))
                return redirect("monev:pk", versi=v.pk, tahun=tahun)
            galat.tambah(e)  # shown in the confirm step, each by its field, with everything as typed
        else:
            messages.success(request, f"Perjanjian Kinerja {tahun} ditandatangani.")
            return redirect("monev:pk", versi=v.pk, tahun=tahun)
    hari = timezone.localdate()
    dok = pk_mod.isi_tertanda(teken) if teken else kini
    return render(
        request,
        "monev/pk.html",
        _konteks(
            v,
            "laporan",
            kode="PK",
            tahun=tahun,
            semua_tahun=v.tahun_rencana,
            tabel=[(t, mark_safe(ke_html(t))) for t in pk_mod.tabel_pk(ev, dok, teken)],
            dok=dok,
            sebutan_pertama=pk_mod.SEBUTAN_PERTAMA,
            sebutan_kedua=pk_mod.SEBUTAN_KEDUA,
            teken=teken,
            beda=pk_mod.beda_sejak_teken(teken, kini) if teken else [],
            keadaan=pk_mod.keadaan(teken),
            boleh_teken=boleh_teken,
            konfirmasi=boleh_teken and (request.GET.get("tandatangan") == "1" or bool(galat)),
            isian=isian,
            galat=galat,
            hari_ini=hari,
            tahun_lewat=tahun < hari.year,
            renja=ev.renja,
            daftar_laporan=DAFTAR_LAPORAN.values(),
        ),
    )


# --- capaian -----------------------------------------------------------------------------------


def _pohon_capaian(ev, tahun: int) -> list[dict]:
    """Each plan node with the mean capaian of its rows and of everything below, anggaran and absorption."""
    r = ev.r
    per_node: dict[int, list] = {}
    for b in ev.baris:
        per_node.setdefault(b.node.pk, []).append(b)
    pohon = []
    for n in r.node:
        rata = ev.rollup(n)
        milik = per_node.get(n.pk, [])
        sendiri = [b for b in milik if b.ind is not None and b.target is not None]
        pagu = ev.dasar_rp.jumlah(n)  # the year's anggaran: APBD in force, else Renja or pagu indikatif
        rp = [b for b in milik if b.ada_rp]
        if n.tingkat < T.SUB_KEGIATAN:
            real = rp[0].rp_realisasi if rp else None
        else:
            real = sum((b.rp_realisasi or Decimal(0) for b in rp), Decimal(0)) if rp else None
        keturunan = r.keturunan(n)
        jumlah_baris = len(sendiri) + sum(
            1 for k in keturunan for b in per_node.get(k.pk, []) if b.ind is not None and b.target is not None
        )
        pohon.append(
            {
                "node": n,
                "rata": rata,
                "predikat": cp.predikat(rata),
                "sendiri": sendiri,
                "jumlah_baris": jumlah_baris,
                "pagu": pagu,
                "realisasi": real,
                "serapan": cp.serapan(real, pagu),
            }
        )
    return pohon


def _ringkasan_unit(ev, unit) -> dict:
    """The capaian page's figures from one reporting unit's rows only (a Lurah's or operator's view)."""
    pohon = pohon_unit(ev, unit.pk)
    akar = [p for p in pohon if p["node"].induk_id is None]
    pagu = sum((p["pagu"] for p in akar if p["pagu"] is not None), Decimal(0))
    real = sum((p["realisasi"] for p in akar if p["realisasi"] is not None), Decimal(0))
    return {
        "pohon": pohon,
        "per_unit": [x for x in ev.per_unit() if x[0].pk == unit.pk],
        "rata": ev.rata_capaian([b for b in ev.baris_indikator if b.unit_id == unit.pk]),
        "serapan": cp.serapan(real, pagu),
    }


@login_required
def capaian(request, versi: int, tahun: int):
    """Capaian rolled up the tree and per unit, every figure with its formula and its verification.

    ``?unit=`` keeps to one reporting unit: the view of a Lurah or an operator, who read
    their own unit but not the whole PD (they are sent there when they omit it).
    """
    v = _versi(versi)
    tahun = _tahun(v, tahun)
    c = cakupan(request.user)
    tw = _triwulan(request)
    unit_id = request.GET.get("unit", "")
    unit = _unit_pd(v, id_atau_none(unit_id)) if unit_id else None
    if unit is not None:
        wajib(c.baca_unit(unit), "Anda tidak berwenang melihat capaian unit ini.")
    elif not c.baca_pd(v.pd_id):
        milik = c.unit_utama(v.pd_id)
        wajib(
            milik is not None,
            "Ringkasan capaian seluruh perangkat daerah hanya untuk pimpinan, perencana dan verifikator.",
        )
        return redirect(reverse("monev:capaian", args=[v.pk, tahun]) + f"?unit={milik}&triwulan={tw}")
    hanya = hanya_terverifikasi(request, v.pd_id)
    ev = muat_evaluasi(v, tahun, tw, hanya_terverifikasi=hanya)
    nama_unit = r_nama_unit(ev.r)
    if unit is None:
        ringkas = {
            "pohon": _pohon_capaian(ev, tahun),
            "per_unit": ev.per_unit(),
            "rata": ev.rata_capaian(),
            "serapan": ev.rata_serapan(),
        }
    else:
        ringkas = _ringkasan_unit(ev, unit)
    per_unit = []
    for u, n, t, r_ in ringkas["per_unit"]:
        st = ev.status_laporan(u.pk, tw)
        per_unit.append((u, n, t, r_, cp.predikat(r_), st, vf.KODE[st]))
    return render(
        request,
        "monev/capaian.html",
        _konteks(
            v,
            "capaian",
            tahun=tahun,
            tw=tw,
            hanya=hanya,
            semua_tahun=v.tahun_rencana,
            unit_pilih=unit,
            pohon=ringkas["pohon"],
            per_unit=per_unit,
            rata=ringkas["rata"],
            predikat=cp.predikat(ringkas["rata"]),
            serapan=ringkas["serapan"],
            kalimat=ev.kalimat_verifikasi(unit.pk if unit else None),
            keterangan={
                b: vf.rincian(b.verifikasi_kinerja.belum, nama_unit, tahun_ini=tahun)
                for b in ev.baris_indikator
                if b.verifikasi_kinerja.belum
            },
            demo=ada_demo(ev),
            dasar=ev.dasar,
            predikat_pita=cp.PREDIKAT,
            unit=nama_unit,
            pk_belum=c.tandatangan_pk(v.pd_id)
            and not PerjanjianKinerja.objects.filter(pd=v.pd, tahun=tahun).exists(),
        ),
    )


# --- Renja ---------------------------------------------------------------------------------------


@login_required
def renja(request, versi: int, tahun: int):
    v = _versi(versi)
    tahun = _tahun(v, tahun)
    c = cakupan(request.user)
    wajib(c.baca_pd(v.pd_id))
    if request.method == "POST":
        wajib(c.ubah_rencana(v.pd_id), "Hanya perencana yang membuat Renja.")
        from kinerja.renstra.salin import buat_renja

        try:
            baru = buat_renja(versi=v, tahun=tahun, pengguna=request.user)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(
                request, f"'{baru.nama}' dibuat sebagai draf: ubah target dan pagunya di halaman versi itu."
            )
        return redirect("monev:renja", versi=v.pk, tahun=tahun)
    semua = list(
        RenstraVersi.objects.filter(asal=v, jenis=RenstraVersi.Jenis.RENJA).order_by("-tahun_mulai", "-id")
    )
    pilih = renja_tahun(v, tahun)
    rj = renja_mod.muat_renja(muat_rencana(v), tahun)
    tabel = [(t, mark_safe(ke_html(t))) for t in renja_mod.tabel_renja(rj)]
    return render(
        request,
        "monev/renja.html",
        _konteks(
            v,
            "renja",
            tahun=tahun,
            semua_tahun=v.tahun_rencana,
            semua=semua,
            pilih=pilih,
            tabel=tabel,
            boleh_buat=c.ubah_rencana(v.pd_id) and not any(x.tahun_mulai == tahun for x in semua),
        ),
    )


# --- entry rules --------------------------------------------------------------------------------


@login_required
def aturan(request, versi: int):
    """The entry rules of the version's hand-filled indicators: defaults from their kind, and overrides."""
    v = _versi(versi)
    c = cakupan(request.user)
    wajib(c.baca_pd(v.pd_id), "Aturan isian hanya untuk pimpinan, perencana dan verifikator.")
    setelan = baca_aturan(muat_rencana(v))
    daftar = []
    for ind in (
        Indikator.objects.filter(node__versi=v, sumber_data=Indikator.SumberData.MANUAL)
        .exclude(jenis_nilai=Indikator.JenisNilai.PREDIKAT)
        .select_related("node")
        .order_by("node__urutan", "urutan")
    ):
        s = setelan.get(ind.pk)
        daftar.append(
            {
                "ind": ind,
                "setelan": s,
                "aturan": at.aturan_nilai(
                    jenis_nilai=ind.jenis_nilai, satuan=ind.satuan, nama=ind.nama, setelan=s
                ),
            }
        )
    return render(
        request,
        "monev/aturan.html",
        _konteks(
            v,
            "matriks",
            daftar=daftar,
            pilihan_bulat=AturanIsian.Bulat.choices,
            boleh_ubah=c.ubah_rencana(v.pd_id),
        ),
    )


@login_required
@require_POST
def ubah_aturan(request, versi: int, indikator: int):
    v = _versi(versi)
    wajib(cakupan(request.user).ubah_rencana(v.pd_id), "Hanya perencana yang mengubah aturan isian.")
    ind = get_object_or_404(Indikator.objects.select_related("node__versi__pd"), pk=indikator, node__versi=v)
    try:
        services.ubah_aturan_isian(
            pengguna=request.user,
            indikator=ind,
            bilangan_bulat=request.POST.get("bilangan_bulat", ""),
            boleh_lebih_100=request.POST.get("boleh_lebih_100") == "1",
        )
    except ValidationError as e:
        messages.error(request, f"{ind.nama}: " + " ".join(e.messages))
    else:
        messages.success(request, f"Aturan isian '{ind.nama}' disimpan.")
    return redirect(reverse("monev:aturan", args=[v.pk]) + f"#ind{ind.pk}")


# --- rencana aksi (quarterly targets) ----------------------------------------------------------------


def _isian_aksi(post) -> dict[str, dict[int, str]]:
    """The typed quarterly targets of the form: fields "t-<indikator>-<lokasi or 0>-<quarter>"."""
    isian: dict[str, dict[int, str]] = {}
    for nama, teks in post.items():
        bagian = nama.split("-")
        if len(bagian) != 4 or bagian[0] != "t" or not all(x.isdigit() for x in bagian[1:]):
            continue
        q = int(bagian[3])
        if q in ra.TRIWULAN_AKSI:
            isian.setdefault(f"{bagian[1]}-{bagian[2]}", {})[q] = teks
    return isian


def _pilih_lokasi(request, r) -> int | None:
    """The rows shown: those without a lokasi (PD-wide), or those of one lokasi (?lokasi=)."""
    lok = id_atau_none(request.GET.get("lokasi", "")) if request.GET.get("lokasi") else None
    if lok is not None and lok not in r.unit:
        raise Http404("Lokasi tidak dikenal")
    return lok


@login_required
def rencana_aksi(request, versi: int, tahun: int):
    """Rencana aksi of a year: cumulative targets up to TW I–III per indicator row, set by the planner
    or the PD's head; E.81 of TW I–III measures its predikat against them."""
    v = _versi(versi)
    tahun = _tahun(v, tahun)
    c = cakupan(request.user)
    wajib(
        c.baca_pd(v.pd_id), "Rencana aksi hanya untuk pimpinan, perencana dan verifikator perangkat daerah."
    )
    boleh = c.ubah_rencana(v.pd_id) or c.tandatangan_pk(v.pd_id)
    r = muat_rencana(v)
    lok = _pilih_lokasi(request, r)
    galat: dict[str, list[str]] = {}
    ketik: dict[str, dict[int, str]] = {}
    if request.method == "POST":
        wajib(boleh, "Hanya perencana dan pimpinan perangkat daerah yang menetapkan rencana aksi.")
        ketik = _isian_aksi(request.POST)
        try:
            n = services.simpan_rencana_aksi(pengguna=request.user, r=r, tahun=tahun, isian=ketik)
        except ValidationError as e:
            galat = e.message_dict if hasattr(e, "error_dict") else {"": e.messages}
        else:
            messages.success(
                request,
                f"Rencana aksi {tahun} disimpan: {n} target triwulan berubah."
                if n
                else "Tidak ada yang berubah.",
            )
            return redirect(request.get_full_path())
    baris = [b for b in ra.baris_aksi(r, tahun) if b.lokasi_id == lok]
    isi = []
    for b in baris:
        sel = []
        for q in ra.TRIWULAN_AKSI:
            if b.kunci in ketik:
                teks = ketik[b.kunci].get(q, "")
            else:
                teks = format_angka(b.nilai[q]) if q in b.nilai else ""
            sel.append((q, teks))
        isi.append({"b": b, "sel": sel, "galat": galat.get(b.kunci, [])})
    # Every row's messages on top, each linked to the row's first box (WCAG 3.3.1).
    ringkasan = (
        GalatFormulir({k: f"t-{k}-{ra.TRIWULAN_AKSI[0]}" for k in galat if k}).tambah(
            ValidationError({k or "__all__": v for k, v in galat.items()})
        )
        if galat
        else GalatFormulir()
    )
    return render(
        request,
        "monev/rencana_aksi.html",
        _konteks(
            v,
            "laporan",
            tahun=tahun,
            semua_tahun=v.tahun_rencana,
            baris=isi,
            ringkasan=ringkasan,
            jumlah_galat=len(galat),
            boleh=boleh,
            lokasi=lok,
            pilihan_lokasi=sorted(
                {b.lokasi_id for b in ra.baris_aksi(r, tahun) if b.lokasi_id}, key=lambda k: r.unit[k].urutan
            ),
            unit=r.unit,
        ),
        status=400 if galat else 200,
    )
