"""Small server-drawn SVG charts: no script, no CDN, printable, readable offline."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from kinerja.core.angka import format_angka, format_ringkas, format_rupiah
from kinerja.core.pembulatan import bulat_ke_atas, bulat_ke_bawah

WARNA = (
    "#1f6f8b",
    "#e0823d",
    "#5a9e4b",
    "#b5485d",
    "#7d63b8",
    "#c9a227",
    "#3f8f8a",
    "#8a6d55",
    "#5e7fa8",
    "#a8a8a8",
)


def _kotak(svg: str, judul: str) -> str:
    """The chart in its own scroll box: on a phone it keeps a readable width (its labels do not shrink
    below the page's text) and scrolls sideways inside the box, which the keyboard can reach."""
    return f'<div class="gulir-grafik" tabindex="0" role="region" aria-label="{escape(judul)}">{svg}</div>'


def tik_sumbu(
    bawah: Decimal | int, atas: Decimal | int, *, paling_banyak: int = 6, langkah_min: Decimal | int = 0
) -> list[Decimal]:
    """Round axis ticks from below ``bawah`` to above ``atas``: steps of 1, 2 or 5 × 10ⁿ.

    The step is the smallest such number giving at most ``paling_banyak`` - 1 intervals over the
    range (one more when the ends fall between ticks); ``langkah_min`` keeps counts whole.
    """
    bawah, atas = Decimal(bawah), Decimal(atas)
    if atas <= bawah:
        atas = bawah + max(Decimal(langkah_min), Decimal(1))
    kasar = (atas - bawah) / (paling_banyak - 1)
    pangkat = Decimal(10) ** kasar.adjusted()
    langkah = next(k * pangkat for k in (1, 2, 5, 10) if k * pangkat >= kasar)
    langkah = max(langkah, Decimal(langkah_min))
    awal = bulat_ke_bawah(bawah / langkah) * langkah
    akhir = bulat_ke_atas(atas / langkah) * langkah
    return [awal + i * langkah for i in range(int((akhir - awal) / langkah) + 1)]


def label_tik(v: Decimal, satuan: str = "") -> str:
    """A tick written the Indonesian way: '10 M', '2,5 jt' for rupiah; '1.500' or '0,5' otherwise."""
    if satuan == "Rp":
        for batas, akhiran in ((Decimal(10) ** 12, "T"), (Decimal(10) ** 9, "M"), (Decimal(10) ** 6, "jt")):
            if abs(v) >= batas:
                return f"{format_angka(v / batas)} {akhiran}"
    return format_angka(v)


def batang_bertumpuk(
    kategori: list[str],
    seri: list[tuple[str, list[Decimal]]],
    *,
    judul: str,
    lebar: int = 720,
    tinggi: int = 300,
    satuan: str = "Rp",
) -> str:
    """Vertical bars per category, stacked by series (e.g. pagu per year stacked by lokasi).

    ``satuan`` "Rp" writes rupiah in the tooltips; anything else writes plain numbers and that unit.
    """
    kiri, kanan, atas, bawah = 70, 10, 20, 40
    legenda_tinggi = 18 * ((len(seri) + 3) // 4)
    total = [sum((s[1][i] for s in seri), Decimal(0)) for i in range(len(kategori))]
    tik = tik_sumbu(0, max(total, default=Decimal(0)), langkah_min=1)
    maks = tik[-1]
    area_t = tinggi - atas - bawah
    area_l = lebar - kiri - kanan
    lebar_batang = area_l / max(len(kategori), 1) * 0.6
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi + legenda_tinggi}" role="img" '
        f'class="grafik" aria-label="{escape(judul)}"><title>{escape(judul)}</title>'
    ]
    for v in tik:
        y = atas + area_t - area_t * float(v / maks)
        bagian.append(f'<line x1="{kiri}" x2="{lebar - kanan}" y1="{y:.1f}" y2="{y:.1f}" class="sumbu"/>')
        bagian.append(
            f'<text x="{kiri - 6}" y="{y + 4:.1f}" text-anchor="end" class="label">{escape(label_tik(v, satuan))}</text>'
        )
    for i, kat in enumerate(kategori):
        x = kiri + area_l / len(kategori) * (i + 0.2)
        y = atas + area_t
        for j, (nama, nilai) in enumerate(seri):
            v = nilai[i]
            if not v:
                continue
            h = float(v / maks) * area_t
            y -= h
            bagian.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{lebar_batang:.1f}" height="{h:.1f}" fill="{WARNA[j % len(WARNA)]}">'
                f"<title>{escape(nama)} {escape(kat)}: {escape(_teks(v, satuan))}</title></rect>"
            )
        bagian.append(
            f'<text x="{x + lebar_batang / 2:.1f}" y="{atas + area_t + 16}" text-anchor="middle" class="label">{escape(kat)}</text>'
        )
        bagian.append(
            f'<text x="{x + lebar_batang / 2:.1f}" y="{max(y - 4, 10):.1f}" text-anchor="middle" class="label nilai">'
            f"{escape(format_ringkas(total[i]))}</text>"
        )
    for j, (nama, _) in enumerate(seri):
        lx = kiri + (j % 4) * (area_l / 4)
        ly = tinggi + 18 * (j // 4) - 4
        bagian.append(
            f'<rect x="{lx:.1f}" y="{ly - 9}" width="10" height="10" fill="{WARNA[j % len(WARNA)]}"/>'
        )
        bagian.append(f'<text x="{lx + 14:.1f}" y="{ly}" class="label">{escape(nama)}</text>')
    bagian.append("</svg>")
    return _kotak("".join(bagian), judul)


def _teks(v, satuan: str) -> str:
    if satuan == "Rp":
        return "Rp" + format_rupiah(v)
    return f"{format_angka(v)} {satuan}".strip()


def garis(
    kategori: list[str],
    seri: list[tuple[str, list[Decimal | None]]],
    *,
    judul: str,
    bawah_sumbu: Decimal,
    atas_sumbu: Decimal,
    acuan: list[tuple[Decimal, str]] = (),
    lebar: int = 720,
    tinggi: int = 260,
) -> str:
    """Lines over categories (e.g. IKM per month), with dashed reference levels (band limits)."""
    kiri, kanan, atas, bawah = 50, 110, 16, 34
    area_t, area_l = tinggi - atas - bawah, lebar - kiri - kanan
    tik = tik_sumbu(bawah_sumbu, atas_sumbu)
    bawah_sumbu, atas_sumbu = tik[0], tik[-1]
    rentang = atas_sumbu - bawah_sumbu

    def y(v) -> float:
        return atas + area_t - float((Decimal(v) - bawah_sumbu) / rentang) * area_t

    def x(i) -> float:
        return kiri + (area_l * (i + 0.5) / max(len(kategori), 1))

    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi}" role="img" class="grafik" '
        f'aria-label="{escape(judul)}"><title>{escape(judul)}</title>'
    ]
    for v in tik:
        bagian.append(
            f'<line x1="{kiri}" x2="{lebar - kanan}" y1="{y(v):.1f}" y2="{y(v):.1f}" class="sumbu"/>'
        )
        bagian.append(
            f'<text x="{kiri - 6}" y="{y(v) + 4:.1f}" text-anchor="end" class="label">{escape(label_tik(v))}</text>'
        )
    for v, nama in acuan:
        if bawah_sumbu <= v <= atas_sumbu:
            bagian.append(
                f'<line x1="{kiri}" x2="{lebar - kanan}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#b5485d" stroke-dasharray="4 3"/>'
                f'<text x="{lebar - kanan + 4}" y="{y(v) + 4:.1f}" class="label">{escape(nama)}</text>'
            )
    for i, kat in enumerate(kategori):
        bagian.append(
            f'<text x="{x(i):.1f}" y="{tinggi - 14}" text-anchor="middle" class="label">{escape(kat)}</text>'
        )
    for j, (nama, nilai) in enumerate(seri):
        warna = WARNA[j % len(WARNA)]
        titik = [(x(i), y(v), v) for i, v in enumerate(nilai) if v is not None]
        if len(titik) > 1:
            jalur = " ".join(f"{a:.1f},{b:.1f}" for a, b, _ in titik)
            bagian.append(f'<polyline points="{jalur}" fill="none" stroke="{warna}" stroke-width="2"/>')
        for a, b, v in titik:
            bagian.append(
                f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3.5" fill="{warna}"><title>{escape(nama)}: {escape(format_angka(v))}</title></circle>'
            )
        bagian.append(
            f'<rect x="{kiri + j * 150}" y="{tinggi - 10}" width="10" height="10" fill="{warna}"/>'
            f'<text x="{kiri + j * 150 + 14}" y="{tinggi - 1}" class="label">{escape(nama)}</text>'
        )
    bagian.append("</svg>")
    return _kotak("".join(bagian), judul)


