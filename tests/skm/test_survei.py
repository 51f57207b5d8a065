"""The kiosk and phone form store each questionnaire once; results and the paper-form command."""

from __future__ import annotations

import datetime as dt
import json
import math
import uuid
from fractions import Fraction

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from kinerja.skm import ikm
from kinerja.skm.models import Kios, Respons
from tests.hitung_tangan import setengah_ke_atas

pytestmark = pytest.mark.django_db


@pytest.fixture
def kios(versi_sampel):
    return Kios.objects.select_related("unit").get(unit__pd=versi_sampel.pd, unit__nama_pendek="Gedog")


def _kirim(client, k, **lain):
    data = {
        "id": str(uuid.uuid4()),
        "jawaban": {u: 3 for u in ikm.UNSUR},
        # An hour ago: within the offline window, in the current (unreported) quarter.
        "waktu": (timezone.now() - dt.timedelta(hours=1)).isoformat(),
        **lain,
    }
    return client.post(
        reverse("skm:kirim", args=[k.token]), json.dumps(data), content_type="application/json"
    ), data


def test_the_same_kiosk_questionnaire_sent_twice_is_stored_once(client, kios):
    sebelum = Respons.objects.count()
    r, data = _kirim(client, kios)
    assert r.status_code == 201 and r.json()["baru"] is True
    r2 = client.post(
        reverse("skm:kirim", args=[kios.token]), json.dumps(data), content_type="application/json"
    )
    assert r2.status_code == 200 and r2.json()["baru"] is False
    assert Respons.objects.count() == sebelum + 1
    disimpan = Respons.objects.get(id_klien=data["id"])
    assert disimpan.unit == kios.unit and disimpan.sumber == "kios" and disimpan.u1 == 3


def test_a_kiosk_needs_every_unsur_and_answers_1_to_4(client, kios):
    r, _ = _kirim(client, kios, jawaban={u: 3 for u in ikm.UNSUR[:-1]})
    assert r.status_code == 400 and "U9" in r.json()["galat"]
    r, _ = _kirim(client, kios, jawaban={u: 5 for u in ikm.UNSUR})
    assert r.status_code == 400 and "1, 2, 3 atau 4" in r.json()["galat"]
    r = client.post(reverse("skm:kirim", args=[kios.token]), "bukan json", content_type="application/json")
    assert r.status_code == 400
    assert (
        client.post(
            reverse("skm:kirim", args=["token-salah"]), "{}", content_type="application/json"
        ).status_code
        == 404
    )


def test_a_kiosk_is_rate_limited(client, kios, monkeypatch):
    from kinerja.core import batas

    monkeypatch.setattr(batas, "_kini", lambda: 6_000_000.0)  # all four in one window
    kios.batas_per_menit = 3
    kios.save()
    kode = [_kirim(client, kios)[0].status_code for _ in range(4)]
    assert kode == [201, 201, 201, 429]


def test_the_phone_form_stores_once_and_keeps_answers_on_error(client, kios):
    url = reverse("skm:isi", args=[kios.token_ponsel])
    halaman = client.get(url).content.decode()
    assert "Persyaratan" in halaman and 'name="id"' in halaman
    id_ = str(uuid.uuid4())
    jawaban = {u: "4" for u in ikm.UNSUR[:-1]}
    r = client.post(url, {"id": id_, **jawaban})
    assert "U9" in r.content.decode() and 'value="4" required checked' in r.content.decode()
    r = client.post(url, {"id": id_, **jawaban, "U9": "2"})
    assert "Terima kasih" in r.content.decode()
    client.post(url, {"id": id_, **jawaban, "U9": "2"})
    assert Respons.objects.filter(id_klien=id_).count() == 1


def test_the_results_page_shows_the_ikm_from_individual_answers(client, versi_sampel, kios):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="lurah-gedog"))
    r = client.get(reverse("skm:hasil", args=[versi_sampel.pd_id]) + "?tahun=2022")
    teks = r.content.decode()
    jawaban = Respons.objects.filter(unit=kios.unit, waktu__year=2022).values(
        *[f"u{i}" for i in range(1, 10)]
    )
    # Independently: IKM = Σ_u (Σ answers_u ÷ answers to u) · 1/9 · 25, rounded half up once.
    tepat = sum(
        Fraction(sum(x[f"u{i}"] for x in jawaban if x[f"u{i}"]), sum(1 for x in jawaban if x[f"u{i}"]))
        / 9
        * 25
        for i in range(1, 10)
    )
    harap = str(setengah_ke_atas(tepat)).replace(".", ",")
    assert f'<strong id="nilai-ikm">{harap}</strong>' in teks
    assert "Kelurahan Rembang" not in teks  # a lurah reads his own kelurahan only
    # Enough questionnaires? Krejcie & Morgan with the year's services at Gedog as the population,
    # worked out here with fractions: S = 3,841·N·¼ ÷ (0,05²·(N−1) + 3,841·¼), rounded up.
    from kinerja.layanan.models import Pelayanan

    n = sum(
        1
        for p in Pelayanan.objects.filter(unit=kios.unit).only("diterima")
        if timezone.localtime(p.diterima).year == 2022
    )
    assert n > 0
    lam, pq, d = Fraction("3.841"), Fraction(1, 4), Fraction("0.05")
    minimum = math.ceil(lam * n * pq / (d * d * (n - 1) + lam * pq))
    responden = len(jawaban)

    def rb(x: int) -> str:
        return f"{x:,}".replace(",", ".")

    if responden >= minimum:
        assert f"Cukup</span> {rb(responden)} ≥ {rb(minimum)}." in teks
    else:
        assert f"Belum cukup</span> baru {rb(responden)} responden; perlu {rb(minimum)}." in teks


