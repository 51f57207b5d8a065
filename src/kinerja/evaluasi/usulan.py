"""What the system can say about a criterion from its own data, and why.

A criterion of the worksheet may name a check (``periksa`` in the TOML); each check reads the PD's
plan, reports and records for the year and answers met / not met / cannot tell, with the reason in a
sentence and the pages that show it. The answer is only a proposal: the PD confirms or overrides it,
and the evaluator grades. The pages a user may pick as evidence are listed by ``pilihan_bukti``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from kinerja.monev.models import Laporan, PerjanjianKinerja, Realisasi, Sumber, TargetTriwulan
from kinerja.renstra.models import Indikator, RenstraVersi, TandaTemuan
from kinerja.renstra.selectors import versi_utama
from kinerja.sakip.models import Evaluasi, Rekomendasi
from kinerja.skm import selectors as skm_selectors
from kinerja.wilayah.models import PerangkatDaerah

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass
class Usulan:
    terpenuhi: bool | None  # None: the data cannot tell
    alasan: str
    tautan: list[tuple[str, str]] = field(default_factory=list)  # (label, path)


@dataclass
class Konteks:
    pd: PerangkatDaerah
    tahun: int
    versi: RenstraVersi | None

    def url(self, nama: str, *args) -> str:
        return reverse(nama, args=args)


def _renstra(k: Konteks) -> Usulan:
    v = k.versi
    if v is None:
        return Usulan(False, "Perangkat daerah ini belum punya Renstra di Kinerja.")
    dalam = v.tahun_mulai <= k.tahun <= v.tahun_akhir
    ok = dalam and v.status == RenstraVersi.Status.DITETAPKAN
    alasan = f"{v.nama}: periode {v.tahun_mulai}–{v.tahun_akhir}, status {v.get_status_display().lower()}."
    return Usulan(ok, alasan, [("Dasbor Renstra", k.url("renstra:dasbor", v.pk))])


def _renja(k: Konteks) -> Usulan:
    if k.versi is None:
        return Usulan(False, "Belum ada Renstra, jadi belum ada Renja.")
    ada = RenstraVersi.objects.filter(
        asal=k.versi,
        jenis=RenstraVersi.Jenis.RENJA,
        tahun_mulai=k.tahun,
        status=RenstraVersi.Status.DITETAPKAN,
    ).exists()
    alasan = f"Renja {k.tahun} {'sudah' if ada else 'belum'} ditetapkan di Kinerja."
    return Usulan(ada, alasan, [("Renja", k.url("monev:renja", k.versi.pk, k.tahun))])


def _pk(k: Konteks) -> Usulan:
    pk = PerjanjianKinerja.objects.filter(pd=k.pd, tahun=k.tahun).order_by("-id").first()
    tautan = [("Perjanjian Kinerja", k.url("monev:pk", k.versi.pk, k.tahun))] if k.versi else []
    if pk is None:
        return Usulan(False, f"Perjanjian Kinerja {k.tahun} belum ditandatangani di Kinerja.", tautan)
    tanggal = pk.ditandatangani_pada.date().strftime("%d-%m-%Y")
    return Usulan(True, f"Perjanjian Kinerja {k.tahun} ditandatangani pada {tanggal}.", tautan)


def _iku(k: Konteks) -> Usulan:
    if k.versi is None:
        return Usulan(False, "Belum ada Renstra.")
    n = Indikator.objects.filter(node__versi=k.versi, iku=True).count()
    tautan = [("Tabel Renstra", k.url("renstra:daftar_tabel", k.versi.pk))]
    if not n:
        return Usulan(False, "Belum ada indikator yang ditandai IKU di Renstra.", tautan)
    return Usulan(
        True, f"{n} indikator ditandai IKU di Renstra (keberlanjutannya dinilai evaluator).", tautan
    )


def _target_triwulan(k: Konteks) -> Usulan:
    if k.versi is None:
        return Usulan(False, "Belum ada Renstra.")
    n = TargetTriwulan.objects.filter(indikator__node__versi=k.versi, tahun=k.tahun).count()
    tautan = [("Rencana aksi", k.url("monev:rencana_aksi", k.versi.pk, k.tahun))]
    if not n:
        return Usulan(False, f"Belum ada target per triwulan (rencana aksi) untuk {k.tahun}.", tautan)
    return Usulan(True, f"{n} target per triwulan (rencana aksi) tercatat untuk {k.tahun}.", tautan)


def _monitor_triwulan(k: Konteks) -> Usulan:
    laporan = Laporan.objects.filter(unit__pd=k.pd, tahun=k.tahun)
    unit = set(laporan.values_list("unit_id", flat=True))
    per_tw = {q: 0 for q in range(1, 5)}
    for q in laporan.filter(status=Laporan.Status.DIVERIFIKASI).values_list("triwulan", flat=True):
        per_tw[q] += 1
    tautan = [("Laporan triwulan", k.url("monev:matriks", k.versi.pk, k.tahun))] if k.versi else []
    if not unit:
        return Usulan(False, f"Belum ada laporan triwulan {k.tahun} di Kinerja.", tautan)
    rinci = "; ".join(f"triwulan {ROMAWI[q]}: {n} dari {len(unit)} unit" for q, n in per_tw.items())
    ok = all(n == len(unit) for n in per_tw.values())
    return Usulan(ok, f"Laporan triwulan {k.tahun} yang diverifikasi — {rinci}.", tautan)


def _temuan(k: Konteks) -> Usulan:
    if k.versi is None:
        return Usulan(False, "Belum ada Renstra.")
    tanda = TandaTemuan.objects.filter(versi=k.versi).exclude(status=TandaTemuan.Status.TERBUKA).count()
    tautan = [("Pemeriksaan Renstra", k.url("renstra:pemeriksaan", k.versi.pk))]
    if not tanda:
        return Usulan(False, "Belum ada temuan pemeriksa Renstra yang ditandai ditangani.", tautan)
    return Usulan(True, f"{tanda} temuan pemeriksa Renstra sudah ditandai ditangani atau diterima.", tautan)


def _definisi(k: Konteks) -> Usulan:
    if k.versi is None:
        return Usulan(False, "Belum ada Renstra.")
    qs = Indikator.objects.filter(node__versi=k.versi)
    semua, ada = qs.count(), qs.exclude(definisi="").count()
    tautan = [("Tabel Renstra", k.url("renstra:daftar_tabel", k.versi.pk))]
    return Usulan(
        semua > 0 and ada == semua, f"{ada} dari {semua} indikator punya definisi operasional.", tautan
    )


def _ikm(k: Konteks) -> Usulan:
    unit = list(k.pd.unit_set.values_list("pk", flat=True))
    data = skm_selectors.jumlah_ikm_triwulan(unit, k.tahun, k.tahun)
    n = sum((r or {}).get("n", 0) or 0 for r in data.values())
    tautan = [("Hasil IKM", k.url("skm:hasil", k.pd.pk) + f"?tahun={k.tahun}")]
    if not n:
        return Usulan(False, f"Belum ada kuesioner survei kepuasan tercatat pada {k.tahun}.", tautan)
    return Usulan(True, f"IKM diukur: {n} kuesioner survei kepuasan tercatat pada {k.tahun}.", tautan)


def _aplikasi(k: Konteks) -> Usulan:
    if k.versi is None:
        return Usulan(False, "Belum ada Renstra.")
    n = (
        Realisasi.objects.filter(indikator__node__versi=k.versi, tahun=k.tahun)
        .exclude(sumber=Sumber.SEJARAH)
        .count()
    )
    tautan = [("Capaian", k.url("monev:capaian", k.versi.pk, k.tahun))]
    if not n:
        return Usulan(False, f"Belum ada realisasi {k.tahun} yang diisi di Kinerja.", tautan)
    return Usulan(True, f"{n} realisasi {k.tahun} diisi dan dihitung di aplikasi Kinerja.", tautan)


def _rekomendasi(k: Konteks) -> Usulan:
    lalu = Evaluasi.objects.filter(pd=k.pd, tahun=k.tahun - 1).first()
    if lalu is None:
        return Usulan(None, f"Belum ada evaluasi SAKIP {k.tahun - 1} di Kinerja untuk dibandingkan.")
    qs = Rekomendasi.objects.filter(evaluasi=lalu)
    semua, selesai = qs.count(), qs.filter(status=Rekomendasi.Status.SELESAI).count()
    tautan = [
        (f"Evaluasi SAKIP {k.tahun - 1}", k.url("evaluasi:lembar", k.pd.pk, k.tahun - 1) + "#rekomendasi")
    ]
    if not semua:
        return Usulan(None, f"Evaluasi {k.tahun - 1} tidak memuat rekomendasi.", tautan)
    return Usulan(
        selesai == semua,
        f"{selesai} dari {semua} rekomendasi LHE {k.tahun - 1} selesai ditindaklanjuti.",
        tautan,
    )


PERIKSA: dict[str, Callable[[Konteks], Usulan]] = {
    "renstra": _renstra,
    "renja": _renja,
    "pk": _pk,
    "iku": _iku,
    "target_triwulan": _target_triwulan,
    "monitor_triwulan": _monitor_triwulan,
    "temuan": _temuan,
    "definisi": _definisi,
    "ikm": _ikm,
    "aplikasi": _aplikasi,
    "rekomendasi": _rekomendasi,
}


def konteks(pd: PerangkatDaerah, tahun: int) -> Konteks:
    return Konteks(pd, tahun, versi_utama(pd))


def usulan_semua(k: Konteks, kriteria) -> dict[str, Usulan]:
    """The proposal of every criterion that names a known check (each check is run once)."""
    hasil: dict[str, Usulan] = {}
    sudah: dict[str, Usulan] = {}
    for c in kriteria:
        f = PERIKSA.get(c.periksa)
        if f is None:
            continue
        if c.periksa not in sudah:
            sudah[c.periksa] = f(k)
        hasil[c.kode] = sudah[c.periksa]
    return hasil


def pilihan_bukti(k: Konteks) -> list[tuple[str, str]]:
    """The pages of the system a user may pick as evidence for this PD and year: (path, label)."""
    hasil = []
    v = k.versi
    if v is not None:
        th = k.tahun
        hasil += [
            (k.url("renstra:dasbor", v.pk), "Dasbor Renstra"),
            (k.url("renstra:daftar_tabel", v.pk), "Tabel Renstra"),
            (k.url("renstra:tabel", v.pk, "7.1"), "Tabel 7.1 (indikator mengacu RPJMD)"),
            (k.url("renstra:pemeriksaan", v.pk), "Hasil pemeriksa Renstra"),
            (k.url("monev:pk", v.pk, th), f"Perjanjian Kinerja {th}"),
            (k.url("monev:rencana_aksi", v.pk, th), f"Rencana aksi {th}"),
            (k.url("monev:renja", v.pk, th), f"Renja {th}"),
            (k.url("monev:matriks", v.pk, th), f"Laporan triwulan {th}"),
            (k.url("monev:capaian", v.pk, th), f"Capaian {th}"),
            (k.url("monev:laporan", v.pk, th, "E.81"), f"Evaluasi E.81 {th}"),
            (k.url("monev:laporan", v.pk, th, "LKJIP"), f"Tabel LKjIP {th}"),
        ]
    hasil.append((k.url("skm:hasil", k.pd.pk) + f"?tahun={k.tahun}", f"Hasil IKM {k.tahun}"))
    return hasil
