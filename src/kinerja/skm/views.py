"""The survey: a kiosk for the service room, a phone form, and the results with the IKM."""

from __future__ import annotations

import io
import json
import uuid

from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kinerja.core.angka import format_angka
from kinerja.core.batas import alamat_hash
from kinerja.core.galat import terlalu_sering
from kinerja.core.galat_formulir import GalatFormulir
from kinerja.core.grafik import garis
from kinerja.core.kueri_tetap import KueriTetap
from kinerja.core.parameter import id_atau_none
from kinerja.core.pembulatan import bulat
from kinerja.core.tabel import ANGKA, KOSONG, Kepala, Sel, Tabel, ke_html
from kinerja.core.unggah import panjang_isi
from kinerja.core.views import unduhan_csv
from kinerja.core.xlsx import ke_xlsx
from kinerja.layanan.models import JenisLayanan
from kinerja.layanan.periode import baca_periode
from kinerja.layanan.services import rekap as rekap_layanan
from kinerja.layanan.views import (
    NAMA_BULAN,
    konteks_rekap,
    pilih_unit,
    unit_terbaca,
)
from kinerja.skm import ikm, services
from kinerja.skm.models import Kios, Respons
from kinerja.wilayah.izin import cakupan, wajib
from kinerja.wilayah.views import pd_atau_404 as _pd

R = Respons


def _profil() -> dict:
    return {
        "jenis_kelamin": R.JenisKelamin.choices,
        "pendidikan": R.Pendidikan.choices,
        "pekerjaan": R.Pekerjaan.choices,
    }


def _pertanyaan() -> list[dict]:
    return [
        {
            "kode": u,
            "nama": ikm.NAMA_UNSUR[u],
            "tanya": ikm.PERTANYAAN[u],
            "jawaban": list(enumerate(ikm.JAWABAN[u], start=1)),
        }
        for u in ikm.UNSUR
    ]


# An address whose secret was replaced (or whose kiosk was switched off) says so, in words a citizen
# holding an old printed QR code and the staff at the tablet both understand.
TIDAK_BERLAKU = (
    "Alamat survei ini tidak berlaku lagi: alamatnya sudah diganti atau kiosnya dinonaktifkan. "
    "Mintalah alamat atau kode QR yang baru kepada petugas pelayanan."
)


def _kios(token: str) -> Kios:
    """The kiosk of a tablet's address (its kiosk token; the phone token does not open it)."""
    k = Kios.objects.select_related("unit__pd__pemda").filter(token=token, aktif=True).first()
    if k is None:
        raise Http404(TIDAK_BERLAKU)
    return k


def _ponsel(token: str) -> Kios:
    """The kiosk whose phone link this is (its phone token; the kiosk token does not open it)."""
    k = Kios.objects.select_related("unit__pd__pemda").filter(token_ponsel=token, aktif=True).first()
    if k is None:
        raise Http404(TIDAK_BERLAKU)
    return k


def pilihan_layanan(unit):
    """The services a questionnaire may name: given and shown to the public (hidden ones are not offered;
    an answer naming one, e.g. from a kiosk's offline queue, is still stored with it)."""
    return JenisLayanan.objects.filter(unit=unit, aktif=True, publik=True).order_by("urutan", "nama")


# --- the kiosk -----------------------------------------------------------------------------------


def kios(request, token: str):
    """Full-screen questionnaire for a tablet; answers queue in the browser when the network is down."""
    k = _kios(token)
    layanan = list(pilihan_layanan(k.unit).values("id", "nama"))
    data = {
        "kirim": reverse("skm:kirim", args=[k.token]),
        "unsur": _pertanyaan(),
        "layanan": layanan,
        "profil": {k2: [[a, b] for a, b in v] for k2, v in _profil().items()},
    }
    return render(request, "skm/kios.html", {"k": k, "unit": k.unit, "data": data})


# One questionnaire is well under 4 KB (the suggestion is cut at 2.000 characters).
BATAS_KIRIMAN = 16 * 1024
_TEKS = ("id", "waktu", "jenis_kelamin", "pendidikan", "pekerjaan", "saran")


