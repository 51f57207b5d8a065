"""The LKjIP of a PD and year as a document (PermenPANRB 53/2014's outline), filled from the data.

Every figure comes from ``monev``: the capaian tables of BAB III are ``monev.lkjip.tabel_lkjip``
(only verified realisations: the document is what a head signs), the Perjanjian Kinerja is
``monev.pk`` (the signed snapshot once signed). The narrative sections are the user's text saved
per year (``NarasiLkjip``), else a draft built here from the same data. The document is a list of
blocks written out as DOCX (``docx_.py``) or PDF (``pdf.py``) from this one structure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from kinerja.core.angka import format_persen, format_rupiah
from kinerja.core.tabel import ANGKA, Kepala, Sel, Tabel, teks_sel
from kinerja.lkjip.models import BAGIAN_NARASI, NarasiLkjip
from kinerja.monev import capaian as cp
from kinerja.monev import lkjip as lk
from kinerja.monev import pk as pk_mod
from kinerja.monev import verifikasi as vf
from kinerja.monev.laporan import sel_target
from kinerja.monev.models import PerjanjianKinerja
from kinerja.monev.selectors import Evaluasi, muat_evaluasi
from kinerja.renstra.models import PlanNode, RenstraVersi
from kinerja.renstra.selectors import Rencana, muat_rencana

T = PlanNode.Tingkat
JUDUL = "JUDUL"  # a heading (tingkat 1 = chapter, 2 = section)
PARAGRAF = "PARAGRAF"
NARASI = "NARASI"  # a narrative section: its paragraphs are the saved or drafted text
TABEL = "TABEL"
DAFTAR_ISI = "DAFTAR_ISI"
HALAMAN_BARU = "HALAMAN_BARU"
TTD = "TTD"


@dataclass
class Blok:
    jenis: str
    teks: str = ""
    tingkat: int = 1
    tabel: Tabel | None = None
    kunci: str = ""  # a narrative section's key


@dataclass
class Dokumen:
    judul: str
    pd: str
    pemda: str
    tahun: int
    rancangan: bool
    keterangan_rancangan: str
    blok: list[Blok] = field(default_factory=list)
    ttd: dict = field(default_factory=dict)
    tabel_capaian: Tabel | None = None  # LKjIP-3.1, for the page's preview

    def judul_bab(self) -> list[tuple[int, str]]:
        """The static table of contents: every heading with its level."""
        return [(b.tingkat, b.teks) for b in self.blok if b.jenis == JUDUL]

    @property
    def nama_berkas(self) -> str:
        awal = "RANCANGAN-" if self.rancangan else ""
        pd = "".join(ch if ch.isalnum() else "-" for ch in self.pd).strip("-")
        return f"{awal}LKjIP-{self.tahun}-{pd}"


def paragraf(teks: str) -> list[str]:
    """A narrative's paragraphs: separated by blank lines; single line breaks kept inside a paragraph."""
    return [p.strip() for p in teks.replace("\r\n", "\n").split("\n\n") if p.strip()]


def belum_terverifikasi(ev: Evaluasi) -> list[str]:
    """The reporting units' quarters of the year whose report is not verified (e.g. "Gedog TW IV")."""
    hasil = []
    for u in ev.unit_pelapor():
        for q in range(1, 5):
            if ev.status_laporan(u.pk, q) != vf.S.DIVERIFIKASI:
                hasil.append(f"{u.nama_pendek} TW {('I', 'II', 'III', 'IV')[q - 1]}")
    return hasil


def narasi_tersimpan(pd_id: int, tahun: int) -> dict[str, NarasiLkjip]:
    return {
        n.kunci: n for n in NarasiLkjip.objects.filter(pd_id=pd_id, tahun=tahun).select_related("diubah_oleh")
    }


