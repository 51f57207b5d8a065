"""Reading a workbook in the Tabel 6.2 layout into a new plan version.

Every row is checked first; if any row is wrong, every error is returned with its
sheet and row number and nothing is saved.  Otherwise the version, its tree,
indicators, baselines, targets and pagu are written in one transaction, and the
workbook's own rows (with the totals it printed) are kept for the checker.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from kinerja.core import angka
from kinerja.core.audit import catat
from kinerja.renstra import aturan, services
from kinerja.renstra import nomenklatur as nmk
from kinerja.renstra.models import (
    BarisCetak,
    Indikator,
    KondisiAwal,
    Nomenklatur,
    Pagu,
    PlanNode,
    RenstraVersi,
    SumberDokumen,
    Target,
)
from kinerja.renstra.tabel_dokumen import tahun_6_2
from kinerja.wilayah.models import PerangkatDaerah

T = PlanNode.Tingkat
NILAI_TARGET_SAH = {angka.ANGKA, angka.PERSEN, angka.LABEL, angka.NA, angka.STRIP, angka.TAK_TERBACA}


@dataclass
class GalatImpor:
    lembar: str
    baris: int
    pesan: str

    def __str__(self) -> str:
        tempat = f"lembar '{self.lembar}', baris {self.baris}" if self.baris else f"lembar '{self.lembar}'"
        return f"{tempat}: {self.pesan}"


class ImporGagal(Exception):
    def __init__(self, galat: list[GalatImpor]):
        self.galat = galat
        super().__init__(f"{len(galat)} kesalahan; tidak ada yang disimpan.")


@dataclass
class _Kolom:
    tujuan: int | None = None
    sasaran: int | None = None
    kode: int | None = None
    nama: int | None = None
    indikator: int | None = None
    formulasi: int | None = None
    satuan: int | None = None
    data_awal: int | None = None
    tahun: dict[int, tuple[int, int]] = field(default_factory=dict)
    akhir_k: int | None = None
    akhir_rp: int | None = None
    unit_kerja: int | None = None
    lokasi: int | None = None
    tahun_awal: int | None = None


@dataclass
class _BarisData:
    nomor: int
    tingkat: int
    node_kunci: int  # index into the node list
    indikator: str
    formulasi: str
    satuan: str
    data_awal: str
    k: dict[int, str]
    rp: dict[int, Decimal | None]
    rp_teks: dict[int, str]
    akhir_k: str
    akhir_rp: str
    lokasi_id: int | None
    lokasi_teks: str
    sel: dict


@dataclass
class _NodeData:
    tingkat: int
    kode: str
    nama: str
    induk: int | None
    nomor: int
    unit_kerja_id: int | None = None


def _teks(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        d = Decimal(repr(v))
        return angka.format_angka(d) if d != d.to_integral_value() else str(int(d))
    if isinstance(v, int):
        return str(v)
    return " ".join(str(v).split())


def _angka_sel(v) -> Decimal | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        try:
            return Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
        except InvalidOperation:
            return None
    return None


def _teks_target(v) -> str:
    """A K cell as the text a Target stores (numbers written the Indonesian way)."""
    d = _angka_sel(v)
    if d is not None:
        return angka.format_angka(d.normalize() if d == d.to_integral_value() else d, None)
    return _teks(v)


def _cari_kolom(baris_kepala: list[list], jumlah: int) -> tuple[_Kolom, list[str]]:
    """Read the header rows of a Tabel 6.2 sheet."""
    kol = _Kolom()
    masalah = []
    gabung = []
    for c in range(jumlah):
        teks = " ".join(_teks(r[c]) for r in baris_kepala if c < len(r) and r[c] is not None).lower()
        gabung.append(teks)
    kr = None
    for r in baris_kepala:
        isi = [_teks(x).upper() for x in r]
        if isi.count("K") >= 2 and "RP" in isi:
            kr = r
    tahun_baris = None
    for r in baris_kepala:
        jumlah_tahun = sum(1 for x in r if re.fullmatch(r"(19|20)\d\d", _teks(x)))
        if jumlah_tahun >= 2:
            tahun_baris = r
    for c, teks in enumerate(gabung):
        if teks.startswith("tujuan"):
            kol.tujuan = c
        elif teks.startswith("sasaran"):
            kol.sasaran = c
        elif teks.startswith("kode"):
            kol.kode = c
        elif "program" in teks and "kegiatan" in teks and kol.nama is None and not teks.startswith("target"):
            kol.nama = c
        elif teks.startswith("indikator"):
            kol.indikator = c
        elif teks.startswith("formulasi"):
            kol.formulasi = c
        elif teks.startswith("satuan"):
            kol.satuan = c
        elif teks.startswith("data"):
            kol.data_awal = c
            m = re.search(r"(19|20)\d\d", teks)
            kol.tahun_awal = int(m.group(0)) if m else None
        elif teks.startswith("unit kerja"):
            kol.unit_kerja = c
        elif teks.startswith("lokasi"):
            kol.lokasi = c
    if kr is None or tahun_baris is None:
        masalah.append("baris judul kolom tahun (K dan Rp per tahun) tidak ditemukan")
        return kol, masalah
    tahun_sekarang = None
    mode_akhir = False
    for c in range(jumlah):
        t = _teks(tahun_baris[c]) if c < len(tahun_baris) else ""
        jenis = _teks(kr[c]).upper() if c < len(kr) else ""
        if jenis == "K":
            mode_akhir = "kondisi" in gabung[c] or "akhir" in gabung[c]
            if mode_akhir:
                kol.akhir_k = c
                continue
            if re.fullmatch(r"(19|20)\d\d", t):
                tahun_sekarang = int(t)
            if tahun_sekarang:
                kol.tahun[tahun_sekarang] = (c, kol.tahun.get(tahun_sekarang, (None, None))[1])
        elif jenis == "RP":
            if mode_akhir:
                kol.akhir_rp = c
            elif tahun_sekarang:
                kol.tahun[tahun_sekarang] = (kol.tahun.get(tahun_sekarang, (None, None))[0], c)
    for nama in ("tujuan", "sasaran", "kode", "nama", "indikator", "lokasi"):
        if getattr(kol, nama) is None:
            masalah.append(
                f"kolom '{nama.replace('nama', 'Program, Kegiatan dan Sub Kegiatan')}' tidak ditemukan"
            )
    for y, (k, rp) in kol.tahun.items():
        if k is None or rp is None:
            masalah.append(f"tahun {y} harus mempunyai kolom K dan Rp")
    return kol, masalah


def _pilih_lembar(wb) -> list:
    for ws in wb.worksheets:
        if "6.2" in ws.title:
            return [ws]
    return [wb.worksheets[0]]


@dataclass
class HasilImpor:
    versi: RenstraVersi
    node: int
    indikator: int
    target: int
    pagu: int


def baca_buku_kerja(
    path: str | Path,
    *,
    pd: PerangkatDaerah | None = None,
    dari: RenstraVersi | None = None,
    nama: str = "",
    pengguna=None,
) -> HasilImpor:
    """Validate the workbook completely, then save it as a new version (or raise ImporGagal)."""
    import openpyxl

    path = Path(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # noqa: BLE001 - any unreadable file gets the same clear message
        raise ImporGagal(
            [GalatImpor(path.name, 0, f"berkas tidak dapat dibaca sebagai XLSX ({e.__class__.__name__})")]
        ) from e
    galat: list[GalatImpor] = []
    lembar = _pilih_lembar(wb)[0]
    semua = [list(r) for r in lembar.iter_rows(values_only=True)]
    wb.close()
    nama_lembar = lembar.title
    jumlah_kolom = max((len(r) for r in semua), default=0)
    semua = [r + [None] * (jumlah_kolom - len(r)) for r in semua]
    # the header ends at the row numbering the columns 1, 2, 3, ...
    akhir_kepala = None
    for i, r in enumerate(semua):
        nilai = [_teks(x) for x in r if x is not None and _teks(x) != ""]
        if len(nilai) >= 8 and nilai == [str(n) for n in range(1, len(nilai) + 1)]:
            akhir_kepala = i
            break
    if akhir_kepala is None:
        raise ImporGagal(
            [
                GalatImpor(
                    nama_lembar,
                    0,
                    "baris nomor kolom (1, 2, 3, …) di bawah judul kolom tidak ditemukan; "
                    "pakai buku kerja hasil ekspor Tabel 6.2 sebagai contoh",
                )
            ]
        )
    awal_kepala = max(0, akhir_kepala - 4)
    while awal_kepala < akhir_kepala and not any(
        _teks(x).lower().startswith("tujuan") for x in semua[awal_kepala]
    ):
        awal_kepala += 1
    kol, masalah = _cari_kolom(semua[awal_kepala:akhir_kepala], jumlah_kolom)
    if masalah:
        raise ImporGagal([GalatImpor(nama_lembar, akhir_kepala, m) for m in masalah])
    judul = " ".join(_teks(x) for r in semua[:awal_kepala] for x in r if x)
    if pd is None:
        pd = _tebak_pd(judul)
        if pd is None:
            raise ImporGagal(
                [
                    GalatImpor(
                        nama_lembar,
                        1,
                        "perangkat daerah tidak dapat ditentukan dari judul; sebutkan dengan --pd",
                    )
                ]
            )
    tahun = sorted(kol.tahun)
    if dari is None:
        dari = (
            next(
                (
                    v
                    for v in pd.renstra_set.select_related("rpjmd").order_by("-id")
                    if tahun_6_2(_RencanaRingan(v)) == tahun
                ),
                None,
            )
            or pd.renstra_set.order_by("-id").first()
        )
    if dari is not None:
        for y in tahun:
            if not dari.tahun_mulai <= y <= dari.tahun_akhir:
                galat.append(
                    GalatImpor(
                        nama_lembar,
                        akhir_kepala,
                        f"tahun {y} di luar periode {dari.nama} ({dari.tahun_mulai}–{dari.tahun_akhir})",
                    )
                )
    units = list(pd.unit_set.all())
    lokasi = {}
    for u in units:
        if u.adalah_lokasi:
            for kunci in (u.nama_pendek, u.nama):
                lokasi[kunci.casefold()] = u
    unit_nama = {u.nama.casefold(): u for u in units}

    nodes: list[_NodeData] = []
    data: list[_BarisData] = []
    sekarang: dict[int, int] = {}
    sudah: set[tuple[int, str, int | None]] = set()

    def sel(r, c):
        return r[c] if c is not None and c < len(r) else None

    for i in range(akhir_kepala + 1, len(semua)):
        r = semua[i]
        nomor = i + 1
        if all(x is None or _teks(x) == "" for x in r):
            if data or nodes:
                break  # the table ends at its first empty row; notes may follow
            continue
        tujuan, sasaran = _teks(sel(r, kol.tujuan)), _teks(sel(r, kol.sasaran))
        kode, nama_node = _teks(sel(r, kol.kode)), _teks(sel(r, kol.nama))
        err_awal = len(galat)
        tingkat = None
        if tujuan:
            tingkat, nama_baru, kode = T.TUJUAN, tujuan, ""
        elif sasaran:
            tingkat, nama_baru, kode = T.SASARAN, sasaran, ""
        elif kode or nama_node:
            if not kode:
                galat.append(
                    GalatImpor(
                        nama_lembar,
                        nomor,
                        f"'{nama_node[:60]}' tidak berkode; kode program/kegiatan/sub kegiatan wajib diisi",
                    )
                )
                continue
            if not nama_node:
                galat.append(
                    GalatImpor(nama_lembar, nomor, f"kode {kode} tanpa nama program/kegiatan/sub kegiatan")
                )
                continue
            jenis = nmk.tingkat_dari_kode(kode)
            if jenis is None or not re.fullmatch(r"[0-9A-Za-z]+(\.[0-9A-Za-z]+)*", kode):
                galat.append(
                    GalatImpor(
                        nama_lembar,
                        nomor,
                        f"kode '{kode}' bukan kode program (3 bagian), kegiatan (5) atau sub kegiatan (6)",
                    )
                )
                continue
            tingkat = {"program": T.PROGRAM, "kegiatan": T.KEGIATAN, "sub_kegiatan": T.SUB_KEGIATAN}[jenis]
            nama_baru = nama_node
        if tingkat is not None:
            induk = None
            if tingkat > T.TUJUAN:
                induk = sekarang.get(tingkat - 1)
                if induk is None:
                    atas = T(tingkat - 1).label.lower()
                    galat.append(
                        GalatImpor(
                            nama_lembar,
                            nomor,
                            f"{T(tingkat).label.lower()} '{nama_baru[:60]}' tanpa {atas} di atasnya",
                        )
                    )
                    continue
                if tingkat >= T.KEGIATAN and nodes[induk].kode and nmk.kode_induk(kode) != nodes[induk].kode:
                    galat.append(
                        GalatImpor(
                            nama_lembar,
                            nomor,
                            f"{T(tingkat).label.lower()} {kode} tidak termasuk {T(tingkat - 1).label.lower()} "
                            f"{nodes[induk].kode} yang tercetak di atasnya (menurut kodenya milik {nmk.kode_induk(kode)})",
                        )
                    )
                    continue
            uk = _teks(sel(r, kol.unit_kerja))
            unit_kerja_id = None
            if uk:
                u = unit_nama.get(uk.casefold())
                if u is None:
                    galat.append(
                        GalatImpor(nama_lembar, nomor, f"unit kerja '{uk}' tidak dikenal di {pd.nama}")
                    )
                else:
                    unit_kerja_id = u.pk
            nodes.append(_NodeData(tingkat, kode, nama_baru, induk, nomor, unit_kerja_id))
            sekarang[tingkat] = len(nodes) - 1
            for t in range(tingkat + 1, T.SUB_KEGIATAN + 1):
                sekarang.pop(t, None)
            node_idx = len(nodes) - 1
        else:
            if not sekarang:
                galat.append(
                    GalatImpor(
                        nama_lembar,
                        nomor,
                        "baris ini tidak berada di bawah tujuan, sasaran, program, kegiatan atau sub kegiatan mana pun",
                    )
                )
                continue
            node_idx = sekarang[max(sekarang)]
        node = nodes[node_idx]
        lok_teks = _teks(sel(r, kol.lokasi))
        lok_id = None
        if lok_teks:
            if node.tingkat != T.SUB_KEGIATAN:
                galat.append(
                    GalatImpor(
                        nama_lembar, nomor, f"lokasi '{lok_teks}' hanya boleh diisi pada baris sub kegiatan"
                    )
                )
            else:
                u = lokasi.get(lok_teks.casefold()) or lokasi.get(("kelurahan " + lok_teks).casefold())
                if u is None:
                    pilihan = ", ".join(x.nama_pendek for x in units if x.adalah_lokasi)
                    galat.append(
                        GalatImpor(
                            nama_lembar,
                            nomor,
                            f"lokasi '{lok_teks}' tidak dikenal di {pd.nama} (pilihan: {pilihan})",
                        )
                    )
                else:
                    lok_id = u.pk
        ind_nama = _teks(sel(r, kol.indikator))
        for label, isi, batas in (
            ("kode", kode, 40),
            ("satuan", _teks(sel(r, kol.satuan)), 60),
        ):
            if len(isi) > batas:
                galat.append(
                    GalatImpor(nama_lembar, nomor, f"{label} '{isi[:30]}…' lebih dari {batas} karakter")
                )
        k, rp, rp_teks = {}, {}, {}
        for y, (ck, crp) in kol.tahun.items():
            vk, vrp = sel(r, ck), sel(r, crp)
            tk = _teks_target(vk)
            if len(tk) > 80:
                galat.append(GalatImpor(nama_lembar, nomor, f"target {y} lebih dari 80 karakter"))
            elif tk:
                n = angka.baca(tk)
                if n.jenis not in NILAI_TARGET_SAH:
                    galat.append(
                        GalatImpor(
                            nama_lembar,
                            nomor,
                            f"target {y} '{tk}' bukan angka, persen, predikat, NA atau '-'",
                        )
                    )
                elif not ind_nama:
                    galat.append(GalatImpor(nama_lembar, nomor, f"target {y} diisi tanpa nama indikator"))
            k[y] = tk
            rp_teks[y] = _teks(vrp)
            d = _angka_sel(vrp)
            if vrp is None or _teks(vrp) == "":
                rp[y] = None
            elif d is not None:
                if d < 0:
                    galat.append(GalatImpor(nama_lembar, nomor, f"pagu {y} tidak boleh negatif"))
                rp[y] = d
            else:
                n = angka.baca(_teks(vrp), bulat=True)
                if n.jenis == angka.STRIP:
                    rp[y] = Decimal(0)
                elif n.jenis == angka.ANGKA and n.angka is not None and not n.satuan and not n.terpotong:
                    rp[y] = n.angka
                else:
                    galat.append(
                        GalatImpor(
                            nama_lembar,
                            nomor,
                            f"pagu {y} berisi teks '{_teks(vrp)}', seharusnya angka rupiah",
                        )
                    )
                    rp[y] = None
        data_awal = _teks_target(sel(r, kol.data_awal))
        if data_awal and angka.baca(data_awal).jenis not in NILAI_TARGET_SAH:
            galat.append(
                GalatImpor(
                    nama_lembar, nomor, f"data awal '{data_awal}' bukan angka, persen, predikat, NA atau '-'"
                )
            )
        if ind_nama:
            kunci = (node_idx, ind_nama.casefold(), lok_id)
            if kunci in sudah:
                galat.append(
                    GalatImpor(
                        nama_lembar,
                        nomor,
                        f"indikator '{ind_nama[:60]}'{f' untuk lokasi {lok_teks}' if lok_teks else ''} tercetak dua kali",
                    )
                )
            sudah.add(kunci)
        if len(galat) > err_awal:
            continue
        sel_cetak = {
            "tingkat": T(node.tingkat).name.lower(),
            "nama": nama_node if kode or nama_node else (tujuan or sasaran),
            "indikator": ind_nama,
            "formulasi": _teks(sel(r, kol.formulasi)),
            "satuan": _teks(sel(r, kol.satuan)),
            "data_awal": data_awal,
            **{f"k_{y}": k[y] for y in k},
            **{f"rp_{y}": (angka.format_rupiah(rp[y]) if rp[y] is not None else rp_teks[y]) for y in rp},
            "akhir_k": _teks_target(sel(r, kol.akhir_k)),
            "akhir_rp": angka.format_rupiah(_angka_sel(sel(r, kol.akhir_rp)))
            if _angka_sel(sel(r, kol.akhir_rp)) is not None
            else _teks(sel(r, kol.akhir_rp)),
            "unit_kerja": _teks(sel(r, kol.unit_kerja)),
            "lokasi_cetak": lok_teks,
            "lokasi": lok_teks,
        }
        if not (tujuan or sasaran or kode):
            sel_cetak["nama"] = ""
        data.append(
            _BarisData(
                nomor,
                node.tingkat,
                node_idx,
                ind_nama,
                sel_cetak["formulasi"],
                sel_cetak["satuan"],
                data_awal,
                k,
                rp,
                rp_teks,
                sel_cetak["akhir_k"],
                sel_cetak["akhir_rp"],
                lok_id,
                lok_teks,
                sel_cetak,
            )
        )
    if not nodes and not galat:
        galat.append(GalatImpor(nama_lembar, akhir_kepala + 2, "tabel tidak berisi satu baris rencana pun"))
    if galat:
        raise ImporGagal(galat)
    return _simpan(
        path=path,
        pd=pd,
        dari=dari,
        nama=nama,
        pengguna=pengguna,
        nodes=nodes,
        data=data,
        kol=kol,
        tahun=tahun,
        lembar=nama_lembar,
    )


@dataclass
class _RencanaRingan:
    versi: RenstraVersi


def _tebak_pd(judul: str) -> PerangkatDaerah | None:
    cocok = [
        pd for pd in PerangkatDaerah.objects.select_related("pemda") if pd.nama.casefold() in judul.casefold()
    ]
    if len(cocok) == 1:
        return cocok[0]
    cocok = [pd for pd in cocok if pd.pemda.nama.casefold() in judul.casefold()]
    if len(cocok) == 1:
        return cocok[0]
    semua = list(PerangkatDaerah.objects.all()[:2])
    return semua[0] if len(semua) == 1 else None


def _aturan_akhir(satuan: str, nilai: list[str], akhir: str) -> str:
    """The kondisi-akhir rule that reproduces the workbook's own kondisi akhir."""
    _, bawaan = services.aturan_bawaan(satuan=satuan)
    n = [angka.baca(x) for x in nilai]
    a = angka.baca(akhir)
    if all(x.jenis == angka.KOSONG for x in n) or a.jenis == angka.KOSONG:
        return bawaan
    from kinerja.renstra.checks import _sama, akhir_tercetak

    urutan = (aturan.TERAKHIR, aturan.JUMLAH, aturan.RATA, aturan.MAKS)
    calon = {k: v for k in urutan if (v := akhir_tercetak(k, n)) is not None}
    if bawaan in calon and _sama(calon[bawaan], a):
        return bawaan
    for k, v in calon.items():
        if _sama(v, a):
            return k
    return bawaan


