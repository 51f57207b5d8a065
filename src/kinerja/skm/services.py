"""Storing questionnaires exactly once, and the IKM of any set of them in one aggregate query."""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid
from collections import deque
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from kinerja.core import angka
from kinerja.layanan.services import rentang_waktu
from kinerja.skm import ikm
from kinerja.skm.models import Kios, Respons
from kinerja.wilayah.models import Unit

KOLOM = [f"u{i}" for i in range(1, 10)]


class TerlaluSering(Exception):
    """A kiosk sent more questionnaires per minute than it is allowed to."""


class _Jatah:
    """Per-kiosk sliding one-minute window, kept in each server process (no query per submission);
    with several worker processes a kiosk gets the limit in each of them."""

    def __init__(self):
        self._waktu: dict[int, deque] = {}
        self._kunci = threading.Lock()

    def ambil(self, kios_id: int, batas: int) -> bool:
        kini = time.monotonic()
        with self._kunci:
            antre = self._waktu.setdefault(kios_id, deque())
            while antre and kini - antre[0] > 60:
                antre.popleft()
            if len(antre) >= batas:
                return False
            antre.append(kini)
            return True


_jatah = _Jatah()


def _jawaban(jawaban: Mapping[str, object], *, lengkap: bool) -> dict[str, int | None]:
    hasil = {}
    for i, u in enumerate(ikm.UNSUR, start=1):
        v = jawaban.get(u, jawaban.get(u.lower()))
        if v in (None, ""):
            if lengkap:
                raise ValidationError(f"Unsur {u} ({ikm.NAMA_UNSUR[u]}) belum dijawab.")
            hasil[f"u{i}"] = None
            continue
        try:
            n = int(v)
        except (TypeError, ValueError, OverflowError):  # OverflowError: JSON's Infinity
            raise ValidationError(f"Jawaban {u} harus 1, 2, 3 atau 4.") from None
        if n not in (1, 2, 3, 4):
            raise ValidationError(f"Jawaban {u} harus 1, 2, 3 atau 4, bukan {angka.format_angka(n)}.")
        hasil[f"u{i}"] = n
    if not any(v is not None for v in hasil.values()):
        raise ValidationError("Kuesioner kosong: tidak ada unsur yang dijawab.")
    return hasil


BATAS_UMUR = angka.Batas(digit=3, desimal=0)


def baca_umur(teks: object) -> int | None:
    """The age typed on a questionnaire (None when left empty); refused in Indonesian otherwise."""
    if teks is None or isinstance(teks, bool) or (isinstance(teks, str) and not teks.strip()):
        return None
    try:
        n = angka.baca_terbatas(teks if not isinstance(teks, str) else teks, BATAS_UMUR)
    except angka.NilaiDitolak as e:
        raise ValidationError(f"Umur: {e.pesan}") from None
    if n.angka is None or n.jenis != angka.ANGKA or n.satuan not in (None, "tahun"):
        raise ValidationError("Umur diisi dengan bilangan bulat tahun, mis. 35.")
    if n.angka != n.angka.to_integral_value():
        raise ValidationError("Umur diisi dengan bilangan bulat tahun, mis. 35.")
    return int(n.angka)


