"""A real browser: open the explorer, filter by a kelurahan, download the 6.2 workbook."""

import io
import re

import openpyxl
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"


class _PerambanDiawasi:
    """The browser, with every page's console watched: a Content-Security-Policy violation (an
    inline script, handler or style the policy refused) fails the test that caused it."""

    def __init__(self, browser):
        self._b = browser
        self.pelanggaran: list[str] = []

    def _catat(self, pesan) -> None:
        if "Content Security Policy" in pesan.text:
            self.pelanggaran.append(pesan.text)

    def new_context(self, **opsi):
        konteks = self._b.new_context(**opsi)
        konteks.on("console", self._catat)
        return konteks

    def new_page(self, **opsi):
        return self.new_context(**opsi).new_page()

    def __getattr__(self, nama):
        return getattr(self._b, nama)


@pytest.fixture
def peramban():
    import os

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium tidak ditemukan di {CHROMIUM}: pasang paket Debian 'chromium'.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        diawasi = _PerambanDiawasi(b)
        yield diawasi
        b.close()
        assert not diawasi.pelanggaran, "\n".join(diawasi.pelanggaran)


def test_a_planner_explores_by_kelurahan_and_downloads_tabel_6_2(live_server, peramban):
    from kinerja.demo.sampel import muat_sampel
    from kinerja.renstra.models import RenstraVersi

    if not RenstraVersi.objects.exists():
        muat_sampel()
    halaman = peramban.new_page(accept_downloads=True)
    halaman.goto(f"{live_server.url}/masuk/")
    halaman.fill("#id_username", "perencana")
    halaman.fill("#id_password", "sananwetan-perencana")
    halaman.click("button[type=submit]")
    # The planner lands on the reports awaiting verification, then opens the plan from the menu.
    halaman.wait_for_url("**/monev/verifikasi/")
    halaman.click("nav.menu >> text=← Renstra")
    halaman.wait_for_url("**/renstra/**")
    assert "Visi dan misi Kota Blitar" in halaman.content()

    halaman.click("text=Kaskade")
    halaman.wait_for_selector("#total-kaskade")
    semua = halaman.inner_text("#total-kaskade")
    halaman.select_option("#pilih-lokasi", label="Kelurahan Gedog")
    assert "lokasi=" not in halaman.url  # choosing in the list changes nothing until the button (WCAG 3.2.2)
    halaman.click("#terapkan-kaskade")  # htmx swaps the tree
    halaman.wait_for_selector("caption:has-text('Lokasi: Kelurahan Gedog')")
    gedog = halaman.inner_text("#total-kaskade")
    assert gedog != semua and "lokasi=" in halaman.url
    assert "1.203.370" in halaman.inner_text("#pohon")

    halaman.click("text=Tabel Renstra")
    halaman.click("text=Tabel 6.2")
    with halaman.expect_download() as unduh:
        halaman.click("a.tombol:has-text('XLSX')")
    berkas = unduh.value
    assert berkas.suggested_filename == "Tabel-6.2-kecamatan-sananwetan.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(open(berkas.path(), "rb").read()))
    ws = wb.active
    assert ws.title == "Tabel 6.2" and ws.max_row > 200


def _masuk(peramban, live_server, username, password):
    halaman = peramban.new_context(accept_downloads=True).new_page()
    halaman.goto(f"{live_server.url}/masuk/")
    halaman.fill("#id_username", username)
    halaman.fill("#id_password", password)
    halaman.click("button[type=submit]")
    halaman.wait_for_url(lambda url: "/masuk/" not in url)
    return halaman


