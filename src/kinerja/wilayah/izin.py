"""Who may do what, where: roles held over a unit, a PD or a pemda.

A user's roles are read once per request into a ``Cakupan`` (two queries); pages and
services ask it questions. A user without any role sees nothing, a superuser everything.

* operator — enters the realisations of its unit; the operator of a PD's own office
  (unit *kantor*) also enters the rows the plan sets for the PD as a whole.
* pimpinan — reads its unit and every unit below it; at PD level (Camat) it reads the
  whole PD and signs the Perjanjian Kinerja.
* perencana — reads the whole PD, edits its plan, verifies or returns its reports.
* verifikator — reads every PD of its pemda, verifies, returns and reopens reports.
* inspektorat — over a whole pemda: reads every PD and scores its SAKIP self-evaluation (the
  evaluator's grade, the recommendations); it cannot change the PD's own answers or grades.
* admin — everything within its scope (everything when it has no scope).

The SAKIP self-evaluation is filled by the PD (its perencana, pimpinan or admin: ``isi_sakip``) and
scored by the Inspektorat of the PD's pemda (``evaluasi_sakip``); neither changes the other's grade.

Complaints (``pengaduan``) carry the reporter's name and contact, so they are split:
handlers — the operator (or admin) of the receiving unit, the PD's perencana and admin —
read everything and act; a pimpinan reads the complaints of its unit (Camat: the whole PD)
without the reporter's contact; a verifikator reads the statistics only. A verifikator
becomes a handler only through a second role that grants it (operator or admin).

Every service that reads or writes scoped data takes a required ``pengguna``: a user, or
an explicit system actor (``Sistem``, e.g. ``SISTEM`` or ``Sistem("impor")`` for a command)
for commands and sample loading. ``None`` is a programming error (``pelaku_wajib`` raises),
never a way to skip the check.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied

from kinerja.core.models import Peran
from kinerja.core.pelaku import Sistem
from kinerja.wilayah.models import PerangkatDaerah, Unit

J = Peran.Jenis


@dataclass
class Cakupan:
    semua: bool = False
    pd_anggota: set[int] = field(default_factory=set)  # any role in the PD: reads its plan
    pd_baca: set[int] = field(default_factory=set)  # reads every unit and report of the PD
    pd_rencana: set[int] = field(default_factory=set)  # edits the plan
    pd_verifikasi: set[int] = field(default_factory=set)  # verifies and returns reports
    pd_buka: set[int] = field(default_factory=set)  # reopens locked reports
    pd_pk: set[int] = field(default_factory=set)  # signs the Perjanjian Kinerja
    pd_admin: set[int] = field(default_factory=set)  # administers the PD's records (region, …)
    pd_pengaduan: set[int] = field(default_factory=set)  # handles every complaint of the PD
    pd_pengaduan_baca: set[int] = field(default_factory=set)  # reads them, without reporter contact
    unit_baca: set[int] = field(default_factory=set)
    unit_isi: set[int] = field(default_factory=set)
    unit_pengaduan: set[int] = field(default_factory=set)  # handles the unit's complaints
    unit_pengaduan_baca: set[int] = field(default_factory=set)  # reads them, without contact
    pd_pengaduan_unit: set[int] = field(default_factory=set)  # PDs with such a unit
    unit_peran: dict[int, int] = field(default_factory=dict)  # PD → the first unit a role is held over
    pemda_admin: set[int] = field(default_factory=set)  # administers the pemda (its PDs, users, settings)
    pemda_verifikasi: set[int] = field(default_factory=set)  # Bappeda: sees every PD, approves PD quarters
    pd_inspeksi: set[int] = field(default_factory=set)  # Inspektorat: scores the PD's SAKIP evaluation
    peran: list[Peran] = field(default_factory=list)

    # --- questions ---------------------------------------------------------------------

    def anggota_pd(self, pd_id: int) -> bool:
        return self.semua or pd_id in self.pd_anggota

    def baca_pd(self, pd_id: int) -> bool:
        return self.semua or pd_id in self.pd_baca

    def ubah_rencana(self, pd_id: int) -> bool:
        return self.semua or pd_id in self.pd_rencana

    def verifikasi(self, pd_id: int) -> bool:
        return self.semua or pd_id in self.pd_verifikasi

    def buka_kembali(self, pd_id: int) -> bool:
        return self.semua or pd_id in self.pd_buka

    def tandatangan_pk(self, pd_id: int) -> bool:
        return self.semua or pd_id in self.pd_pk

    def kelola_pd(self, pd_id: int) -> bool:
        """Edit the PD's own records (its region: area, RT, population): the PD's admin."""
        return self.semua or pd_id in self.pd_admin

    def baca_unit(self, unit: Unit) -> bool:
        return self.baca_pd(unit.pd_id) or unit.pk in self.unit_baca

    def isi_unit(self, unit: Unit) -> bool:
        return self.semua or unit.pk in self.unit_isi

    def unit_terbaca(self, units: list[Unit]) -> list[Unit]:
        return [u for u in units if self.baca_unit(u)]

    def unit_utama(self, pd_id: int) -> int | None:
        """The unit the user works for in this PD (its own kelurahan, office …), if any."""
        return self.unit_peran.get(pd_id)

    def tangani_pengaduan(self, unit: Unit) -> bool:
        """Handle a complaint: read the reporter's contact, change its status, reply."""
        return self.semua or unit.pd_id in self.pd_pengaduan or unit.pk in self.unit_pengaduan

    def baca_pengaduan(self, unit: Unit) -> bool:
        """Read a unit's complaints (list and detail); the reporter's contact only if handling."""
        return (
            self.tangani_pengaduan(unit)
            or unit.pd_id in self.pd_pengaduan_baca
            or unit.pk in self.unit_pengaduan_baca
        )

    def statistik_pengaduan(self, unit: Unit) -> bool:
        """Read a unit's complaint figures: its readers, and whoever reads the whole PD."""
        return self.baca_pengaduan(unit) or self.baca_pd(unit.pd_id)

    def baca_pengaduan_pd(self, pd_id: int) -> bool:
        """Reads the complaints of at least one unit of the PD (for menus)."""
        return (
            self.semua
            or pd_id in self.pd_pengaduan
            or pd_id in self.pd_pengaduan_baca
            or pd_id in self.pd_pengaduan_unit
        )

    def statistik_pengaduan_pd(self, pd_id: int) -> bool:
        return self.baca_pengaduan_pd(pd_id) or self.baca_pd(pd_id)

    def kelola_pemda(self, pemda_id: int) -> bool:
        """Administer a pemda: its settings, new PDs, every PD's users: the pemda's admin."""
        return self.semua or pemda_id in self.pemda_admin

    def setujui_pd(self, pd) -> bool:
        """Approve or return a PD's quarter (the second level): Bappeda, i.e. a verifikator or admin
        over the PD's whole pemda."""
        return self.semua or pd.pemda_id in self.pemda_verifikasi

    def isi_sakip(self, pd) -> bool:
        """Fill the PD's SAKIP self-evaluation (answers, evidence, own grades, follow-up): the PD's
        perencana, its pimpinan (Camat) and its administrators."""
        pd_id = getattr(pd, "pk", pd)
        return self.semua or pd_id in self.pd_rencana or pd_id in self.pd_pk

    def evaluasi_sakip(self, pd) -> bool:
        """Score the PD's SAKIP evaluation (the evaluator's grades, final score, recommendations):
        the Inspektorat of the PD's pemda."""
        return self.semua or getattr(pd, "pk", pd) in self.pd_inspeksi

    def baca_sakip(self, pd) -> bool:
        """Read the PD's SAKIP evaluation: whoever fills or scores it, and whoever reads the whole PD."""
        pd_id = getattr(pd, "pk", pd)
        return self.isi_sakip(pd_id) or self.evaluasi_sakip(pd_id) or self.baca_pd(pd_id)

    @property
    def admin(self) -> bool:
        return self.semua or any(p.jenis == J.ADMIN for p in self.peran)


