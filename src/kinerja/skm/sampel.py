"""Survey data of the sample: a kiosk at every counter and the demonstration questionnaires.

The questionnaires answer services of the demonstration year (``layanan.sampel``) and continue
its random stream, so every load gives the same answers and IKM.
"""

from __future__ import annotations

import datetime as dt
import uuid

from kinerja.core.pembulatan import bulat
from kinerja.layanan.models import Pelayanan
from kinerja.layanan.sampel import MUTU, TahunDemo
from kinerja.skm.models import Kios, Respons
from kinerja.wilayah.models import PerangkatDaerah

# Questionnaires per unit (Rembang's too few for its volume, so that the results page shows an
# insufficient sample).
RESPONS = {"kantor": 380, "kelurahan": 300, "Rembang": 190}
# Unsur that service users rate lower or higher than the rest (waiting time, facilities; free of charge).
GESER_UNSUR = {"U3": -0.35, "U9": -0.3, "U8": -0.15, "U4": 0.45, "U7": 0.1}


def muat_kios(pd: PerangkatDaerah) -> None:
    """One kiosk per counter of the PD."""
    for u in pd.unit_set.order_by("urutan"):
        if u.adalah_lokasi:
            Kios.objects.create(unit=u, nama=f"Anjungan layanan {u.nama_pendek}")


def _jawaban(acak, dasar: float) -> dict[str, int]:
    hasil = {}
    for i in range(1, 10):
        u = f"U{i}"
        x = 3.35 + dasar + GESER_UNSUR.get(u, 0) + acak.gauss(0, 0.55)
        hasil[f"u{i}"] = min(4, max(1, int(bulat(x, 0))))
    return hasil


def muat_respons(d: TahunDemo, pelayanan: list[Pelayanan]) -> int:
    """Questionnaires from a sample of each unit's finished services; returns how many."""
    respons = []
    kios = {k.unit_id: k for k in Kios.objects.filter(unit__in=d.units)}
    per_unit: dict[int, list[Pelayanan]] = {}
    for p in pelayanan:
        if p.hasil != Pelayanan.Hasil.DIALIHKAN:
            per_unit.setdefault(p.unit_id, []).append(p)
    profil = {
        "jenis_kelamin": Respons.JenisKelamin.values,
        "pendidikan": Respons.Pendidikan.values,
        "pekerjaan": Respons.Pekerjaan.values,
    }
    for u in d.units:
        n = RESPONS.get(u.nama_pendek) or RESPONS["kantor" if u.adalah_kantor else "kelurahan"]
        contoh = d.acak.sample(per_unit[u.pk], min(n, len(per_unit[u.pk])))
        for p in contoh:
            dasar = MUTU.get(u.nama_pendek, 0.0) + (0.15 if p.tepat_waktu else -0.35)
            respons.append(
                Respons(
                    unit=u,
                    jenis_layanan=p.jenis,
                    kios=kios.get(u.pk),
                    id_klien=uuid.UUID(int=d.acak.getrandbits(128), version=4),
                    waktu=p.selesai + dt.timedelta(minutes=d.acak.randint(1, 15)),
                    sumber=Respons.Sumber.DEMO,
                    umur=d.acak.randint(18, 70),
                    jenis_kelamin=d.acak.choice(profil["jenis_kelamin"]),
                    pendidikan=d.acak.choice(profil["pendidikan"]),
                    pekerjaan=d.acak.choice(profil["pekerjaan"]),
                    **_jawaban(d.acak, dasar),
                )
            )
    Respons.objects.bulk_create(respons, batch_size=2000)
    return len(respons)