@dataclass
class Bahan:
    """What the document is made of, loaded once: the plan, the year's verified evaluation, its tables."""

    v: RenstraVersi
    r: Rencana
    tahun: int
    ev: Evaluasi
    tabel: list  # LKjIP-3.1 … 3.4
    teken: PerjanjianKinerja | None

    @classmethod
    def muat(cls, v: RenstraVersi, tahun: int) -> Bahan:
        r = muat_rencana(v)
        ev = muat_evaluasi(r, tahun, 4, hanya_terverifikasi=True)
        tabel = lk.tabel_lkjip(r, tahun, {tahun: ev}, hanya_terverifikasi=True)
        teken = PerjanjianKinerja.objects.filter(pd=v.pd, tahun=tahun).select_related("pd__pemda").first()
        return cls(v=v, r=r, tahun=tahun, ev=ev, tabel=tabel, teken=teken)

    @property
    def baris_sasaran(self):
        """The rows of BAB III: the PD's tujuan and sasaran indicators without lokasi, as in ``monev.lkjip``."""
        return [x for x in self.ev.baris_indikator if x.node.tingkat <= T.SASARAN and x.lokasi_id is None]

    def jumlah_anggaran(self) -> tuple[Decimal | None, Decimal | None]:
        """(anggaran, realisasi) of every program: the total row of table LKjIP-3.4."""
        kaki = self.tabel[3].baris[-1]
        return kaki[3].nilai, kaki[4].nilai


# --- drafts of the narrative, from the data ----------------------------------------------------


def _kalimat_tercapai(b: Bahan) -> str:
    semua = b.baris_sasaran
    ya, tidak, belum = lk.hitung_tercapai(semua)
    kalimat = (
        f"Dari {len(semua)} indikator kinerja tujuan dan sasaran, {ya} tercapai dan {tidak} tidak tercapai"
    )
    if belum:
        kalimat += f"; {belum} belum dapat dinilai karena realisasinya belum terverifikasi atau belum diisi"
    rata = b.ev.rata_capaian(semua)
    if rata is not None:
        p = cp.predikat(rata)
        kalimat += f". Rata-rata capaian indikator bernilai angka {format_persen(cp.bulat(rata))}"
        kalimat += f" (predikat {p.label})" if p else ""
    return kalimat + "."


def _kalimat_anggaran(b: Bahan) -> str:
    ang, real = b.jumlah_anggaran()
    if not ang:
        return "Anggaran program tahun ini belum tercatat."
    serapan = cp.serapan(real, ang)
    return (
        f"Realisasi anggaran seluruh program sebesar Rp {format_rupiah(real or 0)} dari anggaran "
        f"Rp {format_rupiah(ang)} (serapan {format_persen(cp.bulat(serapan)) if serapan is not None else '–'})."
    )


def _draf_analisis(b: Bahan) -> str:
    bagian = []
    for x in b.baris_sasaran:
        c = x.capaian
        if c is None or c.tercapai is None:
            continue
        if c.nilai is None:  # a label against a label: its status says tercapai or not
            bagian.append(f"- {x.ind.nama}: {c.label_status}.")
            continue
        hasil = "tercapai" if c.tercapai else "belum tercapai"
        bagian.append(f"- {x.ind.nama}: capaian {format_persen(cp.bulat(c.nilai))}, {hasil}.")
    teks = "Capaian per indikator sasaran:\n" + "\n".join(bagian) if bagian else ""
    for judul, kolom in (
        ("Faktor pendorong", "faktor_pendorong"),
        ("Faktor penghambat", "faktor_penghambat"),
    ):
        # Only what was verified: an explanation the verifier has not accepted is not the PD's word yet.
        per_teks: dict[str, list[str]] = {}
        for u, t, st in b.ev.faktor(kolom):
            if st == vf.S.DIVERIFIKASI:
                per_teks.setdefault(t, []).extend([u] if u else [])
        isi = [f"- {t}" + (f" ({', '.join(u)})" if u else "") for t, u in per_teks.items()]
        teks += f"\n\n{judul} (dari laporan triwulan yang terverifikasi):\n" + (
            "\n".join(isi) if isi else "- (belum ada yang terverifikasi)"
        )
    return teks.strip()


