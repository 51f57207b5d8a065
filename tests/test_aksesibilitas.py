"""Accessibility (WCAG 2.2 AA, Kinerja issue 15), in a real Chromium.

axe-core (bundled by axe-playwright-python, no CDN) checks every public page and each persona's main
pages on a desktop and on a 360 × 740 phone under the WCAG 2.0/2.1/2.2 A and AA rules: no serious or
critical violation. No public page scrolls sideways on the phone. The survey, the complaint form and
a quarterly row are completed with the keyboard alone, and the text follows the browser's own size.

One browser serves the whole module; each persona logs in once and its phone context reuses the
desktop context's session.
"""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
ATURAN = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BERAT = ("serious", "critical")
DESKTOP = {"width": 1280, "height": 900}
PONSEL = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def peramban():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium tidak ditemukan di {CHROMIUM}: pasang paket Debian 'chromium'.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"],
        )
        yield b
        b.close()


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def sampel(live_server):
    """The sample's keys (the browser tests flush the database after each test: loaded again)."""
    from django.contrib.auth import get_user_model

    from kinerja.demo.kecamatan import muat_kecamatan_demo
    from kinerja.demo.sampel import muat_sampel
    from kinerja.pengaduan.models import Pengaduan
    from kinerja.renstra.models import PlanNode, RenstraVersi
    from kinerja.skm.models import Kios
    from kinerja.wilayah.models import Unit

    if not RenstraVersi.objects.exists():
        muat_sampel()
    versi = RenstraVersi.objects.get(sumber_set__jenis="teks")
    # Bappeda's page compares PDs: the two demonstration kecamatan give it more than one.
    muat_kecamatan_demo(versi.pd.pemda)
    gedog = Unit.objects.get(pd=versi.pd, nama_pendek="Gedog")
    kios = Kios.objects.filter(unit=gedog).order_by("pk").first()
    jenis = gedog.layanan_set.filter(aktif=True).order_by("urutan").first()
    return {
        "url": live_server.url,
        "v": versi.pk,
        "pd": versi.pd_id,
        "gedog": gedog.pk,
        "kios": kios.token,
        "kios_id": kios.pk,
        "jenis": jenis.pk,
        "ponsel": kios.token_ponsel,
        "standar": f"/layanan/{versi.pd_id}/standar/{gedog.pk}/{jenis.slug}/",
        "kode": Pengaduan.objects.filter(pd=versi.pd).first().kode_tampil,
        "operator_gedog": get_user_model().objects.get(username="operator-gedog").pk,
        "rt": gedog.rt_set.order_by("rw", "nomor").first().pk,
        "sub": PlanNode.objects.filter(versi=versi, tingkat=5).order_by("pk").first().pk,
        "risiko": _risiko_pertama(versi.pd_id),
        "portal": f"/publik/{versi.pd.pemda.slug}/{versi.pd.slug}",
        "standar_portal": f"/publik/{versi.pd.pemda.slug}/{versi.pd.slug}/layanan/{gedog.pk}/{jenis.slug}/",
    }


def _risiko_pertama(pd_id: int) -> int:
    from kinerja.risiko.models import Risiko

    return Risiko.objects.filter(pd_id=pd_id, tahun=2022).order_by("pk").first().pk


# The body rows of the largest grids (Tabel 6.2, E.81: thousands of cells, over ten seconds of axe
# each) are checked on the desktop; on the phone the same markup is left out, and everything around it
# (header, sticky columns, scroll box, controls) is checked again.
BADAN_BESAR = {"exclude": [["table.tabel-dokumen > tbody"], ["#tabel-kaskade > tbody"]]}


