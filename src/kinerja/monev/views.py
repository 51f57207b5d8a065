"""Pages of monitoring: the report matrix, quarterly entry, verification, and the reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from kinerja.core.audit import catat
from kinerja.core.izin import cakupan, wajib
from kinerja.core.parameter import id_atau_none
from kinerja.core.tabel import ke_html
from kinerja.monev import capaian as cp
from kinerja.monev import services
from kinerja.monev.ekspor import FORMAT_LAPORAN, ekspor_laporan, nama_berkas_laporan, tabel_laporan
from kinerja.monev.laporan import DAFTAR_LAPORAN, ada_demo, isi_pk, tabel_pk
from kinerja.monev.models import Laporan, PerjanjianKinerja, Realisasi, Sumber
from kinerja.monev.selectors import NAMA_TRIWULAN, Evaluasi, muat_evaluasi, renja_tahun
from kinerja.renstra.models import Indikator, PlanNode, RenstraVersi
from kinerja.renstra.selectors import muat_rencana
from kinerja.wilayah.models import Unit

T = PlanNode.Tingkat
S = Laporan.Status
JENIS_UNDUH = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


def _versi(versi_id: int) -> RenstraVersi:
    return get_object_or_404(RenstraVersi.objects.select_related("pd__pemda", "rpjmd"), pk=versi_id)


def _tahun(v: RenstraVersi, tahun: int) -> int:
    if not v.tahun_mulai <= tahun <= v.tahun_akhir:
        raise Http404(f"Tahun {tahun} di luar periode {v.tahun_mulai}–{v.tahun_akhir}.")
    return tahun


def _triwulan(nilai) -> int:
    try:
        tw = int(nilai)
    except (TypeError, ValueError):
        return 4
    return tw if tw in NAMA_TRIWULAN else 4


def _konteks(v: RenstraVersi, aktif: str, **lain) -> dict:
    return {"versi": v, "pd": v.pd, "pemda": v.pd.pemda, "aktif": aktif, "bagian": "monev", **lain}


def tahun_bawaan(v: RenstraVersi) -> int:
    """This year when it is in the plan and has reports, else the latest year with reports."""
    tahun_lap = set(Laporan.objects.filter(unit__pd_id=v.pd_id).values_list("tahun", flat=True).distinct())
    kini = timezone.localdate().year
    if kini in v.tahun_rencana and kini in tahun_lap:
        return kini
    ada = sorted(t for t in tahun_lap if t in v.tahun_rencana)
    return ada[-1] if ada else v.tahun_rencana_awal


@login_required
def beranda(request, versi: int):
    v = _versi(versi)
    wajib(cakupan(request.user).anggota_pd(v.pd_id))
    return redirect("monev:matriks", versi=v.pk, tahun=tahun_bawaan(v))


# --- matrix of reports ----------------------------------------------------------------------


@login_required
def matriks(request, versi: int, tahun: int):
    v = _versi(versi)
    c = cakupan(request.user)
    wajib(c.anggota_pd(v.pd_id))
    tahun = _tahun(v, tahun)
    ev = muat_evaluasi(v, tahun, 4)
    hari = timezone.localdate()
    batas_hari = v.pd.pemda.batas_hari_laporan
    baris = []
    for u, jumlah, _terisi, rata in ev.per_unit():
        if not c.baca_unit(u):
            continue
        sel = []
        for q in range(1, 5):
            lap = ev.laporan.get((u.pk, q))
            isi = [b for b in ev.baris_indikator if b.unit_id == u.pk]
            terisi = sum(1 for b in isi if b.tw[q - 1] is not None and b.tw[q - 1].teks)
            status = lap.status if lap else S.DRAFT
            terkunci = (
                services.alasan_terkunci(lap, pada=hari, batas_hari=batas_hari)
                if lap
                else (
                    services.alasan_terkunci(
                        Laporan(unit=u, tahun=tahun, triwulan=q), pada=hari, batas_hari=batas_hari
                    )
                )
            )
            sel.append(
                {
                    "tw": q,
                    "status": status,
                    "label": dict(S.choices)[status],
                    "terisi": terisi,
                    "jumlah": len(isi),
                    "terkunci": bool(terkunci) and status in (S.DRAFT,),
                    "dibuka": bool(lap and lap.dibuka_sampai and hari <= lap.dibuka_sampai),
                }
            )
        baris.append({"unit": u, "sel": sel, "rata": rata, "predikat": cp.predikat(rata), "jumlah": jumlah})
    rata = ev.rata_capaian() if c.baca_pd(v.pd_id) else None
    return render(
        request,
        "monev/matriks.html",
        _konteks(
            v,
            "matriks",
            tahun=tahun,
            semua_tahun=v.tahun_rencana,
            baris=baris,
            triwulan=list(NAMA_TRIWULAN.items()),
            rata=rata,
            predikat=cp.predikat(rata),
            serapan=ev.rata_serapan() if c.baca_pd(v.pd_id) else None,
            baca_pd=c.baca_pd(v.pd_id),
            demo=ada_demo(ev),
            batas_hari=batas_hari,
            laporan=DAFTAR_LAPORAN.values(),
        ),
    )


# --- quarterly entry --------------------------------------------------------------------------


def _unit_pd(v: RenstraVersi, unit_id: int) -> Unit:
    return get_object_or_404(Unit.objects.select_related("pd__pemda"), pk=unit_id, pd_id=v.pd_id)


def _baris_unit(ev: Evaluasi, unit: Unit):
    """The unit's indicator rows and budget rows of the year."""
    indikator = [b for b in ev.baris_indikator if b.unit_id == unit.pk]
    anggaran = [
        b
        for b in ev.baris
        if b.unit_id == unit.pk and b.ada_rp and b.node.tingkat == T.SUB_KEGIATAN and b.rp_target is not None
    ]
    return indikator, anggaran


