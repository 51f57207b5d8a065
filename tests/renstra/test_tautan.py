"""One measure across the period: proposals, confirmation by a planner, and copies of a version."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.core.models import CatatanAudit
from kinerja.core.pelaku import SISTEM
from kinerja.renstra import tautan
from kinerja.renstra.models import Indikator, TautanIndikator
from kinerja.renstra.salin import buat_perubahan
from kinerja.renstra.selectors import muat_rencana

pytestmark = pytest.mark.django_db

LAMA_DOK = "Jumlah jenis dokumen perencanaan dan pelaporan yang tersusun"  # Tabel 6.1, 2022
BARU_DOK = "Jumlah dokumen perencanaan perangkat daerah"  # Tabel 6.2, 2023–2026, same sub kegiatan


def _ind(versi, nama: str, kode: str = "") -> Indikator:
    q = Indikator.objects.filter(node__versi=versi, nama=nama)
    if kode:
        q = q.filter(node__kode=kode)
    return q.get()


def test_the_sample_links_the_certain_proposals_as_demonstration(versi_sampel):
    t = TautanIndikator.objects.get(lama=_ind(versi_sampel, LAMA_DOK))
    assert t.baru == _ind(versi_sampel, BARU_DOK) and t.sumber == "demo"
    # 7.01.05.2.01.0001: two 2022 indicators in "orang" and one 2023–2026 indicator in "Orang" —
    # neither is certain, so the sample leaves both to a planner.
    ragu = {
        u.lama.nama: u
        for u in tautan.usulan(muat_rencana(versi_sampel))
        if u.node.kode == "7.01.05.2.01.0001" and u.calon
    }
    assert set(ragu) == {
        "Jumlah peserta pembinaan pemerintahan ketentraman dan ketertiban umum",
        "Jumlah peserta lelang bengkok",
    }
    assert all(not u.pasti and u.ragu for u in ragu.values())
    assert not TautanIndikator.objects.filter(lama__node__kode="7.01.05.2.01.0001").exists()


def test_a_link_joins_only_an_ending_indicator_to_a_later_one_of_the_same_element(
    versi_sampel, django_user_model
):
    perencana = django_user_model.objects.get(username="perencana")
    lama, baru = _ind(versi_sampel, LAMA_DOK), _ind(versi_sampel, BARU_DOK)
    TautanIndikator.objects.filter(lama=lama).delete()
    lain_unsur = Indikator.objects.filter(node__versi=versi_sampel).exclude(node=lama.node).first()
    salah = [
        (lama.pk, lama.pk, "dirinya sendiri"),
        (baru.pk, lama.pk, "harus berakhir sebelum"),  # 2023–2026 cannot be continued by 2022
        (lama.pk, lain_unsur.pk, "unsur rencana yang sama"),
    ]
    for a, b, pesan in salah:
        with pytest.raises(ValidationError, match=pesan):
            tautan.tautkan(pengguna=perencana, versi=versi_sampel, lama_id=a, baru_id=b)
    camat = django_user_model.objects.get(username="camat")
    with pytest.raises(PermissionDenied):
        tautan.tautkan(pengguna=camat, versi=versi_sampel, lama_id=lama.pk, baru_id=baru.pk)
    assert not TautanIndikator.objects.filter(lama=lama).exists()
    t = tautan.tautkan(
        pengguna=perencana, versi=versi_sampel, lama_id=lama.pk, baru_id=baru.pk, alasan="sama"
    )
    assert CatatanAudit.objects.filter(
        aksi="indikator.tautkan", objek_id=str(t.pk), pengguna=perencana
    ).exists()
    with pytest.raises(ValidationError, match="sudah ditautkan"):
        tautan.tautkan(pengguna=perencana, versi=versi_sampel, lama_id=lama.pk, baru_id=baru.pk)
    r = muat_rencana(versi_sampel)
    assert r.rantai(lama.pk) == r.rantai(baru.pk) == (lama.pk, baru.pk)
    tautan.lepas(pengguna=perencana, versi=versi_sampel, tautan_id=t.pk)
    assert CatatanAudit.objects.filter(aksi="indikator.lepas_tautan", objek_id=str(t.pk)).exists()
    assert muat_rencana(versi_sampel).rantai(lama.pk) == (lama.pk,)


def test_end_of_period_target_follows_the_link_and_is_blank_without_one(versi_sampel):
    r = muat_rencana(versi_sampel)
    lama = _ind(versi_sampel, LAMA_DOK)
    gedog = next(u.pk for u in r.lokasi if u.nama_pendek == "Gedog")
    # Tabel 6.1 line 953: Gedog 2022 "3 dokumen"; Tabel 6.2 line 1398: Gedog 5 per year 2023–2026.
    # The indicator counts (summed over the years the version plans, 2022–2026): 3 + 4 × 5 = 23.
    assert r.akhir_periode(lama, gedog).nilai == 23
    tps = _ind(versi_sampel, "Jumlah TPS yang difasilitasi")
    lok = next(lok for (i, lok, _) in r.target if i == tps.pk)
    assert r.akhir_periode(tps, lok) is None  # 2022 only, no continuation: no end-of-period target


def test_a_copy_of_the_version_keeps_its_links(versi_sampel):
    baru = buat_perubahan(pengguna=SISTEM, versi=versi_sampel)
    asal = dict(TautanIndikator.objects.filter(versi=versi_sampel).values_list("lama_id", "baru_id"))
    salinan = TautanIndikator.objects.filter(versi=baru).select_related("lama", "baru")
    assert len(salinan) == len(asal) >= 4
    assert {(t.lama.asal_id, t.baru.asal_id) for t in salinan} == set(asal.items())
    assert all(t.sumber == "salinan" for t in salinan)


def test_the_page_lets_the_planner_confirm_and_shows_others_what_holds(versi_sampel, masuk):
    alamat = reverse("renstra:tautan_indikator", args=[versi_sampel.pk])
    klien = masuk("camat")
    isi = klien.get(alamat).content.decode()
    assert "Tautan yang berlaku" in isi and "Tautkan</button>" not in isi
    assert klien.post(alamat, {"aksi": "semua"}).status_code == 403
    klien = masuk("perencana")
    isi = klien.get(alamat).content.decode()
    assert "Tautkan</button>" in isi and "Perlu dipilih perencana" in isi
    lama = _ind(versi_sampel, "Jumlah peserta lelang bengkok")
    sebelum = TautanIndikator.objects.count()
    jawab = klien.post(alamat, {"aksi": "tautkan", "lama": str(lama.pk), "baru": ""}, follow=True)
    assert "Pilih indikator lanjutan lebih dulu" in jawab.content.decode()
    assert TautanIndikator.objects.count() == sebelum
    baru = Indikator.objects.filter(node=lama.node, target_set__tahun=2026).distinct().get()  # Tabel 6.2
    jawab = klien.post(alamat, {"aksi": "tautkan", "lama": str(lama.pk), "baru": str(baru.pk)}, follow=True)
    assert "sebagai satu ukuran" in jawab.content.decode()
    assert TautanIndikator.objects.filter(lama=lama, baru=baru, sumber="manual").exists()