def _pelanggaran(axe, halaman, nama: str, *, tanpa_badan_besar: bool = False) -> list[str]:
    """Serious and critical axe violations of the page as it is now, one line each."""
    hasil = axe.run(
        halaman,
        context=BADAN_BESAR if tanpa_badan_besar else None,
        options={"runOnly": {"type": "tag", "values": ATURAN}, "resultTypes": ["violations"]},
    )
    return [
        f"{nama}: {v['id']} ({v['impact']}) {len(v['nodes'])}× mis. {v['nodes'][0]['target']}"
        for v in hasil.response["violations"]
        if v["impact"] in BERAT
    ]


def _lebar(halaman) -> tuple[int, int]:
    return tuple(halaman.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"))


def _buka(halaman, url: str) -> None:
    halaman.goto(url)
    halaman.wait_for_load_state("load")


def _masuk(konteks, url: str, username: str, password: str):
    halaman = konteks.new_page()
    _buka(halaman, f"{url}/masuk/")
    halaman.fill("#id_username", username)
    halaman.fill("#id_password", password)
    halaman.click("main button[type=submit]")
    halaman.wait_for_url(lambda u: "/masuk/" not in u)
    return halaman


# --- public pages ----------------------------------------------------------------------------------

HALAMAN_PUBLIK = [
    "/masuk/",
    "/skm/isi/{ponsel}/",
    "/skm/kios/{kios}/",
    "/pengaduan/{pd}/kirim/",
    "/pengaduan/lacak/",
    "/pengaduan/lacak/?kode={kode}",
    "/aksesibilitas/",
    "/halaman-yang-tidak-ada/",
    # the public portal
    "/",
    "{portal}/profil/",
    "{portal}/profil/{gedog}/",
    "{portal}/kinerja/",
    "{portal}/kinerja/{gedog}/",
    "{portal}/anggaran/",
    "{portal}/layanan/",
    "{standar_portal}",
    "{portal}/ikm/",
    "{portal}/survei/",
    "{portal}/pengaduan/",
    "{portal}/rt-keren/",
    "{portal}/rt-keren/{gedog}/",
    "{portal}/rt-keren/{gedog}/{rt}/",
    "/data/",
]


def test_every_public_page_passes_axe_on_desktop_and_phone_and_never_scrolls_sideways(peramban, axe, sampel):
    """… and its controls are 44 px on a phone, the kiosk can be zoomed and says which profile
    choice is pressed, and the text follows the browser's default size."""
    masalah, geser = [], []
    for ukuran, layar in (("desktop", DESKTOP), ("ponsel", PONSEL)):
        halaman = peramban.new_context(viewport=layar).new_page()
        for pola in HALAMAN_PUBLIK:
            alamat = pola.format(**sampel)
            _buka(halaman, sampel["url"] + alamat)
            if "/kios/" in alamat:
                halaman.wait_for_selector("#mulai")
            masalah += _pelanggaran(axe, halaman, f"{ukuran} {alamat}")
            dokumen, lebar = _lebar(halaman)
            if dokumen > lebar:
                geser.append(f"{ukuran} {alamat}: {dokumen} px dalam layar {lebar} px")
        # The kiosk's screens after the start: a question, and the profile with its toggles.
        _buka(halaman, sampel["url"] + f"/skm/kios/{sampel['kios']}/")
        halaman.click("#mulai")
        halaman.click("button.lewati")
        masalah += _pelanggaran(axe, halaman, f"{ukuran} kios pertanyaan")
        for _ in range(9):
            halaman.locator("button.pilihan[data-nilai='4']").click()
        masalah += _pelanggaran(axe, halaman, f"{ukuran} kios profil")
        halaman.context.close()
    assert not masalah, "\n".join(masalah)
    assert not geser, "\n".join(geser)
    # (In the same test: the browser tests reload the sample for every test.)
    _kendali_umum_44_piksel(peramban, sampel)
    _kios_boleh_diperbesar_dan_pilihan_bertanda(peramban, sampel)
    _huruf_mengikuti_peramban(peramban, sampel)


def _kios_boleh_diperbesar_dan_pilihan_bertanda(peramban, sampel):
    halaman = peramban.new_context(viewport=PONSEL, has_touch=True).new_page()
    _buka(halaman, sampel["url"] + f"/skm/kios/{sampel['kios']}/")
    viewport = halaman.locator("meta[name=viewport]").get_attribute("content")
    assert "user-scalable" not in viewport and "maximum-scale" not in viewport
    halaman.click("#mulai")
    halaman.click("button.lewati")
    kembali = halaman.locator("button.kembali").bounding_box()
    assert kembali["height"] >= 44 and kembali["width"] >= 44
    for _ in range(9):
        halaman.locator("button.pilihan[data-nilai='4']").click()
    perempuan = halaman.locator("button.pilihan", has_text="Perempuan")
    laki = halaman.locator("button.pilihan", has_text="Laki-laki")
    expect(perempuan).to_have_attribute("aria-pressed", "false")
    perempuan.click()
    expect(perempuan).to_have_attribute("aria-pressed", "true")
    laki.click()
    expect(perempuan).to_have_attribute("aria-pressed", "false")
    expect(laki).to_have_attribute("aria-pressed", "true")
    halaman.context.close()


def _kendali_umum_44_piksel(peramban, sampel):
    halaman = peramban.new_context(viewport=PONSEL).new_page()
    kecil = []
    for alamat in (
        f"/skm/isi/{sampel['ponsel']}/",
        f"/pengaduan/{sampel['pd']}/kirim/",
        f"/layanan/{sampel['pd']}/",
    ):
        _buka(halaman, sampel["url"] + alamat)
        kotak = halaman.evaluate(
            """() => Array.from(document.querySelectorAll(
                 'main button, main select, main input:not([type=hidden]):not([type=radio]):not([type=checkbox]),'
                 + ' main td a, main th a, main label.pilihan'))
               .map(e => { const r = e.getBoundingClientRect(); return [e.outerHTML.slice(0, 60), r.width, r.height]; })"""
        )
        kecil += [f"{alamat} {h}: {w:.0f}×{t:.0f}" for h, w, t in kotak if t < 44 or w < 44]
    assert not kecil, "\n".join(kecil)
    halaman.context.close()


# --- each persona's main pages ---------------------------------------------------------------------

PERAN = {
    "camat": (
        "kinerja-pimpinan-2022",
        [
            "/renstra/{v}/",
            "/renstra/{v}/kaskade/",
            "/renstra/{v}/tabel/6.2/",
            "/monev/{v}/2022/laporan/E.81/?triwulan=4",
            "/monev/{v}/2022/pk/",
            "/monev/{v}/2022/laporan/E.80/",
            "/monev/{v}/2022/laporan/LKJIP/",
            "/rt-keren/{pd}/2022/",
            "/musrenbang/{pd}/2022/",
            "/renstra/{v}/tabel/2.1-data/",
            "/sumberdaya/{pd}/pegawai/",
            "/sumberdaya/{pd}/aset/",
            "/risiko/{pd}/2022/",
            "/risiko/{pd}/2022/peta/",
            "/renstra/{v}/anggaran/2022/",
        ],
    ),
    "perencana": (
        "sananwetan-perencana",
        [
            "/monev/{v}/2022/",
            "/monev/{v}/2022/tw4/unit/{gedog}/",
            "/renstra/{v}/pemeriksaan/",
            "/renstra/{v}/tautan-indikator/",
            "/renstra/{v}/versi/",
            "/renstra/{v}/anggaran/2022/",
            "/monev/{v}/2022/rencana-aksi/",
            "/monev/{v}/2023/renja/",
            "/monev/{v}/lkjip/2022/dokumen/",
            "/wilayah/{pd}/",
            "/sumberdaya/{pd}/tabel-2-2/",
            "/kotak-masuk/",
            # the plan editor's map, additions and a deletion's confirmation
            "/renstra/{v}/susun/",
            "/renstra/{v}/tambah/",
            "/renstra/{v}/unsur/{sub}/indikator-baru/",
            "/renstra/{v}/unsur/{sub}/hapus/",
            "/risiko/{pd}/2022/baru/",
            "/risiko/{pd}/2022/{risiko}/",
            "/evaluasi-sakip/{pd}/2022/",
        ],
    ),
    "verifikator": (
        "bappeda-blitar-2022",
        [
            "/kota/kota-blitar/2022/?triwulan=3",
            "/monev/{v}/2022/capaian/",
            "/renstra/{v}/tabel/",
            "/kotak-masuk/",
            "/kota/kota-blitar/2022/tw3/kecamatan-sananwetan/",
            "/kota/kota-blitar/2022/tw1/kecamatan-sananwetan/",
            "/monev/{v}/lkjip/2022/dokumen/",
        ],
    ),
    "inspektorat": ("inspektorat-blitar-2022", ["/evaluasi-sakip/", "/evaluasi-sakip/{pd}/2022/"]),
    "operator-gedog": (
        "isi-realisasi-2022",
        [
            "/layanan/{pd}/loket/{gedog}/",
            "/rt-keren/{pd}/2022/kelurahan/{gedog}/",
            "/rt-keren/{pd}/2022/rt/{rt}/",
            "/kotak-masuk/",
            "/kotak-masuk/pengaturan/",
        ],
    ),
    "lurah-gedog": (
        "kinerja-pimpinan-2022",
        [
            "/pengaduan/{pd}/",
            "/wilayah/{pd}/kelurahan/{gedog}/",
            "/musrenbang/{pd}/2022/kelurahan/{gedog}/",
            "/kelurahan/{pd}/{gedog}/",
            "/risiko/{pd}/2022/",
        ],
    ),
    "admin-kota": (
        "kelola-pemda-blitar",
        [
            "/kelola/pemda/kota-blitar/",
            "/kelola/pemda/kota-blitar/pd/",
            "/kelola/pemda/kota-blitar/pd/baru/",
            "/kelola/pemda/kota-blitar/pengguna/",
            "/kelola/pd/{pd}/",
            "/kelola/pd/{pd}/unit/{gedog}/",
            "/kelola/pd/{pd}/panduan/",
            "/kelola/pd/{pd}/pengguna/",
            "/kelola/pd/{pd}/pengguna/baru/",
            "/kelola/pd/{pd}/wewenang/",
            "/kelola/pd/{pd}/pengguna/impor/",
            "/kelola/pengguna/{operator_gedog}/",
        ],
    ),
    "admin": (
        "sananwetan-admin",
        [
            "/perangkat-daerah/",
            "/skm/{pd}/hasil/",
            "/layanan/{pd}/rekap/",
            "/pengaduan/{pd}/statistik/",
            "/wilayah/{pd}/kelurahan/{gedog}/",
            "/wilayah/{pd}/impor/",
            "/sumberdaya/{pd}/pegawai/tambah/",
            "/sumberdaya/{pd}/aset/tambah/",
            # service administration (kelola): standards, versions, categories, kiosks, holidays
            "/kelola/layanan/{pd}/",
            "/kelola/layanan/{pd}/{jenis}/",
            "/kelola/layanan/{pd}/{jenis}/versi/?lihat=1",
            "/kelola/layanan/{pd}/tambah/",
            "/kelola/kategori/{pd}/",
            "/kelola/kios/{pd}/",
            "/kelola/kios/{pd}/{kios_id}/",
            "/kelola/kios/{pd}/{kios_id}/cetak/",
            "/kelola/libur/?tahun=2022",
        ],
    ),
}


def test_each_personas_main_pages_pass_axe_on_desktop_and_phone(peramban, axe, sampel):
    masalah = []
    for peran, (sandi, halaman_peran) in PERAN.items():
        desktop = peramban.new_context(viewport=DESKTOP)
        halaman = _masuk(desktop, sampel["url"], peran, sandi)
        alamat = [halaman.url.removeprefix(sampel["url"])] + [p.format(**sampel) for p in halaman_peran]
        # The phone reuses the desktop's session: one login per persona.
        ponsel = peramban.new_context(viewport=PONSEL, storage_state=desktop.storage_state())
        for ukuran, h in (("desktop", halaman), ("ponsel", ponsel.new_page())):
            for a in alamat:
                _buka(h, sampel["url"] + a)
                masalah += _pelanggaran(axe, h, f"{peran} {ukuran} {a}", tanpa_badan_besar=ukuran == "ponsel")
        desktop.close()
        ponsel.close()
    assert not masalah, "\n".join(masalah)


# --- keyboard only ---------------------------------------------------------------------------------


def _tab_ke(halaman, pilih: str, batas: int = 40) -> None:
    """Press Tab until the element ``pilih`` has the focus (it must be reachable by keyboard)."""
    for _ in range(batas):
        if halaman.evaluate("s => document.activeElement && document.activeElement.matches(s)", pilih):
            return
        halaman.keyboard.press("Tab")
    raise AssertionError(f"{pilih} tidak tercapai dengan Tab")


def _lewati_ke_isi(halaman) -> None:
    """The first Tab stop is the skip link; Enter moves the focus to the main content."""
    halaman.keyboard.press("Tab")
    assert halaman.evaluate("document.activeElement.className") == "lewati-ke-isi"
    halaman.keyboard.press("Enter")
    assert halaman.evaluate("document.activeElement.id") == "isi"


def _survei_dengan_papan_ketik(peramban, sampel):
    from kinerja.skm.models import Respons

    sebelum = Respons.objects.count()
    halaman = peramban.new_context(viewport=PONSEL).new_page()
    _buka(halaman, sampel["url"] + f"/skm/isi/{sampel['ponsel']}/")
    _lewati_ke_isi(halaman)
    _tab_ke(halaman, "#isian-layanan")
    halaman.keyboard.press("ArrowDown")  # the first service
    for u in range(1, 10):
        _tab_ke(halaman, f"input[name=U{u}]")
        halaman.keyboard.press("Space")  # the first answer (1) …
        for _ in range(3):
            halaman.keyboard.press("ArrowDown")  # … moved to the fourth (4)
    _tab_ke(halaman, "#isian-umur")
    halaman.keyboard.type("34")
    _tab_ke(halaman, "main button[type=submit]")
    halaman.keyboard.press("Enter")
    halaman.wait_for_selector("h1:has-text('Terima kasih')")
    r = Respons.objects.order_by("-id").first()
    assert Respons.objects.count() == sebelum + 1
    assert [r.u1, r.u5, r.u9, r.umur] == [4, 4, 4, 34] and r.jenis_layanan_id is not None
    halaman.context.close()


def _pengaduan_dengan_papan_ketik(peramban, sampel):
    from kinerja.pengaduan.models import Pengaduan

    sebelum = Pengaduan.objects.count()
    halaman = peramban.new_context(viewport=PONSEL).new_page()
    _buka(halaman, sampel["url"] + f"/pengaduan/{sampel['pd']}/kirim/")
    _lewati_ke_isi(halaman)
    _tab_ke(halaman, "#isian-unit")
    halaman.keyboard.press("ArrowDown")
    _tab_ke(halaman, "#isian-kategori")
    halaman.keyboard.press("ArrowDown")
    _tab_ke(halaman, "#isian-judul")
    halaman.keyboard.type("Lampu jalan mati")
    _tab_ke(halaman, "#isian-isi")
    halaman.keyboard.type("Gelap")  # shorter than 10 letters: refused by the server
    _tab_ke(halaman, "#isian-nama")
    halaman.keyboard.type("Warga Gedog")
    _tab_ke(halaman, "main button[type=submit]")
    halaman.keyboard.press("Enter")
    # All errors at the top, announced and focused; the link puts the cursor in the field.
    halaman.wait_for_selector("#ringkasan-galat[role=alert]")
    expect(halaman.locator("#ringkasan-galat")).to_be_focused()
    expect(halaman.locator("#isian-isi")).to_have_attribute("aria-invalid", "true")
    expect(halaman.locator("#isian-isi")).to_have_attribute("aria-describedby", "galat-isi")
    expect(halaman.locator("#galat-isi")).to_contain_text("paling sedikit 10 huruf")
    expect(halaman.locator("#isian-judul")).to_have_value("Lampu jalan mati")  # nothing typed is lost
    assert Pengaduan.objects.count() == sebelum
    halaman.keyboard.press("Tab")
    expect(halaman.locator("#ringkasan-galat a")).to_be_focused()
    halaman.keyboard.press("Enter")
    expect(halaman.locator("#isian-isi")).to_be_focused()
    halaman.keyboard.type(" sejak tiga malam di depan balai RW 02.")
    _tab_ke(halaman, "main button[type=submit]")
    halaman.keyboard.press("Enter")
    halaman.wait_for_selector("#hasil-lacak")
    assert Pengaduan.objects.count() == sebelum + 1
    adu = Pengaduan.objects.order_by("-id").first()
    assert adu.isi == "Gelap sejak tiga malam di depan balai RW 02." and adu.nama_pelapor == "Warga Gedog"
    halaman.context.close()


def _baris_triwulan_dengan_papan_ketik(peramban, sampel):
    from kinerja.monev.models import Realisasi

    konteks = peramban.new_context(viewport=DESKTOP)
    halaman = _masuk(konteks, sampel["url"], "operator-gedog", "isi-realisasi-2022")
    assert "/tw4/unit/" in halaman.url
    _lewati_ke_isi(halaman)
    _tab_ke(halaman, ".isian-nilai input:not([readonly])", batas=60)
    kotak = halaman.evaluate("document.activeElement.id")  # n<indikator>-<lokasi>
    halaman.keyboard.type("18")
    halaman.keyboard.press("Enter")
    halaman.wait_for_selector(f"form:has(#{kotak}) .lencana.tersimpan")
    indikator = int(kotak[1:].split("-")[0])
    r = Realisasi.objects.get(indikator_id=indikator, lokasi_id=sampel["gedog"], tahun=2022, triwulan=4)
    assert r.nilai == 18
    konteks.close()


def test_the_survey_the_complaint_form_and_a_quarterly_row_are_completed_with_the_keyboard_alone(
    peramban, sampel
):
    """No mouse: Tab, arrow keys, Space, Enter and typing. A complaint refused by the server shows
    its errors at the top, focused, and the error's link puts the cursor back in the field."""
    _survei_dengan_papan_ketik(peramban, sampel)
    _pengaduan_dengan_papan_ketik(peramban, sampel)
    _baris_triwulan_dengan_papan_ketik(peramban, sampel)


# --- text size -------------------------------------------------------------------------------------


def _huruf_mengikuti_peramban(peramban, sampel):
    """A reader who sets 24 px in the browser gets 24 px text (and inputs), not a fixed 15 px."""
    for ukuran in (16, 24):
        halaman = peramban.new_context(viewport=DESKTOP).new_page()
        cdp = halaman.context.new_cdp_session(halaman)
        cdp.send("Page.enable")
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": ukuran, "fixed": ukuran}})
        for alamat in ("/masuk/", f"/skm/kios/{sampel['kios']}/"):
            _buka(halaman, sampel["url"] + alamat)
            akar = halaman.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
            assert akar == ukuran, (alamat, akar)
        _buka(halaman, sampel["url"] + "/masuk/")
        isian = halaman.evaluate(
            "parseFloat(getComputedStyle(document.getElementById('id_username')).fontSize)"
        )
        judul = halaman.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
        assert isian == ukuran and judul == 1.5 * ukuran
        halaman.context.close()
