"""A new PD's first Renstra from the pages: the draft version, then tujuan → … → sub kegiatan and
indicators typed in the editor, the checker on it and its figures in Tabel 6.2; deletions refused
when anything depends on what would go; who may do it; a locked version stays locked."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kinerja.core.models import CatatanAudit, Peran
from kinerja.core.pelaku import SISTEM
from kinerja.renstra import services
from kinerja.renstra.models import Indikator, Pagu, PlanNode, RenstraVersi, Target, TautanIndikator
from kinerja.wilayah import services as wilayah
from kinerja.wilayah.models import PerangkatDaerah

pytestmark = pytest.mark.django_db
T = PlanNode.Tingkat
TAHUN = [2025, 2026, 2027, 2028, 2029]


class _Tabel(HTMLParser):
    """The body rows of the page's first table, each a list of cell texts (colspans repeated)."""

    def __init__(self):
        super().__init__()
        self.baris: list[list[str]] = []
        self._sel: list[str] | None = None
        self._span = 1
        self._badan = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tbody":
            self._badan = True
        elif self._badan and tag == "tr":
            self.baris.append([])
        elif self._badan and tag in ("td", "th"):
            self._sel, self._span = [], int(a.get("colspan") or 1)

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._badan = False
        elif tag in ("td", "th") and self._sel is not None:
            self.baris[-1] += [" ".join("".join(self._sel).split())] * self._span
            self._sel = None

    def handle_data(self, data):
        if self._sel is not None:
            self._sel.append(data)


def _baris_tabel(html: str) -> list[list[str]]:
    p = _Tabel()
    p.feed(html)
    return p.baris


@pytest.fixture
def pd_baru(versi_sampel):
    admin = get_user_model().objects.get(username="admin-kota")
    pd = wilayah.buat_pd(
        pengguna=admin,
        pemda=versi_sampel.pd.pemda,
        isian={
            "nama": "Kecamatan Melati",
            "slug": "kecamatan-melati",
            "jenis": "kecamatan",
            "kecamatan": "Melati",
            "kode_bidang": "7.01",
        },
        unit="Melati\nKarangsari",
    )
    return pd


def _post(client, url, data, status=302):
    r = client.post(url, data)
    assert r.status_code == status, r.content.decode()[:3000]
    return r


def _kisi(jenis: str, nilai: dict[tuple[int | None, int], str], v: RenstraVersi) -> dict[str, str]:
    data = {}
    lokasi = [None] + [u.pk for u in v.pd.unit_set.all() if u.adalah_lokasi]
    for lok in lokasi:
        for y in v.tahun_rencana:
            k = services.kunci_sel(jenis, lok, y)
            data[k] = nilai.get((lok, y), "")
            data[f"asli-{k}"] = ""
    return data


def _versi_kosong(pd: PerangkatDaerah) -> RenstraVersi:
    return services.buat_renstra_pertama(pengguna=SISTEM, pd=pd, tahun_mulai=2025, tahun_akhir=2029)


