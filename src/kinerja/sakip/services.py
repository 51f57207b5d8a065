"""Writing the SAKIP self-evaluation: the PD fills (answers, evidence, its own grades, follow-up of the
recommendations) and submits; the Inspektorat of its pemda grades, comments, recommends and marks the
evaluation final. Neither side changes the other's grade (``izin.Cakupan.isi_sakip`` and
``evaluasi_sakip``). Every function takes the actor, checks it before reading anything scoped, checks
every value at once (``ValidationError`` keyed by the form's field names) and writes the audit trail.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from kinerja.core.audit import catat
from kinerja.core.models import Peran
from kinerja.core.unggah import format_mb
from kinerja.sakip import nilai as skor
from kinerja.sakip.lke import baca_lke
from kinerja.sakip.models import Evaluasi, JawabanKriteria, Lke, NilaiSub, Rekomendasi
from kinerja.sakip.selectors import jawaban_sub, lke_berlaku
from kinerja.wilayah.izin import pelaku_wajib
from kinerja.wilayah.models import Pemda, PerangkatDaerah

S = Evaluasi.Status
BATAS_BERKAS = 5 * 1024 * 1024
BATAS_LKE = 512 * 1024
# Accepted evidence files and the first bytes of each (a renamed file is refused).
TANDA_BERKAS = {
    "pdf": (b"%PDF",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG",),
    "xlsx": (b"PK\x03\x04",),
    "docx": (b"PK\x03\x04",),
}
MAKS_TAUTAN = 6
TOLAK_ISI = "Evaluasi SAKIP mandiri diisi oleh perencana, pimpinan atau administrator perangkat daerah ini."
TOLAK_EVALUATOR = "Nilai evaluator hanya diberikan oleh Inspektorat pemerintah daerah perangkat daerah ini."
TOLAK_BACA = "Anda tidak berwenang membaca evaluasi SAKIP perangkat daerah ini."
TOLAK_LKE = "Lembar kerja evaluasi dimuat oleh administrator pemda atau Inspektorat pemda ini."


def _wajib(boleh: bool, pesan: str) -> None:
    if not boleh:
        raise PermissionDenied(pesan)


def _teks(nilai, panjang: int, medan: str, galat: dict) -> str:
    t = str(nilai or "").strip()
    if len(t) > panjang:
        galat[medan] = f"Paling panjang {panjang} huruf."
    return t


def baca_evaluasi(*, pengguna, pd: PerangkatDaerah, tahun: int) -> Evaluasi | None:
    """The PD's evaluation of the year, if one has been started."""
    _wajib(pelaku_wajib(pengguna).baca_sakip(pd), TOLAK_BACA)
    return Evaluasi.objects.filter(pd=pd, tahun=tahun).select_related("lke", "pd__pemda").first()


@transaction.atomic
def mulai_evaluasi(*, pengguna, pd: PerangkatDaerah, tahun: int, demonstrasi: bool = False) -> Evaluasi:
    """Start the PD's evaluation of a year with the pemda's current worksheet (or return the one started)."""
    _wajib(pelaku_wajib(pengguna).isi_sakip(pd), TOLAK_ISI)
    if not 2000 <= int(tahun) <= 2100:
        raise ValidationError({"tahun": "Tahun evaluasi tidak masuk akal."})
    ev, baru = Evaluasi.objects.get_or_create(
        pd=pd, tahun=tahun, defaults={"lke": lke_berlaku(pd.pemda_id), "demonstrasi": demonstrasi}
    )
    if baru:
        catat(aksi="sakip.mulai", objek=ev, pengguna=pengguna, perubahan={"lke": (None, ev.lke.kode)}, pd=pd)
    return ev


def _cek_tautan(tautan, galat: dict) -> list[str]:
    daftar = [str(t).strip() for t in (tautan or []) if str(t).strip()]
    daftar = list(dict.fromkeys(daftar))
    if len(daftar) > MAKS_TAUTAN:
        galat["tautan"] = f"Paling banyak {MAKS_TAUTAN} halaman bukti."
    for t in daftar:
        if (
            len(t) > 300
            or not t.startswith("/")
            or not url_has_allowed_host_and_scheme(t, allowed_hosts=set())
        ):
            galat["tautan"] = "Bukti berupa halaman harus halaman Kinerja ini (alamat diawali '/')."
    return daftar