def _status_baris(b, q: int) -> dict:
    d = b.tw[q - 1]
    sebelum = [
        (NAMA_TRIWULAN[i + 1], x.teks) for i, x in enumerate(b.tw[: q - 1]) if x is not None and x.teks
    ]
    return {
        "b": b,
        "d": d,
        "nilai": d.teks if d else "",
        "revisi": d.revisi if d else 0,
        "terisi": bool(d and d.teks),
        "sebelum": sebelum,
        "demo": bool(d and d.sumber == Sumber.DEMO),
        "dihitung": b.ind.sumber_data != "manual",
        "cara": "jumlah triwulan ini saja"
        if b.ind.agregasi_triwulan == "jumlah"
        else "keadaan pada akhir triwulan",
    }


def _isian_konteks(request, v: RenstraVersi, tahun: int, tw: int, unit: Unit) -> dict:
    c = cakupan(request.user)
    ev = muat_evaluasi(v, tahun, tw)
    lap = ev.laporan.get((unit.pk, tw)) or Laporan(unit=unit, tahun=tahun, triwulan=tw)
    batas_hari = v.pd.pemda.batas_hari_laporan
    terkunci = services.alasan_terkunci(lap, batas_hari=batas_hari)
    boleh_isi = c.isi_unit(unit) and not terkunci
    indikator, anggaran = _baris_unit(ev, unit)
    baris = [_status_baris(b, tw) for b in indikator]
    belum = [x for x in baris if not x["terisi"] and not x["dihitung"]]
    for x in baris:
        x["boleh"] = boleh_isi and x["b"].ind.sumber_data == "manual"
    rp = []
    for b in anggaran:
        d = ev.anggaran.get((b.node.pk, b.lokasi_id, tahun, tw))
        rp.append(
            {
                "b": b,
                "d": d,
                "nilai": d.jumlah if d else None,
                "revisi": d.revisi if d else 0,
                "boleh": boleh_isi,
            }
        )
    return _konteks(
        v,
        "matriks",
        tahun=tahun,
        tw=tw,
        nama_tw=NAMA_TRIWULAN[tw],
        unit=unit,
        laporan=lap,
        terkunci=terkunci,
        boleh_isi=boleh_isi,
        boleh_ajukan=c.isi_unit(unit) and lap.status in (S.DRAFT, S.DIKEMBALIKAN) and not terkunci,
        boleh_periksa=c.verifikasi(v.pd_id) and lap.status == S.DIAJUKAN,
        boleh_buka=c.buka_kembali(v.pd_id) and lap.status != S.DIAJUKAN and bool(terkunci),
        baris=baris,
        belum=belum,
        rp=rp,
        ev=ev,
        rata=ev.rata_capaian(indikator),
        batas=services.batas(lap, batas_hari),
        buka_sampai_bawaan=(timezone.localdate() + dt.timedelta(days=14)).isoformat(),
        demo=any(x["demo"] for x in baris),
    )