def test_onboarding_from_an_empty_pd_through_the_pages(client, pd_baru):
    pd = pd_baru
    client.force_login(get_user_model().objects.get(username="admin-kota"))
    kosong = client.get(reverse("renstra:dasbor_pd", args=[pd.pemda.slug, pd.slug]))
    url_baru = reverse("renstra:renstra_pertama", args=[pd.pk])
    assert url_baru in kosong.content.decode()
    panduan = client.get(reverse("kelola:panduan", args=[pd.pk])).content.decode()
    assert url_baru in panduan and "kinerja import BERKAS.xlsx" not in panduan

    # Empty, absurd and reversed periods: refused, every field kept.
    r = _post(client, url_baru, {"tahun_mulai": "", "tahun_akhir": "20x9", "nama": "Renstra Melati"}, 400)
    isi = r.content.decode()
    assert "Isi tahun mulai" in isi and "bukan tahun antara 2000 dan 2100" in isi and 'value="20x9"' in isi
    assert 'value="Renstra Melati"' in isi and 'aria-invalid="true"' in isi
    r = _post(client, url_baru, {"tahun_mulai": "2029", "tahun_akhir": "2025"}, 400)
    assert "Tahun akhir 2025 sebelum tahun mulai 2029" in r.content.decode()
    # A three-year period is a warning to confirm, not a silent plan.
    r = _post(client, url_baru, {"tahun_mulai": "2025", "tahun_akhir": "2027"}, 400)
    assert "adalah 3 tahun, bukan 5 tahun" in r.content.decode()
    assert not pd.renstra_set.exists()

    _post(client, url_baru, {"tahun_mulai": "2025", "tahun_akhir": "2029", "dasar_hukum": "Perwali 1/2025"})
    v = pd.renstra_set.get()
    assert (v.nama, v.status, v.tahun_rencana, v.tahun_kondisi_awal) == (
        "Renstra Kecamatan Melati 2025–2029",
        "draft",
        TAHUN,
        2024,
    )
    assert CatatanAudit.objects.filter(aksi="versi.buat", objek_id=str(v.pk)).count() == 1
    # A second "first" Renstra is not made: the page leads to the plan it has.
    assert client.get(url_baru)["Location"] == reverse("renstra:susun", args=[v.pk])

    for kosong_ok in ("renstra:dasbor", "renstra:kaskade", "renstra:pemeriksaan"):
        assert client.get(reverse(kosong_ok, args=[v.pk])).status_code == 200, (
            kosong_ok
        )  # an empty plan reads
    susun = client.get(reverse("renstra:susun", args=[v.pk])).content.decode()
    assert (
        reverse("renstra:versi", args=[v.pk]) in susun
        and reverse("renstra:tambah_tujuan", args=[v.pk]) in susun
    )

    _post(
        client, reverse("renstra:tambah_tujuan", args=[v.pk]), {"kode": "", "nama": "Meningkatkan pelayanan"}
    )
    tujuan = v.node_set.get(tingkat=T.TUJUAN)
    # The same form sent twice adds nothing the second time.
    r = _post(client, reverse("renstra:tambah_tujuan", args=[v.pk]), {"nama": "meningkatkan  Pelayanan"}, 400)
    assert "sudah ada di tempat ini" in r.content.decode() and v.node_set.count() == 1
    _post(client, reverse("renstra:tambah_unsur", args=[v.pk, tujuan.pk]), {"nama": "Pelayanan publik prima"})
    sasaran = v.node_set.get(tingkat=T.SASARAN)
    # A program code the national list knows gives the name when none is typed.
    _post(client, reverse("renstra:tambah_unsur", args=[v.pk, sasaran.pk]), {"kode": "7.01.02", "nama": ""})
    program = v.node_set.get(tingkat=T.PROGRAM)
    assert program.nama == "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK"
    assert program.nomenklatur is not None
    _post(
        client, reverse("renstra:tambah_unsur", args=[v.pk, program.pk]), {"kode": "7.01.02.2.02", "nama": ""}
    )
    kegiatan = v.node_set.get(tingkat=T.KEGIATAN)

    kantor = pd.unit_set.get(jenis="kantor")
    melati = pd.unit_set.get(nama_pendek="Melati")
    pagu = {(kantor.pk, 2025): "1.203.370", (melati.pk, 2025): "2.000.005", (kantor.pk, 2026): "500.000"}
    url_sub = reverse("renstra:tambah_unsur", args=[v.pk, kegiatan.pk])
    # A code outside its kegiatan and a bad pagu are refused; what was typed stays.
    data = {"kode": "7.01.03.2.02.0002", "nama": "Sub uji", **_kisi("pagu", {**pagu, (None, 2027): "-5"}, v)}
    isi = _post(client, url_sub, data, 400).content.decode()
    assert "tidak berada di bawah kegiatan 7.01.02.2.02" in isi and 'value="2.000.005"' in isi
    assert 'id="galat-pagu-0-2027"' in isi  # every wrong field at once, not only the first
    assert not v.node_set.filter(tingkat=T.SUB_KEGIATAN).exists() and not Pagu.objects.filter(node__versi=v)
    _post(client, url_sub, {"kode": "7.01.02.2.02.0002", "nama": "", **_kisi("pagu", pagu, v)})
    sub = v.node_set.get(tingkat=T.SUB_KEGIATAN)
    # Sub kegiatan is the lowest level: nothing is added under it.
    assert client.get(reverse("renstra:tambah_unsur", args=[v.pk, sub.pk])).status_code == 302

    url_ind = reverse("renstra:tambah_indikator", args=[v.pk, tujuan.pk])
    target = {(None, y): str(80 + i) for i, y in enumerate(TAHUN)}
    _post(
        client,
        url_ind,
        {"nama": "Indeks kepuasan masyarakat", "satuan": "indeks", **_kisi("target", target, v)},
    )
    target_sub = {(None, 2025): "2", (None, 2026): "3"}
    url_ind_sub = reverse("renstra:tambah_indikator", args=[v.pk, sub.pk])
    # The national list's indicator of the sub kegiatan is offered in the empty form.
    ditawarkan = client.get(url_ind_sub).content.decode()
    assert "Jumlah Laporan Fasilitasi Percepatan Pencapaian Standar Pelayanan Minimal" in ditawarkan
    isi = _post(client, url_ind_sub, {"nama": "", "satuan": "Laporan", **_kisi("target", target_sub, v)}, 400)
    assert "Tulis nama indikator" in isi.content.decode() and not Indikator.objects.filter(node=sub).exists()
    _post(
        client,
        url_ind_sub,
        {"nama": "Jumlah laporan SPM", "satuan": "Laporan", **_kisi("target", target_sub, v)},
    )
    assert Target.objects.filter(indikator__node__versi=v).count() == 7
    assert CatatanAudit.objects.filter(aksi="rencana.tambah", pd=pd).count() == 7

    # The checker runs on the typed plan: a well-formed code the national list does not know is found.
    periksa = client.get(reverse("renstra:pemeriksaan", args=[v.pk])).content.decode()
    assert "Kode tidak ada di nomenklatur" not in periksa
    _post(
        client,
        reverse("renstra:tambah_unsur", args=[v.pk, sasaran.pk]),
        {"kode": "7.01.99", "nama": "Program X"},
    )
    periksa = client.get(reverse("renstra:pemeriksaan", args=[v.pk])).content.decode()
    assert "Kode tidak ada di nomenklatur" in periksa and "7.01.99" in periksa
    _post(client, reverse("renstra:hapus_unsur", args=[v.pk, v.node_set.get(kode="7.01.99").pk]), {})

    # Tabel 6.2: program and kegiatan pagu are the sub kegiatan's sums, by hand:
    # 2025 = 1.203.370 + 2.000.005 = 3.203.375; 2026 = 500.000; period = 3.703.375.
    baris = _baris_tabel(client.get(reverse("renstra:tabel", args=[v.pk, "6.2"])).content.decode())
    rp = {2025: 9, 2026: 11}  # columns: 8 fixed, then K and Rp per year
    akhir_k, akhir_rp = 8 + 2 * len(TAHUN), 9 + 2 * len(TAHUN)
    prog = next(b for b in baris if b[2] == "7.01.02")
    assert (prog[rp[2025]], prog[rp[2026]], prog[akhir_rp]) == ("3.203.375", "500.000", "3.703.375")
    keg = next(b for b in baris if b[2] == "7.01.02.2.02")
    assert (keg[rp[2025]], keg[akhir_rp]) == ("3.203.375", "3.703.375")
    ikm = next(b for b in baris if b[4] == "Indeks kepuasan masyarakat")
    assert (
        ikm[8:akhir_k:2] == ["80", "81", "82", "83", "84"] and ikm[akhir_k] == "84"
    )  # an index ends at its last
    lap = next(b for b in baris if b[4] == "Jumlah laporan SPM")
    assert lap[8:12:2] == ["2", "3"] and lap[akhir_k] == "5"  # a count adds up: 2 + 3