def _draf_efisiensi(b: Bahan) -> str:
    baris = []
    for row in b.tabel[3].baris[:-1]:
        baris.append(
            f"- {teks_sel(row[2])}: serapan {teks_sel(row[5]) or '–'}, "
            f"rata-rata capaian kinerja {teks_sel(row[6]) or '–'}."
        )
    teks = _kalimat_anggaran(b)
    if baris:
        teks += "\n\nPer program:\n" + "\n".join(baris)
    return teks + (
        "\n\nEfisiensi: program dengan capaian kinerja setara atau di atas serapan anggarannya menggunakan "
        "sumber daya secara efisien; jelaskan di sini program yang serapannya jauh di atas capaiannya."
    )


def draf_narasi(b: Bahan) -> dict[str, str]:
    """A starting text for every narrative section, from the data; the user edits it."""
    pd = b.v.pd
    nama = f"{pd.nama} {pd.pemda.nama}"
    naskah: dict[str, list[str]] = {}
    for n in b.v.naskah_set.order_by("kunci", "urutan"):
        naskah.setdefault(n.kunci, []).append(n.teks)
    tugas = naskah.get("tugas_fungsi") or naskah.get("tugas") or []
    return {
        "ikhtisar": (
            f"Laporan Kinerja Instansi Pemerintah (LKjIP) {nama} Tahun {b.tahun} menyajikan capaian kinerja "
            f"atas Perjanjian Kinerja Tahun {b.tahun} yang mengacu pada {b.v.nama}.\n\n"
            f"{_kalimat_tercapai(b)}\n\n{_kalimat_anggaran(b)}"
        ),
        "latar_belakang": (
            "Laporan Kinerja Instansi Pemerintah disusun sebagai wujud pertanggungjawaban atas pelaksanaan tugas "
            "dan fungsi serta penggunaan anggaran, sesuai Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem "
            "Akuntabilitas Kinerja Instansi Pemerintah dan Peraturan Menteri PANRB Nomor 53 Tahun 2014."
            f"\n\nLaporan ini memuat capaian kinerja {nama} Tahun {b.tahun} dibandingkan dengan target dalam "
            "Perjanjian Kinerja, tahun-tahun sebelumnya dan target akhir Renstra."
        ),
        "tugas_fungsi": "\n".join(tugas)
        or (
            f"[Lengkapi: tugas pokok dan fungsi {pd.nama} menurut peraturan kepala daerah tentang kedudukan, "
            "susunan organisasi, tugas dan fungsi.]"
        ),
        "struktur": "\n".join(naskah.get("organisasi_kecamatan", []))
        or "[Lengkapi: susunan organisasi perangkat daerah.]",
        "isu_strategis": "\n".join(f"{i.nomor}. {i.teks}" for i in b.v.isu_set.order_by("nomor"))
        or "[Lengkapi: isu strategis dari Renstra.]",
        "analisis": _draf_analisis(b),
        "efisiensi": _draf_efisiensi(b),
        "penutup": (
            f"Demikian LKjIP {nama} Tahun {b.tahun}. {_kalimat_tercapai(b)} Indikator yang belum tercapai "
            "menjadi perhatian dalam perencanaan dan pelaksanaan tahun berikutnya."
        ),
    }


def isi_narasi(b: Bahan) -> tuple[dict[str, str], dict[str, str], dict[str, NarasiLkjip]]:
    """(text of each section: saved else drafted; the drafts; the saved records)."""
    draf = draf_narasi(b)
    simpan = narasi_tersimpan(b.v.pd_id, b.tahun)
    return {k: simpan[k].teks if k in simpan else draf[k] for k in BAGIAN_NARASI}, draf, simpan


# --- the tables of BAB II ----------------------------------------------------------------------


