"""Editors of a draft version: an element (code, name, pagu) and an indicator (rules, targets).

A form that cannot be saved is shown again with everything typed in it, each refused
cell marked with its message; nothing is saved until every cell is right and the change
has a reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from kinerja.core import angka, audit
from kinerja.renstra import services
from kinerja.renstra.models import Indikator, PlanNode, RenstraVersi
from kinerja.renstra.views import _konteks, _versi
from kinerja.wilayah.izin import cakupan, wajib

T = PlanNode.Tingkat


def _lokasi_editor(v: RenstraVersi) -> list[tuple[int | None, str]]:
    return [(None, "Tanpa lokasi (seluruh PD)")] + [
        (u.pk, u.nama_pendek) for u in v.pd.unit_set.order_by("urutan", "nama") if u.adalah_lokasi
    ]


class _Formulir:
    """Values shown in an editor: stored ones, or the ones just posted, with their errors."""

    def __init__(self, request, bidang: tuple[str, ...], tersimpan: dict[str, str], label: dict[str, str]):
        self.label = {**label, "alasan": "Alasan perubahan"}
        self.isian = dict(tersimpan)
        self.asli = dict(tersimpan)
        self.galat: dict[str, list[str]] = {}
        self.ringkas: list[str] = []
        self.alasan = ""
        self.dikirim = request.method == "POST"
        if self.dikirim:
            post = request.POST
            for k in self.isian:
                if k in post:
                    self.isian[k] = post.get(k, "")
                    self.asli[k] = post.get(f"asli-{k}", "")
            self.alasan = post.get("alasan", "")
        self.bidang = {k: (self.asli[k], self.isian[k]) for k in bidang if k in self.isian}

    def kisi(self, jenis: str) -> dict:
        """(lokasi, year) → (value when opened, value typed) of one grid, for the service."""
        hasil = {}
        for k in self.isian:
            if k.startswith(jenis + "-"):
                _, lok, tahun = k.split("-")
                hasil[(int(lok) or None, int(tahun))] = (self.asli[k], self.isian[k])
        return hasil

    def baris(self, v: RenstraVersi, jenis: str, tahun: list[int]) -> list[dict]:
        return [
            {"nama": nama, "sel": [self.sel(services.kunci_sel(jenis, lok, y), y) for y in tahun]}
            for lok, nama in _lokasi_editor(v)
        ]

    def sel(self, kunci: str, tahun: int | None = None) -> dict:
        return {
            "kunci": kunci,
            "tahun": tahun,
            "nilai": self.isian.get(kunci, ""),
            "asli": self.asli.get(kunci, ""),
            "galat": self.galat.get(kunci, []),
        }

    def simpan(self, request, v: RenstraVersi, objek, **isian) -> bool:
        """Save through the service; on refusal keep every typed value and mark the cells."""
        try:
            jumlah = services.ubah_rencana(
                pengguna=request.user, versi=v, objek=objek, alasan=self.alasan, bidang=self.bidang, **isian
            )
        except services.BentrokRencana as e:
            for k, sekarang in e.sel.items():
                self.galat[k] = [
                    f"Sudah diubah orang lain menjadi '{sekarang or '(kosong)'}' sejak halaman dibuka. Isian Anda "
                    "tetap di sini; simpan lagi untuk menimpanya, atau ganti isiannya."
                ]
                self.asli[k] = sekarang
            self.ringkas.append(
                "Tidak disimpan: nilai berikut sudah diubah orang lain sejak halaman dibuka — "
                + "; ".join(e.pesan)
                + "."
            )
            return False
        except ValidationError as e:
            semua = e.message_dict if hasattr(e, "error_dict") else {"__all__": e.messages}
            umum = semua.pop("__all__", [])
            self.galat.update(semua)
            if self.galat:
                self.ringkas.append(
                    f"Tidak disimpan: {len(self.galat)} isian perlu diperbaiki (ditandai di bawah). "
                    "Isian lain masih ada di formulir dan belum disimpan."
                )
            self.ringkas += umum
            return False
        messages.success(request, f"{jumlah} nilai diubah." if jumlah else "Tidak ada yang berubah.")
        return True

    @property
    def ringkas_medan(self) -> list[tuple[str, str]]:
        """(field key, message) of every refused field, for the summary's links to the fields."""
        return [(k, f"{self._label_kunci(k)}: {' '.join(v)}") for k, v in self.galat.items()]

    def _label_kunci(self, kunci: str) -> str:
        if kunci in self.label:
            return self.label[kunci]
        jenis, _, sisa = kunci.partition("-")
        return f"{self.label.get(jenis, jenis)} {sisa}".strip()

    @property
    def alasan_sel(self) -> dict:
        return {"kunci": "alasan", "galat": self.galat.get("alasan", [])}

    @property
    def status(self) -> int:
        return 400 if self.ringkas or self.galat else 200