def test_a_quarter_is_entered_returned_with_a_note_fixed_verified_and_reported(live_server, peramban):
    from kinerja.demo.sampel import muat_sampel
    from kinerja.renstra.models import RenstraVersi
    from kinerja.wilayah.models import Unit

    if not RenstraVersi.objects.exists():
        muat_sampel()
    versi = RenstraVersi.objects.get(sumber_set__jenis="teks")
    gedog = Unit.objects.get(pd=versi.pd, nama_pendek="Gedog")
    isian = f"{live_server.url}/monev/{versi.pk}/2022/tw4/unit/{gedog.pk}/"

    # The operator of Kelurahan Gedog lands on the open fourth quarter and fills it, row by row with Enter.
    op = _masuk(peramban, live_server, "operator-gedog", "isi-realisasi-2022")
    assert op.url == isian
    kotak = op.locator(".isian-nilai input")
    # the rows to fill by hand (the rows computed from records have no box)
    jumlah = op.locator("form.baris-isian:not(.anggaran) .isian-nilai input:not([readonly])").count()
    kotak.nth(0).fill("18")
    kotak.nth(0).press("Enter")
    assert op.evaluate("document.activeElement.id") == kotak.nth(1).get_attribute("id")
    op.wait_for_selector(".lencana.tersimpan")
    kotak.nth(1).fill("dua")
    kotak.nth(1).press("Tab")
    op.wait_for_selector(".isian-galat")
    assert "bukan angka" in op.inner_text(".isian-galat")
    # The refused row takes the cursor back, with its typed text selected for correction.
    expect(op.locator(".isian-nilai input").nth(1)).to_be_focused()
    expect(op.locator(".isian-nilai input").nth(1)).to_have_value("dua")
    op.locator(".isian-nilai input").nth(1).fill("2")
    op.locator(".isian-nilai input").nth(1).press("Tab")
    # (Waits go through locators: wait_for_function evaluates a string, which the CSP forbids.)
    expect(op.locator(".isian-galat")).to_have_count(0)
    assert f"{jumlah - 2} masih kosong" in op.inner_text("#hitung-isian")
    # 1.000 teams against a target of 30 is saved only with an explanation, and flagged.
    tim = op.locator("form.baris-isian", has_text="Jumlah peserta lomba keolahragaan")
    tim.locator(".isian-nilai input").fill("1.000")
    tim.locator(".isian-nilai input").press("Tab")
    op.wait_for_selector(".isian-penjelasan.perlu textarea")
    assert "3.406,67%" in op.inner_text(".isian-galat")
    op.fill(".isian-penjelasan.perlu textarea", "Lomba antarkampung diikuti seluruh tim RT.")
    op.locator(".isian-penjelasan.perlu textarea").press("Tab")
    op.wait_for_selector("form.baris-isian.ditandai")
    assert f"{jumlah - 3} masih kosong" in op.inner_text("#hitung-isian")
    # Submitting lists the empty rows first; then the operator withdraws and submits again.
    op.click("#tombol-ajukan")
    op.wait_for_selector("#konfirmasi-ajukan")
    assert f"{jumlah - 3} baris masih kosong" in op.inner_text("#konfirmasi-ajukan")
    op.click("#tombol-tetap-ajukan")
    op.wait_for_selector(".status-laporan .status-diajukan")
    op.click("details.tarik summary")
    op.click("#tombol-tarik")
    op.wait_for_selector(".status-laporan .status-draft")
    op.click("#tombol-ajukan")
    op.click("#tombol-tetap-ajukan")
    op.wait_for_selector(".status-laporan .status-diajukan")

    # The Sekretariat (perencana) returns it with a note.
    pr = _masuk(peramban, live_server, "perencana", "sananwetan-perencana")
    pr.goto(isian)
    assert "Lomba antarkampung diikuti seluruh tim RT." in pr.inner_text("#baris-ditandai")
    pr.fill("#catatan", "Lampirkan daftar hadir pembinaan.")
    pr.click("#tombol-kembalikan")
    pr.wait_for_selector(".status-laporan .status-dikembalikan")

    # The operator sees the note, completes the row and submits again; the Sekretariat verifies.
    op.goto(isian)
    assert "Lampirkan daftar hadir pembinaan." in op.inner_text(".catatan-verifikator")
    op.locator("details.isian-rinci").first.locator("summary").click()
    op.locator("textarea[name=faktor_penghambat]").first.fill("Daftar hadir menyusul dari RT.")
    op.locator("textarea[name=faktor_penghambat]").first.press("Tab")
    op.wait_for_selector(".lencana.tersimpan")
    op.click("#tombol-ajukan")
    op.click("#tombol-tetap-ajukan")
    op.wait_for_selector(".status-laporan .status-diajukan")
    pr.goto(isian)
    pr.click("#tombol-verifikasi")
    pr.wait_for_selector(".status-laporan .status-diverifikasi")

    # The Camat opens the PK, E.81 and LKjIP for 2022 and downloads them as workbooks.
    camat = _masuk(peramban, live_server, "camat", "kinerja-pimpinan-2022")
    camat.goto(f"{live_server.url}/monev/{versi.pk}/2022/")
    camat.click("text=Perjanjian Kinerja")
    assert "PURWANTO, AP" in camat.content()
    camat.click("#tombol-teken")
    camat.wait_for_selector("#konfirmasi-teken")
    # The document names the Wali Kota's office, not the person: the form asks for the name.
    camat.click("#tombol-yakin-teken")
    assert "Tulis nama Pihak Kedua (Wali Kota Blitar)" in camat.inner_text("#ringkasan-galat")
    assert camat.get_attribute("#nama_pihak_kedua", "aria-invalid") == "true"
    assert camat.get_attribute("#ringkasan-galat a", "href") == "#nama_pihak_kedua"
    camat.fill("#nama_pihak_kedua", "Santoso")
    camat.click("#tombol-yakin-teken")
    camat.wait_for_selector(".status-pk >> text=Ditandatangani")
    for kode, nama in (("E.81", "E81-2022-TW4"), ("LKJIP", "LKJIP-2022"), ("PK", "PK-2022")):
        camat.goto(
            f"{live_server.url}/monev/{versi.pk}/2022/laporan/{kode}/"
            if kode != "PK"
            else f"{live_server.url}/monev/{versi.pk}/2022/pk/"
        )
        if kode == "E.81":
            assert "Rata-rata capaian kinerja" in camat.content() and "18" in camat.inner_text(
                "table.tabel-dokumen"
            )
        with camat.expect_download() as unduh:
            camat.click("a.tombol:has-text('XLSX')")
        assert unduh.value.suggested_filename.startswith(nama)
        wb = openpyxl.load_workbook(io.BytesIO(open(unduh.value.path(), "rb").read()))
        assert wb.active.max_row > 3