@login_required
def isian(request, versi: int, tahun: int, tw: int, unit: int):
    v = _versi(versi)
    u = _unit_pd(v, unit)
    wajib(cakupan(request.user).baca_unit(u), "Anda tidak berwenang melihat laporan unit ini.")
    if tw not in NAMA_TRIWULAN:
        raise Http404("Triwulan tidak dikenal")
    return render(request, "monev/isian.html", _isian_konteks(request, v, _tahun(v, tahun), tw, u))


def _lokasi(v: RenstraVersi, unit: Unit, lok: int) -> Unit | None:
    """The lokasi of a row reported by a unit: the unit itself, or none (the PD as a whole)."""
    if lok == 0:
        if not (unit.adalah_kantor and unit.induk_id is None):
            raise Http404("Baris tanpa lokasi dilaporkan oleh kantor perangkat daerah")
        return None
    if lok != unit.pk:
        raise Http404("Baris ini bukan milik unit tersebut")
    return unit


def _baris_tunggal(request, v, tahun, tw, u, cocok) -> dict | None:
    ko = _isian_konteks(request, v, tahun, tw, u)
    for x in ko["baris"]:
        if cocok(x["b"]):
            return {**ko, "x": x}
    return None


@login_required
@require_POST
def simpan_baris(request, versi: int, tahun: int, tw: int, unit: int, indikator: int, lok: int):
    v = _versi(versi)
    u = _unit_pd(v, unit)
    c = cakupan(request.user)
    wajib(c.isi_unit(u), "Anda tidak berwenang mengisi realisasi unit ini.")
    ind = get_object_or_404(Indikator.objects.select_related("node__versi__pd"), pk=indikator, node__versi=v)
    lokasi = _lokasi(v, u, lok)
    pesan, bentrok = "", None
    try:
        revisi = int(request.POST.get("revisi", "0"))
    except ValueError:
        revisi = 0
    try:
        services.simpan_realisasi(
            pengguna=request.user,
            indikator=ind,
            lokasi=lokasi,
            tahun=tahun,
            triwulan=tw,
            teks=request.POST.get("nilai", ""),
            revisi=revisi,
            faktor_pendorong=request.POST.get("faktor_pendorong"),
            faktor_penghambat=request.POST.get("faktor_penghambat"),
            tindak_lanjut=request.POST.get("tindak_lanjut"),
            tautan_bukti=request.POST.get("tautan_bukti"),
            bukti=request.FILES.get("bukti"),
        )
    except services.Bentrok as e:
        pesan, bentrok = e.pesan, e.sekarang
    except ValidationError as e:
        pesan = " ".join(e.messages)
    if not request.headers.get("HX-Request"):
        (messages.error if pesan else messages.success)(request, pesan or "Realisasi tersimpan.")
        return redirect(reverse("monev:isian", args=[v.pk, tahun, tw, u.pk]) + f"#i{ind.pk}-{lok}")
    ko = _baris_tunggal(
        request,
        v,
        tahun,
        tw,
        u,
        lambda b: b.ind.pk == ind.pk and b.lokasi_id == (lokasi.pk if lokasi else None),
    )
    if ko is None:
        raise Http404("Baris tidak ditemukan")
    x = ko["x"]
    if pesan:
        x["galat"] = pesan
        x["ketik"] = request.POST.get("nilai", "")
        for k in ("faktor_pendorong", "faktor_penghambat", "tindak_lanjut", "tautan_bukti"):
            x[f"ketik_{k}"] = request.POST.get(k)
        if bentrok is not None:
            x["bentrok"] = bentrok
            x["revisi"] = bentrok.revisi
    else:
        x["tersimpan"] = True
    return render(request, "monev/_baris_isian.html", {**ko, "oob": True})


