"""The appropriated budget (APBD): the rule in force, its writes and audit, the workbook, the page."""

from __future__ import annotations

import io
from decimal import Decimal as D

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from kinerja.core.models import CatatanAudit
from kinerja.core.pelaku import SISTEM
from kinerja.renstra import anggaran as ag
from kinerja.renstra.anggaran_buku import impor_anggaran, templat_anggaran
from kinerja.renstra.impor import ImporGagal
from kinerja.renstra.models import Anggaran, Pagu, PlanNode
from kinerja.renstra.salin import buat_perubahan, buat_renja
from kinerja.renstra.selectors import muat_rencana

pytestmark = pytest.mark.django_db
T = PlanNode.Tingkat
KODE = "7.01.01.2.06.0002"  # a sub kegiatan the sample plans at every kelurahan


def _perencana():
    return get_user_model().objects.get(username="perencana")


def _sel(versi, nama_pendek="Gedog", tahun=2023):
    node = PlanNode.objects.get(versi=versi, kode=KODE)
    lokasi = versi.pd.unit_set.get(nama_pendek=nama_pendek)
    assert Pagu.objects.filter(node=node, lokasi=lokasi, tahun=tahun).exists()
    return node, lokasi


def _isi(jumlah="", sumber_dana="", dokumen=""):
    return {"jumlah": jumlah, "sumber_dana": sumber_dana, "dokumen": dokumen}


def test_perubahan_replaces_murni_in_its_cell_only(versi_sampel):
    node, gedog = _sel(versi_sampel)
    _, rembang = _sel(versi_sampel, "Rembang")
    p = _perencana()
    ag.simpan_anggaran(
        pengguna=p,
        versi=versi_sampel,
        node=node,
        lokasi=gedog,
        tahun=2023,
        isian={"murni": _isi("10.000.000", "DAU")},
    )
    ag.simpan_anggaran(
        pengguna=p,
        versi=versi_sampel,
        node=node,
        lokasi=rembang,
        tahun=2023,
        isian={"murni": _isi("7.500.000")},
    )
    berlaku = ag.anggaran_berlaku_versi(versi_sampel.pk, 2023)
    assert berlaku[(node.pk, gedog.pk)].jumlah == D(10_000_000)
    hasil = ag.simpan_anggaran(
        pengguna=p,
        versi=versi_sampel,
        node=node,
        lokasi=gedog,
        tahun=2023,
        isian={"perubahan": _isi("Rp 12.250.000", "DAU", "DPPA/001/2023")},
    )
    assert hasil == ["APBD perubahan diisi"]
    berlaku = ag.anggaran_berlaku_versi(versi_sampel.pk, 2023)
    assert berlaku[(node.pk, gedog.pk)].jumlah == D(12_250_000)
    assert berlaku[(node.pk, gedog.pk)].tahap == "perubahan"
    assert berlaku[(node.pk, rembang.pk)].jumlah == D(7_500_000)  # no perubahan there: murni stays
    # Both records are kept: the murni figure did not disappear.
    assert Anggaran.objects.filter(node=node, lokasi=gedog, tahun=2023).count() == 2


def test_every_change_is_audited_and_an_empty_amount_removes_the_record(versi_sampel):
    node, gedog = _sel(versi_sampel)
    p = _perencana()
    kw = {"pengguna": p, "versi": versi_sampel, "node": node, "lokasi": gedog, "tahun": 2023}
    ag.simpan_anggaran(**kw, isian={"murni": _isi("5.000.000", "PAD", "DPA 1")})
    ag.simpan_anggaran(**kw, isian={"murni": _isi("6.000.000", "PAD", "DPA 1")})
    assert ag.simpan_anggaran(**kw, isian={"murni": _isi("6.000.000", "PAD", "DPA 1")}) == []
    assert ag.simpan_anggaran(**kw, isian={"murni": _isi("")}) == ["APBD murni dihapus"]
    assert not Anggaran.objects.filter(node=node, lokasi=gedog, tahun=2023).exists()
    log = list(
        CatatanAudit.objects.filter(objek_id=str(node.pk), aksi__startswith="anggaran.").order_by("pk")
    )
    assert [c.aksi for c in log] == ["anggaran.tambah", "anggaran.ubah", "anggaran.hapus"]
    assert log[1].perubahan == {"jumlah": ["5.000.000", "6.000.000"]}
    assert log[1].pengguna == p and "APBD murni 2023, lokasi Gedog" in log[1].alasan