def _tolak(pesan: str) -> JsonResponse:
    return JsonResponse({"galat": pesan}, status=400)


def _bulat_atau_kosong(v, nama: str) -> int | None:
    """A whole number sent as a number or as digits; None for nothing; ValidationError otherwise."""
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        raise ValidationError(f"Isian {nama} harus bilangan bulat.")
    if isinstance(v, int):
        return v
    if isinstance(v, str) and v.strip().isdigit() and len(v.strip()) <= 9:
        return int(v.strip())
    raise ValidationError(f"Isian {nama} harus bilangan bulat.")


def _baca_kiriman(badan: bytes) -> dict:
    """The kiosk's JSON, checked for shape and types; ValidationError in Indonesian when it is not."""
    try:
        data = json.loads(badan.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ValidationError("Kiriman bukan JSON yang sah.") from None
    if not isinstance(data, dict):
        raise ValidationError("Kiriman harus berupa objek JSON { … }.")
    for nama in _TEKS:
        if data.get(nama) is not None and not isinstance(data[nama], str):
            raise ValidationError(f"Isian {nama} harus teks.")
    jawaban = data.get("jawaban")
    if not isinstance(jawaban, dict):
        raise ValidationError('Isian jawaban harus berupa objek { "U1": 1–4, … }.')
    for u, v in jawaban.items():
        if v is not None and (isinstance(v, bool) or not isinstance(v, int)):
            raise ValidationError(f"Jawaban {str(u)[:10]} harus bilangan 1, 2, 3 atau 4.")
    data["umur"] = _bulat_atau_kosong(data.get("umur"), "umur")
    data["layanan"] = _bulat_atau_kosong(data.get("layanan"), "layanan")
    return data


def _kios_kirim(token: str):
    return Kios.objects.select_related("unit").filter(token=token, aktif=True).order_by()


# Read on every submission (a deactivated kiosk is refused at once), with SQL compiled once.
_KIOS_KIRIM = KueriTetap(_kios_kirim)


@csrf_exempt  # a kiosk has no session; the secret kiosk token in the address identifies it
@require_POST
def kirim(request, token: str):
    """One questionnaire as JSON from a kiosk: 201 stored, 200 already stored, 400 refused for good
    (the kiosk drops it from its queue), 429 too many (it stays queued)."""
    # Its unit only (storing needs the unit and its PD's id, no names): the busiest public address.
    k = _KIOS_KIRIM.pertama(token)
    if k is None:
        raise Http404(TIDAK_BERLAKU)
    if panjang_isi(request) > BATAS_KIRIMAN:
        return _tolak("Kiriman terlalu besar untuk satu kuesioner.")
    try:
        badan = request.body
    except RequestDataTooBig:
        return _tolak("Kiriman terlalu besar untuk satu kuesioner.")
    if len(badan) > BATAS_KIRIMAN:
        return _tolak("Kiriman terlalu besar untuk satu kuesioner.")
    try:
        data = _baca_kiriman(badan)
        waktu = None
        if data.get("waktu"):
            try:
                waktu = parse_datetime(data["waktu"])
            except ValueError:
                waktu = None
            if waktu is None:
                raise ValidationError("Waktu pengisian tidak dapat dibaca (format ISO 8601).")
            if timezone.is_naive(waktu):
                waktu = timezone.make_aware(waktu)
        jenis = (
            JenisLayanan.objects.filter(pk=data["layanan"], unit=k.unit).first() if data["layanan"] else None
        )
        umur = services.baca_umur(None if data["umur"] is None else str(data["umur"]))
        r, baru = services.simpan_respons(
            unit=k.unit,
            kios=k,
            id_klien=data.get("id") or "",
            jawaban=data["jawaban"],
            sumber=R.Sumber.KIOS,
            waktu=waktu,
            jenis_layanan=jenis,
            umur=umur,
            jenis_kelamin=data.get("jenis_kelamin") or "",
            pendidikan=data.get("pendidikan") or "",
            pekerjaan=data.get("pekerjaan") or "",
            saran=data.get("saran") or "",
            alamat_hash=alamat_hash(request),
        )
    except services.TerlaluSering as e:
        return JsonResponse({"galat": str(e)}, status=429, headers={"Retry-After": str(e.tunggu)})
    except ValidationError as e:
        return _tolak(" ".join(e.messages))
    return JsonResponse({"id": str(r.id_klien), "baru": baru}, status=201 if baru else 200)


def _terima_kasih(request, k: Kios):
    jawab = render(request, "skm/terima_kasih.html", {"unit": k.unit, "k": k})
    # Going back and sending again would count a second questionnaire: the form says so.
    jawab.set_signed_cookie(
        f"skm_terkirim_{k.pk}",
        timezone.localtime().strftime("%H.%M"),
        salt="skm-terkirim",
        max_age=2 * 3600,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return jawab


def isi(request, token: str):
    """The same questionnaire as a plain form for a phone (from a link or QR code); no script needed.
    Opened by the phone token only; answers are dated by the server."""
    k = _ponsel(token)
    galat, nilai = GalatFormulir(), {}
    if request.method == "POST":
        nilai = request.POST
        jenis_id = id_atau_none(request.POST.get("layanan"))
        jenis = JenisLayanan.objects.filter(pk=jenis_id, unit=k.unit).first() if jenis_id else None
        jawaban = {u: request.POST.get(u) for u in ikm.UNSUR}
        umur = None
        try:
            umur = services.baca_umur(request.POST.get("umur"))
        except ValidationError as e:
            galat.tambah(e, "umur")
        try:
            if galat:  # the answers are checked too, so that every problem shows at once
                services.cek_jawaban(jawaban)
            else:
                services.simpan_respons(
                    unit=k.unit,
                    id_klien=request.POST.get("id", ""),
                    jawaban=jawaban,
                    sumber=R.Sumber.PONSEL,
                    jenis_layanan=jenis,
                    umur=umur,
                    jenis_kelamin=request.POST.get("jenis_kelamin", ""),
                    pendidikan=request.POST.get("pendidikan", ""),
                    pekerjaan=request.POST.get("pekerjaan", ""),
                    saran=request.POST.get("saran", ""),
                    kios=k,
                    alamat_hash=alamat_hash(request),
                )
        except services.TerlaluSering as e:
            return terlalu_sering(request, str(e), tunggu=e.tunggu)
        except ValidationError as e:
            galat.tambah(e)
        if not galat:
            return _terima_kasih(request, k)
    return render(
        request,
        "skm/isi.html",
        {
            "sudah_terkirim": request.get_signed_cookie(
                f"skm_terkirim_{k.pk}", default="", salt="skm-terkirim", max_age=2 * 3600
            ),
            "k": k,
            "unit": k.unit,
            "unsur": _pertanyaan(),
            "layanan": pilihan_layanan(k.unit),
            "profil": _profil(),
            "id": nilai.get("id") or uuid.uuid4(),
            "nilai": nilai,
            "galat": galat,
        },
    )


# --- results -----------------------------------------------------------------------------------------


def tabel_olah(hasil: ikm.HasilIKM, judul: str) -> Tabel:
    """The regulation's processing table: totals, NRR, weights, NRR tertimbang, IKM."""
    t = Tabel(
        kode="SKM",
        judul=judul,
        kepala=[[Kepala("Uraian"), *[Kepala(u) for u in ikm.UNSUR], Kepala("Jumlah")]],
        lebar=[34, *([11] * 9), 12],
        catatan=[
            f"{format_angka(hasil.responden)} responden. NRR = jumlah nilai ÷ jumlah jawaban unsur itu; bobot = 1/9 tepat "
            "(bukan 0,111 atau 0,11); IKM = Σ NRR tertimbang × 25, dihitung tanpa pembulatan lalu dibulatkan "
            "dua desimal (setengah ke atas) di akhir. NRR di tabel ditampilkan dengan dua desimal; hitungan memakai "
            "nilai penuhnya.",
        ],
    )

    def desimal(v, n=2):
        return Sel(bulat(v, n), ANGKA, desimal=n) if v is not None else KOSONG

    t.tambah([Sel("Nama unsur"), *[Sel(u.nama) for u in hasil.unsur], KOSONG])
    t.tambah(
        [
            Sel("Jumlah nilai per unsur"),
            *[Sel(u.jumlah, ANGKA) for u in hasil.unsur],
            Sel(sum(u.jumlah for u in hasil.unsur), ANGKA),
        ]
    )
    t.tambah([Sel("Jumlah jawaban"), *[Sel(u.responden, ANGKA) for u in hasil.unsur], KOSONG])
    t.tambah([Sel("NRR per unsur"), *[desimal(u.nrr) for u in hasil.unsur], KOSONG])
    t.tambah(
        [Sel("Bobot"), *[Sel(f"{u.bobot.numerator}/{u.bobot.denominator}") for u in hasil.unsur], Sel("1")]
    )
    t.tambah(
        [
            Sel("NRR tertimbang"),
            *[desimal(u.nrr_tertimbang) for u in hasil.unsur],
            desimal(hasil.nilai_interval),
        ]
    )
    ikm_sel = Sel(hasil.ikm, ANGKA, kelas="tebal") if hasil.ikm is not None else Sel("–")
    t.tambah([Sel("IKM = Σ NRR tertimbang × 25", kelas="tebal"), *[KOSONG] * 9, ikm_sel], "tebal")
    t.tambah(
        [
            Sel("Mutu pelayanan · kinerja unit"),
            *[KOSONG] * 9,
            Sel(f"{hasil.mutu or '–'} · {hasil.kinerja or '–'}"),
        ]
    )
    return t


def _dasar(request, pd: int):
    """PD, readable units, chosen units, period and service (?jenis=) of the results pages."""
    p = _pd(pd)
    wajib(cakupan(request.user).anggota_pd(p.pk), "Anda tidak mempunyai peran di perangkat daerah ini.")
    units = unit_terbaca(request, p)
    pilih = pilih_unit(request, units)
    ids = [u.pk for u in pilih]
    per = baca_periode(
        request, tahun_terakhir=lambda: services.tahun_terakhir(unit_ids=ids, pengguna=request.user)
    )
    teks = (request.GET.get("jenis") or "").strip()
    jenis_id = id_atau_none(teks) if teks else None
    if teks and (jenis_id is None or not JenisLayanan.objects.filter(pk=jenis_id, unit_id__in=ids).exists()):
        raise Http404(f"Layanan “{teks[:20]}” tidak dikenal di unit yang dipilih.")
    return p, units, pilih, per, jenis_id


@login_required
def hasil(request, pd: int):
    p, units, pilih, per, jenis_id = _dasar(request, pd)
    mulai, akhir = per.mulai, per.akhir
    ids = [u.pk for u in pilih]
    h = services.hasil_ikm(unit_ids=ids, mulai=mulai, akhir=akhir, jenis_id=jenis_id, pengguna=request.user)
    per_unit = dict(
        services.hasil_ikm_per(unit_ids=ids, mulai=mulai, akhir=akhir, per="unit", pengguna=request.user)
    )
    per_jenis = services.hasil_ikm_per(
        unit_ids=ids, mulai=mulai, akhir=akhir, per="jenis", pengguna=request.user
    )
    nama_jenis = {j.pk: j for j in JenisLayanan.objects.filter(pk__in=[k for k, _ in per_jenis if k])}
    per_bulan = services.hasil_ikm_per(
        unit_ids=ids, mulai=mulai, akhir=akhir, per="bulan", pengguna=request.user
    )
    populasi = rekap_layanan(
        pengguna=request.user, unit_ids=ids, mulai=mulai, akhir=akhir, jenis_id=jenis_id
    ).jumlah
    minimum = ikm.sampel_minimum(populasi)
    grafik = (
        garis(
            [NAMA_BULAN[b.month - 1] for b, _ in per_bulan],
            [("IKM", [x.ikm for _, x in per_bulan])],
            judul="IKM per bulan",
            bawah_sumbu=ikm.Decimal(60),
            atas_sumbu=ikm.Decimal(100),
            acuan=[(ikm.Decimal("76.61"), "B mulai 76,61"), (ikm.Decimal("88.31"), "A mulai 88,31")],
        )
        if per_bulan
        else ""
    )
    judul = f"Pengolahan IKM {pilih[0].nama if len(pilih) == 1 else p.nama} {mulai:%d-%m-%Y} s.d. {akhir:%d-%m-%Y}"
    t = tabel_olah(h, judul)
    kios = list(
        Kios.objects.filter(unit__in=pilih, aktif=True).select_related("unit")
    )  # switched-off ones open nothing
    return render(
        request,
        "skm/hasil.html",
        konteks_rekap(
            p,
            "skm",
            per=per,
            units=units,
            pilih=pilih,
            per_unit=per_unit,
            h=h,
            per_jenis=[(nama_jenis.get(k), x) for k, x in per_jenis],
            grafik=mark_safe(grafik),
            tabel=t,
            html=mark_safe(ke_html(t)),
            populasi=populasi,
            minimum=minimum,
            cukup=h.responden >= minimum if populasi else None,
            pita=ikm.rentang_pita(),
            kios=kios,
            query=request.GET.urlencode(),
            demo=Respons.objects.filter(unit_id__in=ids, sumber=R.Sumber.DEMO).exists(),
        ),
    )


@login_required
def olah_xlsx(request, pd: int):
    p, units, pilih, per, jenis_id = _dasar(request, pd)
    mulai, akhir = per.mulai, per.akhir
    h = services.hasil_ikm(
        unit_ids=[u.pk for u in pilih], mulai=mulai, akhir=akhir, jenis_id=jenis_id, pengguna=request.user
    )
    judul = f"Pengolahan IKM {pilih[0].nama if len(pilih) == 1 else p.nama} {mulai:%d-%m-%Y} s.d. {akhir:%d-%m-%Y}"
    jawab = HttpResponse(
        ke_xlsx(tabel_olah(h, judul)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    jawab["Content-Disposition"] = f'attachment; filename="IKM-{p.slug}-{per.tahun}-TW{per.sampai}.xlsx"'
    return jawab


@login_required
def respons_csv(request, pd: int):
    """Raw questionnaires (no personal identifiers are collected), one row each."""
    p, units, pilih, per, jenis_id = _dasar(request, pd)
    qs = (
        services._qs([u.pk for u in pilih], per.mulai, per.akhir, jenis_id)
        .select_related("unit", "jenis_layanan")
        .order_by("waktu", "id")
    )
    kepala = [
        "waktu",
        "unit",
        "layanan",
        "sumber",
        "umur",
        "jenis_kelamin",
        "pendidikan",
        "pekerjaan",
        *ikm.UNSUR,
        "saran",
    ]
    baris = (
        [
            timezone.localtime(r.waktu).strftime("%Y-%m-%d %H:%M"),
            r.unit.nama,
            r.jenis_layanan.nama if r.jenis_layanan else "",
            r.sumber,
            r.umur or "",
            r.jenis_kelamin,
            r.pendidikan,
            r.pekerjaan,
            *[getattr(r, f"u{i}") or "" for i in range(1, 10)],
            r.saran,
        ]
        for r in qs.iterator(chunk_size=2000)
    )
    return unduhan_csv([kepala, *baris], f"respons-skm-{p.slug}-{per.tahun}-TW{per.sampai}.csv")


def kode_qr(request, token: str):
    """The phone form's address as a QR code (SVG), to print beside the counter."""
    import segno

    k = _ponsel(token)
    alamat = request.build_absolute_uri(reverse("skm:isi", args=[k.token_ponsel]))
    buf = io.BytesIO()
    segno.make(alamat, error="m").save(buf, kind="svg", scale=6, title=f"Survei kepuasan {k.unit.nama}")
    return HttpResponse(buf.getvalue(), content_type="image/svg+xml")


@login_required
@require_POST
def buat_kios(request, pd: int):
    from django.contrib import messages
    from django.shortcuts import redirect

    p = _pd(pd)
    unit = get_object_or_404(p.unit_set, pk=request.POST.get("unit") or 0)
    k = services.buat_kios(pengguna=request.user, unit=unit, nama=request.POST.get("nama") or "")
    messages.success(request, f"Kios '{k.nama}' dibuat. Buka alamat kiosnya di tablet ruang pelayanan.")
    return redirect(reverse("skm:hasil", args=[p.pk]) + f"?unit={unit.pk}")
