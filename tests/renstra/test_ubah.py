"""The plan editors: a reason for every change, a bad cell marked, nothing typed lost."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.urls import reverse

from kinerja.core.models import CatatanAudit
from kinerja.core.pelaku import SISTEM
from kinerja.renstra import services
from kinerja.renstra.models import Indikator, Pagu, PlanNode, Target
from kinerja.renstra.salin import buat_perubahan

pytestmark = pytest.mark.django_db
IND_PERSEN = "Persentase pelayanan yang sesuai dengan standart pelayanan"


def _editor_indikator(klien, versi_sampel):
    baru = buat_perubahan(versi=versi_sampel, nama="Perubahan editor", pengguna=SISTEM)
    ind = Indikator.objects.get(node__versi=baru, nama=IND_PERSEN)
    return baru, ind, reverse("renstra:ubah_indikator", args=[baru.pk, ind.pk])


def test_a_bad_cell_is_marked_and_every_typed_value_and_the_reason_stay(klien, versi_sampel):
    baru, ind, url = _editor_indikator(klien, versi_sampel)
    data = {
        "asli-target-0-2024": "97%",
        "target-0-2024": "96%",
        "asli-target-0-2025": "98%",
        "target-0-2025": "sembilan puluh",
        "asli-satuan": ind.satuan,
        "satuan": "persen",
        "alasan": "Penyesuaian dengan RPJMD",
    }
    r = klien.post(url, data)
    html = r.content.decode()
    assert r.status_code == 400
    assert html.count('aria-invalid="true"') == 1
    assert re.search(r'name="target-0-2025" value="sembilan puluh"[^>]*aria-invalid="true"', html)
    assert "&#x27;sembilan puluh&#x27; bukan angka, persen atau predikat" in html
    assert 'name="target-0-2024" value="96%"' in html and 'value="persen"' in html
    assert 'value="Penyesuaian dengan RPJMD"' in html
    assert "Target Tanpa lokasi (seluruh PD) 2025: &#x27;sembilan puluh&#x27;" in html  # named in the summary
    ind.refresh_from_db()
    assert Target.objects.get(indikator=ind, lokasi=None, tahun=2024).teks == "97%" and ind.satuan != "persen"


def test_a_change_without_a_reason_is_refused_and_kept_in_the_form(klien, versi_sampel):
    baru, ind, url = _editor_indikator(klien, versi_sampel)
    r = klien.post(url, {"asli-target-0-2024": "97%", "target-0-2024": "96%", "alasan": ""})
    html = r.content.decode()
    assert r.status_code == 400 and "Tulis alasan perubahan" in html
    assert re.search(r'name="alasan"[^>]*aria-invalid="true"', html) and 'value="96%"' in html
    assert Target.objects.get(indikator=ind, lokasi=None, tahun=2024).teks == "97%"
    assert not CatatanAudit.objects.filter(aksi="rencana.ubah", objek_id=str(ind.pk)).exists()
    r = klien.post(url, {"asli-target-0-2024": "97%", "target-0-2024": "97%", "alasan": ""}, follow=True)
    assert "Tidak ada yang berubah." in r.content.decode()  # an unchanged form needs no reason


def test_a_bad_pagu_cell_is_marked_in_the_element_editor(klien, versi_sampel, rencana_sampel):
    baru = buat_perubahan(versi=versi_sampel, nama="Perubahan pagu", pengguna=SISTEM)
    sub = PlanNode.objects.get(versi=baru, kode="7.01.01.2.01.0001")
    kantor = rencana_sampel.lokasi[0]
    url = reverse("renstra:ubah_unsur", args=[baru.pk, sub.pk])
    html = klien.get(url).content.decode()
    assert f'name="pagu-{kantor.pk}-2023" value="8.982.432"' in html
    r = klien.post(
        url,
        {
            f"asli-pagu-{kantor.pk}-2023": "8.982.432",
            f"pagu-{kantor.pk}-2023": "9.000.000",
            f"asli-pagu-{kantor.pk}-2024": "9.431.554",
            f"pagu-{kantor.pk}-2024": "sembilan juta",
            "alasan": "Harga naik",
        },
    )
    html = r.content.decode()
    assert r.status_code == 400 and html.count('aria-invalid="true"') == 1
    assert f'name="pagu-{kantor.pk}-2023" value="9.000.000"' in html and 'value="Harga naik"' in html
    assert "bukan jumlah rupiah" in html
    assert Pagu.objects.get(node=sub, lokasi=kantor.pk, tahun=2023).jumlah == 8982432


def test_an_edited_value_shows_its_reason_on_the_difference_page(klien, versi_sampel):
    baru, ind, url = _editor_indikator(klien, versi_sampel)
    r = klien.post(url, {"asli-target-0-2024": "97%", "target-0-2024": "96%", "alasan": "Target realistis"})
    assert r.status_code == 302
    html = klien.get(reverse("renstra:beda", args=[baru.pk])).content.decode()
    assert "1 perbedaan" in html and "Target realistis" in html and "Perencana Subbag Program" in html
    assert "Alasan" in html and "Oleh" in html and "Waktu" in html
    isi = klien.get(reverse("renstra:unduh_beda", args=[baru.pk]) + f"?dengan={versi_sampel.pk}").content
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    assert wb.sheetnames == ["Tabel Beda", "Tabel Dampak pagu"]
    nilai = [c.value for row in wb["Tabel Beda"].iter_rows() for c in row]
    assert "Target realistis" in nilai and "97%" in nilai and "96%" in nilai


def test_a_conflicting_cell_is_marked_and_the_typed_value_kept(klien, versi_sampel):
    baru, ind, url = _editor_indikator(klien, versi_sampel)
    services.ubah_rencana(
        pengguna=SISTEM, versi=baru, objek=ind, target={(None, 2024): ("97%", "95%")}, alasan="orang lain"
    )
    r = klien.post(url, {"asli-target-0-2024": "97%", "target-0-2024": "96%", "alasan": "saya"})
    html = r.content.decode()
    assert "sudah diubah orang lain" in html and "Sudah diubah orang lain menjadi &#x27;95%&#x27;" in html
    assert 'name="asli-target-0-2024" value="95%"' in html and 'name="target-0-2024" value="96%"' in html
    assert Target.objects.get(indikator=ind, lokasi=None, tahun=2024).teks == "95%"


def test_the_service_refuses_a_change_without_a_reason_or_by_a_non_planner(versi_sampel, django_user_model):
    from django.core.exceptions import PermissionDenied, ValidationError

    baru = buat_perubahan(versi=versi_sampel, nama="Perubahan layanan", pengguna=SISTEM)
    ind = Indikator.objects.get(node__versi=baru, nama=IND_PERSEN)
    with pytest.raises(ValidationError) as e:
        services.ubah_rencana(
            pengguna=SISTEM, versi=baru, objek=ind, target={(None, 2024): ("97%", "96%")}, alasan=" "
        )
    assert set(e.value.message_dict) == {"alasan"}
    operator = django_user_model.objects.get(username="operator-gedog")
    with pytest.raises(PermissionDenied):
        services.ubah_rencana(
            pengguna=operator, versi=baru, objek=ind, target={(None, 2024): ("97%", "96%")}, alasan="coba"
        )
    assert Target.objects.get(indikator=ind, lokasi=None, tahun=2024).teks == "97%"
    assert (
        services.ubah_rencana(pengguna=SISTEM, versi=baru, objek=ind, target={(None, 2024): ("97%", "97%")})
        == 0
    )
