"""Template filters writing numbers the Indonesian way, and stored keys and times in words."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django import template
from django.template.defaulttags import URLNode, url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape, escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe

from kinerja.core import angka, label

register = template.Library()


@register.filter
def angka_id(nilai, desimal=None):
    if nilai is None or nilai == "":
        return ""
    if isinstance(nilai, Fraction):  # exact survey values (NRR) are kept as fractions
        nilai = Decimal(nilai.numerator) / Decimal(nilai.denominator)
    try:
        tepat = isinstance(nilai, (Decimal, Fraction))
        return angka.format_angka(nilai if tepat else Decimal(str(nilai)), desimal)
    except (ValueError, ArithmeticError):
        return nilai


@register.filter
def rupiah(nilai):
    if nilai is None or nilai == "":
        return ""
    return angka.format_rupiah(nilai if isinstance(nilai, Decimal) else Decimal(str(nilai)))


@register.filter
def persen(nilai, desimal=2):
    if nilai is None or nilai == "":
        return ""
    return angka.format_persen(nilai if isinstance(nilai, Decimal) else Decimal(str(nilai)), int(desimal))


@register.filter
def ringkas(nilai):
    """18.475.857.895 → '18,48 M'; 745.518.304 → '745,52 jt'."""
    if nilai is None:
        return ""
    return angka.format_ringkas(Decimal(nilai))


@register.filter
def nilai(teks):
    """A target as written, in canonical Indonesian form ('Baik(81,37)' → 'Baik (81,37)')."""
    if not teks:
        return ""
    n = angka.baca(teks)
    return angka.format_nilai(n) if n.jenis in (angka.ANGKA, angka.PERSEN, angka.LABEL) else n.teks


@register.filter
def ambil(kamus, kunci):
    if kamus is None:
        return None
    return kamus.get(kunci)


@register.filter
def alamat_situs(alamat) -> str:
    """A path on this site ('/monev/…'), or '' for anything that could lead elsewhere ('//host')."""
    alamat = str(alamat or "")
    if alamat.startswith("/") and url_has_allowed_host_and_scheme(alamat, allowed_hosts=set()):
        return alamat
    return ""


@register.filter
def baca_sakip(izin, pd_id) -> bool:
    """{% if izin|baca_sakip:pd.pk %}: may the user read the PD's SAKIP evaluation?"""
    return bool(izin) and izin.baca_sakip(pd_id)


@register.filter
def baca_pd(izin, pd_id) -> bool:
    """{% if izin|baca_pd:pd.pk %}: may the user read every unit and report of this PD?"""
    return bool(izin) and izin.baca_pd(pd_id)


@register.filter
def ubah_rencana(izin, pd_id) -> bool:
    return bool(izin) and izin.ubah_rencana(pd_id)


@register.filter
def koordinat(nilai) -> str:
    """Degrees with the decimals they were given, no trailing zeros: -8,095 (not -8,095000)."""
    if nilai is None:
        return ""
    d = Decimal(nilai).normalize()
    return angka.format_angka(d, max(0, -d.as_tuple().exponent))


@register.filter
def kelola_pd(izin, pd_id) -> bool:
    """The PD's admin: edits the PD's own records (its region)."""
    return bool(izin) and izin.kelola_pd(pd_id)


@register.filter
def kelola_pemda(izin, pemda_id) -> bool:
    """The pemda's admin: its settings, new PDs, every PD's users."""
    return bool(izin) and izin.kelola_pemda(pemda_id)


@register.filter
def baca_unit(izin, unit) -> bool:
    """Reads this unit's figures (its own people, the PD-wide roles, the verifier)."""
    return bool(izin) and izin.baca_unit(unit)


@register.filter
def anggota_pd(izin, pd_id) -> bool:
    """Holds any role in the PD: reads its plan, its reports' matrix and its service figures."""
    return bool(izin) and izin.anggota_pd(pd_id)


@register.filter
def baca_pengaduan_pd(izin, pd_id) -> bool:
    """Reads the complaints of at least one unit of the PD (list and detail)."""
    return bool(izin) and izin.baca_pengaduan_pd(pd_id)


@register.filter
def statistik_pengaduan_pd(izin, pd_id) -> bool:
    return bool(izin) and izin.statistik_pengaduan_pd(pd_id)


@register.filter
def unit_utama(izin, pd_id):
    """The id of the unit the user works for in the PD, for menus of unit-scoped pages."""
    return izin.unit_utama(pd_id) if izin else None


@register.filter
def verifikasi(izin, pd_id) -> bool:
    """Verifies and returns the PD's quarterly reports."""
    return bool(izin) and izin.verifikasi(pd_id)


