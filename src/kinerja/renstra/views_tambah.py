"""A new PD's first Renstra, and the editor's additions and deletions in a draft version.

A PD without a plan gets an empty draft (period, name, legal basis) and then either imports a
Tabel 6.2 workbook on the version page or types its plan here: tujuan at the root, each lower
level under its parent, indicators with targets on any element, pagu on sub kegiatan. A refused
form comes back with everything typed and each wrong field marked. Deleting shows first what
goes with the element, or why it may not go.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from kinerja.core.galat_formulir import GalatFormulir
from kinerja.renstra import services
from kinerja.renstra.models import Indikator, PlanNode, RenstraVersi
from kinerja.renstra.selectors import versi_utama
from kinerja.renstra.views import _konteks
from kinerja.renstra.views_ubah import _Formulir, _label_kisi, _lokasi_editor, _wajib_perencana
from kinerja.wilayah.izin import cakupan, wajib
from kinerja.wilayah.models import PerangkatDaerah

T = PlanNode.Tingkat
PESAN_PERENCANA = "Hanya perencana atau administrator perangkat daerah ini yang dapat menyusun rencananya."


def _galat_ke_formulir(f: _Formulir, e: ValidationError) -> None:
    semua = e.message_dict if hasattr(e, "error_dict") else {"__all__": e.messages}
    umum = semua.pop("__all__", [])
    f.galat.update(semua)
    if f.galat:
        f.ringkas.append(
            f"Tidak disimpan: {len(f.galat)} isian perlu diperbaiki (ditandai di bawah). "
            "Isian Anda masih ada di formulir."
        )
    f.ringkas += umum


@login_required
def renstra_pertama(request, pd: int):
    """Create the first Renstra version of a PD that has none, as an empty draft."""
    perangkat = get_object_or_404(PerangkatDaerah.objects.select_related("pemda"), pk=pd)
    wajib(cakupan(request.user).ubah_rencana(perangkat.pk), PESAN_PERENCANA)
    ada = versi_utama(perangkat)
    if ada is not None:
        messages.info(request, f"{perangkat.nama} sudah mempunyai Renstra: {ada.nama}.")
        return redirect("renstra:susun", versi=ada.pk)
    isian = {"tahun_mulai": "", "tahun_akhir": "", "nama": "", "dasar_hukum": "", "bukan_lima_tahun": ""}
    galat = GalatFormulir()
    if request.method == "POST":
        isian = {k: request.POST.get(k, "").strip() for k in isian}
        try:
            v = services.buat_renstra_pertama(
                pengguna=request.user,
                pd=perangkat,
                tahun_mulai=isian["tahun_mulai"],
                tahun_akhir=isian["tahun_akhir"],
                nama=isian["nama"],
                dasar_hukum=isian["dasar_hukum"],
                bukan_lima_tahun=bool(isian["bukan_lima_tahun"]),
            )
        except ValidationError as e:
            galat.tambah(e)
        else:
            messages.success(
                request, f"{v.nama} dibuat sebagai draf. Isi rencananya dengan impor atau editor."
            )
            return redirect("renstra:susun", versi=v.pk)
    return render(
        request,
        "renstra/renstra_pertama.html",
        {"pd": perangkat, "pemda": perangkat.pemda, "bagian": "renstra", "isian": isian, "galat": galat},
        status=400 if galat else 200,
    )


def _pohon(v: RenstraVersi) -> list[dict]:
    """The version's elements as nested dicts (element, its indicators, its children), in order."""
    node = list(v.node_set.order_by("urutan", "pk"))
    indikator: dict[int, list[Indikator]] = {}
    for i in Indikator.objects.filter(node__versi=v).order_by("urutan", "pk"):
        indikator.setdefault(i.node_id, []).append(i)
    simpul = {n.pk: {"node": n, "indikator": indikator.get(n.pk, []), "anak": []} for n in node}
    akar = []
    for n in node:
        (simpul[n.induk_id]["anak"] if n.induk_id in simpul else akar).append(simpul[n.pk])
    return akar


@login_required
def susun(request, versi: int):
    """The editor's map of a version: every element and indicator, with add, edit and delete."""
    v = _wajib_perencana(request, versi)
    return render(
        request,
        "renstra/susun.html",
        _konteks(
            v,
            "kaskade",
            pohon=_pohon(v),
            boleh=v.status == RenstraVersi.Status.DRAFT,
            anak_dari={t.value: T(t + 1).label for t in T if t < T.SUB_KEGIATAN},
        ),
    )