@login_required
@require_POST
def simpan_anggaran(request, versi: int, tahun: int, tw: int, unit: int, node: int, lok: int):
    v = _versi(versi)
    u = _unit_pd(v, unit)
    wajib(cakupan(request.user).isi_unit(u), "Anda tidak berwenang mengisi realisasi unit ini.")
    n = get_object_or_404(PlanNode.objects.select_related("versi__pd"), pk=node, versi=v)
    lokasi = _lokasi(v, u, lok)
    pesan = ""
    try:
        revisi = int(request.POST.get("revisi", "0"))
    except ValueError:
        revisi = 0
    try:
        services.simpan_realisasi_anggaran(
            pengguna=request.user,
            node=n,
            lokasi=lokasi,
            tahun=tahun,
            triwulan=tw,
            teks=request.POST.get("jumlah", ""),
            revisi=revisi,
        )
    except services.Bentrok as e:
        pesan = e.pesan
    except ValidationError as e:
        pesan = " ".join(e.messages)
    if not request.headers.get("HX-Request"):
        (messages.error if pesan else messages.success)(request, pesan or "Realisasi anggaran tersimpan.")
        return redirect(reverse("monev:isian", args=[v.pk, tahun, tw, u.pk]) + f"#a{n.pk}-{lok}")
    ko = _isian_konteks(request, v, tahun, tw, u)
    x = next(
        (
            x
            for x in ko["rp"]
            if x["b"].node.pk == n.pk and x["b"].lokasi_id == (lokasi.pk if lokasi else None)
        ),
        None,
    )
    if x is None:
        raise Http404("Baris tidak ditemukan")
    if pesan:
        x["galat"] = pesan
        x["ketik"] = request.POST.get("jumlah", "")
    else:
        x["tersimpan"] = True
    return render(request, "monev/_baris_anggaran.html", {**ko, "x": x})


@login_required
@require_POST
def alur(request, versi: int, tahun: int, tw: int, unit: int):
    """Submit, verify, return or reopen a quarter's report."""
    v = _versi(versi)
    u = _unit_pd(v, unit)
    wajib(cakupan(request.user).baca_unit(u))
    aksi = request.POST.get("aksi", "")
    lap = services.laporan_untuk(unit=u, tahun=_tahun(v, tahun), triwulan=tw)
    try:
        revisi = int(request.POST["revisi"]) if request.POST.get("revisi") else None
    except ValueError:
        revisi = None
    catatan = request.POST.get("catatan", "")
    try:
        if aksi == "ajukan":
            services.ajukan(pengguna=request.user, laporan=lap, revisi=revisi)
            messages.success(
                request, f"Laporan triwulan {NAMA_TRIWULAN[tw]} {u.nama} diajukan untuk verifikasi."
            )
        elif aksi == "verifikasi":
            services.verifikasi(pengguna=request.user, laporan=lap, catatan=catatan, revisi=revisi)
            messages.success(
                request, f"Laporan triwulan {NAMA_TRIWULAN[tw]} {u.nama} diverifikasi dan dikunci."
            )
        elif aksi == "kembalikan":
            services.kembalikan(pengguna=request.user, laporan=lap, catatan=catatan, revisi=revisi)
            messages.success(request, f"Laporan dikembalikan kepada operator {u.nama} dengan catatan.")
        elif aksi == "buka":
            try:
                sampai = dt.date.fromisoformat(request.POST.get("sampai", ""))
            except ValueError:
                raise ValidationError("Isi tanggal batas buka dengan benar (hari-bulan-tahun).") from None
            services.buka_kembali(
                pengguna=request.user,
                laporan=lap,
                alasan=request.POST.get("alasan", ""),
                sampai=sampai,
                revisi=revisi,
            )
            messages.success(request, f"Laporan dibuka kembali sampai {sampai:%d-%m-%Y}.")
        else:
            raise ValidationError("Aksi tidak dikenal.")
    except services.Bentrok as e:
        messages.error(request, e.pesan)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect("monev:isian", versi=v.pk, tahun=tahun, tw=tw, unit=u.pk)


# --- reports -----------------------------------------------------------------------------------


def _laporan_dasar(request, versi: int, tahun: int, kode: str):
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
    return v, tahun, unit, _triwulan(request.GET.get("triwulan"))


@login_required
def laporan(request, versi: int, tahun: int, kode: str):
    v, tahun, unit, tw = _laporan_dasar(request, versi, tahun, kode)
    r = muat_rencana(v)
    try:
        daftar = tabel_laporan(kode, r, tahun=tahun, triwulan=tw, unit_id=unit.pk if unit else None)
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
            semua_tahun=v.tahun_rencana,
            tabel=[(t, mark_safe(ke_html(t))) for t in daftar],
            kosong=kosong,
            format_tersedia=FORMAT_LAPORAN,
            daftar_laporan=DAFTAR_LAPORAN.values(),
            unit_pilihan=[u for u in v.pd.unit_set.all() if u.adalah_lokasi and c.baca_unit(u)]
            if kode == "E.81"
            else [],
        ),
    )


