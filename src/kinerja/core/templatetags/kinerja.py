"""Template filters writing numbers the Indonesian way."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django import template
from django.utils.http import url_has_allowed_host_and_scheme

from kinerja.core import angka

register = template.Library()


@register.filter
def angka_id(nilai, desimal=None):
    if nilai is None or nilai == "":
        return ""
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
def baca_pd(izin, pd_id) -> bool:
    """{% if izin|baca_pd:pd.pk %}: may the user read every unit and report of this PD?"""
    return bool(izin) and izin.baca_pd(pd_id)


@register.filter
def ubah_rencana(izin, pd_id) -> bool:
    return bool(izin) and izin.ubah_rencana(pd_id)