def _cek_berkas(berkas, galat: dict) -> None:
    nama = berkas.name or ""
    ekstensi = nama.rsplit(".", 1)[-1].lower() if "." in nama else ""
    if ekstensi not in TANDA_BERKAS:
        galat["berkas"] = f"Berkas “{nama}” tidak diterima: hanya PDF, JPG, PNG, XLSX atau DOCX."
        return
    if berkas.size > BATAS_BERKAS:
        galat["berkas"] = f"Berkas “{nama}” lebih dari {format_mb(BATAS_BERKAS)}."
        return
    awal = berkas.read(8)
    berkas.seek(0)
    if not any(awal.startswith(t) for t in TANDA_BERKAS[ekstensi]):
        galat["berkas"] = f"Isi berkas “{nama}” bukan {ekstensi.upper()} yang sah."


def _boleh_isi(pengguna, ev: Evaluasi) -> None:
    _wajib(pelaku_wajib(pengguna).isi_sakip(ev.pd_id), TOLAK_ISI)
    if ev.status != S.PENGISIAN:
        raise ValidationError(
            f"Evaluasi {ev.tahun} sudah {ev.get_status_display().lower()}; jawaban PD tidak dapat diubah lagi."
        )


@transaction.atomic
def simpan_jawaban(
    *,
    pengguna,
    evaluasi: Evaluasi,
    kode: str,
    terpenuhi: bool | None,
    tautan=(),
    catatan: str = "",
    berkas=None,
    hapus_berkas: bool = False,
) -> JawabanKriteria:
    """The PD's answer to one criterion: met or not, evidence pages and/or a file, a note."""
    ev = Evaluasi.objects.select_for_update().select_related("lke").get(pk=evaluasi.pk)
    _boleh_isi(pengguna, ev)
    if kode not in {k.kode for k in ev.lke.lembar.semua_kriteria()}:
        raise ValidationError({"kode": f"Kriteria '{kode}' tidak ada di lembar kerja evaluasi ini."})
    galat: dict[str, str] = {}
    daftar = _cek_tautan(tautan, galat)
    catatan = _teks(catatan, 2000, "catatan", galat)
    if berkas is not None:
        _cek_berkas(berkas, galat)
    if galat:
        raise ValidationError(galat)
    j, _ = JawabanKriteria.objects.get_or_create(evaluasi=ev, kode=kode)
    lama = {"terpenuhi": j.terpenuhi, "tautan": list(j.tautan), "catatan": j.catatan, "berkas": j.berkas.name}
    j.terpenuhi, j.tautan, j.catatan = terpenuhi, daftar, catatan
    berkas_lama = j.berkas.name if (berkas is not None or hapus_berkas) and j.berkas else ""
    if berkas is not None:
        j.berkas = berkas
    elif hapus_berkas:
        j.berkas = ""
    j.diubah_oleh = pengguna if getattr(pengguna, "is_authenticated", False) else None
    j.save()
    baru = {"terpenuhi": j.terpenuhi, "tautan": j.tautan, "catatan": j.catatan, "berkas": j.berkas.name}
    perubahan = {k: (lama[k], baru[k]) for k in lama if lama[k] != baru[k]}
    if perubahan:
        catat(aksi="sakip.jawaban", objek=j, pengguna=pengguna, perubahan=perubahan, pd=ev.pd)
    if berkas_lama:
        simpanan = JawabanKriteria._meta.get_field("berkas").storage
        transaction.on_commit(lambda: simpanan.delete(berkas_lama))
    return j