def test_delete_is_refused_while_children_links_or_realisations_depend_on_it(client, pd_baru):
    v = _versi_kosong(pd_baru)
    tujuan = services.tambah_unsur(pengguna=SISTEM, versi=v, induk=None, nama="Tujuan A")
    sasaran = services.tambah_unsur(pengguna=SISTEM, versi=v, induk=tujuan, nama="Sasaran A")
    ind = services.tambah_indikator_unsur(
        pengguna=SISTEM, node=sasaran, nama="Persentase A", satuan="%", target={(None, 2025): ("", "90%")}
    )
    ind2 = services.tambah_indikator_unsur(pengguna=SISTEM, node=sasaran, nama="Persentase B", satuan="%")
    client.force_login(get_user_model().objects.get(username="admin-kota"))

    url = reverse("renstra:hapus_unsur", args=[v.pk, tujuan.pk])
    assert "1 unsur rencana di bawahnya" in client.get(url).content.decode()
    isi = _post(client, url, {}, 400).content.decode()
    assert "Tidak dapat dihapus" in isi and PlanNode.objects.filter(pk=tujuan.pk).exists()

    # A link between two indicators keeps both.
    TautanIndikator.objects.create(versi=v, lama=ind, baru=ind2)
    r = _post(client, reverse("renstra:hapus_indikator", args=[v.pk, ind.pk]), {}, 400)
    assert "ditautkan dengan indikator lain" in r.content.decode()
    assert Indikator.objects.filter(pk=ind.pk).exists()

    # A realisation keeps its indicator (the record of another layer, found through the cascade).
    from kinerja.monev.models import Realisasi

    Realisasi.objects.create(indikator=ind2, tahun=2025, triwulan=1, nilai=50, teks="50%", revisi=0)
    r = _post(client, reverse("renstra:hapus_unsur", args=[v.pk, sasaran.pk]), {}, 400)
    assert "1 realisasi indikator sudah diisi" in r.content.decode()
    assert Target.objects.filter(indikator=ind).count() == 1


