"""Demonstration accounts that come with the sample data: one per role and unit."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from kinerja.core.models import Peran, SandiDemo

J = Peran.Jenis
KELURAHAN_SAMPEL = ("Gedog", "Bendogerit", "Sananwetan", "Karangtengah", "Plosokerep", "Klampok", "Rembang")


@dataclass(frozen=True)
class AkunDemo:
    username: str
    password: str
    peran: str
    jenis: str
    # "pd" = the PD, "pemda" = the whole pemda, a unit's short name, or "" (no scope).
    cakupan: str = ""
    superuser: bool = False


def _nama_pengguna(nama_pendek: str) -> str:
    return nama_pendek.lower().replace(" ", "-")


AKUN_DEMO = (
    AkunDemo(
        "perencana",
        "sananwetan-perencana",
        "Perencana Subbag Program Kecamatan Sananwetan",
        J.PERENCANA,
        "pd",
    ),
    AkunDemo("camat", "kinerja-pimpinan-2022", "Camat Sananwetan (pimpinan)", J.PIMPINAN, "pd"),
    AkunDemo("verifikator", "bappeda-blitar-2022", "Verifikator Bappeda Kota Blitar", J.VERIFIKATOR, "pemda"),
    AkunDemo(
        "inspektorat", "inspektorat-blitar-2022", "Evaluator Inspektorat Kota Blitar", J.INSPEKTORAT, "pemda"
    ),
    AkunDemo(
        "operator-kecamatan",
        "isi-realisasi-2022",
        "Operator Kantor Kecamatan Sananwetan",
        J.OPERATOR,
        "Kecamatan",
    ),
    *(
        AkunDemo(
            f"operator-{_nama_pengguna(k)}", "isi-realisasi-2022", f"Operator Kelurahan {k}", J.OPERATOR, k
        )
        for k in KELURAHAN_SAMPEL
    ),
    *(
        AkunDemo(
            f"lurah-{_nama_pengguna(k)}", "kinerja-pimpinan-2022", f"Lurah {k} (pimpinan)", J.PIMPINAN, k
        )
        for k in KELURAHAN_SAMPEL
    ),
    AkunDemo("admin-kota", "kelola-pemda-blitar", "Administrator Pemerintah Kota Blitar", J.ADMIN, "pemda"),
    AkunDemo("admin", "sananwetan-admin", "Administrator sistem", J.ADMIN, superuser=True),
)


def buat_akun_demo(*, pd) -> list[AkunDemo]:
    """Create (or reset) the demo accounts and their roles; their passwords are public, in the README."""
    User = get_user_model()
    unit = {u.nama_pendek: u for u in pd.unit_set.all()}
    dibuat = []
    for akun in AKUN_DEMO:
        if akun.cakupan not in ("", "pd", "pemda") and akun.cakupan not in unit:
            continue
        user, _ = User.objects.get_or_create(username=akun.username)
        user.first_name = akun.peran
        user.is_superuser = user.is_staff = akun.superuser
        user.set_password(akun.password)
        user.save()
        SandiDemo.objects.update_or_create(pengguna=user, defaults={"sandi_hash": user.password})
        Peran.objects.filter(pengguna=user).delete()
        if not akun.superuser:
            Peran.objects.create(
                pengguna=user,
                jenis=akun.jenis,
                pd=pd if akun.cakupan == "pd" else None,
                pemda=pd.pemda if akun.cakupan == "pemda" else None,
                unit=unit.get(akun.cakupan),
            )
        dibuat.append(akun)
    return dibuat