def _simpan_nilai(pengguna, ev: Evaluasi, kode: str, nilai: str, catatan: str, evaluator: bool) -> NilaiSub:
    lembar = ev.lke.lembar
    if lembar.sub(kode) is None:
        raise ValidationError({"kode": f"Sub-komponen '{kode}' tidak ada di lembar kerja evaluasi ini."})
    galat: dict[str, str] = {}
    nilai = str(nilai or "").strip().upper()
    if nilai and nilai not in lembar.kode_jawaban():
        galat["nilai"] = f"Pilih salah satu jawaban: {', '.join(lembar.kode_jawaban())}."
    catatan = _teks(catatan, 2000, "catatan", galat)
    if galat:
        raise ValidationError(galat)
    n, _ = NilaiSub.objects.get_or_create(evaluasi=ev, kode=kode)
    mn, mc = ("nilai_evaluator", "catatan_evaluator") if evaluator else ("nilai_pd", "catatan_pd")
    lama = (getattr(n, mn), getattr(n, mc))
    setattr(n, mn, nilai)
    setattr(n, mc, catatan)
    n.save(update_fields=[mn, mc])
    perubahan = {k: (a, b) for k, a, b in ((mn, lama[0], nilai), (mc, lama[1], catatan)) if a != b}
    if perubahan:
        catat(aksi="sakip.nilai", objek=n, pengguna=pengguna, perubahan=perubahan, pd=ev.pd)
    return n


@transaction.atomic
def simpan_nilai_pd(*, pengguna, evaluasi: Evaluasi, kode: str, nilai: str, catatan: str = "") -> NilaiSub:
    """The PD's own grade of a sub-component (self-assessment); the evaluator's stays as it is."""
    ev = Evaluasi.objects.select_for_update().select_related("lke", "pd").get(pk=evaluasi.pk)
    _boleh_isi(pengguna, ev)
    return _simpan_nilai(pengguna, ev, kode, nilai, catatan, evaluator=False)


def _boleh_evaluator(pengguna, ev: Evaluasi, status=(S.DIAJUKAN,)) -> None:
    _wajib(pelaku_wajib(pengguna).evaluasi_sakip(ev.pd_id), TOLAK_EVALUATOR)
    if ev.status not in status:
        pesan = {
            S.PENGISIAN: "Evaluasi ini masih diisi perangkat daerah; nilai evaluator diberikan sesudah diajukan.",
            S.SELESAI: "Evaluasi ini sudah final; buka kembali lebih dulu untuk mengubah nilai evaluator.",
            S.DIAJUKAN: "Evaluasi ini sedang diajukan ke evaluator.",
        }[ev.status]
        raise ValidationError(pesan)


@transaction.atomic
def simpan_nilai_evaluator(
    *, pengguna, evaluasi: Evaluasi, kode: str, nilai: str, catatan: str = ""
) -> NilaiSub:
    """The evaluator's grade of a sub-component and its comment; the PD's own grade stays as it is."""
    ev = Evaluasi.objects.select_for_update().select_related("lke", "pd").get(pk=evaluasi.pk)
    _boleh_evaluator(pengguna, ev)
    return _simpan_nilai(pengguna, ev, kode, nilai, catatan, evaluator=True)


@transaction.atomic
def ajukan(*, pengguna, evaluasi: Evaluasi) -> Evaluasi:
    """The PD hands its self-assessment to the evaluator (its answers are then closed)."""
    ev = Evaluasi.objects.select_for_update().select_related("lke", "pd").get(pk=evaluasi.pk)
    _boleh_isi(pengguna, ev)
    kurang = [s.kode for s in ev.lke.lembar.semua_sub() if not jawaban_sub(ev, evaluator=False).get(s.kode)]
    if kurang:
        raise ValidationError(
            f"Beri nilai mandiri setiap sub-komponen lebih dulu; belum: {', '.join(kurang)}."
        )
    ev.status, ev.diajukan_pada = S.DIAJUKAN, timezone.now()
    ev.save(update_fields=["status", "diajukan_pada"])
    catat(
        aksi="sakip.ajukan",
        objek=ev,
        pengguna=pengguna,
        perubahan={"status": (S.PENGISIAN, S.DIAJUKAN)},
        pd=ev.pd,
    )
    return ev