def test_delete_without_dependants_takes_only_its_own_values_and_is_audited(client, pd_baru):
    v = _versi_kosong(pd_baru)
    tujuan = services.tambah_unsur(pengguna=SISTEM, versi=v, induk=None, nama="Tujuan A")
    lain = services.tambah_unsur(pengguna=SISTEM, versi=v, induk=None, nama="Tujuan B")
    services.tambah_indikator_unsur(
        pengguna=SISTEM,
        node=tujuan,
        nama="Indeks A",
        satuan="indeks",
        target={(None, 2025): ("", "80"), (None, 2026): ("", "81")},
    )
    services.tambah_indikator_unsur(pengguna=SISTEM, node=lain, nama="Indeks B", satuan="indeks")
    client.force_login(get_user_model().objects.get(username="perencana"))
    Peran.objects.create(
        pengguna=get_user_model().objects.get(username="perencana"), jenis="perencana", pd=v.pd
    )
    url = reverse("renstra:hapus_unsur", args=[v.pk, tujuan.pk])
    assert "bersama 1 indikator, 2 target miliknya" in client.get(url).content.decode()
    _post(client, url, {"alasan": "salah ketik"})
    assert list(v.node_set.values_list("nama", flat=True)) == ["Tujuan B"]
    assert list(Indikator.objects.filter(node__versi=v).values_list("nama", flat=True)) == ["Indeks B"]
    c = CatatanAudit.objects.get(aksi="rencana.hapus", objek_id=str(tujuan.pk))
    assert c.alasan == "salah ketik" and c.perubahan["nama"] == ["Tujuan A", None]


def test_who_may_build_the_plan(masuk, pd_baru):
    v = _versi_kosong(pd_baru)
    tujuan = services.tambah_unsur(pengguna=SISTEM, versi=v, induk=None, nama="Tujuan A")
    halaman = [
        ("get", reverse("renstra:susun", args=[v.pk])),
        ("post", reverse("renstra:tambah_tujuan", args=[v.pk])),
        ("post", reverse("renstra:tambah_unsur", args=[v.pk, tujuan.pk])),
        ("post", reverse("renstra:tambah_indikator", args=[v.pk, tujuan.pk])),
        ("get", reverse("renstra:hapus_unsur", args=[v.pk, tujuan.pk])),
        ("post", reverse("renstra:hapus_unsur", args=[v.pk, tujuan.pk])),
        ("post", reverse("renstra:renstra_pertama", args=[pd_baru.pk])),
    ]
    sebelum = (PlanNode.objects.count(), RenstraVersi.objects.count(), CatatanAudit.objects.count())
    # Sananwetan's planner (another PD) and a lurah: refused in Indonesian, nothing written.
    for akun in ("perencana", "lurah-klampok"):
        c = masuk(akun)
        for cara, url in halaman:
            r = getattr(c, cara)(url, {"nama": "Coba", "tahun_mulai": "2030", "tahun_akhir": "2034"})
            assert r.status_code == 403 and '<html lang="id"' in r.content.decode(), (akun, url)
    assert (PlanNode.objects.count(), RenstraVersi.objects.count(), CatatanAudit.objects.count()) == sebelum
    # The PD's own planner may.
    perencana = get_user_model().objects.create_user("perencana-melati")
    Peran.objects.create(pengguna=perencana, jenis="perencana", pd=pd_baru)
    c = masuk("perencana-melati")
    assert (
        c.post(reverse("renstra:tambah_unsur", args=[v.pk, tujuan.pk]), {"nama": "Sasaran"}).status_code
        == 302
    )
    assert v.node_set.filter(tingkat=T.SASARAN, nama="Sasaran").exists()


