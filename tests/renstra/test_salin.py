"""Perubahan and Renja copies, the differences between versions, and the editor of a draft."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from kinerja.core.models import CatatanAudit
from kinerja.core.pelaku import SISTEM
from kinerja.renstra import services
from kinerja.renstra.beda import bandingkan
from kinerja.renstra.models import Indikator, Pagu, PlanNode, RenstraVersi, Target
from kinerja.renstra.salin import buat_perubahan, buat_renja
from kinerja.renstra.selectors import muat_rencana

pytestmark = pytest.mark.django_db
T = PlanNode.Tingkat


def _perencana():
    return get_user_model().objects.get(username="perencana")


def test_a_perubahan_is_a_full_copy_with_no_differences(versi_sampel, rencana_sampel):
    baru = buat_perubahan(versi=versi_sampel, nama="Perubahan uji", pengguna=_perencana())
    assert baru.status == "draft" and baru.asal == versi_sampel
    assert baru.node_set.count() == versi_sampel.node_set.count()
    assert (
        Target.objects.filter(indikator__node__versi=baru).count()
        == Target.objects.filter(indikator__node__versi=versi_sampel).count()
    )
    assert all(n.asal_id for n in baru.node_set.all())
    r = muat_rencana(baru)
    assert r.pagu_tahun(2024) == rencana_sampel.pagu_tahun(2024)
    assert bandingkan(rencana_sampel, r) == []
    assert CatatanAudit.objects.filter(aksi="versi.salin", objek_id=str(baru.pk)).exists()
    with pytest.raises(ValidationError, match="Sudah ada versi"):
        buat_perubahan(versi=versi_sampel, nama="Perubahan uji", pengguna=SISTEM)


def test_edits_of_a_draft_show_up_as_differences(versi_sampel, rencana_sampel):
    baru = buat_perubahan(versi=versi_sampel, nama="Perubahan dua", pengguna=SISTEM)
    ind = Indikator.objects.filter(node__versi=baru, node__tingkat=T.SASARAN).first()
    lama_t = Target.objects.get(indikator=ind, lokasi=None, tahun=2024)
    sub = PlanNode.objects.filter(versi=baru, tingkat=T.SUB_KEGIATAN, pagu_set__tahun=2025).first()
    p = Pagu.objects.filter(node=sub, tahun=2025).first()
    from kinerja.core import angka

    n = services.ubah_rencana(
        pengguna=_perencana(),
        versi=baru,
        objek=ind,
        bidang={"satuan": (ind.satuan, "persen")},
        target={(None, 2024): (lama_t.teks, "99%")},
        alasan="Penyesuaian RPJMD",
    )
    assert n == 2
    services.ubah_rencana(
        pengguna=_perencana(),
        versi=baru,
        objek=sub,
        pagu={(p.lokasi_id, 2025): (angka.format_rupiah(p.jumlah), "1.000.000")},
        alasan="Efisiensi anggaran",
    )
    beda = bandingkan(rencana_sampel, muat_rencana(baru))
    assert {(b.bagian, b.kolom or "", b.dari, b.ke) for b in beda} == {
        ("indikator", "satuan", ind.satuan, "persen"),
        ("target", "", lama_t.teks, "99%"),
        ("pagu", "", f"Rp{angka.format_rupiah(p.jumlah)}", "Rp1.000.000"),
    }
    catat = CatatanAudit.objects.filter(aksi="rencana.ubah", objek_tipe="renstra.indikator").first()
    assert catat.alasan == "Penyesuaian RPJMD" and catat.perubahan["target 2024 tanpa lokasi"] == [
        lama_t.teks,
        "99%",
    ]


def test_an_editor_opened_before_someone_elses_save_is_told_and_saves_nothing(versi_sampel):
    baru = buat_perubahan(versi=versi_sampel, nama="Perubahan tiga", pengguna=SISTEM)
    ind = Indikator.objects.filter(node__versi=baru, node__tingkat=T.SASARAN).first()
    t = Target.objects.get(indikator=ind, lokasi=None, tahun=2024)
    services.ubah_rencana(
        pengguna=SISTEM, versi=baru, objek=ind, target={(None, 2024): (t.teks, "98%")}, alasan="uji"
    )
    with pytest.raises(services.BentrokRencana, match="sekarang '98%'") as e:
        services.ubah_rencana(
            pengguna=SISTEM,
            versi=baru,
            objek=ind,
            bidang={"nama": (ind.nama, "Nama baru")},
            target={(None, 2024): (t.teks, "96%")},
            alasan="uji",
        )
    assert e.value.sel == {"target-0-2024": "98%"}
    ind.refresh_from_db()
    assert ind.nama != "Nama baru" and Target.objects.get(pk=t.pk).teks == "98%"


def test_bad_values_in_the_editor_are_refused_and_nothing_is_saved(versi_sampel):
    baru = buat_perubahan(versi=versi_sampel, nama="Perubahan empat", pengguna=SISTEM)
    ind = Indikator.objects.filter(node__versi=baru, node__tingkat=T.SASARAN).first()
    t = Target.objects.get(indikator=ind, lokasi=None, tahun=2024)
    with pytest.raises(ValidationError, match="bukan angka"):
        services.ubah_rencana(
            pengguna=SISTEM,
            versi=baru,
            objek=ind,
            bidang={"satuan": (ind.satuan, "x")},
            target={(None, 2024): (t.teks, "## ##")},
        )
    ind.refresh_from_db()
    assert ind.satuan != "x"


def test_a_final_version_cannot_be_edited(versi_sampel):
    ind = Indikator.objects.filter(node__versi=versi_sampel).first()
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        services.ubah_rencana(
            pengguna=SISTEM, versi=versi_sampel, objek=ind, bidang={"nama": (ind.nama, "x")}
        )


def test_status_only_moves_forward(versi_sampel):
    baru = buat_perubahan(versi=versi_sampel, nama="Perubahan lima", pengguna=SISTEM)
    services.ubah_status_versi(pengguna=SISTEM, versi=baru, status="final")
    with pytest.raises(ValidationError, match="tidak dapat dikembalikan"):
        services.ubah_status_versi(pengguna=SISTEM, versi=baru, status="draft")


def test_a_renja_holds_year_n_and_n1_and_its_adopted_targets_feed_e81(versi_sampel, rencana_sampel):
    from kinerja.monev.selectors import muat_evaluasi

    renja = buat_renja(versi=versi_sampel, tahun=2023, pengguna=_perencana())
    # Year n and the prakiraan maju n+1; it stays the Renja of 2023.
    assert renja.jenis == "renja" and renja.tahun_rencana == [2023, 2024] and renja.tahun_mulai == 2023
    assert set(Target.objects.filter(indikator__node__versi=renja).values_list("tahun", flat=True)) == {
        2023,
        2024,
    }
    assert muat_rencana(renja).pagu_tahun(2023) == rencana_sampel.pagu_tahun(2023)
    assert muat_rencana(renja).pagu_tahun(2024) == rencana_sampel.pagu_tahun(2024)
    with pytest.raises(ValidationError, match="sudah ada"):
        buat_renja(versi=versi_sampel, tahun=2023, pengguna=SISTEM)
    ind = Indikator.objects.get(node__versi=renja, ukuran="pelayanan-sesuai-standar")
    services.ubah_rencana(
        pengguna=SISTEM, versi=renja, objek=ind, target={(None, 2023): ("97%", "99%")}, alasan="Renja 2023"
    )
    # A draft (or final) Renja changes nothing in the evaluation ...
    for status in ("draft", "final"):
        if status != "draft":
            services.ubah_status_versi(pengguna=SISTEM, versi=renja, status=status)
        ev = muat_evaluasi(rencana_sampel, 2023, 4)
        b = next(b for b in ev.baris_indikator if b.ind.ukuran == "pelayanan-sesuai-standar")
        assert ev.renja is None and b.target.teks == "97%" and b.target_tahun.teks == "97%"
    # ... the adopted one is column 7.
    services.ubah_status_versi(pengguna=SISTEM, versi=renja, status="ditetapkan")
    ev = muat_evaluasi(rencana_sampel, 2023, 4)
    b = next(b for b in ev.baris_indikator if b.ind.ukuran == "pelayanan-sesuai-standar")
    assert ev.renja == renja and b.target.teks == "97%" and b.target_tahun.teks == "99%"


def test_the_difference_page_and_workbook(client, versi_sampel):
    baru = buat_perubahan(versi=versi_sampel, nama="Perubahan enam", pengguna=SISTEM)
    ind = Indikator.objects.filter(node__versi=baru, node__tingkat=T.SASARAN).first()
    services.ubah_rencana(
        pengguna=_perencana(),
        versi=baru,
        objek=ind,
        bidang={"nama": (ind.nama, ind.nama + " (revisi)")},
        alasan="Nama disesuaikan dengan RPJMD",
    )
    client.force_login(_perencana())
    r = client.get(reverse("renstra:beda", args=[baru.pk]))
    assert r.status_code == 200 and "1 perbedaan" in r.content.decode() and "(revisi)" in r.content.decode()
    r = client.get(reverse("renstra:unduh_beda", args=[baru.pk]) + f"?dengan={versi_sampel.pk}")
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    assert any("(revisi)" in str(c.value) for row in ws.iter_rows() for c in row)


def test_the_editor_pages_save_through_a_form(client, versi_sampel):
    baru = buat_perubahan(versi=versi_sampel, nama="Perubahan tujuh", pengguna=SISTEM)
    ind = Indikator.objects.filter(node__versi=baru, node__tingkat=T.SASARAN).first()
    t = Target.objects.get(indikator=ind, lokasi=None, tahun=2024)
    client.force_login(_perencana())
    url = reverse("renstra:ubah_indikator", args=[baru.pk, ind.pk])
    assert client.get(url).status_code == 200
    data = {"asli-target-0-2024": t.teks, "target-0-2024": "95%", "alasan": "uji"}
    r = client.post(url, data, follow=True)
    assert "1 nilai diubah" in r.content.decode()
    r = client.post(url, data, follow=True)  # the same stale form again
    assert "sudah diubah orang lain" in r.content.decode()
    assert Target.objects.get(pk=t.pk).teks == "95%"
    operator = get_user_model().objects.get(username="operator-gedog")
    client.force_login(operator)
    assert client.post(url, data).status_code == 403


def test_a_perubahan_from_the_versions_page(client, versi_sampel):
    client.force_login(_perencana())
    r = client.post(reverse("renstra:salin", args=[versi_sampel.pk]), {"nama": "Perubahan dari halaman"})
    baru = RenstraVersi.objects.get(nama="Perubahan dari halaman")
    assert r.status_code == 302 and r["Location"] == reverse("renstra:kaskade", args=[baru.pk])
    kaskade = client.get(r["Location"]).content.decode()
    assert reverse("renstra:ubah_unsur", args=[baru.pk, baru.node_set.first().pk]) in kaskade


def test_a_perubahan_of_a_perubahan_is_not_named_perubahan_perubahan(versi_sampel):
    # The sample is itself a Perubahan ("Perubahan Renstra Kecamatan Sananwetan 2021–2026").
    assert versi_sampel.jenis == "perubahan"
    satu = buat_perubahan(versi=versi_sampel, pengguna=SISTEM)
    dua = buat_perubahan(versi=versi_sampel, pengguna=SISTEM)
    assert satu.nama == f"{versi_sampel.nama} (revisi 2)"
    assert dua.nama == f"{versi_sampel.nama} (revisi 3)"
    assert not satu.nama.startswith("Perubahan Perubahan")
