"""Survey kiosks administered in the app: only administrators see them, names and limits bounded, the
two secret addresses replaced separately (the old one refused at once, in words), switching off, and
the printable QR poster."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from django.urls import reverse

from kinerja.core.models import CatatanAudit
from kinerja.skm.models import Kios, Respons
from tests.kelola.bantu_layanan import admin_pd, pd_lain

pytestmark = pytest.mark.django_db

TIDAK_BERLAKU = "Alamat survei ini tidak berlaku lagi"


@pytest.fixture
def kios(versi_sampel):
    return Kios.objects.filter(unit__pd=versi_sampel.pd, unit__nama_pendek="Gedog").order_by("pk").first()


def _jawaban() -> dict:
    return {"id": str(uuid.uuid4()), "jawaban": {f"U{i}": 4 for i in range(1, 10)}}


def _kirim(client, token: str):
    return client.post(
        reverse("skm:kirim", args=[token]), data=json.dumps(_jawaban()), content_type="application/json"
    )


@pytest.mark.parametrize(
    ("akun", "boleh"),
    [
        ("admin-kota", True),
        ("admin-pd", True),
        ("admin", True),
        ("perencana", False),  # the tablets' secret addresses are for administrators only
        ("camat", False),
        ("verifikator", False),
        ("operator-gedog", False),
        ("admin-dinas", False),
    ],
)
def test_only_the_pds_and_the_pemdas_administrators_open_the_kiosk_pages(
    masuk, versi_sampel, kios, akun, boleh
):
    pd = versi_sampel.pd
    admin_pd(pd)
    pd_lain(pd)
    c = masuk(akun)
    for url in (
        reverse("kelola:kios", args=[pd.pk]),
        reverse("kelola:kios_ubah", args=[pd.pk, kios.pk]),
        reverse("kelola:kios_cetak", args=[pd.pk, kios.pk]),
    ):
        r = c.get(url)
        assert r.status_code == (200 if boleh else 403), url
        # The tablet's secret address shows on the kiosk's own page only.
        assert (kios.token in r.content.decode()) is (boleh and url.endswith(f"/{kios.pk}/"))
    token = kios.token_ponsel
    r = c.post(reverse("kelola:kios_atur", args=[pd.pk, kios.pk]), {"aksi": "ganti_ponsel"})
    assert r.status_code == (302 if boleh else 403)
    kios.refresh_from_db()
    assert (kios.token_ponsel != token) is boleh


def test_a_kiosk_is_created_for_a_unit_of_the_pd_with_bounded_name_and_limit(masuk, versi_sampel):
    pd = versi_sampel.pd
    gedog = pd.unit_set.get(nama_pendek="Gedog")
    lain = pd_lain(pd)
    c = masuk("admin-kota")
    url = reverse("kelola:kios", args=[pd.pk])
    for isian, pesan in (
        ({"unit": "", "batas_per_menit": "240"}, "Pilih unit tempat kios dipasang."),
        ({"unit": lain.unit_set.get().pk, "batas_per_menit": "240"}, "Pilih unit tempat kios dipasang."),
        ({"unit": "abc", "batas_per_menit": "240"}, "Pilih unit tempat kios dipasang."),
        ({"unit": gedog.pk, "batas_per_menit": "19"}, "Batas kiriman per menit diisi bilangan bulat 20–1000"),
        (
            {"unit": gedog.pk, "batas_per_menit": "1001"},
            "Batas kiriman per menit diisi bilangan bulat 20–1000",
        ),
        (
            {"unit": gedog.pk, "batas_per_menit": "9" * 60},
            "Batas kiriman per menit diisi bilangan bulat 20–1000",
        ),
        (
            {"unit": gedog.pk, "batas_per_menit": "240", "nama": "K" * 101},
            "Nama kios paling panjang 100 huruf",
        ),
    ):
        sebelum = Kios.objects.count()
        r = c.post(url, isian)
        assert r.status_code == 400 and pesan in r.content.decode(), isian
        assert Kios.objects.count() == sebelum
    r = c.post(url, {"unit": gedog.pk, "nama": "  Kios   lobi  ", "batas_per_menit": "120"})
    k = Kios.objects.get(nama="Kios lobi")
    assert r.status_code == 302 and (k.unit, k.batas_per_menit, k.aktif) == (gedog, 120, True)
    assert k.token != k.token_ponsel
    r = c.post(url, {"unit": gedog.pk, "nama": "", "batas_per_menit": "240"})
    assert Kios.objects.filter(unit=gedog, nama="Kios Gedog").exists()


def test_renaming_and_a_new_limit_are_audited_from_and_to(masuk, versi_sampel, kios):
    pd = versi_sampel.pd
    c = masuk("admin-kota")
    url = reverse("kelola:kios_ubah", args=[pd.pk, kios.pk])
    lama = kios.nama
    r = c.post(url, {"nama": "Kios ruang tunggu", "batas_per_menit": "lima"})
    assert r.status_code == 400 and 'value="Kios ruang tunggu"' in r.content.decode()
    assert c.post(url, {"nama": "Kios ruang tunggu", "batas_per_menit": "300"}).status_code == 302
    kios.refresh_from_db()
    assert (kios.nama, kios.batas_per_menit) == ("Kios ruang tunggu", 300)
    a = CatatanAudit.objects.get(aksi="kios.ubah", objek_id=str(kios.pk))
    assert a.perubahan == {"nama": [lama, "Kios ruang tunggu"], "batas_per_menit": [240, 300]}


def test_a_new_kiosk_address_refuses_the_old_one_at_once_and_leaves_the_phone_link(
    client, masuk, versi_sampel, kios
):
    pd = versi_sampel.pd
    lama, ponsel = kios.token, kios.token_ponsel
    assert client.get(reverse("skm:kios", args=[lama])).status_code == 200
    masuk("admin-kota").post(reverse("kelola:kios_atur", args=[pd.pk, kios.pk]), {"aksi": "ganti_kios"})
    client.logout()
    kios.refresh_from_db()
    assert kios.token != lama and kios.token_ponsel == ponsel
    r = client.get(reverse("skm:kios", args=[lama]))
    assert r.status_code == 404 and TIDAK_BERLAKU in r.content.decode()
    sebelum = Respons.objects.count()
    assert _kirim(client, lama).status_code == 404  # the tablet keeps its queue and says why
    assert Respons.objects.count() == sebelum
    assert client.get(reverse("skm:kios", args=[kios.token])).status_code == 200
    assert _kirim(client, kios.token).status_code == 201
    assert client.get(reverse("skm:isi", args=[ponsel])).status_code == 200
    a = CatatanAudit.objects.get(aksi="kios.ganti_kios", objek_id=str(kios.pk))
    # The audit names the addresses by their last characters only, never the secret itself.
    assert a.perubahan == {"token": [f"…{lama[-4:]}", f"…{kios.token[-4:]}"]}
    assert lama not in json.dumps(a.perubahan)


def test_a_new_phone_address_refuses_the_old_qr_code_and_leaves_the_tablet(client, masuk, versi_sampel, kios):
    pd = versi_sampel.pd
    tablet, lama = kios.token, kios.token_ponsel
    masuk("admin-kota").post(reverse("kelola:kios_atur", args=[pd.pk, kios.pk]), {"aksi": "ganti_ponsel"})
    client.logout()
    kios.refresh_from_db()
    assert kios.token == tablet and kios.token_ponsel != lama
    for url in (reverse("skm:isi", args=[lama]), reverse("skm:qr", args=[lama])):
        r = client.get(url)
        assert r.status_code == 404
    assert TIDAK_BERLAKU in client.get(reverse("skm:isi", args=[lama])).content.decode()
    assert client.get(reverse("skm:isi", args=[kios.token_ponsel])).status_code == 200
    assert client.get(reverse("skm:kios", args=[tablet])).status_code == 200


def test_a_switched_off_kiosk_refuses_both_addresses_and_its_answers_stay(client, masuk, versi_sampel, kios):
    pd = versi_sampel.pd
    n = Respons.objects.filter(kios=kios).count()
    c = masuk("admin-kota")
    c.post(reverse("kelola:kios_atur", args=[pd.pk, kios.pk]), {"aksi": "nonaktifkan"})
    r = c.get(reverse("kelola:kios_cetak", args=[pd.pk, kios.pk]))
    assert r.status_code == 403 and "Aktifkan dulu kiosnya" in r.content.decode()
    c.logout()
    assert TIDAK_BERLAKU in client.get(reverse("skm:kios", args=[kios.token])).content.decode()
    assert TIDAK_BERLAKU in client.get(reverse("skm:isi", args=[kios.token_ponsel])).content.decode()
    assert Respons.objects.filter(kios=kios).count() == n
    masuk("admin-kota").post(reverse("kelola:kios_atur", args=[pd.pk, kios.pk]), {"aksi": "aktifkan"})
    assert client.get(reverse("skm:kios", args=[kios.token])).status_code == 200
    assert [a.perubahan["aktif"] for a in CatatanAudit.objects.filter(aksi="kios.status").order_by("pk")] == [
        [True, False],
        [False, True],
    ]


def test_the_poster_carries_the_unit_the_phone_address_and_its_qr_code(masuk, versi_sampel, kios):
    pd = versi_sampel.pd
    c = masuk("admin-kota")
    html = c.get(reverse("kelola:kios_cetak", args=[pd.pk, kios.pk])).content.decode()
    alamat = f"http://testserver/skm/isi/{kios.token_ponsel}/"
    assert alamat in html and kios.unit.nama in html
    assert re.search(r'<svg viewBox="0 0 \d+ \d+" class="segno"><title>Kode QR survei kepuasan', html)
    assert "poster-a5" in html and kios.token not in html  # the tablet's secret is not printed
    assert (
        "poster-a4"
        in c.get(reverse("kelola:kios_cetak", args=[pd.pk, kios.pk]) + "?ukuran=a4").content.decode()
    )
    r = c.get(reverse("kelola:kios_cetak", args=[pd.pk, kios.pk]) + "?ukuran=<b>")
    assert r.status_code == 200 and "Ukuran kertas tidak dikenal" in r.content.decode()
    assert c.post(reverse("kelola:kios_atur", args=[pd.pk, kios.pk]), {"aksi": "ledakkan"}).status_code == 403
    assert c.get(f"/kelola/kios/{pd.pk}/{'9' * 40}/").status_code == 404


def test_a_deactivated_unit_gets_no_new_kiosk_and_is_not_offered(masuk, versi_sampel):
    pd = versi_sampel.pd
    gedog = pd.unit_set.get(nama_pendek="Gedog")
    gedog.aktif = False
    gedog.save(update_fields=["aktif"])
    c = masuk("admin-kota")
    url = reverse("kelola:kios", args=[pd.pk])
    assert f'<option value="{gedog.pk}"' not in c.get(url).content.decode()
    sebelum = Kios.objects.count()
    r = c.post(url, {"unit": gedog.pk, "nama": "Kios baru", "batas_per_menit": "240"})
    assert r.status_code == 400
    assert "sudah nonaktif: kios baru tidak dipasang di sana." in r.content.decode()
    assert Kios.objects.count() == sebelum