@pytest.mark.parametrize(
    "isian, kunci, pesan",
    [
        ({"murni": _isi("12,5")}, "murni-jumlah", "rupiah utuh"),
        ({"murni": _isi("-5.000")}, "murni-jumlah", "negatif"),
        ({"murni": _isi("sepuluh juta")}, "murni-jumlah", "bukan jumlah rupiah"),
        ({"murni": _isi("9" * 25)}, "murni-jumlah", "terlalu"),
        ({"perubahan": _isi("1.000", "x" * 121)}, "perubahan-sumber_dana", "paling panjang 120"),
        ({"perubahan": _isi("", "DAU")}, "perubahan-jumlah", "Tulis jumlah anggarannya"),
    ],
)
def test_bad_input_is_refused_by_field_and_nothing_is_saved(versi_sampel, isian, kunci, pesan):
    node, gedog = _sel(versi_sampel)
    sebelum = (Anggaran.objects.count(), CatatanAudit.objects.count())
    # A good murni beside a bad perubahan is not saved either.
    isian = {"murni": _isi("1.000.000"), **isian} if "perubahan" in isian else isian
    with pytest.raises(ValidationError) as e:
        ag.simpan_anggaran(
            pengguna=_perencana(), versi=versi_sampel, node=node, lokasi=gedog, tahun=2023, isian=isian
        )
    assert pesan in " ".join(e.value.message_dict[kunci])
    assert (Anggaran.objects.count(), CatatanAudit.objects.count()) == sebelum


def test_a_year_outside_the_plan_and_a_renja_are_refused(versi_sampel):
    node, gedog = _sel(versi_sampel)
    with pytest.raises(ValidationError, match="di luar tahun rencana"):
        ag.simpan_anggaran(
            pengguna=SISTEM,
            versi=versi_sampel,
            node=node,
            lokasi=gedog,
            tahun=2031,
            isian={"murni": _isi("1")},
        )
    renja = buat_renja(pengguna=SISTEM, versi=versi_sampel, tahun=2023)
    sub = PlanNode.objects.get(versi=renja, kode=KODE)
    with pytest.raises(ValidationError, match="bukan pada Renja"):
        ag.simpan_anggaran(
            pengguna=SISTEM, versi=renja, node=sub, lokasi=gedog, tahun=2023, isian={"murni": _isi("1")}
        )


def test_a_perubahan_renstra_copies_the_apbd(versi_sampel):
    node, gedog = _sel(versi_sampel)
    ag.simpan_anggaran(
        pengguna=SISTEM,
        versi=versi_sampel,
        node=node,
        lokasi=gedog,
        tahun=2023,
        isian={"perubahan": _isi("3.000.000", "DAU", "DPPA 9")},
    )
    lama = Anggaran.objects.filter(node__versi=versi_sampel)
    baru = buat_perubahan(pengguna=SISTEM, versi=versi_sampel, nama="Perubahan APBD uji")
    salinan = Anggaran.objects.filter(node__versi=baru)
    assert salinan.count() == lama.count() > 150  # the demonstration APBD 2022 and the cell above

    def kunci(a):
        return (a.node.kode, a.lokasi_id, a.tahun, a.tahap, a.jumlah, a.sumber_dana, a.dokumen, a.demo)

    assert sorted(map(kunci, salinan)) == sorted(map(kunci, lama))


# --- the workbook ---------------------------------------------------------------------------------


