"""The evaluation worksheet (LKE) as data: read a TOML file, check it, and give it as plain objects.

The worksheet shipped with the package is ``kinerja/data/sakip/lke_88_2021.toml``; a pemda may load
a newer one of the same shape. A file is refused (``ValidationError`` with every problem, in
Indonesian) when the component weights do not add up to 100, a component's sub-components do not add
up to the component, a sub-component has no criteria, a code repeats, or the answer scale or the
predicate bands are malformed (bands must cover 0–100 without gap or overlap).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources

from django.core.exceptions import ValidationError

SERATUS = Decimal(100)
DIMENSI = ("keberadaan", "kualitas", "pemanfaatan")


@dataclass(frozen=True)
class Kriteria:
    kode: str
    pertanyaan: str
    periksa: str = ""  # a check the system can answer from its own data (kinerja.evaluasi.usulan)


@dataclass(frozen=True)
class SubKomponen:
    kode: str
    nama: str
    dimensi: str
    bobot: Decimal
    kriteria: tuple[Kriteria, ...]
    sumber: str = ""


@dataclass(frozen=True)
class Komponen:
    kode: str
    nama: str
    bobot: Decimal
    sub: tuple[SubKomponen, ...]
    sumber: str = ""


@dataclass(frozen=True)
class Jawaban:
    kode: str
    persen: Decimal
    ambang: Decimal | None  # more than this share of criteria met suggests this answer
    penjelasan: dict


@dataclass(frozen=True)
class Predikat:
    kode: str
    label: str
    bawah: Decimal
    atas: Decimal
    bawah_inklusif: bool

    def memuat(self, nilai: Decimal) -> bool:
        di_atas = nilai >= self.bawah if self.bawah_inklusif else nilai > self.bawah
        return di_atas and nilai <= self.atas


@dataclass(frozen=True)
class Lembar:
    kode: str
    judul: str
    dasar_hukum: str
    komponen: tuple[Komponen, ...]
    jawaban: tuple[Jawaban, ...]
    predikat: tuple[Predikat, ...]
    catatan: str = ""

    def sub(self, kode: str) -> SubKomponen | None:
        return next((s for k in self.komponen for s in k.sub if s.kode == kode), None)

    def semua_sub(self) -> list[SubKomponen]:
        return [s for k in self.komponen for s in k.sub]

    def semua_kriteria(self) -> list[Kriteria]:
        return [c for s in self.semua_sub() for c in s.kriteria]

    def persen(self, kode_jawaban: str) -> Decimal | None:
        return next((j.persen for j in self.jawaban if j.kode == kode_jawaban), None)

    def kode_jawaban(self) -> list[str]:
        return [j.kode for j in self.jawaban]

    def predikat_dari(self, nilai: Decimal) -> Predikat | None:
        return next((p for p in self.predikat if p.memuat(nilai)), None)


class _Galat:
    def __init__(self) -> None:
        self.pesan: list[str] = []

    def __call__(self, pesan: str) -> None:
        self.pesan.append(pesan)

    def lempar(self) -> None:
        if self.pesan:
            raise ValidationError(self.pesan)


def _angka(nilai, di: str, galat: _Galat) -> Decimal | None:
    if isinstance(nilai, bool) or not isinstance(nilai, (int, float, Decimal, str)):
        galat(f"{di}: bobot/nilai harus berupa angka.")
        return None
    try:
        d = Decimal(str(nilai))
    except InvalidOperation:
        galat(f"{di}: '{nilai}' bukan angka.")
        return None
    if not d.is_finite() or d < 0:
        galat(f"{di}: angka harus 0 atau lebih.")
        return None
    return d


def _teks(data: dict, kunci: str, di: str, galat: _Galat) -> str:
    nilai = data.get(kunci)
    if not isinstance(nilai, str) or not nilai.strip():
        galat(f"{di}: '{kunci}' wajib diisi.")
        return ""
    return nilai.strip()


def _fmt(d: Decimal) -> str:
    from kinerja.core.angka import format_angka

    return format_angka(d)


def _kriteria(data, di: str, galat: _Galat, kode_ada: set) -> tuple[Kriteria, ...]:
    if not isinstance(data, list) or not data:
        galat(f"{di}: sub-komponen harus memuat paling sedikit satu kriteria.")
        return ()
    hasil = []
    for i, k in enumerate(data, 1):
        if not isinstance(k, dict):
            galat(f"{di}, kriteria ke-{i}: bentuknya tidak dikenali.")
            continue
        kode = _teks(k, "kode", f"{di}, kriteria ke-{i}", galat)
        if kode in kode_ada:
            galat(f"Kode '{kode}' dipakai lebih dari sekali.")
        kode_ada.add(kode)
        tanya = _teks(k, "pertanyaan", f"Kriteria {kode or i}", galat)
        hasil.append(Kriteria(kode, tanya, str(k.get("periksa") or "")))
    return tuple(hasil)


def _komponen(data, galat: _Galat) -> tuple[Komponen, ...]:
    if not isinstance(data, list) or not data:
        galat("LKE harus memuat daftar [[komponen]].")
        return ()
    hasil, kode_ada = [], set()
    for i, k in enumerate(data, 1):
        if not isinstance(k, dict):
            galat(f"Komponen ke-{i}: bentuknya tidak dikenali.")
            continue
        kode = _teks(k, "kode", f"Komponen ke-{i}", galat)
        di = f"Komponen {kode or i}"
        if kode in kode_ada:
            galat(f"Kode '{kode}' dipakai lebih dari sekali.")
        kode_ada.add(kode)
        nama = _teks(k, "nama", di, galat)
        bobot = _angka(k.get("bobot"), f"{di} (bobot)", galat)
        subs = []
        daftar = k.get("sub_komponen")
        if not isinstance(daftar, list) or not daftar:
            galat(f"{di}: harus memuat paling sedikit satu sub-komponen.")
            daftar = []
        for j, s in enumerate(daftar, 1):
            if not isinstance(s, dict):
                galat(f"{di}, sub-komponen ke-{j}: bentuknya tidak dikenali.")
                continue
            skode = _teks(s, "kode", f"{di}, sub-komponen ke-{j}", galat)
            sdi = f"Sub-komponen {skode or j}"
            if skode in kode_ada:
                galat(f"Kode '{skode}' dipakai lebih dari sekali.")
            kode_ada.add(skode)
            dimensi = str(s.get("dimensi") or "")
            if dimensi and dimensi not in DIMENSI:
                galat(f"{sdi}: dimensi '{dimensi}' tidak dikenal (keberadaan, kualitas atau pemanfaatan).")
            sbobot = _angka(s.get("bobot"), f"{sdi} (bobot)", galat)
            subs.append(
                SubKomponen(
                    skode,
                    _teks(s, "nama", sdi, galat),
                    dimensi,
                    sbobot if sbobot is not None else Decimal(0),
                    _kriteria(s.get("kriteria"), sdi, galat, kode_ada),
                    str(s.get("sumber") or ""),
                )
            )
        if bobot is not None and subs and sum(s.bobot for s in subs) != bobot:
            galat(
                f"{di}: bobot sub-komponennya berjumlah {_fmt(sum(s.bobot for s in subs))}, "
                f"padahal bobot komponen {_fmt(bobot)}."
            )
        hasil.append(Komponen(kode, nama, bobot or Decimal(0), tuple(subs), str(k.get("sumber") or "")))
    jumlah = sum(k.bobot for k in hasil)
    if hasil and jumlah != SERATUS:
        galat(f"Bobot komponen berjumlah {_fmt(jumlah)}, padahal harus 100.")
    return tuple(hasil)


def _jawaban(data, galat: _Galat) -> tuple[Jawaban, ...]:
    if not isinstance(data, list) or len(data) < 2:
        galat("LKE harus memuat skala jawaban [[skala_jawaban]] (paling sedikit dua pilihan).")
        return ()
    hasil, kode_ada = [], set()
    for i, j in enumerate(data, 1):
        if not isinstance(j, dict):
            galat(f"Jawaban ke-{i}: bentuknya tidak dikenali.")
            continue
        kode = _teks(j, "kode", f"Jawaban ke-{i}", galat)
        if kode in kode_ada:
            galat(f"Jawaban '{kode}' tercantum lebih dari sekali.")
        kode_ada.add(kode)
        persen = _angka(j.get("nilai_persen"), f"Jawaban {kode} (nilai_persen)", galat)
        if persen is not None and persen > SERATUS:
            galat(f"Jawaban {kode}: nilai_persen paling besar 100.")
        ambang = j.get("ambang_kriteria")
        ambang = _angka(ambang, f"Jawaban {kode} (ambang_kriteria)", galat) if ambang is not None else None
        penjelasan = {d: str(j.get(f"penjelasan_{d}") or "") for d in DIMENSI}
        hasil.append(Jawaban(kode, persen or Decimal(0), ambang, penjelasan))
    return tuple(hasil)


def _predikat(data, galat: _Galat) -> tuple[Predikat, ...]:
    if not isinstance(data, list) or not data:
        galat("LKE harus memuat pita predikat [[predikat]].")
        return ()
    hasil = []
    for i, p in enumerate(data, 1):
        if not isinstance(p, dict):
            galat(f"Predikat ke-{i}: bentuknya tidak dikenali.")
            continue
        kode = _teks(p, "kode", f"Predikat ke-{i}", galat)
        label = _teks(p, "label", f"Predikat {kode or i}", galat)
        inklusif = "dari" in p
        if inklusif == ("lebih_dari" in p):
            galat(
                f"Predikat {kode or i}: isi tepat satu dari 'dari' (inklusif) atau 'lebih_dari' (eksklusif)."
            )
            continue
        bawah = _angka(p["dari"] if inklusif else p["lebih_dari"], f"Predikat {kode} (batas bawah)", galat)
        atas = _angka(p.get("sampai_dengan"), f"Predikat {kode} (sampai_dengan)", galat)
        if bawah is None or atas is None:
            continue
        if atas <= bawah:
            galat(f"Predikat {kode}: batas atas harus lebih besar dari batas bawah.")
            continue
        hasil.append(Predikat(kode, label, bawah, atas, inklusif))
    urut = sorted(hasil, key=lambda p: p.bawah)
    if urut and len(urut) == len(data):
        if urut[0].bawah != 0 or not urut[0].bawah_inklusif:
            galat("Pita predikat harus dimulai dari 0 (inklusif).")
        if urut[-1].atas != SERATUS:
            galat("Pita predikat harus berakhir di 100.")
        for a, b in zip(urut, urut[1:], strict=False):
            if a.atas != b.bawah or b.bawah_inklusif:
                galat(
                    f"Pita predikat {a.kode} dan {b.kode} tidak bersambung: {a.kode} sampai {_fmt(a.atas)}, "
                    f"{b.kode} harus 'lebih_dari = {_fmt(a.atas)}'."
                )
    return tuple(sorted(hasil, key=lambda p: p.bawah, reverse=True))


def baca_lke(isi: bytes | str) -> Lembar:
    """A worksheet from the text of a TOML file, checked; ``ValidationError`` lists every problem."""
    if isinstance(isi, bytes):
        try:
            isi = isi.decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError("Berkas LKE harus teks TOML dengan pengodean UTF-8.") from None
    try:
        data = tomllib.loads(isi, parse_float=Decimal)
    except tomllib.TOMLDecodeError as e:
        raise ValidationError(f"Berkas LKE bukan TOML yang sah: {e}.") from None
    galat = _Galat()
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    if not meta:
        galat("LKE harus memuat bagian [meta] dengan kode dan judul.")
    kode = _teks(meta, "kode", "[meta]", galat) if meta else ""
    judul = _teks(meta, "judul", "[meta]", galat) if meta else ""
    komponen = _komponen(data.get("komponen"), galat)
    jawaban = _jawaban(data.get("skala_jawaban"), galat)
    predikat = _predikat(data.get("predikat"), galat)
    galat.lempar()
    return Lembar(
        kode=kode,
        judul=judul,
        dasar_hukum=str(meta.get("dasar_hukum") or ""),
        komponen=komponen,
        jawaban=tuple(sorted(jawaban, key=lambda j: j.persen, reverse=True)),
        predikat=predikat,
        catatan=str(meta.get("catatan") or ""),
    )


def teks_bawaan() -> str:
    """The text of the worksheet shipped with the package (PermenPANRB 88/2021)."""
    return resources.files("kinerja.data").joinpath("sakip/lke_88_2021.toml").read_text(encoding="utf-8")


@cache
def _lembar_dari_teks(teks: str) -> Lembar:
    return baca_lke(teks)


def lembar(teks: str) -> Lembar:
    """A stored worksheet's text read once per process."""
    return _lembar_dari_teks(teks)
