"""The results page writes counts with a thousands separator and every NRR with two decimals."""

import re
from fractions import Fraction

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kinerja.skm.models import Respons

pytestmark = pytest.mark.django_db


def test_respondents_and_nrr_are_written_the_indonesian_way(client, versi_sampel):
    client.force_login(get_user_model().objects.get(username="camat"))
    html = client.get(reverse("skm:hasil", args=[versi_sampel.pd_id]) + "?tahun=2022").content.decode()
    semua = Respons.objects.filter(unit__pd=versi_sampel.pd, waktu__year=2022)
    n = semua.count()
    assert n >= 1000  # the sample holds about 2.370 questionnaires for 2022
    bertitik = f"{n // 1000}.{n % 1000:03d}"
    assert f"<strong>{bertitik}</strong> responden" in html and f"{bertitik} responden. NRR" in html
    assert not re.search(rf"(?<![\d.]){n}(?![\d.])", html)
    # NRR U1 by hand: sum of answers ÷ number of answers (unanswered left out), shown with two decimals.
    nilai = [x for x in semua.values_list("u1", flat=True) if x is not None]
    nrr = Fraction(sum(nilai), len(nilai))
    dua = (nrr * 100 + Fraction(1, 2)).__floor__()  # half up
    assert f"{dua // 100},{dua % 100:02d}" in html
    baris_nrr = re.search(r"NRR per unsur</td>(.*?)</tr>", html).group(1)
    sel = re.findall(r">([^<]*)</td>", baris_nrr)
    assert sel and all(re.fullmatch(r"\d,\d{2}", x) for x in sel if x)
    assert re.search(r"\(NRR \d,\d{2}\)", html)  # the weakest unsur