def test_the_kiosk_keeps_answers_through_a_network_cut_and_sends_them_once(live_server, peramban):
    from kinerja.demo.sampel import muat_sampel
    from kinerja.renstra.models import RenstraVersi
    from kinerja.skm.models import Kios, Respons

    if not RenstraVersi.objects.exists():
        muat_sampel()
    kios = Kios.objects.get(unit__nama_pendek="Klampok")
    sebelum = Respons.objects.filter(kios=kios, sumber="kios").count()
    konteks = peramban.new_context()
    halaman = konteks.new_page()
    halaman.goto(f"{live_server.url}/skm/kios/{kios.token}/")
    halaman.click("#mulai")
    halaman.click("button.lewati")  # service: "Lainnya / tidak tahu"
    konteks.set_offline(True)  # the network drops while the citizen answers
    for _ in range(9):
        halaman.locator("button.pilihan[data-nilai='4']").click()
    halaman.locator("button.pilihan:has-text('Perempuan')").click()
    halaman.click("#kirim")
    halaman.wait_for_selector("text=Terima kasih!")
    halaman.wait_for_selector("#antrean:has-text('1 jawaban menunggu jaringan')")
    assert Respons.objects.filter(kios=kios, sumber="kios").count() == sebelum
    konteks.set_offline(False)
    halaman.evaluate("window.dispatchEvent(new Event('online'))")
    expect(halaman.locator("#antrean")).to_have_text("")
    # Sending the same queued answer again (a lost reply) stores nothing new.
    baru = Respons.objects.filter(kios=kios, sumber="kios")
    assert baru.count() == sebelum + 1
    r = baru.order_by("-id").first()
    assert (r.u1, r.u9, r.jenis_kelamin) == (4, 4, "P")
    status = halaman.evaluate(
        """async ([url, id]) => (await fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'},
           body: JSON.stringify({id: id, jawaban: {U1:4,U2:4,U3:4,U4:4,U5:4,U6:4,U7:4,U8:4,U9:4}})})).status""",
        [f"{live_server.url}/skm/kios/{kios.token}/kirim/", str(r.id_klien)],
    )
    assert status == 200 and Respons.objects.filter(kios=kios, sumber="kios").count() == sebelum + 1
    # The screen returns to the start for the next person.
    halaman.wait_for_selector("#mulai", timeout=10000)


