"""What importing a workbook would do, before anything is saved.

The base is the version the workbook says it was exported from (its document
properties); a workbook without them changes the version it is imported on (the page's
version, ``--dari`` on the command line, or the PD's newest version with the same
years).  A PD without any version gets a new plan made of the workbook alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kinerja.renstra.beda import DampakPagu, Perbedaan, bandingkan, dampak_pagu
from kinerja.renstra.ekspor import sidik_rencana
from kinerja.renstra.impor.baca import baca_buku
from kinerja.renstra.impor.buku import BukuKerja
from kinerja.renstra.impor.gabung import Gabung, rencana_kosong
from kinerja.renstra.impor.kandidat import Kandidat
from kinerja.renstra.models import RenstraVersi
from kinerja.renstra.selectors import Rencana, muat_rencana, pilih_versi_utama
from kinerja.renstra.tabel_dokumen import tahun_6_2
from kinerja.wilayah.izin import pelaku_wajib
from kinerja.wilayah.models import PerangkatDaerah


@dataclass
class Pratinjau:
    buku: BukuKerja
    dasar: RenstraVersi | None  # None: the workbook starts a new plan
    rencana_dasar: Rencana
    gabung: Gabung
    perbedaan: list[Perbedaan]  # with nothing removed
    dampak: list[DampakPagu]
    kandidat: list[Kandidat]
    catatan: list[str]  # where the workbook comes from and what it is applied to
    peringatan: list[str]
    sidik: str  # changes when the base changes: a stale confirmation is refused

    @property
    def tanpa_perbedaan(self) -> bool:
        return not self.perbedaan and not self.kandidat

    def hitung(self) -> dict[str, int]:
        hasil = {"ditambah": 0, "diubah": 0, "dihapus": 0}
        for p in self.perbedaan:
            hasil[p.jenis] += 1
        return hasil


def _tebak_dasar(pd: PerangkatDaerah, tahun: list[int]) -> RenstraVersi | None:
    """Among the versions whose Tabel 6.2 has these years (else all), the current one by the rule
    every page and command follows (``pilih_versi_utama``)."""
    semua = list(
        pd.renstra_set.select_related("pd__pemda", "rpjmd")
        .exclude(jenis=RenstraVersi.Jenis.RENJA)
        .order_by("-id")
    )
    cocok = [
        v
        for v in semua
        if tahun_6_2(Rencana(v, {}, [], [], {}, {}, {}, [])) == tahun
        or (len(tahun) == 1 and tahun[0] in v.tahun_rencana)
    ]
    return pilih_versi_utama(cocok or semua)


def _pilih_dasar(pd, sifat: dict, tabel: str, tahun: list[int], dari, cadangan, catatan, peringatan):
    """The version a workbook changes, with a note on how it was chosen."""
    qs = RenstraVersi.objects.select_related("pd__pemda", "rpjmd")
    v = sifat.get("kinerja.versi", "")
    versi_id = int(v) if v.isdigit() else None
    if dari is not None:
        if versi_id and versi_id != dari.pk:
            catatan.append(
                f"Buku kerja ini diekspor dari versi #{versi_id}; atas permintaan, perubahannya "
                f"diterapkan pada versi #{dari.pk} {dari.nama}."
            )
        return dari
    if versi_id:
        asal = qs.filter(pk=versi_id, pd=pd).first()
        if asal is not None:
            waktu = _waktu(sifat.get("kinerja.diekspor", ""))
            catatan.append(
                f"Buku kerja ini diekspor dari versi #{asal.pk} {asal.nama} (Tabel {tabel}, {_rentang(tahun)}, "
                f"{waktu}); perubahannya diterapkan pada versi itu."
            )
            if cadangan is not None and cadangan.pk != asal.pk:
                catatan.append(f"Versi yang sedang dibuka (#{cadangan.pk} {cadangan.nama}) tidak berubah.")
            return asal
        lain = qs.filter(pk=versi_id).exclude(pd=pd).first()
        if lain is not None:
            catatan.append(
                f"Buku kerja ini diekspor dari versi #{lain.pk} {lain.nama} milik {lain.pd.nama}; versi itu tidak "
                "berubah."
            )
        else:
            peringatan.append(
                f"Versi #{versi_id} ({sifat.get('kinerja.nama_versi', '')}) yang tercatat di buku kerja tidak ada lagi."
            )
    dasar = cadangan or _tebak_dasar(pd, tahun)
    if dasar is not None:
        catatan.append(
            f"Buku kerja tanpa catatan versi asal yang berlaku: perubahannya diterapkan pada versi #{dasar.pk} "
            f"{dasar.nama}."
        )
    return dasar


def _waktu(iso: str) -> str:
    """The export time as a reader writes it: 02-12-2026 14:47 (local time)."""
    try:
        return f"diunduh {timezone.localtime(dt.datetime.fromisoformat(iso)):%d-%m-%Y %H:%M}"
    except ValueError:
        return "waktu unduh tidak tercatat"


def _rentang(tahun: list[int]) -> str:
    return f"{tahun[0]}–{tahun[-1]}" if len(tahun) > 1 else str(tahun[0])


def daftar_tahun(tahun: list[int]) -> str:
    """2029 · 2029 dan 2030 · 2027, 2028 dan 2029"""
    teks = [str(y) for y in tahun]
    return teks[0] if len(teks) == 1 else f"{', '.join(teks[:-1])} dan {teks[-1]}"


def _tahun_hilang(buku: BukuKerja, b: Rencana) -> list[str]:
    """The plan's years of a multi-year table the workbook does not have, and what becomes of them."""
    if buku.tabel != "6.2" or buku.dasar is None:
        return []
    hilang = [y for y in tahun_6_2(b) if y not in buku.tahun]
    berisi = {k[2] for k in b.target} | {p.tahun for p in b.pagu}
    pesan = []
    kosong = [y for y in hilang if y not in berisi]
    tetap = [y for y in hilang if y in berisi]
    if kosong:
        pesan.append(f"Tahun {daftar_tahun(kosong)} tidak ada di berkas: targetnya akan kosong.")
    if tetap:
        pesan.append(
            f"Tahun {daftar_tahun(tetap)} tidak ada di berkas: target dan pagu versi dasar untuk tahun itu tetap; yang tidak ada di versi dasar akan kosong."
        )
    return pesan