def _buku(versi, tahun: int) -> tuple[openpyxl.Workbook, object, int]:
    """The downloaded template, its sheet and the header row."""
    wb = openpyxl.load_workbook(io.BytesIO(templat_anggaran(muat_rencana(versi), tahun)))
    ws = wb.worksheets[0]
    kepala = next(r for r in range(1, 10) if ws.cell(r, 1).value == "Kode Sub Kegiatan")
    return wb, ws, kepala


def _baris(ws, kepala: int, kode: str, lokasi: str) -> int:
    r = kepala + 1
    while ws.cell(r, 1).value:
        if ws.cell(r, 1).value == kode and ws.cell(r, 3).value == lokasi:
            return r
        r += 1
    raise AssertionError(f"{kode} {lokasi} not in the template")


def _simpan(wb, tmp_path, nama="apbd.xlsx"):
    path = tmp_path / nama
    wb.save(path)
    return path


def test_the_template_round_trips_and_an_empty_cell_changes_nothing(versi_sampel, tmp_path):
    node, gedog = _sel(versi_sampel)
    wb, ws, kepala = _buku(versi_sampel, 2023)
    assert [ws.cell(kepala, c).value for c in (5, 8)] == ["APBD Murni 2023 (Rp)", "APBD Perubahan 2023 (Rp)"]
    r = _baris(ws, kepala, KODE, "Gedog")
    ws.cell(r, 5).value = 15_000_000
    ws.cell(r, 6).value = "DAU"
    ws.cell(r, 7).value = "900/12/DPA/2023"
    r2 = _baris(ws, kepala, KODE, "Rembang")
    ws.cell(r2, 5).value = "8.250.000"
    hitung = impor_anggaran(
        pengguna=_perencana(),
        versi=versi_sampel,
        r=muat_rencana(versi_sampel),
        tahun=2023,
        path=_simpan(wb, tmp_path),
        nama_berkas="apbd.xlsx",
    )
    assert hitung == {"tambah": 2, "ubah": 0, "tetap": 0}
    a = Anggaran.objects.get(node=node, lokasi=gedog, tahun=2023, tahap="murni")
    assert (a.jumlah, a.sumber_dana, a.dokumen, a.demo) == (D(15_000_000), "DAU", "900/12/DPA/2023", False)
    assert (
        CatatanAudit.objects.filter(aksi="anggaran.tambah", alasan__contains="impor apbd.xlsx baris").count()
        == 2
    )
    # The next template carries what is stored; uploading it again changes nothing.
    wb, ws, kepala = _buku(versi_sampel, 2023)
    assert ws.cell(_baris(ws, kepala, KODE, "Gedog"), 5).value == 15_000_000
    hitung = impor_anggaran(
        pengguna=_perencana(),
        versi=versi_sampel,
        r=muat_rencana(versi_sampel),
        tahun=2023,
        path=_simpan(wb, tmp_path, "lagi.xlsx"),
        nama_berkas="lagi.xlsx",
    )
    assert hitung == {"tambah": 0, "ubah": 0, "tetap": 2}


def test_an_import_reports_every_bad_row_and_saves_nothing(versi_sampel, tmp_path):
    wb, ws, kepala = _buku(versi_sampel, 2023)
    r = _baris(ws, kepala, KODE, "Gedog")
    ws.cell(r, 5).value = 1_000_000  # a good row: not saved either
    r2 = _baris(ws, kepala, KODE, "Rembang")
    ws.cell(r2, 5).value = "12,5 juta"
    r3 = r2 + 1
    ws.cell(r3, 1).value = "9.99.99.9.99.9999"
    ws.cell(r3, 5).value = 5
    r4 = r3 + 1
    ws.cell(r4, 3).value = "Kelurahan Antah"
    ws.cell(r4, 8).value = 5
    r5 = r4 + 1
    ws.cell(r5, 9).value = "DAU"  # a sumber dana without an amount
    sebelum = (Anggaran.objects.count(), CatatanAudit.objects.count())
    with pytest.raises(ImporGagal) as e:
        impor_anggaran(
            pengguna=_perencana(),
            versi=versi_sampel,
            r=muat_rencana(versi_sampel),
            tahun=2023,
            path=_simpan(wb, tmp_path),
            nama_berkas="apbd.xlsx",
        )
    galat = {g.baris: g.pesan for g in e.value.galat}
    assert sorted(galat) == [r2, r3, r4, r5]
    assert "bukan jumlah rupiah" in galat[r2]
    assert "bukan sub kegiatan" in galat[r3]
    assert "Kelurahan Antah" in galat[r4]
    assert "Tulis jumlah anggarannya" in galat[r5]
    assert (Anggaran.objects.count(), CatatanAudit.objects.count()) == sebelum