def test_a_final_version_is_locked(client, pd_baru):
    v = _versi_kosong(pd_baru)
    tujuan = services.tambah_unsur(pengguna=SISTEM, versi=v, induk=None, nama="Tujuan A")
    services.ubah_status_versi(pengguna=SISTEM, versi=v, status="final")
    client.force_login(get_user_model().objects.get(username="admin-kota"))
    r = _post(client, reverse("renstra:tambah_unsur", args=[v.pk, tujuan.pk]), {"nama": "Sasaran"}, 400)
    assert "berstatus final: tidak dapat diubah" in r.content.decode()
    r = _post(client, reverse("renstra:hapus_unsur", args=[v.pk, tujuan.pk]), {}, 400)
    assert "berstatus final" in r.content.decode()
    assert list(v.node_set.values_list("nama", flat=True)) == ["Tujuan A"]
    assert "+ Tujuan" not in client.get(reverse("renstra:susun", args=[v.pk])).content.decode()


def test_absurd_input_is_refused_by_the_service(pd_baru):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as e:
        services.buat_renstra_pertama(pengguna=SISTEM, pd=pd_baru, tahun_mulai="1850", tahun_akhir="2040")
    assert set(e.value.message_dict) == {"tahun_mulai"}
    with pytest.raises(ValidationError) as e:
        services.buat_renstra_pertama(pengguna=SISTEM, pd=pd_baru, tahun_mulai=2025, tahun_akhir=2040)
    assert "16 tahun" in e.value.message_dict["tahun_akhir"][0]
    v = services.buat_renstra_pertama(
        pengguna=SISTEM, pd=pd_baru, tahun_mulai=2025, tahun_akhir=2026, bukan_lima_tahun=True
    )
    assert v.tahun_rencana == [2025, 2026]
    tujuan = services.tambah_unsur(pengguna=SISTEM, versi=v, induk=None, nama="T")
    sasaran = services.tambah_unsur(pengguna=SISTEM, versi=v, induk=tujuan, nama="S")
    with pytest.raises(ValidationError) as e:
        services.tambah_unsur(pengguna=SISTEM, versi=v, induk=sasaran, kode="7.01", nama="P")
    assert "3 bagian angka" in e.value.message_dict["kode"][0]
    with pytest.raises(ValidationError) as e:
        services.tambah_unsur(pengguna=SISTEM, versi=v, induk=sasaran, kode="9.99.99", nama="")
    assert "Tulis nama program" in e.value.message_dict["nama"][0]
    with pytest.raises(ValidationError) as e:
        services.tambah_indikator_unsur(
            pengguna=SISTEM, node=tujuan, nama="X", satuan="%", target={(None, 2030): ("", "5")}
        )
    assert "di luar periode 2025–2026" in e.value.message_dict[services.kunci_sel("target", None, 2030)][0]
    assert not Indikator.objects.filter(node__versi=v).exists()


def test_the_guide_links_the_first_plan_page_only_for_who_may_open_it(masuk, pd_baru):
    # An administrator over the PD's office manages the PD but not its plan (izin: no plan rights).
    admin_kantor = get_user_model().objects.create_user("admin-kantor-melati")
    Peran.objects.create(pengguna=admin_kantor, jenis="admin", unit=pd_baru.unit_set.get(jenis="kantor"))
    url_baru = reverse("renstra:renstra_pertama", args=[pd_baru.pk])
    halaman = masuk("admin-kantor-melati").get(reverse("kelola:panduan", args=[pd_baru.pk])).content.decode()
    assert url_baru not in halaman and "kinerja import BERKAS.xlsx --pd kecamatan-melati" in halaman
    assert masuk("admin-kantor-melati").get(url_baru).status_code == 403
    halaman = masuk("admin-kota").get(reverse("kelola:panduan", args=[pd_baru.pk])).content.decode()
    assert url_baru in halaman