@login_required
def tambah_unsur(request, versi: int, node: int | None = None):
    """Add a tujuan (no parent) or the element one level below ``node``."""
    v = _wajib_perencana(request, versi)
    induk = get_object_or_404(PlanNode, pk=node, versi=v) if node is not None else None
    tingkat = T.TUJUAN if induk is None else induk.tingkat + 1
    if tingkat > T.SUB_KEGIATAN:
        messages.error(request, "Sub kegiatan adalah tingkat terbawah: di bawahnya hanya ada indikator.")
        return redirect("renstra:susun", versi=v.pk)
    tahun = v.tahun_rencana
    kosong = {"kode": "", "nama": ""}
    if tingkat == T.SUB_KEGIATAN:
        kosong |= {services.kunci_sel("pagu", lok, y): "" for lok, _ in _lokasi_editor(v) for y in tahun}
    f = _Formulir(request, (), kosong, {"kode": "Kode", "nama": "Nama", **_label_kisi(v, "Pagu", tahun)})
    boleh = v.status == RenstraVersi.Status.DRAFT
    if f.dikirim:
        try:
            n = services.tambah_unsur(
                pengguna=request.user,
                versi=v,
                induk=induk,
                kode=f.isian["kode"],
                nama=f.isian["nama"],
                pagu=f.kisi("pagu") if tingkat == T.SUB_KEGIATAN else None,
            )
        except ValidationError as e:
            _galat_ke_formulir(f, e)
        else:
            messages.success(request, f"{T(tingkat).label} {n} ditambahkan.")
            return redirect("renstra:susun", versi=v.pk)
    return render(
        request,
        "renstra/tambah_unsur.html",
        _konteks(
            v,
            "kaskade",
            induk=induk,
            tingkat=T(tingkat),
            f=f,
            kode=f.sel("kode"),
            nama=f.sel("nama"),
            tahun=tahun,
            kisi=f.baris(v, "pagu", tahun) if tingkat == T.SUB_KEGIATAN else [],
            boleh=boleh,
            contoh_kode=services.CONTOH_KODE.get(tingkat, ""),
        ),
        status=f.status,
    )


@login_required
def tambah_indikator(request, versi: int, node: int):
    """Add an indicator to an element, with its targets per lokasi and year."""
    v = _wajib_perencana(request, versi)
    n = get_object_or_404(PlanNode, pk=node, versi=v)
    tahun = v.tahun_rencana
    kosong = {"nama": "", "satuan": "", "definisi": ""}
    kosong |= {services.kunci_sel("target", lok, y): "" for lok, _ in _lokasi_editor(v) for y in tahun}
    label = {"nama": "Nama", "satuan": "Satuan", "definisi": "Definisi", **_label_kisi(v, "Target", tahun)}
    nasional = n.nomenklatur if n.nomenklatur_id and n.tingkat == T.SUB_KEGIATAN else None
    if nasional is not None and nasional.indikator and not n.indikator_set.exists():
        # The national list names a sub kegiatan's indicator: offered, to be kept or changed.
        kosong |= {"nama": nasional.indikator, "satuan": nasional.satuan[:60]}
    f = _Formulir(request, (), kosong, label)
    if f.dikirim:
        try:
            ind = services.tambah_indikator_unsur(
                pengguna=request.user,
                node=n,
                nama=f.isian["nama"],
                satuan=f.isian["satuan"],
                definisi=f.isian["definisi"],
                target=f.kisi("target"),
            )
        except ValidationError as e:
            _galat_ke_formulir(f, e)
        else:
            messages.success(
                request, f"Indikator «{ind.nama}» ditambahkan pada {n.get_tingkat_display().lower()}."
            )
            return redirect("renstra:susun", versi=v.pk)
    return render(
        request,
        "renstra/tambah_indikator.html",
        _konteks(
            v,
            "kaskade",
            node=n,
            f=f,
            sel={k: f.sel(k) for k in ("nama", "satuan", "definisi")},
            tahun=tahun,
            kisi=f.baris(v, "target", tahun),
            boleh=v.status == RenstraVersi.Status.DRAFT,
            dari_nomenklatur=nasional is not None and nasional.indikator and not f.dikirim,
        ),
        status=f.status,
    )


def _hapus(request, v: RenstraVersi, objek, judul: str):
    dampak = services.dampak_hapus(pengguna=request.user, versi=v, objek=objek)
    galat = GalatFormulir()
    alasan = request.POST.get("alasan", "") if request.method == "POST" else ""
    if request.method == "POST":
        try:
            services.hapus_rencana(pengguna=request.user, versi=v, objek=objek, alasan=alasan)
        except ValidationError as e:
            galat.tambah(e)
        else:
            messages.success(request, f"{judul} dihapus.")
            return redirect("renstra:susun", versi=v.pk)
    return render(
        request,
        "renstra/hapus.html",
        _konteks(v, "kaskade", objek=objek, judul=judul, dampak=dampak, galat=galat, alasan=alasan),
        status=400 if galat else 200,
    )


@login_required
def hapus_unsur(request, versi: int, node: int):
    v = _wajib_perencana(request, versi)
    n = get_object_or_404(PlanNode, pk=node, versi=v)
    return _hapus(request, v, n, f"{n.get_tingkat_display()} {n}")


@login_required
def hapus_indikator(request, versi: int, indikator: int):
    v = _wajib_perencana(request, versi)
    ind = get_object_or_404(Indikator.objects.select_related("node"), pk=indikator, node__versi=v)
    return _hapus(request, v, ind, f"Indikator «{ind.nama}»")