@login_required
def unduh_laporan(request, versi: int, tahun: int, kode: str, fmt: str):
    v, tahun, unit, tw = _laporan_dasar(request, versi, tahun, kode)
    if fmt not in FORMAT_LAPORAN:
        raise Http404("Format tidak dikenal")
    r = muat_rencana(v)
    try:
        if unit is not None:
            from kinerja.core.xlsx import ke_xlsx

            if fmt != "xlsx":
                raise Http404("Laporan per unit diunduh sebagai XLSX")
            isi = ke_xlsx(tabel_laporan(kode, r, tahun=tahun, triwulan=tw, unit_id=unit.pk))
        else:
            isi = ekspor_laporan(kode, r, tahun=tahun, triwulan=tw, format=fmt)
    except LookupError as e:
        raise Http404(str(e)) from e
    jawab = HttpResponse(isi, content_type=JENIS_UNDUH[fmt])
    nama = nama_berkas_laporan(kode, r, tahun=tahun, triwulan=tw, format=fmt)
    jawab["Content-Disposition"] = f'attachment; filename="{nama}"'
    return jawab


@login_required
def pk(request, versi: int, tahun: int):
    """The Perjanjian Kinerja of a year: computed from the data; signed by the PD's head."""
    v = _versi(versi)
    tahun = _tahun(v, tahun)
    c = cakupan(request.user)
    wajib(c.baca_pd(v.pd_id), "Perjanjian Kinerja hanya untuk pimpinan, perencana dan verifikator.")
    ev = muat_evaluasi(v, tahun, 4)
    isi = isi_pk(ev)
    teken = (
        PerjanjianKinerja.objects.filter(pd=v.pd, tahun=tahun).select_related("ditandatangani_oleh").first()
    )
    beda = []
    if teken is not None:
        lama = (
            {(s["sasaran"], s["indikator"]): s["target"] for s in teken.isi.get("sasaran", [])}
            if isinstance(teken.isi, dict)
            else {}
        )
        for s in isi.sasaran:
            t = lama.get((s["sasaran"], s["indikator"]))
            if t is None:
                beda.append(f"{s['indikator']}: tidak ada saat ditandatangani (sekarang {s['target']})")
            elif t != s["target"]:
                beda.append(f"{s['indikator']}: target saat ditandatangani {t}, sekarang {s['target']}")
    if request.method == "POST":
        wajib(
            c.tandatangan_pk(v.pd_id),
            "Hanya pimpinan perangkat daerah yang menandatangani Perjanjian Kinerja.",
        )
        with transaction.atomic():
            if PerjanjianKinerja.objects.select_for_update().filter(pd=v.pd, tahun=tahun).exists():
                messages.error(request, f"Perjanjian Kinerja {tahun} sudah ditandatangani.")
                return redirect("monev:pk", versi=v.pk, tahun=tahun)
            pemda = v.pd.pemda
            obj = PerjanjianKinerja.objects.create(
                pd=v.pd,
                versi=v,
                tahun=tahun,
                ditandatangani_oleh=request.user,
                ditandatangani_pada=timezone.now(),
                nama_pihak_pertama=v.pd.pimpinan_nama
                or request.user.get_full_name()
                or request.user.username,
                jabatan_pihak_pertama=v.pd.pimpinan_jabatan or f"Kepala {v.pd.nama}",
                nama_pihak_kedua=pemda.kepala_nama,
                jabatan_pihak_kedua=pemda.kepala_jabatan or f"Kepala Daerah {pemda.nama}",
                isi={"sasaran": isi.sasaran, "program": isi.program, "total": str(isi.total)},
            )
            catat(
                aksi="pk.tandatangan",
                objek=obj,
                pengguna=request.user,
                perubahan={"tahun": (None, tahun)},
                pd=v.pd,
            )
        messages.success(request, f"Perjanjian Kinerja {tahun} ditandatangani.")
        return redirect("monev:pk", versi=v.pk, tahun=tahun)
    daftar = tabel_pk(ev, isi)
    return render(
        request,
        "monev/pk.html",
        _konteks(
            v,
            "laporan",
            kode="PK",
            tahun=tahun,
            semua_tahun=v.tahun_rencana,
            tabel=[(t, mark_safe(ke_html(t))) for t in daftar],
            teken=teken,
            beda=beda,
            boleh_teken=c.tandatangan_pk(v.pd_id) and teken is None,
            renja=renja_tahun(v, tahun),
            daftar_laporan=DAFTAR_LAPORAN.values(),
        ),
    )


