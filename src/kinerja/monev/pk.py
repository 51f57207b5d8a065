"""The Perjanjian Kinerja (PermenPANRB 53/2014): its statement, its parties, its annex tables
and its signing.

Before it is signed the agreement is a draft computed from the data (targets of the Renja
when there is one, else of the Renstra; program budgets from the appropriated APBD, else
the pagu indikatif). Signing stores the whole document as it is then — statement, both
parties with their NIP, place and date, annex rows — in ``PerjanjianKinerja.isi``; from then
on the page, its print view, the XLSX and the JSON are written from that snapshot, and the
page lists what has changed in the data since.

The statement follows the format of Lampiran I of PermenPANRB 53/2014 (Petunjuk Teknis
Penyusunan Perjanjian Kinerja; reproduced e.g. at coesmanafamily.com/2022/02/Petunjuk-Teknis-
Penyusunan-Perjanjian-Kinerja.html and, for a ministry's adaptation, at 123dok.com "Format
Perjanjian Kinerja"). The regulation's own annex was not found as text; the wording below is
the one pemda forms share (opening, the promise with its responsibility sentence, the
supervision sentence), written for a PD head and the kepala daerah.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.core.angka import format_rupiah
from kinerja.core.audit import catat
from kinerja.core.tabel import ANGKA, NILAI, RUPIAH, TEKS, Kepala, Sel, Tabel
from kinerja.monev.anggaran import dasar_anggaran
from kinerja.monev.models import PerjanjianKinerja
from kinerja.monev.selectors import Evaluasi
from kinerja.renstra.models import PlanNode, RenstraVersi
from kinerja.renstra.tabel_dokumen import nilai_teks
from kinerja.wilayah.izin import pelaku_wajib
from kinerja.wilayah.nip import normal_nip

T = PlanNode.Tingkat
NOL = Decimal(0)
# The shape of the stored snapshot; agreements signed before it hold only sasaran, program, total.
FORMAT_ISI = 2

PEMBUKA = (
    "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta "
    "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
)
SEBUTAN_PERTAMA = "selanjutnya disebut pihak pertama,"
SEBUTAN_KEDUA = "selaku atasan pihak pertama, selanjutnya disebut pihak kedua."
JANJI = (
    "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, "
    "dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen "
    "perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami."
)
SUPERVISI = (
    "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian "
    "kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan "
    "dan sanksi."
)
PERNYATAAN = [PEMBUKA, JANJI, SUPERVISI]

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")  # fmt: skip


def tanggal_teks(tanggal: dt.date | None) -> str:
    """A date as written on a signed letter: "5 Januari 2022"."""
    if tanggal is None:
        return ""
    return f"{tanggal.day} {BULAN[tanggal.month - 1]} {tanggal.year}"


@dataclass
class IsiPK:
    """The whole agreement as signed (or as it would be signed today)."""

    sasaran: list[dict]  # {"sasaran", "indikator", "satuan", "target"} (old snapshots: also "tingkat")
    program: list[dict]  # {"kode", "program", "anggaran", "sumber_anggaran"}
    total: Decimal
    tahun: int = 0
    perangkat_daerah: str = ""
    pemda: str = ""
    pernyataan: list[str] = field(default_factory=lambda: list(PERNYATAAN))
    pihak_pertama: dict = field(default_factory=dict)  # {"nama", "jabatan", "nip", "pangkat"}
    pihak_kedua: dict = field(default_factory=dict)  # {"nama", "jabatan", "nip"}
    tempat: str = ""
    tanggal: str = ""  # ISO date once signed
    catatan: list[str] = field(default_factory=list)
    format: int = FORMAT_ISI

    def simpan(self) -> dict:
        """The snapshot stored in ``PerjanjianKinerja.isi`` (and written by ``export PK --format json``)."""
        return {
            "format": self.format,
            "tahun": self.tahun,
            "perangkat_daerah": self.perangkat_daerah,
            "pemda": self.pemda,
            "pernyataan": list(self.pernyataan),
            "pihak_pertama": dict(self.pihak_pertama),
            "pihak_kedua": dict(self.pihak_kedua),
            "tempat": self.tempat,
            "tanggal": self.tanggal,
            "sasaran": self.sasaran,
            "program": self.program,
            "total": str(self.total),
            "catatan": list(self.catatan),
        }

    @property
    def tanggal_tercetak(self) -> str:
        return tanggal_teks(dt.date.fromisoformat(self.tanggal)) if self.tanggal else ""


# --- the annex rows -----------------------------------------------------------------------


def _kunci_ukuran(ev: Evaluasi, b) -> tuple:
    """What a row measures: its measure key, else the chain of linked indicators, else itself."""
    if b.ind.ukuran:
        return ("ukuran", b.ind.ukuran)
    return ("rantai", ev.r.rantai(b.ind.pk)[0] if ev.r.rantai(b.ind.pk) else b.ind.pk)


def sasaran_pk(ev: Evaluasi) -> list[dict]:
    """Annex 1: the sasaran strategis with their indicators and this year's target, each measure once.

    Tujuan rows are left out (a PK promises sasaran); a measure that two sasaran share (the same
    ``ukuran``, or indicators linked across years) is listed under the first one only.
    """
    dilihat: set[tuple] = set()
    hasil = []
    for b in ev.baris:
        if b.ind is None or b.node.tingkat != T.SASARAN or b.lokasi_id is not None:
            continue
        kunci = _kunci_ukuran(ev, b)
        if kunci in dilihat:
            continue
        dilihat.add(kunci)
        t = b.target_tahun
        hasil.append(
            {
                "sasaran": b.node.nama,
                "indikator": b.ind.nama,
                "satuan": b.ind.satuan,
                "target": nilai_teks(t.teks) if t else "",
            }
        )
    return hasil


def anggaran_program(ev: Evaluasi) -> dict[int, tuple[Decimal, str]]:
    """Program node id → (anggaran, where it comes from) for the PK's annex 2.

    The same figure every report takes (``monev.anggaran.dasar_anggaran``: the APBD in force, else
    the adopted Renja's pagu, else the pagu indikatif) summed over the program's sub kegiatan; the
    source names every basis the sum is made of. Programs without any are left out.
    """
    dasar = ev.dasar_rp if ev.dasar_rp is not None else dasar_anggaran(ev.r, ev.tahun, renja=ev.renja)
    hasil: dict[int, tuple[Decimal, str]] = {}
    for p in ev.r.node:
        if p.tingkat != T.PROGRAM:
            continue
        jumlah = dasar.jumlah(p)
        if jumlah is not None:
            sumber = " dan ".join(dasar.label(d) for d in dasar.dasar_node(p))
            hasil[p.pk] = (jumlah, f"{sumber} (Data demonstrasi)" if dasar.demo_node(p) else sumber)
    return hasil


def program_pk(ev: Evaluasi) -> tuple[list[dict], Decimal]:
    """Annex 2: the programs with their anggaran and its source, and the total."""
    anggaran = anggaran_program(ev)
    program, total = [], NOL
    for node in ev.r.node:
        if node.pk not in anggaran:
            continue
        jumlah, sumber = anggaran[node.pk]
        program.append(
            {"kode": node.kode, "program": node.nama, "anggaran": str(jumlah), "sumber_anggaran": sumber}
        )
        total += jumlah
    return program, total


def pihak_bawaan(pd, pengguna=None) -> tuple[dict, dict]:
    """The two parties as the data names them today: the PD's head, and the kepala daerah."""
    pemda = pd.pemda
    nama = ""
    if pengguna is not None and getattr(pengguna, "pk", None):
        nama = pengguna.get_full_name() or pengguna.username
    pertama = {
        "nama": pd.pimpinan_nama or nama,
        "jabatan": pd.pimpinan_jabatan or f"Kepala {pd.nama}",
        "nip": pd.pimpinan_nip,
        "pangkat": pd.pimpinan_pangkat,
    }
    kedua = {
        "nama": pemda.kepala_nama,
        "jabatan": pemda.kepala_jabatan or f"Kepala Daerah {pemda.nama}",
        "nip": "",
    }
    return pertama, kedua


def isi_pk(ev: Evaluasi, pengguna=None) -> IsiPK:
    """What a PD promises for a year, computed from the data as it is now (the draft)."""
    pd = ev.r.pd
    program, total = program_pk(ev)
    pertama, kedua = pihak_bawaan(pd, pengguna)
    catatan = [
        f"Target dari {ev.renja.nama} tahun ini."
        if ev.renja is not None
        else "Target dari Renstra tahun ini.",
    ]
    if any("pagu" in p["sumber_anggaran"] for p in program):
        catatan.append(
            "Sub kegiatan yang belum mempunyai anggaran APBD tercatat untuk tahun ini memakai pagu Renja yang "
            "ditetapkan atau, bila tidak ada, pagu indikatif Renstra (lihat kolom sumber anggaran)."
        )
    if any("Data demonstrasi" in p["sumber_anggaran"] for p in program):
        catatan.append("Anggaran bertanda (Data demonstrasi) adalah APBD contoh, bukan APBD sungguhan.")
    return IsiPK(
        sasaran=sasaran_pk(ev),
        program=program,
        total=total,
        tahun=ev.tahun,
        perangkat_daerah=pd.nama,
        pemda=pd.pemda.nama,
        pihak_pertama=pertama,
        pihak_kedua=kedua,
        tempat=tempat_bawaan(pd.pemda),
        catatan=catatan,
    )


def isi_tertanda(teken: PerjanjianKinerja) -> IsiPK:
    """The content stored when the agreement was signed, in today's shape.

    A snapshot of the first shape (sasaran, program, total only) is completed from the
    agreement's own fields (parties, place, date), never from today's data: the statement is
    the standard one, which those agreements were signed under as well.
    """
    isi = teken.isi if isinstance(teken.isi, dict) else {}
    tanggal = timezone.localtime(teken.ditandatangani_pada).date().isoformat()
    pertama = {
        "nama": teken.nama_pihak_pertama,
        "jabatan": teken.jabatan_pihak_pertama,
        "nip": teken.nip_pihak_pertama,
        "pangkat": "",
    }
    kedua = {
        "nama": teken.nama_pihak_kedua,
        "jabatan": teken.jabatan_pihak_kedua,
        "nip": teken.nip_pihak_kedua,
    }
    return IsiPK(
        sasaran=list(isi.get("sasaran", [])),
        program=[{"sumber_anggaran": "", **p} for p in isi.get("program", [])],
        total=Decimal(isi.get("total") or 0),
        tahun=int(isi.get("tahun") or teken.tahun),
        perangkat_daerah=isi.get("perangkat_daerah") or teken.pd.nama,
        pemda=isi.get("pemda") or teken.pd.pemda.nama,
        pernyataan=list(isi.get("pernyataan") or PERNYATAAN),
        pihak_pertama={**pertama, **(isi.get("pihak_pertama") or {})},
        pihak_kedua={**kedua, **(isi.get("pihak_kedua") or {})},
        tempat=isi.get("tempat") or teken.tempat,
        tanggal=isi.get("tanggal") or tanggal,
        catatan=list(isi.get("catatan", [])),
        format=int(isi.get("format") or 1),
    )


def beda_sejak_teken(teken: PerjanjianKinerja, kini: IsiPK) -> list[str]:
    """What the data says now that differs from what was signed (targets and anggaran)."""
    tertanda = isi_tertanda(teken)
    lama = {(s["sasaran"], s["indikator"]): s["target"] for s in tertanda.sasaran}
    beda = []
    for s in kini.sasaran:
        t = lama.get((s["sasaran"], s["indikator"]))
        if t is None:
            beda.append(f"{s['indikator']}: tidak ada saat ditandatangani (sekarang {s['target']})")
        elif t != s["target"]:
            beda.append(f"{s['indikator']}: target saat ditandatangani {t}, sekarang {s['target']}")
    lama_rp = {p["kode"]: Decimal(p["anggaran"]) for p in tertanda.program}
    for p in kini.program:
        a = lama_rp.get(p["kode"])
        if a is not None and a != Decimal(p["anggaran"]):
            beda.append(
                f"{p['kode']} {p['program']}: anggaran saat ditandatangani Rp{format_rupiah(a)}, "
                f"sekarang Rp{format_rupiah(Decimal(p['anggaran']))} ({p['sumber_anggaran']})"
            )
    return beda


def keadaan(teken: PerjanjianKinerja | None) -> str:
    """One line on whether the agreement is signed, written on every copy of it."""
    if teken is None:
        return "RANCANGAN — belum ditandatangani; isi dihitung dari data saat ini."
    tanggal = timezone.localtime(teken.ditandatangani_pada).strftime("%d-%m-%Y")
    tempat = f" di {teken.tempat}" if teken.tempat else ""
    return f"Ditandatangani{tempat} pada {tanggal} oleh {teken.nama_pihak_pertama}; isi seperti saat ditandatangani."


# --- the tables: statement sheet and annexes -----------------------------------------------


def _baris_pihak(t: Tabel, sebutan: str, p: dict, *, nip_wajib: bool) -> None:
    t.tambah([Sel(sebutan, kelas="tebal"), Sel("Nama"), Sel(p.get("nama") or "……………………………")])
    t.tambah([Sel(""), Sel("Jabatan"), Sel(p.get("jabatan") or "……………………………")])
    if p.get("nip") or nip_wajib:  # the kepala daerah, an elected official, may have no NIP
        t.tambah([Sel(""), Sel("NIP"), Sel(p.get("nip") or "……………………………")])


def tabel_pernyataan(isi: IsiPK, teken: PerjanjianKinerja | None) -> Tabel:
    """The statement, the parties, place and date and both signature blocks as one sheet."""
    t = Tabel(
        kode="PK-pernyataan",
        judul=f"Perjanjian Kinerja Tahun {isi.tahun} {isi.perangkat_daerah} {isi.pemda}",
        subjudul=keadaan(teken),
        kepala=[[Kepala("Bagian"), Kepala("Uraian"), Kepala("Isi")]],
        lebar=[18, 14, 90],
    )
    t.tambah([Sel("Pernyataan", kelas="tebal"), Sel(""), Sel(isi.pernyataan[0])])
    _baris_pihak(t, "Pihak pertama", isi.pihak_pertama, nip_wajib=True)
    t.tambah([Sel(""), Sel(""), Sel(SEBUTAN_PERTAMA)])
    _baris_pihak(t, "Pihak kedua", isi.pihak_kedua, nip_wajib=False)
    t.tambah([Sel(""), Sel(""), Sel(SEBUTAN_KEDUA)])
    for paragraf in isi.pernyataan[1:]:
        t.tambah([Sel(""), Sel(""), Sel(paragraf)])
    tempat_tanggal = f"{isi.tempat or '…………………'}, {isi.tanggal_tercetak or f'………………… {isi.tahun}'}"
    t.tambah([Sel("Tempat dan tanggal", kelas="tebal"), Sel(""), Sel(tempat_tanggal)])
    for sebutan, p in (("PIHAK KEDUA", isi.pihak_kedua), ("PIHAK PERTAMA", isi.pihak_pertama)):
        nip = f" · NIP. {p['nip']}" if p.get("nip") else ""
        ttd = "ditandatangani" if teken is not None and sebutan == "PIHAK PERTAMA" else "(tanda tangan)"
        t.tambah(
            [
                Sel(f"Tanda tangan {sebutan.lower()}", kelas="tebal"),
                Sel(ttd),
                Sel(f"{p.get('nama') or '……………………………'} · {p.get('jabatan') or ''}{nip}"),
            ]
        )
    return t


def tabel_pk(ev: Evaluasi, isi: IsiPK | None = None, teken: PerjanjianKinerja | None = None) -> list[Tabel]:
    """The annex tables: sasaran strategis with indicators and targets; programs with anggaran."""
    isi = isi or (isi_tertanda(teken) if teken else isi_pk(ev))
    judul_pd = f"{isi.perangkat_daerah} {isi.pemda}"
    t1 = Tabel(
        kode="PK",
        judul=f"Perjanjian Kinerja Tahun {isi.tahun} {judul_pd}",
        subjudul=f"Lampiran 1 · Sasaran strategis, indikator kinerja dan target · {keadaan(teken)}",
        kepala=[
            [
                Kepala("No"),
                Kepala("Sasaran Strategis"),
                Kepala("Indikator Kinerja"),
                Kepala("Satuan"),
                Kepala("Target"),
            ],
            [Kepala(str(i)) for i in range(1, 6)],
        ],
        lebar=[5, 40, 45, 10, 14],
        catatan=[
            "Sasaran strategis perangkat daerah dengan indikator dan target tahun ini; ukuran yang sama "
            "(mis. nilai SAKIP di tujuan dan sasaran) dicantumkan sekali.",
            *isi.catatan,
        ],
    )
    for i, s in enumerate(isi.sasaran, start=1):
        # A first-shape snapshot also held tujuan rows: they are printed as signed, named as such.
        nama = s["sasaran"] if s.get("tingkat", "Sasaran") == "Sasaran" else f"{s['tingkat']}: {s['sasaran']}"
        t1.tambah([Sel(i, ANGKA), Sel(nama), Sel(s["indikator"]), Sel(s["satuan"]), Sel(s["target"], NILAI)])
    t2 = Tabel(
        kode="PK-anggaran",
        judul=f"Program dan Anggaran Tahun {isi.tahun} {judul_pd}",
        subjudul=f"Lampiran 2 · {keadaan(teken)}",
        kepala=[
            [
                Kepala("No"),
                Kepala("Kode"),
                Kepala("Program"),
                Kepala("Anggaran (Rp)"),
                Kepala("Sumber Anggaran"),
            ],
            [Kepala(str(i)) for i in range(1, 6)],
        ],
        lebar=[5, 12, 50, 18, 22],
        catatan=[_catatan_sumber(isi)],
    )
    for i, p in enumerate(isi.program, start=1):
        t2.tambah(
            [
                Sel(i, ANGKA),
                Sel(p["kode"]),
                Sel(p["program"]),
                Sel(Decimal(p["anggaran"]), RUPIAH),
                Sel(p.get("sumber_anggaran") or "", TEKS),
            ]
        )
    t2.tambah(
        [Sel("Jumlah", kelas="tebal", colspan=3), None, None, Sel(isi.total, RUPIAH, kelas="tebal"), Sel("")],
        "tebal",
    )
    return [t1, t2]


def _catatan_sumber(isi: IsiPK) -> str:
    sumber = sorted({p.get("sumber_anggaran") or "" for p in isi.program} - {""})
    if not sumber:
        return "Anggaran program = jumlah pagu sub kegiatannya pada tahun itu (perjanjian ditandatangani sebelum sumber anggaran dicatat)."
    return (
        f"Sumber anggaran: {' / '.join(sumber)}. Anggaran program = jumlah anggaran sub kegiatannya: APBD yang berlaku "
        "(perubahan menggantikan murni); sub kegiatan tanpa APBD tercatat memakai pagu Renja yang ditetapkan atau, "
        "bila tidak ada, pagu indikatif Renstra — aturan yang sama dengan E.81 dan LKjIP."
    )


def dokumen_pk(ev: Evaluasi, teken: PerjanjianKinerja | None) -> dict:
    """The agreement as data (``kinerja export PK --format json``): the signed snapshot once signed."""
    isi = isi_tertanda(teken) if teken else isi_pk(ev)
    return {
        "laporan": "PK",
        "status": "ditandatangani" if teken else "rancangan",
        "keadaan": keadaan(teken),
        **isi.simpan(),
    }


def tempat_bawaan(pemda) -> str:
    """Where a kota's agreements are signed: the city's name ("Kota Blitar" → "Blitar")."""
    nama = pemda.nama.strip()
    for awalan in ("Kota ", "Kabupaten ", "Kab. "):
        if nama.startswith(awalan):
            return nama[len(awalan) :]
    return nama


def _rapikan(teks: str | None) -> str:
    return " ".join((teks or "").split())


@transaction.atomic
def tandatangani(
    *,
    pengguna,
    versi: RenstraVersi,
    tahun: int,
    isi: IsiPK,
    tempat: str | None,
    nama_pihak_kedua: str | None = None,
    jabatan_pihak_kedua: str | None = None,
    nip_pihak_kedua: str = "",
    nip_pihak_pertama: str | None = None,
    pada: dt.date | None = None,
) -> PerjanjianKinerja:
    """Sign a year's agreement as the PD's head: the whole document is stored as it is now.

    Pihak Kedua defaults to the pemda's kepala daerah; when the data does not name the person
    (a document may name the office only), the name must be given here. The NIP of Pihak
    Pertama defaults to the PD head's; the kepala daerah, an elected official, may have none.
    """
    pd = versi.pd
    if not pelaku_wajib(pengguna).tandatangan_pk(pd.pk):
        raise PermissionDenied("Hanya pimpinan perangkat daerah yang menandatangani Perjanjian Kinerja.")
    galat: dict[str, list[str]] = {}  # per field of the signing form, "__all__" for the whole of it
    tempat = _rapikan(tempat)
    if not tempat:
        galat["tempat"] = ["Tulis tempat penandatanganan, mis. Blitar."]
    pertama, kedua = pihak_bawaan(pd, pengguna)
    kedua["nama"] = _rapikan(kedua["nama"] if nama_pihak_kedua is None else nama_pihak_kedua)
    kedua["jabatan"] = _rapikan(jabatan_pihak_kedua) or kedua["jabatan"]
    if not kedua["nama"]:
        galat["nama_pihak_kedua"] = [
            f"Tulis nama Pihak Kedua ({kedua['jabatan']}): perjanjian tidak dapat ditandatangani tanpa namanya."
        ]
    for p, nip, medan, label in (
        (pertama, nip_pihak_pertama, "nip_pihak_pertama", "NIP Pihak Pertama"),
        (kedua, nip_pihak_kedua, "nip_pihak_kedua", "NIP Pihak Kedua"),
    ):
        try:
            p["nip"] = normal_nip(p["nip"] if nip is None else nip, label=label, wajib=p is pertama)
        except ValidationError as e:
            galat[medan] = e.messages
    if not versi.tahun_mulai <= tahun <= versi.tahun_akhir:
        galat["__all__"] = [f"Tahun {tahun} di luar periode {versi.tahun_mulai}–{versi.tahun_akhir}."]
    if galat:
        raise ValidationError(galat)
    if PerjanjianKinerja.objects.select_for_update().filter(pd=pd, tahun=tahun).exists():
        raise ValidationError(f"Perjanjian Kinerja {tahun} sudah ditandatangani.")
    sekarang = timezone.now()
    isi.pihak_pertama, isi.pihak_kedua, isi.tempat = pertama, kedua, tempat
    isi.tanggal = timezone.localtime(sekarang).date().isoformat()
    isi.tahun = tahun
    obj = PerjanjianKinerja.objects.create(
        pd=pd,
        versi=versi,
        tahun=tahun,
        ditandatangani_oleh=pengguna if getattr(pengguna, "pk", None) else None,
        ditandatangani_pada=sekarang,
        tempat=tempat,
        nama_pihak_pertama=pertama["nama"],
        jabatan_pihak_pertama=pertama["jabatan"],
        nama_pihak_kedua=kedua["nama"],
        jabatan_pihak_kedua=kedua["jabatan"],
        nip_pihak_pertama=pertama["nip"],
        nip_pihak_kedua=kedua["nip"],
        isi=isi.simpan(),
    )
    lewat = tahun < (pada or timezone.localdate()).year
    catat(
        aksi="pk.tandatangan",
        objek=obj,
        pengguna=pengguna,
        perubahan={"tahun": (None, tahun), "tempat": (None, tempat), "pihak_kedua": (None, kedua["nama"])},
        alasan=f"Ditandatangani untuk tahun yang sudah lewat ({tahun})." if lewat else "",
        pd=pd,
    )
    return obj