def test_a_lurah_lands_on_his_kelurahan_and_reads_its_complaints_without_the_reporter(live_server, peramban):
    from kinerja.demo.sampel import muat_sampel
    from kinerja.pengaduan.models import Pengaduan
    from kinerja.renstra.models import RenstraVersi
    from kinerja.wilayah.models import Unit

    if not RenstraVersi.objects.exists():
        muat_sampel()
    versi = RenstraVersi.objects.get(sumber_set__jenis="teks")
    gedog = Unit.objects.get(pd=versi.pd, nama_pendek="Gedog")
    lurah = _masuk(peramban, live_server, "lurah-gedog", "kinerja-pimpinan-2022")
    assert lurah.url == f"{live_server.url}/monev/{versi.pk}/2022/capaian/?unit={gedog.pk}"
    assert "Kelurahan Gedog" in lurah.inner_text("h1")
    lurah.click("nav.menu >> text=← Renstra")
    lurah.click("nav.menu >> text=Pelayanan →")
    lurah.click("nav.menu >> text=Pengaduan")
    assert lurah.locator("tbody tr").count() == Pengaduan.objects.filter(unit=gedog).count()
    lurah.locator("tbody tr a").first.click()
    lurah.wait_for_selector("text=disembunyikan")
    teks = lurah.content()
    for a in Pengaduan.objects.filter(pd=versi.pd).exclude(nama_pelapor=""):
        assert a.nama_pelapor not in teks and a.kontak_pelapor not in teks
    assert lurah.locator("textarea").count() == 0


def test_the_cascade_folds_each_branch_and_opens_or_closes_everything(live_server, peramban):
    from kinerja.demo.sampel import muat_sampel
    from kinerja.renstra.models import RenstraVersi

    if not RenstraVersi.objects.exists():
        muat_sampel()
    versi = RenstraVersi.objects.get(sumber_set__jenis="teks")
    halaman = _masuk(peramban, live_server, "perencana", "sananwetan-perencana")
    halaman.goto(f"{live_server.url}/renstra/{versi.pk}/kaskade/")
    terlihat = halaman.locator("#tabel-kaskade tbody tr:visible")
    awal = terlihat.count()
    program = halaman.locator("tr.unsur.t3 button.buka-tutup").first
    assert program.get_attribute("aria-expanded") == "true"
    baris_program = halaman.locator("tr.unsur.t3").first.get_attribute("data-node")
    di_bawah = halaman.locator(f'#tabel-kaskade tr[data-jalur~="{baris_program}"]:visible').count()
    assert di_bawah > 0
    program.click()  # fold: the marker stays, only the rows below go
    assert program.get_attribute("aria-expanded") == "false" and program.is_visible()
    assert terlihat.count() == awal - di_bawah
    program.focus()
    halaman.keyboard.press("Enter")  # the keyboard unfolds it again
    assert program.get_attribute("aria-expanded") == "true" and terlihat.count() == awal
    halaman.click("#tutup-semua")
    assert terlihat.count() == 1 + halaman.locator("tr.unsur.t1").count()  # the total row and each tujuan
    halaman.click("#buka-semua")
    assert terlihat.count() == halaman.locator("#tabel-kaskade tbody tr").count()
    # The year filter swaps the grid; its buttons keep working on the new rows.
    halaman.select_option("#pilih-tahun", "2024")
    halaman.click("#terapkan-kaskade")
    halaman.wait_for_selector("caption:has-text('Tahun 2024')")
    assert halaman.locator("#tabel-kaskade thead tr").nth(1).inner_text().split() == ["2024"]
    halaman.click("#tutup-semua")
    assert terlihat.count() == 1 + halaman.locator("tr.unsur.t1").count()


def test_the_counter_records_one_service_with_enter_and_completes_one_in_process(live_server, peramban):
    from kinerja.demo.sampel import muat_sampel
    from kinerja.layanan.models import Pelayanan
    from kinerja.renstra.models import RenstraVersi
    from kinerja.wilayah.models import Unit

    if not RenstraVersi.objects.exists():
        muat_sampel()
    gedog = Unit.objects.get(nama_pendek="Gedog", pd__slug="kecamatan-sananwetan")
    baru = Pelayanan.objects.filter(unit=gedog, demo=False)
    halaman = _masuk(peramban, live_server, "operator-gedog", "isi-realisasi-2022")
    halaman.goto(f"{live_server.url}/layanan/{gedog.pd_id}/loket/{gedog.pk}/")
    assert halaman.evaluate("document.activeElement.id") == "isian-jenis"
    halaman.keyboard.press("Enter")  # nothing chosen yet: nothing recorded
    assert baru.count() == 0
    halaman.keyboard.press("ArrowDown")  # the first service
    halaman.keyboard.press("Enter")
    halaman.wait_for_selector(".pesan-success:has-text('Tercatat')")
    assert baru.count() == 1 and baru.get().hasil == "selesai"
    # A service that takes longer: chosen by typing, marked "masih diproses", Enter on the radio.
    halaman.focus("#isian-jenis")
    halaman.keyboard.type("Surat Keterangan U")
    halaman.check("input[name=hasil][value=proses]")
    halaman.keyboard.press("Enter")
    halaman.wait_for_selector(".pesan-success:has-text('dalam proses')")
    proses = baru.get(hasil="proses")
    assert baru.count() == 2 and proses.jenis.nama.startswith("Surat Keterangan U")
    halaman.locator("#hari-ini tr.diproses button:has-text('Selesai')").click()
    halaman.wait_for_selector(".pesan-success:has-text('selesai pukul')")
    proses.refresh_from_db()
    assert proses.hasil == "selesai" and proses.selesai is not None and proses.tepat_waktu is True
    assert halaman.locator("#hari-ini tr.diproses").count() == 0