def pelaku_wajib(pengguna) -> Cakupan:
    """The scope of a service's actor; ``None`` (a forgotten argument) is an error, not a pass."""
    if pengguna is None:
        raise TypeError("Layanan ini wajib menerima pelaku: pengguna atau kinerja.core.pelaku.SISTEM.")
    if isinstance(pengguna, Sistem):
        return Cakupan(semua=pengguna.semua)
    return cakupan(pengguna)


def wajib_unit(pengguna, unit_ids, boleh=Cakupan.baca_unit, pesan: str = "") -> None:
    """Refuse unless the actor may ``boleh`` (a ``Cakupan`` question) every one of these units."""
    c = pelaku_wajib(pengguna)
    if c.semua:
        return
    units = Unit.objects.filter(pk__in=list(unit_ids)).only("id", "pd_id")
    if not all(boleh(c, u) for u in units):
        raise PermissionDenied(pesan or "Anda tidak berwenang membaca data unit ini.")


def _turunan(units: list[Unit], akar: int) -> set[int]:
    anak: dict[int | None, list[int]] = {}
    for u in units:
        anak.setdefault(u.induk_id, []).append(u.pk)
    hasil, antre = {akar}, [akar]
    while antre:
        for a in anak.get(antre.pop(), []):
            if a not in hasil:
                hasil.add(a)
                antre.append(a)
    return hasil