def test_a_template_of_another_year_is_refused(versi_sampel, tmp_path):
    wb, ws, kepala = _buku(versi_sampel, 2024)
    ws.cell(_baris(ws, kepala, KODE, "Gedog"), 5).value = 1_000_000
    with pytest.raises(ImporGagal) as e:
        impor_anggaran(
            pengguna=_perencana(),
            versi=versi_sampel,
            r=muat_rencana(versi_sampel),
            tahun=2023,
            path=_simpan(wb, tmp_path),
            nama_berkas="apbd.xlsx",
        )
    assert "untuk tahun 2024" in str(e.value.galat[0])
    assert not Anggaran.objects.filter(tahun__in=[2023, 2024], node__versi=versi_sampel).exists()


# --- the page -------------------------------------------------------------------------------------


def _masuk(client, nama):
    client.force_login(get_user_model().objects.get(username=nama))
    return client


@pytest.mark.parametrize("nama", ["camat", "verifikator", "operator-gedog", "lurah-gedog"])
def test_other_roles_read_the_page_from_their_menu_and_may_not_change_it(client, versi_sampel, nama):
    node, gedog = _sel(versi_sampel)
    c = _masuk(client, nama)
    menu = c.get(reverse("renstra:kaskade", args=[versi_sampel.pk])).content.decode()
    assert reverse("renstra:anggaran_kini", args=[versi_sampel.pk]) in menu  # offered, and never refused
    url = reverse("renstra:anggaran", args=[versi_sampel.pk, 2022])
    assert c.get(reverse("renstra:anggaran_kini", args=[versi_sampel.pk])).status_code == 302
    r = c.get(url)
    html = r.content.decode()
    assert r.status_code == 200 and 'id="hanya-baca"' in html
    assert "<input" not in html.split('id="isi"')[-1] and "Unggah dan simpan" not in html
    # the figures are shown as text: the sample's murni APBD of this row, formatted by hand
    a = Anggaran.objects.filter(node__versi=versi_sampel, tahun=2022, tahap=Anggaran.Tahap.MURNI).first()
    assert '<td class="num">' + f"{int(a.jumlah):,}".replace(",", ".") + "</td>" in html
    assert c.get(reverse("renstra:anggaran_templat", args=[versi_sampel.pk, 2022])).status_code == 200
    sebelum = list(Anggaran.objects.order_by("pk").values_list("pk", "jumlah"))
    r = c.post(url, {"node": node.pk, "lokasi": gedog.pk, "murni-jumlah": "1"})
    assert r.status_code == 403 and "dapat Anda baca" in r.content.decode()
    impor = reverse("renstra:anggaran_impor", args=[versi_sampel.pk, 2022])
    assert c.post(impor, {}).status_code == 403
    assert list(Anggaran.objects.order_by("pk").values_list("pk", "jumlah")) == sebelum