def test_the_kiosk_and_the_phone_form_list_answers_in_the_same_order(live_server, peramban):
    from kinerja.demo.sampel import muat_sampel
    from kinerja.renstra.models import RenstraVersi
    from kinerja.skm import ikm
    from kinerja.skm.models import Kios

    if not RenstraVersi.objects.exists():
        muat_sampel()
    kios = Kios.objects.get(unit__nama_pendek="Gedog")
    halaman = peramban.new_page()
    halaman.goto(f"{live_server.url}/skm/kios/{kios.token}/")
    halaman.click("#mulai")
    halaman.click("button.lewati")
    di_kios = halaman.locator("button.pilihan").evaluate_all(
        "bs => bs.map(b => [b.dataset.nilai, b.textContent.trim()])"
    )
    halaman.goto(f"{live_server.url}/skm/isi/{kios.token_ponsel}/")
    di_ponsel = (
        halaman.locator("fieldset.unsur")
        .first.locator("label.pilihan")
        .evaluate_all("ls => ls.map(l => [l.querySelector('input').value, l.textContent.trim()])")
    )
    # As the regulation's questionnaire prints them: 1 (worst) to 4 (best).
    harapan = [[str(i), teks] for i, teks in enumerate(ikm.JAWABAN["U1"], start=1)]
    assert di_kios == di_ponsel == harapan


def test_the_printed_pk_is_the_agreement_page_and_its_annex_and_nothing_more(live_server, peramban):
    import re

    from kinerja.demo.sampel import muat_sampel
    from kinerja.renstra.models import RenstraVersi

    if not RenstraVersi.objects.exists():
        muat_sampel()
    versi = RenstraVersi.objects.get(sumber_set__jenis="teks")
    camat = _masuk(peramban, live_server, "camat", "kinerja-pimpinan-2022")
    camat.goto(f"{live_server.url}/monev/{versi.pk}/2022/pk/")
    assert "PERJANJIAN KINERJA TAHUN 2022" in camat.inner_text("main")
    camat.emulate_media(media="print")
    pdf = camat.pdf(prefer_css_page_size=True)
    # Page 1: the agreement with both signatures; page 2: the annex (3 sasaran, 4 programs) with
    # its signatures. The screen's "Dicetak dari Kinerja …" note must not open a third page.
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 2


def test_the_e81_average_is_read_beside_its_label_without_scrolling_sideways(live_server, peramban):
    from kinerja.demo.sampel import muat_sampel
    from kinerja.renstra.models import RenstraVersi

    if not RenstraVersi.objects.exists():
        muat_sampel()
    versi = RenstraVersi.objects.get(sumber_set__jenis="teks")
    camat = _masuk(peramban, live_server, "camat", "kinerja-pimpinan-2022")
    camat.set_viewport_size({"width": 1280, "height": 900})
    camat.goto(f"{live_server.url}/monev/{versi.pk}/2022/laporan/E.81/?triwulan=4")
    # The form puts the mean under its column, far to the right; the label beside it repeats the
    # level's main figure so that it is read without scrolling.
    sel = camat.locator("tr.kaki", has_text="Rata-rata capaian kinerja").first.locator("td").nth(0)
    assert re.search(r"capaian Renja \d+,\d\d%$", sel.inner_text())
    # Where the figure's text is drawn: within the 1280-pixel screen, not at the far end of the
    # 28-column table (about 2.300 pixels wide).
    kanan = sel.evaluate(
        "td => { const r = document.createRange(); r.selectNodeContents(td); return r.getBoundingClientRect().right; }"
    )
    assert camat.evaluate("document.querySelector('table.tabel-dokumen').scrollWidth") > 1280
    assert kanan < 1280


