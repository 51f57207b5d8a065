"""The RT Keren charts in the house style of ``core.grafik``: percentages per kelurahan against a
threshold, and a map of the RTs that have a point."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from kinerja.core.angka import format_persen
from kinerja.core.grafik import WARNA

HIJAU, MERAH, ABU = "#2f7d32", "#b5485d", "#8a8a8a"


def _kotak(svg: str, judul: str) -> str:
    """The chart in a focusable scroll box, as the charts of ``core.grafik``."""
    return f'<div class="gulir-grafik" tabindex="0" role="region" aria-label="{escape(judul)}">{svg}</div>'


def batang_persen(
    label: list[str],
    nilai: list[Decimal | None],
    *,
    judul: str,
    ambang: Decimal | None = None,
    lebar: int = 720,
) -> str:
    """Horizontal bars 0–100 % per label; the threshold drawn as a dashed line, bars at or above it
    green. An empty value (no pagu) is written "—" with no bar."""
    kiri, kanan, baris_t = 130, 70, 26
    tinggi = baris_t * len(label) + 30
    area = lebar - kiri - kanan
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi}" role="img" class="grafik" '
        f'aria-label="{escape(judul)}"><title>{escape(judul)}</title>'
    ]
    for tik in (0, 25, 50, 75, 100):
        x = kiri + area * tik / 100
        bagian.append(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{tinggi - 22}" stroke="#ddd"/>')
        bagian.append(f'<text x="{x:.1f}" y="{tinggi - 6}" text-anchor="middle" class="label">{tik}%</text>')
    for i, (lab, v) in enumerate(zip(label, nilai, strict=True)):
        y = 4 + i * baris_t
        bagian.append(
            f'<text x="{kiri - 8}" y="{y + 16}" text-anchor="end" class="label">{escape(lab)}</text>'
        )
        if v is None:
            bagian.append(f'<text x="{kiri + 6}" y="{y + 16}" class="label nilai">—</text>')
            continue
        w = float(min(max(v, Decimal(0)), Decimal(100))) / 100 * area
        warna = HIJAU if ambang is not None and v >= ambang else WARNA[0]
        teks = format_persen(v)
        bagian.append(
            f'<rect x="{kiri}" y="{y + 4}" width="{w:.1f}" height="{baris_t - 10}" fill="{warna}">'
            f"<title>{escape(lab)}: {escape(teks)}</title></rect>"
        )
        bagian.append(f'<text x="{kiri + w + 6:.1f}" y="{y + 16}" class="label nilai">{escape(teks)}</text>')
    if ambang is not None:
        x = kiri + area * float(ambang) / 100
        bagian.append(
            f'<line x1="{x:.1f}" y1="2" x2="{x:.1f}" y2="{tinggi - 22}" stroke="{MERAH}" stroke-width="2" '
            f'stroke-dasharray="5 4"><title>Ambang {escape(format_persen(ambang))}</title></line>'
        )
    bagian.append("</svg>")
    return _kotak("".join(bagian), judul)


def peta_rt(titik: list[tuple[str, Decimal, Decimal, bool]], *, judul: str, lebar: int = 480) -> str:
    """The RTs with a point (label, latitude, longitude, berdaya) as dots, north up; berdaya green,
    the rest grey. Scaled to the points' own extent: a sketch, not a survey map."""
    if not titik:
        return ""
    lintang = [float(t[1]) for t in titik]
    bujur = [float(t[2]) for t in titik]
    tepi = 24
    rentang_x = (max(bujur) - min(bujur)) or 0.001
    rentang_y = (max(lintang) - min(lintang)) or 0.001
    tinggi = int(lebar * min(max(rentang_y / rentang_x, 0.4), 1.5))
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi + 24}" role="img" class="grafik peta" '
        f'aria-label="{escape(judul)}"><title>{escape(judul)}</title>'
        f'<rect x="0" y="0" width="{lebar}" height="{tinggi}" fill="#f6f8f6" stroke="#ccc"/>'
    ]
    for lab, lt, bj, berdaya in titik:
        x = tepi + (float(bj) - min(bujur)) / rentang_x * (lebar - 2 * tepi)
        y = tepi + (max(lintang) - float(lt)) / rentang_y * (tinggi - 2 * tepi)
        warna = HIJAU if berdaya else ABU
        status = "berdaya" if berdaya else "belum berdaya"
        bagian.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{warna}" stroke="#fff">'
            f"<title>{escape(lab)}: {status}</title></circle>"
        )
    bagian.append(
        f'<circle cx="12" cy="{tinggi + 12}" r="6" fill="{HIJAU}"/><text x="24" y="{tinggi + 17}" class="label">RT berdaya</text>'
        f'<circle cx="132" cy="{tinggi + 12}" r="6" fill="{ABU}"/><text x="144" y="{tinggi + 17}" class="label">belum berdaya</text>'
    )
    bagian.append("</svg>")
    return _kotak("".join(bagian), judul)