def hitung_cakupan(user) -> Cakupan:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Cakupan()
    if user.is_superuser:
        return Cakupan(semua=True)
    c = Cakupan()
    c.peran = list(Peran.objects.filter(pengguna=user).select_related("unit", "pd", "pemda"))
    pemda_ids = {p.pemda_id for p in c.peran if p.pemda_id}
    pd_pemda: dict[int, list[int]] = {}
    if pemda_ids:
        for pd_id, pemda_id in PerangkatDaerah.objects.filter(pemda_id__in=pemda_ids).values_list(
            "id", "pemda_id"
        ):
            pd_pemda.setdefault(pemda_id, []).append(pd_id)
    unit_pd = {p.unit.pd_id for p in c.peran if p.unit_id}
    units = (
        list(Unit.objects.filter(pd_id__in=unit_pd).only("id", "induk_id", "pd_id", "jenis"))
        if unit_pd
        else []
    )
    for p in c.peran:
        if p.unit_id:
            pd_ids = [p.unit.pd_id]
        elif p.pd_id:
            pd_ids = [p.pd_id]
        elif p.pemda_id:
            pd_ids = pd_pemda.get(p.pemda_id, [])
            if p.jenis == J.ADMIN:
                c.pemda_admin.add(p.pemda_id)
            if p.jenis in (J.VERIFIKATOR, J.ADMIN):
                c.pemda_verifikasi.add(p.pemda_id)
            if p.jenis == J.INSPEKTORAT:
                c.pd_inspeksi.update(pd_ids)
        else:
            if p.jenis == J.ADMIN:
                c.semua = True
            continue
        c.pd_anggota.update(pd_ids)
        if p.unit_id:
            _peran_unit(c, p, units)
        else:
            _peran_pd(c, p.jenis, pd_ids)
    return c


def _peran_pd(c: Cakupan, jenis: str, pd_ids: list[int]) -> None:
    """A role held over whole PDs (directly, or every PD of a pemda)."""
    if jenis in (J.PIMPINAN, J.PERENCANA, J.VERIFIKATOR, J.INSPEKTORAT, J.ADMIN):
        c.pd_baca.update(pd_ids)
    if jenis in (J.PERENCANA, J.ADMIN):
        c.pd_rencana.update(pd_ids)
        c.pd_pengaduan.update(pd_ids)
    if jenis in (J.PERENCANA, J.VERIFIKATOR, J.ADMIN):
        c.pd_verifikasi.update(pd_ids)
    if jenis in (J.VERIFIKATOR, J.ADMIN):
        c.pd_buka.update(pd_ids)
    if jenis == J.ADMIN:
        c.pd_admin.update(pd_ids)
    if jenis == J.PIMPINAN:
        c.pd_pk.update(pd_ids)
        c.pd_pengaduan_baca.update(pd_ids)


def _peran_unit(c: Cakupan, p: Peran, units: list[Unit]) -> None:
    """A role held over one unit: it covers the units below it; over the PD's office, the whole PD."""
    pd_id = p.unit.pd_id
    c.unit_peran.setdefault(pd_id, p.unit_id)
    kantor_pd = p.unit.induk_id is None and p.unit.jenis == Unit.Jenis.KANTOR
    if kantor_pd and p.jenis != J.OPERATOR:
        c.pd_baca.add(pd_id)
    if kantor_pd and p.jenis == J.ADMIN:
        c.pd_admin.add(pd_id)
    c.unit_baca |= _turunan(units, p.unit_id) if p.jenis != J.OPERATOR else {p.unit_id}
    if p.jenis in (J.OPERATOR, J.ADMIN):
        c.unit_isi.add(p.unit_id)
        c.unit_pengaduan.add(p.unit_id)
        c.pd_pengaduan_unit.add(pd_id)
    elif p.jenis == J.PIMPINAN:
        if kantor_pd:
            c.pd_pengaduan_baca.add(pd_id)
        c.unit_pengaduan_baca |= _turunan(units, p.unit_id)
        c.pd_pengaduan_unit.add(pd_id)


def cakupan(user) -> Cakupan:
    """The user's scope, computed once per user object (i.e. once per request)."""
    c = getattr(user, "_cakupan_kinerja", None)
    if c is None:
        c = hitung_cakupan(user)
        try:
            user._cakupan_kinerja = c
        except AttributeError:
            pass
    return c


def wajib(boleh: bool, pesan: str = "Anda tidak berwenang membuka halaman ini.") -> None:
    if not boleh:
        raise PermissionDenied(pesan)


def konteks(request) -> dict:
    """Template context: ``izin`` = the user's scope, so menus show only what the user may open."""
    return {"izin": cakupan(request.user) if hasattr(request, "user") else Cakupan()}