def batang_mendatar(label: list[str], nilai: list[Decimal], *, judul: str, lebar: int = 720) -> str:
    """Horizontal bars, one per label (e.g. pagu per kelurahan)."""
    kiri, kanan, baris_t = 130, 90, 24
    tinggi = baris_t * len(label) + 10
    maks = max(nilai, default=Decimal(0)) or Decimal(1)
    area = lebar - kiri - kanan
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi}" role="img" class="grafik" '
        f'aria-label="{escape(judul)}"><title>{escape(judul)}</title>'
    ]
    for i, (lab, v) in enumerate(zip(label, nilai, strict=True)):
        y = 5 + i * baris_t
        w = float(v / maks) * area if v else 0
        bagian.append(
            f'<text x="{kiri - 8}" y="{y + 15}" text-anchor="end" class="label">{escape(lab)}</text>'
        )
        bagian.append(
            f'<rect x="{kiri}" y="{y + 3}" width="{w:.1f}" height="{baris_t - 8}" fill="{WARNA[i % len(WARNA)]}">'
            f"<title>{escape(lab)}: Rp{escape(format_rupiah(v))}</title></rect>"
        )
        bagian.append(
            f'<text x="{kiri + w + 6:.1f}" y="{y + 15}" class="label nilai">{escape(format_ringkas(v))}</text>'
        )
    bagian.append("</svg>")
    return _kotak("".join(bagian), judul)