def _label_kisi(v: RenstraVersi, jenis: str, tahun: list[int]) -> dict[str, str]:
    return {
        services.kunci_sel(jenis.lower(), lok, y): f"{jenis} {nama} {y}"
        for lok, nama in _lokasi_editor(v)
        for y in tahun
    }


def _wajib_perencana(request, versi: int) -> RenstraVersi:
    v = _versi(request, versi)
    wajib(cakupan(request.user).ubah_rencana(v.pd_id), "Hanya perencana yang dapat mengubah rencana.")
    return v


@login_required
def ubah_unsur(request, versi: int, node: int):
    """Edit an element of a draft version: code and name, its indicators' list, its pagu."""
    v = _wajib_perencana(request, versi)
    n = get_object_or_404(PlanNode, pk=node, versi=v)
    tahun = v.tahun_rencana
    tersimpan = {k: str(getattr(n, k) or "") for k in services.BIDANG_NODE}
    if n.tingkat == T.SUB_KEGIATAN:
        pagu = {(p.lokasi_id, p.tahun): angka.format_rupiah(p.jumlah) for p in n.pagu_set.all()}
        for lok, _ in _lokasi_editor(v):
            for y in tahun:
                tersimpan[services.kunci_sel("pagu", lok, y)] = pagu.get((lok, y), "")
    label = {"kode": "Kode", "nama": "Nama", **_label_kisi(v, "Pagu", tahun)}
    f = _Formulir(request, services.BIDANG_NODE, tersimpan, label)
    if f.dikirim:
        pagu = f.kisi("pagu") if n.tingkat == T.SUB_KEGIATAN else None
        if f.simpan(request, v, n, pagu=pagu):
            return redirect("renstra:ubah_unsur", versi=v.pk, node=n.pk)
    return render(
        request,
        "renstra/ubah_unsur.html",
        _konteks(
            v,
            "kaskade",
            node=n,
            f=f,
            kode=f.sel("kode"),
            nama=f.sel("nama"),
            tahun=tahun,
            kisi=f.baris(v, "pagu", tahun) if n.tingkat == T.SUB_KEGIATAN else [],
            indikator=list(n.indikator_set.order_by("urutan")),
            boleh=v.status == RenstraVersi.Status.DRAFT,
            riwayat=audit.riwayat(n),
        ),
        status=f.status,
    )


@login_required
def ubah_indikator(request, versi: int, indikator: int):
    """Edit an indicator of a draft version: its rules and its targets per lokasi and year."""
    v = _wajib_perencana(request, versi)
    ind = get_object_or_404(Indikator.objects.select_related("node"), pk=indikator, node__versi=v)
    tahun = v.tahun_rencana
    tersimpan = {k: str(getattr(ind, k) or "") for k in services.BIDANG_INDIKATOR}
    target = {(t.lokasi_id, t.tahun): t.teks for t in ind.target_set.all()}
    for lok, _ in _lokasi_editor(v):
        for y in tahun:
            tersimpan[services.kunci_sel("target", lok, y)] = target.get((lok, y), "")
    label = {"nama": "Nama", "satuan": "Satuan", "definisi": "Definisi", **_label_kisi(v, "Target", tahun)}
    f = _Formulir(request, services.BIDANG_INDIKATOR, tersimpan, label)
    if f.dikirim and f.simpan(request, v, ind, target=f.kisi("target")):
        return redirect("renstra:ubah_indikator", versi=v.pk, indikator=ind.pk)
    pilihan = {
        "arah": Indikator.Arah.choices,
        "jenis_nilai": Indikator.JenisNilai.choices,
        "agregasi_akhir": Indikator.Agregasi.choices,
        "agregasi_triwulan": Indikator._meta.get_field("agregasi_triwulan").choices,
    }
    return render(
        request,
        "renstra/ubah_indikator.html",
        _konteks(
            v,
            "kaskade",
            ind=ind,
            f=f,
            sel={k: f.sel(k) for k in services.BIDANG_INDIKATOR},
            tahun=tahun,
            kisi=f.baris(v, "target", tahun),
            pilihan=pilihan,
            boleh=v.status == RenstraVersi.Status.DRAFT,
            riwayat=audit.riwayat(ind),
        ),
        status=f.status,
    )
