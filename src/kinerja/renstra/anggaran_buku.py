"""The APBD of a year as rows of sub kegiatan × lokasi: the page's table, the workbook template and
its import.

The template is Kinerja's own layout (SIPD's DPA export is a printed report per sub kegiatan, with
no published tabular layout to follow): one sheet, one header row, one row per sub kegiatan ×
lokasi the plan has in the year, columns in ``KOLOM``. The importer reads the header by its words,
checks every row and reports every error with its row number; nothing is saved unless every row
is right. An empty amount leaves that record as it is (records are removed on the page only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.core.tabel import RUPIAH, Kepala, Sel, Tabel
from kinerja.core.xlsx import ke_xlsx
from kinerja.renstra import anggaran as ag
from kinerja.renstra.impor.baca import muat_buku
from kinerja.renstra.impor.buku import GalatImpor, ImporGagal, teks_sel
from kinerja.renstra.models import Anggaran, PlanNode, RenstraVersi
from kinerja.renstra.selectors import Rencana
from kinerja.wilayah.izin import pelaku_wajib

T = PlanNode.Tingkat
TAHAP = Anggaran.Tahap
TANPA_LOKASI = "Seluruh PD"
_TAHUN = re.compile(r"(19|20)\d\d")


@dataclass
class BarisAPBD:
    """One sub kegiatan × lokasi of the year: its pagu indikatif and its APBD records."""

    node: object
    lokasi_id: int | None
    lokasi: str
    pagu: object
    murni: Anggaran | None
    perubahan: Anggaran | None

    @property
    def berlaku(self) -> Anggaran | None:
        return self.perubahan or self.murni

    @property
    def tahapan(self) -> tuple[Anggaran | None, Anggaran | None]:
        """Murni and perubahan, in the page's column order."""
        return self.murni, self.perubahan

    @property
    def jangkar(self) -> str:
        return f"a{self.node.pk}-{self.lokasi_id or 0}"


def baris_apbd(r: Rencana, tahun: int) -> list[BarisAPBD]:
    """Every sub kegiatan × lokasi the plan has in ``tahun`` (a pagu or a target), in plan order."""
    ada = ag.anggaran_tahun(r.versi.pk, tahun)
    hasil = []
    for n in r.node:
        if n.tingkat != T.SUB_KEGIATAN:
            continue
        for lok in r.lokasi_node(n, [tahun]):
            hasil.append(
                BarisAPBD(
                    node=n,
                    lokasi_id=lok,
                    lokasi=r.lokasi_label(lok) or TANPA_LOKASI,
                    pagu=r.pagu_node(n, tahun, lok),
                    murni=ada.get((n.pk, lok, TAHAP.MURNI)),
                    perubahan=ada.get((n.pk, lok, TAHAP.PERUBAHAN)),
                )
            )
    return hasil


# --- the template ------------------------------------------------------------------------------


def kolom(tahun: int) -> list[str]:
    """The template's header, left to right (the importer finds each column by these words)."""
    return [
        "Kode Sub Kegiatan",
        "Sub Kegiatan",
        "Lokasi",
        f"Pagu Indikatif Renstra {tahun} (Rp)",
        f"APBD Murni {tahun} (Rp)",
        "Sumber Dana Murni",
        "Nomor Dokumen Murni (DPA)",
        f"APBD Perubahan {tahun} (Rp)",
        "Sumber Dana Perubahan",
        "Nomor Dokumen Perubahan (DPPA)",
    ]


def tabel_templat(r: Rencana, tahun: int, daftar: list[BarisAPBD] | None = None) -> Tabel:
    tabel = Tabel(
        kode=f"APBD {tahun}",
        judul=f"Anggaran APBD {tahun} {r.pd.nama} {r.pd.pemda.nama}",
        subjudul=f"{r.versi.nama} · satu baris per sub kegiatan × lokasi",
        kepala=[[Kepala(k) for k in kolom(tahun)]],
        lebar=[20, 44, 16, 18, 18, 16, 26, 18, 16, 26],
        catatan=[
            "Isi jumlah APBD murni dan/atau APBD perubahan dalam rupiah utuh (angka saja, mis. 12500000 atau "
            "12.500.000), sumber dana (mis. DAU, PAD) dan nomor DPA/DPPA. Kolom pagu indikatif hanya keterangan "
            "dan tidak dibaca.",
            "Jangan mengubah kode, nama sub kegiatan dan lokasi. Sel jumlah yang kosong tidak mengubah apa pun; "
            "menghapus anggaran dilakukan di halaman Anggaran APBD.",
            "APBD perubahan menggantikan APBD murni pada sub kegiatan × lokasi yang sama dalam semua laporan.",
        ],
    )
    for b in daftar if daftar is not None else baris_apbd(r, tahun):
        m, p = b.murni, b.perubahan
        tabel.tambah(
            [
                Sel(b.node.kode),
                Sel(b.node.nama),
                Sel(b.lokasi),
                Sel(b.pagu, RUPIAH),
                Sel(m.jumlah if m else None, RUPIAH),
                Sel(m.sumber_dana if m else ""),
                Sel(m.dokumen if m else ""),
                Sel(p.jumlah if p else None, RUPIAH),
                Sel(p.sumber_dana if p else ""),
                Sel(p.dokumen if p else ""),
            ]
        )
    return tabel


