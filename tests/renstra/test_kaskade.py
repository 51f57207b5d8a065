"""The cascade page reads as one grid: years are columns, every branch folds, filters keep working."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from kinerja.renstra.models import Pagu, PlanNode

T = PlanNode.Tingkat
pytestmark = pytest.mark.django_db


class _Baris(HTMLParser):
    """Rows of the cascade table: the row's attributes and its cells' (text, colspan, attributes)."""

    def __init__(self):
        super().__init__()
        self.baris: list[tuple[dict, list[tuple[str, int, dict]]]] = []
        self._sel = None
        self._dalam = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and a.get("id") == "tabel-kaskade":
            self._dalam = True
        elif self._dalam and tag == "tr":
            self.baris.append((a, []))
        elif self._dalam and tag in ("td", "th"):
            self._sel = [[], int(a.get("colspan", 1)), a]
        elif self._dalam and tag == "button" and self._sel is not None:
            self._sel[2] = {**self._sel[2], "tombol": a}

    def handle_endtag(self, tag):
        if tag == "table":
            self._dalam = False
        elif tag in ("td", "th") and self._sel is not None:
            teks, span, a = self._sel
            self.baris[-1][1].append((" ".join("".join(teks).split()), span, a))
            self._sel = None

    def handle_data(self, data):
        if self._sel is not None:
            self._sel[0].append(data)


def _grid(klien, versi, **saring):
    r = klien.get(reverse("renstra:kaskade", args=[versi.pk]), saring)
    assert r.status_code == 200
    p = _Baris()
    p.feed(r.content.decode())
    return p.baris


def test_every_row_puts_its_values_under_the_same_year_columns(klien, versi_sampel):
    baris = _grid(klien, versi_sampel)
    tahun = [str(y) for y in versi_sampel.tahun_rencana]  # 2022 … 2026
    kepala_tahun = [t for t, _, _ in baris[1][1]]
    assert kepala_tahun == tahun
    # Unsur, satuan, lokasi, kondisi awal, five years, akhir periode: ten columns on every row.
    lebar = {sum(span for _, span, _ in sel) for a, sel in baris[2:]}
    assert lebar == {4 + len(tahun) + 1}
    jenis = {a.get("class", "").split()[0] for a, _ in baris[2:] if a.get("class")}
    assert {"unsur", "indikator", "jumlah"} <= jenis
    # Tabel 6.2 line 1398: Penyusunan Dokumen Perencanaan Perangkat Daerah, Gedog, 2023 = Rp1.203.370;
    # the Gedog filter shows it in the 2023 column of that sub kegiatan's row.
    pagu = Pagu.objects.get(
        node__versi=versi_sampel,
        node__nama="Penyusunan Dokumen Perencanaan Perangkat Daerah",
        lokasi__nama_pendek="Gedog",
        tahun=2023,
    )
    assert pagu.jumlah == 1203370
    gedog = _grid(klien, versi_sampel, lokasi=pagu.lokasi_id)
    (sub,) = [sel for a, sel in gedog if a.get("data-node") == str(pagu.node_id)]
    # Cells: unsur, satuan, lokasi, kondisi awal, then one per year, each naming its year for a
    # screen reader that reads the row (a text hidden on screen).
    assert sub[4 + tahun.index("2023")][0] == "Pagu 2023: 1.203.370"
    assert sub[1][0] == "Rp"


def test_a_single_year_shows_one_year_column_and_no_period_column(klien, versi_sampel):
    baris = _grid(klien, versi_sampel, tahun=2024)
    assert [t for t, _, _ in baris[1][1]] == ["2024"]
    assert {sum(span for _, span, _ in sel) for _, sel in baris[2:]} == {5}


def test_every_element_with_rows_below_has_a_fold_button_and_folded_branches_start_hidden(
    klien, versi_sampel
):
    baris = _grid(klien, versi_sampel)
    unsur = [(a, sel) for a, sel in baris if "unsur" in a.get("class", "")]
    node = {n.pk: n for n in PlanNode.objects.filter(versi=versi_sampel)}
    ada_anak = {int(x) for a, _ in baris for x in a.get("data-jalur", "").split()}
    terbuka = {}
    for a, sel in unsur:
        pk = int(a["data-node"])
        tombol = sel[0][2].get("tombol")
        assert (tombol is not None) == (pk in ada_anak)
        if pk in ada_anak:
            assert tombol is not None and tombol["aria-expanded"] in ("true", "false")
            assert tombol["aria-label"].startswith("Buka atau tutup")
            # Tujuan, sasaran and program start unfolded; kegiatan and sub kegiatan folded.
            assert (tombol["aria-expanded"] == "true") == (node[pk].tingkat <= T.PROGRAM)
            terbuka[pk] = tombol["aria-expanded"] == "true"
    for a, _ in baris[2:]:
        jalur = [int(x) for x in a.get("data-jalur", "").split()]
        if not jalur:
            continue
        # A row names every element above it, and is hidden exactly when one of them is folded.
        assert [node[x].tingkat for x in jalur] == sorted(node[x].tingkat for x in jalur)
        assert ("hidden" in a) == any(not terbuka.get(x, True) for x in jalur)


def test_the_htmx_filter_swaps_the_grid_only(klien, versi_sampel):
    r = klien.get(reverse("renstra:kaskade", args=[versi_sampel.pk]), {"tahun": 2023}, HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert "<html" not in html and 'id="tabel-kaskade"' in html and "Tahun 2023" in html


def test_the_cascade_of_the_sample_reads_the_plan_in_a_fixed_number_of_queries(
    klien, versi_sampel, django_assert_max_num_queries
):
    # Session, user, roles (2), version, then the plan loader's fixed set: 12 at most, for ~650 rows.
    with django_assert_max_num_queries(12):
        r = klien.get(reverse("renstra:kaskade", args=[versi_sampel.pk]))
    assert r.status_code == 200 and r.content.decode().count('class="indikator') > 400


def test_names_in_the_grid_are_escaped(klien):
    from django.contrib.auth import get_user_model

    from kinerja.core.models import Peran

    from .pembuat import RencanaKecil

    rk = RencanaKecil("Aman")
    n = rk.rantai()
    sub = rk.node(T.SUB_KEGIATAN, '<b>Rapat & "koordinasi"</b>', n["kegiatan"], "7.01.02.2.01.0001")
    ind = rk.ind(sub, "<i>Jumlah</i> rapat", "Kali")
    rk.target(ind, 2022, "3", lokasi=rk.gedog)
    rk.pagu(sub, 2022, 1000, lokasi=rk.gedog)
    Peran.objects.create(
        pengguna=get_user_model().objects.get(username="perencana"), jenis="perencana", pd=rk.pd
    )
    html = klien.get(reverse("renstra:kaskade", args=[rk.versi.pk])).content.decode()
    assert "&lt;b&gt;Rapat &amp; &quot;koordinasi&quot;&lt;/b&gt;" in html and "<b>Rapat" not in html
    assert "&lt;i&gt;Jumlah&lt;/i&gt; rapat" in html


def test_the_page_title_is_plain_text_and_the_folding_script_loads_once(klien, versi_sampel):
    html = klien.get(reverse("renstra:kaskade", args=[versi_sampel.pk])).content.decode()
    judul = html[html.index("<title>") + len("<title>") : html.index("</title>")]
    # The browser tab, history and bookmarks read the title as text: no markup may end up in it.
    assert judul == "Kaskade Kecamatan Sananwetan · Kinerja"
    assert html.count("kinerja/kaskade.js") == 1