@transaction.atomic
def _simpan(*, path, pd, dari, nama, pengguna, nodes, data, kol, tahun, lembar) -> HasilImpor:
    sekarang = timezone.localtime()
    tahun_awal = kol.tahun_awal or (dari.tahun_kondisi_awal if dari else None)
    if dari is not None:
        versi = services.buat_versi(
            pd=pd,
            nama=nama or f"{dari.nama.split(' — impor ')[0]} — impor {path.name} ({sekarang:%d-%m-%Y %H:%M})",
            jenis=dari.jenis,
            tahun_mulai=dari.tahun_mulai,
            tahun_akhir=dari.tahun_akhir,
            tahun_rencana_awal=dari.tahun_rencana_awal,
            tahun_kondisi_awal=tahun_awal,
            status=RenstraVersi.Status.DRAFT,
            rpjmd=dari.rpjmd,
            laju_pagu=dari.laju_pagu,
            laju_pagu_mulai=dari.laju_pagu_mulai,
            asal=dari,
            pengguna=pengguna,
        )
    else:
        versi = services.buat_versi(
            pd=pd,
            nama=nama or f"Renstra {pd.nama} {tahun[0]}–{tahun[-1]} — impor {path.name}",
            jenis=RenstraVersi.Jenis.RENSTRA,
            tahun_mulai=tahun[0],
            tahun_akhir=tahun[-1],
            tahun_rencana_awal=tahun[0],
            tahun_kondisi_awal=tahun_awal,
            pengguna=pengguna,
        )
    misi_lama = {}
    if dari is not None:
        misi_lama = {nmk.kunci_nama(n.nama): n.misi_id for n in dari.node_set.filter(tingkat=T.TUJUAN)}
    nasional = {
        e.kode: e
        for e in Nomenklatur.objects.filter(
            revisi=nmk.REVISI,
            jenis_pemda=pd.pemda.jenis_pemda,
            kode__in=[nmk.kode_nasional(n.kode, pd.kode_bidang) for n in nodes if n.kode],
        )
    }
    objek: list[PlanNode] = []
    for i, n in enumerate(nodes, start=1):
        obj = PlanNode.objects.create(
            versi=versi,
            tingkat=n.tingkat,
            induk=objek[n.induk] if n.induk is not None else None,
            urutan=i,
            kode=n.kode,
            nama=n.nama,
            nomenklatur=nasional.get(nmk.kode_nasional(n.kode, pd.kode_bidang)) if n.kode else None,
            misi_id=misi_lama.get(nmk.kunci_nama(n.nama)) if n.tingkat == T.TUJUAN else None,
            unit_kerja_id=n.unit_kerja_id,
        )
        objek.append(obj)
    # indicators: one per (node, name); the kondisi-akhir rule read from the workbook
    indikator: dict[tuple[int, str], Indikator] = {}
    contoh: dict[tuple[int, str], _BarisData] = {}
    for b in data:
        if b.indikator:
            contoh.setdefault((b.node_kunci, b.indikator.casefold()), b)
    for (node_idx, _), b in contoh.items():
        jenis_nilai, _ = services.aturan_bawaan(satuan=b.satuan)
        akhir = _aturan_akhir(b.satuan, [b.k[y] for y in tahun], b.akhir_k)
        indikator[(node_idx, b.indikator.casefold())] = Indikator(
            node=objek[node_idx],
            urutan=len([k for k in indikator if k[0] == node_idx]) + 1,
            nama=b.indikator,
            definisi=b.formulasi,
            satuan=b.satuan,
            jenis_nilai=jenis_nilai,
            agregasi_akhir=akhir,
            agregasi_triwulan=services.agregasi_triwulan_bawaan(akhir),
        )
    Indikator.objects.bulk_create(indikator.values())
    target, awal, pagu = [], [], []
    sumber = SumberDokumen.objects.create(
        versi=versi,
        jenis=SumberDokumen.Jenis.XLSX,
        judul=f"Buku kerja {path.name}",
        nama_berkas=path.name,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
    )
    cetak = []
    for urut, b in enumerate(data, start=1):
        ind = indikator.get((b.node_kunci, b.indikator.casefold())) if b.indikator else None
        node = objek[b.node_kunci]
        if ind is not None:
            for y in tahun:
                if b.k[y]:
                    target.append(
                        Target(
                            indikator=ind,
                            lokasi_id=b.lokasi_id,
                            tahun=y,
                            sumber_baris=b.nomor,
                            **services.nilai_target(b.k[y]),
                        )
                    )
            if b.data_awal:
                awal.append(
                    KondisiAwal(
                        indikator=ind,
                        lokasi_id=b.lokasi_id,
                        tahun=tahun_awal,
                        sumber_baris=b.nomor,
                        **services.nilai_target(b.data_awal),
                    )
                )
        if node.tingkat == T.SUB_KEGIATAN:
            for y in tahun:
                if b.rp[y] is not None:
                    pagu.append(
                        Pagu(node=node, lokasi_id=b.lokasi_id, tahun=y, jumlah=b.rp[y], sumber_baris=b.nomor)
                    )
        cetak.append(
            BarisCetak(
                sumber=sumber,
                tabel="6.2",
                urutan=urut,
                baris=b.nomor,
                lembar=lembar,
                tingkat=b.sel["tingkat"],
                node=node,
                indikator=ind,
                lokasi_id=b.lokasi_id,
                sel={k: v for k, v in b.sel.items() if v not in (None, "")},
            )
        )
    Target.objects.bulk_create(target)
    KondisiAwal.objects.bulk_create(awal)
    Pagu.objects.bulk_create(pagu)
    BarisCetak.objects.bulk_create(cetak)
    catat(
        aksi="impor",
        objek=versi,
        pengguna=pengguna,
        alasan=f"Impor buku kerja {path.name}: {len(objek)} unsur, {len(indikator)} indikator, {len(target)} target, {len(pagu)} pagu",
        pd=pd,
    )
    return HasilImpor(
        versi=versi, node=len(objek), indikator=len(indikator), target=len(target), pagu=len(pagu)
    )