def templat_anggaran(r: Rencana, tahun: int) -> bytes:
    """The workbook to fill: the year's rows with what is stored now."""
    return ke_xlsx(
        tabel_templat(r, tahun),
        sifat={"kinerja.versi": str(r.versi.pk), "kinerja.tahun": str(tahun), "kinerja.jenis": "apbd"},
    )


# --- the import ------------------------------------------------------------------------------

# Header words → field, checked in this order (the first that a header starts with wins).
_KEPALA = (
    ("kode", "kode"),
    ("sub kegiatan", "nama"),
    ("lokasi", "lokasi"),
    ("pagu", "pagu"),
    ("apbd murni", "murni-jumlah"),
    ("sumber dana murni", "murni-sumber_dana"),
    ("nomor dokumen murni", "murni-dokumen"),
    ("apbd perubahan", "perubahan-jumlah"),
    ("sumber dana perubahan", "perubahan-sumber_dana"),
    ("nomor dokumen perubahan", "perubahan-dokumen"),
)


class _Pembaca:
    """Checks every row of the sheet against the plan's year, collecting each error with its row."""

    def __init__(self, r: Rencana, tahun: int, lembar: str):
        self.r, self.tahun, self.lembar = r, tahun, lembar
        self.galat: list[GalatImpor] = []
        self.sub: dict[str, list] = {}
        for n in r.node:
            if n.tingkat == T.SUB_KEGIATAN:
                self.sub.setdefault(n.kode.strip(), []).append(n)
        self.unit = {}
        for u in r.lokasi:
            self.unit[u.nama_pendek.casefold()] = u.pk
            self.unit[u.nama.casefold()] = u.pk
        self.sudah: dict[tuple, int] = {}
        self.isi: list[tuple[int, object, int | None, dict]] = []

    def salah(self, baris: int, pesan: str) -> None:
        self.galat.append(GalatImpor(self.lembar, baris, pesan))

    def kepala(self, baris: list, nomor: int) -> dict[str, int]:
        kol: dict[str, int] = {}
        for c, v in enumerate(baris):
            teks = teks_sel(v).casefold()
            for awalan, nama in _KEPALA:
                if teks.startswith(awalan) and nama not in kol:
                    kol[nama] = c
                    m = _TAHUN.search(teks)
                    if nama.endswith("jumlah") and m and int(m.group(0)) != self.tahun:
                        self.salah(
                            nomor,
                            f"kolom '{teks_sel(v)}' untuk tahun {m.group(0)}, sedangkan halaman ini tahun "
                            f"{self.tahun}. Unduh templat tahun {m.group(0)} dari halamannya, atau buka "
                            f"halaman tahun {m.group(0)}.",
                        )
                    break
        for wajib, nama in (("kode", "Kode Sub Kegiatan"), ("lokasi", "Lokasi")):
            if wajib not in kol:
                self.salah(nomor, f"kolom '{nama}' tidak ditemukan di baris kepala.")
        if "murni-jumlah" not in kol and "perubahan-jumlah" not in kol:
            self.salah(nomor, "kolom 'APBD Murni' atau 'APBD Perubahan' tidak ditemukan di baris kepala.")
        return kol

    def _node(self, nomor: int, kode: str, nama: str):
        calon = self.sub.get(kode, [])
        if len(calon) > 1:
            calon = [n for n in calon if " ".join(n.nama.split()).casefold() == nama.casefold()]
        if len(calon) == 1:
            return calon[0]
        if not calon and kode in self.sub:
            self.salah(
                nomor,
                f"kode {kode} dipakai beberapa sub kegiatan; nama '{nama}' tidak cocok dengan satu pun.",
            )
        else:
            self.salah(nomor, f"kode {kode} bukan sub kegiatan {self.r.versi.nama}.")
        return None

    def _lokasi(self, nomor: int, node, teks: str) -> tuple[bool, int | None]:
        t = teks.casefold()
        lok = None if t in ("", "-", TANPA_LOKASI.casefold()) else self.unit.get(t, -1)
        if lok == -1:
            self.salah(nomor, f"lokasi '{teks}' bukan lokasi {self.r.pd.nama}.")
            return False, None
        if lok not in self.r.lokasi_node(node, [self.tahun]):
            nama = teks or TANPA_LOKASI
            self.salah(
                nomor,
                f"{node.kode} tidak direncanakan di lokasi '{nama}' pada tahun {self.tahun}; APBD hanya diisi untuk "
                "sub kegiatan × lokasi yang ada dalam rencana.",
            )
            return False, None
        return True, lok

    def baris(self, nomor: int, sel: list, kol: dict[str, int]) -> None:
        def ambil(nama: str):
            c = kol.get(nama)
            return sel[c] if c is not None and c < len(sel) else None

        kode, nama = teks_sel(ambil("kode")), teks_sel(ambil("nama"))
        if not kode:
            self.salah(nomor, "kode sub kegiatan kosong.")
            return
        node = self._node(nomor, kode, nama)
        if node is None:
            return
        ok, lok = self._lokasi(nomor, node, teks_sel(ambil("lokasi")))
        if not ok:
            return
        if (node.pk, lok) in self.sudah:
            self.salah(
                nomor, f"{kode} {teks_sel(ambil('lokasi'))} sudah ada di baris {self.sudah[(node.pk, lok)]}."
            )
            return
        self.sudah[(node.pk, lok)] = nomor
        isian = {}
        for tahap in TAHAP.values:
            mentah = {k: ambil(f"{tahap}-{k}") for k in ("jumlah", "sumber_dana", "dokumen")}
            if all(teks_sel(v) == "" for v in mentah.values()):
                continue  # nothing written for this stage: it stays as it is
            galat: dict[str, list[str]] = {}
            isi = ag.baca_isian(
                {k: (v if k == "jumlah" else teks_sel(v)) for k, v in mentah.items()}, tahap, galat
            )
            for k, pesan in galat.items():
                judul = {"jumlah": "jumlah", "sumber_dana": "sumber dana", "dokumen": "nomor dokumen"}[
                    k.split("-", 1)[1]
                ]
                self.salah(nomor, f"{TAHAP(tahap).label}, {judul}: {' '.join(pesan)}")
            if not galat:
                isian[tahap] = isi
        if isian:
            self.isi.append((nomor, node, lok, isian))