@pytest.mark.parametrize("nama", ["perencana", "admin"])
def test_planners_open_it_from_the_menu(client, versi_sampel, nama):
    c = _masuk(client, nama)
    menu = c.get(reverse("renstra:kaskade", args=[versi_sampel.pk])).content.decode()
    assert reverse("renstra:anggaran_kini", args=[versi_sampel.pk]) in menu
    r = c.get(reverse("renstra:anggaran", args=[versi_sampel.pk, 2022]))
    html = r.content.decode()
    assert r.status_code == 200 and "Data demonstrasi" in html and "data demonstrasi" in html
    assert c.get(reverse("renstra:anggaran", args=[versi_sampel.pk, 2031])).status_code == 404


def test_a_refused_row_is_shown_again_with_what_was_typed(client, versi_sampel):
    node, gedog = _sel(versi_sampel)
    c = _masuk(client, "perencana")
    url = reverse("renstra:anggaran", args=[versi_sampel.pk, 2023])
    data = {
        "node": node.pk,
        "lokasi": gedog.pk,
        "murni-jumlah": "1.250.000",
        "murni-sumber_dana": "DAU",
        "perubahan-jumlah": "999999999999999999999999",
    }
    sebelum = Anggaran.objects.count()
    r = c.post(url, data)
    html = r.content.decode()
    assert r.status_code == 400 and "Tidak disimpan" in html and "terlalu besar" in html
    assert 'value="1.250.000"' in html and 'value="999999999999999999999999"' in html
    # The summary on top links the message to its box, which is marked invalid and described by it.
    kotak = f"a{node.pk}-{gedog.pk}-perubahan-jumlah"
    assert f'href="#{kotak}"' in html and f'id="{kotak}"' in html
    assert f'aria-invalid="true" aria-describedby="{kotak}-galat"' in html and f'id="{kotak}-galat"' in html
    assert Anggaran.objects.count() == sebelum
    assert c.post(url, {"node": node.pk, "lokasi": gedog.pk}).status_code == 302  # empty: nothing to do
    assert Anggaran.objects.count() == sebelum
    data["perubahan-jumlah"] = "1.300.000"
    r = c.post(url, data)
    assert r.status_code == 302 and r["Location"].endswith(
        f"?disimpan=a{node.pk}-{gedog.pk}#a{node.pk}-{gedog.pk}"
    )
    assert ag.anggaran_berlaku_versi(versi_sampel.pk, 2023)[(node.pk, gedog.pk)].jumlah == D(1_300_000)
    # The page opens at the saved row, which says it was saved (the message on top is out of sight).
    baris = c.get(r["Location"]).content.decode().split(f'id="a{node.pk}-{gedog.pk}"')[1].split("</tr>")[0]
    assert 'role="status">Tersimpan.' in baris


def test_the_page_downloads_and_uploads_the_template(client, versi_sampel, tmp_path):
    c = _masuk(client, "perencana")
    r = c.get(reverse("renstra:anggaran_templat", args=[versi_sampel.pk, 2023]))
    assert r.status_code == 200 and "APBD-2023" in r["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    ws = wb.worksheets[0]
    kepala = next(r for r in range(1, 10) if ws.cell(r, 1).value == "Kode Sub Kegiatan")
    ws.cell(_baris(ws, kepala, KODE, "Gedog"), 5).value = "abc"
    berkas = io.BytesIO()
    wb.save(berkas)
    berkas.name = "apbd.xlsx"
    berkas.seek(0)
    r = c.post(reverse("renstra:anggaran_impor", args=[versi_sampel.pk, 2023]), {"berkas": berkas})
    assert r.status_code == 400 and "1 kesalahan" in r.content.decode()
    ws.cell(_baris(ws, kepala, KODE, "Gedog"), 5).value = 2_000_000
    berkas = io.BytesIO()
    wb.save(berkas)
    berkas.name = "apbd.xlsx"
    berkas.seek(0)
    r = c.post(reverse("renstra:anggaran_impor", args=[versi_sampel.pk, 2023]), {"berkas": berkas})
    assert r.status_code == 302
    node, gedog = _sel(versi_sampel)
    assert Anggaran.objects.get(node=node, lokasi=gedog, tahun=2023).jumlah == D(2_000_000)