def test_rembang_has_too_few_questionnaires_for_its_services(client, versi_sampel):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="camat"))
    rembang = versi_sampel.pd.unit_set.get(nama_pendek="Rembang")
    teks = client.get(
        reverse("skm:hasil", args=[versi_sampel.pd_id]) + f"?tahun=2022&unit={rembang.pk}"
    ).content.decode()
    assert "Belum cukup" in teks


def test_the_processing_table_downloads_and_raw_answers_carry_no_names(client, versi_sampel):
    import io

    import openpyxl
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="camat"))
    r = client.get(reverse("skm:olah_xlsx", args=[versi_sampel.pd_id]) + "?tahun=2022")
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    assert any(c.value == "NRR per unsur" for row in ws.iter_rows() for c in row)
    csv = client.get(reverse("skm:respons_csv", args=[versi_sampel.pd_id]) + "?tahun=2022").content.decode(
        "utf-8-sig"
    )
    assert csv.splitlines()[0].startswith("waktu;unit;layanan;sumber;umur")


def _csv(tmp_path, teks):
    p = tmp_path / "kuesioner.csv"
    p.write_text(teks, encoding="utf-8")
    return str(p)


def test_skm_ikm_command_on_paper_questionnaires(tmp_path, capsys):
    baris = ["nama,U1,U2,U3,U4,U5,U6,U7,U8,U9"]
    baris += ["a," + ",".join(["4"] * 9)] * 3
    baris += ["b,3,3,3,3,3,3,3,3,"]
    call_command("skm", "ikm", _csv(tmp_path, "\n".join(baris)), "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["responden"] == 4 and data["nrr"]["U9"] == 4 and data["nrr"]["U1"] == 3.75
    # NRR U1…U8 = 15/4, U9 = 4: IKM = (8 · 15/4 + 4) / 9 · 25 = 34/9 · 25 = 94,444… → 94,44
    assert data["ikm"] == 94.44 and data["mutu"] == "A" and data["kinerja"] == "Sangat Baik"


def test_skm_ikm_command_refuses_rows_outside_1_to_4_with_their_row_numbers(tmp_path):
    teks = "U1;U2;U3;U4;U5;U6;U7;U8;U9\n4;4;4;4;4;4;4;4;4\n4;5;4;4;4;4;4;4;4\n0;4;4;4;4;4;4;4;4\n"
    with pytest.raises(CommandError) as e:
        call_command("skm", "ikm", _csv(tmp_path, teks))
    assert "baris 3: U2 = '5'" in str(e.value) and "baris 4: U1 = '0'" in str(e.value)


def test_skm_sampel_command(capsys):
    call_command("skm", "sampel", "1000")
    assert capsys.readouterr().out.strip() == "278"


def test_a_refused_phone_questionnaire_keeps_everything_typed(client, kios):
    sebelum = Respons.objects.count()
    data = {
        "id": str(uuid.uuid4()),
        **{u: "3" for u in ikm.UNSUR[:8]},  # U9 left unanswered
        "umur": "5",
        "pendidikan": "sma",
        "saran": "Antrean terlalu lama di loket",
    }
    r = client.post(reverse("skm:isi", args=[kios.token_ponsel]), data)
    teks = r.content.decode()
    assert r.status_code == 200 and Respons.objects.count() == sebelum
    assert 'role="alert"' in teks
    assert ">Antrean terlalu lama di loket</textarea>" in teks
    assert (
        'name="umur" id="isian-umur" inputmode="numeric" maxlength="3" autocomplete="off" value="5"' in teks
    )
    # Both problems at once, each linked to its field, which is marked invalid and described.
    assert '<a href="#isian-umur">Umur di luar 10–110 tahun.</a>' in teks
    assert '<a href="#isian-U9">Unsur U9' in teks
    assert 'id="isian-U9" aria-invalid="true" aria-describedby="galat-U9"' in teks
    assert '<option value="sma" selected>' in teks


def test_the_phone_form_says_when_this_device_already_sent_a_questionnaire(client, kios):
    url = reverse("skm:isi", args=[kios.token_ponsel])
    assert "sudah kami terima pukul" not in client.get(url).content.decode()
    data = {"id": str(uuid.uuid4()), **{u: "4" for u in ikm.UNSUR}}
    assert "Terima kasih" in client.post(url, data).content.decode()
    # Back to the form (as the browser's Back button does): the form says it was already sent.
    teks = client.get(url).content.decode()
    assert "Jawaban dari perangkat ini sudah kami terima pukul" in teks