def simpan_respons(
    *,
    unit: Unit,
    id_klien: uuid.UUID | str,
    jawaban: Mapping[str, object],
    sumber: str,
    waktu: dt.datetime | None = None,
    kios: Kios | None = None,
    jenis_layanan=None,
    umur: int | None = None,
    jenis_kelamin: str = "",
    pendidikan: str = "",
    pekerjaan: str = "",
    saran: str = "",
) -> tuple[Respons, bool]:
    """Store a questionnaire once: the same ``id_klien`` again returns the stored one (False)."""
    try:
        id_klien = uuid.UUID(str(id_klien))
    except ValueError:
        raise ValidationError("Kode kiriman tidak sah.") from None
    nilai = _jawaban(jawaban, lengkap=sumber in (Respons.Sumber.KIOS, Respons.Sumber.PONSEL))
    if jenis_layanan is not None and jenis_layanan.unit_id != unit.pk:
        raise ValidationError("Layanan itu bukan layanan unit ini.")
    for nama, v, pilihan in (
        ("jenis kelamin", jenis_kelamin, Respons.JenisKelamin.values),
        ("pendidikan", pendidikan, Respons.Pendidikan.values),
        ("pekerjaan", pekerjaan, Respons.Pekerjaan.values),
    ):
        if v and v not in pilihan:
            raise ValidationError(f"Pilihan {nama} tidak dikenal.")
    if umur is not None and not 10 <= umur <= 110:
        raise ValidationError("Umur di luar 10–110 tahun.")
    sekarang = timezone.now()
    waktu = waktu or sekarang
    if waktu > sekarang + dt.timedelta(minutes=10):
        waktu = sekarang  # a device clock running ahead: the server's time is used
    if kios is not None:
        if not kios.aktif:
            raise ValidationError("Kios ini tidak aktif.")
        if not _jatah.ambil(kios.pk, kios.batas_per_menit):
            raise TerlaluSering(
                f"Kios {kios.nama} mengirim lebih dari {kios.batas_per_menit} kuesioner per menit."
            )
    try:
        with transaction.atomic():
            r = Respons.objects.create(
                unit=unit,
                jenis_layanan=jenis_layanan,
                kios=kios,
                id_klien=id_klien,
                waktu=waktu,
                sumber=sumber,
                umur=umur,
                jenis_kelamin=jenis_kelamin,
                pendidikan=pendidikan,
                pekerjaan=pekerjaan,
                saran=saran.strip()[:2000],
                **nilai,
            )
    except IntegrityError:
        # Stored before (a kiosk resending after a lost reply): the first copy stands.
        ada = Respons.objects.filter(id_klien=id_klien).first()
        if ada is None:
            raise
        return ada, False
    return r, True


# --- results ------------------------------------------------------------------------------------

_AGREGAT = {"responden": Count("id")}
for _k in KOLOM:
    _AGREGAT[f"j_{_k}"] = Sum(_k)
    _AGREGAT[f"n_{_k}"] = Count(_k)


def _hasil(baris: Mapping[str, object]) -> ikm.HasilIKM:
    jumlah = {u: baris[f"j_u{i}"] or 0 for i, u in enumerate(ikm.UNSUR, start=1)}
    n = {u: baris[f"n_u{i}"] or 0 for i, u in enumerate(ikm.UNSUR, start=1)}
    return ikm.hitung(jumlah, n, responden=baris["responden"] or 0)


def _qs(unit_ids: list[int], mulai: dt.date, akhir: dt.date, jenis_id: int | None = None):
    a, b = rentang_waktu(mulai, akhir)
    qs = Respons.objects.filter(unit_id__in=unit_ids, waktu__gte=a, waktu__lt=b)
    if jenis_id:
        qs = qs.filter(jenis_layanan_id=jenis_id)
    return qs


def tahun_terakhir(*, unit_ids: list[int]) -> int | None:
    """The latest year with a questionnaire at these units (None: none yet)."""
    akhir = Respons.objects.filter(unit_id__in=unit_ids).aggregate(m=Max("waktu"))["m"]
    return timezone.localtime(akhir).year if akhir else None


def hasil_ikm(
    *, unit_ids: list[int], mulai: dt.date, akhir: dt.date, jenis_id: int | None = None
) -> ikm.HasilIKM:
    """The IKM of the questionnaires of some units in a period: one aggregate query."""
    return _hasil(_qs(unit_ids, mulai, akhir, jenis_id).aggregate(**_AGREGAT))


def hasil_ikm_per(
    *, unit_ids: list[int], mulai: dt.date, akhir: dt.date, per: str
) -> list[tuple[object, ikm.HasilIKM]]:
    """Per unit, per service or per month, in one grouped query."""
    qs = _qs(unit_ids, mulai, akhir)
    if per == "bulan":
        qs, kunci = qs.annotate(bulan=TruncMonth("waktu")).values("bulan"), "bulan"
    else:
        kunci = {"unit": "unit_id", "jenis": "jenis_layanan_id"}[per]
        qs = qs.values(kunci)
    hasil = []
    for r in qs.annotate(**_AGREGAT).order_by(kunci):
        k = r[kunci]
        if per == "bulan" and isinstance(k, dt.datetime):
            k = timezone.localtime(k).date() if timezone.is_aware(k) else k.date()
        hasil.append((k, _hasil(r)))
    return hasil
