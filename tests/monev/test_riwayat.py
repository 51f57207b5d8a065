"""The history of a realisation speaks in words and local time, not in stored keys."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from kinerja.core.models import CatatanAudit
from kinerja.monev import services

pytestmark = pytest.mark.django_db


def test_the_history_page_names_actions_and_fields_and_shows_local_time(client, sampel):
    op = get_user_model().objects.get(username="operator-gedog")
    r = services.simpan_realisasi(
        pengguna=op,
        indikator=sampel.baris("Gedog"),
        lokasi=sampel.unit["Gedog"],
        tahun=2022,
        triwulan=4,
        teks="5",
        revisi=None,
        faktor_penghambat="Hujan",
    )
    client.force_login(get_user_model().objects.get(username="lurah-gedog"))
    html = client.get(reverse("monev:riwayat", args=["realisasi", r.pk])).content.decode()
    assert "Realisasi diisi" in html and "Faktor penghambat" in html and "(kosong) → Hujan" in html
    for mentah in ("realisasi.isi", "faktor_penghambat", "monev.realisasi"):
        assert mentah not in html
    c = CatatanAudit.objects.get(aksi="realisasi.isi", objek_id=str(r.pk))
    lokal = timezone.localtime(c.waktu)  # Asia/Jakarta
    assert lokal.utcoffset().total_seconds() == 7 * 3600
    assert f"{lokal:%d-%m-%Y %H.%M}" in html
    assert re.search(r"\d{2}-\d{2}-\d{4} \d{2}\.\d{2}", html)


@pytest.mark.parametrize(
    "kembali",
    [
        "//evil.example",
        "https://evil.example",
        "//evil.example/monev/",
        "/\\evil.example",
        "javascript:alert(1)",
    ],
)
def test_the_history_pages_way_back_never_leads_off_the_site(client, versi_sampel, kembali):
    from kinerja.monev.models import Laporan

    lap = Laporan.objects.filter(unit__pd=versi_sampel.pd, unit__nama_pendek="Gedog").first()
    assert lap is not None
    client.force_login(get_user_model().objects.get(username="lurah-gedog"))
    r = client.get(reverse("monev:riwayat", args=["laporan", lap.pk]), {"kembali": kembali})
    assert r.status_code == 200
    assert r.context["kembali"] == ""
    assert "evil.example" not in r.content.decode() and "javascript:" not in r.content.decode()


def test_the_history_pages_way_back_keeps_a_local_path(client, versi_sampel):
    from kinerja.monev.models import Laporan

    lap = Laporan.objects.filter(unit__pd=versi_sampel.pd, unit__nama_pendek="Gedog").first()
    client.force_login(get_user_model().objects.get(username="lurah-gedog"))
    r = client.get(reverse("monev:riwayat", args=["laporan", lap.pk]), {"kembali": "/monev/1/isian/"})
    assert r.context["kembali"] == "/monev/1/isian/" and 'href="/monev/1/isian/"' in r.content.decode()