@register.filter
def waktu(nilai) -> str:
    """{{ c.waktu|waktu }} → '02-12-2026 14.25', local time."""
    return label.waktu_lokal(nilai)


@register.filter
def label_aksi(aksi: str) -> str:
    return label.label_aksi(aksi or "")


@register.filter
def label_objek(objek_tipe: str) -> str:
    return label.label_objek(objek_tipe or "")


@register.filter
def label_kunci(kunci: str) -> str:
    return label.label_kunci(kunci or "")


@register.filter
def rincian(perubahan: dict, objek_tipe: str = "") -> list[tuple[str, str, str]]:
    """{% for nama, dari, ke in c.perubahan|rincian:c.objek_tipe %}: an audit entry's changes in words."""
    return label.rincian_perubahan(perubahan, objek_tipe or None)


@register.filter
def boleh_dua_langkah(user) -> bool:
    """{% if user|boleh_dua_langkah %}: may this user turn on the second login factor?"""
    from kinerja.core.views import boleh_dua_langkah as boleh

    return bool(getattr(user, "is_authenticated", False)) and boleh(user)


# --- form errors (kinerja.core.galat_formulir) ------------------------------------------------------


@register.inclusion_tag("_ringkasan_galat.html")
def ringkasan_galat(galat, catatan="Belum ada yang tersimpan; isian Anda tetap ada."):
    """Every error of a refused form at its top, each linked to its field; kinerja.js focuses it."""
    return {"galat": list(galat or []), "catatan": catatan}


@register.simple_tag
def atribut_galat(galat, medan: str, lain: str = ""):
    """``aria-invalid`` and ``aria-describedby`` (the field's message, and ``lain``) of a field."""
    salah = bool(galat) and hasattr(galat, "untuk") and bool(galat.untuk(medan))
    uraian = " ".join(x for x in (f"galat-{medan}" if salah else "", lain) if x)
    atribut = ' aria-invalid="true"' if salah else ""
    if uraian:
        atribut += f' aria-describedby="{escape(uraian)}"'
    return mark_safe(atribut)


@register.simple_tag
def pesan_galat(galat, medan: str):
    """The field's own messages, below it, named by ``atribut_galat``'s ``aria-describedby``."""
    pesan = galat.untuk(medan) if galat and hasattr(galat, "untuk") else []
    if not pesan:
        return ""
    return format_html(
        '<span class="galat-medan" id="galat-{}">{}</span>', medan, " ".join(str(p) for p in pesan)
    )


@register.filter
def galat_form(form):
    """A Django form's errors as a ``GalatFormulir`` (for ``ringkasan_galat`` and friends)."""
    from kinerja.core.galat_formulir import GalatFormulir

    return GalatFormulir.dari_form(form) if form is not None and form.is_bound else GalatFormulir()


# --- {% url_tetap %}: the menu's links, reversed once -----------------------------------------------

# (view name, args, kwargs, current app, script prefix, URLconf) → path. Reversing costs tens of
# microseconds and the menu of every signed-in page reverses a few dozen links with the same values.
_ALAMAT: dict[tuple, str] = {}
_ALAMAT_BATAS = 4096
_POLOS = (int, str)


class _URLTetap(URLNode):
    """Django's ``{% url %}`` with the result remembered for whole-number and text arguments (the path
    then follows from them alone); any other argument is reversed as ``{% url %}`` does."""

    def render(self, context):
        args = tuple(a.resolve(context) for a in self.args)
        kwargs = tuple((k, v.resolve(context)) for k, v in self.kwargs.items())
        if not all(
            isinstance(x, _POLOS) and not isinstance(x, bool) for x in (*args, *(v for _, v in kwargs))
        ):
            return super().render(context)
        nama = self.view_name.resolve(context)
        request = getattr(context, "request", None)
        app = getattr(request, "current_app", None)
        if app is None:
            app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        kunci = (nama, args, kwargs, app, get_script_prefix(), get_urlconf())
        url = _ALAMAT.get(kunci)
        if url is None:
            try:
                url = reverse(nama, args=args, kwargs=dict(kwargs), current_app=app)
            except NoReverseMatch:
                if self.asvar is None:
                    raise
                url = ""
            else:
                if len(_ALAMAT) >= _ALAMAT_BATAS:
                    _ALAMAT.clear()
                _ALAMAT[kunci] = url
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url_tetap(parser, token):
    """``{% url_tetap 'nama' arg … %}``: as ``{% url %}``, remembered (see ``_URLTetap``)."""
    n = url(parser, token)
    return _URLTetap(n.view_name, n.args, n.kwargs, n.asvar)
