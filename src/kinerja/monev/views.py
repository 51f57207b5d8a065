"""Pages of monitoring: the report matrix, quarterly entry and the report workflow."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from kinerja.core.galat_formulir import GalatFormulir
from kinerja.core.parameter import bilangan, pilihan
from kinerja.monev import alur, persetujuan, services
from kinerja.monev import aturan as at
from kinerja.monev import capaian as cp
from kinerja.monev.laporan import DAFTAR_LAPORAN, ada_demo
from kinerja.monev.models import Laporan, Realisasi, Sumber
from kinerja.monev.selectors import (
    NAMA_TRIWULAN,
    Evaluasi,
    baca_aturan,
    baca_persetujuan,
    baris_ditandai,
    baris_kosong,
    dua_tingkat,
    muat_evaluasi,
    persetujuan_triwulan,
    status_persetujuan_singkat,
)
from kinerja.renstra.models import Indikator, PlanNode, RenstraVersi
from kinerja.wilayah.izin import cakupan, wajib
from kinerja.wilayah.models import Unit

T = PlanNode.Tingkat
S = Laporan.Status


def _versi(versi_id: int) -> RenstraVersi:
    return get_object_or_404(RenstraVersi.objects.select_related("pd__pemda", "rpjmd"), pk=versi_id)


def _tahun(v: RenstraVersi, tahun: int) -> int:
    """A year the plan has targets for (the version's first year is its baseline, not a plan year)."""
    if tahun not in v.tahun_rencana:
        raise Http404(f"Tahun {tahun} di luar tahun rencana {v.tahun_rencana[0]}–{v.tahun_rencana[-1]}.")
    return tahun


def _triwulan(request, *, unduhan: bool = False) -> int:
    return pilihan(request, "triwulan", bawah=1, atas=4, bawaan=4, label="Triwulan", unduhan=unduhan)


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
    lihat_tanda = c.verifikasi(v.pd_id)
    baris = []
    for u, jumlah, _terisi, rata in ev.per_unit():
        if not c.baca_unit(u):
            continue
        isi = [b for b in ev.baris_indikator if b.unit_id == u.pk]
        sel = []
        for q in range(1, 5):
            lap = ev.laporan.get((u.pk, q)) or Laporan(unit=u, tahun=tahun, triwulan=q)
            terkunci = services.alasan_terkunci(lap, pada=hari, batas_hari=batas_hari)
            sel.append(
                {
                    "tw": q,
                    "status": lap.status,
                    "label": dict(S.choices)[lap.status],
                    "terisi": sum(1 for b in isi if b.tw[q - 1] is not None and b.tw[q - 1].teks),
                    "jumlah": len(isi),
                    "ditandai": len(baris_ditandai(ev, u.pk, q)) if lihat_tanda else 0,
                    "terkunci": bool(terkunci) and lap.status == S.DRAFT,
                    "dibuka": bool(lap.dibuka_sampai and hari <= lap.dibuka_sampai),
                }
            )
        baris.append({"unit": u, "sel": sel, "rata": rata, "predikat": cp.predikat(rata), "jumlah": jumlah})
    rata = ev.rata_capaian() if c.baca_pd(v.pd_id) else None
    setuju = []
    if c.baca_pd(v.pd_id) and dua_tingkat(v.pd):
        ada = persetujuan_triwulan(v.pd, tahun)
        setuju = [
            (
                nama,
                status_persetujuan_singkat(ada.get(q)),
                reverse("kota:triwulan_pd", args=[v.pd.pemda.slug, tahun, q, v.pd.slug]),
            )
            for q, nama in NAMA_TRIWULAN.items()
        ]
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
            lihat_tanda=lihat_tanda,
            ubah_aturan=c.ubah_rencana(v.pd_id),
            demo=ada_demo(ev),
            batas_hari=batas_hari,
            laporan=DAFTAR_LAPORAN.values(),
            persetujuan_tw=setuju,
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


def petunjuk_isian(aturan: at.AturanNilai) -> str:
    """What a value must be, shown beside the box."""
    if aturan.persen:
        return "persen, boleh di atas 100" if aturan.boleh_lebih_100 else "persen 0–100"
    return "bilangan bulat" if aturan.bulat else ""


def _status_baris(b, q: int, aturan: at.AturanNilai) -> dict:
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
        "petunjuk": petunjuk_isian(aturan),
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
    # Two levels: a verified quarter Bappeda has (waiting or approved) cannot be reopened by the PD.
    setuju = baca_persetujuan(v.pd, tahun, tw) if lap.status == S.DIVERIFIKASI and dua_tingkat(v.pd) else None
    kunci_bappeda = persetujuan.alasan_kunci(lap, v.pd, setuju)
    indikator, anggaran = _baris_unit(ev, unit)
    setelan = baca_aturan(ev.r)
    baris = []
    for b in indikator:
        aturan = at.aturan_nilai(
            jenis_nilai=b.ind.jenis_nilai, satuan=b.ind.satuan, nama=b.ind.nama, setelan=setelan.get(b.ind.pk)
        )
        x = _status_baris(b, tw, aturan)
        x["boleh"] = boleh_isi and not x["dihitung"]
        baris.append(x)
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
    kosong = {id(b) for b in baris_kosong(ev, unit.pk, tw)}
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
        boleh_tarik=c.isi_unit(unit) and lap.status == S.DIAJUKAN,
        boleh_periksa=c.verifikasi(v.pd_id) and lap.status == S.DIAJUKAN,
        boleh_buka=not kunci_bappeda
        and lap.status != S.DIAJUKAN
        and bool(terkunci)
        and persetujuan.boleh_buka_kembali(pengguna=request.user, laporan=lap, pd=v.pd, setuju=setuju),
        kunci_bappeda=kunci_bappeda,
        # The unit's operator sees the flags on its own rows; verifiers also get the list.
        lihat_tanda=c.verifikasi(v.pd_id) or c.isi_unit(unit),
        daftar_tanda=c.verifikasi(v.pd_id),
        ditandai=[x for x in baris if x["d"] is not None and x["d"].peringatan],
        konfirmasi=request.GET.get("konfirmasi") == "ajukan",
        baris=baris,
        belum=[x for x in baris if id(x["b"]) in kosong],
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


def _revisi(request) -> int:
    return bilangan(request.POST.get("revisi")) or 0


KOLOM_KETIK = (
    "faktor_pendorong",
    "faktor_penghambat",
    "tindak_lanjut",
    "tindak_lanjut_renja",
    "tautan_bukti",
    "penjelasan",
)


@login_required
@require_POST
def simpan_baris(request, versi: int, tahun: int, tw: int, unit: int, indikator: int, lok: int):
    v = _versi(versi)
    u = _unit_pd(v, unit)
    wajib(cakupan(request.user).isi_unit(u), "Anda tidak berwenang mengisi realisasi unit ini.")
    ind = get_object_or_404(Indikator.objects.select_related("node__versi__pd"), pk=indikator, node__versi=v)
    lokasi = _lokasi(v, u, lok)
    tahun = _tahun(v, tahun)
    if tw not in NAMA_TRIWULAN:
        raise Http404("Triwulan tidak dikenal")
    galat: dict = {}
    try:
        services.simpan_realisasi(
            pengguna=request.user,
            indikator=ind,
            lokasi=lokasi,
            tahun=tahun,
            triwulan=tw,
            teks=request.POST.get("nilai", ""),
            revisi=_revisi(request),
            bukti=request.FILES.get("bukti"),
            **{k: request.POST.get(k) for k in KOLOM_KETIK},
        )
    except services.Bentrok as e:
        galat = {"galat": e.pesan, "bentrok": e.sekarang, "revisi": e.sekarang.revisi if e.sekarang else 0}
    except services.PerluPenjelasan as e:
        galat = {"galat": " ".join(e.messages), "perlu_penjelasan": e.peringatan}
    except ValidationError as e:
        galat = {"galat": " ".join(e.messages)}
    hx = bool(request.headers.get("HX-Request"))
    if not galat and not hx:
        messages.success(request, "Realisasi tersimpan.")
        return redirect(reverse("monev:isian", args=[v.pk, tahun, tw, u.pk]) + f"#i{ind.pk}-{lok}")
    ko = _isian_konteks(request, v, tahun, tw, u)
    kunci = lokasi.pk if lokasi else None
    x = next((x for x in ko["baris"] if x["b"].ind.pk == ind.pk and x["b"].lokasi_id == kunci), None)
    if x is None and not hx:
        messages.error(request, galat.get("galat") or "Baris ini tidak ada pada laporan unit ini.")
        return redirect("monev:isian", versi=v.pk, tahun=tahun, tw=tw, unit=u.pk)
    if x is None:
        raise Http404("Baris tidak ditemukan")
    if galat:
        # Everything the user typed goes back into the boxes.
        x.update(galat, ketik=request.POST.get("nilai", ""))
        for k in KOLOM_KETIK:
            x[f"ketik_{k}"] = request.POST.get(k)
    else:
        x["tersimpan"] = True
    if not hx:
        return render(request, "monev/isian.html", ko)
    return render(request, "monev/_baris_isian.html", {**ko, "x": x, "oob": True})


@login_required
@require_POST
def simpan_anggaran(request, versi: int, tahun: int, tw: int, unit: int, node: int, lok: int):
    v = _versi(versi)
    u = _unit_pd(v, unit)
    wajib(cakupan(request.user).isi_unit(u), "Anda tidak berwenang mengisi realisasi unit ini.")
    n = get_object_or_404(PlanNode.objects.select_related("versi__pd"), pk=node, versi=v)
    lokasi = _lokasi(v, u, lok)
    tahun = _tahun(v, tahun)
    if tw not in NAMA_TRIWULAN:
        raise Http404("Triwulan tidak dikenal")
    pesan = ""
    try:
        services.simpan_realisasi_anggaran(
            pengguna=request.user,
            node=n,
            lokasi=lokasi,
            tahun=tahun,
            triwulan=tw,
            teks=request.POST.get("jumlah", ""),
            revisi=_revisi(request),
        )
    except services.Bentrok as e:
        pesan = e.pesan
    except ValidationError as e:
        pesan = " ".join(e.messages)
    hx = bool(request.headers.get("HX-Request"))
    if not pesan and not hx:
        messages.success(request, "Realisasi anggaran tersimpan.")
        return redirect(reverse("monev:isian", args=[v.pk, tahun, tw, u.pk]) + f"#a{n.pk}-{lok}")
    ko = _isian_konteks(request, v, tahun, tw, u)
    kunci = lokasi.pk if lokasi else None
    x = next((x for x in ko["rp"] if x["b"].node.pk == n.pk and x["b"].lokasi_id == kunci), None)
    if x is None and not hx:
        messages.error(request, pesan or "Baris ini tidak ada pada laporan unit ini.")
        return redirect("monev:isian", versi=v.pk, tahun=tahun, tw=tw, unit=u.pk)
    if x is None:
        raise Http404("Baris tidak ditemukan")
    if pesan:
        x["galat"] = pesan
        x["ketik"] = request.POST.get("jumlah", "")
    else:
        x["tersimpan"] = True
    if not hx:
        return render(request, "monev/isian.html", ko)
    return render(request, "monev/_baris_anggaran.html", {**ko, "x": x})


def _aksi_alur(request, aksi: str, lap: Laporan, u: Unit, tw: int, v: RenstraVersi) -> str:
    """Take one workflow action; the message to show."""
    revisi = bilangan(request.POST.get("revisi"))
    catatan = request.POST.get("catatan", "")
    nama = f"Laporan triwulan {NAMA_TRIWULAN[tw]} {u.nama}"
    if aksi == "ajukan":
        alur.ajukan(
            pengguna=request.user, laporan=lap, revisi=revisi, tetap=request.POST.get("tetap") == "1", versi=v
        )
        return f"{nama} diajukan untuk verifikasi."
    if aksi == "tarik":
        alur.tarik(pengguna=request.user, laporan=lap, alasan=request.POST.get("alasan", ""), revisi=revisi)
        return f"{nama} ditarik kembali menjadi draf: perbaiki lalu ajukan lagi."
    if aksi == "verifikasi":
        alur.verifikasi(pengguna=request.user, laporan=lap, catatan=catatan, revisi=revisi)
        return f"{nama} diverifikasi dan dikunci."
    if aksi == "kembalikan":
        alur.kembalikan(pengguna=request.user, laporan=lap, catatan=catatan, revisi=revisi)
        return f"Laporan dikembalikan kepada operator {u.nama} dengan catatan."
    if aksi == "buka":
        try:
            sampai = dt.date.fromisoformat(request.POST.get("sampai", ""))
        except ValueError:
            raise ValidationError(
                {"sampai": "Isi tanggal batas buka dengan benar (hari-bulan-tahun)."}
            ) from None
        alur.buka_kembali(
            pengguna=request.user,
            laporan=lap,
            alasan=request.POST.get("alasan", ""),
            sampai=sampai,
            revisi=revisi,
        )
        return f"Laporan dibuka kembali sampai {sampai:%d-%m-%Y}."
    raise ValidationError("Aksi tidak dikenal.")


@login_required
@require_POST
def alur_laporan(request, versi: int, tahun: int, tw: int, unit: int):
    """Submit, withdraw, verify, return or reopen a quarter's report."""
    v = _versi(versi)
    u = _unit_pd(v, unit)
    wajib(cakupan(request.user).baca_unit(u))
    tahun = _tahun(v, tahun)
    if tw not in NAMA_TRIWULAN:
        raise Http404("Triwulan tidak dikenal")
    tujuan = reverse("monev:isian", args=[v.pk, tahun, tw, u.pk])
    try:
        # A refused action leaves no empty report row behind: the row is made in the same transaction.
        with transaction.atomic():
            lap = services.laporan_untuk(pengguna=request.user, unit=u, tahun=tahun, triwulan=tw)
            pesan = _aksi_alur(request, request.POST.get("aksi", ""), lap, u, tw, v)
        messages.success(request, pesan)
    except alur.BarisKosong as e:
        messages.warning(
            request,
            f"Laporan belum diajukan: {len(e.nama)} baris masih kosong. Periksa daftarnya, lalu isi atau tetap ajukan.",
        )
        return redirect(tujuan + "?konfirmasi=ajukan#konfirmasi-ajukan")
    except services.Bentrok as e:
        messages.error(request, e.pesan)
    except ValidationError as e:
        # Shown on the page with the typed text kept, each error on its field (WCAG 3.3.1).
        aksi = request.POST.get("aksi", "")
        ko = _isian_konteks(request, v, tahun, tw, u)
        ko["galat_alur"] = GalatFormulir(ID_ALUR.get(aksi, {})).tambah(e)
        ko["isian_alur"] = {k: request.POST.get(k, "")[:2000] for k in ("alasan", "catatan", "sampai")}
        ko["aksi_alur"] = aksi
        return render(request, "monev/isian.html", ko, status=400)
    return redirect(tujuan)


# The field ids of each workflow form on the entry page (the error summary links to them).
ID_ALUR = {
    "buka": {"alasan": "alasan-buka", "sampai": "sampai"},
    "tarik": {"alasan": "alasan-tarik"},
    "verifikasi": {"catatan": "catatan"},
    "kembalikan": {"catatan": "catatan"},
}


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
    from kinerja.core.templatetags.kinerja import alamat_situs as alamat_lokal
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
            "kembali": alamat_lokal(request.GET.get("kembali", "")),
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