@login_required
def capaian(request, versi: int, tahun: int):
    """Capaian rolled up the tree and per unit, every figure with its formula."""
    v = _versi(versi)
    tahun = _tahun(v, tahun)
    c = cakupan(request.user)
    wajib(
        c.baca_pd(v.pd_id),
        "Ringkasan capaian seluruh perangkat daerah hanya untuk pimpinan, perencana dan verifikator.",
    )
    tw = _triwulan(request.GET.get("triwulan"))
    ev = muat_evaluasi(v, tahun, tw)
    r = ev.r
    pohon = []
    for n in r.node:
        rata = ev.rollup(n)
        sendiri = [b for b in ev.baris_indikator if b.node.pk == n.pk]
        pagu = r.pagu_node(n, tahun)
        rp = next(
            (b for b in ev.baris if b.node.pk == n.pk and b.ada_rp and b.node.tingkat < T.SUB_KEGIATAN), None
        )
        real = (
            rp.rp_realisasi
            if rp
            else (
                sum(
                    (b.rp_realisasi or Decimal(0) for b in ev.baris if b.node.pk == n.pk and b.ada_rp),
                    Decimal(0),
                )
                if any(b.node.pk == n.pk and b.ada_rp for b in ev.baris)
                else None
            )
        )
        jumlah_baris = len(sendiri) + sum(
            len([b for b in ev.baris_indikator if b.node.pk == k.pk]) for k in r.keturunan(n)
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
    rata = ev.rata_capaian()
    return render(
        request,
        "monev/capaian.html",
        _konteks(
            v,
            "capaian",
            tahun=tahun,
            tw=tw,
            semua_tahun=v.tahun_rencana,
            pohon=pohon,
            per_unit=[(u, n, t, r_, cp.predikat(r_)) for u, n, t, r_ in ev.per_unit()],
            rata=rata,
            predikat=cp.predikat(rata),
            serapan=ev.rata_serapan(),
            demo=ada_demo(ev),
            predikat_pita=cp.PREDIKAT,
            unit={k: u.nama_pendek for k, u in r.unit.items()},
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
    tabel = []
    if pilih is not None:
        from kinerja.monev.laporan import tabel_renja

        t = tabel_renja(muat_rencana(pilih), muat_rencana(v), tahun)
        tabel = [(t, mark_safe(ke_html(t)))]
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


RIWAYAT = {"realisasi": Realisasi, "laporan": Laporan}


@login_required
def riwayat(request, tipe: str, pk: int):
    """Every recorded change of one realisation or report, newest first."""
    from kinerja.monev.models import RealisasiAnggaran

    model = {**RIWAYAT, "realisasi-anggaran": RealisasiAnggaran}.get(tipe)
    if model is None:
        raise Http404("Jenis catatan tidak dikenal")
    obj = get_object_or_404(model, pk=pk)
    c = cakupan(request.user)
    if isinstance(obj, Laporan):
        wajib(c.baca_unit(obj.unit))
        pd_id = obj.unit.pd_id
    else:
        versi = obj.indikator.node.versi if isinstance(obj, Realisasi) else obj.node.versi
        unit = obj.lokasi or services.kantor_pd(versi.pd_id)
        wajib(unit is not None and c.baca_unit(unit))
        pd_id = versi.pd_id
    from kinerja.core.audit import riwayat as baca_riwayat
    from kinerja.wilayah.models import PerangkatDaerah

    pd = PerangkatDaerah.objects.select_related("pemda").get(pk=pd_id)
    return render(
        request,
        "riwayat.html",
        {
            "objek": obj,
            "catatan": baca_riwayat(obj),
            "pd": pd,
            "pemda": pd.pemda,
            "kembali": request.GET.get("kembali", ""),
        },
    )


@login_required
def bukti(request, pk: int):
    """An evidence file, to whoever may read its row (uploads are not served publicly)."""
    from django.http import FileResponse

    obj = get_object_or_404(Realisasi.objects.select_related("indikator__node__versi", "lokasi"), pk=pk)
    unit = obj.lokasi or services.kantor_pd(obj.indikator.node.versi.pd_id)
    wajib(unit is not None and cakupan(request.user).baca_unit(unit))
    if not obj.bukti:
        raise Http404("Baris ini tidak mempunyai berkas bukti")
    try:
        berkas = obj.bukti.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas bukti tidak ditemukan di penyimpanan") from None
    return FileResponse(berkas, as_attachment=True, filename=obj.bukti.name.rsplit("/", 1)[-1])