def test_no_page_scrolls_sideways_on_a_phone_and_report_footers_stay_readable(live_server, peramban):
    from kinerja.demo.sampel import muat_sampel
    from kinerja.renstra.models import RenstraVersi

    if not RenstraVersi.objects.exists():
        muat_sampel()
    versi = RenstraVersi.objects.get(sumber_set__jenis="teks")
    pd = versi.pd_id
    camat = _masuk(peramban, live_server, "camat", "kinerja-pimpinan-2022")
    lebar = "[document.documentElement.scrollWidth, window.innerWidth]"
    camat.set_viewport_size({"width": 390, "height": 800})
    for alamat in (
        f"/monev/{versi.pk}/2022/capaian/",
        f"/pengaduan/{pd}/",
        f"/pengaduan/{pd}/statistik/",
        f"/renstra/{versi.pk}/dokumen/",
        f"/layanan/{pd}/rekap/",
        f"/skm/{pd}/hasil/",
        f"/renstra/{versi.pk}/kaskade/",
    ):
        camat.goto(live_server.url + alamat)
        camat.wait_for_load_state("load")
        dokumen, layar = camat.evaluate(lebar)
        assert dokumen <= layar, (alamat, dokumen)
    camat.set_viewport_size({"width": 1280, "height": 900})
    camat.goto(f"{live_server.url}/renstra/{versi.pk}/kaskade/")
    dokumen, layar = camat.evaluate(lebar)
    assert dokumen <= layar, ("kaskade", dokumen)
    # The E.81 footer's explanations wrap within the screen instead of one 2.300-pixel line.
    camat.goto(f"{live_server.url}/monev/{versi.pk}/2022/laporan/E.81/?triwulan=4&terverifikasi=0")
    kotak = camat.locator("tr.kaki", has_text="Faktor penghambat").locator(".isi-lebar")
    assert kotak.evaluate("d => d.getBoundingClientRect().right") <= 1280
    # The login page with its demonstration banner and account list fits a small phone.
    tamu = peramban.new_context(viewport={"width": 360, "height": 740}).new_page()
    tamu.goto(f"{live_server.url}/masuk/")
    expect(tamu.locator(".spanduk")).to_contain_text("Mode demonstrasi")
    dokumen, layar = tamu.evaluate(lebar)
    assert dokumen <= layar, ("masuk", dokumen)


def test_controls_moved_out_of_inline_handlers_work_under_the_csp(live_server, peramban):
    from kinerja.demo.sampel import muat_sampel
    from kinerja.renstra.models import RenstraVersi

    if not RenstraVersi.objects.exists():
        muat_sampel()
    versi = RenstraVersi.objects.get(sumber_set__jenis="teks")
    halaman = _masuk(peramban, live_server, "perencana", "sananwetan-perencana")
    assert (
        "script-src 'self'"
        in halaman.goto(f"{live_server.url}/renstra/{versi.pk}/tabel/6.1/").headers["content-security-policy"]
    )
    # Choosing a year changes nothing by itself (WCAG 3.2.2); its button shows that year.
    tahun = halaman.locator("select[name=tahun]").first
    pilihan = tahun.locator("option:not([selected])").first.get_attribute("value")
    alamat = halaman.url
    tahun.select_option(pilihan)
    halaman.wait_for_timeout(200)
    assert halaman.url == alamat
    with halaman.expect_navigation():
        tahun.locator("xpath=ancestor::form").locator("button[type=submit]").click()
    assert f"tahun={pilihan}" in halaman.url
    # The print date is written into the print stylesheet through its object model.
    aturan = halaman.evaluate(
        "Array.from(document.getElementById('gaya-cetak').sheet.cssRules).map(r => r.cssText).join(' ')"
    )
    waktu = halaman.inner_text("#waktu-cetak").strip()
    assert f"Dicetak {waktu}" in aturan
    # The quarterly report's year choice opens that year with its button (data-buka-tahun).
    halaman.goto(f"{live_server.url}/monev/{versi.pk}/2022/")
    halaman.select_option("select[name=tahun]", "2023")
    with halaman.expect_navigation():
        halaman.click("form[data-buka-tahun] button[type=submit]")
    assert halaman.url.endswith(f"/monev/{versi.pk}/2023/")
    # A page that would break the policy is caught: the watcher sees the console report.
    halaman.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = '1'; document.body.appendChild(s); }"
    )
    halaman.wait_for_timeout(200)
    assert any("Content Security Policy" in p for p in peramban.pelanggaran)
    peramban.pelanggaran.clear()