def _periode(buku: BukuKerja, b: Rencana | None) -> str:
    """The years the workbook covers, and the plan's when they differ."""
    teks = f"Berkas ini berisi tahun {daftar_tahun(buku.tahun)} (lembar '{buku.lembar}', Tabel {buku.tabel})"
    rencana = tahun_6_2(b) if b is not None and buku.tabel == "6.2" else []
    if rencana and rencana != buku.tahun:
        teks += f"; Tabel 6.2 rencananya mencakup {_rentang(rencana)}"
    return teks + "."


def _rencana_dasar(buku: BukuKerja, catatan: list[str], peringatan: list[str]) -> Rencana:
    """The plan the workbook changes: its base, or an empty new plan of the workbook's years."""
    dasar = buku.dasar
    if dasar is not None:
        b = muat_rencana(dasar)
        if buku.versi_id == dasar.pk and buku.sifat.get("kinerja.sidik") not in (
            None,
            "",
            sidik_rencana(b, buku.tahun),
        ):
            peringatan.append(
                f"Versi #{dasar.pk} sudah berubah sejak buku kerja ini diunduh. Nilai yang diubah sejak itu tampak "
                "di bawah sebagai perubahan dari buku kerja: periksa sebelum menyimpan."
            )
    else:
        catatan.append(f"{buku.pd.nama} belum mempunyai Renstra: buku kerja ini menjadi rencana baru.")
        b = rencana_kosong(
            RenstraVersi(
                pd=buku.pd,
                jenis=RenstraVersi.Jenis.RENSTRA,
                nama=f"Renstra {buku.pd.nama}",
                tahun_mulai=buku.tahun[0],
                tahun_akhir=buku.tahun[-1],
                tahun_rencana_awal=buku.tahun[0],
                tahun_kondisi_awal=buku.tahun_awal,
            )
        )
    return b


def siapkan_impor(
    path: str | Path,
    *,
    pengguna,
    pd: PerangkatDaerah | None = None,
    dari: RenstraVersi | None = None,
    cadangan: RenstraVersi | None = None,
    nama_berkas: str = "",
    lembar: str = "",
) -> Pratinjau:
    """Read the workbook and compare it with its base; nothing is written.

    ``dari`` is a base chosen explicitly (it wins over the workbook's own record);
    ``cadangan`` is used only when the workbook does not say where it comes from.
    Only a planner of the workbook's PD (or the system actor) may preview its import.
    """
    c = pelaku_wajib(pengguna)
    pd = pd or (dari.pd if dari else cadangan.pd if cadangan else None)
    catatan: list[str] = []
    peringatan: list[str] = []
    buku = baca_buku(
        path,
        pd=pd,
        nama_berkas=nama_berkas,
        lembar=lembar,
        pilih_dasar=lambda pd, sifat, tabel, tahun: _pilih_dasar(
            pd, sifat, tabel, tahun, dari, cadangan, catatan, peringatan
        ),
    )
    if not c.ubah_rencana(buku.pd.pk):
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang dapat mengimpor rencana.")
    dasar = buku.dasar
    b = _rencana_dasar(buku, catatan, peringatan)
    catatan.insert(0, _periode(buku, b if dasar is not None else None))
    peringatan.extend(_tahun_hilang(buku, b))
    if buku.pd_beda:
        peringatan.insert(0, buku.pd_beda[0].upper() + buku.pd_beda[1:] + ". Simpan hanya bila Anda yakin.")
    g = Gabung(b, buku)
    baru = g.rencana()
    perbedaan = bandingkan(b, baru)
    sidik = hashlib.sha256(
        repr(
            (
                buku.sha256,
                buku.lembar,
                dasar.pk if dasar else None,
                perbedaan,
                [(k.kunci, k.rincian) for k in g.kandidat],
            )
        ).encode()
    ).hexdigest()
    return Pratinjau(
        buku=buku,
        dasar=dasar,
        rencana_dasar=b,
        gabung=g,
        perbedaan=perbedaan,
        dampak=dampak_pagu(b, baru),
        kandidat=g.kandidat,
        catatan=catatan,
        peringatan=peringatan + g.peringatan,
        sidik=sidik,
    )