@transaction.atomic
def tetapkan(*, pengguna, evaluasi: Evaluasi, catatan: str = "") -> Evaluasi:
    """The evaluator marks the evaluation final: its score becomes the plan's Nilai SAKIP of the year."""
    ev = Evaluasi.objects.select_for_update().select_related("lke", "pd").get(pk=evaluasi.pk)
    _boleh_evaluator(pengguna, ev)
    galat: dict[str, str] = {}
    catatan = _teks(catatan, 4000, "catatan", galat)
    kurang = [s.kode for s in ev.lke.lembar.semua_sub() if not jawaban_sub(ev, evaluator=True).get(s.kode)]
    if kurang:
        galat["__all__"] = f"Beri nilai evaluator setiap sub-komponen lebih dulu; belum: {', '.join(kurang)}."
    if galat:
        raise ValidationError(galat)
    ev.status, ev.selesai_pada, ev.catatan_evaluator = S.SELESAI, timezone.now(), catatan
    ev.selesai_oleh = pengguna if getattr(pengguna, "is_authenticated", False) else None
    ev.save(update_fields=["status", "selesai_pada", "selesai_oleh", "catatan_evaluator"])
    s = skor.hitung(ev.lke.lembar, jawaban_sub(ev, evaluator=True))
    catat(
        aksi="sakip.tetapkan",
        objek=ev,
        pengguna=pengguna,
        perubahan={"status": (S.DIAJUKAN, S.SELESAI), "nilai": (None, str(s.nilai))},
        pd=ev.pd,
    )
    return ev