def baca_buku_anggaran(path: Path, *, nama_berkas: str, r: Rencana, tahun: int) -> _Pembaca:
    """Read and check the workbook; raises ``ImporGagal`` with every error, row by row."""
    wb = muat_buku(Path(path), nama_berkas, read_only=True)
    ws = wb.worksheets[0]
    p = _Pembaca(r, tahun, ws.title)
    semua = [list(b) for b in ws.iter_rows(values_only=True)]
    wb.close()
    awal = next(
        (i for i, b in enumerate(semua[:30]) if any(teks_sel(v).casefold().startswith("kode") for v in b)),
        None,
    )
    if awal is None:
        raise ImporGagal(
            [GalatImpor(ws.title, 0, "baris kepala dengan kolom 'Kode Sub Kegiatan' tidak ditemukan.")]
        )
    kol = p.kepala(semua[awal], awal + 1)
    if p.galat:
        raise ImporGagal(p.galat)
    for i in range(awal + 1, len(semua)):
        sel = semua[i]
        if all(teks_sel(v) == "" for v in sel):
            break  # the table ends at its first empty row (the template's notes follow it)
        p.baris(i + 1, sel, kol)
    if p.galat:
        raise ImporGagal(p.galat)
    if not p.isi:
        raise ImporGagal(
            [GalatImpor(ws.title, 0, "tidak ada jumlah APBD yang terisi; tidak ada yang disimpan.")]
        )
    return p


@transaction.atomic
def impor_anggaran(
    *, pengguna, versi: RenstraVersi, r: Rencana, tahun: int, path: Path, nama_berkas: str
) -> dict:
    """Import a filled template: all rows or none. Returns counts of records added, changed, unchanged."""
    if not pelaku_wajib(pengguna).ubah_rencana(versi.pd_id):
        raise PermissionDenied(ag.PESAN_PERENCANA)
    try:
        ag.cek_versi(versi, tahun)
    except ValidationError as e:
        raise ImporGagal([GalatImpor(nama_berkas, 0, " ".join(e.messages))]) from e
    p = baca_buku_anggaran(path, nama_berkas=nama_berkas, r=r, tahun=tahun)
    hitung = {"tambah": 0, "ubah": 0, "tetap": 0}
    node_model = {n.pk: n for n in PlanNode.objects.filter(versi=versi, tingkat=T.SUB_KEGIATAN)}
    unit = {u.pk: u for u in versi.pd.unit_set.all()}
    for nomor, node, lok, isian in p.isi:
        for tahap, isi in isian.items():
            aksi = ag.tulis_sel(
                pengguna=pengguna,
                versi=versi,
                node=node_model[node.pk],
                lokasi=unit.get(lok) if lok else None,
                tahun=tahun,
                tahap=tahap,
                isian={**isi, "alasan": f"impor {nama_berkas} baris {nomor}"},
            )
            hitung[aksi or "tetap"] += 1
    return hitung
