"""What a typed realisation must be, and when it is so unusual that the operator must explain it.

Plain functions over values, no database.

* A count (an indicator of kind *angka* whose satuan counts things: orang, kelompok, tim,
  dokumen, RT, kali, kegiatan, laporan, unit …, or an unlabelled "Jumlah …") takes whole
  numbers only. A planner may override this per indicator (``AturanIsian.bilangan_bulat``).
* A percentage takes 0–100, unless the indicator allows more (``AturanIsian.boleh_lebih_100``,
  e.g. "% serapan"); even then no more than 1.000%.
* A value is unusual when the year's capaian up to this quarter would be above 200% of the
  target, or below 20% (for indicators whose quarters are added up, only in quarter IV, when
  the year is complete), or when it is more than 5 times the previous quarter's value of the
  same row. Such a value is saved only with an explanation and is flagged to the verifier.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from kinerja.core import angka
from kinerja.core.pembulatan import bulat_ke_bawah
from kinerja.monev import capaian as cp
from kinerja.monev.selectors import NAMA_TRIWULAN

# Units that count whole things; compared through ``angka.kunci_satuan`` (case and spaces ignored).
SATUAN_HITUNGAN = frozenset(
    {
        "orang",
        "jiwa",
        "kk",
        "pasang",
        "peserta",
        "kelompok",
        "pokmas",
        "ormas",
        "tim",
        "lembaga",
        "organisasi",
        "dokumen",
        "berkas",
        "surat",
        "laporan",
        "rt",
        "rw",
        "kelurahan",
        "desa",
        "kecamatan",
        "kali",
        "kegiatan",
        "even",
        "event",
        "lomba",
        "rakor",
        "patroli",
        "pelayanan",
        "layanan",
        "publikasi",
        "unit",
        "buah",
        "paket",
        "set",
        "lokasi",
        "titik",
        "jenis",
        "macam",
        "komponen",
        "cetakan",
        "eksemplar",
        "lembar",
        "bahanbacaan",
        "dos",
        "rekening",
        "iuran",
        "wp",
        "tradisilokal",
        "aplikasi",
        "sekolah",
        "usaha",
        "umkm",
    }
)
BATAS_ATAS = Decimal(200)
BATAS_BAWAH = Decimal(20)
KALI_SEBELUMNYA = Decimal(5)
PERSEN_MAKS = Decimal(100)
PERSEN_MUSTAHIL = Decimal(1000)


@dataclass(frozen=True)
class AturanNilai:
    """The checks a typed value of one indicator goes through."""

    bulat: bool  # whole numbers only
    persen: bool  # a percentage: 0–100 unless ``boleh_lebih_100``
    boleh_lebih_100: bool
    bulat_bawaan: bool  # what the indicator's kind alone would say (shown beside an override)


def satuan_hitungan(satuan: str | None) -> bool:
    """A satuan that counts whole things ("Pokmas / Ormas" counts; "orang/bulan" is a rate)."""
    kunci = angka.kunci_satuan(satuan)
    return bool(kunci) and all(bagian in SATUAN_HITUNGAN for bagian in kunci.split("/"))


def hitungan_bawaan(*, jenis_nilai: str, satuan: str | None, nama: str = "") -> bool:
    """Whether an indicator's kind makes it a count, before any per-indicator setting."""
    if jenis_nilai != "angka":
        return False
    if (satuan or "").strip():
        return satuan_hitungan(satuan)
    # The sample prints some counts without a satuan ("Jumlah TPS yang difasilitasi").
    return nama.strip().casefold().startswith("jumlah ")


def aturan_nilai(*, jenis_nilai: str, satuan: str | None, nama: str = "", setelan=None) -> AturanNilai:
    """The checks for one indicator: its kind's default, overridden by its ``AturanIsian`` if any."""
    bawaan = hitungan_bawaan(jenis_nilai=jenis_nilai, satuan=satuan, nama=nama)
    pilih = getattr(setelan, "bilangan_bulat", "") or ""
    return AturanNilai(
        bulat=bawaan if not pilih else pilih == "ya",
        persen=jenis_nilai == "persen",
        boleh_lebih_100=bool(getattr(setelan, "boleh_lebih_100", False)),
        bulat_bawaan=bawaan,
    )


def cek_nilai(aturan: AturanNilai, nilai: Decimal, *, teks: str, satuan: str = "") -> str:
    """Why a value does not fit its indicator's kind ("" when it fits)."""
    if aturan.bulat and nilai != nilai.to_integral_value():
        dalam = f" dalam {satuan}" if satuan else ""
        bawah = bulat_ke_bawah(nilai)
        return (
            f"'{teks}' bukan bilangan bulat: indikator ini dihitung{dalam}. "
            f"Isi bilangan bulat, mis. {angka.format_angka(bawah)} atau {angka.format_angka(bawah + 1)}."
        )
    if aturan.persen:
        if nilai > PERSEN_MUSTAHIL:
            return f"{angka.format_angka(nilai)}% tidak masuk akal untuk persentase."
        if nilai > PERSEN_MAKS and not aturan.boleh_lebih_100:
            return (
                f"{angka.format_angka(nilai)}% melebihi 100%: persentase ini paling besar 100%. "
                "Bila indikator ini memang dapat melebihi 100% (mis. persentase serapan), "
                "perencana dapat mengizinkannya pada Aturan isian."
            )
    return ""


def cek_kewajaran(
    *,
    arah: str,
    agregasi: str,
    target: Decimal | None,
    per_tw: Mapping[int, Decimal],
    triwulan: int,
    nilai: Decimal,
    sebelumnya: Decimal | None,
    nama_sebelumnya: str = "",
) -> list[str]:
    """Why a quarter's value is unusual (empty when it is not).

    ``per_tw`` holds the row's other quarters of the year; ``sebelumnya`` the previous
    quarter's value of the same row (``nama_sebelumnya`` names it, e.g. "triwulan III").
    """
    alasan = []
    if target is not None and target != 0:
        sd_kini = {q: v for q, v in per_tw.items() if q < triwulan and v is not None}
        sd_kini[triwulan] = nilai
        real = cp.gabung_triwulan(sd_kini, agregasi, triwulan)
        c = cp.hitung(arah=arah, target=target, realisasi=real).nilai
        tw = NAMA_TRIWULAN[triwulan]
        if c is not None and c > BATAS_ATAS:
            alasan.append(
                f"capaian s.d. triwulan {tw} menjadi {angka.format_persen(c)} dari target "
                f"{angka.format_angka(target)} (di atas 200%)"
            )
        elif c is not None and c < BATAS_BAWAH and (agregasi != "jumlah" or triwulan == 4):
            alasan.append(
                f"capaian s.d. triwulan {tw} hanya {angka.format_persen(c)} dari target "
                f"{angka.format_angka(target)} (di bawah 20%)"
            )
    if sebelumnya is not None and sebelumnya > 0 and nilai > KALI_SEBELUMNYA * sebelumnya:
        alasan.append(
            f"{angka.format_angka(nilai)} lebih dari 5 kali nilai {nama_sebelumnya or 'triwulan sebelumnya'} "
            f"({angka.format_angka(sebelumnya)})"
        )
    return alasan