@transaction.atomic
def kembalikan(*, pengguna, evaluasi: Evaluasi, alasan: str) -> Evaluasi:
    """The evaluator steps the evaluation back: a submitted one to the PD, a final one to grading."""
    ev = Evaluasi.objects.select_for_update().select_related("pd").get(pk=evaluasi.pk)
    _boleh_evaluator(pengguna, ev, status=(S.DIAJUKAN, S.SELESAI))
    alasan = str(alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Tuliskan alasan pengembalian."})
    baru = S.PENGISIAN if ev.status == S.DIAJUKAN else S.DIAJUKAN
    lama, ev.status = ev.status, baru
    ev.save(update_fields=["status"])
    catat(
        aksi="sakip.kembalikan",
        objek=ev,
        pengguna=pengguna,
        perubahan={"status": (lama, baru)},
        alasan=alasan,
        pd=ev.pd,
    )
    return ev


def _cek_tanggal(nilai, galat: dict) -> dt.date | None:
    teks = str(nilai or "").strip()
    if not teks:
        return None
    try:
        d = dt.date.fromisoformat(teks)
    except ValueError:
        galat["batas_waktu"] = "Tanggal ditulis TTTT-BB-HH, mis. 2023-06-30."
        return None
    if not 2000 <= d.year <= 2100:
        galat["batas_waktu"] = "Tahun batas waktu tidak masuk akal."
    return d


@transaction.atomic
def tambah_rekomendasi(
    *, pengguna, evaluasi: Evaluasi, uraian: str, penanggung_jawab: str = "", batas_waktu=""
) -> Rekomendasi:
    """A recommendation of the evaluation report (LHE), written by the evaluator."""
    ev = Evaluasi.objects.select_related("pd").get(pk=evaluasi.pk)
    _boleh_evaluator(pengguna, ev, status=(S.DIAJUKAN, S.SELESAI))
    galat: dict[str, str] = {}
    uraian = _teks(uraian, 2000, "uraian", galat)
    if not uraian:
        galat["uraian"] = "Tuliskan rekomendasinya."
    pj = _teks(penanggung_jawab, 150, "penanggung_jawab", galat)
    batas = _cek_tanggal(batas_waktu, galat)
    if galat:
        raise ValidationError(galat)
    r = Rekomendasi.objects.create(evaluasi=ev, uraian=uraian, penanggung_jawab=pj, batas_waktu=batas)
    catat(
        aksi="sakip.rekomendasi.buat",
        objek=r,
        pengguna=pengguna,
        perubahan={"uraian": (None, uraian)},
        pd=ev.pd,
    )
    return r


@transaction.atomic
def ubah_tindak_lanjut(
    *, pengguna, rekomendasi: Rekomendasi, rencana: str, penanggung_jawab: str, batas_waktu, status: str
) -> Rekomendasi:
    """The follow-up of a recommendation: plan, owner, due date and status (the PD or the evaluator)."""
    r = Rekomendasi.objects.select_related("evaluasi__pd").get(pk=rekomendasi.pk)
    c = pelaku_wajib(pengguna)
    _wajib(c.isi_sakip(r.evaluasi.pd_id) or c.evaluasi_sakip(r.evaluasi.pd_id), TOLAK_ISI)
    galat: dict[str, str] = {}
    rencana = _teks(rencana, 2000, "rencana", galat)
    pj = _teks(penanggung_jawab, 150, "penanggung_jawab", galat)
    batas = _cek_tanggal(batas_waktu, galat)
    if status not in Rekomendasi.Status.values:
        galat["status"] = "Pilih status tindak lanjut."
    if galat:
        raise ValidationError(galat)
    lama = {
        "rencana": r.rencana,
        "penanggung_jawab": r.penanggung_jawab,
        "batas_waktu": r.batas_waktu,
        "status": r.status,
    }
    r.rencana, r.penanggung_jawab, r.batas_waktu, r.status = rencana, pj, batas, status
    r.save()
    baru = {"rencana": rencana, "penanggung_jawab": pj, "batas_waktu": batas, "status": status}
    perubahan = {k: (lama[k], baru[k]) for k in lama if lama[k] != baru[k]}
    if perubahan:
        catat(
            aksi="sakip.tindak_lanjut",
            objek=r,
            pengguna=pengguna,
            perubahan=perubahan,
            pd=r.evaluasi.pd,
        )
    return r


def _boleh_muat_lke(c, pemda: Pemda) -> bool:
    inspektorat = {p.pemda_id for p in c.peran if p.jenis == Peran.Jenis.INSPEKTORAT}
    return c.kelola_pemda(pemda.pk) or pemda.pk in inspektorat


@transaction.atomic
def muat_lke(*, pengguna, pemda: Pemda, isi: bytes, nama_berkas: str = "") -> Lke:
    """Load a newer worksheet for the pemda's new evaluations; a malformed one is refused with every reason."""
    _wajib(_boleh_muat_lke(pelaku_wajib(pengguna), pemda), TOLAK_LKE)
    if len(isi) > BATAS_LKE:
        raise ValidationError({"berkas": f"Berkas LKE lebih dari {format_mb(BATAS_LKE)}."})
    try:
        lembar = baca_lke(isi)
    except ValidationError as e:
        raise ValidationError({"berkas": e.messages}) from None
    lke = Lke.objects.create(
        pemda=pemda,
        kode=lembar.kode[:60],
        judul=lembar.judul[:300],
        isi=isi.decode("utf-8"),
        nama_berkas=str(nama_berkas)[:200],
        dimuat_oleh=pengguna if getattr(pengguna, "is_authenticated", False) else None,
    )
    catat(
        aksi="sakip.lke.muat",
        objek=lke,
        pengguna=pengguna,
        perubahan={"kode": (None, lke.kode)},
        alasan=nama_berkas,
    )
    return lke


def ringkasan(*, pengguna, evaluasi: Evaluasi) -> tuple[skor.Skor, skor.Skor]:
    """The scores of an evaluation: the PD's own grades and the evaluator's."""
    _wajib(pelaku_wajib(pengguna).baca_sakip(evaluasi.pd_id), TOLAK_BACA)
    lembar = evaluasi.lke.lembar
    return (
        skor.hitung(lembar, jawaban_sub(evaluasi, evaluator=False)),
        skor.hitung(lembar, jawaban_sub(evaluasi, evaluator=True)),
    )


def boleh_muat_lke(*, pengguna, pemda: Pemda) -> bool:
    """May the actor load a worksheet for this pemda? (a question: answers no, never refuses)"""
    return _boleh_muat_lke(pelaku_wajib(pengguna), pemda)
