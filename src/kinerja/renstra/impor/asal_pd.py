"""The perangkat daerah a workbook names, compared with the one it is imported into.

An export of this application records its PD in the document properties; other
workbooks (e-SAKIP exports, tables typed by hand) name it on a "Perangkat Daerah: …",
"SKPD: …" or "OPD: …" line above the table, or in the table's title.  Nothing is
guessed: a workbook that names no PD is imported into the PD the user chose, and one
that names another PD is refused unless the user confirms.
"""

from __future__ import annotations

import re

from kinerja.renstra.impor.buku import teks_sel
from kinerja.wilayah.models import PerangkatDaerah

_LABEL_PD = re.compile(
    r"^(?:nama\s+)?(?:perangkat\s+daerah|skpd|opd|satuan\s+kerja\s+perangkat\s+daerah)\b\s*[:：]?\s*(.*)$",
    re.IGNORECASE,
)


def _rapi(teks: str) -> str:
    return " ".join(teks.split()).casefold()


def _semua_pd() -> list[PerangkatDaerah]:
    return list(PerangkatDaerah.objects.select_related("pemda"))


def _pd_bernama(nama: str, semua: list[PerangkatDaerah]) -> PerangkatDaerah | None:
    """The PD called exactly so, else the one whose name (the longest) the text contains."""
    n = _rapi(nama)
    sama = [pd for pd in semua if _rapi(pd.nama) == n]
    if len(sama) == 1:
        return sama[0]
    return _pd_di_teks(nama, semua)


def _pd_di_teks(teks: str, semua: list[PerangkatDaerah]) -> PerangkatDaerah | None:
    """The PD whose name a title holds; when several PDs share the name, the one whose pemda
    the title names too.  None when the title names none of them, or two different ones."""
    t = _rapi(teks)
    cocok = [pd for pd in semua if _rapi(pd.nama) in t]
    if not cocok:
        return None
    panjang = max(len(pd.nama) for pd in cocok)
    cocok = [pd for pd in cocok if len(pd.nama) == panjang]  # "Kecamatan Sanan" within "… Sananwetan"
    if len(cocok) > 1:
        cocok = [pd for pd in cocok if _rapi(pd.pemda.nama) in t]
    return cocok[0] if len(cocok) == 1 else None


def _baris_label(judul: list[list]) -> str:
    """The PD named on a "Perangkat Daerah : …" line (the name after the colon, or in the next cells)."""
    for r in judul:
        teks = [teks_sel(x) for x in r if teks_sel(x)]
        for i, t in enumerate(teks):
            m = _LABEL_PD.match(t)
            if m:
                nama = (m.group(1) or "").strip(" :：") or " ".join(teks[i + 1 :]).strip(" :：")
                if nama:
                    return nama
    return ""


def pd_tertulis(sifat: dict[str, str], judul: list[list]) -> tuple[PerangkatDaerah | None, str]:
    """(the PD a workbook names if it is in the database, the name as written; "" when none)."""
    semua = _semua_pd()
    slug = sifat.get("kinerja.pd")
    if slug:
        pd = next(
            (x for x in semua if x.slug == slug and x.pemda.slug == sifat.get("kinerja.pemda", "")), None
        )
        return pd, pd.nama if pd else slug
    nama = _baris_label(judul)
    if nama:
        return _pd_bernama(nama, semua), nama
    pd = _pd_di_teks(" ".join(teks_sel(x) for r in judul for x in r if x is not None), semua)
    return pd, pd.nama if pd else ""


def pd_beda(pd: PerangkatDaerah, tertulis_pd: PerangkatDaerah | None, tertulis: str) -> str:
    """Why the workbook's PD is not ``pd`` ("" when it is, or when the workbook names none)."""
    if tertulis_pd is not None:
        if tertulis_pd.pk == pd.pk:
            return ""
        if tertulis_pd.pemda_id != pd.pemda_id:
            return (
                f"buku kerja ini milik {tertulis_pd.nama} ({tertulis_pd.pemda.nama}), bukan {pd.nama} "
                f"({pd.pemda.nama}) tempat ia diimpor"
            )
        return f"buku kerja ini milik {tertulis_pd.nama}, bukan {pd.nama} tempat ia diimpor"
    if not tertulis:
        return ""
    a, b = _rapi(tertulis), _rapi(pd.nama)
    if a in b or b in a:
        return ""
    return f"buku kerja ini menyebut perangkat daerah '{tertulis}', bukan {pd.nama} tempat ia diimpor"
