"""Users and their roles, administered in the app: create, invite, roles, deactivate, reset.

Who administers whom follows the roles (``izin.Cakupan``):

* a pemda's administrator manages every user whose every role lies in its pemda (the pemda, its
  PDs, their units) and grants roles over any of them;
* a PD's administrator (role admin over the PD or over its office) manages only users whose every
  role lies inside its PD and grants roles only over its PD and its units — never over the pemda;
* a user without any role is managed by the administrators of the PD (or pemda) it was created
  for (``core.AsalPengguna``);
* superuser accounts and roles over everything (no scope) are given outside the app (``kinerja
  pengguna --admin`` or Django's admin), never here; nobody changes their own roles or status.

A new account has no usable password: it gets a one-time link (``core.Undangan``, a random token of
256 bits of which only the SHA-256 is stored, valid for seven days) that the administrator sends;
the invitee sets a password (Django's validators) and is logged in. A reset makes the old password
unusable (ending the user's sessions) and gives a new link. Every change is in the audit trail; role
grants and status changes are written by the signals of ``core.sinyal`` with this actor named.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kinerja.core import audit
from kinerja.core.audit import catat
from kinerja.core.models import AsalPengguna, Peran, SandiDemo, Undangan
from kinerja.wilayah.isian import teks
from kinerja.wilayah.izin import Cakupan, hitung_cakupan, pelaku_wajib
from kinerja.wilayah.models import Pemda, PerangkatDaerah, Unit

J = Peran.Jenis
UMUR_TAUTAN = dt.timedelta(days=7)
# Which roles make sense over which scope (the scope questions of izin.py give them meaning there).
PERAN_CAKUPAN = {
    "unit": (J.OPERATOR, J.PIMPINAN, J.ADMIN),
    "pd": (J.PIMPINAN, J.PERENCANA, J.VERIFIKATOR, J.ADMIN),
    "pemda": (J.VERIFIKATOR, J.INSPEKTORAT, J.ADMIN),
}
NAMA_CAKUPAN = {"unit": "satu unit", "pd": "seluruh perangkat daerah", "pemda": "seluruh pemerintah daerah"}
TOLAK_PENGGUNA = (
    "Anda tidak dapat mengelola pengguna ini: sebagian perannya berada di luar cakupan administrasi Anda."
)
TOLAK_SUPER = "Akun administrator sistem hanya dikelola lewat perintah 'kinerja pengguna' atau halaman admin."
TOLAK_DIRI = "Peran dan status akun Anda sendiri diubah oleh administrator lain."
TOLAK_PEMDA_PENGGUNA = "Hanya administrator pemerintah daerah ini yang melihat seluruh penggunanya."


# --- scopes ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lingkup:
    """Where a role is held: a unit, a PD or a pemda (``nilai`` is its form value, e.g. 'unit:12')."""

    jenis: str
    objek: Unit | PerangkatDaerah | Pemda

    @property
    def nilai(self) -> str:
        return f"{self.jenis}:{self.objek.pk}"

    @property
    def label(self) -> str:
        if self.jenis == "unit":
            return f"{self.objek.pd.nama} — {self.objek.nama}"
        if self.jenis == "pd":
            return f"{self.objek.nama} (seluruh PD)"
        return f"{self.objek.nama} (seluruh pemda)"

    @property
    def label_pendek(self) -> str:
        """The scope within its group of a list (the group names the PD or pemda)."""
        return self.objek.nama if self.jenis == "unit" else f"Seluruh {self.objek.nama}"

    def pd_id(self) -> int | None:
        return self.objek.pd_id if self.jenis == "unit" else self.objek.pk if self.jenis == "pd" else None


def baca_lingkup(nilai: object) -> Lingkup | None:
    """The scope a form value names ('unit:12', 'pd:3', 'pemda:1'); None when there is none."""
    from kinerja.core.parameter import id_atau_none

    jenis, _, nomor = teks(nilai).partition(":")
    pk = id_atau_none(nomor)
    model = {"unit": Unit, "pd": PerangkatDaerah, "pemda": Pemda}.get(jenis)
    if model is None or pk is None:
        return None
    qs = model.objects.select_related("pd__pemda") if model is Unit else model.objects.all()
    if model is PerangkatDaerah:
        qs = qs.select_related("pemda")
    objek = qs.filter(pk=pk).first()
    return Lingkup(jenis, objek) if objek is not None else None


def lingkup_peran(p: Peran) -> Lingkup | None:
    if p.unit_id:
        return Lingkup("unit", p.unit)
    if p.pd_id:
        return Lingkup("pd", p.pd)
    if p.pemda_id:
        return Lingkup("pemda", p.pemda)
    return None


def _boleh_lingkup(c: Cakupan, lingkup: Lingkup | None) -> bool:
    """May this actor give (or take away) a role over the scope?"""
    if lingkup is None:
        return False  # a role over everything is given outside the app
    if lingkup.jenis == "pemda":
        return c.kelola_pemda(lingkup.objek.pk)
    return c.kelola_pd(lingkup.pd_id())


def _boleh_target(c: Cakupan, target) -> bool:
    if target.is_superuser:
        return False
    if c.semua:
        return True
    peran = list(Peran.objects.filter(pengguna=target).select_related("unit", "pd", "pemda"))
    if peran:
        return all(_boleh_lingkup(c, lingkup_peran(p)) for p in peran)
    asal = AsalPengguna.objects.filter(pengguna=target).first()
    if asal is None:
        return False
    return c.kelola_pd(asal.pd_id) if asal.pd_id else c.kelola_pemda(asal.pemda_id)


def boleh_kelola_pengguna(*, pengguna, target) -> bool:
    """Whether the actor administers this user (pages show the user's page only then)."""
    return _boleh_target(pelaku_wajib(pengguna), target)


def _wajib_target(pengguna, target, *, diri: bool = False) -> Cakupan:
    c = pelaku_wajib(pengguna)
    if target.is_superuser:
        raise PermissionDenied(TOLAK_SUPER)
    if not _boleh_target(c, target):
        raise PermissionDenied(TOLAK_PENGGUNA)
    if not diri and getattr(pengguna, "pk", None) == target.pk:
        raise PermissionDenied(TOLAK_DIRI)
    return c


def pilihan_lingkup(
    *, pengguna, pd: PerangkatDaerah | None = None, pemda: Pemda | None = None
) -> list[Lingkup]:
    """The scopes the actor may grant roles over: within ``pd`` (and its pemda, for the pemda's
    administrator) or within ``pemda``; only active units."""
    c = pelaku_wajib(pengguna)
    pemda = pemda or (pd.pemda if pd else None)
    if pemda is None:
        return []
    hasil = [Lingkup("pemda", pemda)] if c.kelola_pemda(pemda.pk) else []
    semua_pd = [pd] if pd else list(PerangkatDaerah.objects.filter(pemda=pemda).select_related("pemda"))
    boleh = [p for p in semua_pd if c.kelola_pd(p.pk)]
    unit = {}
    for u in Unit.objects.filter(pd__in=boleh, aktif=True).select_related("pd").order_by("urutan", "nama"):
        unit.setdefault(u.pd_id, []).append(u)
    for p in boleh:
        hasil.append(Lingkup("pd", p))
        hasil += [Lingkup("unit", u) for u in unit.get(p.pk, [])]
    if not hasil:
        raise PermissionDenied("Anda bukan administrator perangkat daerah atau pemerintah daerah ini.")
    return hasil


def cek_peran(jenis: object, lingkup: Lingkup | None) -> dict[str, list[str]]:
    """Whether a role kind fits its scope: the form's messages per field (empty when it does)."""
    galat: dict[str, list[str]] = {}
    jenis = teks(jenis).lower()
    if jenis == "administrator":
        jenis = J.ADMIN
    if jenis not in J.values:
        galat["peran"] = ["Pilih peran: operator, pimpinan, perencana, verifikator atau administrator."]
    if lingkup is None:
        galat["cakupan"] = ["Pilih cakupan peran dari daftar: unit, perangkat daerah atau pemerintah daerah."]
    elif lingkup.jenis == "unit" and not lingkup.objek.aktif:
        galat["cakupan"] = [f"{lingkup.objek.nama} sudah tidak aktif; pilih unit yang aktif."]
    elif jenis in J.values and jenis not in PERAN_CAKUPAN[lingkup.jenis]:
        cocok = [NAMA_CAKUPAN[k] for k, v in PERAN_CAKUPAN.items() if jenis in v]
        galat["cakupan"] = [
            f"{J(jenis).label} tidak diberikan atas {NAMA_CAKUPAN[lingkup.jenis]}; pilih {' atau '.join(cocok)}."
        ]
    return galat


@contextmanager
def _sebagai(pengguna):
    """Role and status changes are audited by signals; they name this actor."""
    token = audit.pelaku.set(pengguna)
    try:
        yield
    finally:
        audit.pelaku.reset(token)


# --- one-time links ----------------------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _buat_tautan(target, jenis: str, pengguna) -> str:
    """A new one-time link (the token, shown once); older unused links of the user die."""
    sekarang = timezone.now()
    Undangan.objects.filter(pengguna=target, dipakai__isnull=True, dicabut__isnull=True).update(
        dicabut=sekarang
    )
    token = secrets.token_urlsafe(32)
    Undangan.objects.create(
        pengguna=target,
        jenis=jenis,
        token_hash=_hash(token),
        berlaku_sampai=sekarang + UMUR_TAUTAN,
        dibuat_oleh=pengguna if getattr(pengguna, "is_authenticated", False) else None,
    )
    return token


def _akhiri_sesi(target) -> None:
    """Log the user out everywhere (database sessions; other session stores refuse an inactive user
    or a changed password on the next request anyway)."""
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return
    from django.contrib.sessions.models import Session

    hapus = [
        s.pk
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(s.get_decoded().get("_auth_user_id")) == str(target.pk)
    ]
    Session.objects.filter(pk__in=hapus).delete()


class TautanDitolak(Exception):
    """A one-time link that cannot be used, with the reason in Indonesian."""

    def __init__(self, pesan: str, status: int = 410) -> None:
        super().__init__(pesan)
        self.pesan = pesan
        self.status = status  # 404: no such link; 410: a link that existed and is gone


def periksa_tautan(token: str) -> Undangan:
    """The link of this token if it can still be used; ``TautanDitolak`` says why not."""
    t = teks(token)[:100]
    u = Undangan.objects.select_related("pengguna").filter(token_hash=_hash(t)).first() if t else None
    if u is None:
        raise TautanDitolak(
            "Tautan ini tidak dikenal. Periksa apakah tautannya tersalin utuh, atau minta tautan baru kepada "
            "administrator.",
            status=404,
        )
    if u.dipakai:
        raise TautanDitolak(
            f"Tautan ini sudah dipakai pada {timezone.localtime(u.dipakai):%d-%m-%Y %H.%M}. Masuk dengan kata "
            "sandi yang Anda buat; bila lupa, minta tautan baru kepada administrator."
        )
    if u.dicabut:
        raise TautanDitolak("Tautan ini sudah diganti dengan tautan yang lebih baru. Pakai tautan terbaru.")
    if not u.pengguna.is_active:
        raise TautanDitolak("Akun ini dinonaktifkan. Hubungi administrator perangkat daerah Anda.")
    if u.berlaku_sampai <= timezone.now():
        raise TautanDitolak(
            f"Tautan ini kedaluwarsa pada {timezone.localtime(u.berlaku_sampai):%d-%m-%Y %H.%M} (berlaku 7 hari). "
            "Minta tautan baru kepada administrator."
        )
    return u


@transaction.atomic
def pakai_tautan(*, token: str, sandi: str, sandi_ulang: str):
    """Set the password of a one-time link's user and use the link up; the user, to log in.

    ``ValidationError`` per field when the password is refused (the link stays usable)."""
    u = periksa_tautan(token)
    u = Undangan.objects.select_for_update().select_related("pengguna").get(pk=u.pk)
    if u.dipakai or u.dicabut:
        raise TautanDitolak("Tautan ini baru saja dipakai. Masuk dengan kata sandi Anda.")
    user = u.pengguna
    galat: dict[str, list[str]] = {}
    if not sandi:
        galat["sandi"] = ["Tulis kata sandi baru."]
    elif sandi != sandi_ulang:
        galat["sandi_ulang"] = ["Kedua kata sandi tidak sama; tulis ulang."]
    else:
        try:
            password_validation.validate_password(sandi, user)
        except ValidationError as e:
            galat["sandi"] = list(e.messages)
    if galat:
        raise ValidationError(galat)
    user.set_password(sandi)
    user.save(update_fields=["password"])
    u.dipakai = timezone.now()
    u.save(update_fields=["dipakai"])
    catat(
        aksi="undangan.pakai", objek=user, pengguna=user, perubahan={"tautan": (u.get_jenis_display(), None)}
    )
    return user


# --- users -------------------------------------------------------------------------------------------


def _baca_akun(
    isian: dict, galat: dict, *, baru: bool, kecuali: int | None = None, surel_unik: bool = True
) -> dict:
    v = {"first_name": teks(isian.get("nama")), "email": teks(isian.get("email")).lower()}
    if not v["first_name"]:
        galat.setdefault("nama", []).append("Nama lengkap wajib diisi.")
    elif len(v["first_name"]) > 150:
        galat.setdefault("nama", []).append("Nama lengkap paling panjang 150 huruf.")
    if v["email"]:
        try:
            validate_email(v["email"])
            if len(v["email"]) > 254:
                raise ValidationError("")
        except ValidationError:
            galat.setdefault("email", []).append(
                "Alamat surel tidak sah; tulis seperti nama@blitarkota.go.id."
            )
        else:
            lain = get_user_model().objects.filter(email__iexact=v["email"]).exclude(pk=kecuali).first()
            if surel_unik and lain is not None:
                galat.setdefault("email", []).append(
                    f"Surel {v['email']} sudah dipakai pengguna {lain.username}; satu orang satu akun "
                    "(beri peran tambahan di halaman pengguna itu)."
                )
    if baru:
        v["username"] = teks(isian.get("username")).lower()
        u = v["username"]
        if not u:
            galat.setdefault("username", []).append("Nama pengguna wajib diisi, mis. budi.santoso.")
        elif len(u) > 150:
            galat.setdefault("username", []).append("Nama pengguna paling panjang 150 huruf.")
        else:
            try:
                UnicodeUsernameValidator()(u)
                if not u.isascii():
                    raise ValidationError("")
            except ValidationError:
                galat.setdefault("username", []).append(
                    "Nama pengguna hanya berisi huruf, angka dan tanda . - _ @ (tanpa spasi), mis. budi.santoso."
                )
            else:
                if get_user_model().objects.filter(username__iexact=u).exists():
                    galat.setdefault("username", []).append(
                        f"Nama pengguna '{u}' sudah dipakai; pilih yang lain."
                    )
    return v


def _jejak_akun(v: dict) -> dict:
    # The e-mail address is personal data: the trail says only whether it was set or changed.
    return {
        ("nama" if k == "first_name" else k): ("(disembunyikan)", "(disembunyikan)") if k == "email" else x
        for k, x in v.items()
    }


@transaction.atomic
def buat_pengguna(
    *, pengguna, isian: dict, jenis: object, lingkup: Lingkup | None, asal: PerangkatDaerah | Pemda
) -> tuple[object, str]:
    """Create an account with its first role and a one-time invitation link; (user, link token).

    ``asal`` is the PD (or pemda) the account is created for: its administrators keep the account
    while it holds no role."""
    c = pelaku_wajib(pengguna)
    boleh_asal = c.kelola_pd(asal.pk) if isinstance(asal, PerangkatDaerah) else c.kelola_pemda(asal.pk)
    if not boleh_asal:
        raise PermissionDenied("Anda bukan administrator perangkat daerah atau pemerintah daerah ini.")
    if lingkup is not None and not _boleh_lingkup(c, lingkup):
        raise PermissionDenied("Anda tidak dapat memberi peran di luar cakupan administrasi Anda.")
    galat: dict[str, list[str]] = {}
    v = _baca_akun(isian, galat, baru=True)
    for k, pesan in cek_peran(jenis, lingkup).items():
        galat.setdefault(k, []).extend(pesan)
    if galat:
        raise ValidationError(galat)
    return _buat(pengguna, v, teks(jenis).lower(), lingkup, asal)


def _buat(pengguna, v: dict, jenis: str, lingkup: Lingkup, asal) -> tuple[object, str]:
    """Create one checked account (the form's and the CSV import's common end)."""
    User = get_user_model()
    user = User(username=v["username"], first_name=v["first_name"], email=v["email"], is_active=True)
    user.set_unusable_password()
    with _sebagai(pengguna):
        user.save()
        pemda = asal if isinstance(asal, Pemda) else asal.pemda
        AsalPengguna.objects.create(pengguna=user, pemda=pemda, pd=None if isinstance(asal, Pemda) else asal)
        catat(
            aksi="pengguna.buat",
            objek=user,
            pengguna=pengguna,
            perubahan={"username": (None, user.username), "nama": (None, user.first_name)}
            | ({"email": (None, "(disembunyikan)")} if user.email else {}),
            pd=asal if isinstance(asal, PerangkatDaerah) else None,
        )
        _simpan_peran(user, J.ADMIN if jenis == "administrator" else jenis, lingkup)
        token = _buat_tautan(user, Undangan.Jenis.UNDANGAN, pengguna)
    return user, token


def _simpan_peran(target, jenis: str, lingkup: Lingkup) -> Peran:
    kolom = {"unit": None, "pd": None, "pemda": None, lingkup.jenis: lingkup.objek}
    p, _ = Peran.objects.get_or_create(pengguna=target, jenis=jenis, **kolom)
    return p


@transaction.atomic
def ubah_pengguna(*, pengguna, target, isian: dict) -> list[str]:
    """Change a user's full name and e-mail address."""
    _wajib_target(pengguna, target, diri=True)
    galat: dict[str, list[str]] = {}
    v = _baca_akun(isian, galat, baru=False, kecuali=target.pk)
    if galat:
        raise ValidationError(galat)
    perubahan = {k: (getattr(target, k), x) for k, x in v.items() if getattr(target, k) != x}
    if perubahan:
        for k, (_, x) in perubahan.items():
            setattr(target, k, x)
        target.save(update_fields=list(perubahan))
        catat(aksi="pengguna.ubah", objek=target, pengguna=pengguna, perubahan=_jejak_akun(perubahan))
    return [("nama" if k == "first_name" else k) for k in perubahan]


@transaction.atomic
def beri_peran(*, pengguna, target, jenis: object, lingkup: Lingkup | None) -> Peran:
    """Give a user a role over a unit, PD or pemda within the actor's administration."""
    c = _wajib_target(pengguna, target)
    if lingkup is not None and not _boleh_lingkup(c, lingkup):
        raise PermissionDenied("Anda tidak dapat memberi peran di luar cakupan administrasi Anda.")
    galat = cek_peran(jenis, lingkup)
    if galat:
        raise ValidationError(galat)
    jenis = J.ADMIN if teks(jenis).lower() == "administrator" else teks(jenis).lower()
    kolom = {"unit": None, "pd": None, "pemda": None, lingkup.jenis: lingkup.objek}
    if Peran.objects.filter(pengguna=target, jenis=jenis, **kolom).exists():
        raise ValidationError(
            {"peran": [f"{target.username} sudah berperan {J(jenis).label} atas {lingkup.label}."]}
        )
    with _sebagai(pengguna):
        return _simpan_peran(target, jenis, lingkup)


@transaction.atomic
def cabut_peran(*, pengguna, peran: Peran) -> None:
    """Take a role away (only one within the actor's administration, of a user it manages)."""
    c = _wajib_target(pengguna, peran.pengguna)
    lingkup = lingkup_peran(peran)
    if not _boleh_lingkup(c, lingkup):
        raise PermissionDenied(TOLAK_PENGGUNA)
    with _sebagai(pengguna):
        peran.delete()
    if not AsalPengguna.objects.filter(pengguna_id=peran.pengguna_id).exists():
        # An account made outside the app stays with the administrators of the role it lost.
        pd = PerangkatDaerah.objects.filter(pk=lingkup.pd_id()).first() if lingkup.pd_id() else None
        pemda_id = pd.pemda_id if pd else lingkup.objek.pk
        AsalPengguna.objects.create(pengguna_id=peran.pengguna_id, pemda_id=pemda_id, pd=pd)


@transaction.atomic
def ubah_status_pengguna(*, pengguna, target, aktif: bool) -> bool:
    """Deactivate a user (never deleted: the audit trail keeps its name), ending its sessions and its
    unused links; or reactivate it. False when it already was."""
    _wajib_target(pengguna, target)
    if target.is_active == aktif:
        return False
    target.is_active = aktif
    with _sebagai(pengguna):
        target.save(update_fields=["is_active"])
    if not aktif:
        Undangan.objects.filter(pengguna=target, dipakai__isnull=True, dicabut__isnull=True).update(
            dicabut=timezone.now()
        )
        _akhiri_sesi(target)
    return True


@transaction.atomic
def atur_ulang_sandi(*, pengguna, target) -> str:
    """Make the user's password unusable (ending its sessions) and give a new one-time link."""
    _wajib_target(pengguna, target)
    if not target.is_active:
        raise ValidationError("Akun ini nonaktif; aktifkan lebih dulu bila pemiliknya kembali bertugas.")
    target.set_unusable_password()
    target.save(update_fields=["password"])
    _akhiri_sesi(target)
    token = _buat_tautan(target, Undangan.Jenis.ATUR_ULANG, pengguna)
    catat(aksi="sandi.atur_ulang", objek=target, pengguna=pengguna)
    return token


@transaction.atomic
def tautan_undangan_baru(*, pengguna, target) -> str:
    """A new invitation link for a user who has not set a password yet (the old one expired or was lost)."""
    _wajib_target(pengguna, target)
    if not target.is_active:
        raise ValidationError("Akun ini nonaktif; aktifkan lebih dulu.")
    if target.has_usable_password():
        raise ValidationError(
            "Pengguna ini sudah membuat kata sandi; pakai 'atur ulang kata sandi' bila lupa."
        )
    token = _buat_tautan(target, Undangan.Jenis.UNDANGAN, pengguna)
    catat(aksi="undangan.buat", objek=target, pengguna=pengguna)
    return token


# --- lists --------------------------------------------------------------------------------------------


@dataclass
class Akun:
    """A user as the administration lists show it: roles, and where its account stands."""

    user: object
    peran: list[Peran] = field(default_factory=list)
    tautan: Undangan | None = None  # the newest link, when a password has not been set
    demo: bool = False  # a demonstration account of the sample (its password is published)

    @property
    def keadaan(self) -> str:
        if not self.user.is_active:
            return "nonaktif"
        if self.user.has_usable_password():
            return "aktif"
        if self.tautan and not self.tautan.dicabut and self.tautan.berlaku_sampai > timezone.now():
            return "menunggu"
        return "tautan_habis"


def label_peran(p: Peran) -> str:
    """A role as the lists say it: 'Operator atas Kelurahan Gedog', 'Perencana atas seluruh …'."""
    if p.unit_id:
        atas = f"kantor {p.unit.nama}" if p.unit.adalah_kantor and not p.unit.induk_id else p.unit.nama
    elif p.pd_id or p.pemda_id:
        atas = f"seluruh {(p.pd or p.pemda).nama}"
    else:
        atas = "semua data"
    return f"{p.get_jenis_display()} atas {atas}"


def _akun(users, peran_qs) -> list[Akun]:
    hasil = {u.pk: Akun(u) for u in users}
    for p in peran_qs.filter(pengguna_id__in=list(hasil)).select_related("unit__pd", "pd", "pemda"):
        p.label = label_peran(p)
        hasil[p.pengguna_id].peran.append(p)
    for t in Undangan.objects.filter(pengguna_id__in=list(hasil), dipakai__isnull=True).order_by("dibuat"):
        hasil[t.pengguna_id].tautan = t
    for uid in SandiDemo.objects.filter(pengguna_id__in=list(hasil)).values_list("pengguna_id", flat=True):
        hasil[uid].demo = True
    return sorted(
        hasil.values(), key=lambda a: (not a.user.is_active, a.user.first_name.lower(), a.user.username)
    )


def daftar_pengguna_pd(*, pengguna, pd: PerangkatDaerah) -> list[Akun]:
    """The users with a role in the PD (or created for it and without a role yet)."""
    if not pelaku_wajib(pengguna).kelola_pd(pd.pk):
        raise PermissionDenied("Hanya administrator perangkat daerah ini yang melihat daftar penggunanya.")
    di_pd = Q(peran_set__pd=pd) | Q(peran_set__unit__pd=pd)
    tanpa = Q(asal__pd=pd, peran_set__isnull=True)
    users = get_user_model().objects.filter(di_pd | tanpa).distinct()
    return _akun(users, Peran.objects.filter(Q(pd=pd) | Q(unit__pd=pd) | Q(pemda=pd.pemda_id)))


def daftar_pengguna_pemda(*, pengguna, pemda: Pemda, cari: str = "") -> list[Akun]:
    """The users with a pemda-wide role (or created for the pemda without a role); with ``cari``,
    every user of the pemda whose name or username contains it."""
    if not pelaku_wajib(pengguna).kelola_pemda(pemda.pk):
        raise PermissionDenied(TOLAK_PEMDA_PENGGUNA)
    cari = teks(cari)[:100]
    if cari:
        di = Q(peran_set__pemda=pemda) | Q(peran_set__pd__pemda=pemda) | Q(peran_set__unit__pd__pemda=pemda)
        di |= Q(asal__pemda=pemda)
        users = (
            get_user_model()
            .objects.filter(di)
            .filter(Q(username__icontains=cari) | Q(first_name__icontains=cari))
        )
    else:
        users = get_user_model().objects.filter(
            Q(peran_set__pemda=pemda) | Q(asal__pemda=pemda, asal__pd__isnull=True, peran_set__isnull=True)
        )
    semua = Q(pemda=pemda) | Q(pd__pemda=pemda) | Q(unit__pd__pemda=pemda)
    return _akun(users.distinct()[:500], Peran.objects.filter(semua))


def akun_pengguna(*, pengguna, target) -> Akun:
    """One user as its administrator sees it: every role, its link, whether it can be changed."""
    if not boleh_kelola_pengguna(pengguna=pengguna, target=target):
        raise PermissionDenied(TOLAK_SUPER if target.is_superuser else TOLAK_PENGGUNA)
    return _akun([target], Peran.objects.all())[0]


# --- who may do what in a PD -----------------------------------------------------------------------------


@dataclass
class BarisWewenang:
    user: object
    peran: list[str]
    bisa: dict[str, object]  # column key → True/False, or the unit short names it applies to
    kelola: bool = False  # the actor administers this user (its page may be opened)


KOLOM_WEWENANG = [
    ("baca", "Membaca data"),
    ("isi", "Mengisi realisasi dan pelayanan"),
    ("rencana", "Mengubah rencana"),
    ("verifikasi", "Memverifikasi laporan"),
    ("buka", "Membuka kembali laporan"),
    ("pk", "Menandatangani PK"),
    ("pengaduan", "Menangani pengaduan"),
    ("kelola", "Mengelola PD dan penggunanya"),
    ("setujui", "Menyetujui triwulan PD (Bappeda)"),
]


def _bisa(c: Cakupan, pd: PerangkatDaerah, unit: dict[int, str]) -> dict[str, object]:
    def unit_dari(ids: set[int]) -> list[str]:
        return [n for uid, n in unit.items() if uid in ids]

    baca = c.baca_pd(pd.pk)
    return {
        "baca": True if baca else (unit_dari(c.unit_baca) or False),
        "isi": True if c.semua else (unit_dari(c.unit_isi) or False),
        "rencana": c.ubah_rencana(pd.pk),
        "verifikasi": c.verifikasi(pd.pk),
        "buka": c.buka_kembali(pd.pk),
        "pk": c.tandatangan_pk(pd.pk),
        "pengaduan": True if c.semua or pd.pk in c.pd_pengaduan else (unit_dari(c.unit_pengaduan) or False),
        "kelola": c.kelola_pd(pd.pk),
        "setujui": c.setujui_pd(pd),
    }


def wewenang_pd(*, pengguna, pd: PerangkatDaerah) -> list[BarisWewenang]:
    """Every active user holding a role that reaches the PD, and what each may do there."""
    aktor = pelaku_wajib(pengguna)
    if not aktor.kelola_pd(pd.pk):
        raise PermissionDenied("Hanya administrator perangkat daerah ini yang melihat wewenang penggunanya.")
    unit = dict(Unit.objects.filter(pd=pd).order_by("urutan", "nama").values_list("id", "nama_pendek"))
    menjangkau = Q(peran_set__pd=pd) | Q(peran_set__unit__pd=pd) | Q(peran_set__pemda=pd.pemda_id)
    users = (
        get_user_model()
        .objects.filter(menjangkau, is_active=True)
        .distinct()
        .order_by("first_name", "username")
    )
    hasil = []
    for user in users:
        c = hitung_cakupan(user)
        peran = [
            f"{p.get_jenis_display()} · "
            + (p.unit.nama_pendek if p.unit_id else "seluruh PD" if p.pd_id else "seluruh pemda")
            for p in c.peran
            if (p.unit_id and p.unit.pd_id == pd.pk) or p.pd_id == pd.pk or p.pemda_id == pd.pemda_id
        ]
        hasil.append(BarisWewenang(user, peran, _bisa(c, pd, unit), _boleh_target(aktor, user)))
    return hasil
