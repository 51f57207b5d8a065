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
