"""Importing a plan workbook: base + the workbook's changes, nothing lost, every change with a reason."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import Sum

from kinerja.core.models import CatatanAudit
from kinerja.core.pelaku import SISTEM
from kinerja.core.xlsx import ke_xlsx
from kinerja.renstra import services
from kinerja.renstra.beda import asal_perbedaan, bandingkan
from kinerja.renstra.ekspor import ekspor
from kinerja.renstra.impor import ImporGagal, PratinjauUsang, siapkan_impor, simpan_impor
from kinerja.renstra.models import Indikator, Pagu, PlanNode, RenstraVersi, Target
from kinerja.renstra.salin import buat_perubahan
from kinerja.renstra.selectors import muat_rencana
from kinerja.renstra.tabel_dokumen import tabel_6_2

from .lembar import Lembar
from .pembuat import RencanaKecil

pytestmark = pytest.mark.django_db
T = PlanNode.Tingkat
IND_DOKUMEN = "Jumlah dokumen perencanaan perangkat daerah"
IND_PERSEN = "Persentase pelayanan yang sesuai dengan standart pelayanan"


def _ekspor(tmp_path, versi, kode="6.2", tahun=None, nama="buku.xlsx"):
    path = tmp_path / nama
    path.write_bytes(ekspor(kode, muat_rencana(versi), format="xlsx", tahun=tahun))
    return path


def _impor(path, hapus=(), **kw):
    p = siapkan_impor(path, pengguna=SISTEM, **kw)
    return p, simpan_impor(pratinjau=p, pengguna=SISTEM, alasan="uji impor", hapus=set(hapus)).versi


def _beda_cli(capsys, lama, baru) -> list:
    call_command("beda", str(lama.pk), str(baru.pk), "--json")
    return json.loads(capsys.readouterr().out)


# --- unchanged round trips: no difference, nothing lost ----------------------------------------


def test_the_workbook_records_the_version_it_was_exported_from(tmp_path, versi_sampel):
    wb = openpyxl.load_workbook(_ekspor(tmp_path, versi_sampel))
    sifat = {p.name: p.value for p in wb.custom_doc_props}
    assert sifat["kinerja.versi"] == str(versi_sampel.pk)
    assert sifat["kinerja.pd"] == "kecamatan-sananwetan" and sifat["kinerja.tabel"] == "6.2"
    assert sifat["kinerja.tahun"] == "2023,2024,2025,2026"  # Tabel 6.2 of a Perubahan starting 2022
    assert len(sifat["kinerja.sidik"]) == 64 and sifat["kinerja.diekspor"][:2] == "20"


def test_the_samples_table_6_2_round_trip_changes_nothing_and_keeps_2022(tmp_path, versi_sampel, capsys):
    p, baru = _impor(_ekspor(tmp_path, versi_sampel))
    assert p.dasar == versi_sampel and p.perbedaan == [] and p.kandidat == [] and p.peringatan == []
    assert baru.asal == versi_sampel and baru.status == "draft"
    assert _beda_cli(capsys, versi_sampel, baru) == []
    # Tabel 6.2 covers 2023–2026: the 2022 targets and pagu come from the base
    for model, lewat in ((Target, "indikator__node__versi"), (Pagu, "node__versi")):
        jumlah = [model.objects.filter(**{lewat: v, "tahun": 2022}).count() for v in (versi_sampel, baru)]
        assert jumlah[0] > 0 and jumlah[0] == jumlah[1]
    # so do the elements planned in 2022 only (absent from Tabel 6.2)
    for kode in ("7.01.02.2.01", "7.01.03.2.05", "7.01.02.2.01.0001", "7.01.03.2.05.0002"):
        assert PlanNode.objects.filter(versi=baru, kode=kode).exists()
    # values keep their form
    persen = Target.objects.get(indikator__node__versi=baru, indikator__nama=IND_PERSEN, tahun=2023)
    assert persen.teks == "97%"
    assert Target.objects.filter(indikator__node__versi=baru, teks="Baik (89)").exists()
    # every element remembers the one it was copied from
    assert not PlanNode.objects.filter(versi=baru, asal__isnull=True).exists()


def test_a_perubahan_copy_round_trip_changes_nothing(tmp_path, versi_sampel, capsys):
    perubahan = buat_perubahan(versi=versi_sampel, nama="Perubahan untuk impor", pengguna=SISTEM)
    _, baru = _impor(_ekspor(tmp_path, perubahan))
    assert baru.asal == perubahan
    assert _beda_cli(capsys, perubahan, baru) == []


def test_a_version_that_was_itself_imported_round_trips(tmp_path, versi_sampel, capsys):
    _, pertama = _impor(_ekspor(tmp_path, versi_sampel, nama="a.xlsx"))
    _, kedua = _impor(_ekspor(tmp_path, pertama, nama="b.xlsx"))
    assert kedua.asal == pertama
    assert _beda_cli(capsys, pertama, kedua) == []
    assert _beda_cli(capsys, versi_sampel, kedua) == []


@pytest.mark.parametrize("tahun", [2022, 2025])
def test_a_one_year_table_6_1_round_trip_changes_nothing(tmp_path, versi_sampel, capsys, tahun):
    p, baru = _impor(_ekspor(tmp_path, versi_sampel, "6.1", tahun))
    assert p.buku.tabel == "6.1" and p.buku.tahun == [tahun]
    assert p.perbedaan == [] and p.kandidat == []
    assert _beda_cli(capsys, versi_sampel, baru) == []


def test_the_same_workbook_imported_twice_gives_the_same_version(tmp_path, versi_sampel):
    path = _ekspor(tmp_path, versi_sampel)
    lembar = Lembar(path)
    lembar.isi(lembar.baris("7.01.01.2.01.0001"), 9, 9)
    lembar.simpan()
    _, satu = _impor(path)
    _, dua = _impor(path)
    assert bandingkan(muat_rencana(satu), muat_rencana(dua)) == []
    assert satu.nama != dua.nama  # two versions, told apart by name


# --- a changed workbook: exactly its changes ----------------------------------------------------


def test_a_changed_workbook_shows_exactly_its_changes_in_their_form(tmp_path, versi_sampel, rencana_sampel):
    path = _ekspor(tmp_path, versi_sampel)
    lembar = Lembar(path)
    r_sub = lembar.baris("7.01.01.2.01.0001")  # Kecamatan row: K 2023 = 8, Rp 2023 = 8.982.432
    lembar.isi(r_sub, 9, 9)
    lembar.isi(r_sub, 10, 9000000)
    lembar.isi(lembar.baris_indikator(IND_PERSEN), 11, 98)  # 2024: printed 97 for "97%"
    ikm = lembar.baris_indikator("Indeks Kepuasan Masyarakat (IKM) Kecamatan")
    lembar.isi(ikm, 15, "Baik (91)")  # 2026 was "Baik (90)"
    lembar.simpan()
    p = siapkan_impor(path, pengguna=SISTEM)
    dapat = {(b.jenis, b.bagian, b.indikator, b.lokasi, b.tahun, b.dari, b.ke) for b in p.perbedaan}
    assert dapat == {
        ("diubah", "target", IND_DOKUMEN, "Kecamatan", 2023, "8", "9"),
        ("diubah", "target", IND_PERSEN, "", 2024, "97%", "98%"),
        (
            "diubah",
            "target",
            "Indeks Kepuasan Masyarakat (IKM) Kecamatan",
            "",
            2026,
            "Baik (90)",
            "Baik (91)",
        ),
        ("diubah", "pagu", "", "Kecamatan", 2023, "Rp8.982.432", "Rp9.000.000"),
    }
    [pagu] = [b for b in p.perbedaan if b.bagian == "pagu"]
    assert pagu.selisih == 17568  # 9.000.000 − 8.982.432
    # program and kegiatan pagu are sums: the change moves them by the same 17.568
    kegiatan = PlanNode.objects.get(versi=versi_sampel, kode="7.01.01.2.01")
    semula = Pagu.objects.filter(node__induk=kegiatan, tahun=2023).aggregate(s=Sum("jumlah"))["s"]
    [d] = [d for d in p.dampak if d.unsur.startswith("Kegiatan 7.01.01.2.01 ") and d.tahun == 2023]
    assert (d.dari, d.ke, d.selisih) == (semula, semula + 17568, 17568)
    assert {d.unsur.split(" ")[0] for d in p.dampak} == {"Program", "Kegiatan", "Jumlah"}
    assert p.kandidat == []
    baru = simpan_impor(pratinjau=p, pengguna=SISTEM, alasan="Revisi Renja 2023").versi
    assert bandingkan(rencana_sampel, muat_rencana(baru)) == p.perbedaan


def test_a_percentage_typed_in_a_spreadsheet_is_stored_as_a_percentage(tmp_path, versi_sampel):
    path = _ekspor(tmp_path, versi_sampel)
    lembar = Lembar(path)
    sel = lembar.sel(lembar.baris_indikator(IND_PERSEN), 13)  # 2025: 98%
    sel.value, sel.number_format = 0.99, "0%"
    lembar.simpan()
    [b] = siapkan_impor(path, pengguna=SISTEM).perbedaan
    assert (b.tahun, b.dari, b.ke) == (2025, "98%", "99%")


def test_the_workbooks_own_program_pagu_is_not_used_and_the_user_is_told(tmp_path, versi_sampel):
    path = _ekspor(tmp_path, versi_sampel)
    lembar = Lembar(path)
    lembar.isi(lembar.baris("7.01.01"), 10, 1)  # a program's pagu is the sum of its sub kegiatan
    lembar.simpan()
    p = siapkan_impor(path, pengguna=SISTEM)
    assert p.perbedaan == []
    assert any("7.01.01" in w and "tidak dipakai" in w for w in p.peringatan)


def test_a_new_sub_kegiatan_in_the_workbook_is_added_in_its_place(tmp_path, versi_sampel):
    path = _ekspor(tmp_path, versi_sampel)
    lembar = Lembar(path)
    awal, jumlah = lembar.blok("7.01.01.2.01.0001")
    baris = awal + jumlah
    lembar.ws.insert_rows(baris)
    for nomor, nilai in {3: "7.01.01.2.01.0002", 4: "Penyusunan Dokumen Perencanaan Tambahan",
                         5: "Jumlah dokumen tambahan", 7: "Dokumen", 9: 2, 10: 1500000, 20: "Gedog"}.items():  # fmt: skip
        lembar.isi(baris, nomor, nilai)
    lembar.simpan()
    p, baru = _impor(path)
    assert [(b.jenis, b.bagian, b.kode) for b in p.perbedaan] == [("ditambah", "unsur", "7.01.01.2.01.0002")]
    node = PlanNode.objects.get(versi=baru, kode="7.01.01.2.01.0002")
    assert node.induk.kode == "7.01.01.2.01" and node.asal is None
    assert Pagu.objects.get(node=node, tahun=2023).jumlah == Decimal("1500000")
    assert Target.objects.get(indikator__node=node, tahun=2023).teks == "2"
    # exported again, it sits right after the sub kegiatan it followed
    kode = [c.value for c in Lembar(_ekspor(tmp_path, baru, nama="lagi.xlsx")).ws["C"] if c.value]
    assert kode[kode.index("7.01.01.2.01.0001") + 1] == "7.01.01.2.01.0002"


# --- what the workbook lacks is kept unless ticked ---------------------------------------------


def test_an_element_missing_from_the_workbook_is_kept_unless_ticked(tmp_path, versi_sampel, rencana_sampel):
    path = _ekspor(tmp_path, versi_sampel)
    lembar = Lembar(path)
    lembar.hapus_unsur("7.01.01.2.09.0005")  # Pemeliharaan Mebel: planned 2023–2026 only
    lembar.hapus_unsur("7.01.01.2.01.0001")  # planned in 2022 too
    lembar.simpan()
    p = siapkan_impor(path, pengguna=SISTEM)
    assert p.perbedaan == []
    mebel = PlanNode.objects.get(versi=versi_sampel, kode="7.01.01.2.09.0005")
    dokumen = PlanNode.objects.get(versi=versi_sampel, kode="7.01.01.2.01.0001")
    kandidat = {k.kunci: k for k in p.kandidat}
    assert set(kandidat) == {f"u:{mebel.pk}", f"u:{dokumen.pk}"}
    assert kandidat[f"u:{mebel.pk}"].jenis == "unsur"
    assert kandidat[f"u:{dokumen.pk}"].jenis == "isi unsur" and "2022" in kandidat[f"u:{dokumen.pk}"].rincian

    tanpa = simpan_impor(pratinjau=p, pengguna=SISTEM, alasan="tanpa hapus").versi
    assert bandingkan(rencana_sampel, muat_rencana(tanpa)) == []

    satu = simpan_impor(pratinjau=p, pengguna=SISTEM, alasan="hapus mebel", hapus={f"u:{mebel.pk}"}).versi
    beda = bandingkan(rencana_sampel, muat_rencana(satu))
    assert [(b.jenis, b.bagian, b.kode) for b in beda] == [("dihapus", "unsur", "7.01.01.2.09.0005")]

    dua = simpan_impor(pratinjau=p, pengguna=SISTEM, alasan="hapus isi", hapus={f"u:{dokumen.pk}"}).versi
    beda = bandingkan(rencana_sampel, muat_rencana(dua))
    target = Target.objects.filter(indikator__node=dokumen, tahun__gte=2023).count()
    pagu = Pagu.objects.filter(node=dokumen, tahun__gte=2023).count()
    assert sorted((b.bagian, b.jenis) for b in beda) == sorted(
        [("target", "dihapus")] * target + [("pagu", "dihapus")] * pagu
    )
    salinan = PlanNode.objects.get(versi=dua, kode="7.01.01.2.01.0001")  # the element stays, with 2022
    assert (
        Pagu.objects.filter(node=salinan, tahun=2022).count()
        == Pagu.objects.filter(node=dokumen, tahun=2022).count()
    )


def test_an_emptied_cell_is_kept_unless_ticked(tmp_path, versi_sampel, rencana_sampel):
    path = _ekspor(tmp_path, versi_sampel)
    lembar = Lembar(path)
    r_sub = lembar.baris("7.01.01.2.01.0001")
    lembar.isi(r_sub, 13, None)  # target 2025 Kecamatan (8)
    lembar.isi(r_sub, 14, None)  # pagu 2025 Kecamatan
    lembar.simpan()
    p = siapkan_impor(path, pengguna=SISTEM)
    ind = Indikator.objects.get(node__versi=versi_sampel, nama=IND_DOKUMEN)
    node = ind.node
    kantor = rencana_sampel.lokasi[0]
    kandidat = {k.kunci: k for k in p.kandidat}
    assert set(kandidat) == {f"t:{ind.pk}:{kantor.pk}", f"p:{node.pk}:{kantor.pk}"}
    assert kandidat[f"t:{ind.pk}:{kantor.pk}"].rincian == "2025: 8"
    hasil = simpan_impor(pratinjau=p, pengguna=SISTEM, alasan="uji", hapus={f"t:{ind.pk}:{kantor.pk}"})
    assert [(b.jenis, b.bagian, b.tahun, b.lokasi) for b in hasil.perbedaan] == [
        ("dihapus", "target", 2025, "Kecamatan")
    ]


# --- reasons, staleness, bases --------------------------------------------------------------------


def test_an_import_needs_a_reason_and_saves_nothing_without_one(tmp_path, versi_sampel):
    p = siapkan_impor(_ekspor(tmp_path, versi_sampel), pengguna=SISTEM)
    sebelum = RenstraVersi.objects.count()
    with pytest.raises(ValidationError) as e:
        simpan_impor(pratinjau=p, pengguna=SISTEM, alasan="   ")
    assert "alasan" in e.value.message_dict
    assert RenstraVersi.objects.count() == sebelum


def test_the_import_reason_is_the_reason_of_each_difference(tmp_path, versi_sampel, django_user_model):
    path = _ekspor(tmp_path, versi_sampel)
    lembar = Lembar(path)
    lembar.isi(lembar.baris("7.01.01.2.01.0001"), 9, 9)
    lembar.simpan()
    perencana = django_user_model.objects.get(username="perencana")
    p = siapkan_impor(path, pengguna=SISTEM)
    baru = simpan_impor(pratinjau=p, pengguna=perencana, alasan="Target dokumen dinaikkan").versi
    catatan = CatatanAudit.objects.get(aksi="impor", objek_id=str(baru.pk))
    assert catatan.alasan == "Target dokumen dinaikkan" and catatan.pengguna == perencana
    r = muat_rencana(baru)
    beda = bandingkan(muat_rencana(versi_sampel), r)
    [asal] = asal_perbedaan(r, beda)
    assert asal.alasan == "Target dokumen dinaikkan" and asal.oleh == perencana.get_full_name()
    # a later edit of the same value carries its own reason
    ind = Indikator.objects.get(node__versi=baru, nama=IND_DOKUMEN)
    kantor = r.lokasi[0]
    services.ubah_rencana(
        pengguna=perencana,
        versi=baru,
        objek=ind,
        target={(kantor.pk, 2023): ("9", "10")},
        alasan="Dikoreksi setelah rapat",
    )
    r = muat_rencana(baru)
    beda = bandingkan(muat_rencana(versi_sampel), r)
    assert [(b.dari, b.ke) for b in beda] == [("8", "10")]
    assert asal_perbedaan(r, beda)[0].alasan == "Dikoreksi setelah rapat"


def test_a_preview_confirmed_after_its_base_changed_is_refused(tmp_path, versi_sampel):
    perubahan = buat_perubahan(versi=versi_sampel, nama="Perubahan berubah", pengguna=SISTEM)
    path = _ekspor(tmp_path, perubahan)
    p = siapkan_impor(path, pengguna=SISTEM)
    ind = Indikator.objects.get(node__versi=perubahan, nama=IND_PERSEN)
    services.ubah_rencana(
        pengguna=SISTEM, versi=perubahan, objek=ind, target={(None, 2024): ("97%", "96%")}, alasan="uji"
    )
    segar = siapkan_impor(path, pengguna=SISTEM)
    assert any("sudah berubah sejak buku kerja ini diunduh" in w for w in segar.peringatan)
    # the workbook now puts back 97%: shown as its change, not applied silently
    assert [(b.dari, b.ke) for b in segar.perbedaan] == [("96%", "97%")]
    with pytest.raises(PratinjauUsang):
        simpan_impor(pratinjau=segar, pengguna=SISTEM, alasan="uji", sidik=p.sidik)


def test_a_workbook_without_its_record_changes_the_version_it_is_imported_on(tmp_path, versi_sampel):
    perubahan = buat_perubahan(versi=versi_sampel, nama="Perubahan tanpa catatan", pengguna=SISTEM)
    path = tmp_path / "tanpa-catatan.xlsx"
    path.write_bytes(ke_xlsx(tabel_6_2(muat_rencana(perubahan))))  # typed elsewhere: no properties
    assert not list(openpyxl.load_workbook(path).custom_doc_props)
    p = siapkan_impor(path, cadangan=perubahan, pengguna=SISTEM)
    assert p.dasar == perubahan and p.perbedaan == [] and p.kandidat == []
    p = siapkan_impor(path, dari=versi_sampel, pengguna=SISTEM)
    assert p.dasar == versi_sampel and p.perbedaan == []


def test_a_workbook_of_another_pd_is_refused_unless_confirmed(tmp_path, versi_sampel):
    lain = RencanaKecil("Lain")
    n = lain.rantai()
    ind = lain.ind(n["sub"], "Jumlah laporan")
    lain.target(ind, 2023, "3", lokasi=lain.gedog)
    lain.pagu(n["sub"], 2023, 1000, lokasi=lain.gedog)
    path = _ekspor(tmp_path, lain.versi)
    jumlah = RenstraVersi.objects.count()
    p = siapkan_impor(path, pd=versi_sampel.pd, pengguna=SISTEM)
    # both PDs are named in the preview, the workbook's own first
    assert p.peringatan[0].startswith(
        "Buku kerja ini milik Kecamatan Lain (Kota Uji Lain), bukan Kecamatan Sananwetan (Kota Blitar)"
    )
    # its record names a version of the other PD, which is left alone
    assert any(f"#{lain.versi.pk}" in c and "milik Kecamatan Lain" in c for c in p.catatan)
    with pytest.raises(ValidationError) as e:
        simpan_impor(pratinjau=p, pengguna=SISTEM, alasan="uji")
    assert "Kecamatan Lain" in e.value.message_dict["paksa_pd"][0]
    assert RenstraVersi.objects.count() == jumlah
    baru = simpan_impor(pratinjau=p, pengguna=SISTEM, alasan="uji", paksa_pd=True).versi
    assert baru.pd == versi_sampel.pd and baru.asal == p.dasar
    audit = CatatanAudit.objects.filter(aksi="impor").order_by("-id").first()
    assert "Kecamatan Lain" in json.dumps(audit.perubahan, ensure_ascii=False)


def test_a_pd_without_any_version_gets_a_new_plan_from_the_workbook(tmp_path):
    kecil = RencanaKecil("Baru")
    n = kecil.rantai()
    ind = kecil.ind(n["sub"], "Jumlah laporan", "Laporan")
    for y, nilai in ((2023, "3"), (2024, "4")):
        kecil.target(ind, y, nilai, lokasi=kecil.gedog)
        kecil.pagu(n["sub"], y, 1000 * y, lokasi=kecil.gedog)
    lama = muat_rencana(kecil.versi)
    path = _ekspor(tmp_path, kecil.versi)
    kecil.versi.delete()
    p, baru = _impor(path, pd=kecil.pd)
    assert p.dasar is None and baru.asal is None and baru.jenis == "renstra"
    r = muat_rencana(baru)
    assert [(x.tingkat, x.kode, x.nama) for x in r.node] == [(x.tingkat, x.kode, x.nama) for x in lama.node]
    assert sorted(t.teks for t in r.target.values()) == ["3", "4"]
    assert sorted(p_.jumlah for p_ in r.pagu) == [2023000, 2024000]


def test_a_bad_workbook_still_lists_every_error(tmp_path, versi_sampel):
    path = _ekspor(tmp_path, versi_sampel)
    lembar = Lembar(path)
    awal, _ = lembar.blok("7.01.01.2.01.0001")
    lembar.isi(awal, 9, "delapan")
    lembar.isi(awal + 1, 10, -5)
    lembar.simpan()
    with pytest.raises(ImporGagal) as e:
        siapkan_impor(path, pengguna=SISTEM)
    pesan = [str(g) for g in e.value.galat]
    assert any(f"baris {awal}:" in x and "delapan" in x for x in pesan)
    assert any(f"baris {awal + 1}:" in x and "negatif" in x for x in pesan)


def test_a_workbook_saved_again_by_a_spreadsheet_keeps_its_record(tmp_path, versi_sampel):
    path = _ekspor(tmp_path, versi_sampel)
    wb = openpyxl.load_workbook(path)
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(buf.getvalue())
    p = siapkan_impor(
        path, cadangan=buat_perubahan(versi=versi_sampel, nama="Versi lain", pengguna=SISTEM), pengguna=SISTEM
    )
    assert p.dasar == versi_sampel and any("Versi yang sedang dibuka" in c for c in p.catatan)
