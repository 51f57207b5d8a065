"""The page where a planner links an indicator to the one that continues it in later years."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from kinerja.core.parameter import id_atau_none
from kinerja.renstra import tautan
from kinerja.renstra.models import TautanIndikator
from kinerja.renstra.selectors import muat_rencana
from kinerja.renstra.views import _konteks, _versi
from kinerja.wilayah.izin import cakupan, wajib


def _teks(rentang: dict, ind_id: int) -> str:
    x = rentang.get(ind_id)
    if x is None:
        return "tanpa target"
    return str(x.awal) if x.awal == x.akhir else f"{x.awal}–{x.akhir}"


def _kirim(request, v) -> str:
    """Carry out one posted action; the message to show."""
    aksi = request.POST.get("aksi", "")
    alasan = request.POST.get("alasan", "")
    if aksi == "semua":
        n = tautan.tautkan_usulan_pasti(pengguna=request.user, r=muat_rencana(v), alasan=alasan)
        return f"{n} usulan pasti dikonfirmasi." if n else "Tidak ada usulan pasti yang tersisa."
    if aksi == "tautkan":
        lama, baru = id_atau_none(request.POST.get("lama")), id_atau_none(request.POST.get("baru"))
        if lama is None or baru is None:
            raise ValidationError("Pilih indikator lanjutan lebih dulu.")
        t = tautan.tautkan(pengguna=request.user, versi=v, lama_id=lama, baru_id=baru, alasan=alasan)
        return f"«{t.lama.nama}» kini dibaca bersama «{t.baru.nama}» sebagai satu ukuran."
    if aksi == "lepas":
        tid = id_atau_none(request.POST.get("tautan"))
        if tid is None:
            raise ValidationError("Tautan tidak dikenal; muat ulang halaman.")
        tautan.lepas(pengguna=request.user, versi=v, tautan_id=tid, alasan=alasan)
        return "Tautan dilepas: kedua indikator kembali dibaca sebagai ukuran terpisah."
    raise ValidationError("Perintah tidak dikenal; muat ulang halaman.")


@login_required
def tautan_indikator(request, versi: int):
    v = _versi(request, versi)
    boleh = cakupan(request.user).ubah_rencana(v.pd_id)
    if request.method == "POST":
        wajib(boleh, "Hanya perencana perangkat daerah ini yang dapat menautkan indikator.")
        try:
            messages.success(request, _kirim(request, v))
        except ValidationError as e:
            messages.error(request, "Tidak disimpan: " + " ".join(e.messages))
        return redirect(reverse("renstra:tautan_indikator", kwargs={"versi": v.pk}))
    r = muat_rencana(v)
    daftar = tautan.usulan(r)
    sudah = list(
        TautanIndikator.objects.filter(versi=v)
        .select_related("lama__node", "baru", "oleh")
        .order_by("lama__node__urutan", "lama__urutan")
    )
    rentang = tautan.rentang(r)
    for t in sudah:
        t.rentang_lama, t.rentang_baru = _teks(rentang, t.lama_id), _teks(rentang, t.baru_id)
    berlanjut = set(r.tautan.values())
    for u in daftar:
        u.rentang_calon = {c.pk: _teks(rentang, c.pk) for c in u.calon}
        # Other indicators of the element that start later: a planner may still choose one.
        u.lain = [
            (i, _teks(rentang, i.pk))
            for i in r.indikator.get(u.node.pk, [])
            if i.pk != u.lama.pk
            and i.pk not in berlanjut
            and i not in u.calon
            and i.pk in rentang
            and rentang[i.pk].awal > u.tahun_lama[1]
        ]
    pasti = [u for u in daftar if u.pasti]
    return render(
        request,
        "renstra/tautan.html",
        _konteks(
            v,
            "tautan",
            sudah=sudah,
            pasti=pasti,
            ragu=[u for u in daftar if not u.pasti and (u.calon or u.lain)],
            tanpa=[u for u in daftar if not u.calon and not u.lain],
            boleh=boleh,
        ),
    )