def tabel_renstra(b: Bahan) -> Tabel:
    """Tujuan and sasaran of the Renstra with their indicators, this year's target and the final one."""
    akhir = b.v.tahun_akhir
    t = Tabel(
        kode="LKjIP-2.1",
        judul=f"Tujuan, Sasaran, Indikator dan Target {b.v.nama}",
        kepala=[
            [
                Kepala("No"),
                Kepala("Tujuan/Sasaran"),
                Kepala("Indikator Kinerja"),
                Kepala("Satuan"),
                Kepala(f"Target {b.tahun}"),
                Kepala(f"Target Akhir ({akhir})"),
            ],
            [Kepala(str(i)) for i in range(1, 7)],
        ],
        lebar=[6, 40, 44, 12, 14, 14],
        catatan=["Dari Renstra yang berlaku; target tahun ini sama dengan Perjanjian Kinerja."],
    )
    for i, x in enumerate(b.baris_sasaran, start=1):
        tingkat = "Tujuan" if x.node.tingkat == T.TUJUAN else "Sasaran"
        t.tambah(
            [
                Sel(i, ANGKA),
                Sel(f"{tingkat}: {x.node.nama}"),
                Sel(x.ind.nama),
                Sel(x.ind.satuan),
                sel_target(x.target_tahun, x.ind.satuan),
                sel_target(x.target_akhir, x.ind.satuan),
            ]
        )
    return t


def tabel_iku(b: Bahan) -> Tabel:
    t = Tabel(
        kode="LKjIP-2.2",
        judul=f"Indikator Kinerja Utama (IKU) Tahun {b.tahun}",
        kepala=[
            [
                Kepala("No"),
                Kepala("Sasaran"),
                Kepala("Indikator Kinerja Utama"),
                Kepala("Satuan"),
                Kepala("Target"),
            ],
            [Kepala(str(i)) for i in range(1, 6)],
        ],
        lebar=[6, 44, 50, 12, 14],
        catatan=["IKU = indikator yang ditandai sebagai indikator kinerja utama pada Renstra."],
    )
    for i, x in enumerate((x for x in b.baris_sasaran if x.ind.iku), start=1):
        t.tambah(
            [
                Sel(i, ANGKA),
                Sel(x.node.nama),
                Sel(x.ind.nama),
                Sel(x.ind.satuan),
                sel_target(x.target_tahun, x.ind.satuan),
            ]
        )
    if not t.baris:
        t.tambah([Sel("Belum ada indikator yang ditandai IKU.", colspan=5), None, None, None, None])
    return t


# --- the document --------------------------------------------------------------------------------


def _visi_misi(v: RenstraVersi) -> list[Blok]:
    if v.rpjmd is None:
        return []
    hasil = [Blok(PARAGRAF, f"Visi: {v.rpjmd.visi}")]
    hasil += [Blok(PARAGRAF, f"Misi {m.nomor}: {m.teks}") for m in v.rpjmd.misi_set.order_by("nomor")]
    return hasil


def _bab_2(b: Bahan, isi_pk: pk_mod.IsiPK, tabel_pk: list[Tabel]) -> list[Blok]:
    keadaan = pk_mod.keadaan(b.teken)
    return [
        Blok(HALAMAN_BARU),
        Blok(JUDUL, "BAB II PERENCANAAN KINERJA", 1),
        Blok(JUDUL, "2.1 Rencana Strategis", 2),
        Blok(
            PARAGRAF,
            f"{b.v.nama} menjadi acuan kinerja tahun {b.tahun}.",
        ),
        *_visi_misi(b.v),
        Blok(TABEL, tabel=tabel_renstra(b)),
        Blok(JUDUL, "2.2 Indikator Kinerja Utama", 2),
        Blok(TABEL, tabel=tabel_iku(b)),
        Blok(JUDUL, "2.3 Perjanjian Kinerja", 2),
        Blok(
            PARAGRAF,
            f"Perjanjian Kinerja Tahun {b.tahun} antara {isi_pk.pihak_pertama.get('jabatan', '')} dan "
            f"{isi_pk.pihak_kedua.get('jabatan', '')}: {keadaan.rstrip('.')}. Naskah lengkapnya dilampirkan.",
        ),
        Blok(TABEL, tabel=tabel_pk[0]),
    ]


def _bab_3(b: Bahan) -> list[Blok]:
    t31, t32, t33, t34 = b.tabel
    return [
        Blok(HALAMAN_BARU),
        Blok(JUDUL, "BAB III AKUNTABILITAS KINERJA", 1),
        Blok(JUDUL, "3.1 Capaian Kinerja Sasaran Tahun Ini", 2),
        Blok(PARAGRAF, _kalimat_tercapai(b)),
        Blok(TABEL, tabel=t31),
        Blok(JUDUL, "3.2 Perbandingan dengan Tahun-tahun Sebelumnya", 2),
        Blok(TABEL, tabel=t32),
        Blok(JUDUL, "3.3 Perbandingan dengan Target Akhir Renstra", 2),
        Blok(TABEL, tabel=t33),
        Blok(JUDUL, "3.4 " + BAGIAN_NARASI["analisis"], 2),
        Blok(NARASI, kunci="analisis"),
        Blok(JUDUL, "3.5 " + BAGIAN_NARASI["efisiensi"], 2),
        Blok(NARASI, kunci="efisiensi"),
        Blok(JUDUL, "3.6 Realisasi Anggaran per Program", 2),
        Blok(PARAGRAF, _kalimat_anggaran(b)),
        Blok(TABEL, tabel=t34),
    ]


def susun(v: RenstraVersi, tahun: int, narasi: dict[str, str] | None = None) -> tuple[Dokumen, Bahan]:
    """The whole document; ``narasi`` overrides the saved/drafted text of sections (a preview)."""
    b = Bahan.muat(v, tahun)
    teks, _, _ = isi_narasi(b)
    teks.update(narasi or {})
    isi_pk = pk_mod.isi_tertanda(b.teken) if b.teken else pk_mod.isi_pk(b.ev)
    tabel_pk = pk_mod.tabel_pk(b.ev, isi_pk, b.teken)
    belum = belum_terverifikasi(b.ev)
    pd = v.pd
    dok = Dokumen(
        judul=f"LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN {tahun}",
        pd=pd.nama,
        pemda=pd.pemda.nama,
        tahun=tahun,
        rancangan=bool(belum),
        keterangan_rancangan=(
            f"RANCANGAN — {len(belum)} laporan triwulan belum terverifikasi ({', '.join(belum[:8])}"
            f"{', …' if len(belum) > 8 else ''}); hanya realisasi yang terverifikasi yang dihitung."
            if belum
            else ""
        ),
        tabel_capaian=b.tabel[0],
    )
    pertama, _ = pk_mod.pihak_bawaan(pd)
    dok.ttd = {
        "tempat": pk_mod.tempat_bawaan(pd.pemda),
        "tanggal": pk_mod.tanggal_teks(timezone.localdate()),
        **pertama,
    }
    dok.blok = [
        Blok(DAFTAR_ISI),
        Blok(HALAMAN_BARU),
        Blok(JUDUL, "IKHTISAR EKSEKUTIF", 1),
        Blok(NARASI, kunci="ikhtisar"),
        Blok(HALAMAN_BARU),
        Blok(JUDUL, "BAB I PENDAHULUAN", 1),
        *[
            x
            for k, n in (("latar_belakang", 1), ("tugas_fungsi", 2), ("struktur", 3), ("isu_strategis", 4))
            for x in (Blok(JUDUL, f"1.{n} {BAGIAN_NARASI[k]}", 2), Blok(NARASI, kunci=k))
        ],
        *_bab_2(b, isi_pk, tabel_pk),
        *_bab_3(b),
        Blok(HALAMAN_BARU),
        Blok(JUDUL, "BAB IV PENUTUP", 1),
        Blok(NARASI, kunci="penutup"),
        Blok(TTD),
        Blok(HALAMAN_BARU),
        Blok(JUDUL, "LAMPIRAN: PERJANJIAN KINERJA", 1),
        Blok(PARAGRAF, f"Perjanjian Kinerja Tahun {tahun}: {pk_mod.keadaan(b.teken).rstrip('.')}."),
        Blok(TABEL, tabel=pk_mod.tabel_pernyataan(isi_pk, b.teken)),
        *[Blok(TABEL, tabel=t) for t in tabel_pk],
    ]
    for x in dok.blok:
        if x.jenis == NARASI:
            x.teks = teks.get(x.kunci, "")
    return dok, b
